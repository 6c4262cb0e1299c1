//! Handing a departing member's chats over (spec §4.3), one batch per transaction. For each live
//! chat the user is in, under the chat's lock:
//! - a chat the user owns goes to its acceptor: the request's `department_chat_acceptor_user_id`
//!   for a department chat, `external_chat_acceptor_user_id` for an external chat (the acceptor
//!   joins first if they are not a member), else the earliest member of the chat's organization;
//!   with nobody to take it, the chat is dissolved;
//! - then the user leaves it (`im.chat.member.user.deleted_v1`).
//!
//! Each chat's outcome is recorded: chats the user merely left are rejoined on restore; chats
//! whose ownership moved on, or that were dissolved, are not.

use crate::error::{Error, Result};
use crate::events::Operator;
use crate::events::chats::{ChatDisbanded, ChatUpdated, MemberUsers, MemberUsersAdded, MemberUsersDeleted};
use crate::ids::{AppId, ChatId, TenantId, UserId};
use crate::model::{
    Chat, ChatKind, ChatMemberRef, ChatOutcome, ChatOwner, ChatStatus, DepartedChat, Departure, DepartureState,
    JoinRequestStatus, NewEvent, NewMember, User,
};
use crate::services::Env;
use crate::services::chats::access::{chat_ref_with, event_user};
use crate::services::chats::update::snapshot;
use crate::store::{ChatCounts, ChatSort, LockKey, Tx};

/// A chat loaded under its lock, with its bots (the events' audience) and counters.
pub struct Locked {
    pub chat: Chat,
    pub bots: Vec<AppId>,
    pub counts: ChatCounts,
}

/// Locks and loads a live chat; `None` when it is gone or dissolved.
pub fn lock_live_chat(tx: &mut dyn Tx, id: ChatId) -> Result<Option<Locked>> {
    tx.lock(LockKey::Chat(id))?;
    let Some(chat) = tx.chat(id)?.filter(|c| !c.is_dissolved()) else { return Ok(None) };
    let bots = tx.chat_bots(id)?.into_iter().map(|b| b.app).collect();
    let counts = ChatCounts {
        user_count: chat.user_count,
        bot_count: chat.bot_count,
        next_seq: chat.next_seq,
        active_at: chat.active_at,
    };
    Ok(Some(Locked { chat, bots, counts }))
}

/// Takes `user` out of a locked chat and announces it.
pub fn remove_member(tx: &mut dyn Tx, env: &Env, l: &mut Locked, user: &User, operator: Operator) -> Result<()> {
    let n = tx.delete_chat_members(l.chat.id, &[user.id])? as i64;
    l.counts.user_count -= n;
    l.counts.active_at = env.now;
    tx.set_chat_counts(l.chat.id, l.counts)?;
    let e = MemberUsersDeleted(MemberUsers {
        chat: chat_ref_with(&l.chat, l.bots.clone()),
        operator,
        users: vec![event_user(user)],
    });
    tx.append_event(&NewEvent::of(l.chat.tenant, &e, env.now))?;
    Ok(())
}

/// Puts `user` into a locked chat at the end of the join order and announces it.
pub fn add_member(tx: &mut dyn Tx, env: &Env, l: &mut Locked, user: &User, operator: Operator) -> Result<()> {
    let member = NewMember { user: user.id, user_tenant: user.tenant, is_manager: false };
    let inserted = tx.insert_chat_members(l.chat.id, l.counts.next_seq, &[member], env.now)?;
    l.counts.next_seq += 1;
    l.counts.user_count += inserted.len() as i64;
    l.counts.active_at = env.now;
    tx.set_chat_counts(l.chat.id, l.counts)?;
    if inserted.is_empty() {
        return Ok(());
    }
    let e = MemberUsersAdded(MemberUsers {
        chat: chat_ref_with(&l.chat, l.bots.clone()),
        operator,
        users: vec![event_user(user)],
    });
    tx.append_event(&NewEvent::of(l.chat.tenant, &e, env.now))?;
    Ok(())
}

/// Dissolves a locked chat: its members stay recorded, open join requests are rejected.
pub fn disband(tx: &mut dyn Tx, env: &Env, l: &mut Locked, operator: Operator) -> Result<()> {
    l.chat.status = ChatStatus::Dissolved;
    l.chat.dissolved_at = Some(env.now);
    l.chat.active_at = env.now;
    tx.update_chat(&l.chat)?;
    tx.close_pending_requests(l.chat.id, &[], JoinRequestStatus::Rejected, &operator, env.now)?;
    let e = ChatDisbanded { chat: chat_ref_with(&l.chat, l.bots.clone()), operator };
    tx.append_event(&NewEvent::of(l.chat.tenant, &e, env.now))?;
    Ok(())
}

/// Who takes over a chat the departing user owns: the acceptor the request named for this kind of
/// chat (while they can still act in the chat's organization), else the earliest member of the
/// chat's organization other than the user.
fn successor(tx: &mut dyn Tx, d: &Departure, chat: &Chat, user: UserId) -> Result<Option<User>> {
    let named = match chat.kind {
        ChatKind::Department(_) => d.acceptors.department_chat,
        _ if chat.external => d.acceptors.external_chat,
        _ => None,
    };
    if let Some(a) = named
        && a != user
        && let Some(u) = tx.user(chat.tenant, a)?.filter(|u| u.status.is_usable())
    {
        return Ok(Some(u));
    }
    for m in tx.earliest_members(chat.id, chat.tenant, 2)? {
        if m.user != user {
            return tx.user(chat.tenant, m.user);
        }
    }
    Ok(None)
}

/// Hands one chat over and takes the user out of it.
fn hand_over_chat(tx: &mut dyn Tx, env: &Env, d: &Departure, user: &User, id: ChatId) -> Result<()> {
    let Some(mut l) = lock_live_chat(tx, id)? else { return Ok(()) };
    let Some(member) = tx.chat_member(id, user.id)? else { return Ok(()) };
    let mut record = DepartedChat {
        user: user.id,
        chat: id,
        outcome: ChatOutcome::Left,
        new_owner: None,
        was_manager: member.is_manager,
    };
    if l.chat.owner == ChatOwner::User(user.id) {
        let Some(next) = successor(tx, d, &l.chat, user.id)? else {
            disband(tx, env, &mut l, d.operator)?;
            record.outcome = ChatOutcome::Dissolved;
            return tx.record_departed_chat(&record);
        };
        if tx.chat_member(id, next.id)?.is_none() {
            add_member(tx, env, &mut l, &next, d.operator)?;
        }
        if let Some(m) = tx.chat_member(id, next.id)?.filter(|m| m.is_manager) {
            tx.set_member_flags(id, next.id, false, m.is_moderator)?;
        }
        let before = snapshot(&l.chat);
        l.chat.owner = ChatOwner::User(next.id);
        l.chat.active_at = env.now;
        tx.update_chat(&l.chat)?;
        let e = ChatUpdated {
            chat: chat_ref_with(&l.chat, l.bots.clone()),
            operator: d.operator,
            before,
            after: snapshot(&l.chat),
            moderators_added: vec![],
            moderators_removed: vec![],
        };
        tx.append_event(&NewEvent::of(l.chat.tenant, &e, env.now))?;
        record.outcome = ChatOutcome::Transferred;
        record.new_owner = Some(next.id);
    }
    remove_member(tx, env, &mut l, user, d.operator)?;
    tx.record_departed_chat(&record)
}

/// Hands over the next batch of the departing user's chats; true when none is left, and the
/// departure is then [`DepartureState::Departed`]. A no-op (true) for any other state.
pub fn hand_over_batch(tx: &mut dyn Tx, env: &Env, tenant: TenantId, user: UserId) -> Result<bool> {
    super::lock_departure(tx, user)?;
    let Some(mut d) = tx.departure(tenant, user)?.filter(|d| d.state == DepartureState::HandingOver) else {
        return Ok(true);
    };
    let departing =
        tx.user(tenant, user)?.ok_or_else(|| Error::Internal(format!("departing user {user} has no row")))?;
    let limit = env.settings.lifecycle.batch();
    let chats = tx.chats_of(ChatMemberRef::User(user), ChatSort::ByCreateTimeAsc, None, limit)?;
    for c in &chats {
        hand_over_chat(tx, env, &d, &departing, c.id)?;
    }
    if chats.len() < limit as usize {
        d.state = DepartureState::Departed;
        d.updated_at = env.now;
        tx.update_departure(&d)?;
        return Ok(true);
    }
    Ok(false)
}
