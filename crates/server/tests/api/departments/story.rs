//! The life of a department through every endpoint, in both id types: create, get, batch,
//! patch, put, a new custom id, delete; plus `client_token` idempotency and member counts.

use super::*;

#[tokio::test]
async fn a_department_is_created_read_changed_renamed_and_deleted() {
    on_each_backend(|app| async move {
        let c = &app.client;
        let body = json!({
            "name": " R&D ", "department_id": "rd", "parent_department_id": "0", "leader_user_id": "alice",
            "i18n_name": {"zh_cn": "研发", "en_us": "R&D"}, "order": "10", "unit_ids": ["u1"],
            "group_chat_employee_types": [1, 2]
        });
        let r = create(c, body).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let rd = r.data()["department"].clone();
        assert_eq!(rd["name"], "R&D", "names are trimmed");
        assert_eq!(rd["i18n_name"], json!({"zh_cn": "研发", "en_us": "R&D"}));
        assert_eq!((rd["department_id"].as_str(), rd["parent_department_id"].as_str()), (Some("rd"), Some("0")));
        assert!(rd["open_department_id"].as_str().unwrap().starts_with("od-"), "{rd}");
        assert_eq!(rd["leader_user_id"], "alice");
        assert_eq!(rd["leaders"], json!([{"leaderType": 1, "leaderID": "alice"}]));
        assert_eq!((rd["order"].as_str(), rd["unit_ids"].clone()), (Some("10"), json!(["u1"])));
        assert_eq!(rd["group_chat_employee_types"], json!([1, 2]));
        assert_eq!((rd["member_count"].as_i64(), rd["status"]["is_deleted"].as_bool()), (Some(0), Some(false)));
        let rd_open = rd["open_department_id"].as_str().unwrap().to_owned();

        // Default id types: open_department_id and open_id, and a generated custom id.
        let alice_open = crate::chats::open_id(&app, "alice").await;
        let r = app
            .call(Request::post(DEPTS).json(json!({"name": "Lab", "parent_department_id": rd_open, "leader_user_id": alice_open})))
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let lab = r.data()["department"].clone();
        assert_eq!(lab["parent_department_id"], rd_open.as_str());
        assert_eq!(lab["leader_user_id"], alice_open.as_str());
        let lab_id = lab["department_id"].as_str().unwrap().to_owned();
        assert!(lab_id.starts_with('D') && lab_id.len() == 11, "{lab_id}");
        assert_eq!(lab["order"], "0", "the first child gets order 0");

        let by_open = app.call(Request::get(&format!("{DEPTS}/{rd_open}"))).await;
        assert_eq!(by_open.data()["department"]["department_id"], "rd");
        assert_eq!(get(c, "rd").await.data()["department"]["open_department_id"], rd_open.as_str());

        let batch = send(c, Method::GET, &format!("{DEPTS}/batch"), &[
            ("department_ids", &lab_id), ("department_ids", "nope"), ("department_ids", "rd"), ("department_ids", &lab_id),
        ], None)
        .await;
        assert_eq!(batch.code(), 0, "{}", batch.body);
        let got: Vec<&str> = batch.data()["items"].as_array().unwrap().iter().map(|d| d["department_id"].as_str().unwrap()).collect();
        assert_eq!(got, [lab_id.as_str(), "rd"], "asked order, each once, unknown ids left out");

        let r = patch(c, "rd", json!({"name": "Research", "leader_user_id": "bob", "leaders": [{"leader_type": 1, "leader_id": "bob"}, {"leaderType": 2, "leaderID": "alice"}]})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let d = &r.data()["department"];
        assert_eq!((d["name"].as_str(), d["leader_user_id"].as_str()), (Some("Research"), Some("bob")));
        assert_eq!(d["leaders"], json!([{"leaderType": 1, "leaderID": "bob"}, {"leaderType": 2, "leaderID": "alice"}]));
        assert_eq!((d["order"].as_str(), d["unit_ids"].clone()), (Some("10"), json!(["u1"])), "patch leaves the rest");
        let r = patch(c, "rd", json!({"leader_user_id": "carol"})).await;
        assert_eq!(
            r.data()["department"]["leaders"],
            json!([{"leaderType": 1, "leaderID": "carol"}, {"leaderType": 2, "leaderID": "alice"}]),
            "a new main leader keeps the deputies"
        );

        let r = put(c, &lab_id, json!({"name": "Lab 2", "parent_department_id": "0"})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let d = &r.data()["department"];
        assert_eq!((d["name"].as_str(), d["parent_department_id"].as_str()), (Some("Lab 2"), Some("0")));
        assert!(d.get("leader_user_id").is_none() && d.get("leaders").is_none(), "put empties what it is not sent: {d}");

        let r = rename_id(c, &lab_id, "lab").await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(r.data(), &json!({}));
        assert_eq!(get(c, "lab").await.data()["department"]["name"], "Lab 2");
        assert_error(&get(c, &lab_id).await, 400, 99992380);

        let r = delete(c, "lab").await;
        assert_eq!((r.code(), r.data().clone()), (0, json!({})), "{}", r.body);
        assert_error(&get(c, "lab").await, 400, 99992380);
        assert_error(&delete(c, "lab").await, 400, 99992380);
        assert_eq!(all_children(c, "0", false, 50).await, ["engineering", "sales", "rd"]);
    })
    .await;
}

#[tokio::test]
async fn member_counts_include_everything_below() {
    on_each_backend(|app| async move {
        make(&app, "ops", "0").await;
        make(&app, "ops-eu", "ops").await;
        member(&app, "m-ops", &["ops"], 1).await;
        member(&app, "m-eu", &["ops-eu", "ops"], 1).await;
        member(&app, "m-sales", &["sales", "ops"], 1).await;
        let d = get(&app.client, "ops").await.data()["department"].clone();
        assert_eq!(
            (d["member_count"].as_i64(), d["primary_member_count"].as_i64()),
            (Some(3), Some(2)),
            "m-sales counts, but their primary department is elsewhere"
        );
        let eu = get(&app.client, "ops-eu").await.data()["department"].clone();
        assert_eq!((eu["member_count"].as_i64(), eu["primary_member_count"].as_i64()), (Some(1), Some(1)));
        let eng = get(&app.client, "engineering").await.data()["department"].clone();
        assert_eq!(eng["member_count"], 2, "alice and bob");
    })
    .await;
}

#[tokio::test]
async fn a_client_token_makes_create_idempotent() {
    on_each_backend(|app| async move {
        let c = &app.client;
        let body = json!({"name": "Once", "parent_department_id": "0"});
        let first = send(c, Method::POST, DEPTS, &[("client_token", "tok-1")], Some(body.clone())).await;
        assert_eq!(first.code(), 0, "{}", first.body);
        let again = send(c, Method::POST, DEPTS, &[("client_token", "tok-1")], Some(body.clone())).await;
        assert_eq!(again.code(), 0, "{}", again.body);
        assert_eq!(first.data()["department"]["open_department_id"], again.data()["department"]["open_department_id"]);
        assert_eq!(all_children(c, "0", false, 50).await.len(), 3, "one department made");
        let other = send(
            c,
            Method::POST,
            DEPTS,
            &[("client_token", "tok-1")],
            Some(json!({"name": "Twice", "parent_department_id": "0"})),
        )
        .await;
        assert_error(&other, 400, 40021);
        let without = create(c, body).await;
        assert_error(&without, 400, 40018);
    })
    .await;
}
