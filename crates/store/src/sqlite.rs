//! The SQLite backend: WAL mode, one writer thread that batches concurrent write jobs into one
//! commit (group commit; a job that fails after writing sends its batch round again with a
//! savepoint per job), and a pool of read-only connections that never wait for the writer.
//!
//! Invariant: only the writer thread writes; readers open with `query_only`.
//! Invariant: a job's reply is sent only after the COMMIT that made it durable.

use crate::OpenError;
use crate::migrate;
use crate::sql::contact_reads::may_change_contact_reads;
use crate::sql::{Conn, Dialect, Param, Row, RowFn, RowRef, SqlTx, returned_key, sqlite_placeholders};
use roster_domain::error::{Error, StoreError};
use roster_domain::store::{AnyResult, Backend, StoreFuture, TxFn};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use tokio::sync::oneshot;

/// SQLite's `synchronous` level in WAL mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    /// fsync the WAL on every commit: an acknowledged write survives power loss. Group commit
    /// shares one fsync among every write that arrived while the previous commit ran.
    #[default]
    Full,
    /// fsync only at checkpoints: survives a crash of Roster, but the last commits can be lost
    /// if the machine loses power.
    Normal,
}

impl Synchronous {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "full" => Some(Self::Full),
            "normal" => Some(Self::Normal),
            _ => None,
        }
    }
    fn pragma(self) -> &'static str {
        match self {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        }
    }
}

#[derive(Debug, Clone)]
pub struct SqliteOptions {
    pub synchronous: Synchronous,
    /// Read connections kept open when idle.
    pub idle_readers: usize,
    /// At most this many write jobs share one commit.
    pub max_batch: usize,
}

impl Default for SqliteOptions {
    fn default() -> Self {
        SqliteOptions { synchronous: Synchronous::Full, idle_readers: 8, max_batch: 256 }
    }
}

struct WriteJob {
    job: TxFn,
    reply: oneshot::Sender<AnyResult>,
}

pub(crate) struct Sqlite {
    writer: Mutex<mpsc::Sender<WriteJob>>,
    readers: ReaderPool,
    /// Moved on by the writer after each commit that may change contact reads, before any of
    /// that commit's jobs is answered.
    contact_generation: Arc<AtomicU64>,
}

struct ReaderPool {
    path: String,
    idle: Mutex<Vec<Connection>>,
    max_idle: usize,
}

fn classify(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, msg) => match f.code {
            ErrorCode::ConstraintViolation => {
                StoreError::Unique { constraint: msg.clone().unwrap_or_else(|| "constraint".into()) }
            }
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Unavailable(e.to_string()),
            ErrorCode::DiskFull | ErrorCode::CannotOpen | ErrorCode::SystemIoFailure => {
                StoreError::Unavailable(e.to_string())
            }
            _ => StoreError::Other(e.to_string()),
        },
        _ => StoreError::Other(e.to_string()),
    }
}

/// A statement as SQLite runs it, and what running it means for cached contact reads.
#[derive(Clone, Copy)]
struct Translated {
    /// `$n` rewritten to `?n`.
    sql: &'static str,
    /// For a one-row `INSERT … RETURNING id`: the same INSERT without its RETURNING clause.
    /// SQLite runs a RETURNING statement under a statement journal, which copies every page
    /// the insert touches; `last_insert_rowid()` gives the same key without that copy.
    without_returning: Option<&'static str>,
    changes_contact_reads: bool,
}

/// The statement without a trailing `RETURNING id` / `RETURNING seq`, for a plain single-table
/// INSERT (no upsert, whose update path would leave `last_insert_rowid()` stale).
fn strip_returning_key(sql: &str) -> Option<&str> {
    if !sql.starts_with("INSERT INTO ") || sql.contains("ON CONFLICT") || sql.contains("SELECT") {
        return None;
    }
    sql.strip_suffix(" RETURNING id").or_else(|| sql.strip_suffix(" RETURNING seq"))
}

/// Translates a statement once per distinct statement.
fn translated(sql: &'static str) -> Translated {
    static CACHE: OnceLock<RwLock<HashMap<usize, Translated>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = sql.as_ptr() as usize ^ sql.len().rotate_left(48);
    if let Some(t) = cache.read().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return *t;
    }
    let rewritten: &'static str = Box::leak(sqlite_placeholders(sql).into_boxed_str());
    let t = Translated {
        sql: rewritten,
        without_returning: strip_returning_key(rewritten),
        changes_contact_reads: may_change_contact_reads(sql),
    };
    cache.write().unwrap_or_else(|p| p.into_inner()).insert(key, t);
    t
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Param::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Param::I64(v) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Param::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Param::I64List(l) => ToSqlOutput::Owned(rusqlite::types::Value::Text(crate::sql::to_json(l))),
        })
    }
}

struct SqliteRow<'a, 'b>(&'a rusqlite::Row<'b>);

impl RowRef for SqliteRow<'_, '_> {
    fn get_i64(&self, idx: usize) -> Result<Option<i64>, StoreError> {
        match self.0.get_ref(idx).map_err(classify)? {
            ValueRef::Null => Ok(None),
            ValueRef::Integer(i) => Ok(Some(i)),
            other => Err(StoreError::Other(format!("column {idx}: expected integer, got {:?}", other.data_type()))),
        }
    }
    fn get_text(&self, idx: usize) -> Result<Option<String>, StoreError> {
        match self.0.get_ref(idx).map_err(classify)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(t) => String::from_utf8(t.to_vec())
                .map(Some)
                .map_err(|_| StoreError::Other(format!("column {idx}: bad UTF-8"))),
            other => Err(StoreError::Other(format!("column {idx}: expected text, got {:?}", other.data_type()))),
        }
    }
}

/// A connection inside a job, noting whether the job ran anything that may write, and anything
/// that may change contact reads.
struct SqliteConn<'a> {
    conn: &'a Connection,
    may_have_written: bool,
    changed_contact_reads: bool,
}

impl<'a> SqliteConn<'a> {
    fn new(conn: &'a Connection) -> Self {
        SqliteConn { conn, may_have_written: false, changed_contact_reads: false }
    }

    fn prepare(&mut self, sql: &'static str) -> Result<rusqlite::CachedStatement<'a>, StoreError> {
        let t = translated(sql);
        self.prepare_translated(t, t.sql)
    }

    fn prepare_translated(
        &mut self,
        t: Translated,
        sql: &'static str,
    ) -> Result<rusqlite::CachedStatement<'a>, StoreError> {
        self.changed_contact_reads |= t.changes_contact_reads;
        let stmt = self.conn.prepare_cached(sql).map_err(classify)?;
        self.may_have_written |= !stmt.readonly();
        Ok(stmt)
    }
}

impl Conn for SqliteConn<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    fn execute(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<u64, StoreError> {
        let mut stmt = self.prepare(sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter())).map_err(classify)?;
        while rows.next().map_err(classify)?.is_some() {}
        drop(rows);
        drop(stmt);
        Ok(self.conn.changes())
    }
    fn query(&mut self, sql: &'static str, params: &[Param<'_>], each: &mut RowFn<'_>) -> Result<(), StoreError> {
        let mut stmt = self.prepare(sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter())).map_err(classify)?;
        while let Some(row) = rows.next().map_err(classify)? {
            each(Row(&SqliteRow(row)))?;
        }
        Ok(())
    }
    fn insert_key(&mut self, sql: &'static str, params: &[Param<'_>]) -> Result<Option<i64>, StoreError> {
        let t = translated(sql);
        let Some(plain) = t.without_returning else {
            return returned_key(self, sql, params);
        };
        let mut stmt = self.prepare_translated(t, plain)?;
        let inserted = stmt.execute(rusqlite::params_from_iter(params.iter())).map_err(classify)?;
        Ok((inserted == 1).then(|| self.conn.last_insert_rowid()))
    }
    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        self.may_have_written = true;
        self.changed_contact_reads = true;
        self.conn.execute_batch(sql).map_err(classify)
    }
}

/// Runs a parameterless statement through the statement cache (transaction control is on every
/// request's path; parsing it each time showed up in profiles).
fn run(conn: &Connection, sql: &str) -> Result<(), StoreError> {
    conn.prepare_cached(sql).and_then(|mut s| s.execute([])).map(|_| ()).map_err(classify)
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default()
}

/// What running a job did.
struct JobRun {
    result: AnyResult,
    /// It ran a statement that is not read-only (it may have changed rows).
    may_have_written: bool,
    changed_contact_reads: bool,
}

/// Runs a job, turning a panic into an internal error so the connection's thread survives.
fn run_job(conn: &Connection, job: &mut TxFn) -> JobRun {
    let mut c = SqliteConn::new(conn);
    let mut tx = SqlTx::new(&mut c);
    let result = catch_unwind(AssertUnwindSafe(|| job(&mut tx)))
        .unwrap_or_else(|p| Err(Error::Internal(format!("store job panicked: {}", panic_message(p)))));
    JobRun { result, may_have_written: c.may_have_written, changed_contact_reads: c.changed_contact_reads }
}

fn configure(conn: &Connection, synchronous: Synchronous, read_only: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Query-planner stability: without it, statements whose parameters meet a partial index
    // (`… WHERE is_resigned = 0`) are re-prepared every time they are bound to new values.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.set_prepared_statement_cache_capacity(512);
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", synchronous.pragma())?;
    conn.pragma_update(None, "cache_size", -32_000)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    if read_only {
        conn.pragma_update(None, "query_only", true)?;
    }
    Ok(())
}

impl Sqlite {
    pub(crate) fn open(path: &str, options: &SqliteOptions) -> Result<Self, OpenError> {
        if let Some(dir) = Path::new(path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| OpenError(format!("cannot create {}: {e}", dir.display())))?;
        }
        let fail = |e: rusqlite::Error| OpenError(format!("cannot open SQLite database {path}: {e}"));
        let writer = Connection::open(path).map_err(fail)?;
        configure(&writer, options.synchronous, false).map_err(fail)?;
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        writer.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        match migrate::run(&mut SqliteConn::new(&writer), migrate::SQLITE, now_ms) {
            Ok(_) => writer.execute_batch("COMMIT").map_err(fail)?,
            Err(e) => {
                let _ = writer.execute_batch("ROLLBACK");
                return Err(OpenError(format!("migrating {path}: {e}")));
            }
        }
        let (tx, rx) = mpsc::channel::<WriteJob>();
        let generation = Arc::new(AtomicU64::new(0));
        let max_batch = options.max_batch.max(1);
        std::thread::Builder::new()
            .name("roster-sqlite-writer".into())
            .spawn({
                let generation = generation.clone();
                move || writer_loop(writer, rx, max_batch, &generation)
            })
            .map_err(|e| OpenError(format!("cannot start the SQLite writer thread: {e}")))?;
        let readers =
            ReaderPool { path: path.to_owned(), idle: Mutex::new(Vec::new()), max_idle: options.idle_readers };
        Ok(Sqlite { writer: Mutex::new(tx), readers, contact_generation: generation })
    }
}

fn writer_loop(conn: Connection, rx: mpsc::Receiver<WriteJob>, max_batch: usize, contact_generation: &AtomicU64) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < max_batch {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        commit_batch(&conn, batch, contact_generation);
    }
}

/// How the jobs of one batch are kept apart inside its transaction.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Isolation {
    /// No savepoints: a failed job must not have written anything, or the batch starts over.
    Shared,
    /// Each job in its own savepoint, so a failing job leaves no trace whatever it wrote.
    Savepoints,
}

/// Why a batch's transaction ended without answering its jobs.
enum Abort {
    /// A job failed after it may have written, and the batch ran without savepoints.
    NeedsSavepoints,
    /// The store failed; every job gets this error.
    Store(StoreError),
}

/// One transaction for the whole batch. Jobs first run side by side without savepoints (a
/// savepoint copies every page a job touches into the sub-journal, which profiles showed costs
/// more than most statements); if a job fails after it may have written, the transaction is
/// rolled back and the batch runs again with a savepoint per job. A job may therefore run more
/// than once; only its last run counts (the PostgreSQL backend retries jobs too).
/// A commit that may change contact reads moves `contact_generation` on before it answers.
fn commit_batch(conn: &Connection, mut batch: Vec<WriteJob>, contact_generation: &AtomicU64) {
    let outcome = match run_batch(conn, &mut batch, Isolation::Shared, contact_generation) {
        Err(Abort::NeedsSavepoints) => run_batch(conn, &mut batch, Isolation::Savepoints, contact_generation),
        other => other,
    };
    match outcome {
        Ok(results) => {
            for (job, result) in batch.into_iter().zip(results) {
                let _ = job.reply.send(result);
            }
        }
        Err(abort) => {
            let e = match abort {
                Abort::Store(e) => e,
                Abort::NeedsSavepoints => StoreError::Other("a write batch failed with savepoints too".into()),
            };
            for job in batch {
                let _ = job.reply.send(Err(Error::Store(e.clone())));
            }
        }
    }
}

/// Runs every job of the batch in one transaction and commits it; the results in batch order.
fn run_batch(
    conn: &Connection,
    batch: &mut [WriteJob],
    isolation: Isolation,
    contact_generation: &AtomicU64,
) -> Result<Vec<AnyResult>, Abort> {
    let rollback = |abort: Abort| {
        let _ = run(conn, "ROLLBACK");
        abort
    };
    run(conn, "BEGIN IMMEDIATE").map_err(Abort::Store)?;
    let mut results = Vec::with_capacity(batch.len());
    let mut changed_contact_reads = false;
    for job in batch.iter_mut() {
        if isolation == Isolation::Savepoints {
            run(conn, "SAVEPOINT job").map_err(|e| rollback(Abort::Store(e)))?;
        }
        let done = run_job(conn, &mut job.job);
        changed_contact_reads |= done.changed_contact_reads;
        match isolation {
            // SQLite ends the transaction itself after some errors (disk full, I/O): start over.
            Isolation::Shared if done.result.is_err() && (done.may_have_written || conn.is_autocommit()) => {
                return Err(rollback(Abort::NeedsSavepoints));
            }
            Isolation::Shared => {}
            Isolation::Savepoints => {
                let end = if done.result.is_ok() {
                    run(conn, "RELEASE job")
                } else {
                    run(conn, "ROLLBACK TO job").and_then(|_| run(conn, "RELEASE job"))
                };
                end.map_err(|e| rollback(Abort::Store(e)))?;
            }
        }
        results.push(done.result);
    }
    let committed = run(conn, "COMMIT");
    if changed_contact_reads {
        // Also after a failed COMMIT: forgetting too much is only slower.
        contact_generation.fetch_add(1, Ordering::SeqCst);
    }
    committed.map_err(|e| rollback(Abort::Store(e)))?;
    Ok(results)
}

impl ReaderPool {
    fn take(&self) -> Result<Connection, StoreError> {
        if let Some(c) = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return Ok(c);
        }
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(classify)?;
        configure(&conn, Synchronous::Normal, true).map_err(classify)?;
        Ok(conn)
    }

    fn give_back(&self, conn: Connection) {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < self.max_idle {
            idle.push(conn);
        }
    }

    /// Runs a read job on the calling thread: reads are short (every list is paged), and a
    /// WAL reader never blocks on the writer.
    fn run(&self, mut job: TxFn) -> AnyResult {
        let conn = self.take()?;
        run(&conn, "BEGIN")?;
        let result = run_job(&conn, &mut job).result;
        match run(&conn, if result.is_ok() { "COMMIT" } else { "ROLLBACK" }) {
            Ok(()) => self.give_back(conn),
            Err(e) => tracing::warn!("dropping a SQLite reader that failed to end its transaction: {e}"),
        }
        result
    }
}

impl Backend for Sqlite {
    fn read(&self, job: TxFn) -> StoreFuture {
        let result = self.readers.run(job);
        Box::pin(std::future::ready(result))
    }

    fn write(&self, job: TxFn) -> StoreFuture {
        let (reply, rx) = oneshot::channel();
        let sent = self.writer.lock().unwrap_or_else(|p| p.into_inner()).send(WriteJob { job, reply });
        Box::pin(async move {
            if sent.is_err() {
                return Err(Error::Store(StoreError::Unavailable("the SQLite writer has stopped".into())));
            }
            rx.await
                .unwrap_or_else(|_| Err(Error::Store(StoreError::Unavailable("the SQLite writer has stopped".into()))))
        })
    }

    fn name(&self) -> &'static str {
        "sqlite"
    }

    fn contact_generation(&self) -> Option<u64> {
        Some(self.contact_generation.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::strip_returning_key;

    #[test]
    fn only_plain_inserts_returning_their_key_lose_the_returning_clause() {
        assert_eq!(
            strip_returning_key("INSERT INTO t (a) VALUES (?1) RETURNING id"),
            Some("INSERT INTO t (a) VALUES (?1)")
        );
        assert_eq!(
            strip_returning_key("INSERT INTO outbox (a) VALUES (?1) RETURNING seq"),
            Some("INSERT INTO outbox (a) VALUES (?1)")
        );
        assert_eq!(strip_returning_key("INSERT INTO t (a) VALUES (?1) ON CONFLICT (a) DO NOTHING RETURNING id"), None);
        assert_eq!(strip_returning_key("INSERT INTO t (a) SELECT a FROM u RETURNING id"), None);
        assert_eq!(strip_returning_key("INSERT INTO t (a) VALUES (?1) RETURNING user_id"), None);
        assert_eq!(strip_returning_key("UPDATE t SET a = 1 RETURNING id"), None);
    }
}
