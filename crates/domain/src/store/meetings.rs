//! Repository of meeting reserves, meetings, participants and busy marks (issue 4).

use crate::clock::Timestamp;
use crate::error::Result;
use crate::ids::{MeetingId, ReserveId, TenantId, UserId};
use crate::model::{Meeting, MeetingState, Participant, ParticipantStatus, Party, Reserve, UserStatus};

/// Where a 19-digit id from the emulator points: a reserve or a meeting, and in which tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingRef {
    Reserve(TenantId, ReserveId),
    Meeting(TenantId, MeetingId),
}

/// Where an invitee stands: their status in this meeting (if they have a row) and whether they
/// are busy elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InviteeState {
    pub status: Option<ParticipantStatus>,
    /// In another meeting in progress now.
    pub in_other_meeting: bool,
    /// Marked busy (Lark users only).
    pub marked_busy: bool,
}

/// A Lark user as a meeting party: enough to name them and to know whether they can act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyUser {
    pub id: UserId,
    /// The per-tenant, customisable `user_id`.
    pub user_id: String,
    pub status: UserStatus,
}

pub trait MeetingRepo {
    /// The users of `tenant` among `ids` (one query, by primary key; no department memberships).
    fn party_users(&mut self, tenant: TenantId, ids: &[UserId]) -> Result<Vec<PartyUser>>;

    /// Inserts a reserve with the id the domain chose.
    fn insert_reserve(&mut self, r: &Reserve) -> Result<()>;
    /// A reserve of `tenant`, deleted or not.
    fn reserve(&mut self, tenant: TenantId, id: ReserveId) -> Result<Option<Reserve>>;
    /// Whether any reserve (of any tenant, deleted or not) holds this meeting number.
    fn meeting_no_taken(&mut self, meeting_no: &str) -> Result<bool>;
    /// Rewrites the reserve's end time, settings and deleted flag.
    fn update_reserve(&mut self, r: &Reserve) -> Result<()>;
    /// Finds a reserve or meeting by its number alone (the emulator's entry point).
    fn locate_meeting_ref(&mut self, id: i64) -> Result<Option<MeetingRef>>;

    /// Inserts a meeting row for `m` (its reserve-derived fields are read back through the reserve).
    fn insert_meeting(&mut self, m: &Meeting) -> Result<()>;
    /// A meeting of `tenant`, with what it inherits from its reserve.
    fn meeting(&mut self, tenant: TenantId, id: MeetingId) -> Result<Option<Meeting>>;
    /// The reserve's meeting in progress, if any (at most one).
    fn active_meeting(&mut self, tenant: TenantId, reserve: ReserveId) -> Result<Option<Meeting>>;
    fn update_meeting(&mut self, tenant: TenantId, id: MeetingId, state: &MeetingState) -> Result<()>;
    /// Meetings of `tenant` with this number that started in `[from, to]`, ordered by start time
    /// then id, after `after` (keyset paging).
    fn meetings_by_no(
        &mut self,
        tenant: TenantId,
        meeting_no: &str,
        from: Timestamp,
        to: Timestamp,
        after: Option<(Timestamp, MeetingId)>,
        limit: u32,
    ) -> Result<Vec<Meeting>>;

    /// Every participant row of the meeting, ordered by first join (never-joined last).
    fn participants(&mut self, meeting: MeetingId) -> Result<Vec<Participant>>;
    fn participant(&mut self, meeting: MeetingId, party: &Party) -> Result<Option<Participant>>;
    /// Inserts or rewrites the row of `(p.meeting, p.party)`.
    fn upsert_participant(&mut self, p: &Participant) -> Result<()>;
    /// How many participants are in the meeting now.
    fn count_in_meeting(&mut self, meeting: MeetingId) -> Result<i64>;
    /// How many participants ever joined the meeting.
    fn count_ever_joined(&mut self, meeting: MeetingId) -> Result<i64>;
    /// The meeting in progress, other than `except`, that `party` is in now.
    fn meeting_of_party(
        &mut self,
        tenant: TenantId,
        party: &Party,
        except: Option<MeetingId>,
    ) -> Result<Option<MeetingId>>;

    /// Where each of `parties` stands for an invitation to `meeting`, in order (three queries
    /// however many parties).
    fn invitee_states(&mut self, tenant: TenantId, meeting: MeetingId, parties: &[Party]) -> Result<Vec<InviteeState>>;
    /// Calls `parties`: a new row each as being called, or an existing row set back to calling
    /// (its join history kept), except rows of parties in the meeting, which stay as they are.
    /// One statement; rows are written in a fixed order so concurrent calls cannot deadlock.
    fn call_parties(&mut self, tenant: TenantId, meeting: MeetingId, parties: &[Party]) -> Result<()>;

    /// Marks the user busy on a call Roster cannot see, or free again.
    fn set_marked_busy(&mut self, tenant: TenantId, user: UserId, busy: bool) -> Result<()>;
}
