//! Reading, changing and dissolving a chat (spec §3.3, §3.4): get, update (with ownership
//! transfer), dissolve; each change announced as `im.chat.updated_v1` or `im.chat.disbanded_v1`.

use super::access::{self, open, operator};
use super::create::options_from;
use super::rules::{self, Touches, Visibility};
use super::{ChatFields, ChatView, check_avatar, view};
use crate::error::{ChatError, Result};
use crate::events::chats::{ChatDisbanded, ChatSettingsSnapshot, ChatUpdated};
use crate::ids::{UserId, UserIdType};
use crate::model::{Chat, ChatOwner, ChatStatus, ChatType, JoinRequestStatus, NewEvent};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// The settings `im.chat.updated_v1` compares.
pub fn snapshot(chat: &Chat) -> ChatSettingsSnapshot {
    let o = &chat.options;
    ChatSettingsSnapshot {
        avatar: chat.avatar.clone(),
        name: chat.name.clone(),
        description: chat.description.clone(),
        i18n: chat.i18n.clone(),
        add_member_permission: o.add_member_permission.as_str().into(),
        share_card_permission: o.share_card_permission.as_str().into(),
        at_all_permission: o.at_all_permission.as_str().into(),
        edit_permission: o.edit_permission.as_str().into(),
        membership_approval: o.membership_approval.as_str().into(),
        join_message_visibility: o.join_message_visibility.as_str().into(),
        leave_message_visibility: o.leave_message_visibility.as_str().into(),
        moderation_permission: o.moderation_permission.as_str().into(),
        group_message_type: o.group_message_type.as_str().into(),
        owner: chat.owner.user(),
    }
}

/// `GET /chats/:chat_id`: the full chat for members, basic information for others of the
/// tenant when it is public.
pub fn get_chat(tx: &mut dyn Tx, env: &Env, caller: &Caller, chat_raw: &str) -> Result<ChatView> {
    let o = open(tx, env, caller, chat_raw, false)?;
    let visibility = rules::visibility(&o.standing, o.chat.chat_type)?;
    view(tx, o.chat, visibility, true)
}

fn touches(f: &ChatFields) -> Touches {
    Touches {
        profile: f.avatar.is_some() || f.name.is_some() || f.description.is_some() || f.i18n.is_some(),
        settings: f.chat_type.is_some()
            || f.group_message_type.is_some()
            || f.add_member_permission.is_some()
            || f.share_card_permission.is_some()
            || f.at_all_permission.is_some()
            || f.edit_permission.is_some()
            || f.join_message_visibility.is_some()
            || f.leave_message_visibility.is_some()
            || f.membership_approval.is_some()
            || f.restricted_mode.is_some()
            || f.urgent_setting.is_some()
            || f.video_conference_setting.is_some()
            || f.hide_member_count_setting.is_some(),
        owner: f.owner_id.as_deref().is_some_and(|o| !o.is_empty()),
    }
}

/// The new owner named by `raw`: a member of the chat's tenant (232030/232035/232031/232012).
fn new_owner(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat: &Chat,
    id_type: UserIdType,
    raw: &str,
) -> Result<UserId> {
    match ids::lookup_user_across(tx, env, caller, id_type, raw)? {
        Lookup::Found(u) if u.tenant != chat.tenant => Err(ChatError::NewOwnerOtherTenant.into()),
        Lookup::Found(u) if tx.chat_member(chat.id, u.id)?.is_none() => Err(ChatError::NewOwnerNotInChat.into()),
        Lookup::Found(u) => Ok(u.id),
        Lookup::NotExist => Err(ChatError::InvalidOwnerId.into()),
        Lookup::Malformed | Lookup::ForeignScope => Err(ChatError::InvalidUserId { ids: vec![raw.to_owned()] }.into()),
    }
}

/// `PUT /chats/:chat_id`: omitted fields stay as they are.
pub fn update_chat(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    id_type: UserIdType,
    f: &ChatFields,
) -> Result<()> {
    let o = open(tx, env, caller, chat_raw, true)?;
    rules::may_update(&o.standing, &o.chat.options, touches(f))?;
    let bots = o.bots.clone();
    let before = o.chat.clone();
    let mut chat = o.chat;
    chat.options = options_from(f, chat.options);
    if let Some(t) = f.chat_type {
        chat.chat_type = t;
    }
    if let Some(n) = &f.name {
        chat.name = n.trim().to_owned();
    }
    if let Some(d) = &f.description {
        chat.description = d.clone();
    }
    if let Some(i) = &f.i18n {
        chat.i18n = i.clone();
    }
    if let Some(a) = &f.avatar {
        check_avatar(a)?;
        chat.avatar = a.clone();
    }
    let policy = access::policy_of(tx, chat.tenant)?;
    rules::check_shape(&chat.name, chat.chat_type, chat.external, &chat.options, &policy)?;
    let named_public =
        chat.chat_type == ChatType::Public && (chat.name != before.name || before.chat_type != ChatType::Public);
    if named_public && tx.public_chat_named(chat.tenant, &chat.name, Some(chat.id))? {
        return Err(ChatError::PublicNameTaken.into());
    }
    if let Some(raw) = f.owner_id.as_deref().filter(|r| !r.is_empty()) {
        let owner = new_owner(tx, env, caller, &chat, id_type, raw)?;
        if chat.owner != ChatOwner::User(owner) {
            if let Some(m) = tx.chat_member(chat.id, owner)?.filter(|m| m.is_manager) {
                tx.set_member_flags(chat.id, owner, false, m.is_moderator)?;
            }
            chat.owner = ChatOwner::User(owner);
        }
    }
    if chat == before {
        return Ok(());
    }
    chat.active_at = env.now;
    tx.update_chat(&chat)?;
    let e = ChatUpdated {
        chat: access::chat_ref_with(&chat, bots),
        operator: operator(caller),
        before: snapshot(&before),
        after: snapshot(&chat),
        moderators_added: vec![],
        moderators_removed: vec![],
    };
    tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    Ok(())
}

/// `DELETE /chats/:chat_id`: the owner (or the creating bot) dissolves the chat. Its members
/// stay recorded; pending join requests are closed as rejected.
pub fn dissolve_chat(tx: &mut dyn Tx, env: &Env, caller: &Caller, chat_raw: &str) -> Result<()> {
    let o = open(tx, env, caller, chat_raw, true)?;
    rules::may_dissolve(&o.standing)?;
    let chat_ref = access::chat_ref_with(&o.chat, o.bots.clone());
    let mut chat = o.chat;
    chat.status = ChatStatus::Dissolved;
    chat.dissolved_at = Some(env.now);
    chat.active_at = env.now;
    tx.update_chat(&chat)?;
    tx.close_pending_requests(chat.id, &[], JoinRequestStatus::Rejected, &operator(caller), env.now)?;
    let e = ChatDisbanded { chat: chat_ref, operator: operator(caller) };
    tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    Ok(())
}

/// Whether `v` shows only the basic fields.
pub fn is_basic(v: &ChatView) -> bool {
    v.visibility == Visibility::Basic
}
