//! Contact departments: create and get (the other department use-cases sit beside these).

use crate::error::{ContactError, Error, Result};
use crate::ids::DepartmentIdType;
use crate::model::{Department, DepartmentLeader, I18nNames, NewDepartment, ROOT_DEPARTMENT_ID, User};
use crate::services::ids::{self, Lookup};
use crate::services::users::IdTypes;
use crate::services::{Caller, Env};
use crate::store::Tx;

/// Departments nest at most this deep below the root.
pub const MAX_DEPTH: usize = 25;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DepartmentFields {
    pub name: Option<String>,
    pub i18n: Option<I18nNames>,
    pub parent_department_id: Option<String>,
    pub department_id: Option<String>,
    pub leader_user_id: Option<String>,
    pub order: Option<i64>,
    pub unit_ids: Option<Vec<String>>,
    /// (leader type, raw user id)
    pub leaders: Option<Vec<(i64, String)>>,
    pub group_chat_employee_types: Option<Vec<i64>>,
}

/// A department with what rendering it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentView {
    pub department: Department,
    pub parent: Option<Department>,
    pub leader: Option<User>,
    pub leaders: Vec<(i64, User)>,
    pub member_count: i64,
}

/// Custom department ids: `^[a-zA-Z0-9][a-zA-Z0-9_\-@.]{0,63}$`, and neither `0` nor `od-…`.
pub fn is_valid_custom_department_id(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    first.is_ascii_alphanumeric()
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '@' | '.'))
        && s != ROOT_DEPARTMENT_ID
        && !s.starts_with("od-")
}

fn depth(tx: &mut dyn Tx, caller: &Caller, dept: &Department) -> Result<usize> {
    let mut n = 0;
    let mut cur = dept.parent;
    while let Some(p) = cur {
        n += 1;
        if n > MAX_DEPTH + 1 {
            break;
        }
        cur = tx.department(caller.tenant, p)?.and_then(|d| d.parent);
    }
    Ok(n)
}

fn resolve_user_ref(tx: &mut dyn Tx, env: &Env, caller: &Caller, id_types: IdTypes, raw: &str) -> Result<User> {
    match ids::lookup_user(tx, env, caller, id_types.user, raw)? {
        Lookup::Found(u) if !u.status.is_resigned => Ok(u),
        Lookup::Found(_) => Err(ContactError::UserResigned.into()),
        _ => Err(ContactError::LeaderInvalid.into()),
    }
}

/// `POST /contact/v3/departments`.
pub fn create_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    f: &DepartmentFields,
) -> Result<DepartmentView> {
    let name = f.name.as_deref().map(str::trim).unwrap_or("");
    if name.is_empty() {
        return Err(ContactError::DeptNameEmpty.into());
    }
    if name.chars().count() > 100 {
        return Err(Error::invalid("name", "at most 100 characters"));
    }
    let Some(parent_raw) = f.parent_department_id.as_deref().filter(|p| !p.is_empty()) else {
        return Err(Error::invalid("parent_department_id", "is required"));
    };
    let parent = ids::require_department(tx, env, caller, id_types.department, parent_raw)?;
    if !ids::scope_covers_department(tx, caller, &parent)? {
        return Err(ContactError::NoParentDeptAuthority.into());
    }
    if depth(tx, caller, &parent)? >= MAX_DEPTH {
        return Err(ContactError::DeptTooDeep.into());
    }
    let department_id = match f.department_id.as_deref().filter(|d| !d.is_empty()) {
        Some(d) if !is_valid_custom_department_id(d) => return Err(ContactError::DeptCustomIdInvalid.into()),
        Some(d) if tx.department_by_custom_id(caller.tenant, d)?.is_some() => {
            return Err(ContactError::DeptCustomIdTaken.into());
        }
        Some(d) => d.to_owned(),
        None => fresh_department_id(tx, caller)?,
    };
    if sibling_named(tx, caller, &parent, name)? {
        return Err(ContactError::DeptNameDuplicate.into());
    }
    let leader = match f.leader_user_id.as_deref().filter(|l| !l.is_empty()) {
        Some(raw) => Some(resolve_user_ref(tx, env, caller, id_types, raw)?.id),
        None => None,
    };
    let mut leaders = Vec::new();
    for (kind, raw) in f.leaders.as_deref().unwrap_or(&[]) {
        if !matches!(kind, 1 | 2) {
            return Err(Error::invalid("leaders.leaderType", "must be 1 (main) or 2 (deputy)"));
        }
        leaders
            .push(DepartmentLeader { leader_type: *kind, user: resolve_user_ref(tx, env, caller, id_types, raw)?.id });
    }
    let id = tx.insert_department(&NewDepartment {
        tenant: caller.tenant,
        department_id,
        parent: Some(parent.id),
        name: name.to_owned(),
        i18n: f.i18n.clone().unwrap_or_default(),
        leader: leader.or_else(|| leaders.iter().find(|l| l.leader_type == 1).map(|l| l.user)),
        leaders,
        order: f.order.unwrap_or(0),
        unit_ids: f.unit_ids.clone().unwrap_or_default(),
        group_chat_employee_types: f.group_chat_employee_types.clone().unwrap_or_default(),
        created_at: env.now,
    })?;
    let dept = tx.department(caller.tenant, id)?.ok_or_else(|| Error::Internal("department vanished".into()))?;
    view(tx, caller, dept)
}

fn sibling_named(tx: &mut dyn Tx, caller: &Caller, parent: &Department, name: &str) -> Result<bool> {
    let mut after = None;
    loop {
        let page = tx.child_departments(caller.tenant, parent.id, after, 200)?;
        if page.iter().any(|d| d.name == name) {
            return Ok(true);
        }
        match page.last() {
            Some(last) if page.len() == 200 => after = Some(last.id),
            _ => return Ok(false),
        }
    }
}

fn fresh_department_id(tx: &mut dyn Tx, caller: &Caller) -> Result<String> {
    for _ in 0..16 {
        let candidate = format!("D{}", crate::services::tenancy::random_hex(5));
        if tx.department_by_custom_id(caller.tenant, &candidate)?.is_none() {
            return Ok(candidate);
        }
    }
    Err(Error::Internal("could not find a free department_id in 16 tries".into()))
}

/// Loads what rendering a department needs.
pub fn view(tx: &mut dyn Tx, caller: &Caller, department: Department) -> Result<DepartmentView> {
    let parent = match department.parent {
        Some(p) => tx.department(caller.tenant, p)?,
        None => None,
    };
    let leader = match department.leader {
        Some(l) => tx.user(caller.tenant, l)?,
        None => None,
    };
    let mut leaders = Vec::new();
    for l in &department.leaders {
        if let Some(u) = tx.user(caller.tenant, l.user)? {
            leaders.push((l.leader_type, u));
        }
    }
    let member_count = tx.count_users_in_department(caller.tenant, department.id)?;
    Ok(DepartmentView { department, parent, leader, leaders, member_count })
}

/// `GET /contact/v3/departments/:department_id`.
pub fn get_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &str,
) -> Result<DepartmentView> {
    let dept = ids::require_department(tx, env, caller, id_type, raw)?;
    if !ids::scope_covers_department(tx, caller, &dept)? {
        return Err(ContactError::NoDeptAuthority.into());
    }
    view(tx, caller, dept)
}

#[cfg(test)]
mod tests {
    #[test]
    fn custom_department_ids() {
        for (s, ok) in [
            ("D096", true),
            ("a-b_c@d.e", true),
            ("0", false),
            ("od-abc", false),
            ("-x", false),
            ("", false),
            ("a b", false),
        ] {
            assert_eq!(super::is_valid_custom_department_id(s), ok, "{s}");
        }
        assert!(!super::is_valid_custom_department_id(&"x".repeat(65)));
    }
}
