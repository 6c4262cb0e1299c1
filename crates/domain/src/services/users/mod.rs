//! Contact users: create and get here, a new member's `user_id` in `fresh_ids`; changing users
//! (`update`, `user_id`), bulk reads (`queries`) and the email/mobile lookup (`batch_get_id`)
//! beside them, with the pure rules of a change in `rules`. Validation is a pure function of the request and the settings; the store
//! is consulted only for uniqueness, ids and scope.

pub mod batch_get_id;
pub mod fresh_ids;
pub mod queries;
pub mod rules;
pub mod update;
pub mod user_id;

use crate::error::{ContactError, Error, Result};
use crate::events::contact::UserCreated;
use crate::ids::{DepartmentIdType, TenantId, UserId, UserIdType};
use crate::model::{Department, NewAccount, NewEvent, NewUser, User, UserDepartment, UserStatus};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::settings::ContactSettings;
use crate::store::{IdempotencyRecord, LockArea, LockKey, Tx};

/// The id types a contact call speaks in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct IdTypes {
    pub user: UserIdType,
    pub department: DepartmentIdType,
}

/// A `client_token` and a fingerprint of the request body it came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientToken {
    pub token: String,
    pub fingerprint: String,
}

/// One entry of `orders`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderFields {
    pub department_id: Option<String>,
    pub user_order: Option<i64>,
    pub department_order: Option<i64>,
    pub is_primary: Option<bool>,
}

/// The user fields a request may set; ids are raw strings in the request's id types.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserFields {
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub en_name: Option<String>,
    pub nickname: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub mobile_visible: Option<bool>,
    pub gender: Option<i64>,
    pub avatar_key: Option<String>,
    pub department_ids: Option<Vec<String>>,
    pub leader_user_id: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub work_station: Option<String>,
    pub join_time: Option<i64>,
    pub employee_no: Option<String>,
    pub employee_type: Option<i64>,
    pub orders: Option<Vec<OrderFields>>,
    pub custom_attrs: Option<String>,
    pub enterprise_email: Option<String>,
    pub job_title: Option<String>,
    pub is_frozen: Option<bool>,
}

/// A user with what rendering it needs: its departments (in membership order) and its leader.
#[derive(Debug, Clone, PartialEq)]
pub struct UserView {
    pub user: User,
    pub departments: Vec<Department>,
    pub leader: Option<User>,
}

fn too_long(s: &Option<String>, max: usize) -> bool {
    s.as_ref().is_some_and(|v| v.chars().count() > max)
}

/// Whether `m` looks like a phone number: optional `+`, then 5–20 digits (spaces and dashes allowed).
pub fn is_valid_mobile(m: &str) -> bool {
    let digits: String = m.strip_prefix('+').unwrap_or(m).chars().filter(|c| *c != ' ' && *c != '-').collect();
    (5..=20).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// Whether `e` looks like an email address: one `@`, non-empty local part, a dotted domain.
pub fn is_valid_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && e.len() <= 254
        && !e.chars().any(char::is_whitespace)
}

/// The field rules that need no store. `creating` adds the fields create requires.
pub fn validate_fields(f: &UserFields, settings: &ContactSettings, creating: bool) -> Result<()> {
    if creating && f.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(ContactError::NameMissing.into());
    }
    if f.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(ContactError::NameMissing.into());
    }
    if too_long(&f.name, 64) {
        return Err(ContactError::NameTooLong.into());
    }
    if too_long(&f.en_name, 64) {
        return Err(ContactError::EnNameTooLong.into());
    }
    if too_long(&f.nickname, 64) {
        return Err(ContactError::NicknameTooLong.into());
    }
    if too_long(&f.job_title, 100) {
        return Err(ContactError::JobTitleTooLong.into());
    }
    if let Some(m) = f.mobile.as_deref().filter(|m| !m.is_empty())
        && !is_valid_mobile(m)
    {
        return Err(ContactError::MobileInvalid.into());
    }
    if let Some(e) = f.email.as_deref().filter(|e| !e.is_empty())
        && !is_valid_email(e)
    {
        return Err(ContactError::EmailInvalid.into());
    }
    if creating && f.mobile.as_deref().unwrap_or("").is_empty() && f.email.as_deref().unwrap_or("").is_empty() {
        return Err(ContactError::NoEmailOrMobile.into());
    }
    if let Some(uid) = &f.user_id
        && !ids::is_valid_custom_user_id(uid)
    {
        return Err(ContactError::UserIdInvalid.into());
    }
    if let Some(g) = f.gender
        && !(0..=3).contains(&g)
    {
        return Err(ContactError::GenderInvalid.into());
    }
    match f.employee_type {
        Some(t) if !(1..=5).contains(&t) => return Err(ContactError::EmployeeTypeInvalid.into()),
        None if creating => return Err(Error::invalid("employee_type", "is required")),
        _ => {}
    }
    match &f.department_ids {
        Some(d) if d.is_empty() => return Err(ContactError::DepartmentRequired.into()),
        Some(d) if d.len() > settings.max_departments_per_user => return Err(ContactError::TooManyDepartments.into()),
        None if creating => return Err(ContactError::DepartmentRequired.into()),
        _ => {}
    }
    Ok(())
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Resolves department ids (deduplicated, in order) and checks the app's scope covers each.
/// Returns each department with the raw id it was named by.
pub fn resolve_departments(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: DepartmentIdType,
    raw: &[String],
) -> Result<Vec<(String, Department)>> {
    let mut out: Vec<(String, Department)> = Vec::with_capacity(raw.len());
    let mut missing = Vec::new();
    for r in raw {
        match ids::lookup_department(tx, env, caller, id_type, r)? {
            Lookup::Found(d) => {
                if !out.iter().any(|(_, o)| o.id == d.id) {
                    out.push((r.clone(), d));
                }
            }
            _ => missing.push(r.clone()),
        }
    }
    if !missing.is_empty() {
        return Err(Error::DepartmentsNotExist { ids: missing });
    }
    for (_, d) in &out {
        if !ids::scope_covers_department(tx, caller, d)? {
            return Err(ContactError::NoDeptAuthority.into());
        }
    }
    Ok(out)
}

/// Builds the memberships from resolved departments and the request's `orders`; the first
/// department is primary unless `orders` says otherwise.
pub fn memberships(departments: &[(String, Department)], orders: &[OrderFields]) -> Vec<UserDepartment> {
    let mut out: Vec<UserDepartment> = departments
        .iter()
        .map(|(_, d)| UserDepartment { department: d.id, user_order: 0, department_order: 0, is_primary: false })
        .collect();
    for o in orders {
        let Some((_, dept)) = departments.iter().find(|(raw, _)| Some(raw) == o.department_id.as_ref()) else {
            continue;
        };
        if let Some(m) = out.iter_mut().find(|m| m.department == dept.id) {
            m.user_order = o.user_order.unwrap_or(m.user_order);
            m.department_order = o.department_order.unwrap_or(m.department_order);
            m.is_primary = o.is_primary.unwrap_or(m.is_primary);
        }
    }
    if !out.iter().any(|m| m.is_primary)
        && let Some(first) = out.first_mut()
    {
        first.is_primary = true;
    }
    out
}

fn resolve_leader(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raw: &str,
    me: Option<UserId>,
) -> Result<UserId> {
    match ids::lookup_user(tx, env, caller, id_type, raw)? {
        Lookup::Found(l) if Some(l.id) == me => Err(ContactError::LeaderIsSelf.into()),
        Lookup::Found(l) if l.status.is_resigned => Err(ContactError::LeaderResigned.into()),
        Lookup::Found(l) => Ok(l.id),
        _ => Err(ContactError::LeaderInvalid.into()),
    }
}

const CREATE_OP: &str = "contact.user.create";

/// `POST /contact/v3/users`: validates, checks uniqueness and scope, links or creates the
/// account, inserts the user and writes `contact.user.created_v3`. A repeated `client_token`
/// with the same body returns the first result; with another body it fails (40021).
pub fn create_user(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    f: &UserFields,
    client_token: Option<&ClientToken>,
) -> Result<UserView> {
    if let Some(ct) = client_token
        && let Some(rec) = tx.idempotency_get(caller.tenant, caller.app.id, CREATE_OP, &ct.token)?
    {
        if rec.fingerprint != ct.fingerprint {
            return Err(ContactError::ClientTokenMismatch.into());
        }
        let id = rec.result_ref.parse().map(UserId).map_err(|_| Error::Internal("bad idempotency record".into()))?;
        let user = tx.user(caller.tenant, id)?.ok_or(Error::NotFound { what: "user" })?;
        return view(tx, caller, user);
    }
    validate_fields(f, &env.settings.contact, true)?;
    let mobile = non_empty(&f.mobile);
    let email = non_empty(&f.email);
    if let Some(m) = &mobile
        && tx.user_by_mobile(caller.tenant, m)?.is_some()
    {
        return Err(ContactError::MobileTaken.into());
    }
    if let Some(e) = &email
        && tx.user_by_email(caller.tenant, e)?.is_some()
    {
        return Err(ContactError::EmailTaken.into());
    }
    let user_id = match non_empty(&f.user_id) {
        // A resigned member's user_id may be taken (restoring them then fails with 44032).
        Some(u) if tx.user_by_user_id(caller.tenant, &u)?.is_some_and(|o| !o.status.is_resigned) => {
            return Err(ContactError::UserIdTaken.into());
        }
        Some(u) => u,
        None => fresh_ids::fresh_user_id(tx, caller.tenant)?,
    };
    let employee_no = f.employee_no.clone().unwrap_or_default();
    check_employee_no_free(tx, caller.tenant, &employee_no, None)?;
    let raw_depts = f.department_ids.clone().unwrap_or_default();
    let departments = resolve_departments(tx, env, caller, id_types.department, &raw_depts)?;
    let leader = match non_empty(&f.leader_user_id) {
        Some(raw) => Some(resolve_leader(tx, env, caller, id_types.user, &raw, None)?),
        None => None,
    };
    let name = f.name.clone().unwrap_or_default().trim().to_owned();
    let account = link_or_create_account(tx, env, &name, mobile.as_deref(), email.as_deref())?;
    let new = NewUser {
        tenant: caller.tenant,
        account,
        user_id,
        name,
        en_name: f.en_name.clone().unwrap_or_default(),
        nickname: f.nickname.clone().unwrap_or_default(),
        email,
        mobile,
        mobile_visible: f.mobile_visible.unwrap_or(true),
        gender: f.gender.unwrap_or(0),
        avatar_key: non_empty(&f.avatar_key),
        leader,
        city: f.city.clone().unwrap_or_default(),
        country: f.country.clone().unwrap_or_default(),
        work_station: f.work_station.clone().unwrap_or_default(),
        join_time: f.join_time.unwrap_or(env.now.secs()),
        is_tenant_manager: false,
        employee_no,
        employee_type: f.employee_type.unwrap_or(1),
        enterprise_email: non_empty(&f.enterprise_email),
        job_title: f.job_title.clone().unwrap_or_default(),
        custom_attrs: f.custom_attrs.clone(),
        status: UserStatus { is_activated: true, is_frozen: f.is_frozen.unwrap_or(false), ..UserStatus::default() },
        departments: memberships(&departments, f.orders.as_deref().unwrap_or(&[])),
        created_at: env.now,
    };
    let id = tx.insert_user(&new)?;
    let user = new.into_user(id);
    tx.append_event(&NewEvent::of(caller.tenant, &UserCreated { user: user.clone() }, env.now))?;
    crate::services::orgs::seats::on_member_created(tx, env, caller, &user)?;
    if let Some(ct) = client_token {
        let rec = IdempotencyRecord { fingerprint: ct.fingerprint.clone(), result_ref: id.0.to_string() };
        tx.idempotency_put(caller.tenant, caller.app.id, CREATE_OP, &ct.token, &rec, env.now)?;
    }
    // The departments were just resolved (in membership order): no need to read them again.
    view_with_departments(tx, caller, user, departments.into_iter().map(|(_, d)| d).collect())
}

/// The account a new user signs in with: the one active account with this mobile (or, failing
/// that, email) if there is exactly one, else a new account.
/// 44051: a non-empty employee_no belongs to at most one non-resigned member of a tenant. No
/// unique index backs this (members written before the rule may share one), so the check holds a
/// per-tenant lock until the transaction ends, and two PostgreSQL writers cannot both pass it.
fn check_employee_no_free(tx: &mut dyn Tx, tenant: TenantId, employee_no: &str, except: Option<UserId>) -> Result<()> {
    if employee_no.is_empty() {
        return Ok(());
    }
    tx.lock(LockKey::Other(LockArea::EmployeeNo, tenant.0))?;
    if tx.employee_no_taken(tenant, employee_no, except)? {
        return Err(ContactError::EmployeeNoTaken.into());
    }
    Ok(())
}

pub fn link_or_create_account(
    tx: &mut dyn Tx,
    env: &Env,
    name: &str,
    mobile: Option<&str>,
    email: Option<&str>,
) -> Result<crate::ids::AccountId> {
    let mut candidates = match mobile {
        Some(m) => tx.accounts_by_mobile(m)?,
        None => vec![],
    };
    if candidates.is_empty()
        && let Some(e) = email
    {
        candidates = tx.accounts_by_email(e)?;
    }
    if candidates.len() == 1 {
        return Ok(candidates[0].id);
    }
    tx.insert_account(&NewAccount {
        name: name.to_owned(),
        email: email.map(str::to_owned),
        mobile: mobile.map(str::to_owned),
        password_hash: None,
        created_at: env.now,
    })
}

/// Loads what rendering a user needs.
pub fn view(tx: &mut dyn Tx, caller: &Caller, user: User) -> Result<UserView> {
    let mut departments = Vec::with_capacity(user.departments.len());
    for m in &user.departments {
        if let Some(d) = tx.department(caller.tenant, m.department)? {
            departments.push(d);
        }
    }
    view_with_departments(tx, caller, user, departments)
}

/// [`view`] when the user's departments are already at hand, in membership order.
fn view_with_departments(
    tx: &mut dyn Tx,
    caller: &Caller,
    user: User,
    departments: Vec<Department>,
) -> Result<UserView> {
    let leader = match user.leader {
        Some(l) => tx.user(caller.tenant, l)?,
        None => None,
    };
    Ok(UserView { user, departments, leader })
}

/// `GET /contact/v3/users/:user_id`: a user of the caller's tenant inside the app's scope.
pub fn get_user(tx: &mut dyn Tx, env: &Env, caller: &Caller, id_types: IdTypes, raw: &str) -> Result<UserView> {
    let user = ids::require_user(tx, env, caller, id_types.user, raw)?;
    ids::ensure_user_visible(tx, caller, &user)?;
    view(tx, caller, user)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> UserFields {
        UserFields {
            name: Some("Ada".into()),
            mobile: Some("+15550001".into()),
            department_ids: Some(vec!["0".into()]),
            employee_type: Some(1),
            ..UserFields::default()
        }
    }

    #[test]
    fn create_rules() {
        let s = ContactSettings::default();
        type Case = (&'static str, Box<dyn Fn(&mut UserFields)>, Option<Error>);
        let cases: Vec<Case> = vec![
            ("valid", Box::new(|_| {}), None),
            ("no name", Box::new(|f| f.name = None), Some(ContactError::NameMissing.into())),
            ("blank name", Box::new(|f| f.name = Some("  ".into())), Some(ContactError::NameMissing.into())),
            ("long name", Box::new(|f| f.name = Some("x".repeat(65))), Some(ContactError::NameTooLong.into())),
            ("64 chars ok", Box::new(|f| f.name = Some("é".repeat(64))), None),
            ("bad mobile", Box::new(|f| f.mobile = Some("12ab".into())), Some(ContactError::MobileInvalid.into())),
            ("bad email", Box::new(|f| f.email = Some("a@b".into())), Some(ContactError::EmailInvalid.into())),
            (
                "no contact",
                Box::new(|f| {
                    f.mobile = None;
                    f.email = Some(String::new())
                }),
                Some(ContactError::NoEmailOrMobile.into()),
            ),
            (
                "email only",
                Box::new(|f| {
                    f.mobile = None;
                    f.email = Some("a@b.co".into())
                }),
                None,
            ),
            ("no depts", Box::new(|f| f.department_ids = None), Some(ContactError::DepartmentRequired.into())),
            (
                "empty depts",
                Box::new(|f| f.department_ids = Some(vec![])),
                Some(ContactError::DepartmentRequired.into()),
            ),
            (
                "51 depts",
                Box::new(|f| f.department_ids = Some(vec!["0".into(); 51])),
                Some(ContactError::TooManyDepartments.into()),
            ),
            ("gender 4", Box::new(|f| f.gender = Some(4)), Some(ContactError::GenderInvalid.into())),
            ("type 6", Box::new(|f| f.employee_type = Some(6)), Some(ContactError::EmployeeTypeInvalid.into())),
            ("no type", Box::new(|f| f.employee_type = None), Some(Error::invalid("employee_type", "is required"))),
            ("bad user_id", Box::new(|f| f.user_id = Some("a b".into())), Some(ContactError::UserIdInvalid.into())),
            ("long user_id", Box::new(|f| f.user_id = Some("x".repeat(65))), Some(ContactError::UserIdInvalid.into())),
            (
                "job title",
                Box::new(|f| f.job_title = Some("x".repeat(101))),
                Some(ContactError::JobTitleTooLong.into()),
            ),
        ];
        for (name, mutate, want) in cases {
            let mut f = base();
            mutate(&mut f);
            assert_eq!(validate_fields(&f, &s, true).err(), want, "{name}");
        }
    }

    #[test]
    fn patch_rules_skip_required_fields() {
        let s = ContactSettings::default();
        assert_eq!(validate_fields(&UserFields::default(), &s, false), Ok(()));
        let f = UserFields { name: Some(String::new()), ..UserFields::default() };
        assert_eq!(validate_fields(&f, &s, false), Err(ContactError::NameMissing.into()));
    }

    #[test]
    fn contact_formats() {
        for (m, ok) in [
            ("+8613800000000", true),
            ("555-0100", true),
            ("12ab", false),
            ("+1 555 000 0100", true),
            ("", false),
            ("+", false),
        ] {
            assert_eq!(is_valid_mobile(m), ok, "{m}");
        }
        for (e, ok) in [("a@b.co", true), ("a@b", false), ("@b.co", false), ("a@@b.co", false), ("a b@c.de", false)] {
            assert_eq!(is_valid_email(e), ok, "{e}");
        }
    }
}
