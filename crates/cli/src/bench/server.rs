//! The Roster under test: a child `roster serve --demo` on a free port with a fresh database
//! (a temp SQLite file, or a new PostgreSQL schema) and a config file of its own (`BENCH_CONFIG`),
//! killed when the bench ends.

use super::BenchArgs;
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// What scenarios need beyond the defaults: chats large enough for the 50,000-member scenario.
const BENCH_CONFIG: &str = "[chats]\nmax_members = 100000\n";

pub struct Server {
    pub base: String,
    pub store: String,
    /// The PostgreSQL schema's URL, analyzed after each scenario's set-up.
    pub postgres_url: Option<String>,
    child: Option<Child>,
    _dir: Option<tempfile::TempDir>,
}

impl Server {
    pub fn external(url: &str) -> Self {
        Server {
            base: url.trim_end_matches('/').to_owned(),
            store: "external".into(),
            postgres_url: None,
            child: None,
            _dir: None,
        }
    }

    pub async fn spawn(args: &BenchArgs) -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let database = match args.store.as_str() {
            "sqlite" => format!("sqlite://{}/roster.db", dir.path().display()),
            "postgres" => {
                let base =
                    args.postgres_url.clone().ok_or("--store postgres needs --postgres-url or ROSTER_TEST_PG_URL")?;
                roster_store::testing::fresh_schema_url(&base, "bench").await?
            }
            other => return Err(format!("--store must be sqlite or postgres, not {other:?}")),
        };
        let config = dir.path().join("bench.toml");
        std::fs::write(&config, BENCH_CONFIG).map_err(|e| format!("cannot write {}: {e}", config.display()))?;
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--log", "warn", "--no-rate-limits"])
            .args(["--sqlite-synchronous", &args.sqlite_synchronous])
            .arg("--database")
            .arg(&database)
            .arg("--data-dir")
            .arg(dir.path())
            .arg("--config")
            .arg(&config)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot start roster serve: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line =
                lines.next_line().await.map_err(|e| e.to_string())?.ok_or("roster serve exited before listening")?;
            if let Some(url) = line.split("listening on ").nth(1) {
                break url.trim().to_owned();
            }
        };
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let postgres_url = database.starts_with("postgres").then_some(database);
        Ok(Server { base, store: args.store.clone(), postgres_url, child: Some(child), _dir: Some(dir) })
    }
}

impl Server {
    /// The pid whose CPU the bench may count as the whole server's: a child on SQLite (on
    /// PostgreSQL much of the work runs in the database's own processes).
    pub fn cpu_pid(&self) -> Option<u32> {
        if self.postgres_url.is_some() {
            return None;
        }
        self.child.as_ref().and_then(|c| c.id())
    }

    /// On PostgreSQL, refreshes the planner's statistics of the bench schema, as autovacuum does
    /// within a minute of a bulk load in steady state; a scenario's set-up loads tables faster.
    pub async fn settle(&self) -> Result<(), String> {
        match &self.postgres_url {
            Some(url) => roster_store::testing::analyze_schema(url).await,
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(c) = self.child.as_mut() {
            let _ = c.start_kill();
        }
    }
}
