//! The Store port. Use-cases run as closures over one transaction (`&mut dyn Tx`); the backend
//! decides how: SQLite batches concurrent writes into one commit on its single writer thread, and
//! PostgreSQL runs each on a pooled connection and retries on serialization failures.
//!
//! Invariant: a write closure is all-or-nothing. If it returns `Err`, none of its writes persist,
//! including its outbox events.
//! Invariant: a closure may run more than once (PostgreSQL retries), so it must not have side
//! effects outside the transaction.

mod auth;
mod chats;
mod contact;
mod departments;
mod events;
mod lifecycle;
mod meetings;
mod orgs;
mod tenancy;

pub use auth::OAuthRepo;
pub use chats::{
    ChatAccessStore, ChatCounts, ChatCursor, ChatMemberStore, ChatRepo, ChatSort, ChatStore, MembershipProbe,
};
pub use contact::UserRepo;
pub use departments::{DepartmentRepo, MemberCounts, TreePos};
pub use events::{AfterAttempt, DeliveryWithEvent, EventRepo};
pub use lifecycle::LifecycleRepo;
pub use meetings::{InviteeState, MeetingRef, MeetingRepo, PartyUser};
pub use orgs::{AuditFilter, InvitationFilter, OrgRepo};
pub use tenancy::{
    AccountRepo, AppRepo, IdempotencyRecord, IdempotencyRepo, LockArea, LockKey, Locks, MetaRepo, OutboxRepo,
    TenantRepo, TokenRepo,
};

use crate::error::{Error, Result};
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// One transaction, with every repository. Backends implement each repository trait once.
pub trait Tx:
    MetaRepo
    + Locks
    + TenantRepo
    + AccountRepo
    + AppRepo
    + TokenRepo
    + OAuthRepo
    + OutboxRepo
    + IdempotencyRepo
    + UserRepo
    + DepartmentRepo
    + ChatRepo
    + MeetingRepo
    + OrgRepo
    + LifecycleRepo
    + EventRepo
{
}

impl<T> Tx for T where
    T: MetaRepo
        + Locks
        + TenantRepo
        + AccountRepo
        + AppRepo
        + TokenRepo
        + OAuthRepo
        + OutboxRepo
        + IdempotencyRepo
        + UserRepo
        + DepartmentRepo
        + ChatRepo
        + MeetingRepo
        + OrgRepo
        + LifecycleRepo
        + EventRepo
        + ?Sized
{
}

pub type AnyResult = Result<Box<dyn Any + Send>>;
/// A type-erased transaction body; see [`Db`] for the typed entry points.
pub type TxFn = Box<dyn FnMut(&mut dyn Tx) -> AnyResult + Send>;
pub type StoreFuture = Pin<Box<dyn Future<Output = AnyResult> + Send>>;

/// What a storage backend provides. Object-safe, so the server holds `Arc<dyn Backend>`.
pub trait Backend: Send + Sync + 'static {
    /// Runs `job` in a read-only transaction over a consistent snapshot.
    fn read(&self, job: TxFn) -> StoreFuture;
    /// Runs `job` in a write transaction and resolves once it is durably committed. A backend
    /// may run a job more than once (PostgreSQL on a serialization failure, SQLite when another
    /// job of its batch failed after writing); only the last run's writes count, so a job must
    /// have no effects outside the transaction.
    fn write(&self, job: TxFn) -> StoreFuture;
    /// `"sqlite"` or `"postgres"`.
    fn name(&self) -> &'static str;
    /// A number that moves on after every commit that may change what a contact read returns
    /// (users, departments, apps, tenants), before that commit's writer is answered. A cache
    /// entry computed from a read that started after reading generation `g` is valid while the
    /// generation is still `g`. `None` where this process cannot see every write (PostgreSQL may
    /// be shared by several Roster processes), and then nothing may be cached.
    fn contact_generation(&self) -> Option<u64> {
        None
    }
}

/// The typed handle services and handlers use.
#[derive(Clone)]
pub struct Db {
    backend: Arc<dyn Backend>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Db({})", self.backend.name())
    }
}

fn erase<T, F>(mut f: F) -> TxFn
where
    T: Send + 'static,
    F: FnMut(&mut dyn Tx) -> Result<T> + Send + 'static,
{
    Box::new(move |tx| f(tx).map(|v| Box::new(v) as Box<dyn Any + Send>))
}

fn unerase<T: 'static>(r: AnyResult) -> Result<T> {
    r.and_then(|b| b.downcast::<T>().map(|b| *b).map_err(|_| Error::Internal("store job returned another type".into())))
}

impl Db {
    pub fn new(backend: Arc<dyn Backend>) -> Self {
        Db { backend }
    }

    pub fn backend_name(&self) -> &'static str {
        self.backend.name()
    }

    /// See [`Backend::contact_generation`]; read it before the read whose result you cache.
    pub fn contact_generation(&self) -> Option<u64> {
        self.backend.contact_generation()
    }

    /// Runs a read-only use-case.
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnMut(&mut dyn Tx) -> Result<T> + Send + 'static,
    {
        unerase(self.backend.read(erase(f)).await)
    }

    /// Runs a use-case that writes; resolves after the commit.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnMut(&mut dyn Tx) -> Result<T> + Send + 'static,
    {
        unerase(self.backend.write(erase(f)).await)
    }
}
