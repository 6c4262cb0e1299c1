//! Join requests of chats with `membership_approval=approval_required`: owners and managers list,
//! approve and reject them; whoever filed one (or the user it is for) may withdraw it, which
//! Lark announces as `im.chat.member.user.withdrawn_v1`.

use super::access::{self, chat_ref, event_user, open, operator, participant};
use super::candidates::judge_user;
use super::members::add_users;
use super::rules;
use crate::error::{ChatError, Result};
use crate::events::chats::{MemberUsers, MemberUsersWithdrawn};
use crate::model::{Chat, ChatJoinRequest, ChatJoinRequestId, ChatMemberRef, JoinRequestStatus, NewEvent, User};
use crate::services::{Caller, Env};
use crate::store::{LockKey, Tx};

/// Who filed or decided a request, ready to render: a user, or a bot by its `app_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Party {
    User(crate::ids::UserId),
    Bot(String),
    System,
}

/// A request with the user it is for and who filed and decided it.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub request: ChatJoinRequest,
    pub user: Option<User>,
    pub requested_by: Party,
    pub decided_by: Option<Party>,
}

fn party(tx: &mut dyn Tx, op: &crate::events::Operator) -> Result<Party> {
    use crate::events::Operator;
    Ok(match op {
        Operator::User { user, .. } => Party::User(*user),
        Operator::Bot { app, .. } => Party::Bot(tx.app(*app)?.map(|a| a.app_id).unwrap_or_default()),
        Operator::System { .. } => Party::System,
    })
}

/// The view of one request.
pub fn request_view(tx: &mut dyn Tx, chat: &Chat, request: ChatJoinRequest) -> Result<RequestView> {
    let user = access::known_user(tx, chat.tenant, request.user)?;
    let requested_by = party(tx, &request.requested_by)?;
    let decided_by = match &request.decided_by {
        Some(op) => Some(party(tx, op)?),
        None => None,
    };
    Ok(RequestView { request, user, requested_by, decided_by })
}

#[derive(Debug, Clone)]
pub struct RequestPage {
    pub items: Vec<RequestView>,
    pub next: Option<ChatJoinRequestId>,
}

/// The chat's requests, oldest first; owners, managers and the creating bot only.
pub fn list_requests(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    status: Option<JoinRequestStatus>,
    after: Option<ChatJoinRequestId>,
    page_size: u32,
) -> Result<RequestPage> {
    let o = open(tx, env, caller, chat_raw, false)?;
    rules::may_administer(&o.standing)?;
    let mut rows = tx.chat_join_requests(o.chat.id, status, after.unwrap_or(ChatJoinRequestId(0)), page_size + 1)?;
    let next = if rows.len() > page_size as usize {
        rows.truncate(page_size as usize);
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let mut items = Vec::with_capacity(rows.len());
    for request in rows {
        items.push(request_view(tx, &o.chat, request)?);
    }
    Ok(RequestPage { items, next })
}

fn pending(tx: &mut dyn Tx, chat: &Chat, id: ChatJoinRequestId) -> Result<ChatJoinRequest> {
    let r = tx.chat_join_request(chat.id, id)?.ok_or(ChatError::JoinRequestNotFound)?;
    if r.status != JoinRequestStatus::Pending {
        return Err(ChatError::JoinRequestClosed.into());
    }
    Ok(r)
}

fn decide(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    mut r: ChatJoinRequest,
    status: JoinRequestStatus,
) -> Result<ChatJoinRequest> {
    r.status = status;
    r.decided_by = Some(operator(caller));
    r.decided_at = Some(env.now);
    tx.update_chat_join_request(&r)?;
    Ok(r)
}

/// Lets the user in (the chat's caps and rules still apply).
pub fn approve(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    id: ChatJoinRequestId,
) -> Result<RequestView> {
    let o = open(tx, env, caller, chat_raw, true)?;
    rules::may_administer(&o.standing)?;
    let r = pending(tx, &o.chat, id)?;
    let user = access::known_user(tx, o.chat.tenant, r.user)?.ok_or(ChatError::JoinRequestNotFound)?;
    if let Err(why) = judge_user(user.status, true) {
        return Err(ChatError::UnavailableIds { ids: vec![(user.user_id.clone(), why)] }.into());
    }
    if user.tenant != o.chat.tenant && !o.chat.external {
        return Err(ChatError::ExternalToInternal { ids: vec![user.user_id.clone()] }.into());
    }
    if tx.chat_member(o.chat.id, user.id)?.is_none() {
        let policy = access::policy_of(tx, o.chat.tenant)?;
        add_users(tx, env, caller, &o.chat, &o.bots, &policy, &[crate::model::Candidate::from(&user)])?;
        let r = tx.chat_join_request(o.chat.id, id)?.ok_or(ChatError::JoinRequestNotFound)?;
        return request_view(tx, &o.chat, r);
    }
    let r = decide(tx, env, caller, r, JoinRequestStatus::Approved)?;
    request_view(tx, &o.chat, r)
}

/// Turns the request down; no event (Lark has none).
pub fn reject(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    id: ChatJoinRequestId,
) -> Result<RequestView> {
    let o = open(tx, env, caller, chat_raw, true)?;
    rules::may_administer(&o.standing)?;
    let r = pending(tx, &o.chat, id)?;
    let r = decide(tx, env, caller, r, JoinRequestStatus::Rejected)?;
    request_view(tx, &o.chat, r)
}

/// Takes the request back: whoever filed it, the user it is for, or an owner or manager.
pub fn withdraw(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    id: ChatJoinRequestId,
) -> Result<RequestView> {
    access::require_bot(caller)?;
    let chat_id = access::decode_chat_id(env, chat_raw)?;
    tx.lock(LockKey::Chat(chat_id))?;
    let chat = tx.chat(chat_id)?.ok_or(ChatError::ChatNotFound)?;
    let r = tx.chat_join_request(chat.id, id)?;
    let own = r
        .as_ref()
        .is_some_and(|r| r.requested_by == operator(caller) || participant(caller) == ChatMemberRef::User(r.user));
    if !own {
        let o = access::open_id(tx, caller, chat_id, false)?;
        rules::may_administer(&o.standing)?;
    }
    let r = pending(tx, &chat, id)?;
    let user = access::known_user(tx, chat.tenant, r.user)?;
    let r = decide(tx, env, caller, r, JoinRequestStatus::Withdrawn)?;
    if let Some(u) = user {
        let e = MemberUsersWithdrawn(MemberUsers {
            chat: chat_ref(tx, &chat)?,
            operator: operator(caller),
            users: vec![event_user(&u)],
        });
        tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    }
    request_view(tx, &chat, r)
}
