//! The legacy `authen/v1` token endpoints the SDKs still generate. They authenticate with
//! `Bearer app_access_token` (for a self-built app, its tenant token) and answer in the usual
//! envelope: `oidc/access_token` and `oidc/refresh_access_token` with the tokens only, the older
//! `access_token` and `refresh_access_token` with the user's fields too. Failures carry the same
//! 200xx codes as the v2 endpoint, in the `{code,msg}` envelope with HTTP 400.

use crate::api::oauth::token::{AUTHORIZATION_CODE, REFRESH_TOKEN};
use crate::http::errors::ApiError;
use crate::http::extract::{Json, TenantCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::error::{AuthError, Error};
use roster_domain::model::App;
use roster_domain::services::Env;
use roster_domain::services::oauth::exchange::{self, CodeExchange, Granted};
use roster_proto::auth::{LegacyTokenData, OidcTokenData, OidcTokenRequest};
use std::sync::Arc;

/// Checks `grant_type` (20001 when absent, 20036 when another) and returns the field the grant
/// needs (20001 when absent).
fn grant_field(req: &OidcTokenRequest, grant_type: &str) -> Result<String, ApiError> {
    let present = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    match present(&req.grant_type) {
        None => return Err(Error::from(AuthError::OAuthMissingParam("grant_type".into())).into()),
        Some(g) if g != grant_type => return Err(Error::from(AuthError::OAuthUnsupportedGrant).into()),
        Some(_) => {}
    }
    let (field, value) = if grant_type == AUTHORIZATION_CODE {
        ("code", present(&req.code))
    } else {
        (REFRESH_TOKEN, present(&req.refresh_token))
    };
    value.ok_or_else(|| Error::from(AuthError::OAuthMissingParam(field.into())).into())
}

async fn redeem(state: &AppState, app: Arc<App>, req: &OidcTokenRequest) -> Result<Granted, ApiError> {
    let code = grant_field(req, AUTHORIZATION_CODE)?;
    let env = state.env();
    Ok(state.db.write(move |tx| exchange::exchange_code(tx, &env, &app, &code, &CodeExchange::default())).await?)
}

async fn refresh(state: &AppState, app: Arc<App>, req: &OidcTokenRequest) -> Result<Granted, ApiError> {
    let token = grant_field(req, REFRESH_TOKEN)?;
    let env = state.env();
    Ok(state.db.write(move |tx| exchange::refresh(tx, &env, &app, &token, None)).await?)
}

fn oidc_data(g: &Granted) -> OidcTokenData {
    OidcTokenData {
        access_token: g.tokens.access.token.clone(),
        refresh_token: g.tokens.refresh.token.clone(),
        token_type: "Bearer".to_owned(),
        expires_in: g.tokens.access.expire_secs,
        refresh_expires_in: g.tokens.refresh.expire_secs,
        scope: g.scope.clone(),
    }
}

fn legacy_data(env: &Env, app: &App, g: &Granted) -> LegacyTokenData {
    let u = &g.user;
    LegacyTokenData {
        access_token: g.tokens.access.token.clone(),
        token_type: "Bearer".to_owned(),
        expires_in: g.tokens.access.expire_secs,
        refresh_token: g.tokens.refresh.token.clone(),
        refresh_expires_in: g.tokens.refresh.expire_secs,
        scope: g.scope.clone(),
        name: u.name.clone(),
        en_name: u.en_name.clone(),
        open_id: env.open_id(app, u.id),
        union_id: env.union_id(app, u.id),
        email: u.email.clone().unwrap_or_default(),
        enterprise_email: u.enterprise_email.clone().unwrap_or_default(),
        user_id: u.user_id.clone(),
        mobile: u.mobile.clone().unwrap_or_default(),
        tenant_key: g.tenant_key.clone(),
        ..LegacyTokenData::default()
    }
}

/// `POST /open-apis/authen/v1/oidc/access_token`.
pub async fn oidc_access_token(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Json(req): Json<OidcTokenRequest>,
) -> Result<Reply<OidcTokenData>, ApiError> {
    Ok(Reply(oidc_data(&redeem(&state, caller.app, &req).await?)))
}

/// `POST /open-apis/authen/v1/oidc/refresh_access_token`.
pub async fn oidc_refresh_access_token(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Json(req): Json<OidcTokenRequest>,
) -> Result<Reply<OidcTokenData>, ApiError> {
    Ok(Reply(oidc_data(&refresh(&state, caller.app, &req).await?)))
}

/// `POST /open-apis/authen/v1/access_token`.
pub async fn access_token(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Json(req): Json<OidcTokenRequest>,
) -> Result<Reply<LegacyTokenData>, ApiError> {
    let g = redeem(&state, caller.app.clone(), &req).await?;
    Ok(Reply(legacy_data(&state.env(), &caller.app, &g)))
}

/// `POST /open-apis/authen/v1/refresh_access_token`.
pub async fn refresh_access_token(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Json(req): Json<OidcTokenRequest>,
) -> Result<Reply<LegacyTokenData>, ApiError> {
    let g = refresh(&state, caller.app.clone(), &req).await?;
    Ok(Reply(legacy_data(&state.env(), &caller.app, &g)))
}
