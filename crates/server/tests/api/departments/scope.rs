//! Who sees what: an app scoped to some departments reaches only those subtrees (40004, 40014,
//! 40007), and another tenant's app can neither see nor change the demo tenant's departments,
//! even with their correct ids.

use super::*;

#[tokio::test]
async fn a_scoped_app_sees_and_changes_only_its_subtrees() {
    on_each_backend(|app| async move {
        let c = &app.client;
        make(&app, "eng-a", "engineering").await;
        make(&app, "eng-b", "engineering").await;
        make(&app, "eng-a1", "eng-a").await;
        make(&app, "sales-x", "sales").await;
        set_scope(&app.anon(), &app.demo.app_id, Some(&["eng-a", "sales"])).await;

        assert_eq!(get(c, "eng-a1").await.code(), 0);
        assert_error(&get(c, "engineering").await, 403, 40004);
        assert_error(&get(c, "eng-b").await, 403, 40004);
        assert_error(&get(c, "0").await, 403, 40004);
        let q: Vec<(&str, &str)> =
            ["eng-b", "eng-a1", "sales-x", "engineering"].iter().map(|i| ("department_ids", *i)).collect();
        let batch = send(c, Method::GET, &format!("{DEPTS}/batch"), &q, None).await;
        let ids: Vec<&str> =
            batch.data()["items"].as_array().unwrap().iter().map(|d| d["department_id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["eng-a1", "sales-x"], "out-of-scope ids are left out");

        assert_error(&children(c, "0", &[]).await, 403, 40004);
        assert_error(&children(c, "engineering", &[]).await, 403, 40004);
        assert_eq!(all_children(c, "eng-a", true, 10).await, ["eng-a1"]);
        assert_eq!(all_parents(c, "eng-a1", 10).await, ["eng-a"], "the chain stops where the scope ends");
        assert_eq!(all_parents(c, "sales-x", 10).await, ["sales"]);
        assert_error(&parents(c, &[("department_id", "eng-b")]).await, 403, 40004);

        let r = create(c, json!({"name": "Top", "parent_department_id": "0"})).await;
        assert_error(&r, 403, 40014);
        let r = create(c, json!({"name": "Sub", "department_id": "eng-a2", "parent_department_id": "eng-a"})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_error(&patch(c, "eng-b", json!({"name": "B"})).await, 403, 40004);
        assert_error(&patch(c, "eng-a2", json!({"parent_department_id": "eng-b"})).await, 403, 40014);
        assert_error(&patch(c, "eng-a", json!({"parent_department_id": "sales"})).await, 403, 40014);
        assert_eq!(patch(c, "eng-a2", json!({"parent_department_id": "sales"})).await.code(), 0, "both ends in scope");
        assert_eq!(patch(c, "eng-a", json!({"name": "A"})).await.code(), 0, "a scope's top may be renamed");
        assert_error(&rename_id(c, "eng-b", "b").await, 403, 40007);
        assert_error(&delete(c, "eng-b").await, 403, 40004);
        assert_error(&delete(c, "eng-a").await, 403, 40014);
        assert_eq!(delete(c, "eng-a1").await.code(), 0);

        set_scope(&app.anon(), &app.demo.app_id, None).await;
        assert_eq!(get(c, "0").await.code(), 0, "the whole organization again");
    })
    .await;
}

#[tokio::test]
async fn another_tenant_cannot_see_or_change_these_departments() {
    on_each_backend(|app| async move {
        let mine = make(&app, "secret", "engineering").await;
        let open = mine["open_department_id"].as_str().unwrap().to_owned();
        let (_, other) = app.other_tenant("Elsewhere").await;
        let theirs = make_with(&other, "secret", "0").await;
        assert_ne!(theirs["open_department_id"], open.as_str(), "custom ids are per tenant");

        let open_path = format!("{DEPTS}/{open}");
        let by_open = other.send(Request::get(&open_path)).await.unwrap();
        assert_error(&by_open, 400, 99992380);
        assert_error(&get(&other, "engineering").await, 400, 99992380);
        let r = other.send(Request::get(&format!("{DEPTS}/{open}/children"))).await.unwrap();
        assert_error(&r, 400, 99992380);
        let r = other.send(Request::get(&format!("{DEPTS}/parent")).query("department_id", &open)).await.unwrap();
        assert_error(&r, 400, 99992380);
        let r = other.send(Request::get(&format!("{DEPTS}/batch")).query("department_ids", &open)).await.unwrap();
        assert_eq!(r.data()["items"], json!([]));
        let r = other.send(Request::new(Method::PATCH, &open_path).json(json!({"name": "Mine now"}))).await.unwrap();
        assert_error(&r, 400, 99992380);
        let r = other.send(Request::new(Method::DELETE, &open_path)).await.unwrap();
        assert_error(&r, 400, 99992380);
        let r = other
            .send(
                Request::new(Method::PATCH, &format!("{open_path}/update_department_id"))
                    .json(json!({"new_department_id": "x"})),
            )
            .await
            .unwrap();
        assert_error(&r, 400, 99992380);
        let r = other
            .send(Request::post(DEPTS).json(json!({"name": "Under yours", "parent_department_id": open})))
            .await
            .unwrap();
        assert_error(&r, 400, 99992380);
        assert_eq!(all_children(&other, "0", true, 50).await, ["secret"], "their tree holds only their own");

        let d = get(&app.client, "secret").await;
        assert_eq!(
            (d.data()["department"]["name"].as_str(), d.data()["department"]["parent_department_id"].as_str()),
            (Some("Dept secret"), Some("engineering"))
        );
    })
    .await;
}
