//! Meeting events (spec §6): started, ended, joined, left. Only meetings reserved through the Open
//! API emit them; they go to the reserving app (and other apps of the tenant that subscribe).

use super::Operator;
use crate::ids::{AppId, MeetingId, UserId};
use crate::model::DomainEvent;
use serde::{Deserialize, Serialize};

/// The meeting as the event shows it. Times are Unix seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSnapshot {
    pub meeting: MeetingId,
    pub topic: String,
    pub meeting_no: String,
    pub start_time: i64,
    pub end_time: i64,
    pub host: Option<UserId>,
    pub owner: Option<UserId>,
    /// The app that reserved the meeting.
    pub reserving_app: AppId,
}

/// The participant an event is about, with their role (1 participant, 2 host, 3 co-host).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingParticipantRef {
    pub user: UserId,
    pub user_role: i64,
    pub user_type: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingStarted {
    pub meeting: MeetingSnapshot,
    pub operator: Operator,
}
impl DomainEvent for MeetingStarted {
    const EVENT_TYPE: &'static str = "vc.meeting.meeting_started_v1";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingEnded {
    pub meeting: MeetingSnapshot,
    pub operator: Operator,
}
impl DomainEvent for MeetingEnded {
    const EVENT_TYPE: &'static str = "vc.meeting.meeting_ended_v1";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinMeeting {
    pub meeting: MeetingSnapshot,
    pub operator: MeetingParticipantRef,
}
impl DomainEvent for JoinMeeting {
    const EVENT_TYPE: &'static str = "vc.meeting.join_meeting_v1";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeaveMeeting {
    pub meeting: MeetingSnapshot,
    pub operator: MeetingParticipantRef,
    /// 1 left, 2 removed by the host, 3 the meeting ended (Lark's leave_reason).
    pub leave_reason: i64,
}
impl DomainEvent for LeaveMeeting {
    const EVENT_TYPE: &'static str = "vc.meeting.leave_meeting_v1";
}
