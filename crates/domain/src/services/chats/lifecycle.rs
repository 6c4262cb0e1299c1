//! What the account lifecycle (issue 5) needs from chats: a user's department chats and external
//! chats, each with its earliest members of the chat's own organization (the default new owner
//! when the user leaves, spec §4.3), and department chats for `create_group_chat`.

use crate::error::{Error, Result};
use crate::ids::ChatId;
use crate::model::{
    Chat, ChatKind, ChatMember, ChatMemberRef, ChatOptions, ChatOwner, ChatType, Department, NewChat, NewMember, User,
};
use crate::services::Env;
use crate::store::{ChatCounts, ChatCursor, ChatSort, Tx};

/// A chat of the user, with the earliest other members of the chat's tenant in join order.
#[derive(Debug, Clone)]
pub struct HandOver {
    pub chat: Chat,
    pub successors: Vec<ChatMember>,
}

/// Every live chat `user` is in, oldest first.
pub fn chats_of_user(tx: &mut dyn Tx, user: &User) -> Result<Vec<Chat>> {
    let mut out = Vec::new();
    let mut after: Option<ChatCursor> = None;
    loop {
        let page = tx.chats_of(ChatMemberRef::User(user.id), ChatSort::ByCreateTimeAsc, after, 200)?;
        let done = page.len() < 200;
        after = page.last().map(|c| ChatCursor { active_at: c.active_at, id: c.id });
        out.extend(page);
        if done {
            return Ok(out);
        }
    }
}

fn hand_overs(tx: &mut dyn Tx, user: &User, keep: impl Fn(&Chat) -> bool, k: u32) -> Result<Vec<HandOver>> {
    let mut out = Vec::new();
    for chat in chats_of_user(tx, user)?.into_iter().filter(|c| keep(c)) {
        let mut successors = tx.earliest_members(chat.id, chat.tenant, k + 1)?;
        successors.retain(|m| m.user != user.id);
        successors.truncate(k as usize);
        out.push(HandOver { chat, successors });
    }
    Ok(out)
}

/// The user's department chats with up to `k` earliest same-organization successors each.
pub fn department_chats(tx: &mut dyn Tx, user: &User, k: u32) -> Result<Vec<HandOver>> {
    hand_overs(tx, user, |c| matches!(c.kind, ChatKind::Department(_)), k)
}

/// The user's external chats with up to `k` earliest same-organization successors each (none:
/// Lark deletes the chat).
pub fn external_chats(tx: &mut dyn Tx, user: &User, k: u32) -> Result<Vec<HandOver>> {
    hand_overs(tx, user, |c| c.external, k)
}

/// Creates a department's chat owned by `owner`, with `members` (the owner first), and returns
/// its id. The caller records it on the department.
pub fn create_department_chat(
    tx: &mut dyn Tx,
    env: &Env,
    dept: &Department,
    owner: &User,
    members: &[User],
) -> Result<ChatId> {
    let id = tx.insert_chat(&NewChat {
        tenant: dept.tenant,
        kind: ChatKind::Department(dept.id),
        name: dept.name.clone(),
        description: String::new(),
        avatar: String::new(),
        i18n: dept.i18n.clone(),
        owner: ChatOwner::User(owner.id),
        creator_bot: None,
        chat_type: ChatType::Private,
        external: false,
        options: ChatOptions::default(),
        uuid: None,
        created_at: env.now,
    })?;
    let mut list = vec![NewMember { user: owner.id, user_tenant: owner.tenant, is_manager: false }];
    list.extend(members.iter().filter(|m| m.id != owner.id).map(|m| NewMember {
        user: m.id,
        user_tenant: m.tenant,
        is_manager: false,
    }));
    if list.len() as i64 > env.settings.chats.max_members {
        return Err(Error::invalid("members", "more members than a chat may hold"));
    }
    tx.insert_chat_members(id, 0, &list, env.now)?;
    let n = list.len() as i64;
    tx.set_chat_counts(id, ChatCounts { user_count: n, bot_count: 0, next_seq: n, active_at: env.now })?;
    Ok(id)
}
