//! Event delivery end to end: subscription with url_verification, webhook delivery (plain and
//! encrypted), Lark's retry schedule on the emulator's clock, a receiver that stays down, a slow
//! receiver beside a fast one, a restart mid-delivery, and the log, feed and emulator views.

mod api;
mod longconn;
pub(crate) mod receiver;

use crate::harness::*;
use receiver::Receiver;
use roster_client::{ApiResponse, Client, Request};
use serde_json::{Value, json};
use std::time::Duration;

const CREATED: &str = "contact.user.created_v3";
pub const DEMO_KEY: &str = "roster-demo-encrypt-key";

/// Points `app_id`'s events at `url` through the emulator; `key` None turns encryption off.
pub async fn subscribe(anon: &Client, app_id: &str, url: &str, types: &[&str], key: Option<&str>) -> Value {
    let body = json!({"event_url": url, "event_types": types, "encrypt_key": key.unwrap_or("")});
    let path = format!("/_roster/v1/apps/{app_id}");
    let r = anon.send(Request::new(reqwest::Method::PATCH, &path).json(&body)).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data().clone()
}

/// Creates a user through the contact API as `client`'s app.
pub async fn create_user(client: &Client, name: &str, mobile: &str) -> ApiResponse {
    let body = json!({"name": name, "mobile": mobile, "department_ids": ["0"], "employee_type": 1});
    let r =
        client.send(Request::post("/open-apis/contact/v3/users").query("user_id_type", "user_id").json(&body)).await;
    let r = r.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    r
}

#[tokio::test]
async fn contact_events_reach_a_verified_url_plain_and_encrypted() {
    on_each_backend(|app| async move {
        let plain = Receiver::start(None).await;
        let sub = subscribe(&app.anon(), &app.demo.app_id, &plain.url, &[CREATED], None).await;
        assert_eq!((sub["verified"].as_bool(), sub["encrypted"].as_bool()), (Some(true), Some(false)), "{sub}");
        let ch = plain.challenges();
        assert_eq!(ch.len(), 1);
        assert_eq!(
            (ch[0]["type"].as_str(), ch[0]["token"].as_str()),
            (Some("url_verification"), Some(app.demo.verification_token.as_str()))
        );

        let created = create_user(&app.client, "李雷 Lei", "+15551230001").await;
        let got = plain.wait_for(1).await;
        let ev = &got[0].event;
        assert_eq!(ev["schema"], "2.0");
        let h = &ev["header"];
        assert_eq!((h["event_type"].as_str(), h["app_id"].as_str()), (Some(CREATED), Some(app.demo.app_id.as_str())));
        assert_eq!(h["tenant_key"], app.demo.tenant_key.as_str());
        assert_eq!(h["token"], app.demo.verification_token.as_str());
        assert!(h["create_time"].as_str().unwrap().parse::<i64>().unwrap() > 1_600_000_000_000);
        assert!(h["event_id"].as_str().unwrap().len() == 32);
        let o = &ev["event"]["object"];
        assert_eq!(o["open_id"], created.data()["user"]["open_id"]);
        assert_eq!(o["union_id"], created.data()["user"]["union_id"]);
        assert_eq!(o["user_id"], created.data()["user"]["user_id"]);
        assert_eq!(o["name"], "李雷 Lei");
        // Plain bodies are exactly JSON.stringify's output: compact, non-ASCII as is.
        let raw = String::from_utf8(got[0].raw.clone()).unwrap();
        assert!(raw.contains("李雷 Lei") && !raw.contains(": ") && !raw.contains("\\u"), "{raw}");
        assert!(got[0].headers.get("x-lark-signature").is_none(), "no key, no signature");

        let sealed = Receiver::start(Some(DEMO_KEY)).await;
        let sub = subscribe(&app.anon(), &app.demo.app_id, &sealed.url, &[CREATED], Some(DEMO_KEY)).await;
        assert_eq!((sub["verified"].as_bool(), sub["encrypted"].as_bool()), (Some(true), Some(true)), "{sub}");
        create_user(&app.client, "Han Meimei", "+15551230002").await;
        let got = sealed.wait_for(1).await;
        assert_eq!(got[0].event["event"]["object"]["name"], "Han Meimei");
        assert!(String::from_utf8_lossy(&got[0].raw).starts_with(r#"{"encrypt":""#));
        assert_eq!(plain.events().len(), 1, "the old URL gets nothing more");
    })
    .await;
}

#[tokio::test]
async fn unverified_urls_get_nothing_and_scope_limits_the_audience() {
    let app = spawn_app().await;
    // A URL that never answers the challenge: the subscription says so, and no event goes there.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", silent.local_addr().unwrap());
    drop(silent);
    let sub = subscribe(&app.anon(), &app.demo.app_id, &url, &[CREATED], None).await;
    assert_eq!(sub["verified"], false);
    assert!(sub["verification_error"].as_str().unwrap().contains("challenge"), "{sub}");
    create_user(&app.client, "Nobody", "+15551230003").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let log = app.call(Request::get("/open-apis/roster/v1/events/deliveries")).await;
    let item = &log.data()["items"][0];
    assert_eq!(item["status"], "pending");
    assert!(item["last_status"].as_str().unwrap().contains("not verified"), "{item}");

    // Another tenant's app never sees the demo tenant's users.
    let (other, other_client) = app.other_tenant("Other").await;
    let theirs = Receiver::start(None).await;
    subscribe(&app.anon(), &other.app_id, &theirs.url, &[CREATED], None).await;
    create_user(&app.client, "Mine", "+15551230004").await;
    create_user(&other_client, "Theirs", "+15551230005").await;
    let got = theirs.wait_for(1).await;
    theirs.stays_at(1, Duration::from_millis(500)).await;
    assert_eq!(got[0].event["event"]["object"]["name"], "Theirs");
    assert_eq!(got[0].event["header"]["tenant_key"], other.tenant_key.as_str());
}

#[tokio::test]
async fn retries_follow_lark_schedule_on_the_clock_then_give_up() {
    let app = spawn_app().await;
    let r = Receiver::start(None).await;
    subscribe(&app.anon(), &app.demo.app_id, &r.url, &[CREATED], None).await;
    r.answer(500, Duration::ZERO);
    create_user(&app.client, "Retry", "+15551230006").await;
    r.wait_for(1).await;
    // Each retry comes exactly when the clock reaches it: not a second before.
    let mut seen = 1;
    for wait in [15, 300, 3600, 21600] {
        app.anon().advance_clock(wait - 1).await.unwrap();
        r.stays_at(seen, Duration::from_millis(400)).await;
        app.anon().advance_clock(1).await.unwrap();
        seen += 1;
        let got = r.wait_for(seen).await;
        assert_eq!(got[seen - 1].event_id(), got[0].event_id(), "every retry carries the same event_id");
    }
    app.anon().advance_clock(7 * 86_400).await.unwrap();
    r.stays_at(5, Duration::from_millis(500)).await;
    // Hours passed on the clock: a fresh client fetches a fresh tenant token.
    let log = app.as_app(&app.demo).send(Request::get("/open-apis/roster/v1/events/deliveries")).await.unwrap();
    let item = &log.data()["items"][0];
    assert_eq!((item["status"].as_str(), item["attempts"].as_i64()), (Some("failed"), Some(5)), "{item}");
    assert_eq!(item["last_status"], "http 500");
    assert!(item.get("next_attempt_time").is_none());
}

#[tokio::test]
async fn a_receiver_that_stays_down_is_given_up_on_while_others_are_served() {
    let app = spawn_app().await;
    let down = Receiver::start(None).await;
    subscribe(&app.anon(), &app.demo.app_id, &down.url, &[CREATED], None).await;
    // A slow receiver (it answers after the 3 s limit) must not hold up another app's events.
    down.answer(200, Duration::from_secs(5));
    let (other, other_client) = app.other_tenant("Fast").await;
    let fast = Receiver::start(None).await;
    subscribe(&app.anon(), &other.app_id, &fast.url, &[CREATED], None).await;
    for i in 0..3 {
        create_user(&app.client, &format!("Slow {i}"), &format!("+1555124000{i}")).await;
    }
    down.wait_for(3).await;
    let started = std::time::Instant::now();
    create_user(&other_client, "Quick", "+15551240009").await;
    fast.wait_for(1).await;
    assert!(started.elapsed() < Duration::from_secs(2), "the fast app waited {:?}", started.elapsed());

    // Now the slow receiver goes away for good; every retry fails and Roster gives up.
    down.shut_down();
    tokio::time::sleep(Duration::from_secs(4)).await;
    for wait in [15, 300, 3600, 21600] {
        app.anon().advance_clock(wait).await.unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let fresh = app.as_app(&app.demo);
    let failed =
        fresh.send(Request::get("/open-apis/roster/v1/events/deliveries").query("status", "failed")).await.unwrap();
    let items = failed.data()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 3, "{}", failed.body);
    for it in &items {
        assert_eq!(it["attempts"], 5);
        assert!(it["last_status"].as_str().unwrap().starts_with("connection failed"), "{it}");
    }
    let path = format!("/open-apis/roster/v1/events/deliveries/{}", items[0]["delivery_id"].as_str().unwrap());
    let one = fresh.send(Request::get(&path)).await.unwrap();
    let attempts = one.data()["delivery"]["attempt_list"].as_array().unwrap().clone();
    assert_eq!(attempts.len(), 5);
    assert!(attempts[0]["result"].as_str().unwrap().starts_with("timeout after 3000 ms"), "{}", one.body);
}

/// Roster on an existing database, for the restart test: (base URL, stop, finished).
async fn serve_on(url: &str) -> (String, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = roster_server::Config {
        listen: addr.to_string(),
        data_dir: dir.path().to_path_buf(),
        database: Some(url.to_owned()),
        demo: true,
        ..Default::default()
    };
    let roster = roster_server::build(config, addr).await.expect("build");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _dir = dir;
        roster_server::run(roster, listener, async {
            let _ = stopped.await;
        })
        .await;
    });
    (format!("http://{addr}"), stop, task)
}

#[tokio::test]
async fn a_restart_mid_delivery_still_delivers_with_the_same_event_id() {
    for db in roster_store::testing::all().await {
        let (base, stop, task) = serve_on(&db.url).await;
        let anon = Client::new(&base);
        let demo = anon.demo().await.unwrap();
        let client = Client::new(&base).with_app(&demo.app_id, &demo.app_secret);
        let r = Receiver::start(None).await;
        subscribe(&anon, &demo.app_id, &r.url, &[CREATED], None).await;
        // The receiver holds the first attempt open; Roster stops while it is in flight.
        r.answer(200, Duration::from_secs(60));
        create_user(&client, "Survivor", "+15551250001").await;
        let first = r.wait_for(1).await[0].event_id();
        let _ = stop.send(());
        task.await.unwrap();
        r.answer(200, Duration::ZERO);
        let (base, stop, task) = serve_on(&db.url).await;
        let got = r.wait_for(2).await;
        assert_eq!(got[1].event_id(), first, "after the restart the same event arrives with the same event_id");
        assert_eq!(got[1].event["event"]["object"]["name"], "Survivor");
        let client = Client::new(&base).with_app(&demo.app_id, &demo.app_secret);
        let mut status = Value::Null;
        for _ in 0..100 {
            let log = client.send(Request::get("/open-apis/roster/v1/events/deliveries")).await.unwrap();
            status = log.data()["items"][0]["status"].clone();
            if status == "delivered" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(status, "delivered");
        let _ = stop.send(());
        task.await.unwrap();
    }
}
