//! `roster admin audit`: the membership audit, and with `--member`, who added that member.

use super::{Conn, s, table, when, who};
use clap::Args;
use roster_client::Request;
use serde_json::Value;

#[derive(Args, Debug)]
pub struct AuditArgs {
    /// Who added this member (a user_id), and everything about them.
    #[arg(long)]
    pub member: Option<String>,
    /// Only this action: add, invite, join, request, approve, reject, remind, revoke, accept, grant_admin.
    #[arg(long)]
    pub action: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub page_size: i64,
    #[arg(long)]
    pub page_token: Option<String>,
}

fn rows(items: &Value) -> Vec<Vec<String>> {
    items
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|e| {
                    let member = e.get("member").map(who).unwrap_or_else(|| "-".into());
                    vec![
                        when(s(e, "create_time")),
                        s(e, "action").into(),
                        who(&e["operator"]),
                        s(e, "channel").into(),
                        member,
                        s(e, "detail").into(),
                    ]
                })
                .collect()
        })
        .unwrap_or_default()
}

const HEADER: [&str; 6] = ["TIME", "ACTION", "BY", "CHANNEL", "MEMBER", "DETAIL"];

pub async fn run(conn: &Conn, a: AuditArgs) -> Result<(), String> {
    if let Some(member) = &a.member {
        let path = format!("/open-apis/roster/v1/org/members/{member}/origin");
        let data = conn.call(Request::get(&path).query("user_id_type", "user_id")).await?;
        conn.show(&data, |d| {
            match (d["how"].as_str(), d.get("added_by")) {
                (Some("add"), Some(by)) => println!(
                    "{member} was added by {} on {}, invited by {}",
                    who(by),
                    when(s(d, "time")),
                    s(d, "channel")
                ),
                (Some("join"), Some(by)) => println!(
                    "{member} joined on {} through an invitation by {} (via {})",
                    when(s(d, "time")),
                    who(by),
                    s(d, "channel")
                ),
                (Some("approve"), by) => println!(
                    "{member} joined on {} when {} approved their request (invited by {}, via {})",
                    when(s(d, "time")),
                    d.get("approved_by").map(who).unwrap_or_else(|| "-".into()),
                    by.map(who).unwrap_or_else(|| "-".into()),
                    s(d, "channel")
                ),
                _ => println!("{member} predates the audit (seeded, or the organization's creator)"),
            }
            table::print(&HEADER, &rows(&d["history"]));
        });
        return Ok(());
    }
    let mut req =
        Request::get("/open-apis/roster/v1/org/audit").query("page_size", a.page_size).query("user_id_type", "user_id");
    if let Some(x) = &a.action {
        req = req.query("action", x);
    }
    if let Some(t) = &a.page_token {
        req = req.query("page_token", t);
    }
    let data = conn.call(req).await?;
    conn.show(&data, |d| {
        table::print(&HEADER, &rows(&d["items"]));
        table::more(d);
    });
    Ok(())
}
