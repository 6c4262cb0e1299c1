//! `im/v1`: group chats, their members, managers and moderation (spec §3).

mod chats;
mod convert;
mod members;

pub use chats::share_url;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, patch, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/im/v1/chats", post(chats::create).get(chats::list))
        .route("/open-apis/im/v1/chats/search", get(chats::search))
        .route("/open-apis/im/v1/chats/{chat_id}", get(chats::get).put(chats::update).delete(chats::dissolve))
        .route("/open-apis/im/v1/chats/{chat_id}/link", post(chats::link))
        .route(
            "/open-apis/im/v1/chats/{chat_id}/members",
            post(members::add).delete(members::remove).get(members::list),
        )
        .route("/open-apis/im/v1/chats/{chat_id}/members/me_join", patch(members::me_join))
        .route("/open-apis/im/v1/chats/{chat_id}/members/is_in_chat", get(members::is_in_chat))
        .route("/open-apis/im/v1/chats/{chat_id}/managers/add_managers", post(members::add_managers))
        .route("/open-apis/im/v1/chats/{chat_id}/managers/delete_managers", post(members::delete_managers))
        .route(
            "/open-apis/im/v1/chats/{chat_id}/moderation",
            get(members::get_moderation).put(members::update_moderation),
        )
}
