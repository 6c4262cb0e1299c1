//! Codes of meeting failures (VC family, seed 002). Roster's own meeting controls answer the same
//! codes, so a self-hoster sees the failure Lark's API would report.

use super::Mapped;
use roster_domain::error::MeetingError as E;
use roster_proto::codes::vc::*;

pub fn map(e: &E) -> Mapped {
    Mapped::of(match e {
        E::NotSupported => NOT_SUPPORT,
        E::ReserveNotFound => DATA_NOT_EXIST,
        E::NoPermission => NO_PERMISSION,
        E::HostChanged => DATA_CONFLICT,
        E::NotInProgress => MEETING_STATUS_UNEXPECTED,
        E::MeetingNotFound => MEETING_NOT_EXIST,
        E::CallerNotInMeeting => OPERATOR_NOT_IN_MEETING,
        E::TargetNotInMeeting => TARGET_NOT_IN_MEETING,
        E::CannotOperateSelf => CANNOT_OPERATE_SELF,
        E::Full => PARTICIPANT_LIMIT,
        E::CalleeBusy => CALLEE_BUSY,
        E::Locked => MEETING_LOCKED,
        E::ParticipantStatus => PARTICIPANT_STATUS_UNEXPECTED,
        E::TooManyHosts => ASSIGN_HOST_LIMIT,
    })
}
