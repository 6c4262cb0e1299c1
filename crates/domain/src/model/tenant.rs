//! A tenant: one organization, with its `tenant_key`.

use crate::clock::Timestamp;
use crate::ids::{TenantId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantStatus {
    Active,
    /// Dissolution requested; it takes effect at `Tenant::dissolve_at`.
    Dissolving,
    Dissolved,
}

impl TenantStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TenantStatus::Active => "active",
            TenantStatus::Dissolving => "dissolving",
            TenantStatus::Dissolved => "dissolved",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "dissolving" => Some(Self::Dissolving),
            "dissolved" => Some(Self::Dissolved),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tenant {
    pub id: TenantId,
    /// 16 lowercase hex digits.
    pub tenant_key: String,
    pub name: String,
    /// The domain business emails are issued under (`name@<mail_domain>`).
    pub mail_domain: String,
    pub status: TenantStatus,
    /// The user who created the organization (its primary admin); set once the user exists.
    pub creator: Option<UserId>,
    pub dissolve_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewTenant {
    pub tenant_key: String,
    pub name: String,
    pub mail_domain: String,
    pub created_at: Timestamp,
}
