//! Lists of chats: the caller's own (`GET /chats`) and search (`GET /chats/search`), which also
//! finds the tenant's public chats. Dissolved chats never appear.

use super::access::{self, participant};
use crate::error::Result;
use crate::ids::{ChatId, TenantId};
use crate::model::{Chat, ChatOwner, User};
use crate::services::{Caller, Env};
use crate::store::{ChatCursor, ChatSort, Tx};

/// A chat as list items show it.
#[derive(Debug, Clone)]
pub struct ChatListItem {
    pub chat: Chat,
    pub owner: Option<User>,
    pub tenant_key: String,
}

#[derive(Debug, Clone)]
pub struct ChatList {
    pub items: Vec<ChatListItem>,
    /// Where the next page starts, when there is one.
    pub next: Option<ChatCursor>,
}

/// Searches longer than this find nothing (Lark: empty or over 64 characters).
pub const MAX_QUERY_CHARS: usize = 64;

fn items(tx: &mut dyn Tx, chats: Vec<Chat>) -> Result<Vec<ChatListItem>> {
    let mut keys: Vec<(TenantId, String)> = Vec::new();
    let mut out = Vec::with_capacity(chats.len());
    for chat in chats {
        let owner = match chat.owner {
            ChatOwner::User(u) => tx.user(chat.tenant, u)?,
            ChatOwner::Bot(_) => None,
        };
        let tenant_key = match keys.iter().find(|(t, _)| *t == chat.tenant) {
            Some((_, k)) => k.clone(),
            None => {
                let k = tx.tenant(chat.tenant)?.map(|t| t.tenant_key).unwrap_or_default();
                keys.push((chat.tenant, k.clone()));
                k
            }
        };
        out.push(ChatListItem { chat, owner, tenant_key });
    }
    Ok(out)
}

fn cursor(c: &Chat) -> ChatCursor {
    ChatCursor { active_at: c.active_at, id: c.id }
}

/// `GET /chats`: the chats the caller (user or bot) is in.
pub fn list_chats(
    tx: &mut dyn Tx,
    _env: &Env,
    caller: &Caller,
    sort: ChatSort,
    after: Option<ChatCursor>,
    page_size: u32,
) -> Result<ChatList> {
    access::require_bot(caller)?;
    let mut chats = tx.chats_of(participant(caller), sort, after, page_size + 1)?;
    let next = if chats.len() > page_size as usize {
        chats.truncate(page_size as usize);
        chats.last().map(cursor)
    } else {
        None
    };
    Ok(ChatList { items: items(tx, chats)?, next })
}

/// `GET /chats/search`: chats the caller is in, or public in the caller's tenant, whose name,
/// i18n names or members' names contain `query` (case-insensitively).
pub fn search_chats(
    tx: &mut dyn Tx,
    _env: &Env,
    caller: &Caller,
    query: &str,
    after: Option<ChatId>,
    page_size: u32,
) -> Result<ChatList> {
    access::require_bot(caller)?;
    let query = query.trim();
    if query.is_empty() || query.chars().count() > MAX_QUERY_CHARS {
        return Ok(ChatList { items: vec![], next: None });
    }
    let needle = query.to_lowercase();
    let mut chats = tx.search_chats(caller.tenant, participant(caller), &needle, after, page_size + 1)?;
    let next = if chats.len() > page_size as usize {
        chats.truncate(page_size as usize);
        chats.last().map(cursor)
    } else {
        None
    };
    Ok(ChatList { items: items(tx, chats)?, next })
}
