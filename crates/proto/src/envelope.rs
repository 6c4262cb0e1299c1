//! The `{code,msg,data}` envelope every Open API response uses, success or failure.

use serde::{Deserialize, Serialize};

/// A successful or failed business response. `data` is omitted when there is none.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub code: i64,
    pub msg: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
}

impl<T> Envelope<T> {
    /// The success envelope Lark sends: code 0 and msg `success`.
    pub fn success(data: T) -> Self {
        Envelope { code: 0, msg: "success".to_owned(), data: Some(data) }
    }
}

/// The failure body: Lark adds an `error` object with the log id the caller should quote to support.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: i64,
    pub msg: String,
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub log_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub troubleshooter: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_violations: Vec<FieldViolation>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FieldViolation {
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub description: String,
}

/// An empty `data` object, `{}`.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Empty {}
