//! Token lifetimes (spec §2).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AuthSettings {
    /// Lifetime of tenant and app access tokens; Lark uses 2 h.
    pub tenant_token_ttl_secs: i64,
    /// The same token is returned until less than this remains; Lark uses 30 min.
    pub tenant_token_reuse_min_secs: i64,
    /// Lifetime of user access tokens.
    pub user_token_ttl_secs: i64,
    /// Lifetime of OAuth refresh tokens.
    pub refresh_token_ttl_secs: i64,
    /// Lifetime of OAuth authorization codes; Lark uses 5 min.
    pub oauth_code_ttl_secs: i64,
    /// How long a signed-in account has to choose its tenant on the login page.
    pub sign_in_ticket_ttl_secs: i64,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            tenant_token_ttl_secs: 7200,
            tenant_token_reuse_min_secs: 1800,
            user_token_ttl_secs: 7200,
            refresh_token_ttl_secs: 604_800,
            oauth_code_ttl_secs: 300,
            sign_in_ticket_ttl_secs: 600,
        }
    }
}
