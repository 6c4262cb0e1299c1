//! Meetings (spec §5): a reserve (what `reserves/apply` creates: a 9-digit number, settings and an
//! expiry), the meetings held under it (in progress from the first join until they end), and
//! their participants. A participant is a Lark user of the tenant or, for the other user types
//! (rooms, PSTN, SIP…), an endpoint Roster knows only by the id the caller gave.

use crate::clock::Timestamp;
use crate::ids::{AppId, MeetingId, ReserveId, TenantId, UserId};
use serde::{Deserialize, Serialize};

/// Lark's `user_type` of a Lark (Feishu) user; 2–7 are rooms, docs, neo, neo guest, PSTN and SIP.
pub const LARK_USER: i64 = 1;
/// The highest `user_type` a meeting party may have.
pub const MAX_USER_TYPE: i64 = 7;

/// Someone (or something) in a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    /// `user_type` 1: a user of the meeting's tenant.
    User(UserId),
    /// `user_type` 2–7: an endpoint with no user in Roster, named by the caller's opaque id.
    Endpoint { user_type: i64, id: String },
}

impl Party {
    pub fn user_type(&self) -> i64 {
        match self {
            Party::User(_) => LARK_USER,
            Party::Endpoint { user_type, .. } => *user_type,
        }
    }
    pub fn user(&self) -> Option<UserId> {
        match self {
            Party::User(u) => Some(*u),
            Party::Endpoint { .. } => None,
        }
    }
}

/// What an action permission governs (`permission` 1–3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// 1: may become the host.
    BeHost,
    /// 2: may invite participants.
    Invite,
    /// 3: may join.
    Join,
}

impl Permission {
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(Self::BeHost),
            2 => Some(Self::Invite),
            3 => Some(Self::Join),
            _ => None,
        }
    }
    pub fn code(self) -> i64 {
        match self {
            Self::BeHost => 1,
            Self::Invite => 2,
            Self::Join => 3,
        }
    }
}

/// What a checker compares (`check_field` 1–3), with its list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckList {
    /// 1: users of the tenant.
    Users(Vec<UserId>),
    /// 2: user types (1–7).
    UserTypes(Vec<i64>),
    /// 3: tenant keys.
    TenantKeys(Vec<String>),
}

/// `check_mode`: 1 allow-list (in the list = permitted), 2 deny-list (in the list = refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckMode {
    Allow,
    Deny,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionChecker {
    pub list: CheckList,
    pub mode: CheckMode,
}

/// One entry of `action_permissions`. Entries for the same permission, and the checkers inside
/// an entry, are ORed (Lark's rule); a permission with no entry is granted to everyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPermission {
    pub permission: Permission,
    pub checkers: Vec<PermissionChecker>,
}

/// The reserve's `meeting_settings`, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReserveSettings {
    pub topic: String,
    pub action_permissions: Vec<ActionPermission>,
    /// Users that take the host role in preference to others (`assign_host_list`, at most 10).
    pub assign_hosts: Vec<UserId>,
    /// 4–9 digits, or none.
    pub password: Option<String>,
    pub auto_record: bool,
    pub meeting_connect: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reserve {
    pub id: ReserveId,
    pub tenant: TenantId,
    /// The app that reserved it; tenant tokens of that app manage it.
    pub app: AppId,
    /// `reserve_user_id`: the owner (the caller of a user token, or `owner_id`).
    pub owner: UserId,
    /// 9 digits, unique across the server.
    pub meeting_no: String,
    /// Unix seconds after which no new meeting starts under it.
    pub end_time: i64,
    pub settings: ReserveSettings,
    pub created_at: Timestamp,
    pub deleted: bool,
}

impl Reserve {
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.end_time < now.secs()
    }
}

/// Meeting `status` as Lark numbers it; a reserved meeting has no instance until the first join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingStatus {
    /// 2
    InProgress,
    /// 3
    Ended,
}

impl MeetingStatus {
    pub fn code(self) -> i64 {
        match self {
            Self::InProgress => 2,
            Self::Ended => 3,
        }
    }
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            2 => Some(Self::InProgress),
            3 => Some(Self::Ended),
            _ => None,
        }
    }
}

/// A meeting, with what it inherits from its reserve (number, owner, settings).
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: MeetingId,
    pub tenant: TenantId,
    pub reserve: ReserveId,
    pub app: AppId,
    pub owner: UserId,
    pub meeting_no: String,
    pub settings: ReserveSettings,
    pub status: MeetingStatus,
    pub host: Option<UserId>,
    pub locked: bool,
    /// From the tenant's plan when the meeting started.
    pub participant_cap: i64,
    /// The most participants in the meeting at once (`participant_count`).
    pub peak_count: i64,
    pub start_time: Timestamp,
    pub end_time: Option<Timestamp>,
}

/// The columns of a meeting row that change while it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingState {
    pub status: MeetingStatus,
    pub host: Option<UserId>,
    pub locked: bool,
    pub peak_count: i64,
    pub end_time: Option<Timestamp>,
}

impl Meeting {
    pub fn state(&self) -> MeetingState {
        MeetingState {
            status: self.status,
            host: self.host,
            locked: self.locked,
            peak_count: self.peak_count,
            end_time: self.end_time,
        }
    }
}

/// A participant's `status` as Lark numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParticipantStatus {
    /// 1: invited, being called.
    Calling,
    /// 2: in the meeting.
    InMeeting,
    /// 4: not in the meeting any more (left, removed, or the meeting ended).
    Left,
}

impl ParticipantStatus {
    pub fn code(self) -> i64 {
        match self {
            Self::Calling => 1,
            Self::InMeeting => 2,
            Self::Left => 4,
        }
    }
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(Self::Calling),
            2 => Some(Self::InMeeting),
            4 => Some(Self::Left),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub meeting: MeetingId,
    pub tenant: TenantId,
    pub party: Party,
    pub status: ParticipantStatus,
    pub first_join: Option<Timestamp>,
    pub final_leave: Option<Timestamp>,
    /// When the current stay began (in the meeting only).
    pub joined_at: Option<Timestamp>,
    /// Time in the meeting over the stays that have ended.
    pub in_meeting_ms: i64,
}

impl Participant {
    /// A party that is only being called.
    pub fn invited(meeting: MeetingId, tenant: TenantId, party: Party) -> Self {
        Participant {
            meeting,
            tenant,
            party,
            status: ParticipantStatus::Calling,
            first_join: None,
            final_leave: None,
            joined_at: None,
            in_meeting_ms: 0,
        }
    }
    /// Time in the meeting up to `now`, counting the current stay.
    pub fn duration_ms(&self, now: Timestamp) -> i64 {
        let current = match (self.status, self.joined_at) {
            (ParticipantStatus::InMeeting, Some(t)) => (now.0 - t.0).max(0),
            _ => 0,
        };
        self.in_meeting_ms + current
    }
    /// Joins (or re-joins) at `now`.
    pub fn join(&mut self, now: Timestamp) {
        self.status = ParticipantStatus::InMeeting;
        self.first_join.get_or_insert(now);
        self.joined_at = Some(now);
    }
    /// Leaves at `now`, banking the time of the stay.
    pub fn leave(&mut self, now: Timestamp) {
        self.in_meeting_ms = self.duration_ms(now);
        self.status = ParticipantStatus::Left;
        self.final_leave = Some(now);
        self.joined_at = None;
    }
}
