//! The wire contract: JSON envelopes for every failure, the log id header, malformed input.

use crate::harness::*;
use roster_client::Request;
use serde_json::json;

#[tokio::test]
async fn unknown_paths_and_wrong_methods_are_json() {
    let app = spawn_app().await;
    let r = app.anon().send(Request::get("/open-apis/nothing/here")).await.unwrap();
    assert_error(&r, 404, 99991201);
    let r = app.anon().send(Request::new(reqwest::Method::DELETE, "/open-apis/roster/v1/noop")).await.unwrap();
    assert_error(&r, 405, 99991301);
    assert!(r.body["error"]["log_id"].is_string());
    assert_eq!(r.log_id.as_deref(), r.body["error"]["log_id"].as_str());
}

#[tokio::test]
async fn log_id_header_is_spelled_exactly() {
    let app = spawn_app().await;
    let raw =
        raw_http(app.addr, "GET /open-apis/roster/v1/noop HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").await;
    assert!(raw.contains("\r\nX-Tt-Logid: "), "{raw}");
    assert!(raw.contains("{\"code\":0,\"msg\":\"success\",\"data\":{}}"), "{raw}");
}

#[tokio::test]
async fn malformed_bodies_and_queries_name_the_field() {
    let app = spawn_app().await;
    let r =
        app.call(Request::post("/open-apis/contact/v3/users").json(json!({"name": "x", "department_ids": [1]}))).await;
    assert_error(&r, 400, 99992402);
    assert_eq!(r.body["error"]["field_violations"][0]["field"], "department_ids[0]");
    let r = app.call(Request::get("/open-apis/contact/v3/users/alice").query("user_id_type", "nope")).await;
    assert_error(&r, 400, 99992402);
    assert_eq!(r.body["error"]["field_violations"][0]["field"], "user_id_type");
    let token = app.client.tenant_token().await.unwrap();
    for body in ["{", "[1,2]", "\"str\"", "{\"name\":{}}"] {
        let req = format!(
            "POST /open-apis/contact/v3/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let raw = raw_http(app.addr, &req).await;
        assert!(raw.starts_with("HTTP/1.1 400"), "{body}: {raw}");
        assert!(raw.contains("\"code\":99992402"), "{body}: {raw}");
    }
}

#[tokio::test]
async fn bad_query_strings_and_paths_keep_the_envelope() {
    let app = spawn_app().await;
    let token = app.client.tenant_token().await.unwrap();
    for target in [
        "/open-apis/contact/v3/users/%ZZ?user_id_type=user_id",
        "/open-apis/contact/v3/users/alice?user_id_type=%FF%FE",
    ] {
        let raw = raw_http(
            app.addr,
            &format!("GET {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"),
        )
        .await;
        assert!(raw.contains("application/json"), "{target}: {raw}");
        assert!(raw.contains("\"code\":"), "{target}: {raw}");
    }
}
