//! Tenancy: a second tenant's app can neither see nor change the first tenant's people, even
//! with correct ids.

use crate::harness::*;
use roster_client::Request;
use serde_json::json;

#[tokio::test]
async fn tenants_never_see_each_other() {
    on_each_backend(|app| async move {
        let (_, other) = app.other_tenant("Rival").await;
        let alice = app.call(Request::get("/open-apis/contact/v3/users/alice").query("user_id_type", "user_id")).await;
        let alice_open = alice.data()["user"]["open_id"].as_str().unwrap().to_owned();
        let alice_union = alice.data()["user"]["union_id"].as_str().unwrap().to_owned();

        let r = other
            .send(Request::get("/open-apis/contact/v3/users/alice").query("user_id_type", "user_id"))
            .await
            .unwrap();
        assert_error(&r, 400, 99992360);
        let r = other.send(Request::get(&format!("/open-apis/contact/v3/users/{alice_open}"))).await.unwrap();
        assert_error(&r, 400, 99992361);
        let r = other
            .send(Request::get(&format!("/open-apis/contact/v3/users/{alice_union}")).query("user_id_type", "union_id"))
            .await
            .unwrap();
        assert_error(&r, 400, 99992364);

        let eng = app
            .call(
                Request::get("/open-apis/contact/v3/departments/engineering")
                    .query("department_id_type", "department_id"),
            )
            .await;
        let eng_open = eng.data()["department"]["open_department_id"].as_str().unwrap().to_owned();
        let r = other.send(Request::get(&format!("/open-apis/contact/v3/departments/{eng_open}"))).await.unwrap();
        assert_error(&r, 400, 99992380);
        let body = json!({"name": "Mole", "mobile": "+15557770000", "department_ids": [eng_open], "employee_type": 1});
        let r = other.send(Request::post("/open-apis/contact/v3/users").json(&body)).await.unwrap();
        assert_error(&r, 400, 99992380);
        let r = app.call(Request::get("/open-apis/contact/v3/users/alice").query("user_id_type", "user_id")).await;
        assert_eq!(r.data()["user"]["name"], "Alice Liddell", "untouched");
    })
    .await;
}

#[tokio::test]
async fn ids_differ_per_app_but_union_ids_per_developer() {
    let app = spawn_app().await;
    let (creds, other) = app.other_tenant("Second").await;
    let admin =
        other.send(Request::get(&format!("/open-apis/contact/v3/users/{}", creds.admin.open_id))).await.unwrap();
    assert_eq!(admin.code(), 0, "{}", admin.body);
    assert_ne!(creds.admin.open_id, app.demo.admin.open_id);
}
