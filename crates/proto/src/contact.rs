//! Contact v3 wire types: the user and department objects, request bodies and paged lists (spec §4).

use crate::de::{opt_int_or_string, opt_lark_bool};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct UserStatus {
    pub is_frozen: bool,
    pub is_resigned: bool,
    pub is_activated: bool,
    pub is_exited: bool,
    pub is_unjoin: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Avatar {
    pub avatar_72: String,
    pub avatar_240: String,
    pub avatar_640: String,
    pub avatar_origin: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserOrder {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "opt_int_or_string")]
    pub user_order: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "opt_int_or_string")]
    pub department_order: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "opt_lark_bool")]
    pub is_primary_dept: Option<bool>,
}

/// The user object as Lark returns it. IDs are rendered in the caller's `user_id_type` and
/// `department_id_type`; fields that do not apply are omitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct User {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub union_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub en_name: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default)]
    pub mobile_visible: bool,
    #[serde(default)]
    pub gender: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<Avatar>,
    pub status: UserStatus,
    #[serde(default)]
    pub department_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_user_id: Option<String>,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub work_station: String,
    #[serde(default)]
    pub join_time: i64,
    #[serde(default)]
    pub is_tenant_manager: bool,
    #[serde(default)]
    pub employee_no: String,
    #[serde(default)]
    pub employee_type: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<UserOrder>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_attrs: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_email: Option<String>,
    #[serde(default)]
    pub job_title: String,
    #[serde(default)]
    pub is_frozen: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dotted_line_leader_user_ids: Vec<String>,
}

/// Body of user create, patch and update. Every field is optional here; the service decides
/// which are required for which operation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserBody {
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub en_name: Option<String>,
    pub nickname: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub mobile_visible: Option<bool>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub gender: Option<i64>,
    pub avatar_key: Option<String>,
    pub department_ids: Option<Vec<String>>,
    pub leader_user_id: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub work_station: Option<String>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub join_time: Option<i64>,
    pub employee_no: Option<String>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub employee_type: Option<i64>,
    pub orders: Option<Vec<UserOrder>>,
    pub custom_attrs: Option<Vec<serde_json::Value>>,
    pub enterprise_email: Option<String>,
    pub job_title: Option<String>,
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub is_frozen: Option<bool>,
    pub dotted_line_leader_user_ids: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserData {
    pub user: User,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct I18nName {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh_cn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja_jp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en_us: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DepartmentStatus {
    pub is_deleted: bool,
}

/// A department leader. The docs spell it `leaderType`/`leaderID`; the Python model uses
/// `leader_type`/`leader_id`. Both are accepted, and the docs' spelling is sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DepartmentLeader {
    #[serde(rename = "leaderType", alias = "leader_type", default, deserialize_with = "opt_int_or_string")]
    pub leader_type: Option<i64>,
    #[serde(rename = "leaderID", alias = "leader_id", default)]
    pub leader_id: Option<String>,
}

/// The department object as Lark returns it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Department {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i18n_name: Option<I18nName>,
    pub parent_department_id: String,
    pub department_id: String,
    pub open_department_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_id: Option<String>,
    pub order: String,
    #[serde(default)]
    pub unit_ids: Vec<String>,
    pub member_count: i64,
    pub status: DepartmentStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaders: Vec<DepartmentLeader>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_chat_employee_types: Vec<i64>,
}

/// Body of department create, patch and update.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DepartmentBody {
    pub name: Option<String>,
    pub i18n_name: Option<I18nName>,
    pub parent_department_id: Option<String>,
    pub department_id: Option<String>,
    pub leader_user_id: Option<String>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    pub order: Option<i64>,
    pub unit_ids: Option<Vec<String>>,
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub create_group_chat: Option<bool>,
    pub leaders: Option<Vec<DepartmentLeader>>,
    pub group_chat_employee_types: Option<Vec<i64>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DepartmentData {
    pub department: Department,
}

/// A page of items with Lark's paging fields; `page_token` is sent only while `has_more` is true.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Page<T> {
    pub has_more: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    pub items: Vec<T>,
}

/// `data` of batch reads: `{items}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

/// Body of `POST /contact/v3/users/batch_get_id`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BatchGetIdBody {
    pub emails: Option<Vec<String>>,
    pub mobiles: Option<Vec<String>>,
    #[serde(default, deserialize_with = "opt_lark_bool")]
    pub include_resigned: Option<bool>,
}

/// One entry of `user_list` ([PY] `UserContactInfo`): the email or mobile asked about, and the
/// user found by it (no `user_id` or `status` when none was found or it is out of scope).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserContactInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BatchGetIdData {
    pub user_list: Vec<UserContactInfo>,
}

/// Body of `PATCH /contact/v3/users/:user_id/update_user_id`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UpdateUserIdBody {
    pub new_user_id: Option<String>,
}
