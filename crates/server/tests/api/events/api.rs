//! Roster's event API: the subscription, the delivery log, the feed, the long connection's
//! endpoint and the emulator's view, including bad input and other tenants' ids.

use super::receiver::Receiver;
use super::{CREATED, create_user, subscribe};
use crate::harness::*;
use roster_client::Request;
use serde_json::{Value, json};

const SUB: &str = "/open-apis/roster/v1/events/subscription";
const LOG: &str = "/open-apis/roster/v1/events/deliveries";
const FEED: &str = "/open-apis/roster/v1/events/feed";

fn patch(body: Value) -> Request<'static> {
    Request::new(reqwest::Method::PATCH, SUB).json(body)
}

#[tokio::test]
async fn the_feed_replays_what_the_app_received_and_the_log_tells_what_happened() {
    on_each_backend(|app| async move {
        let r = Receiver::start(None).await;
        // The subscription API cannot change the key; the emulator's PATCH can (plain JSON here).
        subscribe(&app.anon(), &app.demo.app_id, "", &[], None).await;
        let sub = app.call(patch(json!({"event_url": r.url, "event_types": [CREATED, CREATED]}))).await;
        assert_eq!(sub.code(), 0, "{}", sub.body);
        assert_eq!(sub.data()["event_types"], json!([CREATED]), "duplicates collapse");
        assert_eq!((sub.data()["verified"].as_bool(), sub.data()["encrypted"].as_bool()), (Some(true), Some(false)));
        let get = app.call(Request::get(SUB)).await;
        assert_eq!(get.data(), sub.data());
        // Deliveries run concurrently, so each create waits for its event: `got` is in outbox order.
        for i in 0..3 {
            create_user(&app.client, &format!("Feed {i}"), &format!("+1555126000{i}")).await;
            r.wait_for(i + 1).await;
        }
        let got = r.wait_for(3).await;
        // A delivery is written down just after its receiver answered: wait for the third row.
        for _ in 0..200 {
            let all = app.call(Request::get(FEED)).await;
            if all.data()["items"].as_array().map_or(0, Vec::len) >= 3 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        let feed = app.call(Request::get(FEED).query("page_size", 2)).await;
        assert_eq!(feed.code(), 0, "{}", feed.body);
        let items = feed.data()["items"].as_array().unwrap().clone();
        assert_eq!((items.len(), feed.data()["has_more"].as_bool()), (2, Some(true)));
        assert_eq!(items[0]["event"], got[0].event, "the feed shows exactly what was delivered");
        let rest = app.call(Request::get(FEED).query("after", feed.data()["cursor"].as_str().unwrap())).await;
        assert_eq!(rest.data()["items"].as_array().unwrap().len(), 1);
        assert_eq!(rest.data()["items"][0]["event"], got[2].event);
        // Replay from the start at any time.
        let again = app.call(Request::get(FEED)).await;
        assert_eq!(again.data()["items"].as_array().unwrap().len(), 3);
        let end = app.call(Request::get(FEED).query("after", rest.data()["cursor"].as_str().unwrap())).await;
        assert_eq!((end.data()["items"].as_array().unwrap().len(), end.data()["has_more"].as_bool()), (0, Some(false)));

        let log = app.call(Request::get(LOG).query("page_size", 2)).await;
        let items = log.data()["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["event_id"], got[2].event_id(), "newest first");
        assert_eq!((items[0]["status"].as_str(), items[0]["attempts"].as_i64()), (Some("delivered"), Some(1)));
        let next = app.call(Request::get(LOG).query("page_token", log.data()["page_token"].as_str().unwrap())).await;
        assert_eq!(next.data()["items"][0]["event_id"], got[0].event_id());
        let id = items[0]["delivery_id"].as_str().unwrap().to_owned();
        let one = app.call(Request::get(&format!("{LOG}/{id}"))).await;
        let attempt = &one.data()["delivery"]["attempt_list"][0];
        assert_eq!((attempt["ok"].as_bool(), attempt["status_code"].as_i64()), (Some(true), Some(200)));
        assert_eq!(attempt["channel"], "webhook");

        // Another tenant's app sees none of it.
        let (_, other) = app.other_tenant("Other").await;
        let theirs = other.send(Request::get(&format!("{LOG}/{id}"))).await.unwrap();
        assert_error(&theirs, 404, 1900002);
        let feed = other.send(Request::get(FEED)).await.unwrap();
        assert_eq!(feed.data()["items"], json!([]));

        // The emulator shows every delivery of every app, with the event.
        let all = app.anon().send(Request::get("/_roster/v1/events")).await.unwrap();
        let all_items = all.data()["items"].as_array().unwrap().clone();
        assert_eq!(all_items.len(), 3);
        assert_eq!(all_items[0]["app_id"], app.demo.app_id.as_str());
        assert_eq!(all_items[0]["event"], got[0].event);
        assert_eq!(all_items[0]["attempt_list"].as_array().unwrap().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn bad_input_keeps_the_envelope() {
    let app = spawn_app().await;
    let cases: Vec<(Request<'static>, u16, i64)> = vec![
        (
            Request::new(reqwest::Method::PATCH, SUB).json(json!({"event_types": "contact.user.created_v3"})),
            400,
            99992402,
        ),
        (patch(json!({"event_types": ["contact.user.created_v9"]})), 400, 99992402),
        (patch(json!({"event_types": vec![CREATED; 101]})), 400, 99992402),
        (patch(json!({"event_url": "ftp://x"})), 400, 99992402),
        (patch(json!({"event_url": "https://example.com/hook"})), 400, 99992402),
        (patch(json!({"encrypt_key": "k"})), 400, 99992402),
        (Request::get(LOG).query("page_size", 0), 400, 99992402),
        (Request::get(LOG).query("page_size", "x"), 400, 99992402),
        (Request::get(LOG).query("page_token", "abc"), 400, 99992402),
        (Request::get(LOG).query("status", "lost"), 400, 99992402),
        (Request::get("/open-apis/roster/v1/events/deliveries/abc"), 400, 99992402),
        (Request::get("/open-apis/roster/v1/events/deliveries/999999"), 404, 1900002),
        (Request::get(FEED).query("after", "-1"), 400, 99992402),
        (Request::get(FEED).query("page_size", 101), 400, 99992402),
    ];
    for (req, status, code) in cases {
        let r = app.call(req).await;
        assert_error(&r, status, code);
    }
    let malformed = app.client.send(Request::new(reqwest::Method::PATCH, SUB).json(json!("{not json"))).await.unwrap();
    assert_error(&malformed, 400, 99992402);
    let no_token = app.anon().send(Request::get(LOG).anonymous()).await.unwrap();
    assert_error(&no_token, 400, 99991661);
    let user = app.user_token("alice").await;
    let r = app.anon().send(Request::get(FEED).token(user)).await.unwrap();
    assert_error(&r, 400, 99991668);
    let r = app.anon().send(Request::get("/_roster/v1/events").query("limit", 0)).await.unwrap();
    assert_error(&r, 400, 99992402);
}

#[tokio::test]
async fn the_long_connection_endpoint_checks_credentials() {
    let app = spawn_app().await;
    let http = reqwest::Client::new();
    let ask = |body: Value| {
        let http = http.clone();
        let url = format!("{}/callback/ws/endpoint", app.base);
        async move { http.post(url).json(&body).send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let ok = ask(json!({"AppID": app.demo.app_id, "AppSecret": app.demo.app_secret})).await;
    assert_eq!(ok["code"], 0, "{ok}");
    let url = ok["data"]["URL"].as_str().unwrap();
    assert!(url.starts_with("ws://") && url.contains("device_id=") && url.contains("service_id="), "{url}");
    assert_eq!(ok["data"]["ClientConfig"]["ReconnectCount"], -1);
    assert!(ok["data"]["ClientConfig"]["PingInterval"].as_i64().unwrap() > 0);
    assert_eq!(ask(json!({"AppID": app.demo.app_id, "AppSecret": "wrong"})).await["code"], 514);
    assert_eq!(ask(json!({"AppID": "cli_nope", "AppSecret": "x"})).await["code"], 514);
    assert_eq!(ask(json!({})).await["code"], 1000040344);
    assert_eq!(ask(json!("nope")).await["code"], 1000040344);
    // The URL is good once; a made-up ticket is refused at the handshake.
    let bad = http.get(format!("{}/callback/ws/connect?ticket=nope", app.base)).send().await.unwrap();
    assert_eq!(bad.status(), 403);
    assert_eq!(bad.headers()["handshake-status"], "403");
}
