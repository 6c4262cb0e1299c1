//! Successful replies: `{"code":0,"msg":"success","data":…}`, or raw top-level JSON for the
//! endpoints Lark shapes that way (the token endpoints). Every reply is compact JSON.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use roster_proto::Envelope;
use serde::Serialize;

/// The Lark `code` of a response, for the request log.
#[derive(Debug, Clone, Copy)]
pub struct LarkCode(pub i64);

pub const JSON_UTF8: &str = "application/json; charset=utf-8";

/// Serializes `body` as a JSON response with the given status and Lark code.
pub fn json_response<T: Serialize>(status: StatusCode, code: i64, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => serialized(status, code, bytes.into()),
        Err(e) => {
            tracing::error!("a reply failed to serialize: {e}");
            let body = bytes::Bytes::from_static(br#"{"code":40003,"msg":"internal error"}"#);
            serialized(StatusCode::INTERNAL_SERVER_ERROR, 40003, body)
        }
    }
}

/// A response whose JSON body is already serialized.
fn serialized(status: StatusCode, code: i64, body: bytes::Bytes) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
    resp.extensions_mut().insert(LarkCode(code));
    resp
}

/// A success envelope around `data`, serialized, for replies kept and sent again as they are.
pub fn envelope_bytes<T: Serialize>(data: &T) -> Result<Vec<u8>, crate::http::errors::ApiError> {
    serde_json::to_vec(&Envelope::success(data))
        .map_err(|e| roster_domain::Error::Internal(format!("a reply failed to serialize: {e}")).into())
}

/// An HTTP 200 success whose envelope is already serialized.
pub fn json_bytes(body: bytes::Bytes) -> Response {
    serialized(StatusCode::OK, 0, body)
}

/// A success envelope around `T`.
pub struct Reply<T>(pub T);

impl<T: Serialize> IntoResponse for Reply<T> {
    fn into_response(self) -> Response {
        json_response(StatusCode::OK, 0, &Envelope::success(self.0))
    }
}

/// A success with `data: {}`.
pub fn empty() -> Reply<roster_proto::envelope::Empty> {
    Reply(roster_proto::envelope::Empty {})
}

/// A body sent as-is (top-level fields, HTTP 200); its `code` is read from the value.
pub struct RawJson<T>(pub T, pub i64);

impl<T: Serialize> IntoResponse for RawJson<T> {
    fn into_response(self) -> Response {
        json_response(StatusCode::OK, self.1, &self.0)
    }
}
