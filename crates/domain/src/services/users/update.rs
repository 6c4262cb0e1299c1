//! `PATCH` and `PUT /contact/v3/users/:user_id`: changing a user. Both lock the user, re-check
//! contact scope for every department joined or left, the leader rules and the uniqueness of
//! mobile and email among non-resigned users, then write the user and `contact.user.updated_v3`
//! in one transaction. A change that changes nothing writes nothing and announces nothing.
//! Seats are not touched: a seat belongs to the member, whatever their profile says.

use super::rules::{self, ChangeMode};
use super::{IdTypes, OrderFields, UserFields, UserView, validate_fields, view};
use crate::error::{ContactError, Error, Result, StoreError};
use crate::events::contact::UserUpdated;
use crate::ids::{DepartmentIdType, DeptId, UserId, UserIdType};
use crate::model::{NewEvent, User};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::{LockKey, Tx};

/// `PATCH /contact/v3/users/:user_id`: fields not sent keep their values. A user access token
/// may change only its own user's `name`, `en_name` and `avatar_key`.
pub fn patch_user(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    raw: &str,
    f: &UserFields,
) -> Result<UserView> {
    change_user(tx, env, caller, id_types, raw, f, ChangeMode::Patch)
}

/// `PUT /contact/v3/users/:user_id`: the body is the whole user. The fields create requires are
/// required here too, and optional fields not sent return to their defaults (`is_frozen` to
/// false, the leader and custom attributes to none); `join_time` is kept unless sent.
pub fn replace_user(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    raw: &str,
    f: &UserFields,
) -> Result<UserView> {
    change_user(tx, env, caller, id_types, raw, f, ChangeMode::Replace)
}

/// Opens a user for a change: resolved in the caller's id type, locked, re-read under the lock,
/// inside the caller's contact scope and not resigned.
pub(super) fn open_for_change(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raw: &str,
) -> Result<User> {
    let found = ids::require_user(tx, env, caller, id_type, raw)?;
    tx.lock(LockKey::User(found.id))?;
    let user =
        tx.user(caller.tenant, found.id)?.ok_or_else(|| Error::Internal("user vanished under its lock".into()))?;
    ids::ensure_user_visible(tx, caller, &user)?;
    if user.status.is_resigned {
        return Err(ContactError::UserResigned.into());
    }
    Ok(user)
}

/// Writes `next` over `old` and announces it; nothing at all when they are equal.
pub(super) fn save_change(tx: &mut dyn Tx, env: &Env, old: &User, mut next: User) -> Result<User> {
    if next == *old {
        return Ok(next);
    }
    next.updated_at = env.now;
    tx.update_user(&next).map_err(unique_to_contact)?;
    tx.append_event(&NewEvent::of(next.tenant, &UserUpdated { user: next.clone(), old: old.clone() }, env.now))?;
    Ok(next)
}

/// The partial unique indexes are the backstop of the checks: a concurrent writer that got
/// there first still yields Lark's code, not a generic conflict.
pub(super) fn unique_to_contact(e: Error) -> Error {
    let Error::Store(StoreError::Unique { constraint }) = &e else { return e };
    let is = |sqlite: &str, postgres: &str| constraint.ends_with(sqlite) || constraint == postgres;
    if is("users.mobile", "users_mobile") {
        ContactError::MobileTaken.into()
    } else if is("users.email", "users_email") {
        ContactError::EmailTaken.into()
    } else if is("users.user_id", "users_user_id") {
        ContactError::UserIdTaken.into()
    } else {
        e
    }
}

fn change_user(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    raw: &str,
    f: &UserFields,
    mode: ChangeMode,
) -> Result<UserView> {
    let current = open_for_change(tx, env, caller, id_types.user, raw)?;
    if let Some(me) = caller.user {
        if me != current.id {
            return Err(ContactError::NoUserAuthority.into());
        }
        rules::check_user_token_fields(f)?;
    }
    validate_fields(f, &env.settings.contact, mode == ChangeMode::Replace)?;
    if let Some(u) = f.user_id.as_deref().map(str::trim).filter(|u| !u.is_empty())
        && u != current.user_id
    {
        return Err(Error::invalid("user_id", "is changed only by PATCH /contact/v3/users/:user_id/update_user_id"));
    }
    let mut next = current.clone();
    rules::apply_profile(&mut next, f, mode);
    if next.mobile.is_none() && next.email.is_none() {
        return Err(ContactError::NoEmailOrMobile.into());
    }
    check_contacts_free(tx, caller, &current, &next)?;
    if next.employee_no != current.employee_no {
        super::check_employee_no_free(tx, caller.tenant, &next.employee_no, Some(current.id))?;
    }
    let departments = match &f.department_ids {
        Some(raws) => Some(resolve_department_ids(tx, env, caller, id_types.department, raws)?),
        None => None,
    };
    let orders = resolve_orders(tx, env, caller, id_types.department, f.orders.as_deref().unwrap_or(&[]))?;
    next.departments = rules::merge_memberships(&current.departments, departments.as_deref(), &orders, mode)?;
    check_department_scope(tx, caller, &current, &next)?;
    next.leader = match f.leader_user_id.as_deref().map(str::trim) {
        Some("") => None,
        Some(raw) => Some(resolve_leader(tx, env, caller, id_types.user, raw, current.id)?),
        None if mode == ChangeMode::Replace => None,
        None => current.leader,
    };
    let saved = save_change(tx, env, &current, next)?;
    view(tx, caller, saved)
}

/// Mobile and email, when they change, must not belong to another non-resigned user (41001,
/// 41002).
fn check_contacts_free(tx: &mut dyn Tx, caller: &Caller, current: &User, next: &User) -> Result<()> {
    if let Some(m) = next.mobile.as_deref().filter(|m| Some(*m) != current.mobile.as_deref())
        && tx.user_by_mobile(caller.tenant, m)?.is_some_and(|u| u.id != current.id)
    {
        return Err(ContactError::MobileTaken.into());
    }
    if let Some(e) = next.email.as_deref().filter(|e| Some(*e) != current.email.as_deref())
        && tx.user_by_email(caller.tenant, e)?.is_some_and(|u| u.id != current.id)
    {
        return Err(ContactError::EmailTaken.into());
    }
    Ok(())
}

/// Resolves a new department list (deduplicated, in order); unknown ids fail together (99992380).
fn resolve_department_ids(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raws: &[String],
) -> Result<Vec<DeptId>> {
    let mut out: Vec<DeptId> = Vec::with_capacity(raws.len());
    let mut missing = Vec::new();
    for r in raws {
        match ids::lookup_department(tx, env, caller, id_type, r)? {
            Lookup::Found(d) if !out.contains(&d.id) => out.push(d.id),
            Lookup::Found(_) => {}
            _ => missing.push(r.clone()),
        }
    }
    if missing.is_empty() { Ok(out) } else { Err(Error::DepartmentsNotExist { ids: missing }) }
}

/// The departments `orders` names; one that does not exist is an invalid order (41025).
fn resolve_orders(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    orders: &[OrderFields],
) -> Result<Vec<(DeptId, OrderFields)>> {
    let mut out = Vec::with_capacity(orders.len());
    for o in orders {
        let raw = o.department_id.as_deref().unwrap_or("");
        match ids::lookup_department(tx, env, caller, id_type, raw)? {
            Lookup::Found(d) => out.push((d.id, o.clone())),
            _ => return Err(ContactError::OrderDepartmentInvalid.into()),
        }
    }
    Ok(out)
}

/// Every department the user joins or leaves must be inside the app's contact scope (40004).
/// Departments the user stays in are not re-checked: the user is visible already.
fn check_department_scope(tx: &mut dyn Tx, caller: &Caller, current: &User, next: &User) -> Result<()> {
    if caller.app.contact_scope.all {
        return Ok(());
    }
    let was = |d: DeptId| current.departments.iter().any(|m| m.department == d);
    let is = |d: DeptId| next.departments.iter().any(|m| m.department == d);
    let changed: Vec<DeptId> = next
        .departments
        .iter()
        .map(|m| m.department)
        .filter(|d| !was(*d))
        .chain(current.departments.iter().map(|m| m.department).filter(|d| !is(*d)))
        .collect();
    for d in changed {
        let Some(dept) = tx.department(caller.tenant, d)? else { continue };
        if !ids::scope_covers_department(tx, caller, &dept)? {
            return Err(ContactError::NoDeptAuthority.into());
        }
    }
    Ok(())
}

/// How far up a chain of leaders the cycle check walks.
const MAX_LEADER_CHAIN: usize = 256;

/// The new leader: an existing, non-resigned user of the tenant who is not `me` (41030, 44021,
/// 44022) and whose own chain of leaders does not lead back to `me` (44022: a cycle).
fn resolve_leader(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raw: &str,
    me: UserId,
) -> Result<UserId> {
    let leader = match ids::lookup_user(tx, env, caller, id_type, raw)? {
        Lookup::Found(l) if l.id == me => return Err(ContactError::LeaderIsSelf.into()),
        Lookup::Found(l) if l.status.is_resigned => return Err(ContactError::LeaderResigned.into()),
        Lookup::Found(l) => l,
        _ => return Err(ContactError::LeaderInvalid.into()),
    };
    let mut above = leader.leader;
    for _ in 0..MAX_LEADER_CHAIN {
        match above {
            None => return Ok(leader.id),
            Some(u) if u == me => return Err(ContactError::LeaderInvalid.into()),
            Some(u) => above = tx.user(caller.tenant, u)?.and_then(|u| u.leader),
        }
    }
    Err(ContactError::LeaderInvalid.into())
}
