//! Building and running the server: store, id codec, clock, demo seed, router, background jobs.

use crate::config::Config;
use crate::emulator::{self, Emulator};
use crate::http::authcache::AuthCache;
use crate::http::errors::ApiError;
use crate::http::middleware;
use crate::http::ratelimit::RateLimiter;
use crate::jobs::background::Background;
use crate::state::{AppState, Inner};
use crate::{api, jobs};
use axum::Router;
use roster_domain::clock::OffsetClock;
use roster_domain::codec::IdCodec;
use roster_domain::services::{demo, tenancy};
use roster_proto::codes::generic;
use roster_proto::emulator::TenantCredentials;
use roster_store::{PostgresOptions, SqliteOptions, StoreOptions, Synchronous};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// `meta` key of the emulator's clock offset, so moved time survives a restart.
pub const CLOCK_OFFSET_KEY: &str = "emulator.clock_offset_ms";
/// `meta` key of the id codec's secret; ids stay stable for the life of the database.
const CODEC_SECRET_KEY: &str = "id_codec.secret";

#[derive(Debug)]
pub struct StartError(pub String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// A built server, ready to run on its listener.
pub struct Roster {
    pub state: AppState,
    pub router: Router,
    /// The demo tenant's credentials when running with `--demo`.
    pub demo: Option<TenantCredentials>,
    /// The runtime event delivery runs on; stopped after the jobs when the server stops.
    pub background: Background,
}

fn store_options(config: &Config) -> StoreOptions {
    StoreOptions {
        sqlite: SqliteOptions {
            synchronous: Synchronous::parse(&config.sqlite.synchronous).unwrap_or_default(),
            max_batch: config.sqlite.max_batch,
            idle_readers: config.sqlite.idle_readers,
        },
        postgres: PostgresOptions { max_connections: config.postgres.max_connections, ..PostgresOptions::default() },
    }
}

/// Opens the store and assembles everything; `addr` is where the listener is bound.
pub async fn build(config: Config, addr: SocketAddr) -> Result<Roster, StartError> {
    config.validate().map_err(|e| StartError(e.0))?;
    let db = roster_store::open(&config.database_url(), &store_options(&config)).await.map_err(|e| StartError(e.0))?;
    let fail = |what: &str| {
        let what = what.to_owned();
        move |e: roster_domain::Error| StartError(format!("{what}: {e}"))
    };
    let secret = db
        .write(|tx| match tx.meta_get(CODEC_SECRET_KEY)? {
            Some(s) => Ok(s),
            None => {
                let s = tenancy::random_hex(32);
                tx.meta_set(CODEC_SECRET_KEY, &s)?;
                Ok(s)
            }
        })
        .await
        .map_err(fail("reading the id codec secret"))?;
    let offset = if config.demo {
        db.read(|tx| tx.meta_get(CLOCK_OFFSET_KEY))
            .await
            .map_err(fail("reading the clock offset"))?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    } else {
        0
    };
    let background = Background::start().map_err(|e| StartError(format!("starting the background runtime: {e}")))?;
    let public_url =
        config.public_url.clone().unwrap_or_else(|| format!("http://{addr}")).trim_end_matches('/').to_owned();
    let state = AppState::new(Inner {
        db: db.clone(),
        clock: Arc::new(OffsetClock::new(offset)),
        codec: Arc::new(IdCodec::new(secret.as_bytes())),
        settings: Arc::new(config.settings()),
        limiter: RateLimiter::new(&config.rate_limits),
        auth_cache: AuthCache::default(),
        user_replies: Default::default(),
        emulator: config.demo.then(Emulator::default),
        public_url,
        events: crate::events::Events::new(background.handle()),
        lifecycle: Default::default(),
        config: Arc::new(config),
    });
    let demo = if state.config.demo {
        let env = state.env();
        let p = db.write(move |tx| demo::seed(tx, &env)).await.map_err(fail("seeding the demo tenant"))?;
        Some(emulator::credentials(&state, &p))
    } else {
        None
    };
    let router = router(state.clone());
    Ok(Roster { state, router, demo, background })
}

async fn not_found() -> ApiError {
    ApiError::code(generic::NOT_FOUND)
}

async fn method_not_allowed() -> ApiError {
    ApiError::code(generic::METHOD_NOT_ALLOWED)
}

/// Every route, the JSON fallbacks and the envelope middleware.
pub fn router(state: AppState) -> Router {
    let mut routes = api::routes();
    if state.emulator.is_some() {
        routes = routes.merge(emulator::routes());
    }
    routes
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::envelope))
        .with_state(state)
}

/// Serves until `shutdown` resolves, with the background jobs running alongside.
pub async fn run(roster: Roster, listener: TcpListener, shutdown: impl Future<Output = ()>) {
    let jobs = jobs::spawn_all(&roster.state);
    crate::http::serve::serve(listener, roster.router, shutdown).await;
    jobs.shutdown().await;
    drop(roster.background);
}
