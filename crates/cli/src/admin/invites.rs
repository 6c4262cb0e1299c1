//! `roster admin invites create|list|revoke|qr`.

use super::members::strip_nulls;
use super::{Conn, check, s, table, when, who};
use clap::{Args, Subcommand};
use roster_client::Request;
use serde_json::{Value, json};

const INVITES: &str = "/open-apis/roster/v1/org/invitations";

#[derive(Subcommand, Debug)]
pub enum InvitesCommand {
    /// Create a shareable link (and code), or an email/SMS invitation with --email/--mobile.
    Create(CreateArgs),
    /// List invitations, newest first.
    List {
        /// Only those that can still be redeemed.
        #[arg(long)]
        active: bool,
        #[arg(long, default_value_t = 50)]
        page_size: i64,
        #[arg(long)]
        page_token: Option<String>,
    },
    /// Revoke an invitation: it stops working at once.
    Revoke { invitation_id: String },
    /// The QR code of an invitation's link.
    Qr {
        invitation_id: String,
        #[arg(long, default_value = "svg", value_parser = ["svg", "png"])]
        format: String,
        /// Write to this file (default: standard output).
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// 7d, 30d, never, or custom (with --expire-time).
    #[arg(long, default_value = "7d", value_parser = ["7d", "30d", "never", "custom"])]
    pub expiry: String,
    /// Unix seconds, with --expiry custom.
    #[arg(long)]
    pub expire_time: Option<i64>,
    #[arg(long)]
    pub max_uses: Option<i64>,
    /// Only emails of this domain may redeem (repeat for several).
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// Newcomers join this department (a department_id).
    #[arg(long)]
    pub department: Option<String>,
    /// Require an admin's approval (mandatory on several plans).
    #[arg(long, conflicts_with = "no_approval")]
    pub approval: bool,
    #[arg(long)]
    pub no_approval: bool,
    /// Invite this email address …
    #[arg(long, conflicts_with = "mobile")]
    pub email: Option<String>,
    /// … or this phone number.
    #[arg(long)]
    pub mobile: Option<String>,
    /// The invitee's name, for the message.
    #[arg(long)]
    pub name: Option<String>,
}

fn row(i: &Value) -> Vec<String> {
    let expires = i["expire_time"].as_str().map(when).unwrap_or_else(|| "never".into());
    let uses = match i["max_uses"].as_i64() {
        Some(m) => format!("{}/{m}", i["uses"]),
        None => i["uses"].to_string(),
    };
    let to = i["invitee"]["email"].as_str().or(i["invitee"]["mobile"].as_str()).unwrap_or("-");
    vec![
        s(i, "invitation_id").into(),
        s(i, "code").into(),
        s(i, "kind").into(),
        s(i, "state").into(),
        expires,
        uses,
        if i["require_approval"].as_bool() == Some(true) { "yes".into() } else { "no".into() },
        to.into(),
        who(&i["creator"]),
    ]
}

const HEADER: [&str; 9] = ["ID", "CODE", "KIND", "STATE", "EXPIRES", "USES", "APPROVAL", "TO", "CREATED BY"];

pub async fn run(conn: &Conn, cmd: InvitesCommand) -> Result<(), String> {
    match cmd {
        InvitesCommand::Create(c) => {
            let invitee = match (&c.email, &c.mobile) {
                (None, None) => None,
                _ => Some(strip_nulls(json!({"email": c.email, "mobile": c.mobile, "name": c.name}))),
            };
            let approval = if c.approval {
                Some(true)
            } else if c.no_approval {
                Some(false)
            } else {
                None
            };
            let body = strip_nulls(json!({
                "expiry": c.expiry,
                "expire_time": c.expire_time,
                "max_uses": c.max_uses,
                "allowed_email_domains": (!c.domains.is_empty()).then_some(&c.domains),
                "department_id": c.department,
                "require_approval": approval,
                "invitee": invitee,
            }));
            let req = Request::post(INVITES)
                .query("department_id_type", "department_id")
                .query("user_id_type", "user_id")
                .json(body);
            let data = conn.call(req).await?;
            conn.show(&data, |d| {
                let i = &d["invitation"];
                println!("invitation {} ({})", s(i, "invitation_id"), s(i, "kind"));
                println!("code: {}", s(i, "code"));
                println!("link: {}", s(i, "link"));
                let expires = i["expire_time"].as_str().map(when).unwrap_or_else(|| "never".into());
                println!("expires: {expires}; approval required: {}", i["require_approval"]);
            });
            Ok(())
        }
        InvitesCommand::List { active, page_size, page_token } => {
            let mut req = Request::get(INVITES)
                .query("page_size", page_size)
                .query("active_only", active)
                .query("user_id_type", "user_id");
            if let Some(t) = &page_token {
                req = req.query("page_token", t);
            }
            let data = conn.call(req).await?;
            conn.show(&data, |d| {
                let rows: Vec<Vec<String>> =
                    d["items"].as_array().map(|items| items.iter().map(row).collect()).unwrap_or_default();
                table::print(&HEADER, &rows);
                table::more(d);
            });
            Ok(())
        }
        InvitesCommand::Revoke { invitation_id } => {
            let data = conn.call(Request::post(&format!("{INVITES}/{invitation_id}/revoke"))).await?;
            conn.show(&data, |d| println!("revoked invitation {} ({})", invitation_id, s(&d["invitation"], "code")));
            Ok(())
        }
        InvitesCommand::Qr { invitation_id, format, output } => {
            let path = format!("{INVITES}/{invitation_id}/qr");
            let mut req = Request::get(&path).query("format", &format);
            if let Some(t) = &conn.token {
                req = req.token(t.clone());
            }
            let (status, kind, bytes) = conn.client.send_bytes(req).await.map_err(|e| e.0)?;
            if !kind.as_deref().is_some_and(|k| k.starts_with("image/")) {
                let body: Value = serde_json::from_slice(&bytes).map_err(|_| format!("HTTP {status}: not an image"))?;
                let r = roster_client::ApiResponse { status, log_id: None, content_type: kind, body };
                check(&r)?;
                return Err(format!("HTTP {status}: not an image"));
            }
            match output {
                Some(file) => {
                    std::fs::write(&file, &bytes).map_err(|e| format!("writing {}: {e}", file.display()))?;
                    eprintln!("wrote {} ({} bytes)", file.display(), bytes.len());
                }
                None => {
                    use std::io::Write;
                    std::io::stdout().write_all(&bytes).map_err(|e| e.to_string())?;
                }
            }
            Ok(())
        }
    }
}
