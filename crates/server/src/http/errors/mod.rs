//! The one place errors become Lark responses. Handlers return [`ApiError`] (usually a domain
//! error via `?`); its response carries the error unrendered, and the outer middleware renders it
//! for the request's *family* (taken from the path: contact, im, vc, token endpoints, OAuth,
//! roster), since the same domain failure has different codes in different Lark services.
//!
//! Invariant: every error response is JSON with `code` and `msg`, and internal details are logged
//! under the request's log id, never sent.

mod area;
mod auth;
mod chat;
mod contact;
mod meeting;
mod org;

use crate::http::reply::{JSON_UTF8, LarkCode};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use roster_domain::error::{Error, StoreError};
use roster_domain::ids::UserIdType;
use roster_proto::ErrorCode;
use roster_proto::codes::{generic, im, roster, vc};
use roster_proto::envelope::FieldViolation;
use serde_json::json;
use std::sync::Arc;

/// Which Lark service a path belongs to; decides generic codes and the body shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Generic,
    /// `/open-apis/auth/v3/…`: HTTP 200 with a code, `data:{}`.
    Token,
    /// `/open-apis/authen/v2/oauth/token`, `/oauth/v3/token`: `{code,error,error_description}`.
    OAuth,
    /// The rest of `/open-apis/authen/…`.
    Authen,
    Contact,
    Im,
    Vc,
    /// `/open-apis/roster/…` and `/_roster/…`.
    Roster,
}

pub fn family_of(path: &str) -> Family {
    let p = path.trim_end_matches('/');
    if p.starts_with("/open-apis/auth/") {
        Family::Token
    } else if p == "/open-apis/authen/v2/oauth/token" || p == "/oauth/v3/token" {
        Family::OAuth
    } else if p.starts_with("/open-apis/authen/") {
        Family::Authen
    } else if p.starts_with("/open-apis/contact/") {
        Family::Contact
    } else if p.starts_with("/open-apis/im/") {
        Family::Im
    } else if p.starts_with("/open-apis/vc/") {
        Family::Vc
    } else if p.starts_with("/open-apis/roster/") || p.starts_with("/_roster/") {
        Family::Roster
    } else {
        Family::Generic
    }
}

/// A rendered error: the code, its HTTP status and the message to send.
#[derive(Debug, Clone)]
pub struct Mapped {
    pub code: i64,
    pub status: u16,
    pub msg: String,
    pub violations: Vec<FieldViolation>,
}

impl Mapped {
    pub fn of(code: ErrorCode) -> Self {
        Mapped { code: code.code, status: code.status, msg: code.msg.to_owned(), violations: Vec::new() }
    }
    pub fn with_msg(code: ErrorCode, msg: impl Into<String>) -> Self {
        Mapped { msg: msg.into(), ..Mapped::of(code) }
    }
}

/// What a handler fails with.
#[derive(Debug, Clone)]
pub enum ApiError {
    Domain(Error),
    /// A code chosen by the HTTP layer itself (routing, rate limits).
    Code {
        code: ErrorCode,
        msg: Option<String>,
        headers: Vec<(HeaderName, HeaderValue)>,
    },
    /// Exactly this status, code and msg (the emulator's injected faults).
    Raw {
        status: u16,
        code: i64,
        msg: String,
    },
}

impl ApiError {
    pub fn code(code: ErrorCode) -> Self {
        ApiError::Code { code, msg: None, headers: Vec::new() }
    }
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        ApiError::Domain(Error::invalid(field, reason))
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::Domain(e)
    }
}

/// The unrendered error, riding on the response until the middleware renders it.
#[derive(Clone)]
pub struct PendingError(pub Arc<ApiError>);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = Response::new(axum::body::Body::empty());
        if let ApiError::Code { headers, .. } = &self {
            for (k, v) in headers {
                resp.headers_mut().insert(k.clone(), v.clone());
            }
        }
        resp.extensions_mut().insert(PendingError(Arc::new(self)));
        resp
    }
}

fn invalid_param(family: Family, field: &str, reason: &str) -> Mapped {
    let code = match family {
        Family::Token => roster_proto::codes::auth::TOKEN_INVALID_PARAM,
        Family::OAuth | Family::Authen => roster_proto::codes::auth::OAUTH_MISSING_PARAM,
        Family::Vc => vc::PARAM_ERROR,
        Family::Im => im::INVALID_PARAM,
        _ => generic::FIELD_VALIDATION,
    };
    let msg = if code == generic::FIELD_VALIDATION {
        code.msg.to_owned()
    } else if code == roster_proto::codes::auth::OAUTH_MISSING_PARAM {
        format!("invalid_request: {field}: {reason}")
    } else {
        format!("{}: {field} {reason}", code.msg)
    };
    Mapped {
        violations: vec![FieldViolation { field: field.to_owned(), value: None, description: reason.to_owned() }],
        ..Mapped::with_msg(code, msg)
    }
}

fn internal(family: Family) -> Mapped {
    Mapped::of(if family == Family::Vc { vc::INTERNAL } else { generic::INTERNAL })
}

/// Maps a domain error to its Lark code for `family`. `log_id` tags what is logged.
pub fn map_domain(err: &Error, family: Family, log_id: &str) -> Mapped {
    match err {
        Error::InvalidParam { field, reason } => invalid_param(family, field, reason),
        Error::UsersNotExist { id_type, ids } => {
            let code = match id_type {
                UserIdType::OpenId => generic::OPEN_IDS_NOT_EXIST,
                UserIdType::UserId => generic::USER_IDS_NOT_EXIST,
                UserIdType::UnionId => generic::UNION_IDS_NOT_EXIST,
            };
            Mapped::with_msg(code, format!("{}: {ids:?}", code.msg))
        }
        Error::DepartmentsNotExist { ids } => Mapped::with_msg(
            generic::DEPARTMENT_IDS_NOT_EXIST,
            format!("{}: {ids:?}", generic::DEPARTMENT_IDS_NOT_EXIST.msg),
        ),
        Error::OpenIdCrossApp { ids } => {
            Mapped::with_msg(generic::OPEN_ID_CROSS_APP, format!("open_id cross app: {ids:?}"))
        }
        Error::NotFound { what } => Mapped::with_msg(roster::NOT_FOUND, format!("{what} not found")),
        Error::Forbidden { reason } => Mapped::with_msg(roster::FORBIDDEN, reason.clone()),
        Error::Auth(e) => auth::map(e),
        Error::Contact(e) => contact::map(e),
        Error::Chat(e) => chat::map(e),
        Error::Meeting(e) => meeting::map(e),
        Error::Org(e) => org::map(e),
        Error::Lifecycle(e) => area::lifecycle(e),
        Error::Store(StoreError::Unique { constraint }) => {
            tracing::warn!(log_id, "unique constraint {constraint} refused a write the rules let through");
            Mapped::with_msg(roster::CONFLICT, "conflict with a concurrent change, retry")
        }
        Error::Store(StoreError::Unavailable(m) | StoreError::Conflict(m)) => {
            tracing::error!(log_id, "store unavailable: {m}");
            Mapped::of(roster::SERVICE_UNAVAILABLE)
        }
        Error::Store(StoreError::Other(m)) => {
            tracing::error!(log_id, "store failure: {m}");
            internal(family)
        }
        Error::Internal(m) => {
            tracing::error!(log_id, "internal error: {m}");
            internal(family)
        }
    }
}

pub fn map_api(err: &ApiError, family: Family, log_id: &str) -> Mapped {
    match err {
        ApiError::Domain(e) => map_domain(e, family, log_id),
        ApiError::Code { code, msg, .. } => Mapped::with_msg(*code, msg.clone().unwrap_or_else(|| code.msg.to_owned())),
        ApiError::Raw { status, code, msg } => {
            Mapped { code: *code, status: *status, msg: msg.clone(), violations: vec![] }
        }
    }
}

#[derive(serde::Serialize)]
struct Detail<'a> {
    log_id: &'a str,
    #[serde(skip_serializing_if = "<[FieldViolation]>::is_empty")]
    field_violations: &'a [FieldViolation],
}

#[derive(serde::Serialize)]
struct Body<'a> {
    code: i64,
    msg: &'a str,
    /// `{}` for the token endpoints, which put `data` in their failures too.
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<serde_json::Value>,
    error: Detail<'a>,
}

#[derive(serde::Serialize)]
struct OAuthBody<'a> {
    code: i64,
    error: &'a str,
    error_description: &'a str,
}

/// The JSON body of an error in the family's shape, fields in Lark's order.
pub fn render(m: &Mapped, family: Family, log_id: &str) -> Vec<u8> {
    let detail = Detail { log_id, field_violations: &m.violations };
    let bytes = match family {
        Family::OAuth => {
            let (kind, _) = m.msg.split_once(':').unwrap_or((&m.msg, ""));
            serde_json::to_vec(&OAuthBody { code: m.code, error: kind.trim(), error_description: &m.msg })
        }
        Family::Token => serde_json::to_vec(&Body { code: m.code, msg: &m.msg, data: Some(json!({})), error: detail }),
        _ => serde_json::to_vec(&Body { code: m.code, msg: &m.msg, data: None, error: detail }),
    };
    bytes.unwrap_or_else(|_| br#"{"code":40003,"msg":"internal error"}"#.to_vec())
}

/// Replaces a pending error's empty body with its rendering; keeps the headers it set.
pub fn finalize(mut resp: Response, family: Family, log_id: &str) -> Response {
    let Some(PendingError(err)) = resp.extensions_mut().remove::<PendingError>() else { return resp };
    let mapped = map_api(&err, family, log_id);
    let body = render(&mapped, family, log_id);
    *resp.status_mut() = StatusCode::from_u16(mapped.status).unwrap_or(StatusCode::BAD_REQUEST);
    *resp.body_mut() = axum::body::Body::from(body);
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
    resp.extensions_mut().insert(LarkCode(mapped.code));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_by_path() {
        let cases = [
            ("/open-apis/auth/v3/tenant_access_token/internal", Family::Token),
            ("/open-apis/auth/v3/tenant_access_token/internal/", Family::Token),
            ("/open-apis/authen/v2/oauth/token", Family::OAuth),
            ("/oauth/v3/token", Family::OAuth),
            ("/open-apis/authen/v1/user_info", Family::Authen),
            ("/open-apis/contact/v3/users", Family::Contact),
            ("/open-apis/im/v1/chats", Family::Im),
            ("/open-apis/vc/v1/meetings/1", Family::Vc),
            ("/open-apis/roster/v1/noop", Family::Roster),
            ("/_roster/v1/demo", Family::Roster),
            ("/nope", Family::Generic),
        ];
        for (p, f) in cases {
            assert_eq!(family_of(p), f, "{p}");
        }
    }

    #[test]
    fn invalid_params_use_each_familys_code() {
        let e = Error::invalid("page_size", "must be 1-50");
        assert_eq!(map_domain(&e, Family::Contact, "l").code, 99992402);
        assert_eq!(map_domain(&e, Family::Im, "l").code, 232001);
        assert_eq!(map_domain(&e, Family::Vc, "l").code, 121003);
        assert_eq!(map_domain(&e, Family::Token, "l").code, 10003);
        assert_eq!(map_domain(&e, Family::OAuth, "l").code, 20001);
        assert_eq!(map_domain(&e, Family::Authen, "l").code, 20001);
        let m = map_domain(&e, Family::Contact, "l");
        assert_eq!(m.violations[0].field, "page_size");
    }

    #[test]
    fn internal_details_never_reach_the_body() {
        let m = map_domain(&Error::Internal("secret stack".into()), Family::Contact, "l");
        let body = String::from_utf8(render(&m, Family::Contact, "l")).unwrap();
        assert!(body.starts_with(r#"{"code":40003,"msg":"internal error","error":{"log_id":"l"}"#), "{body}");
        assert!(!body.contains("secret"), "{body}");
        assert_eq!(m.status, 500);
    }
}
