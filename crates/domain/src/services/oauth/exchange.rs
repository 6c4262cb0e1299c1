//! The token step: an authorization code or a refresh token becomes a user access token and a
//! new refresh token. Shared by `authen/v2/oauth/token`, `/oauth/v3/token` and the legacy
//! `authen/v1` endpoints.

use crate::error::{AuthError, Error, Result};
use crate::model::{App, TenantStatus, TokenKind, User};
use crate::services::Env;
use crate::services::auth::{self, UserTokens};
use crate::services::oauth::{pkce, scope};
use crate::store::Tx;

/// What a token request got: the tokens, the scope they carry, and whose they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Granted {
    pub tokens: UserTokens,
    pub scope: String,
    pub user: User,
    pub tenant_key: String,
}

/// The app a token request authenticates as: a missing id or secret is 20001, an unknown
/// client_id 20048, a wrong secret 20002, a disabled app or dissolved tenant 20009.
pub fn client_app(tx: &mut dyn Tx, client_id: Option<&str>, client_secret: Option<&str>) -> Result<App> {
    let client_id = client_id.filter(|s| !s.is_empty()).ok_or(AuthError::OAuthMissingParam("client_id".into()))?;
    let secret = client_secret.filter(|s| !s.is_empty()).ok_or(AuthError::OAuthMissingParam("client_secret".into()))?;
    let app = tx.app_by_app_id(client_id)?.ok_or(AuthError::OAuthAppNotExist)?;
    if !pkce::constant_time_eq(app.app_secret.as_bytes(), secret.as_bytes()) {
        return Err(AuthError::OAuthBadClient.into());
    }
    let tenant_live = tx.tenant(app.tenant)?.is_some_and(|t| t.status != TenantStatus::Dissolved);
    if !app.enabled || !tenant_live {
        return Err(AuthError::OAuthAppUnavailable.into());
    }
    Ok(app)
}

/// The parts of an `authorization_code` grant beyond the code. The legacy endpoints send none.
#[derive(Debug, Clone, Default)]
pub struct CodeExchange<'a> {
    pub redirect_uri: Option<&'a str>,
    pub code_verifier: Option<&'a str>,
    pub scope: Option<&'a str>,
}

/// Redeems a code, once: it must be the app's (20024), unused (20003), within its 5 minutes
/// (20004), sent with the same redirect URI when one is sent (20071) and with the verifier of its
/// PKCE challenge (20049); its user must still exist (20008) and be usable (20010).
pub fn exchange_code(tx: &mut dyn Tx, env: &Env, app: &App, code: &str, x: &CodeExchange<'_>) -> Result<Granted> {
    let c = tx.oauth_code(code)?.ok_or(AuthError::OAuthCodeNotFound)?;
    if c.app != app.id {
        return Err(AuthError::OAuthClientMismatch.into());
    }
    if c.used_at.is_some() {
        return Err(AuthError::OAuthCodeNotFound.into());
    }
    if c.expires_at <= env.now {
        return Err(AuthError::OAuthCodeExpired.into());
    }
    if x.redirect_uri.is_some_and(|r| !r.is_empty() && r != c.redirect_uri) {
        return Err(AuthError::OAuthRedirectMismatch.into());
    }
    pkce::verify(c.pkce.as_ref(), x.code_verifier)?;
    let scope = scope::narrow(&c.scope, x.scope)?;
    let user = usable_user(tx, c.tenant, Some(c.user))?;
    if !tx.use_oauth_code(code, env.now)? {
        return Err(AuthError::OAuthCodeNotFound.into());
    }
    issue(tx, env, app, &user, scope)
}

/// Exchanges a refresh token, once: it must be the app's (20024), live (20026) and within its
/// lifetime (20037); the scope may narrow what it carries. The new pair replaces it.
pub fn refresh(tx: &mut dyn Tx, env: &Env, app: &App, refresh_token: &str, requested: Option<&str>) -> Result<Granted> {
    let t = tx.token(refresh_token)?.filter(|t| t.kind == TokenKind::Refresh);
    let Some(t) = t else { return Err(AuthError::OAuthRefreshInvalid.into()) };
    if t.app != app.id {
        return Err(AuthError::OAuthClientMismatch.into());
    }
    if t.revoked {
        return Err(AuthError::OAuthRefreshInvalid.into());
    }
    if t.expires_at <= env.now {
        return Err(AuthError::OAuthRefreshExpired.into());
    }
    // Refresh tokens minted outside OAuth (the emulator's) carry no recorded scope.
    let granted = tx.token_scope(refresh_token)?;
    let scope = scope::narrow(granted.as_deref().unwrap_or(""), requested)?;
    let user = usable_user(tx, t.tenant, t.user)?;
    if !tx.claim_token(refresh_token)? {
        return Err(AuthError::OAuthRefreshInvalid.into());
    }
    tx.delete_token_scope(refresh_token)?;
    issue(tx, env, app, &user, scope)
}

fn usable_user(tx: &mut dyn Tx, tenant: crate::ids::TenantId, user: Option<crate::ids::UserId>) -> Result<User> {
    let user = match user {
        Some(u) => tx.user(tenant, u)?,
        None => None,
    };
    let user = user.ok_or(AuthError::OAuthUserNotExist)?;
    if !user.status.is_usable() {
        return Err(AuthError::OAuthUserUnavailable.into());
    }
    Ok(user)
}

fn issue(tx: &mut dyn Tx, env: &Env, app: &App, user: &User, scope: String) -> Result<Granted> {
    let tokens = auth::issue_user_tokens(tx, env, app, user)?;
    tx.set_token_scope(&tokens.refresh.token, &scope)?;
    let tenant = tx.tenant(user.tenant)?.ok_or_else(|| Error::Internal("a user's tenant vanished".into()))?;
    Ok(Granted { tokens, scope, user: user.clone(), tenant_key: tenant.tenant_key })
}
