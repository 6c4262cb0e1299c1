//! `roster admin …`: organization administration against a running Roster over HTTP, through
//! Roster's own API (`/open-apis/roster/v1/org/…`): members, invitations, requests, the audit,
//! and the organization's dissolution. Tables for people, `--json` for scripts.
//!
//! An admin authenticates as one of two things:
//! - a member, with `--token u-…` (a user access token: from OAuth sign-in, or on a `--demo`
//!   server from `POST /_roster/v1/user_access_token`); the audit records that member;
//! - an app, with `--app-id cli_… --app-secret …` (a tenant access token is fetched): apps act
//!   for the organization's admins, and the audit records the app.

mod audit;
mod invites;
mod members;
mod org;
mod requests;
mod table;

use clap::{Args, Subcommand};
use roster_client::{ApiResponse, Client, Request};
use serde_json::Value;

#[derive(Args, Debug)]
pub struct AdminArgs {
    /// The Roster server.
    #[arg(long, env = "ROSTER_URL", default_value = "http://127.0.0.1:8080", global = true)]
    pub url: String,
    /// Act as the member whose user access token (u-…) this is.
    #[arg(long, env = "ROSTER_TOKEN", global = true)]
    pub token: Option<String>,
    /// Act as this app (with --app-secret): a tenant access token is fetched. A --token wins.
    #[arg(long, env = "ROSTER_APP_ID", global = true)]
    pub app_id: Option<String>,
    #[arg(long, env = "ROSTER_APP_SECRET", global = true, hide_env_values = true)]
    pub app_secret: Option<String>,
    /// Print the API's JSON `data` instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Add, list and remind members.
    #[command(subcommand)]
    Members(members::MembersCommand),
    /// Create, list and revoke invitations, and get their QR codes.
    #[command(subcommand)]
    Invites(invites::InvitesCommand),
    /// List, approve and reject requests to join.
    #[command(subcommand)]
    Requests(requests::RequestsCommand),
    /// The membership audit; with --member, who added that member.
    Audit(audit::AuditArgs),
    /// The organization's dissolution (its creator) and departed members' records.
    #[command(subcommand)]
    Org(org::OrgCommand),
}

/// A connection to the server as the chosen admin.
pub struct Conn {
    pub client: Client,
    pub token: Option<String>,
    pub json: bool,
}

impl Conn {
    /// Sends `req` (with the admin's credentials) and returns `data`, or the server's error.
    pub async fn call(&self, req: Request<'_>) -> Result<Value, String> {
        let req = match &self.token {
            Some(t) => req.token(t.clone()),
            None => req,
        };
        let r = self.client.send(req).await.map_err(|e| e.0)?;
        check(&r)?;
        Ok(r.data().clone())
    }

    /// Prints `data` as JSON when `--json`, else runs `table`.
    pub fn show(&self, data: &Value, table: impl FnOnce(&Value)) {
        if self.json {
            println!("{}", serde_json::to_string_pretty(data).unwrap_or_default());
        } else {
            table(data);
        }
    }
}

/// An error envelope as a one-line message.
pub fn check(r: &ApiResponse) -> Result<(), String> {
    if r.code() == 0 { Ok(()) } else { Err(format!("HTTP {} code {}: {}", r.status, r.code(), r.msg())) }
}

pub fn run(args: AdminArgs) -> Result<(), String> {
    let given = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let token = given(&args.token);
    let client = match (&token, given(&args.app_id), given(&args.app_secret)) {
        (Some(_), _, _) => Client::new(&args.url),
        (None, Some(id), Some(secret)) => Client::new(&args.url).with_app(id, secret),
        _ => {
            return Err(
                "authenticate with --token u-… (a member) or --app-id and --app-secret (an app); see `roster admin --help`"
                    .into(),
            );
        }
    };
    let conn = Conn { client, token, json: args.json };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        match args.command {
            AdminCommand::Members(c) => members::run(&conn, c).await,
            AdminCommand::Invites(c) => invites::run(&conn, c).await,
            AdminCommand::Requests(c) => requests::run(&conn, c).await,
            AdminCommand::Audit(a) => audit::run(&conn, a).await,
            AdminCommand::Org(c) => org::run(&conn, c).await,
        }
    })
}

/// A string field of a JSON object, or `-`.
pub fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or("-")
}

/// `name (id)` of an operator object.
pub fn who(op: &Value) -> String {
    match (s(op, "name"), s(op, "id")) {
        (n, "-") => format!("{n} [{}]", s(op, "type")),
        (n, id) => format!("{n} ({id}) [{}]", s(op, "type")),
    }
}

/// A Unix-seconds string as `YYYY-MM-DD HH:MM UTC`.
pub fn when(secs: &str) -> String {
    let Ok(t) = secs.parse::<i64>() else { return secs.to_owned() };
    let (days, rem) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    // Civil date from days since the epoch (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02} UTC", rem / 3600, rem % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::when("0"), "1970-01-01 00:00 UTC");
        assert_eq!(super::when("1700000000"), "2023-11-14 22:13 UTC");
        assert_eq!(super::when("x"), "x");
    }
}
