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
];
