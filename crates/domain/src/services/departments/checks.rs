//! Store-backed checks the department writes share: the tree lock, visibility, depth and
//! ancestry, sibling uniqueness, leader lookups, fresh custom ids and event snapshots.

use super::rules::{self, LeaderChange};
use crate::error::{ContactError, Error, Result};
use crate::events::departments::DepartmentSnapshot;
use crate::ids::{DepartmentIdType, DeptId, TenantId, UserId, UserIdType};
use crate::model::{Department, DepartmentLeader, I18nNames};
use crate::services::ids::{self, Lookup};
use crate::services::users::IdTypes;
use crate::services::{Caller, Env};
use crate::store::{LockKey, Tx};

/// A parent has its children read in pages of this many.
const SIBLING_PAGE: u32 = 200;

/// Serializes changes to the tenant's tree until the transaction ends. Take it before reading
/// anything the change depends on: PostgreSQL writes run at READ COMMITTED, so reads after the
/// lock see every change committed before it.
pub(super) fn lock_tree(tx: &mut dyn Tx, tenant: TenantId) -> Result<()> {
    tx.lock(LockKey::Other(crate::store::LockArea::DepartmentTree, tenant.0))
}

/// The live department `raw` names, which the app's contact scope must cover (40004).
pub(super) fn visible_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &str,
) -> Result<Department> {
    let dept = ids::require_department(tx, env, caller, id_type, raw)?;
    if !ids::scope_covers_department(tx, caller, &dept)? {
        return Err(ContactError::NoDeptAuthority.into());
    }
    Ok(dept)
}

/// The ancestors of `dept`, nearest first, the root last.
pub(super) fn ancestors(tx: &mut dyn Tx, tenant: TenantId, dept: &Department) -> Result<Vec<Department>> {
    let mut out: Vec<Department> = Vec::new();
    let mut next = dept.parent;
    while let Some(id) = next {
        if out.len() > 2 * rules::MAX_DEPTH {
            return Err(Error::Internal(format!("department {} has a cycle or is too deep", dept.id)));
        }
        let Some(p) = tx.department(tenant, id)? else { break };
        next = p.parent;
        out.push(p);
    }
    Ok(out)
}

/// How many ancestors `dept` has (0 for the root, 1 for its children).
pub(super) fn depth(tx: &mut dyn Tx, tenant: TenantId, dept: &Department) -> Result<usize> {
    Ok(ancestors(tx, tenant, dept)?.len())
}

/// A parent's other children: how many there are, the orders they hold, and the order that
/// puts a new one after all of them.
pub(super) struct Siblings {
    pub count: i64,
    pub orders: Vec<i64>,
    pub next_order: i64,
}

impl Siblings {
    /// Refuses an `order` a sibling already has (43005).
    pub fn check_order(&self, order: Option<i64>) -> Result<()> {
        match order {
            Some(o) if self.orders.contains(&o) => Err(ContactError::DeptOrderDuplicate.into()),
            _ => Ok(()),
        }
    }
}

/// Checks a department's name (40018) and i18n names (43018) against the live children of
/// `parent` other than `except`, and reports what they hold.
pub(super) fn siblings(
    tx: &mut dyn Tx,
    tenant: TenantId,
    parent: DeptId,
    except: Option<DeptId>,
    name: &str,
    i18n: &I18nNames,
) -> Result<Siblings> {
    let mut out = Siblings { count: 0, orders: Vec::new(), next_order: 0 };
    let mut after = None;
    loop {
        let page = tx.child_departments(tenant, parent, after, SIBLING_PAGE)?;
        for d in page.iter().filter(|d| Some(d.id) != except) {
            if d.name == name {
                return Err(ContactError::DeptNameDuplicate.into());
            }
            if rules::i18n_clash(&d.i18n, i18n) {
                return Err(ContactError::DeptI18nNameDuplicate.into());
            }
            out.count += 1;
            out.orders.push(d.order);
            out.next_order = out.next_order.max(d.order.saturating_add(1));
        }
        match page.last() {
            Some(last) if page.len() == SIBLING_PAGE as usize => after = Some(last.id),
            _ => return Ok(out),
        }
    }
}

/// A user who may lead a department: present (44022), not resigned (42006), joined (43025).
fn resolve_leader(tx: &mut dyn Tx, env: &Env, caller: &Caller, id_type: UserIdType, raw: &str) -> Result<UserId> {
    match ids::lookup_user(tx, env, caller, id_type, raw)? {
        Lookup::Found(u) if u.status.is_resigned => Err(ContactError::UserResigned.into()),
        Lookup::Found(u) if u.status.is_unjoin => Err(ContactError::DeptLeaderUnjoined.into()),
        Lookup::Found(u) => Ok(u.id),
        _ => Err(ContactError::LeaderInvalid.into()),
    }
}

/// What `leader_user_id` asks for: nothing (absent), no leader (`""`), or that user.
pub(super) fn leader_change(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    raw: Option<&str>,
) -> Result<LeaderChange> {
    match raw.map(str::trim) {
        None => Ok(LeaderChange::Keep),
        Some("") => Ok(LeaderChange::Clear),
        Some(r) => Ok(LeaderChange::Set(resolve_leader(tx, env, caller, id_types.user, r)?)),
    }
}

/// `leaders` with their users resolved; `None` when not sent.
pub(super) fn leader_list(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    raw: Option<&[(i64, String)]>,
) -> Result<Option<Vec<DepartmentLeader>>> {
    let Some(raw) = raw else { return Ok(None) };
    let mut out = Vec::with_capacity(raw.len());
    for (kind, user) in raw {
        let user = resolve_leader(tx, env, caller, id_types.user, user.trim())?;
        out.push(DepartmentLeader { leader_type: *kind, user });
    }
    Ok(Some(out))
}

/// A fresh `D` + 10-hex-digit custom id not used by a live department of the tenant.
pub(super) fn fresh_department_id(tx: &mut dyn Tx, tenant: TenantId) -> Result<String> {
    for _ in 0..16 {
        let candidate = format!("D{}", crate::services::tenancy::random_hex(5));
        if tx.department_by_custom_id(tenant, &candidate)?.is_none() {
            return Ok(candidate);
        }
    }
    Err(Error::Internal("could not find a free department_id in 16 tries".into()))
}

/// `dept` as an event shows it, given its parent.
pub(super) fn snapshot(dept: &Department, parent: &Department) -> DepartmentSnapshot {
    DepartmentSnapshot { department: dept.clone(), parent_is_root: parent.is_root() }
}

/// `dept` as an event shows it, looking its parent up.
pub(super) fn snapshot_of(tx: &mut dyn Tx, dept: &Department) -> Result<DepartmentSnapshot> {
    let parent_is_root = match dept.parent {
        Some(p) => tx.department(dept.tenant, p)?.is_some_and(|p| p.is_root()),
        None => false,
    };
    Ok(DepartmentSnapshot { department: dept.clone(), parent_is_root })
}
