//! IM v1 wire types (spec §3): chat bodies and objects, member, manager and moderation bodies
//! and results. Strings stay strings here; the server turns them into domain values.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct I18nNames {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh_cn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en_us: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja_jp: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RestrictedModeSetting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screenshot_has_permission_setting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub download_has_permission_setting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_has_permission_setting: Option<String>,
}

/// `POST /im/v1/chats` body (§3.2). Fields Lark ignores at create (`add_member_permission`, …)
/// and the SDKs' undocumented extras (`labels`, `toolkit_ids`, …) are accepted and ignored.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CreateChatBody {
    pub avatar: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub i18n_names: Option<I18nNames>,
    pub owner_id: Option<String>,
    pub user_id_list: Option<Vec<String>>,
    pub bot_id_list: Option<Vec<String>>,
    pub group_message_type: Option<String>,
    pub chat_mode: Option<String>,
    pub chat_type: Option<String>,
    pub external: Option<bool>,
    pub join_message_visibility: Option<String>,
    pub leave_message_visibility: Option<String>,
    pub membership_approval: Option<String>,
    pub restricted_mode_setting: Option<RestrictedModeSetting>,
    pub urgent_setting: Option<String>,
    pub video_conference_setting: Option<String>,
    pub edit_permission: Option<String>,
    pub hide_member_count_setting: Option<String>,
}

/// `PUT /im/v1/chats/:chat_id` body (§3.4): omitted fields stay unchanged.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UpdateChatBody {
    pub avatar: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub i18n_names: Option<I18nNames>,
    pub add_member_permission: Option<String>,
    pub share_card_permission: Option<String>,
    pub at_all_permission: Option<String>,
    pub edit_permission: Option<String>,
    pub owner_id: Option<String>,
    pub join_message_visibility: Option<String>,
    pub leave_message_visibility: Option<String>,
    pub membership_approval: Option<String>,
    pub restricted_mode_setting: Option<RestrictedModeSetting>,
    pub chat_type: Option<String>,
    pub group_message_type: Option<String>,
    pub urgent_setting: Option<String>,
    pub video_conference_setting: Option<String>,
    pub hide_member_count_setting: Option<String>,
}

/// The chat object of create and get (§3.3). Fields a reader may not see are omitted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ChatObject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_id: Option<String>,
    pub avatar: String,
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i18n_names: Option<I18nNames>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_member_permission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_card_permission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_all_permission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit_permission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_manager_id_list: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_manager_id_list: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_message_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_message_visibility: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leave_message_visibility: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership_approval: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderation_permission: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_count: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_count: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restricted_mode_setting: Option<RestrictedModeSetting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgent_setting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video_conference_setting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hide_member_count_setting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_status: Option<String>,
}

/// An item of `GET /im/v1/chats` and `/chats/search`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListChat {
    pub chat_id: String,
    pub avatar: String,
    pub name: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id_type: Option<String>,
    pub external: bool,
    pub tenant_key: String,
    pub chat_status: String,
}

/// A page: `items`, `page_token` (only while `has_more`), `has_more`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    pub has_more: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LinkBody {
    pub validity_period: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkData {
    pub share_link: String,
    /// Unix seconds as a string; `"0"` for a permanent link.
    pub expire_time: String,
    pub is_permanent: bool,
}

/// `id_list` of add and remove members.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IdListBody {
    pub id_list: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AddMembersData {
    pub invalid_id_list: Vec<String>,
    pub not_existed_id_list: Vec<String>,
    pub pending_approval_id_list: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RemoveMembersData {
    pub invalid_id_list: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListMember {
    pub member_id_type: String,
    pub member_id: String,
    pub name: String,
    pub tenant_key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MembersPage {
    pub items: Vec<ListMember>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    pub has_more: bool,
    pub member_total: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IsInChatData {
    pub is_in_chat: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ManagersBody {
    pub manager_ids: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ManagersData {
    pub chat_managers: Vec<String>,
    pub chat_bot_managers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListModerator {
    pub user_id_type: String,
    pub user_id: String,
    pub tenant_key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModerationData {
    pub moderation_setting: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
    pub has_more: bool,
    pub items: Vec<ListModerator>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ModerationBody {
    pub moderation_setting: Option<String>,
    pub moderator_added_list: Option<Vec<String>>,
    pub moderator_removed_list: Option<Vec<String>>,
}
