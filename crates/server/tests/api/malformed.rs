//! Cut-off JSON sent to every write endpoint of contact and the lifecycle: each answers HTTP 400
//! with the Lark envelope and 99992402, and nothing it names changes.

use crate::harness::*;
use roster_client::Request;
use serde_json::Value;

const CUT_OFF: &str = "{\"name\": ";

#[tokio::test]
async fn cut_off_json_gets_the_envelope_everywhere() {
    on_each_backend(|app| async move {
        let token = app.client.tenant_token().await.unwrap();
        let users = "/open-apis/contact/v3/users";
        let depts = "/open-apis/contact/v3/departments";
        let endpoints: Vec<(&str, String, bool)> = vec![
            ("POST", depts.to_owned(), true),
            ("PATCH", format!("{depts}/engineering?department_id_type=department_id"), true),
            ("PUT", format!("{depts}/engineering?department_id_type=department_id"), true),
            ("PATCH", format!("{depts}/engineering/update_department_id?department_id_type=department_id"), true),
            ("POST", users.to_owned(), true),
            ("PATCH", format!("{users}/alice?user_id_type=user_id"), true),
            ("PUT", format!("{users}/alice?user_id_type=user_id"), true),
            ("PATCH", format!("{users}/alice/update_user_id?user_id_type=user_id"), true),
            ("POST", format!("{users}/batch_get_id"), true),
            ("DELETE", format!("{users}/alice?user_id_type=user_id"), true),
            ("POST", format!("{users}/alice/resurrect?user_id_type=user_id"), true),
            ("POST", "/open-apis/roster/v1/accounts".to_owned(), false),
        ];
        let http = reqwest::Client::new();
        for (method, path, authed) in endpoints {
            let mut req = http
                .request(method.parse().unwrap(), format!("{}{path}", app.base))
                .header("content-type", "application/json")
                .body(CUT_OFF);
            if authed {
                req = req.bearer_auth(&token);
            }
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status().as_u16(), 400, "{method} {path}");
            let body: Value = resp.json().await.unwrap_or_else(|e| panic!("{method} {path}: not JSON: {e}"));
            assert_eq!(body["code"], 99992402, "{method} {path}: {body}");
            assert!(body["msg"].is_string(), "{method} {path}: {body}");
        }
        // Nothing changed: alice is still a working member, engineering still has its id.
        let alice = app.call(Request::get(&format!("{users}/alice")).query("user_id_type", "user_id")).await;
        assert_eq!(alice.data()["user"]["status"]["is_resigned"], false, "{}", alice.body);
        let eng =
            app.call(Request::get(&format!("{depts}/engineering")).query("department_id_type", "department_id")).await;
        assert_eq!(eng.code(), 0, "{}", eng.body);
    })
    .await;
}
