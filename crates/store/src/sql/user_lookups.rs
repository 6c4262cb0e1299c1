//! SQL for finding a tenant's users by lists of strings: custom `user_id`s (batch reads) and
//! mobiles or emails (`batch_get_id`). The list travels as one JSON text parameter, unpacked by
//! `json_each` on SQLite and `json_array_elements_text` on PostgreSQL.

use super::contact::{user_row, user_select};
use super::{SqlTx, p, to_json};
use roster_domain::error::Result;
use roster_domain::ids::TenantId;
use roster_domain::model::User;

/// Which contact column a lookup matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ContactColumn {
    Mobile,
    Email,
}

impl SqlTx<'_> {
    /// Users whose `user_id` is in `user_ids`, non-resigned first.
    pub(super) fn users_by_custom_ids(&mut self, tenant: TenantId, user_ids: &[String]) -> Result<Vec<User>> {
        if user_ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = to_json(user_ids);
        let sql = self.pick(
            user_select!(
                "WHERE u.tenant_id = $1 AND u.user_id IN (SELECT value FROM json_each($2)) \
                 ORDER BY u.is_resigned, u.id"
            ),
            user_select!(
                "WHERE u.tenant_id = $1 AND u.user_id IN (SELECT json_array_elements_text($2::text::json)) \
                 ORDER BY u.is_resigned, u.id"
            ),
        );
        let mut users = self.all(sql, p![tenant.0, list.as_str()], user_row)?;
        self.attach_memberships(&mut users)?;
        Ok(users)
    }

    /// Users whose mobile (or email) is in `values`, non-resigned first. Without
    /// `include_resigned` the statement matches the partial unique index exactly.
    pub(super) fn users_by_contact(
        &mut self,
        tenant: TenantId,
        column: ContactColumn,
        values: &[String],
        include_resigned: bool,
    ) -> Result<Vec<User>> {
        if values.is_empty() {
            return Ok(Vec::new());
        }
        let list = to_json(values);
        let sql = match (column, include_resigned) {
            (ContactColumn::Mobile, false) => self.pick(
                user_select!(
                    "WHERE u.tenant_id = $1 AND u.is_resigned = 0 AND u.mobile IN (SELECT value FROM json_each($2)) \
                     ORDER BY u.id"
                ),
                user_select!(
                    "WHERE u.tenant_id = $1 AND u.is_resigned = 0 \
                     AND u.mobile IN (SELECT json_array_elements_text($2::text::json)) ORDER BY u.id"
                ),
            ),
            (ContactColumn::Mobile, true) => self.pick(
                user_select!(
                    "WHERE u.tenant_id = $1 AND u.mobile IN (SELECT value FROM json_each($2)) \
                     ORDER BY u.is_resigned, u.id"
                ),
                user_select!(
                    "WHERE u.tenant_id = $1 AND u.mobile IN (SELECT json_array_elements_text($2::text::json)) \
                     ORDER BY u.is_resigned, u.id"
                ),
            ),
            (ContactColumn::Email, false) => self.pick(
                user_select!(
                    "WHERE u.tenant_id = $1 AND u.is_resigned = 0 AND u.email IN (SELECT value FROM json_each($2)) \
                     ORDER BY u.id"
                ),
                user_select!(
                    "WHERE u.tenant_id = $1 AND u.is_resigned = 0 \
                     AND u.email IN (SELECT json_array_elements_text($2::text::json)) ORDER BY u.id"
                ),
            ),
            (ContactColumn::Email, true) => self.pick(
                user_select!(
                    "WHERE u.tenant_id = $1 AND u.email IN (SELECT value FROM json_each($2)) \
                     ORDER BY u.is_resigned, u.id"
                ),
                user_select!(
                    "WHERE u.tenant_id = $1 AND u.email IN (SELECT json_array_elements_text($2::text::json)) \
                     ORDER BY u.is_resigned, u.id"
                ),
            ),
        };
        let mut users = self.all(sql, p![tenant.0, list.as_str()], user_row)?;
        self.attach_memberships(&mut users)?;
        Ok(users)
    }
}
