//! Freezing through `PATCH … {"is_frozen": true}`: the user's existing user token stops working
//! at once and the login page refuses them, they stay listed with `status.is_frozen`, and
//! unfreezing restores both the token and sign-in.

use super::*;
use crate::auth::{Browser, PASSWORD};

const BOB_EMAIL: &str = "bob@demo.roster.local";

async fn as_bob(app: &TestApp, token: &str) -> ApiResponse {
    app.call(Request::get(&format!("{USERS}/alice")).query("user_id_type", "user_id").token(token)).await
}

#[tokio::test]
async fn a_frozen_user_is_shut_out_at_once_and_unfreezing_lets_them_back() {
    on_each_backend(|app| async move {
        let token = app.user_token("bob").await;
        assert_eq!(as_bob(&app, &token).await.code(), 0);

        // Python sends booleans in bodies as JSON booleans; the "True" spelling is taken too.
        let r = patch(&app.client, "bob", json!({"is_frozen": "True"})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(
            (r.data()["user"]["is_frozen"].as_bool(), r.data()["user"]["status"]["is_frozen"].as_bool()),
            (Some(true), Some(true))
        );

        // The token bob already holds stops working with the very next request.
        assert_error(&as_bob(&app, &token).await, 400, 99991668);
        let mut browser = Browser::new(&app);
        let page = browser.open(&app.demo.app_id, &[]).await;
        browser.sign_in(&page, BOB_EMAIL, PASSWORD).await.assert_html(403, "frozen");
        let r = app
            .anon()
            .send(
                Request::post("/_roster/v1/user_access_token")
                    .json(json!({"app_id": app.demo.app_id, "user_id": "bob", "user_id_type": "user_id"}))
                    .anonymous(),
            )
            .await
            .unwrap();
        assert_ne!(r.code(), 0, "no new tokens for a frozen user: {}", r.body);

        // Still a member: listed in his department and readable, flagged frozen.
        let r = app
            .call(
                Request::get("/open-apis/contact/v3/users/find_by_department")
                    .query("department_id", "engineering")
                    .query("department_id_type", "department_id")
                    .query("user_id_type", "user_id"),
            )
            .await;
        let items = r.data()["items"].as_array().unwrap().clone();
        let listed = items.iter().find(|u| u["user_id"] == "bob").expect("bob stays listed");
        assert_eq!(listed["status"]["is_frozen"], true);
        let got = get_user(&app, "bob").await;
        assert_eq!(got.data()["user"]["status"]["is_frozen"], true);
        let r = app
            .call(
                Request::get("/open-apis/contact/v3/users/batch")
                    .query("user_id_type", "user_id")
                    .query("user_ids", "bob"),
            )
            .await;
        assert_eq!(r.data()["items"][0]["status"]["is_frozen"], true);

        // Unfrozen (Python's "False" too): the old token works again, and bob signs in.
        let r = patch(&app.client, "bob", json!({"is_frozen": "False"})).await;
        assert_eq!(r.data()["user"]["status"]["is_frozen"], false, "{}", r.body);
        assert_eq!(as_bob(&app, &token).await.code(), 0);
        let page = browser.open(&app.demo.app_id, &[]).await;
        let done = browser.sign_in(&page, BOB_EMAIL, PASSWORD).await;
        assert!(done.redirect_param("code").is_some(), "signed in: {}", done.body);
        assert!(!app.user_token("bob").await.is_empty());
    })
    .await;
}
