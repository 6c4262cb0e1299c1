//! Repository of invitations, join requests, plans, seats, the notification outbox and the
//! membership audit (issue 7). Every method is scoped to a tenant except the code lookup a
//! redeemer needs and the notifier's queue.

use crate::clock::Timestamp;
use crate::error::Result;
use crate::ids::{AccountId, DeptId, TenantId, UserId};
use crate::model::{
    Actor, AdminGrant, AuditAction, AuditEntry, Invitation, InvitationId, JoinRequest, JoinRequestId, NewAuditEntry,
    NewInvitation, NewJoinRequest, NewNotification, NewSeat, Notification, NotificationId, NotificationStatus,
    OrgPolicy, Plan, PlanId, RequestStatus, Seat, SeatGroup, SeatGroupId, SeatHolder, SeatId, SeatReason,
};

/// Which audit entries to list.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AuditFilter {
    pub target_user: Option<UserId>,
    pub action: Option<AuditAction>,
    pub actor: Option<Actor>,
}

/// Which invitations to list.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct InvitationFilter {
    /// Only those this actor created.
    pub created_by: Option<Actor>,
    /// Only those still redeemable at this time (not revoked, expired or used up).
    pub active_at: Option<Timestamp>,
}

pub trait OrgRepo {
    /// The tenant's policy; the default when none was stored.
    fn org_policy(&mut self, tenant: TenantId) -> Result<OrgPolicy>;
    fn put_org_policy(&mut self, tenant: TenantId, policy: &OrgPolicy, now: Timestamp) -> Result<()>;
    fn admin_grant(&mut self, tenant: TenantId, user: UserId) -> Result<Option<AdminGrant>>;
    /// Inserts or replaces the grant of `grant.user`; an empty permission list removes it.
    fn put_admin_grant(&mut self, grant: &AdminGrant) -> Result<()>;
    fn admin_grants(&mut self, tenant: TenantId) -> Result<Vec<AdminGrant>>;
    /// Members who have not resigned.
    fn count_members(&mut self, tenant: TenantId) -> Result<i64>;
    /// Ids of every member (any status) by internal id, after `after`.
    fn member_ids(&mut self, tenant: TenantId, after: Option<UserId>, limit: u32) -> Result<Vec<UserId>>;

    fn insert_plan(&mut self, tenant: TenantId, name: &str, seats: i64, now: Timestamp) -> Result<PlanId>;
    fn plan(&mut self, tenant: TenantId, id: PlanId) -> Result<Option<Plan>>;
    fn plans(&mut self, tenant: TenantId) -> Result<Vec<Plan>>;
    fn set_plan_seats(&mut self, tenant: TenantId, id: PlanId, seats: i64) -> Result<()>;

    fn insert_seat_group(
        &mut self,
        tenant: TenantId,
        name: &str,
        plan: PlanId,
        seats: i64,
        department: Option<DeptId>,
        now: Timestamp,
    ) -> Result<SeatGroupId>;
    fn seat_group(&mut self, tenant: TenantId, id: SeatGroupId) -> Result<Option<SeatGroup>>;
    fn seat_groups(&mut self, tenant: TenantId) -> Result<Vec<SeatGroup>>;

    fn insert_seat(&mut self, seat: &NewSeat) -> Result<SeatId>;
    /// The seat `holder` holds now (unreleased, and for reservations not yet expired).
    fn live_seat_of(&mut self, tenant: TenantId, holder: SeatHolder, now: Timestamp) -> Result<Option<Seat>>;
    /// [`OrgRepo::live_seat_of`] for a page of members at once: the live seat of each user that
    /// holds one, in no particular order.
    fn live_seats_of_users(&mut self, tenant: TenantId, users: &[UserId], now: Timestamp) -> Result<Vec<Seat>>;
    fn count_live_seats_in_plan(&mut self, tenant: TenantId, plan: PlanId, now: Timestamp) -> Result<i64>;
    fn count_live_seats_in_group(&mut self, tenant: TenantId, group: SeatGroupId, now: Timestamp) -> Result<i64>;
    /// Live reservations for pending invitations and requests (they count against the member limit).
    fn count_live_reservations(&mut self, tenant: TenantId, now: Timestamp) -> Result<i64>;
    fn release_seat(&mut self, tenant: TenantId, id: SeatId, now: Timestamp) -> Result<()>;
    /// Hands a reservation over to the member it was for.
    fn transfer_seat(&mut self, tenant: TenantId, id: SeatId, holder: SeatHolder, reason: SeatReason) -> Result<()>;
    /// The ledger: seats by id, after `after`; only live ones when `live_at` is set.
    fn seats(
        &mut self,
        tenant: TenantId,
        plan: Option<PlanId>,
        live_at: Option<Timestamp>,
        after: Option<SeatId>,
        limit: u32,
    ) -> Result<Vec<Seat>>;

    fn insert_invitation(&mut self, inv: &NewInvitation) -> Result<InvitationId>;
    fn invitation(&mut self, tenant: TenantId, id: InvitationId) -> Result<Option<Invitation>>;
    /// Any tenant's invitation with this code (the redeemer has no tenant yet).
    fn invitation_by_code(&mut self, code: &str) -> Result<Option<Invitation>>;
    /// The newest invitation sent to an added member.
    fn member_invitation(&mut self, tenant: TenantId, user: UserId) -> Result<Option<Invitation>>;
    /// Newest first, before `before`.
    fn invitations(
        &mut self,
        tenant: TenantId,
        filter: InvitationFilter,
        before: Option<InvitationId>,
        limit: u32,
    ) -> Result<Vec<Invitation>>;
    /// Counts one use and returns the new count.
    fn count_invitation_use(&mut self, tenant: TenantId, id: InvitationId) -> Result<i64>;
    fn revoke_invitation(&mut self, tenant: TenantId, id: InvitationId, now: Timestamp) -> Result<()>;
    fn set_invitation_expiry(
        &mut self,
        tenant: TenantId,
        id: InvitationId,
        expires_at: Option<Timestamp>,
    ) -> Result<()>;

    fn insert_join_request(&mut self, r: &NewJoinRequest) -> Result<JoinRequestId>;
    fn join_request(&mut self, tenant: TenantId, id: JoinRequestId) -> Result<Option<JoinRequest>>;
    fn pending_request_of(&mut self, tenant: TenantId, account: AccountId) -> Result<Option<JoinRequest>>;
    /// Newest first, before `before`.
    fn join_requests(
        &mut self,
        tenant: TenantId,
        status: Option<RequestStatus>,
        before: Option<JoinRequestId>,
        limit: u32,
    ) -> Result<Vec<JoinRequest>>;
    fn decide_join_request(
        &mut self,
        tenant: TenantId,
        id: JoinRequestId,
        status: RequestStatus,
        user: Option<UserId>,
        by: Actor,
        now: Timestamp,
    ) -> Result<()>;

    fn insert_notification(&mut self, n: &NewNotification) -> Result<NotificationId>;
    /// Newest first, before `before`.
    fn notifications(
        &mut self,
        tenant: TenantId,
        before: Option<NotificationId>,
        limit: u32,
    ) -> Result<Vec<Notification>>;
    /// Queued notifications of every tenant, oldest first (the notifier's work).
    fn queued_notifications(&mut self, limit: u32) -> Result<Vec<Notification>>;
    fn mark_notification(
        &mut self,
        id: NotificationId,
        status: NotificationStatus,
        reason: Option<&str>,
        now: Timestamp,
    ) -> Result<()>;

    fn insert_audit(&mut self, e: &NewAuditEntry) -> Result<i64>;
    /// Newest first, before `before`.
    fn audit(
        &mut self,
        tenant: TenantId,
        filter: AuditFilter,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>>;
}
