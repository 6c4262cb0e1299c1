//! Contact departments (spec §4.6): create and get here; the tree reads (`batch`, `children`,
//! `parent`) in `tree`, patch/update and `update_department_id` in `update`, delete in
//! `delete`, department group chats in `chat`. Pure rules live in `rules`; the store-backed
//! checks every write shares in `checks`.
//!
//! Choices where Lark is unclear (README "Departments"):
//! - Names, i18n names and `order` are unique among *siblings* (a parent's live children).
//! - Without `order`, a new department goes after its siblings (largest sibling order + 1).
//! - Every write that changes the tree takes one lock per tenant (Lark: "dept structure tenant
//!   lock"), so concurrent moves can never make a cycle and uniqueness checks hold.
//! - `member_count` counts the department and everything below it (as Lark documents), and
//!   `primary_member_count` those whose primary department is in that subtree.

mod chat;
mod checks;
pub mod delete;
pub mod rules;
pub mod scope;
pub mod tree;
pub mod update;

use crate::error::{ContactError, Error, Result};
use crate::events::departments::DepartmentCreated;
use crate::ids::{DepartmentIdType, DeptId};
use crate::model::{Department, I18nNames, NewDepartment, NewEvent, User};
use crate::services::ids;
use crate::services::users::{ClientToken, IdTypes};
use crate::services::{Caller, Env};
use crate::store::{IdempotencyRecord, MemberCounts, Tx};

pub use rules::{MAX_DEPTH, is_valid_custom_department_id};

/// The department fields a request may set; ids are raw strings in the request's id types.
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
    pub create_group_chat: Option<bool>,
}

/// A department with what rendering it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentView {
    pub department: Department,
    pub parent: Option<Department>,
    pub leader: Option<User>,
    pub leaders: Vec<(i64, User)>,
    pub counts: MemberCounts,
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
    let counts = tx.subtree_member_counts(caller.tenant, department.id)?;
    Ok(DepartmentView { department, parent, leader, leaders, counts })
}

/// `GET /contact/v3/departments/:department_id`.
pub fn get_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &str,
) -> Result<DepartmentView> {
    let dept = checks::visible_department(tx, env, caller, id_type, raw)?;
    view(tx, caller, dept)
}

const CREATE_OP: &str = "contact.department.create";

/// `POST /contact/v3/departments`: checks the fields, the parent (in scope, not too deep, not too
/// many children), the custom id and the siblings, inserts the department, makes its group
/// chat when asked, and writes `contact.department.created_v3`. A repeated `client_token` with
/// the same body returns the first result; with another body it fails (40021).
pub fn create_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    f: &DepartmentFields,
    client_token: Option<&ClientToken>,
) -> Result<DepartmentView> {
    checks::lock_tree(tx, caller.tenant)?;
    if let Some(ct) = client_token
        && let Some(rec) = tx.idempotency_get(caller.tenant, caller.app.id, CREATE_OP, &ct.token)?
    {
        if rec.fingerprint != ct.fingerprint {
            return Err(ContactError::ClientTokenMismatch.into());
        }
        let id = rec.result_ref.parse().map(DeptId).map_err(|_| Error::Internal("bad idempotency record".into()))?;
        let dept = tx.department(caller.tenant, id)?.ok_or(Error::NotFound { what: "department" })?;
        return view(tx, caller, dept);
    }
    let name = rules::check_name(f.name.as_deref())?;
    let i18n = rules::check_i18n(&f.i18n.clone().unwrap_or_default())?;
    let order = f.order.map(rules::check_order).transpose()?;
    let units = rules::check_units(f.unit_ids.as_deref().unwrap_or(&[]))?;
    let employee_types = rules::check_employee_types(f.group_chat_employee_types.as_deref().unwrap_or(&[]))?;
    let Some(parent_raw) = f.parent_department_id.as_deref().filter(|p| !p.is_empty()) else {
        return Err(ContactError::DeptParentMissing.into());
    };
    let parent = ids::require_department(tx, env, caller, id_types.department, parent_raw)?;
    if !ids::scope_covers_department(tx, caller, &parent)? {
        return Err(ContactError::NoParentDeptAuthority.into());
    }
    if checks::depth(tx, caller.tenant, &parent)? >= MAX_DEPTH {
        return Err(ContactError::DeptTooDeep.into());
    }
    let department_id = match f.department_id.as_deref().filter(|d| !d.is_empty()) {
        Some(d) if !is_valid_custom_department_id(d) => return Err(ContactError::DeptCustomIdInvalid.into()),
        Some(d) if tx.department_by_custom_id(caller.tenant, d)?.is_some() => {
            return Err(ContactError::DeptCustomIdTaken.into());
        }
        Some(d) => d.to_owned(),
        None => checks::fresh_department_id(tx, caller.tenant)?,
    };
    let siblings = checks::siblings(tx, caller.tenant, parent.id, None, &name, &i18n)?;
    siblings.check_order(order)?;
    if siblings.count >= rules::MAX_CHILDREN {
        return Err(ContactError::DeptTooManyChildren.into());
    }
    let leader_change = checks::leader_change(tx, env, caller, id_types, f.leader_user_id.as_deref())?;
    let leader_list = checks::leader_list(tx, env, caller, id_types, f.leaders.as_deref())?;
    let (leader, leaders) = rules::combine_leaders(None, &[], leader_change, leader_list.as_deref())?;
    let id = tx.insert_department(&NewDepartment {
        tenant: caller.tenant,
        department_id,
        parent: Some(parent.id),
        name,
        i18n,
        leader,
        leaders,
        order: order.unwrap_or(siblings.next_order),
        unit_ids: units,
        group_chat_employee_types: employee_types,
        created_at: env.now,
    })?;
    let mut dept = tx.department(caller.tenant, id)?.ok_or_else(|| Error::Internal("department vanished".into()))?;
    if f.create_group_chat == Some(true) {
        chat::create_group_chat(tx, env, caller, &mut dept)?;
        tx.update_department(&dept)?;
    }
    let snapshot = checks::snapshot(&dept, &parent);
    tx.append_event(&NewEvent::of(caller.tenant, &DepartmentCreated { department: snapshot }, env.now))?;
    if let Some(ct) = client_token {
        let rec = IdempotencyRecord { fingerprint: ct.fingerprint.clone(), result_ref: id.0.to_string() };
        tx.idempotency_put(caller.tenant, caller.app.id, CREATE_OP, &ct.token, &rec, env.now)?;
    }
    view(tx, caller, dept)
}
