//! `DELETE /contact/v3/users/:user_id` (spec §4.3): an admin's app offboards a member. The rules,
//! in the order Lark checks them: the user must exist in the tenant (99992351/99992360) and sit
//! inside the app's contact scope (41050 outside it, 40004 when only part of their departments
//! is covered); a departure already under way answers 44034, a restore under way 44042, a
//! member already resigned 42006; tenant managers (the creator among them) cannot be deleted
//! (44037); an acceptor must be another usable member (41052). A member who left by themselves
//! and is still `is_exited` is resigned at once.

use super::acceptors::{self, AcceptorIds};
use super::{depart, lock_departure};
use crate::error::{ContactError, Result};
use crate::events::Operator;
use crate::events::contact::UserDeleted;
use crate::ids::UserIdType;
use crate::model::{Departure, DepartureKind, DepartureState, NewEvent, User, UserDepartment};
use crate::services::{Caller, Env, ids};
use crate::store::Tx;

/// Whether the app's contact scope covers every one of `departments` (all of them: deleting a
/// member needs authority over each of their departments).
fn covers_all(tx: &mut dyn Tx, caller: &Caller, departments: &[UserDepartment]) -> Result<(bool, bool)> {
    if caller.app.contact_scope.all {
        return Ok((true, true));
    }
    let (mut any, mut all) = (false, true);
    for m in departments {
        let covered = match tx.department(caller.tenant, m.department)? {
            Some(d) => ids::scope_covers_department(tx, caller, &d)?,
            None => false,
        };
        any |= covered;
        all &= covered;
    }
    Ok((any, all && any))
}

fn check_scope(tx: &mut dyn Tx, caller: &Caller, departments: &[UserDepartment]) -> Result<()> {
    match covers_all(tx, caller, departments)? {
        (true, true) => Ok(()),
        (true, false) => Err(ContactError::NoDeptAuthority.into()),
        _ => Err(ContactError::NoUserAuthority.into()),
    }
}

/// Offboards the member named by `raw`. Returns the departure; its chats are handed over next,
/// batch by batch ([`super::handover::hand_over_batch`]).
pub fn offboard(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raw: &str,
    given: &AcceptorIds,
) -> Result<Departure> {
    let named = ids::require_user(tx, env, caller, id_type, raw)?;
    lock_departure(tx, named.id)?;
    let user = tx.user(caller.tenant, named.id)?.unwrap_or(named);
    let existing = tx.departure(caller.tenant, user.id)?;
    let departments = existing.as_ref().map_or(&user.departments, |d| &d.departments).clone();
    check_scope(tx, caller, &departments)?;
    if let Some(d) = existing {
        return match d.state {
            DepartureState::HandingOver => Err(ContactError::DeleteInProgress.into()),
            DepartureState::Restoring => Err(ContactError::ResurrectInProgress.into()),
            DepartureState::Departed if user.status.is_exited && !user.status.is_resigned => {
                let acceptors = acceptors::resolve(tx, env, caller, id_type, &user, given)?;
                resign_exited(tx, env, user, d, Some(acceptors))
            }
            DepartureState::Departed => Err(ContactError::UserResigned.into()),
        };
    }
    if user.status.is_resigned {
        return Err(ContactError::UserResigned.into());
    }
    let creator = tx.tenant(caller.tenant)?.and_then(|t| t.creator);
    if user.is_tenant_manager || creator == Some(user.id) {
        return Err(ContactError::TenantManagerUndeletable.into());
    }
    let acceptors = acceptors::resolve(tx, env, caller, id_type, &user, given)?;
    let operator = Operator::Bot { app: caller.app.id, tenant: caller.tenant };
    depart::begin(tx, env, &user, DepartureKind::Offboard, operator, acceptors)
}

/// An exited member becomes resigned (`contact.user.deleted_v3`): when their exit period ends,
/// or at once when an admin deletes them (whose acceptors are then recorded).
pub fn resign_exited(
    tx: &mut dyn Tx,
    env: &Env,
    mut user: User,
    mut d: Departure,
    acceptors: Option<crate::model::Acceptors>,
) -> Result<Departure> {
    if !user.status.is_resigned {
        user.status.is_resigned = true;
        user.updated_at = env.now;
        tx.update_user(&user)?;
        let e = UserDeleted { user: depart::resigned_snapshot(&user, &d.departments, env) };
        tx.append_event(&NewEvent::of(user.tenant, &e, env.now))?;
    }
    if let Some(a) = acceptors {
        d.acceptors = a;
    }
    d.resign_at = None;
    d.updated_at = env.now;
    tx.update_departure(&d)?;
    Ok(d)
}
