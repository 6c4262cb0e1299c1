//! Codes shared by every Open API family: routing, rate limits, internal errors and bad ids.

use super::ErrorCode;

pub const INVALID_PARAMETER: ErrorCode = ErrorCode::new(10003, 400, "invalid parameter");
pub const NOT_FOUND: ErrorCode = ErrorCode::new(99991201, 404, "resource not find");
pub const METHOD_NOT_ALLOWED: ErrorCode = ErrorCode::new(99991301, 405, "request method doesn't match");
pub const RATE_LIMITED: ErrorCode = ErrorCode::new(99991400, 429, "request trigger frequency limit");
pub const INTERNAL: ErrorCode = ErrorCode::new(40003, 500, "internal error");
pub const FIELD_VALIDATION: ErrorCode = ErrorCode::new(99992402, 400, "field validation failed");
pub const OPEN_IDS_NOT_EXIST: ErrorCode = ErrorCode::new(99992351, 400, "these open ids not existed");
pub const USER_IDS_NOT_EXIST: ErrorCode = ErrorCode::new(99992360, 400, "these ids not existed");
pub const UNION_IDS_NOT_EXIST: ErrorCode = ErrorCode::new(99992364, 400, "these ids not existed");
pub const OPEN_ID_CROSS_APP: ErrorCode = ErrorCode::new(99992361, 400, "open_id cross app");
pub const DEPARTMENT_IDS_NOT_EXIST: ErrorCode = ErrorCode::new(99992380, 400, "these ids not existed");

pub const ALL: &[ErrorCode] = &[
    INVALID_PARAMETER,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    RATE_LIMITED,
    INTERNAL,
    FIELD_VALIDATION,
    OPEN_IDS_NOT_EXIST,
    USER_IDS_NOT_EXIST,
    UNION_IDS_NOT_EXIST,
    OPEN_ID_CROSS_APP,
    DEPARTMENT_IDS_NOT_EXIST,
];
