//! Repository of the account lifecycle (issue 5): departures and the chats they touched, purge
//! tombstones, personal workspaces, dissolutions, and the deletes a purge runs over other areas'
//! tables (each call bounded, so a purge is a series of short transactions).

use crate::clock::Timestamp;
use crate::error::Result;
use crate::ids::{AccountId, ChatId, MeetingId, TenantId, UserId};
use crate::model::{ChatOutcome, DepartedChat, Departure, DepartureState, Dissolution, PersonalWorkspace, PurgedUser};

pub trait LifecycleRepo {
    fn insert_departure(&mut self, d: &Departure) -> Result<()>;
    /// The departure of a user of `tenant`, if any.
    fn departure(&mut self, tenant: TenantId, user: UserId) -> Result<Option<Departure>>;
    /// Rewrites state, `resign_at`, operator and `updated_at`.
    fn update_departure(&mut self, d: &Departure) -> Result<()>;
    /// Deletes the departure and its chat records.
    fn delete_departure(&mut self, user: UserId) -> Result<()>;
    /// Departures in `state`, by user, after `after` (the job's hand-overs and restores).
    fn departures_in_state(&mut self, state: DepartureState, after: UserId, limit: u32) -> Result<Vec<Departure>>;
    /// Departed members whose restore window ended at `now` (the purge job's work).
    fn departures_to_purge(&mut self, now: Timestamp, limit: u32) -> Result<Vec<Departure>>;
    /// Exits whose `resign_at` has come (the exit job's work).
    fn exits_to_resign(&mut self, now: Timestamp, limit: u32) -> Result<Vec<Departure>>;

    /// Records what became of one chat; a second record of the same chat replaces the first.
    fn record_departed_chat(&mut self, c: &DepartedChat) -> Result<()>;
    /// The chats of a departure with this outcome, by chat id.
    fn departed_chats(&mut self, user: UserId, outcome: ChatOutcome, limit: u32) -> Result<Vec<DepartedChat>>;
    fn delete_departed_chat(&mut self, user: UserId, chat: ChatId) -> Result<()>;

    fn insert_purged_user(&mut self, p: &PurgedUser) -> Result<()>;
    fn purged_user(&mut self, tenant: TenantId, user: UserId) -> Result<Option<PurgedUser>>;
    /// The latest purged user of `tenant` who had this `user_id`.
    fn purged_user_by_user_id(&mut self, tenant: TenantId, user_id: &str) -> Result<Option<PurgedUser>>;
    /// Deletes a user for good: the user row, department memberships, admin grant, tokens and
    /// their OAuth records, busy mark, chat join requests, chat memberships left in dissolved
    /// chats, notifications, and the departure with its chat records.
    fn delete_user_rows(&mut self, tenant: TenantId, user: UserId) -> Result<()>;

    fn insert_personal_workspace(&mut self, w: &PersonalWorkspace) -> Result<()>;
    fn personal_workspace_of_account(&mut self, account: AccountId) -> Result<Option<PersonalWorkspace>>;
    fn personal_workspace(&mut self, tenant: TenantId) -> Result<Option<PersonalWorkspace>>;
    fn delete_personal_workspace(&mut self, tenant: TenantId) -> Result<()>;

    /// Inserts or replaces the tenant's dissolution.
    fn put_dissolution(&mut self, d: &Dissolution) -> Result<()>;
    fn dissolution(&mut self, tenant: TenantId) -> Result<Option<Dissolution>>;
    /// Scheduled dissolutions due at `now`, and purges under way, oldest first.
    fn open_dissolutions(&mut self, now: Timestamp, limit: u32) -> Result<Vec<Dissolution>>;

    /// Revokes every unrevoked invitation of the tenant; returns how many.
    fn revoke_tenant_invitations(&mut self, tenant: TenantId, now: Timestamp) -> Result<u64>;
    /// Meetings of the tenant in progress, by id.
    fn meetings_in_progress(&mut self, tenant: TenantId, limit: u32) -> Result<Vec<MeetingId>>;
    /// Deletes every reserve, meeting, participant and busy mark of the tenant.
    fn delete_tenant_meetings(&mut self, tenant: TenantId) -> Result<u64>;
    /// Chats of the tenant in any status, by id.
    fn tenant_chats(&mut self, tenant: TenantId, limit: u32) -> Result<Vec<ChatId>>;
    /// Deletes a chat with its members, bots, join requests and share links.
    fn delete_chat_rows(&mut self, chat: ChatId) -> Result<()>;
    /// Users of the tenant in any status, by id.
    fn tenant_users(&mut self, tenant: TenantId, limit: u32) -> Result<Vec<UserId>>;
    /// Deletes what is left of the tenant once its meetings, chats and users are gone:
    /// departments, invitations, join requests, seats, plans, seat groups, notifications, the
    /// audit, admin grants, policies, collaborations, idempotency records, tokens and OAuth
    /// records, departure leftovers and tombstones, and the personal-workspace record. The tenant
    /// row and its apps stay (a dissolved tenant's credentials answer "app unauthorized").
    fn delete_tenant_rows(&mut self, tenant: TenantId) -> Result<u64>;
}
