//! OAuth's authorization-code flow over HTTP (spec §2.3): the login page at the authorize
//! endpoint, the token endpoint (v2, and v3 where the SDKs' helpers post), and the legacy
//! `authen/v1` token endpoints. The rules live in `roster_domain::services::oauth`.

mod authorize;
mod legacy;
mod page;
mod token;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/authen/v1/authorize", get(authorize::show).post(authorize::submit))
        .route("/open-apis/authen/v1/index", get(authorize::show))
        .route("/open-apis/authen/v2/oauth/token", post(token::token))
        .route("/oauth/v3/token", post(token::token))
        .route("/open-apis/authen/v1/oidc/access_token", post(legacy::oidc_access_token))
        .route("/open-apis/authen/v1/oidc/refresh_access_token", post(legacy::oidc_refresh_access_token))
        .route("/open-apis/authen/v1/access_token", post(legacy::access_token))
        .route("/open-apis/authen/v1/refresh_access_token", post(legacy::refresh_access_token))
}
