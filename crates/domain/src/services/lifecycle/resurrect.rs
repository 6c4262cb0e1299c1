//! `POST /contact/v3/users/:user_id/resurrect` (spec §4.5): restores a departed member within
//! `lifecycle.restore_window_days` of their departure (44028 after it, also once purged). It
//! fails while their departure is still being handed over (44034), when their mobile, email or
//! user_id has been taken by another member meanwhile (44030/44031/44032), for a member who has
//! not departed (44033), and when the organization has no room (41007/41008/44023).
//!
//! Restored: the membership (with a seat), in the departments the caller names (the root when
//! none), and the chats the member merely left, rejoined batch by batch. Not restored: the
//! departments they had, admin roles, chats whose ownership moved on or that were dissolved, and
//! tokens (they sign in again). `contact.user.created_v3` announces the member again.

use super::lock_departure;
use crate::error::{ContactError, Error, Result};
use crate::events::contact::UserCreated;
use crate::ids::{TenantId, UserId, UserIdType};
use crate::model::{
    Actor, ChatOutcome, Departure, DepartureState, NewEvent, SeatHolder, SeatReason, User, UserDepartment,
};
use crate::services::chats::access::collaborate;
use crate::services::orgs::seats::{self, Grant, SeatChoice};
use crate::services::users::{self, IdTypes, OrderFields};
use crate::services::{Caller, Env, ids};
use crate::store::Tx;

/// One entry of the body's `departments`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepartmentEntry {
    pub department_id: String,
    pub user_order: Option<i64>,
    pub department_order: Option<i64>,
}

/// Finds the user `raw` names, departed or not; a purged one answers 44028.
fn find(tx: &mut dyn Tx, env: &Env, caller: &Caller, id_type: UserIdType, raw: &str) -> Result<User> {
    match ids::lookup_user(tx, env, caller, id_type, raw)? {
        ids::Lookup::Found(u) => return Ok(u),
        ids::Lookup::ForeignScope if id_type == UserIdType::OpenId => {
            return Err(Error::OpenIdCrossApp { ids: vec![raw.to_owned()] });
        }
        _ => {}
    }
    let purged = match id_type {
        UserIdType::UserId => tx.purged_user_by_user_id(caller.tenant, raw)?,
        _ => match ids::decode_user_number(env, &caller.app, id_type, raw) {
            ids::Lookup::Found(id) => tx.purged_user(caller.tenant, id)?,
            _ => None,
        },
    };
    match purged {
        Some(_) => Err(ContactError::ResurrectExpired.into()),
        None => Err(Error::UsersNotExist { id_type, ids: vec![raw.to_owned()] }),
    }
}

/// The member's mobile, email and user_id must still be theirs (44030/44031/44032).
fn check_unique(tx: &mut dyn Tx, u: &User) -> Result<()> {
    let other = |found: Option<User>| found.is_some_and(|o| o.id != u.id);
    if let Some(m) = &u.mobile
        && other(tx.user_by_mobile(u.tenant, m)?)
    {
        return Err(ContactError::ResurrectMobileTaken.into());
    }
    if let Some(e) = &u.email
        && other(tx.user_by_email(u.tenant, e)?)
    {
        return Err(ContactError::ResurrectEmailTaken.into());
    }
    if other(tx.user_by_user_id(u.tenant, &u.user_id)?) {
        return Err(ContactError::ResurrectUserIdTaken.into());
    }
    Ok(())
}

/// The departments to restore the member into (the root when the body names none).
fn departments(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    entries: &[DepartmentEntry],
) -> Result<Vec<UserDepartment>> {
    let raw: Vec<String> = if entries.is_empty() {
        vec![crate::model::ROOT_DEPARTMENT_ID.to_owned()]
    } else {
        entries.iter().map(|e| e.department_id.clone()).collect()
    };
    if raw.len() > env.settings.contact.max_departments_per_user {
        return Err(ContactError::TooManyDepartments.into());
    }
    let resolved = users::resolve_departments(tx, env, caller, id_types.department, &raw)?;
    let orders: Vec<OrderFields> = entries
        .iter()
        .map(|e| OrderFields {
            department_id: Some(e.department_id.clone()),
            user_order: e.user_order,
            department_order: e.department_order,
            is_primary: None,
        })
        .collect();
    Ok(users::memberships(&resolved, &orders))
}

/// Restores the member `raw` names. Returns their departure, now [`DepartureState::Restoring`]
/// while chats are to be rejoined (`None` when there were none).
pub fn resurrect(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    raw: &str,
    entries: &[DepartmentEntry],
) -> Result<Option<Departure>> {
    let named = find(tx, env, caller, id_types.user, raw)?;
    lock_departure(tx, named.id)?;
    let mut user = tx.user(caller.tenant, named.id)?.unwrap_or(named);
    let Some(mut d) = tx.departure(caller.tenant, user.id)? else {
        return Err(if user.status.is_usable() || user.status.is_frozen {
            ContactError::UserNotResigned.into()
        } else {
            ContactError::ResurrectExpired.into()
        });
    };
    match d.state {
        DepartureState::HandingOver => return Err(ContactError::DeleteInProgress.into()),
        DepartureState::Restoring => return Err(ContactError::ResurrectInProgress.into()),
        DepartureState::Departed => {}
    }
    if d.departed_at.plus_millis(env.settings.contact.resurrect_window_ms()) <= env.now {
        return Err(ContactError::ResurrectExpired.into());
    }
    check_unique(tx, &user)?;
    let memberships = departments(tx, env, caller, id_types, entries)?;
    seats::lock(tx, caller.tenant)?;
    if user.status.is_resigned {
        seats::ensure_member_room(tx, caller.tenant, env.now, 1)?;
    }
    let primary = memberships.iter().find(|m| m.is_primary).map(|m| m.department);
    let target = seats::resolve(tx, caller.tenant, SeatChoice::Auto, primary, true)?;
    let by = caller.user.map_or(Actor::App(caller.app.id), Actor::User);
    let grant = Grant { holder: SeatHolder::User(user.id), reason: SeatReason::ContactApi, by, expires_at: None };
    seats::take(tx, env, caller.tenant, target, grant)?;
    user.status.is_resigned = false;
    user.status.is_exited = false;
    user.resigned_at = None;
    user.departments = memberships;
    user.updated_at = env.now;
    tx.update_user(&user)?;
    tx.append_event(&NewEvent::of(caller.tenant, &UserCreated { user: user.clone() }, env.now))?;
    if tx.departed_chats(user.id, ChatOutcome::Left, 1)?.is_empty() {
        tx.delete_departure(user.id)?;
        return Ok(None);
    }
    d.state = DepartureState::Restoring;
    d.resign_at = None;
    d.operator = crate::events::Operator::Bot { app: caller.app.id, tenant: caller.tenant };
    d.updated_at = env.now;
    tx.update_departure(&d)?;
    Ok(Some(d))
}

/// Rejoins the next batch of chats the restored member had left; true when none is left (the
/// departure record is then gone). Chats since dissolved, full, or of a tenant no longer
/// collaborating are skipped.
pub fn restore_batch(tx: &mut dyn Tx, env: &Env, tenant: TenantId, user: UserId) -> Result<bool> {
    lock_departure(tx, user)?;
    let Some(d) = tx.departure(tenant, user)?.filter(|d| d.state == DepartureState::Restoring) else {
        return Ok(true);
    };
    let Some(u) = tx.user(tenant, user)? else {
        tx.delete_departure(user)?;
        return Ok(true);
    };
    let limit = env.settings.lifecycle.batch();
    let rows = tx.departed_chats(user, ChatOutcome::Left, limit)?;
    for r in &rows {
        rejoin(tx, env, &d, &u, r.chat)?;
        tx.delete_departed_chat(user, r.chat)?;
    }
    if rows.len() < limit as usize {
        tx.delete_departure(user)?;
        return Ok(true);
    }
    Ok(false)
}

fn rejoin(tx: &mut dyn Tx, env: &Env, d: &Departure, u: &User, chat: crate::ids::ChatId) -> Result<()> {
    let Some(mut l) = super::handover::lock_live_chat(tx, chat)? else { return Ok(()) };
    if tx.chat_member(chat, u.id)?.is_some() || l.counts.user_count + 1 > env.settings.chats.max_members {
        return Ok(());
    }
    if l.chat.tenant != u.tenant && !collaborate(tx, l.chat.tenant, u.tenant)? {
        return Ok(());
    }
    super::handover::add_member(tx, env, &mut l, u, d.operator)
}
