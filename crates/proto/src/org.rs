//! Wire types of Roster's organization API (`/open-apis/roster/v1/org/…` and the public
//! `/open-apis/roster/v1/invitations/{code}`): invitations, join requests, members, plans, seats,
//! the notification outbox and the audit. Ids of Roster's own objects and times (Unix seconds)
//! travel as strings, like Lark's int64 fields.

use crate::de::{opt_int_or_string, opt_lark_bool};
use serde::{Deserialize, Serialize};

/// Who did something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operator {
    /// `user`, `app`, `invitee` or `system`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A user in the request's `user_id_type`, an app's `cli_…` id, or empty.
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Invitee {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `POST /org/invitations`: a shareable link (no `invitee`) or an email/SMS invitation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationBody {
    /// `7d` (default), `30d`, `never` or `custom`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<String>,
    /// Unix seconds, with `expiry: custom`.
    #[serde(default, deserialize_with = "opt_int_or_string", skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_uses: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_email_domains: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
    #[serde(default, deserialize_with = "opt_lark_bool", skip_serializing_if = "Option::is_none")]
    pub require_approval: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitee: Option<Invitee>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationData {
    pub invitation_id: String,
    pub code: String,
    pub link: String,
    /// `link`, `personal` or `member`.
    pub kind: String,
    /// `link`, `email` or `sms`.
    pub channel: String,
    /// `active`, `expired`, `revoked` or `used_up`.
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitee: Option<Invitee>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_uses: Option<i64>,
    pub uses: i64,
    pub allowed_email_domains: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
    pub require_approval: bool,
    pub creator: Operator,
    pub create_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoke_time: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationReply {
    pub invitation: InvitationData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_more: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

/// Query of list endpoints.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub page_size: Option<i64>,
    pub page_token: Option<String>,
    pub user_id_type: Option<String>,
    pub department_id_type: Option<String>,
    /// Invitations: only redeemable ones. Requests: a status.
    pub status: Option<String>,
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub active_only: Option<bool>,
    /// Audit: entries about this member; ledger: nothing.
    pub user_id: Option<String>,
    /// Audit: one action.
    pub action: Option<String>,
    /// Ledger: one plan.
    pub plan_id: Option<String>,
}

/// The public preview of an invitation (what opening the link shows).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewData {
    pub organization: String,
    pub tenant_key: String,
    pub code: String,
    pub state: String,
    pub require_approval: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<String>,
    /// For email/SMS invitations: where it went (the redeemer must use it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitee: Option<Invitee>,
}

/// `POST /invitations/{code}/redeem` (no token: the redeemer is not a member yet).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedeemBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// `link` (default), `code`, `qr`, `email` or `sms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedeemData {
    /// `joined`, `pending_approval` or `accepted`.
    pub result: String,
    pub organization: String,
    pub tenant_key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The member's status (`inactive` until the first sign-in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_status: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinRequestData {
    pub request_id: String,
    pub invitation_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    pub via: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    /// The member made on approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<Operator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decide_time: Option<String>,
    pub create_time: String,
}

/// `POST /org/join_requests/{id}/approve` and `PUT /org/members/{user_id}/seat`: at most one of
/// the two; neither leaves the choice to Roster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatChoiceBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat_group_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatData {
    pub seat_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat_group_id: Option<String>,
    /// `user`, `invitation` or `request`.
    pub holder_type: String,
    /// A user in `user_id_type`, or an invitation or request id.
    pub holder_id: String,
    pub holder_name: String,
    pub reason: String,
    pub granted_by: Operator,
    pub create_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_time: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberData {
    pub user_id: String,
    pub name: String,
    /// `invited`, `inactive`, `active`, `frozen` or `resigned`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<SeatData>,
}

/// `POST /org/members`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddMemberBody {
    pub name: Option<String>,
    pub department_ids: Option<Vec<String>>,
    /// Workforce type: Lark's employee_type 1 Regular … 5 Consultant.
    pub employee_type: Option<i64>,
    /// `business`, `work` or `skip`.
    pub login_email_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_email_prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Business email only; generated when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<SeatChoiceBody>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddMemberData {
    pub member: MemberData,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_email: Option<String>,
    /// Shown once: Roster keeps only its hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    pub invitation: InvitationData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanData {
    pub plan_id: String,
    pub name: String,
    pub seats: i64,
    pub taken: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeatGroupData {
    pub seat_group_id: String,
    pub name: String,
    pub plan_id: String,
    pub seats: i64,
    pub taken: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatGroupBody {
    pub name: Option<String>,
    pub plan_id: Option<String>,
    pub seats: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SettingsData {
    pub members_can_invite: bool,
    /// `null`: no limit.
    pub member_limit: Option<i64>,
}

/// `PATCH /org/settings`: fields left out stay; `member_limit: null` removes the limit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsBody {
    #[serde(default, deserialize_with = "opt_lark_bool", skip_serializing_if = "Option::is_none")]
    pub members_can_invite: Option<bool>,
    #[serde(default, deserialize_with = "crate::org::present", skip_serializing_if = "Option::is_none")]
    pub member_limit: Option<Option<i64>>,
}

/// Distinguishes a field sent as `null` (`Some(None)`) from one left out (`None`).
pub fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminBody {
    pub user_id: Option<String>,
    /// `["members_and_departments"]`; empty removes the role.
    pub permissions: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminData {
    pub user_id: String,
    pub name: String,
    pub permissions: Vec<String>,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditData {
    pub audit_id: String,
    pub action: String,
    pub operator: Operator,
    pub channel: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Operator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    pub detail: String,
    pub create_time: String,
}

/// `GET /org/members/{user_id}/origin`: who added this member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginData {
    pub member: Operator,
    /// `add`, `join` or `approve`; absent for members older than the audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_by: Option<Operator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<Operator>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation: Option<InvitationData>,
    pub history: Vec<AuditData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationData {
    pub notification_id: String,
    pub channel: String,
    pub address: String,
    pub subject: String,
    pub body: String,
    /// `queued`, `sent` or `refused`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation_id: Option<String>,
    pub create_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_time: Option<String>,
}
