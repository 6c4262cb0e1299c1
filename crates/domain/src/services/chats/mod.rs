//! Group chats (spec §3): create, read, update and dissolve chats; add, remove and list members;
//! managers and moderation; join requests, share links; each tenant's chat policy and the
//! collaborations that let external users in. The permission rules are pure functions in
//! [`rules`] and [`candidates`]; the use-cases here load the data, ask them, and write.
//!
//! Invariants (property-tested on both stores): the owner is always a member; managers are
//! always members; no chat holds more users than its cap; a member appears at most once.
//! Every membership change takes the chat's lock first (`LockKey::Chat`).

pub mod access;
pub mod candidates;
pub mod create;
pub mod lifecycle;
pub mod links;
pub mod listing;
pub mod managers;
pub mod members;
pub mod policy;
pub mod requests;
pub mod rules;
pub mod update;

use crate::error::{ChatError, Result};
use crate::model::{
    App, Chat, ChatOwner, ChatType, GroupMessageType, I18nNames, MembershipApproval, MessageVisibility, RestrictedMode,
    ShareCard, User, Who,
};
use crate::store::Tx;
use rules::Visibility;

/// Chat fields a create or update call may set; `None` leaves the default (create) or the
/// current value (update).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChatFields {
    pub avatar: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub i18n: Option<I18nNames>,
    /// The new owner, in the call's `user_id_type`.
    pub owner_id: Option<String>,
    pub chat_type: Option<ChatType>,
    pub group_message_type: Option<GroupMessageType>,
    pub add_member_permission: Option<Who>,
    pub share_card_permission: Option<ShareCard>,
    pub at_all_permission: Option<Who>,
    pub edit_permission: Option<Who>,
    pub join_message_visibility: Option<MessageVisibility>,
    pub leave_message_visibility: Option<MessageVisibility>,
    pub membership_approval: Option<MembershipApproval>,
    pub restricted_mode: Option<RestrictedMode>,
    pub urgent_setting: Option<Who>,
    pub video_conference_setting: Option<Who>,
    pub hide_member_count_setting: Option<Who>,
}

/// A chat with what rendering it needs.
#[derive(Debug, Clone)]
pub struct ChatView {
    pub chat: Chat,
    pub tenant_key: String,
    /// The owner when it is a user.
    pub owner: Option<User>,
    pub user_managers: Vec<User>,
    pub bot_managers: Vec<App>,
    pub visibility: Visibility,
}

/// Builds the view of `chat`; `with_managers` loads the manager lists (get only).
pub fn view(tx: &mut dyn Tx, chat: Chat, visibility: Visibility, with_managers: bool) -> Result<ChatView> {
    let tenant_key = tx.tenant(chat.tenant)?.map(|t| t.tenant_key).unwrap_or_default();
    let owner = match chat.owner {
        ChatOwner::User(u) => tx.user(chat.tenant, u)?,
        ChatOwner::Bot(_) => None,
    };
    let (mut user_managers, mut bot_managers) = (Vec::new(), Vec::new());
    if with_managers && visibility == Visibility::Full {
        for m in tx.chat_managers(chat.id)? {
            if let Some(u) = access::known_user(tx, chat.tenant, m.user)? {
                user_managers.push(u);
            }
        }
        for b in tx.chat_bots(chat.id)?.into_iter().filter(|b| b.is_manager) {
            if let Some(a) = tx.app(b.app)? {
                bot_managers.push(a);
            }
        }
    }
    Ok(ChatView { chat, tenant_key, owner, user_managers, bot_managers, visibility })
}

/// Checks an avatar key: 1-256 characters of letters, digits, `_` and `-` (232041).
pub fn check_avatar(avatar: &str) -> Result<()> {
    let ok = (1..=256).contains(&avatar.len())
        && avatar.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok { Ok(()) } else { Err(ChatError::IllegalAvatar.into()) }
}

/// A stable 64-bit hash (FNV-1a) for lock keys derived from strings.
pub(crate) fn lock_hash(parts: &[&[u8]]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h as i64
}

#[cfg(test)]
mod tests {
    #[test]
    fn avatars() {
        for (a, ok) in [("img_v2_abc-1", true), ("", false), ("a b", false), ("http://x/y.png", false)] {
            assert_eq!(super::check_avatar(a).is_ok(), ok, "{a}");
        }
        assert_ne!(super::lock_hash(&[b"a", b"bc"]), super::lock_hash(&[b"ab", b"c"]));
    }
}
