//! SQL for the auth area (OAuthRepo): authorization codes, sign-in tickets, refresh-token scopes
//! and the single-use claim on a token.

use super::{Row, SqlTx, p};
use roster_domain::clock::Timestamp;
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AccountId, AppId, TenantId, UserId};
use roster_domain::model::{
    AuthorizationCode, NewAuthorizationCode, NewSignInTicket, PkceChallenge, PkceMethod, SignInTicket,
};
use roster_domain::store::OAuthRepo;

fn code_row(r: Row<'_>) -> Result<AuthorizationCode, StoreError> {
    let pkce = match (r.opt_text(6)?, r.opt_text(7)?) {
        (Some(challenge), Some(method)) => {
            let method = PkceMethod::parse(&method)
                .ok_or_else(|| StoreError::Other(format!("unknown PKCE method {method:?} in store")))?;
            Some(PkceChallenge { method, challenge })
        }
        _ => None,
    };
    Ok(AuthorizationCode {
        code: r.text(0)?,
        app: AppId(r.i64(1)?),
        tenant: TenantId(r.i64(2)?),
        user: UserId(r.i64(3)?),
        redirect_uri: r.text(4)?,
        scope: r.text(5)?,
        pkce,
        created_at: r.ts(8)?,
        expires_at: r.ts(9)?,
        used_at: r.opt_ts(10)?,
    })
}

fn ticket_row(r: Row<'_>) -> Result<SignInTicket, StoreError> {
    Ok(SignInTicket {
        ticket: r.text(0)?,
        account: AccountId(r.i64(1)?),
        app: AppId(r.i64(2)?),
        created_at: r.ts(3)?,
        expires_at: r.ts(4)?,
        used_at: r.opt_ts(5)?,
    })
}

impl OAuthRepo for SqlTx<'_> {
    fn insert_oauth_code(&mut self, c: &NewAuthorizationCode) -> Result<()> {
        let (challenge, method) = match &c.pkce {
            Some(p) => (Some(p.challenge.as_str()), Some(p.method.as_str())),
            None => (None, None),
        };
        self.exec(
            "INSERT INTO oauth_codes (code, app_id, tenant_id, user_id, redirect_uri, scope, code_challenge, \
             code_challenge_method, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)",
            p![
                &c.code,
                c.app.0,
                c.tenant.0,
                c.user.0,
                &c.redirect_uri,
                &c.scope,
                challenge,
                method,
                c.created_at,
                c.expires_at
            ],
        )?;
        Ok(())
    }

    fn oauth_code(&mut self, code: &str) -> Result<Option<AuthorizationCode>> {
        self.one(
            "SELECT code, app_id, tenant_id, user_id, redirect_uri, scope, code_challenge, code_challenge_method, \
             created_at, expires_at, used_at FROM oauth_codes WHERE code = $1",
            p![code],
            code_row,
        )
    }

    fn use_oauth_code(&mut self, code: &str, now: Timestamp) -> Result<bool> {
        let n = self.exec("UPDATE oauth_codes SET used_at = $2 WHERE code = $1 AND used_at IS NULL", p![code, now])?;
        Ok(n == 1)
    }

    fn insert_sign_in_ticket(&mut self, t: &NewSignInTicket) -> Result<()> {
        self.exec(
            "INSERT INTO oauth_sign_in_tickets (ticket, account_id, app_id, created_at, expires_at, used_at) \
             VALUES ($1, $2, $3, $4, $5, NULL)",
            p![&t.ticket, t.account.0, t.app.0, t.created_at, t.expires_at],
        )?;
        Ok(())
    }

    fn sign_in_ticket(&mut self, ticket: &str) -> Result<Option<SignInTicket>> {
        self.one(
            "SELECT ticket, account_id, app_id, created_at, expires_at, used_at FROM oauth_sign_in_tickets \
             WHERE ticket = $1",
            p![ticket],
            ticket_row,
        )
    }

    fn use_sign_in_ticket(&mut self, ticket: &str, now: Timestamp) -> Result<bool> {
        let n = self.exec(
            "UPDATE oauth_sign_in_tickets SET used_at = $2 WHERE ticket = $1 AND used_at IS NULL",
            p![ticket, now],
        )?;
        Ok(n == 1)
    }

    fn purge_oauth(&mut self, before: Timestamp) -> Result<u64> {
        let codes = self.exec("DELETE FROM oauth_codes WHERE expires_at < $1", p![before])?;
        let tickets = self.exec("DELETE FROM oauth_sign_in_tickets WHERE expires_at < $1", p![before])?;
        Ok(codes + tickets)
    }

    fn set_token_scope(&mut self, token: &str, scope: &str) -> Result<()> {
        self.exec(
            "INSERT INTO oauth_token_scopes (token, scope) VALUES ($1, $2) \
             ON CONFLICT (token) DO UPDATE SET scope = excluded.scope",
            p![token, scope],
        )?;
        Ok(())
    }

    fn token_scope(&mut self, token: &str) -> Result<Option<String>> {
        self.one("SELECT scope FROM oauth_token_scopes WHERE token = $1", p![token], |r| r.text(0))
    }

    fn delete_token_scope(&mut self, token: &str) -> Result<()> {
        self.exec("DELETE FROM oauth_token_scopes WHERE token = $1", p![token])?;
        Ok(())
    }

    fn claim_token(&mut self, token: &str) -> Result<bool> {
        let n = self.exec("UPDATE access_tokens SET revoked = 1 WHERE token = $1 AND revoked = 0", p![token])?;
        Ok(n == 1)
    }
}
