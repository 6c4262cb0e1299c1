//! Group chats over HTTP: stories on both stores, every §3.6 code Roster produces with its HTTP
//! status, bad input, tenancy, external users, policy, approval, links and QR codes, and races
//! for the last free places.

mod access;
mod codes;
mod events;
mod input;
mod race;
mod story;

use crate::harness::*;
use roster_client::{ApiResponse, Client, Request};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_MOBILE: AtomicU64 = AtomicU64::new(1);

pub const CHATS: &str = "/open-apis/im/v1/chats";

/// A user's open_id for the demo app.
pub async fn open_id(app: &TestApp, user_id: &str) -> String {
    open_id_via(&app.client, user_id).await
}

/// A user's open_id for `client`'s app.
pub async fn open_id_via(client: &Client, user_id: &str) -> String {
    let r = client
        .send(Request::get(&format!("/open-apis/contact/v3/users/{user_id}")).query("user_id_type", "user_id"))
        .await
        .expect("get user");
    r.data()["user"]["open_id"].as_str().unwrap_or_else(|| panic!("no user {user_id}: {}", r.body)).to_owned()
}

/// Creates a chat as `client` (a tenant token unless `token` is set) and returns its chat_id.
pub async fn create_chat(client: &Client, token: Option<&str>, body: Value) -> String {
    let mut req = Request::post(CHATS).query("user_id_type", "user_id").json(body);
    if let Some(t) = token {
        req = req.token(t);
    }
    let r = client.send(req).await.expect("create chat");
    assert_eq!(r.code(), 0, "create: {}", r.body);
    r.data()["chat_id"].as_str().expect("chat_id").to_owned()
}

/// A demo chat owned by `owner` (a user_id), created by the demo bot, with `members` (user_ids).
pub async fn demo_chat(app: &TestApp, owner: &str, members: &[&str]) -> String {
    create_chat(&app.client, None, json!({"name": "Team", "owner_id": owner, "user_id_list": members})).await
}

/// Adds members (user_ids) as `token` (or the demo bot).
pub async fn add(app: &TestApp, chat: &str, ids: &[&str], succeed_type: i64, token: Option<&str>) -> ApiResponse {
    let path = format!("{CHATS}/{chat}/members");
    let mut req = Request::post(&path)
        .query("member_id_type", "user_id")
        .query("succeed_type", succeed_type)
        .json(json!({ "id_list": ids }));
    if let Some(t) = token {
        req = req.token(t);
    }
    app.call(req).await
}

/// The user_ids of every member, following every page.
pub async fn member_user_ids(app: &TestApp, chat: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let path = format!("{CHATS}/{chat}/members");
        let mut req = Request::get(&path).query("member_id_type", "user_id").query("page_size", 100);
        if let Some(t) = &token {
            req = req.query("page_token", t);
        }
        let r = app.call(req).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        for m in r.data()["items"].as_array().expect("items") {
            out.push(m["member_id"].as_str().expect("member_id").to_owned());
        }
        match r.data()["page_token"].as_str() {
            Some(t) if r.data()["has_more"] == true => token = Some(t.to_owned()),
            _ => return out,
        }
    }
}

/// Creates `n` users (user_ids `<prefix>-<i>`) in the demo tenant.
pub async fn make_users(app: &TestApp, prefix: &str, n: usize) -> Vec<String> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let user_id = format!("{prefix}-{i}");
        let body = json!({
            "name": format!("{prefix} {i}"),
            "user_id": user_id,
            "mobile": format!("+1777{:07}", NEXT_MOBILE.fetch_add(1, Ordering::Relaxed)),
            "department_ids": ["0"],
            "employee_type": 1,
        });
        let r =
            app.call(Request::post("/open-apis/contact/v3/users").query("user_id_type", "user_id").json(body)).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        ids.push(user_id);
    }
    ids
}

/// Roster over a fresh SQLite file with `tweak` applied to the config, and the database URL (for
/// fixtures no API makes yet, like a resigned user).
pub async fn spawn_tweaked(tweak: impl FnOnce(&mut roster_server::Config)) -> (TestApp, String) {
    let db = roster_store::testing::sqlite();
    let url = db.url.clone();
    (spawn_with(db, tweak).await, url)
}

/// Marks a demo user resigned straight in the store (offboarding is another area's API).
pub async fn resign(url: &str, user_id: &str) {
    let db = crate::harness::served_store(url);
    let uid = user_id.to_owned();
    db.write(move |tx| {
        let t = tx.tenant_by_key(roster_domain::services::demo::TENANT_KEY)?.expect("demo tenant");
        let mut u = tx.user_by_user_id(t.id, &uid)?.expect("user");
        u.status.is_resigned = true;
        tx.update_user(&u)
    })
    .await
    .expect("resign");
}

/// Sets the demo tenant's chat policy as its admin.
pub async fn set_policy(app: &TestApp, patch: Value) {
    let admin = app.user_token("admin").await;
    let r = app
        .call(Request::new(reqwest::Method::PATCH, "/open-apis/roster/v1/chat_policy").token(&admin).json(patch))
        .await;
    assert_eq!(r.code(), 0, "{}", r.body);
}

/// A partner tenant collaborating with the demo tenant, and its admin (a user of the partner) as
/// an external member of a new external demo chat owned by alice. Returns the partner, the
/// external chat, and the admin's open_id as the demo app sees it.
pub struct Partner {
    pub client: Client,
    pub external_chat: String,
    pub open_id: String,
}

pub async fn partner(app: &TestApp) -> Partner {
    let (creds, client) = app.other_tenant("Partner Co").await;
    let keys = json!({"tenant_keys": [app.demo.tenant_key, creds.tenant_key]});
    let r = app.anon().send(Request::post("/_roster/v1/collaborations").json(keys).anonymous()).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    let external_chat =
        create_chat(&app.client, None, json!({"name": "Joint", "owner_id": "alice", "external": true})).await;
    let link = app
        .call(Request::post(&format!("{CHATS}/{external_chat}/link")).json(json!({"validity_period": "permanently"})))
        .await;
    let url = link.data()["share_link"].as_str().expect("share_link").to_owned();
    let token =
        app.anon().user_access_token(&creds.app_id, &creds.admin.user_id, "user_id").await.expect("partner token");
    let path = url.split_once("/open-apis").map(|(_, p)| format!("/open-apis{p}/join")).expect("link path");
    let r = client.send(Request::post(&path).token(&token)).await.unwrap();
    assert_eq!(r.data()["status"], "joined", "{}", r.body);
    let page = app.call(Request::get(&format!("{CHATS}/{external_chat}/members"))).await;
    let ext = page.data()["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|m| m["tenant_key"] == creds.tenant_key.as_str())
        .expect("the external member is listed")
        .clone();
    Partner { open_id: ext["member_id"].as_str().expect("id").to_owned(), client, external_chat }
}
