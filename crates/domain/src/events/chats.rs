//! Group-chat events (spec §6): members added, removed or withdrawn, bots added or removed, the
//! chat disbanded or updated. They go only to bots that are in the chat and subscribed, so each
//! carries `bots`: the apps whose bots were in the chat when it happened.

use super::Operator;
use crate::ids::{AppId, ChatId, TenantId, UserId};
use crate::model::{DomainEvent, I18nNames};
use serde::{Deserialize, Serialize};

/// The chat as the event shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatRef {
    pub chat: ChatId,
    /// The tenant that owns the chat.
    pub tenant: TenantId,
    pub name: String,
    pub i18n: I18nNames,
    pub external: bool,
    /// Apps whose bots were members at the time: the event's audience.
    pub bots: Vec<AppId>,
}

/// A user in a member event, with the name and per-tenant user_id as they were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventUser {
    pub user: UserId,
    pub tenant: TenantId,
    pub name: String,
    pub user_id: String,
}

/// Users joined, left or were removed, or an invitation to add them was withdrawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberUsers {
    pub chat: ChatRef,
    pub operator: Operator,
    pub users: Vec<EventUser>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberUsersAdded(pub MemberUsers);
impl DomainEvent for MemberUsersAdded {
    const EVENT_TYPE: &'static str = "im.chat.member.user.added_v1";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberUsersDeleted(pub MemberUsers);
impl DomainEvent for MemberUsersDeleted {
    const EVENT_TYPE: &'static str = "im.chat.member.user.deleted_v1";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberUsersWithdrawn(pub MemberUsers);
impl DomainEvent for MemberUsersWithdrawn {
    const EVENT_TYPE: &'static str = "im.chat.member.user.withdrawn_v1";
}

/// A bot joined or left; delivered to that bot's app (plus the chat's other bots' audience rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberBot {
    pub chat: ChatRef,
    pub operator: Operator,
    pub bot: AppId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberBotAdded(pub MemberBot);
impl DomainEvent for MemberBotAdded {
    const EVENT_TYPE: &'static str = "im.chat.member.bot.added_v1";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberBotDeleted(pub MemberBot);
impl DomainEvent for MemberBotDeleted {
    const EVENT_TYPE: &'static str = "im.chat.member.bot.deleted_v1";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatDisbanded {
    pub chat: ChatRef,
    pub operator: Operator,
}
impl DomainEvent for ChatDisbanded {
    const EVENT_TYPE: &'static str = "im.chat.disbanded_v1";
}

/// The chat settings `im.chat.updated_v1` compares before and after.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatSettingsSnapshot {
    pub avatar: String,
    pub name: String,
    pub description: String,
    pub i18n: I18nNames,
    pub add_member_permission: String,
    pub share_card_permission: String,
    pub at_all_permission: String,
    pub edit_permission: String,
    pub membership_approval: String,
    pub join_message_visibility: String,
    pub leave_message_visibility: String,
    pub moderation_permission: String,
    pub group_message_type: String,
    pub owner: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatUpdated {
    pub chat: ChatRef,
    pub operator: Operator,
    pub before: ChatSettingsSnapshot,
    pub after: ChatSettingsSnapshot,
    /// Moderators added and removed by a moderation update, if any.
    pub moderators_added: Vec<UserId>,
    pub moderators_removed: Vec<UserId>,
}
impl DomainEvent for ChatUpdated {
    const EVENT_TYPE: &'static str = "im.chat.updated_v1";
}
