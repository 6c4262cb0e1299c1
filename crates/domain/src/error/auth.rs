//! Authentication and authorization failures: token endpoints, request tokens, OAuth.

#[derive(Debug, Clone, PartialEq)]
pub enum AuthError {
    /// Token endpoint: missing or unknown app_id, or a missing secret (10003).
    TokenBadRequest,
    /// Token endpoint: the app is disabled (10014).
    AppDisabled,
    /// Token endpoint: wrong app_secret (10015).
    WrongSecret,
    /// No `Authorization: Bearer …` header (99991661).
    MissingToken,
    /// A bearer value that is no Roster token at all (99991671).
    MalformedToken,
    /// A `t-…` token that is unknown, revoked or expired (99991663).
    InvalidTenantToken,
    /// A `u-…` token that is unknown or revoked (99991668).
    InvalidUserToken,
    /// A `u-…` token past its expiry (99991677).
    UserTokenExpired,
    /// This endpoint takes only tenant tokens.
    UserTokenNotSupported,
    /// This endpoint takes only user tokens.
    TenantTokenNotSupported,
    /// The app is not installed in (or usable by) the tenant (99991673).
    AppNotInstalled,
    /// OAuth token endpoint failures, by their 200xx meaning.
    OAuthMissingParam(String),
    OAuthBadClient,
    OAuthCodeNotFound,
    OAuthCodeExpired,
    OAuthClientMismatch,
    OAuthRefreshInvalid,
    OAuthUnsupportedGrant,
    OAuthAppNotExist,
    OAuthPkceFailed,
    OAuthUserNotExist,
    /// The user is frozen or has left the tenant and may not sign in.
    OAuthUserUnavailable,
    /// Sign-in: no active account with this email or mobile has this password.
    BadCredentials,
}
