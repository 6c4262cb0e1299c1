//! The use-cases. Each is a function over one transaction (`&mut dyn Tx`), the request
//! environment ([`Env`]) and the caller ([`Caller`]); handlers run them through `Db::read`/`write`.
//! Rules that can be decided from data alone live in pure functions next to them.

pub mod accounts;
pub mod auth;
pub mod chats;
pub mod demo;
pub mod departments;
pub mod events;
pub mod ids;
pub mod lifecycle;
pub mod meetings;
pub mod oauth;
pub mod orgs;
pub mod tenancy;
pub mod users;

mod env;
pub use env::{Caller, Env};
