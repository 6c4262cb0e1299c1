//! Handlers of the emulator's control endpoints.

use super::Fault;
use crate::http::errors::ApiError;
use crate::http::extract::{Json, Path, Query};
use crate::http::reply::{Reply, empty};
use crate::state::AppState;
use axum::extract::State;
use roster_domain::Clock;
use roster_domain::ids::UserIdType;
use roster_domain::model::App;
use roster_domain::services::events::SubscriptionChange;
use roster_domain::services::tenancy::{self, AdminSpec, Provisioned, TenantSpec};
use roster_domain::services::{Caller, auth, demo, ids};
use roster_domain::{Error, model::TokenKind};
use roster_proto::emulator::*;
use serde::Deserialize;
use std::sync::Arc;

/// The credentials of a tenant in the shape of `GET /_roster/v1/demo`.
pub fn credentials(state: &AppState, p: &Provisioned) -> TenantCredentials {
    let env = state.env();
    TenantCredentials {
        tenant_key: p.tenant.tenant_key.clone(),
        app_id: p.app.app_id.clone(),
        app_secret: p.app.app_secret.clone(),
        verification_token: p.app.verification_token.clone(),
        encrypt_key: p.app.encrypt_key.clone(),
        admin: AdminIds {
            open_id: env.open_id(&p.app, p.admin.id),
            union_id: env.union_id(&p.app, p.admin.id),
            user_id: p.admin.user_id.clone(),
        },
    }
}

pub async fn demo(State(state): State<AppState>) -> Result<Reply<TenantCredentials>, ApiError> {
    let p = state
        .db
        .read(|tx| tenancy::load_provisioned(tx, demo::TENANT_KEY))
        .await?
        .ok_or(Error::NotFound { what: "demo tenant (POST /_roster/v1/reset recreates it)" })?;
    Ok(Reply(credentials(&state, &p)))
}

pub async fn create_tenant(
    State(state): State<AppState>,
    Json(req): Json<CreateTenantRequest>,
) -> Result<Reply<TenantCredentials>, ApiError> {
    let name = req.name.unwrap_or_default();
    let env = state.env();
    let p = state
        .db
        .write(move |tx| {
            let key = tenancy::random_hex(8);
            let spec = TenantSpec {
                name: name.clone(),
                tenant_key: Some(key.clone()),
                admin: AdminSpec {
                    name: format!("{} Admin", name.trim()),
                    email: Some(format!("admin@{key}.roster.local")),
                    password: Some(demo::PASSWORD.into()),
                    ..Default::default()
                },
                ..Default::default()
            };
            tenancy::provision_tenant(tx, &env, &spec)
        })
        .await?;
    Ok(Reply(credentials(&state, &p)))
}

pub async fn user_access_token(
    State(state): State<AppState>,
    Json(req): Json<UserAccessTokenRequest>,
) -> Result<Reply<UserAccessTokenResponse>, ApiError> {
    let app_id = req.app_id.filter(|s| !s.is_empty()).ok_or_else(|| ApiError::invalid("app_id", "is required"))?;
    let user_id = req.user_id.filter(|s| !s.is_empty()).ok_or_else(|| ApiError::invalid("user_id", "is required"))?;
    let id_type = match req.user_id_type.as_deref() {
        None => UserIdType::OpenId,
        Some(t) => UserIdType::parse(t)
            .ok_or_else(|| ApiError::invalid("user_id_type", "must be open_id, union_id or user_id"))?,
    };
    let env = state.env();
    let tokens = state
        .db
        .write(move |tx| {
            let app = tx.app_by_app_id(&app_id)?.ok_or(Error::NotFound { what: "app" })?;
            let caller = app_caller(app.clone());
            let user = ids::require_user(tx, &env, &caller, id_type, &user_id)?;
            auth::issue_user_tokens(tx, &env, &app, &user)
        })
        .await?;
    Ok(Reply(UserAccessTokenResponse { access_token: tokens.access.token, expires_in: tokens.access.expire_secs }))
}

/// A tenant-token caller for `app`, for emulator lookups in the app's own id space.
fn app_caller(app: App) -> Caller {
    let tenant = app.tenant;
    Caller {
        app: Arc::new(app),
        tenant,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: roster_domain::Timestamp(i64::MAX),
    }
}

pub async fn clock_now(State(state): State<AppState>) -> Reply<ClockResponse> {
    Reply(ClockResponse { now: state.clock.now().secs() })
}

pub async fn clock_advance(
    State(state): State<AppState>,
    Json(req): Json<ClockAdvanceRequest>,
) -> Result<Reply<ClockResponse>, ApiError> {
    let seconds = req.seconds.ok_or_else(|| ApiError::invalid("seconds", "is required"))?;
    if !(0..=10 * 365 * 86_400).contains(&seconds) {
        return Err(ApiError::invalid("seconds", "must be between 0 and ten years; time only moves forward"));
    }
    let offset = state.clock.advance(seconds * 1000);
    state.db.write(move |tx| tx.meta_set(crate::startup::CLOCK_OFFSET_KEY, &offset.to_string())).await?;
    // What the new time makes due (purges, exits, dissolutions) is done before the answer.
    crate::jobs::lifecycle::sweep(&state).await;
    Ok(Reply(ClockResponse { now: state.clock.now().secs() }))
}

fn emulator(state: &AppState) -> &super::Emulator {
    state.emulator.as_ref().expect("emulator routes exist only with the emulator")
}

pub async fn add_fault(
    State(state): State<AppState>,
    Json(req): Json<FaultRequest>,
) -> Result<Reply<serde_json::Value>, ApiError> {
    let path_pattern =
        req.path_pattern.filter(|p| !p.is_empty()).ok_or_else(|| ApiError::invalid("path_pattern", "is required"))?;
    let http_status = req.http_status.unwrap_or(500);
    if !(200..=599).contains(&http_status) {
        return Err(ApiError::invalid("http_status", "must be 200-599"));
    }
    let times = req.times.unwrap_or(1);
    if times == 0 {
        return Err(ApiError::invalid("times", "must be at least 1"));
    }
    let fault = Fault {
        method: req.method.map(|m| m.to_ascii_uppercase()).unwrap_or_else(|| "*".into()),
        path_pattern,
        http_status,
        code: req.code.unwrap_or(roster_proto::codes::roster::FAULT_INJECTED.code),
        msg: req.msg.unwrap_or_else(|| roster_proto::codes::roster::FAULT_INJECTED.msg.into()),
        times,
    };
    emulator(&state).faults.add(fault.clone());
    Ok(Reply(serde_json::json!({ "fault": fault })))
}

pub async fn clear_faults(State(state): State<AppState>) -> Reply<roster_proto::envelope::Empty> {
    emulator(&state).faults.clear();
    empty()
}

pub async fn list_faults(State(state): State<AppState>) -> Reply<serde_json::Value> {
    Reply(serde_json::json!({ "items": emulator(&state).faults.list() }))
}

#[derive(Deserialize)]
pub struct RequestsQuery {
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    limit: Option<i64>,
}

pub async fn requests(
    State(state): State<AppState>,
    Query(q): Query<RequestsQuery>,
) -> Result<Reply<RequestLog>, ApiError> {
    let limit = q.limit.unwrap_or(50);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::invalid("limit", "must be 1-1000"));
    }
    Ok(Reply(RequestLog { items: emulator(&state).requests.recent(limit as usize) }))
}

pub async fn reset(State(state): State<AppState>) -> Result<Reply<TenantCredentials>, ApiError> {
    state.clock.reset();
    let env = state.env();
    let generation = state.events.generation_handle();
    let p = state
        .db
        .write(move |tx| {
            crate::events::bump(&generation);
            tx.wipe_all_data()?;
            tx.meta_set(crate::startup::CLOCK_OFFSET_KEY, "0")?;
            demo::seed(tx, &env)
        })
        .await?;
    state.auth_cache.clear();
    emulator(&state).faults.clear();
    emulator(&state).requests.clear();
    state.limiter.set_enabled(state.config.rate_limits.enabled);
    Ok(Reply(credentials(&state, &p)))
}

/// Sets where the app's events go, which types, and (emulator only) its Encrypt Key; a new URL is
/// sent the url_verification challenge before the answer comes back.
pub async fn patch_app(
    State(state): State<AppState>,
    Path(app_id): Path<String>,
    Json(req): Json<AppEventSettings>,
) -> Result<Reply<roster_proto::events::api::Subscription>, ApiError> {
    let app = state.db.read(move |tx| tx.app_by_app_id(&app_id)).await?.ok_or(Error::NotFound { what: "app" })?;
    let change =
        SubscriptionChange { event_url: req.event_url, event_types: req.event_types, encrypt_key: req.encrypt_key };
    Ok(Reply(crate::api::events::apply_and_verify(&state, app.id, change).await?))
}

pub async fn rate_limits(
    State(state): State<AppState>,
    Json(req): Json<RateLimitSwitch>,
) -> Result<Reply<serde_json::Value>, ApiError> {
    let on = req.enabled.ok_or_else(|| ApiError::invalid("enabled", "is required"))?;
    state.limiter.set_enabled(on);
    Ok(Reply(serde_json::json!({ "enabled": on })))
}
