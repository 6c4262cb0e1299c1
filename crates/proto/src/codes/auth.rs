//! Authentication codes: the token endpoints (HTTP 200 with a code, as the real gateway does),
//! request token checks (999916xx), and the OAuth token endpoint (200xx).

use super::ErrorCode;

pub const TOKEN_INVALID_PARAM: ErrorCode = ErrorCode::new(10003, 200, "invalid param");
pub const APP_UNAUTHORIZED: ErrorCode = ErrorCode::new(10014, 200, "app unauthorized");
pub const WRONG_APP_SECRET: ErrorCode = ErrorCode::new(10015, 200, "wrong app secret");

pub const MISSING_TOKEN: ErrorCode =
    ErrorCode::new(99991661, 400, "Missing access token for authorization. Please make a request with token attached.");
pub const INVALID_TENANT_TOKEN: ErrorCode =
    ErrorCode::new(99991663, 400, "Invalid access token for authorization. Please make a request with token attached");
pub const INVALID_USER_TOKEN: ErrorCode =
    ErrorCode::new(99991668, 400, "Invalid access token for authorization. Please make a request with token attached.");
pub const MALFORMED_TOKEN: ErrorCode = ErrorCode::new(99991671, 400, "Invalid token: must start with t-/u-");
pub const APP_NOT_INSTALLED: ErrorCode = ErrorCode::new(99991673, 400, "unauthorized app");
pub const USER_TOKEN_EXPIRED: ErrorCode = ErrorCode::new(99991677, 400, "token expire");

pub const OAUTH_MISSING_PARAM: ErrorCode = ErrorCode::new(20001, 400, "invalid_request");
pub const OAUTH_BAD_CLIENT_SECRET: ErrorCode = ErrorCode::new(20002, 400, "invalid_client");
pub const OAUTH_CODE_NOT_FOUND: ErrorCode = ErrorCode::new(20003, 400, "invalid_grant");
pub const OAUTH_CODE_EXPIRED: ErrorCode = ErrorCode::new(20004, 400, "invalid_grant: authorization code expired");
pub const OAUTH_USER_NOT_EXIST: ErrorCode = ErrorCode::new(20008, 400, "invalid_grant: user not exist");
pub const OAUTH_CLIENT_MISMATCH: ErrorCode =
    ErrorCode::new(20024, 400, "invalid_grant: the code or refresh token does not belong to this client");
pub const OAUTH_REFRESH_INVALID: ErrorCode = ErrorCode::new(20026, 400, "invalid_grant: refresh token invalid");
pub const OAUTH_UNSUPPORTED_GRANT: ErrorCode = ErrorCode::new(20036, 400, "unsupported_grant_type");
pub const OAUTH_APP_NOT_EXIST: ErrorCode = ErrorCode::new(20048, 400, "invalid_client: app not exist");
pub const OAUTH_PKCE_FAILED: ErrorCode = ErrorCode::new(20049, 400, "invalid_grant: PKCE verification failed");
pub const OAUTH_USER_FROZEN: ErrorCode = ErrorCode::new(20010, 400, "user has no permission to use app");

pub const ALL: &[ErrorCode] = &[
    APP_UNAUTHORIZED,
    WRONG_APP_SECRET,
    MISSING_TOKEN,
    INVALID_TENANT_TOKEN,
    INVALID_USER_TOKEN,
    MALFORMED_TOKEN,
    APP_NOT_INSTALLED,
    USER_TOKEN_EXPIRED,
    OAUTH_MISSING_PARAM,
    OAUTH_BAD_CLIENT_SECRET,
    OAUTH_CODE_NOT_FOUND,
    OAUTH_CODE_EXPIRED,
    OAUTH_USER_NOT_EXIST,
    OAUTH_CLIENT_MISMATCH,
    OAUTH_REFRESH_INVALID,
    OAUTH_UNSUPPORTED_GRANT,
    OAUTH_APP_NOT_EXIST,
    OAUTH_PKCE_FAILED,
    OAUTH_USER_FROZEN,
];
// TOKEN_INVALID_PARAM shares its number with generic::INVALID_PARAMETER (10003); only the status
// differs (the token endpoints answer HTTP 200), so it is not listed twice in the table.
