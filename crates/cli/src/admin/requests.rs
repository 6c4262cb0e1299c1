//! `roster admin requests list|approve|reject`.

use super::{Conn, s, table, when, who};
use clap::Subcommand;
use roster_client::Request;
use serde_json::json;

const REQUESTS: &str = "/open-apis/roster/v1/org/join_requests";

#[derive(Subcommand, Debug)]
pub enum RequestsCommand {
    /// List requests to join, newest first.
    List {
        /// pending, approved or rejected (default: all).
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 50)]
        page_size: i64,
        #[arg(long)]
        page_token: Option<String>,
    },
    /// Approve a request; the seat comes from --plan, --seat-group, or Roster's choice.
    Approve {
        request_id: String,
        #[arg(long, conflicts_with = "seat_group")]
        plan: Option<String>,
        #[arg(long)]
        seat_group: Option<String>,
    },
    /// Reject a request; its reserved seat is given back.
    Reject { request_id: String },
}

pub async fn run(conn: &Conn, cmd: RequestsCommand) -> Result<(), String> {
    match cmd {
        RequestsCommand::List { status, page_size, page_token } => {
            let mut req = Request::get(REQUESTS).query("page_size", page_size).query("user_id_type", "user_id");
            if let Some(st) = &status {
                req = req.query("status", st);
            }
            if let Some(t) = &page_token {
                req = req.query("page_token", t);
            }
            let data = conn.call(req).await?;
            conn.show(&data, |d| {
                let rows: Vec<Vec<String>> = d["items"]
                    .as_array()
                    .map(|items| {
                        items
                            .iter()
                            .map(|r| {
                                let contact = r["email"].as_str().or(r["mobile"].as_str()).unwrap_or("-");
                                let decided = r.get("decided_by").map(who).unwrap_or_else(|| "-".into());
                                vec![
                                    s(r, "request_id").into(),
                                    s(r, "name").into(),
                                    contact.into(),
                                    s(r, "via").into(),
                                    s(r, "status").into(),
                                    when(s(r, "create_time")),
                                    decided,
                                ]
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                table::print(&["ID", "NAME", "CONTACT", "VIA", "STATUS", "FILED", "DECIDED BY"], &rows);
                table::more(d);
            });
            Ok(())
        }
        RequestsCommand::Approve { request_id, plan, seat_group } => {
            let body = match (plan, seat_group) {
                (Some(p), _) => json!({"plan_id": p}),
                (_, Some(g)) => json!({"seat_group_id": g}),
                _ => json!({}),
            };
            let path = format!("{REQUESTS}/{request_id}/approve");
            let data = conn.call(Request::post(&path).query("user_id_type", "user_id").json(body)).await?;
            conn.show(&data, |d| println!("approved {}: {} joined as {}", request_id, s(d, "name"), s(d, "user_id")));
            Ok(())
        }
        RequestsCommand::Reject { request_id } => {
            let data = conn.call(Request::post(&format!("{REQUESTS}/{request_id}/reject"))).await?;
            conn.show(&data, |d| println!("rejected {}: {}", request_id, s(d, "name")));
            Ok(())
        }
    }
}
