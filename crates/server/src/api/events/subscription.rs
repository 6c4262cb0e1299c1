//! `GET`/`PATCH /open-apis/roster/v1/events/subscription`: where the calling app's events go and
//! which types it wants. Setting a URL sends the url_verification challenge at once; events go
//! there only once it has been echoed (the dispatcher tries again before each attempt).

use super::convert;
use crate::http::errors::ApiError;
use crate::http::extract::{Json, TenantCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::ids::AppId;
use roster_domain::services::events::{self as service, SubscriptionChange};
use roster_proto::events::api::{Subscription, SubscriptionRequest};

pub async fn get_subscription(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
) -> Result<Reply<Subscription>, ApiError> {
    let app = caller.app.id;
    let (app, endpoint) = state
        .db
        .read(move |tx| {
            let a = tx.app(app)?.ok_or(roster_domain::Error::NotFound { what: "app" })?;
            Ok((a, tx.event_endpoint(app)?))
        })
        .await?;
    let n = state.events.hub.connections(app.id);
    Ok(Reply(convert::subscription(&app, endpoint.as_ref(), n)))
}

/// Applies a change, sends the challenge when the URL (or key) is new, and answers with the
/// subscription as it then stands. Shared with the emulator's `PATCH /_roster/v1/apps/{app_id}`.
pub async fn apply_and_verify(
    state: &AppState,
    app: AppId,
    change: SubscriptionChange,
) -> Result<Subscription, ApiError> {
    if change.event_url.as_deref().is_some_and(|u| u.starts_with("https://")) {
        return Err(ApiError::invalid(
            "event_url",
            "this Roster sends events over plain http://; put TLS in front of it",
        ));
    }
    let env = state.env();
    let changed = state.db.write(move |tx| service::change_subscription(tx, &env, app, &change)).await?;
    // Cached callers carry the app; its event settings just changed.
    state.auth_cache.invalidate_tenant(changed.app.tenant);
    let mut endpoint = None;
    if let Some(e) = &changed.to_verify {
        let outcome = crate::events::verify_endpoint(state, &changed.app, e).await;
        let mut e = e.clone();
        match outcome {
            Ok(()) => e.verified_at = Some(state.env().now),
            Err(msg) => e.last_error = Some(msg),
        }
        endpoint = Some(e);
    } else {
        let id = changed.app.id;
        endpoint = state.db.read(move |tx| tx.event_endpoint(id)).await?.or(endpoint);
    }
    state.events.wake();
    let n = state.events.hub.connections(changed.app.id);
    Ok(convert::subscription(&changed.app, endpoint.as_ref(), n))
}

pub async fn patch_subscription(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Json(req): Json<SubscriptionRequest>,
) -> Result<Reply<Subscription>, ApiError> {
    if req.encrypt_key.is_some() {
        return Err(ApiError::invalid("encrypt_key", "is set in the app's settings, not through this API"));
    }
    let change = SubscriptionChange { event_url: req.event_url, event_types: req.event_types, encrypt_key: None };
    Ok(Reply(apply_and_verify(&state, caller.app.id, change).await?))
}
