//! Emulator controls for the chat area: `POST /_roster/v1/collaborations {"tenant_keys":[a,b]}`
//! makes two tenants collaborate at once (as if both admins had approved through
//! `/open-apis/roster/v1/collaborations`), and `PATCH /_roster/v1/apps/{app_id}/bot {"enabled"}`
//! turns an app's bot ability off and on (every IM endpoint needs it: 232025).

use crate::http::errors::ApiError;
use crate::http::extract::{Json, Path};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::Error;
use roster_domain::services::chats::policy;
use roster_proto::chat_admin::EstablishCollaboration;
use serde_json::{Value, json};

pub async fn establish(
    State(state): State<AppState>,
    Json(req): Json<EstablishCollaboration>,
) -> Result<Reply<Value>, ApiError> {
    let keys = req.tenant_keys.unwrap_or_default();
    let [a, b] =
        <[String; 2]>::try_from(keys).map_err(|_| ApiError::invalid("tenant_keys", "must name exactly two tenants"))?;
    let env = state.env();
    let (ka, kb) = (a.clone(), b.clone());
    let c = state.db.write(move |tx| policy::establish_collaboration(tx, &env, &ka, &kb)).await?;
    Ok(Reply(json!({
        "tenant_keys": [a, b],
        "status": if c.is_active() { "active" } else { "pending" },
        "activate_time": c.activated_at.map(|t| t.secs().to_string()),
    })))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct BotSwitch {
    enabled: Option<bool>,
}

pub async fn set_bot(
    State(state): State<AppState>,
    Path(app_id): Path<String>,
    Json(req): Json<BotSwitch>,
) -> Result<Reply<Value>, ApiError> {
    let on = req.enabled.ok_or_else(|| ApiError::invalid("enabled", "is required"))?;
    let app = state
        .db
        .write(move |tx| {
            let mut app = tx.app_by_app_id(&app_id)?.ok_or(Error::NotFound { what: "app" })?;
            app.bot_enabled = on;
            tx.update_app(&app)?;
            Ok(app)
        })
        .await?;
    state.auth_cache.invalidate_tenant(app.tenant);
    Ok(Reply(json!({ "app_id": app.app_id, "bot_enabled": app.bot_enabled })))
}
