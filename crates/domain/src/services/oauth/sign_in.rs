//! Signing in on the login page: which of an account's memberships it may enter through the app,
//! the tenant choice when the account belongs to several tenants, and the authorization code that
//! ends the step. The password itself is checked before (argon2 is slow; it runs outside the
//! write transaction), with `accounts::verify_password`.

use crate::error::{AuthError, Result};
use crate::ids::AccountId;
use crate::model::{AccountStatus, App, NewAuthorizationCode, NewSignInTicket, Tenant, TenantStatus, User};
use crate::services::auth::random_token;
use crate::services::oauth::authorize::{Client, Grant};
use crate::services::{Env, accounts};
use crate::store::Tx;

/// How one membership of the account stands for this sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Not frozen, resigned or exited, in a tenant that is not dissolved.
    pub usable: bool,
    /// The app belongs to this membership's tenant.
    pub app_lives_here: bool,
}

/// What the login page does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Sign in to the membership at this index.
    Grant(usize),
    /// The account belongs to several tenants: show the choice.
    Choose,
    Refuse(AuthError),
}

/// The rule: the account signs in to a usable membership in a tenant where the app lives; when it
/// belongs to several tenants it chooses; frozen or departed members are refused (20010), and so
/// is an account none of whose tenants has the app.
pub fn decide(standings: &[Standing]) -> Decision {
    let eligible: Vec<usize> =
        (0..standings.len()).filter(|&i| standings[i].usable && standings[i].app_lives_here).collect();
    if eligible.is_empty() {
        return if standings.iter().any(|s| s.app_lives_here) {
            Decision::Refuse(AuthError::OAuthUserUnavailable)
        } else {
            Decision::Refuse(AuthError::SignInNoTenant)
        };
    }
    if standings.iter().filter(|s| s.usable).count() > 1 { Decision::Choose } else { Decision::Grant(eligible[0]) }
}

/// One of the account's memberships, with its tenant.
#[derive(Debug, Clone)]
pub struct Membership {
    pub user: User,
    pub tenant: Tenant,
    pub standing: Standing,
}

/// A line of the tenant choice: members choose among the `offered` ones.
#[derive(Debug, Clone, PartialEq)]
pub struct TenantChoice {
    pub tenant_key: String,
    pub tenant_name: String,
    pub user_name: String,
    pub offered: bool,
}

/// An authorization code ready to travel back to the app.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuedCode {
    pub code: String,
    pub user: User,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SignIn {
    Granted(Box<IssuedCode>),
    /// Show the tenant choice; the ticket carries the signed-in account to the next step.
    Choose {
        ticket: String,
        choices: Vec<TenantChoice>,
    },
}

/// The account's memberships and how each stands for `app`. Memberships of vanished tenants
/// are left out. A deleted account has none.
pub fn memberships(tx: &mut dyn Tx, app: &App, account: AccountId) -> Result<Vec<Membership>> {
    let active = tx.account(account)?.is_some_and(|a| a.status == AccountStatus::Active);
    if !active {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for user in tx.users_of_account(account)? {
        let Some(tenant) = tx.tenant(user.tenant)? else { continue };
        let usable = user.status.is_usable() && tenant.status != TenantStatus::Dissolved;
        let standing = Standing { usable, app_lives_here: app.tenant == tenant.id };
        out.push(Membership { user, tenant, standing });
    }
    out.sort_by(|a, b| a.tenant.name.cmp(&b.tenant.name).then(a.user.id.cmp(&b.user.id)));
    Ok(out)
}

fn choices(ms: &[Membership]) -> Vec<TenantChoice> {
    ms.iter()
        .filter(|m| m.standing.usable)
        .map(|m| TenantChoice {
            tenant_key: m.tenant.tenant_key.clone(),
            tenant_name: m.tenant.name.clone(),
            user_name: m.user.name.clone(),
            offered: m.standing.app_lives_here,
        })
        .collect()
}

/// The sign-in step, for an account whose password was just verified.
pub fn sign_in(tx: &mut dyn Tx, env: &Env, client: &Client, grant: &Grant, account: AccountId) -> Result<SignIn> {
    let ms = memberships(tx, &client.app, account)?;
    let standings: Vec<Standing> = ms.iter().map(|m| m.standing).collect();
    match decide(&standings) {
        Decision::Refuse(e) => Err(e.into()),
        Decision::Grant(i) => issue_code(tx, env, client, grant, &ms[i].user).map(|c| SignIn::Granted(Box::new(c))),
        Decision::Choose => {
            let ticket = random_token("");
            tx.insert_sign_in_ticket(&NewSignInTicket {
                ticket: ticket.clone(),
                account,
                app: client.app.id,
                created_at: env.now,
                expires_at: env.now.plus_secs(env.settings.auth.sign_in_ticket_ttl_secs),
            })?;
            Ok(SignIn::Choose { ticket, choices: choices(&ms) })
        }
    }
}

/// The choices of a ticket still open for `app` (to show the page again).
pub fn ticket_choices(tx: &mut dyn Tx, env: &Env, app: &App, ticket: &str) -> Result<Vec<TenantChoice>> {
    let t = tx.sign_in_ticket(ticket)?;
    let t = t.filter(|t| t.app == app.id && t.used_at.is_none() && t.expires_at > env.now);
    let Some(t) = t else { return Err(AuthError::SignInExpired.into()) };
    Ok(choices(&memberships(tx, app, t.account)?))
}

/// The tenant-choice step: the ticket (single use, short-lived, bound to the app) and a tenant
/// where the app lives and the account is a usable member.
pub fn choose_tenant(
    tx: &mut dyn Tx,
    env: &Env,
    client: &Client,
    grant: &Grant,
    ticket: &str,
    tenant_key: &str,
) -> Result<IssuedCode> {
    let t = tx.sign_in_ticket(ticket)?;
    let t = t.filter(|t| t.app == client.app.id && t.used_at.is_none() && t.expires_at > env.now);
    let Some(t) = t else { return Err(AuthError::SignInExpired.into()) };
    let ms = memberships(tx, &client.app, t.account)?;
    let chosen = ms.iter().find(|m| m.tenant.tenant_key == tenant_key);
    let Some(m) = chosen.filter(|m| m.standing.usable && m.standing.app_lives_here) else {
        return Err(AuthError::SignInTenantNotOffered.into());
    };
    if !tx.use_sign_in_ticket(ticket, env.now)? {
        return Err(AuthError::SignInExpired.into());
    }
    issue_code(tx, env, client, grant, &m.user)
}

/// Records the sign-in and mints the code: single use, bound to the app, the redirect URI, the
/// scope and the PKCE challenge, valid `oauth_code_ttl_secs` on the injected clock. Codes and
/// tickets that expired a day ago are purged on the way.
fn issue_code(tx: &mut dyn Tx, env: &Env, client: &Client, grant: &Grant, user: &User) -> Result<IssuedCode> {
    tx.purge_oauth(env.now.plus_secs(-86_400))?;
    let user = accounts::mark_signed_in(tx, env, user)?;
    let code = random_token("");
    tx.insert_oauth_code(&NewAuthorizationCode {
        code: code.clone(),
        app: client.app.id,
        tenant: user.tenant,
        user: user.id,
        redirect_uri: client.redirect_uri.clone(),
        scope: grant.scope.clone(),
        pkce: grant.pkce.clone(),
        created_at: env.now,
        expires_at: env.now.plus_secs(env.settings.auth.oauth_code_ttl_secs),
    })?;
    Ok(IssuedCode { code, user })
}

/// Whether `e` is one the login page shows as a sign-in problem (rather than a broken request).
pub fn is_sign_in_refusal(e: &AuthError) -> bool {
    matches!(
        e,
        AuthError::BadCredentials
            | AuthError::OAuthUserUnavailable
            | AuthError::SignInNoTenant
            | AuthError::SignInTenantNotOffered
            | AuthError::SignInExpired
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: Standing = Standing { usable: true, app_lives_here: true };
    const ELSEWHERE: Standing = Standing { usable: true, app_lives_here: false };
    const FROZEN_HERE: Standing = Standing { usable: false, app_lives_here: true };
    const FROZEN_ELSEWHERE: Standing = Standing { usable: false, app_lives_here: false };

    #[test]
    fn decisions() {
        let cases: &[(&[Standing], Decision)] = &[
            (&[HERE], Decision::Grant(0)),
            (&[FROZEN_ELSEWHERE, HERE], Decision::Grant(1)),
            (&[HERE, ELSEWHERE], Decision::Choose),
            (&[ELSEWHERE, HERE], Decision::Choose),
            (&[HERE, HERE], Decision::Choose),
            (&[FROZEN_HERE], Decision::Refuse(AuthError::OAuthUserUnavailable)),
            (&[FROZEN_HERE, ELSEWHERE], Decision::Refuse(AuthError::OAuthUserUnavailable)),
            (&[ELSEWHERE], Decision::Refuse(AuthError::SignInNoTenant)),
            (&[FROZEN_ELSEWHERE], Decision::Refuse(AuthError::SignInNoTenant)),
            (&[], Decision::Refuse(AuthError::SignInNoTenant)),
        ];
        for (standings, want) in cases {
            assert_eq!(&decide(standings), want, "{standings:?}");
        }
    }
}
