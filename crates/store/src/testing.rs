//! Fresh, isolated databases for tests: a new SQLite file per test, or a new PostgreSQL schema per
//! test in the database named by `ROSTER_TEST_PG_URL`. Under `CI=true` a missing PostgreSQL URL is
//! a failure, never a silent skip.

use std::sync::atomic::{AtomicU64, Ordering};

/// The backends a conformance story can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestBackend {
    Sqlite,
    Postgres,
}

/// A database URL for one test, and what keeps it alive (the temp dir of a SQLite file).
pub struct TestDatabase {
    pub url: String,
    pub backend: TestBackend,
    _dir: Option<tempfile::TempDir>,
}

/// A fresh SQLite database in its own temporary directory.
pub fn sqlite() -> TestDatabase {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}/roster.db", dir.path().display());
    TestDatabase { url, backend: TestBackend::Sqlite, _dir: Some(dir) }
}

/// The base PostgreSQL URL for tests, or `None` (with a loud line) when it is not set outside CI.
///
/// # Panics
/// When `CI=true` and `ROSTER_TEST_PG_URL` is unset: CI must run the PostgreSQL suites.
pub fn postgres_base_url() -> Option<String> {
    match std::env::var("ROSTER_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but ROSTER_TEST_PG_URL is not set: the PostgreSQL suites must run in CI");
            }
            eprintln!("!!! ROSTER_TEST_PG_URL is not set: SKIPPING the PostgreSQL half of this test !!!");
            None
        }
    }
}

/// Creates a new, empty schema `<prefix>_…` in the database at `base` and returns a URL that
/// selects it (through `options=-csearch_path=…`).
pub async fn fresh_schema_url(base: &str, prefix: &str) -> Result<String, String> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let schema = format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        rand::random::<u32>()
    );
    let (client, conn) = tokio_postgres::connect(base, tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("cannot connect to {base}: {e}"))?;
    let task = tokio::spawn(conn);
    sweep_stale_schemas(&client).await;
    client.batch_execute(&format!("CREATE SCHEMA {schema}")).await.map_err(|e| format!("create schema: {e}"))?;
    drop(client);
    let _ = task.await;
    let sep = if base.contains('?') { '&' } else { '?' };
    Ok(format!("{base}{sep}options=-csearch_path%3D{schema}"))
}

/// Drops, once per process, the schemas earlier test and bench processes left behind: a schema
/// `<prefix>_<pid>_…` whose process is no longer running. (Schemas are not dropped when a test
/// ends, as the server under test may still hold connections to them; a killed run could not
/// drop its own anyway.)
async fn sweep_stale_schemas(client: &tokio_postgres::Client) {
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if SWEPT.swap(true, Ordering::SeqCst) {
        return;
    }
    let Ok(rows) =
        client.query("SELECT nspname FROM pg_namespace WHERE nspname ~ '^(rt|bench|sdk)_[0-9]+_'", &[]).await
    else {
        return;
    };
    for row in rows {
        let name: String = row.get(0);
        let pid = name.split('_').nth(1).unwrap_or("");
        let running = std::path::Path::new(&format!("/proc/{pid}")).exists();
        if !running {
            // Another process may be sweeping the same schema: its absence is fine.
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE")).await;
        }
    }
}

/// Runs `ANALYZE` on every table of the schema `url` selects (its `search_path`).
pub async fn analyze_schema(url: &str) -> Result<(), String> {
    let (client, conn) =
        tokio_postgres::connect(url, tokio_postgres::NoTls).await.map_err(|e| format!("cannot connect: {e}"))?;
    let task = tokio::spawn(conn);
    let tables = client
        .query("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = current_schema()", &[])
        .await
        .map_err(|e| format!("list tables: {e}"))?;
    for t in tables {
        let name: String = t.get(0);
        client.batch_execute(&format!("ANALYZE {name}")).await.map_err(|e| format!("analyze {name}: {e}"))?;
    }
    drop(client);
    let _ = task.await;
    Ok(())
}

/// A fresh, empty PostgreSQL schema in the test database.
pub async fn postgres() -> Option<TestDatabase> {
    let base = postgres_base_url()?;
    let url = fresh_schema_url(&base, "rt").await.unwrap_or_else(|e| panic!("ROSTER_TEST_PG_URL: {e}"));
    Some(TestDatabase { url, backend: TestBackend::Postgres, _dir: None })
}

/// Both backends: SQLite always, PostgreSQL when configured.
pub async fn all() -> Vec<TestDatabase> {
    let mut v = vec![sqlite()];
    v.extend(postgres().await);
    v
}
