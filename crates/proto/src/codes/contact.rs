//! Contact v3 codes (users and departments), spec §4.7. HTTP 400 unless the real API says otherwise.

use super::ErrorCode;

pub const PARAM_ERROR: ErrorCode = ErrorCode::new(40001, 400, "param error");
pub const ROOT_DEPT: ErrorCode = ErrorCode::new(40002, 400, "process root dept error");
pub const NO_DEPT_AUTHORITY: ErrorCode = ErrorCode::new(40004, 403, "no dept authority error");
pub const DEPT_INFO_NULL: ErrorCode = ErrorCode::new(40008, 400, "dept info is null error");
pub const NO_PARENT_DEPT_AUTHORITY: ErrorCode = ErrorCode::new(40014, 403, "no parent dept authority error");
pub const DEPT_NAME_EMPTY: ErrorCode = ErrorCode::new(40016, 401, "dept name can not be empty error");
pub const DEPT_DUPLICATE_NAME: ErrorCode = ErrorCode::new(40018, 400, "duplicate name error");
pub const CLIENT_TOKEN_MISMATCH: ErrorCode = ErrorCode::new(40021, 400, "no a same request error");

pub const MOBILE_EXISTS: ErrorCode = ErrorCode::new(41001, 400, "mobile has already exist error");
pub const EMAIL_EXISTS: ErrorCode = ErrorCode::new(41002, 400, "email has already exist error");
pub const ACCOUNT_CONFLICT: ErrorCode = ErrorCode::new(41003, 409, "user account conflict error");
pub const MOBILE_INVALID: ErrorCode = ErrorCode::new(41004, 400, "mobile is invalid error");
pub const EMAIL_INVALID: ErrorCode = ErrorCode::new(41005, 400, "email is invalid error");
pub const NO_USER_NAME: ErrorCode = ErrorCode::new(41006, 400, "user name is empty error");
pub const TENANT_SEAT_LIMIT: ErrorCode = ErrorCode::new(41007, 400, "exceed uncertain tenant seat limit error");
pub const BILL_SEAT_LIMIT: ErrorCode = ErrorCode::new(41008, 400, "exceed bill seat limit error");
pub const NO_EMAIL_OR_MOBILE: ErrorCode = ErrorCode::new(41009, 400, "email or mobile is required error");
pub const USER_ID_EXISTS: ErrorCode = ErrorCode::new(41011, 400, "userID already exist error");
pub const USER_ID_INVALID: ErrorCode = ErrorCode::new(41012, 400, "user id invalid error");
pub const DEPARTMENT_REQUIRED: ErrorCode = ErrorCode::new(41017, 400, "department is required error");
pub const ORDER_DEPARTMENT_INVALID: ErrorCode = ErrorCode::new(41025, 400, "order department invalid error");
pub const USER_TENANT_MISMATCH: ErrorCode = ErrorCode::new(41022, 400, "user tenant not match error");
pub const LEADER_IS_SELF: ErrorCode = ErrorCode::new(41030, 400, "leader can not be self error");
pub const TOO_MANY_DEPARTMENTS: ErrorCode = ErrorCode::new(41033, 400, "user in too many departments  error");
pub const GENDER_INVALID: ErrorCode = ErrorCode::new(41038, 400, "gender is invalid error");
pub const USER_ID_LENGTH: ErrorCode = ErrorCode::new(41043, 400, "user_id length must be 1-64 bytes");
pub const NO_USER_AUTHORITY: ErrorCode = ErrorCode::new(41050, 403, "no user authority error");
pub const RESIGN_ACCEPTOR_INVALID: ErrorCode = ErrorCode::new(41052, 400, "user resign acceptor is invalid error");
pub const USER_ALREADY_EXISTS: ErrorCode = ErrorCode::new(41053, 409, "user has already exist error");
pub const EMPLOYEE_TYPE_INVALID: ErrorCode = ErrorCode::new(41059, 400, "invalid employee type error");
pub const JOB_TITLE_TOO_LONG: ErrorCode = ErrorCode::new(41063, 400, "job_title length exceeds limit error");
pub const NAME_TOO_LONG: ErrorCode = ErrorCode::new(41070, 400, "name length exceeds limit error");
pub const EN_NAME_TOO_LONG: ErrorCode = ErrorCode::new(41071, 400, "en_name length exceeds limit error");
pub const NICKNAME_TOO_LONG: ErrorCode = ErrorCode::new(41072, 400, "nickname length exceeds limit error");

pub const USER_RESIGNED: ErrorCode = ErrorCode::new(42006, 400, "user has resigned error");
pub const TENANT_ID_INVALID: ErrorCode = ErrorCode::new(42008, 401, "tenant id is invalid error");

pub const DEPT_ALREADY_EXISTS: ErrorCode = ErrorCode::new(43000, 401, "dept has already exist error");
pub const DEPT_DUPLICATE_CUSTOM_ID: ErrorCode = ErrorCode::new(43007, 400, "duplicated custom dept id error");
pub const DEPT_CUSTOM_ID_INVALID: ErrorCode = ErrorCode::new(43008, 400, "custom dept id invalid error");
pub const DEPT_HAS_MEMBERS: ErrorCode = ErrorCode::new(43011, 400, "delete has member dept error");
pub const DEPT_HAS_CHILDREN: ErrorCode = ErrorCode::new(43012, 400, "delete has sub dept department error");
pub const DEPT_TOO_MANY_CHILDREN: ErrorCode = ErrorCode::new(43013, 400, "too many children department error");
pub const DEPT_RELATION_INVALID: ErrorCode = ErrorCode::new(43017, 400, "department relation invalid error");
pub const DEPT_MAX_DEPTH: ErrorCode = ErrorCode::new(43019, 400, "department exceeds max depth error");

pub const SEAT_LIMIT: ErrorCode = ErrorCode::new(44023, 400, "exceed feature contact seat limit");
pub const RESURRECT_EXPIRED: ErrorCode = ErrorCode::new(44028, 400, "Exceed recoverable time");
pub const NO_RESURRECT_ACCESS: ErrorCode = ErrorCode::new(44029, 400, "No access to resurrect");
pub const RESURRECT_MOBILE_DUPLICATED: ErrorCode = ErrorCode::new(44030, 400, "Mobile duplicated");
pub const RESURRECT_EMAIL_DUPLICATED: ErrorCode = ErrorCode::new(44031, 400, "Email duplicated");
pub const RESURRECT_USER_ID_DUPLICATED: ErrorCode = ErrorCode::new(44032, 400, "UserID duplicated");
pub const USER_NOT_RESIGNED: ErrorCode = ErrorCode::new(44033, 400, "User not resigned");
pub const DELETE_IN_PROGRESS: ErrorCode = ErrorCode::new(44034, 400, "User is in delete progress, retry later");
pub const TENANT_MANAGER_UNDELETABLE: ErrorCode = ErrorCode::new(44037, 400, "tenant manager cannot be deleted");
pub const RESURRECT_IN_PROGRESS: ErrorCode = ErrorCode::new(44042, 400, "User is in resurrect progress, retry later");
pub const LEADER_RESIGNED: ErrorCode = ErrorCode::new(44021, 400, "Leader is resigned");
pub const LEADER_INVALID: ErrorCode = ErrorCode::new(44022, 400, "leaderID is Invalid");
pub const EMPLOYEE_NO_EXISTS: ErrorCode = ErrorCode::new(44051, 400, "employee_no already existed");

pub const ALL: &[ErrorCode] = &[
    PARAM_ERROR,
    ROOT_DEPT,
    NO_DEPT_AUTHORITY,
    DEPT_INFO_NULL,
    NO_PARENT_DEPT_AUTHORITY,
    DEPT_NAME_EMPTY,
    DEPT_DUPLICATE_NAME,
    CLIENT_TOKEN_MISMATCH,
    MOBILE_EXISTS,
    EMAIL_EXISTS,
    ACCOUNT_CONFLICT,
    MOBILE_INVALID,
    EMAIL_INVALID,
    NO_USER_NAME,
    TENANT_SEAT_LIMIT,
    BILL_SEAT_LIMIT,
    NO_EMAIL_OR_MOBILE,
    USER_ID_EXISTS,
    USER_ID_INVALID,
    DEPARTMENT_REQUIRED,
    USER_TENANT_MISMATCH,
    ORDER_DEPARTMENT_INVALID,
    LEADER_IS_SELF,
    TOO_MANY_DEPARTMENTS,
    GENDER_INVALID,
    USER_ID_LENGTH,
    NO_USER_AUTHORITY,
    RESIGN_ACCEPTOR_INVALID,
    USER_ALREADY_EXISTS,
    EMPLOYEE_TYPE_INVALID,
    JOB_TITLE_TOO_LONG,
    NAME_TOO_LONG,
    EN_NAME_TOO_LONG,
    NICKNAME_TOO_LONG,
    USER_RESIGNED,
    TENANT_ID_INVALID,
    DEPT_ALREADY_EXISTS,
    DEPT_DUPLICATE_CUSTOM_ID,
    DEPT_CUSTOM_ID_INVALID,
    DEPT_HAS_MEMBERS,
    DEPT_HAS_CHILDREN,
    DEPT_TOO_MANY_CHILDREN,
    DEPT_RELATION_INVALID,
    DEPT_MAX_DEPTH,
    SEAT_LIMIT,
    RESURRECT_EXPIRED,
    NO_RESURRECT_ACCESS,
    RESURRECT_MOBILE_DUPLICATED,
    RESURRECT_EMAIL_DUPLICATED,
    RESURRECT_USER_ID_DUPLICATED,
    USER_NOT_RESIGNED,
    DELETE_IN_PROGRESS,
    TENANT_MANAGER_UNDELETABLE,
    RESURRECT_IN_PROGRESS,
    LEADER_RESIGNED,
    LEADER_INVALID,
    EMPLOYEE_NO_EXISTS,
];
