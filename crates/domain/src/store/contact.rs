//! Repositories of the contact area: users (with their department memberships). Departments have
//! their own file (`departments.rs`).

use crate::error::Result;
use crate::ids::{DeptId, TenantId, UserId};
use crate::model::{NewUser, User};

pub trait UserRepo {
    /// Inserts the user and their department memberships.
    fn insert_user(&mut self, u: &NewUser) -> Result<UserId>;
    /// A user of `tenant`, in any status.
    fn user(&mut self, tenant: TenantId, id: UserId) -> Result<Option<User>>;
    fn users_by_ids(&mut self, tenant: TenantId, ids: &[UserId]) -> Result<Vec<User>>;
    fn user_by_user_id(&mut self, tenant: TenantId, user_id: &str) -> Result<Option<User>>;
    /// The non-resigned user of `tenant` with this mobile, if any.
    fn user_by_mobile(&mut self, tenant: TenantId, mobile: &str) -> Result<Option<User>>;
    /// The non-resigned user of `tenant` with this email, if any.
    fn user_by_email(&mut self, tenant: TenantId, email: &str) -> Result<Option<User>>;
    /// Whether a non-resigned user of `tenant` other than `except` has this (non-empty)
    /// employee_no.
    fn employee_no_taken(&mut self, tenant: TenantId, employee_no: &str, except: Option<UserId>) -> Result<bool>;
    /// Every user of an account, across tenants.
    fn users_of_account(&mut self, account: crate::ids::AccountId) -> Result<Vec<User>>;
    /// Rewrites every column and replaces the department memberships.
    fn update_user(&mut self, u: &User) -> Result<()>;
    /// Direct members of `dept`, ordered by internal id, after `after` (keyset paging).
    fn users_in_department(
        &mut self,
        tenant: TenantId,
        dept: DeptId,
        after: Option<UserId>,
        limit: u32,
    ) -> Result<Vec<User>>;
    fn count_users_in_department(&mut self, tenant: TenantId, dept: DeptId) -> Result<i64>;
    /// Users of `tenant` whose `user_id` is one of `user_ids`, in any status, ordered by
    /// `user_id` with the non-resigned user first where a resigned one shares it.
    fn users_by_user_ids(&mut self, tenant: TenantId, user_ids: &[String]) -> Result<Vec<User>>;
    /// Users of `tenant` whose mobile is one of `mobiles`; resigned users only when
    /// `include_resigned`. Non-resigned users come first.
    fn users_by_mobiles(&mut self, tenant: TenantId, mobiles: &[String], include_resigned: bool) -> Result<Vec<User>>;
    /// Users of `tenant` whose email is one of `emails`; resigned users only when
    /// `include_resigned`. Non-resigned users come first.
    fn users_by_emails(&mut self, tenant: TenantId, emails: &[String], include_resigned: bool) -> Result<Vec<User>>;
}
