//! Every refusal of PATCH /contact/v3/users/:user_id, with its code and HTTP status: field
//! rules, uniqueness, departments, orders, leaders, ids of each type, resigned users, scope,
//! and malformed input. Nothing refused leaves a trace.

use super::*;

#[tokio::test]
async fn patch_refusals_carry_lark_codes() {
    on_each_backend_with_url(|app, url| async move {
        app.anon().set_rate_limits(false).await.unwrap();
        let bob = get_user(&app, "bob").await.data()["user"].clone();
        let many: Vec<String> = (0..51).map(|i| format!("d{i}")).collect();
        let cases: Vec<(&str, Value, u16, i64)> = vec![
            ("blank name", json!({"name": "  "}), 400, 41006),
            ("long name", json!({"name": "n".repeat(65)}), 400, 41070),
            ("long en_name", json!({"en_name": "n".repeat(65)}), 400, 41071),
            ("long nickname", json!({"nickname": "n".repeat(65)}), 400, 41072),
            ("long job_title", json!({"job_title": "j".repeat(101)}), 400, 41063),
            ("bad mobile", json!({"mobile": "12ab"}), 400, 41004),
            ("bad email", json!({"email": "a@b"}), 400, 41005),
            ("bob's mobile", json!({"mobile": bob["mobile"]}), 400, 41001),
            ("bob's email", json!({"email": bob["email"]}), 400, 41002),
            ("gender", json!({"gender": 5}), 400, 41038),
            ("employee type", json!({"employee_type": 9}), 400, 41059),
            ("no departments", json!({"department_ids": []}), 400, 41017),
            ("51 departments", json!({"department_ids": many}), 400, 41033),
            ("unknown department", json!({"department_ids": ["nowhere"]}), 400, 99992380),
            ("order outside departments", json!({"orders": [{"department_id": "sales", "user_order": 1}]}), 400, 41025),
            ("order of an unknown department", json!({"orders": [{"department_id": "nowhere"}]}), 400, 41025),
            (
                "two primaries",
                json!({"department_ids": ["engineering", "sales"], "orders": [
                    {"department_id": "engineering", "is_primary_dept": true},
                    {"department_id": "sales", "is_primary_dept": true}]}),
                400,
                99992402,
            ),
            ("self as leader", json!({"leader_user_id": "alice"}), 400, 41030),
            ("unknown leader", json!({"leader_user_id": "nobody"}), 400, 44022),
            ("another user_id", json!({"user_id": "alice2"}), 400, 99992402),
            ("malformed user_id", json!({"user_id": "a b"}), 400, 41012),
            ("no contact left", json!({"mobile": "", "email": ""}), 400, 41009),
            ("gender of the wrong type", json!({"gender": "male"}), 400, 99992402),
            ("departments of the wrong type", json!({"department_ids": "sales"}), 400, 99992402),
            ("is_frozen not a boolean", json!({"is_frozen": "maybe"}), 400, 99992402),
        ];
        for (name, body, status, code) in cases {
            let r = patch(&app.client, "alice", body).await;
            assert_eq!((r.status, r.code()), (status, code), "{name}: {}", r.body);
            assert_error(&r, status, code);
            if code == 99992402 {
                assert!(!violation(&r).is_empty(), "{name} names the field: {}", r.body);
            }
        }
        let r = patch(&app.client, "alice", json!({"gender": "male"})).await;
        assert_eq!(violation(&r), "gender");
        let alice = get_user(&app, "alice").await;
        assert_eq!(alice.data()["user"]["name"], "Alice Liddell", "nothing refused left a trace");
        assert_eq!(alice.data()["user"]["department_ids"], json!(["engineering"]));

        // Leaders: a cycle, and one who has resigned.
        assert_eq!(patch(&app.client, "bob", json!({"leader_user_id": "alice"})).await.code(), 0);
        let r = patch(&app.client, "alice", json!({"leader_user_id": "bob"})).await;
        assert_error(&r, 400, 44022);
        user_in(&app.client, "gone", &["sales"], json!({})).await;
        resign(&app, &url, "gone").await;
        let r = patch(&app.client, "alice", json!({"leader_user_id": "gone"})).await;
        assert_error(&r, 400, 44021);
        // A resigned user is not changed (42006).
        let r = patch(&app.client, "gone", json!({"name": "Back"})).await;
        assert_error(&r, 400, 42006);

        // Ids of each type in the path, and bad id types.
        let path_cases: Vec<(String, &str, i64)> = vec![
            ("nobody".into(), "user_id", 99992360),
            ("ou_00000000000000000000000000000000".into(), "open_id", 99992351),
            ("on_00000000000000000000000000000000".into(), "union_id", 99992364),
            ("alice".into(), "open_id", 99992351),
        ];
        for (id, id_type, code) in path_cases {
            let path = format!("{USERS}/{id}");
            let r = app
                .call(
                    Request::new(reqwest::Method::PATCH, &path)
                        .query("user_id_type", id_type)
                        .json(json!({"city": "X"})),
                )
                .await;
            assert_error(&r, 400, code);
        }
        let (_, rival) = app.other_tenant("Rival").await;
        let theirs = user_in(&rival, "theirs", &["0"], json!({})).await;
        let path = format!("{USERS}/{}", theirs["open_id"].as_str().unwrap());
        let r = app.call(Request::new(reqwest::Method::PATCH, &path).json(json!({"city": "X"}))).await;
        assert_error(&r, 400, 99992361);
        let r = app
            .call(
                Request::new(reqwest::Method::PATCH, &format!("{USERS}/alice"))
                    .query("user_id_type", "email")
                    .json(json!({})),
            )
            .await;
        assert_error(&r, 400, 99992402);
        assert_eq!(violation(&r), "user_id_type");
        let r = app
            .call(
                Request::new(reqwest::Method::PATCH, &format!("{USERS}/alice"))
                    .query("user_id_type", "user_id")
                    .query("department_id_type", "od")
                    .json(json!({})),
            )
            .await;
        assert_error(&r, 400, 99992402);
        let r = app
            .call(
                Request::new(reqwest::Method::PATCH, &format!("{USERS}/alice"))
                    .query("user_id_type", "user_id")
                    .json(json!([1])),
            )
            .await;
        assert_error(&r, 400, 99992402);
        let token = app.client.tenant_token().await.unwrap();
        let resp = reqwest::Client::new()
            .patch(format!("{}{USERS}/alice?user_id_type=user_id", app.base))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body("{\"name\": ")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 400);
        let body: Value = resp.json().await.expect("malformed JSON still gets the envelope");
        assert_eq!(body["code"], 99992402);

        // Scope: an app that sees only sales cannot change engineering's users (41050), nor move
        // a sales user into engineering or out of sales into it (40004).
        let scoped = scoped_app(&app, &url, "cli_5c09ed0000000002", &["sales"]).await;
        let r = patch(&scoped, "alice", json!({"city": "X"})).await;
        assert_error(&r, 403, 41050);
        let r = patch(&scoped, "carol", json!({"department_ids": ["sales", "engineering"]})).await;
        assert_error(&r, 403, 40004);
        let r = patch(&scoped, "carol", json!({"department_ids": ["engineering"]})).await;
        assert_error(&r, 403, 40004);
        let r = patch(&scoped, "carol", json!({"city": "Lyon", "department_ids": ["sales"]})).await;
        assert_eq!(r.code(), 0, "changes inside the scope are fine: {}", r.body);
        // A user in sales and engineering: the scoped app may change her, but not drop engineering.
        assert_eq!(patch(&app.client, "dan", json!({"department_ids": ["sales", "engineering"]})).await.code(), 0);
        let r = patch(&scoped, "dan", json!({"department_ids": ["sales"]})).await;
        assert_error(&r, 403, 40004);
        let r = patch(&scoped, "dan", json!({"job_title": "Seller"})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
    })
    .await;
}

/// 44051: an employee_no belongs to one non-resigned member of a tenant; a member may keep their
/// own, a resigned member's is free again, and another tenant may use the same one.
#[tokio::test]
async fn employee_numbers_are_unique_within_a_tenant() {
    on_each_backend_with_url(|app, url| async move {
        let c = &app.client;
        assert_eq!(patch(c, "bob", json!({"employee_no": "E-7"})).await.code(), 0);
        let r = patch(c, "alice", json!({"employee_no": "E-7", "name": "Alice E."})).await;
        assert_error(&r, 400, 44051);
        assert_eq!(get_user(&app, "alice").await.data()["user"]["name"], "Alice Liddell", "nothing refused left a trace");
        let body = json!({"name": "New", "mobile": fresh_mobile(), "department_ids": ["0"], "employee_type": 1, "employee_no": "E-7"});
        let r = c.send(Request::post(USERS).json(body)).await.unwrap();
        assert_error(&r, 400, 44051);
        let r = put(c, "bob", json!({"name": "Bob", "mobile": fresh_mobile(), "department_ids": ["sales"], "employee_type": 1, "employee_no": "E-7"})).await;
        assert_eq!(r.code(), 0, "bob keeps his own number: {}", r.body);
        assert_eq!(patch(c, "alice", json!({"employee_no": ""})).await.code(), 0, "no number clashes with nobody");

        let (_, rival) = app.other_tenant("Rival").await;
        let theirs = user_in(&rival, "carol", &["0"], json!({"employee_no": "E-7"})).await;
        assert_eq!(theirs["employee_no"], "E-7", "numbers are per tenant");

        resign(&app, &url, "bob").await;
        assert_eq!(patch(c, "alice", json!({"employee_no": "E-7"})).await.code(), 0, "a resigned member's number is free");
    })
    .await;
}
