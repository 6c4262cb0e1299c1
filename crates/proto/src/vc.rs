//! VC v1 wire types (spec §5): reserve and meeting objects, request bodies, and the results of
//! invite, kick-out and set_host. int64 values (ids, times, counts) travel as strings.

use crate::de::{opt_int_or_string, opt_lark_bool};
use serde::{Deserialize, Serialize};

/// `{id, user_type}` as requests name a party.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct MeetingUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "opt_int_or_string")]
    pub user_type: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct PermissionChecker {
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub check_field: Option<i64>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub check_mode: Option<i64>,
    #[serde(default)]
    pub check_list: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ActionPermission {
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub permission: Option<i64>,
    #[serde(default)]
    pub permission_checkers: Option<Vec<PermissionChecker>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AssignHost {
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub user_type: Option<i64>,
    #[serde(default)]
    pub id: Option<String>,
}

/// `meeting_settings` in requests and responses.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ReserveMeetingSetting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_permissions: Option<Vec<ActionPermission>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "opt_int_or_string")]
    pub meeting_initial_type: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "opt_lark_bool")]
    pub meeting_connect: Option<bool>,
    /// Only meaningful for 1v1 PSTN calls, which Roster does not offer; accepted and ignored.
    #[serde(default, skip_serializing)]
    pub call_setting: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "opt_lark_bool")]
    pub auto_record: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_host_list: Option<Vec<AssignHost>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `POST /vc/v1/reserves/apply` and `PUT /vc/v1/reserves/:reserve_id`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReserveBody {
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub end_time: Option<i64>,
    #[serde(default)]
    pub owner_id: Option<String>,
    #[serde(default)]
    pub meeting_settings: Option<ReserveMeetingSetting>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Reserve {
    pub id: String,
    pub meeting_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// `<public_url>/j/<meeting_no>`: a stable link naming the meeting; Roster has no video, so
    /// nothing answers it.
    pub url: String,
    pub end_time: String,
    /// 1 not expired, 2 expired.
    pub expire_status: i64,
    pub reserve_user_id: String,
    pub meeting_settings: ReserveMeetingSetting,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReserveCorrectionCheckInfo {
    pub invalid_host_id_list: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReserveData {
    pub reserve: Reserve,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserve_correction_check_info: Option<ReserveCorrectionCheckInfo>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct HostUser {
    pub id: String,
    pub user_type: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_join_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_leave_time: Option<String>,
    pub in_meeting_duration: String,
    pub user_type: i64,
    pub is_host: bool,
    pub is_cohost: bool,
    pub is_external: bool,
    /// 1 calling, 2 in the meeting, 4 not in the meeting.
    pub status: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MeetingAbility {
    pub use_video: bool,
    pub use_audio: bool,
    pub use_share_screen: bool,
    pub use_follow_screen: bool,
    pub use_recording: bool,
    pub use_pstn: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Meeting {
    pub id: String,
    pub topic: String,
    pub url: String,
    pub meeting_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    pub create_time: String,
    pub start_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_user: Option<HostUser>,
    pub meeting_connect: bool,
    /// 2 in progress, 3 ended.
    pub status: i64,
    pub participant_count: String,
    pub participant_count_accumulated: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<Participant>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ability: Option<MeetingAbility>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingData {
    pub meeting: Meeting,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct InviteBody {
    #[serde(default)]
    pub invitees: Option<Vec<MeetingUser>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteStatus {
    pub id: String,
    pub user_type: i64,
    /// 1 invited, 2 failed.
    pub status: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteData {
    pub invite_results: Vec<InviteStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct KickoutBody {
    #[serde(default)]
    pub kickout_users: Option<Vec<MeetingUser>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KickoutResult {
    pub id: String,
    pub user_type: i64,
    /// 1 removed, 2 failed.
    pub result: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KickoutData {
    pub kickout_results: Vec<KickoutResult>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SetHostBody {
    #[serde(default)]
    pub host_user: Option<MeetingUser>,
    #[serde(default)]
    pub old_host_user: Option<MeetingUser>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetHostData {
    pub host_user: HostUser,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingBrief {
    pub id: String,
    pub topic: String,
    pub url: String,
    pub meeting_no: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    pub meeting_connect: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListByNoData {
    pub has_more: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    pub meeting_briefs: Vec<MeetingBrief>,
}

/// Roster's meeting controls (`/open-apis/roster/v1/…` and the emulator): join or leave.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PresenceBody {
    pub user_id: Option<String>,
    pub user_id_type: Option<String>,
    /// 1 (a Lark user, the default) … 7; other types name an endpoint by an opaque `user_id`.
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub user_type: Option<i64>,
    /// `join` or `leave`.
    pub action: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LockBody {
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub locked: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BusyBody {
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub busy: Option<bool>,
    pub user_id_type: Option<String>,
    /// The emulator only: the app whose id space `user_id` is in (default: the demo app).
    pub app_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BusyData {
    pub user_id: String,
    pub busy: bool,
}
