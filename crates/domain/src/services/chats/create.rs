//! `POST /im/v1/chats`: creating a group with its owner, first members and bots (spec §3.2).

use super::access::{self, chat_ref, event_user, operator, participant};
use super::candidates::judge_user;
use super::rules::{self, Visibility};
use super::{ChatFields, ChatView, check_avatar, lock_hash, view};
use crate::error::{ChatError, Error, Result, Unusable};
use crate::events::chats::{MemberBot, MemberBotAdded, MemberUsers, MemberUsersAdded};
use crate::ids::{AppId, UserIdType};
use crate::model::{
    ChatBot, ChatKind, ChatMemberRef, ChatOptions, ChatOwner, ChatType, NewChat, NewEvent, NewMember, User,
};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::{ChatCounts, LockKey, Tx};

/// What a create call asks for.
#[derive(Debug, Clone, Default)]
pub struct CreateChat {
    pub fields: ChatFields,
    pub user_ids: Vec<String>,
    pub bot_ids: Vec<String>,
    pub external: bool,
    pub set_bot_manager: bool,
    pub uuid: Option<String>,
    pub id_type: UserIdType,
}

/// The chat's options: Lark's defaults overlaid with what the call set.
pub fn options_from(f: &ChatFields, base: ChatOptions) -> ChatOptions {
    ChatOptions {
        group_message_type: f.group_message_type.unwrap_or(base.group_message_type),
        add_member_permission: f.add_member_permission.unwrap_or(base.add_member_permission),
        share_card_permission: f.share_card_permission.unwrap_or(base.share_card_permission),
        at_all_permission: f.at_all_permission.unwrap_or(base.at_all_permission),
        edit_permission: f.edit_permission.unwrap_or(base.edit_permission),
        join_message_visibility: f.join_message_visibility.unwrap_or(base.join_message_visibility),
        leave_message_visibility: f.leave_message_visibility.unwrap_or(base.leave_message_visibility),
        membership_approval: f.membership_approval.unwrap_or(base.membership_approval),
        moderation_permission: base.moderation_permission,
        restricted_mode: f.restricted_mode.unwrap_or(base.restricted_mode),
        urgent_setting: f.urgent_setting.unwrap_or(base.urgent_setting),
        video_conference_setting: f.video_conference_setting.unwrap_or(base.video_conference_setting),
        hide_member_count_setting: f.hide_member_count_setting.unwrap_or(base.hide_member_count_setting),
    }
}

/// The owner the call names (232030 when it names nobody, 232032 when outside the tenant), or
/// the caller: the user of a user token, else the calling bot.
fn resolve_owner(tx: &mut dyn Tx, env: &Env, caller: &Caller, input: &CreateChat) -> Result<(ChatOwner, Option<User>)> {
    let Some(raw) = input.fields.owner_id.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(match participant(caller) {
            ChatMemberRef::User(_) => {
                let u = access::calling_user(tx, caller)?.ok_or(ChatError::InvalidUserId { ids: vec![] })?;
                (ChatOwner::User(u.id), Some(u))
            }
            ChatMemberRef::Bot(app) => (ChatOwner::Bot(app), None),
        });
    };
    match ids::lookup_user_across(tx, env, caller, input.id_type, raw)? {
        Lookup::Found(u) if u.tenant != caller.tenant => Err(ChatError::OwnerOtherTenant.into()),
        Lookup::Found(u) => match judge_user(u.status, true) {
            Ok(()) => Ok((ChatOwner::User(u.id), Some(u))),
            Err(Unusable::Resigned) => Err(ChatError::UserResigned { ids: vec![raw.to_owned()] }.into()),
            Err(why) => Err(ChatError::UnavailableIds { ids: vec![(raw.to_owned(), why)] }.into()),
        },
        _ => Err(ChatError::InvalidUserId { ids: vec![raw.to_owned()] }.into()),
    }
}

/// The first members from `user_id_list`: every id must name a usable user the chat may take.
fn resolve_members(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    input: &CreateChat,
    external_ok: bool,
) -> Result<Vec<User>> {
    let found = ids::lookup_users_across(tx, env, caller, input.id_type, &input.user_ids)?;
    let (mut users, mut unknown, mut resigned, mut unavailable, mut external) =
        (vec![], vec![], vec![], vec![], vec![]);
    for (raw, l) in input.user_ids.iter().zip(found) {
        let Lookup::Found(u) = l else {
            unknown.push(raw.clone());
            continue;
        };
        let visible = u.tenant != caller.tenant || ids::scope_covers_user(tx, caller, &u)?;
        match judge_user(u.status, visible) {
            Err(Unusable::Resigned) => resigned.push(raw.clone()),
            Err(why) => unavailable.push((raw.clone(), why)),
            Ok(()) if u.tenant != caller.tenant => {
                external.push(raw.clone());
                users.push(u);
            }
            Ok(()) => users.push(u),
        }
    }
    if !unknown.is_empty() {
        return Err(ChatError::InvalidUserId { ids: unknown }.into());
    }
    if !resigned.is_empty() {
        return Err(ChatError::UserResigned { ids: resigned }.into());
    }
    if !unavailable.is_empty() {
        return Err(ChatError::UnavailableIds { ids: unavailable }.into());
    }
    if !external.is_empty() && !input.external {
        return Err(ChatError::ExternalToInternal { ids: external }.into());
    }
    if !external.is_empty() && !external_ok {
        return Err(ChatError::NoVisibility { ids: external }.into());
    }
    Ok(users)
}

/// `bot_id_list`: apps of the caller's tenant with bot ability (232021 otherwise).
fn resolve_bots(tx: &mut dyn Tx, caller: &Caller, raws: &[String]) -> Result<Vec<AppId>> {
    let mut bots = Vec::new();
    let mut missing = Vec::new();
    for raw in raws {
        match tx.app_by_app_id(raw)? {
            Some(a) if a.tenant == caller.tenant && a.bot_enabled && a.enabled => {
                if !bots.contains(&a.id) {
                    bots.push(a.id)
                }
            }
            _ => missing.push(raw.clone()),
        }
    }
    if missing.is_empty() { Ok(bots) } else { Err(ChatError::BotNotFound { ids: missing }.into()) }
}

fn check_lists(env: &Env, input: &CreateChat) -> Result<()> {
    let s = &env.settings.chats;
    if input.user_ids.len() > s.max_users_per_call {
        return Err(Error::invalid("user_id_list", format!("at most {} users", s.max_users_per_call)));
    }
    if input.bot_ids.len() > s.max_bots_per_call {
        return Err(Error::invalid("bot_id_list", format!("at most {} bots", s.max_bots_per_call)));
    }
    if input.uuid.as_deref().is_some_and(|u| u.chars().count() > 50) {
        return Err(Error::invalid("uuid", "at most 50 characters"));
    }
    Ok(())
}

/// Creates the chat, or returns the one an earlier call with the same `uuid` and owner made
/// within the window.
pub fn create_chat(tx: &mut dyn Tx, env: &Env, caller: &Caller, input: &CreateChat) -> Result<ChatView> {
    access::require_bot(caller)?;
    check_lists(env, input)?;
    let policy = access::policy_of(tx, caller.tenant)?;
    let user_token = matches!(participant(caller), ChatMemberRef::User(_));
    let admin = access::is_tenant_admin(tx, caller, caller.tenant)?;
    rules::may_create(user_token, admin, &policy)?;
    let (owner, owner_user) = resolve_owner(tx, env, caller, input)?;
    if input.external && owner_user.is_none() {
        return Err(Error::invalid("owner_id", "an external chat needs a human owner"));
    }
    let uuid = input.uuid.clone().filter(|u| !u.is_empty());
    if let Some(u) = &uuid {
        let owner_key = format!("{owner:?}");
        tx.lock(LockKey::Other(
            crate::store::LockArea::ChatUuid,
            lock_hash(&[&caller.tenant.0.to_be_bytes(), u.as_bytes(), owner_key.as_bytes()]),
        ))?;
        let since = env.now.plus_secs(-env.settings.chats.uuid_window_secs);
        if let Some(existing) = tx.chat_by_uuid(caller.tenant, u, owner, since)? {
            return view(tx, existing, Visibility::Full, false);
        }
    }
    let f = &input.fields;
    let chat_type = f.chat_type.unwrap_or(ChatType::Private);
    let name = f.name.clone().unwrap_or_default().trim().to_owned();
    let options = options_from(f, ChatOptions::default());
    rules::check_shape(&name, chat_type, input.external, &options, &policy)?;
    if let Some(a) = f.avatar.as_deref().filter(|a| !a.is_empty()) {
        check_avatar(a)?;
    }
    if chat_type == ChatType::Public && tx.public_chat_named(caller.tenant, &name, None)? {
        return Err(ChatError::PublicNameTaken.into());
    }
    let external_ok = rules::may_add_external(&rules::Standing { tenant_admin: admin, ..Default::default() }, &policy);
    let mut users = resolve_members(tx, env, caller, input, external_ok)?;
    if let Some(o) = &owner_user {
        users.retain(|u| u.id != o.id);
    }
    let mut seen = std::collections::HashSet::new();
    users.retain(|u| seen.insert(u.id));
    let mut bots = resolve_bots(tx, caller, &input.bot_ids)?;
    let calling_bot = match participant(caller) {
        ChatMemberRef::Bot(app) => Some(app),
        ChatMemberRef::User(_) => None,
    };
    if let Some(app) = calling_bot
        && !bots.contains(&app)
    {
        bots.insert(0, app);
    }
    if bots.len() as i64 > env.settings.chats.max_bots_per_chat {
        return Err(ChatError::ChatFull.into());
    }
    let user_total = users.len() as i64 + i64::from(owner_user.is_some());
    rules::check_capacity(0, user_total, env.settings.chats.max_members, &policy)?;

    let id = tx.insert_chat(&NewChat {
        tenant: caller.tenant,
        kind: ChatKind::Group,
        name,
        description: f.description.clone().unwrap_or_default(),
        avatar: f.avatar.clone().unwrap_or_default(),
        i18n: f.i18n.clone().unwrap_or_default(),
        owner,
        creator_bot: calling_bot,
        chat_type,
        external: input.external,
        options,
        uuid,
        created_at: env.now,
    })?;
    let mut members: Vec<NewMember> = Vec::with_capacity(users.len() + 1);
    if let Some(o) = &owner_user {
        members.push(NewMember { user: o.id, user_tenant: o.tenant, is_manager: false });
    }
    members.extend(users.iter().map(|u| NewMember { user: u.id, user_tenant: u.tenant, is_manager: false }));
    tx.insert_chat_members(id, 0, &members, env.now)?;
    let bot_manager = input.set_bot_manager && owner_user.is_some();
    for app in &bots {
        let is_manager = bot_manager && Some(*app) == calling_bot;
        tx.insert_chat_bot(&ChatBot { chat: id, app: *app, is_manager, joined_at: env.now })?;
    }
    let counts = ChatCounts {
        user_count: members.len() as i64,
        bot_count: bots.len() as i64,
        next_seq: members.len() as i64,
        active_at: env.now,
    };
    tx.set_chat_counts(id, counts)?;
    let chat = tx.chat(id)?.ok_or_else(|| Error::Internal("chat vanished after insert".into()))?;
    announce_creation(tx, env, caller, &chat, &users)?;
    view(tx, chat, Visibility::Full, false)
}

/// Bots learn they are in the new chat (`bot.added`); the first members are announced as added.
fn announce_creation(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat: &crate::model::Chat,
    users: &[User],
) -> Result<()> {
    let chat_ref = chat_ref(tx, chat)?;
    let op = operator(caller);
    for bot in chat_ref.bots.clone() {
        let e = MemberBotAdded(MemberBot { chat: chat_ref.clone(), operator: op, bot });
        tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    }
    if !users.is_empty() {
        let e = MemberUsersAdded(MemberUsers {
            chat: chat_ref,
            operator: op,
            users: users.iter().map(event_user).collect(),
        });
        tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    }
    Ok(())
}
