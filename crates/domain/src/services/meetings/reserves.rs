//! Reserves: apply, get, update, delete, and the reserve's meeting in progress.
//!
//! A reserve belongs to its owner (user tokens) and to the app that made it (tenant tokens);
//! anyone else in the tenant gets 121005, other tenants 121004. Invalid `assign_host_list`
//! entries do not fail the call: they come back in `invalid_host_id_list`, as on Lark.

use super::rules::{self, MAX_ASSIGNED_HOSTS, MAX_CHECK_LIST, MAX_CHECKERS, MAX_PERMISSION_ENTRIES};
use super::{IdNames, PartyRef, live, name_users};
use crate::error::{Error, MeetingError, Result};
use crate::ids::{ReserveId, UserId, UserIdType};
use crate::model::{
    ActionPermission, CheckList, CheckMode, LARK_USER, MAX_USER_TYPE, Permission, PermissionChecker, Reserve,
    ReserveSettings,
};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::Tx;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckerInput {
    pub check_field: Option<i64>,
    pub check_mode: Option<i64>,
    pub check_list: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PermissionInput {
    pub permission: Option<i64>,
    pub checkers: Option<Vec<CheckerInput>>,
}

/// `meeting_settings` as a request gives it; absent fields keep their current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsInput {
    pub topic: Option<String>,
    pub action_permissions: Option<Vec<PermissionInput>>,
    pub meeting_initial_type: Option<i64>,
    pub auto_record: Option<bool>,
    pub meeting_connect: Option<bool>,
    pub assign_host_list: Option<Vec<PartyRef>>,
    /// `""` removes the password.
    pub password: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReserveInput {
    /// Unix seconds.
    pub end_time: Option<i64>,
    /// The owner, for tenant tokens (ignored for user tokens).
    pub owner_id: Option<String>,
    pub settings: Option<SettingsInput>,
}

/// A reserve with the ids it mentions rendered in the request's id type.
#[derive(Debug, Clone)]
pub struct ReserveView {
    pub reserve: Reserve,
    /// `assign_host_list` ids that name no usable Lark user of the tenant.
    pub invalid_hosts: Vec<String>,
    pub names: IdNames,
}

fn checker(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    at: &str,
    c: &CheckerInput,
) -> Result<PermissionChecker> {
    let mode = match c.check_mode {
        Some(1) => CheckMode::Allow,
        Some(2) => CheckMode::Deny,
        _ => return Err(Error::invalid(format!("{at}.check_mode"), "must be 1 or 2")),
    };
    let raw = c.check_list.clone().unwrap_or_default();
    if raw.len() > MAX_CHECK_LIST {
        return Err(Error::invalid(format!("{at}.check_list"), format!("at most {MAX_CHECK_LIST} values")));
    }
    let list = match c.check_field {
        Some(1) => {
            let mut users: Vec<UserId> = Vec::with_capacity(raw.len());
            for (i, id) in raw.iter().enumerate() {
                match ids::lookup_user(tx, env, caller, id_type, id)? {
                    Lookup::Found(u) => users.push(u.id),
                    _ => return Err(Error::invalid(format!("{at}.check_list[{i}]"), "names no user of the tenant")),
                }
            }
            CheckList::Users(users)
        }
        Some(2) => {
            let mut types = Vec::with_capacity(raw.len());
            for (i, t) in raw.iter().enumerate() {
                match t.parse::<i64>() {
                    Ok(n) if (LARK_USER..=MAX_USER_TYPE).contains(&n) => types.push(n),
                    _ => {
                        return Err(Error::invalid(format!("{at}.check_list[{i}]"), "must be a user type \"1\"-\"7\""));
                    }
                }
            }
            CheckList::UserTypes(types)
        }
        Some(3) => {
            if let Some(i) = raw.iter().position(|k| k.is_empty() || k.len() > 64) {
                return Err(Error::invalid(format!("{at}.check_list[{i}]"), "must be a tenant_key"));
            }
            CheckList::TenantKeys(raw)
        }
        _ => return Err(Error::invalid(format!("{at}.check_field"), "must be 1, 2 or 3")),
    };
    Ok(PermissionChecker { list, mode })
}

fn action_permissions(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    input: &[PermissionInput],
) -> Result<Vec<ActionPermission>> {
    if input.len() > MAX_PERMISSION_ENTRIES {
        return Err(Error::invalid(
            "meeting_settings.action_permissions",
            format!("at most {MAX_PERMISSION_ENTRIES} entries"),
        ));
    }
    let mut out = Vec::with_capacity(input.len());
    for (i, p) in input.iter().enumerate() {
        let at = format!("meeting_settings.action_permissions[{i}]");
        let permission = p
            .permission
            .and_then(Permission::from_code)
            .ok_or_else(|| Error::invalid(format!("{at}.permission"), "must be 1, 2 or 3"))?;
        let checkers = p.checkers.as_deref().unwrap_or_default();
        if checkers.is_empty() || checkers.len() > MAX_CHECKERS {
            return Err(Error::invalid(format!("{at}.permission_checkers"), format!("1-{MAX_CHECKERS} checkers")));
        }
        let mut built = Vec::with_capacity(checkers.len());
        for (j, c) in checkers.iter().enumerate() {
            built.push(checker(tx, env, caller, id_type, &format!("{at}.permission_checkers[{j}]"), c)?);
        }
        out.push(ActionPermission { permission, checkers: built });
    }
    Ok(out)
}

/// Resolves `assign_host_list`: usable Lark users of the tenant become hosts, the rest are
/// reported back. More than 10 entries is 123003.
fn assign_hosts(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    input: &[PartyRef],
) -> Result<(Vec<UserId>, Vec<String>)> {
    if input.len() > MAX_ASSIGNED_HOSTS {
        return Err(MeetingError::TooManyHosts.into());
    }
    let (mut hosts, mut invalid) = (Vec::new(), Vec::new());
    for (i, h) in input.iter().enumerate() {
        let id =
            h.id.as_deref()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::invalid(format!("meeting_settings.assign_host_list[{i}].id"), "is required"))?;
        let usable = match (h.user_type.unwrap_or(LARK_USER), ids::lookup_user(tx, env, caller, id_type, id)?) {
            (LARK_USER, Lookup::Found(u)) if u.status.is_usable() => Some(u.id),
            _ => None,
        };
        match usable {
            Some(u) if !hosts.contains(&u) => hosts.push(u),
            Some(_) => {}
            None => invalid.push(id.to_owned()),
        }
    }
    Ok((hosts, invalid))
}

/// Applies `input` over `base`; returns the settings and the invalid host ids.
fn settings_over(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    input: &SettingsInput,
    base: ReserveSettings,
) -> Result<(ReserveSettings, Vec<String>)> {
    let mut s = base;
    match input.meeting_initial_type {
        None | Some(1) => {}
        Some(2) => return Err(MeetingError::NotSupported.into()),
        Some(_) => return Err(Error::invalid("meeting_settings.meeting_initial_type", "must be 1 or 2")),
    }
    if let Some(topic) = &input.topic {
        if topic.chars().count() > rules::MAX_TOPIC_CHARS {
            return Err(Error::invalid("meeting_settings.topic", "at most 255 characters"));
        }
        s.topic = topic.trim().to_owned();
    }
    if let Some(p) = &input.password {
        s.password = match p.as_str() {
            "" => None,
            p if rules::is_valid_password(p) => Some(p.to_owned()),
            _ => return Err(Error::invalid("meeting_settings.password", "must be 4-9 digits, or empty for none")),
        };
    }
    if let Some(perms) = &input.action_permissions {
        s.action_permissions = action_permissions(tx, env, caller, id_type, perms)?;
    }
    let mut invalid = Vec::new();
    if let Some(list) = &input.assign_host_list {
        let (hosts, bad) = assign_hosts(tx, env, caller, id_type, list)?;
        s.assign_hosts = hosts;
        invalid = bad;
    }
    if let Some(a) = input.auto_record {
        s.auto_record = a;
    }
    if let Some(c) = input.meeting_connect {
        s.meeting_connect = c;
    }
    Ok((s, invalid))
}

fn check_end_time(env: &Env, end_time: i64) -> Result<()> {
    let days = env.settings.meetings.max_reserve_days;
    if end_time <= env.now.secs() || end_time > env.now.secs() + days * 86_400 {
        return Err(Error::invalid("end_time", format!("must be in the next {days} days (Unix seconds)")));
    }
    Ok(())
}

/// A 9-digit meeting number no reserve holds yet.
fn fresh_meeting_no(tx: &mut dyn Tx) -> Result<String> {
    for _ in 0..16 {
        let candidate = rand::random_range(100_000_000..=999_999_999u32).to_string();
        if !tx.meeting_no_taken(&candidate)? {
            return Ok(candidate);
        }
    }
    Err(Error::Internal("no free meeting number in 16 tries".into()))
}

fn view(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    r: Reserve,
    invalid: Vec<String>,
) -> Result<ReserveView> {
    let mut users = vec![r.owner];
    users.extend(r.settings.assign_hosts.iter().copied());
    for p in &r.settings.action_permissions {
        for c in &p.checkers {
            if let CheckList::Users(u) = &c.list {
                users.extend(u.iter().copied());
            }
        }
    }
    let names = name_users(tx, env, caller, id_type, users)?;
    Ok(ReserveView { reserve: r, invalid_hosts: invalid, names })
}

/// `POST /vc/v1/reserves/apply`.
pub fn apply(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    input: &ReserveInput,
) -> Result<ReserveView> {
    let settings_in = input.settings.as_ref().ok_or_else(|| Error::invalid("meeting_settings", "is required"))?;
    let owner = match caller.user {
        Some(u) => u,
        None => {
            let raw = input
                .owner_id
                .as_deref()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::invalid("owner_id", "is required with a tenant access token"))?;
            match ids::lookup_user(tx, env, caller, id_type, raw)? {
                Lookup::Found(u) if u.status.is_usable() => u.id,
                _ => return Err(Error::invalid("owner_id", "names no usable user of the tenant")),
            }
        }
    };
    let end_time = input.end_time.ok_or_else(|| Error::invalid("end_time", "is required"))?;
    check_end_time(env, end_time)?;
    let base = ReserveSettings {
        topic: String::new(),
        action_permissions: Vec::new(),
        assign_hosts: Vec::new(),
        password: None,
        auto_record: false,
        meeting_connect: false,
    };
    let (mut settings, invalid) = settings_over(tx, env, caller, id_type, settings_in, base)?;
    if settings.topic.is_empty() {
        let name = tx.user(caller.tenant, owner)?.map(|u| u.name).unwrap_or_default();
        settings.topic = if name.is_empty() { "Meeting".to_owned() } else { format!("{name}'s meeting") };
    }
    let reserve = Reserve {
        id: ReserveId(super::fresh_id()),
        tenant: caller.tenant,
        app: caller.app.id,
        owner,
        meeting_no: fresh_meeting_no(tx)?,
        end_time,
        settings,
        created_at: env.now,
        deleted: false,
    };
    tx.insert_reserve(&reserve)?;
    view(tx, env, caller, id_type, reserve, invalid)
}

/// A live reserve the caller manages: 121004 when absent or deleted, 121005 when not theirs.
pub(crate) fn load_own_reserve(tx: &mut dyn Tx, caller: &Caller, id: ReserveId) -> Result<Reserve> {
    let r = tx.reserve(caller.tenant, id)?.filter(|r| !r.deleted).ok_or(MeetingError::ReserveNotFound)?;
    let mine = match caller.user {
        Some(u) => r.owner == u,
        None => r.app == caller.app.id,
    };
    if mine { Ok(r) } else { Err(MeetingError::NoPermission.into()) }
}

/// `GET /vc/v1/reserves/:reserve_id`.
pub fn get(tx: &mut dyn Tx, env: &Env, caller: &Caller, id_type: UserIdType, id: ReserveId) -> Result<ReserveView> {
    let r = load_own_reserve(tx, caller, id)?;
    view(tx, env, caller, id_type, r, Vec::new())
}

/// `PUT /vc/v1/reserves/:reserve_id`: changes the end time and the settings given.
pub fn update(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    id: ReserveId,
    input: &ReserveInput,
) -> Result<ReserveView> {
    super::lock_reserve(tx, id)?;
    let mut r = load_own_reserve(tx, caller, id)?;
    if let Some(end) = input.end_time {
        check_end_time(env, end)?;
        r.end_time = end;
    }
    let mut invalid = Vec::new();
    if let Some(s) = &input.settings {
        let (settings, bad) = settings_over(tx, env, caller, id_type, s, r.settings.clone())?;
        r.settings = settings;
        invalid = bad;
    }
    tx.update_reserve(&r)?;
    view(tx, env, caller, id_type, r, invalid)
}

/// `DELETE /vc/v1/reserves/:reserve_id`: refused (122001) while its meeting is in progress.
pub fn delete(tx: &mut dyn Tx, caller: &Caller, id: ReserveId) -> Result<()> {
    super::lock_reserve(tx, id)?;
    let mut r = load_own_reserve(tx, caller, id)?;
    if tx.active_meeting(caller.tenant, id)?.is_some() {
        return Err(MeetingError::NotInProgress.into());
    }
    r.deleted = true;
    tx.update_reserve(&r)
}

/// `GET /vc/v1/reserves/:reserve_id/get_active_meeting`: 122002 when no meeting is in progress.
pub fn active_meeting(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    id: ReserveId,
    with_participants: bool,
) -> Result<live::MeetingView> {
    let r = load_own_reserve(tx, caller, id)?;
    let m = tx.active_meeting(caller.tenant, r.id)?.ok_or(MeetingError::MeetingNotFound)?;
    live::view(tx, env, caller, id_type, m, with_participants)
}
