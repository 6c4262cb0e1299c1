//! `contact.user.created_v3`, `…updated_v3`, `…deleted_v3` bodies ([PY] `UserEvent`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AvatarInfo {
    pub avatar_72: String,
    pub avatar_240: String,
    pub avatar_640: String,
    pub avatar_origin: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserStatus {
    pub is_frozen: bool,
    pub is_resigned: bool,
    pub is_activated: bool,
    pub is_exited: bool,
    pub is_unjoin: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserOrder {
    pub department_id: String,
    pub user_order: i64,
    pub department_order: i64,
    pub is_primary_dept: bool,
}

/// The user as a contact event shows it; department ids are open_department_ids, the leader an
/// open_id of the receiving app.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserEvent {
    pub open_id: String,
    pub union_id: String,
    pub user_id: String,
    pub name: String,
    pub en_name: String,
    pub nickname: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enterprise_email: Option<String>,
    pub job_title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    pub mobile_visible: bool,
    pub gender: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<AvatarInfo>,
    pub status: UserStatus,
    pub department_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader_user_id: Option<String>,
    pub city: String,
    pub country: String,
    pub work_station: String,
    pub join_time: i64,
    pub is_tenant_manager: bool,
    pub employee_no: String,
    pub employee_type: i64,
    pub orders: Vec<UserOrder>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_attrs: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserCreated {
    pub object: UserEvent,
}

/// `old_object` carries only the fields the update changed, as they were before it (the keys
/// of [`UserEvent`]; a field that was absent before reads as its type's empty value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserUpdated {
    pub object: UserEvent,
    pub old_object: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OldUserObject {
    pub department_ids: Vec<String>,
    pub open_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserDeleted {
    pub object: UserEvent,
    pub old_object: OldUserObject,
}
