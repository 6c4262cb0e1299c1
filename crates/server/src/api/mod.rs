//! The Open API, one module per Lark resource (plus Roster's own `/open-apis/roster/…`). Handlers
//! parse and authenticate, run a domain use-case through the store, and shape the result.

mod auth;
mod authen;
mod chat_admin;
pub(crate) mod contact;
pub(crate) mod events;
mod im;
mod lifecycle;
pub(crate) mod meeting_controls;
mod oauth;
mod orgs;
mod roster;
pub(crate) mod vc;

use crate::state::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(auth::routes())
        .merge(authen::routes())
        .merge(contact::routes())
        .merge(im::routes())
        .merge(chat_admin::routes())
        .merge(oauth::routes())
        .merge(roster::routes())
        .merge(vc::routes())
        .merge(meeting_controls::routes())
        .merge(orgs::routes())
        .merge(events::routes())
        .merge(lifecycle::routes())
}
