//! Meeting failures (spec §5, seed 002), one variant per VC code they map to. Bad parameters are
//! `Error::InvalidParam`, which the vc family answers with 121003.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingError {
    /// 121002: a feature Roster does not offer (a 1v1 PSTN call reserve, a non-Lark host).
    NotSupported,
    /// 121004: no such reserve in the caller's tenant, or it was deleted.
    ReserveNotFound,
    /// 121005: the caller may not do this (action_permissions, not the host, not their meeting).
    NoPermission,
    /// 121006: `old_host_user` is not the current host (compare-and-swap failed).
    HostChanged,
    /// 122001: the meeting is not in progress (or the reserve has expired).
    NotInProgress,
    /// 122002: no such meeting in the caller's tenant.
    MeetingNotFound,
    /// 122003: the calling user is not in the meeting.
    CallerNotInMeeting,
    /// 122004: the target is not in the meeting.
    TargetNotInMeeting,
    /// 122005: the calling user targets themselves.
    CannotOperateSelf,
    /// 122006: the meeting has reached its participant cap.
    Full,
    /// 122007: the callee is busy (in another meeting in progress, or marked busy).
    CalleeBusy,
    /// 122008: the meeting is locked.
    Locked,
    /// 122009: the participant is already where the action would put them.
    ParticipantStatus,
    /// 123003: more than 10 entries in `assign_host_list`.
    TooManyHosts,
}
