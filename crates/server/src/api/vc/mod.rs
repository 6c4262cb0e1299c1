//! `vc/v1`: meeting reserves and meetings (spec §5, seed 002).

mod convert;
mod meetings;
mod reserves;

pub use convert::{id_type, meeting_to_wire};

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, patch, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/vc/v1/reserves/apply", post(reserves::apply))
        .route(
            "/open-apis/vc/v1/reserves/{reserve_id}",
            get(reserves::get).put(reserves::update).delete(reserves::delete),
        )
        .route("/open-apis/vc/v1/reserves/{reserve_id}/get_active_meeting", get(reserves::active_meeting))
        .route("/open-apis/vc/v1/meetings/list_by_no", get(meetings::list_by_no))
        .route("/open-apis/vc/v1/meetings/{meeting_id}", get(meetings::get))
        .route("/open-apis/vc/v1/meetings/{meeting_id}/invite", patch(meetings::invite))
        .route("/open-apis/vc/v1/meetings/{meeting_id}/kickout", post(meetings::kickout))
        .route("/open-apis/vc/v1/meetings/{meeting_id}/set_host", patch(meetings::set_host))
        .route("/open-apis/vc/v1/meetings/{meeting_id}/end", patch(meetings::end))
}
