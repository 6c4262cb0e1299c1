//! `im/v1/chats` handlers: create, get, update, dissolve, list, search, share link.

use super::convert::{
    ChatQuery, chat_to_wire, chat_token, create_fields, encode_chat_token, page_size, seq_token, update_fields,
    user_id_type,
};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query};
use crate::http::reply::{Reply, empty};
use crate::state::AppState;
use axum::extract::State;
use roster_domain::ids::ChatId;
use roster_domain::model::ChatOwner;
use roster_domain::services::chats::create::{self, CreateChat};
use roster_domain::services::chats::links::{self, LinkValidity};
use roster_domain::services::chats::listing::{self, ChatList};
use roster_domain::services::chats::update;
use roster_domain::services::{Caller, Env};
use roster_domain::store::ChatSort;
use roster_proto::envelope::Empty;
use roster_proto::im::{self as wire, ChatObject, LinkBody, LinkData, ListChat, Page};

pub async fn create(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ChatQuery>,
    Json(body): Json<wire::CreateChatBody>,
) -> Result<Reply<ChatObject>, ApiError> {
    let id_type = user_id_type(q.user_id_type.as_deref())?;
    let (fields, user_ids, bot_ids, external) = create_fields(body)?;
    let input = CreateChat {
        fields,
        user_ids,
        bot_ids,
        external,
        set_bot_manager: q.set_bot_manager.unwrap_or(false),
        uuid: q.uuid,
        id_type,
    };
    let (env, c) = (state.env(), caller.clone());
    let view = state.db.write(move |tx| create::create_chat(tx, &env, &c, &input)).await?;
    Ok(Reply(chat_to_wire(&state.env(), &caller.app, id_type, &view, true, false)))
}

pub async fn get(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
) -> Result<Reply<ChatObject>, ApiError> {
    let id_type = user_id_type(q.user_id_type.as_deref())?;
    let (env, c) = (state.env(), caller.clone());
    let view = state.db.read(move |tx| update::get_chat(tx, &env, &c, &chat_id)).await?;
    Ok(Reply(chat_to_wire(&state.env(), &caller.app, id_type, &view, false, true)))
}

pub async fn update(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
    Json(body): Json<wire::UpdateChatBody>,
) -> Result<Reply<Empty>, ApiError> {
    let id_type = user_id_type(q.user_id_type.as_deref())?;
    let fields = update_fields(body)?;
    let env = state.env();
    state.db.write(move |tx| update::update_chat(tx, &env, &caller, &chat_id, id_type, &fields)).await?;
    Ok(empty())
}

pub async fn dissolve(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
) -> Result<Reply<Empty>, ApiError> {
    let env = state.env();
    state.db.write(move |tx| update::dissolve_chat(tx, &env, &caller, &chat_id)).await?;
    Ok(empty())
}

fn list_page(env: &Env, caller: &Caller, id_type: roster_domain::ids::UserIdType, list: ChatList) -> Page<ListChat> {
    let items = list
        .items
        .iter()
        .map(|i| ListChat {
            chat_id: env.chat_id(i.chat.id),
            avatar: i.chat.avatar.clone(),
            name: i.chat.name.clone(),
            description: i.chat.description.clone(),
            owner_id: i.owner.as_ref().map(|o| env.render_user_id(&caller.app, id_type, o)),
            owner_id_type: match i.chat.owner {
                ChatOwner::User(_) => Some(id_type.as_str().into()),
                ChatOwner::Bot(_) => None,
            },
            external: i.chat.external,
            tenant_key: i.tenant_key.clone(),
            chat_status: i.chat.status.as_str().into(),
        })
        .collect();
    Page { items, page_token: list.next.as_ref().map(encode_chat_token), has_more: list.next.is_some() }
}

pub async fn list(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ChatQuery>,
) -> Result<Reply<Page<ListChat>>, ApiError> {
    let id_type = user_id_type(q.user_id_type.as_deref())?;
    let sort = match q.sort_type.as_deref() {
        None | Some("") | Some("ByCreateTimeAsc") => ChatSort::ByCreateTimeAsc,
        Some("ByActiveTimeDesc") => ChatSort::ByActiveTimeDesc,
        Some(_) => return Err(ApiError::invalid("sort_type", "must be ByCreateTimeAsc or ByActiveTimeDesc")),
    };
    let size = page_size(q.page_size)?;
    let after = chat_token(q.page_token.as_deref())?;
    let (env, c) = (state.env(), caller.clone());
    let list = state.db.read(move |tx| listing::list_chats(tx, &env, &c, sort, after, size)).await?;
    Ok(Reply(list_page(&state.env(), &caller, id_type, list)))
}

pub async fn search(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ChatQuery>,
) -> Result<Reply<Page<ListChat>>, ApiError> {
    let id_type = user_id_type(q.user_id_type.as_deref())?;
    let size = page_size(q.page_size)?;
    let after = match q.page_token.as_deref() {
        Some(t) if t.contains('_') => chat_token(Some(t))?.map(|c| c.id),
        other => seq_token(other)?.map(ChatId),
    };
    let query = q.query.unwrap_or_default();
    let (env, c) = (state.env(), caller.clone());
    let list = state.db.read(move |tx| listing::search_chats(tx, &env, &c, &query, after, size)).await?;
    Ok(Reply(list_page(&state.env(), &caller, id_type, list)))
}

/// The public URL of a share link.
pub fn share_url(state: &AppState, token: &str) -> String {
    format!("{}/open-apis/roster/v1/chat_links/{token}", state.public_url)
}

pub async fn link(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Json(body): Json<LinkBody>,
) -> Result<Reply<LinkData>, ApiError> {
    let validity = match body.validity_period.as_deref() {
        None | Some("") => LinkValidity::Week,
        Some(v) => LinkValidity::parse(v)
            .ok_or_else(|| ApiError::invalid("validity_period", "must be week, year or permanently"))?,
    };
    let env = state.env();
    let link = state.db.write(move |tx| links::create_link(tx, &env, &caller, &chat_id, validity)).await?;
    Ok(Reply(LinkData {
        share_link: share_url(&state, &link.token),
        expire_time: link.expires_at.map_or(0, |t| t.secs()).to_string(),
        is_permanent: link.expires_at.is_none(),
    }))
}
