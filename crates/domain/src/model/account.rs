//! An account: a login identity (email and/or mobile, optional password). One account can be a
//! user in several tenants; several accounts may share an email or mobile.

use crate::clock::Timestamp;
use crate::ids::AccountId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStatus {
    Active,
    Deleted,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "active",
            AccountStatus::Deleted => "deleted",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "deleted" => Some(Self::Deleted),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    /// argon2id PHC string; `None` until a password is set.
    pub password_hash: Option<String>,
    pub status: AccountStatus,
    pub created_at: Timestamp,
    pub deleted_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub password_hash: Option<String>,
    pub created_at: Timestamp,
}
