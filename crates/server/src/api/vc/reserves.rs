//! `vc/v1/reserves` handlers: apply, get, update, delete, get_active_meeting.

use super::convert::{VcQuery, meeting_to_wire, reserve_data, settings_input};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query};
use crate::http::reply::{Reply, empty};
use crate::state::AppState;
use axum::extract::State;
use roster_domain::ids::ReserveId;
use roster_domain::services::meetings::reserves::{self, ReserveInput};
use roster_domain::services::meetings::{live, parse_long_id};
use roster_proto::envelope::Empty;
use roster_proto::vc::{MeetingData, ReserveBody, ReserveData};

fn input(b: ReserveBody) -> ReserveInput {
    ReserveInput { end_time: b.end_time, owner_id: b.owner_id, settings: b.meeting_settings.map(settings_input) }
}

fn reserve_id(raw: &str) -> Result<ReserveId, ApiError> {
    Ok(ReserveId(parse_long_id("reserve_id", raw)?))
}

pub async fn apply(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<VcQuery>,
    Json(body): Json<ReserveBody>,
) -> Result<Reply<ReserveData>, ApiError> {
    let id_type = q.id_type()?;
    let input = input(body);
    let env = state.env();
    let now = env.now;
    let v = state.db.write(move |tx| reserves::apply(tx, &env, &caller, id_type, &input)).await?;
    Ok(Reply(reserve_data(&state.public_url, now, &v, true)))
}

pub async fn get(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(raw): Path<String>,
    Query(q): Query<VcQuery>,
) -> Result<Reply<ReserveData>, ApiError> {
    let (id, id_type) = (reserve_id(&raw)?, q.id_type()?);
    let env = state.env();
    let now = env.now;
    let v = state.db.read(move |tx| reserves::get(tx, &env, &caller, id_type, id)).await?;
    Ok(Reply(reserve_data(&state.public_url, now, &v, false)))
}

pub async fn update(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(raw): Path<String>,
    Query(q): Query<VcQuery>,
    Json(body): Json<ReserveBody>,
) -> Result<Reply<ReserveData>, ApiError> {
    let (id, id_type) = (reserve_id(&raw)?, q.id_type()?);
    let input = input(body);
    let env = state.env();
    let now = env.now;
    let v = state.db.write(move |tx| reserves::update(tx, &env, &caller, id_type, id, &input)).await?;
    Ok(Reply(reserve_data(&state.public_url, now, &v, true)))
}

pub async fn delete(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(raw): Path<String>,
) -> Result<Reply<Empty>, ApiError> {
    let id = reserve_id(&raw)?;
    state.db.write(move |tx| reserves::delete(tx, &caller, id)).await?;
    Ok(empty())
}

pub async fn active_meeting(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(raw): Path<String>,
    Query(q): Query<VcQuery>,
) -> Result<Reply<MeetingData>, ApiError> {
    let (id, id_type) = (reserve_id(&raw)?, q.id_type()?);
    let with_participants = q.with_participants.unwrap_or(false);
    let env = state.env();
    let now = env.now;
    let v: live::MeetingView =
        state.db.read(move |tx| reserves::active_meeting(tx, &env, &caller, id_type, id, with_participants)).await?;
    Ok(Reply(MeetingData { meeting: meeting_to_wire(&state.public_url, now, &v, false) }))
}
