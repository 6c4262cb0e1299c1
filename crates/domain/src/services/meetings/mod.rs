//! Meetings (spec §5): reserves, the meetings held under them, and what happens inside (invite,
//! kick out, hand over the host role, end). Joining, leaving, locking and busy marks come from
//! outside Lark's API (Roster has no video): the emulator and Roster's own API drive them.
//!
//! Decisions where Lark is silent (README "Meetings" repeats them):
//! - Lark users (`user_type` 1) are users of the caller's tenant, named in the request's
//!   `user_id_type`. Other user types have no user in Roster: their id is an opaque string
//!   (1–64 printable ASCII) echoed back as given; they belong to no tenant and emit no events.
//! - Tenant tokens reach the meetings their app reserved; user tokens the meetings the user
//!   owns, hosts or has a participant row in (121005 otherwise).
//! - A meeting starts on the first join and ends when its host ends it or its last participant
//!   leaves.

pub mod controls;
pub mod live;
pub mod reserves;
pub mod rules;

use crate::clock::Timestamp;
use crate::error::{Error, MeetingError, Result};
use crate::events::meetings::{MeetingParticipantRef, MeetingSnapshot};
use crate::events::{Operator, meetings as ev};
use crate::ids::{MeetingId, ReserveId, UserId, UserIdType};
use crate::model::{
    LARK_USER, MAX_USER_TYPE, Meeting, MeetingStatus, NewEvent, Participant, ParticipantStatus, Party, Permission,
    ReserveSettings, UserStatus,
};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::{LockKey, Tx};
use std::collections::HashMap;

/// A party as a request names it: an id in the request's id type, and a `user_type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyRef {
    pub id: Option<String>,
    pub user_type: Option<i64>,
}

/// A fresh 19-digit id for a reserve or a meeting.
pub(crate) fn fresh_id() -> i64 {
    rand::random_range(1_000_000_000_000_000_000..=9_199_999_999_999_999_999)
}

/// Parses a 19-digit reserve or meeting id from a path; anything else is a bad parameter.
pub fn parse_long_id(field: &str, raw: &str) -> Result<i64> {
    if raw.len() == 19 && raw.bytes().all(|b| b.is_ascii_digit()) {
        raw.parse().map_err(|_| Error::invalid(field, "must be a 19-digit id"))
    } else {
        Err(Error::invalid(field, "must be a 19-digit id"))
    }
}

/// The user's rendering of ids: Lark users in the request's id type, endpoints as given.
#[derive(Debug, Clone, Default)]
pub struct IdNames {
    users: HashMap<UserId, String>,
}

impl IdNames {
    pub fn user(&self, u: UserId) -> Option<&str> {
        self.users.get(&u).map(String::as_str)
    }
    pub fn party(&self, p: &Party) -> Option<String> {
        match p {
            Party::User(u) => self.user(*u).map(str::to_owned),
            Party::Endpoint { id, .. } => Some(id.clone()),
        }
    }
}

/// Renders `users` in `id_type` for the caller's app (one query for custom user_ids).
pub fn name_users(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    users: impl IntoIterator<Item = UserId>,
) -> Result<IdNames> {
    let mut wanted: Vec<UserId> = users.into_iter().collect();
    wanted.sort();
    wanted.dedup();
    let mut names = HashMap::with_capacity(wanted.len());
    match id_type {
        UserIdType::OpenId => names.extend(wanted.iter().map(|u| (*u, env.open_id(&caller.app, *u)))),
        UserIdType::UnionId => names.extend(wanted.iter().map(|u| (*u, env.union_id(&caller.app, *u)))),
        UserIdType::UserId => {
            for u in tx.party_users(caller.tenant, &wanted)? {
                names.insert(u.id, u.user_id);
            }
        }
    }
    Ok(IdNames { users: names })
}

/// Every user a meeting view mentions.
pub(crate) fn users_of(meeting: &Meeting, participants: &[Participant]) -> Vec<UserId> {
    let mut v = vec![meeting.owner];
    v.extend(meeting.host);
    v.extend(participants.iter().filter_map(|p| p.party.user()));
    v
}

/// Checks a `user_type` and an opaque endpoint id; `field` names them in errors.
fn endpoint_party(field: &str, user_type: i64, id: &str) -> Result<Party> {
    if !(2..=MAX_USER_TYPE).contains(&user_type) {
        return Err(Error::invalid(format!("{field}.user_type"), "must be 1-7"));
    }
    if !ids::is_valid_custom_user_id(id) {
        return Err(Error::invalid(format!("{field}.id"), "must be 1-64 printable ASCII characters"));
    }
    Ok(Party::Endpoint { user_type, id: id.to_owned() })
}

/// Resolves parties named in a request. A Lark user must be a non-resigned user of the caller's
/// tenant; anything else is a bad parameter naming `field[i].id`. Returns each party with its
/// user's status (for Lark users).
pub fn resolve_parties(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    field: &str,
    refs: &[PartyRef],
) -> Result<Vec<(Party, Option<UserStatus>)>> {
    let not_a_user = |i: usize| {
        Error::invalid(format!("{field}[{i}].id"), format!("names no user of the tenant as {}", id_type.as_str()))
    };
    // First pass: endpoints, and Lark ids decoded to numbers (open_id, union_id) or kept
    // (user_id); then one query for the numbers.
    enum Slot {
        Endpoint(Party),
        Number(UserId),
        Custom(String),
    }
    let mut slots = Vec::with_capacity(refs.len());
    for (i, r) in refs.iter().enumerate() {
        let at = format!("{field}[{i}]");
        let id =
            r.id.as_deref()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::invalid(format!("{at}.id"), "is required"))?;
        let user_type = r.user_type.unwrap_or(LARK_USER);
        slots.push(if user_type != LARK_USER {
            Slot::Endpoint(endpoint_party(&at, user_type, id)?)
        } else if id_type == UserIdType::UserId {
            Slot::Custom(id.to_owned())
        } else {
            match ids::decode_user_number(env, &caller.app, id_type, id) {
                Lookup::Found(n) => Slot::Number(n),
                _ => return Err(not_a_user(i)),
            }
        });
    }
    let numbers: Vec<UserId> =
        slots.iter().filter_map(|s| if let Slot::Number(n) = s { Some(*n) } else { None }).collect();
    let found: HashMap<UserId, UserStatus> = if numbers.is_empty() {
        HashMap::new()
    } else {
        tx.party_users(caller.tenant, &numbers)?.into_iter().map(|u| (u.id, u.status)).collect()
    };
    let mut out = Vec::with_capacity(slots.len());
    for (i, slot) in slots.into_iter().enumerate() {
        let user = match slot {
            Slot::Endpoint(p) => {
                out.push((p, None));
                continue;
            }
            Slot::Number(n) => found.get(&n).map(|status| (n, *status)),
            Slot::Custom(raw) => match ids::lookup_user(tx, env, caller, id_type, &raw)? {
                Lookup::Found(u) => Some((u.id, u.status)),
                _ => None,
            },
        };
        match user.filter(|(_, status)| !status.is_resigned) {
            Some((id, status)) => out.push((Party::User(id), Some(status))),
            None => return Err(not_a_user(i)),
        }
    }
    Ok(out)
}

/// Resolves one party (a path or body parameter named `field`).
pub fn resolve_party(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    field: &str,
    r: &PartyRef,
) -> Result<(Party, Option<UserStatus>)> {
    let mut v = resolve_parties(tx, env, caller, id_type, field, std::slice::from_ref(r))?;
    v.pop().ok_or_else(|| Error::Internal("resolve_parties lost its party".into()))
}

/// Loads a meeting of the caller's tenant (122002 when absent).
pub(crate) fn load_meeting(tx: &mut dyn Tx, caller: &Caller, id: MeetingId) -> Result<Meeting> {
    tx.meeting(caller.tenant, id)?.ok_or_else(|| MeetingError::MeetingNotFound.into())
}

/// Like [`load_meeting`], taking the meeting's lock first (for writes).
pub(crate) fn lock_meeting(tx: &mut dyn Tx, caller: &Caller, id: MeetingId) -> Result<Meeting> {
    tx.lock(LockKey::Meeting(id))?;
    load_meeting(tx, caller, id)
}

pub(crate) fn lock_reserve(tx: &mut dyn Tx, id: ReserveId) -> Result<()> {
    tx.lock(LockKey::Other(crate::store::LockArea::MeetingReserve, id.0))
}

/// Locks a party across meetings (joins check they are in no other meeting).
pub(crate) fn lock_party(tx: &mut dyn Tx, party: &Party) -> Result<()> {
    match party {
        Party::User(u) => tx.lock(LockKey::User(*u)),
        Party::Endpoint { user_type, id } => {
            let hash = id.bytes().fold(*user_type, |h, b| h.wrapping_mul(31).wrapping_add(b as i64));
            tx.lock(LockKey::Other(crate::store::LockArea::MeetingEndpoint, hash))
        }
    }
}

/// Whether the caller reaches this meeting: tenant tokens the meetings their app reserved, user
/// tokens the meetings they own, host, or have a participant row in.
pub(crate) fn may_see(tx: &mut dyn Tx, caller: &Caller, m: &Meeting) -> Result<bool> {
    Ok(match caller.user {
        None => m.app == caller.app.id,
        Some(u) => {
            m.owner == u
                || m.host == Some(u)
                || m.settings.assign_hosts.contains(&u)
                || tx.participant(m.id, &Party::User(u))?.is_some()
        }
    })
}

pub(crate) fn ensure_visible(tx: &mut dyn Tx, caller: &Caller, m: &Meeting) -> Result<()> {
    if may_see(tx, caller, m)? { Ok(()) } else { Err(MeetingError::NoPermission.into()) }
}

/// Whether `party` holds `permission` in meeting `m`; `tenant_key` is its tenant's, when any
/// checker compares tenant keys (see [`tenant_key`]).
pub(crate) fn party_permits(m: &Meeting, tenant_key: Option<&str>, permission: Permission, party: &Party) -> bool {
    let subject = rules::Subject { party, tenant_key: party.user().and(tenant_key) };
    rules::permits(&m.settings.action_permissions, permission, subject)
}

/// The caller's tenant key (for plans and tenant_key checkers).
pub(crate) fn caller_tenant_key(tx: &mut dyn Tx, caller: &Caller) -> Result<String> {
    tx.tenant(caller.tenant)?
        .map(|t| t.tenant_key)
        .ok_or_else(|| Error::Internal(format!("tenant {} of a live caller is gone", caller.tenant)))
}

/// The tenant key permission checks need: read only when a checker of `settings` compares
/// tenant keys.
pub(crate) fn tenant_key(tx: &mut dyn Tx, caller: &Caller, settings: &ReserveSettings) -> Result<Option<String>> {
    let compares_tenants = settings
        .action_permissions
        .iter()
        .flat_map(|p| &p.checkers)
        .any(|c| matches!(c.list, crate::model::CheckList::TenantKeys(_)));
    if compares_tenants { caller_tenant_key(tx, caller).map(Some) } else { Ok(None) }
}

pub(crate) fn snapshot(m: &Meeting) -> MeetingSnapshot {
    MeetingSnapshot {
        meeting: m.id,
        topic: m.settings.topic.clone(),
        meeting_no: m.meeting_no.clone(),
        start_time: m.start_time.secs(),
        end_time: m.end_time.map_or(0, Timestamp::secs),
        host: m.host,
        owner: Some(m.owner),
        reserving_app: m.app,
    }
}

fn participant_ref(m: &Meeting, user: UserId) -> MeetingParticipantRef {
    MeetingParticipantRef { user, user_role: if m.host == Some(user) { 2 } else { 1 }, user_type: LARK_USER }
}

/// Writes `vc.meeting.join_meeting_v1` for a Lark user (endpoints emit nothing).
pub(crate) fn emit_join(tx: &mut dyn Tx, env: &Env, m: &Meeting, party: &Party) -> Result<()> {
    if let Some(user) = party.user() {
        let e = ev::JoinMeeting { meeting: snapshot(m), operator: participant_ref(m, user) };
        tx.append_event(&NewEvent::of(m.tenant, &e, env.now))?;
    }
    Ok(())
}

/// Lark's `leave_reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveReason {
    Left = 1,
    Removed = 2,
    MeetingEnded = 3,
}

/// Writes `vc.meeting.leave_meeting_v1` for a Lark user; `was_host` is their role while in.
pub(crate) fn emit_leave(
    tx: &mut dyn Tx,
    env: &Env,
    m: &Meeting,
    party: &Party,
    reason: LeaveReason,
    was_host: bool,
) -> Result<()> {
    if let Some(user) = party.user() {
        let operator = MeetingParticipantRef { user, user_role: if was_host { 2 } else { 1 }, user_type: LARK_USER };
        let e = ev::LeaveMeeting { meeting: snapshot(m), operator, leave_reason: reason as i64 };
        tx.append_event(&NewEvent::of(m.tenant, &e, env.now))?;
    }
    Ok(())
}

/// Who an event says acted: a user, an app's bot, or the system (an endpoint, the emulator).
pub(crate) fn operator_of(caller: Option<&Caller>, party: Option<&Party>, m: &Meeting) -> Operator {
    if let Some(u) = party.and_then(Party::user) {
        return Operator::User { user: u, tenant: m.tenant };
    }
    match caller {
        Some(c) => match c.user {
            Some(u) => Operator::User { user: u, tenant: m.tenant },
            None => Operator::Bot { app: c.app.id, tenant: m.tenant },
        },
        None => Operator::System { tenant: m.tenant },
    }
}

/// Re-chooses the host among the Lark users in the meeting (after the host left, or when a
/// host-less meeting gains someone who may hold the role).
pub(crate) fn reassign_host(tx: &mut dyn Tx, m: &mut Meeting, tenant_key: Option<&str>) -> Result<()> {
    let inside: Vec<Participant> =
        tx.participants(m.id)?.into_iter().filter(|p| p.status == ParticipantStatus::InMeeting).collect();
    let candidates: Vec<rules::HostCandidate> = inside
        .iter()
        .filter_map(|p| {
            let user = p.party.user()?;
            Some(rules::HostCandidate {
                user,
                joined_at: p.joined_at.map_or(i64::MAX, |t| t.0),
                preferred: user == m.owner || m.settings.assign_hosts.contains(&user),
                permitted: party_permits(m, tenant_key, Permission::BeHost, &p.party),
            })
        })
        .collect();
    m.host = rules::choose_host(&candidates);
    Ok(())
}

/// Ends the meeting: everyone still in leaves (reason 3), then `meeting_ended_v1`.
pub(crate) fn end_meeting(
    tx: &mut dyn Tx,
    env: &Env,
    m: &mut Meeting,
    operator: crate::events::Operator,
) -> Result<()> {
    m.status = MeetingStatus::Ended;
    m.end_time = Some(env.now);
    for mut p in tx.participants(m.id)?.into_iter().filter(|p| p.status == ParticipantStatus::InMeeting) {
        p.leave(env.now);
        tx.upsert_participant(&p)?;
        let was_host = p.party.user().is_some() && p.party.user() == m.host;
        emit_leave(tx, env, m, &p.party, LeaveReason::MeetingEnded, was_host)?;
    }
    tx.update_meeting(m.tenant, m.id, &m.state())?;
    let e = ev::MeetingEnded { meeting: snapshot(m), operator };
    tx.append_event(&NewEvent::of(m.tenant, &e, env.now))?;
    Ok(())
}

/// Takes `party` out of the meeting at `env.now`: the host role passes on, and the meeting ends
/// when nobody is left. `operator` acts for the end of the meeting, if it comes to that.
pub(crate) fn take_out(
    tx: &mut dyn Tx,
    env: &Env,
    m: &mut Meeting,
    mut p: Participant,
    reason: LeaveReason,
    tenant_key: Option<&str>,
    operator: Operator,
) -> Result<()> {
    let was_host = p.party.user().is_some() && p.party.user() == m.host;
    p.leave(env.now);
    tx.upsert_participant(&p)?;
    emit_leave(tx, env, m, &p.party, reason, was_host)?;
    if tx.count_in_meeting(m.id)? == 0 {
        return end_meeting(tx, env, m, operator);
    }
    if was_host {
        reassign_host(tx, m, tenant_key)?;
    }
    tx.update_meeting(m.tenant, m.id, &m.state())
}
