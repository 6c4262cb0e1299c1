//! SQL for invitations, join requests, the notification outbox, the audit and member counts.

use super::super::{Row, SqlTx, p, to_json};
use super::{actor_at, bad};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AccountId, DeptId, TenantId, UserId};
use roster_domain::model::{
    Actor, AuditAction, AuditEntry, Channel, Invitation, InvitationId, InvitationKind, JoinRequest, JoinRequestId,
    NewAuditEntry, NewInvitation, NewJoinRequest, NewNotification, Notification, NotificationId, NotificationStatus,
    RequestStatus,
};
use roster_domain::store::{AuditFilter, InvitationFilter};

fn channel_at(r: Row<'_>, i: usize) -> Result<Channel, StoreError> {
    let c = r.text(i)?;
    Channel::parse(&c).ok_or_else(|| bad("channel", &c))
}

/// `SELECT <invitation columns> FROM org_invitations <tail>`
macro_rules! invitation_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, tenant_id, code, kind, channel, invitee_user_id, invitee_address, invitee_name, expires_at, \
             max_uses, uses, allowed_domains, department_id, require_approval, created_by_kind, created_by_id, \
             created_at, revoked_at FROM org_invitations ",
            $tail
        )
    };
}

fn invitation_row(r: Row<'_>) -> Result<Invitation, StoreError> {
    let kind = r.text(3)?;
    Ok(Invitation {
        id: InvitationId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        code: r.text(2)?,
        kind: InvitationKind::parse(&kind).ok_or_else(|| bad("invitation kind", &kind))?,
        channel: channel_at(r, 4)?,
        invitee_user: r.opt_i64(5)?.map(UserId),
        invitee_address: r.opt_text(6)?,
        invitee_name: r.opt_text(7)?,
        expires_at: r.opt_ts(8)?,
        max_uses: r.opt_i64(9)?,
        uses: r.i64(10)?,
        allowed_domains: r.json(11)?,
        department: r.opt_i64(12)?.map(DeptId),
        require_approval: r.bool(13)?,
        created_by: actor_at(r, 14)?,
        created_at: r.ts(16)?,
        revoked_at: r.opt_ts(17)?,
    })
}

/// `SELECT <request columns> FROM org_join_requests <tail>`
macro_rules! request_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, tenant_id, invitation_id, account_id, name, email, mobile, via, status, user_id, \
             decided_by_kind, decided_by_id, decided_at, created_at FROM org_join_requests ",
            $tail
        )
    };
}

fn request_row(r: Row<'_>) -> Result<JoinRequest, StoreError> {
    let status = r.text(8)?;
    let decided_by = match r.opt_text(10)? {
        Some(kind) => Some(Actor::from_parts(&kind, r.i64(11)?).ok_or_else(|| bad("actor kind", &kind))?),
        None => None,
    };
    Ok(JoinRequest {
        id: JoinRequestId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        invitation: InvitationId(r.i64(2)?),
        account: AccountId(r.i64(3)?),
        name: r.text(4)?,
        email: r.opt_text(5)?,
        mobile: r.opt_text(6)?,
        via: channel_at(r, 7)?,
        status: RequestStatus::parse(&status).ok_or_else(|| bad("request status", &status))?,
        user: r.opt_i64(9)?.map(UserId),
        decided_by,
        decided_at: r.opt_ts(12)?,
        created_at: r.ts(13)?,
    })
}

/// `SELECT <notification columns> FROM org_notifications <tail>`
macro_rules! notification_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, tenant_id, invitation_id, user_id, channel, address, subject, body, status, reason, \
             created_at, sent_at FROM org_notifications ",
            $tail
        )
    };
}

fn notification_row(r: Row<'_>) -> Result<Notification, StoreError> {
    let status = r.text(8)?;
    Ok(Notification {
        id: NotificationId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        invitation: r.opt_i64(2)?.map(InvitationId),
        user: r.opt_i64(3)?.map(UserId),
        channel: channel_at(r, 4)?,
        address: r.text(5)?,
        subject: r.text(6)?,
        body: r.text(7)?,
        status: NotificationStatus::parse(&status).ok_or_else(|| bad("notification status", &status))?,
        reason: r.opt_text(9)?,
        created_at: r.ts(10)?,
        sent_at: r.opt_ts(11)?,
    })
}

fn audit_row(r: Row<'_>) -> Result<AuditEntry, StoreError> {
    let action = r.text(2)?;
    Ok(AuditEntry {
        id: r.i64(0)?,
        tenant: TenantId(r.i64(1)?),
        action: AuditAction::parse(&action).ok_or_else(|| bad("audit action", &action))?,
        actor: actor_at(r, 3)?,
        channel: channel_at(r, 5)?,
        target_user: r.opt_i64(6)?.map(UserId),
        invitation: r.opt_i64(7)?.map(InvitationId),
        request: r.opt_i64(8)?.map(JoinRequestId),
        detail: r.text(9)?,
        created_at: r.ts(10)?,
    })
}

impl SqlTx<'_> {
    pub(in crate::sql) fn count_members_impl(&mut self, tenant: TenantId) -> Result<i64> {
        self.count("SELECT COUNT(*) FROM users WHERE tenant_id = $1 AND is_resigned = 0", p![tenant.0])
    }

    pub(in crate::sql) fn member_ids_impl(
        &mut self,
        tenant: TenantId,
        after: Option<UserId>,
        limit: u32,
    ) -> Result<Vec<UserId>> {
        self.all(
            "SELECT id FROM users WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3",
            p![tenant.0, after.map_or(0, |u| u.0), limit as i64],
            |r| Ok(UserId(r.i64(0)?)),
        )
    }

    pub(in crate::sql) fn insert_invitation_impl(&mut self, i: &NewInvitation) -> Result<InvitationId> {
        self.insert_id(
            "INSERT INTO org_invitations (tenant_id, code, kind, channel, invitee_user_id, invitee_address, invitee_name, \
             expires_at, max_uses, uses, allowed_domains, department_id, require_approval, created_by_kind, created_by_id, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11, $12, $13, $14, $15) RETURNING id",
            p![
                i.tenant.0,
                &i.code,
                i.kind.as_str(),
                i.channel.as_str(),
                i.invitee_user.map(|u| u.0),
                &i.invitee_address,
                &i.invitee_name,
                i.expires_at,
                i.max_uses,
                to_json(&i.allowed_domains).as_str(),
                i.department.map(|d| d.0),
                i.require_approval,
                i.created_by.kind(),
                i.created_by.id(),
                i.created_at
            ],
        )
        .map(InvitationId)
    }

    pub(in crate::sql) fn invitation_impl(&mut self, tenant: TenantId, id: InvitationId) -> Result<Option<Invitation>> {
        self.one(invitation_select!("WHERE tenant_id = $1 AND id = $2"), p![tenant.0, id.0], invitation_row)
    }

    pub(in crate::sql) fn invitation_by_code_impl(&mut self, code: &str) -> Result<Option<Invitation>> {
        self.one(invitation_select!("WHERE code = $1"), p![code], invitation_row)
    }

    pub(in crate::sql) fn member_invitation_impl(
        &mut self,
        tenant: TenantId,
        user: UserId,
    ) -> Result<Option<Invitation>> {
        self.one(
            invitation_select!("WHERE tenant_id = $1 AND invitee_user_id = $2 ORDER BY id DESC LIMIT 1"),
            p![tenant.0, user.0],
            invitation_row,
        )
    }

    pub(in crate::sql) fn invitations_impl(
        &mut self,
        tenant: TenantId,
        f: InvitationFilter,
        before: Option<InvitationId>,
        limit: u32,
    ) -> Result<Vec<Invitation>> {
        let (by_kind, by_id, by) = match f.created_by {
            Some(a) => (a.kind(), a.id(), 1i64),
            None => ("", 0, 0),
        };
        let (now, active) = (f.active_at.map_or(0, |t| t.0), f.active_at.is_some() as i64);
        self.all(
            invitation_select!(
                "WHERE tenant_id = $1 AND id < $2 AND ($3 = 0 OR (created_by_kind = $4 AND created_by_id = $5)) \
                 AND ($6 = 0 OR (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $7) \
                 AND (max_uses IS NULL OR uses < max_uses))) ORDER BY id DESC LIMIT $8"
            ),
            p![tenant.0, before.map_or(i64::MAX, |b| b.0), by, by_kind, by_id, active, now, limit as i64],
            invitation_row,
        )
    }

    pub(in crate::sql) fn count_invitation_use_impl(&mut self, tenant: TenantId, id: InvitationId) -> Result<i64> {
        self.exec("UPDATE org_invitations SET uses = uses + 1 WHERE tenant_id = $1 AND id = $2", p![tenant.0, id.0])?;
        self.count("SELECT uses FROM org_invitations WHERE tenant_id = $1 AND id = $2", p![tenant.0, id.0])
    }

    pub(in crate::sql) fn revoke_invitation_impl(
        &mut self,
        tenant: TenantId,
        id: InvitationId,
        now: Timestamp,
    ) -> Result<()> {
        self.exec(
            "UPDATE org_invitations SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL",
            p![tenant.0, id.0, now],
        )?;
        Ok(())
    }

    pub(in crate::sql) fn set_invitation_expiry_impl(
        &mut self,
        tenant: TenantId,
        id: InvitationId,
        expires_at: Option<Timestamp>,
    ) -> Result<()> {
        self.exec(
            "UPDATE org_invitations SET expires_at = $3 WHERE tenant_id = $1 AND id = $2",
            p![tenant.0, id.0, expires_at],
        )?;
        Ok(())
    }

    pub(in crate::sql) fn insert_join_request_impl(&mut self, r: &NewJoinRequest) -> Result<JoinRequestId> {
        self.insert_id(
            "INSERT INTO org_join_requests (tenant_id, invitation_id, account_id, name, email, mobile, via, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) RETURNING id",
            p![r.tenant.0, r.invitation.0, r.account.0, &r.name, &r.email, &r.mobile, r.via.as_str(), r.created_at],
        )
        .map(JoinRequestId)
    }

    pub(in crate::sql) fn join_request_impl(
        &mut self,
        tenant: TenantId,
        id: JoinRequestId,
    ) -> Result<Option<JoinRequest>> {
        self.one(request_select!("WHERE tenant_id = $1 AND id = $2"), p![tenant.0, id.0], request_row)
    }

    pub(in crate::sql) fn pending_request_of_impl(
        &mut self,
        tenant: TenantId,
        account: AccountId,
    ) -> Result<Option<JoinRequest>> {
        self.one(
            request_select!("WHERE tenant_id = $1 AND account_id = $2 AND status = 'pending'"),
            p![tenant.0, account.0],
            request_row,
        )
    }

    pub(in crate::sql) fn join_requests_impl(
        &mut self,
        tenant: TenantId,
        status: Option<RequestStatus>,
        before: Option<JoinRequestId>,
        limit: u32,
    ) -> Result<Vec<JoinRequest>> {
        let (filter, status) = (status.is_some() as i64, status.map_or("", |s| s.as_str()));
        self.all(
            request_select!("WHERE tenant_id = $1 AND id < $2 AND ($3 = 0 OR status = $4) ORDER BY id DESC LIMIT $5"),
            p![tenant.0, before.map_or(i64::MAX, |b| b.0), filter, status, limit as i64],
            request_row,
        )
    }

    #[allow(clippy::too_many_arguments)]
    pub(in crate::sql) fn decide_join_request_impl(
        &mut self,
        tenant: TenantId,
        id: JoinRequestId,
        status: RequestStatus,
        user: Option<UserId>,
        by: Actor,
        now: Timestamp,
    ) -> Result<()> {
        self.exec(
            "UPDATE org_join_requests SET status = $3, user_id = $4, decided_by_kind = $5, decided_by_id = $6, decided_at = $7 \
             WHERE tenant_id = $1 AND id = $2",
            p![tenant.0, id.0, status.as_str(), user.map(|u| u.0), by.kind(), by.id(), now],
        )?;
        Ok(())
    }

    pub(in crate::sql) fn insert_notification_impl(&mut self, n: &NewNotification) -> Result<NotificationId> {
        self.insert_id(
            "INSERT INTO org_notifications (tenant_id, invitation_id, user_id, channel, address, subject, body, status, reason, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            p![
                n.tenant.0,
                n.invitation.map(|i| i.0),
                n.user.map(|u| u.0),
                n.channel.as_str(),
                &n.address,
                &n.subject,
                &n.body,
                n.status.as_str(),
                &n.reason,
                n.created_at
            ],
        )
        .map(NotificationId)
    }

    pub(in crate::sql) fn notifications_impl(
        &mut self,
        tenant: TenantId,
        before: Option<NotificationId>,
        limit: u32,
    ) -> Result<Vec<Notification>> {
        self.all(
            notification_select!("WHERE tenant_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3"),
            p![tenant.0, before.map_or(i64::MAX, |b| b.0), limit as i64],
            notification_row,
        )
    }

    pub(in crate::sql) fn queued_notifications_impl(&mut self, limit: u32) -> Result<Vec<Notification>> {
        self.all(
            notification_select!("WHERE status = 'queued' ORDER BY id LIMIT $1"),
            p![limit as i64],
            notification_row,
        )
    }

    pub(in crate::sql) fn mark_notification_impl(
        &mut self,
        id: NotificationId,
        status: NotificationStatus,
        reason: Option<&str>,
        now: Timestamp,
    ) -> Result<()> {
        self.exec(
            "UPDATE org_notifications SET status = $2, reason = $3, sent_at = $4 WHERE id = $1",
            p![id.0, status.as_str(), reason, now],
        )?;
        Ok(())
    }

    pub(in crate::sql) fn insert_audit_impl(&mut self, e: &NewAuditEntry) -> Result<i64> {
        self.insert_id(
            "INSERT INTO org_audit (tenant_id, action, actor_kind, actor_id, channel, target_user_id, invitation_id, request_id, detail, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            p![
                e.tenant.0,
                e.action.as_str(),
                e.actor.kind(),
                e.actor.id(),
                e.channel.as_str(),
                e.target_user.map(|u| u.0),
                e.invitation.map(|i| i.0),
                e.request.map(|r| r.0),
                &e.detail,
                e.created_at
            ],
        )
    }

    pub(in crate::sql) fn audit_impl(
        &mut self,
        tenant: TenantId,
        f: AuditFilter,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>> {
        let (by_target, target) = (f.target_user.is_some() as i64, f.target_user.map_or(0, |u| u.0));
        let (by_action, action) = (f.action.is_some() as i64, f.action.map_or("", |a| a.as_str()));
        let (by_actor, actor_kind, actor_id) = match f.actor {
            Some(a) => (1i64, a.kind(), a.id()),
            None => (0, "", 0),
        };
        self.all(
            "SELECT id, tenant_id, action, actor_kind, actor_id, channel, target_user_id, invitation_id, request_id, detail, created_at \
             FROM org_audit WHERE tenant_id = $1 AND id < $2 AND ($3 = 0 OR target_user_id = $4) AND ($5 = 0 OR action = $6) \
             AND ($7 = 0 OR (actor_kind = $8 AND actor_id = $9)) ORDER BY id DESC LIMIT $10",
            p![tenant.0, before.unwrap_or(i64::MAX), by_target, target, by_action, action, by_actor, actor_kind, actor_id, limit as i64],
            audit_row,
        )
    }
}
