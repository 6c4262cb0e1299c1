//! The Roster server: an axum app speaking Lark's Open API over Roster's domain and store, with
//! the emulator under `/_roster/v1/…` when run with `--demo`.
//!
//! Start-up is [`build`] (open and migrate the store, seed the demo, assemble the router), then
//! [`run`] on a listener that is already bound, so callers never sleep waiting for readiness.

mod api;
pub mod config;
mod emulator;
mod events;
mod http;
mod jobs;
mod startup;
mod state;

pub use config::Config;
/// The long connection's pbbp2 frame, for Rust clients of it (the bench's receiver).
pub use events::longconn::frame as longconn_frame;
pub use jobs::background::Background;
pub use startup::{Roster, StartError, build, run};
pub use state::AppState;
