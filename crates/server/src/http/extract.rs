//! Extractors that keep Lark's envelope on bad input: JSON bodies, query strings and path
//! parameters fail as "invalid parameter" errors naming the field; the caller extractors
//! authenticate (before any parameter is looked at, as Lark does) and apply the rate limit.

use crate::http::errors::ApiError;
use crate::http::ratelimit::Verdict;
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Request};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, header};
use bytes::Bytes;
use roster_domain::Clock;
use roster_domain::error::AuthError;
use roster_domain::model::TokenKind;
use roster_domain::services::{Caller, auth};
use roster_proto::codes::generic;
use serde::de::DeserializeOwned;
use std::sync::{Arc, Mutex};

/// A JSON body. An empty body reads as `{}`; anything malformed is a 400 naming the field.
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|e| ApiError::invalid("body", e.body_text()))?;
        parse_json(&bytes).map(Json)
    }
}

/// Parses a JSON body, naming the failing field (`department_ids[0]`) in the error. Every Lark
/// body is an object: an array is refused rather than read positionally into a struct's fields.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let bytes = if bytes.iter().all(u8::is_ascii_whitespace) { &b"{}"[..] } else { bytes };
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err(ApiError::invalid("body", "must be a JSON object"));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        ApiError::invalid(field, e.inner().to_string())
    })
}

/// A query string; repeated keys fill lists, and `True`/`False` are booleans (with `lark_bool`).
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let q = parts.uri.query().unwrap_or("");
        serde_html_form::from_str(q).map(Query).map_err(|e| ApiError::invalid("query", e.to_string()))
    }
}

/// Path parameters.
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Path(p.0))
            .map_err(|e| ApiError::invalid("path", e.body_text()))
    }
}

/// Who made the request, filled in once authenticated; the request log reads it.
#[derive(Clone, Default)]
pub struct RequestMeta(pub Arc<Mutex<Option<String>>>);

async fn authenticate(parts: &Parts, state: &AppState) -> Result<Caller, ApiError> {
    let header = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    let token = auth::bearer(header)?.to_owned();
    let now = state.clock.now();
    let caller = match state.auth_cache.get(&token, now) {
        Some(c) => c,
        None => {
            let env = state.env();
            let t = token.clone();
            let caller = state.db.read(move |tx| auth::authenticate(tx, &env, &t)).await?;
            if caller.token == TokenKind::Tenant {
                state.auth_cache.insert(&token, &caller);
            }
            caller
        }
    };
    if let Some(meta) = parts.extensions.get::<RequestMeta>() {
        *meta.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(caller.app.app_id.clone());
    }
    let route = parts.extensions.get::<MatchedPath>().map(|m| m.as_str()).unwrap_or("");
    if let Verdict::Deny { limit, reset_secs } = state.limiter.check(caller.app.id.0, parts.method.as_str(), route) {
        let headers = vec![
            (HeaderName::from_static("x-ogw-ratelimit-limit"), HeaderValue::from(limit)),
            (HeaderName::from_static("x-ogw-ratelimit-reset"), HeaderValue::from(reset_secs)),
        ];
        return Err(ApiError::Code { code: generic::RATE_LIMITED, msg: None, headers });
    }
    Ok(caller)
}

/// A caller with a tenant or a user token.
pub struct AnyCaller(pub Caller);

impl FromRequestParts<AppState> for AnyCaller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        authenticate(parts, state).await.map(AnyCaller)
    }
}

/// A caller with a tenant token; user tokens are refused.
pub struct TenantCaller(pub Caller);

impl FromRequestParts<AppState> for TenantCaller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let c = authenticate(parts, state).await?;
        if c.token != TokenKind::Tenant {
            return Err(roster_domain::Error::from(AuthError::UserTokenNotSupported).into());
        }
        Ok(TenantCaller(c))
    }
}

/// A caller with a user token; tenant tokens are refused.
pub struct UserCaller(pub Caller);

impl FromRequestParts<AppState> for UserCaller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let c = authenticate(parts, state).await?;
        if c.token != TokenKind::User {
            return Err(roster_domain::Error::from(AuthError::TenantTokenNotSupported).into());
        }
        Ok(UserCaller(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        ids: Vec<i64>,
    }

    #[test]
    fn json_errors_name_the_field() {
        let e = parse_json::<Body>(br#"{"name":"x","ids":[1,"two"]}"#).err().unwrap();
        let ApiError::Domain(roster_domain::Error::InvalidParam { field, .. }) = e else { panic!() };
        assert_eq!(field, "ids[1]");
        assert!(parse_json::<Body>(b"{not json").is_err());
        assert!(parse_json::<Body>(br#"["x",[1]]"#).is_err(), "an array is not read positionally");
        let empty = parse_json::<serde_json::Value>(b"  ").unwrap();
        assert_eq!(empty, serde_json::json!({}));
    }
}
