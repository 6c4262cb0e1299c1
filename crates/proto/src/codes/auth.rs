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

// The OAuth token endpoint answers `{code, error, error_description}`: `error` is the msg's part
// before the first colon, `error_description` the whole msg.
pub const OAUTH_MISSING_PARAM: ErrorCode =
    ErrorCode::new(20001, 400, "invalid_request: a required parameter is missing or malformed");
pub const OAUTH_BAD_CLIENT_SECRET: ErrorCode = ErrorCode::new(20002, 400, "invalid_client: client_secret is invalid");
pub const OAUTH_CODE_NOT_FOUND: ErrorCode =
    ErrorCode::new(20003, 400, "invalid_grant: the authorization code is not found or was already used");
pub const OAUTH_CODE_EXPIRED: ErrorCode =
    ErrorCode::new(20004, 400, "invalid_grant: the authorization code has expired");
pub const OAUTH_USER_NOT_EXIST: ErrorCode = ErrorCode::new(20008, 400, "invalid_grant: the user does not exist");
pub const OAUTH_APP_UNAVAILABLE: ErrorCode =
    ErrorCode::new(20009, 400, "unauthorized_client: the app is not enabled in its tenant");
pub const OAUTH_USER_FROZEN: ErrorCode =
    ErrorCode::new(20010, 400, "invalid_grant: the user has no permission to use the app");
pub const OAUTH_CLIENT_MISMATCH: ErrorCode =
    ErrorCode::new(20024, 400, "invalid_grant: the code or refresh token does not belong to this client");
pub const OAUTH_REFRESH_INVALID: ErrorCode =
    ErrorCode::new(20026, 400, "invalid_grant: the refresh token is invalid, revoked or already used");
pub const OAUTH_UNSUPPORTED_GRANT: ErrorCode =
    ErrorCode::new(20036, 400, "unsupported_grant_type: grant_type must be authorization_code or refresh_token");
pub const OAUTH_REFRESH_EXPIRED: ErrorCode = ErrorCode::new(20037, 400, "invalid_grant: the refresh token has expired");
pub const OAUTH_APP_NOT_EXIST: ErrorCode = ErrorCode::new(20048, 400, "invalid_client: the app does not exist");
pub const OAUTH_PKCE_FAILED: ErrorCode = ErrorCode::new(20049, 400, "invalid_grant: PKCE verification failed");
pub const OAUTH_DUPLICATE_SCOPE: ErrorCode =
    ErrorCode::new(20067, 400, "invalid_scope: the scope lists an entry more than once");
pub const OAUTH_SCOPE_NOT_GRANTED: ErrorCode =
    ErrorCode::new(20068, 400, "invalid_scope: the scope asks for more than the user granted");
pub const OAUTH_REDIRECT_MISMATCH: ErrorCode =
    ErrorCode::new(20071, 400, "invalid_grant: redirect_uri does not match the authorization request");

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
    OAUTH_APP_UNAVAILABLE,
    OAUTH_REFRESH_EXPIRED,
    OAUTH_DUPLICATE_SCOPE,
    OAUTH_SCOPE_NOT_GRANTED,
    OAUTH_REDIRECT_MISMATCH,
];
// TOKEN_INVALID_PARAM shares its number with generic::INVALID_PARAMETER (10003); only the status
// differs (the token endpoints answer HTTP 200), so it is not listed twice in the table.

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the OAuth codes and the `error` kind each one carries.
    #[test]
    fn oauth_codes_and_their_error_kinds() {
        let cases: &[(ErrorCode, i64, &str)] = &[
            (OAUTH_MISSING_PARAM, 20001, "invalid_request"),
            (OAUTH_BAD_CLIENT_SECRET, 20002, "invalid_client"),
            (OAUTH_CODE_NOT_FOUND, 20003, "invalid_grant"),
            (OAUTH_CODE_EXPIRED, 20004, "invalid_grant"),
            (OAUTH_USER_NOT_EXIST, 20008, "invalid_grant"),
            (OAUTH_APP_UNAVAILABLE, 20009, "unauthorized_client"),
            (OAUTH_USER_FROZEN, 20010, "invalid_grant"),
            (OAUTH_CLIENT_MISMATCH, 20024, "invalid_grant"),
            (OAUTH_REFRESH_INVALID, 20026, "invalid_grant"),
            (OAUTH_UNSUPPORTED_GRANT, 20036, "unsupported_grant_type"),
            (OAUTH_REFRESH_EXPIRED, 20037, "invalid_grant"),
            (OAUTH_APP_NOT_EXIST, 20048, "invalid_client"),
            (OAUTH_PKCE_FAILED, 20049, "invalid_grant"),
            (OAUTH_DUPLICATE_SCOPE, 20067, "invalid_scope"),
            (OAUTH_SCOPE_NOT_GRANTED, 20068, "invalid_scope"),
            (OAUTH_REDIRECT_MISMATCH, 20071, "invalid_grant"),
        ];
        for (c, code, kind) in cases {
            assert_eq!((c.code, c.status), (*code, 400));
            assert_eq!(c.msg.split_once(':').map(|(k, _)| k), Some(*kind), "{code}");
        }
    }
}
