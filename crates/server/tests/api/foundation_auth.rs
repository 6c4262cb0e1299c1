//! Token endpoints and request authentication: shapes, the reuse rule, and every auth code.

use crate::harness::*;
use roster_client::Request;
use serde_json::json;

const TOKEN: &str = "/open-apis/auth/v3/tenant_access_token/internal";

#[tokio::test]
async fn tenant_token_shape_and_reuse() {
    let app = spawn_app().await;
    let body = json!({"app_id": app.demo.app_id, "app_secret": app.demo.app_secret});
    let a = app.anon().send(Request::post(TOKEN).json(&body)).await.unwrap();
    assert_eq!((a.status, a.code()), (200, 0));
    assert!(a.body["tenant_access_token"].as_str().unwrap().starts_with("t-"));
    assert_eq!(a.body["expire"], 7200, "expire is a number at the top level");
    assert!(a.body.get("data").is_none());
    let b = app.anon().send(Request::post(&format!("{TOKEN}/")).json(&body)).await.unwrap();
    assert_eq!(b.body["tenant_access_token"], a.body["tenant_access_token"], "same token, trailing slash accepted");
    let c = app.anon().send(Request::post("/open-apis/auth/v3/app_access_token/internal").json(&body)).await.unwrap();
    assert_eq!(c.body["app_access_token"], a.body["tenant_access_token"]);
    // 91 minutes later less than 30 minutes remain: a new token.
    app.anon().advance_clock(91 * 60).await.unwrap();
    let d = app.anon().send(Request::post(TOKEN).json(&body)).await.unwrap();
    assert_ne!(d.body["tenant_access_token"], a.body["tenant_access_token"]);
    assert_eq!(d.body["expire"], 7200);
}

#[tokio::test]
async fn bad_credentials_get_200_with_a_code() {
    let app = spawn_app().await;
    let cases = [
        (json!({"app_id": "cli_0000000000000000", "app_secret": "x"}), 10003),
        (json!({"app_id": app.demo.app_id, "app_secret": "wrong"}), 10015),
        (json!({"app_id": app.demo.app_id}), 10003),
        (json!({}), 10003),
        (json!({"app_id": 5}), 10003),
    ];
    for (body, code) in cases {
        let r = app.anon().send(Request::post(TOKEN).json(&body)).await.unwrap();
        assert_eq!((r.status, r.code()), (200, code), "{body}: {}", r.body);
        assert_eq!(r.body["data"], json!({}));
    }
    let raw = raw_http(app.addr, "POST /open-apis/auth/v3/tenant_access_token/internal HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{nope").await;
    assert!(raw.contains("\"code\":10003"), "{raw}");
}

#[tokio::test]
async fn every_token_failure_has_its_code() {
    let app = spawn_app().await;
    let path = "/open-apis/contact/v3/users/alice";
    let anon = app.anon();
    let send = |token: Option<&'static str>| {
        let req = Request::get(path).query("user_id_type", "user_id");
        match token {
            Some(t) => req.token(t),
            None => req.anonymous(),
        }
    };
    assert_error(&anon.send(send(None)).await.unwrap(), 400, 99991661);
    assert_error(&anon.send(send(Some("abc"))).await.unwrap(), 400, 99991671);
    assert_error(&anon.send(send(Some("t-doesnotexist"))).await.unwrap(), 400, 99991663);
    assert_error(&anon.send(send(Some("u-doesnotexist"))).await.unwrap(), 400, 99991668);
    let raw = raw_http(
        app.addr,
        &format!("GET {path} HTTP/1.1\r\nHost: x\r\nAuthorization: t-abc\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(raw.contains("\"code\":99991661"), "a token without Bearer counts as missing: {raw}");
}

#[tokio::test]
async fn expired_tokens() {
    let app = spawn_app().await;
    let tenant = app.client.tenant_token().await.unwrap();
    let user = app.user_token("alice").await;
    let get = |t: String| Request::get("/open-apis/contact/v3/users/alice").query("user_id_type", "user_id").token(t);
    assert_eq!(app.anon().send(get(user.clone())).await.unwrap().code(), 0);
    app.anon().advance_clock(7201).await.unwrap();
    assert_error(&app.anon().send(get(tenant)).await.unwrap(), 400, 99991663);
    assert_error(&app.anon().send(get(user)).await.unwrap(), 400, 99991677);
}

#[tokio::test]
async fn auth_is_checked_before_parameters() {
    let app = spawn_app().await;
    let r = app
        .anon()
        .send(Request::get("/open-apis/contact/v3/users/x").query("user_id_type", "bogus").anonymous())
        .await
        .unwrap();
    assert_error(&r, 400, 99991661);
    let r = app
        .anon()
        .send(Request::post("/open-apis/contact/v3/users").json(json!("not an object")).anonymous())
        .await
        .unwrap();
    assert_error(&r, 400, 99991661);
}

#[tokio::test]
async fn tenant_only_endpoints_refuse_user_tokens() {
    let app = spawn_app().await;
    let user = app.user_token("alice").await;
    let r = app.anon().send(Request::post("/open-apis/contact/v3/users").json(json!({})).token(user)).await.unwrap();
    assert_error(&r, 400, 99991668);
    assert_eq!(r.msg(), "user access token not support");
}

#[tokio::test]
async fn rate_limits_trip_with_lark_headers_and_can_be_switched_off() {
    let app = spawn_app().await;
    let token = app.client.tenant_token().await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/open-apis/contact/v3/users/alice?user_id_type=user_id", app.base);
    let mut limited = None;
    for _ in 0..120 {
        let r = http.get(&url).bearer_auth(&token).send().await.unwrap();
        if r.status() == 429 {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("50/s must trip within 120 quick calls");
    assert!(r.headers().get("x-ogw-ratelimit-limit").is_some());
    assert!(r.headers().get("x-ogw-ratelimit-reset").is_some());
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["code"], 99991400);
    app.anon().set_rate_limits(false).await.unwrap();
    for _ in 0..120 {
        assert_eq!(http.get(&url).bearer_auth(&token).send().await.unwrap().status(), 200);
    }
}

#[tokio::test]
async fn user_info_answers_for_a_user_token_only() {
    let app = spawn_app().await;
    let token = app.user_token("alice").await;
    let r = app.anon().send(Request::get("/open-apis/authen/v1/user_info").token(token)).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_eq!(r.data()["user_id"], "alice");
    assert_eq!(r.data()["tenant_key"], app.demo.tenant_key);
    let r = app.call(Request::get("/open-apis/authen/v1/user_info")).await;
    assert_error(&r, 400, 99991663);
    assert_eq!(r.msg(), "tenant access token not support");
}
