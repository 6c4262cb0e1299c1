//! Organization scenarios (issue 7): creating invitation links, and a page of the members list
//! (each member with their status and seat).

use super::{Ctx, Plan, Req, Scenario};
use hyper::Method;
use serde_json::json;

pub fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "create_invitation",
            about: "POST /open-apis/roster/v1/org/invitations, one link (code, audit entry) per request",
            prepare: |ctx| Box::pin(create_invitation(ctx)),
        },
        Scenario {
            name: "list_members",
            about: "GET /open-apis/roster/v1/org/members, pages of 50 with status and seat",
            prepare: |ctx| Box::pin(list_members(ctx)),
        },
    ]
}

async fn create_invitation(ctx: &Ctx) -> Result<Plan, String> {
    Ok(Plan::new(ctx.token.clone(), |_, _| {
        Req::json(Method::POST, "/open-apis/roster/v1/org/invitations", &json!({"expiry": "30d", "max_uses": 10}))
    }))
}

async fn list_members(ctx: &Ctx) -> Result<Plan, String> {
    let tag = rand::random::<u32>() % 100_000;
    for i in 0..100 {
        let body = json!({
            "name": format!("Bench Member {i}"),
            "mobile": format!("+3{tag:05}{i:06}"),
            "department_ids": ["0"],
            "employee_type": 1,
        });
        ctx.must(roster_client::Request::post("/open-apis/contact/v3/users").json(body)).await?;
    }
    Ok(Plan::new(ctx.token.clone(), |_, _| Req::get("/open-apis/roster/v1/org/members?page_size=50")))
}
