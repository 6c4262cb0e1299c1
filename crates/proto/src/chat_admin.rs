//! Wire types of Roster's own chat administration API under `/open-apis/roster/v1/…`: the
//! tenant's chat policy, collaborations between tenants, join requests and share links (their
//! QR codes and following them), plus the emulator's collaboration shortcut.

use serde::{Deserialize, Serialize};

/// `GET|PATCH /open-apis/roster/v1/chat_policy`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChatPolicy {
    /// Whether members other than tenant admins may add external contacts to groups.
    pub members_may_add_external: bool,
    /// `everyone` or `tenant_admins`: who may create groups.
    pub group_creation: String,
    /// `everyone` or `tenant_admins`: who may add members to groups they do not own or manage.
    pub member_addition: String,
    /// Whether groups may be public.
    pub public_chats: bool,
    /// The tenant's own member cap; absent when the server's applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chat_members: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChatPolicyPatch {
    pub members_may_add_external: Option<bool>,
    pub group_creation: Option<String>,
    pub member_addition: Option<String>,
    pub public_chats: Option<bool>,
    /// `0` removes the tenant's own cap.
    pub max_chat_members: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CollaborationBody {
    pub tenant_key: Option<String>,
}

/// A collaboration seen from the caller's tenant.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Collaboration {
    pub tenant_key: String,
    pub tenant_name: String,
    /// `pending` until both tenants' admins approve, then `active`.
    pub status: String,
    pub approved_by_us: bool,
    pub approved_by_them: bool,
    pub create_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activate_time: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CollaborationData {
    pub collaboration: Collaboration,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CollaborationList {
    pub items: Vec<Collaboration>,
}

/// Who did something: `user` (with an id in the request's `user_id_type`) or `bot` (an app_id).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Actor {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinRequest {
    pub request_id: String,
    pub chat_id: String,
    pub user_id: String,
    pub name: String,
    /// `invitation` or `link`.
    pub via: String,
    pub requested_by: Actor,
    /// `pending`, `approved`, `rejected` or `withdrawn`.
    pub status: String,
    pub create_time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<Actor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decide_time: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinRequestData {
    pub join_request: JoinRequest,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinRequestPage {
    pub items: Vec<JoinRequest>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    pub has_more: bool,
}

/// `GET /open-apis/roster/v1/chat_links/:token`: where the link leads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkInfo {
    pub chat_id: String,
    pub name: String,
    pub share_link: String,
    pub expire_time: String,
    pub is_permanent: bool,
    pub membership_approval: String,
}

/// `POST /open-apis/roster/v1/chat_links/:token/join`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinByLinkData {
    pub chat_id: String,
    /// `joined`, `pending` (a join request waits for approval) or `already_member`.
    pub status: String,
}

/// `POST /_roster/v1/collaborations` (emulator).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct EstablishCollaboration {
    pub tenant_keys: Option<Vec<String>>,
}
