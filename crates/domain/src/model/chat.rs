//! A group chat and its members: who owns it (a user or a bot), its settings, its members in
//! join order, its managers and moderators, and the bots in it.
//!
//! Model decisions (README "Group chats"):
//! - Ownership is a user or a bot ([`ChatOwner`]). The app whose bot created the chat with a
//!   tenant token is remembered as `creator_bot`; it keeps owner powers (Lark's
//!   `im:chat:operate_as_owner`) for as long as it is in the chat.
//! - Managers and moderators are flags on a member; the owner is a member but never a manager.
//! - [`ChatKind`] is what `chat_tag` reports: an ordinary group, a department's chat or the
//!   all-staff chat.
//! - Members carry a per-chat join sequence (`seq`): join order, the key of member paging, and
//!   what "earliest member" means when ownership must move on.

use crate::clock::Timestamp;
use crate::ids::{AppId, ChatId, DeptId, TenantId, UserId};
use crate::model::I18nNames;
use serde::{Deserialize, Serialize};

/// A closed set of names stored and sent as strings; `parse` is the inverse of `as_str`.
macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vdoc])* #[serde(rename = $s)] $variant),+ }
        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $s),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

named_enum!(
    /// `chat_type`: private chats are joined by invitation; public ones can be searched and joined.
    ChatType { Private = "private", Public = "public" }
);
named_enum!(
    /// Who may do something: the owner and managers only, or every member.
    Who { OnlyOwner = "only_owner", AllMembers = "all_members" }
);
named_enum!(
    /// `share_card_permission`: whether members may share the chat's card (and links).
    ShareCard { Allowed = "allowed", NotAllowed = "not_allowed" }
);
named_enum!(
    /// `join_message_visibility` / `leave_message_visibility`.
    MessageVisibility { OnlyOwner = "only_owner", AllMembers = "all_members", NotAnyone = "not_anyone" }
);
named_enum!(
    /// `membership_approval`: whether additions by non-managers wait for an owner's or manager's approval.
    MembershipApproval { NoApprovalRequired = "no_approval_required", ApprovalRequired = "approval_required" }
);
named_enum!(
    /// `moderation_permission`: who may speak.
    ModerationPermission { AllMembers = "all_members", OnlyOwner = "only_owner", ModeratorList = "moderator_list" }
);
named_enum!(
    /// `group_message_type`.
    GroupMessageType { Chat = "chat", Thread = "thread" }
);
named_enum!(
    /// A restricted-mode permission.
    RestrictedPermission { AllMembers = "all_members", NotAnyone = "not_anyone" }
);
named_enum!(
    /// `chat_status`.
    ChatStatus { Normal = "normal", Dissolved = "dissolved" }
);

/// `restricted_mode_setting`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestrictedMode {
    pub status: bool,
    pub screenshot: RestrictedPermission,
    pub download: RestrictedPermission,
    pub message: RestrictedPermission,
}

impl Default for RestrictedMode {
    fn default() -> Self {
        RestrictedMode {
            status: false,
            screenshot: RestrictedPermission::AllMembers,
            download: RestrictedPermission::AllMembers,
            message: RestrictedPermission::AllMembers,
        }
    }
}

/// The chat's settings other than its type, names and owner. Stored as one JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatOptions {
    pub group_message_type: GroupMessageType,
    pub add_member_permission: Who,
    pub share_card_permission: ShareCard,
    pub at_all_permission: Who,
    pub edit_permission: Who,
    pub join_message_visibility: MessageVisibility,
    pub leave_message_visibility: MessageVisibility,
    pub membership_approval: MembershipApproval,
    pub moderation_permission: ModerationPermission,
    pub restricted_mode: RestrictedMode,
    pub urgent_setting: Who,
    pub video_conference_setting: Who,
    pub hide_member_count_setting: Who,
}

impl Default for ChatOptions {
    /// Lark's defaults for a new group.
    fn default() -> Self {
        ChatOptions {
            group_message_type: GroupMessageType::Chat,
            add_member_permission: Who::AllMembers,
            share_card_permission: ShareCard::Allowed,
            at_all_permission: Who::AllMembers,
            edit_permission: Who::AllMembers,
            join_message_visibility: MessageVisibility::AllMembers,
            leave_message_visibility: MessageVisibility::AllMembers,
            membership_approval: MembershipApproval::NoApprovalRequired,
            moderation_permission: ModerationPermission::AllMembers,
            restricted_mode: RestrictedMode::default(),
            urgent_setting: Who::AllMembers,
            video_conference_setting: Who::AllMembers,
            hide_member_count_setting: Who::AllMembers,
        }
    }
}

/// Who owns a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatOwner {
    User(UserId),
    Bot(AppId),
}

impl ChatOwner {
    pub fn user(self) -> Option<UserId> {
        match self {
            ChatOwner::User(u) => Some(u),
            ChatOwner::Bot(_) => None,
        }
    }
}

/// A chat member of either kind: the subject of "is in chat", "chats of", the caller's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChatMemberRef {
    User(UserId),
    Bot(AppId),
}

/// What kind of chat this is; `chat_tag` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatKind {
    /// An ordinary group made through the API.
    Group,
    /// A department's chat (`create_group_chat`); its members follow the department.
    Department(DeptId),
    /// The all-staff chat of the tenant.
    Tenant,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chat {
    pub id: ChatId,
    /// The tenant the chat belongs to (its creator's).
    pub tenant: TenantId,
    pub kind: ChatKind,
    pub name: String,
    pub description: String,
    pub avatar: String,
    pub i18n: I18nNames,
    pub owner: ChatOwner,
    /// The app whose bot created the chat with a tenant token, if a bot did.
    pub creator_bot: Option<AppId>,
    pub chat_type: ChatType,
    /// External chats may hold users of collaborating tenants.
    pub external: bool,
    pub options: ChatOptions,
    pub status: ChatStatus,
    /// Human members (the owner included; bots excluded).
    pub user_count: i64,
    pub bot_count: i64,
    /// The join sequence the next member gets.
    pub next_seq: i64,
    /// The create call's `uuid`, for de-duplication.
    pub uuid: Option<String>,
    pub created_at: Timestamp,
    /// Last change of the chat or its membership (`ByActiveTimeDesc`).
    pub active_at: Timestamp,
    pub dissolved_at: Option<Timestamp>,
}

impl Chat {
    pub fn is_dissolved(&self) -> bool {
        self.status == ChatStatus::Dissolved
    }
}

/// Everything needed to insert a chat; the store assigns the id.
#[derive(Debug, Clone)]
pub struct NewChat {
    pub tenant: TenantId,
    pub kind: ChatKind,
    pub name: String,
    pub description: String,
    pub avatar: String,
    pub i18n: I18nNames,
    pub owner: ChatOwner,
    pub creator_bot: Option<AppId>,
    pub chat_type: ChatType,
    pub external: bool,
    pub options: ChatOptions,
    pub uuid: Option<String>,
    pub created_at: Timestamp,
}

/// A human member of a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatMember {
    pub chat: ChatId,
    /// Join order within the chat.
    pub seq: i64,
    pub user: UserId,
    /// The member's own tenant (differs from the chat's for external members).
    pub user_tenant: TenantId,
    pub is_manager: bool,
    pub is_moderator: bool,
    pub joined_at: Timestamp,
}

/// A member as member lists show it: join sequence, the user, their tenant and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberListing {
    pub seq: i64,
    pub user: UserId,
    pub user_tenant: TenantId,
    pub name: String,
    /// The member's per-tenant `user_id`.
    pub user_id: String,
}

/// What adding a user to a chat needs to know about them: who, whose, in what state, and the
/// name and `user_id` the event shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub user: UserId,
    pub tenant: TenantId,
    pub status: crate::model::UserStatus,
    pub name: String,
    pub user_id: String,
}

impl From<&crate::model::User> for Candidate {
    fn from(u: &crate::model::User) -> Self {
        Candidate { user: u.id, tenant: u.tenant, status: u.status, name: u.name.clone(), user_id: u.user_id.clone() }
    }
}

/// A user to add, with the tenant they belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewMember {
    pub user: UserId,
    pub user_tenant: TenantId,
    pub is_manager: bool,
}

/// An app's bot in a chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatBot {
    pub chat: ChatId,
    pub app: AppId,
    pub is_manager: bool,
    pub joined_at: Timestamp,
}
