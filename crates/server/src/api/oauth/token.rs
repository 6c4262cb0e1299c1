//! The OAuth token endpoint: `POST /open-apis/authen/v2/oauth/token` and `/oauth/v3/token` (where
//! lark-oapi's `client.access_token.*` and the Node SDK's `client.accessToken.*` post). JSON or
//! form bodies; the client authenticates with `client_id`/`client_secret` in the body (or HTTP
//! Basic, as standard OAuth libraries do). Success and failure both put their fields at the top
//! level; failures are HTTP 400 `{code, error, error_description}` (rendered by `http::errors`).

use crate::http::errors::ApiError;
use crate::http::extract::parse_json;
use crate::http::reply::RawJson;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use roster_domain::error::{AuthError, Error};
use roster_domain::services::oauth::exchange::{self, CodeExchange, Granted};
use roster_proto::auth::{OAuthTokenRequest, OAuthTokenResponse};

pub const AUTHORIZATION_CODE: &str = "authorization_code";
pub const REFRESH_TOKEN: &str = "refresh_token";

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"))
}

/// The body, as JSON or as a form, by its Content-Type.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<OAuthTokenRequest, ApiError> {
    if is_form(headers) {
        serde_html_form::from_bytes(body).map_err(|e| ApiError::invalid("body", e.to_string()))
    } else {
        parse_json(body)
    }
}

/// `Authorization: Basic base64(client_id:client_secret)` (RFC 6749 §2.3.1).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

fn missing(field: &str) -> ApiError {
    Error::from(AuthError::OAuthMissingParam(field.to_owned())).into()
}

fn present(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// The token endpoint's success body.
pub fn token_response(g: &Granted) -> OAuthTokenResponse {
    OAuthTokenResponse {
        code: 0,
        access_token: g.tokens.access.token.clone(),
        expires_in: g.tokens.access.expire_secs,
        refresh_token: g.tokens.refresh.token.clone(),
        refresh_token_expires_in: g.tokens.refresh.expire_secs,
        scope: g.scope.clone(),
        token_type: "Bearer".to_owned(),
    }
}

/// `POST /open-apis/authen/v2/oauth/token` and `/oauth/v3/token`.
pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let req = parse_body(&headers, &body)?;
    let grant_type = present(&req.grant_type).ok_or_else(|| missing("grant_type"))?;
    let basic = basic_credentials(&headers);
    let client_id = present(&req.client_id).or_else(|| basic.as_ref().map(|b| b.0.clone()));
    let client_secret = present(&req.client_secret).or_else(|| basic.as_ref().map(|b| b.1.clone()));
    let client_id = client_id.ok_or_else(|| missing("client_id"))?;
    let client_secret = client_secret.ok_or_else(|| missing("client_secret"))?;
    let code = present(&req.code);
    let refresh_token = present(&req.refresh_token);
    let env = state.env();
    let granted = state
        .db
        .write(move |tx| {
            let app = exchange::client_app(tx, Some(&client_id), Some(&client_secret))?;
            match grant_type.as_str() {
                AUTHORIZATION_CODE => {
                    let code = code.as_deref().ok_or(AuthError::OAuthMissingParam("code".into()))?;
                    let x = CodeExchange {
                        redirect_uri: req.redirect_uri.as_deref(),
                        code_verifier: req.code_verifier.as_deref(),
                        scope: req.scope.as_deref(),
                    };
                    exchange::exchange_code(tx, &env, &app, code, &x)
                }
                REFRESH_TOKEN => {
                    let refresh =
                        refresh_token.as_deref().ok_or(AuthError::OAuthMissingParam("refresh_token".into()))?;
                    exchange::refresh(tx, &env, &app, refresh, req.scope.as_deref())
                }
                _ => Err(AuthError::OAuthUnsupportedGrant.into()),
            }
        })
        .await?;
    let no_store = [(header::CACHE_CONTROL, "no-store"), (header::PRAGMA, "no-cache")];
    Ok((no_store, RawJson(token_response(&granted), 0)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn basic_credentials_are_decoded() {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {}", STANDARD.encode("cli_x:s:ecret"))).unwrap(),
        );
        assert_eq!(basic_credentials(&h), Some(("cli_x".into(), "s:ecret".into())));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer t-abc"));
        assert_eq!(basic_credentials(&h), None);
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic !!!"));
        assert_eq!(basic_credentials(&h), None);
    }

    #[test]
    fn bodies_by_content_type() {
        let mut h = HeaderMap::new();
        let json = parse_body(&h, br#"{"grant_type":"authorization_code","code":"c"}"#).unwrap();
        assert_eq!(json.code.as_deref(), Some("c"));
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded; charset=utf-8"));
        let form = parse_body(&h, b"grant_type=refresh_token&refresh_token=r%2B1").unwrap();
        assert_eq!(form.refresh_token.as_deref(), Some("r+1"));
        assert!(parse_body(&HeaderMap::new(), b"{nope").is_err());
    }
}
