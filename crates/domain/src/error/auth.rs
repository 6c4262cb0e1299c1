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
    /// A `u-…` token of a frozen member (99991668, saying why): they cannot act, leave or delete
    /// their account until an admin unfreezes or offboards them.
    UserFrozen,
    /// This endpoint takes only tenant tokens.
    UserTokenNotSupported,
    /// This endpoint takes only user tokens.
    TenantTokenNotSupported,
    /// The app is not installed in (or usable by) the tenant (99991673).
    AppNotInstalled,
    /// OAuth: a required parameter is missing (20001); names it.
    OAuthMissingParam(String),
    /// OAuth: a parameter is present but unusable (20001); says why.
    OAuthInvalidRequest(String),
    /// OAuth: wrong client_secret (20002).
    OAuthBadClient,
    /// OAuth: the code is unknown or was already used (20003).
    OAuthCodeNotFound,
    /// OAuth: the code is past its 5 minutes (20004).
    OAuthCodeExpired,
    /// OAuth: the code or refresh token was issued to another app (20024).
    OAuthClientMismatch,
    /// OAuth: the refresh token is unknown, revoked or already used (20026).
    OAuthRefreshInvalid,
    /// OAuth: the refresh token is past its lifetime (20037).
    OAuthRefreshExpired,
    /// OAuth: grant_type is neither authorization_code nor refresh_token (20036).
    OAuthUnsupportedGrant,
    /// OAuth: no app has this client_id (20048).
    OAuthAppNotExist,
    /// OAuth: the app is disabled or its tenant dissolved (20009).
    OAuthAppUnavailable,
    /// OAuth: the code_verifier does not match the code's challenge (20049); says why.
    OAuthPkceFailed(String),
    /// OAuth: the redirect_uri differs from the authorize request's (20071).
    OAuthRedirectMismatch,
    /// OAuth: the requested scope lists an entry twice (20067).
    OAuthDuplicateScope,
    /// OAuth: the requested scope asks for more than was granted (20068).
    OAuthScopeNotGranted,
    /// OAuth: the user the code was issued for no longer exists (20008).
    OAuthUserNotExist,
    /// The user is frozen or has left the tenant and may not sign in (20010).
    OAuthUserUnavailable,
    /// Authorize: the redirect_uri is missing or not an absolute http(s) URL; says why.
    OAuthBadRedirectUri(String),
    /// Authorize: response_type is not `code`.
    OAuthUnsupportedResponseType,
    /// Sign-in: no active account with this email or mobile has this password.
    BadCredentials,
    /// Sign-in: the account has no usable membership in a tenant where the app lives.
    SignInNoTenant,
    /// Sign-in: the tenant chosen is not one the account may sign in to through this app.
    SignInTenantNotOffered,
    /// Sign-in: the tenant-choice step is unknown, used, expired or belongs to another app.
    SignInExpired,
}
