//! Organization membership: the tenant's invitation policy and admin grants, plans and their
//! seats, seat groups, invitations (link, code, QR, email, SMS), join requests, outgoing
//! invitation notifications and the membership audit.

use crate::clock::Timestamp;
use crate::ids::{AccountId, AppId, DeptId, TenantId, UserId};

macro_rules! org_id {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

org_id!(
    /// A plan the tenant is on.
    PlanId,
    /// A user group that holds seats of one plan.
    SeatGroupId,
    /// One seat (or a reservation of one) in the ledger.
    SeatId,
    /// An invitation (link, code, QR, email or SMS).
    InvitationId,
    /// A request to join, filed by redeeming an invitation that needs approval.
    JoinRequestId,
    /// An outgoing invitation message.
    NotificationId,
);

/// Whether `text` names one of the variants (by `as_str`); used by the store and the API.
macro_rules! str_enum {
    ($name:ident { $($variant:ident => $s:literal),* $(,)? }) => {
        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$variant),)* _ => None }
            }
        }
    };
}

/// The tenant's invitation policy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrgPolicy {
    /// "Allow non-administrators to invite members".
    pub members_can_invite: bool,
    /// The most members (plus pending reservations) the organization may have; `None` is no limit.
    pub member_limit: Option<i64>,
}

/// An admin permission an admin role can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminPermission {
    /// "Member and Department": add, invite, approve and remove members.
    MembersAndDepartments,
}
str_enum!(AdminPermission { MembersAndDepartments => "members_and_departments" });

/// An admin role granted to a member (the primary admin is the tenant's creator and needs none).
#[derive(Debug, Clone, PartialEq)]
pub struct AdminGrant {
    pub tenant: TenantId,
    pub user: UserId,
    pub permissions: Vec<AdminPermission>,
    pub granted_by: Actor,
    pub created_at: Timestamp,
}

/// Who did something: a member with a user token, an app with a tenant token, or the invitee
/// (an account that is not yet a member) redeeming an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    User(UserId),
    App(AppId),
    Invitee(AccountId),
    /// Roster itself (demo seeding, expiry sweeps).
    System,
}

impl Actor {
    pub fn kind(self) -> &'static str {
        match self {
            Actor::User(_) => "user",
            Actor::App(_) => "app",
            Actor::Invitee(_) => "invitee",
            Actor::System => "system",
        }
    }
    pub fn id(self) -> i64 {
        match self {
            Actor::User(u) => u.0,
            Actor::App(a) => a.0,
            Actor::Invitee(a) => a.0,
            Actor::System => 0,
        }
    }
    pub fn from_parts(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "user" => Some(Actor::User(UserId(id))),
            "app" => Some(Actor::App(AppId(id))),
            "invitee" => Some(Actor::Invitee(AccountId(id))),
            "system" => Some(Actor::System),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub id: PlanId,
    pub tenant: TenantId,
    pub name: String,
    /// Seats bought on this plan.
    pub seats: i64,
    pub created_at: Timestamp,
}

/// A plan with how many of its seats are taken (members and live reservations).
#[derive(Debug, Clone, PartialEq)]
pub struct PlanUsage {
    pub plan: Plan,
    pub taken: i64,
}

/// A user group holding `seats` seats of one plan: members who get their seat through it, and
/// invitees to `department` when an admin leaves the choice to Roster.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatGroup {
    pub id: SeatGroupId,
    pub tenant: TenantId,
    pub name: String,
    pub plan: PlanId,
    pub seats: i64,
    pub department: Option<DeptId>,
    pub created_at: Timestamp,
}

/// Who a seat is for: a member, or a reservation for a pending invitation or join request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeatHolder {
    User(UserId),
    Invitation(InvitationId),
    Request(JoinRequestId),
}

impl SeatHolder {
    pub fn kind(self) -> &'static str {
        match self {
            SeatHolder::User(_) => "user",
            SeatHolder::Invitation(_) => "invitation",
            SeatHolder::Request(_) => "request",
        }
    }
    pub fn id(self) -> i64 {
        match self {
            SeatHolder::User(u) => u.0,
            SeatHolder::Invitation(i) => i.0,
            SeatHolder::Request(r) => r.0,
        }
    }
    pub fn from_parts(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "user" => Some(SeatHolder::User(UserId(id))),
            "invitation" => Some(SeatHolder::Invitation(InvitationId(id))),
            "request" => Some(SeatHolder::Request(JoinRequestId(id))),
            _ => None,
        }
    }
}

/// Why a seat is held, for the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatReason {
    /// Existing members when the plan was set up.
    Seeded,
    /// An admin added the member.
    AdminAdd,
    /// Created through the contact API.
    ContactApi,
    /// Joined through an invitation that needed no approval.
    Redeemed,
    /// An admin approved a join request.
    Approved,
    /// Reserved for a pending email or SMS invitation.
    PendingInvitation,
    /// Reserved for a pending join request.
    PendingRequest,
}
str_enum!(SeatReason {
    Seeded => "seeded",
    AdminAdd => "admin_add",
    ContactApi => "contact_api",
    Redeemed => "redeemed",
    Approved => "approved",
    PendingInvitation => "pending_invitation",
    PendingRequest => "pending_request",
});

/// One row of the seat ledger. `plan` is `None` for a reservation that holds a place under the
/// member limit only (a tenant without plans, or several plans and no choice yet).
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    pub id: SeatId,
    pub tenant: TenantId,
    pub plan: Option<PlanId>,
    pub group: Option<SeatGroupId>,
    pub holder: SeatHolder,
    pub reason: SeatReason,
    pub granted_by: Actor,
    pub created_at: Timestamp,
    /// A reservation stops counting at this time (its invitation expires).
    pub expires_at: Option<Timestamp>,
    pub released_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct NewSeat {
    pub tenant: TenantId,
    pub plan: Option<PlanId>,
    pub group: Option<SeatGroupId>,
    pub holder: SeatHolder,
    pub reason: SeatReason,
    pub granted_by: Actor,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
}

/// What an invitation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationKind {
    /// A shareable link, code and QR code; anyone may redeem it within its limits.
    Link,
    /// Sent to one email address or phone number; only its owner may redeem it, once.
    Personal,
    /// Sent to a member an admin added; redeeming it accepts (Invited → Inactive).
    Member,
}
str_enum!(InvitationKind { Link => "link", Personal => "personal", Member => "member" });

/// How an invitation reached someone, or how someone acted on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Link,
    Code,
    Qr,
    Email,
    Sms,
    /// An admin entered the member and sent nothing.
    Manual,
    /// An admin acted directly (approve, reject, revoke, grant).
    Admin,
}
str_enum!(Channel {
    Link => "link",
    Code => "code",
    Qr => "qr",
    Email => "email",
    Sms => "sms",
    Manual => "manual",
    Admin => "admin",
});

#[derive(Debug, Clone, PartialEq)]
pub struct Invitation {
    pub id: InvitationId,
    pub tenant: TenantId,
    /// 8 characters, unique across tenants; the link ends with it.
    pub code: String,
    pub kind: InvitationKind,
    /// Link for shareable invitations, Email or Sms for personal and member ones.
    pub channel: Channel,
    /// The member a `Member` invitation is for.
    pub invitee_user: Option<UserId>,
    /// The email or phone a personal or member invitation went to.
    pub invitee_address: Option<String>,
    pub invitee_name: Option<String>,
    /// `None` never expires.
    pub expires_at: Option<Timestamp>,
    pub max_uses: Option<i64>,
    pub uses: i64,
    /// Lower-case domains a redeemer's email must be in; empty allows any.
    pub allowed_domains: Vec<String>,
    pub department: Option<DeptId>,
    pub require_approval: bool,
    pub created_by: Actor,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}

impl Invitation {
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.expires_at.is_some_and(|e| e <= now)
    }
    pub fn is_used_up(&self) -> bool {
        self.max_uses.is_some_and(|m| self.uses >= m)
    }
}

#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub tenant: TenantId,
    pub code: String,
    pub kind: InvitationKind,
    pub channel: Channel,
    pub invitee_user: Option<UserId>,
    pub invitee_address: Option<String>,
    pub invitee_name: Option<String>,
    pub expires_at: Option<Timestamp>,
    pub max_uses: Option<i64>,
    pub allowed_domains: Vec<String>,
    pub department: Option<DeptId>,
    pub require_approval: bool,
    pub created_by: Actor,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    Pending,
    Approved,
    Rejected,
}
str_enum!(RequestStatus { Pending => "pending", Approved => "approved", Rejected => "rejected" });

#[derive(Debug, Clone, PartialEq)]
pub struct JoinRequest {
    pub id: JoinRequestId,
    pub tenant: TenantId,
    pub invitation: InvitationId,
    pub account: AccountId,
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    /// How the invitee reached the invitation (link, code, QR, email, SMS).
    pub via: Channel,
    pub status: RequestStatus,
    /// The member made on approval.
    pub user: Option<UserId>,
    pub decided_by: Option<Actor>,
    pub decided_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewJoinRequest {
    pub tenant: TenantId,
    pub invitation: InvitationId,
    pub account: AccountId,
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub via: Channel,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationStatus {
    /// Written with the change; the notifier has not delivered it yet.
    Queued,
    Sent,
    /// Not sent, with the reason (the organization is full, …).
    Refused,
}
str_enum!(NotificationStatus { Queued => "queued", Sent => "sent", Refused => "refused" });

/// An invitation message in the queryable outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: NotificationId,
    pub tenant: TenantId,
    pub invitation: Option<InvitationId>,
    pub user: Option<UserId>,
    pub channel: Channel,
    pub address: String,
    pub subject: String,
    pub body: String,
    pub status: NotificationStatus,
    pub reason: Option<String>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct NewNotification {
    pub tenant: TenantId,
    pub invitation: Option<InvitationId>,
    pub user: Option<UserId>,
    pub channel: Channel,
    pub address: String,
    pub subject: String,
    pub body: String,
    pub status: NotificationStatus,
    pub reason: Option<String>,
    pub created_at: Timestamp,
}

/// What the audit records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    Add,
    Invite,
    Join,
    Request,
    Approve,
    Reject,
    Remind,
    Revoke,
    Accept,
    GrantAdmin,
}
str_enum!(AuditAction {
    Add => "add",
    Invite => "invite",
    Join => "join",
    Request => "request",
    Approve => "approve",
    Reject => "reject",
    Remind => "remind",
    Revoke => "revoke",
    Accept => "accept",
    GrantAdmin => "grant_admin",
});

#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub tenant: TenantId,
    pub action: AuditAction,
    pub actor: Actor,
    pub channel: Channel,
    pub target_user: Option<UserId>,
    pub invitation: Option<InvitationId>,
    pub request: Option<JoinRequestId>,
    /// A short human note (the address an invitation went to, the seat taken, …).
    pub detail: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub tenant: TenantId,
    pub action: AuditAction,
    pub actor: Actor,
    pub channel: Channel,
    pub target_user: Option<UserId>,
    pub invitation: Option<InvitationId>,
    pub request: Option<JoinRequestId>,
    pub detail: String,
    pub created_at: Timestamp,
}
