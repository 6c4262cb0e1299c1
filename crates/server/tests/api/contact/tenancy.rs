//! Tenants never reach each other's users: another tenant's app, holding correct ids of every
//! type, can neither read nor change the demo tenant's users through any users endpoint.

use super::*;

#[tokio::test]
async fn another_tenant_cannot_read_or_change_our_users() {
    on_each_backend(|app| async move {
        let alice = get_user(&app, "alice").await;
        let a = alice.data()["user"].clone();
        let (open_id, union_id) = (a["open_id"].as_str().unwrap(), a["union_id"].as_str().unwrap());
        let (_, rival) = app.other_tenant("Rival").await;
        // The rival has a user "alice" of its own, with another mobile: it is that one it sees.
        let theirs = user_in(&rival, "alice", &["0"], json!({"name": "Their Alice"})).await;
        assert_ne!(theirs["open_id"], a["open_id"]);

        // Reads: by open_id (minted for the demo app), union_id (the demo developer's), user_id.
        let r = rival.send(Request::get(&format!("{USERS}/{open_id}"))).await.unwrap();
        assert_error(&r, 400, 99992361);
        let r =
            rival.send(Request::get(&format!("{USERS}/{union_id}")).query("user_id_type", "union_id")).await.unwrap();
        assert_error(&r, 400, 99992364);
        let r = rival
            .send(
                Request::get("/open-apis/contact/v3/users/batch")
                    .query("user_id_type", "user_id")
                    .query("user_ids", "alice")
                    .query("user_ids", "bob"),
            )
            .await
            .unwrap();
        assert_error(&r, 400, 99992360);
        assert!(r.msg().contains("bob"), "{}", r.msg());
        let r = rival
            .send(
                Request::get("/open-apis/contact/v3/users/batch")
                    .query("user_id_type", "union_id")
                    .query("user_ids", union_id),
            )
            .await
            .unwrap();
        assert_error(&r, 400, 99992364);
        let r = rival
            .send(
                Request::get("/open-apis/contact/v3/users/find_by_department")
                    .query("department_id", "engineering")
                    .query("department_id_type", "department_id"),
            )
            .await
            .unwrap();
        assert_error(&r, 400, 99992380);
        let r = rival
            .send(
                Request::post("/open-apis/contact/v3/users/batch_get_id")
                    .json(json!({"emails": ["alice@demo.roster.local"], "mobiles": ["+15550000001"]})),
            )
            .await
            .unwrap();
        assert_eq!(r.code(), 0, "{}", r.body);
        for entry in r.data()["user_list"].as_array().unwrap() {
            assert!(entry.get("user_id").is_none() && entry.get("status").is_none(), "{entry}");
        }

        // Changes: patch and put by open_id, update_user_id by union_id. The user_id "alice" of
        // the rival is its own Alice.
        let r = rival
            .send(Request::new(reqwest::Method::PATCH, &format!("{USERS}/{open_id}")).json(json!({"name": "Hacked"})))
            .await
            .unwrap();
        assert_error(&r, 400, 99992361);
        let body = json!({"name": "Hacked", "mobile": fresh_mobile(), "department_ids": ["0"], "employee_type": 1});
        let r = rival
            .send(
                Request::new(reqwest::Method::PUT, &format!("{USERS}/{union_id}"))
                    .query("user_id_type", "union_id")
                    .json(body),
            )
            .await
            .unwrap();
        assert_error(&r, 400, 99992364);
        let r = rival
            .send(
                Request::new(reqwest::Method::PATCH, &format!("{USERS}/{union_id}/update_user_id"))
                    .query("user_id_type", "union_id")
                    .json(json!({"new_user_id": "stolen"})),
            )
            .await
            .unwrap();
        assert_error(&r, 400, 99992364);
        let r = patch(&rival, "alice", json!({"name": "Still Theirs"})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(r.data()["user"]["open_id"], theirs["open_id"]);

        let after = get_user(&app, "alice").await;
        assert_eq!(after.data()["user"]["name"], "Alice Liddell", "ours is untouched");
        assert_eq!(after.data()["user"]["user_id"], "alice");
    })
    .await;
}
