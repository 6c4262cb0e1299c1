//! Roster's own codes, for the parts of the API Lark has no endpoint for: `/open-apis/roster/v1/…`
//! and the emulator under `/_roster/v1/…`. They live in the 19xxxxx range, which Lark does not use.
//!
//! Sub-ranges: 1900xxx general, 1901xxx organization membership (invitations, approvals, seats),
//! 1902xxx account lifecycle, 1903xxx chat extensions, 1904xxx meeting controls, 1905xxx events.

use super::ErrorCode;

pub const INVALID_PARAM: ErrorCode = ErrorCode::new(1900001, 400, "invalid parameter");
pub const NOT_FOUND: ErrorCode = ErrorCode::new(1900002, 404, "not found");
pub const FORBIDDEN: ErrorCode = ErrorCode::new(1900003, 403, "permission denied");
pub const CONFLICT: ErrorCode = ErrorCode::new(1900004, 409, "conflict");
pub const DEMO_ONLY: ErrorCode = ErrorCode::new(1900005, 404, "this endpoint exists only when Roster runs with --demo");
pub const FAULT_INJECTED: ErrorCode = ErrorCode::new(1900006, 500, "injected fault");
pub const SERVICE_UNAVAILABLE: ErrorCode = ErrorCode::new(1900007, 503, "service unavailable, retry later");

pub const CHAT_LINK_NOT_FOUND: ErrorCode = ErrorCode::new(1903001, 404, "no such chat link");
pub const CHAT_LINK_EXPIRED: ErrorCode =
    ErrorCode::new(1903002, 410, "this chat link has expired; ask a member for a new one");
pub const JOIN_REQUEST_NOT_FOUND: ErrorCode = ErrorCode::new(1903003, 404, "no such join request");
pub const JOIN_REQUEST_CLOSED: ErrorCode =
    ErrorCode::new(1903004, 409, "the join request was already approved, rejected or withdrawn");
pub const NOT_TENANT_ADMIN: ErrorCode = ErrorCode::new(1903005, 403, "only a tenant admin may do this");
pub const COLLABORATION_TENANT_INVALID: ErrorCode =
    ErrorCode::new(1903006, 400, "no other active tenant has this tenant_key");
pub const COLLABORATION_NOT_FOUND: ErrorCode = ErrorCode::new(1903007, 404, "no collaboration with this tenant");
// Organization membership (issue 7). Seat limits use Lark's 41007/41008/44023 (`contact`).
pub const ORG_NOT_ADMIN: ErrorCode = ErrorCode::new(
    1901001,
    403,
    "only the primary admin or an admin with the members and departments permission may do this",
);
pub const ORG_NOT_PRIMARY_ADMIN: ErrorCode =
    ErrorCode::new(1901002, 403, "only the primary admin may grant or remove admin roles");
pub const ORG_INVITING_DISABLED: ErrorCode = ErrorCode::new(
    1901003,
    403,
    "members may not invite: an admin has not turned on \"allow members to invite\" in the invitation settings",
);
pub const ORG_MULTI_PLAN_ADMIN_ONLY: ErrorCode =
    ErrorCode::new(1901004, 403, "the organization is on several plans: only admins may invite or add members");
pub const ORG_APPROVAL_MANDATORY: ErrorCode =
    ErrorCode::new(1901005, 400, "the organization is on several plans: invitations must require admin approval");
pub const ORG_INVITATION_NOT_FOUND: ErrorCode = ErrorCode::new(1901006, 404, "no such invitation");
pub const ORG_INVITATION_EXPIRED: ErrorCode = ErrorCode::new(1901007, 400, "the invitation has expired");
pub const ORG_INVITATION_REVOKED: ErrorCode = ErrorCode::new(1901008, 400, "the invitation was revoked");
pub const ORG_INVITATION_USED_UP: ErrorCode =
    ErrorCode::new(1901009, 400, "the invitation has been used as many times as it allows");
pub const ORG_INVITATION_FOR_SOMEONE_ELSE: ErrorCode =
    ErrorCode::new(1901010, 400, "this invitation was sent to another email address or phone number");
pub const ORG_EMAIL_DOMAIN_NOT_ALLOWED: ErrorCode =
    ErrorCode::new(1901011, 400, "the invitation only admits email addresses of its allowed domains");
pub const ORG_ALREADY_MEMBER: ErrorCode =
    ErrorCode::new(1901012, 400, "the invitee is already a member of this organization");
pub const ORG_ACCOUNT_INACTIVE: ErrorCode = ErrorCode::new(
    1901013,
    400,
    "the invitee's account is inactive: it is frozen, resigned or deleted in this organization",
);
pub const ORG_INVITEE_CONTACT_INVALID: ErrorCode =
    ErrorCode::new(1901014, 400, "the invitee's phone number or email address is not valid: check it");
pub const ORG_WRONG_CREDENTIALS: ErrorCode = ErrorCode::new(
    1901015,
    400,
    "an account with this phone number or email exists, and the password does not match it",
);
pub const ORG_REQUEST_PENDING: ErrorCode =
    ErrorCode::new(1901016, 409, "a request to join this organization is already waiting for approval");
pub const ORG_REQUEST_NOT_FOUND: ErrorCode = ErrorCode::new(1901017, 404, "no such join request");
pub const ORG_REQUEST_DECIDED: ErrorCode =
    ErrorCode::new(1901018, 409, "the join request was already approved or rejected");
pub const ORG_MEMBER_ALREADY_ACTIVE: ErrorCode =
    ErrorCode::new(1901019, 400, "the member has already signed in: there is nothing to remind");
pub const ORG_SEAT_CHOICE_REQUIRED: ErrorCode = ErrorCode::new(
    1901020,
    400,
    "the organization is on several plans and no seat group covers this member: choose a plan_id or seat_group_id",
);
pub const ORG_PLAN_NOT_FOUND: ErrorCode = ErrorCode::new(1901021, 404, "no such plan");
pub const ORG_SEAT_GROUP_NOT_FOUND: ErrorCode = ErrorCode::new(1901022, 404, "no such seat group");
pub const ORG_SEATS_BELOW_USAGE: ErrorCode =
    ErrorCode::new(1901023, 400, "seats cannot go below the seats already taken");

// Account lifecycle (issue 5). Offboarding and restore use Lark's contact codes (440xx).
pub const ACCOUNT_FROZEN: ErrorCode = ErrorCode::new(
    1902001,
    403,
    "this account is frozen: a frozen member cannot leave or delete their account; ask an administrator of the organization to unfreeze or offboard you",
);
pub const CREATOR_CANNOT_LEAVE: ErrorCode = ErrorCode::new(
    1902002,
    400,
    "the creator of an organization cannot leave it: this is the only account of its creator; dissolve the organization instead",
);
pub const PERSONAL_WORKSPACE: ErrorCode = ErrorCode::new(
    1902003,
    400,
    "this is a personal workspace: it cannot be left or dissolved; delete the personal account instead",
);
pub const NO_PERSONAL_WORKSPACE: ErrorCode = ErrorCode::new(1902004, 404, "this account has no personal workspace");
pub const NOT_CREATOR: ErrorCode = ErrorCode::new(
    1902005,
    403,
    "only the creator of the organization may ask for its dissolution or cancel it, with their user access token",
);
pub const DISSOLUTION_SCHEDULED: ErrorCode =
    ErrorCode::new(1902006, 409, "the organization's dissolution is already scheduled");
pub const NO_DISSOLUTION: ErrorCode = ErrorCode::new(1902007, 400, "no dissolution of the organization is scheduled");
pub const DISSOLUTION_IN_EFFECT: ErrorCode =
    ErrorCode::new(1902008, 409, "the dissolution has taken effect and can no longer be cancelled");

pub const ALL: &[ErrorCode] = &[
    INVALID_PARAM,
    NOT_FOUND,
    FORBIDDEN,
    CONFLICT,
    DEMO_ONLY,
    FAULT_INJECTED,
    SERVICE_UNAVAILABLE,
    CHAT_LINK_NOT_FOUND,
    CHAT_LINK_EXPIRED,
    JOIN_REQUEST_NOT_FOUND,
    JOIN_REQUEST_CLOSED,
    NOT_TENANT_ADMIN,
    COLLABORATION_TENANT_INVALID,
    COLLABORATION_NOT_FOUND,
    ORG_NOT_ADMIN,
    ORG_NOT_PRIMARY_ADMIN,
    ORG_INVITING_DISABLED,
    ORG_MULTI_PLAN_ADMIN_ONLY,
    ORG_APPROVAL_MANDATORY,
    ORG_INVITATION_NOT_FOUND,
    ORG_INVITATION_EXPIRED,
    ORG_INVITATION_REVOKED,
    ORG_INVITATION_USED_UP,
    ORG_INVITATION_FOR_SOMEONE_ELSE,
    ORG_EMAIL_DOMAIN_NOT_ALLOWED,
    ORG_ALREADY_MEMBER,
    ORG_ACCOUNT_INACTIVE,
    ORG_INVITEE_CONTACT_INVALID,
    ORG_WRONG_CREDENTIALS,
    ORG_REQUEST_PENDING,
    ORG_REQUEST_NOT_FOUND,
    ORG_REQUEST_DECIDED,
    ORG_MEMBER_ALREADY_ACTIVE,
    ORG_SEAT_CHOICE_REQUIRED,
    ORG_PLAN_NOT_FOUND,
    ORG_SEAT_GROUP_NOT_FOUND,
    ORG_SEATS_BELOW_USAGE,
    ACCOUNT_FROZEN,
    CREATOR_CANNOT_LEAVE,
    PERSONAL_WORKSPACE,
    NO_PERSONAL_WORKSPACE,
    NOT_CREATOR,
    DISSOLUTION_SCHEDULED,
    NO_DISSOLUTION,
    DISSOLUTION_IN_EFFECT,
];
