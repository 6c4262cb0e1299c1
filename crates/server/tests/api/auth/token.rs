//! The token endpoint (v2, and v3 where the SDKs' helpers post): both grants, JSON and form
//! bodies, PKCE, redirect binding, single use, the clock, and every failure code.

use super::*;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn s256(v: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(v.as_bytes()))
}

#[tokio::test]
async fn a_code_becomes_tokens_that_work_on_user_token_endpoints() {
    let app = spawn_app().await;
    let code =
        code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[("scope", "contact:user.base:readonly offline_access")]).await;
    let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({"redirect_uri": CALLBACK}))).await;
    assert_eq!((r.status, r.code()), (200, 0), "{}", r.body);
    let keys: Vec<&str> = r.body.as_object().unwrap().keys().map(String::as_str).collect();
    for k in ["code", "access_token", "expires_in", "refresh_token", "refresh_token_expires_in", "scope", "token_type"]
    {
        assert!(keys.contains(&k), "{k} missing in {}", r.body);
    }
    assert!(r.body.get("data").is_none(), "top-level fields");
    assert_eq!(r.body["expires_in"], 7200);
    assert_eq!(r.body["refresh_token_expires_in"], 604800);
    assert_eq!(r.body["token_type"], "Bearer");
    assert_eq!(r.body["scope"], "contact:user.base:readonly offline_access");
    let token = r.body["access_token"].as_str().unwrap().to_owned();
    assert!(token.starts_with("u-"));

    let me = user_info(&app, &token).await;
    assert_eq!(me.code(), 0, "{}", me.body);
    assert_eq!(me.data()["email"], ALICE_EMAIL);
    let got = app
        .anon()
        .send(Request::get("/open-apis/contact/v3/users/bob").query("user_id_type", "user_id").token(&token))
        .await
        .unwrap();
    assert_eq!(got.code(), 0, "the token works on any endpoint that takes user tokens: {}", got.body);
}

#[tokio::test]
async fn v3_takes_form_bodies_and_basic_auth() {
    let app = spawn_app().await;
    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    let http = reqwest::Client::new();
    let basic = STANDARD.encode(format!("{}:{}", app.demo.app_id, app.demo.app_secret));
    let body = serde_html_form::to_string([("grant_type", "authorization_code"), ("code", &code)]).unwrap();
    let r = http
        .post(format!("{}{TOKEN_V3}", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("authorization", format!("Basic {basic}"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["code"], 0, "{v}");
    let refresh = v["refresh_token"].as_str().unwrap().to_owned();
    let form = serde_html_form::to_string([
        ("grant_type", "refresh_token"),
        ("client_id", app.demo.app_id.as_str()),
        ("client_secret", app.demo.app_secret.as_str()),
        ("refresh_token", refresh.as_str()),
    ])
    .unwrap();
    let r = http
        .post(format!("{}{TOKEN_V3}", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["code"], 0, "{v}");
}

#[tokio::test]
async fn pkce_s256_and_plain() {
    let app = spawn_app().await;
    let challenge = s256(VERIFIER);
    let code = code_for(
        &app,
        &app.demo.app_id,
        ALICE_EMAIL,
        &[("code_challenge", &challenge), ("code_challenge_method", "S256")],
    )
    .await;
    let other = "o".repeat(43);
    for (extra, why) in [
        (json!({}), "required"),
        (json!({"code_verifier": other}), "does not match"),
        (json!({"code_verifier": "short"}), "43-128"),
    ] {
        let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, extra)).await;
        assert_oauth_error(&r, 20049, "invalid_grant");
        assert!(r.body["error_description"].as_str().unwrap().contains(why), "{}", r.body);
    }
    let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({"code_verifier": VERIFIER}))).await;
    assert_eq!(r.code(), 0, "failed verifications leave the code usable: {}", r.body);

    let code = code_for(
        &app,
        &app.demo.app_id,
        ALICE_EMAIL,
        &[("code_challenge", VERIFIER), ("code_challenge_method", "plain")],
    )
    .await;
    let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({"code_verifier": s256(VERIFIER)}))).await;
    assert_oauth_error(&r, 20049, "invalid_grant");
    let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({"code_verifier": VERIFIER}))).await;
    assert_eq!(r.code(), 0, "{}", r.body);

    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({"code_verifier": VERIFIER}))).await;
    assert_oauth_error(&r, 20049, "invalid_grant");
}

#[tokio::test]
async fn the_redirect_uri_must_match_when_sent() {
    let app = spawn_app().await;
    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({"redirect_uri": "https://evil.example/cb"})))
        .await;
    assert_oauth_error(&r, 20071, "invalid_grant");
    let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({"redirect_uri": CALLBACK}))).await;
    assert_eq!(r.code(), 0, "{}", r.body);
}

#[tokio::test]
async fn codes_are_single_use_and_live_five_minutes() {
    let app = spawn_app().await;
    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    assert_eq!(post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({}))).await.code(), 0);
    assert_oauth_error(
        &post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({}))).await,
        20003,
        "invalid_grant",
    );

    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    app.anon().advance_clock(299).await.unwrap();
    assert_eq!(post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({}))).await.code(), 0);
    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    app.anon().advance_clock(301).await.unwrap();
    assert_oauth_error(
        &post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({}))).await,
        20004,
        "invalid_grant",
    );
}

#[tokio::test]
async fn refresh_tokens_are_single_use_narrow_the_scope_and_expire() {
    let app = spawn_app().await;
    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[("scope", "a b c")]).await;
    let first = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({"scope": "a b"}))).await;
    assert_eq!(first.body["scope"], "a b", "{}", first.body);
    let refresh_body = |token: &str, scope: Option<&str>| {
        let mut b = json!({"grant_type": "refresh_token", "client_id": app.demo.app_id, "client_secret": app.demo.app_secret, "refresh_token": token});
        if let Some(s) = scope {
            b["scope"] = json!(s);
        }
        b
    };
    let old = first.body["refresh_token"].as_str().unwrap().to_owned();
    assert_oauth_error(&post_token(&app, TOKEN_V2, refresh_body(&old, Some("c"))).await, 20068, "invalid_scope");
    assert_oauth_error(&post_token(&app, TOKEN_V2, refresh_body(&old, Some("a a"))).await, 20067, "invalid_scope");
    let second = post_token(&app, TOKEN_V2, refresh_body(&old, None)).await;
    assert_eq!((second.code(), &second.body["scope"]), (0, &json!("a b")), "{}", second.body);
    assert_oauth_error(&post_token(&app, TOKEN_V2, refresh_body(&old, None)).await, 20026, "invalid_grant");
    assert_eq!(
        user_info(&app, first.body["access_token"].as_str().unwrap()).await.code(),
        0,
        "older access tokens live on"
    );

    let newer = second.body["refresh_token"].as_str().unwrap().to_owned();
    let third = post_token(&app, TOKEN_V2, refresh_body(&newer, Some("b"))).await;
    assert_eq!(third.body["scope"], "b");

    // Access tokens die after 2 h; the refresh token still works until 7 days.
    app.anon().advance_clock(7201).await.unwrap();
    let expired = user_info(&app, third.body["access_token"].as_str().unwrap()).await;
    assert_error(&expired, 400, 99991677);
    let fourth = post_token(&app, TOKEN_V2, refresh_body(third.body["refresh_token"].as_str().unwrap(), None)).await;
    assert_eq!(user_info(&app, fourth.body["access_token"].as_str().unwrap()).await.code(), 0);
    app.anon().advance_clock(604_801).await.unwrap();
    let r = post_token(&app, TOKEN_V2, refresh_body(fourth.body["refresh_token"].as_str().unwrap(), None)).await;
    assert_oauth_error(&r, 20037, "invalid_grant");
}

#[tokio::test]
async fn every_failure_has_its_code() {
    let app = spawn_app().await;
    let (rival, _) = app.other_tenant("Rival").await;
    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    let demo = &app.demo;
    let cases: Vec<(Value, i64, &str)> = vec![
        (json!({}), 20001, "invalid_request"),
        (json!({"client_id": demo.app_id, "client_secret": demo.app_secret, "code": code}), 20001, "invalid_request"),
        (
            json!({"grant_type": "authorization_code", "client_secret": demo.app_secret, "code": code}),
            20001,
            "invalid_request",
        ),
        (json!({"grant_type": "authorization_code", "client_id": demo.app_id, "code": code}), 20001, "invalid_request"),
        (code_body(demo, "", json!({})), 20001, "invalid_request"),
        (
            json!({"grant_type": "refresh_token", "client_id": demo.app_id, "client_secret": demo.app_secret}),
            20001,
            "invalid_request",
        ),
        (code_body(demo, &code, json!({"code_verifier": 5})), 20001, "invalid_request"),
        (json!(["not", "an", "object"]), 20001, "invalid_request"),
        (code_body(demo, &code, json!({"client_secret": "wrong"})), 20002, "invalid_client"),
        (code_body(demo, "no-such-code", json!({})), 20003, "invalid_grant"),
        (code_body(&rival, &code, json!({})), 20024, "invalid_grant"),
        (code_body(demo, &code, json!({"grant_type": "password"})), 20036, "unsupported_grant_type"),
        (code_body(demo, &code, json!({"client_id": "cli_0000000000000000"})), 20048, "invalid_client"),
        (code_body(demo, &code, json!({"scope": "more"})), 20068, "invalid_scope"),
        (
            code_body(demo, &code, json!({"grant_type": "refresh_token", "refresh_token": "ur-nope"})),
            20026,
            "invalid_grant",
        ),
    ];
    for path in [TOKEN_V2, TOKEN_V3] {
        for (body, code, error) in &cases {
            let r = post_token(&app, path, body.clone()).await;
            assert_eq!(r.code(), *code, "{path} {body}: {}", r.body);
            assert_oauth_error(&r, *code, error);
        }
    }
    let raw = raw_http(
        app.addr,
        &format!("POST {TOKEN_V2} HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{{nope"),
    )
    .await;
    assert!(
        raw.starts_with("HTTP/1.1 400")
            && raw.contains("\"code\":20001")
            && raw.contains("\"error\":\"invalid_request\""),
        "{raw}"
    );
    // A refresh token is the app's own, too.
    let mine = post_token(&app, TOKEN_V2, code_body(demo, &code, json!({}))).await;
    assert_eq!(mine.code(), 0, "the failures above left the code unused: {}", mine.body);
    let body = json!({"grant_type": "refresh_token", "client_id": rival.app_id, "client_secret": rival.app_secret,
                      "refresh_token": mine.body["refresh_token"]});
    assert_oauth_error(&post_token(&app, TOKEN_V2, body).await, 20024, "invalid_grant");
}

#[tokio::test]
async fn one_code_or_refresh_token_yields_one_exchange_under_concurrency() {
    on_each_backend(|app| async move {
        let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
        let body = code_body(&app.demo, &code, json!({}));
        let results = futures_util::future::join_all((0..8).map(|_| post_token(&app, TOKEN_V2, body.clone()))).await;
        let won: Vec<&ApiResponse> = results.iter().filter(|r| r.code() == 0).collect();
        assert_eq!(won.len(), 1, "{:?}", results.iter().map(|r| r.code()).collect::<Vec<_>>());
        assert!(results.iter().all(|r| r.code() == 0 || r.code() == 20003));

        let refresh = won[0].body["refresh_token"].as_str().unwrap().to_owned();
        let body = json!({"grant_type": "refresh_token", "client_id": app.demo.app_id, "client_secret": app.demo.app_secret, "refresh_token": refresh});
        let results = futures_util::future::join_all((0..8).map(|_| post_token(&app, TOKEN_V2, body.clone()))).await;
        assert_eq!(results.iter().filter(|r| r.code() == 0).count(), 1);
        assert!(results.iter().all(|r| r.code() == 0 || r.code() == 20026));
    })
    .await;
}
