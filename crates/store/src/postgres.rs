//! The PostgreSQL backend: a pool of synchronous connections, each job in its own transaction on
//! a blocking thread. Each connection is driven by the thread that uses it (the `postgres`
//! client), so a statement's round trip never waits for the server's busy async workers.
//! Concurrency invariants come from explicit locks (`Locks::lock`, advisory transaction locks)
//! plus retries on serialization failures and deadlocks.

use crate::OpenError;
use crate::migrate;
use crate::sql::{Conn, Dialect, Param, Row, RowFn, RowRef, SqlTx};
use postgres::{Client, NoTls, Statement};
use roster_domain::error::{Error, StoreError};
use roster_domain::store::{AnyResult, Backend, StoreFuture, TxFn};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::{IsNull, ToSql, Type, to_sql_checked};

#[derive(Debug, Clone)]
pub struct PostgresOptions {
    pub max_connections: usize,
    /// Attempts per job when transactions collide (serialization failure, deadlock).
    pub max_attempts: usize,
}

impl Default for PostgresOptions {
    fn default() -> Self {
        PostgresOptions { max_connections: 16, max_attempts: 8 }
    }
}

pub(crate) struct Postgres {
    pool: Arc<Pool>,
    max_attempts: usize,
}

/// A connection and the statements prepared on it, keyed by the SQL text's address (every
/// statement Roster runs is a `&'static str`).
struct PooledClient {
    client: Client,
    statements: HashMap<(usize, usize), Statement>,
}

/// At most `permits` connections in use; idle ones are kept for reuse, broken ones dropped.
struct Pool {
    config: postgres::Config,
    idle: Mutex<Vec<PooledClient>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    fn take(&self) -> Result<PooledClient, Error> {
        let idle = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match idle {
            Some(c) if !c.client.is_closed() => Ok(c),
            _ => {
                let client = self
                    .config
                    .connect(NoTls)
                    .map_err(|e| Error::Store(StoreError::Unavailable(format!("no PostgreSQL connection: {e}"))))?;
                Ok(PooledClient { client, statements: HashMap::new() })
            }
        }
    }

    fn give_back(&self, c: PooledClient) {
        if !c.client.is_closed() {
            self.idle.lock().unwrap_or_else(|p| p.into_inner()).push(c);
        }
    }
}

impl Drop for Pool {
    /// Closing a synchronous client blocks on its own runtime, which must not happen on an async
    /// worker (the pool is usually dropped there), so the idle clients close on a thread of their own.
    fn drop(&mut self) {
        let idle = std::mem::take(&mut *self.idle.lock().unwrap_or_else(|p| p.into_inner()));
        if !idle.is_empty() {
            let _ = std::thread::Builder::new().name("roster-pg-close".into()).spawn(move || drop(idle));
        }
    }
}

fn classify(e: tokio_postgres::Error) -> StoreError {
    match e.code() {
        Some(c) if *c == SqlState::UNIQUE_VIOLATION => StoreError::Unique {
            constraint: e.as_db_error().and_then(|d| d.constraint()).unwrap_or("unique").to_owned(),
        },
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED => {
            StoreError::Conflict(e.to_string())
        }
        Some(_) => StoreError::Other(e.as_db_error().map(|d| d.to_string()).unwrap_or_else(|| e.to_string())),
        None => StoreError::Unavailable(e.to_string()),
    }
}

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::I64(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                Type::BOOL => (v != 0).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => v.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("cannot bind an integer to {ty}").into()),
            },
            Param::Text(s) => s.to_sql(ty, out),
            Param::I64List(l) => l.to_sql(ty, out),
        }
    }
    fn accepts(_: &Type) -> bool {
        true
    }
    to_sql_checked!();
}

struct PgRow<'a>(&'a tokio_postgres::Row);

impl RowRef for PgRow<'_> {
    fn get_i64(&self, idx: usize) -> Result<Option<i64>, StoreError> {
        let col = self.0.columns().get(idx).ok_or_else(|| StoreError::Other(format!("no column {idx}")))?;
        let err = |e: tokio_postgres::Error| StoreError::Other(format!("column {idx}: {e}"));
        match *col.type_() {
            Type::INT8 => self.0.try_get::<_, Option<i64>>(idx).map_err(err),
            Type::INT4 => Ok(self.0.try_get::<_, Option<i32>>(idx).map_err(err)?.map(i64::from)),
            Type::INT2 => Ok(self.0.try_get::<_, Option<i16>>(idx).map_err(err)?.map(i64::from)),
            Type::BOOL => Ok(self.0.try_get::<_, Option<bool>>(idx).map_err(err)?.map(i64::from)),
            ref t => Err(StoreError::Other(format!("column {idx}: expected an integer, got {t}"))),
        }
    }
    fn get_text(&self, idx: usize) -> Result<Option<String>, StoreError> {
        self.0.try_get::<_, Option<String>>(idx).map_err(|e| StoreError::Other(format!("column {idx}: {e}")))
    }
}

struct PgConn<'a> {
    conn: &'a mut PooledClient,
}

impl PgConn<'_> {
    fn statement(&mut self, sql: &'static str) -> Result<Statement, StoreError> {
        let key = (sql.as_ptr() as usize, sql.len());
        if let Some(s) = self.conn.statements.get(&key) {
            return Ok(s.clone());
        }
        let prepared = self.conn.client.prepare(sql).map_err(classify)?;
        self.conn.statements.insert(key, prepared.clone());
        Ok(prepared)
    }
}

fn as_sql<'a>(params: &'a [Param<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl Conn for PgConn<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    fn execute(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<u64, StoreError> {
        let stmt = self.statement(sql)?;
        self.conn.client.execute(&stmt, &as_sql(params)).map_err(classify)
    }
    fn query(&mut self, sql: &'static str, params: &[Param<'_>], each: &mut RowFn<'_>) -> Result<(), StoreError> {
        let stmt = self.statement(sql)?;
        let rows = self.conn.client.query(&stmt, &as_sql(params)).map_err(classify)?;
        for row in &rows {
            each(Row(&PgRow(row)))?;
        }
        Ok(())
    }
    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.conn.client.batch_execute(sql).map_err(classify)
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default()
}

fn is_retryable(e: &Error) -> bool {
    matches!(e, Error::Store(StoreError::Conflict(_)))
}

/// Runs one job in one transaction on a blocking thread, retrying collisions.
fn run_blocking(pool: &Pool, mut job: TxFn, begin: &str, max_attempts: usize) -> AnyResult {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut client = pool.take()?;
        let outcome = run_once(&mut client, &mut job, begin);
        pool.give_back(client);
        match outcome {
            Err(e) if is_retryable(&e) && attempt < max_attempts => {
                std::thread::sleep(std::time::Duration::from_millis(2 * attempt as u64));
                continue;
            }
            other => return other,
        }
    }
}

fn run_once(client: &mut PooledClient, job: &mut TxFn, begin: &str) -> AnyResult {
    let mut conn = PgConn { conn: client };
    conn.batch(begin)?;
    let result = {
        let mut tx = SqlTx::new(&mut conn);
        catch_unwind(AssertUnwindSafe(|| job(&mut tx)))
            .unwrap_or_else(|p| Err(Error::Internal(format!("store job panicked: {}", panic_message(p)))))
    };
    match result {
        Ok(v) => conn.batch("COMMIT").map(|_| v).map_err(Error::Store),
        Err(e) => {
            conn.batch("ROLLBACK")?;
            Err(e)
        }
    }
}

impl Postgres {
    pub(crate) async fn open(url: &str, options: &PostgresOptions) -> Result<Self, OpenError> {
        let config: postgres::Config = url.parse().map_err(|e| OpenError(format!("bad PostgreSQL URL: {e}")))?;
        let permits = Arc::new(Semaphore::new(options.max_connections.max(1)));
        let pool = Arc::new(Pool { config, idle: Mutex::new(Vec::new()), permits });
        let backend = Postgres { pool, max_attempts: options.max_attempts.max(1) };
        let pool = backend.pool.clone();
        tokio::task::spawn_blocking(move || migrate_blocking(&pool))
            .await
            .map_err(|e| OpenError(format!("migration task failed: {e}")))??;
        Ok(backend)
    }

    /// Runs `job` on a blocking thread once a connection permit is free (waiting for one
    /// asynchronously, so queued jobs hold no threads).
    fn spawn(&self, job: TxFn, begin: &'static str) -> StoreFuture {
        let (pool, attempts) = (self.pool.clone(), self.max_attempts);
        Box::pin(async move {
            let permit = pool.permits.clone().acquire_owned().await;
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                run_blocking(&pool, job, begin, attempts)
            })
            .await
            .unwrap_or_else(|e| Err(Error::Internal(format!("store task failed: {e}"))))
        })
    }
}

fn migrate_blocking(pool: &Pool) -> Result<(), OpenError> {
    let mut client = pool.take().map_err(|e| OpenError(format!("cannot connect to PostgreSQL: {e}")))?;
    let mut conn = PgConn { conn: &mut client };
    let now_ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    let fail = |e: StoreError| OpenError(format!("migrating PostgreSQL: {e}"));
    conn.batch("BEGIN; SELECT pg_advisory_xact_lock(7275736572)").map_err(fail)?;
    let result = match migrate::run(&mut conn, migrate::POSTGRES, now_ms) {
        Ok(_) => conn.batch("COMMIT").map_err(fail),
        Err(e) => {
            let _ = conn.batch("ROLLBACK");
            Err(fail(e))
        }
    };
    pool.give_back(client);
    result
}

impl Backend for Postgres {
    fn read(&self, job: TxFn) -> StoreFuture {
        self.spawn(job, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    }

    fn write(&self, job: TxFn) -> StoreFuture {
        self.spawn(job, "BEGIN")
    }

    fn name(&self) -> &'static str {
        "postgres"
    }
}
