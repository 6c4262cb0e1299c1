//! What Lark clients do and Roster cannot see, since it has no video: joining and leaving,
//! locking a meeting, and being busy on another call. The emulator drives these for tests
//! (`/_roster/v1/…`), and Roster's own API (`/open-apis/roster/v1/…`) lets a meeting's host drive
//! them on a self-hosted server.
//!
//! Joining a reserve starts its meeting (reserved → in progress); the first Lark user allowed to
//! be host takes the role (preferring the owner and `assign_host_list`). Leaving hands the role
//! on, and the meeting ends when its last participant leaves.

use super::live::{self, MeetingView};
use super::rules::{self, JoinFacts};
use super::{
    LeaveReason, PartyRef, lock_party, lock_reserve, operator_of, party_permits, reassign_host, resolve_party,
    snapshot, take_out, tenant_key,
};
use crate::error::{Error, MeetingError, Result};
use crate::events::meetings::MeetingStarted;
use crate::ids::{MeetingId, ReserveId, UserId, UserIdType};
use crate::model::{
    App, Meeting, MeetingStatus, NewEvent, Participant, ParticipantStatus, Party, Permission, Reserve, TokenKind,
};
use crate::services::{Caller, Env};
use crate::store::{LockKey, MeetingRef, Tx};
use std::sync::Arc;

/// Who asks for a control action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// The emulator (demo only): no caller to check, only the meeting's own rules.
    Emulator,
    /// A user through Roster's API: they may move themselves; the meeting's host or the
    /// reserve's owner may move anyone and lock the meeting.
    User(UserId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Join,
    Leave,
}

/// The caller the emulator acts as for an id: the app that reserved it (whose open_ids the
/// request speaks). 122002 when the id names no reserve or meeting.
pub fn emulator_caller(tx: &mut dyn Tx, id: i64) -> Result<Caller> {
    let app = match tx.locate_meeting_ref(id)? {
        Some(MeetingRef::Meeting(tenant, m)) => tx.meeting(tenant, m)?.map(|m| m.app),
        Some(MeetingRef::Reserve(tenant, r)) => tx.reserve(tenant, r)?.map(|r| r.app),
        None => None,
    }
    .ok_or(MeetingError::MeetingNotFound)?;
    let app = tx.app(app)?.ok_or(MeetingError::MeetingNotFound)?;
    Ok(app_caller(app))
}

/// A tenant-token caller for `app` (the emulator's stand-in).
pub fn app_caller(app: App) -> Caller {
    Caller {
        tenant: app.tenant,
        app: Arc::new(app),
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: crate::Timestamp(i64::MAX),
    }
}

enum Target {
    Meeting(Meeting),
    /// A live reserve with no meeting in progress.
    Reserve(Reserve),
}

/// What a 19-digit id names in the caller's tenant, locked for writing: a meeting, or a reserve
/// (standing for its meeting in progress, if any).
fn lock_target(tx: &mut dyn Tx, caller: &Caller, id: i64) -> Result<Target> {
    tx.lock(LockKey::Meeting(MeetingId(id)))?;
    if let Some(m) = tx.meeting(caller.tenant, MeetingId(id))? {
        return Ok(Target::Meeting(m));
    }
    lock_reserve(tx, ReserveId(id))?;
    let r = tx.reserve(caller.tenant, ReserveId(id))?.filter(|r| !r.deleted).ok_or(MeetingError::MeetingNotFound)?;
    match tx.active_meeting(caller.tenant, r.id)? {
        Some(m) => {
            tx.lock(LockKey::Meeting(m.id))?;
            Ok(Target::Meeting(tx.meeting(caller.tenant, m.id)?.ok_or(MeetingError::MeetingNotFound)?))
        }
        None => Ok(Target::Reserve(r)),
    }
}

/// Whether `actor` may act on `party` (themselves) or on anyone (host or owner).
fn may_move(authority: Authority, m_host: Option<UserId>, owner: UserId, assigned: &[UserId], party: &Party) -> bool {
    match authority {
        Authority::Emulator => true,
        Authority::User(actor) => {
            party.user() == Some(actor) || m_host == Some(actor) || owner == actor || assigned.contains(&actor)
        }
    }
}

/// Joins or leaves `who` at the meeting or reserve `id`; returns the meeting afterwards.
#[allow(clippy::too_many_arguments)]
pub fn set_presence(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    authority: Authority,
    id: i64,
    id_type: UserIdType,
    who: &PartyRef,
    presence: Presence,
) -> Result<MeetingView> {
    let (party, user) = resolve_party(tx, env, caller, id_type, "user_id", who)?;
    if user.is_some_and(|status| !status.is_usable()) {
        return Err(Error::invalid("user_id", "names a user who cannot act (frozen)"));
    }
    let target = lock_target(tx, caller, id)?;
    let key = match &target {
        Target::Meeting(m) => tenant_key(tx, caller, &m.settings)?,
        // Starting a meeting reads the tenant's plan, so the key is needed anyway.
        Target::Reserve(_) => Some(super::caller_tenant_key(tx, caller)?),
    };
    let key = key.as_deref();
    let m = match (target, presence) {
        (Target::Meeting(m), _) if m.status != MeetingStatus::InProgress => {
            return Err(MeetingError::NotInProgress.into());
        }
        (Target::Meeting(m), Presence::Join) => {
            if !may_move(authority, m.host, m.owner, &m.settings.assign_hosts, &party) {
                return Err(MeetingError::NoPermission.into());
            }
            join(tx, env, m, &party, key, false)?
        }
        (Target::Reserve(r), Presence::Join) => {
            if !may_move(authority, None, r.owner, &r.settings.assign_hosts, &party) {
                return Err(MeetingError::NoPermission.into());
            }
            if r.is_expired(env.now) {
                return Err(MeetingError::NotInProgress.into());
            }
            let m = start(env, &r, key.unwrap_or_default());
            join(tx, env, m, &party, key, true)?
        }
        (Target::Meeting(mut m), Presence::Leave) => {
            if !may_move(authority, m.host, m.owner, &m.settings.assign_hosts, &party) {
                return Err(MeetingError::NoPermission.into());
            }
            let p = tx
                .participant(m.id, &party)?
                .filter(|p| p.status == ParticipantStatus::InMeeting)
                .ok_or(MeetingError::TargetNotInMeeting)?;
            let operator = operator_of(None, Some(&party), &m);
            take_out(tx, env, &mut m, p, LeaveReason::Left, key, operator)?;
            m
        }
        (Target::Reserve(_), Presence::Leave) => return Err(MeetingError::NotInProgress.into()),
    };
    live::view(tx, env, caller, id_type, m, true)
}

/// A new meeting under `r`, in progress from now, not yet written (the first join writes it).
fn start(env: &Env, r: &Reserve, tenant_key: &str) -> Meeting {
    Meeting {
        id: MeetingId(super::fresh_id()),
        tenant: r.tenant,
        reserve: r.id,
        app: r.app,
        owner: r.owner,
        meeting_no: r.meeting_no.clone(),
        settings: r.settings.clone(),
        status: MeetingStatus::InProgress,
        host: None,
        locked: false,
        participant_cap: env.settings.meetings.participant_cap(tenant_key),
        peak_count: 0,
        start_time: env.now,
        end_time: None,
    }
}

/// Puts `party` into `m` after the rules allow it; `starting` writes the meeting itself first and
/// announces its start.
fn join(
    tx: &mut dyn Tx,
    env: &Env,
    mut m: Meeting,
    party: &Party,
    key: Option<&str>,
    starting: bool,
) -> Result<Meeting> {
    lock_party(tx, party)?;
    let row = if starting { None } else { tx.participant(m.id, party)? };
    let in_meeting = if starting { 0 } else { tx.count_in_meeting(m.id)? };
    rules::join_verdict(JoinFacts {
        already_in: row.as_ref().is_some_and(|p| p.status == ParticipantStatus::InMeeting),
        locked: m.locked,
        may_join: party_permits(&m, key, Permission::Join, party),
        in_meeting,
        cap: m.participant_cap,
        in_other_meeting: tx.meeting_of_party(m.tenant, party, Some(m.id))?.is_some(),
    })?;
    if starting {
        tx.insert_meeting(&m)?;
    }
    let mut p = row.unwrap_or_else(|| Participant::invited(m.id, m.tenant, party.clone()));
    p.join(env.now);
    tx.upsert_participant(&p)?;
    m.peak_count = m.peak_count.max(in_meeting + 1);
    if m.host.is_none() {
        reassign_host(tx, &mut m, key)?;
    }
    tx.update_meeting(m.tenant, m.id, &m.state())?;
    if starting {
        let e = MeetingStarted { meeting: snapshot(&m), operator: operator_of(None, Some(party), &m) };
        tx.append_event(&NewEvent::of(m.tenant, &e, env.now))?;
    }
    super::emit_join(tx, env, &m, party)?;
    Ok(m)
}

/// Locks or unlocks the meeting (or the reserve's meeting in progress) `id`.
pub fn set_lock(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    authority: Authority,
    id: i64,
    id_type: UserIdType,
    locked: bool,
) -> Result<MeetingView> {
    let mut m = match lock_target(tx, caller, id)? {
        Target::Meeting(m) if m.status == MeetingStatus::InProgress => m,
        _ => return Err(MeetingError::NotInProgress.into()),
    };
    if let Authority::User(actor) = authority
        && m.host != Some(actor)
        && m.owner != actor
    {
        return Err(MeetingError::NoPermission.into());
    }
    m.locked = locked;
    tx.update_meeting(m.tenant, m.id, &m.state())?;
    live::view(tx, env, caller, id_type, m, false)
}

/// Marks a Lark user busy (invites to them fail with 122007) or free again. Through Roster's API
/// a user marks only themselves.
pub fn set_busy(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    authority: Authority,
    id_type: UserIdType,
    user_id: &str,
    busy: bool,
) -> Result<UserId> {
    let who = PartyRef { id: Some(user_id.to_owned()), user_type: None };
    let (party, _) = resolve_party(tx, env, caller, id_type, "user_id", &who)?;
    let user = party.user().ok_or_else(|| Error::invalid("user_id", "must name a Lark user"))?;
    if let Authority::User(actor) = authority
        && actor != user
    {
        return Err(MeetingError::NoPermission.into());
    }
    tx.set_marked_busy(caller.tenant, user, busy)?;
    Ok(user)
}
