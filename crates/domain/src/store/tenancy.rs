//! Repositories of the foundation: server metadata, locks, tenants, accounts, apps, tokens, the
//! outbox and idempotency records.

use crate::clock::Timestamp;
use crate::error::Result;
use crate::ids::{AccountId, AppId, ChatId, DeveloperId, EventSeq, MeetingId, TenantId, UserId};
use crate::model::{
    AccessToken, Account, App, NewAccount, NewApp, NewEvent, NewTenant, NewToken, StoredEvent, Tenant, TenantStatus,
    TokenKind,
};

/// Server-wide key/value settings (the id-codec secret, the emulator's clock offset).
pub trait MetaRepo {
    fn meta_get(&mut self, key: &str) -> Result<Option<String>>;
    fn meta_set(&mut self, key: &str, value: &str) -> Result<()>;
    /// Deletes every row of every table except schema bookkeeping and `meta` (the emulator's reset).
    fn wipe_all_data(&mut self) -> Result<()>;
}

/// What a use-case locks before a check-then-write sequence, so concurrent transactions on
/// PostgreSQL serialize on it. SQLite has one writer, so there it is a no-op.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockKey {
    Tenant(TenantId),
    User(UserId),
    Chat(ChatId),
    Meeting(MeetingId),
    /// Any other resource: (what kind, id).
    Other(LockArea, i64),
}

/// The kinds of [`LockKey::Other`]. Each value is the first half of a PostgreSQL advisory lock
/// key; the four kinds above use 1–4. Being one enum, two kinds cannot share a value (one did,
/// when each area picked its own number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum LockArea {
    /// A chat create's `uuid` idempotency key.
    ChatUuid = 103,
    /// The chat policy between two tenants.
    TenantPair = 104,
    /// A meeting reserve, so two first joins cannot start two meetings.
    MeetingReserve = 106,
    /// An endpoint party (a room or phone), so it cannot join two meetings at once.
    MeetingEndpoint = 105,
    /// A tenant's seats.
    Seats = 107,
    /// A member's departure.
    Departure = 110,
    /// A tenant's dissolution.
    Dissolution = 111,
    /// A tenant's department tree: every tree change takes it.
    DepartmentTree = 131,
    /// A tenant's employee numbers.
    EmployeeNo = 140,
}

pub trait Locks {
    /// Holds the lock until the transaction ends.
    fn lock(&mut self, key: LockKey) -> Result<()>;
}

pub trait TenantRepo {
    fn insert_tenant(&mut self, t: &NewTenant) -> Result<TenantId>;
    fn tenant(&mut self, id: TenantId) -> Result<Option<Tenant>>;
    fn tenant_by_key(&mut self, tenant_key: &str) -> Result<Option<Tenant>>;
    fn set_tenant_creator(&mut self, id: TenantId, creator: UserId) -> Result<()>;
    fn set_tenant_status(&mut self, id: TenantId, status: TenantStatus, dissolve_at: Option<Timestamp>) -> Result<()>;
    fn insert_developer(&mut self, name: &str, now: Timestamp) -> Result<DeveloperId>;
}

pub trait AccountRepo {
    fn insert_account(&mut self, a: &NewAccount) -> Result<AccountId>;
    fn account(&mut self, id: AccountId) -> Result<Option<Account>>;
    /// Active accounts with this email (several accounts may share one).
    fn accounts_by_email(&mut self, email: &str) -> Result<Vec<Account>>;
    /// Active accounts with this mobile.
    fn accounts_by_mobile(&mut self, mobile: &str) -> Result<Vec<Account>>;
    fn update_account(&mut self, a: &Account) -> Result<()>;
}

pub trait AppRepo {
    fn insert_app(&mut self, a: &NewApp) -> Result<AppId>;
    fn app(&mut self, id: AppId) -> Result<Option<App>>;
    fn app_by_app_id(&mut self, app_id: &str) -> Result<Option<App>>;
    fn apps_of_tenant(&mut self, tenant: TenantId) -> Result<Vec<App>>;
    fn update_app(&mut self, a: &App) -> Result<()>;
}

pub trait TokenRepo {
    fn insert_token(&mut self, t: &NewToken) -> Result<()>;
    fn token(&mut self, token: &str) -> Result<Option<AccessToken>>;
    /// The newest unrevoked token of this kind for (app, tenant, user), expired or not.
    fn latest_token(
        &mut self,
        app: AppId,
        tenant: TenantId,
        user: Option<UserId>,
        kind: TokenKind,
    ) -> Result<Option<AccessToken>>;
    fn revoke_token(&mut self, token: &str) -> Result<()>;
    /// Revokes every token of a user (freeze, offboarding); returns how many.
    fn revoke_user_tokens(&mut self, user: UserId) -> Result<u64>;
    /// Revokes every token of a tenant (dissolution); returns how many.
    fn revoke_tenant_tokens(&mut self, tenant: TenantId) -> Result<u64>;
}

pub trait OutboxRepo {
    fn append_event(&mut self, e: &NewEvent) -> Result<EventSeq>;
    /// Events with `seq > after`, oldest first.
    fn events_after(&mut self, after: EventSeq, limit: u32) -> Result<Vec<StoredEvent>>;
}

/// A remembered `client_token` call: what was asked (a fingerprint of the body) and what it made.
#[derive(Debug, Clone, PartialEq)]
pub struct IdempotencyRecord {
    pub fingerprint: String,
    pub result_ref: String,
}

pub trait IdempotencyRepo {
    fn idempotency_get(
        &mut self,
        tenant: TenantId,
        app: AppId,
        operation: &str,
        client_token: &str,
    ) -> Result<Option<IdempotencyRecord>>;
    fn idempotency_put(
        &mut self,
        tenant: TenantId,
        app: AppId,
        operation: &str,
        client_token: &str,
        record: &IdempotencyRecord,
        now: Timestamp,
    ) -> Result<()>;
}
