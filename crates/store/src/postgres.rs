//! The PostgreSQL backend: a connection pool, each job in its own transaction on a blocking
//! thread (jobs are synchronous closures; the connection is driven on the server's runtime).
//! Concurrency invariants come from explicit locks (`Locks::lock`, advisory transaction locks)
//! plus retries on serialization failures and deadlocks.

use crate::OpenError;
use crate::migrate;
use crate::sql::{Conn, Dialect, Param, Row, RowFn, RowRef, SqlTx};
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use roster_domain::error::{Error, StoreError};
use roster_domain::store::{AnyResult, Backend, StoreFuture, TxFn};
use std::panic::{AssertUnwindSafe, catch_unwind};
use tokio::runtime::Handle;
use tokio_postgres::NoTls;
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
    pool: Pool,
    handle: Handle,
    max_attempts: usize,
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
    client: &'a Object,
    handle: &'a Handle,
}

impl PgConn<'_> {
    fn statement(&self, sql: &str) -> Result<tokio_postgres::Statement, StoreError> {
        self.handle.block_on(self.client.prepare_cached(sql)).map_err(classify)
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
        self.handle.block_on(self.client.execute(&stmt, &as_sql(params))).map_err(classify)
    }
    fn query(&mut self, sql: &'static str, params: &[Param<'_>], each: &mut RowFn<'_>) -> Result<(), StoreError> {
        let stmt = self.statement(sql)?;
        let rows = self.handle.block_on(self.client.query(&stmt, &as_sql(params))).map_err(classify)?;
        for row in &rows {
            each(Row(&PgRow(row)))?;
        }
        Ok(())
    }
    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.handle.block_on(self.client.batch_execute(sql)).map_err(classify)
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default()
}

fn is_retryable(e: &Error) -> bool {
    matches!(e, Error::Store(StoreError::Conflict(_)))
}

/// Runs one job in one transaction on a blocking thread, retrying collisions.
fn run_blocking(pool: &Pool, handle: &Handle, mut job: TxFn, begin: &str, max_attempts: usize) -> AnyResult {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let client = handle
            .block_on(pool.get())
            .map_err(|e| Error::Store(StoreError::Unavailable(format!("no PostgreSQL connection: {e}"))))?;
        let mut conn = PgConn { client: &client, handle };
        conn.batch(begin)?;
        let result = {
            let mut tx = SqlTx::new(&mut conn);
            catch_unwind(AssertUnwindSafe(|| job(&mut tx)))
                .unwrap_or_else(|p| Err(Error::Internal(format!("store job panicked: {}", panic_message(p)))))
        };
        let outcome = match result {
            Ok(v) => conn.batch("COMMIT").map(|_| v).map_err(Error::Store),
            Err(e) => {
                conn.batch("ROLLBACK")?;
                Err(e)
            }
        };
        match outcome {
            Err(e) if is_retryable(&e) && attempt < max_attempts => {
                std::thread::sleep(std::time::Duration::from_millis(2 * attempt as u64));
                continue;
            }
            other => return other,
        }
    }
}

impl Postgres {
    pub(crate) async fn open(url: &str, options: &PostgresOptions) -> Result<Self, OpenError> {
        let config: tokio_postgres::Config = url.parse().map_err(|e| OpenError(format!("bad PostgreSQL URL: {e}")))?;
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(options.max_connections.max(1))
            .build()
            .map_err(|e| OpenError(format!("cannot build the PostgreSQL pool: {e}")))?;
        let handle = Handle::current();
        let backend = Postgres { pool, handle, max_attempts: options.max_attempts.max(1) };
        let (pool, handle) = (backend.pool.clone(), backend.handle.clone());
        tokio::task::spawn_blocking(move || migrate_blocking(&pool, &handle))
            .await
            .map_err(|e| OpenError(format!("migration task failed: {e}")))??;
        Ok(backend)
    }
}

fn migrate_blocking(pool: &Pool, handle: &Handle) -> Result<(), OpenError> {
    let client = handle.block_on(pool.get()).map_err(|e| OpenError(format!("cannot connect to PostgreSQL: {e}")))?;
    let mut conn = PgConn { client: &client, handle };
    let now_ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    let fail = |e: StoreError| OpenError(format!("migrating PostgreSQL: {e}"));
    conn.batch("BEGIN; SELECT pg_advisory_xact_lock(7275736572)").map_err(fail)?;
    match migrate::run(&mut conn, migrate::POSTGRES, now_ms) {
        Ok(_) => conn.batch("COMMIT").map_err(fail),
        Err(e) => {
            let _ = conn.batch("ROLLBACK");
            Err(fail(e))
        }
    }
}

impl Backend for Postgres {
    fn read(&self, job: TxFn) -> StoreFuture {
        let (pool, handle, attempts) = (self.pool.clone(), self.handle.clone(), self.max_attempts);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                run_blocking(&pool, &handle, job, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", attempts)
            })
            .await
            .unwrap_or_else(|e| Err(Error::Internal(format!("read task failed: {e}"))))
        })
    }

    fn write(&self, job: TxFn) -> StoreFuture {
        let (pool, handle, attempts) = (self.pool.clone(), self.handle.clone(), self.max_attempts);
        Box::pin(async move {
            tokio::task::spawn_blocking(move || run_blocking(&pool, &handle, job, "BEGIN", attempts))
                .await
                .unwrap_or_else(|e| Err(Error::Internal(format!("write task failed: {e}"))))
        })
    }

    fn name(&self) -> &'static str {
        "postgres"
    }
}
