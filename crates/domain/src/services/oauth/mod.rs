//! OAuth's authorization-code flow (spec §2.3): the authorize step and its login page, the
//! sign-in and tenant choice, and the token step with its two grants. Handlers in
//! `server::api::oauth` drive these use-cases; the rules that need no store are pure functions
//! with table tests (`pkce`, `scope`, `authorize::check_redirect_uri`, `sign_in::decide`).

pub mod authorize;
pub mod exchange;
pub mod pkce;
pub mod scope;
pub mod sign_in;
