//! The full group story on both stores: create, read, add with each succeed_type, page through
//! members, transfer ownership, managers, approval, moderation, list and search, dissolve.

use super::*;

#[tokio::test]
async fn a_group_from_creation_to_dissolution() {
    on_each_backend(|app| async move {
        let alice = app.user_token("alice").await;
        let bob = app.user_token("bob").await;
        let frozen = frozen_user(&app, "ice").await;

        // The demo bot creates a chat owned by alice, with bob, and becomes a manager.
        let r = app
            .call(Request::post(CHATS).query("user_id_type", "user_id").query("set_bot_manager", "True").json(json!({
                "name": "Launch", "description": "ship it", "owner_id": "alice", "user_id_list": ["bob"],
                "i18n_names": {"en_us": "Launch"}, "membership_approval": "no_approval_required",
            })))
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let d = r.data();
        let chat = d["chat_id"].as_str().unwrap().to_owned();
        assert!(chat.starts_with("oc_") && chat.len() == 35, "{chat}");
        assert_eq!((d["owner_id"].as_str(), d["owner_id_type"].as_str()), (Some("alice"), Some("user_id")));
        assert_eq!(
            (d["chat_type"].as_str(), d["chat_mode"].as_str(), d["chat_tag"].as_str()),
            (Some("private"), Some("group"), Some("inner"))
        );
        assert_eq!(d["add_member_permission"], "all_members");
        assert_eq!(d["share_card_permission"], "allowed");
        assert!(d.get("user_count").is_none(), "create answers no counts");

        let got = app.call(Request::get(&format!("{CHATS}/{chat}")).query("user_id_type", "user_id")).await;
        assert_eq!(got.code(), 0, "{}", got.body);
        let g = got.data();
        assert_eq!((g["user_count"].as_str(), g["bot_count"].as_str()), (Some("2"), Some("1")), "counts are strings");
        assert_eq!(g["bot_manager_id_list"], json!([app.demo.app_id]));
        assert_eq!(g["user_manager_id_list"], json!([]));
        assert_eq!(g["tenant_key"], app.demo.tenant_key.as_str());
        assert_eq!(g["chat_status"], "normal");

        // succeed_type 0: an unknown id fails the whole call; a frozen one is skipped and reported.
        let r = add(&app, &chat, &["carol", "nobody"], 0, None).await;
        assert_error(&r, 400, 99992360);
        assert_eq!(member_user_ids(&app, &chat).await.len(), 2, "nothing was added");
        let r = add(&app, &chat, &["carol", &frozen], 0, None).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(r.data()["invalid_id_list"], json!([frozen]));
        // succeed_type 1: what can join joins, the rest is reported.
        let r = add(&app, &chat, &["dan", &frozen, "nobody"], 1, None).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(r.data()["invalid_id_list"], json!([frozen]));
        assert_eq!(r.data()["not_existed_id_list"], json!(["nobody"]));
        // succeed_type 2: anything unusable fails the call, naming it.
        let r = add(&app, &chat, &["admin", &frozen], 2, None).await;
        assert_error(&r, 400, 232043);
        assert_eq!(r.body["error"]["field_violations"][0]["value"], frozen.as_str());
        // Re-adding members is idempotent.
        let r = add(&app, &chat, &["carol", "dan"], 2, None).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(member_user_ids(&app, &chat).await, ["alice", "bob", "carol", "dan"], "join order");

        // Pages of two.
        let p1 = app
            .call(
                Request::get(&format!("{CHATS}/{chat}/members"))
                    .query("member_id_type", "user_id")
                    .query("page_size", 2),
            )
            .await;
        assert_eq!(p1.data()["member_total"], 4);
        assert_eq!(p1.data()["has_more"], true);
        let t = p1.data()["page_token"].as_str().unwrap().to_owned();
        let p2 = app
            .call(
                Request::get(&format!("{CHATS}/{chat}/members"))
                    .query("member_id_type", "user_id")
                    .query("page_size", 2)
                    .query("page_token", &t),
            )
            .await;
        assert_eq!(p2.data()["items"][0]["member_id"], "carol");
        assert_eq!(p2.data()["has_more"], false);
        assert!(p2.data().get("page_token").is_none(), "no page_token on the last page");
        assert_eq!(p2.data()["items"][0]["tenant_key"], app.demo.tenant_key.as_str());

        // alice hands the chat to bob; bob appoints carol as manager and dismisses her.
        let r = app
            .call(
                Request::new(reqwest::Method::PUT, &format!("{CHATS}/{chat}"))
                    .query("user_id_type", "user_id")
                    .token(&alice)
                    .json(json!({"owner_id": "bob"})),
            )
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let g = app.call(Request::get(&format!("{CHATS}/{chat}")).query("user_id_type", "user_id")).await;
        assert_eq!(g.data()["owner_id"], "bob");
        let r = app
            .call(
                Request::post(&format!("{CHATS}/{chat}/managers/add_managers"))
                    .query("member_id_type", "user_id")
                    .token(&bob)
                    .json(json!({"manager_ids": ["carol"]})),
            )
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(r.data()["chat_managers"], json!(["carol"]));
        assert_eq!(r.data()["chat_bot_managers"], json!([app.demo.app_id]));
        let r = app
            .call(
                Request::post(&format!("{CHATS}/{chat}/managers/delete_managers"))
                    .query("member_id_type", "user_id")
                    .token(&bob)
                    .json(json!({"manager_ids": ["carol"]})),
            )
            .await;
        assert_eq!(r.data()["chat_managers"], json!([]));

        // With approval on, alice's addition waits; bob approves it.
        let r = app
            .call(
                Request::new(reqwest::Method::PUT, &format!("{CHATS}/{chat}"))
                    .token(&bob)
                    .json(json!({"membership_approval": "approval_required"})),
            )
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let r = add(&app, &chat, &["admin"], 0, Some(&alice)).await;
        assert_eq!(r.data()["pending_approval_id_list"], json!(["admin"]));
        assert!(!member_user_ids(&app, &chat).await.contains(&"admin".to_owned()));
        let list = app
            .call(
                Request::get(&format!("/open-apis/roster/v1/chats/{chat}/join_requests"))
                    .query("user_id_type", "user_id")
                    .token(&bob),
            )
            .await;
        assert_eq!(list.code(), 0, "{}", list.body);
        let req = &list.data()["items"][0];
        assert_eq!(
            (req["user_id"].as_str(), req["status"].as_str(), req["via"].as_str()),
            (Some("admin"), Some("pending"), Some("invitation"))
        );
        let id = req["request_id"].as_str().unwrap();
        let r = app
            .call(Request::post(&format!("/open-apis/roster/v1/chats/{chat}/join_requests/{id}/approve")).token(&bob))
            .await;
        assert_eq!(r.data()["join_request"]["status"], "approved", "{}", r.body);
        assert!(member_user_ids(&app, &chat).await.contains(&"admin".to_owned()));

        // Moderation: bob lets only moderators speak and names dan.
        let r = app
            .call(
                Request::new(reqwest::Method::PUT, &format!("{CHATS}/{chat}/moderation"))
                    .query("user_id_type", "user_id")
                    .token(&bob)
                    .json(json!({"moderation_setting": "moderator_list", "moderator_added_list": ["dan"]})),
            )
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let m = app.call(Request::get(&format!("{CHATS}/{chat}/moderation")).query("user_id_type", "user_id")).await;
        assert_eq!(m.data()["moderation_setting"], "moderator_list");
        assert_eq!(m.data()["items"][0]["user_id"], "dan");

        // The chat shows up in alice's list and in search by a member's name.
        let mine = app.call(Request::get(CHATS).query("user_id_type", "user_id").token(&alice)).await;
        assert_eq!(mine.data()["items"][0]["chat_id"], chat.as_str(), "{}", mine.body);
        assert_eq!(mine.data()["items"][0]["owner_id"], "bob");
        let found = app.call(Request::get(&format!("{CHATS}/search")).query("query", "carol").token(&alice)).await;
        assert_eq!(found.data()["items"][0]["chat_id"], chat.as_str(), "{}", found.body);
        let none =
            app.call(Request::get(&format!("{CHATS}/search")).query("query", "x".repeat(65)).token(&alice)).await;
        assert_eq!(none.data()["items"], json!([]));

        // is_in_chat for the caller, user or bot.
        let r = app.call(Request::get(&format!("{CHATS}/{chat}/members/is_in_chat")).token(&alice)).await;
        assert_eq!(r.data()["is_in_chat"], true);
        // alice leaves; then she is not.
        let r = app
            .call(
                Request::new(reqwest::Method::DELETE, &format!("{CHATS}/{chat}/members"))
                    .query("member_id_type", "user_id")
                    .token(&alice)
                    .json(json!({"id_list": ["alice"]})),
            )
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let r = app.call(Request::get(&format!("{CHATS}/{chat}/members/is_in_chat")).token(&alice)).await;
        assert_eq!(r.data()["is_in_chat"], false);

        // bob dissolves it.
        let r = app.call(Request::new(reqwest::Method::DELETE, &format!("{CHATS}/{chat}")).token(&bob)).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_error(&app.call(Request::get(&format!("{CHATS}/{chat}"))).await, 400, 232009);
        let mine = app.call(Request::get(CHATS).token(&bob)).await;
        assert_eq!(mine.data()["items"], json!([]), "dissolved chats leave the lists");
    })
    .await;
}

#[tokio::test]
async fn bots_join_leave_and_are_never_listed() {
    let app = spawn_app().await;
    let (other, _) = app.other_tenant("Bots Elsewhere").await;
    let chat = demo_chat(&app, "alice", &["bob"]).await;
    // A bot of another tenant is not a bot this chat can take.
    let r = app
        .call(
            Request::post(&format!("{CHATS}/{chat}/members"))
                .query("member_id_type", "app_id")
                .query("succeed_type", 1)
                .json(json!({"id_list": [other.app_id, "bogus"]})),
        )
        .await;
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_eq!(r.data()["not_existed_id_list"], json!([other.app_id]));
    assert_eq!(r.data()["invalid_id_list"], json!(["bogus"]));
    let members = member_user_ids(&app, &chat).await;
    assert_eq!(members, ["alice", "bob"], "the bot is in the chat but never in the list");
    // The bot leaves by itself.
    let r = app
        .call(
            Request::new(reqwest::Method::DELETE, &format!("{CHATS}/{chat}/members"))
                .query("member_id_type", "app_id")
                .json(json!({"id_list": [app.demo.app_id]})),
        )
        .await;
    assert_eq!(r.code(), 0, "{}", r.body);
    let r = app.call(Request::get(&format!("{CHATS}/{chat}/members/is_in_chat"))).await;
    assert_eq!(r.data()["is_in_chat"], false);
    let alice = app.user_token("alice").await;
    let g = app.call(Request::get(&format!("{CHATS}/{chat}")).token(&alice)).await;
    assert_eq!(g.data()["bot_count"], "0");
    // A public chat: the bot joins it by itself.
    let public = create_chat(&app.client, Some(&alice), json!({"name": "Open House", "chat_type": "public"})).await;
    let r = app.call(Request::new(reqwest::Method::PATCH, &format!("{CHATS}/{public}/members/me_join"))).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    let r = app.call(Request::get(&format!("{CHATS}/{public}/members/is_in_chat"))).await;
    assert_eq!(r.data()["is_in_chat"], true);
}

#[tokio::test]
async fn uuid_makes_one_chat_per_window() {
    let app = spawn_app().await;
    let body = json!({"name": "Once", "owner_id": "alice"});
    let send =
        || app.call(Request::post(CHATS).query("user_id_type", "user_id").query("uuid", "u-1").json(body.clone()));
    let a = send().await;
    let b = send().await;
    assert_eq!(a.data()["chat_id"], b.data()["chat_id"], "same uuid and owner: one chat");
    app.anon().advance_clock(10 * 3600 + 1).await.unwrap();
    let c = send().await;
    assert_ne!(a.data()["chat_id"], c.data()["chat_id"], "after ten hours: a new one");
}

/// A user created frozen (the contact API allows it); returns its user_id.
pub async fn frozen_user(app: &TestApp, user_id: &str) -> String {
    let body = json!({"name": "Frozen", "user_id": user_id, "mobile": "+17770099999", "department_ids": ["0"], "employee_type": 1, "is_frozen": true});
    let r = app.call(Request::post("/open-apis/contact/v3/users").query("user_id_type", "user_id").json(body)).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    user_id.to_owned()
}
