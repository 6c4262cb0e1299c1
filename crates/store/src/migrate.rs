//! Schema migrations, one numbered SQL file per area and backend, applied in order inside one
//! transaction and recorded in `schema_migrations`.

use crate::sql::{Conn, p};
use roster_domain::error::StoreError;

pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

macro_rules! migrations {
    ($dir:literal: $($v:literal $name:literal),* $(,)?) => {
        &[$(Migration { version: $v, name: $name, sql: include_str!(concat!("../migrations/", $dir, "/", $name, ".sql")) }),*]
    };
}

pub(crate) const SQLITE: &[Migration] = migrations!("sqlite":
    1 "0001_foundation", 2 "0002_contact", 3 "0003_chats", 4 "0004_meetings", 5 "0005_events", 6 "0006_orgs",
    7 "0007_lifecycle", 8 "0008_auth", 9 "0009_employee_no",
);

pub(crate) const POSTGRES: &[Migration] = migrations!("postgres":
    1 "0001_foundation", 2 "0002_contact", 3 "0003_chats", 4 "0004_meetings", 5 "0005_events", 6 "0006_orgs",
    7 "0007_lifecycle", 8 "0008_auth", 9 "0009_employee_no",
);

/// Applies the migrations not yet recorded. The caller holds the transaction (and, on
/// PostgreSQL, the advisory lock that keeps two servers from migrating at once).
pub(crate) fn run(conn: &mut dyn Conn, list: &[Migration], now_ms: i64) -> Result<usize, StoreError> {
    conn.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    )?;
    let mut applied = Vec::new();
    conn.query("SELECT version FROM schema_migrations", &[], &mut |r| {
        applied.push(r.i64(0)?);
        Ok(())
    })?;
    let mut count = 0;
    for m in list.iter().filter(|m| !applied.contains(&m.version)) {
        conn.batch(m.sql).map_err(|e| StoreError::Other(format!("migration {} failed: {e}", m.name)))?;
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            p![m.version, m.name, now_ms],
        )?;
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_backends_have_the_same_migrations() {
        let names = |l: &[super::Migration]| l.iter().map(|m| (m.version, m.name)).collect::<Vec<_>>();
        assert_eq!(names(super::SQLITE), names(super::POSTGRES));
        for (i, m) in super::SQLITE.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "versions are dense and ordered");
        }
    }
}
