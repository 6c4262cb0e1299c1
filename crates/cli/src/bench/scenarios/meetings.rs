//! Meeting scenarios (issue 4): a host invites 10 people per call into one meeting in progress,
//! over 50 connections (the server runs without rate limits, so Lark's 50/s does not cap it).
//! Each connection calls its own 20 people, 10 at a time, so calls overlap in the meeting but not
//! in who they ring.

use super::{Ctx, Plan, Req, Scenario};
use hyper::Method;
use roster_client::Request;
use serde_json::json;

pub fn scenarios() -> Vec<Scenario> {
    vec![Scenario {
        name: "meeting_invite_10",
        about: "PATCH /vc/v1/meetings/:id/invite, 10 open_ids per call, 50 connections, one meeting of 1,000 callees",
        prepare: |ctx| Box::pin(invite_10(ctx)),
    }]
}

const CONNECTIONS: usize = 50;
const PER_CONNECTION: usize = 20;
const POOL: usize = CONNECTIONS * PER_CONNECTION;
const PER_CALL: usize = 10;

async fn invite_10(ctx: &Ctx) -> Result<Plan, String> {
    let tag = rand::random::<u32>() % 100_000;
    let mut pool = Vec::with_capacity(POOL);
    for i in 0..POOL {
        let made = ctx
            .must(Request::post("/open-apis/contact/v3/users").json(json!({
                "name": format!("Invitee {i}"),
                "mobile": format!("+3{tag:05}{i:06}"),
                "department_ids": ["0"],
                "employee_type": 1,
            })))
            .await?;
        pool.push(made.data()["user"]["open_id"].as_str().ok_or("no open_id")?.to_owned());
    }
    let host = format!("m{tag}-host");
    ctx.must(Request::post("/open-apis/contact/v3/users").json(json!({
        "name": "Bench Host", "user_id": host, "mobile": format!("+4{tag:05}000000"),
        "department_ids": ["0"], "employee_type": 1,
    })))
    .await?;
    let now = ctx.client.send(Request::get("/_roster/v1/clock").anonymous()).await.map_err(|e| e.to_string())?;
    let end_time = now.data()["now"].as_i64().ok_or("no clock")? + 86_400;
    let applied = ctx
        .must(Request::post("/open-apis/vc/v1/reserves/apply").query("user_id_type", "user_id").json(json!({
            "end_time": end_time, "owner_id": host, "meeting_settings": {"topic": "Bench"},
        })))
        .await?;
    let reserve = applied.data()["reserve"]["id"].as_str().ok_or("no reserve id")?.to_owned();
    let path = format!("/_roster/v1/meetings/{reserve}/participants");
    let joined = ctx
        .must(Request::post(&path).json(json!({"user_id": host, "user_id_type": "user_id", "action": "join"})))
        .await?;
    let meeting = joined.data()["meeting"]["id"].as_str().ok_or("no meeting id")?.to_owned();
    let app_id = ctx.client.demo().await.map_err(|e| e.to_string())?.app_id;
    let token = ctx.client.user_access_token(&app_id, &host, "user_id").await.map_err(|e| e.to_string())?;
    // Invitees by open_id, the SDKs' default id type.
    let path = format!("/open-apis/vc/v1/meetings/{meeting}/invite");
    let mut plan = Plan::new(token, move |conn, seq| {
        let start = (conn * 7 + seq as usize * PER_CALL) % POOL;
        let invitees: Vec<_> = (0..PER_CALL).map(|k| json!({"id": pool[(start + k) % POOL], "user_type": 1})).collect();
        Req::json(Method::PATCH, path.clone(), &json!({ "invitees": invitees }))
    });
    plan.items_per_request = PER_CALL as u64;
    plan.connections = Some(CONNECTIONS);
    Ok(plan)
}
