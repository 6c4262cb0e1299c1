//! `vc/v1/meetings` handlers: get, invite, kickout, set_host, end, list_by_no.

use super::convert::{VcQuery, host_user, join_url, meeting_to_wire, party_ref, party_refs};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query, TenantCaller, UserCaller};
use crate::http::reply::{Reply, empty};
use crate::state::AppState;
use axum::extract::State;
use roster_domain::ids::MeetingId;
use roster_domain::model::TokenKind;
use roster_domain::services::meetings::live::{self, ListByNo};
use roster_domain::services::meetings::{name_users, parse_long_id};
use roster_proto::de::opt_int_or_string;
use roster_proto::envelope::Empty;
use roster_proto::vc::*;
use serde::Deserialize;

fn meeting_id(raw: &str) -> Result<MeetingId, ApiError> {
    Ok(MeetingId(parse_long_id("meeting_id", raw)?))
}

pub async fn get(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(raw): Path<String>,
    Query(q): Query<VcQuery>,
) -> Result<Reply<MeetingData>, ApiError> {
    let (id, id_type) = (meeting_id(&raw)?, q.id_type()?);
    if !matches!(q.query_mode, None | Some(0) | Some(1)) {
        return Err(ApiError::invalid("query_mode", "must be 0 or 1"));
    }
    let with_participants = q.with_participants.unwrap_or(false);
    let with_ability = q.with_meeting_ability.unwrap_or(false) && caller.token == TokenKind::Tenant;
    let env = state.env();
    let now = env.now;
    let v = state.db.read(move |tx| live::get(tx, &env, &caller, id_type, id, with_participants)).await?;
    Ok(Reply(MeetingData { meeting: meeting_to_wire(&state.public_url, now, &v, with_ability) }))
}

pub async fn invite(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Path(raw): Path<String>,
    Query(q): Query<VcQuery>,
    Json(body): Json<InviteBody>,
) -> Result<Reply<InviteData>, ApiError> {
    let (id, id_type) = (meeting_id(&raw)?, q.id_type()?);
    let invitees = party_refs(body.invitees);
    let env = state.env();
    let results = state.db.write(move |tx| live::invite(tx, &env, &caller, id_type, id, &invitees)).await?;
    let invite_results = results
        .into_iter()
        .map(|r| InviteStatus { id: r.id, user_type: r.user_type, status: if r.outcome.is_ok() { 1 } else { 2 } })
        .collect();
    Ok(Reply(InviteData { invite_results }))
}

pub async fn kickout(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(raw): Path<String>,
    Query(q): Query<VcQuery>,
    Json(body): Json<KickoutBody>,
) -> Result<Reply<KickoutData>, ApiError> {
    let (id, id_type) = (meeting_id(&raw)?, q.id_type()?);
    let users = party_refs(body.kickout_users);
    let env = state.env();
    let results = state.db.write(move |tx| live::kickout(tx, &env, &caller, id_type, id, &users)).await?;
    let kickout_results = results
        .into_iter()
        .map(|r| KickoutResult { id: r.id, user_type: r.user_type, result: if r.outcome.is_ok() { 1 } else { 2 } })
        .collect();
    Ok(Reply(KickoutData { kickout_results }))
}

pub async fn set_host(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(raw): Path<String>,
    Query(q): Query<VcQuery>,
    Json(body): Json<SetHostBody>,
) -> Result<Reply<SetHostData>, ApiError> {
    let (id, id_type) = (meeting_id(&raw)?, q.id_type()?);
    let host = body.host_user.map(party_ref);
    let old = body.old_host_user.map(party_ref);
    let env = state.env();
    let names = state
        .db
        .write(move |tx| {
            let user = live::set_host(tx, &env, &caller, id_type, id, host.as_ref(), old.as_ref())?;
            Ok((user, name_users(tx, &env, &caller, id_type, [user])?))
        })
        .await?;
    let (user, names) = names;
    let host_user = host_user(&names, Some(user)).ok_or_else(|| ApiError::invalid("host_user", "cannot be named"))?;
    Ok(Reply(SetHostData { host_user }))
}

pub async fn end(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Path(raw): Path<String>,
) -> Result<Reply<Empty>, ApiError> {
    let id = meeting_id(&raw)?;
    let env = state.env();
    state.db.write(move |tx| live::end(tx, &env, &caller, id)).await?;
    Ok(empty())
}

#[derive(Debug, Default, Deserialize)]
pub struct ListByNoQuery {
    meeting_no: Option<String>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    start_time: Option<i64>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    end_time: Option<i64>,
    page_token: Option<String>,
    #[serde(default, deserialize_with = "opt_int_or_string")]
    page_size: Option<i64>,
}

pub async fn list_by_no(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListByNoQuery>,
) -> Result<Reply<ListByNoData>, ApiError> {
    let params = ListByNo {
        meeting_no: q.meeting_no,
        start_time: q.start_time,
        end_time: q.end_time,
        page_size: q.page_size,
        page_token: q.page_token,
    };
    let env = state.env();
    let page = state.db.read(move |tx| live::list_by_no(tx, &env, &caller, &params)).await?;
    let meeting_briefs = page
        .meetings
        .iter()
        .map(|m| MeetingBrief {
            id: m.id.0.to_string(),
            topic: m.settings.topic.clone(),
            url: join_url(&state.public_url, &m.meeting_no),
            meeting_no: m.meeting_no.clone(),
            password: m.settings.password.clone(),
            meeting_connect: m.settings.meeting_connect,
        })
        .collect();
    Ok(Reply(ListByNoData {
        has_more: page.next_page_token.is_some(),
        page_token: page.next_page_token,
        meeting_briefs,
    }))
}
