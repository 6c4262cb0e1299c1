//! Who may get into chats and how: join requests waiting for approval, share links, each
//! tenant's chat security policy, and collaborations between tenants (which make their users
//! "external" to each other and allowed in external chats).

use crate::clock::Timestamp;
use crate::events::Operator;
use crate::ids::{ChatId, TenantId, UserId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChatJoinRequestId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinRequestStatus {
    Pending,
    Approved,
    Rejected,
    /// Taken back by whoever filed it, or by the user it was for.
    Withdrawn,
}

impl JoinRequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "approved" => Some(Self::Approved),
            "rejected" => Some(Self::Rejected),
            "withdrawn" => Some(Self::Withdrawn),
            _ => None,
        }
    }
}

/// How a join request came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinVia {
    /// A member who may not add directly added someone (add members with approval on).
    Invitation,
    /// The user followed a share link (or scanned its QR code).
    Link,
}

impl JoinVia {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invitation => "invitation",
            Self::Link => "link",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "invitation" => Some(Self::Invitation),
            "link" => Some(Self::Link),
            _ => None,
        }
    }
}

/// A user waiting to be let into a chat with `membership_approval=approval_required`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatJoinRequest {
    pub id: ChatJoinRequestId,
    pub chat: ChatId,
    /// The chat's tenant.
    pub tenant: TenantId,
    pub user: UserId,
    pub user_tenant: TenantId,
    pub via: JoinVia,
    /// Who filed it: the inviting member, or the user themselves for links.
    pub requested_by: Operator,
    pub status: JoinRequestStatus,
    pub created_at: Timestamp,
    pub decided_by: Option<Operator>,
    pub decided_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub struct NewChatJoinRequest {
    pub chat: ChatId,
    pub tenant: TenantId,
    pub user: UserId,
    pub user_tenant: TenantId,
    pub via: JoinVia,
    pub requested_by: Operator,
    pub created_at: Timestamp,
}

/// A chat's share link: following it joins the chat (or files a join request).
#[derive(Debug, Clone, PartialEq)]
pub struct ShareLink {
    /// The secret part of the URL.
    pub token: String,
    pub chat: ChatId,
    pub tenant: TenantId,
    pub created_by: Operator,
    pub created_at: Timestamp,
    /// `None`: permanent.
    pub expires_at: Option<Timestamp>,
}

impl ShareLink {
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.expires_at.is_some_and(|e| e <= now)
    }
}

/// Who a tenant lets do something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Allowed {
    Everyone,
    /// Only tenant admins (`is_tenant_manager`).
    TenantAdmins,
}

impl Allowed {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Everyone => "everyone",
            Self::TenantAdmins => "tenant_admins",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "everyone" => Some(Self::Everyone),
            "tenant_admins" => Some(Self::TenantAdmins),
            _ => None,
        }
    }
}

/// A tenant's chat security policy; tenant admins change it through Roster's API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatPolicy {
    /// Whether members other than tenant admins may add external contacts to groups.
    pub members_may_add_external: bool,
    /// Who may create groups (with a user token; apps were installed by an admin).
    pub group_creation: Allowed,
    /// Who may add members to groups they do not own or manage.
    pub member_addition: Allowed,
    /// Whether chats may be public (232091 otherwise).
    pub public_chats: bool,
    /// A member cap lower than the server's (232044 when reached).
    pub max_chat_members: Option<i64>,
}

impl Default for ChatPolicy {
    fn default() -> Self {
        ChatPolicy {
            members_may_add_external: true,
            group_creation: Allowed::Everyone,
            member_addition: Allowed::Everyone,
            public_chats: true,
            max_chat_members: None,
        }
    }
}

/// A collaboration between two tenants. Each side's admin approves; it is active when both have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collaboration {
    /// The lower tenant id of the pair.
    pub low: TenantId,
    pub high: TenantId,
    pub low_approved: bool,
    pub high_approved: bool,
    pub created_at: Timestamp,
    pub activated_at: Option<Timestamp>,
}

impl Collaboration {
    /// A pair in canonical order (lower id first), with no approvals yet.
    pub fn between(a: TenantId, b: TenantId, now: Timestamp) -> Self {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        Collaboration { low, high, low_approved: false, high_approved: false, created_at: now, activated_at: None }
    }
    pub fn is_active(&self) -> bool {
        self.low_approved && self.high_approved
    }
    pub fn other(&self, me: TenantId) -> TenantId {
        if me == self.low { self.high } else { self.low }
    }
    /// Records `tenant`'s approval; activates the pair when both sides have approved.
    pub fn approve(&mut self, tenant: TenantId, now: Timestamp) {
        if tenant == self.low {
            self.low_approved = true;
        } else if tenant == self.high {
            self.high_approved = true;
        }
        if self.is_active() && self.activated_at.is_none() {
            self.activated_at = Some(now);
        }
    }
    pub fn approved_by(&self, tenant: TenantId) -> bool {
        (tenant == self.low && self.low_approved) || (tenant == self.high && self.high_approved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collaboration_needs_both_sides() {
        let (a, b) = (TenantId(7), TenantId(3));
        let mut c = Collaboration::between(a, b, Timestamp(1));
        assert_eq!((c.low, c.high), (b, a));
        c.approve(a, Timestamp(2));
        assert!(!c.is_active() && c.approved_by(a) && !c.approved_by(b));
        c.approve(TenantId(99), Timestamp(3));
        assert!(!c.is_active(), "a third tenant cannot approve");
        c.approve(b, Timestamp(4));
        assert!(c.is_active());
        assert_eq!(c.activated_at, Some(Timestamp(4)));
        assert_eq!(c.other(a), b);
    }
}
