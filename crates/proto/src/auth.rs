//! Wire types of the token endpoints (`auth/v3`) and the OAuth user-token endpoints (`authen`).

use serde::{Deserialize, Serialize};

/// Body of `tenant_access_token/internal` and `app_access_token/internal`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct InternalTokenRequest {
    #[serde(default)]
    pub app_id: Option<String>,
    #[serde(default)]
    pub app_secret: Option<String>,
}

/// Token endpoints put their fields at the top level, with no `data`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TenantTokenResponse {
    pub code: i64,
    pub msg: String,
    pub tenant_access_token: String,
    pub expire: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppTokenResponse {
    pub code: i64,
    pub msg: String,
    pub app_access_token: String,
    pub tenant_access_token: String,
    pub expire: i64,
}

/// Body of `authen/v2/oauth/token` (and `/oauth/v3/token`, which the Python SDK calls).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OAuthTokenRequest {
    #[serde(default)]
    pub grant_type: Option<String>,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub client_secret: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub redirect_uri: Option<String>,
    #[serde(default)]
    pub code_verifier: Option<String>,
    #[serde(default)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
}

/// Success body of the v2 OAuth token endpoint: top-level fields, no `data`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OAuthTokenResponse {
    pub code: i64,
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
    pub refresh_token_expires_in: i64,
    pub scope: String,
    pub token_type: String,
}

/// Failure body of the v2 OAuth token endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OAuthErrorResponse {
    pub code: i64,
    pub error: String,
    pub error_description: String,
}

/// Body of the legacy `authen/v1/oidc/access_token` and `oidc/refresh_access_token`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OidcTokenRequest {
    #[serde(default)]
    pub grant_type: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// `data` of the legacy OIDC token endpoints.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OidcTokenData {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: String,
    pub expires_in: i64,
    pub refresh_expires_in: i64,
    pub scope: String,
}

/// `data` of the older `authen/v1/access_token` and `refresh_access_token`: the tokens plus who
/// they belong to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LegacyTokenData {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
    pub refresh_token: String,
    pub refresh_expires_in: i64,
    pub scope: String,
    pub name: String,
    pub en_name: String,
    pub avatar_url: String,
    pub avatar_thumb: String,
    pub avatar_middle: String,
    pub avatar_big: String,
    pub open_id: String,
    pub union_id: String,
    pub email: String,
    pub enterprise_email: String,
    pub user_id: String,
    pub mobile: String,
    pub tenant_key: String,
    pub sid: String,
}

/// The authorize page's query string (`GET /open-apis/authen/v1/authorize`, and the legacy
/// `/authen/v1/index`, which names the app `app_id`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AuthorizeQuery {
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub app_id: Option<String>,
    #[serde(default)]
    pub redirect_uri: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub code_challenge: Option<String>,
    #[serde(default)]
    pub code_challenge_method: Option<String>,
    #[serde(default)]
    pub response_type: Option<String>,
    /// `consent` asks Lark to show the consent screen again; Roster always shows its page.
    #[serde(default)]
    pub prompt: Option<String>,
}

/// The login page's form (`POST /open-apis/authen/v1/authorize`): the authorize request again
/// (hidden fields), the CSRF token, and the step's own fields.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AuthorizeForm {
    #[serde(flatten)]
    pub request: AuthorizeQuery,
    #[serde(default)]
    pub csrf_token: Option<String>,
    /// `sign_in`, `choose` or `deny`.
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub login: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// The tenant-choice step's ticket and the tenant chosen.
    #[serde(default)]
    pub ticket: Option<String>,
    #[serde(default)]
    pub tenant_key: Option<String>,
}

/// `data` of `GET authen/v1/user_info`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserInfo {
    pub name: String,
    pub en_name: String,
    pub avatar_url: String,
    pub avatar_thumb: String,
    pub avatar_middle: String,
    pub avatar_big: String,
    pub open_id: String,
    pub union_id: String,
    pub email: String,
    pub enterprise_email: String,
    pub user_id: String,
    pub mobile: String,
    pub tenant_key: String,
    pub employee_no: String,
}
