//! The wire contract of Roster: Lark-shaped request and response types, the `{code,msg,data}`
//! envelope, the table of error codes and the event payloads. No logic and no I/O live here.

pub mod auth;
pub mod chat_admin;
pub mod codes;
pub mod contact;
pub mod de;
pub mod emulator;
pub mod envelope;
pub mod events;
pub mod im;
pub mod lifecycle;
pub mod org;
pub mod vc;

pub use codes::ErrorCode;
pub use envelope::{Envelope, ErrorBody, ErrorDetail};
