//! Codes of group chat failures: IM's 232xxx, and Roster's 1903xxx for what IM has no code for.
//! Failures about particular ids list them in `error.field_violations` (field `id_list`).

use super::Mapped;
use roster_domain::error::{ChatError as E, Unusable};
use roster_proto::ErrorCode;
use roster_proto::codes::{im, roster};
use roster_proto::envelope::FieldViolation;

fn with_ids(code: ErrorCode, ids: &[String], why: &str) -> Mapped {
    let violations = ids
        .iter()
        .map(|id| FieldViolation { field: "id_list".into(), value: Some(id.clone()), description: why.into() })
        .collect();
    Mapped { violations, ..Mapped::of(code) }
}

fn with_reasons(code: ErrorCode, ids: &[(String, Unusable)]) -> Mapped {
    let violations = ids
        .iter()
        .map(|(id, why)| FieldViolation {
            field: "id_list".into(),
            value: Some(id.clone()),
            description: why.as_str().into(),
        })
        .collect();
    Mapped { violations, ..Mapped::of(code) }
}

pub fn map(e: &E) -> Mapped {
    match e {
        E::BotNotFound { ids } => with_ids(im::BOT_NOT_FOUND, ids, "no bot of the tenant has this app_id"),
        E::UserResigned { ids } => with_ids(im::USER_RESIGNED, ids, "resigned"),
        E::NoVisibility { ids } => with_ids(im::NO_VISIBILITY, ids, "invisible to the app, or external"),
        E::NoValidMembers { ids } => with_ids(im::NO_VALID_MEMBERS, ids, "names no usable member"),
        E::ExternalToInternal { ids } => with_ids(im::EXTERNAL_TO_INTERNAL, ids, "external user"),
        E::InvalidUserId { ids } => with_ids(im::INVALID_USER_ID, ids, "names no user"),
        E::UnavailableIds { ids } => with_reasons(im::UNAVAILABLE_IDS, ids),
        other => Mapped::of(plain(other)),
    }
}

fn plain(e: &E) -> ErrorCode {
    match e {
        E::EditNotAllowed => im::EDIT_NO_PERMISSION,
        E::ChatNotFound => im::INVALID_CHAT_ID,
        E::ChatTypeNotSupported => im::CHAT_TYPE_NOT_SUPPORTED,
        E::Dissolved => im::CHAT_DISSOLVED,
        E::OtherTenant => im::CROSS_TENANT,
        E::NotInChat => im::OPERATOR_NOT_IN_CHAT,
        E::NewOwnerNotInChat => im::NEW_OWNER_NOT_IN_CHAT,
        E::ChatFull => im::CHAT_FULL,
        E::TokenNoPermission => im::TOKEN_NO_PERMISSION,
        E::MemberIdTypeNotSupported => im::MEMBER_ID_TYPE_NOT_SUPPORTED,
        E::OnlyCertainParts => im::ONLY_CERTAIN_PARTS,
        E::NotOwnerOrManager => im::NOT_OWNER_OR_CREATOR,
        E::PublicNameTooShort => im::PUBLIC_NAME_TOO_SHORT,
        E::BotNotActivated => im::BOT_NOT_ACTIVATED,
        E::PublicNameTaken => im::PUBLIC_NAME_TAKEN,
        E::NewOwnerOtherTenant => im::NEW_OWNER_OTHER_TENANT,
        E::OwnerOtherTenant => im::OWNER_OTHER_TENANT,
        E::InvalidOwnerId => im::INVALID_OWNER_ID,
        E::NotOwner => im::NOT_OWNER,
        E::TooManyManagers => im::TOO_MANY_MANAGERS,
        E::IllegalAvatar => im::ILLEGAL_AVATAR,
        E::PublicNameEmpty => im::PUBLIC_NAME_EMPTY,
        E::AdminMemberCap => im::ADMIN_MEMBER_CAP,
        E::ExternalCannotBePublic => im::PUBLIC_NOT_SUPPORTED,
        E::JoinNeedsApproval => im::JOIN_NEEDS_APPROVAL,
        E::CannotRemoveOwner => im::CANNOT_KICK_OWNER,
        E::PublicChatsForbidden => im::PUBLIC_FORBIDDEN,
        E::LinkNotFound => roster::CHAT_LINK_NOT_FOUND,
        E::LinkExpired => roster::CHAT_LINK_EXPIRED,
        E::JoinRequestNotFound => roster::JOIN_REQUEST_NOT_FOUND,
        E::JoinRequestClosed => roster::JOIN_REQUEST_CLOSED,
        E::NotTenantAdmin => roster::NOT_TENANT_ADMIN,
        E::CollaborationTenantInvalid => roster::COLLABORATION_TENANT_INVALID,
        E::CollaborationNotFound => roster::COLLABORATION_NOT_FOUND,
        E::BotNotFound { .. }
        | E::UserResigned { .. }
        | E::NoVisibility { .. }
        | E::NoValidMembers { .. }
        | E::ExternalToInternal { .. }
        | E::InvalidUserId { .. }
        | E::UnavailableIds { .. } => im::UNAVAILABLE_IDS,
    }
}
