//! The HTTP API test binary: every test spawns Roster on port 0 over a fresh database and talks
//! to it through `roster-client`. Modules by area.

mod harness;

mod auth;
mod chats;
mod contact;
mod departments;
mod emulator;
mod envelope;
mod events;
mod foundation_auth;
mod lifecycle;
mod malformed;
mod meetings;
mod orgs;
mod orgs_errors;
mod tenancy;
