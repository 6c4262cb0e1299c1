//! Repository of OAuth's records: authorization codes, sign-in tickets, the scope granted with
//! each refresh token, and the single-use claim on a token.

use crate::clock::Timestamp;
use crate::error::Result;
use crate::model::{AuthorizationCode, NewAuthorizationCode, NewSignInTicket, SignInTicket};

pub trait OAuthRepo {
    fn insert_oauth_code(&mut self, c: &NewAuthorizationCode) -> Result<()>;
    fn oauth_code(&mut self, code: &str) -> Result<Option<AuthorizationCode>>;
    /// Marks the code used at `now` unless it already is; true when this call used it (so two
    /// concurrent exchanges of one code cannot both succeed).
    fn use_oauth_code(&mut self, code: &str, now: Timestamp) -> Result<bool>;

    fn insert_sign_in_ticket(&mut self, t: &NewSignInTicket) -> Result<()>;
    fn sign_in_ticket(&mut self, ticket: &str) -> Result<Option<SignInTicket>>;
    /// Marks the ticket used at `now` unless it already is; true when this call used it.
    fn use_sign_in_ticket(&mut self, ticket: &str, now: Timestamp) -> Result<bool>;

    /// Deletes codes and tickets that expired before `before`; returns how many.
    fn purge_oauth(&mut self, before: Timestamp) -> Result<u64>;

    /// Records the scope granted with a (refresh) token.
    fn set_token_scope(&mut self, token: &str, scope: &str) -> Result<()>;
    fn token_scope(&mut self, token: &str) -> Result<Option<String>>;
    fn delete_token_scope(&mut self, token: &str) -> Result<()>;

    /// Revokes the token if it is still unrevoked; true when this call revoked it. Refresh tokens
    /// are single use: the exchange that wins this claim is the only one that succeeds.
    fn claim_token(&mut self, token: &str) -> Result<bool>;
}
