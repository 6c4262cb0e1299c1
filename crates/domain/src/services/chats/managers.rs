//! Chat managers (owner only, at most ten) and moderation (who may speak).

use super::access::{self, open, operator};
use super::members::MemberIdType;
use super::rules;
use super::update::snapshot;
use crate::error::{ChatError, Error, Result};
use crate::events::chats::ChatUpdated;
use crate::ids::TenantId;
use crate::ids::{AppId, UserId, UserIdType};
use crate::model::{App, ChatMember, ChatOwner, ModerationPermission, NewEvent, User};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// The managers after a change, as `chat_managers` / `chat_bot_managers`.
#[derive(Debug, Clone)]
pub struct Managers {
    pub users: Vec<User>,
    pub bots: Vec<App>,
}

enum Targets {
    Users(Vec<UserId>),
    Bots(Vec<AppId>),
}

/// Resolves `raws` to members of the chat; any id that names no member fails the call (232027).
fn member_targets(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat: &crate::model::Chat,
    t: MemberIdType,
    raws: &[String],
) -> Result<Targets> {
    check_manager_ids(env, t, raws)?;
    let mut bad = Vec::new();
    match t {
        MemberIdType::App => {
            let bots = tx.chat_bots(chat.id)?;
            let mut out = Vec::new();
            for raw in raws {
                match tx.app_by_app_id(raw)? {
                    Some(a) if bots.iter().any(|b| b.app == a.id) => out.push(a.id),
                    _ => bad.push(raw.clone()),
                }
            }
            if !bad.is_empty() {
                return Err(ChatError::NoValidMembers { ids: bad }.into());
            }
            out.dedup();
            Ok(Targets::Bots(out))
        }
        MemberIdType::User(id_type) => {
            let found = ids::lookup_users_across(tx, env, caller, id_type, raws)?;
            let mut out = Vec::new();
            for (raw, l) in raws.iter().zip(found) {
                match l {
                    Lookup::Found(u) if tx.chat_member(chat.id, u.id)?.is_some() => {
                        if !out.contains(&u.id) {
                            out.push(u.id)
                        }
                    }
                    _ => bad.push(raw.clone()),
                }
            }
            if !bad.is_empty() {
                return Err(ChatError::NoValidMembers { ids: bad }.into());
            }
            Ok(Targets::Users(out))
        }
    }
}

fn check_manager_ids(env: &Env, t: MemberIdType, raws: &[String]) -> Result<()> {
    let s = &env.settings.chats;
    let max = if t == MemberIdType::App { s.max_bots_per_call } else { s.max_users_per_call };
    if raws.is_empty() || raws.len() > max {
        return Err(Error::invalid("manager_ids", format!("must name 1-{max} members")));
    }
    Ok(())
}

fn managers(tx: &mut dyn Tx, chat: &crate::model::Chat) -> Result<Managers> {
    let mut users = Vec::new();
    for m in tx.chat_managers(chat.id)? {
        if let Some(u) = access::known_user(tx, chat.tenant, m.user)? {
            users.push(u);
        }
    }
    let mut bots = Vec::new();
    for b in tx.chat_bots(chat.id)?.into_iter().filter(|b| b.is_manager) {
        if let Some(a) = tx.app(b.app)? {
            bots.push(a);
        }
    }
    Ok(Managers { users, bots })
}

/// `POST …/managers/add_managers` (`appoint`) and `…/delete_managers`.
pub fn change_managers(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    t: MemberIdType,
    raws: &[String],
    appoint: bool,
) -> Result<Managers> {
    check_manager_ids(env, t, raws)?;
    let o = open(tx, env, caller, chat_raw, true)?;
    rules::may_manage_managers(&o.standing)?;
    let chat = o.chat;
    match member_targets(tx, env, caller, &chat, t, raws)? {
        Targets::Users(users) => {
            let current: Vec<ChatMember> = tx.chat_members_among(chat.id, &users)?;
            let bot_managers = tx.chat_bots(chat.id)?.iter().filter(|b| b.is_manager).count();
            let user_managers = tx.chat_managers(chat.id)?.len();
            let mut added = 0;
            for m in &current {
                if chat.owner == ChatOwner::User(m.user) || m.is_manager == appoint {
                    continue; // the owner is above managers; no change needed
                }
                added += usize::from(appoint);
                tx.set_member_flags(chat.id, m.user, appoint, m.is_moderator)?;
            }
            if appoint && user_managers + bot_managers + added > env.settings.chats.max_managers {
                return Err(ChatError::TooManyManagers.into());
            }
        }
        Targets::Bots(apps) => {
            let bots = tx.chat_bots(chat.id)?;
            let total = bots.iter().filter(|b| b.is_manager).count() + tx.chat_managers(chat.id)?.len();
            let mut added = 0;
            for b in bots.iter().filter(|b| apps.contains(&b.app) && b.is_manager != appoint) {
                added += usize::from(appoint);
                tx.set_bot_manager(chat.id, b.app, appoint)?;
            }
            if appoint && total + added > env.settings.chats.max_managers {
                return Err(ChatError::TooManyManagers.into());
            }
        }
    }
    managers(tx, &chat)
}

/// A page of moderators with their tenants' keys.
#[derive(Debug, Clone)]
pub struct Moderation {
    pub setting: ModerationPermission,
    pub moderators: Vec<(User, String)>,
    pub next: Option<i64>,
}

/// `GET /chats/:chat_id/moderation`.
pub fn get_moderation(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    after_seq: Option<i64>,
    page_size: u32,
) -> Result<Moderation> {
    let o = open(tx, env, caller, chat_raw, false)?;
    if !o.standing.member {
        return Err(ChatError::NotInChat.into());
    }
    let mut rows = tx.chat_moderators(o.chat.id, after_seq.unwrap_or(-1), page_size + 1)?;
    let next = if rows.len() > page_size as usize {
        rows.truncate(page_size as usize);
        rows.last().map(|m| m.seq)
    } else {
        None
    };
    let mut keys: Vec<(TenantId, String)> = Vec::new();
    let mut moderators = Vec::with_capacity(rows.len());
    for m in rows {
        let Some(u) = access::known_user(tx, o.chat.tenant, m.user)? else { continue };
        let key = match keys.iter().find(|(t, _)| *t == u.tenant) {
            Some((_, k)) => k.clone(),
            None => {
                let k = tx.tenant(u.tenant)?.map(|t| t.tenant_key).unwrap_or_default();
                keys.push((u.tenant, k.clone()));
                k
            }
        };
        moderators.push((u, key));
    }
    Ok(Moderation { setting: o.chat.options.moderation_permission, moderators, next })
}

/// What a moderation update asks for.
#[derive(Debug, Clone, Default)]
pub struct ModerationChange {
    pub setting: Option<ModerationPermission>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub id_type: UserIdType,
}

fn moderation_targets(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat: &crate::model::Chat,
    field: &str,
    id_type: UserIdType,
    raws: &[String],
) -> Result<Vec<ChatMember>> {
    let found = ids::lookup_users_across(tx, env, caller, id_type, raws)?;
    let mut out = Vec::new();
    for (raw, l) in raws.iter().zip(found) {
        match l {
            Lookup::Found(u) => match tx.chat_member(chat.id, u.id)? {
                Some(m) => out.push(m),
                None => return Err(Error::invalid(field, format!("{raw} is not a member of the chat"))),
            },
            _ => return Err(Error::invalid(field, format!("{raw} names no user"))),
        }
    }
    Ok(out)
}

/// `PUT /chats/:chat_id/moderation`: the owner, managers or the creating bot.
pub fn update_moderation(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    c: &ModerationChange,
) -> Result<()> {
    let o = open(tx, env, caller, chat_raw, true)?;
    rules::may_administer(&o.standing)?;
    let bots = o.bots.clone();
    let before = o.chat.clone();
    let mut chat = o.chat;
    let added = moderation_targets(tx, env, caller, &chat, "moderator_added_list", c.id_type, &c.added)?;
    let removed = moderation_targets(tx, env, caller, &chat, "moderator_removed_list", c.id_type, &c.removed)?;
    let (mut added_ids, mut removed_ids) = (Vec::new(), Vec::new());
    for m in added.iter().filter(|m| !m.is_moderator) {
        tx.set_member_flags(chat.id, m.user, m.is_manager, true)?;
        added_ids.push(m.user);
    }
    for m in removed.iter().filter(|m| m.is_moderator && !added_ids.contains(&m.user)) {
        tx.set_member_flags(chat.id, m.user, m.is_manager, false)?;
        removed_ids.push(m.user);
    }
    if let Some(s) = c.setting {
        chat.options.moderation_permission = s;
    }
    if chat == before && added_ids.is_empty() && removed_ids.is_empty() {
        return Ok(());
    }
    chat.active_at = env.now;
    tx.update_chat(&chat)?;
    let e = ChatUpdated {
        chat: access::chat_ref_with(&chat, bots),
        operator: operator(caller),
        before: snapshot(&before),
        after: snapshot(&chat),
        moderators_added: added_ids,
        moderators_removed: removed_ids,
    };
    tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    Ok(())
}
