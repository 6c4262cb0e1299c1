//! Access tokens: tenant (`t-…`; for a self-built app the app access token is the same token,
//! as on Lark) and user (`u-…`), plus OAuth refresh tokens. Stored, so clients' cached tokens
//! survive a restart.

use crate::clock::Timestamp;
use crate::ids::{AppId, TenantId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Tenant,
    User,
    /// A single-use OAuth refresh token.
    Refresh,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Tenant => "tenant",
            TokenKind::User => "user",
            TokenKind::Refresh => "refresh",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "tenant" => Some(Self::Tenant),
            "user" => Some(Self::User),
            "refresh" => Some(Self::Refresh),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AccessToken {
    pub token: String,
    pub kind: TokenKind,
    pub app: AppId,
    pub tenant: TenantId,
    pub user: Option<UserId>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked: bool,
}

#[derive(Debug, Clone)]
pub struct NewToken {
    pub token: String,
    pub kind: TokenKind,
    pub app: AppId,
    pub tenant: TenantId,
    pub user: Option<UserId>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}
