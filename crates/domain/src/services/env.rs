//! The request environment every use-case receives: the time, the id codec and the settings,
//! plus who is calling.

use crate::clock::Timestamp;
use crate::codec::IdCodec;
use crate::ids::{TenantId, UserId};
use crate::model::{App, TokenKind};
use crate::settings::Settings;
use std::sync::Arc;

/// The environment of one request. Cheap to clone (two `Arc`s and a number).
#[derive(Debug, Clone)]
pub struct Env {
    /// Read once from the injected clock when the request starts.
    pub now: Timestamp,
    pub codec: Arc<IdCodec>,
    pub settings: Arc<Settings>,
}

/// Who is calling: the app whose token was presented, the tenant it acts in, and the user for a
/// user token.
#[derive(Debug, Clone)]
pub struct Caller {
    pub app: Arc<App>,
    pub tenant: TenantId,
    pub user: Option<UserId>,
    pub token: TokenKind,
    /// When the presented token stops working; caches must not outlive it.
    pub token_expires_at: Timestamp,
}

impl Caller {
    pub fn is_user(&self) -> bool {
        self.user.is_some()
    }
}
