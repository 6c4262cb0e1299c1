//! The emulator's public contract: demo credentials, faults, the request log, the clock, reset,
//! extra tenants, app event settings and the rate-limit switch; and its absence without --demo.

use crate::harness::*;
use roster_client::Request;
use roster_store::testing;
use serde_json::json;

#[tokio::test]
async fn demo_credentials_are_fixed_and_documented() {
    let app = spawn_app().await;
    let d = app.anon().demo().await.unwrap();
    assert_eq!(d.app_id, "cli_a1b2c3d4e5f60718");
    assert_eq!(d.app_secret, "roster-demo-app-secret");
    assert_eq!(d.tenant_key, "7d5e1c0a9b3f2e41");
    assert!(d.admin.open_id.starts_with("ou_") && d.admin.union_id.starts_with("on_"));
    assert_eq!(d.admin.user_id, "admin");
    let r = app.call(Request::get(&format!("/open-apis/contact/v3/users/{}", d.admin.open_id))).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_eq!(r.data()["user"]["is_tenant_manager"], true);
}

#[tokio::test]
async fn faults_fail_the_next_matching_calls_then_stop() {
    let app = spawn_app().await;
    let fault = json!({"method": "GET", "path_pattern": "/open-apis/contact/v3/users/*", "http_status": 503, "code": 1234, "msg": "boom", "times": 2});
    app.anon().send(Request::post("/_roster/v1/faults").json(&fault)).await.unwrap().ok().unwrap();
    let get = || Request::get("/open-apis/contact/v3/users/alice").query("user_id_type", "user_id");
    for _ in 0..2 {
        let r = app.call(get()).await;
        assert_eq!((r.status, r.code(), r.msg()), (503, 1234, "boom"));
    }
    assert_eq!(app.call(get()).await.code(), 0);
    app.anon().send(Request::post("/_roster/v1/faults").json(&fault)).await.unwrap().ok().unwrap();
    app.anon().send(Request::new(reqwest::Method::DELETE, "/_roster/v1/faults")).await.unwrap().ok().unwrap();
    assert_eq!(app.call(get()).await.code(), 0);
    let bad = app.anon().send(Request::post("/_roster/v1/faults").json(json!({"times": 1}))).await.unwrap();
    assert_error(&bad, 400, 99992402);
}

#[tokio::test]
async fn the_request_log_shows_recent_calls_with_codes() {
    let app = spawn_app().await;
    app.call(Request::get("/open-apis/contact/v3/users/nobody").query("user_id_type", "user_id")).await;
    let r = app.anon().send(Request::get("/_roster/v1/requests").query("limit", 5)).await.unwrap().ok().unwrap();
    let items = r.data()["items"].as_array().unwrap();
    let hit = items.iter().find(|i| i["path"] == "/open-apis/contact/v3/users/nobody").expect("logged");
    assert_eq!(hit["code"], 99992360);
    assert_eq!(hit["http_status"], 400);
    assert_eq!(hit["app_id"], app.demo.app_id);
    assert!(items.len() <= 5);
}

#[tokio::test]
async fn clock_moves_forward_only() {
    let app = spawn_app().await;
    let r = app.anon().send(Request::get("/_roster/v1/clock")).await.unwrap();
    let before = r.data()["now"].as_i64().unwrap();
    let after = app.anon().advance_clock(86_400).await.unwrap();
    assert!(after >= before + 86_400);
    let r = app.anon().send(Request::post("/_roster/v1/clock/advance").json(json!({"seconds": -5}))).await.unwrap();
    assert_error(&r, 400, 99992402);
}

#[tokio::test]
async fn reset_restores_the_demo() {
    let app = spawn_app().await;
    let (other, _) = app.other_tenant("Other").await;
    app.anon().advance_clock(3600).await.unwrap();
    let r = app.anon().send(Request::post("/_roster/v1/reset")).await.unwrap().ok().unwrap();
    assert_eq!(r.data()["app_id"], app.demo.app_id);
    let gone = app
        .anon()
        .send(
            Request::post("/open-apis/auth/v3/tenant_access_token/internal")
                .json(json!({"app_id": other.app_id, "app_secret": other.app_secret})),
        )
        .await
        .unwrap();
    assert_eq!(gone.code(), 10003, "the extra tenant is gone");
    let fresh = roster_client::Client::new(&app.base).with_app(&app.demo.app_id, &app.demo.app_secret);
    let r =
        fresh.send(Request::get("/open-apis/contact/v3/users/alice").query("user_id_type", "user_id")).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
}

#[tokio::test]
async fn app_event_settings_can_be_patched() {
    let app = spawn_app().await;
    let path = format!("/_roster/v1/apps/{}", app.demo.app_id);
    let body = json!({"event_url": "http://127.0.0.1:9/hook", "event_types": ["contact.user.created_v3"]});
    let r = app.anon().send(Request::new(reqwest::Method::PATCH, &path).json(&body)).await.unwrap().ok().unwrap();
    assert_eq!(r.data()["event_types"], json!(["contact.user.created_v3"]));
    let r =
        app.anon().send(Request::new(reqwest::Method::PATCH, "/_roster/v1/apps/cli_nope").json(&body)).await.unwrap();
    assert_error(&r, 404, 1900002);
    let r = app
        .anon()
        .send(Request::new(reqwest::Method::PATCH, &path).json(json!({"event_url": "ftp://x"})))
        .await
        .unwrap();
    assert_error(&r, 400, 99992402);
}

#[tokio::test]
async fn no_emulator_without_demo() {
    let app = spawn_with(testing::sqlite(), |c| c.demo = false).await;
    let r = app.anon().send(Request::get("/_roster/v1/demo")).await.unwrap();
    assert_error(&r, 404, 99991201);
    let r = app.anon().send(Request::post("/_roster/v1/clock/advance").json(json!({"seconds": 1}))).await.unwrap();
    assert_error(&r, 404, 99991201);
}
