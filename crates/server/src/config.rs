//! Server configuration: a value passed to the app, never a global. Layered as defaults, then a
//! TOML file (unknown keys rejected), then `ROSTER_*` environment variables, then flags; the CLI
//! applies the last two (see `roster serve --help`).

use roster_domain::settings::{
    AuthSettings, ChatSettings, ContactSettings, EventSettings, LifecycleSettings, MeetingSettings, OrgSettings,
    Settings,
};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Address to listen on, e.g. `127.0.0.1:8080`.
    pub listen: String,
    /// Where the SQLite database (and other local state) lives.
    pub data_dir: PathBuf,
    /// `sqlite://PATH` or `postgres://…`; defaults to `sqlite://<data_dir>/roster.db`.
    pub database: Option<String>,
    /// Seed the demo tenant and serve the emulator under `/_roster/v1/…`.
    pub demo: bool,
    /// The URL people and SDKs reach this server at (for links and QR codes); defaults to
    /// `http://<listen>`.
    pub public_url: Option<String>,
    /// Log filter in `tracing` syntax, e.g. `info,roster_server=debug`.
    pub log: String,
    pub sqlite: SqliteConfig,
    pub postgres: PostgresConfig,
    pub rate_limits: RateLimitConfig,
    pub auth: AuthSettings,
    pub contact: ContactSettings,
    pub chats: ChatSettings,
    pub meetings: MeetingSettings,
    pub orgs: OrgSettings,
    pub lifecycle: LifecycleSettings,
    pub events: EventSettings,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./roster-data"),
            database: None,
            demo: false,
            public_url: None,
            log: "info".into(),
            sqlite: SqliteConfig::default(),
            postgres: PostgresConfig::default(),
            rate_limits: RateLimitConfig::default(),
            auth: AuthSettings::default(),
            contact: ContactSettings::default(),
            chats: ChatSettings::default(),
            meetings: MeetingSettings::default(),
            orgs: OrgSettings::default(),
            lifecycle: LifecycleSettings::default(),
            events: EventSettings::default(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct SqliteConfig {
    /// `full` (default; an acknowledged write survives power loss, and group commit shares each
    /// fsync) or `normal` (fsync at checkpoints only).
    pub synchronous: String,
    /// At most this many concurrent writes share one commit.
    pub max_batch: usize,
    /// Read connections kept open when idle.
    pub idle_readers: usize,
}

impl Default for SqliteConfig {
    fn default() -> Self {
        SqliteConfig { synchronous: "full".into(), max_batch: 256, idle_readers: 8 }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PostgresConfig {
    pub max_connections: usize,
}

impl Default for PostgresConfig {
    fn default() -> Self {
        PostgresConfig { max_connections: 16 }
    }
}

/// Per-app, per-endpoint limits, with Lark's tiers as defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitConfig {
    pub enabled: bool,
    pub default_per_second: u32,
    pub default_per_minute: u32,
    /// Overrides for single endpoints, on top of the built-in ones (resurrect: 10/min).
    pub endpoints: Vec<EndpointLimit>,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig { enabled: true, default_per_second: 50, default_per_minute: 1000, endpoints: Vec::new() }
    }
}

/// A limit for one endpoint, named by method and route template (`/open-apis/contact/v3/users/{user_id}`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EndpointLimit {
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub per_second: Option<u32>,
    #[serde(default)]
    pub per_minute: Option<u32>,
}

#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses a TOML config file's text; unknown keys are an error.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError(format!("bad config: {e}")))
    }

    /// The database URL, with the SQLite default filled in.
    pub fn database_url(&self) -> String {
        self.database.clone().unwrap_or_else(|| format!("sqlite://{}/roster.db", self.data_dir.display()))
    }

    /// The domain settings, from the config's area sections.
    pub fn settings(&self) -> Settings {
        Settings {
            auth: self.auth.clone(),
            contact: self.contact.clone(),
            chats: self.chats.clone(),
            meetings: self.meetings.clone(),
            orgs: self.orgs.clone(),
            lifecycle: self.lifecycle.clone(),
            events: self.events.clone(),
        }
    }

    /// Checks what serde cannot: the synchronous level and the URL scheme.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if roster_store::Synchronous::parse(&self.sqlite.synchronous).is_none() {
            return Err(ConfigError(format!(
                "sqlite.synchronous must be full or normal, not {:?}",
                self.sqlite.synchronous
            )));
        }
        let url = self.database_url();
        if !(url.starts_with("sqlite://") || url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(ConfigError(format!("database must be sqlite://PATH or postgres://…, not {url:?}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_layers_over_defaults_and_rejects_unknown_keys() {
        let c = Config::from_toml("listen = \"0.0.0.0:9\"\n[sqlite]\nsynchronous = \"normal\"\n").unwrap();
        assert_eq!(c.listen, "0.0.0.0:9");
        assert_eq!(c.sqlite.synchronous, "normal");
        assert_eq!(c.sqlite.max_batch, 256);
        assert!(Config::from_toml("lisen = \"x\"").is_err());
        assert!(Config::from_toml("[sqlite]\nsync = \"full\"").is_err());
        assert!(Config::from_toml("[contact]\nbogus = 1").is_err());
    }

    #[test]
    fn database_defaults_to_sqlite_in_the_data_dir() {
        let c = Config { data_dir: "/tmp/x".into(), ..Config::default() };
        assert_eq!(c.database_url(), "sqlite:///tmp/x/roster.db");
        assert!(c.validate().is_ok());
        assert!(Config { database: Some("mysql://x".into()), ..Config::default() }.validate().is_err());
    }
}
