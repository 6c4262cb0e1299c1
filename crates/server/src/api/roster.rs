//! Roster's own endpoints under `/open-apis/roster/v1/…` that need no area of their own: the
//! no-op baseline the benchmark compares against, and a health check.

use crate::http::reply::{Reply, empty};
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use roster_proto::envelope::Empty;
use serde_json::{Value, json};

pub fn routes() -> Router<AppState> {
    Router::new().route("/open-apis/roster/v1/noop", get(noop)).route("/open-apis/roster/v1/health", get(health))
}

/// Does nothing, through the same middleware as every endpoint: the bench's baseline.
async fn noop() -> Reply<Empty> {
    empty()
}

async fn health(State(state): State<AppState>) -> Reply<Value> {
    Reply(json!({
        "status": "ok",
        "store": state.db.backend_name(),
        "version": env!("CARGO_PKG_VERSION"),
        "demo": state.emulator.is_some(),
    }))
}
