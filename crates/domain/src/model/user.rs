//! A user: an account's membership in one tenant, with Lark's profile fields and five status flags.

use crate::clock::Timestamp;
use crate::ids::{AccountId, DeptId, TenantId, UserId};
use serde::{Deserialize, Serialize};

/// Lark's five status flags (spec §4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UserStatus {
    /// Suspended by an admin: cannot sign in or act; stays listed.
    pub is_frozen: bool,
    /// Offboarded.
    pub is_resigned: bool,
    /// Has signed in at least once.
    pub is_activated: bool,
    /// Left voluntarily; becomes resigned after a period.
    pub is_exited: bool,
    /// Invited, not yet accepted.
    pub is_unjoin: bool,
}

impl UserStatus {
    /// Whether the user can act in the tenant at all (sign in, be added to chats, ...).
    pub fn is_usable(self) -> bool {
        !self.is_frozen && !self.is_resigned && !self.is_exited
    }
}

/// One department membership of a user, with Lark's ordering fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDepartment {
    pub department: DeptId,
    pub user_order: i64,
    pub department_order: i64,
    pub is_primary: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub tenant: TenantId,
    pub account: AccountId,
    /// The per-tenant, customisable `user_id`.
    pub user_id: String,
    pub name: String,
    pub en_name: String,
    pub nickname: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub mobile_visible: bool,
    pub gender: i64,
    pub avatar_key: Option<String>,
    pub leader: Option<UserId>,
    pub city: String,
    pub country: String,
    pub work_station: String,
    /// Unix seconds, as Lark sends it.
    pub join_time: i64,
    pub is_tenant_manager: bool,
    pub employee_no: String,
    pub employee_type: i64,
    pub enterprise_email: Option<String>,
    pub job_title: String,
    /// Opaque JSON array of Lark custom attributes, stored as given.
    pub custom_attrs: Option<String>,
    pub status: UserStatus,
    pub departments: Vec<UserDepartment>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When the user was offboarded (starts the 30-day restore window).
    pub resigned_at: Option<Timestamp>,
}

impl User {
    /// The primary department, or the first one.
    pub fn primary_department(&self) -> Option<DeptId> {
        self.departments.iter().find(|d| d.is_primary).or(self.departments.first()).map(|d| d.department)
    }
}

/// Everything needed to insert a user; the store assigns the id.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub tenant: TenantId,
    pub account: AccountId,
    pub user_id: String,
    pub name: String,
    pub en_name: String,
    pub nickname: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub mobile_visible: bool,
    pub gender: i64,
    pub avatar_key: Option<String>,
    pub leader: Option<UserId>,
    pub city: String,
    pub country: String,
    pub work_station: String,
    pub join_time: i64,
    pub is_tenant_manager: bool,
    pub employee_no: String,
    pub employee_type: i64,
    pub enterprise_email: Option<String>,
    pub job_title: String,
    pub custom_attrs: Option<String>,
    pub status: UserStatus,
    pub departments: Vec<UserDepartment>,
    pub created_at: Timestamp,
}

impl NewUser {
    /// The user exactly as the store holds it once inserted under `id` (the store conformance
    /// suite checks the two agree), so a create need not read its own row back.
    pub fn into_user(self, id: UserId) -> User {
        User {
            id,
            tenant: self.tenant,
            account: self.account,
            user_id: self.user_id,
            name: self.name,
            en_name: self.en_name,
            nickname: self.nickname,
            email: self.email,
            mobile: self.mobile,
            mobile_visible: self.mobile_visible,
            gender: self.gender,
            avatar_key: self.avatar_key,
            leader: self.leader,
            city: self.city,
            country: self.country,
            work_station: self.work_station,
            join_time: self.join_time,
            is_tenant_manager: self.is_tenant_manager,
            employee_no: self.employee_no,
            employee_type: self.employee_type,
            enterprise_email: self.enterprise_email,
            job_title: self.job_title,
            custom_attrs: self.custom_attrs,
            status: self.status,
            departments: self.departments,
            created_at: self.created_at,
            updated_at: self.created_at,
            resigned_at: None,
        }
    }
}
