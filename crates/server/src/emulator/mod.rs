//! The emulator, served only with `--demo` under `/_roster/v1/…`: what the cloud cannot do for
//! Lark developers' tests (move time, inject faults, replay requests, reset, extra tenants, collaborations). These
//! endpoints are a public contract, documented in README.

mod chats;
mod contact;
mod events;
mod faults;
mod handlers;
mod meetings;
mod requests;

pub use faults::{Fault, Faults};
pub use handlers::credentials;
pub use requests::RequestLog;

use crate::state::AppState;
use axum::Router;
use axum::routing::{patch, post};

/// The emulator's runtime state.
#[derive(Default)]
pub struct Emulator {
    pub faults: Faults,
    pub requests: RequestLog,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/_roster/v1/demo", axum::routing::get(handlers::demo))
        .route("/_roster/v1/user_access_token", post(handlers::user_access_token))
        .route("/_roster/v1/clock", axum::routing::get(handlers::clock_now))
        .route("/_roster/v1/clock/advance", post(handlers::clock_advance))
        .route(
            "/_roster/v1/faults",
            post(handlers::add_fault).delete(handlers::clear_faults).get(handlers::list_faults),
        )
        .route("/_roster/v1/requests", axum::routing::get(handlers::requests))
        .route("/_roster/v1/reset", post(handlers::reset))
        .route("/_roster/v1/apps/{app_id}", patch(handlers::patch_app))
        .route("/_roster/v1/tenants", post(handlers::create_tenant))
        .route("/_roster/v1/rate_limits", post(handlers::rate_limits))
        .route("/_roster/v1/collaborations", post(chats::establish))
        .route("/_roster/v1/apps/{app_id}/bot", patch(chats::set_bot))
        .route("/_roster/v1/apps/{app_id}/contact_scope", patch(contact::set_contact_scope))
        .route("/_roster/v1/events", axum::routing::get(events::all_deliveries))
        .route("/_roster/v1/meetings/{meeting_id}/participants", post(meetings::participants))
        .route("/_roster/v1/meetings/{meeting_id}/lock", post(meetings::lock))
        .route("/_roster/v1/users/{user_id}/busy", post(meetings::busy))
}
