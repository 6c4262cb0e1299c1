//! The account lifecycle over HTTP (issue 5, seed 003): the six seed stories on both stores,
//! driven by the emulator's clock; offboarding's hand-overs, acceptors and events; and every error
//! code Roster answers with. Fixtures no API makes yet (a department chat) are written through the
//! store, on the same database the server runs on.

mod codes;
mod dissolution;
mod offboard;
mod personal;
mod story;

use crate::harness::*;
use roster_client::{ApiResponse, Client, Request};
use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::services::Env;
use roster_domain::settings::Settings;
use roster_domain::store::Db;
use roster_server::Config;
use roster_store::testing;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use reqwest::Method;

pub const USERS: &str = "/open-apis/contact/v3/users";
pub const ME: &str = "/open-apis/roster/v1/me";
pub const DISSOLUTION: &str = "/open-apis/roster/v1/org/dissolution";
pub const DAY: i64 = 86_400;
pub const HOUR: i64 = 3_600;

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A fresh number for unique mobiles and emails.
pub fn next() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Runs `story` on a fresh app over SQLite, then PostgreSQL when configured, with `tweak`
/// applied to the config; the story also gets the database URL (for store fixtures). Tokens
/// live for a year there, so the clients' cached tokens outlast the stories' jumps in time.
pub async fn on_both<F, Fut>(tweak: fn(&mut Config), story: F)
where
    F: Fn(TestApp, String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut dbs = vec![testing::sqlite()];
    dbs.extend(testing::postgres().await);
    for db in dbs {
        eprintln!("story on {:?}", db.backend);
        let url = db.url.clone();
        let app = spawn_with(db, |c| {
            c.auth.tenant_token_ttl_secs = 365 * DAY;
            c.auth.user_token_ttl_secs = 365 * DAY;
            tweak(c);
        })
        .await;
        story(app, url).await;
    }
}

/// No tweak.
pub fn defaults(_: &mut Config) {}

/// Requests leave all their batches to the background job, which only runs when the clock moves.
pub fn job_only(c: &mut Config) {
    c.lifecycle.inline_batches = 0;
    c.lifecycle.sweep_interval_secs = 3_600;
}

/// The store of the server running on this database (see `served_store`).
pub async fn store(url: &str) -> Db {
    crate::harness::served_store(url)
}

/// Creates a demo member (user_id `user_id`) with a fresh mobile and email, plus `extra` fields.
pub async fn create_member(client: &Client, user_id: &str, extra: Value) -> Value {
    let n = next();
    let mut body = json!({
        "name": format!("Member {user_id}"),
        "user_id": user_id,
        "mobile": format!("+1666{n:07}"),
        "email": format!("{user_id}.{n}@members.example.com"),
        "department_ids": ["0"],
        "employee_type": 1,
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    let r = client.send(Request::post(USERS).query("user_id_type", "user_id").json(body)).await.unwrap();
    assert_eq!(r.code(), 0, "create {user_id}: {}", r.body);
    r.data()["user"].clone()
}

/// `DELETE /contact/v3/users/:user_id` by user_id, as `client`'s app.
pub async fn delete_user(client: &Client, user_id: &str, body: Value) -> ApiResponse {
    let path = format!("{USERS}/{user_id}");
    client.send(Request::new(Method::DELETE, &path).query("user_id_type", "user_id").json(body)).await.unwrap()
}

/// `POST …/resurrect` by id in `id_type`, as `client`'s app.
pub async fn resurrect_as(client: &Client, id: &str, id_type: &str, body: Value) -> ApiResponse {
    let path = format!("{USERS}/{id}/resurrect");
    client
        .send(
            Request::post(&path).query("user_id_type", id_type).query("department_id_type", "department_id").json(body),
        )
        .await
        .unwrap()
}

/// `POST …/resurrect` by user_id into the root department, as the demo app.
pub async fn resurrect(app: &TestApp, user_id: &str) -> ApiResponse {
    resurrect_as(&app.client, user_id, "user_id", json!({"departments": [{"department_id": "0"}]})).await
}

/// A demo member as the demo app sees them (`data.user`), or the failed response's body.
pub async fn get_user(app: &TestApp, user_id: &str) -> ApiResponse {
    app.call(Request::get(&format!("{USERS}/{user_id}")).query("user_id_type", "user_id")).await
}

/// The status flags of a demo member.
pub async fn status(app: &TestApp, user_id: &str) -> Value {
    let r = get_user(app, user_id).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["user"]["status"].clone()
}

/// Moves Roster's clock forward (the lifecycle job has run when this returns).
pub async fn advance(app: &TestApp, seconds: i64) {
    app.anon().advance_clock(seconds).await.expect("advance the clock");
}

/// `POST /me/leave` with a member's user token.
pub async fn leave(app: &TestApp, token: &str) -> ApiResponse {
    app.call(Request::post(&format!("{ME}/leave")).query("user_id_type", "user_id").token(token)).await
}

/// The chat's owner, in user_id, as the demo bot reads it.
pub async fn chat_owner(app: &TestApp, chat: &str) -> String {
    chat_owner_as(app, chat, None).await
}

/// The chat's owner, in user_id, as `token`'s user (or the demo bot) reads it.
pub async fn chat_owner_as(app: &TestApp, chat: &str, token: Option<&str>) -> String {
    let path = format!("{}/{chat}", crate::chats::CHATS);
    let mut req = Request::get(&path).query("user_id_type", "user_id");
    if let Some(t) = token {
        req = req.token(t);
    }
    let r = app.call(req).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["owner_id"].as_str().unwrap_or_default().to_owned()
}

/// The user_ids of a chat's first hundred members in join order, as `token`'s user reads them.
pub async fn members_as(app: &TestApp, chat: &str, token: &str) -> Vec<String> {
    let path = format!("{}/{chat}/members", crate::chats::CHATS);
    let r = app.call(Request::get(&path).query("member_id_type", "user_id").query("page_size", 100).token(token)).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["items"].as_array().unwrap().iter().map(|m| m["member_id"].as_str().unwrap().to_owned()).collect()
}

/// The environment Roster runs with (its codec secret read from the store), at `now`.
pub async fn env_of(db: &Db) -> Env {
    let secret = db.read(|tx| tx.meta_get("id_codec.secret")).await.unwrap().expect("codec secret");
    Env {
        now: Timestamp(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64),
        codec: Arc::new(IdCodec::new(secret.as_bytes())),
        settings: Arc::new(Settings::default()),
    }
}

/// A department chat of the demo department `dept` (custom id) owned by `owner`, with `members`
/// joining after the owner in that order; its chat_id. Written through the store: department
/// chats come with departments' `create_group_chat`, another area's API.
pub async fn department_chat(url: &str, dept: &str, owner: &str, members: &[&str]) -> String {
    let db = store(url).await;
    let env = env_of(&db).await;
    let (dept, owner) = (dept.to_owned(), owner.to_owned());
    let members: Vec<String> = members.iter().map(|m| (*m).to_owned()).collect();
    let e = env.clone();
    let id = db
        .write(move |tx| {
            let t = tx.tenant_by_key(roster_domain::services::demo::TENANT_KEY)?.expect("demo tenant");
            let d = tx.department_by_custom_id(t.id, &dept)?.expect("department");
            let o = tx.user_by_user_id(t.id, &owner)?.expect("owner");
            let mut users = Vec::new();
            for m in &members {
                users.push(tx.user_by_user_id(t.id, m)?.expect("member"));
            }
            roster_domain::services::chats::lifecycle::create_department_chat(tx, &e, &d, &o, &users)
        })
        .await
        .expect("department chat");
    env.chat_id(id)
}

/// The event types of every delivery so far to `app_id` (the emulator's view of the outbox).
pub async fn delivered_types(app: &TestApp, app_id: &str) -> Vec<String> {
    let r = app.anon().send(Request::get("/_roster/v1/events").query("limit", 1000)).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["app_id"] == app_id)
        .map(|i| i["event_type"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Waits (up to five seconds) until deliveries to `app_id` include every type of `want`, as
/// many times as it is listed; returns them all.
pub async fn wait_for_types(app: &TestApp, app_id: &str, want: &[&str]) -> Vec<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let got = delivered_types(app, app_id).await;
        let missing = want.iter().any(|w| {
            let need = want.iter().filter(|x| x == &w).count();
            got.iter().filter(|g| g == w).count() < need
        });
        if !missing {
            return got;
        }
        assert!(std::time::Instant::now() < deadline, "waited for {want:?}, got {got:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Subscribes `app_id` to `types` at a fresh receiver (so deliveries are made and succeed).
pub async fn listen(app: &TestApp, app_id: &str, types: &[&str]) -> crate::events::receiver::Receiver {
    let r = crate::events::receiver::Receiver::start(None).await;
    crate::events::subscribe(&app.anon(), app_id, &r.url, types, None).await;
    r
}
