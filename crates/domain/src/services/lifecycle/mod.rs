//! The account lifecycle (issue 5, seed 003): members leaving (`leave`) or being offboarded
//! (`offboard`), the hand-over of their chats (`handover`), restore within the window
//! (`resurrect`), the purge at its end (`purge`), personal accounts (`personal`), organization
//! dissolution (`dissolve`, and `wipe` for the purge of a dissolved tenant), and what the
//! background job finds due (`sweep`).
//!
//! Everything reads `Env::now`. Long work (hand-overs, restores, purges) runs in batches of
//! `lifecycle.batch_size`, each one transaction that re-reads what it changes, so any batch may
//! be cut short by a crash and run again: a user or chat is either fully handled or untouched.
//!
//! Invariant: every step of a departure takes the departure lock ([`lock_departure`]) first,
//! and every step of a dissolution the tenant's ([`lock_dissolution`]), so on PostgreSQL two
//! runners (a request and the job) never interleave on one user or tenant.

pub mod acceptors;
pub mod depart;
pub mod dissolve;
pub mod handover;
pub mod leave;
pub mod offboard;
pub mod personal;
pub mod purge;
pub mod resurrect;
pub mod status;
pub mod sweep;
pub mod wipe;

use crate::error::Result;
use crate::ids::{TenantId, UserId};
use crate::store::{LockKey, Tx};

/// Serializes the steps of one user's departure until the transaction ends.
pub fn lock_departure(tx: &mut dyn Tx, user: UserId) -> Result<()> {
    tx.lock(LockKey::Other(crate::store::LockArea::Departure, user.0))
}

/// Serializes the steps of one tenant's dissolution until the transaction ends.
pub fn lock_dissolution(tx: &mut dyn Tx, tenant: TenantId) -> Result<()> {
    tx.lock(LockKey::Other(crate::store::LockArea::Dissolution, tenant.0))
}
