//! An app (`cli_…`): credentials, bot capability, contact scope and event settings. Apps are
//! self-built: each belongs to the tenant that made it and reaches only that tenant.

use crate::clock::Timestamp;
use crate::ids::{AppId, DeptId, DeveloperId, TenantId};

/// Which users and departments an app may see through the contact API.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactScope {
    /// The whole organization (needed for the root department).
    pub all: bool,
    /// Otherwise: these departments and everything below them.
    pub departments: Vec<DeptId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct App {
    pub id: AppId,
    pub tenant: TenantId,
    pub developer: DeveloperId,
    /// `cli_` + 16 hex digits.
    pub app_id: String,
    pub app_secret: String,
    pub name: String,
    pub bot_enabled: bool,
    pub enabled: bool,
    pub verification_token: String,
    pub encrypt_key: String,
    pub event_url: Option<String>,
    pub event_types: Vec<String>,
    pub contact_scope: ContactScope,
    pub created_at: Timestamp,
}

impl App {
    /// The scope number open_ids of this app are minted in.
    pub fn open_id_scope(&self) -> u32 {
        self.id.0 as u32
    }
    /// The scope number union_ids of this app's developer are minted in.
    pub fn union_id_scope(&self) -> u32 {
        self.developer.0 as u32
    }
}

#[derive(Debug, Clone)]
pub struct NewApp {
    pub tenant: TenantId,
    pub developer: DeveloperId,
    pub app_id: String,
    pub app_secret: String,
    pub name: String,
    pub bot_enabled: bool,
    pub verification_token: String,
    pub encrypt_key: String,
    pub contact_scope: ContactScope,
    pub created_at: Timestamp,
}
