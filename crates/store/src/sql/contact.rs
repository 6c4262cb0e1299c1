//! SQL for users (with their department memberships). Lookups of users by lists of custom ids,
//! mobiles or emails live in `user_lookups`; departments in `departments.rs`.

use super::{Row, SqlTx, p};
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AccountId, DeptId, TenantId, UserId};
use roster_domain::model::{NewUser, User, UserDepartment, UserStatus};
use roster_domain::store::UserRepo;

/// `SELECT <user columns> FROM users u <tail>`
macro_rules! user_select {
    ($tail:literal) => {
        concat!(
            "SELECT u.id, u.tenant_id, u.account_id, u.user_id, u.name, u.en_name, u.nickname, u.email, u.mobile, \
             u.mobile_visible, u.gender, u.avatar_key, u.leader_id, u.city, u.country, u.work_station, u.join_time, \
             u.is_tenant_manager, u.employee_no, u.employee_type, u.enterprise_email, u.job_title, u.custom_attrs, \
             u.is_frozen, u.is_resigned, u.is_activated, u.is_exited, u.is_unjoin, u.created_at, u.updated_at, \
             u.resigned_at FROM users u ",
            $tail
        )
    };
}
pub(super) use user_select;

pub(super) fn user_row(r: Row<'_>) -> Result<User, StoreError> {
    Ok(User {
        id: UserId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        account: AccountId(r.i64(2)?),
        user_id: r.text(3)?,
        name: r.text(4)?,
        en_name: r.text(5)?,
        nickname: r.text(6)?,
        email: r.opt_text(7)?,
        mobile: r.opt_text(8)?,
        mobile_visible: r.bool(9)?,
        gender: r.i64(10)?,
        avatar_key: r.opt_text(11)?,
        leader: r.opt_i64(12)?.map(UserId),
        city: r.text(13)?,
        country: r.text(14)?,
        work_station: r.text(15)?,
        join_time: r.i64(16)?,
        is_tenant_manager: r.bool(17)?,
        employee_no: r.text(18)?,
        employee_type: r.i64(19)?,
        enterprise_email: r.opt_text(20)?,
        job_title: r.text(21)?,
        custom_attrs: r.opt_text(22)?,
        status: UserStatus {
            is_frozen: r.bool(23)?,
            is_resigned: r.bool(24)?,
            is_activated: r.bool(25)?,
            is_exited: r.bool(26)?,
            is_unjoin: r.bool(27)?,
        },
        departments: Vec::new(),
        created_at: r.ts(28)?,
        updated_at: r.ts(29)?,
        resigned_at: r.opt_ts(30)?,
    })
}

/// A membership row with its position in the user's list.
fn membership_row(r: Row<'_>) -> Result<(i64, i64, UserDepartment), StoreError> {
    Ok((
        r.i64(0)?,
        r.i64(5)?,
        UserDepartment {
            department: DeptId(r.i64(1)?),
            user_order: r.i64(2)?,
            department_order: r.i64(3)?,
            is_primary: r.bool(4)?,
        },
    ))
}

impl SqlTx<'_> {
    /// Fills `departments` of each user with one query. The rows are put in order here rather
    /// than by `ORDER BY position`: no index holds that order, and SQLite would build a
    /// temporary b-tree for every user read to sort a handful of rows.
    pub(super) fn attach_memberships(&mut self, users: &mut [User]) -> Result<()> {
        if users.is_empty() {
            return Ok(());
        }
        let mut rows = if users.len() == 1 {
            self.all(
                "SELECT user_id, department_id, user_order, department_order, is_primary, position \
                 FROM user_departments WHERE user_id = $1",
                p![users[0].id.0],
                membership_row,
            )?
        } else {
            let ids: Vec<i64> = users.iter().map(|u| u.id.0).collect();
            let sql = self.pick(
                "SELECT user_id, department_id, user_order, department_order, is_primary, position \
                 FROM user_departments WHERE user_id IN (SELECT value FROM json_each($1))",
                "SELECT user_id, department_id, user_order, department_order, is_primary, position \
                 FROM user_departments WHERE user_id = ANY($1)",
            );
            self.all(sql, p![&ids[..]], membership_row)?
        };
        rows.sort_unstable_by_key(|(uid, pos, _)| (*uid, *pos));
        for (uid, _, m) in rows {
            if let Some(u) = users.iter_mut().find(|u| u.id.0 == uid) {
                u.departments.push(m);
            }
        }
        Ok(())
    }

    fn with_memberships(&mut self, user: Option<User>) -> Result<Option<User>> {
        let Some(u) = user else { return Ok(None) };
        let mut one = [u];
        self.attach_memberships(&mut one)?;
        let [u] = one;
        Ok(Some(u))
    }

    fn write_memberships(&mut self, user: UserId, tenant: TenantId, memberships: &[UserDepartment]) -> Result<()> {
        self.exec("DELETE FROM user_departments WHERE user_id = $1", p![user.0])?;
        self.insert_memberships(user, tenant, memberships)
    }

    /// Adds memberships to a user that has none (a new user, or after the delete above).
    fn insert_memberships(&mut self, user: UserId, tenant: TenantId, memberships: &[UserDepartment]) -> Result<()> {
        for (pos, m) in memberships.iter().enumerate() {
            self.exec(
                "INSERT INTO user_departments (user_id, department_id, tenant_id, user_order, department_order, is_primary, position) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                p![user.0, m.department.0, tenant.0, m.user_order, m.department_order, m.is_primary, pos as i64],
            )?;
        }
        Ok(())
    }
}

impl UserRepo for SqlTx<'_> {
    fn insert_user(&mut self, u: &NewUser) -> Result<UserId> {
        let id = self.insert_id(
            "INSERT INTO users (tenant_id, account_id, user_id, name, en_name, nickname, email, mobile, mobile_visible, gender, \
             avatar_key, leader_id, city, country, work_station, join_time, is_tenant_manager, employee_no, employee_type, \
             enterprise_email, job_title, custom_attrs, is_frozen, is_resigned, is_activated, is_exited, is_unjoin, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
             $22, $23, $24, $25, $26, $27, $28, $28) RETURNING id",
            p![
                u.tenant.0,
                u.account.0,
                &u.user_id,
                &u.name,
                &u.en_name,
                &u.nickname,
                &u.email,
                &u.mobile,
                u.mobile_visible,
                u.gender,
                &u.avatar_key,
                u.leader.map(|l| l.0),
                &u.city,
                &u.country,
                &u.work_station,
                u.join_time,
                u.is_tenant_manager,
                &u.employee_no,
                u.employee_type,
                &u.enterprise_email,
                &u.job_title,
                &u.custom_attrs,
                u.status.is_frozen,
                u.status.is_resigned,
                u.status.is_activated,
                u.status.is_exited,
                u.status.is_unjoin,
                u.created_at
            ],
        )?;
        self.insert_memberships(UserId(id), u.tenant, &u.departments)?;
        Ok(UserId(id))
    }

    fn user(&mut self, tenant: TenantId, id: UserId) -> Result<Option<User>> {
        let u = self.one(user_select!("WHERE u.id = $1 AND u.tenant_id = $2"), p![id.0, tenant.0], user_row)?;
        self.with_memberships(u)
    }

    fn users_by_ids(&mut self, tenant: TenantId, ids: &[UserId]) -> Result<Vec<User>> {
        let raw: Vec<i64> = ids.iter().map(|i| i.0).collect();
        let sql = self.pick(
            // `+u.tenant_id`: without it SQLite walks the tenant's whole user_id index instead of
            // looking the ids up.
            user_select!("WHERE +u.tenant_id = $1 AND u.id IN (SELECT value FROM json_each($2)) ORDER BY u.id"),
            user_select!("WHERE u.tenant_id = $1 AND u.id = ANY($2) ORDER BY u.id"),
        );
        let mut users = self.all(sql, p![tenant.0, &raw[..]], user_row)?;
        self.attach_memberships(&mut users)?;
        Ok(users)
    }

    fn user_by_user_id(&mut self, tenant: TenantId, user_id: &str) -> Result<Option<User>> {
        // Usually one row; several only when resigned members left this user_id behind. The
        // active one wins, else the newest; chosen here, as sorting in SQL needs a temporary
        // b-tree on every lookup.
        let rows =
            self.all(user_select!("WHERE u.tenant_id = $1 AND u.user_id = $2"), p![tenant.0, user_id], user_row)?;
        let u = rows.into_iter().min_by_key(|u| (u.status.is_resigned, std::cmp::Reverse(u.id.0)));
        self.with_memberships(u)
    }

    fn user_by_mobile(&mut self, tenant: TenantId, mobile: &str) -> Result<Option<User>> {
        let u = self.one(
            user_select!("WHERE u.tenant_id = $1 AND u.mobile = $2 AND u.is_resigned = 0 LIMIT 1"),
            p![tenant.0, mobile],
            user_row,
        )?;
        self.with_memberships(u)
    }

    fn user_by_email(&mut self, tenant: TenantId, email: &str) -> Result<Option<User>> {
        let u = self.one(
            user_select!("WHERE u.tenant_id = $1 AND u.email = $2 AND u.is_resigned = 0 LIMIT 1"),
            p![tenant.0, email],
            user_row,
        )?;
        self.with_memberships(u)
    }

    fn employee_no_taken(&mut self, tenant: TenantId, employee_no: &str, except: Option<UserId>) -> Result<bool> {
        // `employee_no <> ''` repeats the partial index's condition, so both databases use it.
        let hit = self.one(
            "SELECT id FROM users WHERE tenant_id = $1 AND employee_no = $2 AND employee_no <> '' \
             AND is_resigned = 0 AND id <> $3 LIMIT 1",
            p![tenant.0, employee_no, except.map_or(0, |u| u.0)],
            |r| r.i64(0),
        )?;
        Ok(hit.is_some())
    }

    fn users_of_account(&mut self, account: AccountId) -> Result<Vec<User>> {
        let mut users = self.all(user_select!("WHERE u.account_id = $1 ORDER BY u.id"), p![account.0], user_row)?;
        self.attach_memberships(&mut users)?;
        Ok(users)
    }

    fn update_user(&mut self, u: &User) -> Result<()> {
        self.exec(
            "UPDATE users SET account_id = $2, user_id = $3, name = $4, en_name = $5, nickname = $6, email = $7, mobile = $8, \
             mobile_visible = $9, gender = $10, avatar_key = $11, leader_id = $12, city = $13, country = $14, work_station = $15, \
             join_time = $16, is_tenant_manager = $17, employee_no = $18, employee_type = $19, enterprise_email = $20, \
             job_title = $21, custom_attrs = $22, is_frozen = $23, is_resigned = $24, is_activated = $25, is_exited = $26, \
             is_unjoin = $27, updated_at = $28, resigned_at = $29 WHERE id = $1 AND tenant_id = $30",
            p![
                u.id.0,
                u.account.0,
                &u.user_id,
                &u.name,
                &u.en_name,
                &u.nickname,
                &u.email,
                &u.mobile,
                u.mobile_visible,
                u.gender,
                &u.avatar_key,
                u.leader.map(|l| l.0),
                &u.city,
                &u.country,
                &u.work_station,
                u.join_time,
                u.is_tenant_manager,
                &u.employee_no,
                u.employee_type,
                &u.enterprise_email,
                &u.job_title,
                &u.custom_attrs,
                u.status.is_frozen,
                u.status.is_resigned,
                u.status.is_activated,
                u.status.is_exited,
                u.status.is_unjoin,
                u.updated_at,
                u.resigned_at,
                u.tenant.0
            ],
        )?;
        self.write_memberships(u.id, u.tenant, &u.departments)
    }

    fn users_in_department(
        &mut self,
        tenant: TenantId,
        dept: DeptId,
        after: Option<UserId>,
        limit: u32,
    ) -> Result<Vec<User>> {
        let mut users = self.all(
            user_select!(
                "JOIN user_departments ud ON ud.user_id = u.id WHERE ud.department_id = $1 AND ud.tenant_id = $2 \
                 AND u.is_resigned = 0 AND ud.user_id > $3 ORDER BY ud.user_id LIMIT $4"
            ),
            p![dept.0, tenant.0, after.map_or(0, |a| a.0), limit as i64],
            user_row,
        )?;
        self.attach_memberships(&mut users)?;
        Ok(users)
    }

    fn count_users_in_department(&mut self, tenant: TenantId, dept: DeptId) -> Result<i64> {
        self.count(
            "SELECT COUNT(*) FROM user_departments ud JOIN users u ON u.id = ud.user_id \
             WHERE ud.department_id = $1 AND ud.tenant_id = $2 AND u.is_resigned = 0",
            p![dept.0, tenant.0],
        )
    }

    fn users_by_user_ids(&mut self, tenant: TenantId, user_ids: &[String]) -> Result<Vec<User>> {
        self.users_by_custom_ids(tenant, user_ids)
    }

    fn users_by_mobiles(&mut self, tenant: TenantId, mobiles: &[String], include_resigned: bool) -> Result<Vec<User>> {
        self.users_by_contact(tenant, super::user_lookups::ContactColumn::Mobile, mobiles, include_resigned)
    }

    fn users_by_emails(&mut self, tenant: TenantId, emails: &[String], include_resigned: bool) -> Result<Vec<User>> {
        self.users_by_contact(tenant, super::user_lookups::ContactColumn::Email, emails, include_resigned)
    }
}
