//! Join requests of a chat: list (owners and managers), approve, reject, withdraw.

use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Path, Query};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::ids::UserIdType;
use roster_domain::model::{App, ChatJoinRequestId, JoinRequestStatus};
use roster_domain::services::chats::requests::{self, Party, RequestView};
use roster_domain::services::{Caller, Env};
use roster_proto::chat_admin as wire;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct RequestsQuery {
    user_id_type: Option<String>,
    status: Option<String>,
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    page_size: Option<i64>,
    page_token: Option<String>,
}

fn id_type(q: &RequestsQuery) -> Result<UserIdType, ApiError> {
    match q.user_id_type.as_deref() {
        None | Some("") => Ok(UserIdType::OpenId),
        Some(t) => UserIdType::parse(t)
            .ok_or_else(|| ApiError::invalid("user_id_type", "must be open_id, union_id or user_id")),
    }
}

fn actor(env: &Env, app: &App, p: &Party) -> wire::Actor {
    match p {
        Party::User(u) => wire::Actor { kind: "user".into(), id: env.open_id(app, *u) },
        Party::Bot(app_id) => wire::Actor { kind: "bot".into(), id: app_id.clone() },
        Party::System => wire::Actor { kind: "system".into(), id: String::new() },
    }
}

/// A request in the caller's id type; `requested_by`/`decided_by` users are open_ids.
fn to_wire(env: &Env, caller: &Caller, t: UserIdType, v: &RequestView) -> wire::JoinRequest {
    let r = &v.request;
    let (user_id, name) = match &v.user {
        Some(u) if t == UserIdType::UserId && u.tenant != caller.tenant => (String::new(), u.name.clone()),
        Some(u) => (env.render_user_id(&caller.app, t, u), u.name.clone()),
        None => (String::new(), String::new()),
    };
    wire::JoinRequest {
        request_id: r.id.0.to_string(),
        chat_id: env.chat_id(r.chat),
        user_id,
        name,
        via: r.via.as_str().into(),
        requested_by: actor(env, &caller.app, &v.requested_by),
        status: r.status.as_str().into(),
        create_time: r.created_at.secs().to_string(),
        decided_by: v.decided_by.as_ref().map(|p| actor(env, &caller.app, p)),
        decide_time: r.decided_at.map(|t| t.secs().to_string()),
    }
}

pub async fn list(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<RequestsQuery>,
) -> Result<Reply<wire::JoinRequestPage>, ApiError> {
    let t = id_type(&q)?;
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            JoinRequestStatus::parse(s)
                .ok_or_else(|| ApiError::invalid("status", "must be pending, approved, rejected or withdrawn"))?,
        ),
    };
    let size = match q.page_size {
        None => 20,
        Some(n) if (1..=100).contains(&n) => n as u32,
        Some(_) => return Err(ApiError::invalid("page_size", "must be 1-100")),
    };
    let after = match q.page_token.as_deref() {
        None | Some("") => None,
        Some(s) => Some(ChatJoinRequestId(
            s.parse().map_err(|_| ApiError::invalid("page_token", "is not a token this server issued"))?,
        )),
    };
    let (env, c) = (state.env(), caller.clone());
    let page = state.db.read(move |tx| requests::list_requests(tx, &env, &c, &chat_id, status, after, size)).await?;
    let env = state.env();
    Ok(Reply(wire::JoinRequestPage {
        items: page.items.iter().map(|v| to_wire(&env, &caller, t, v)).collect(),
        page_token: page.next.map(|n| n.0.to_string()),
        has_more: page.next.is_some(),
    }))
}

#[derive(Clone, Copy)]
enum Decision {
    Approve,
    Reject,
    Withdraw,
}

async fn decide(
    state: AppState,
    caller: Caller,
    chat_id: String,
    request_id: String,
    q: RequestsQuery,
    d: Decision,
) -> Result<Reply<wire::JoinRequestData>, ApiError> {
    let t = id_type(&q)?;
    let id =
        ChatJoinRequestId(request_id.parse().map_err(|_| ApiError::invalid("request_id", "must be a request id"))?);
    let (env, c) = (state.env(), caller.clone());
    let v = state
        .db
        .write(move |tx| match d {
            Decision::Approve => requests::approve(tx, &env, &c, &chat_id, id),
            Decision::Reject => requests::reject(tx, &env, &c, &chat_id, id),
            Decision::Withdraw => requests::withdraw(tx, &env, &c, &chat_id, id),
        })
        .await?;
    Ok(Reply(wire::JoinRequestData { join_request: to_wire(&state.env(), &caller, t, &v) }))
}

pub async fn approve(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path((chat_id, request_id)): Path<(String, String)>,
    Query(q): Query<RequestsQuery>,
) -> Result<Reply<wire::JoinRequestData>, ApiError> {
    decide(state, caller, chat_id, request_id, q, Decision::Approve).await
}

pub async fn reject(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path((chat_id, request_id)): Path<(String, String)>,
    Query(q): Query<RequestsQuery>,
) -> Result<Reply<wire::JoinRequestData>, ApiError> {
    decide(state, caller, chat_id, request_id, q, Decision::Reject).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path((chat_id, request_id)): Path<(String, String)>,
    Query(q): Query<RequestsQuery>,
) -> Result<Reply<wire::JoinRequestData>, ApiError> {
    decide(state, caller, chat_id, request_id, q, Decision::Withdraw).await
}
