//! Conversions between IM wire types and the chat domain: parsing enums and id types (a bad
//! value is 232001 naming the field), rendering chats and members in the caller's id types, and
//! page tokens.

use crate::http::errors::ApiError;
use roster_domain::Timestamp;
use roster_domain::error::ChatError;
use roster_domain::ids::{ChatId, UserIdType};
use roster_domain::model::{
    App, ChatKind, ChatType, GroupMessageType, I18nNames, MembershipApproval, MessageVisibility, RestrictedMode,
    RestrictedPermission, ShareCard, Who,
};
use roster_domain::services::Env;
use roster_domain::services::chats::members::MemberIdType;
use roster_domain::services::chats::rules::Visibility;
use roster_domain::services::chats::{ChatFields, ChatView};
use roster_domain::store::ChatCursor;
use roster_proto::im as wire;
use serde::Deserialize;

/// `user_id_type` (default open_id).
pub fn user_id_type(v: Option<&str>) -> Result<UserIdType, ApiError> {
    match v {
        None | Some("") => Ok(UserIdType::OpenId),
        Some(t) => UserIdType::parse(t)
            .ok_or_else(|| ApiError::invalid("user_id_type", "must be open_id, union_id or user_id")),
    }
}

/// `member_id_type` (default open_id; `app_id` names bots).
pub fn member_id_type(v: Option<&str>) -> Result<MemberIdType, ApiError> {
    match v {
        Some("app_id") => Ok(MemberIdType::App),
        None | Some("") => Ok(MemberIdType::User(UserIdType::OpenId)),
        Some(t) => UserIdType::parse(t)
            .map(MemberIdType::User)
            .ok_or_else(|| ApiError::invalid("member_id_type", "must be open_id, union_id, user_id or app_id")),
    }
}

/// A closed-set string field: `None` or `""` when absent.
fn pick<T>(
    field: &str,
    v: &Option<String>,
    parse: fn(&str) -> Option<T>,
    allowed: &str,
) -> Result<Option<T>, ApiError> {
    match v.as_deref() {
        None | Some("") => Ok(None),
        Some(s) => parse(s).map(Some).ok_or_else(|| ApiError::invalid(field, format!("must be {allowed}"))),
    }
}

fn i18n(v: Option<wire::I18nNames>) -> Option<I18nNames> {
    v.map(|i| I18nNames { zh_cn: i.zh_cn, ja_jp: i.ja_jp, en_us: i.en_us })
}

fn restricted(v: Option<wire::RestrictedModeSetting>) -> Result<Option<RestrictedMode>, ApiError> {
    let Some(r) = v else { return Ok(None) };
    let perm = |field: &str, v: &Option<String>| -> Result<RestrictedPermission, ApiError> {
        Ok(pick(field, v, RestrictedPermission::parse, "all_members or not_anyone")?
            .unwrap_or(RestrictedPermission::AllMembers))
    };
    Ok(Some(RestrictedMode {
        status: r.status.unwrap_or(false),
        screenshot: perm(
            "restricted_mode_setting.screenshot_has_permission_setting",
            &r.screenshot_has_permission_setting,
        )?,
        download: perm("restricted_mode_setting.download_has_permission_setting", &r.download_has_permission_setting)?,
        message: perm("restricted_mode_setting.message_has_permission_setting", &r.message_has_permission_setting)?,
    }))
}

const WHO: &str = "only_owner or all_members";
const VISIBILITY: &str = "only_owner, all_members or not_anyone";

pub fn create_fields(b: wire::CreateChatBody) -> Result<(ChatFields, Vec<String>, Vec<String>, bool), ApiError> {
    if let Some(m) = b.chat_mode.as_deref().filter(|m| !m.is_empty() && *m != "group") {
        return Err(ApiError::invalid("chat_mode", format!("only group chats can be created, not {m}")));
    }
    let f = ChatFields {
        avatar: b.avatar,
        name: b.name,
        description: b.description,
        i18n: i18n(b.i18n_names),
        owner_id: b.owner_id,
        chat_type: pick("chat_type", &b.chat_type, ChatType::parse, "private or public")?,
        group_message_type: pick(
            "group_message_type",
            &b.group_message_type,
            GroupMessageType::parse,
            "chat or thread",
        )?,
        edit_permission: pick("edit_permission", &b.edit_permission, Who::parse, WHO)?,
        join_message_visibility: pick(
            "join_message_visibility",
            &b.join_message_visibility,
            MessageVisibility::parse,
            VISIBILITY,
        )?,
        leave_message_visibility: pick(
            "leave_message_visibility",
            &b.leave_message_visibility,
            MessageVisibility::parse,
            VISIBILITY,
        )?,
        membership_approval: pick(
            "membership_approval",
            &b.membership_approval,
            MembershipApproval::parse,
            "no_approval_required or approval_required",
        )?,
        restricted_mode: restricted(b.restricted_mode_setting)?,
        urgent_setting: pick("urgent_setting", &b.urgent_setting, Who::parse, WHO)?,
        video_conference_setting: pick("video_conference_setting", &b.video_conference_setting, Who::parse, WHO)?,
        hide_member_count_setting: pick("hide_member_count_setting", &b.hide_member_count_setting, Who::parse, WHO)?,
        ..ChatFields::default()
    };
    Ok((f, b.user_id_list.unwrap_or_default(), b.bot_id_list.unwrap_or_default(), b.external.unwrap_or(false)))
}

pub fn update_fields(b: wire::UpdateChatBody) -> Result<ChatFields, ApiError> {
    Ok(ChatFields {
        avatar: b.avatar,
        name: b.name,
        description: b.description,
        i18n: i18n(b.i18n_names),
        owner_id: b.owner_id,
        chat_type: pick("chat_type", &b.chat_type, ChatType::parse, "private or public")?,
        group_message_type: pick(
            "group_message_type",
            &b.group_message_type,
            GroupMessageType::parse,
            "chat or thread",
        )?,
        add_member_permission: pick("add_member_permission", &b.add_member_permission, Who::parse, WHO)?,
        share_card_permission: pick(
            "share_card_permission",
            &b.share_card_permission,
            ShareCard::parse,
            "allowed or not_allowed",
        )?,
        at_all_permission: pick("at_all_permission", &b.at_all_permission, Who::parse, WHO)?,
        edit_permission: pick("edit_permission", &b.edit_permission, Who::parse, WHO)?,
        join_message_visibility: pick(
            "join_message_visibility",
            &b.join_message_visibility,
            MessageVisibility::parse,
            VISIBILITY,
        )?,
        leave_message_visibility: pick(
            "leave_message_visibility",
            &b.leave_message_visibility,
            MessageVisibility::parse,
            VISIBILITY,
        )?,
        membership_approval: pick(
            "membership_approval",
            &b.membership_approval,
            MembershipApproval::parse,
            "no_approval_required or approval_required",
        )?,
        restricted_mode: restricted(b.restricted_mode_setting)?,
        urgent_setting: pick("urgent_setting", &b.urgent_setting, Who::parse, WHO)?,
        video_conference_setting: pick("video_conference_setting", &b.video_conference_setting, Who::parse, WHO)?,
        hide_member_count_setting: pick("hide_member_count_setting", &b.hide_member_count_setting, Who::parse, WHO)?,
    })
}

fn i18n_wire(i: &I18nNames) -> Option<wire::I18nNames> {
    (i.zh_cn.is_some() || i.en_us.is_some() || i.ja_jp.is_some()).then(|| wire::I18nNames {
        zh_cn: i.zh_cn.clone(),
        en_us: i.en_us.clone(),
        ja_jp: i.ja_jp.clone(),
    })
}

fn chat_tag(kind: ChatKind, external: bool) -> Option<String> {
    match kind {
        ChatKind::Tenant => Some("tenant".into()),
        ChatKind::Department(_) => Some("department".into()),
        ChatKind::Group if !external => Some("inner".into()),
        ChatKind::Group => None,
    }
}

/// The chat object; `with_id` for create, `with_counts` for get (counts and manager lists).
pub fn chat_to_wire(
    env: &Env,
    app: &App,
    id_type: UserIdType,
    v: &ChatView,
    with_id: bool,
    with_counts: bool,
) -> wire::ChatObject {
    let c = &v.chat;
    let mut out = wire::ChatObject {
        chat_id: with_id.then(|| env.chat_id(c.id)),
        avatar: c.avatar.clone(),
        name: c.name.clone(),
        description: c.description.clone(),
        i18n_names: i18n_wire(&c.i18n),
        ..wire::ChatObject::default()
    };
    if v.visibility == Visibility::Basic {
        return out;
    }
    let o = &c.options;
    let r = &o.restricted_mode;
    out.add_member_permission = Some(o.add_member_permission.as_str().into());
    out.share_card_permission = Some(o.share_card_permission.as_str().into());
    out.at_all_permission = Some(o.at_all_permission.as_str().into());
    out.edit_permission = Some(o.edit_permission.as_str().into());
    if let Some(owner) = &v.owner {
        out.owner_id_type = Some(id_type.as_str().into());
        out.owner_id = Some(env.render_user_id(app, id_type, owner));
    }
    out.group_message_type = Some(o.group_message_type.as_str().into());
    out.chat_mode = Some("group".into());
    out.chat_type = Some(c.chat_type.as_str().into());
    out.chat_tag = chat_tag(c.kind, c.external);
    out.join_message_visibility = Some(o.join_message_visibility.as_str().into());
    out.leave_message_visibility = Some(o.leave_message_visibility.as_str().into());
    out.membership_approval = Some(o.membership_approval.as_str().into());
    out.moderation_permission = Some(o.moderation_permission.as_str().into());
    out.external = Some(c.external);
    out.tenant_key = Some(v.tenant_key.clone());
    out.restricted_mode_setting = Some(wire::RestrictedModeSetting {
        status: Some(r.status),
        screenshot_has_permission_setting: Some(r.screenshot.as_str().into()),
        download_has_permission_setting: Some(r.download.as_str().into()),
        message_has_permission_setting: Some(r.message.as_str().into()),
    });
    out.urgent_setting = Some(o.urgent_setting.as_str().into());
    out.video_conference_setting = Some(o.video_conference_setting.as_str().into());
    out.hide_member_count_setting = Some(o.hide_member_count_setting.as_str().into());
    out.chat_status = Some(c.status.as_str().into());
    if with_counts {
        out.user_count = Some(c.user_count.to_string());
        out.bot_count = Some(c.bot_count.to_string());
        out.user_manager_id_list = Some(v.user_managers.iter().map(|u| env.render_user_id(app, id_type, u)).collect());
        out.bot_manager_id_list = Some(v.bot_managers.iter().map(|a| a.app_id.clone()).collect());
    }
    out
}

/// `page_size`: 1..=100, default 20.
pub fn page_size(v: Option<i64>) -> Result<u32, ApiError> {
    match v {
        None => Ok(20),
        Some(n) if (1..=100).contains(&n) => Ok(n as u32),
        Some(_) => Err(ApiError::invalid("page_size", "must be 1-100")),
    }
}

/// A page token that carries one number (a join sequence, a chat or request id).
pub fn seq_token(v: Option<&str>) -> Result<Option<i64>, ApiError> {
    match v {
        None | Some("") => Ok(None),
        Some(s) => {
            s.parse().map(Some).map_err(|_| ApiError::invalid("page_token", "is not a token this server issued"))
        }
    }
}

/// A chat list token: `<active_at>_<chat id>`.
pub fn chat_token(v: Option<&str>) -> Result<Option<ChatCursor>, ApiError> {
    let Some(s) = v.filter(|s| !s.is_empty()) else { return Ok(None) };
    let bad = || ApiError::invalid("page_token", "is not a token this server issued");
    let (a, i) = s.split_once('_').ok_or_else(bad)?;
    Ok(Some(ChatCursor {
        active_at: Timestamp(a.parse().map_err(|_| bad())?),
        id: ChatId(i.parse().map_err(|_| bad())?),
    }))
}

pub fn encode_chat_token(c: &ChatCursor) -> String {
    format!("{}_{}", c.active_at.0, c.id.0)
}

/// Query parameters of the chat endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct ChatQuery {
    pub user_id_type: Option<String>,
    pub member_id_type: Option<String>,
    #[serde(default, deserialize_with = "roster_proto::de::opt_lark_bool")]
    pub set_bot_manager: Option<bool>,
    pub uuid: Option<String>,
    pub sort_type: Option<String>,
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    pub page_size: Option<i64>,
    pub page_token: Option<String>,
    pub query: Option<String>,
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    pub succeed_type: Option<i64>,
}

/// 232015 for moderation's `user_id_type`.
pub fn moderation_id_type(v: Option<&str>) -> Result<UserIdType, ApiError> {
    match v {
        None | Some("") => Ok(UserIdType::OpenId),
        Some(t) => {
            UserIdType::parse(t).ok_or_else(|| roster_domain::Error::from(ChatError::MemberIdTypeNotSupported).into())
        }
    }
}
