//! Event delivery (spec §6): the dispatcher that fans outbox events out to the apps that may see
//! them and hands each one over (webhook or long connection) with Lark's retries; the renderer of
//! schema 2.0 envelopes; encryption and signatures; the url_verification challenge; and the long
//! connection the SDKs' WebSocket clients use.

pub mod crypto;
pub mod dispatcher;
pub mod longconn;
pub mod render;
pub mod webhook;

use crate::state::AppState;
use longconn::Hub;
use roster_domain::model::{App, EventEndpoint};
use roster_domain::services::events as service;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::runtime::Handle;
use tokio::sync::{Notify, watch};

/// The runtime parts of event delivery the server shares: the HTTP client webhooks go out on,
/// the long connections, and the dispatcher's wake-up.
pub struct Events {
    pub http: reqwest::Client,
    pub hub: Arc<Hub>,
    wake: Notify,
    stop: watch::Sender<bool>,
    /// Bumped when the emulator wipes the store: the dispatcher then forgets what it planned
    /// (the outbox restarts its seqs) and drops attempts of the old data unrecorded.
    generation: Arc<AtomicU64>,
    /// Where delivery runs: the lower-priority runtime of [`crate::jobs::background`].
    pub background: Handle,
}

impl Events {
    pub fn new(background: Handle) -> Self {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(32)
            .tcp_nodelay(true)
            .build()
            .expect("an HTTP client without TLS builds");
        Events {
            http,
            hub: Arc::new(Hub::default()),
            wake: Notify::new(),
            stop: watch::channel(false).0,
            generation: Arc::default(),
            background,
        }
    }

    /// Asks the dispatcher to look now rather than at its next tick.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub async fn woken(&self) {
        self.wake.notified().await;
    }

    /// Which store contents the dispatcher works on; see [`Events::generation_handle`].
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// A handle that a write transaction wiping the store calls [`bump`] on, inside the
    /// transaction, so the dispatcher's recorder (which checks it inside its own) never writes
    /// rows about wiped events into the new data.
    pub fn generation_handle(&self) -> Arc<AtomicU64> {
        self.generation.clone()
    }

    /// Resolves when the server is stopping (long connections close then).
    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stop.subscribe()
    }

    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }
}

/// Sends `endpoint`'s challenge as `app` receives it and records whether it was echoed.
pub async fn verify_endpoint(state: &AppState, app: &App, endpoint: &EventEndpoint) -> Result<(), String> {
    let timeout = Duration::from_millis(state.settings.events.challenge_timeout_ms);
    let outcome = webhook::verify(&state.events.http, app, &endpoint.url, &endpoint.challenge, timeout).await;
    let (env, sent, recorded) = (state.env(), endpoint.clone(), outcome.clone());
    if let Err(e) = state.db.write(move |tx| service::record_verification(tx, &env, &sent, recorded.clone())).await {
        tracing::warn!("recording the url_verification of app {}: {e}", app.app_id);
    }
    if outcome.is_ok() {
        state.events.wake();
    }
    outcome
}

/// Marks the store as wiped (see [`Events::generation_handle`]).
pub fn bump(generation: &AtomicU64) {
    generation.fetch_add(1, Ordering::SeqCst);
}
