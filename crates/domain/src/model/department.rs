//! A department in a tenant's tree. Every tenant has a root whose ids are both `"0"`.

use crate::clock::Timestamp;
use crate::ids::{ChatId, DeptId, TenantId, UserId};
use serde::{Deserialize, Serialize};

/// The custom id (and open id) of every tenant's root department.
pub const ROOT_DEPARTMENT_ID: &str = "0";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct I18nNames {
    pub zh_cn: Option<String>,
    pub ja_jp: Option<String>,
    pub en_us: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentLeader {
    /// 1 main, 2 deputy.
    pub leader_type: i64,
    pub user: UserId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Department {
    pub id: DeptId,
    pub tenant: TenantId,
    /// The custom `department_id`; `"0"` for the root.
    pub department_id: String,
    /// `None` only for the root.
    pub parent: Option<DeptId>,
    pub name: String,
    pub i18n: I18nNames,
    pub leader: Option<UserId>,
    pub leaders: Vec<DepartmentLeader>,
    pub order: i64,
    pub chat: Option<ChatId>,
    pub unit_ids: Vec<String>,
    pub group_chat_employee_types: Vec<i64>,
    pub deleted: bool,
    pub created_at: Timestamp,
}

impl Department {
    pub fn is_root(&self) -> bool {
        self.parent.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct NewDepartment {
    pub tenant: TenantId,
    pub department_id: String,
    pub parent: Option<DeptId>,
    pub name: String,
    pub i18n: I18nNames,
    pub leader: Option<UserId>,
    pub leaders: Vec<DepartmentLeader>,
    pub order: i64,
    pub unit_ids: Vec<String>,
    pub group_chat_employee_types: Vec<i64>,
    pub created_at: Timestamp,
}
