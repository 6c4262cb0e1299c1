//! Roster's own chat administration API under `/open-apis/roster/v1/…`: the tenant's chat
//! policy and collaborations (tenant admins), join requests (owners and managers), and share
//! links: what they lead to, following them, and their QR codes.

mod links;
mod policy;
mod requests;

use crate::state::AppState;
use axum::Router;
use axum::routing::{delete, get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/roster/v1/chat_policy", get(policy::get_policy).patch(policy::patch_policy))
        .route(
            "/open-apis/roster/v1/collaborations",
            get(policy::list_collaborations).post(policy::approve_collaboration),
        )
        .route("/open-apis/roster/v1/collaborations/{tenant_key}", delete(policy::end_collaboration))
        .route("/open-apis/roster/v1/chats/{chat_id}/join_requests", get(requests::list))
        .route("/open-apis/roster/v1/chats/{chat_id}/join_requests/{request_id}/approve", post(requests::approve))
        .route("/open-apis/roster/v1/chats/{chat_id}/join_requests/{request_id}/reject", post(requests::reject))
        .route("/open-apis/roster/v1/chats/{chat_id}/join_requests/{request_id}/withdraw", post(requests::withdraw))
        .route("/open-apis/roster/v1/chat_links/{token}", get(links::info))
        .route("/open-apis/roster/v1/chat_links/{token}/join", post(links::join))
        .route("/open-apis/roster/v1/chat_links/{token}/qr.svg", get(links::qr_svg))
        .route("/open-apis/roster/v1/chat_links/{token}/qr.png", get(links::qr_png))
}
