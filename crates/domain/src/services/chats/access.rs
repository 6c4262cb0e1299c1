//! Opening a chat for a caller: decoding the chat_id, locking it for writes, and working out
//! what the caller is to it ([`Standing`]). Also the pieces every chat event needs.
//!
//! Tenants never learn of each other's chats: a chat of a tenant the caller's tenant does not
//! collaborate with answers "invalid chat_id" (232006), exactly like an id that names nothing.
//! A collaborating tenant's caller who is not a member gets 232010.

use super::rules::Standing;
use crate::codec::{Decoded, IdKind};
use crate::error::{ChatError, Result};
use crate::events::Operator;
use crate::events::chats::{ChatRef, EventUser};
use crate::ids::{AppId, ChatId, TenantId, UserId};
use crate::model::{Chat, ChatMemberRef, ChatOwner, ChatPolicy, TokenKind, User};
use crate::services::{Caller, Env};
use crate::store::{LockKey, Tx};

/// A chat opened for a caller.
#[derive(Debug, Clone)]
pub struct Opened {
    pub chat: Chat,
    pub who: ChatMemberRef,
    pub standing: Standing,
    /// The apps whose bots are in the chat: the audience of its events.
    pub bots: Vec<AppId>,
}

/// Who the caller acts as in chats: the user of a user token, else the app's bot.
pub fn participant(caller: &Caller) -> ChatMemberRef {
    match caller.user {
        Some(u) if caller.token == TokenKind::User => ChatMemberRef::User(u),
        _ => ChatMemberRef::Bot(caller.app.id),
    }
}

pub fn operator(caller: &Caller) -> Operator {
    match participant(caller) {
        ChatMemberRef::User(user) => Operator::User { user, tenant: caller.tenant },
        ChatMemberRef::Bot(app) => Operator::Bot { app, tenant: caller.tenant },
    }
}

/// Decodes an `oc_…` id (232006 when it is not one).
pub fn decode_chat_id(env: &Env, raw: &str) -> Result<ChatId> {
    match env.codec.decode(IdKind::Chat, 0, raw) {
        Decoded::Id(n) => Ok(ChatId(n)),
        _ => Err(ChatError::ChatNotFound.into()),
    }
}

/// Every chat endpoint needs the calling app's bot ability (232025).
pub fn require_bot(caller: &Caller) -> Result<()> {
    if caller.app.bot_enabled { Ok(()) } else { Err(ChatError::BotNotActivated.into()) }
}

/// Whether two tenants actively collaborate.
pub fn collaborate(tx: &mut dyn Tx, a: TenantId, b: TenantId) -> Result<bool> {
    Ok(a == b || tx.collaboration(a, b)?.is_some_and(|c| c.is_active()))
}

/// The tenant's chat policy, or the defaults when an admin never set one.
pub fn policy_of(tx: &mut dyn Tx, tenant: TenantId) -> Result<ChatPolicy> {
    Ok(tx.chat_policy(tenant)?.unwrap_or_default())
}

/// The calling user (for user tokens), in any status.
pub fn calling_user(tx: &mut dyn Tx, caller: &Caller) -> Result<Option<User>> {
    match participant(caller) {
        ChatMemberRef::User(u) => tx.user(caller.tenant, u),
        ChatMemberRef::Bot(_) => Ok(None),
    }
}

/// Whether the caller is a tenant admin of `tenant` (a user token of a tenant manager there).
pub fn is_tenant_admin(tx: &mut dyn Tx, caller: &Caller, tenant: TenantId) -> Result<bool> {
    if caller.tenant != tenant {
        return Ok(false);
    }
    Ok(calling_user(tx, caller)?.is_some_and(|u| u.is_tenant_manager))
}

/// What `who` is to `chat` (without the tenant-admin bit, which few rules need).
pub fn standing(tx: &mut dyn Tx, chat: &Chat, who: ChatMemberRef) -> Result<Standing> {
    let bots = tx.chat_bots(chat.id)?;
    standing_among(tx, chat, who, &bots)
}

/// [`standing`] when the chat's bots are already loaded.
fn standing_among(
    tx: &mut dyn Tx,
    chat: &Chat,
    who: ChatMemberRef,
    bots: &[crate::model::ChatBot],
) -> Result<Standing> {
    Ok(match who {
        ChatMemberRef::User(u) => {
            let m = tx.chat_member(chat.id, u)?;
            Standing {
                member: m.is_some(),
                owner: chat.owner == ChatOwner::User(u),
                manager: m.is_some_and(|m| m.is_manager),
                creator_bot: false,
                tenant_admin: false,
            }
        }
        ChatMemberRef::Bot(app) => {
            let b = bots.iter().find(|b| b.app == app);
            Standing {
                member: b.is_some(),
                owner: chat.owner == ChatOwner::Bot(app),
                manager: b.is_some_and(|b| b.is_manager),
                creator_bot: chat.creator_bot == Some(app),
                tenant_admin: false,
            }
        }
    })
}

/// Loads the chat named by `raw` for `caller`. With `lock`, first takes the chat's lock so the
/// rest of the transaction sees and changes it alone (caps, counters). Dissolved chats fail
/// with 232009.
pub fn open(tx: &mut dyn Tx, env: &Env, caller: &Caller, raw: &str, lock: bool) -> Result<Opened> {
    require_bot(caller)?;
    let id = decode_chat_id(env, raw)?;
    open_id(tx, caller, id, lock)
}

/// [`open`] for an already decoded id.
pub fn open_id(tx: &mut dyn Tx, caller: &Caller, id: ChatId, lock: bool) -> Result<Opened> {
    if lock {
        tx.lock(LockKey::Chat(id))?;
    }
    let chat = tx.chat(id)?.ok_or(ChatError::ChatNotFound)?;
    let who = participant(caller);
    let bots = tx.chat_bots(chat.id)?;
    let standing = standing_among(tx, &chat, who, &bots)?;
    if chat.tenant != caller.tenant && !standing.member {
        return Err(if collaborate(tx, caller.tenant, chat.tenant)? {
            ChatError::OtherTenant.into()
        } else {
            ChatError::ChatNotFound.into()
        });
    }
    if chat.is_dissolved() {
        return Err(ChatError::Dissolved.into());
    }
    Ok(Opened { chat, who, standing, bots: bots.into_iter().map(|b| b.app).collect() })
}

/// The chat as its events show it, with the bots in it now as the audience.
pub fn chat_ref(tx: &mut dyn Tx, chat: &Chat) -> Result<ChatRef> {
    let bots: Vec<AppId> = tx.chat_bots(chat.id)?.into_iter().map(|b| b.app).collect();
    Ok(chat_ref_with(chat, bots))
}

pub fn chat_ref_with(chat: &Chat, bots: Vec<AppId>) -> ChatRef {
    ChatRef {
        chat: chat.id,
        tenant: chat.tenant,
        name: chat.name.clone(),
        i18n: chat.i18n.clone(),
        external: chat.external,
        bots,
    }
}

pub fn event_user(u: &User) -> EventUser {
    EventUser { user: u.id, tenant: u.tenant, name: u.name.clone(), user_id: u.user_id.clone() }
}

pub fn event_candidate(c: &crate::model::Candidate) -> EventUser {
    EventUser { user: c.user, tenant: c.tenant, name: c.name.clone(), user_id: c.user_id.clone() }
}

/// A user of any tenant by internal id, when the caller's tenant may know them (their own
/// tenant, or a collaborating one).
pub fn known_user(tx: &mut dyn Tx, caller_tenant: TenantId, user: UserId) -> Result<Option<User>> {
    if let Some(u) = tx.user(caller_tenant, user)? {
        return Ok(Some(u));
    }
    match tx.collaborating_tenant_of_user(caller_tenant, user)? {
        Some(t) => tx.user(t, user),
        None => Ok(None),
    }
}
