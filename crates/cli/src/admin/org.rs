//! `roster admin org dissolve|cancel-dissolution|dissolution|departure`: the organization's
//! dissolution (only its creator, with `--token`, may ask for it or cancel it; it takes effect 72
//! hours later) and a departed member's record (state, restore window, acceptors, chats).

use super::{Conn, s, when};
use clap::Subcommand;
use roster_client::Request;
use serde_json::Value;

const DISSOLUTION: &str = "/open-apis/roster/v1/org/dissolution";

#[derive(Subcommand, Debug)]
pub enum OrgCommand {
    /// Ask for the organization's dissolution (the creator, with --token). It takes effect 72
    /// hours later: every member, chat, meeting, invitation and token is then removed.
    Dissolve,
    /// Cancel the scheduled dissolution (the creator, until it takes effect).
    CancelDissolution,
    /// Show whether a dissolution is scheduled, and when it takes effect.
    Dissolution,
    /// A departed member: how they left, until when they can be restored, their acceptors.
    Departure {
        /// The member, in --user-id-type.
        user_id: String,
        #[arg(long, default_value = "user_id")]
        user_id_type: String,
    },
}

pub async fn run(conn: &Conn, cmd: OrgCommand) -> Result<(), String> {
    let req = match &cmd {
        OrgCommand::Dissolve => Request::post(DISSOLUTION),
        OrgCommand::CancelDissolution => Request::new(hyper::Method::DELETE, DISSOLUTION),
        OrgCommand::Dissolution => Request::get(DISSOLUTION),
        OrgCommand::Departure { user_id, user_id_type } => {
            let path = format!("/open-apis/roster/v1/org/departures/{user_id}");
            let data = conn.call(Request::get(&path).query("user_id_type", user_id_type)).await?;
            conn.show(&data, print_departure);
            return Ok(());
        }
    };
    let data = conn.call(req.query("user_id_type", "user_id")).await?;
    conn.show(&data, print_dissolution);
    Ok(())
}

fn time(v: &Value, key: &str) -> String {
    v[key].as_str().map(when).unwrap_or_else(|| "-".into())
}

fn print_dissolution(d: &Value) {
    let t = &d["tenant"];
    println!("organization {} ({}): {}", s(t, "name"), s(t, "tenant_key"), s(t, "status"));
    match d.get("dissolution") {
        None => println!("no dissolution was ever asked for"),
        Some(x) => {
            println!("dissolution {}: asked by {} at {}", s(x, "state"), s(x, "requested_by"), time(x, "request_time"));
            match s(x, "state") {
                "scheduled" => println!("takes effect at {} unless the creator cancels it", time(x, "effective_time")),
                "cancelled" => println!("cancelled at {}", time(x, "cancel_time")),
                "purging" => println!("took effect at {}; the purge is under way", time(x, "effective_time")),
                _ => println!("took effect at {}; purged at {}", time(x, "effective_time"), time(x, "complete_time")),
            }
        }
    }
}

fn print_departure(d: &Value) {
    println!("{}: {} ({}), departed at {}", s(d, "user_id"), s(d, "kind"), s(d, "state"), time(d, "departed_time"));
    println!("restorable until {}", time(d, "restorable_until"));
    if let Some(t) = d["resign_time"].as_str() {
        println!("resigned at {}", when(t));
    }
    println!(
        "chats: {} left (rejoined on restore), {} handed over, {} dissolved",
        d["chats_left"], d["chats_transferred"], d["chats_dissolved"]
    );
    if let Some(a) = d["acceptors"].as_object() {
        for (k, v) in a {
            println!("{k}: {}", v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()));
        }
    }
}
