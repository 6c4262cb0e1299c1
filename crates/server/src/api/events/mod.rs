//! Roster's event API under `/open-apis/roster/v1/events/…`, for the calling app (tenant token):
//! its subscription, its delivery log and its replayable feed. The long connection's endpoint
//! and socket (`/callback/ws/…`) are mounted here too.

mod convert;
mod log;
mod subscription;

pub use convert::delivery_item;
pub use subscription::apply_and_verify;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/open-apis/roster/v1/events/subscription",
            get(subscription::get_subscription).patch(subscription::patch_subscription),
        )
        .route("/open-apis/roster/v1/events/deliveries", get(log::list))
        .route("/open-apis/roster/v1/events/deliveries/{delivery_id}", get(log::get_one))
        .route("/open-apis/roster/v1/events/feed", get(log::feed))
        .merge(crate::events::longconn::routes())
}
