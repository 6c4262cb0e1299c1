//! Changing a department: `PATCH` (only what is sent changes), `PUT` (everything not sent is
//! emptied, except `order`), and `PATCH …/update_department_id`. Each writes
//! `contact.department.updated_v3` with the department before and after, when anything changed.

use super::rules::{self, LeaderChange};
use super::{DepartmentFields, DepartmentView, chat, checks, view};
use crate::error::{ContactError, Error, Result};
use crate::events::departments::DepartmentUpdated;
use crate::ids::DepartmentIdType;
use crate::model::{Department, NewEvent};
use crate::services::ids;
use crate::services::users::IdTypes;
use crate::services::{Caller, Env};
use crate::store::Tx;

/// How unsent fields are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateMode {
    /// `PATCH`: unsent fields stay as they are.
    Patch,
    /// `PUT`: `name` and `parent_department_id` are required; other unsent fields are emptied,
    /// except `order`, and `group_chat_employee_types` of a department that has a chat.
    Put,
}

/// `PATCH` / `PUT /contact/v3/departments/:department_id`. Moving a department needs its old
/// and new parents in the app's scope (40014), must not put it under itself (43017) nor make
/// the tree deeper than 25 levels (43019). A moved department keeps its `order` unless a new
/// sibling has it, then goes last.
pub fn update_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    raw: &str,
    f: &DepartmentFields,
    mode: UpdateMode,
) -> Result<DepartmentView> {
    checks::lock_tree(tx, caller.tenant)?;
    let old = ids::require_department(tx, env, caller, id_types.department, raw)?;
    if old.is_root() {
        return Err(ContactError::RootDepartment.into());
    }
    if !ids::scope_covers_department(tx, caller, &old)? {
        return Err(ContactError::NoDeptAuthority.into());
    }
    let put = mode == UpdateMode::Put;
    let name = match (&f.name, put) {
        (Some(n), _) => rules::check_name(Some(n))?,
        (None, true) => return Err(ContactError::DeptNameEmpty.into()),
        (None, false) => old.name.clone(),
    };
    let i18n = match (&f.i18n, put) {
        (Some(i), _) => rules::check_i18n(i)?,
        (None, true) => Default::default(),
        (None, false) => old.i18n.clone(),
    };
    let order = f.order.map(rules::check_order).transpose()?;
    let units = match (&f.unit_ids, put) {
        (Some(u), _) => rules::check_units(u)?,
        (None, true) => vec![],
        (None, false) => old.unit_ids.clone(),
    };
    let employee_types = match (&f.group_chat_employee_types, put) {
        (Some(t), _) => rules::check_employee_types(t)?,
        (None, true) if old.chat.is_none() => vec![],
        (None, _) => old.group_chat_employee_types.clone(),
    };
    let parent_raw = f.parent_department_id.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if put && parent_raw.is_none() {
        return Err(ContactError::DeptParentRequired.into());
    }
    let old_parent_id = old.parent.ok_or_else(|| Error::Internal("a non-root department without parent".into()))?;
    let parent = match parent_raw {
        Some(p) => ids::require_department(tx, env, caller, id_types.department, p)?,
        None => tx.department(caller.tenant, old_parent_id)?.ok_or(Error::NotFound { what: "parent department" })?,
    };
    let moving = parent.id != old_parent_id;
    if moving {
        check_move(tx, caller, &old, &parent)?;
    }
    let siblings = checks::siblings(tx, caller.tenant, parent.id, Some(old.id), &name, &i18n)?;
    if order != Some(old.order) || moving {
        siblings.check_order(order)?;
    }
    if moving && siblings.count >= rules::MAX_CHILDREN {
        return Err(ContactError::DeptTooManyChildren.into());
    }
    let order = match order {
        Some(o) => o,
        None if moving && siblings.orders.contains(&old.order) => siblings.next_order,
        None => old.order,
    };
    let leader_change = match (checks::leader_change(tx, env, caller, id_types, f.leader_user_id.as_deref())?, put) {
        (LeaderChange::Keep, true) => LeaderChange::Clear,
        (c, _) => c,
    };
    let leader_list = match checks::leader_list(tx, env, caller, id_types, f.leaders.as_deref())? {
        None if put => Some(vec![]),
        l => l,
    };
    let (leader, leaders) = rules::combine_leaders(old.leader, &old.leaders, leader_change, leader_list.as_deref())?;
    let mut dept = Department {
        parent: Some(parent.id),
        name,
        i18n,
        leader,
        leaders,
        order,
        unit_ids: units,
        group_chat_employee_types: employee_types,
        ..old.clone()
    };
    if f.create_group_chat == Some(true) {
        chat::create_group_chat(tx, env, caller, &mut dept)?;
    }
    save(tx, env, caller, &old, &dept)?;
    view(tx, caller, dept)
}

/// The checks of moving `dept` under `parent`.
fn check_move(tx: &mut dyn Tx, caller: &Caller, dept: &Department, parent: &Department) -> Result<()> {
    if !ids::scope_covers_department(tx, caller, parent)? {
        return Err(ContactError::NoParentDeptAuthority.into());
    }
    let old_parent = match dept.parent {
        Some(p) => tx.department(caller.tenant, p)?,
        None => None,
    };
    if let Some(p) = &old_parent
        && !ids::scope_covers_department(tx, caller, p)?
    {
        return Err(ContactError::NoParentDeptAuthority.into());
    }
    let parent_depth = checks::depth(tx, caller.tenant, parent)?;
    if parent.id == dept.id || checks::ancestors(tx, caller.tenant, parent)?.iter().any(|a| a.id == dept.id) {
        return Err(ContactError::DeptRelationInvalid.into());
    }
    let height = tx.subtree_height(caller.tenant, dept.id)? as usize;
    if parent_depth + 1 + height > rules::MAX_DEPTH {
        return Err(ContactError::DeptTooDeep.into());
    }
    Ok(())
}

/// Writes `new` and its event, if it differs from `old`.
fn save(tx: &mut dyn Tx, env: &Env, caller: &Caller, old: &Department, new: &Department) -> Result<()> {
    if old == new {
        return Ok(());
    }
    tx.update_department(new)?;
    let event = DepartmentUpdated { department: checks::snapshot_of(tx, new)?, old: checks::snapshot_of(tx, old)? };
    tx.append_event(&NewEvent::of(caller.tenant, &event, env.now))?;
    Ok(())
}

/// `PATCH /contact/v3/departments/:department_id/update_department_id`: gives a department a
/// new custom id (43008 if malformed, 43007 if a live department has it). The app's scope must
/// cover the department (40007); the root's id is fixed (40002).
pub fn update_department_id(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &str,
    new_department_id: Option<&str>,
) -> Result<()> {
    let Some(new_id) = new_department_id.map(str::trim).filter(|n| !n.is_empty()) else {
        return Err(Error::invalid("new_department_id", "is required"));
    };
    checks::lock_tree(tx, caller.tenant)?;
    let old = ids::require_department(tx, env, caller, id_type, raw)?;
    if old.is_root() {
        return Err(ContactError::RootDepartment.into());
    }
    if !ids::scope_covers_department(tx, caller, &old)? {
        return Err(ContactError::DeptIdUpdateForbidden.into());
    }
    if !rules::is_valid_custom_department_id(new_id) {
        return Err(ContactError::DeptCustomIdInvalid.into());
    }
    if new_id == old.department_id {
        return Ok(());
    }
    if tx.department_by_custom_id(caller.tenant, new_id)?.is_some() {
        return Err(ContactError::DeptCustomIdTaken.into());
    }
    let dept = Department { department_id: new_id.to_owned(), ..old.clone() };
    save(tx, env, caller, &old, &dept)
}
