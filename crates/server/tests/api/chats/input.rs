//! Bad input on every chat endpoint: malformed JSON, wrong types, wrong id types, another
//! tenant's ids and over-limit lists all get the envelope with the family's code, and change
//! nothing.

use super::*;
use reqwest::Method;

#[tokio::test]
async fn malformed_bodies_and_queries_are_232001() {
    let app = spawn_app().await;
    let token = app.client.tenant_token().await.unwrap();
    let chat = demo_chat(&app, "alice", &["bob"]).await;
    for (method, path) in [
        ("POST", CHATS.to_owned()),
        ("PUT", format!("{CHATS}/{chat}")),
        ("POST", format!("{CHATS}/{chat}/members")),
        ("DELETE", format!("{CHATS}/{chat}/members")),
        ("POST", format!("{CHATS}/{chat}/managers/add_managers")),
        ("PUT", format!("{CHATS}/{chat}/moderation")),
        ("POST", format!("{CHATS}/{chat}/link")),
    ] {
        for body in [
            "{",
            "[1]",
            "{\"id_list\":\"x\",\"name\":7,\"manager_ids\":{},\"moderator_added_list\":1,\"validity_period\":[]}",
        ] {
            let raw = raw_http(
                app.addr,
                &format!(
                    "{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                ),
            )
            .await;
            assert!(raw.starts_with("HTTP/1.1 400"), "{method} {path} {body}: {raw}");
            assert!(raw.contains("\"code\":232001"), "{method} {path} {body}: {raw}");
        }
    }
    let r = app.call(Request::post(CHATS).json(json!({"user_id_list": ["bob", 7]}))).await;
    assert_error(&r, 400, 232001);
    assert_eq!(r.body["error"]["field_violations"][0]["field"], "user_id_list[1]");
    assert_eq!(member_user_ids(&app, &chat).await, ["alice", "bob"], "nothing changed");
}

#[tokio::test]
async fn bad_query_values_and_id_types() {
    let app = spawn_app().await;
    let chat = demo_chat(&app, "alice", &[]).await;
    let search = format!("{CHATS}/search");
    let cases: Vec<Request<'_>> = vec![
        Request::get(CHATS).query("page_size", "abc"),
        Request::get(CHATS).query("page_size", 0),
        Request::get(CHATS).query("sort_type", "ByName"),
        Request::get(CHATS).query("page_token", "zzz"),
        Request::get(CHATS).query("user_id_type", "email"),
        Request::get(&search).query("page_token", "zzz"),
        Request::post(CHATS).query("set_bot_manager", "maybe").json(json!({})),
        Request::post(CHATS).query("uuid", "u".repeat(51)).json(json!({})),
    ];
    for req in cases {
        let desc = format!("{} {:?}", req.path, req.query);
        let r = app.call(req).await;
        assert_eq!((r.status, r.code()), (400, 232001), "{desc}: {}", r.body);
    }
    let members = format!("{CHATS}/{chat}/members");
    for (t, code) in [("email", 232001), ("open_id", 0)] {
        let r = app.call(Request::get(&members).query("member_id_type", t)).await;
        assert_eq!(r.code(), code, "{t}: {}", r.body);
    }
    let r = app.call(Request::get(&members).query("page_token", "-x")).await;
    assert_error(&r, 400, 232001);
    let r = app.call(Request::post(&members).query("member_id_type", "email").json(json!({"id_list": ["a"]}))).await;
    assert_error(&r, 400, 232001);
    // Authentication comes before parameters.
    let r = app.anon().send(Request::get(CHATS).query("page_size", "abc").anonymous()).await.unwrap();
    assert_error(&r, 400, 99991661);
}

#[tokio::test]
async fn over_limit_lists() {
    let app = spawn_app().await;
    let chat = demo_chat(&app, "alice", &[]).await;
    let many: Vec<String> = (0..51).map(|i| format!("u{i}")).collect();
    let bots: Vec<String> = (0..6).map(|i| format!("cli_{i:016}")).collect();
    let members = format!("{CHATS}/{chat}/members");
    let cases = vec![
        Request::post(CHATS).json(json!({"user_id_list": many})),
        Request::post(CHATS).json(json!({"bot_id_list": bots})),
        Request::post(&members).query("member_id_type", "user_id").json(json!({"id_list": many})),
        Request::post(&members).query("member_id_type", "app_id").json(json!({"id_list": bots})),
        Request::post(&members).json(json!({"id_list": []})),
        Request::new(Method::DELETE, &members).query("member_id_type", "user_id").json(json!({"id_list": many})),
        Request::new(Method::DELETE, &members).query("member_id_type", "app_id").json(json!({"id_list": bots})),
    ];
    for req in cases {
        let r = app.call(req).await;
        assert_error(&r, 400, 232001);
    }
    let path = format!("{CHATS}/{chat}/managers/add_managers");
    let r = app.call(Request::post(&path).query("member_id_type", "user_id").json(json!({"manager_ids": many}))).await;
    assert_error(&r, 400, 232001);
    let path = format!("{CHATS}/{chat}/moderation");
    let r = app
        .call(
            Request::new(Method::PUT, &path)
                .query("user_id_type", "user_id")
                .json(json!({"moderator_added_list": many})),
        )
        .await;
    assert_error(&r, 400, 232001);
}

#[tokio::test]
async fn another_tenants_ids_name_nothing() {
    on_each_backend(|app| async move {
        let (creds, other) = app.other_tenant("Rival").await;
        let theirs = create_chat(&other, None, json!({"name": "Theirs"})).await;
        let ours = demo_chat(&app, "alice", &["bob"]).await;
        let chat = format!("{CHATS}/{theirs}");
        let (members, in_chat, me_join) =
            (format!("{chat}/members"), format!("{chat}/members/is_in_chat"), format!("{chat}/members/me_join"));
        let (managers, moderation, link) =
            (format!("{chat}/managers/add_managers"), format!("{chat}/moderation"), format!("{chat}/link"));
        let reqs = vec![
            Request::get(&chat),
            Request::new(Method::PUT, &chat).json(json!({"name": "mine now"})),
            Request::new(Method::DELETE, &chat),
            Request::post(&members).query("member_id_type", "user_id").json(json!({"id_list": ["alice"]})),
            Request::new(Method::DELETE, &members).json(json!({"id_list": [creds.admin.open_id]})),
            Request::get(&members),
            Request::get(&in_chat),
            Request::new(Method::PATCH, &me_join),
            Request::post(&managers).json(json!({"manager_ids": [creds.admin.open_id]})),
            Request::get(&moderation),
            Request::post(&link).json(json!({})),
        ];
        for req in reqs {
            let desc = format!("{} {}", req.method, req.path);
            let r = app.call(req).await;
            assert_eq!((r.status, r.code()), (400, 232006), "{desc}: {}", r.body);
        }
        let requests = format!("/open-apis/roster/v1/chats/{theirs}/join_requests");
        assert_error(&app.call(Request::get(&requests)).await, 400, 232006);
        // Their users' ids, minted for their app, are another app's open_ids here.
        let r = app
            .call(Request::post(&format!("{CHATS}/{ours}/members")).json(json!({"id_list": [creds.admin.open_id]})))
            .await;
        assert_error(&r, 400, 99992361);
        let r = app
            .call(
                Request::post(&format!("{CHATS}/{ours}/members"))
                    .query("member_id_type", "union_id")
                    .json(json!({"id_list": [creds.admin.union_id]})),
            )
            .await;
        assert_error(&r, 400, 99992364);
        let r = app
            .call(
                Request::post(&format!("{CHATS}/{ours}/members"))
                    .query("member_id_type", "user_id")
                    .json(json!({"id_list": [creds.admin.user_id]})),
            )
            .await;
        assert_error(&r, 400, 99992360);
        let r = app.call(Request::post(CHATS).json(json!({"bot_id_list": [creds.app_id]}))).await;
        assert_error(&r, 400, 232021);
        assert_eq!(member_user_ids(&app, &ours).await, ["alice", "bob"]);
        let them = other.send(Request::get(&format!("{CHATS}/{theirs}"))).await.unwrap();
        assert_eq!(
            (them.data()["name"].as_str(), them.data()["chat_status"].as_str()),
            (Some("Theirs"), Some("normal")),
            "untouched: {}",
            them.body
        );
    })
    .await;
}

#[tokio::test]
async fn roster_endpoints_reject_bad_input_with_99992402() {
    let app = spawn_app().await;
    let admin = app.user_token("admin").await;
    let token = app.client.tenant_token().await.unwrap();
    for (method, path) in
        [("PATCH", "/open-apis/roster/v1/chat_policy"), ("POST", "/open-apis/roster/v1/collaborations")]
    {
        for (tok, body) in [(&admin, "{"), (&admin, "[]"), (&token, "{\"public_chats\":\"x\",\"tenant_key\":1}")] {
            let raw = raw_http(
                app.addr,
                &format!(
                    "{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {tok}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                ),
            )
            .await;
            assert!(
                raw.starts_with("HTTP/1.1 400") && raw.contains("\"code\":99992402"),
                "{method} {path} {body}: {raw}"
            );
        }
    }
    let r = app
        .anon()
        .send(Request::post("/_roster/v1/collaborations").json(json!({"tenant_keys": ["a"]})).anonymous())
        .await
        .unwrap();
    assert_error(&r, 400, 99992402);
    let r = app
        .anon()
        .send(
            Request::post("/_roster/v1/collaborations")
                .json(json!({"tenant_keys": [app.demo.tenant_key, "ffffffffffffffff"]}))
                .anonymous(),
        )
        .await
        .unwrap();
    assert_error(&r, 400, 1903006);
}
