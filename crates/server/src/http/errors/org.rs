//! Codes of organization membership failures: 1901xxx, and Lark's seat-limit codes
//! 41007/41008/44023 (with a message saying which limit was reached).

use super::Mapped;
use roster_domain::error::OrgError as E;
use roster_proto::codes::{contact, roster::*};

pub fn map(e: &E) -> Mapped {
    match e {
        E::NotAdmin => Mapped::of(ORG_NOT_ADMIN),
        E::NotPrimaryAdmin => Mapped::of(ORG_NOT_PRIMARY_ADMIN),
        E::InvitingDisabled => Mapped::of(ORG_INVITING_DISABLED),
        E::MultiPlanAdminOnly => Mapped::of(ORG_MULTI_PLAN_ADMIN_ONLY),
        E::ApprovalMandatory => Mapped::of(ORG_APPROVAL_MANDATORY),
        E::InvitationNotFound => Mapped::of(ORG_INVITATION_NOT_FOUND),
        E::InvitationExpired => Mapped::of(ORG_INVITATION_EXPIRED),
        E::InvitationRevoked => Mapped::of(ORG_INVITATION_REVOKED),
        E::InvitationUsedUp => Mapped::of(ORG_INVITATION_USED_UP),
        E::InvitationForSomeoneElse => Mapped::of(ORG_INVITATION_FOR_SOMEONE_ELSE),
        E::EmailDomainNotAllowed => Mapped::of(ORG_EMAIL_DOMAIN_NOT_ALLOWED),
        E::AlreadyMember => Mapped::of(ORG_ALREADY_MEMBER),
        E::AccountInactive => Mapped::of(ORG_ACCOUNT_INACTIVE),
        E::InviteeContactInvalid { field } => {
            Mapped::with_msg(ORG_INVITEE_CONTACT_INVALID, format!("{} ({field})", ORG_INVITEE_CONTACT_INVALID.msg))
        }
        E::WrongCredentials => Mapped::of(ORG_WRONG_CREDENTIALS),
        E::RequestPending => Mapped::of(ORG_REQUEST_PENDING),
        E::JoinRequestNotFound => Mapped::of(ORG_REQUEST_NOT_FOUND),
        E::RequestDecided => Mapped::of(ORG_REQUEST_DECIDED),
        E::MemberAlreadyActive => Mapped::of(ORG_MEMBER_ALREADY_ACTIVE),
        E::SeatChoiceRequired => Mapped::of(ORG_SEAT_CHOICE_REQUIRED),
        E::PlanNotFound => Mapped::of(ORG_PLAN_NOT_FOUND),
        E::SeatGroupNotFound => Mapped::of(ORG_SEAT_GROUP_NOT_FOUND),
        E::SeatsBelowUsage { taken } => {
            Mapped::with_msg(ORG_SEATS_BELOW_USAGE, format!("{}: {taken} are taken", ORG_SEATS_BELOW_USAGE.msg))
        }
        E::MemberLimitReached { .. } => full(contact::TENANT_SEAT_LIMIT, e),
        E::PlanFull { .. } => full(contact::BILL_SEAT_LIMIT, e),
        E::SeatGroupFull { .. } => full(contact::SEAT_LIMIT, e),
    }
}

/// Lark's message, then why in plain words.
fn full(code: roster_proto::ErrorCode, e: &E) -> Mapped {
    Mapped::with_msg(code, format!("{}: {}", code.msg, e.explain()))
}
