//! Tables of cases for the chat permission rules.

use super::*;
use crate::error::{ChatError as E, Error};

const OUTSIDER: Standing =
    Standing { member: false, owner: false, manager: false, creator_bot: false, tenant_admin: false };
const MEMBER: Standing = Standing { member: true, ..OUTSIDER };
const OWNER: Standing = Standing { owner: true, ..MEMBER };
const MANAGER: Standing = Standing { manager: true, ..MEMBER };
const CREATOR_BOT: Standing = Standing { creator_bot: true, ..MEMBER };
const ADMIN_MEMBER: Standing = Standing { tenant_admin: true, ..MEMBER };
/// A tenant admin who is not in the chat.
const ADMIN_OUTSIDER: Standing = Standing { tenant_admin: true, ..OUTSIDER };
/// The creating bot after it left: no powers.
const LEFT_CREATOR: Standing = Standing { creator_bot: true, ..OUTSIDER };

fn opts(add: Who, approval: MembershipApproval) -> ChatOptions {
    let share = if add == Who::OnlyOwner { ShareCard::NotAllowed } else { ShareCard::Allowed };
    ChatOptions {
        add_member_permission: add,
        share_card_permission: share,
        membership_approval: approval,
        ..ChatOptions::default()
    }
}

/// (name, standing, add_member_permission, approval, policy, expected)
type AddCase<'a> = (&'a str, Standing, Who, MembershipApproval, &'a ChatPolicy, Result<AddRoute, E>);
/// (name, standing, options, what the update touches, expected)
type UpdateCase<'a> = (&'a str, Standing, &'a ChatOptions, Touches, Result<(), E>);
/// (name, chat name, type, external, options, policy, chat error, invalid-param error)
type ShapeCase<'a> = (&'a str, &'a str, ChatType, bool, &'a ChatOptions, &'a ChatPolicy, Option<E>, bool);

#[test]
fn who_may_add_and_how() {
    use AddRoute::*;
    use MembershipApproval::*;
    let open = ChatPolicy::default();
    let admins_only = ChatPolicy { member_addition: Allowed::TenantAdmins, ..ChatPolicy::default() };
    let cases: &[AddCase] = &[
        ("outsider", OUTSIDER, Who::AllMembers, NoApprovalRequired, &open, Err(E::NotInChat)),
        ("admin outside the chat", ADMIN_OUTSIDER, Who::AllMembers, NoApprovalRequired, &open, Err(E::NotInChat)),
        ("creator bot that left", LEFT_CREATOR, Who::AllMembers, NoApprovalRequired, &open, Err(E::NotInChat)),
        ("member, open chat", MEMBER, Who::AllMembers, NoApprovalRequired, &open, Ok(Direct)),
        ("member, only_owner", MEMBER, Who::OnlyOwner, NoApprovalRequired, &open, Err(E::NotOwnerOrManager)),
        ("owner, only_owner", OWNER, Who::OnlyOwner, NoApprovalRequired, &open, Ok(Direct)),
        ("manager, only_owner", MANAGER, Who::OnlyOwner, NoApprovalRequired, &open, Ok(Direct)),
        ("creator bot, only_owner", CREATOR_BOT, Who::OnlyOwner, NoApprovalRequired, &open, Ok(Direct)),
        (
            "admin member, only_owner",
            ADMIN_MEMBER,
            Who::OnlyOwner,
            NoApprovalRequired,
            &open,
            Err(E::NotOwnerOrManager),
        ),
        ("member, approval", MEMBER, Who::AllMembers, ApprovalRequired, &open, Ok(NeedsApproval)),
        ("owner, approval", OWNER, Who::AllMembers, ApprovalRequired, &open, Ok(Direct)),
        ("manager, approval", MANAGER, Who::AllMembers, ApprovalRequired, &open, Ok(Direct)),
        ("creator bot, approval", CREATOR_BOT, Who::AllMembers, ApprovalRequired, &open, Ok(Direct)),
        ("admin member, approval", ADMIN_MEMBER, Who::AllMembers, ApprovalRequired, &open, Ok(NeedsApproval)),
        ("member, policy admins", MEMBER, Who::AllMembers, NoApprovalRequired, &admins_only, Err(E::NotOwnerOrManager)),
        ("admin, policy admins", ADMIN_MEMBER, Who::AllMembers, NoApprovalRequired, &admins_only, Ok(Direct)),
        ("manager, policy admins", MANAGER, Who::AllMembers, NoApprovalRequired, &admins_only, Ok(Direct)),
    ];
    for (name, s, add, approval, policy, want) in cases {
        assert_eq!(add_route(s, &opts(*add, *approval), policy), *want, "{name}");
    }
    let approval = opts(Who::AllMembers, ApprovalRequired);
    assert_eq!(may_add_bots(&MEMBER, &approval, &open), Err(E::NotOwnerOrManager), "bots never wait");
    assert_eq!(may_add_bots(&MANAGER, &approval, &open), Ok(()));
}

#[test]
fn external_additions_follow_the_policy() {
    let closed = ChatPolicy { members_may_add_external: false, ..ChatPolicy::default() };
    let cases = [
        (MEMBER, ChatPolicy::default(), true),
        (MEMBER, closed, false),
        (OWNER, closed, false),
        (ADMIN_MEMBER, closed, true),
    ];
    for (s, p, want) in cases {
        assert_eq!(may_add_external(&s, &p), want, "{s:?} {p:?}");
    }
}

#[test]
fn removal_dissolution_and_managers() {
    let cases: &[(&str, Standing, bool, Result<(), E>)] = &[
        ("outsider leaves", OUTSIDER, false, Err(E::NotInChat)),
        ("member leaves", MEMBER, false, Ok(())),
        ("member kicks", MEMBER, true, Err(E::TokenNoPermission)),
        ("owner kicks", OWNER, true, Ok(())),
        ("manager kicks", MANAGER, true, Ok(())),
        ("creator bot kicks", CREATOR_BOT, true, Ok(())),
        ("outside creator kicks", LEFT_CREATOR, true, Err(E::NotInChat)),
    ];
    for (name, s, others, want) in cases {
        assert_eq!(may_remove(s, *others), *want, "{name}");
    }
    let dissolve: &[(Standing, Result<(), E>)] = &[
        (OUTSIDER, Err(E::NotInChat)),
        (MEMBER, Err(E::NotOwnerOrManager)),
        (MANAGER, Err(E::NotOwnerOrManager)),
        (OWNER, Ok(())),
        (CREATOR_BOT, Ok(())),
    ];
    for (s, want) in dissolve {
        assert_eq!(may_dissolve(s), *want, "{s:?}");
    }
    let managers: &[(Standing, Result<(), E>)] = &[
        (OUTSIDER, Err(E::NotInChat)),
        (MEMBER, Err(E::NotOwner)),
        (MANAGER, Err(E::NotOwner)),
        (CREATOR_BOT, Err(E::NotOwner)),
        (OWNER, Ok(())),
    ];
    for (s, want) in managers {
        assert_eq!(may_manage_managers(s), *want, "{s:?}");
    }
    for (s, want) in [(MEMBER, Err(E::NotOwnerOrManager)), (MANAGER, Ok(())), (OUTSIDER, Err(E::NotInChat))] {
        assert_eq!(may_administer(&s), want, "{s:?}");
    }
}

#[test]
fn updates_by_role() {
    let profile = Touches { profile: true, ..Touches::default() };
    let settings = Touches { settings: true, ..Touches::default() };
    let owner = Touches { owner: true, ..Touches::default() };
    let locked = ChatOptions { edit_permission: Who::OnlyOwner, ..ChatOptions::default() };
    let open = ChatOptions::default();
    let cases: &[UpdateCase] = &[
        ("outsider", OUTSIDER, &open, profile, Err(E::NotInChat)),
        ("member renames", MEMBER, &open, profile, Ok(())),
        ("member renames, locked", MEMBER, &locked, profile, Err(E::EditNotAllowed)),
        ("member changes settings", MEMBER, &open, settings, Err(E::OnlyCertainParts)),
        ("member changes settings, locked", MEMBER, &locked, settings, Err(E::EditNotAllowed)),
        ("member transfers", MEMBER, &open, owner, Err(E::EditNotAllowed)),
        ("manager changes settings, locked", MANAGER, &locked, settings, Ok(())),
        ("manager transfers", MANAGER, &open, owner, Err(E::OnlyCertainParts)),
        ("owner transfers", OWNER, &locked, owner, Ok(())),
        ("creator bot transfers", CREATOR_BOT, &open, owner, Ok(())),
        ("nothing changes", MEMBER, &locked, Touches::default(), Ok(())),
    ];
    for (name, s, o, t, want) in cases {
        assert_eq!(may_update(s, o, *t), *want, "{name}");
    }
}

#[test]
fn joining_sharing_and_seeing() {
    let approval = opts(Who::AllMembers, MembershipApproval::ApprovalRequired);
    let open = ChatOptions::default();
    assert_eq!(may_self_join(ChatType::Public, &open), Ok(()));
    assert_eq!(may_self_join(ChatType::Private, &open), Err(E::ChatTypeNotSupported));
    assert_eq!(may_self_join(ChatType::Public, &approval), Err(E::JoinNeedsApproval));

    let no_share = opts(Who::OnlyOwner, MembershipApproval::NoApprovalRequired);
    assert_eq!(may_share(&MEMBER, &open), Ok(()));
    assert_eq!(may_share(&MEMBER, &no_share), Err(E::NotOwnerOrManager));
    assert_eq!(may_share(&MANAGER, &no_share), Ok(()));
    assert_eq!(may_share(&OUTSIDER, &open), Err(E::NotInChat));

    assert_eq!(visibility(&MEMBER, ChatType::Private), Ok(Visibility::Full));
    assert_eq!(visibility(&OUTSIDER, ChatType::Public), Ok(Visibility::Basic));
    assert_eq!(visibility(&OUTSIDER, ChatType::Private), Err(E::NotInChat));

    let admins = ChatPolicy { group_creation: Allowed::TenantAdmins, ..ChatPolicy::default() };
    assert_eq!(may_create(true, false, &admins), Err(E::TokenNoPermission));
    assert_eq!(may_create(true, true, &admins), Ok(()));
    assert_eq!(may_create(false, false, &admins), Ok(()), "apps were installed by an admin");
    assert_eq!(may_create(true, false, &ChatPolicy::default()), Ok(()));
}

#[test]
fn capacity_names_the_binding_cap() {
    let open = ChatPolicy::default();
    let capped = ChatPolicy { max_chat_members: Some(10), ..ChatPolicy::default() };
    let generous = ChatPolicy { max_chat_members: Some(9000), ..ChatPolicy::default() };
    let cases: &[(i64, i64, &ChatPolicy, Result<(), E>)] = &[
        (4999, 1, &open, Ok(())),
        (4999, 2, &open, Err(E::ChatFull)),
        (5000, 0, &open, Ok(())),
        (9, 1, &capped, Ok(())),
        (9, 2, &capped, Err(E::AdminMemberCap)),
        (4999, 2, &generous, Err(E::ChatFull)),
    ];
    for (cur, add, p, want) in cases {
        assert_eq!(check_capacity(*cur, *add, 5000, p), *want, "{cur}+{add} {p:?}");
    }
}

#[test]
fn chat_shapes() {
    let open = ChatPolicy::default();
    let no_public = ChatPolicy { public_chats: false, ..ChatPolicy::default() };
    let d = ChatOptions::default();
    let unpaired = ChatOptions { add_member_permission: Who::OnlyOwner, ..ChatOptions::default() };
    let restricted_all = ChatOptions {
        restricted_mode: RestrictedMode { status: true, ..RestrictedMode::default() },
        ..ChatOptions::default()
    };
    let restricted_off_but_not_anyone = ChatOptions {
        restricted_mode: RestrictedMode { message: RestrictedPermission::NotAnyone, ..RestrictedMode::default() },
        ..ChatOptions::default()
    };
    let restricted_ok = ChatOptions {
        restricted_mode: RestrictedMode {
            status: true,
            download: RestrictedPermission::NotAnyone,
            ..RestrictedMode::default()
        },
        ..ChatOptions::default()
    };
    let invalid = |f: &str| Some(Error::invalid(f, "")).map(|e| std::mem::discriminant(&e));
    let cases: &[ShapeCase] = &[
        ("private, no name", "", ChatType::Private, false, &d, &open, None, false),
        ("public", "ab", ChatType::Public, false, &d, &open, None, false),
        ("public, one char", "a", ChatType::Public, false, &d, &open, Some(E::PublicNameTooShort), false),
        ("public, blank", "  ", ChatType::Public, false, &d, &open, Some(E::PublicNameEmpty), false),
        ("public external", "ab", ChatType::Public, true, &d, &open, Some(E::ExternalCannotBePublic), false),
        ("public forbidden", "ab", ChatType::Public, false, &d, &no_public, Some(E::PublicChatsForbidden), false),
        ("private allowed under no-public", "", ChatType::Private, false, &d, &no_public, None, false),
        ("unpaired permissions", "x", ChatType::Private, false, &unpaired, &open, None, true),
        ("restricted, all open", "x", ChatType::Private, false, &restricted_all, &open, None, true),
        ("unrestricted, not_anyone", "x", ChatType::Private, false, &restricted_off_but_not_anyone, &open, None, true),
        ("restricted, one closed", "x", ChatType::Private, false, &restricted_ok, &open, None, false),
    ];
    for (name, n, t, ext, o, p, chat_err, invalid_param) in cases {
        let got = check_shape(n, *t, *ext, o, p);
        match (chat_err, invalid_param) {
            (Some(e), _) => assert_eq!(got, Err(Error::Chat(e.clone())), "{name}"),
            (None, true) => assert_eq!(got.err().map(|e| std::mem::discriminant(&e)), invalid("x"), "{name}"),
            (None, false) => assert_eq!(got, Ok(()), "{name}"),
        }
    }
}
