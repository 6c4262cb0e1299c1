//! Event delivery under write load (issue 6): the add-member (1 and 50 per call) and create_user
//! loads with the demo app subscribed, at a local receiver in the bench process, to the events
//! they cause, by webhook or over a long connection. Each row compares with its delivery-off twin
//! (`chat_add_member`, `chat_add_members_50`, `create_user`); the line under it gives events
//! delivered per second and the backlog left when the load stopped.

use super::{Ctx, Plan, Req, Scenario};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request as HttpRequest, Response};
use hyper_util::rt::TokioIo;
use roster_client::Request;
use serde_json::{Value, json};
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub fn scenarios() -> Vec<Scenario> {
    vec![
        Scenario {
            name: "chat_add_member_with_events",
            about: "chat_add_member while every im.chat.member.user.added_v1 goes to the bot's local webhook",
            prepare: |ctx| Box::pin(add_member_with_events(ctx)),
        },
        Scenario {
            name: "chat_add_member_with_long_connection",
            about: "chat_add_member while every im.chat.member.user.added_v1 goes over the bot's long connection",
            prepare: |ctx| Box::pin(add_with_long_connection(ctx, 1, 64)),
        },
        Scenario {
            name: "chat_add_members_50_with_long_connection",
            about: "chat_add_members_50 while each call's im.chat.member.user.added_v1 goes over the bot's long connection",
            prepare: |ctx| Box::pin(add_with_long_connection(ctx, 50, 256)),
        },
        Scenario {
            name: "chat_add_members_50_with_events",
            about: "chat_add_members_50 while each call's im.chat.member.user.added_v1 goes to the bot's local webhook",
            prepare: |ctx| Box::pin(add_members_50_with_events(ctx)),
        },
        Scenario {
            name: "create_user_with_events",
            about: "create_user while every contact.user.created_v3 is delivered to a local webhook",
            prepare: |ctx| Box::pin(create_user_with_events(ctx)),
        },
    ]
}

/// Answers the challenge and counts events.
async fn receive(req: HttpRequest<Incoming>, count: Arc<AtomicU64>) -> Result<Response<Full<Bytes>>, Infallible> {
    let body = req.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    // Only the challenge is parsed: the receiver shares the cores with the server it measures.
    if body.windows(16).any(|w| w == b"url_verification") {
        let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if v["type"] == "url_verification" {
            let answer = json!({"challenge": v["challenge"]}).to_string();
            return Ok(Response::new(Full::new(Bytes::from(answer))));
        }
    }
    count.fetch_add(1, Ordering::Relaxed);
    Ok(Response::new(Full::new(Bytes::from_static(br#"{"msg":"success"}"#))))
}

/// A webhook receiver on 127.0.0.1 in the bench process, on the receivers' runtime; returns its
/// URL and its event count.
async fn start_receiver(ctx: &Ctx) -> Result<(String, Arc<AtomicU64>), String> {
    let count = Arc::new(AtomicU64::new(0));
    let c = count.clone();
    let url = ctx
        .on_receivers(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
            let url = format!("http://{}/webhook/event", listener.local_addr().map_err(|e| e.to_string())?);
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let c = c.clone();
                    tokio::spawn(async move {
                        let svc = service_fn(move |req| receive(req, c.clone()));
                        let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), svc).await;
                    });
                }
            });
            Ok(url)
        })
        .await?;
    Ok((url, count))
}

/// Points the demo app's `event_type` events at `url` (`""`: no URL, so its long connection),
/// in plain JSON: the bench's receivers do not decrypt (encryption costs microseconds per event).
async fn set_subscription(ctx: &Ctx, app_id: &str, url: &str, event_type: &str) -> Result<Value, String> {
    let sub = json!({"event_url": url, "event_types": [event_type], "encrypt_key": ""});
    let r = ctx.must(Request::new(Method::PATCH, &format!("/_roster/v1/apps/{app_id}")).json(sub)).await?;
    Ok(r.data().clone())
}

/// Subscribes the demo app to nothing (no URL, no event types), so a scenario's load causes no
/// deliveries unless it subscribes itself.
pub async fn unsubscribe(ctx: &Ctx) -> Result<(), String> {
    let demo = ctx.client.demo().await.map_err(|e| e.to_string())?;
    let none = json!({"event_url": "", "event_types": []});
    ctx.must(Request::new(Method::PATCH, &format!("/_roster/v1/apps/{}", demo.app_id)).json(none)).await?;
    Ok(())
}

/// Starts a webhook receiver and subscribes the demo app to `event_type` there; returns the
/// event count.
async fn subscribe(ctx: &Ctx, event_type: &str) -> Result<Arc<AtomicU64>, String> {
    let (url, delivered) = start_receiver(ctx).await?;
    let demo = ctx.client.demo().await.map_err(|e| e.to_string())?;
    let sub = set_subscription(ctx, &demo.app_id, &url, event_type).await?;
    if sub["verified"] != true {
        return Err(format!("the bench receiver was not verified: {sub}"));
    }
    Ok(delivered)
}

/// The line under a row: delivered events per second while the load ran, the backlog when it
/// stopped, and how long the backlog then took to drain (delivery gives way to the API when the
/// cores are busy, and catches up when they are not).
fn delivery_report(delivered: &AtomicU64, caused: u64, started: Instant) -> String {
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let got = delivered.load(Ordering::Relaxed);
    format!(
        "events delivered: {got} in {secs:.1}s = {:.0}/s; events caused {caused}; backlog at the end {}, {}",
        got as f64 / secs,
        caused.saturating_sub(got),
        drain(delivered, caused)
    )
}

/// The longest the bench waits for a backlog to drain.
const DRAIN_LIMIT: Duration = Duration::from_secs(60);

/// Waits (the load has stopped) until every caused event has arrived; says how long that took.
fn drain(delivered: &AtomicU64, caused: u64) -> String {
    let waited = Instant::now();
    loop {
        let missing = caused.saturating_sub(delivered.load(Ordering::Relaxed));
        if missing == 0 {
            return format!("drained {:.2}s later", waited.elapsed().as_secs_f64());
        }
        if waited.elapsed() > DRAIN_LIMIT {
            return format!("{missing} still missing {}s later", DRAIN_LIMIT.as_secs());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

async fn add_member_with_events(ctx: &Ctx) -> Result<Plan, String> {
    add_with_events(ctx, 1, 64).await
}

async fn add_members_50_with_events(ctx: &Ctx) -> Result<Plan, String> {
    add_with_events(ctx, 50, 256).await
}

async fn add_with_events(ctx: &Ctx, per_call: usize, chats: usize) -> Result<Plan, String> {
    let adds = super::chats::add_members(ctx, per_call, chats).await?;
    let delivered = subscribe(ctx, "im.chat.member.user.added_v1").await?;
    Ok(count_adds(adds, delivered, || {}))
}

/// The same load, with the events going over a long connection the bench holds open (no event
/// URL: Roster sends an app's events over its long connection when it has one).
async fn add_with_long_connection(ctx: &Ctx, per_call: usize, chats: usize) -> Result<Plan, String> {
    let adds = super::chats::add_members(ctx, per_call, chats).await?;
    let demo = ctx.client.demo().await.map_err(|e| e.to_string())?;
    set_subscription(ctx, &demo.app_id, "", "im.chat.member.user.added_v1").await?;
    let receiver = super::ws_receiver::connect(ctx, &demo.app_id, &demo.app_secret).await?;
    let delivered = receiver.delivered.clone();
    Ok(count_adds(adds, delivered, move || receiver.close()))
}

/// Counts the calls of an add-member plan and reports deliveries after it, then runs `done`.
fn count_adds(adds: Plan, delivered: Arc<AtomicU64>, done: impl Fn() + Send + Sync + 'static) -> Plan {
    // Each call adds members to a chat the demo bot is in: one event (listing them) for the bot.
    let (requests, started) = (Arc::new(AtomicU64::new(0)), Instant::now());
    let (counted, next) = (requests.clone(), adds.next);
    let mut plan = Plan::new(adds.token, move |conn, seq| {
        counted.fetch_add(1, Ordering::Relaxed);
        next(conn, seq)
    });
    plan.connections = adds.connections;
    plan.items_per_request = adds.items_per_request;
    plan.after = Some(Box::new(move || {
        let report = delivery_report(&delivered, requests.load(Ordering::Relaxed), started);
        done();
        report
    }));
    plan
}

async fn create_user_with_events(ctx: &Ctx) -> Result<Plan, String> {
    let delivered = subscribe(ctx, "contact.user.created_v3").await?;
    let run = rand::random::<u32>() % 1000;
    let created = Arc::new(AtomicU64::new(0));
    let (made, started) = (created.clone(), Instant::now());
    let mut plan = Plan::new(ctx.token.clone(), move |conn, seq| {
        made.fetch_add(1, Ordering::Relaxed);
        let body = json!({
            "name": format!("Evented {conn}-{seq}"),
            "mobile": format!("+3{run:03}{conn:03}{seq:07}"),
            "department_ids": ["0"],
            "employee_type": 1,
        });
        Req::json(Method::POST, "/open-apis/contact/v3/users", &body)
    });
    plan.after = Some(Box::new(move || delivery_report(&delivered, created.load(Ordering::Relaxed), started)));
    Ok(plan)
}
