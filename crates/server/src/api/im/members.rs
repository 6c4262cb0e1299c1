//! `im/v1/chats/:chat_id/members` handlers: add, remove, me_join, list, is_in_chat; and the
//! managers and moderation handlers.

use super::convert::{ChatQuery, member_id_type, moderation_id_type, page_size, seq_token, user_id_type};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query};
use crate::http::reply::{Reply, empty};
use crate::state::AppState;
use axum::extract::State;
use roster_domain::model::ModerationPermission;
use roster_domain::services::chats::candidates::SucceedType;
use roster_domain::services::chats::managers::{self, ModerationChange};
use roster_domain::services::chats::members::{self, MemberIdType};
use roster_proto::envelope::Empty;
use roster_proto::im::{
    AddMembersData, IdListBody, IsInChatData, ListMember, ListModerator, ManagersBody, ManagersData, MembersPage,
    ModerationBody, ModerationData, RemoveMembersData,
};

pub async fn add(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
    Json(body): Json<IdListBody>,
) -> Result<Reply<AddMembersData>, ApiError> {
    let t = member_id_type(q.member_id_type.as_deref())?;
    let st = match q.succeed_type {
        None => SucceedType::FailOnUnknown,
        Some(n) => SucceedType::from_code(n).ok_or_else(|| ApiError::invalid("succeed_type", "must be 0, 1 or 2"))?,
    };
    let ids = body.id_list.unwrap_or_default();
    let env = state.env();
    let out = state.db.write(move |tx| members::add_members(tx, &env, &caller, &chat_id, t, st, &ids)).await?;
    Ok(Reply(AddMembersData {
        invalid_id_list: out.invalid,
        not_existed_id_list: out.not_existed,
        pending_approval_id_list: out.pending,
    }))
}

pub async fn remove(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
    Json(body): Json<IdListBody>,
) -> Result<Reply<RemoveMembersData>, ApiError> {
    let t = member_id_type(q.member_id_type.as_deref())?;
    let ids = body.id_list.unwrap_or_default();
    let env = state.env();
    let invalid = state.db.write(move |tx| members::remove_members(tx, &env, &caller, &chat_id, t, &ids)).await?;
    Ok(Reply(RemoveMembersData { invalid_id_list: invalid }))
}

pub async fn me_join(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
) -> Result<Reply<Empty>, ApiError> {
    let env = state.env();
    state.db.write(move |tx| members::me_join(tx, &env, &caller, &chat_id)).await?;
    Ok(empty())
}

pub async fn list(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
) -> Result<Reply<MembersPage>, ApiError> {
    let id_type = match member_id_type(q.member_id_type.as_deref())? {
        MemberIdType::User(t) => t,
        MemberIdType::App => return Err(ApiError::invalid("member_id_type", "bots are never listed")),
    };
    let size = page_size(q.page_size)?;
    let after = seq_token(q.page_token.as_deref())?;
    let (env, c) = (state.env(), caller.clone());
    let page = state.db.read(move |tx| members::list_members(tx, &env, &c, &chat_id, after, size)).await?;
    let env = state.env();
    let items = page
        .items
        .iter()
        .map(|(m, tenant_key)| ListMember {
            member_id_type: id_type.as_str().into(),
            member_id: match id_type {
                roster_domain::ids::UserIdType::OpenId => env.open_id(&caller.app, m.user),
                roster_domain::ids::UserIdType::UnionId => env.union_id(&caller.app, m.user),
                // user_ids are per tenant: an external member has none the caller could use
                roster_domain::ids::UserIdType::UserId if m.user_tenant != caller.tenant => String::new(),
                roster_domain::ids::UserIdType::UserId => m.user_id.clone(),
            },
            name: m.name.clone(),
            tenant_key: tenant_key.clone(),
        })
        .collect();
    Ok(Reply(MembersPage {
        items,
        page_token: page.next.map(|s| s.to_string()),
        has_more: page.next.is_some(),
        member_total: page.member_total,
    }))
}

pub async fn is_in_chat(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
) -> Result<Reply<IsInChatData>, ApiError> {
    let env = state.env();
    let is_in_chat = state.db.read(move |tx| members::is_in_chat(tx, &env, &caller, &chat_id)).await?;
    Ok(Reply(IsInChatData { is_in_chat }))
}

async fn change_managers(
    state: AppState,
    caller: roster_domain::services::Caller,
    chat_id: String,
    q: ChatQuery,
    body: ManagersBody,
    appoint: bool,
) -> Result<Reply<ManagersData>, ApiError> {
    let t = member_id_type(q.member_id_type.as_deref())?;
    let ids = body.manager_ids.unwrap_or_default();
    let (env, c) = (state.env(), caller.clone());
    let m = state.db.write(move |tx| managers::change_managers(tx, &env, &c, &chat_id, t, &ids, appoint)).await?;
    let env = state.env();
    let id_type = match t {
        MemberIdType::User(t) => t,
        MemberIdType::App => roster_domain::ids::UserIdType::OpenId,
    };
    Ok(Reply(ManagersData {
        chat_managers: m.users.iter().map(|u| env.render_user_id(&caller.app, id_type, u)).collect(),
        chat_bot_managers: m.bots.iter().map(|a| a.app_id.clone()).collect(),
    }))
}

pub async fn add_managers(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
    Json(body): Json<ManagersBody>,
) -> Result<Reply<ManagersData>, ApiError> {
    change_managers(state, caller, chat_id, q, body, true).await
}

pub async fn delete_managers(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
    Json(body): Json<ManagersBody>,
) -> Result<Reply<ManagersData>, ApiError> {
    change_managers(state, caller, chat_id, q, body, false).await
}

pub async fn get_moderation(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
) -> Result<Reply<ModerationData>, ApiError> {
    let id_type = user_id_type(q.user_id_type.as_deref())?;
    let size = page_size(q.page_size)?;
    let after = seq_token(q.page_token.as_deref())?;
    let (env, c) = (state.env(), caller.clone());
    let m = state.db.read(move |tx| managers::get_moderation(tx, &env, &c, &chat_id, after, size)).await?;
    let env = state.env();
    Ok(Reply(ModerationData {
        moderation_setting: m.setting.as_str().into(),
        page_token: m.next.map(|s| s.to_string()),
        has_more: m.next.is_some(),
        items: m
            .moderators
            .iter()
            .map(|(u, key)| ListModerator {
                user_id_type: id_type.as_str().into(),
                user_id: env.render_user_id(&caller.app, id_type, u),
                tenant_key: key.clone(),
            })
            .collect(),
    }))
}

pub async fn update_moderation(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(chat_id): Path<String>,
    Query(q): Query<ChatQuery>,
    Json(body): Json<ModerationBody>,
) -> Result<Reply<Empty>, ApiError> {
    let id_type = moderation_id_type(q.user_id_type.as_deref())?;
    let setting = match body.moderation_setting.as_deref() {
        None | Some("") => None,
        Some(s) => Some(ModerationPermission::parse(s).ok_or_else(|| {
            ApiError::invalid("moderation_setting", "must be all_members, only_owner or moderator_list")
        })?),
    };
    let change = ModerationChange {
        setting,
        added: body.moderator_added_list.unwrap_or_default(),
        removed: body.moderator_removed_list.unwrap_or_default(),
        id_type,
    };
    let env = state.env();
    state.db.write(move |tx| managers::update_moderation(tx, &env, &caller, &chat_id, &change)).await?;
    Ok(empty())
}
