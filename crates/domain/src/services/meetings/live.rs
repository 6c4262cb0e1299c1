//! What Lark's meeting API does to a meeting: get, invite, kick out, set the host, end, and list
//! the meetings of a number.
//!
//! Partial success (invite and kick-out): each party gets status/result 1 or 2, and the call
//! answers code 0 when at least one succeeded. When none did, the call fails with the code of the
//! first party's reason (122007 busy, 122006 full, 122009 already in, 121005 not allowed to
//! join; 122004 for kick-outs) and writes nothing. Problems with the call itself (bad ids, the
//! caller among the invitees, the meeting's state) fail the whole call before anyone is touched.

use super::rules::{self, InviteFailure, MAX_PARTIES_PER_CALL};
use super::{
    IdNames, LeaveReason, PartyRef, ensure_visible, lock_meeting, name_users, operator_of, party_permits,
    resolve_parties, resolve_party, take_out, tenant_key, users_of,
};
use crate::clock::Timestamp;
use crate::error::{Error, MeetingError, Result};
use crate::ids::{MeetingId, UserId, UserIdType};
use crate::model::{LARK_USER, Meeting, MeetingStatus, Participant, ParticipantStatus, Party, Permission};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// A meeting with its participants (when asked for) and the ids it mentions rendered.
#[derive(Debug, Clone)]
pub struct MeetingView {
    pub meeting: Meeting,
    pub participants: Option<Vec<Participant>>,
    /// `participant_count_accumulated`: everyone who ever joined.
    pub ever_joined: i64,
    pub names: IdNames,
}

pub(crate) fn view(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    m: Meeting,
    with_participants: bool,
) -> Result<MeetingView> {
    let participants = if with_participants { Some(tx.participants(m.id)?) } else { None };
    let ever_joined = tx.count_ever_joined(m.id)?;
    let names = name_users(tx, env, caller, id_type, users_of(&m, participants.as_deref().unwrap_or_default()))?;
    Ok(MeetingView { meeting: m, participants, ever_joined, names })
}

/// `GET /vc/v1/meetings/:meeting_id`.
pub fn get(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    id: MeetingId,
    with_participants: bool,
) -> Result<MeetingView> {
    let m = super::load_meeting(tx, caller, id)?;
    ensure_visible(tx, caller, &m)?;
    view(tx, env, caller, id_type, m, with_participants)
}

/// One party's outcome in an invite or kick-out, echoing the id and type as the request gave them.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyOutcome<F> {
    pub id: String,
    pub user_type: i64,
    pub outcome: Result<(), F>,
}

fn check_count(field: &str, n: usize) -> Result<()> {
    if n == 0 || n > MAX_PARTIES_PER_CALL {
        return Err(Error::invalid(field, format!("1-{MAX_PARTIES_PER_CALL} users per call")));
    }
    Ok(())
}

fn echo(r: &PartyRef) -> (String, i64) {
    (r.id.clone().unwrap_or_default(), r.user_type.unwrap_or(LARK_USER))
}

/// The user a user-token call acts as, as a party.
fn caller_party(caller: &Caller) -> Option<Party> {
    caller.user.map(Party::User)
}

fn in_meeting(tx: &mut dyn Tx, m: &Meeting, party: &Party) -> Result<Option<Participant>> {
    Ok(tx.participant(m.id, party)?.filter(|p| p.status == ParticipantStatus::InMeeting))
}

/// `PATCH /vc/v1/meetings/:meeting_id/invite` (user tokens): calls up to 10 parties.
pub fn invite(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    id: MeetingId,
    invitees: &[PartyRef],
) -> Result<Vec<PartyOutcome<InviteFailure>>> {
    check_count("invitees", invitees.len())?;
    let me = caller_party(caller).ok_or(MeetingError::NoPermission)?;
    // No meeting lock: an invite changes no count and never touches someone in the meeting (the
    // store only sets rows that are not in the meeting back to calling), so invites run in
    // parallel; joins hold the lock and enforce the cap.
    let m = super::load_meeting(tx, caller, id)?;
    let key = tenant_key(tx, caller, &m.settings)?;
    let room = rules::inviter_verdict(rules::InviterFacts {
        status: m.status,
        caller_in_meeting: in_meeting(tx, &m, &me)?.is_some(),
        may_invite: party_permits(&m, key.as_deref(), Permission::Invite, &me),
        locked: m.locked,
        in_meeting: tx.count_in_meeting(m.id)?,
        cap: m.participant_cap,
    })?;
    let parties = resolve_parties(tx, env, caller, id_type, "invitees", invitees)?;
    if parties.iter().any(|(p, _)| *p == me) {
        return Err(MeetingError::CannotOperateSelf.into());
    }
    // One decision per distinct party; repeats share it.
    let mut distinct: Vec<(Party, bool)> = Vec::new();
    for (party, user) in &parties {
        if !distinct.iter().any(|(p, _)| p == party) {
            distinct.push((party.clone(), user.is_none_or(|status| status.is_usable())));
        }
    }
    let just_parties: Vec<Party> = distinct.iter().map(|(p, _)| p.clone()).collect();
    let states = tx.invitee_states(m.tenant, m.id, &just_parties)?;
    let facts: Vec<rules::InviteeFacts> = distinct
        .iter()
        .zip(&states)
        .map(|((party, reachable), st)| rules::InviteeFacts {
            status: st.status,
            busy: st.in_other_meeting || st.marked_busy,
            reachable: *reachable,
            may_join: party_permits(&m, key.as_deref(), Permission::Join, party),
        })
        .collect();
    let decided = rules::plan_invites(&facts, room);
    rules::invite_call_verdict(&decided)?;
    let called: Vec<Party> =
        just_parties.iter().zip(&decided).filter(|(_, o)| o.is_ok()).map(|(p, _)| p.clone()).collect();
    tx.call_parties(m.tenant, m.id, &called)?;
    let distinct = just_parties;
    Ok(invitees
        .iter()
        .zip(&parties)
        .map(|(r, (party, _))| {
            let (id, user_type) = echo(r);
            let at = distinct.iter().position(|p| p == party).unwrap_or(0);
            PartyOutcome { id, user_type, outcome: decided.get(at).copied().unwrap_or(Err(InviteFailure::Full)) }
        })
        .collect())
}

/// Why a kick-out of one party did nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotInMeeting;

/// `POST /vc/v1/meetings/:meeting_id/kickout` (tenant tokens): removes up to 10 parties.
pub fn kickout(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    id: MeetingId,
    users: &[PartyRef],
) -> Result<Vec<PartyOutcome<NotInMeeting>>> {
    check_count("kickout_users", users.len())?;
    let mut m = lock_meeting(tx, caller, id)?;
    ensure_visible(tx, caller, &m)?;
    if m.status != MeetingStatus::InProgress {
        return Err(MeetingError::NotInProgress.into());
    }
    let parties = resolve_parties(tx, env, caller, id_type, "kickout_users", users)?;
    let key = tenant_key(tx, caller, &m.settings)?;
    let mut out = Vec::with_capacity(users.len());
    for (r, (party, _)) in users.iter().zip(&parties) {
        let (id, user_type) = echo(r);
        let outcome = match in_meeting(tx, &m, party)? {
            Some(p) if m.status == MeetingStatus::InProgress => {
                let operator = operator_of(Some(caller), None, &m);
                take_out(tx, env, &mut m, p, LeaveReason::Removed, key.as_deref(), operator)?;
                Ok(())
            }
            _ => Err(NotInMeeting),
        };
        out.push(PartyOutcome { id, user_type, outcome });
    }
    if out.iter().all(|o| o.outcome.is_err()) {
        return Err(MeetingError::TargetNotInMeeting.into());
    }
    Ok(out)
}

/// `PATCH /vc/v1/meetings/:meeting_id/set_host`: hands the host role to a Lark user in the
/// meeting. A user caller must be the current host; `old_host_user`, when given, must name the
/// current host (121006 otherwise).
pub fn set_host(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    id: MeetingId,
    host: Option<&PartyRef>,
    old_host: Option<&PartyRef>,
) -> Result<UserId> {
    let host = host.ok_or_else(|| Error::invalid("host_user", "is required"))?;
    let mut m = lock_meeting(tx, caller, id)?;
    if caller.user.is_none() {
        ensure_visible(tx, caller, &m)?;
    }
    if m.status != MeetingStatus::InProgress {
        return Err(MeetingError::NotInProgress.into());
    }
    if let Some(me) = caller_party(caller) {
        if in_meeting(tx, &m, &me)?.is_none() {
            return Err(MeetingError::CallerNotInMeeting.into());
        }
        if m.host != me.user() {
            return Err(MeetingError::NoPermission.into());
        }
    }
    if let Some(old) = old_host {
        let (old, _) = resolve_party(tx, env, caller, id_type, "old_host_user", old)?;
        if old.user().is_none() || m.host != old.user() {
            return Err(MeetingError::HostChanged.into());
        }
    }
    if host.user_type.unwrap_or(LARK_USER) != LARK_USER {
        return Err(MeetingError::NotSupported.into());
    }
    let (target, _) = resolve_party(tx, env, caller, id_type, "host_user", host)?;
    let target_user = target.user().ok_or(MeetingError::NotSupported)?;
    if caller.user == Some(target_user) {
        return Err(MeetingError::CannotOperateSelf.into());
    }
    if in_meeting(tx, &m, &target)?.is_none() {
        return Err(MeetingError::TargetNotInMeeting.into());
    }
    let key = tenant_key(tx, caller, &m.settings)?;
    if !party_permits(&m, key.as_deref(), Permission::BeHost, &target) {
        return Err(MeetingError::NoPermission.into());
    }
    m.host = Some(target_user);
    tx.update_meeting(m.tenant, m.id, &m.state())?;
    Ok(target_user)
}

/// `PATCH /vc/v1/meetings/:meeting_id/end` (user tokens): the host ends the meeting.
pub fn end(tx: &mut dyn Tx, env: &Env, caller: &Caller, id: MeetingId) -> Result<()> {
    let me = caller_party(caller).ok_or(MeetingError::NoPermission)?;
    let mut m = lock_meeting(tx, caller, id)?;
    if m.status != MeetingStatus::InProgress {
        return Err(MeetingError::NotInProgress.into());
    }
    if in_meeting(tx, &m, &me)?.is_none() {
        return Err(MeetingError::CallerNotInMeeting.into());
    }
    if m.host != me.user() {
        return Err(MeetingError::NoPermission.into());
    }
    let operator = operator_of(Some(caller), None, &m);
    super::end_meeting(tx, env, &mut m, operator)
}

/// `GET /vc/v1/meetings/list_by_no` parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListByNo {
    pub meeting_no: Option<String>,
    /// Unix seconds.
    pub start_time: Option<i64>,
    pub end_time: Option<i64>,
    pub page_size: Option<i64>,
    pub page_token: Option<String>,
}

#[derive(Debug, Clone)]
pub struct MeetingPage {
    pub meetings: Vec<Meeting>,
    pub next_page_token: Option<String>,
}

fn parse_page_token(raw: &str) -> Option<(Timestamp, MeetingId)> {
    let (t, id) = raw.split_once('_')?;
    Some((Timestamp(t.parse().ok()?), MeetingId(id.parse().ok()?)))
}

/// Meetings with the number that started in the window and that the caller reaches, oldest first.
pub fn list_by_no(tx: &mut dyn Tx, env: &Env, caller: &Caller, q: &ListByNo) -> Result<MeetingPage> {
    let no = q.meeting_no.as_deref().unwrap_or("");
    if no.len() != 9 || !no.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid("meeting_no", "must be 9 digits"));
    }
    let start = q.start_time.ok_or_else(|| Error::invalid("start_time", "is required"))?;
    let end = q.end_time.ok_or_else(|| Error::invalid("end_time", "is required"))?;
    if start >= end {
        return Err(Error::invalid("start_time", "must be before end_time"));
    }
    let max = env.settings.meetings.max_page_size;
    let size = q.page_size.unwrap_or(20);
    if !(1..=max).contains(&size) {
        return Err(Error::invalid("page_size", format!("must be 1-{max}")));
    }
    let mut after = match q.page_token.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => Some(parse_page_token(t).ok_or_else(|| Error::invalid("page_token", "is not a page token"))?),
        None => None,
    };
    let (from, to) = (Timestamp::from_secs(start), Timestamp::from_secs(end));
    let mut meetings = Vec::with_capacity(size as usize);
    let mut has_more = false;
    'scan: loop {
        let batch = tx.meetings_by_no(caller.tenant, no, from, to, after, (size + 1) as u32)?;
        let exhausted = batch.len() <= size as usize;
        for m in batch {
            after = Some((m.start_time, m.id));
            if !super::may_see(tx, caller, &m)? {
                continue;
            }
            if meetings.len() == size as usize {
                has_more = true;
                break 'scan;
            }
            meetings.push(m);
        }
        if exhausted {
            break;
        }
    }
    let next_page_token =
        if has_more { meetings.last().map(|m| format!("{}_{}", m.start_time.0, m.id.0)) } else { None };
    Ok(MeetingPage { meetings, next_page_token })
}
