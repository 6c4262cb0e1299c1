//! SQL for the orgs area (OrgRepo): policy, admin grants, plans, seat groups and the seat ledger
//! here; invitations, requests, notifications and the audit in `orgs/`.

mod invitations;

use super::{Row, SqlTx, p, to_json};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{DeptId, TenantId, UserId};
use roster_domain::model::{
    Actor, AdminGrant, AdminPermission, OrgPolicy, Plan, PlanId, Seat, SeatGroup, SeatGroupId, SeatHolder, SeatId,
    SeatReason,
};

pub(super) fn bad(what: &str, v: &str) -> StoreError {
    StoreError::Other(format!("unknown {what} {v:?} in store"))
}

/// An actor stored as (kind, id) in columns `k` and `k + 1`.
pub(super) fn actor_at(r: Row<'_>, k: usize) -> Result<Actor, StoreError> {
    let kind = r.text(k)?;
    Actor::from_parts(&kind, r.i64(k + 1)?).ok_or_else(|| bad("actor kind", &kind))
}

fn plan_row(r: Row<'_>) -> Result<Plan, StoreError> {
    Ok(Plan {
        id: PlanId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        name: r.text(2)?,
        seats: r.i64(3)?,
        created_at: r.ts(4)?,
    })
}

fn group_row(r: Row<'_>) -> Result<SeatGroup, StoreError> {
    Ok(SeatGroup {
        id: SeatGroupId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        name: r.text(2)?,
        plan: PlanId(r.i64(3)?),
        seats: r.i64(4)?,
        department: r.opt_i64(5)?.map(DeptId),
        created_at: r.ts(6)?,
    })
}

/// `SELECT <seat columns> FROM org_seats <tail>`
macro_rules! seat_select {
    ($tail:literal) => {
        concat!(
            "SELECT id, tenant_id, plan_id, group_id, holder_kind, holder_id, reason, granted_by_kind, granted_by_id, \
             created_at, expires_at, released_at FROM org_seats ",
            $tail
        )
    };
}

fn seat_row(r: Row<'_>) -> Result<Seat, StoreError> {
    let kind = r.text(4)?;
    let reason = r.text(6)?;
    Ok(Seat {
        id: SeatId(r.i64(0)?),
        tenant: TenantId(r.i64(1)?),
        plan: r.opt_i64(2)?.map(PlanId),
        group: r.opt_i64(3)?.map(SeatGroupId),
        holder: SeatHolder::from_parts(&kind, r.i64(5)?).ok_or_else(|| bad("seat holder", &kind))?,
        reason: SeatReason::parse(&reason).ok_or_else(|| bad("seat reason", &reason))?,
        granted_by: actor_at(r, 7)?,
        created_at: r.ts(9)?,
        expires_at: r.opt_ts(10)?,
        released_at: r.opt_ts(11)?,
    })
}

impl SqlTx<'_> {
    /// Moves the `taken` counters of a seat's plan and group by `delta`.
    fn count_seat(&mut self, plan: Option<i64>, group: Option<i64>, delta: i64) -> Result<()> {
        if let Some(p) = plan {
            self.exec("UPDATE org_plans SET taken = taken + $2 WHERE id = $1", p![p, delta])?;
        }
        if let Some(g) = group {
            self.exec("UPDATE org_seat_groups SET taken = taken + $2 WHERE id = $1", p![g, delta])?;
        }
        Ok(())
    }
}

impl SqlTx<'_> {
    pub(super) fn org_policy_impl(&mut self, tenant: TenantId) -> Result<OrgPolicy> {
        let found = self.one(
            "SELECT members_can_invite, member_limit FROM org_policies WHERE tenant_id = $1",
            p![tenant.0],
            |r| Ok(OrgPolicy { members_can_invite: r.bool(0)?, member_limit: r.opt_i64(1)? }),
        )?;
        Ok(found.unwrap_or_default())
    }

    pub(super) fn put_org_policy_impl(&mut self, tenant: TenantId, policy: &OrgPolicy, now: Timestamp) -> Result<()> {
        self.exec(
            "INSERT INTO org_policies (tenant_id, members_can_invite, member_limit, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (tenant_id) DO UPDATE SET members_can_invite = excluded.members_can_invite, \
             member_limit = excluded.member_limit, updated_at = excluded.updated_at",
            p![tenant.0, policy.members_can_invite, policy.member_limit, now],
        )?;
        Ok(())
    }

    pub(super) fn admin_grants_where(&mut self, tenant: TenantId, user: Option<UserId>) -> Result<Vec<AdminGrant>> {
        let map = |r: Row<'_>| -> Result<AdminGrant, StoreError> {
            let names: Vec<String> = r.json(2)?;
            let permissions = names
                .iter()
                .map(|n| AdminPermission::parse(n).ok_or_else(|| bad("admin permission", n)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(AdminGrant {
                tenant: TenantId(r.i64(0)?),
                user: UserId(r.i64(1)?),
                permissions,
                granted_by: actor_at(r, 3)?,
                created_at: r.ts(5)?,
            })
        };
        match user {
            Some(u) => self.all(
                "SELECT tenant_id, user_id, permissions, granted_by_kind, granted_by_id, created_at FROM org_admins \
                 WHERE tenant_id = $1 AND user_id = $2",
                p![tenant.0, u.0],
                map,
            ),
            None => self.all(
                "SELECT tenant_id, user_id, permissions, granted_by_kind, granted_by_id, created_at FROM org_admins \
                 WHERE tenant_id = $1 ORDER BY user_id",
                p![tenant.0],
                map,
            ),
        }
    }

    pub(super) fn put_admin_grant_impl(&mut self, g: &AdminGrant) -> Result<()> {
        self.exec("DELETE FROM org_admins WHERE tenant_id = $1 AND user_id = $2", p![g.tenant.0, g.user.0])?;
        if g.permissions.is_empty() {
            return Ok(());
        }
        let names: Vec<&str> = g.permissions.iter().map(|p| p.as_str()).collect();
        self.exec(
            "INSERT INTO org_admins (tenant_id, user_id, permissions, granted_by_kind, granted_by_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            p![g.tenant.0, g.user.0, to_json(&names).as_str(), g.granted_by.kind(), g.granted_by.id(), g.created_at],
        )?;
        Ok(())
    }

    pub(super) fn insert_plan_impl(
        &mut self,
        tenant: TenantId,
        name: &str,
        seats: i64,
        now: Timestamp,
    ) -> Result<PlanId> {
        self.insert_id(
            "INSERT INTO org_plans (tenant_id, name, seats, taken, created_at) VALUES ($1, $2, $3, 0, $4) RETURNING id",
            p![tenant.0, name, seats, now],
        )
        .map(PlanId)
    }

    pub(super) fn plans_where(&mut self, tenant: TenantId, id: Option<PlanId>) -> Result<Vec<Plan>> {
        match id {
            Some(id) => self.all(
                "SELECT id, tenant_id, name, seats, created_at FROM org_plans WHERE tenant_id = $1 AND id = $2",
                p![tenant.0, id.0],
                plan_row,
            ),
            None => self.all(
                "SELECT id, tenant_id, name, seats, created_at FROM org_plans WHERE tenant_id = $1 ORDER BY id",
                p![tenant.0],
                plan_row,
            ),
        }
    }

    pub(super) fn groups_where(&mut self, tenant: TenantId, id: Option<SeatGroupId>) -> Result<Vec<SeatGroup>> {
        match id {
            Some(id) => self.all(
                "SELECT id, tenant_id, name, plan_id, seats, department_id, created_at FROM org_seat_groups \
                 WHERE tenant_id = $1 AND id = $2",
                p![tenant.0, id.0],
                group_row,
            ),
            None => self.all(
                "SELECT id, tenant_id, name, plan_id, seats, department_id, created_at FROM org_seat_groups \
                 WHERE tenant_id = $1 ORDER BY id",
                p![tenant.0],
                group_row,
            ),
        }
    }

    pub(super) fn insert_seat_group_impl(
        &mut self,
        tenant: TenantId,
        name: &str,
        plan: PlanId,
        seats: i64,
        department: Option<DeptId>,
        now: Timestamp,
    ) -> Result<SeatGroupId> {
        self.insert_id(
            "INSERT INTO org_seat_groups (tenant_id, name, plan_id, seats, taken, department_id, created_at) \
             VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id",
            p![tenant.0, name, plan.0, seats, department.map(|d| d.0), now],
        )
        .map(SeatGroupId)
    }

    pub(super) fn insert_seat_impl(&mut self, s: &roster_domain::model::NewSeat) -> Result<SeatId> {
        let id = self.insert_id(
            "INSERT INTO org_seats (tenant_id, plan_id, group_id, holder_kind, holder_id, reason, granted_by_kind, \
             granted_by_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            p![
                s.tenant.0,
                s.plan.map(|p| p.0),
                s.group.map(|g| g.0),
                s.holder.kind(),
                s.holder.id(),
                s.reason.as_str(),
                s.granted_by.kind(),
                s.granted_by.id(),
                s.created_at,
                s.expires_at
            ],
        )?;
        self.count_seat(s.plan.map(|p| p.0), s.group.map(|g| g.0), 1)?;
        Ok(SeatId(id))
    }

    pub(super) fn live_seat_of_impl(
        &mut self,
        tenant: TenantId,
        holder: SeatHolder,
        now: Timestamp,
    ) -> Result<Option<Seat>> {
        self.one(
            seat_select!(
                "WHERE tenant_id = $1 AND holder_kind = $2 AND holder_id = $3 AND released_at IS NULL \
                 AND (expires_at IS NULL OR expires_at > $4) ORDER BY id DESC LIMIT 1"
            ),
            p![tenant.0, holder.kind(), holder.id(), now],
            seat_row,
        )
    }

    pub(super) fn live_seats_of_users_impl(
        &mut self,
        tenant: TenantId,
        users: &[UserId],
        now: Timestamp,
    ) -> Result<Vec<Seat>> {
        if users.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = users.iter().map(|u| u.0).collect();
        let sql = self.pick(
            seat_select!(
                "WHERE tenant_id = $1 AND holder_kind = 'user' AND holder_id IN (SELECT value FROM json_each($2)) \
                 AND released_at IS NULL AND (expires_at IS NULL OR expires_at > $3)"
            ),
            seat_select!(
                "WHERE tenant_id = $1 AND holder_kind = 'user' AND holder_id = ANY($2) \
                 AND released_at IS NULL AND (expires_at IS NULL OR expires_at > $3)"
            ),
        );
        let mut seats = self.all(sql, p![tenant.0, &ids[..], now], seat_row)?;
        // Newest first, sorted here: with `ORDER BY id` in SQL, SQLite walks the tenant's whole
        // ledger in id order (the ledger index) instead of looking the page's holders up.
        seats.sort_unstable_by_key(|s| std::cmp::Reverse(s.id));
        // The newest live seat of each holder, as `live_seat_of` picks it.
        let mut seen = std::collections::HashSet::new();
        seats.retain(|s| seen.insert(s.holder));
        Ok(seats)
    }

    pub(super) fn live_in_plan(&mut self, tenant: TenantId, plan: PlanId, now: Timestamp) -> Result<i64> {
        self.count(
            "SELECT p.taken - (SELECT COUNT(*) FROM org_seats s WHERE s.plan_id = p.id AND s.released_at IS NULL \
             AND s.expires_at IS NOT NULL AND s.expires_at <= $3) FROM org_plans p WHERE p.tenant_id = $1 AND p.id = $2",
            p![tenant.0, plan.0, now],
        )
    }

    pub(super) fn live_in_group(&mut self, tenant: TenantId, group: SeatGroupId, now: Timestamp) -> Result<i64> {
        self.count(
            "SELECT g.taken - (SELECT COUNT(*) FROM org_seats s WHERE s.group_id = g.id AND s.released_at IS NULL \
             AND s.expires_at IS NOT NULL AND s.expires_at <= $3) FROM org_seat_groups g WHERE g.tenant_id = $1 AND g.id = $2",
            p![tenant.0, group.0, now],
        )
    }

    pub(super) fn live_reservations(&mut self, tenant: TenantId, now: Timestamp) -> Result<i64> {
        self.count(
            "SELECT COUNT(*) FROM org_seats WHERE tenant_id = $1 AND released_at IS NULL AND holder_kind <> 'user' \
             AND (expires_at IS NULL OR expires_at > $2)",
            p![tenant.0, now],
        )
    }

    pub(super) fn release_seat_impl(&mut self, tenant: TenantId, id: SeatId, now: Timestamp) -> Result<()> {
        let seat = self.one(
            "SELECT plan_id, group_id FROM org_seats WHERE tenant_id = $1 AND id = $2 AND released_at IS NULL",
            p![tenant.0, id.0],
            |r| Ok((r.opt_i64(0)?, r.opt_i64(1)?)),
        )?;
        let Some((plan, group)) = seat else { return Ok(()) };
        self.exec("UPDATE org_seats SET released_at = $3 WHERE tenant_id = $1 AND id = $2", p![tenant.0, id.0, now])?;
        self.count_seat(plan, group, -1)
    }

    pub(super) fn transfer_seat_impl(
        &mut self,
        tenant: TenantId,
        id: SeatId,
        holder: SeatHolder,
        reason: SeatReason,
    ) -> Result<()> {
        let expiry_kept = !matches!(holder, SeatHolder::User(_));
        self.exec(
            "UPDATE org_seats SET holder_kind = $3, holder_id = $4, reason = $5, \
             expires_at = CASE WHEN $6 = 1 THEN expires_at ELSE NULL END WHERE tenant_id = $1 AND id = $2",
            p![tenant.0, id.0, holder.kind(), holder.id(), reason.as_str(), expiry_kept as i64],
        )?;
        Ok(())
    }

    pub(super) fn seats_impl(
        &mut self,
        tenant: TenantId,
        plan: Option<PlanId>,
        live_at: Option<Timestamp>,
        after: Option<SeatId>,
        limit: u32,
    ) -> Result<Vec<Seat>> {
        let after = after.map_or(0, |s| s.0);
        let (plan, filter_plan) = (plan.map_or(0, |p| p.0), plan.is_some() as i64);
        let (now, live) = (live_at.map_or(0, |t| t.0), live_at.is_some() as i64);
        self.all(
            seat_select!(
                "WHERE tenant_id = $1 AND id > $2 AND ($3 = 0 OR plan_id = $4) \
                 AND ($5 = 0 OR (released_at IS NULL AND (expires_at IS NULL OR expires_at > $6))) ORDER BY id LIMIT $7"
            ),
            p![tenant.0, after, filter_plan, plan, live, now, limit as i64],
            seat_row,
        )
    }
}

impl roster_domain::store::OrgRepo for SqlTx<'_> {
    fn org_policy(&mut self, tenant: TenantId) -> Result<OrgPolicy> {
        self.org_policy_impl(tenant)
    }
    fn put_org_policy(&mut self, tenant: TenantId, policy: &OrgPolicy, now: Timestamp) -> Result<()> {
        self.put_org_policy_impl(tenant, policy, now)
    }
    fn admin_grant(&mut self, tenant: TenantId, user: UserId) -> Result<Option<AdminGrant>> {
        Ok(self.admin_grants_where(tenant, Some(user))?.into_iter().next())
    }
    fn put_admin_grant(&mut self, grant: &AdminGrant) -> Result<()> {
        self.put_admin_grant_impl(grant)
    }
    fn admin_grants(&mut self, tenant: TenantId) -> Result<Vec<AdminGrant>> {
        self.admin_grants_where(tenant, None)
    }
    fn count_members(&mut self, tenant: TenantId) -> Result<i64> {
        self.count_members_impl(tenant)
    }
    fn member_ids(&mut self, tenant: TenantId, after: Option<UserId>, limit: u32) -> Result<Vec<UserId>> {
        self.member_ids_impl(tenant, after, limit)
    }
    fn insert_plan(&mut self, tenant: TenantId, name: &str, seats: i64, now: Timestamp) -> Result<PlanId> {
        self.insert_plan_impl(tenant, name, seats, now)
    }
    fn plan(&mut self, tenant: TenantId, id: PlanId) -> Result<Option<Plan>> {
        Ok(self.plans_where(tenant, Some(id))?.into_iter().next())
    }
    fn plans(&mut self, tenant: TenantId) -> Result<Vec<Plan>> {
        self.plans_where(tenant, None)
    }
    fn set_plan_seats(&mut self, tenant: TenantId, id: PlanId, seats: i64) -> Result<()> {
        self.exec("UPDATE org_plans SET seats = $3 WHERE tenant_id = $1 AND id = $2", p![tenant.0, id.0, seats])?;
        Ok(())
    }
    fn insert_seat_group(
        &mut self,
        tenant: TenantId,
        name: &str,
        plan: PlanId,
        seats: i64,
        department: Option<DeptId>,
        now: Timestamp,
    ) -> Result<SeatGroupId> {
        self.insert_seat_group_impl(tenant, name, plan, seats, department, now)
    }
    fn seat_group(&mut self, tenant: TenantId, id: SeatGroupId) -> Result<Option<SeatGroup>> {
        Ok(self.groups_where(tenant, Some(id))?.into_iter().next())
    }
    fn seat_groups(&mut self, tenant: TenantId) -> Result<Vec<SeatGroup>> {
        self.groups_where(tenant, None)
    }
    fn insert_seat(&mut self, seat: &roster_domain::model::NewSeat) -> Result<SeatId> {
        self.insert_seat_impl(seat)
    }
    fn live_seat_of(&mut self, tenant: TenantId, holder: SeatHolder, now: Timestamp) -> Result<Option<Seat>> {
        self.live_seat_of_impl(tenant, holder, now)
    }
    fn live_seats_of_users(&mut self, tenant: TenantId, users: &[UserId], now: Timestamp) -> Result<Vec<Seat>> {
        self.live_seats_of_users_impl(tenant, users, now)
    }
    fn count_live_seats_in_plan(&mut self, tenant: TenantId, plan: PlanId, now: Timestamp) -> Result<i64> {
        self.live_in_plan(tenant, plan, now)
    }
    fn count_live_seats_in_group(&mut self, tenant: TenantId, group: SeatGroupId, now: Timestamp) -> Result<i64> {
        self.live_in_group(tenant, group, now)
    }
    fn count_live_reservations(&mut self, tenant: TenantId, now: Timestamp) -> Result<i64> {
        self.live_reservations(tenant, now)
    }
    fn release_seat(&mut self, tenant: TenantId, id: SeatId, now: Timestamp) -> Result<()> {
        self.release_seat_impl(tenant, id, now)
    }
    fn transfer_seat(&mut self, tenant: TenantId, id: SeatId, holder: SeatHolder, reason: SeatReason) -> Result<()> {
        self.transfer_seat_impl(tenant, id, holder, reason)
    }
    fn seats(
        &mut self,
        tenant: TenantId,
        plan: Option<PlanId>,
        live_at: Option<Timestamp>,
        after: Option<SeatId>,
        limit: u32,
    ) -> Result<Vec<Seat>> {
        self.seats_impl(tenant, plan, live_at, after, limit)
    }
    fn insert_invitation(
        &mut self,
        inv: &roster_domain::model::NewInvitation,
    ) -> Result<roster_domain::model::InvitationId> {
        self.insert_invitation_impl(inv)
    }
    fn invitation(
        &mut self,
        tenant: TenantId,
        id: roster_domain::model::InvitationId,
    ) -> Result<Option<roster_domain::model::Invitation>> {
        self.invitation_impl(tenant, id)
    }
    fn invitation_by_code(&mut self, code: &str) -> Result<Option<roster_domain::model::Invitation>> {
        self.invitation_by_code_impl(code)
    }
    fn member_invitation(
        &mut self,
        tenant: TenantId,
        user: UserId,
    ) -> Result<Option<roster_domain::model::Invitation>> {
        self.member_invitation_impl(tenant, user)
    }
    fn invitations(
        &mut self,
        tenant: TenantId,
        filter: roster_domain::store::InvitationFilter,
        before: Option<roster_domain::model::InvitationId>,
        limit: u32,
    ) -> Result<Vec<roster_domain::model::Invitation>> {
        self.invitations_impl(tenant, filter, before, limit)
    }
    fn count_invitation_use(&mut self, tenant: TenantId, id: roster_domain::model::InvitationId) -> Result<i64> {
        self.count_invitation_use_impl(tenant, id)
    }
    fn revoke_invitation(
        &mut self,
        tenant: TenantId,
        id: roster_domain::model::InvitationId,
        now: Timestamp,
    ) -> Result<()> {
        self.revoke_invitation_impl(tenant, id, now)
    }
    fn set_invitation_expiry(
        &mut self,
        tenant: TenantId,
        id: roster_domain::model::InvitationId,
        expires_at: Option<Timestamp>,
    ) -> Result<()> {
        self.set_invitation_expiry_impl(tenant, id, expires_at)
    }
    fn insert_join_request(
        &mut self,
        r: &roster_domain::model::NewJoinRequest,
    ) -> Result<roster_domain::model::JoinRequestId> {
        self.insert_join_request_impl(r)
    }
    fn join_request(
        &mut self,
        tenant: TenantId,
        id: roster_domain::model::JoinRequestId,
    ) -> Result<Option<roster_domain::model::JoinRequest>> {
        self.join_request_impl(tenant, id)
    }
    fn pending_request_of(
        &mut self,
        tenant: TenantId,
        account: roster_domain::ids::AccountId,
    ) -> Result<Option<roster_domain::model::JoinRequest>> {
        self.pending_request_of_impl(tenant, account)
    }
    fn join_requests(
        &mut self,
        tenant: TenantId,
        status: Option<roster_domain::model::RequestStatus>,
        before: Option<roster_domain::model::JoinRequestId>,
        limit: u32,
    ) -> Result<Vec<roster_domain::model::JoinRequest>> {
        self.join_requests_impl(tenant, status, before, limit)
    }
    fn decide_join_request(
        &mut self,
        tenant: TenantId,
        id: roster_domain::model::JoinRequestId,
        status: roster_domain::model::RequestStatus,
        user: Option<UserId>,
        by: Actor,
        now: Timestamp,
    ) -> Result<()> {
        self.decide_join_request_impl(tenant, id, status, user, by, now)
    }
    fn insert_notification(
        &mut self,
        n: &roster_domain::model::NewNotification,
    ) -> Result<roster_domain::model::NotificationId> {
        self.insert_notification_impl(n)
    }
    fn notifications(
        &mut self,
        tenant: TenantId,
        before: Option<roster_domain::model::NotificationId>,
        limit: u32,
    ) -> Result<Vec<roster_domain::model::Notification>> {
        self.notifications_impl(tenant, before, limit)
    }
    fn queued_notifications(&mut self, limit: u32) -> Result<Vec<roster_domain::model::Notification>> {
        self.queued_notifications_impl(limit)
    }
    fn mark_notification(
        &mut self,
        id: roster_domain::model::NotificationId,
        status: roster_domain::model::NotificationStatus,
        reason: Option<&str>,
        now: Timestamp,
    ) -> Result<()> {
        self.mark_notification_impl(id, status, reason, now)
    }
    fn insert_audit(&mut self, e: &roster_domain::model::NewAuditEntry) -> Result<i64> {
        self.insert_audit_impl(e)
    }
    fn audit(
        &mut self,
        tenant: TenantId,
        filter: roster_domain::store::AuditFilter,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<roster_domain::model::AuditEntry>> {
        self.audit_impl(tenant, filter, before, limit)
    }
}
