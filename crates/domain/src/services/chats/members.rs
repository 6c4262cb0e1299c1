//! Chat members (spec §3.5): add (by `succeed_type`), remove, join oneself, list in join order,
//! and "am I in this chat". Every change takes the chat's lock before it reads the counters, so
//! concurrent calls on one chat all succeed and never push it past its cap.

use super::access::{self, chat_ref, event_user, open, operator};
use super::candidates::{self, Entry, IdFamily, SucceedType};
use super::rules::{self, AddRoute};
use crate::error::{ChatError, Error, Result, Unusable};
use crate::events::chats::{
    MemberBot, MemberBotAdded, MemberBotDeleted, MemberUsers, MemberUsersAdded, MemberUsersDeleted,
};
use crate::ids::{AppId, TenantId, UserId, UserIdType};
use crate::model::{
    Candidate, Chat, ChatBot, ChatMemberRef, ChatPolicy, JoinRequestStatus, JoinVia, MemberListing, MembershipApproval,
    NewChatJoinRequest, NewEvent, NewMember, User,
};
use crate::services::ids::{self, Lookup};
use crate::services::{Caller, Env};
use crate::store::{ChatCounts, Tx};
use std::collections::HashSet;

/// `member_id_type`: users in one id type, or bots by `app_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberIdType {
    User(UserIdType),
    App,
}

/// What an add call reports.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddOutcome {
    pub invalid: Vec<String>,
    pub not_existed: Vec<String>,
    pub pending: Vec<String>,
}

fn check_list(env: &Env, t: MemberIdType, ids: &[String]) -> Result<Vec<String>> {
    let s = &env.settings.chats;
    if ids.is_empty() {
        return Err(Error::invalid("id_list", "must name at least one member"));
    }
    let max = if t == MemberIdType::App { s.max_bots_per_call } else { s.max_users_per_call };
    if ids.len() > max {
        return Err(Error::invalid("id_list", format!("at most {max} per call")));
    }
    let mut seen = HashSet::new();
    Ok(ids.iter().filter(|r| seen.insert(r.as_str())).cloned().collect())
}

/// The counters after `users`/`bots` more (or fewer) members.
fn counts_after(chat: &Chat, users: i64, bots: i64, seqs_used: i64, env: &Env) -> ChatCounts {
    ChatCounts {
        user_count: chat.user_count + users,
        bot_count: chat.bot_count + bots,
        next_seq: chat.next_seq + seqs_used,
        active_at: env.now,
    }
}

/// Resolves user ids for an add: each to a usable candidate or the reason it is not. An app that
/// sees the whole organization takes the light path (one narrow query for the caller's own users).
fn user_entries(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: UserIdType,
    raws: &[String],
) -> Result<Vec<Entry<Candidate>>> {
    if id_type == UserIdType::UserId || !caller.app.contact_scope.all {
        let found = ids::lookup_users_across(tx, env, caller, id_type, raws)?;
        let mut out = Vec::with_capacity(raws.len());
        for (raw, l) in raws.iter().zip(found) {
            let outcome = match l {
                Lookup::Found(u) => {
                    let visible = u.tenant != caller.tenant || ids::scope_covers_user(tx, caller, &u)?;
                    candidates::judge_user(u.status, visible).map(|()| Candidate::from(&u))
                }
                Lookup::Malformed => Err(Unusable::Malformed),
                Lookup::ForeignScope => Err(Unusable::ForeignScope),
                Lookup::NotExist => Err(Unusable::NotExist),
            };
            out.push(Entry { raw: raw.clone(), outcome });
        }
        return Ok(out);
    }
    let decoded: Vec<Lookup<UserId>> =
        raws.iter().map(|r| ids::decode_user_number(env, &caller.app, id_type, r)).collect();
    let numbers: Vec<UserId> = decoded.iter().filter_map(|d| d.clone().found()).collect();
    let own = tx.candidates(caller.tenant, &numbers)?;
    let mut out = Vec::with_capacity(raws.len());
    for (raw, d) in raws.iter().zip(decoded) {
        let outcome = match d {
            Lookup::Found(id) => match own.iter().find(|c| c.user == id) {
                Some(c) => candidates::judge_user(c.status, true).map(|()| c.clone()),
                None => match access::known_user(tx, caller.tenant, id)? {
                    Some(u) => candidates::judge_user(u.status, true).map(|()| Candidate::from(&u)),
                    None => Err(Unusable::NotExist),
                },
            },
            Lookup::ForeignScope => Err(Unusable::ForeignScope),
            Lookup::Malformed | Lookup::NotExist => Err(Unusable::Malformed),
        };
        out.push(Entry { raw: raw.clone(), outcome });
    }
    Ok(out)
}

/// Resolves app_ids: bots of the chat's tenant.
fn bot_entries(tx: &mut dyn Tx, tenant: TenantId, raws: &[String]) -> Result<Vec<Entry<AppId>>> {
    let mut out = Vec::with_capacity(raws.len());
    for raw in raws {
        let outcome = if !raw.starts_with("cli_") {
            Err(Unusable::Malformed)
        } else {
            match tx.app_by_app_id(raw)? {
                Some(a) if a.tenant == tenant && a.bot_enabled && a.enabled => Ok(a.id),
                Some(a) if a.tenant == tenant => Err(Unusable::BotInactive),
                _ => Err(Unusable::NotExist),
            }
        };
        out.push(Entry { raw: raw.clone(), outcome });
    }
    Ok(out)
}

/// `POST /chats/:chat_id/members`.
pub fn add_members(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    t: MemberIdType,
    st: SucceedType,
    ids: &[String],
) -> Result<AddOutcome> {
    let raws = check_list(env, t, ids)?;
    let mut o = open(tx, env, caller, chat_raw, true)?;
    let policy = access::policy_of(tx, o.chat.tenant)?;
    if policy.member_addition == crate::model::Allowed::TenantAdmins || !policy.members_may_add_external {
        o.standing.tenant_admin = access::is_tenant_admin(tx, caller, o.chat.tenant)?;
    }
    match t {
        MemberIdType::App => {
            rules::may_add_bots(&o.standing, &o.chat.options, &policy)?;
            let sorted = candidates::sort(st, IdFamily::Bot, bot_entries(tx, o.chat.tenant, &raws)?)?;
            let present: Vec<AppId> = tx.chat_bots(o.chat.id)?.into_iter().map(|b| b.app).collect();
            let mut new: Vec<AppId> = sorted.usable.iter().map(|(_, a)| *a).filter(|a| !present.contains(a)).collect();
            new.dedup();
            if sorted.usable.is_empty() && st == SucceedType::FailOnUnknown {
                return Err(ChatError::NoValidMembers { ids: sorted.invalid }.into());
            }
            if o.chat.bot_count + new.len() as i64 > env.settings.chats.max_bots_per_chat {
                return Err(ChatError::ChatFull.into());
            }
            add_bots(tx, env, caller, &o.chat, &new)?;
            Ok(AddOutcome { invalid: sorted.invalid, not_existed: sorted.not_existed, pending: vec![] })
        }
        MemberIdType::User(id_type) => {
            let route = rules::add_route(&o.standing, &o.chat.options, &policy)?;
            let sorted = candidates::sort(st, IdFamily::User(id_type), user_entries(tx, env, caller, id_type, &raws)?)?;
            let mut seen = HashSet::new();
            let usable: Vec<(String, Candidate)> =
                sorted.usable.into_iter().filter(|(_, c)| seen.insert(c.user)).collect();
            if usable.is_empty() && st == SucceedType::FailOnUnknown {
                return Err(ChatError::NoValidMembers { ids: sorted.invalid }.into());
            }
            let external: Vec<String> =
                usable.iter().filter(|(_, c)| c.tenant != o.chat.tenant).map(|(r, _)| r.clone()).collect();
            if !external.is_empty() && !o.chat.external {
                return Err(ChatError::ExternalToInternal { ids: external }.into());
            }
            if !external.is_empty() && !rules::may_add_external(&o.standing, &policy) {
                return Err(ChatError::NoVisibility { ids: external }.into());
            }
            let mut outcome = AddOutcome { invalid: sorted.invalid, not_existed: sorted.not_existed, pending: vec![] };
            match route {
                AddRoute::NeedsApproval => {
                    let user_ids: Vec<UserId> = usable.iter().map(|(_, c)| c.user).collect();
                    let present: HashSet<UserId> =
                        tx.chat_members_among(o.chat.id, &user_ids)?.iter().map(|m| m.user).collect();
                    for (raw, c) in usable.iter().filter(|(_, c)| !present.contains(&c.user)) {
                        file_request(tx, env, caller, &o.chat, c.user, c.tenant, JoinVia::Invitation)?;
                        outcome.pending.push(raw.clone());
                    }
                }
                AddRoute::Direct => {
                    let users: Vec<Candidate> = usable.into_iter().map(|(_, c)| c).collect();
                    add_users(tx, env, caller, &o.chat, &o.bots, &policy, &users)?;
                }
            }
            Ok(outcome)
        }
    }
}

/// Files a pending join request for `user` unless one is already open.
pub(crate) fn file_request(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat: &Chat,
    user: UserId,
    user_tenant: TenantId,
    via: JoinVia,
) -> Result<()> {
    if tx.pending_chat_join_request(chat.id, user)?.is_none() {
        tx.insert_chat_join_request(&NewChatJoinRequest {
            chat: chat.id,
            tenant: chat.tenant,
            user,
            user_tenant,
            via,
            requested_by: operator(caller),
            created_at: env.now,
        })?;
    }
    Ok(())
}

/// Adds those of `users` not yet in the chat, within its caps, closes their open join requests
/// and announces them. `bots` are the apps whose bots are in the chat (the event's audience).
/// A refusal (the chat is full) rolls the whole transaction back.
pub(crate) fn add_users(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat: &Chat,
    bots: &[AppId],
    policy: &ChatPolicy,
    users: &[Candidate],
) -> Result<()> {
    if users.is_empty() {
        return Ok(());
    }
    let members: Vec<NewMember> =
        users.iter().map(|c| NewMember { user: c.user, user_tenant: c.tenant, is_manager: false }).collect();
    let inserted = tx.insert_chat_members(chat.id, chat.next_seq, &members, env.now)?;
    if inserted.is_empty() {
        return Ok(());
    }
    let n = inserted.len() as i64;
    rules::check_capacity(chat.user_count, n, env.settings.chats.max_members, policy)?;
    tx.set_chat_counts(chat.id, counts_after(chat, n, 0, members.len() as i64, env))?;
    let op = operator(caller);
    if chat.options.membership_approval == MembershipApproval::ApprovalRequired {
        tx.close_pending_requests(chat.id, &inserted, JoinRequestStatus::Approved, &op, env.now)?;
    }
    let e = MemberUsersAdded(MemberUsers {
        chat: access::chat_ref_with(chat, bots.to_vec()),
        operator: op,
        users: users.iter().filter(|c| inserted.contains(&c.user)).map(access::event_candidate).collect(),
    });
    tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    Ok(())
}

fn add_bots(tx: &mut dyn Tx, env: &Env, caller: &Caller, chat: &Chat, apps: &[AppId]) -> Result<()> {
    if apps.is_empty() {
        return Ok(());
    }
    for app in apps {
        tx.insert_chat_bot(&ChatBot { chat: chat.id, app: *app, is_manager: false, joined_at: env.now })?;
    }
    tx.set_chat_counts(chat.id, counts_after(chat, 0, apps.len() as i64, 0, env))?;
    let chat_ref = chat_ref(tx, chat)?;
    for app in apps {
        let e = MemberBotAdded(MemberBot { chat: chat_ref.clone(), operator: operator(caller), bot: *app });
        tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    }
    Ok(())
}

/// `DELETE /chats/:chat_id/members`: returns the ids that named no member.
pub fn remove_members(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    t: MemberIdType,
    ids: &[String],
) -> Result<Vec<String>> {
    let raws = check_list(env, t, ids)?;
    let o = open(tx, env, caller, chat_raw, true)?;
    rules::may_remove(&o.standing, false)?;
    let mut invalid = Vec::new();
    match t {
        MemberIdType::App => {
            let bots = tx.chat_bots(o.chat.id)?;
            let mut targets: Vec<AppId> = Vec::new();
            for raw in &raws {
                match tx.app_by_app_id(raw)? {
                    Some(a) if bots.iter().any(|b| b.app == a.id) => {
                        if !targets.contains(&a.id) {
                            targets.push(a.id);
                        }
                    }
                    _ => invalid.push(raw.clone()),
                }
            }
            if targets.iter().any(|a| o.chat.owner == crate::model::ChatOwner::Bot(*a)) {
                return Err(ChatError::CannotRemoveOwner.into());
            }
            let removes_others = targets.iter().any(|a| o.who != ChatMemberRef::Bot(*a));
            rules::may_remove(&o.standing, removes_others)?;
            if targets.is_empty() {
                return Err(ChatError::NoValidMembers { ids: invalid }.into());
            }
            let before = access::chat_ref_with(&o.chat, bots.iter().map(|b| b.app).collect());
            for a in &targets {
                tx.delete_chat_bot(o.chat.id, *a)?;
            }
            tx.set_chat_counts(o.chat.id, counts_after(&o.chat, 0, -(targets.len() as i64), 0, env))?;
            for a in targets {
                let e = MemberBotDeleted(MemberBot { chat: before.clone(), operator: operator(caller), bot: a });
                tx.append_event(&NewEvent::of(o.chat.tenant, &e, env.now))?;
            }
        }
        MemberIdType::User(id_type) => {
            let found = ids::lookup_users_across(tx, env, caller, id_type, &raws)?;
            let candidates: Vec<(String, User)> = raws
                .iter()
                .zip(found)
                .filter_map(|(r, l)| match l {
                    Lookup::Found(u) => Some((r.clone(), u)),
                    _ => {
                        invalid.push(r.clone());
                        None
                    }
                })
                .collect();
            let ids: Vec<UserId> = candidates.iter().map(|(_, u)| u.id).collect();
            let present: HashSet<UserId> = tx.chat_members_among(o.chat.id, &ids)?.iter().map(|m| m.user).collect();
            let mut targets: Vec<User> = Vec::new();
            for (raw, u) in candidates {
                if present.contains(&u.id) && !targets.iter().any(|t| t.id == u.id) {
                    targets.push(u);
                } else if !present.contains(&u.id) {
                    invalid.push(raw);
                }
            }
            if targets.iter().any(|u| o.chat.owner == crate::model::ChatOwner::User(u.id)) {
                return Err(ChatError::CannotRemoveOwner.into());
            }
            let removes_others = targets.iter().any(|u| o.who != ChatMemberRef::User(u.id));
            rules::may_remove(&o.standing, removes_others)?;
            if targets.is_empty() {
                return Err(ChatError::NoValidMembers { ids: invalid }.into());
            }
            remove_users(tx, env, caller, &o.chat, &o.bots, &targets)?;
        }
    }
    Ok(invalid)
}

/// Deletes `users` (members, not the owner), updates the counters and announces them.
pub(crate) fn remove_users(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat: &Chat,
    bots: &[AppId],
    users: &[User],
) -> Result<()> {
    let ids: Vec<UserId> = users.iter().map(|u| u.id).collect();
    let n = tx.delete_chat_members(chat.id, &ids)? as i64;
    tx.set_chat_counts(chat.id, counts_after(chat, -n, 0, 0, env))?;
    let e = MemberUsersDeleted(MemberUsers {
        chat: access::chat_ref_with(chat, bots.to_vec()),
        operator: operator(caller),
        users: users.iter().map(event_user).collect(),
    });
    tx.append_event(&NewEvent::of(chat.tenant, &e, env.now))?;
    Ok(())
}

/// `PATCH /chats/:chat_id/members/me_join`: the calling user or bot joins a public chat.
pub fn me_join(tx: &mut dyn Tx, env: &Env, caller: &Caller, chat_raw: &str) -> Result<()> {
    let o = open(tx, env, caller, chat_raw, true)?;
    if o.standing.member {
        return Ok(());
    }
    rules::may_self_join(o.chat.chat_type, &o.chat.options)?;
    match o.who {
        ChatMemberRef::User(_) => {
            let me = access::calling_user(tx, caller)?.ok_or(ChatError::NotInChat)?;
            let policy = access::policy_of(tx, o.chat.tenant)?;
            add_users(tx, env, caller, &o.chat, &o.bots, &policy, &[Candidate::from(&me)])
        }
        ChatMemberRef::Bot(app) => {
            if o.chat.bot_count + 1 > env.settings.chats.max_bots_per_chat {
                return Err(ChatError::ChatFull.into());
            }
            add_bots(tx, env, caller, &o.chat, &[app])
        }
    }
}

/// One page of members.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberPage {
    /// Each member with their tenant's key.
    pub items: Vec<(MemberListing, String)>,
    pub next: Option<i64>,
    pub member_total: i64,
}

/// `GET /chats/:chat_id/members`: users in join order (bots never appear).
pub fn list_members(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    chat_raw: &str,
    after_seq: Option<i64>,
    page_size: u32,
) -> Result<MemberPage> {
    let o = open(tx, env, caller, chat_raw, false)?;
    if !o.standing.member {
        return Err(ChatError::NotInChat.into());
    }
    let mut rows = tx.member_page(o.chat.id, after_seq.unwrap_or(-1), page_size + 1)?;
    let next = if rows.len() > page_size as usize {
        rows.truncate(page_size as usize);
        rows.last().map(|r| r.seq)
    } else {
        None
    };
    let mut keys: Vec<(TenantId, String)> = Vec::with_capacity(1);
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let key = match keys.iter().find(|(t, _)| *t == r.user_tenant) {
            Some((_, k)) => k.clone(),
            None => {
                let k = tx.tenant(r.user_tenant)?.map(|t| t.tenant_key).unwrap_or_default();
                keys.push((r.user_tenant, k.clone()));
                k
            }
        };
        items.push((r, key));
    }
    Ok(MemberPage { items, next, member_total: o.chat.user_count })
}

/// `GET /chats/:chat_id/members/is_in_chat`: whether the caller (user or bot) is a member.
pub fn is_in_chat(tx: &mut dyn Tx, env: &Env, caller: &Caller, chat_raw: &str) -> Result<bool> {
    access::require_bot(caller)?;
    let id = access::decode_chat_id(env, chat_raw)?;
    let probe = tx.probe_membership(id, access::participant(caller))?.ok_or(ChatError::ChatNotFound)?;
    if probe.tenant != caller.tenant && !probe.member {
        return Err(if access::collaborate(tx, caller.tenant, probe.tenant)? {
            ChatError::OtherTenant.into()
        } else {
            ChatError::ChatNotFound.into()
        });
    }
    Ok(probe.member && !probe.dissolved)
}
