//! Tokens: issuing tenant tokens with Lark's reuse rule, authenticating bearer tokens, and
//! minting user tokens (for OAuth and the emulator).

use crate::error::{AuthError, Error, Result};
use crate::ids::TenantId;
use crate::model::{App, NewToken, TenantStatus, TokenKind, User};
use crate::services::{Caller, Env};
use crate::store::Tx;
use std::sync::Arc;

/// A token and the seconds it has left.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuedToken {
    pub token: String,
    pub expire_secs: i64,
}

/// An access token with its refresh token, as OAuth hands them out.
#[derive(Debug, Clone, PartialEq)]
pub struct UserTokens {
    pub access: IssuedToken,
    pub refresh: IssuedToken,
}

/// `prefix` followed by 40 random alphanumerics, like Lark's `t-g1044ghJRUIJJ5ZPPZMOHKWZISL33E4QSS3abcef`.
pub fn random_token(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut s = String::with_capacity(prefix.len() + 40);
    s.push_str(prefix);
    s.extend((0..40).map(|_| ALPHABET[rand::random_range(0..ALPHABET.len())] as char));
    s
}

/// Checks the credentials of the token endpoints: unknown app or missing fields → 10003, wrong
/// secret → 10015, disabled app or dissolved tenant → 10014.
pub fn app_for_credentials(tx: &mut dyn Tx, app_id: Option<&str>, app_secret: Option<&str>) -> Result<App> {
    let (Some(app_id), Some(secret)) = (app_id.filter(|s| !s.is_empty()), app_secret.filter(|s| !s.is_empty())) else {
        return Err(AuthError::TokenBadRequest.into());
    };
    let app = tx.app_by_app_id(app_id)?.ok_or(AuthError::TokenBadRequest)?;
    if app.app_secret != secret {
        return Err(AuthError::WrongSecret.into());
    }
    let tenant_live = tx.tenant(app.tenant)?.is_some_and(|t| t.status != TenantStatus::Dissolved);
    if !app.enabled || !tenant_live {
        return Err(AuthError::AppDisabled.into());
    }
    Ok(app)
}

/// Lark's reuse rule: the same tenant token comes back until less than
/// `tenant_token_reuse_min_secs` remain; then a new one is minted and the old one stays valid
/// until it expires.
pub fn issue_tenant_token(tx: &mut dyn Tx, env: &Env, app: &App) -> Result<IssuedToken> {
    let s = &env.settings.auth;
    if let Some(t) = tx.latest_token(app.id, app.tenant, None, TokenKind::Tenant)? {
        let left_ms = t.expires_at.0 - env.now.0;
        if left_ms >= s.tenant_token_reuse_min_secs * 1000 {
            return Ok(IssuedToken { token: t.token, expire_secs: left_ms / 1000 });
        }
    }
    let token = random_token("t-");
    tx.insert_token(&NewToken {
        token: token.clone(),
        kind: TokenKind::Tenant,
        app: app.id,
        tenant: app.tenant,
        user: None,
        created_at: env.now,
        expires_at: env.now.plus_secs(s.tenant_token_ttl_secs),
    })?;
    Ok(IssuedToken { token, expire_secs: s.tenant_token_ttl_secs })
}

/// Mints a user access token and a refresh token for `user` acting through `app`.
pub fn issue_user_tokens(tx: &mut dyn Tx, env: &Env, app: &App, user: &User) -> Result<UserTokens> {
    if user.tenant != app.tenant {
        return Err(AuthError::AppNotInstalled.into());
    }
    if !user.status.is_usable() {
        return Err(AuthError::OAuthUserUnavailable.into());
    }
    let s = &env.settings.auth;
    let mut mint = |prefix: &str, kind: TokenKind, ttl: i64| -> Result<IssuedToken> {
        let token = random_token(prefix);
        tx.insert_token(&NewToken {
            token: token.clone(),
            kind,
            app: app.id,
            tenant: app.tenant,
            user: Some(user.id),
            created_at: env.now,
            expires_at: env.now.plus_secs(ttl),
        })?;
        Ok(IssuedToken { token, expire_secs: ttl })
    };
    let access = mint("u-", TokenKind::User, s.user_token_ttl_secs)?;
    let refresh = mint("ur-", TokenKind::Refresh, s.refresh_token_ttl_secs)?;
    Ok(UserTokens { access, refresh })
}

/// Splits an `Authorization` header value into its bearer token (99991661 when absent).
pub fn bearer(header: Option<&str>) -> Result<&str> {
    let value = header.map(str::trim).unwrap_or("");
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => Ok(token.trim()),
        _ => Err(AuthError::MissingToken.into()),
    }
}

/// Resolves a bearer token to its caller. Tenant tokens: 99991663 when unknown, revoked or
/// expired. User tokens: 99991668 when unknown or revoked, 99991677 when expired, and refused
/// once the user is frozen (saying so), resigned or has left, and for every token of a tenant
/// whose dissolution has taken effect.
pub fn authenticate(tx: &mut dyn Tx, env: &Env, token: &str) -> Result<Caller> {
    let expected = if token.starts_with("t-") {
        TokenKind::Tenant
    } else if token.starts_with("u-") {
        TokenKind::User
    } else {
        return Err(AuthError::MalformedToken.into());
    };
    let invalid = || -> Error {
        if expected == TokenKind::Tenant {
            AuthError::InvalidTenantToken.into()
        } else {
            AuthError::InvalidUserToken.into()
        }
    };
    let Some(t) = tx.token(token)?.filter(|t| t.kind == expected && !t.revoked) else { return Err(invalid()) };
    if t.expires_at <= env.now {
        return Err(if expected == TokenKind::User { AuthError::UserTokenExpired.into() } else { invalid() });
    }
    let Some(app) = tx.app(t.app)?.filter(|a| a.enabled) else { return Err(invalid()) };
    let Some(tenant_live_until) = tenant_live_until(tx, t.tenant, env.now)? else { return Err(invalid()) };
    if let Some(uid) = t.user {
        match tx.user(t.tenant, uid)? {
            Some(u) if u.status.is_usable() => {}
            // Frozen members learn why, and whom to ask (seed 003: they cannot delete themselves).
            Some(u) if u.status.is_frozen && !u.status.is_resigned && !u.status.is_exited => {
                return Err(AuthError::UserFrozen.into());
            }
            _ => return Err(invalid()),
        }
    }
    // A token of a tenant being dissolved stops working when the dissolution takes effect, so a
    // cached caller must not outlive that moment.
    let token_expires_at = t.expires_at.min(tenant_live_until);
    Ok(Caller { app: Arc::new(app), tenant: t.tenant, user: t.user, token: t.kind, token_expires_at })
}

/// Until when the tenant is live, if it is at `now`: a dissolution whose time has come counts as
/// done even before the lifecycle job has carried it out.
fn tenant_live_until(tx: &mut dyn Tx, tenant: TenantId, now: crate::Timestamp) -> Result<Option<crate::Timestamp>> {
    let forever = crate::Timestamp(i64::MAX);
    Ok(tx.tenant(tenant)?.and_then(|t| match t.status {
        TenantStatus::Active => Some(forever),
        TenantStatus::Dissolving => match t.dissolve_at {
            None => Some(forever),
            Some(at) => (at > now).then_some(at),
        },
        TenantStatus::Dissolved => None,
    }))
}
