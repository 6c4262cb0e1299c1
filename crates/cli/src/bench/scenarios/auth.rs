//! Auth scenarios (issue 2, OAuth): a user-token call. User tokens are not cached (freezing a
//! user must stop them at once), so every request authenticates against the store.

use super::{Ctx, Plan, Req, Scenario};

pub fn scenarios() -> Vec<Scenario> {
    vec![Scenario {
        name: "user_info",
        about: "GET /authen/v1/user_info with a user access token (authenticated in the store each time)",
        prepare: |ctx| Box::pin(user_info(ctx)),
    }]
}

async fn user_info(ctx: &Ctx) -> Result<Plan, String> {
    let demo = ctx.client.demo().await.map_err(|e| e.to_string())?;
    let token = ctx.client.user_access_token(&demo.app_id, "alice", "user_id").await.map_err(|e| e.to_string())?;
    Ok(Plan::new(token, |_, _| Req::get("/open-apis/authen/v1/user_info")))
}
