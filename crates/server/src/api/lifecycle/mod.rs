//! Roster's self-service API of the account lifecycle (Lark has none): registering a personal
//! account (`POST /open-apis/roster/v1/accounts`, no token), and for the member behind a user
//! token `GET /me`, `POST /me/leave` and `DELETE /me/personal_account`. Dissolution and the
//! departure records sit with the organization API (`api/orgs/dissolution.rs`).

mod accounts;
pub(crate) mod convert;
mod me;

use crate::state::AppState;
use axum::Router;
use axum::routing::{delete, get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/roster/v1/accounts", post(accounts::register))
        .route("/open-apis/roster/v1/me", get(me::get))
        .route("/open-apis/roster/v1/me/leave", post(me::leave))
        .route("/open-apis/roster/v1/me/personal_account", delete(me::delete_personal_account))
}
