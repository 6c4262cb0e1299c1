//! The shared application state handlers receive: the store, the clock, the id codec, settings,
//! rate limits, the auth cache and (with `--demo`) the emulator's controls.

use crate::config::Config;
use crate::emulator::Emulator;
use crate::http::authcache::AuthCache;
use crate::http::ratelimit::RateLimiter;
use roster_domain::clock::{Clock, OffsetClock};
use roster_domain::codec::IdCodec;
use roster_domain::services::Env;
use roster_domain::settings::Settings;
use roster_domain::store::Db;
use std::ops::Deref;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    /// Real time plus the emulator's offset (0 outside `--demo`).
    pub clock: Arc<OffsetClock>,
    pub codec: Arc<IdCodec>,
    pub settings: Arc<Settings>,
    pub config: Arc<Config>,
    pub limiter: RateLimiter,
    pub auth_cache: AuthCache,
    /// Rendered user replies, valid while the store's contact generation stands still.
    pub(crate) user_replies: crate::api::contact::users::reply_cache::UserReplyCache,
    /// Present only with `--demo`.
    pub emulator: Option<Emulator>,
    /// Where people and SDKs reach this server, without a trailing slash.
    pub public_url: String,
    /// Event delivery's runtime: the webhook client, long connections, the dispatcher's wake-up.
    pub events: crate::events::Events,
    /// The lifecycle job's runtime (one sweep at a time).
    pub lifecycle: crate::jobs::lifecycle::Runtime,
}

impl AppState {
    pub fn new(inner: Inner) -> Self {
        AppState(Arc::new(inner))
    }

    /// The environment of one request, with the time read once now.
    pub fn env(&self) -> Env {
        Env { now: self.clock.now(), codec: self.codec.clone(), settings: self.settings.clone() }
    }
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
