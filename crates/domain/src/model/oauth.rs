//! OAuth's short-lived records: authorization codes (single use, bound to the app, the redirect
//! URI and an optional PKCE challenge) and sign-in tickets (an account that proved its password
//! and has yet to choose the tenant it signs in to).

use crate::clock::Timestamp;
use crate::ids::{AccountId, AppId, TenantId, UserId};

/// How a PKCE `code_challenge` was derived from the verifier (RFC 7636).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PkceMethod {
    /// `BASE64URL(SHA256(verifier))`, unpadded.
    S256,
    /// The challenge is the verifier itself.
    Plain,
}

impl PkceMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PkceMethod::S256 => "S256",
            PkceMethod::Plain => "plain",
        }
    }
    /// The spellings RFC 7636 defines (case-sensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "S256" => Some(Self::S256),
            "plain" => Some(Self::Plain),
            _ => None,
        }
    }
}

/// A PKCE challenge the code was issued under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PkceChallenge {
    pub method: PkceMethod,
    pub challenge: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuthorizationCode {
    pub code: String,
    pub app: AppId,
    pub tenant: TenantId,
    pub user: UserId,
    pub redirect_uri: String,
    /// Space-separated, as granted at the authorize step.
    pub scope: String,
    pub pkce: Option<PkceChallenge>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct NewAuthorizationCode {
    pub code: String,
    pub app: AppId,
    pub tenant: TenantId,
    pub user: UserId,
    pub redirect_uri: String,
    pub scope: String,
    pub pkce: Option<PkceChallenge>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// An account that signed in with its password through `app` and must still choose a tenant.
#[derive(Debug, Clone, PartialEq)]
pub struct SignInTicket {
    pub ticket: String,
    pub account: AccountId,
    pub app: AppId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub used_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct NewSignInTicket {
    pub ticket: String,
    pub account: AccountId,
    pub app: AppId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}
