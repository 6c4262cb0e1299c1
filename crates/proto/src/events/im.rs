//! Group-chat event bodies: members added, deleted or withdrawn, bots added or deleted, the chat
//! disbanded or updated ([PY] `P2ImChat…`, [NODE] events-template).

use super::UserIds;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct I18nNames {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh_cn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en_us: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ja_jp: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatMemberUser {
    pub name: String,
    pub tenant_key: String,
    pub user_id: UserIds,
}

/// `im.chat.member.user.{added,deleted,withdrawn}_v1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberUsers {
    pub chat_id: String,
    pub operator_id: UserIds,
    pub external: bool,
    pub operator_tenant_key: String,
    pub users: Vec<ChatMemberUser>,
    pub name: String,
    pub i18n_names: I18nNames,
}

/// `im.chat.member.bot.{added,deleted}_v1` and `im.chat.disbanded_v1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatOnly {
    pub chat_id: String,
    pub operator_id: UserIds,
    pub external: bool,
    pub operator_tenant_key: String,
    pub name: String,
    pub i18n_names: I18nNames,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatChange {
    pub avatar: String,
    pub name: String,
    pub description: String,
    pub i18n_names: I18nNames,
    pub add_member_permission: String,
    pub share_card_permission: String,
    pub at_all_permission: String,
    pub edit_permission: String,
    pub membership_approval: String,
    pub join_message_visibility: String,
    pub leave_message_visibility: String,
    pub moderation_permission: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<UserIds>,
    pub group_message_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventModerator {
    pub tenant_key: String,
    pub user_id: UserIds,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModeratorList {
    pub added_member_list: Vec<EventModerator>,
    pub removed_member_list: Vec<EventModerator>,
}

/// `im.chat.updated_v1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatUpdated {
    pub chat_id: String,
    pub operator_id: UserIds,
    pub external: bool,
    pub operator_tenant_key: String,
    pub after_change: ChatChange,
    pub before_change: ChatChange,
    pub moderator_list: ModeratorList,
}
