//! The emulator's meeting controls (demo only): people join and leave, meetings lock, users are
//! busy on calls Roster cannot see. The id may name a meeting or a reserve (joining a reserve
//! starts its meeting); user ids are read in the id space of the app that reserved it.

use crate::api::meeting_controls::{busy_request, lock_request, presence_request};
use crate::api::vc::meeting_to_wire;
use crate::http::errors::ApiError;
use crate::http::extract::{Json, Path};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::Error;
use roster_domain::ids::UserIdType;
use roster_domain::services::demo;
use roster_domain::services::meetings::controls::{self, Authority};
use roster_domain::services::meetings::parse_long_id;
use roster_proto::vc::{BusyBody, BusyData, LockBody, MeetingData, PresenceBody};

pub async fn participants(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    Json(body): Json<PresenceBody>,
) -> Result<Reply<MeetingData>, ApiError> {
    let id = parse_long_id("meeting_id", &raw)?;
    let (who, id_type, action) = presence_request(body)?;
    let env = state.env();
    let now = env.now;
    let v = state
        .db
        .write(move |tx| {
            let caller = controls::emulator_caller(tx, id)?;
            controls::set_presence(tx, &env, &caller, Authority::Emulator, id, id_type, &who, action)
        })
        .await?;
    Ok(Reply(MeetingData { meeting: meeting_to_wire(&state.public_url, now, &v, false) }))
}

pub async fn lock(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    Json(body): Json<LockBody>,
) -> Result<Reply<MeetingData>, ApiError> {
    let id = parse_long_id("meeting_id", &raw)?;
    let locked = lock_request(&body)?;
    let env = state.env();
    let now = env.now;
    let v = state
        .db
        .write(move |tx| {
            let caller = controls::emulator_caller(tx, id)?;
            controls::set_lock(tx, &env, &caller, Authority::Emulator, id, UserIdType::OpenId, locked)
        })
        .await?;
    Ok(Reply(MeetingData { meeting: meeting_to_wire(&state.public_url, now, &v, false) }))
}

pub async fn busy(
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    Json(body): Json<BusyBody>,
) -> Result<Reply<BusyData>, ApiError> {
    let (busy, id_type) = busy_request(&body)?;
    let app_id = body.app_id.clone().filter(|a| !a.is_empty()).unwrap_or_else(|| demo::APP_ID.to_owned());
    let env = state.env();
    let who = user_id.clone();
    state
        .db
        .write(move |tx| {
            let app = tx.app_by_app_id(&app_id)?.ok_or(Error::NotFound { what: "app" })?;
            let caller = controls::app_caller(app);
            controls::set_busy(tx, &env, &caller, Authority::Emulator, id_type, &who, busy)
        })
        .await?;
    Ok(Reply(BusyData { user_id, busy }))
}
