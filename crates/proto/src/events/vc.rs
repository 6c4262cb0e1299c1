//! Meeting event bodies: started, ended, joined, left ([PY] `MeetingEventMeeting`; int64 fields
//! are strings on the wire, as [NODE] types them).

use super::UserIds;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingEventUser {
    pub id: UserIds,
    /// 1 participant, 2 host, 3 co-host.
    pub user_role: i64,
    /// 1 Lark user.
    pub user_type: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingEventMeeting {
    pub id: String,
    pub topic: String,
    pub meeting_no: String,
    /// 1 reserved through the Open API.
    pub meeting_source: i64,
    pub start_time: String,
    pub end_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_user: Option<MeetingEventUser>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<MeetingEventUser>,
}

/// `vc.meeting.{meeting_started,meeting_ended,join_meeting}_v1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingEvent {
    pub meeting: MeetingEventMeeting,
    pub operator: MeetingEventUser,
}

/// `vc.meeting.leave_meeting_v1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeaveMeeting {
    pub meeting: MeetingEventMeeting,
    pub operator: MeetingEventUser,
    /// 1 left, 2 removed by the host, 3 the meeting ended.
    pub leave_reason: i64,
    pub leave_user: MeetingEventUser,
}
