//! Wire types of the emulator's control endpoints under `/_roster/v1/…` (only with `--demo`).
//! These are a public contract that Lark developers build their tests on.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AdminIds {
    pub open_id: String,
    pub union_id: String,
    pub user_id: String,
}

/// `GET /_roster/v1/demo` and `POST /_roster/v1/tenants`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TenantCredentials {
    pub tenant_key: String,
    pub app_id: String,
    pub app_secret: String,
    pub verification_token: String,
    pub encrypt_key: String,
    pub admin: AdminIds,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CreateTenantRequest {
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserAccessTokenRequest {
    pub app_id: Option<String>,
    pub user_id: Option<String>,
    pub user_id_type: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserAccessTokenResponse {
    pub access_token: String,
    pub expires_in: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ClockAdvanceRequest {
    pub seconds: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClockResponse {
    pub now: i64,
}

/// `POST /_roster/v1/faults`: the next `times` calls matching `method` and `path_pattern` fail
/// with this status, code and msg. `path_pattern` matches the request path; `*` matches any run
/// of characters within the path.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FaultRequest {
    pub method: Option<String>,
    pub path_pattern: Option<String>,
    pub http_status: Option<u16>,
    pub code: Option<i64>,
    pub msg: Option<String>,
    pub times: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RequestRecord {
    pub time: i64,
    pub method: String,
    pub path: String,
    pub query: String,
    pub http_status: u16,
    pub code: i64,
    pub log_id: String,
    pub app_id: Option<String>,
    pub duration_ms: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RequestLog {
    pub items: Vec<RequestRecord>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AppEventSettings {
    pub event_url: Option<String>,
    pub event_types: Option<Vec<String>>,
    /// `""` removes the app's Encrypt Key: events then go as plain, unsigned JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypt_key: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RateLimitSwitch {
    pub enabled: Option<bool>,
}
