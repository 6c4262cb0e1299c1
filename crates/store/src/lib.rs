//! Storage backends for Roster's Store port: SQLite, the embedded default (WAL, one writer with
//! group commit, readers that never wait), and PostgreSQL for scale. Both run the same
//! repository code (`sql/`) over a small connection trait; only connections, migrations and
//! locking differ.

mod migrate;
mod postgres;
mod sql;
mod sqlite;
pub mod testing;

pub use postgres::PostgresOptions;
pub use sqlite::{SqliteOptions, Synchronous};

use roster_domain::store::Db;
use std::sync::Arc;

/// How to open a store, picked by the URL scheme: `sqlite://PATH` or `postgres://…`.
#[derive(Debug, Clone, Default)]
pub struct StoreOptions {
    pub sqlite: SqliteOptions,
    pub postgres: PostgresOptions,
}

#[derive(Debug)]
pub struct OpenError(pub String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpenError {}

/// Opens (creating and migrating as needed) the store named by `url`. Must be called inside a
/// Tokio runtime; the PostgreSQL backend drives its connections on it.
pub async fn open(url: &str, options: &StoreOptions) -> Result<Db, OpenError> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let backend = sqlite::Sqlite::open(path, &options.sqlite)?;
        Ok(Db::new(Arc::new(backend)))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let backend = postgres::Postgres::open(url, &options.postgres).await?;
        Ok(Db::new(Arc::new(backend)))
    } else {
        Err(OpenError(format!("unsupported database URL {url:?}: use sqlite://PATH or postgres://…")))
    }
}
