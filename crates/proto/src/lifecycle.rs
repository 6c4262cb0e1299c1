//! Wire types of the account lifecycle: Lark's delete-user and resurrect bodies (spec §4.3, §4.5)
//! and Roster's own `/open-apis/roster/v1/accounts`, `/me…` and `/org/dissolution` objects. Times
//! (Unix seconds) travel as strings, like Lark's int64 fields.

use crate::de::{opt_id_string, opt_int_or_string};
use serde::{Deserialize, Serialize};

/// `email_acceptor` of the delete body; `processing_type` is a string in Lark's docs and an
/// integer in the Python SDK, so both are read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmailAcceptorBody {
    #[serde(default, deserialize_with = "opt_int_or_string", skip_serializing_if = "Option::is_none")]
    pub processing_type: Option<i64>,
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub acceptor_user_id: Option<String>,
}

/// `DELETE /open-apis/contact/v3/users/:user_id` body; every field optional, ids in the query's
/// `user_id_type`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteUserBody {
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub department_chat_acceptor_user_id: Option<String>,
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub external_chat_acceptor_user_id: Option<String>,
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub docs_acceptor_user_id: Option<String>,
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub calendar_acceptor_user_id: Option<String>,
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub application_acceptor_user_id: Option<String>,
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub minutes_acceptor_user_id: Option<String>,
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub survey_acceptor_user_id: Option<String>,
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub anycross_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_acceptor: Option<EmailAcceptorBody>,
}

/// One department of the resurrect body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResurrectDepartment {
    #[serde(default, deserialize_with = "opt_id_string", skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
    #[serde(default, deserialize_with = "opt_int_or_string", skip_serializing_if = "Option::is_none")]
    pub user_order: Option<i64>,
    #[serde(default, deserialize_with = "opt_int_or_string", skip_serializing_if = "Option::is_none")]
    pub department_order: Option<i64>,
}

/// `POST /open-apis/contact/v3/users/:user_id/resurrect` body. `subscription_ids` are accepted
/// and not used: Roster assigns seats from its plans.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResurrectBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub departments: Option<Vec<ResurrectDepartment>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_ids: Option<Vec<serde_json::Value>>,
}

/// `POST /open-apis/roster/v1/accounts`: registers a personal account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterBody {
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    pub password: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountInfo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    /// `active` or `deleted`.
    pub status: String,
}

/// A personal workspace's tenant and its self-built app (the secret is shown once, at
/// registration).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceInfo {
    pub tenant_key: String,
    pub name: String,
    pub app_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_secret: Option<String>,
}

/// A member's ids as the calling app sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberIds {
    pub user_id: String,
    pub open_id: String,
    pub union_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisteredData {
    pub account: AccountInfo,
    pub workspace: WorkspaceInfo,
    pub user: MemberIds,
}

/// The organization the calling member belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenantInfo {
    pub tenant_key: String,
    pub name: String,
    /// `personal` or `organization`.
    pub kind: String,
    /// `active`, `dissolving` or `dissolved`.
    pub status: String,
    /// While `dissolving`: when it takes effect (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolve_time: Option<String>,
}

/// `GET /open-apis/roster/v1/me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeData {
    pub user: MemberIds,
    pub name: String,
    pub status: crate::contact::UserStatus,
    pub is_creator: bool,
    pub tenant: TenantInfo,
    pub account: AccountInfo,
    pub has_personal_workspace: bool,
}

/// A departure as Roster reports it (`/me/leave`, `/org/departures/{user_id}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartureData {
    /// The member, in the request's `user_id_type`.
    pub user_id: String,
    /// `exit` (left by themselves) or `offboard` (deleted by an admin).
    pub kind: String,
    /// `handing_over`, `departed` or `restoring`.
    pub state: String,
    pub departed_time: String,
    /// Restorable until then; the purge follows.
    pub restorable_until: String,
    /// Exits only: when the member becomes resigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resign_time: Option<String>,
    /// The acceptors as recorded, in the request's `user_id_type` (absent: Lark's default).
    #[serde(default)]
    pub acceptors: Acceptors,
    /// How many chats the member left (rejoined on restore), handed over, or saw dissolved.
    pub chats_left: i64,
    pub chats_transferred: i64,
    pub chats_dissolved: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Acceptors {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_chat_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_chat_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anycross_acceptor_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_acceptor: Option<EmailAcceptorBody>,
}

/// `DELETE /open-apis/roster/v1/me/personal_account`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalDeletedData {
    pub workspace_tenant_key: String,
    /// Whether the login went too (it stays while the account belongs to an organization).
    pub account_deleted: bool,
}

/// `/open-apis/roster/v1/org/dissolution`: the organization and its latest dissolution request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DissolutionData {
    pub tenant: TenantInfo,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolution: Option<Dissolution>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dissolution {
    /// `scheduled`, `cancelled`, `purging` or `done`.
    pub state: String,
    /// The creator, in the request's `user_id_type` (empty once purged).
    pub requested_by: String,
    pub request_time: String,
    pub effective_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_time: Option<String>,
}
