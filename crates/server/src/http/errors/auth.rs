//! Codes of authentication failures.

use super::Mapped;
use roster_domain::error::AuthError;
use roster_proto::codes::auth::*;

pub fn map(e: &AuthError) -> Mapped {
    match e {
        AuthError::TokenBadRequest => Mapped::of(TOKEN_INVALID_PARAM),
        AuthError::AppDisabled => Mapped::of(APP_UNAUTHORIZED),
        AuthError::WrongSecret => Mapped::of(WRONG_APP_SECRET),
        AuthError::MissingToken => Mapped::of(MISSING_TOKEN),
        AuthError::MalformedToken => Mapped::of(MALFORMED_TOKEN),
        AuthError::InvalidTenantToken => Mapped::of(INVALID_TENANT_TOKEN),
        AuthError::InvalidUserToken => Mapped::of(INVALID_USER_TOKEN),
        AuthError::UserTokenExpired => Mapped::of(USER_TOKEN_EXPIRED),
        AuthError::UserFrozen => Mapped::with_msg(
            INVALID_USER_TOKEN,
            "Invalid access token for authorization: this account is frozen. A frozen member cannot sign in, act, \
             leave the organization or delete their account; ask an administrator of the organization to unfreeze \
             it (or to offboard you)",
        ),
        AuthError::UserTokenNotSupported => Mapped::with_msg(INVALID_USER_TOKEN, "user access token not support"),
        AuthError::TenantTokenNotSupported => Mapped::with_msg(INVALID_TENANT_TOKEN, "tenant access token not support"),
        AuthError::AppNotInstalled => Mapped::of(APP_NOT_INSTALLED),
        AuthError::OAuthMissingParam(field) => {
            Mapped::with_msg(OAUTH_MISSING_PARAM, format!("invalid_request: {field} is required"))
        }
        AuthError::OAuthInvalidRequest(why) => Mapped::with_msg(OAUTH_MISSING_PARAM, format!("invalid_request: {why}")),
        AuthError::OAuthBadRedirectUri(why) => Mapped::with_msg(OAUTH_MISSING_PARAM, format!("invalid_request: {why}")),
        AuthError::OAuthUnsupportedResponseType => {
            Mapped::with_msg(OAUTH_MISSING_PARAM, "unsupported_response_type: response_type must be code")
        }
        AuthError::OAuthBadClient => Mapped::of(OAUTH_BAD_CLIENT_SECRET),
        AuthError::OAuthCodeNotFound => Mapped::of(OAUTH_CODE_NOT_FOUND),
        AuthError::OAuthCodeExpired => Mapped::of(OAUTH_CODE_EXPIRED),
        AuthError::OAuthClientMismatch => Mapped::of(OAUTH_CLIENT_MISMATCH),
        AuthError::OAuthRefreshInvalid => Mapped::of(OAUTH_REFRESH_INVALID),
        AuthError::OAuthRefreshExpired => Mapped::of(OAUTH_REFRESH_EXPIRED),
        AuthError::OAuthUnsupportedGrant => Mapped::of(OAUTH_UNSUPPORTED_GRANT),
        AuthError::OAuthAppNotExist => Mapped::of(OAUTH_APP_NOT_EXIST),
        AuthError::OAuthAppUnavailable => Mapped::of(OAUTH_APP_UNAVAILABLE),
        AuthError::OAuthPkceFailed(why) => {
            Mapped::with_msg(OAUTH_PKCE_FAILED, format!("invalid_grant: PKCE verification failed: {why}"))
        }
        AuthError::OAuthRedirectMismatch => Mapped::of(OAUTH_REDIRECT_MISMATCH),
        AuthError::OAuthDuplicateScope => Mapped::of(OAUTH_DUPLICATE_SCOPE),
        AuthError::OAuthScopeNotGranted => Mapped::of(OAUTH_SCOPE_NOT_GRANTED),
        AuthError::OAuthUserNotExist => Mapped::of(OAUTH_USER_NOT_EXIST),
        AuthError::OAuthUserUnavailable => Mapped::of(OAUTH_USER_FROZEN),
        // The login page shows these itself; they reach JSON only through a bug.
        AuthError::BadCredentials => {
            Mapped::with_msg(OAUTH_USER_NOT_EXIST, "invalid_grant: the login or password is wrong")
        }
        AuthError::SignInNoTenant | AuthError::SignInTenantNotOffered => Mapped::of(OAUTH_APP_UNAVAILABLE),
        AuthError::SignInExpired => Mapped::of(OAUTH_CODE_NOT_FOUND),
    }
}
