//! Domain events, by area. Each is a [`crate::model::DomainEvent`] with internal ids; the
//! dispatcher renders it into Lark's schema 2.0 payload for each receiving app.
//!
//! Invariant: an event carries everything needed to render and route it (snapshots, names, and
//! for chat events the bots in the chat at the time), so delivery never reads other areas' tables
//! and a later change cannot alter an event already written.

pub mod chats;
pub mod contact;
pub mod departments;
pub mod meetings;

use crate::ids::{AppId, TenantId, UserId};
use serde::{Deserialize, Serialize};

/// Who did it: a user, or an app's bot (tenant-token calls), or the system (jobs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    User { user: UserId, tenant: TenantId },
    Bot { app: AppId, tenant: TenantId },
    System { tenant: TenantId },
}

impl Operator {
    pub fn tenant(&self) -> TenantId {
        match *self {
            Operator::User { tenant, .. } | Operator::Bot { tenant, .. } | Operator::System { tenant } => tenant,
        }
    }
}
