//! Changing users: PATCH changes what is sent (a user token only its own names and avatar), PUT
//! replaces the whole user, update_user_id renames; each real change is announced once as
//! `contact.user.updated_v3` whose `old_object` holds only what changed.

use super::*;
use crate::events::receiver::Receiver;
use crate::events::subscribe;
use std::time::Duration;

const UPDATED: &str = "contact.user.updated_v3";

async fn updates(app: &TestApp) -> Receiver {
    let rx = Receiver::start(None).await;
    subscribe(&app.anon(), &app.demo.app_id, &rx.url, &[UPDATED], None).await;
    rx
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().cloned().collect();
    k.sort();
    k
}

#[tokio::test]
async fn patch_changes_what_is_sent_and_announces_only_that() {
    on_each_backend(|app| async move {
        let rx = updates(&app).await;
        department(&app.client, "ops", "0").await;
        let before = get_user(&app, "alice").await.data()["user"].clone();
        let engineering = app
            .call(
                Request::get("/open-apis/contact/v3/departments/engineering")
                    .query("department_id_type", "department_id"),
            )
            .await
            .data()["department"]["open_department_id"]
            .clone();

        let body = json!({
            "city": "Oxford", "department_ids": ["ops", "engineering"], "leader_user_id": "bob",
            "orders": [{"department_id": "ops", "user_order": 3, "is_primary_dept": true}],
        });
        let r = patch(&app.client, "alice", body.clone()).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let u = &r.data()["user"];
        assert_eq!((u["city"].as_str(), u["leader_user_id"].as_str()), (Some("Oxford"), Some("bob")));
        assert_eq!(u["department_ids"], json!(["ops", "engineering"]));
        assert_eq!(
            u["orders"][0],
            json!({"department_id": "ops", "user_order": 3, "department_order": 0, "is_primary_dept": true})
        );
        assert_eq!(u["orders"][1]["is_primary_dept"], false, "one primary department");
        for kept in ["name", "en_name", "email", "mobile", "employee_type", "open_id", "union_id", "join_time"] {
            assert_eq!(u[kept], before[kept], "{kept} was not sent, so it stays");
        }
        let got = get_user(&app, "alice").await;
        assert_eq!(got.data()["user"]["department_ids"], json!(["ops", "engineering"]));

        let events = rx.wait_for(1).await;
        let ev = &events[0].event;
        assert_eq!(ev["header"]["event_type"], UPDATED);
        assert_eq!(ev["event"]["object"]["city"], "Oxford");
        let old = &ev["event"]["old_object"];
        assert_eq!(keys(old), ["city", "department_ids", "leader_user_id", "orders"], "only what changed: {old}");
        assert_eq!((old["city"].as_str(), old["leader_user_id"].as_str()), (Some(""), Some("")));
        assert_eq!(old["department_ids"], json!([engineering]));

        // The same patch again changes nothing: no event. The next real change is the second.
        let r = patch(&app.client, "alice", body).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let r = patch(&app.client, "alice", json!({"name": "Alice L.", "mobile_visible": "False"})).await;
        assert_eq!(
            (r.data()["user"]["name"].as_str(), r.data()["user"]["mobile_visible"].as_bool()),
            (Some("Alice L."), Some(false))
        );
        let events = rx.wait_for(2).await;
        assert_eq!(events[1].event["event"]["old_object"], json!({"name": "Alice Liddell", "mobile_visible": true}));
        rx.stays_at(2, Duration::from_millis(300)).await;

        // A user token changes its own names and avatar, and nothing else.
        let alice = app.user_token("alice").await;
        let r = change(
            &app.client,
            reqwest::Method::PATCH,
            "alice",
            json!({"name": "Ally", "en_name": "Ally"}),
            Some(&alice),
        )
        .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(r.data()["user"]["en_name"], "Ally");
        let r = change(
            &app.client,
            reqwest::Method::PATCH,
            "alice",
            json!({"name": "Ally", "city": "Paris"}),
            Some(&alice),
        )
        .await;
        assert_error(&r, 400, 99992402);
        assert_eq!(violation(&r), "city");
        let r = change(&app.client, reqwest::Method::PATCH, "alice", json!({"is_frozen": true}), Some(&alice)).await;
        assert_error(&r, 400, 99992402);
        let r = change(&app.client, reqwest::Method::PATCH, "bob", json!({"name": "Bobby"}), Some(&alice)).await;
        assert_error(&r, 403, 41050);
        assert_eq!(get_user(&app, "bob").await.data()["user"]["name"], "Bob Builder");
    })
    .await;
}

#[tokio::test]
async fn put_replaces_the_whole_user() {
    on_each_backend(|app| async move {
        let made = user_in(
            &app.client,
            "whole",
            &["engineering"],
            json!({"en_name": "Whole", "city": "Rome", "leader_user_id": "alice", "job_title": "Chef",
                   "email": "whole@demo.roster.local", "gender": 2, "join_time": 1_600_000_000,
                   "custom_attrs": [{"type": "TEXT", "id": "C-1", "value": {"text": "x"}}]}),
        )
        .await;
        let mobile = get_user(&app, "whole").await.data()["user"]["mobile"].as_str().map(str::to_owned);
        assert!(mobile.is_some());
        let body = json!({"name": "Replaced", "mobile": mobile, "department_ids": ["sales"], "employee_type": 2});
        let r = put(&app.client, "whole", body).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let u = &r.data()["user"];
        assert_eq!(
            (u["name"].as_str(), u["en_name"].as_str(), u["city"].as_str()),
            (Some("Replaced"), Some(""), Some(""))
        );
        assert_eq!(
            (u["job_title"].as_str(), u["gender"].as_i64(), u["employee_type"].as_i64()),
            (Some(""), Some(0), Some(2))
        );
        assert!(
            u.get("leader_user_id").is_none() && u.get("email").is_none() && u.get("custom_attrs").is_none(),
            "{u}"
        );
        assert_eq!(u["department_ids"], json!(["sales"]));
        assert_eq!(u["join_time"], 1_600_000_000, "join_time is kept unless sent");
        assert_eq!(u["open_id"], made["open_id"]);

        let required = [
            (json!({"mobile": mobile, "department_ids": ["sales"], "employee_type": 1}), 41006),
            (json!({"name": "X", "mobile": mobile, "employee_type": 1}), 41017),
            (json!({"name": "X", "department_ids": ["sales"], "employee_type": 1}), 41009),
            (json!({"name": "X", "mobile": mobile, "department_ids": ["sales"]}), 99992402),
        ];
        for (body, code) in required {
            let r = put(&app.client, "whole", body.clone()).await;
            assert_error(&r, 400, code);
            if code == 99992402 {
                assert_eq!(violation(&r), "employee_type");
            }
        }
        let r = put(
            &app.client,
            "whole",
            json!({"name": "X", "mobile": mobile, "department_ids": ["sales"], "employee_type": 1, "user_id": "other"}),
        )
        .await;
        assert_error(&r, 400, 99992402);
        assert_eq!(violation(&r), "user_id");
        let whole = app.user_token("whole").await;
        let body = json!({"name": "Self", "mobile": mobile, "department_ids": ["sales"], "employee_type": 1});
        let r = change(&app.client, reqwest::Method::PUT, "whole", body, Some(&whole)).await;
        assert_error(&r, 400, 99991668);
        assert_eq!(get_user(&app, "whole").await.data()["user"]["name"], "Replaced");
    })
    .await;
}

/// `PATCH …/users/:path_id/update_user_id` as the demo app (or with `token`).
async fn rename(app: &TestApp, path_id: &str, id_type: &str, body: Value, token: Option<&str>) -> ApiResponse {
    let path = format!("{USERS}/{path_id}/update_user_id");
    let mut req = Request::new(reqwest::Method::PATCH, &path).query("user_id_type", id_type).json(body);
    if let Some(t) = token {
        req = req.token(t);
    }
    app.call(req).await
}

#[tokio::test]
async fn update_user_id_renames_and_keeps_open_ids() {
    on_each_backend(|app| async move {
        let rx = updates(&app).await;
        let made = user_in(&app.client, "renamee", &["sales"], json!({})).await;
        let open_id = made["open_id"].as_str().unwrap().to_owned();

        let r = rename(&app, &open_id, "open_id", json!({"new_user_id": "renamed"}), None).await;
        assert_eq!((r.code(), r.data().clone()), (0, json!({})), "{}", r.body);
        assert_error(&get_user(&app, "renamee").await, 400, 99992360);
        let got = get_user(&app, "renamed").await;
        assert_eq!(got.data()["user"]["open_id"], open_id.as_str());
        let events = rx.wait_for(1).await;
        assert_eq!(events[0].event["event"]["old_object"], json!({"user_id": "renamee"}));
        assert_eq!(events[0].event["event"]["object"]["user_id"], "renamed");

        // Renaming to the same id changes nothing and announces nothing.
        let r = rename(&app, "renamed", "user_id", json!({"new_user_id": "renamed"}), None).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        rx.stays_at(1, Duration::from_millis(300)).await;

        let refusals = [
            (json!({"new_user_id": "alice"}), 41011),
            (json!({"new_user_id": "a b"}), 41012),
            (json!({"new_user_id": "x".repeat(65)}), 41012),
            (json!({"new_user_id": ""}), 99992402),
            (json!({}), 99992402),
            (json!({"new_user_id": 7}), 99992402),
        ];
        for (body, code) in refusals {
            let r = rename(&app, "renamed", "user_id", body.clone(), None).await;
            assert_error(&r, 400, code);
            if code == 99992402 {
                assert_eq!(violation(&r), "new_user_id", "{body}");
            }
        }
        let r = rename(&app, "nobody", "user_id", json!({"new_user_id": "fresh"}), None).await;
        assert_error(&r, 400, 99992360);
        let token = app.user_token("renamed").await;
        let r = rename(&app, "renamed", "user_id", json!({"new_user_id": "mine"}), Some(&token)).await;
        assert_error(&r, 400, 99991668);
        assert_eq!(get_user(&app, "renamed").await.code(), 0);
    })
    .await;
}
