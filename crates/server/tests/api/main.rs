//! The HTTP API test binary: every test spawns Roster on port 0 over a fresh database and talks
//! to it through `roster-client`. Modules by area.

mod harness;

mod auth;
mod emulator;
mod envelope;
mod foundation_auth;
mod meetings;
mod tenancy;
