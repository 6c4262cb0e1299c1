//! Reading users in bulk: `GET /contact/v3/users/batch` (up to 50 ids in the caller's id type)
//! and `GET /contact/v3/users/find_by_department` (a department's direct members, keyset-paged
//! by internal id). Views are built with one lookup per distinct department and one query for
//! all leaders, not per user.

use super::{IdTypes, UserView};
use crate::error::{ContactError, Error, Result};
use crate::ids::{DeptId, UserId, UserIdType};
use crate::model::{Department, User};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::Tx;
use std::collections::HashMap;

/// `find_by_department` pages: 10 by default, at most 50 [DOC-EN find_by_department].
pub const DEFAULT_PAGE_SIZE: u32 = 10;
pub const MAX_PAGE_SIZE: u32 = 50;

/// Views of `users`, in order, loading each distinct department once and the leaders together.
pub fn views(tx: &mut dyn Tx, caller: &Caller, users: Vec<User>) -> Result<Vec<UserView>> {
    let mut departments: HashMap<DeptId, Option<Department>> = HashMap::new();
    for m in users.iter().flat_map(|u| &u.departments) {
        if let std::collections::hash_map::Entry::Vacant(slot) = departments.entry(m.department) {
            slot.insert(tx.department(caller.tenant, m.department)?);
        }
    }
    let mut leader_ids: Vec<UserId> = users.iter().filter_map(|u| u.leader).collect();
    leader_ids.sort();
    leader_ids.dedup();
    let leaders = if leader_ids.is_empty() { Vec::new() } else { tx.users_by_ids(caller.tenant, &leader_ids)? };
    Ok(users
        .into_iter()
        .map(|user| UserView {
            departments: user
                .departments
                .iter()
                .filter_map(|m| departments.get(&m.department).cloned().flatten())
                .collect(),
            leader: user.leader.and_then(|l| leaders.iter().find(|x| x.id == l).cloned()),
            user,
        })
        .collect())
}

/// `GET /contact/v3/users/batch`: the users `raws` name, in request order (duplicates once).
/// Every id must name a user of the caller's tenant, as `GET …/users/:user_id` requires: the
/// call fails naming all that do not (99992351/99992360/99992364), or 99992361 for open_ids of
/// another app. Users outside the app's contact scope are left out, not reported.
pub fn batch_get_users(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    raws: &[String],
) -> Result<Vec<UserView>> {
    if raws.is_empty() {
        return Err(Error::invalid("user_ids", "is required"));
    }
    let max = env.settings.contact.max_batch_ids;
    if raws.len() > max {
        return Err(Error::invalid("user_ids", format!("takes at most {max} ids")));
    }
    let mut wanted: Vec<&String> = Vec::with_capacity(raws.len());
    for r in raws {
        if !wanted.contains(&r) {
            wanted.push(r);
        }
    }
    let found = lookup_many(tx, env, caller, id_types.user, &wanted)?;
    let mut missing = Vec::new();
    let mut foreign = Vec::new();
    let mut users = Vec::with_capacity(found.len());
    for (raw, lookup) in wanted.iter().zip(found) {
        match lookup {
            Lookup::Found(u) => users.push(u),
            Lookup::ForeignScope if id_types.user == UserIdType::OpenId => foreign.push((*raw).clone()),
            _ => missing.push((*raw).clone()),
        }
    }
    if !foreign.is_empty() {
        return Err(Error::OpenIdCrossApp { ids: foreign });
    }
    if !missing.is_empty() {
        return Err(Error::UsersNotExist { id_type: id_types.user, ids: missing });
    }
    let mut visible = Vec::with_capacity(users.len());
    for u in users {
        if ids::scope_covers_user(tx, caller, &u)? {
            visible.push(u);
        }
    }
    views(tx, caller, visible)
}

/// Looks up many ids of one type with one query for the users.
fn lookup_many(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raws: &[&String],
) -> Result<Vec<Lookup<User>>> {
    if id_type == UserIdType::UserId {
        let valid: Vec<String> =
            raws.iter().filter(|r| ids::is_valid_custom_user_id(r)).map(|r| (*r).clone()).collect();
        // Non-resigned first, so a reused user_id names its current holder.
        let users = tx.users_by_user_ids(caller.tenant, &valid)?;
        return Ok(raws
            .iter()
            .map(|r| match users.iter().find(|u| &u.user_id == *r) {
                Some(u) => Lookup::Found(u.clone()),
                None if ids::is_valid_custom_user_id(r) => Lookup::NotExist,
                None => Lookup::Malformed,
            })
            .collect());
    }
    let decoded: Vec<Lookup<UserId>> =
        raws.iter().map(|r| ids::decode_user_number(env, &caller.app, id_type, r)).collect();
    let numbers: Vec<UserId> = decoded.iter().filter_map(|d| d.clone().found()).collect();
    let users = if numbers.is_empty() { Vec::new() } else { tx.users_by_ids(caller.tenant, &numbers)? };
    Ok(decoded
        .into_iter()
        .map(|d| match d {
            Lookup::Found(id) => users.iter().find(|u| u.id == id).cloned().map_or(Lookup::NotExist, Lookup::Found),
            Lookup::ForeignScope => Lookup::ForeignScope,
            Lookup::Malformed | Lookup::NotExist => Lookup::Malformed,
        })
        .collect())
}

/// One page of a department's members; `next` is the cursor of the following page, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberPage {
    pub items: Vec<UserView>,
    pub next: Option<UserId>,
}

/// `GET /contact/v3/users/find_by_department`: the direct members of a department (resigned
/// users have left it; frozen ones stay listed), ordered by when they were created, `size` at
/// a time after the cursor `after`. The department must be inside the app's contact scope
/// (40004); the root `"0"` needs the all-members scope.
pub fn find_by_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    department: &str,
    after: Option<UserId>,
    size: u32,
) -> Result<MemberPage> {
    if department.is_empty() {
        return Err(Error::invalid("department_id", "is required"));
    }
    if !(1..=MAX_PAGE_SIZE).contains(&size) {
        return Err(Error::invalid("page_size", format!("must be 1-{MAX_PAGE_SIZE}")));
    }
    let dept = ids::require_department(tx, env, caller, id_types.department, department)?;
    if !ids::scope_covers_department(tx, caller, &dept)? {
        return Err(ContactError::NoDeptAuthority.into());
    }
    let mut users = tx.users_in_department(caller.tenant, dept.id, after, size + 1)?;
    let next = if users.len() > size as usize {
        users.truncate(size as usize);
        users.last().map(|u| u.id)
    } else {
        None
    };
    Ok(MemberPage { items: views(tx, caller, users)?, next })
}
