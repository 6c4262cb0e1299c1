//! The purge at the end of the restore window: the departed member is deleted for good, in one
//! transaction (a user's rows are few), leaving a tombstone of ids so a late restore answers
//! 44028. An account left with no membership and no personal workspace is deleted too (its
//! email or mobile can then register anew; several accounts may share them anyway).
//!
//! Idempotent: a purge re-reads the departure under its lock and does nothing when it is gone,
//! so the job may run it again after a crash, or twice at once.

use super::lock_departure;
use crate::error::Result;
use crate::events::contact::UserDeleted;
use crate::ids::{AccountId, TenantId, UserId};
use crate::model::{AccountStatus, DepartureState, NewEvent, PurgedUser};
use crate::services::Env;
use crate::store::Tx;

/// Purges the departed member if their window has ended; a no-op otherwise.
pub fn purge_departed(tx: &mut dyn Tx, env: &Env, tenant: TenantId, user: UserId) -> Result<()> {
    lock_departure(tx, user)?;
    let Some(d) = tx.departure(tenant, user)? else { return Ok(()) };
    if d.state != DepartureState::Departed || d.purge_at > env.now {
        return Ok(());
    }
    let row = tx.user(tenant, user)?;
    if let Some(u) = row.as_ref().filter(|u| !u.status.is_resigned) {
        let e = UserDeleted { user: super::depart::resigned_snapshot(u, &d.departments, env) };
        tx.append_event(&NewEvent::of(tenant, &e, env.now))?;
    }
    tx.insert_purged_user(&PurgedUser {
        user,
        tenant,
        user_id: row.as_ref().map(|u| u.user_id.clone()).unwrap_or_default(),
        departed_at: d.departed_at,
        purged_at: env.now,
    })?;
    tx.delete_user_rows(tenant, user)?;
    if let Some(u) = row {
        retire_account_if_unused(tx, env, u.account)?;
    }
    Ok(())
}

/// Deletes the account when nothing uses it any more: no membership in any tenant (departed
/// ones count until purged) and no personal workspace. Its personal data goes with it. Returns
/// whether it did.
pub fn retire_account_if_unused(tx: &mut dyn Tx, env: &Env, account: AccountId) -> Result<bool> {
    if !tx.users_of_account(account)?.is_empty() || tx.personal_workspace_of_account(account)?.is_some() {
        return Ok(false);
    }
    retire_account(tx, env, account)
}

/// Deletes the account now: it can no longer sign in, and its name, email, mobile and password
/// are erased. Returns false when it was already deleted.
pub fn retire_account(tx: &mut dyn Tx, env: &Env, account: AccountId) -> Result<bool> {
    let Some(mut a) = tx.account(account)? else { return Ok(false) };
    if a.status == AccountStatus::Deleted {
        return Ok(false);
    }
    a.status = AccountStatus::Deleted;
    a.deleted_at = Some(env.now);
    a.name = String::new();
    a.email = None;
    a.mobile = None;
    a.password_hash = None;
    tx.update_account(&a)?;
    Ok(true)
}
