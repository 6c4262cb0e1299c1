//! `roster serve`: layers the config (defaults, `--config` TOML, `ROSTER_*` env vars, flags),
//! binds the listener, prints how to reach the server, and serves until Ctrl-C or SIGTERM.

use clap::Args;
use roster_server::Config;
use std::path::PathBuf;

#[derive(Args, Debug, Default)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080]. The Node SDK cannot take a port in its
    /// domain, so for Node clients listen on port 80 (e.g. 127.0.0.1:80).
    #[arg(long, env = "ROSTER_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
    /// Directory for the SQLite database and other local state [default: ./roster-data].
    #[arg(long, env = "ROSTER_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER@HOST:PORT/DB
    /// [default: sqlite://<data-dir>/roster.db].
    #[arg(long, env = "ROSTER_DATABASE", value_name = "URL")]
    pub database: Option<String>,
    /// Seed the demo tenant (fixed credentials, printed at start) and serve the emulator under
    /// /_roster/v1/… (clock, faults, request log, reset, extra tenants).
    #[arg(long, env = "ROSTER_DEMO")]
    pub demo: bool,
    /// TOML config file; unknown keys are rejected. Flags and ROSTER_* variables override it.
    #[arg(long, env = "ROSTER_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The URL clients reach this server at, used in links and QR codes [default: http://<listen>].
    #[arg(long, env = "ROSTER_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// SQLite durability: full (power-loss safe; default) or normal (fsync at checkpoints only).
    #[arg(long, env = "ROSTER_SQLITE_SYNCHRONOUS", value_name = "LEVEL")]
    pub sqlite_synchronous: Option<String>,
    /// Turn Lark's rate limits off (they are on by default).
    #[arg(long, env = "ROSTER_NO_RATE_LIMITS")]
    pub no_rate_limits: bool,
    /// Log filter, e.g. info or roster_server=debug [default: info].
    #[arg(long, env = "ROSTER_LOG", value_name = "FILTER")]
    pub log: Option<String>,
}

/// The layered configuration: defaults < TOML file < env/flags (clap merges the last two).
pub fn config(args: &ServeArgs) -> Result<Config, String> {
    let mut c = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Config::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => Config::default(),
    };
    if let Some(v) = &args.listen {
        c.listen = v.clone();
    }
    if let Some(v) = &args.data_dir {
        c.data_dir = v.clone();
    }
    if let Some(v) = &args.database {
        c.database = Some(v.clone());
    }
    if args.demo {
        c.demo = true;
    }
    if let Some(v) = &args.public_url {
        c.public_url = Some(v.clone());
    }
    if let Some(v) = &args.sqlite_synchronous {
        c.sqlite.synchronous = v.clone();
    }
    if args.no_rate_limits {
        c.rate_limits.enabled = false;
    }
    if let Some(v) = &args.log {
        c.log = v.clone();
    }
    c.validate().map_err(|e| e.0)?;
    Ok(c)
}

pub fn init_tracing(filter: &str) {
    let filter =
        tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

pub fn run(args: ServeArgs) -> Result<(), String> {
    let config = config(&args)?;
    init_tracing(&config.log);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&config.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let store = redact(&config.database_url());
        let roster = roster_server::build(config, addr).await.map_err(|e| e.to_string())?;
        print_banner(&roster, &store);
        roster_server::run(roster, listener, shutdown_signal()).await;
        Ok(())
    })
}

/// Hides a password in a database URL.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if url[s + 3..at].contains(':') => {
            let user_end = s + 3 + url[s + 3..at].find(':').unwrap_or(0);
            format!("{}:***{}", &url[..user_end], &url[at..])
        }
        _ => url.to_owned(),
    }
}

fn print_banner(roster: &roster_server::Roster, store: &str) {
    let url = &roster.state.public_url;
    println!("Roster {} listening on {url}", env!("CARGO_PKG_VERSION"));
    println!("  store: {store}");
    if let Some(d) = &roster.demo {
        println!("  demo tenant {} (emulator at {url}/_roster/v1/…)", d.tenant_key);
        println!("    app_id      {}", d.app_id);
        println!("    app_secret  {}", d.app_secret);
        println!("    verification_token {}  encrypt_key {}", d.verification_token, d.encrypt_key);
        println!("    admin sign-in  admin@demo.roster.local / roster-demo (user_id {})", d.admin.user_id);
        println!("  try: curl -s -X POST {url}/open-apis/auth/v3/tenant_access_token/internal \\");
        println!(
            "         -H 'Content-Type: application/json' -d '{{\"app_id\":\"{}\",\"app_secret\":\"{}\"}}'",
            d.app_id, d.app_secret
        );
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(super::redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("sqlite://./x.db"), "sqlite://./x.db");
    }
}
