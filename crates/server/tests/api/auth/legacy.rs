//! The legacy `authen/v1` token endpoints: Bearer app_access_token, `data` shapes, and their
//! failures in the `{code,msg}` envelope.

use super::*;

const OIDC: &str = "/open-apis/authen/v1/oidc/access_token";
const OIDC_REFRESH: &str = "/open-apis/authen/v1/oidc/refresh_access_token";
const OLD: &str = "/open-apis/authen/v1/access_token";
const OLD_REFRESH: &str = "/open-apis/authen/v1/refresh_access_token";

async fn app_token(app: &TestApp, creds: &TenantCredentials) -> String {
    let body = json!({"app_id": creds.app_id, "app_secret": creds.app_secret});
    let r = app.anon().send(Request::post("/open-apis/auth/v3/app_access_token/internal").json(body)).await.unwrap();
    r.body["app_access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn oidc_endpoints_answer_tokens_in_data() {
    let app = spawn_app().await;
    let bearer = app_token(&app, &app.demo).await;
    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    let r = app
        .anon()
        .send(Request::post(OIDC).json(json!({"grant_type": "authorization_code", "code": code})).token(&bearer))
        .await
        .unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    let d = r.data();
    for k in ["access_token", "refresh_token", "token_type", "expires_in", "refresh_expires_in", "scope"] {
        assert!(d.get(k).is_some(), "{k} missing in {d}");
    }
    assert_eq!((d["token_type"].as_str(), d["expires_in"].as_i64()), (Some("Bearer"), Some(7200)));
    assert_eq!(user_info(&app, d["access_token"].as_str().unwrap()).await.data()["user_id"], "alice");

    let body = json!({"grant_type": "refresh_token", "refresh_token": d["refresh_token"]});
    let r2 = app.anon().send(Request::post(OIDC_REFRESH).json(&body).token(&bearer)).await.unwrap();
    assert_eq!(r2.code(), 0, "{}", r2.body);
    assert_ne!(r2.data()["access_token"], d["access_token"]);
    let again = app.anon().send(Request::post(OIDC_REFRESH).json(&body).token(&bearer)).await.unwrap();
    assert_error(&again, 400, 20026);
}

#[tokio::test]
async fn the_older_endpoints_add_the_users_fields() {
    let app = spawn_app().await;
    let code = code_for(&app, &app.demo.app_id, ALICE_MOBILE, &[]).await;
    let r = app.call(Request::post(OLD).json(json!({"grant_type": "authorization_code", "code": code}))).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    let d = r.data().clone();
    assert_eq!(d["user_id"], "alice");
    assert_eq!(d["name"], "Alice Liddell");
    assert_eq!(d["mobile"], ALICE_MOBILE);
    assert_eq!(d["tenant_key"], app.demo.tenant_key);
    assert!(d["open_id"].as_str().unwrap().starts_with("ou_") && d["union_id"].as_str().unwrap().starts_with("on_"));
    let alice = app.call(Request::get("/open-apis/contact/v3/users/alice").query("user_id_type", "user_id")).await;
    assert_eq!(d["open_id"], alice.data()["user"]["open_id"], "the same open_id the app sees elsewhere");

    let r = app
        .call(
            Request::post(OLD_REFRESH)
                .json(json!({"grant_type": "refresh_token", "refresh_token": d["refresh_token"]})),
        )
        .await;
    assert_eq!((r.code(), &r.data()["user_id"]), (0, &json!("alice")), "{}", r.body);
}

#[tokio::test]
async fn legacy_failures_have_their_codes() {
    let app = spawn_app().await;
    let (rival, rival_client) = app.other_tenant("Rival").await;
    let code = code_for(&app, &app.demo.app_id, ALICE_EMAIL, &[]).await;
    let user_token = app.user_token("alice").await;
    let cases: Vec<(&str, Value, i64)> = vec![
        (OIDC, json!({"code": code}), 20001),
        (OIDC, json!({"grant_type": "authorization_code"}), 20001),
        (OIDC, json!({"grant_type": "authorization_code", "code": 5}), 20001),
        (OIDC, json!("nope"), 20001),
        (OIDC, json!(["authorization_code", code]), 20001),
        (OIDC, json!({"grant_type": "refresh_token", "code": code}), 20036),
        (OIDC, json!({"grant_type": "authorization_code", "code": "unknown"}), 20003),
        (OIDC_REFRESH, json!({"grant_type": "refresh_token"}), 20001),
        (OIDC_REFRESH, json!({"grant_type": "authorization_code", "refresh_token": "ur-x"}), 20036),
        (OIDC_REFRESH, json!({"grant_type": "refresh_token", "refresh_token": "ur-x"}), 20026),
        (OLD, json!({"grant_type": "authorization_code", "code": "unknown"}), 20003),
        (OLD_REFRESH, json!({"grant_type": "refresh_token", "refresh_token": "ur-x"}), 20026),
    ];
    for (path, body, code) in &cases {
        let r = app.call(Request::post(path).json(body)).await;
        assert_error(&r, 400, *code);
    }
    // Auth comes first: no token, a user token, a bogus token.
    let body = json!({"grant_type": "authorization_code", "code": code});
    let anon = app.anon().send(Request::post(OIDC).json(&body).anonymous()).await.unwrap();
    assert_error(&anon, 400, 99991661);
    let as_user = app.anon().send(Request::post(OIDC).json(&body).token(&user_token)).await.unwrap();
    assert_error(&as_user, 400, 99991668);
    let bogus = app.anon().send(Request::post(OIDC).json(json!("x")).token("t-bogus")).await.unwrap();
    assert_error(&bogus, 400, 99991663);
    // Another tenant's app cannot redeem the demo app's code.
    let r = rival_client.send(Request::post(OIDC).json(&body)).await.unwrap();
    assert_error(&r, 400, 20024);
    let _ = rival;
    // A code issued under PKCE needs the v2 endpoint, which takes the verifier.
    let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    let pkce = code_for(
        &app,
        &app.demo.app_id,
        ALICE_EMAIL,
        &[("code_challenge", challenge), ("code_challenge_method", "S256")],
    )
    .await;
    let r = app.call(Request::post(OIDC).json(json!({"grant_type": "authorization_code", "code": pkce}))).await;
    assert_error(&r, 400, 20049);
    // None of that used the code.
    assert_eq!(app.call(Request::post(OIDC).json(&body)).await.code(), 0);
}
