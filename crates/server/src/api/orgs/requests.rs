//! `/open-apis/roster/v1/org/join_requests`: list, approve (choosing the seat) and reject.

use super::convert::{IdTypes, Render, page, parse_id, parse_token};
use super::members::seat_choice;
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::model::{JoinRequestId, RequestStatus};
use roster_domain::services::orgs::{page_size, requests};
use roster_proto::org::{JoinRequestData, ListQuery, Page, SeatChoiceBody};

pub async fn list(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
) -> Result<Reply<Page<JoinRequestData>>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let limit = page_size(q.page_size, state.settings.orgs.max_page_size)?;
    let before = parse_token(q.page_token.as_deref())?.map(JoinRequestId);
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            RequestStatus::parse(s)
                .ok_or_else(|| ApiError::invalid("status", "must be pending, approved or rejected"))?,
        ),
    };
    let (env, link_base) = (state.env(), state.public_url.clone());
    let page = state
        .db
        .read(move |tx| {
            let p = requests::list(tx, &caller, status, before, limit)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            page(p, |x| r.request(tx, x))
        })
        .await?;
    Ok(Reply(page))
}

pub async fn approve(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
    Json(body): Json<SeatChoiceBody>,
) -> Result<Reply<JoinRequestData>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let id = JoinRequestId(parse_id("request_id", &id)?);
    let choice = seat_choice(Some(&body))?;
    let (env, link_base) = (state.env(), state.public_url.clone());
    let data = state
        .db
        .write(move |tx| {
            let (req, _) = requests::approve(tx, &env, &caller, id, choice)?;
            Render { env: &env, caller: &caller, ids, link_base: &link_base }.request(tx, &req)
        })
        .await?;
    Ok(Reply(data))
}

pub async fn reject(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Reply<JoinRequestData>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let id = JoinRequestId(parse_id("request_id", &id)?);
    let (env, link_base) = (state.env(), state.public_url.clone());
    let data = state
        .db
        .write(move |tx| {
            let req = requests::reject(tx, &env, &caller, id)?;
            Render { env: &env, caller: &caller, ids, link_base: &link_base }.request(tx, &req)
        })
        .await?;
    Ok(Reply(data))
}
