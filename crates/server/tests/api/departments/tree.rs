//! Walking the tree: children one level or all levels down with every page size, moves that
//! re-order the walk, parent chains with paging, and the depth limit.

use super::*;

/// root ─ engineering ─ platform ─ {infra (order 2), tools (order 1) ─ cli}
///      └ sales
async fn tree(app: &TestApp) {
    make(app, "platform", "engineering").await;
    for (id, order) in [("infra", 2), ("tools", 1)] {
        let r = create(
            &app.client,
            json!({"name": id, "department_id": id, "parent_department_id": "platform", "order": order}),
        )
        .await;
        assert_eq!(r.code(), 0, "{}", r.body);
    }
    make(app, "cli", "tools").await;
}

#[tokio::test]
async fn children_one_level_or_all_levels_with_any_page_size() {
    on_each_backend(|app| async move {
        tree(&app).await;
        let c = &app.client;
        let everything = ["engineering", "platform", "tools", "cli", "infra", "sales"];
        for page in [1, 2, 3, 5, 50] {
            assert_eq!(all_children(c, "0", true, page).await, everything, "fetch_child, pages of {page}");
            assert_eq!(all_children(c, "0", false, page).await, ["engineering", "sales"], "one level, pages of {page}");
        }
        assert_eq!(all_children(c, "platform", false, 1).await, ["tools", "infra"], "siblings by order");
        assert_eq!(all_children(c, "cli", true, 10).await, Vec::<String>::new());

        let first = children(c, "0", &[("fetch_child", "True"), ("page_size", "2")]).await;
        assert_eq!(first.data()["has_more"], true, "Python's True is a boolean too: {}", first.body);
        let d = &first.data()["items"][1];
        assert_eq!(
            (d["department_id"].as_str(), d["parent_department_id"].as_str()),
            (Some("platform"), Some("engineering"))
        );
        let last = children(c, "sales", &[]).await;
        assert_eq!(last.data(), &json!({"has_more": false, "items": []}), "no page_token without more");

        // A move re-orders the walk; a token from before it still pages on.
        let token = first.data()["page_token"].as_str().unwrap().to_owned();
        let r = patch(c, "tools", json!({"parent_department_id": "sales"})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let rest = children(c, "0", &[("fetch_child", "true"), ("page_size", "50"), ("page_token", &token)]).await;
        let ids: Vec<&str> =
            rest.data()["items"].as_array().unwrap().iter().map(|d| d["department_id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["infra", "sales", "tools", "cli"]);
        assert_eq!(all_children(c, "0", true, 4).await, ["engineering", "platform", "infra", "sales", "tools", "cli"]);
    })
    .await;
}

#[tokio::test]
async fn parents_walk_up_to_the_root_and_page() {
    on_each_backend(|app| async move {
        tree(&app).await;
        let c = &app.client;
        assert_eq!(all_parents(c, "cli", 50).await, ["tools", "platform", "engineering"], "nearest first, no root");
        assert_eq!(all_parents(c, "cli", 1).await, ["tools", "platform", "engineering"]);
        assert_eq!(all_parents(c, "engineering", 20).await, Vec::<String>::new());
        assert_eq!(all_parents(c, "0", 20).await, Vec::<String>::new());
        let r = parents(c, &[("department_id", "cli"), ("page_size", "2")]).await;
        assert_eq!((r.data()["has_more"].as_bool(), r.data()["items"].as_array().unwrap().len()), (Some(true), 2));
        let tools = &r.data()["items"][0];
        assert_eq!((tools["name"].as_str(), tools["parent_department_id"].as_str()), (Some("tools"), Some("platform")));
        let open = get(c, "cli").await.data()["department"]["open_department_id"].as_str().unwrap().to_owned();
        let r = app.call(Request::get(&format!("{DEPTS}/parent")).query("department_id", &open)).await;
        assert_eq!(r.data()["items"][2]["parent_department_id"], "0", "default id type is open_department_id");
    })
    .await;
}

#[tokio::test]
async fn the_tree_stops_at_twenty_five_levels() {
    on_each_backend(|app| async move {
        let mut parent = "0".to_owned();
        for level in 1..=25 {
            let id = format!("L{level}");
            make(&app, &id, &parent).await;
            parent = id;
        }
        let r = create(&app.client, json!({"name": "Too deep", "parent_department_id": "L25"})).await;
        assert_error(&r, 400, 43019);
        make(&app, "side", "0").await;
        make(&app, "side-kid", "side").await;
        assert_error(&patch(&app.client, "side", json!({"parent_department_id": "L24"})).await, 400, 43019);
        let r = patch(&app.client, "side-kid", json!({"parent_department_id": "L24"})).await;
        assert_eq!(r.code(), 0, "a leaf fits at level 25: {}", r.body);
        assert_eq!(all_parents(&app.client, "side-kid", 50).await.len(), 24);
    })
    .await;
}

/// The legacy `GET /contact/v3/departments` is `children` by another path: the parent in
/// `parent_department_id` (the root when absent), the same pages, `fetch_child` and refusals.
#[tokio::test]
async fn the_legacy_list_is_children_by_another_path() {
    on_each_backend(|app| async move {
        tree(&app).await;
        let c = &app.client;
        for fetch_child in [false, true] {
            let f = fetch_child.to_string();
            let listed =
                follow(c, DEPTS, &[("parent_department_id", "0"), ("fetch_child", &f), ("page_size", "2")]).await;
            assert_eq!(listed, all_children(c, "0", fetch_child, 2).await, "fetch_child {fetch_child}");
        }
        let listed = follow(c, DEPTS, &[("fetch_child", "true"), ("page_size", "3")]).await;
        assert_eq!(listed, all_children(c, "0", true, 3).await, "the root when no parent is given");
        assert!(listed.contains(&"cli".to_owned()), "{listed:?}");
        let listed = follow(c, DEPTS, &[("parent_department_id", "platform")]).await;
        assert_eq!(listed, ["tools", "infra"]);
        let r = send(c, Method::GET, DEPTS, &[("parent_department_id", "nope")], None).await;
        assert_error(&r, 400, 99992380);
        let r = send(c, Method::GET, DEPTS, &[("page_size", "0")], None).await;
        assert_error(&r, 400, 40011);
        assert_error(&children(c, "0", &[("page_size", "0")]).await, 400, 40011);
    })
    .await;
}

/// `POST departments/search` (a user token): departments whose name contains the query, in any
/// case, in creation order, in pages; only those the app's contact scope covers.
#[tokio::test]
async fn search_finds_departments_by_name_for_a_user() {
    on_each_backend(|app| async move {
        for (id, parent) in [("search-a", "0"), ("other", "0"), ("search-b", "engineering"), ("search-s", "sales")] {
            make(&app, id, parent).await;
        }
        let alice = app.user_token("alice").await;
        let ids = |r: &ApiResponse| item_fields(r, "department_id");
        let r = search_as(&app.client, &alice, &[CUSTOM_IDS], json!({"query": "SEARCH"})).await;
        assert_eq!(ids(&r), ["search-a", "search-b", "search-s"], "{}", r.body);
        assert_eq!(r.data()["has_more"], false);

        let r = search_as(&app.client, &alice, &[CUSTOM_IDS, ("page_size", "2")], json!({"query": "search"})).await;
        assert_eq!((ids(&r), r.data()["has_more"].as_bool()), (vec!["search-a".into(), "search-b".into()], Some(true)));
        let token = r.data()["page_token"].as_str().unwrap().to_owned();
        let r = search_as(
            &app.client,
            &alice,
            &[CUSTOM_IDS, ("page_size", "2"), ("page_token", &token)],
            json!({"query": "search"}),
        )
        .await;
        assert_eq!((ids(&r), r.data()["has_more"].as_bool()), (vec!["search-s".to_owned()], Some(false)));
        assert!(
            ids(&search_as(&app.client, &alice, &[CUSTOM_IDS], json!({"query": "nothing like it"})).await).is_empty()
        );

        set_scope(&app.anon(), &app.demo.app_id, Some(&["sales"])).await;
        assert_eq!(
            ids(&search_as(&app.client, &alice, &[CUSTOM_IDS], json!({"query": "search"})).await),
            ["search-s"],
            "only what the contact scope covers"
        );
        set_scope(&app.anon(), &app.demo.app_id, None).await;

        assert_error(&search_as(&app.client, &alice, &[CUSTOM_IDS], json!({"query": "  "})).await, 400, 99992402);
        assert_error(
            &search_as(&app.client, &alice, &[CUSTOM_IDS, ("page_size", "51")], json!({"query": "search"})).await,
            400,
            40011,
        );
        let r =
            send(&app.client, Method::POST, &format!("{DEPTS}/search"), &[], Some(json!({"query": "search"}))).await;
        assert_error(&r, 400, 99991663);
    })
    .await;
}

/// Bad input to `search` and to the legacy list: the envelope, Lark's codes, and nothing of
/// another tenant's, even by its correct ids.
#[tokio::test]
async fn search_and_the_legacy_list_refuse_bad_input() {
    on_each_backend(|app| async move {
        make(&app, "search-mine", "0").await;
        let (creds, other) = app.other_tenant("Elsewhere").await;
        let theirs = make_with(&other, "search-theirs", "0").await;
        let their_open = theirs["open_department_id"].as_str().unwrap().to_owned();
        let alice = app.user_token("alice").await;
                let ids = |r: &ApiResponse| item_fields(r, "name");

        // Each tenant finds only its own, whatever it asks.
        let r = search_as(&app.client, &alice, &[], json!({"query": "search-"})).await;
        assert_eq!(ids(&r), ["Dept search-mine"], "{}", r.body);
        let theirs_user = app.anon().user_access_token(&creds.app_id, &creds.admin.user_id, "user_id").await.unwrap();
        let r = search_as(&app.client, &theirs_user, &[], json!({"query": "search-"})).await;
        assert_eq!(ids(&r), ["Theirs search-theirs"], "{}", r.body);

        for (query, status, code) in [
            (vec![("department_id_type", "custom")], 400, 99992402),
            (vec![("user_id_type", "email")], 400, 99992402),
            (vec![("page_size", "x")], 400, 99992402),
            (vec![("page_size", "0")], 400, 40011),
            (vec![("page_token", "x")], 400, 40012),
            (vec![("page_token", "0")], 400, 40012),
            (vec![("page_token", "-3")], 400, 40012),
        ] {
            assert_error(&search_as(&app.client, &alice, &query, json!({"query": "search"})).await, status, code);
        }
        assert_error(&search_as(&app.client, &alice, &[], json!({"query": 5})).await, 400, 99992402);
        assert_error(&search_as(&app.client, &alice, &[], json!({})).await, 400, 99992402);
        for body in ["{", "[1,2]", "\"str\""] {
            let req = format!(
                "POST {DEPTS}/search HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {alice}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let raw = raw_http(app.addr, &req).await;
            assert!(raw.starts_with("HTTP/1.1 400") && raw.contains("\"code\":99992402"), "{body}: {raw}");
        }

        // The legacy list: another tenant's parent is not ours to list, and the usual refusals.
        let c = &app.client;
        let r = c.send(Request::get(DEPTS).query("parent_department_id", &their_open)).await.unwrap();
        assert_error(&r, 400, 99992380);
        for (query, status, code) in [
            (vec![("department_id_type", "custom")], 400, 99992402),
            (vec![("page_size", "51")], 400, 40011),
            (vec![("page_token", "garbage")], 400, 40012),
            (vec![("fetch_child", "maybe")], 400, 99992402),
        ] {
            assert_error(&send(c, Method::GET, DEPTS, &query, None).await, status, code);
        }
    })
    .await;
}

/// Custom department ids in the answers.
const CUSTOM_IDS: (&str, &str) = ("department_id_type", "department_id");

/// `POST departments/search` with a user's `token`, these query parameters and `body`.
async fn search_as(client: &Client, token: &str, query: &[(&str, &str)], body: Value) -> ApiResponse {
    let path = format!("{DEPTS}/search");
    let mut req = Request::post(&path).token(token).json(body);
    for (k, v) in query {
        req = req.query(k, v);
    }
    client.send(req).await.expect("request")
}

/// `field` of every item on a page.
fn item_fields(r: &ApiResponse, field: &str) -> Vec<String> {
    let items = r.data()["items"].as_array().unwrap_or_else(|| panic!("{}", r.body)).clone();
    items.iter().map(|d| d[field].as_str().unwrap_or_default().to_owned()).collect()
}
