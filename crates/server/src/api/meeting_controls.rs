//! Roster's meeting controls under `/open-apis/roster/v1/…` (user tokens): join and leave, lock,
//! and busy marks, the self-hosted equivalent of the emulator's `/_roster/v1/meetings/…`. A user
//! moves themselves; the host (or the reserve's owner) moves anyone and locks the meeting; a user
//! marks only themselves busy.

use crate::api::vc::{id_type, meeting_to_wire};
use crate::http::errors::ApiError;
use crate::http::extract::{Json, Path, UserCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::routing::post;
use roster_domain::ids::UserIdType;
use roster_domain::services::meetings::controls::{self, Authority, Presence};
use roster_domain::services::meetings::{PartyRef, parse_long_id};
use roster_proto::vc::{BusyBody, BusyData, LockBody, MeetingData, PresenceBody};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/roster/v1/meetings/{meeting_id}/participants", post(participants))
        .route("/open-apis/roster/v1/meetings/{meeting_id}/lock", post(lock))
        .route("/open-apis/roster/v1/users/{user_id}/busy", post(busy))
}

/// A presence request: who, in which id type, joining or leaving.
pub(crate) fn presence_request(b: PresenceBody) -> Result<(PartyRef, UserIdType, Presence), ApiError> {
    let action = match b.action.as_deref() {
        Some("join") => Presence::Join,
        Some("leave") => Presence::Leave,
        _ => return Err(ApiError::invalid("action", "must be join or leave")),
    };
    let id_type = id_type(b.user_id_type.as_deref())?;
    Ok((PartyRef { id: b.user_id, user_type: b.user_type }, id_type, action))
}

pub(crate) fn lock_request(b: &LockBody) -> Result<bool, ApiError> {
    b.locked.ok_or_else(|| ApiError::invalid("locked", "is required"))
}

pub(crate) fn busy_request(b: &BusyBody) -> Result<(bool, UserIdType), ApiError> {
    let busy = b.busy.ok_or_else(|| ApiError::invalid("busy", "is required"))?;
    Ok((busy, id_type(b.user_id_type.as_deref())?))
}

async fn participants(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Path(raw): Path<String>,
    Json(body): Json<PresenceBody>,
) -> Result<Reply<MeetingData>, ApiError> {
    let id = parse_long_id("meeting_id", &raw)?;
    let (who, id_type, action) = presence_request(body)?;
    let actor = caller.user.ok_or_else(|| ApiError::invalid("token", "must be a user access token"))?;
    let env = state.env();
    let now = env.now;
    let v = state
        .db
        .write(move |tx| controls::set_presence(tx, &env, &caller, Authority::User(actor), id, id_type, &who, action))
        .await?;
    Ok(Reply(MeetingData { meeting: meeting_to_wire(&state.public_url, now, &v, false) }))
}

async fn lock(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Path(raw): Path<String>,
    Json(body): Json<LockBody>,
) -> Result<Reply<MeetingData>, ApiError> {
    let id = parse_long_id("meeting_id", &raw)?;
    let locked = lock_request(&body)?;
    let actor = caller.user.ok_or_else(|| ApiError::invalid("token", "must be a user access token"))?;
    let env = state.env();
    let now = env.now;
    let v = state
        .db
        .write(move |tx| controls::set_lock(tx, &env, &caller, Authority::User(actor), id, UserIdType::OpenId, locked))
        .await?;
    Ok(Reply(MeetingData { meeting: meeting_to_wire(&state.public_url, now, &v, false) }))
}

async fn busy(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Path(user_id): Path<String>,
    Json(body): Json<BusyBody>,
) -> Result<Reply<BusyData>, ApiError> {
    let (busy, id_type) = busy_request(&body)?;
    let actor = caller.user.ok_or_else(|| ApiError::invalid("token", "must be a user access token"))?;
    let env = state.env();
    let who = user_id.clone();
    state
        .db
        .write(move |tx| controls::set_busy(tx, &env, &caller, Authority::User(actor), id_type, &who, busy))
        .await?;
    Ok(Reply(BusyData { user_id, busy }))
}
