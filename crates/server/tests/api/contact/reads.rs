//! `users/batch` and `users/find_by_department`: reading back in all three id types, repeated
//! `user_ids` keys, paging through a department bigger than a page, and their refusals.

use super::*;

/// The demo user's three ids as the demo app sees them.
async fn ids_of(app: &TestApp, user_id: &str) -> (String, String, String) {
    let u = get_user(app, user_id).await;
    let u = &u.data()["user"];
    let s = |k: &str| u[k].as_str().unwrap_or_else(|| panic!("{k}: {u}")).to_owned();
    (s("open_id"), s("union_id"), s("user_id"))
}

fn batch(ids: &[&str], user_id_type: &str) -> Request<'static> {
    let mut req = Request::get("/open-apis/contact/v3/users/batch")
        .query("user_id_type", user_id_type)
        .query("department_id_type", "department_id");
    for id in ids {
        req = req.query("user_ids", id);
    }
    req
}

fn names(r: &ApiResponse) -> Vec<String> {
    r.data()["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", r.body))
        .iter()
        .map(|u| u["user_id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn batch_reads_users_back_in_every_id_type() {
    on_each_backend(|app| async move {
        let (alice_open, alice_union, _) = ids_of(&app, "alice").await;
        let (carol_open, carol_union, _) = ids_of(&app, "carol").await;

        let by_user_id = app.call(batch(&["carol", "alice", "carol"], "user_id")).await;
        assert_eq!(by_user_id.code(), 0, "{}", by_user_id.body);
        assert_eq!(names(&by_user_id), ["carol", "alice"], "request order, duplicates once");
        let first = &by_user_id.data()["items"][0];
        assert_eq!(first["department_ids"], json!(["sales"]));
        assert_eq!((first["open_id"].as_str(), first["union_id"].as_str()), (Some(&*carol_open), Some(&*carol_union)));
        assert_eq!(first["status"]["is_activated"], true);

        let by_open = app.call(batch(&[&alice_open, &carol_open], "open_id")).await;
        assert_eq!(names(&by_open), ["alice", "carol"], "{}", by_open.body);
        let by_union = app.call(batch(&[&alice_union], "union_id")).await;
        assert_eq!(names(&by_union), ["alice"], "{}", by_union.body);
        assert_eq!(by_union.data()["items"][0]["open_id"], alice_open.as_str());

        // One key, no repetition, is a list of one; open_department_ids by default.
        let one = app.call(Request::get("/open-apis/contact/v3/users/batch").query("user_ids", &alice_open)).await;
        assert_eq!(names(&one), ["alice"]);
        assert!(one.data()["items"][0]["department_ids"][0].as_str().unwrap().starts_with("od-"));

        // A user token reads too.
        let bob = app.user_token("bob").await;
        let r = app.call(batch(&["alice"], "user_id").token(&bob)).await;
        assert_eq!(names(&r), ["alice"], "{}", r.body);
    })
    .await;
}

#[tokio::test]
async fn batch_refuses_what_it_cannot_read() {
    on_each_backend(|app| async move {
        let (alice_open, alice_union, _) = ids_of(&app, "alice").await;
        let r = app.call(Request::get("/open-apis/contact/v3/users/batch")).await;
        assert_error(&r, 400, 99992402);
        assert_eq!(violation(&r), "user_ids");
        let many: Vec<String> = (0..51).map(|i| format!("u{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let r = app.call(batch(&many, "user_id")).await;
        assert_error(&r, 400, 99992402);
        assert_eq!(violation(&r), "user_ids");
        let r = app.call(batch(&["alice"], "employee_id")).await;
        assert_error(&r, 400, 99992402);
        assert_eq!(violation(&r), "user_id_type");
        let r = app.call(batch(&["alice"], "user_id").query("department_id_type", "dept")).await;
        assert_error(&r, 400, 99992402);

        // Every id must name a user; the error lists those that do not.
        let r = app.call(batch(&["alice", "nobody", "ghost"], "user_id")).await;
        assert_error(&r, 400, 99992360);
        assert!(r.msg().contains("nobody") && r.msg().contains("ghost") && !r.msg().contains("alice"), "{}", r.msg());
        let r = app.call(batch(&[&alice_open, "ou_0123"], "open_id")).await;
        assert_error(&r, 400, 99992351);
        let r = app.call(batch(&[&alice_union, "on_nope"], "union_id")).await;
        assert_error(&r, 400, 99992364);
        // An open_id is per app: the demo app's ids mean nothing to another tenant's app.
        let (_, rival) = app.other_tenant("Rival").await;
        let r = rival.send(batch(&[&alice_open], "open_id")).await.unwrap();
        assert_error(&r, 400, 99992361);
        // A union_id given as an open_id is not an open_id at all.
        let r = app.call(batch(&[&alice_union], "open_id")).await;
        assert_error(&r, 400, 99992351);
    })
    .await;
}

fn page_of(dept: &str, size: Option<&str>, token: Option<&str>) -> Request<'static> {
    let mut req = Request::get("/open-apis/contact/v3/users/find_by_department")
        .query("department_id", dept)
        .query("department_id_type", "department_id")
        .query("user_id_type", "user_id");
    if let Some(s) = size {
        req = req.query("page_size", s);
    }
    if let Some(t) = token {
        req = req.query("page_token", t);
    }
    req
}

#[tokio::test]
async fn find_by_department_pages_through_direct_members() {
    on_each_backend(|app| async move {
        app.anon().set_rate_limits(false).await.unwrap();
        department(&app.client, "paging", "0").await;
        department(&app.client, "paging-sub", "paging").await;
        let mut want = Vec::new();
        for i in 0..23 {
            let id = format!("pager-{i:02}");
            user_in(&app.client, &id, &["paging"], json!({})).await;
            want.push(id);
        }
        user_in(&app.client, "below", &["paging-sub"], json!({})).await;
        user_in(&app.client, "both", &["paging-sub", "paging"], json!({})).await;
        want.push("both".into());

        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        let mut pages = 0;
        loop {
            let r = app.call(page_of("paging", Some("5"), token.as_deref())).await;
            assert_eq!(r.code(), 0, "{}", r.body);
            pages += 1;
            let d = r.data();
            let items = d["items"].as_array().unwrap();
            assert!(items.len() <= 5);
            seen.extend(items.iter().map(|u| u["user_id"].as_str().unwrap().to_owned()));
            match d["has_more"].as_bool() {
                Some(true) => {
                    assert_eq!(items.len(), 5, "a full page before the last");
                    token = Some(d["page_token"].as_str().expect("page_token while has_more").to_owned());
                }
                _ => {
                    assert!(d.get("page_token").is_none(), "no page_token on the last page: {d}");
                    break;
                }
            }
        }
        assert_eq!(pages, 5, "24 direct members in pages of 5");
        assert_eq!(seen, want, "every direct member once, in creation order; not the sub-department's");

        // Ten by default; the whole page at fifty; page_size as a number string (Python's str()).
        let r = app.call(page_of("paging", None, None)).await;
        assert_eq!((r.data()["items"].as_array().unwrap().len(), r.data()["has_more"].as_bool()), (10, Some(true)));
        let r = app.call(page_of("paging", Some("50"), None)).await;
        assert_eq!((r.data()["items"].as_array().unwrap().len(), r.data()["has_more"].as_bool()), (24, Some(false)));
        assert_eq!(r.data()["items"][0]["department_ids"], json!(["paging"]));

        // By open_department_id, and the root ("0") with the all-members scope.
        let (_, engineering) = open_dept(&app, "engineering").await;
        let r = app
            .call(
                Request::get("/open-apis/contact/v3/users/find_by_department")
                    .query("department_id", &engineering)
                    .query("user_id_type", "user_id"),
            )
            .await;
        assert_eq!(names(&r), ["alice", "bob"], "{}", r.body);
        assert_eq!(r.data()["items"][0]["department_ids"], json!([engineering]));
        let r = app.call(page_of("0", Some("50"), None)).await;
        assert_eq!(names(&r), ["admin"], "only the root's direct members: {}", r.body);

        // A user token pages too.
        let alice = app.user_token("alice").await;
        let r = app.call(page_of("sales", None, None).token(&alice)).await;
        assert_eq!(names(&r), ["carol", "dan"], "{}", r.body);
    })
    .await;
}

/// (department_id, open_department_id) of a demo department.
async fn open_dept(app: &TestApp, id: &str) -> (String, String) {
    let r = app
        .call(
            Request::get(&format!("/open-apis/contact/v3/departments/{id}"))
                .query("department_id_type", "department_id"),
        )
        .await;
    (id.to_owned(), r.data()["department"]["open_department_id"].as_str().expect("open id").to_owned())
}

#[tokio::test]
async fn find_by_department_refusals() {
    on_each_backend_with_url(|app, url| async move {
        let r = app.call(Request::get("/open-apis/contact/v3/users/find_by_department")).await;
        assert_error(&r, 400, 99992402);
        assert_eq!(violation(&r), "department_id");
        for size in ["0", "51", "-1", "ten"] {
            let r = app.call(page_of("sales", Some(size), None)).await;
            assert_error(&r, 400, 99992402);
            assert!(["page_size", "query"].contains(&violation(&r).as_str()), "{size}: {}", r.body);
        }
        for token in ["abc", "-3", "0"] {
            let r = app.call(page_of("sales", None, Some(token))).await;
            assert_error(&r, 400, 99992402);
            assert_eq!(violation(&r), "page_token");
        }
        let r = app.call(page_of("no-such-dept", None, None)).await;
        assert_error(&r, 400, 99992380);
        let r = app
            .call(Request::get("/open-apis/contact/v3/users/find_by_department").query("department_id", "od-123"))
            .await;
        assert_error(&r, 400, 99992380);

        // An app that sees only sales: engineering and the root are outside its scope (40004).
        let scoped = scoped_app(&app, &url, "cli_5c09ed0000000001", &["sales"]).await;
        let r = scoped.send(page_of("sales", None, None)).await.unwrap();
        assert_eq!(names(&r), ["carol", "dan"], "{}", r.body);
        for dept in ["engineering", "0"] {
            let r = scoped.send(page_of(dept, None, None)).await.unwrap();
            assert_error(&r, 403, 40004);
        }
        // Batch reads leave out users the app cannot see.
        let r = scoped.send(batch(&["alice", "carol"], "user_id")).await.unwrap();
        assert_eq!(names(&r), ["carol"], "{}", r.body);
    })
    .await;
}

/// The legacy `GET /contact/v3/users` is `find_by_department` by another path, with the root's
/// direct members when no `department_id` is given.
#[tokio::test]
async fn the_legacy_user_list_is_find_by_department_by_another_path() {
    on_each_backend(|app| async move {
        let legacy = |dept: Option<&str>| {
            let r = Request::get(USERS).query("user_id_type", "user_id").query("department_id_type", "department_id");
            match dept {
                Some(d) => r.query("department_id", d),
                None => r,
            }
        };
        let r = app.call(legacy(Some("sales"))).await;
        assert_eq!(names(&r), ["carol", "dan"], "{}", r.body);
        assert_eq!(r.data(), app.call(page_of("sales", None, None)).await.data());
        let r = app.call(legacy(None)).await;
        assert_eq!(names(&r), ["admin"], "the root's direct members: {}", r.body);
        let r = app.call(legacy(Some("sales")).query("page_size", "1")).await;
        assert_eq!((names(&r), r.data()["has_more"].as_bool()), (vec!["carol".to_owned()], Some(true)));
        let next = r.data()["page_token"].as_str().unwrap().to_owned();
        let r = app.call(legacy(Some("sales")).query("page_size", "1").query("page_token", &next)).await;
        assert_eq!((names(&r), r.data()["has_more"].as_bool()), (vec!["dan".to_owned()], Some(false)));
        assert_error(&app.call(legacy(Some("no-such-dept"))).await, 400, 99992380);
        assert_error(&app.call(legacy(Some("sales")).query("page_size", "51")).await, 400, 99992402);
        for token in ["abc", "-3", "0"] {
            let r = app.call(legacy(Some("sales")).query("page_token", token)).await;
            assert_error(&r, 400, 99992402);
            assert_eq!(violation(&r), "page_token");
        }
        let r = app.call(Request::get(USERS).query("department_id", "sales").query("user_id_type", "email")).await;
        assert_error(&r, 400, 99992402);
        assert_eq!(violation(&r), "user_id_type");

        // Another tenant's department, by its correct open id, is not ours to list.
        let (_, rival) = app.other_tenant("Rival").await;
        let made = rival
            .send(
                Request::post("/open-apis/contact/v3/departments")
                    .json(json!({"name": "Theirs", "parent_department_id": "0"})),
            )
            .await
            .unwrap();
        let theirs = made.data()["department"]["open_department_id"].as_str().unwrap().to_owned();
        assert_error(&app.call(Request::get(USERS).query("department_id", &theirs)).await, 400, 99992380);
    })
    .await;
}
