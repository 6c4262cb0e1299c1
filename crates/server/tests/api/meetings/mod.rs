//! Meetings through the HTTP API: the story on both stores, every VC code, and Roster's meeting
//! controls. Helpers here speak to the API as a Lark developer would.

mod codes;
mod controls;
mod events;
mod inputs;
mod story;

use crate::harness::*;
use roster_client::{ApiResponse, Request};
use serde_json::{Value, json};

pub use reqwest::Method;

/// Roster's clock, in Unix seconds.
pub async fn now(app: &TestApp) -> i64 {
    let r = app.anon().send(Request::get("/_roster/v1/clock")).await.unwrap();
    r.data()["now"].as_i64().unwrap()
}

/// Sends `method path` with `body`, as the demo app or with `token`.
pub async fn send(app: &TestApp, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> ApiResponse {
    let mut req = Request::new(method, path).query("user_id_type", "user_id");
    if let Some(b) = body {
        req = req.json(b);
    }
    if let Some(t) = token {
        req = req.token(t);
    }
    app.call(req).await
}

/// Applies for a reserve owned by `owner` (a demo user_id) with these meeting settings, as the
/// demo app; returns the response.
pub async fn apply(app: &TestApp, owner: &str, settings: Value) -> ApiResponse {
    let body = json!({"end_time": now(app).await + 3600, "owner_id": owner, "meeting_settings": settings});
    send(app, Method::POST, "/open-apis/vc/v1/reserves/apply", None, Some(body)).await
}

/// A reserve owned by `owner`; its id.
pub async fn reserve(app: &TestApp, owner: &str, settings: Value) -> String {
    let r = apply(app, owner, settings).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["reserve"]["id"].as_str().unwrap().to_owned()
}

/// The emulator moves a demo user (by user_id) in or out of a meeting or reserve.
pub async fn emulate(app: &TestApp, id: &str, user: &str, action: &str) -> ApiResponse {
    let path = format!("/_roster/v1/meetings/{id}/participants");
    let body = json!({"user_id": user, "user_id_type": "user_id", "action": action});
    app.anon().send(Request::post(&path).json(body)).await.unwrap()
}

/// A meeting in progress under a new reserve of `owner`, with `owner` and then `others` in it.
pub async fn meeting_with(app: &TestApp, owner: &str, others: &[&str]) -> String {
    let rid = reserve(app, owner, json!({"topic": "Sync"})).await;
    let r = emulate(app, &rid, owner, "join").await;
    assert_eq!(r.code(), 0, "{}", r.body);
    let mid = r.data()["meeting"]["id"].as_str().unwrap().to_owned();
    for u in others {
        let r = emulate(app, &mid, u, "join").await;
        assert_eq!(r.code(), 0, "{u}: {}", r.body);
    }
    mid
}

/// `PATCH …/invite` as `token` with invitees given by user_id.
pub async fn invite(app: &TestApp, mid: &str, token: &str, ids: &[&str]) -> ApiResponse {
    let invitees: Vec<Value> = ids.iter().map(|id| json!({"id": id, "user_type": 1})).collect();
    let path = format!("/open-apis/vc/v1/meetings/{mid}/invite");
    send(app, Method::PATCH, &path, Some(token), Some(json!({ "invitees": invitees }))).await
}

pub async fn get_meeting(app: &TestApp, mid: &str) -> ApiResponse {
    let path = format!("/open-apis/vc/v1/meetings/{mid}");
    app.call(Request::get(&path).query("user_id_type", "user_id").query("with_participants", "True")).await
}

/// The participant `id` of a meeting object, if listed.
pub fn participant<'a>(meeting: &'a Value, id: &str) -> Option<&'a Value> {
    meeting["participants"].as_array()?.iter().find(|p| p["id"] == id)
}
