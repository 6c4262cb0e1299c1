//! VC (meetings) codes, spec §5 and seed 002.

use super::ErrorCode;

pub const INTERNAL: ErrorCode = ErrorCode::new(121001, 500, "internal error");
pub const NOT_SUPPORT: ErrorCode = ErrorCode::new(121002, 400, "not support");
pub const PARAM_ERROR: ErrorCode = ErrorCode::new(121003, 400, "param error");
pub const DATA_NOT_EXIST: ErrorCode = ErrorCode::new(121004, 400, "data not exist");
pub const NO_PERMISSION: ErrorCode = ErrorCode::new(121005, 403, "no permission");
pub const DATA_CONFLICT: ErrorCode = ErrorCode::new(121006, 409, "data conflict");
pub const MEETING_STATUS_UNEXPECTED: ErrorCode = ErrorCode::new(122001, 400, "meeting status unexpected");
pub const MEETING_NOT_EXIST: ErrorCode = ErrorCode::new(122002, 404, "meeting not exist");
pub const OPERATOR_NOT_IN_MEETING: ErrorCode = ErrorCode::new(122003, 400, "operator user not in meeting");
pub const TARGET_NOT_IN_MEETING: ErrorCode = ErrorCode::new(122004, 400, "target user not in meeting");
pub const CANNOT_OPERATE_SELF: ErrorCode = ErrorCode::new(122005, 400, "cannot operate self");
pub const PARTICIPANT_LIMIT: ErrorCode = ErrorCode::new(122006, 400, "participant count reach limit");
pub const CALLEE_BUSY: ErrorCode = ErrorCode::new(122007, 400, "callee is busy");
pub const MEETING_LOCKED: ErrorCode = ErrorCode::new(122008, 400, "meeting is locked");
pub const PARTICIPANT_STATUS_UNEXPECTED: ErrorCode = ErrorCode::new(122009, 400, "participant status not expected");
pub const RECORD_PARAM_ERROR: ErrorCode = ErrorCode::new(123002, 400, "record param error");
pub const ASSIGN_HOST_LIMIT: ErrorCode = ErrorCode::new(123003, 400, "assign host exceed max limit 10");
pub const ASSIGN_HOST_ERROR: ErrorCode = ErrorCode::new(123004, 400, "assign host error");

pub const ALL: &[ErrorCode] = &[
    INTERNAL,
    NOT_SUPPORT,
    PARAM_ERROR,
    DATA_NOT_EXIST,
    NO_PERMISSION,
    DATA_CONFLICT,
    MEETING_STATUS_UNEXPECTED,
    MEETING_NOT_EXIST,
    OPERATOR_NOT_IN_MEETING,
    TARGET_NOT_IN_MEETING,
    CANNOT_OPERATE_SELF,
    PARTICIPANT_LIMIT,
    CALLEE_BUSY,
    MEETING_LOCKED,
    PARTICIPANT_STATUS_UNEXPECTED,
    RECORD_PARAM_ERROR,
    ASSIGN_HOST_LIMIT,
    ASSIGN_HOST_ERROR,
];
