//! The deletes of a purge, over every area's tables: one user, one chat, a tenant's meetings, and
//! what is left of a tenant at the end. There are no foreign keys, so each list names every table
//! that holds the thing; the store conformance test checks nothing is left behind.

use crate::sql::{SqlTx, p};
use roster_domain::error::Result;
use roster_domain::ids::{ChatId, TenantId, UserId};

impl SqlTx<'_> {
    pub(super) fn purge_user_rows(&mut self, tenant: TenantId, user: UserId) -> Result<()> {
        let (u, t) = (user.0, tenant.0);
        self.exec(
            "DELETE FROM oauth_token_scopes WHERE token IN (SELECT token FROM access_tokens WHERE user_id = $1)",
            p![u],
        )?;
        self.exec("DELETE FROM access_tokens WHERE user_id = $1", p![u])?;
        self.exec("DELETE FROM oauth_codes WHERE user_id = $1 AND tenant_id = $2", p![u, t])?;
        self.exec("DELETE FROM meeting_busy_users WHERE tenant_id = $1 AND user_id = $2", p![t, u])?;
        self.exec("DELETE FROM chat_join_requests WHERE user_id = $1", p![u])?;
        // Live chats were left with their events before; what remains are rows in dissolved chats.
        self.exec("DELETE FROM chat_members WHERE user_id = $1", p![u])?;
        self.exec("DELETE FROM org_notifications WHERE tenant_id = $1 AND user_id = $2", p![t, u])?;
        self.exec("DELETE FROM org_admins WHERE tenant_id = $1 AND user_id = $2", p![t, u])?;
        self.exec("DELETE FROM user_departments WHERE user_id = $1", p![u])?;
        self.exec("DELETE FROM departure_chats WHERE user_id = $1", p![u])?;
        self.exec("DELETE FROM departures WHERE user_id = $1", p![u])?;
        self.exec("DELETE FROM users WHERE id = $1 AND tenant_id = $2", p![u, t])?;
        Ok(())
    }

    pub(super) fn purge_chat_rows(&mut self, chat: ChatId) -> Result<()> {
        let c = chat.0;
        self.exec("DELETE FROM chat_members WHERE chat_id = $1", p![c])?;
        self.exec("DELETE FROM chat_bots WHERE chat_id = $1", p![c])?;
        self.exec("DELETE FROM chat_join_requests WHERE chat_id = $1", p![c])?;
        self.exec("DELETE FROM chat_links WHERE chat_id = $1", p![c])?;
        self.exec("DELETE FROM chats WHERE id = $1", p![c])?;
        Ok(())
    }

    pub(super) fn purge_tenant_meetings(&mut self, tenant: TenantId) -> Result<u64> {
        let t = tenant.0;
        let mut n = self.exec(
            "DELETE FROM meeting_participants WHERE meeting_id IN (SELECT id FROM meetings WHERE tenant_id = $1)",
            p![t],
        )?;
        n += self.exec("DELETE FROM meetings WHERE tenant_id = $1", p![t])?;
        n += self.exec("DELETE FROM meeting_reserves WHERE tenant_id = $1", p![t])?;
        n += self.exec("DELETE FROM meeting_busy_users WHERE tenant_id = $1", p![t])?;
        Ok(n)
    }

    pub(super) fn purge_tenant_rows(&mut self, tenant: TenantId) -> Result<u64> {
        let t = tenant.0;
        let statements: &[&'static str] = &[
            "DELETE FROM departments WHERE tenant_id = $1",
            "DELETE FROM user_departments WHERE tenant_id = $1",
            "DELETE FROM org_invitations WHERE tenant_id = $1",
            "DELETE FROM org_join_requests WHERE tenant_id = $1",
            "DELETE FROM org_seats WHERE tenant_id = $1",
            "DELETE FROM org_plans WHERE tenant_id = $1",
            "DELETE FROM org_seat_groups WHERE tenant_id = $1",
            "DELETE FROM org_notifications WHERE tenant_id = $1",
            "DELETE FROM org_audit WHERE tenant_id = $1",
            "DELETE FROM org_admins WHERE tenant_id = $1",
            "DELETE FROM org_policies WHERE tenant_id = $1",
            "DELETE FROM chat_policies WHERE tenant_id = $1",
            "DELETE FROM chat_join_requests WHERE tenant_id = $1",
            "DELETE FROM tenant_collaborations WHERE low_tenant_id = $1 OR high_tenant_id = $1",
            "DELETE FROM idempotency WHERE tenant_id = $1",
            "DELETE FROM oauth_token_scopes WHERE token IN (SELECT token FROM access_tokens WHERE tenant_id = $1)",
            "DELETE FROM access_tokens WHERE tenant_id = $1",
            "DELETE FROM oauth_codes WHERE tenant_id = $1",
            "DELETE FROM departure_chats WHERE user_id IN (SELECT user_id FROM departures WHERE tenant_id = $1)",
            "DELETE FROM departures WHERE tenant_id = $1",
            "DELETE FROM purged_users WHERE tenant_id = $1",
            "DELETE FROM personal_workspaces WHERE tenant_id = $1",
        ];
        let mut n = 0;
        for &sql in statements {
            n += self.exec(sql, p![t])?;
        }
        Ok(n)
    }
}
