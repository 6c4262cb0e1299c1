//! `contact.department.created_v3`, `…updated_v3`, `…deleted_v3` bodies ([PY]
//! `DepartmentEvent`, `OldDepartmentObject`). Ids are open ids of the receiving app; `order` is
//! a number here (it is a string in the REST object).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentStatus {
    pub is_deleted: bool,
}

/// A leader, spelled as Lark's event docs spell it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentLeader {
    #[serde(rename = "leaderType")]
    pub leader_type: i64,
    #[serde(rename = "leaderID")]
    pub leader_id: String,
}

/// The department as an event shows it. Every field is optional so that `old_object` of an
/// update can carry only the fields that changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentEvent {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_department_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_department_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader_user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<DepartmentStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leaders: Option<Vec<DepartmentLeader>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentCreated {
    pub object: DepartmentEvent,
}

/// `old_object` holds the changed fields as they were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentUpdated {
    pub object: DepartmentEvent,
    pub old_object: DepartmentEvent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OldDepartmentObject {
    pub status: DepartmentStatus,
    pub open_department_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DepartmentDeleted {
    pub object: DepartmentEvent,
    pub old_object: OldDepartmentObject,
}
