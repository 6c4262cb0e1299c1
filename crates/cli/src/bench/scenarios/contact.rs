//! Contact scenarios (issue 2): create user, get user, find_by_department page.

use super::{Ctx, Plan, Req, Scenario};
use hyper::Method;
use roster_client::Request;
use serde_json::json;

pub fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "create_user",
            about: "POST /contact/v3/users, one new user per request",
            prepare: |ctx| Box::pin(create_user(ctx)),
        },
        Scenario {
            name: "get_user",
            about: "GET /contact/v3/users/:user_id among 1,000 users",
            prepare: |ctx| Box::pin(get_user(ctx)),
        },
        Scenario {
            name: "get_user_with_writes",
            about: "get_user, with every tenth request a create_user (each commit makes cached replies stale)",
            prepare: |ctx| Box::pin(get_user_with_writes(ctx)),
        },
        Scenario {
            name: "find_by_department",
            about: "GET /contact/v3/users/find_by_department, pages of 50 in a department of 1,000",
            prepare: |ctx| Box::pin(find_by_department(ctx)),
        },
    ]
}

async fn create_user(ctx: &Ctx) -> Result<Plan, String> {
    let run = rand::random::<u32>() % 1000;
    Ok(Plan::new(ctx.token.clone(), move |conn, seq| new_user(run, conn, seq)))
}

/// A create_user request with a mobile unique to this run, connection and sequence number.
fn new_user(run: u32, conn: usize, seq: u64) -> Req {
    let body = json!({
        "name": format!("Bench {conn}-{seq}"),
        "mobile": format!("+1{run:03}{conn:03}{seq:07}"),
        "department_ids": ["0"],
        "employee_type": 1,
    });
    Req::json(Method::POST, "/open-apis/contact/v3/users", &body)
}

/// A department with `n` fresh users; returns its custom id and the users' user_ids.
async fn department_with_users(ctx: &Ctx, name: &str, n: usize) -> Result<(String, Vec<String>), String> {
    let dept_id = format!("bench-{name}-{}", rand::random::<u32>());
    ctx.must(
        Request::post("/open-apis/contact/v3/departments")
            .query("department_id_type", "department_id")
            .json(json!({"name": dept_id, "parent_department_id": "0", "department_id": dept_id})),
    )
    .await?;
    let mut ids = Vec::with_capacity(n);
    let tag = rand::random::<u32>() % 100_000;
    for i in 0..n {
        let user_id = format!("b{tag}-{name}-{i}");
        ctx.must(Request::post("/open-apis/contact/v3/users").query("department_id_type", "department_id").json(
            json!({
                "name": format!("Bench {i}"),
                "user_id": user_id,
                "mobile": format!("+2{tag:05}{i:06}"),
                "department_ids": [dept_id],
                "employee_type": 1,
            }),
        ))
        .await?;
        ids.push(user_id);
    }
    Ok((dept_id, ids))
}

async fn get_user(ctx: &Ctx) -> Result<Plan, String> {
    let (_, ids) = department_with_users(ctx, "get", 1000).await?;
    Ok(Plan::new(ctx.token.clone(), move |conn, seq| get_one_of(&ids, conn, seq)))
}

/// A get_user request for one of `ids`, spread over the pool by connection and sequence number.
fn get_one_of(ids: &[String], conn: usize, seq: u64) -> Req {
    let id = &ids[(conn * 7919 + seq as usize * 104_729) % ids.len()];
    Req::get(format!("/open-apis/contact/v3/users/{id}?user_id_type=user_id"))
}

/// The read mix of `get_user`, with a write every ten requests: the cached replies of
/// `get_user` go stale at each commit, so this shows what reads cost when data keeps changing.
async fn get_user_with_writes(ctx: &Ctx) -> Result<Plan, String> {
    let (_, ids) = department_with_users(ctx, "mix", 1000).await?;
    let run = rand::random::<u32>() % 1000;
    Ok(Plan::new(
        ctx.token.clone(),
        move |conn, seq| {
            if seq % 10 == 0 { new_user(run, conn, seq) } else { get_one_of(&ids, conn, seq) }
        },
    ))
}

async fn find_by_department(ctx: &Ctx) -> Result<Plan, String> {
    let (dept, _) = department_with_users(ctx, "page", 1000).await?;
    Ok(Plan::new(ctx.token.clone(), move |_, _| {
        Req::get(format!(
            "/open-apis/contact/v3/users/find_by_department?department_id={dept}&department_id_type=department_id&page_size=50"
        ))
    }))
}
