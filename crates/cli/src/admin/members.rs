//! `roster admin members add|list|remind`.

use super::{Conn, s, table, when};
use clap::{Args, Subcommand};
use roster_client::Request;
use serde_json::{Value, json};

const MEMBERS: &str = "/open-apis/roster/v1/org/members";

#[derive(Subcommand, Debug)]
pub enum MembersCommand {
    /// Add a member; they get an invitation (and, on a paid plan, a seat).
    Add(Box<AddArgs>),
    /// List members with their status (invited, inactive, active, …) and seat.
    List(ListArgs),
    /// Send a member who has not signed in their invitation again.
    Remind {
        /// The member, in --user-id-type.
        user_id: String,
        #[arg(long, default_value = "user_id")]
        user_id_type: String,
    },
}

#[derive(Args, Debug)]
pub struct AddArgs {
    #[arg(long)]
    pub name: String,
    /// A department (repeat for several), in --department-id-type; `0` is the root.
    #[arg(long = "department", required = true)]
    pub departments: Vec<String>,
    #[arg(long, default_value = "department_id")]
    pub department_id_type: String,
    /// Workforce type: 1 regular, 2 intern, 3 outsourcing, 4 contractor, 5 consultant.
    #[arg(long, default_value_t = 1)]
    pub employee_type: i64,
    /// business (name@<mail domain>, with a password), work (their work email) or skip (mobile).
    #[arg(long = "login-email", value_parser = ["business", "work", "skip"])]
    pub login_email: String,
    /// The part before @ of the business email (default: from the name).
    #[arg(long)]
    pub prefix: Option<String>,
    #[arg(long)]
    pub work_email: Option<String>,
    #[arg(long)]
    pub mobile: Option<String>,
    /// The business-email password (default: generated and shown once).
    #[arg(long)]
    pub password: Option<String>,
    #[arg(long)]
    pub user_id: Option<String>,
    /// Take the seat from this plan …
    #[arg(long, conflicts_with = "seat_group")]
    pub plan: Option<String>,
    /// … or through this seat group.
    #[arg(long)]
    pub seat_group: Option<String>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[arg(long, default_value_t = 50)]
    pub page_size: i64,
    #[arg(long)]
    pub page_token: Option<String>,
    #[arg(long, default_value = "user_id")]
    pub user_id_type: String,
}

pub async fn run(conn: &Conn, cmd: MembersCommand) -> Result<(), String> {
    match cmd {
        MembersCommand::Add(a) => add(conn, *a).await,
        MembersCommand::List(l) => {
            let mut req = Request::get(MEMBERS).query("page_size", l.page_size).query("user_id_type", &l.user_id_type);
            if let Some(t) = &l.page_token {
                req = req.query("page_token", t);
            }
            let data = conn.call(req).await?;
            conn.show(&data, |d| {
                let rows: Vec<Vec<String>> =
                    d["items"].as_array().map(|items| items.iter().map(row).collect()).unwrap_or_default();
                table::print(&["USER_ID", "NAME", "STATUS", "SEAT", "EMAIL", "MOBILE"], &rows);
                table::more(d);
            });
            Ok(())
        }
        MembersCommand::Remind { user_id, user_id_type } => {
            let path = format!("{MEMBERS}/{user_id}/remind");
            let data = conn.call(Request::post(&path).query("user_id_type", &user_id_type)).await?;
            conn.show(&data, |d| {
                let inv = &d["invitation"];
                let to = inv["invitee"]["email"].as_str().or(inv["invitee"]["mobile"].as_str()).unwrap_or("-");
                println!("reminded {user_id}: invitation {} sent to {to} by {}", s(inv, "code"), s(inv, "channel"));
            });
            Ok(())
        }
    }
}

fn row(m: &Value) -> Vec<String> {
    let seat = match m.get("seat") {
        Some(seat) => format!("plan {} ({})", s(seat, "plan_id"), s(seat, "reason")),
        None => "-".into(),
    };
    let email = m["enterprise_email"].as_str().or(m["email"].as_str()).unwrap_or("-");
    [s(m, "user_id"), s(m, "name"), s(m, "status"), &seat, email, s(m, "mobile")].map(str::to_owned).to_vec()
}

async fn add(conn: &Conn, a: AddArgs) -> Result<(), String> {
    let seat = match (&a.plan, &a.seat_group) {
        (Some(p), _) => Some(json!({"plan_id": p})),
        (_, Some(g)) => Some(json!({"seat_group_id": g})),
        _ => None,
    };
    let body = json!({
        "name": a.name,
        "department_ids": a.departments,
        "employee_type": a.employee_type,
        "login_email_type": a.login_email,
        "business_email_prefix": a.prefix,
        "work_email": a.work_email,
        "mobile": a.mobile,
        "password": a.password,
        "user_id": a.user_id,
        "seat": seat,
    });
    let body = strip_nulls(body);
    let req = Request::post(MEMBERS)
        .query("user_id_type", "user_id")
        .query("department_id_type", &a.department_id_type)
        .json(body);
    let data = conn.call(req).await?;
    conn.show(&data, |d| {
        let m = &d["member"];
        println!("added {} ({}), status {}", s(m, "name"), s(m, "user_id"), s(m, "status"));
        if let Some(e) = d["business_email"].as_str() {
            println!("business email: {e}");
        }
        if let Some(p) = d["password"].as_str() {
            println!("password:       {p}   (shown once: Roster keeps only its hash)");
        }
        let inv = &d["invitation"];
        println!(
            "invitation {} sent by {} (expires {}): {}",
            s(inv, "code"),
            s(inv, "channel"),
            inv["expire_time"].as_str().map(when).unwrap_or_else(|| "never".into()),
            s(inv, "link")
        );
        if let Some(seat) = m.get("seat") {
            println!("seat {} on plan {}", s(seat, "seat_id"), s(seat, "plan_id"));
        }
    });
    Ok(())
}

/// Drops `null` fields so the server's defaults apply.
pub fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}
