//! Turning external ids into entities and back, in the caller's id type. The three failure
//! cases stay apart: malformed (or forged), minted for another app, and well-formed but absent.

use crate::codec::{Decoded, IdKind};
use crate::error::{ContactError, Error, Result};
use crate::ids::{ChatId, DepartmentIdType, DeptId, UserId, UserIdType};
use crate::model::{App, Department, ROOT_DEPARTMENT_ID, User};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// The outcome of looking an external id up.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<T> {
    Found(T),
    /// Well-formed, but nothing by that id exists in the caller's tenant.
    NotExist,
    /// Not an id of the requested type at all.
    Malformed,
    /// A genuine open_id/union_id minted for another app or developer.
    ForeignScope,
}

impl<T> Lookup<T> {
    pub fn found(self) -> Option<T> {
        match self {
            Lookup::Found(t) => Some(t),
            _ => None,
        }
    }
}

/// Whether `s` can be a custom `user_id` at all (1–64 bytes of printable, non-space ASCII).
pub fn is_valid_custom_user_id(s: &str) -> bool {
    (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_graphic())
}

impl Env {
    pub fn open_id(&self, app: &App, user: UserId) -> String {
        self.codec.encode(IdKind::OpenUser, app.open_id_scope(), user.0)
    }
    pub fn union_id(&self, app: &App, user: UserId) -> String {
        self.codec.encode(IdKind::UnionUser, app.union_id_scope(), user.0)
    }
    pub fn chat_id(&self, chat: ChatId) -> String {
        self.codec.encode(IdKind::Chat, 0, chat.0)
    }
    /// `od-…`, or `"0"` for the root.
    pub fn open_department_id(&self, dept: &Department) -> String {
        if dept.is_root() { ROOT_DEPARTMENT_ID.to_owned() } else { self.codec.encode(IdKind::Department, 0, dept.id.0) }
    }
    /// The user's id in the caller's chosen type.
    pub fn render_user_id(&self, app: &App, id_type: UserIdType, user: &User) -> String {
        match id_type {
            UserIdType::OpenId => self.open_id(app, user.id),
            UserIdType::UnionId => self.union_id(app, user.id),
            UserIdType::UserId => user.user_id.clone(),
        }
    }
    pub fn render_department_id(&self, id_type: DepartmentIdType, dept: &Department) -> String {
        match id_type {
            DepartmentIdType::OpenDepartmentId => self.open_department_id(dept),
            DepartmentIdType::DepartmentId => dept.department_id.clone(),
        }
    }
}

/// The internal number an open_id or union_id carries, without touching the store.
pub fn decode_user_number(env: &Env, app: &App, id_type: UserIdType, raw: &str) -> Lookup<UserId> {
    let (kind, scope) = match id_type {
        UserIdType::OpenId => (IdKind::OpenUser, app.open_id_scope()),
        UserIdType::UnionId => (IdKind::UnionUser, app.union_id_scope()),
        UserIdType::UserId => return Lookup::Malformed,
    };
    match env.codec.decode(kind, scope, raw) {
        Decoded::Id(n) => Lookup::Found(UserId(n)),
        Decoded::ForeignScope => Lookup::ForeignScope,
        Decoded::Malformed => Lookup::Malformed,
    }
}

/// Looks a user of the caller's tenant up by an id in `id_type`.
pub fn lookup_user(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raw: &str,
) -> Result<Lookup<User>> {
    if id_type == UserIdType::UserId {
        if !is_valid_custom_user_id(raw) {
            return Ok(Lookup::Malformed);
        }
        return Ok(tx.user_by_user_id(caller.tenant, raw)?.map_or(Lookup::NotExist, Lookup::Found));
    }
    Ok(match decode_user_number(env, &caller.app, id_type, raw) {
        Lookup::Found(id) => tx.user(caller.tenant, id)?.map_or(Lookup::NotExist, Lookup::Found),
        Lookup::ForeignScope => Lookup::ForeignScope,
        Lookup::Malformed | Lookup::NotExist => Lookup::Malformed,
    })
}

/// Like [`lookup_user`], but an open_id or union_id may also name a user of a tenant the caller's
/// tenant actively collaborates with (an external contact). Users of any other tenant stay
/// [`Lookup::NotExist`], exactly like ids that name nobody. `user_id`s are per tenant, so they
/// only ever name the caller's own users.
pub fn lookup_user_across(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raw: &str,
) -> Result<Lookup<User>> {
    Ok(lookup_users_across(tx, env, caller, id_type, &[raw.to_owned()])?.pop().unwrap_or(Lookup::NotExist))
}

/// [`lookup_user_across`] for a list, with one query for the caller's own users (member lists
/// name up to 50 at once). The result is in the order of `raws`.
pub fn lookup_users_across(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raws: &[String],
) -> Result<Vec<Lookup<User>>> {
    if id_type == UserIdType::UserId {
        return raws.iter().map(|r| lookup_user(tx, env, caller, id_type, r)).collect();
    }
    let decoded: Vec<Lookup<UserId>> = raws.iter().map(|r| decode_user_number(env, &caller.app, id_type, r)).collect();
    let numbers: Vec<UserId> = decoded.iter().filter_map(|d| d.clone().found()).collect();
    let own = if numbers.is_empty() { Vec::new() } else { tx.users_by_ids(caller.tenant, &numbers)? };
    let mut out = Vec::with_capacity(raws.len());
    for d in decoded {
        out.push(match d {
            Lookup::Found(id) => match own.iter().position(|u| u.id == id) {
                Some(i) => Lookup::Found(own[i].clone()),
                None => match tx.collaborating_tenant_of_user(caller.tenant, id)? {
                    Some(t) => tx.user(t, id)?.map_or(Lookup::NotExist, Lookup::Found),
                    None => Lookup::NotExist,
                },
            },
            Lookup::ForeignScope => Lookup::ForeignScope,
            Lookup::Malformed | Lookup::NotExist => Lookup::Malformed,
        });
    }
    Ok(out)
}

/// Like [`lookup_user`], for paths that must name a real user: anything else is an error in
/// Lark's generic id family (99992351 / 99992360 / 99992364), or 99992361 for an open_id minted
/// for another app. A union_id of another developer is simply one that does not exist here.
pub fn require_user(tx: &mut dyn Tx, env: &Env, caller: &Caller, id_type: UserIdType, raw: &str) -> Result<User> {
    match lookup_user(tx, env, caller, id_type, raw)? {
        Lookup::Found(u) => Ok(u),
        Lookup::ForeignScope if id_type == UserIdType::OpenId => {
            Err(Error::OpenIdCrossApp { ids: vec![raw.to_owned()] })
        }
        _ => Err(Error::UsersNotExist { id_type, ids: vec![raw.to_owned()] }),
    }
}

/// Looks a department of the caller's tenant up; `"0"` is the root in both id types.
pub fn lookup_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &str,
) -> Result<Lookup<Department>> {
    if raw == ROOT_DEPARTMENT_ID {
        return Ok(tx.root_department(caller.tenant)?.map_or(Lookup::NotExist, Lookup::Found));
    }
    let found = match id_type {
        DepartmentIdType::OpenDepartmentId => match env.codec.decode(IdKind::Department, 0, raw) {
            Decoded::Id(n) => tx.department(caller.tenant, DeptId(n))?,
            _ => return Ok(Lookup::Malformed),
        },
        DepartmentIdType::DepartmentId => {
            if raw.is_empty() || raw.len() > 64 {
                return Ok(Lookup::Malformed);
            }
            tx.department_by_custom_id(caller.tenant, raw)?
        }
    };
    Ok(match found {
        Some(d) if !d.deleted => Lookup::Found(d),
        _ => Lookup::NotExist,
    })
}

/// Like [`lookup_department`], for paths that must name a live department.
pub fn require_department(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &str,
) -> Result<Department> {
    lookup_department(tx, env, caller, id_type, raw)?
        .found()
        .ok_or(Error::DepartmentsNotExist { ids: vec![raw.to_owned()] })
}

/// Whether the app's contact scope covers the department (or any of its ancestors).
pub fn scope_covers_department(tx: &mut dyn Tx, caller: &Caller, dept: &Department) -> Result<bool> {
    let scope = &caller.app.contact_scope;
    if scope.all {
        return Ok(true);
    }
    let mut cur = Some(dept.clone());
    let mut hops = 0;
    while let Some(d) = cur {
        if scope.departments.contains(&d.id) {
            return Ok(true);
        }
        hops += 1;
        if hops > 64 {
            return Err(Error::Internal(format!("department tree deeper than 64 at {}", d.id)));
        }
        cur = match d.parent {
            Some(p) => tx.department(caller.tenant, p)?,
            None => None,
        };
    }
    Ok(false)
}

/// Whether the app's contact scope covers the user (through any of their departments).
pub fn scope_covers_user(tx: &mut dyn Tx, caller: &Caller, user: &User) -> Result<bool> {
    if caller.app.contact_scope.all {
        return Ok(true);
    }
    for ud in &user.departments {
        if let Some(d) = tx.department(caller.tenant, ud.department)?
            && scope_covers_department(tx, caller, &d)?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Refuses users outside the caller's contact scope with 41050.
pub fn ensure_user_visible(tx: &mut dyn Tx, caller: &Caller, user: &User) -> Result<()> {
    if scope_covers_user(tx, caller, user)? { Ok(()) } else { Err(ContactError::NoUserAuthority.into()) }
}
