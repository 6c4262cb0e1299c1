//! Group chat scenarios (issue 3): adding one member per call, adding fifty per call, paging
//! through a chat of 50,000 members, and is_in_chat. Adds spread over many chats (Lark throttles
//! concurrent adds to one chat) and never repeat a (chat, user) pair, so every call inserts.
//! The bench server's config raises the member cap (`[chats] max_members`) for the big chat.

use super::{Ctx, Plan, Req, Scenario};
use hyper::Method;
use roster_client::Request;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Users in the shared pool: enough for the 50,000-member chat.
const POOL: usize = 50_000;

pub fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "chat_add_member",
            about: "POST /im/v1/chats/:chat_id/members, 1 new member per call, over 64 chats",
            prepare: |ctx| Box::pin(add_members(ctx, 1, 64)),
        },
        Scenario {
            name: "chat_add_members_50",
            about: "POST /im/v1/chats/:chat_id/members, 50 new members per call, over 256 chats (items/s = adds/s)",
            prepare: |ctx| Box::pin(add_members(ctx, 50, 256)),
        },
        Scenario {
            name: "chat_list_members",
            about: "GET /im/v1/chats/:chat_id/members, pages of 100 at random places in a chat of 50,000",
            prepare: |ctx| Box::pin(list_members(ctx)),
        },
        Scenario {
            name: "chat_is_in_chat",
            about: "GET /im/v1/chats/:chat_id/members/is_in_chat as the bot, over 100 chats",
            prepare: |ctx| Box::pin(is_in_chat(ctx)),
        },
    ]
}

/// `n` new chats the demo bot owns.
async fn chats(ctx: &Ctx, n: usize) -> Result<Vec<String>, String> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let r = ctx.must(Request::post("/open-apis/im/v1/chats").json(json!({"name": format!("Bench {i}")}))).await?;
        out.push(r.data()["chat_id"].as_str().ok_or("no chat_id")?.to_owned());
    }
    Ok(out)
}

fn add_path(chat: &str) -> String {
    format!("/open-apis/im/v1/chats/{chat}/members?succeed_type=2")
}

/// The `g`-th request (counted across connections) adds users `[b*k, b*k + k)` of the pool to
/// chat `g % chats`, where `b = g / chats`: no pair repeats until a chat has taken the whole pool.
pub(super) async fn add_members(ctx: &Ctx, per_call: usize, n_chats: usize) -> Result<Plan, String> {
    let users = Arc::new(ctx.users(POOL).await?);
    let chats = Arc::new(chats(ctx, n_chats).await?);
    let paths: Arc<Vec<String>> = Arc::new(chats.iter().map(|c| add_path(c)).collect());
    let blocks = (users.len() / per_call) as u64;
    let counter = AtomicU64::new(0);
    let mut plan = Plan::new(ctx.token.clone(), move |_, _| {
        let g = counter.fetch_add(1, Ordering::Relaxed);
        let chat = (g % paths.len() as u64) as usize;
        let block = ((g / paths.len() as u64) % blocks) as usize;
        let ids = &users[block * per_call..(block + 1) * per_call];
        Req::json(Method::POST, paths[chat].as_str(), &json!({ "id_list": ids }))
    });
    plan.items_per_request = per_call as u64;
    Ok(plan)
}

/// One chat with every pool user, filled fifty at a time.
async fn big_chat(ctx: &Ctx) -> Result<String, String> {
    let users = ctx.users(POOL).await?;
    let chat = chats(ctx, 1).await?.remove(0);
    let path = add_path(&chat);
    let mut tasks = Vec::new();
    for lane in 0..16 {
        let (base, token, path) = (ctx.client.base().to_owned(), ctx.token.clone(), path.clone());
        let batches: Vec<Vec<String>> = users.chunks(50).skip(lane).step_by(16).map(<[String]>::to_vec).collect();
        tasks.push(tokio::spawn(async move {
            let client = roster_client::Client::new(base);
            for ids in batches {
                let req = Request::post(&path).token(token.as_str()).json(json!({ "id_list": ids }));
                client.send(req).await.and_then(|r| r.ok()).map_err(|e| e.to_string())?;
            }
            Ok::<_, String>(())
        }));
    }
    for t in tasks {
        t.await.map_err(|e| e.to_string())??;
    }
    Ok(chat)
}

async fn list_members(ctx: &Ctx) -> Result<Plan, String> {
    let chat = big_chat(ctx).await?;
    let check = ctx.must(Request::get(&format!("/open-apis/im/v1/chats/{chat}/members")).query("page_size", 1)).await?;
    if check.data()["member_total"].as_i64() != Some(POOL as i64) {
        return Err(format!("the big chat has {} members, not {POOL}", check.data()["member_total"]));
    }
    let base = format!("/open-apis/im/v1/chats/{chat}/members?page_size=100&page_token=");
    Ok(Plan::new(ctx.token.clone(), move |conn, seq| {
        // A page at a pseudo-random place: after join sequence `after`.
        let after = (conn as u64 * 7919 + seq * 104_729) % (POOL as u64 - 100);
        Req::get(format!("{base}{after}"))
    }))
}

async fn is_in_chat(ctx: &Ctx) -> Result<Plan, String> {
    let chats = chats(ctx, 100).await?;
    let paths: Vec<String> = chats.iter().map(|c| format!("/open-apis/im/v1/chats/{c}/members/is_in_chat")).collect();
    Ok(Plan::new(ctx.token.clone(), move |conn, seq| Req::get(paths[(conn + seq as usize) % paths.len()].clone())))
}
