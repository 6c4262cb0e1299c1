//! Group-chat events: members and bots added or removed, the chat disbanded or updated.

use super::{Renderer, decode, envelope};
use roster_domain::error::Result;
use roster_domain::events::Operator;
use roster_domain::events::chats::{
    ChatDisbanded, ChatRef, ChatSettingsSnapshot, ChatUpdated, MemberBot, MemberBotAdded, MemberBotDeleted,
    MemberUsers, MemberUsersAdded, MemberUsersDeleted, MemberUsersWithdrawn,
};
use roster_domain::ids::UserId;
use roster_domain::model::{App, DomainEvent, I18nNames, StoredEvent};
use roster_proto::events::EventHeader;
use roster_proto::events::im as wire;

fn i18n(n: &I18nNames) -> wire::I18nNames {
    wire::I18nNames { zh_cn: n.zh_cn.clone(), en_us: n.en_us.clone(), ja_jp: n.ja_jp.clone() }
}

fn chat_only(r: &mut Renderer<'_>, app: &App, chat: &ChatRef, op: &Operator) -> Result<wire::ChatOnly> {
    let (operator_id, operator_tenant_key) = r.operator(app, op)?;
    Ok(wire::ChatOnly {
        chat_id: r.env.chat_id(chat.chat),
        operator_id,
        external: chat.external,
        operator_tenant_key,
        name: chat.name.clone(),
        i18n_names: i18n(&chat.i18n),
    })
}

fn member_users(r: &mut Renderer<'_>, app: &App, e: &MemberUsers) -> Result<wire::MemberUsers> {
    let base = chat_only(r, app, &e.chat, &e.operator)?;
    let mut users = Vec::with_capacity(e.users.len());
    for u in &e.users {
        users.push(wire::ChatMemberUser {
            name: u.name.clone(),
            tenant_key: r.tenant_key(u.tenant)?,
            user_id: r.user_ids(app, u.tenant, u.user, Some(&u.user_id))?,
        });
    }
    Ok(wire::MemberUsers {
        chat_id: base.chat_id,
        operator_id: base.operator_id,
        external: base.external,
        operator_tenant_key: base.operator_tenant_key,
        users,
        name: base.name,
        i18n_names: base.i18n_names,
    })
}

fn bot_event(r: &mut Renderer<'_>, app: &App, e: &MemberBot) -> Result<wire::ChatOnly> {
    chat_only(r, app, &e.chat, &e.operator)
}

fn change(r: &mut Renderer<'_>, app: &App, chat: &ChatRef, s: &ChatSettingsSnapshot) -> Result<wire::ChatChange> {
    let owner_id = match s.owner {
        Some(o) => Some(r.user_ids(app, chat.tenant, o, None)?),
        None => None,
    };
    Ok(wire::ChatChange {
        avatar: s.avatar.clone(),
        name: s.name.clone(),
        description: s.description.clone(),
        i18n_names: i18n(&s.i18n),
        add_member_permission: s.add_member_permission.clone(),
        share_card_permission: s.share_card_permission.clone(),
        at_all_permission: s.at_all_permission.clone(),
        edit_permission: s.edit_permission.clone(),
        membership_approval: s.membership_approval.clone(),
        join_message_visibility: s.join_message_visibility.clone(),
        leave_message_visibility: s.leave_message_visibility.clone(),
        moderation_permission: s.moderation_permission.clone(),
        owner_id,
        group_message_type: s.group_message_type.clone(),
    })
}

fn moderators(r: &mut Renderer<'_>, app: &App, chat: &ChatRef, users: &[UserId]) -> Result<Vec<wire::EventModerator>> {
    let key = r.tenant_key(chat.tenant)?;
    users
        .iter()
        .map(|u| Ok(wire::EventModerator { tenant_key: key.clone(), user_id: r.user_ids(app, chat.tenant, *u, None)? }))
        .collect()
}

fn updated(r: &mut Renderer<'_>, app: &App, e: &ChatUpdated) -> Result<wire::ChatUpdated> {
    let base = chat_only(r, app, &e.chat, &e.operator)?;
    Ok(wire::ChatUpdated {
        chat_id: base.chat_id,
        operator_id: base.operator_id,
        external: base.external,
        operator_tenant_key: base.operator_tenant_key,
        after_change: change(r, app, &e.chat, &e.after)?,
        before_change: change(r, app, &e.chat, &e.before)?,
        moderator_list: wire::ModeratorList {
            added_member_list: moderators(r, app, &e.chat, &e.moderators_added)?,
            removed_member_list: moderators(r, app, &e.chat, &e.moderators_removed)?,
        },
    })
}

pub fn render(r: &mut Renderer<'_>, app: &App, header: EventHeader, ev: &StoredEvent) -> Result<Option<String>> {
    let body = match ev.event_type.as_str() {
        MemberUsersAdded::EVENT_TYPE => envelope(header, member_users(r, app, &decode::<MemberUsersAdded>(ev)?.0)?)?,
        MemberUsersDeleted::EVENT_TYPE => {
            envelope(header, member_users(r, app, &decode::<MemberUsersDeleted>(ev)?.0)?)?
        }
        MemberUsersWithdrawn::EVENT_TYPE => {
            envelope(header, member_users(r, app, &decode::<MemberUsersWithdrawn>(ev)?.0)?)?
        }
        MemberBotAdded::EVENT_TYPE => envelope(header, bot_event(r, app, &decode::<MemberBotAdded>(ev)?.0)?)?,
        MemberBotDeleted::EVENT_TYPE => envelope(header, bot_event(r, app, &decode::<MemberBotDeleted>(ev)?.0)?)?,
        ChatDisbanded::EVENT_TYPE => {
            let e: ChatDisbanded = decode(ev)?;
            envelope(header, chat_only(r, app, &e.chat, &e.operator)?)?
        }
        ChatUpdated::EVENT_TYPE => envelope(header, updated(r, app, &decode::<ChatUpdated>(ev)?)?)?,
        _ => return Ok(None),
    };
    Ok(Some(body))
}
