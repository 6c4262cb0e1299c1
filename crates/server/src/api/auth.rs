//! `auth/v3`: tenant and app access tokens for self-built apps, with Lark's reuse rule. Fields
//! sit at the top level and failures are HTTP 200 with a code, as on the real gateway. A trailing
//! slash is accepted.

use crate::http::errors::ApiError;
use crate::http::extract::parse_json;
use crate::http::reply::RawJson;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::routing::post;
use bytes::Bytes;
use roster_domain::error::AuthError;
use roster_domain::services::auth;
use roster_proto::auth::{AppTokenResponse, InternalTokenRequest, TenantTokenResponse};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/auth/v3/tenant_access_token/internal", post(tenant_token))
        .route("/open-apis/auth/v3/tenant_access_token/internal/", post(tenant_token))
        .route("/open-apis/auth/v3/app_access_token/internal", post(app_token))
        .route("/open-apis/auth/v3/app_access_token/internal/", post(app_token))
}

async fn issue(state: &AppState, body: &[u8]) -> Result<auth::IssuedToken, ApiError> {
    let req: InternalTokenRequest =
        parse_json(body).map_err(|_| ApiError::from(roster_domain::Error::Auth(AuthError::TokenBadRequest)))?;
    let env = state.env();
    let token = state
        .db
        .write(move |tx| {
            let app = auth::app_for_credentials(tx, req.app_id.as_deref(), req.app_secret.as_deref())?;
            auth::issue_tenant_token(tx, &env, &app)
        })
        .await?;
    Ok(token)
}

async fn tenant_token(State(state): State<AppState>, body: Bytes) -> Result<RawJson<TenantTokenResponse>, ApiError> {
    let t = issue(&state, &body).await?;
    Ok(RawJson(
        TenantTokenResponse { code: 0, msg: "ok".into(), tenant_access_token: t.token, expire: t.expire_secs },
        0,
    ))
}

/// For a self-built app the app access token is the tenant access token (as on Lark).
async fn app_token(State(state): State<AppState>, body: Bytes) -> Result<RawJson<AppTokenResponse>, ApiError> {
    let t = issue(&state, &body).await?;
    Ok(RawJson(
        AppTokenResponse {
            code: 0,
            msg: "ok".into(),
            app_access_token: t.token.clone(),
            tenant_access_token: t.token,
            expire: t.expire_secs,
        },
        0,
    ))
}
