//! Every code the department endpoints answer with, and its HTTP status, on both stores: bad
//! input of every kind, missing and foreign ids, sibling clashes, refused moves and deletes.

use super::*;

#[tokio::test]
async fn create_refuses_bad_departments() {
    on_each_backend(|app| async move {
        let c = &app.client;
        let base = |extra: Value| {
            let mut b = json!({"name": "New", "parent_department_id": "0"});
            b.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            b
        };
        let cases: Vec<(Value, u16, i64)> = vec![
            (json!({"parent_department_id": "0"}), 401, 40016),
            (base(json!({"name": "  "})), 401, 40016),
            (base(json!({"name": "a/b"})), 400, 43029),
            (base(json!({"name": "x".repeat(101)})), 400, 99992402),
            (base(json!({"i18n_name": {"en_us": "a/b"}})), 400, 43029),
            (json!({"name": "New"}), 400, 44101),
            (base(json!({"parent_department_id": "nope"})), 400, 99992380),
            (base(json!({"department_id": "od-123"})), 400, 43008),
            (base(json!({"department_id": "0"})), 400, 43008),
            (base(json!({"department_id": "a b"})), 400, 43008),
            (base(json!({"department_id": "engineering"})), 400, 43007),
            (base(json!({"name": "Engineering"})), 400, 40018),
            (base(json!({"order": 0})), 400, 43005),
            (base(json!({"order": -1})), 400, 99992402),
            (base(json!({"order": "ten"})), 400, 99992402),
            (base(json!({"leader_user_id": "nobody"})), 400, 44022),
            (base(json!({"leaders": [{"leaderType": 1, "leaderID": "alice"}, {"leaderType": 1, "leaderID": "bob"}]})), 400, 43016),
            (base(json!({"leaders": [{"leaderType": 1, "leaderID": "alice"}, {"leaderType": 2, "leaderID": "alice"}]})), 400, 43016),
            (base(json!({"leaders": [{"leaderType": 2, "leaderID": "alice"}]})), 400, 99992402),
            (base(json!({"leaders": [{"leaderType": 3, "leaderID": "alice"}]})), 400, 99992402),
            (base(json!({"leader_user_id": "bob", "leaders": [{"leaderType": 1, "leaderID": "alice"}]})), 400, 99992402),
            (base(json!({"group_chat_employee_types": [9]})), 400, 43026),
            (base(json!({"unit_ids": ["a", "b"]})), 400, 43004),
            (base(json!({"name": 5})), 400, 99992402),
            (json!([1, 2]), 400, 99992402),
        ];
        for (body, status, code) in cases {
            let r = create(c, body.clone()).await;
            assert_error(&r, status, code);
            assert!(r.body.get("data").is_none(), "{body}: {}", r.body);
        }
        let r = create(c, json!({"name": "I18n", "parent_department_id": "0", "i18n_name": {"zh_cn": "研发"}})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_error(&create(c, json!({"name": "Other", "parent_department_id": "0", "i18n_name": {"zh_cn": "研发"}})).await, 400, 43018);

        let bad_types = [("department_id_type", "custom"), ("user_id_type", "email")];
        for (k, v) in bad_types {
            let r = c.send(Request::post(DEPTS).query(k, v).json(json!({"name": "T", "parent_department_id": "0"}))).await.unwrap();
            assert_error(&r, 400, 99992402);
        }
        let no_token = app.anon().send(Request::post(DEPTS).json(json!({})).anonymous()).await.unwrap();
        assert_error(&no_token, 400, 99991661);
        let user = app.user_token("alice").await;
        let as_user = c.send(Request::post(DEPTS).token(&user).json(json!({"name": "U", "parent_department_id": "0"}))).await.unwrap();
        assert_error(&as_user, 400, 99991668);
    })
    .await;
}

#[tokio::test]
async fn leaders_must_be_working_members() {
    let (app, url) = crate::chats::spawn_tweaked(|_| {}).await;
    crate::chats::resign(&url, "dan").await;
    set_unjoined(&url, "carol").await;
    let r = create(&app.client, json!({"name": "A", "parent_department_id": "0", "leader_user_id": "dan"})).await;
    assert_error(&r, 400, 42006);
    let r = create(
        &app.client,
        json!({"name": "B", "parent_department_id": "0", "leaders": [{"leaderType": 1, "leaderID": "carol"}]}),
    )
    .await;
    assert_error(&r, 400, 43025);
}

/// Marks a demo user as invited but not yet joined, straight in the store.
async fn set_unjoined(url: &str, user_id: &str) {
    let db = crate::harness::served_store(url);
    let uid = user_id.to_owned();
    db.write(move |tx| {
        let t = tx.tenant_by_key(roster_domain::services::demo::TENANT_KEY)?.expect("demo tenant");
        let mut u = tx.user_by_user_id(t.id, &uid)?.expect("user");
        u.status.is_unjoin = true;
        u.status.is_activated = false;
        tx.update_user(&u)
    })
    .await
    .expect("unjoin");
}

#[tokio::test]
async fn reads_refuse_bad_queries() {
    on_each_backend(|app| async move {
        let c = &app.client;
        assert_error(&get(c, "nope").await, 400, 99992380);
        assert_error(&app.call(Request::get(&format!("{DEPTS}/od-nope"))).await, 400, 99992380);
        let batch = |ids: Vec<String>| {
            let q: Vec<(&str, String)> = ids.into_iter().map(|i| ("department_ids", i)).collect();
            async move {
                let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
                send(c, Method::GET, &format!("{DEPTS}/batch"), &q, None).await
            }
        };
        assert_error(&batch(vec![]).await, 400, 99992402);
        assert_error(&batch((0..51).map(|i| format!("d{i}")).collect()).await, 400, 99992402);
        assert_eq!(batch((0..50).map(|i| format!("d{i}")).collect()).await.data()["items"], json!([]));
        for (q, status, code) in [
            (vec![("page_size", "0")], 400, 40011),
            (vec![("page_size", "51")], 400, 40011),
            (vec![("page_size", "x")], 400, 99992402),
            (vec![("page_token", "garbage")], 400, 40012),
            (vec![("page_token", "1.2-3.4")], 400, 40012),
            (vec![("fetch_child", "maybe")], 400, 99992402),
        ] {
            assert_error(&children(c, "0", &q).await, status, code);
        }
        assert_error(&children(c, "nope", &[]).await, 400, 99992380);
        for (q, status, code) in [
            (vec![], 400, 44102),
            (vec![("department_id", "")], 400, 44102),
            (vec![("department_id", "nope")], 400, 99992380),
            (vec![("department_id", "engineering"), ("page_size", "51")], 400, 40011),
            (vec![("department_id", "engineering"), ("page_token", "x")], 400, 40012),
            (vec![("department_id", "engineering"), ("page_token", "999")], 400, 40012),
        ] {
            assert_error(&parents(c, &q).await, status, code);
        }
    })
    .await;
}

#[tokio::test]
async fn changes_refuse_bad_moves_and_clashes() {
    on_each_backend(|app| async move {
        let c = &app.client;
        make(&app, "top", "0").await;
        make(&app, "mid", "top").await;
        make(&app, "low", "mid").await;
        make(&app, "twin", "top").await;
        let cases: Vec<(&str, Value, u16, i64)> = vec![
            ("0", json!({"name": "Root"}), 400, 40002),
            ("nope", json!({"name": "X"}), 400, 99992380),
            ("top", json!({"parent_department_id": "low"}), 400, 43017),
            ("top", json!({"parent_department_id": "top"}), 400, 43017),
            ("top", json!({"parent_department_id": "nope"}), 400, 99992380),
            ("twin", json!({"name": "Dept mid"}), 400, 40018),
            ("low", json!({"parent_department_id": "top", "name": "Dept twin"}), 400, 40018),
            ("twin", json!({"order": 0}), 400, 43005),
            ("twin", json!({"name": ""}), 401, 40016),
            ("twin", json!({"name": "a/b"}), 400, 43029),
            ("twin", json!({"leader_user_id": "ghost"}), 400, 44022),
            (
                "twin",
                json!({"leader_user_id": "bob", "leaders": [{"leaderType": 1, "leaderID": "alice"}]}),
                400,
                99992402,
            ),
            ("twin", json!({"group_chat_employee_types": [0]}), 400, 43026),
            ("twin", json!({"leaders": "alice"}), 400, 99992402),
        ];
        for (id, body, status, code) in cases {
            assert_error(&patch(c, id, body.clone()).await, status, code);
        }
        assert_error(&put(c, "twin", json!({"parent_department_id": "top"})).await, 401, 40016);
        assert_error(&put(c, "twin", json!({"name": "Twin"})).await, 400, 40017);
        assert_error(&put(c, "0", json!({"name": "Root", "parent_department_id": "0"})).await, 400, 40002);
        assert_eq!(get(c, "top").await.data()["department"]["parent_department_id"], "0", "nothing moved");
        let user = app.user_token("alice").await;
        let r = c
            .send(Request::new(Method::PATCH, &format!("{DEPTS}/twin")).token(&user).json(json!({"name": "T"})))
            .await
            .unwrap();
        assert_error(&r, 400, 99991668);
    })
    .await;
}

#[tokio::test]
async fn deletes_and_new_ids_are_refused_with_the_right_codes() {
    on_each_backend(|app| async move {
        let c = &app.client;
        make(&app, "full", "0").await;
        make(&app, "kid", "full").await;
        assert_error(&delete(c, "0").await, 400, 40002);
        assert_error(&delete(c, "engineering").await, 400, 43011);
        assert_error(&delete(c, "full").await, 400, 43012);
        assert_error(&delete(c, "nope").await, 400, 99992380);
        let path = format!("{DEPTS}/kid");
        let user = app.user_token("admin").await;
        let r = c
            .send(Request::new(Method::DELETE, &path).query("department_id_type", "department_id").token(&user))
            .await
            .unwrap();
        assert_error(&r, 400, 99991668);

        for (id, new_id, status, code) in [
            ("kid", "", 400, 99992402),
            ("kid", "od-x", 400, 43008),
            ("kid", "1", 400, 43008),
            ("kid", "has space", 400, 43008),
            ("kid", "engineering", 400, 43007),
            ("0", "root", 400, 40002),
            ("nope", "x", 400, 99992380),
        ] {
            assert_error(&rename_id(c, id, new_id).await, status, code);
        }
        let r = send(
            c,
            Method::PATCH,
            &format!("{DEPTS}/kid/update_department_id"),
            &[],
            Some(json!({"new_department_id": 7})),
        )
        .await;
        assert_error(&r, 400, 99992402);
        let same = rename_id(c, "kid", "kid").await;
        assert_eq!(same.code(), 0, "the same id changes nothing: {}", same.body);
        assert_eq!(delete(c, "kid").await.code(), 0);
        assert_eq!(delete(c, "full").await.code(), 0, "empty now");
    })
    .await;
}
