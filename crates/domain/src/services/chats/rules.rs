//! The chat permission rules, as pure functions of data (who the caller is to the chat, the
//! chat's settings, the tenant's policy), each tested with a table of cases. The use-cases load
//! the data and ask these.

use crate::error::ChatError;
use crate::model::{
    Allowed, ChatOptions, ChatPolicy, ChatType, MembershipApproval, RestrictedMode, RestrictedPermission, ShareCard,
    Who,
};

/// What the caller is to one chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    pub member: bool,
    pub owner: bool,
    pub manager: bool,
    /// The caller is the bot that created the chat (and is still in it): it keeps owner powers.
    pub creator_bot: bool,
    /// The caller is a tenant admin of the chat's tenant.
    pub tenant_admin: bool,
}

impl Standing {
    /// The owner, a manager or the creating bot: may change everything and add directly.
    pub fn privileged(&self) -> bool {
        self.member && (self.owner || self.manager || self.creator_bot)
    }
}

/// How the caller's additions take effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddRoute {
    Direct,
    /// They become join requests for an owner or manager to approve.
    NeedsApproval,
}

/// Whether the caller may add members, and how.
pub fn add_route(s: &Standing, opts: &ChatOptions, policy: &ChatPolicy) -> Result<AddRoute, ChatError> {
    if !s.member {
        return Err(ChatError::NotInChat);
    }
    if s.privileged() {
        return Ok(AddRoute::Direct);
    }
    if opts.add_member_permission == Who::OnlyOwner {
        return Err(ChatError::NotOwnerOrManager);
    }
    if policy.member_addition == Allowed::TenantAdmins && !s.tenant_admin {
        return Err(ChatError::NotOwnerOrManager);
    }
    Ok(if opts.membership_approval == MembershipApproval::ApprovalRequired {
        AddRoute::NeedsApproval
    } else {
        AddRoute::Direct
    })
}

/// Whether the caller may add bots (they never wait for approval, so non-managers may add them
/// only where their user additions would be direct).
pub fn may_add_bots(s: &Standing, opts: &ChatOptions, policy: &ChatPolicy) -> Result<(), ChatError> {
    match add_route(s, opts, policy)? {
        AddRoute::Direct => Ok(()),
        AddRoute::NeedsApproval => Err(ChatError::NotOwnerOrManager),
    }
}

/// Whether the caller may add users of a collaborating tenant (the chat being external).
pub fn may_add_external(s: &Standing, policy: &ChatPolicy) -> bool {
    policy.members_may_add_external || s.tenant_admin
}

/// Anyone may remove themselves; removing others takes the owner, a manager or the creating bot.
pub fn may_remove(s: &Standing, removes_others: bool) -> Result<(), ChatError> {
    if !s.member {
        return Err(ChatError::NotInChat);
    }
    if removes_others && !s.privileged() {
        return Err(ChatError::TokenNoPermission);
    }
    Ok(())
}

/// Dissolving takes the owner (or the creating bot).
pub fn may_dissolve(s: &Standing) -> Result<(), ChatError> {
    if !s.member {
        return Err(ChatError::NotInChat);
    }
    if !(s.owner || s.creator_bot) {
        return Err(ChatError::NotOwnerOrManager);
    }
    Ok(())
}

/// Only the owner appoints and dismisses managers.
pub fn may_manage_managers(s: &Standing) -> Result<(), ChatError> {
    if !s.member {
        return Err(ChatError::NotInChat);
    }
    if !s.owner {
        return Err(ChatError::NotOwner);
    }
    Ok(())
}

/// Moderation settings, join-request review: the owner, managers or the creating bot.
pub fn may_administer(s: &Standing) -> Result<(), ChatError> {
    if !s.member {
        return Err(ChatError::NotInChat);
    }
    if !s.privileged() {
        return Err(ChatError::NotOwnerOrManager);
    }
    Ok(())
}

/// Share links follow `share_card_permission`.
pub fn may_share(s: &Standing, opts: &ChatOptions) -> Result<(), ChatError> {
    if !s.member {
        return Err(ChatError::NotInChat);
    }
    if opts.share_card_permission == ShareCard::NotAllowed && !s.privileged() {
        return Err(ChatError::NotOwnerOrManager);
    }
    Ok(())
}

/// How much of a chat the caller may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Full,
    /// Name, avatar and description only: a public chat seen from outside.
    Basic,
}

pub fn visibility(s: &Standing, chat_type: ChatType) -> Result<Visibility, ChatError> {
    match (s.member, chat_type) {
        (true, _) => Ok(Visibility::Full),
        (false, ChatType::Public) => Ok(Visibility::Basic),
        (false, ChatType::Private) => Err(ChatError::NotInChat),
    }
}

/// `me_join`: only public chats without approval.
pub fn may_self_join(chat_type: ChatType, opts: &ChatOptions) -> Result<(), ChatError> {
    if chat_type != ChatType::Public {
        return Err(ChatError::ChatTypeNotSupported);
    }
    if opts.membership_approval == MembershipApproval::ApprovalRequired {
        return Err(ChatError::JoinNeedsApproval);
    }
    Ok(())
}

/// Creating a group with a user token follows the tenant's `group_creation` policy.
pub fn may_create(user_token: bool, tenant_admin: bool, policy: &ChatPolicy) -> Result<(), ChatError> {
    if user_token && policy.group_creation == Allowed::TenantAdmins && !tenant_admin {
        return Err(ChatError::TokenNoPermission);
    }
    Ok(())
}

/// What an update touches, for [`may_update`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Touches {
    /// Avatar, name, description or i18n names.
    pub profile: bool,
    /// Any permission, visibility, type or other setting.
    pub settings: bool,
    pub owner: bool,
}

/// Owner, managers and the creating bot may change everything (ownership: the owner and the
/// creating bot only); ordinary members only the profile, and nothing under `edit_permission=only_owner`.
pub fn may_update(s: &Standing, opts: &ChatOptions, t: Touches) -> Result<(), ChatError> {
    if !s.member {
        return Err(ChatError::NotInChat);
    }
    if t.owner && !(s.owner || s.creator_bot) {
        return Err(if s.privileged() { ChatError::OnlyCertainParts } else { ChatError::EditNotAllowed });
    }
    if s.privileged() {
        return Ok(());
    }
    if opts.edit_permission == Who::OnlyOwner && (t.profile || t.settings) {
        return Err(ChatError::EditNotAllowed);
    }
    if t.settings {
        return Err(ChatError::OnlyCertainParts);
    }
    Ok(())
}

/// Whether `adding` more users fit: the server's cap (232013) and the tenant's lower one (232044).
pub fn check_capacity(current: i64, adding: i64, server_cap: i64, policy: &ChatPolicy) -> Result<(), ChatError> {
    let after = current + adding;
    if let Some(cap) = policy.max_chat_members.filter(|c| *c < server_cap)
        && after > cap
    {
        return Err(ChatError::AdminMemberCap);
    }
    if after > server_cap {
        return Err(ChatError::ChatFull);
    }
    Ok(())
}

/// A chat's type, names and settings taken together (create and update).
pub fn check_shape(
    name: &str,
    chat_type: ChatType,
    external: bool,
    opts: &ChatOptions,
    policy: &ChatPolicy,
) -> Result<(), crate::error::Error> {
    if chat_type == ChatType::Public {
        if external {
            return Err(ChatError::ExternalCannotBePublic.into());
        }
        if !policy.public_chats {
            return Err(ChatError::PublicChatsForbidden.into());
        }
        let len = name.trim().chars().count();
        if len == 0 {
            return Err(ChatError::PublicNameEmpty.into());
        }
        if len < 2 {
            return Err(ChatError::PublicNameTooShort.into());
        }
    }
    let paired = matches!(
        (opts.add_member_permission, opts.share_card_permission),
        (Who::OnlyOwner, ShareCard::NotAllowed) | (Who::AllMembers, ShareCard::Allowed)
    );
    if !paired {
        return Err(crate::error::Error::invalid(
            "share_card_permission",
            "add_member_permission=only_owner needs share_card_permission=not_allowed, all_members needs allowed",
        ));
    }
    check_restricted_mode(&opts.restricted_mode)
}

fn check_restricted_mode(r: &RestrictedMode) -> Result<(), crate::error::Error> {
    let all = [r.screenshot, r.download, r.message];
    let ok = if r.status {
        !all.iter().all(|p| *p == RestrictedPermission::AllMembers)
    } else {
        !all.contains(&RestrictedPermission::NotAnyone)
    };
    if ok {
        Ok(())
    } else {
        Err(crate::error::Error::invalid(
            "restricted_mode_setting",
            "status=true needs a permission other than all_members; status=false allows none of not_anyone",
        ))
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
