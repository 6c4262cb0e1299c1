//! Bad input on every meeting endpoint: malformed JSON, wrong id types, other tenants' ids and
//! over-limit lists. VC endpoints answer 121003 (or their not-found code); Roster's own API and
//! the emulator answer 99992402 naming the field.

use super::*;
use crate::harness::*;
use roster_client::Request;
use serde_json::json;

/// Sends a raw body (malformed JSON) with `token`, returning the status line and body.
async fn raw(app: &TestApp, method: &str, path: &str, token: &str, body: &str) -> String {
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    raw_http(app.addr, &req).await
}

#[tokio::test]
async fn malformed_json_is_121003_on_every_vc_body() {
    let app = spawn_app().await;
    let mid = meeting_with(&app, "alice", &[]).await;
    let rid = reserve(&app, "bob", json!({})).await;
    let (tenant, alice) = (app.client.tenant_token().await.unwrap(), app.user_token("alice").await);
    let cases = [
        ("POST", "/open-apis/vc/v1/reserves/apply".to_owned(), &tenant),
        ("PUT", format!("/open-apis/vc/v1/reserves/{rid}"), &tenant),
        ("PATCH", format!("/open-apis/vc/v1/meetings/{mid}/invite"), &alice),
        ("POST", format!("/open-apis/vc/v1/meetings/{mid}/kickout"), &tenant),
        ("PATCH", format!("/open-apis/vc/v1/meetings/{mid}/set_host"), &tenant),
    ];
    for (method, path, token) in &cases {
        for body in ["{", "[1]", "{\"invitees\":{},\"kickout_users\":3,\"meeting_settings\":5,\"host_user\":1}"] {
            let r = raw(&app, method, path, token, body).await;
            assert!(r.starts_with("HTTP/1.1 400"), "{method} {path} {body}: {r}");
            assert!(r.contains("\"code\":121003"), "{method} {path} {body}: {r}");
        }
    }
    let r = raw(&app, "POST", &format!("/open-apis/roster/v1/meetings/{mid}/lock"), &alice, "{").await;
    assert!(r.contains("\"code\":99992402"), "{r}");
    let r = raw(&app, "POST", &format!("/_roster/v1/meetings/{mid}/participants"), &alice, "{\"action\":7}").await;
    assert!(r.contains("\"code\":99992402"), "{r}");
}

#[tokio::test]
async fn wrong_id_types_and_bad_values_are_121003() {
    let app = spawn_app().await;
    let alice = app.user_token("alice").await;
    let mid = meeting_with(&app, "alice", &[]).await;
    // Path ids that are not 19 digits.
    for path in ["/open-apis/vc/v1/meetings/abc", "/open-apis/vc/v1/meetings/123", "/open-apis/vc/v1/reserves/x1"] {
        assert_error(&send(&app, Method::GET, path, None, None).await, 400, 121003);
    }
    // An open_id where user_ids are expected, an unknown user_id_type, a user_type out of range.
    let open_id = app.demo.admin.open_id.clone();
    assert_error(&invite(&app, &mid, &alice, &[&open_id]).await, 400, 121003);
    let path = format!("/open-apis/vc/v1/meetings/{mid}/invite");
    let r = app
        .call(
            Request::new(Method::PATCH, &path)
                .query("user_id_type", "email")
                .token(&alice)
                .json(json!({"invitees": [{"id": "bob"}]})),
        )
        .await;
    assert_error(&r, 400, 121003);
    let bad_type = json!({"invitees": [{"id": "bob", "user_type": 9}]});
    assert_error(&send(&app, Method::PATCH, &path, Some(&alice), Some(bad_type)).await, 400, 121003);
    assert_error(&send(&app, Method::PATCH, &path, Some(&alice), Some(json!({"invitees": []}))).await, 400, 121003);
    // Reserve values: password, end_time, topic, permissions, owner.
    for settings in [
        json!({"password": "12"}),
        json!({"password": "12345678901"}),
        json!({"password": "abcd"}),
        json!({"topic": "x".repeat(256)}),
        json!({"meeting_initial_type": 5}),
        json!({"action_permissions": [{"permission": 4, "permission_checkers": [{"check_field": 1, "check_mode": 1, "check_list": []}]}]}),
        json!({"action_permissions": [{"permission": 1, "permission_checkers": [{"check_field": 2, "check_mode": 1, "check_list": ["8"]}]}]}),
        json!({"action_permissions": [{"permission": 1, "permission_checkers": [{"check_field": 1, "check_mode": 3, "check_list": []}]}]}),
        json!({"action_permissions": [{"permission": 1, "permission_checkers": [{"check_field": 1, "check_mode": 1, "check_list": ["ghost"]}]}]}),
        json!({"action_permissions": [{"permission": 1, "permission_checkers": []}]}),
    ] {
        assert_error(&apply(&app, "alice", settings.clone()).await, 400, 121003);
    }
    assert_error(&apply(&app, "ghost", json!({})).await, 400, 121003);
    let no_settings = json!({"end_time": now(&app).await + 60, "owner_id": "alice"});
    assert_error(
        &send(&app, Method::POST, "/open-apis/vc/v1/reserves/apply", None, Some(no_settings)).await,
        400,
        121003,
    );
    let past = json!({"end_time": now(&app).await - 60, "owner_id": "alice", "meeting_settings": {}});
    assert_error(&send(&app, Method::POST, "/open-apis/vc/v1/reserves/apply", None, Some(past)).await, 400, 121003);
    let far = json!({"end_time": now(&app).await + 31 * 86_400, "owner_id": "alice", "meeting_settings": {}});
    assert_error(&send(&app, Method::POST, "/open-apis/vc/v1/reserves/apply", None, Some(far)).await, 400, 121003);
    let no_end = json!({"owner_id": "alice", "meeting_settings": {}});
    assert_error(&send(&app, Method::POST, "/open-apis/vc/v1/reserves/apply", None, Some(no_end)).await, 400, 121003);
    // list_by_no: number, window, page size, page token.
    let t = now(&app).await;
    for (no, start, end, extra) in [
        ("12345678", t - 10, t + 10, None),
        ("123456789", t + 10, t - 10, None),
        ("123456789", t - 10, t + 10, Some(("page_size", "0"))),
        ("123456789", t - 10, t + 10, Some(("page_size", "51"))),
        ("123456789", t - 10, t + 10, Some(("page_token", "nope"))),
    ] {
        let mut req = Request::get("/open-apis/vc/v1/meetings/list_by_no")
            .query("meeting_no", no)
            .query("start_time", start)
            .query("end_time", end);
        if let Some((k, v)) = extra {
            req = req.query(k, v);
        }
        assert_error(&app.call(req).await, 400, 121003);
    }
    let r = app.call(Request::get("/open-apis/vc/v1/meetings/list_by_no").query("meeting_no", "123456789")).await;
    assert_error(&r, 400, 121003);
}

#[tokio::test]
async fn over_limit_lists_are_121003() {
    let app = spawn_app().await;
    let alice = app.user_token("alice").await;
    let mid = meeting_with(&app, "alice", &[]).await;
    let eleven: Vec<&str> =
        ["bob", "carol", "dan", "admin", "bob", "carol", "dan", "admin", "bob", "carol", "dan"].to_vec();
    assert_error(&invite(&app, &mid, &alice, &eleven).await, 400, 121003);
    let kick: Vec<Value> = eleven.iter().map(|id| json!({"id": id, "user_type": 1})).collect();
    let path = format!("/open-apis/vc/v1/meetings/{mid}/kickout");
    assert_error(&send(&app, Method::POST, &path, None, Some(json!({"kickout_users": kick}))).await, 400, 121003);
    let list: Vec<String> = (0..101).map(|i| format!("{i}")).collect();
    let settings = json!({"action_permissions": [{"permission": 3, "permission_checkers": [{"check_field": 3, "check_mode": 1, "check_list": list}]}]});
    assert_error(&apply(&app, "alice", settings).await, 400, 121003);
    let entries: Vec<Value> = (0..11)
        .map(|_| json!({"permission": 3, "permission_checkers": [{"check_field": 2, "check_mode": 1, "check_list": ["1"]}]}))
        .collect();
    assert_error(&apply(&app, "alice", json!({ "action_permissions": entries })).await, 400, 121003);
}

#[tokio::test]
async fn other_tenants_ids_are_not_found() {
    let app = spawn_app().await;
    let mid = meeting_with(&app, "alice", &[]).await;
    let rid = reserve(&app, "alice", json!({})).await;
    let (other, client) = app.other_tenant("Elsewhere").await;
    let get = |path: String| {
        let client = &client;
        async move { client.send(Request::get(&path)).await.unwrap() }
    };
    assert_error(&get(format!("/open-apis/vc/v1/meetings/{mid}")).await, 404, 122002);
    assert_error(&get(format!("/open-apis/vc/v1/reserves/{rid}")).await, 400, 121004);
    assert_error(&get(format!("/open-apis/vc/v1/reserves/{rid}/get_active_meeting")).await, 400, 121004);
    let kick = format!("/open-apis/vc/v1/meetings/{mid}/kickout");
    let body = json!({"kickout_users": [{"id": "alice", "user_type": 1}]});
    let r = client.send(Request::post(&kick).query("user_id_type", "user_id").json(body)).await.unwrap();
    assert_error(&r, 404, 122002);
    let reserve_path = format!("/open-apis/vc/v1/reserves/{rid}");
    let r = client.send(Request::new(Method::PUT, &reserve_path).json(json!({"meeting_settings": {}}))).await.unwrap();
    assert_error(&r, 400, 121004);
    assert_error(&client.send(Request::new(Method::DELETE, &reserve_path)).await.unwrap(), 400, 121004);
    // Their users, with their tokens, reach none of our meetings.
    let theirs = app.anon().user_access_token(&other.app_id, &other.admin.user_id, "user_id").await.unwrap();
    let body = json!({"host_user": {"id": other.admin.open_id, "user_type": 1}});
    let set_host = format!("/open-apis/vc/v1/meetings/{mid}/set_host");
    assert_error(&app.call(Request::new(Method::PATCH, &set_host).token(&theirs).json(body)).await, 404, 122002);
    let end = format!("/open-apis/vc/v1/meetings/{mid}/end");
    assert_error(&app.call(Request::new(Method::PATCH, &end).token(&theirs)).await, 404, 122002);
    let controls = format!("/open-apis/roster/v1/meetings/{mid}/participants");
    let join = json!({"user_id": other.admin.user_id, "user_id_type": "user_id", "action": "join"});
    assert_error(&app.call(Request::post(&controls).token(&theirs).json(join)).await, 404, 122002);
    // The other tenant's admin cannot be invited into ours, by any id.
    let alice = app.user_token("alice").await;
    assert_error(&invite(&app, &mid, &alice, &[&other.admin.user_id]).await, 400, 121003);
    let path = format!("/open-apis/vc/v1/meetings/{mid}/invite");
    let body = json!({"invitees": [{"id": other.admin.open_id, "user_type": 1}]});
    let r = app.call(Request::new(Method::PATCH, &path).token(&alice).json(body)).await;
    assert_error(&r, 400, 121003);
    // The same meeting number finds nothing for them.
    let no = get_meeting(&app, &mid).await.data()["meeting"]["meeting_no"].as_str().unwrap().to_owned();
    let t = now(&app).await;
    let list = client
        .send(
            Request::get("/open-apis/vc/v1/meetings/list_by_no")
                .query("meeting_no", &no)
                .query("start_time", t - 60)
                .query("end_time", t + 60),
        )
        .await
        .unwrap();
    assert_eq!(list.data()["meeting_briefs"], json!([]), "{}", list.body);
}
