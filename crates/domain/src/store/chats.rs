//! Repository of group chats and their members, managers, bots, join requests and share links,
//! plus each tenant's chat policy and the collaborations between tenants (issue 3).
//!
//! Chats are read by id without a tenant filter: external members of another tenant reach them
//! too. The chat services decide who may see what (`services::chats::access`).

use crate::clock::Timestamp;
use crate::error::Result;
use crate::events::Operator;
use crate::ids::{AppId, ChatId, TenantId, UserId};
use crate::model::{
    Candidate, Chat, ChatBot, ChatJoinRequest, ChatJoinRequestId, ChatMember, ChatMemberRef, ChatPolicy, Collaboration,
    JoinRequestStatus, MemberListing, NewChat, NewChatJoinRequest, NewMember, ShareLink,
};

/// How "list my chats" orders its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChatSort {
    /// Oldest first (Lark's default).
    #[default]
    ByCreateTimeAsc,
    /// Most recently active first.
    ByActiveTimeDesc,
}

/// Where a page of chats continues: after this chat in the chosen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatCursor {
    pub active_at: Timestamp,
    pub id: ChatId,
}

/// What is_in_chat needs to know, without loading the chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MembershipProbe {
    pub tenant: TenantId,
    pub dissolved: bool,
    pub member: bool,
}

/// The counters kept on the chat row, rewritten together on every membership change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatCounts {
    pub user_count: i64,
    pub bot_count: i64,
    pub next_seq: i64,
    pub active_at: Timestamp,
}

pub trait ChatStore {
    fn insert_chat(&mut self, c: &NewChat) -> Result<ChatId>;
    /// A chat of any tenant, in any status.
    fn chat(&mut self, id: ChatId) -> Result<Option<Chat>>;
    /// Rewrites every column but the counters.
    fn update_chat(&mut self, c: &Chat) -> Result<()>;
    fn set_chat_counts(&mut self, chat: ChatId, counts: ChatCounts) -> Result<()>;
    /// The newest live chat of `tenant` created with `uuid` by `owner` at or after `since`.
    fn chat_by_uuid(
        &mut self,
        tenant: TenantId,
        uuid: &str,
        owner: crate::model::ChatOwner,
        since: Timestamp,
    ) -> Result<Option<Chat>>;
    /// Whether a live public chat of `tenant` other than `except` has this name.
    fn public_chat_named(&mut self, tenant: TenantId, name: &str, except: Option<ChatId>) -> Result<bool>;
    /// Live chats `who` is in, one page in `sort` order after `after`.
    fn chats_of(
        &mut self,
        who: ChatMemberRef,
        sort: ChatSort,
        after: Option<ChatCursor>,
        limit: u32,
    ) -> Result<Vec<Chat>>;
    /// Live chats `who` is in or that are public in `tenant`, whose name, i18n names or member
    /// names contain `needle` (lowercase), by id after `after`.
    fn search_chats(
        &mut self,
        tenant: TenantId,
        who: ChatMemberRef,
        needle: &str,
        after: Option<ChatId>,
        limit: u32,
    ) -> Result<Vec<Chat>>;
}

pub trait ChatMemberStore {
    fn chat_member(&mut self, chat: ChatId, user: UserId) -> Result<Option<ChatMember>>;
    /// Users of `tenant` among `users`, as candidates for a chat (any status), by id.
    fn candidates(&mut self, tenant: TenantId, users: &[UserId]) -> Result<Vec<Candidate>>;
    /// The members among `users`, in join order.
    fn chat_members_among(&mut self, chat: ChatId, users: &[UserId]) -> Result<Vec<ChatMember>>;
    /// Inserts the members not yet in the chat, with join sequences `first_seq + i` (`i` their
    /// place in `members`; those skipped leave gaps), and returns the users it inserted.
    fn insert_chat_members(
        &mut self,
        chat: ChatId,
        first_seq: i64,
        members: &[NewMember],
        now: Timestamp,
    ) -> Result<Vec<UserId>>;
    /// Deletes these members; returns how many there were.
    fn delete_chat_members(&mut self, chat: ChatId, users: &[UserId]) -> Result<u64>;
    fn set_member_flags(&mut self, chat: ChatId, user: UserId, is_manager: bool, is_moderator: bool) -> Result<()>;
    /// One page of members in join order after `after_seq`, with names.
    fn member_page(&mut self, chat: ChatId, after_seq: i64, limit: u32) -> Result<Vec<MemberListing>>;
    /// Members with the manager flag, in join order.
    fn chat_managers(&mut self, chat: ChatId) -> Result<Vec<ChatMember>>;
    /// Members with the moderator flag, in join order after `after_seq`.
    fn chat_moderators(&mut self, chat: ChatId, after_seq: i64, limit: u32) -> Result<Vec<ChatMember>>;
    /// The earliest members who belong to `tenant`, in join order (ownership hand-over).
    fn earliest_members(&mut self, chat: ChatId, tenant: TenantId, limit: u32) -> Result<Vec<ChatMember>>;
    /// Every bot in the chat, in join order.
    fn chat_bots(&mut self, chat: ChatId) -> Result<Vec<ChatBot>>;
    fn insert_chat_bot(&mut self, bot: &ChatBot) -> Result<()>;
    fn delete_chat_bot(&mut self, chat: ChatId, app: AppId) -> Result<u64>;
    fn set_bot_manager(&mut self, chat: ChatId, app: AppId, is_manager: bool) -> Result<()>;
    /// Whether `who` is a member.
    fn is_chat_member(&mut self, chat: ChatId, who: ChatMemberRef) -> Result<bool>;
    /// The chat's tenant and status and whether `who` is in it, in one read: the hot path of
    /// is_in_chat. `None` when there is no such chat.
    fn probe_membership(&mut self, chat: ChatId, who: ChatMemberRef) -> Result<Option<MembershipProbe>>;
}

pub trait ChatAccessStore {
    fn insert_chat_join_request(&mut self, r: &NewChatJoinRequest) -> Result<ChatJoinRequestId>;
    fn chat_join_request(&mut self, chat: ChatId, id: ChatJoinRequestId) -> Result<Option<ChatJoinRequest>>;
    fn pending_chat_join_request(&mut self, chat: ChatId, user: UserId) -> Result<Option<ChatJoinRequest>>;
    /// Requests of a chat, optionally of one status, by id after `after`.
    fn chat_join_requests(
        &mut self,
        chat: ChatId,
        status: Option<JoinRequestStatus>,
        after: ChatJoinRequestId,
        limit: u32,
    ) -> Result<Vec<ChatJoinRequest>>;
    /// Rewrites status and decision.
    fn update_chat_join_request(&mut self, r: &ChatJoinRequest) -> Result<()>;
    /// Closes the pending requests of these users (they joined another way) with `status`, or
    /// every pending request of the chat when `users` is empty (it was dissolved); returns how many.
    fn close_pending_requests(
        &mut self,
        chat: ChatId,
        users: &[UserId],
        status: JoinRequestStatus,
        by: &Operator,
        now: Timestamp,
    ) -> Result<u64>;
    fn insert_share_link(&mut self, link: &ShareLink) -> Result<()>;
    fn share_link(&mut self, token: &str) -> Result<Option<ShareLink>>;
    fn chat_policy(&mut self, tenant: TenantId) -> Result<Option<ChatPolicy>>;
    fn put_chat_policy(&mut self, tenant: TenantId, policy: &ChatPolicy, now: Timestamp) -> Result<()>;
    fn collaboration(&mut self, a: TenantId, b: TenantId) -> Result<Option<Collaboration>>;
    fn put_collaboration(&mut self, c: &Collaboration) -> Result<()>;
    fn delete_collaboration(&mut self, a: TenantId, b: TenantId) -> Result<u64>;
    fn collaborations_of(&mut self, tenant: TenantId) -> Result<Vec<Collaboration>>;
    /// The tenant of `user` when it has an active collaboration with `tenant` (never `tenant`
    /// itself); `None` for users of strangers.
    fn collaborating_tenant_of_user(&mut self, tenant: TenantId, user: UserId) -> Result<Option<TenantId>>;
}

/// Everything the chat area stores.
pub trait ChatRepo: ChatStore + ChatMemberStore + ChatAccessStore {}

impl<T: ChatStore + ChatMemberStore + ChatAccessStore + ?Sized> ChatRepo for T {}
