//! The meeting rules that are functions of data alone: action permissions, who may invite and
//! join (status, lock, cap), what each invitee's outcome is, and who holds the host role.
//! The use-cases gather the facts from the store and ask these.

use crate::error::MeetingError;
use crate::ids::UserId;
use crate::model::{ActionPermission, CheckList, CheckMode, MeetingStatus, ParticipantStatus, Party, Permission};

/// Most invitees one invite call may name (seed 002), and most kick-outs per call.
pub const MAX_PARTIES_PER_CALL: usize = 10;
/// Most users in `assign_host_list` (123003 beyond).
pub const MAX_ASSIGNED_HOSTS: usize = 10;
/// Most entries in `action_permissions`, checkers per entry, and values per `check_list`.
pub const MAX_PERMISSION_ENTRIES: usize = 10;
pub const MAX_CHECKERS: usize = 10;
pub const MAX_CHECK_LIST: usize = 100;
/// Longest topic, in characters.
pub const MAX_TOPIC_CHARS: usize = 255;

/// Who an action permission is checked against: the party and the tenant it belongs to (Lark
/// users belong to the meeting's tenant; other user types belong to no tenant).
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub party: &'a Party,
    pub tenant_key: Option<&'a str>,
}

fn checker_passes(list: &CheckList, mode: CheckMode, s: Subject<'_>) -> bool {
    let listed = match list {
        CheckList::Users(users) => s.party.user().is_some_and(|u| users.contains(&u)),
        CheckList::UserTypes(types) => types.contains(&s.party.user_type()),
        CheckList::TenantKeys(keys) => s.tenant_key.is_some_and(|k| keys.iter().any(|x| x == k)),
    };
    match mode {
        CheckMode::Allow => listed,
        CheckMode::Deny => !listed,
    }
}

/// Whether `subject` holds `permission`: granted when no entry governs it, otherwise when any
/// checker of any governing entry passes.
pub fn permits(perms: &[ActionPermission], permission: Permission, subject: Subject<'_>) -> bool {
    let mut governing = perms.iter().filter(|p| p.permission == permission).peekable();
    if governing.peek().is_none() {
        return true;
    }
    governing.any(|p| p.checkers.iter().any(|c| checker_passes(&c.list, c.mode, subject)))
}

/// Whether `p` is a meeting password: 4–9 ASCII digits.
pub fn is_valid_password(p: &str) -> bool {
    (4..=9).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
}

/// What the inviter's side of an invite looks like.
#[derive(Debug, Clone, Copy)]
pub struct InviterFacts {
    pub status: MeetingStatus,
    /// The calling user is in the meeting now.
    pub caller_in_meeting: bool,
    /// The action permissions let the caller invite.
    pub may_invite: bool,
    pub locked: bool,
    pub in_meeting: i64,
    pub cap: i64,
}

/// Whether this caller may invite at all; on success, how many invitees still fit.
pub fn inviter_verdict(f: InviterFacts) -> Result<i64, MeetingError> {
    if f.status != MeetingStatus::InProgress {
        return Err(MeetingError::NotInProgress);
    }
    if !f.caller_in_meeting {
        return Err(MeetingError::CallerNotInMeeting);
    }
    if !f.may_invite {
        return Err(MeetingError::NoPermission);
    }
    if f.locked {
        return Err(MeetingError::Locked);
    }
    let room = f.cap - f.in_meeting;
    if room <= 0 {
        return Err(MeetingError::Full);
    }
    Ok(room)
}

/// What is known about one invitee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InviteeFacts {
    /// Their row in this meeting, if any.
    pub status: Option<ParticipantStatus>,
    /// In another meeting in progress, or marked busy.
    pub busy: bool,
    /// A user who cannot act (frozen); endpoints are always reachable.
    pub reachable: bool,
    /// The action permissions let them join.
    pub may_join: bool,
}

/// Why one invitee got status 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteFailure {
    AlreadyInMeeting,
    Busy,
    Unreachable,
    NotPermitted,
    Full,
}

impl InviteFailure {
    /// The code a call fails with when nobody could be invited and this was the first reason.
    pub fn as_error(self) -> MeetingError {
        match self {
            InviteFailure::AlreadyInMeeting => MeetingError::ParticipantStatus,
            InviteFailure::Busy | InviteFailure::Unreachable => MeetingError::CalleeBusy,
            InviteFailure::NotPermitted => MeetingError::NoPermission,
            InviteFailure::Full => MeetingError::Full,
        }
    }
}

/// Each invitee's outcome, in order: `Ok(())` is status 1, `Err` status 2. Each successful
/// invitee takes one of the `room` places left; later ones fail as `Full`. Invitees already being
/// called are called again (success, idempotent).
pub fn plan_invites(invitees: &[InviteeFacts], room: i64) -> Vec<Result<(), InviteFailure>> {
    let mut left = room;
    invitees
        .iter()
        .map(|f| {
            if f.status == Some(ParticipantStatus::InMeeting) {
                return Err(InviteFailure::AlreadyInMeeting);
            }
            if !f.may_join {
                return Err(InviteFailure::NotPermitted);
            }
            if !f.reachable {
                return Err(InviteFailure::Unreachable);
            }
            if f.busy {
                return Err(InviteFailure::Busy);
            }
            if left <= 0 {
                return Err(InviteFailure::Full);
            }
            left -= 1;
            Ok(())
        })
        .collect()
}

/// A partial success is a success: the call fails only when no invitee could be invited, with
/// the code of the first invitee's reason.
pub fn invite_call_verdict(outcomes: &[Result<(), InviteFailure>]) -> Result<(), MeetingError> {
    if outcomes.iter().any(|o| o.is_ok()) {
        return Ok(());
    }
    match outcomes.iter().find_map(|o| o.err()) {
        Some(first) => Err(first.as_error()),
        None => Ok(()),
    }
}

/// What is known about someone joining a meeting in progress.
#[derive(Debug, Clone, Copy)]
pub struct JoinFacts {
    pub already_in: bool,
    pub locked: bool,
    pub may_join: bool,
    pub in_meeting: i64,
    pub cap: i64,
    /// In another meeting in progress now.
    pub in_other_meeting: bool,
}

pub fn join_verdict(f: JoinFacts) -> Result<(), MeetingError> {
    if f.already_in || f.in_other_meeting {
        return Err(MeetingError::ParticipantStatus);
    }
    if f.locked {
        return Err(MeetingError::Locked);
    }
    if !f.may_join {
        return Err(MeetingError::NoPermission);
    }
    if f.in_meeting >= f.cap {
        return Err(MeetingError::Full);
    }
    Ok(())
}

/// A Lark user in the meeting who could hold the host role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostCandidate {
    pub user: UserId,
    /// Order of arrival (the start of their current stay).
    pub joined_at: i64,
    /// The reserve's owner or in `assign_host_list`.
    pub preferred: bool,
    /// The action permissions let them be host.
    pub permitted: bool,
}

/// Who takes the host role when the meeting has none: a permitted candidate, preferring the owner
/// and assigned hosts, then the earliest arrival.
pub fn choose_host(candidates: &[HostCandidate]) -> Option<UserId> {
    candidates.iter().filter(|c| c.permitted).min_by_key(|c| (!c.preferred, c.joined_at, c.user.0)).map(|c| c.user)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PermissionChecker;

    fn user(n: i64) -> Party {
        Party::User(UserId(n))
    }
    fn room(id: &str) -> Party {
        Party::Endpoint { user_type: 2, id: id.into() }
    }
    fn perm(permission: Permission, checkers: Vec<(CheckList, CheckMode)>) -> ActionPermission {
        ActionPermission {
            permission,
            checkers: checkers.into_iter().map(|(list, mode)| PermissionChecker { list, mode }).collect(),
        }
    }

    #[test]
    fn who_may_invite_by_action_permissions() {
        use CheckMode::*;
        use Permission::*;
        let users = |v: &[i64]| CheckList::Users(v.iter().map(|n| UserId(*n)).collect());
        type Case<'a> = (&'a str, Vec<ActionPermission>, Party, Option<&'a str>, bool);
        let cases: Vec<Case> = vec![
            ("no entry: everyone", vec![], user(1), Some("t1"), true),
            ("entry for another permission", vec![perm(Join, vec![(users(&[2]), Allow)])], user(1), Some("t1"), true),
            ("allow-list, listed", vec![perm(Invite, vec![(users(&[1]), Allow)])], user(1), Some("t1"), true),
            ("allow-list, not listed", vec![perm(Invite, vec![(users(&[2]), Allow)])], user(1), Some("t1"), false),
            ("deny-list, listed", vec![perm(Invite, vec![(users(&[1]), Deny)])], user(1), Some("t1"), false),
            ("deny-list, not listed", vec![perm(Invite, vec![(users(&[2]), Deny)])], user(1), Some("t1"), true),
            (
                "checkers OR",
                vec![perm(Invite, vec![(users(&[2]), Allow), (CheckList::UserTypes(vec![1]), Allow)])],
                user(1),
                Some("t1"),
                true,
            ),
            (
                "entries OR",
                vec![perm(Invite, vec![(users(&[2]), Allow)]), perm(Invite, vec![(users(&[1]), Allow)])],
                user(1),
                Some("t1"),
                true,
            ),
            ("user type deny", vec![perm(Invite, vec![(CheckList::UserTypes(vec![2]), Deny)])], room("r"), None, false),
            (
                "user type allow",
                vec![perm(Invite, vec![(CheckList::UserTypes(vec![2]), Allow)])],
                room("r"),
                None,
                true,
            ),
            (
                "tenant allow",
                vec![perm(Invite, vec![(CheckList::TenantKeys(vec!["t1".into()]), Allow)])],
                user(1),
                Some("t1"),
                true,
            ),
            (
                "endpoints have no tenant",
                vec![perm(Invite, vec![(CheckList::TenantKeys(vec!["t1".into()]), Allow)])],
                room("r"),
                None,
                false,
            ),
            (
                "tenant deny, other tenant",
                vec![perm(Invite, vec![(CheckList::TenantKeys(vec!["t2".into()]), Deny)])],
                user(1),
                Some("t1"),
                true,
            ),
            (
                "user list never matches an endpoint",
                vec![perm(Invite, vec![(users(&[1]), Allow)])],
                room("1"),
                None,
                false,
            ),
            ("empty checkers deny", vec![perm(Invite, vec![])], user(1), Some("t1"), false),
        ];
        for (name, perms, party, tenant_key, want) in cases {
            let got = permits(&perms, Permission::Invite, Subject { party: &party, tenant_key });
            assert_eq!(got, want, "{name}");
        }
    }

    fn inviter(status: MeetingStatus, in_m: bool, may: bool, locked: bool, n: i64, cap: i64) -> InviterFacts {
        InviterFacts { status, caller_in_meeting: in_m, may_invite: may, locked, in_meeting: n, cap }
    }

    #[test]
    fn inviter_checks_in_lark_order() {
        use MeetingError::*;
        use MeetingStatus::*;
        let cases = [
            ("ended", inviter(Ended, true, true, false, 1, 10), Err(NotInProgress)),
            ("not in the meeting", inviter(InProgress, false, true, false, 1, 10), Err(CallerNotInMeeting)),
            ("denied", inviter(InProgress, true, false, false, 1, 10), Err(NoPermission)),
            ("locked", inviter(InProgress, true, true, true, 1, 10), Err(Locked)),
            ("locked beats full", inviter(InProgress, true, true, true, 10, 10), Err(Locked)),
            ("full", inviter(InProgress, true, true, false, 10, 10), Err(Full)),
            ("over a lowered cap", inviter(InProgress, true, true, false, 12, 10), Err(Full)),
            ("room for 9", inviter(InProgress, true, true, false, 1, 10), Ok(9)),
            ("room for 1", inviter(InProgress, true, true, false, 299, 300), Ok(1)),
        ];
        for (name, facts, want) in cases {
            assert_eq!(inviter_verdict(facts), want, "{name}");
        }
    }

    const FREE: InviteeFacts = InviteeFacts { status: None, busy: false, reachable: true, may_join: true };

    #[test]
    fn invitee_outcomes_busy_cap_and_partial_success() {
        use InviteFailure::*;
        let busy = InviteeFacts { busy: true, ..FREE };
        let inside = InviteeFacts { status: Some(ParticipantStatus::InMeeting), ..FREE };
        let calling = InviteeFacts { status: Some(ParticipantStatus::Calling), ..FREE };
        let left = InviteeFacts { status: Some(ParticipantStatus::Left), ..FREE };
        let denied = InviteeFacts { may_join: false, ..FREE };
        let frozen = InviteeFacts { reachable: false, ..FREE };
        type Case<'a> = (&'a str, Vec<InviteeFacts>, i64, Vec<Result<(), InviteFailure>>, Result<(), MeetingError>);
        let cases: Vec<Case> = vec![
            ("one free", vec![FREE], 5, vec![Ok(())], Ok(())),
            ("one busy", vec![busy], 5, vec![Err(Busy)], Err(MeetingError::CalleeBusy)),
            ("busy and free: partial", vec![busy, FREE], 5, vec![Err(Busy), Ok(())], Ok(())),
            ("already inside", vec![inside], 5, vec![Err(AlreadyInMeeting)], Err(MeetingError::ParticipantStatus)),
            ("being called again", vec![calling], 5, vec![Ok(())], Ok(())),
            ("left earlier", vec![left], 5, vec![Ok(())], Ok(())),
            ("denied join", vec![denied], 5, vec![Err(NotPermitted)], Err(MeetingError::NoPermission)),
            ("frozen", vec![frozen], 5, vec![Err(Unreachable)], Err(MeetingError::CalleeBusy)),
            ("room for two of three", vec![FREE, FREE, FREE], 2, vec![Ok(()), Ok(()), Err(Full)], Ok(())),
            ("busy ones take no room", vec![busy, FREE, FREE], 2, vec![Err(Busy), Ok(()), Ok(())], Ok(())),
            (
                "first failure decides",
                vec![busy, denied],
                2,
                vec![Err(Busy), Err(NotPermitted)],
                Err(MeetingError::CalleeBusy),
            ),
            ("no room", vec![FREE], 0, vec![Err(Full)], Err(MeetingError::Full)),
        ];
        for (name, facts, room, want, verdict) in cases {
            let got = plan_invites(&facts, room);
            assert_eq!(got, want, "{name}");
            assert_eq!(invite_call_verdict(&got), verdict, "{name}");
        }
    }

    #[test]
    fn joins_respect_lock_cap_and_presence() {
        use MeetingError::*;
        let base = JoinFacts {
            already_in: false,
            locked: false,
            may_join: true,
            in_meeting: 2,
            cap: 3,
            in_other_meeting: false,
        };
        let cases = [
            ("free seat", base, Ok(())),
            ("last seat", JoinFacts { in_meeting: 2, cap: 3, ..base }, Ok(())),
            ("full", JoinFacts { in_meeting: 3, ..base }, Err(Full)),
            ("locked", JoinFacts { locked: true, ..base }, Err(Locked)),
            ("denied", JoinFacts { may_join: false, ..base }, Err(NoPermission)),
            ("already in", JoinFacts { already_in: true, ..base }, Err(ParticipantStatus)),
            ("in another meeting", JoinFacts { in_other_meeting: true, ..base }, Err(ParticipantStatus)),
            ("locked and full", JoinFacts { locked: true, in_meeting: 3, ..base }, Err(Locked)),
        ];
        for (name, facts, want) in cases {
            assert_eq!(join_verdict(facts), want, "{name}");
        }
    }

    #[test]
    fn host_goes_to_preferred_then_earliest_permitted() {
        let c = |user: i64, joined_at: i64, preferred: bool, permitted: bool| HostCandidate {
            user: UserId(user),
            joined_at,
            preferred,
            permitted,
        };
        let cases: Vec<(&str, Vec<HostCandidate>, Option<i64>)> = vec![
            ("nobody", vec![], None),
            ("earliest", vec![c(1, 20, false, true), c(2, 10, false, true)], Some(2)),
            ("preferred beats earlier", vec![c(1, 20, true, true), c(2, 10, false, true)], Some(1)),
            ("not permitted skipped", vec![c(1, 10, true, false), c(2, 20, false, true)], Some(2)),
            ("none permitted", vec![c(1, 10, true, false)], None),
        ];
        for (name, candidates, want) in cases {
            assert_eq!(choose_host(&candidates), want.map(UserId), "{name}");
        }
    }

    #[test]
    fn passwords_are_four_to_nine_digits() {
        for (p, ok) in
            [("1234", true), ("123456789", true), ("123", false), ("1234567890", false), ("12a4", false), ("", false)]
        {
            assert_eq!(is_valid_password(p), ok, "{p:?}");
        }
    }
}
