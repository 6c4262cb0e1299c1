//! `POST /open-apis/roster/v1/accounts` (no token): registers a personal account with its
//! personal workspace. The answer carries the workspace's app credentials once, so its owner can
//! sign in to it through OAuth and use the Open API on it.

use super::convert::member_ids;
use crate::http::errors::ApiError;
use crate::http::extract::Json;
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::password;
use roster_domain::services::lifecycle::personal::{self, Registration};
use roster_proto::lifecycle::{AccountInfo, RegisterBody, RegisteredData, WorkspaceInfo};

fn given(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

pub async fn register(
    State(state): State<AppState>,
    Json(body): Json<RegisterBody>,
) -> Result<Reply<RegisteredData>, ApiError> {
    let password =
        body.password.filter(|p| !p.is_empty()).ok_or_else(|| ApiError::invalid("password", "is required"))?;
    let min = state.settings.orgs.min_password_len;
    if password.chars().count() < min {
        return Err(ApiError::invalid("password", format!("must be at least {min} characters")));
    }
    if password.len() > 256 {
        return Err(ApiError::invalid("password", "at most 256 bytes"));
    }
    let mut reg = Registration {
        name: body.name.unwrap_or_default(),
        email: given(body.email),
        mobile: given(body.mobile),
        password_hash: String::new(),
    };
    personal::validate(&reg)?;
    reg.password_hash = tokio::task::spawn_blocking(move || password::hash(&password))
        .await
        .map_err(|e| roster_domain::Error::Internal(format!("hashing a password: {e}")))?;
    let env = state.env();
    let r = reg.clone();
    let p = state.db.write(move |tx| personal::register(tx, &env, &r)).await?;
    let env = state.env();
    Ok(Reply(RegisteredData {
        account: AccountInfo {
            name: reg.name.trim().to_owned(),
            email: reg.email,
            mobile: reg.mobile,
            status: "active".into(),
        },
        workspace: WorkspaceInfo {
            tenant_key: p.tenant.tenant_key.clone(),
            name: p.tenant.name.clone(),
            app_id: p.app.app_id.clone(),
            app_secret: Some(p.app.app_secret.clone()),
        },
        user: member_ids(&env, &p.app, &p.admin),
    }))
}
