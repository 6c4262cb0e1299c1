//! `POST /contact/v3/users/batch_get_id`: user ids by email and mobile, in the caller's id type,
//! with resigned users only on request, nothing about users out of scope, and its refusals.

use super::*;

async fn lookup(client: &Client, id_type: &str, body: Value) -> ApiResponse {
    client
        .send(Request::post("/open-apis/contact/v3/users/batch_get_id").query("user_id_type", id_type).json(body))
        .await
        .expect("batch_get_id")
}

#[tokio::test]
async fn ids_by_email_and_mobile() {
    on_each_backend_with_url(|app, url| async move {
        let alice = get_user(&app, "alice").await.data()["user"].clone();
        user_in(&app.client, "mainland", &["sales"], json!({"mobile": "+8613800000001"})).await;
        user_in(&app.client, "leaver", &["sales"], json!({"email": "leaver@demo.roster.local"})).await;
        resign(&app, &url, "leaver").await;

        let body = json!({
            "emails": ["alice@demo.roster.local", "nobody@demo.roster.local", "alice@demo.roster.local", "leaver@demo.roster.local"],
            "mobiles": ["+15550000003", "13800000001", "+19999999999"],
        });
        let r = lookup(&app.client, "user_id", body.clone()).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let list = r.data()["user_list"].as_array().unwrap().clone();
        assert_eq!(list.len(), 6, "one entry per distinct email, then per mobile: {list:?}");
        assert_eq!(list[0]["email"], "alice@demo.roster.local");
        assert_eq!(list[0]["user_id"], "alice");
        assert_eq!(list[0]["status"]["is_activated"], true);
        assert!(list[0].get("mobile").is_none());
        assert_eq!(list[1], json!({"email": "nobody@demo.roster.local"}), "not found: no user_id, no status");
        assert_eq!(list[2], json!({"email": "leaver@demo.roster.local"}), "resigned users only on request");
        assert_eq!((list[3]["mobile"].as_str(), list[3]["user_id"].as_str()), (Some("+15550000003"), Some("carol")));
        assert_eq!(list[4]["user_id"], "mainland", "a number without a country code reads as +86");
        assert_eq!(list[4]["mobile"], "13800000001", "echoed as asked");
        assert_eq!(list[5], json!({"mobile": "+19999999999"}));

        // The Python SDK's body with include_resigned; ids in the default open_id.
        let mut with_resigned = body.clone();
        with_resigned["include_resigned"] = json!(true);
        let r = lookup(&app.client, "open_id", with_resigned).await;
        let list = r.data()["user_list"].as_array().unwrap().clone();
        assert_eq!(list[0]["user_id"], alice["open_id"]);
        assert!(list[2]["user_id"].as_str().unwrap().starts_with("ou_"));
        assert_eq!(list[2]["status"]["is_resigned"], true);
        let r = lookup(&app.client, "union_id", json!({"emails": ["alice@demo.roster.local"], "include_resigned": "False"})).await;
        assert_eq!(r.data()["user_list"][0]["user_id"], alice["union_id"]);

        // Out of the app's scope: nothing to see.
        let scoped = scoped_app(&app, &url, "cli_5c09ed0000000003", &["sales"]).await;
        let r = lookup(&scoped, "user_id", json!({"emails": ["alice@demo.roster.local", "carol@demo.roster.local"]})).await;
        let list = r.data()["user_list"].as_array().unwrap().clone();
        assert_eq!(list[0], json!({"email": "alice@demo.roster.local"}));
        assert_eq!(list[1]["user_id"], "carol");
    })
    .await;
}

#[tokio::test]
async fn batch_get_id_refusals() {
    on_each_backend(|app| async move {
        let many: Vec<String> = (0..51).map(|i| format!("u{i}@x.io")).collect();
        let mobiles: Vec<String> = (0..51).map(|i| format!("+1555{i:07}")).collect();
        let cases = [
            (json!({}), "emails"),
            (json!({"emails": [], "mobiles": []}), "emails"),
            (json!({"emails": many}), "emails"),
            (json!({"mobiles": mobiles}), "mobiles"),
            (json!({"emails": "a@b.io"}), "emails"),
            (json!({"emails": ["a@b.io"], "include_resigned": "perhaps"}), "include_resigned"),
        ];
        for (body, field) in cases {
            let r = lookup(&app.client, "user_id", body.clone()).await;
            assert_error(&r, 400, 99992402);
            assert_eq!(violation(&r), field, "{body}");
        }
        let r = lookup(&app.client, "employee_id", json!({"emails": ["a@b.io"]})).await;
        assert_error(&r, 400, 99992402);
        let token = app.user_token("alice").await;
        let r = app
            .call(
                Request::post("/open-apis/contact/v3/users/batch_get_id")
                    .token(&token)
                    .json(json!({"emails": ["alice@demo.roster.local"]})),
            )
            .await;
        assert_error(&r, 400, 99991668);
        let r = app.anon().send(Request::post("/open-apis/contact/v3/users/batch_get_id").anonymous()).await.unwrap();
        assert_error(&r, 400, 99991661);
    })
    .await;
}
