//! Every §3.6 code Roster produces, per endpoint, each with its HTTP status (all 400). Codes
//! Roster never produces are listed in README "Group chats" with the reason.

use super::story::frozen_user;
use super::*;
use reqwest::Method;

fn put(path: &str) -> Request<'_> {
    Request::new(Method::PUT, path)
}

fn delete(path: &str) -> Request<'_> {
    Request::new(Method::DELETE, path)
}

async fn create(app: &TestApp, token: Option<&str>, body: Value) -> ApiResponse {
    let mut req = Request::post(CHATS).query("user_id_type", "user_id").json(body);
    if let Some(t) = token {
        req = req.token(t);
    }
    app.call(req).await
}

#[tokio::test]
async fn create_codes() {
    let (app, url) = spawn_tweaked(|_| {}).await;
    let alice = app.user_token("alice").await;
    let frozen = frozen_user(&app, "ice").await;
    resign(&url, "dan").await;
    let cases: Vec<(Value, i64)> = vec![
        (json!({"chat_type": "secret"}), 232001),
        (json!({"chat_mode": "topic"}), 232001),
        (json!({"user_id_list": "bob"}), 232001),
        (json!({"name": "a", "chat_type": "public"}), 232020),
        (json!({"name": " ", "chat_type": "public"}), 232042),
        (json!({"bot_id_list": ["cli_0000000000000000"]}), 232021),
        (json!({"user_id_list": ["dan"]}), 232022),
        (json!({"owner_id": "dan"}), 232022),
        (json!({"user_id_list": ["nobody"]}), 232030),
        (json!({"owner_id": "nobody"}), 232030),
        (json!({"user_id_list": [frozen]}), 232043),
        (json!({"name": "Both", "chat_type": "public", "external": true, "owner_id": "alice"}), 232069),
        (json!({"avatar": "http://example.com/a.png"}), 232041),
        (json!({"restricted_mode_setting": {"status": true}}), 232001),
        (json!({"user_id_list": vec!["bob"; 51]}), 232001),
        (json!({"external": true}), 232001),
    ];
    for (body, code) in cases {
        let r = create(&app, None, body.clone()).await;
        assert_error(&r, 400, code);
        let _ = &body;
    }
    create_chat(&app.client, None, json!({"name": "Town Hall", "chat_type": "public"})).await;
    assert_error(&create(&app, Some(&alice), json!({"name": "Town Hall", "chat_type": "public"})).await, 400, 232026);

    // The tenant's policy: no public groups, groups by admins only, a lower member cap.
    set_policy(&app, json!({"public_chats": false})).await;
    assert_error(&create(&app, None, json!({"name": "Open", "chat_type": "public"})).await, 400, 232091);
    set_policy(&app, json!({"group_creation": "tenant_admins", "max_chat_members": 2})).await;
    assert_error(&create(&app, Some(&alice), json!({"name": "Mine"})).await, 400, 232014);
    let admin = app.user_token("admin").await;
    assert_error(&create(&app, Some(&admin), json!({"user_id_list": ["bob", "carol"]})).await, 400, 232044);
    assert_eq!(create(&app, Some(&admin), json!({"user_id_list": ["bob"]})).await.code(), 0);

    // The calling app's bot ability is off.
    let r = app
        .anon()
        .send(
            Request::new(Method::PATCH, &format!("/_roster/v1/apps/{}/bot", app.demo.app_id))
                .json(json!({"enabled": false}))
                .anonymous(),
        )
        .await
        .unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_error(&create(&app, None, json!({"name": "x"})).await, 400, 232025);
    assert_error(&app.call(Request::get(CHATS)).await, 400, 232025);
}

#[tokio::test]
async fn create_codes_with_external_users() {
    let app = spawn_app().await;
    let p = partner(&app).await;
    let r = app.call(Request::post(CHATS).json(json!({"owner_id": p.open_id}))).await;
    assert_error(&r, 400, 232032);
    let r = app.call(Request::post(CHATS).json(json!({"user_id_list": [p.open_id]}))).await;
    assert_error(&r, 400, 232028);
    let r = app
        .call(
            Request::post(CHATS)
                .json(json!({"user_id_list": [p.open_id], "external": true, "owner_id": open_id(&app, "alice").await})),
        )
        .await;
    assert_eq!(r.code(), 0, "an external chat takes them: {}", r.body);
    set_policy(&app, json!({"members_may_add_external": false})).await;
    let alice = app.user_token("alice").await;
    let r =
        app.call(Request::post(CHATS).token(&alice).json(json!({"user_id_list": [p.open_id], "external": true}))).await;
    assert_error(&r, 400, 232024);
}

#[tokio::test]
async fn get_update_and_dissolve_codes() {
    let app = spawn_app().await;
    let (_, stranger) = app.other_tenant("Stranger").await;
    let (alice, bob, carol) =
        (app.user_token("alice").await, app.user_token("bob").await, app.user_token("carol").await);
    let chat = demo_chat(&app, "alice", &["bob"]).await;
    let path = format!("{CHATS}/{chat}");

    // get: 232006 (bad id, or another tenant's chat), 232011 (not a member of a private chat)
    assert_error(&app.call(Request::get(&format!("{CHATS}/oc_nope"))).await, 400, 232006);
    assert_error(&stranger.send(Request::get(&path)).await.unwrap(), 400, 232006);
    assert_error(&app.call(Request::get(&path).token(&carol)).await, 400, 232011);

    // update
    let cases: Vec<(Option<&str>, Value, i64)> = vec![
        (None, json!({"chat_type": "nope"}), 232001),
        (None, json!({"add_member_permission": "only_owner"}), 232001),
        (Some(&carol), json!({"name": "x"}), 232011),
        (Some(&bob), json!({"add_member_permission": "only_owner", "share_card_permission": "not_allowed"}), 232016),
        (None, json!({"owner_id": "carol"}), 232012),
        (None, json!({"owner_id": "nobody"}), 232035),
        (None, json!({"owner_id": "a b"}), 232030),
        (None, json!({"chat_type": "public", "name": "a"}), 232020),
        (None, json!({"avatar": "not an avatar"}), 232041),
    ];
    for (token, body, code) in cases {
        let mut req = put(&path).query("user_id_type", "user_id").json(body.clone());
        if let Some(t) = token {
            req = req.token(t);
        }
        let r = app.call(req).await;
        assert_error(&r, 400, code);
        let _ = &body;
    }
    let r = app.call(put(&path).json(json!({"edit_permission": "only_owner"}))).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_error(&app.call(put(&path).token(&bob).json(json!({"name": "Bob's"}))).await, 400, 232002);
    // A public name already taken; an external chat cannot go public; policy forbids public chats.
    create_chat(&app.client, None, json!({"name": "Agora", "chat_type": "public"})).await;
    assert_error(&app.call(put(&path).json(json!({"chat_type": "public", "name": "Agora"}))).await, 400, 232026);
    let p = partner(&app).await;
    let ext = format!("{CHATS}/{}", p.external_chat);
    assert_error(&app.call(put(&ext).json(json!({"chat_type": "public"}))).await, 400, 232069);
    assert_error(&app.call(put(&ext).json(json!({"owner_id": p.open_id}))).await, 400, 232031);
    // A collaborating tenant's caller who is not a member learns the chat is another tenant's.
    assert_error(&p.client.send(Request::get(&path)).await.unwrap(), 400, 232010);
    set_policy(&app, json!({"public_chats": false})).await;
    assert_error(&app.call(put(&path).json(json!({"chat_type": "public", "name": "Forum"}))).await, 400, 232091);

    // dissolve: 232017 for a member who is not the owner, 232011 outside, 232009 twice.
    assert_error(&app.call(delete(&path).token(&bob)).await, 400, 232017);
    assert_error(&app.call(delete(&path).token(&carol)).await, 400, 232011);
    assert_eq!(app.call(delete(&path).token(&alice)).await.code(), 0);
    assert_error(&app.call(delete(&path).token(&alice)).await, 400, 232009);
    assert_error(&app.call(put(&path).json(json!({"name": "again"}))).await, 400, 232009);
}

#[tokio::test]
async fn member_codes() {
    let (app, url) = spawn_tweaked(|c| c.chats.max_members = 5).await;
    let (bob, carol) = (app.user_token("bob").await, app.user_token("carol").await);
    let eve = make_users(&app, "eve", 2).await;
    let eve1 = app.user_token(&eve[1]).await;
    let chat = demo_chat(&app, "alice", &["bob"]).await;
    let members = format!("{CHATS}/{chat}/members");

    // add
    assert_error(&add(&app, &chat, &["carol"], 7, None).await, 400, 232001);
    assert_error(&add(&app, "oc_nope", &["carol"], 0, None).await, 400, 232006);
    assert_error(&add(&app, &chat, &["dan"], 0, Some(&carol)).await, 400, 232011);
    assert_error(&add(&app, &chat, &["nobody"], 0, None).await, 400, 99992360);
    assert_error(&app.call(Request::post(&members).json(json!({"id_list": ["ou_0000"]}))).await, 400, 99992351);
    let r = app
        .call(Request::post(&members).query("member_id_type", "union_id").json(json!({"id_list": ["on_0000"]})))
        .await;
    assert_error(&r, 400, 99992364);
    resign(&url, "dan").await;
    assert_error(&add(&app, &chat, &["dan"], 0, None).await, 400, 232027);
    assert_error(&add(&app, &chat, &["admin", "carol", &eve[0], &eve[1]], 0, None).await, 400, 232013);
    assert_eq!(member_user_ids(&app, &chat).await, ["alice", "bob"], "a refused call adds nobody");
    let r = app
        .call(
            put(&format!("{CHATS}/{chat}"))
                .json(json!({"add_member_permission": "only_owner", "share_card_permission": "not_allowed"})),
        )
        .await;
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_error(&add(&app, &chat, &["carol"], 0, Some(&bob)).await, 400, 232017);
    let r = app
        .call(
            put(&format!("{CHATS}/{chat}"))
                .json(json!({"add_member_permission": "all_members", "share_card_permission": "allowed"})),
        )
        .await;
    assert_eq!(r.code(), 0, "{}", r.body);
    set_policy(&app, json!({"max_chat_members": 3})).await;
    assert_error(&add(&app, &chat, &["carol", "admin"], 0, None).await, 400, 232044);
    set_policy(&app, json!({"max_chat_members": 0, "member_addition": "tenant_admins"})).await;
    assert_error(&add(&app, &chat, &["carol"], 0, Some(&bob)).await, 400, 232017);
    set_policy(&app, json!({"member_addition": "everyone"})).await;
    assert_eq!(add(&app, &chat, &["carol"], 0, Some(&bob)).await.code(), 0);

    // remove
    let remove = |ids: Vec<&str>, token: Option<String>| {
        let mut req = delete(&members).query("member_id_type", "user_id").json(json!({ "id_list": ids }));
        if let Some(t) = token {
            req = req.token(t);
        }
        app.call(req)
    };
    assert_error(&remove(vec!["alice"], None).await, 400, 232076);
    assert_error(&remove(vec!["carol"], Some(bob.clone())).await, 400, 232014);
    assert_error(&remove(vec!["bob"], Some(eve1.clone())).await, 400, 232011);
    assert_error(&remove(vec!["nobody", "admin"], None).await, 400, 232027);
    assert_error(&remove(vec![], None).await, 400, 232001);
    let r = remove(vec!["carol", "nobody"], None).await;
    assert_eq!(r.data()["invalid_id_list"], json!(["nobody"]), "{}", r.body);

    // me_join
    assert_error(&me_join(&app, &chat, &carol).await, 400, 232008);
    let public = create_chat(
        &app.client,
        None,
        json!({"name": "Plaza", "chat_type": "public", "membership_approval": "approval_required"}),
    )
    .await;
    assert_error(&me_join(&app, &public, &carol).await, 400, 232075);
    let full = create_chat(&app.client, None, json!({"name": "Packed", "chat_type": "public", "owner_id": "alice", "user_id_list": ["bob", "admin", "carol"]})).await;
    assert_eq!(add(&app, &full, &[&eve[0]], 0, None).await.code(), 0);
    assert_error(&me_join(&app, &full, &eve1).await, 400, 232013);
    assert_error(&me_join(&app, "oc_nope", &carol).await, 400, 232006);

    // list members and is_in_chat
    assert_error(&app.call(Request::get(&members).token(&carol)).await, 400, 232011);
    assert_error(&app.call(Request::get(&members).query("page_size", 101)).await, 400, 232001);
    assert_error(&app.call(Request::get(&members).query("member_id_type", "app_id")).await, 400, 232001);
    assert_error(&app.call(Request::get(&format!("{CHATS}/oc_nope/members/is_in_chat"))).await, 400, 232006);
    assert_eq!(app.call(delete(&format!("{CHATS}/{full}"))).await.code(), 0);
    assert_error(&app.call(Request::get(&format!("{CHATS}/{full}/members"))).await, 400, 232009);
    assert_error(&add(&app, &full, &["bob"], 0, None).await, 400, 232009);
}

#[tokio::test]
async fn manager_and_moderation_codes() {
    let app = spawn_app().await;
    let (alice, bob) = (app.user_token("alice").await, app.user_token("bob").await);
    let people = make_users(&app, "crew", 11).await;
    let mut all: Vec<&str> = vec!["bob"];
    all.extend(people.iter().map(String::as_str));
    let chat = demo_chat(&app, "alice", &all).await;
    assert_error(&managers(&app, &chat, "add_managers", vec!["carol"], &alice).await, 400, 232027);
    assert_error(&managers(&app, &chat, "add_managers", vec!["bob"], &bob).await, 400, 232038);
    assert_error(&managers(&app, &chat, "add_managers", vec![], &alice).await, 400, 232001);
    let carol = app.user_token("carol").await;
    assert_error(&managers(&app, &chat, "add_managers", vec!["bob"], &carol).await, 400, 232011);
    let ten: Vec<&str> = people[..10].iter().map(String::as_str).collect();
    let r = managers(&app, &chat, "add_managers", ten, &alice).await;
    assert_eq!(r.code(), 0, "ten managers: {}", r.body);
    assert_error(&managers(&app, &chat, "add_managers", vec![&people[10]], &alice).await, 400, 232040);
    let r = managers(&app, &chat, "delete_managers", vec![&people[0]], &alice).await;
    assert_eq!(r.data()["chat_managers"].as_array().map(Vec::len), Some(9));
    app.call(delete(&format!("{CHATS}/{chat}"))).await;
    assert_error(&managers(&app, &chat, "add_managers", vec!["bob"], &alice).await, 400, 232009);

    let chat = demo_chat(&app, "alice", &["bob"]).await;
    let moderation = format!("{CHATS}/{chat}/moderation");
    let r = app
        .call(put(&moderation).query("user_id_type", "app_id").json(json!({"moderation_setting": "only_owner"})))
        .await;
    assert_error(&r, 400, 232015);
    assert_error(
        &app.call(put(&moderation).token(&bob).json(json!({"moderation_setting": "only_owner"}))).await,
        400,
        232017,
    );
    assert_error(
        &app.call(put(&moderation).token(&carol).json(json!({"moderation_setting": "only_owner"}))).await,
        400,
        232011,
    );
    assert_error(&app.call(put(&moderation).json(json!({"moderation_setting": "everyone"}))).await, 400, 232001);
    assert_error(
        &app.call(put(&moderation).query("user_id_type", "user_id").json(json!({"moderator_added_list": ["carol"]})))
            .await,
        400,
        232001,
    );
    assert_error(&app.call(put("/open-apis/im/v1/chats/oc_nope/moderation").json(json!({}))).await, 400, 232006);
    assert_error(&app.call(Request::get(&moderation).token(&carol)).await, 400, 232011);
}

async fn me_join(app: &TestApp, chat: &str, token: &str) -> ApiResponse {
    let path = format!("{CHATS}/{chat}/members/me_join");
    app.call(Request::new(Method::PATCH, &path).token(token)).await
}

async fn managers(app: &TestApp, chat: &str, what: &str, ids: Vec<&str>, token: &str) -> ApiResponse {
    let path = format!("{CHATS}/{chat}/managers/{what}");
    app.call(Request::post(&path).query("member_id_type", "user_id").token(token).json(json!({ "manager_ids": ids })))
        .await
}
