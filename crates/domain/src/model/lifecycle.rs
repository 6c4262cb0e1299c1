//! The account lifecycle: a member's departure (left by themselves or offboarded by an admin)
//! until it is undone or purged, the chats it handed over, the tombstone a purge leaves, a
//! personal workspace, and an organization's dissolution.
//!
//! Model decisions (README "Account lifecycle"):
//! - A departure starts with one transaction (the user's status, tokens, seat, admin role,
//!   meetings, the event) and then hands the user's chats over in batches; until the last batch
//!   it is [`DepartureState::HandingOver`] and a restore answers 44034.
//! - A restore rejoins the chats the user merely left, in batches ([`DepartureState::Restoring`];
//!   a delete meanwhile answers 44042). Chats whose ownership moved on are not restored.
//! - The 30-day window counts from `departed_at`; a purge leaves a [`PurgedUser`] tombstone
//!   (ids only), so a late restore answers 44028 rather than "no such user".

use crate::clock::Timestamp;
use crate::events::Operator;
use crate::ids::{AccountId, ChatId, TenantId, UserId};
use crate::model::UserDepartment;
use serde::{Deserialize, Serialize};

/// A closed set of names stored as strings; `parse` is the inverse of `as_str`.
macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }
        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $s),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

stored_enum!(
    /// How a member left.
    DepartureKind {
        /// Left by themselves (`is_exited`; resigned after `lifecycle.exit_to_resigned_hours`).
        Exit = "exit",
        /// Deleted by an admin (`is_resigned` at once).
        Offboard = "offboard",
    }
);

stored_enum!(
    /// Where a departure stands.
    DepartureState {
        /// The user's chats are still being handed over, batch by batch.
        HandingOver = "handing_over",
        /// Gone; restorable until `purge_at`.
        Departed = "departed",
        /// Restored; the chats the user left are being rejoined, batch by batch.
        Restoring = "restoring",
    }
);

stored_enum!(
    /// What became of one chat when its member departed.
    ChatOutcome {
        /// The user left it; a restore rejoins it.
        Left = "left",
        /// The user owned it and ownership moved to `new_owner`; not restored.
        Transferred = "transferred",
        /// The user owned it and nobody could take it over: it was dissolved.
        Dissolved = "dissolved",
    }
);

/// Email handling at offboarding (`email_acceptor.processing_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAcceptor {
    /// 1 transfer, 2 retain, 3 delete.
    pub processing_type: i64,
    /// Only with `processing_type` 1.
    pub acceptor: Option<UserId>,
}

/// Who takes over what a departing member held. The chat acceptors act on chats Roster holds;
/// the others are recorded for the resource kinds Roster does not hold, with Lark's default
/// (the direct leader) filled in when the request named nobody.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptors {
    pub department_chat: Option<UserId>,
    pub external_chat: Option<UserId>,
    pub docs: Option<UserId>,
    pub calendar: Option<UserId>,
    pub application: Option<UserId>,
    pub minutes: Option<UserId>,
    pub survey: Option<UserId>,
    pub anycross: Option<UserId>,
    pub email: Option<EmailAcceptor>,
}

/// A member who left or was offboarded, until restored or purged.
#[derive(Debug, Clone, PartialEq)]
pub struct Departure {
    pub user: UserId,
    pub tenant: TenantId,
    pub kind: DepartureKind,
    pub state: DepartureState,
    /// Starts the restore window.
    pub departed_at: Timestamp,
    /// Exits only: when the user becomes resigned; cleared once they have.
    pub resign_at: Option<Timestamp>,
    /// When the purge job deletes the user for good (the end of the restore window).
    pub purge_at: Timestamp,
    /// Who the chat and meeting events of the hand-over (and of a restore) name.
    pub operator: Operator,
    pub acceptors: Acceptors,
    /// The user's department memberships when they departed (not restored).
    pub departments: Vec<UserDepartment>,
    pub updated_at: Timestamp,
}

/// One chat a departure touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DepartedChat {
    pub user: UserId,
    pub chat: ChatId,
    pub outcome: ChatOutcome,
    pub new_owner: Option<UserId>,
    pub was_manager: bool,
}

/// What a purge keeps of a user: ids and times, no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgedUser {
    pub user: UserId,
    pub tenant: TenantId,
    /// The per-tenant `user_id` the user had (a later member may hold it now).
    pub user_id: String,
    pub departed_at: Timestamp,
    pub purged_at: Timestamp,
}

/// A personal workspace: a tenant of one member, owned by one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonalWorkspace {
    pub tenant: TenantId,
    pub account: AccountId,
    pub created_at: Timestamp,
}

stored_enum!(
    /// Where a dissolution stands.
    DissolutionState {
        /// Requested; takes effect at `effective_at` unless cancelled.
        Scheduled = "scheduled",
        Cancelled = "cancelled",
        /// In effect: the tenant is dissolved and its data is being purged, step by step.
        Purging = "purging",
        Done = "done",
    }
);

stored_enum!(
    /// The purge of a dissolved tenant, in order. Each step runs in batches until nothing of its
    /// kind is left, then moves on; a batch is one transaction.
    DissolutionStep {
        /// End the meetings in progress (with their events), then delete reserves and meetings.
        Meetings = "meetings",
        /// Disband every chat of the tenant and delete it with its members.
        Chats = "chats",
        /// Delete every user: their memberships in other tenants' chats, tokens, the user row; an
        /// account with nothing left is deleted too.
        Users = "users",
        /// Everything else: departments, invitations, requests, seats, plans, policies, audit.
        Organization = "organization",
        Finished = "finished",
    }
);

#[derive(Debug, Clone, PartialEq)]
pub struct Dissolution {
    pub tenant: TenantId,
    pub requested_by: UserId,
    pub requested_at: Timestamp,
    pub effective_at: Timestamp,
    pub state: DissolutionState,
    pub step: DissolutionStep,
    pub cancelled_by: Option<UserId>,
    pub cancelled_at: Option<Timestamp>,
    pub completed_at: Option<Timestamp>,
}
