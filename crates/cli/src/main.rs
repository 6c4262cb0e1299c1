//! `roster`: the one shipped binary. `serve` runs the server; `bench` measures it; `admin`
//! commands talk to a running server over HTTP.

mod admin;
mod bench;
mod serve;

use clap::{Parser, Subcommand};

/// mimalloc instead of the system allocator: a request allocates and frees many small strings
/// and rows, and glibc's malloc/free were ~10% of the server's CPU in `roster bench` profiles.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Roster: a self-hosted, Lark/Feishu-compatible workspace membership server.
///
/// Point the official Lark SDKs (lark-oapi, @larksuiteoapi/node-sdk) at it instead of the cloud,
/// or run your organization on it: members, departments, groups, meetings, invitations.
#[derive(Parser)]
#[command(name = "roster", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the Roster server (SQLite by default; postgres://… selects PostgreSQL).
    Serve(serve::ServeArgs),
    /// Benchmark a fresh Roster over real HTTP and print req/s and p50/p99 per scenario.
    Bench(bench::BenchArgs),
    /// Run an organization on a running Roster: members, invitations, join requests, the audit.
    Admin(admin::AdminArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Admin(args) => admin::run(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("roster: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
