//! Share links: a member makes one (`POST /chats/:chat_id/link`); following it joins the chat,
//! or files a join request when the chat requires approval. Expired links fail with 1903002.

use super::access::{self, open, operator};
use super::members::{add_users, file_request};
use super::rules;
use crate::error::{ChatError, Result};
use crate::model::{Chat, JoinVia, MembershipApproval, ShareLink};
use crate::services::tenancy::random_hex;
use crate::services::{Caller, Env};
use crate::store::{LockKey, Tx};

/// `validity_period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkValidity {
    #[default]
    Week,
    Year,
    Permanently,
}

impl LinkValidity {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "week" => Some(Self::Week),
            "year" => Some(Self::Year),
            "permanently" => Some(Self::Permanently),
            _ => None,
        }
    }
    fn days(self) -> Option<i64> {
        match self {
            Self::Week => Some(7),
            Self::Year => Some(365),
            Self::Permanently => None,
        }
    }
}

/// `POST /chats/:chat_id/link`.
pub fn create_link(tx: &mut dyn Tx, env: &Env, caller: &Caller, chat_raw: &str, v: LinkValidity) -> Result<ShareLink> {
    let o = open(tx, env, caller, chat_raw, false)?;
    rules::may_share(&o.standing, &o.chat.options)?;
    let link = ShareLink {
        token: random_hex(16),
        chat: o.chat.id,
        tenant: o.chat.tenant,
        created_by: operator(caller),
        created_at: env.now,
        expires_at: v.days().map(|d| env.now.plus_secs(d * 86_400)),
    };
    tx.insert_share_link(&link)?;
    Ok(link)
}

/// A link and its chat, for whoever may follow it: users of the chat's tenant, or of a
/// collaborating tenant when the chat is external. Others see no such link.
pub fn open_link(tx: &mut dyn Tx, env: &Env, caller: &Caller, token: &str) -> Result<(ShareLink, Chat)> {
    access::require_bot(caller)?;
    let link = tx.share_link(token)?.ok_or(ChatError::LinkNotFound)?;
    let chat = tx.chat(link.chat)?.ok_or(ChatError::LinkNotFound)?;
    let reachable =
        chat.tenant == caller.tenant || (chat.external && access::collaborate(tx, caller.tenant, chat.tenant)?);
    if !reachable {
        return Err(ChatError::LinkNotFound.into());
    }
    if link.is_expired(env.now) {
        return Err(ChatError::LinkExpired.into());
    }
    if chat.is_dissolved() {
        return Err(ChatError::Dissolved.into());
    }
    Ok((link, chat))
}

/// What following a link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinOutcome {
    Joined,
    /// A join request waits for an owner or manager.
    Pending,
    AlreadyMember,
}

impl JoinOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Joined => "joined",
            Self::Pending => "pending",
            Self::AlreadyMember => "already_member",
        }
    }
}

/// The calling user follows the link.
pub fn join_by_link(tx: &mut dyn Tx, env: &Env, caller: &Caller, token: &str) -> Result<(Chat, JoinOutcome)> {
    let (link, _) = open_link(tx, env, caller, token)?;
    tx.lock(LockKey::Chat(link.chat))?;
    let (_, chat) = open_link(tx, env, caller, token)?;
    let me = access::calling_user(tx, caller)?.ok_or(ChatError::TokenNoPermission)?;
    if tx.chat_member(chat.id, me.id)?.is_some() {
        return Ok((chat, JoinOutcome::AlreadyMember));
    }
    let policy = access::policy_of(tx, chat.tenant)?;
    if me.tenant != chat.tenant && !policy.members_may_add_external {
        return Err(ChatError::NoVisibility { ids: vec![me.user_id.clone()] }.into());
    }
    if chat.options.membership_approval == MembershipApproval::ApprovalRequired {
        file_request(tx, env, caller, &chat, me.id, me.tenant, JoinVia::Link)?;
        return Ok((chat, JoinOutcome::Pending));
    }
    let bots: Vec<crate::ids::AppId> = tx.chat_bots(chat.id)?.into_iter().map(|b| b.app).collect();
    add_users(tx, env, caller, &chat, &bots, &policy, &[crate::model::Candidate::from(&me)])?;
    Ok((chat, JoinOutcome::Joined))
}
