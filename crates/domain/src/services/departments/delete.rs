//! `DELETE /contact/v3/departments/:department_id`: only an empty department goes (no members:
//! 43011, no live children: 43012), never the root (40002); the app's scope must cover the
//! department (40004) and its parent (40014). The row stays, marked deleted, so its
//! `open_department_id` keeps naming it in events and its custom id becomes free again. Its
//! group chat, if any, stays as it is.

use super::checks;
use crate::error::{ContactError, Result};
use crate::events::departments::DepartmentDeleted;
use crate::ids::DepartmentIdType;
use crate::model::{Department, NewEvent};
use crate::services::ids;
use crate::services::{Caller, Env};
use crate::store::Tx;

pub fn delete_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &str,
) -> Result<()> {
    checks::lock_tree(tx, caller.tenant)?;
    let dept = ids::require_department(tx, env, caller, id_type, raw)?;
    if dept.is_root() {
        return Err(ContactError::RootDepartment.into());
    }
    if !ids::scope_covers_department(tx, caller, &dept)? {
        return Err(ContactError::NoDeptAuthority.into());
    }
    let parent = match dept.parent {
        Some(p) => tx.department(caller.tenant, p)?,
        None => None,
    };
    if let Some(p) = &parent
        && !ids::scope_covers_department(tx, caller, p)?
    {
        return Err(ContactError::NoParentDeptAuthority.into());
    }
    if tx.count_users_in_department(caller.tenant, dept.id)? > 0 {
        return Err(ContactError::DeptHasMembers.into());
    }
    if tx.count_child_departments(caller.tenant, dept.id)? > 0 {
        return Err(ContactError::DeptHasChildren.into());
    }
    let gone = Department { deleted: true, ..dept };
    tx.update_department(&gone)?;
    let event = DepartmentDeleted { department: checks::snapshot_of(tx, &gone)? };
    tx.append_event(&NewEvent::of(caller.tenant, &event, env.now))?;
    Ok(())
}
