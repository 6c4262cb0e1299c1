//! Event delivery stories on both backends: fan-out by audience, stable event_ids, due
//! deliveries on the clock, attempts, the feed and the log, and verified endpoints.

use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::Result;
use roster_domain::ids::{DeliveryId, EventSeq};
use roster_domain::model::{Attempt, DeliveryStatus, NewDelivery, TokenKind};
use roster_domain::services::events::{self, SubscriptionChange};
use roster_domain::services::tenancy::{self, AdminSpec, TenantSpec};
use roster_domain::services::users::{self, IdTypes, UserFields};
use roster_domain::services::{Caller, Env};
use roster_domain::settings::Settings;
use roster_domain::store::{AfterAttempt, Db, Tx};
use roster_store::testing;
use std::sync::Arc;

fn env(now: i64) -> Env {
    Env { now: Timestamp(now), codec: Arc::new(IdCodec::new(b"events")), settings: Arc::new(Settings::default()) }
}

async fn provision(db: &Db, name: &str) -> Caller {
    let e = env(1_000_000);
    let s = TenantSpec {
        name: name.into(),
        admin: AdminSpec { name: "Admin".into(), email: Some(format!("admin@{name}.test")), ..Default::default() },
        ..Default::default()
    };
    let p = db.write(move |tx| tenancy::provision_tenant(tx, &e, &s)).await.expect("provision");
    Caller {
        app: Arc::new(p.app),
        tenant: p.tenant.id,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: Timestamp(i64::MAX),
    }
}

async fn subscribe(db: &Db, c: &Caller, types: &[&str], url: &str) {
    let (app, e) = (c.app.id, env(1_000_000));
    let change = SubscriptionChange {
        event_url: Some(url.into()),
        event_types: Some(types.iter().map(|s| s.to_string()).collect()),
        encrypt_key: None,
    };
    db.write(move |tx| events::change_subscription(tx, &e, app, &change)).await.expect("subscribe");
}

async fn create_user(db: &Db, c: &Caller, name: &str, mobile: &str) {
    let (c, e) = (c.clone(), env(2_000_000));
    let f = UserFields {
        name: Some(name.into()),
        mobile: Some(mobile.into()),
        department_ids: Some(vec!["0".into()]),
        employee_type: Some(1),
        ..Default::default()
    };
    db.write(move |tx| users::create_user(tx, &e, &c, IdTypes::default(), &f, None)).await.expect("create user");
}

/// Writes planned deliveries as pending rows (due at once) and moves the cursor, as a spilled
/// fan-out does; returns how many deliveries were new.
fn record_fan_out(tx: &mut dyn Tx, planned: &[NewDelivery], cursor: Option<EventSeq>) -> Result<usize> {
    let mut made = 0;
    for d in planned {
        if tx.insert_delivery(d)? {
            made += 1;
        }
    }
    if let Some(c) = cursor
        && c > tx.dispatch_cursor()?
    {
        tx.set_dispatch_cursor(c)?;
    }
    Ok(made)
}

/// Plans everything after the cursor, as the dispatcher does, and writes it down as pending.
async fn fan_out(db: &Db) -> usize {
    let planned = db
        .read(|tx| {
            let after = tx.dispatch_cursor()?;
            let evs = tx.events_after(after, 100)?;
            let mut out = Vec::new();
            for ev in &evs {
                out.extend(
                    events::plan_deliveries(tx, &mut events::AppMemo::default(), ev)?.into_iter().map(|(d, _)| d),
                );
            }
            Ok((out, evs.last().map(|e| e.seq)))
        })
        .await
        .expect("plan");
    db.write(move |tx| record_fan_out(tx, &planned.0, planned.1)).await.expect("fan out")
}

#[tokio::test]
async fn fan_out_deliver_retry_and_read_back() {
    for tdb in testing::all().await {
        eprintln!("story on {:?}", tdb.backend);
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let acme = provision(&db, "acme").await;
        let other = provision(&db, "other").await;
        // Only acme's app subscribes; provisioning's own events predate the subscription.
        let before = fan_out(&db).await;
        assert_eq!(before, 0);
        subscribe(&db, &acme, &["contact.user.created_v3"], "http://127.0.0.1:9/hook").await;
        create_user(&db, &acme, "Ada", "+15550001").await;
        create_user(&db, &other, "Bob", "+15550002").await;
        assert_eq!(fan_out(&db).await, 1, "one event reaches one app");
        assert_eq!(fan_out(&db).await, 0, "nothing new after the cursor");

        // Planning the same event again (a restart before the cursor moved) changes nothing.
        let again = db
            .read(|tx| {
                let evs = tx.events_after(EventSeq(0), 100)?;
                let mut out = Vec::new();
                for ev in &evs {
                    out.extend(
                        events::plan_deliveries(tx, &mut events::AppMemo::default(), ev)?.into_iter().map(|(d, _)| d),
                    );
                }
                Ok(out)
            })
            .await
            .unwrap();
        assert_eq!(again.len(), 1);
        let first = db.read(|tx| tx.due_deliveries(Timestamp(i64::MAX), 10)).await.unwrap();
        assert_eq!(again[0].event_id, first[0].delivery.event_id, "planning again gives the same event_id");
        assert_eq!(db.write(move |tx| record_fan_out(tx, &again, None)).await.unwrap(), 0);

        let due = db.read(|tx| tx.due_deliveries(Timestamp(2_000_000), 10)).await.unwrap();
        assert_eq!(due.len(), 1);
        let d = due[0].delivery.clone();
        assert_eq!((d.app, d.status, d.attempts), (acme.app.id, DeliveryStatus::Pending, 0));
        assert_eq!(d.event_id.len(), 32);
        assert!(due[0].event.payload.contains("\"Ada\""));
        assert!(db.read(|tx| tx.due_deliveries(Timestamp(1_999_999), 10)).await.unwrap().is_empty());

        let attempt = |ok: bool, at: i64| Attempt {
            delivery: d.id,
            event_id: d.event_id.clone(),
            at: Timestamp(at),
            channel: "webhook".into(),
            ok,
            status_code: Some(if ok { 200 } else { 500 }),
            result: format!("http {}", if ok { 200 } else { 500 }),
            duration_ms: 3,
        };
        let a1 = attempt(false, 2_000_000);
        db.write(move |tx| tx.record_attempt(&a1, AfterAttempt::RetryAt(Timestamp(2_015_000)))).await.unwrap();
        assert!(db.read(|tx| tx.due_deliveries(Timestamp(2_014_999), 10)).await.unwrap().is_empty());
        let due = db.read(|tx| tx.due_deliveries(Timestamp(2_015_000), 10)).await.unwrap();
        assert_eq!(due[0].delivery.event_id, d.event_id, "the retry carries the same event_id");
        assert_eq!(due[0].delivery.attempts, 1);
        // An attempt for another event_id (a delivery recreated since) is ignored.
        let mut stale = attempt(true, 2_015_000);
        stale.event_id = "0".repeat(32);
        db.write(move |tx| tx.record_attempt(&stale, AfterAttempt::Delivered)).await.unwrap();
        let a2 = attempt(true, 2_015_000);
        db.write(move |tx| tx.record_attempt(&a2, AfterAttempt::Delivered)).await.unwrap();
        assert!(db.read(|tx| tx.due_deliveries(Timestamp(i64::MAX), 10)).await.unwrap().is_empty());

        let app = acme.app.id;
        let (log, attempts, feed, delivered, failed, foreign) = db
            .read(move |tx| {
                Ok((
                    tx.deliveries_of_app(app, None, None, 10)?,
                    tx.attempts_of(d.id)?,
                    tx.feed_of_app(app, DeliveryId(0), 10)?,
                    tx.deliveries_of_app(app, Some(DeliveryStatus::Delivered), None, 10)?,
                    tx.deliveries_of_app(app, Some(DeliveryStatus::Failed), None, 10)?,
                    tx.delivery(other.app.id, d.id)?,
                ))
            })
            .await
            .unwrap();
        assert_eq!(log[0].delivery.status, DeliveryStatus::Delivered);
        assert_eq!(log[0].delivery.attempts, 2);
        assert_eq!(log[0].delivery.last_result.as_deref(), Some("http 200"));
        assert_eq!(attempts.iter().map(|a| (a.number, a.ok)).collect::<Vec<_>>(), vec![(1, false), (2, true)]);
        assert_eq!(feed.len(), 1);
        assert_eq!((delivered.len(), failed.len()), (1, 0));
        assert!(foreign.is_none(), "another app cannot read this delivery");
        let all = db.read(|tx| tx.all_deliveries(DeliveryId(0), 10)).await.unwrap();
        assert_eq!(all.len(), 1);
    }
}

#[tokio::test]
async fn a_first_attempt_records_the_delivery_in_one_row_once() {
    for tdb in testing::all().await {
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let acme = provision(&db, "acme").await;
        fan_out(&db).await;
        subscribe(&db, &acme, &["contact.user.created_v3"], "http://127.0.0.1:9/hook").await;
        create_user(&db, &acme, "Ada", "+15550011").await;
        create_user(&db, &acme, "Eve", "+15550012").await;
        // The direct path: plan in memory, record nothing until the attempt is over.
        let (planned, cursor) = db
            .read(|tx| {
                let after = tx.dispatch_cursor()?;
                let evs = tx.events_after(after, 100)?;
                let mut out = Vec::new();
                for ev in &evs {
                    out.extend(
                        events::plan_deliveries(tx, &mut events::AppMemo::default(), ev)?.into_iter().map(|(d, _)| d),
                    );
                }
                Ok((out, after))
            })
            .await
            .unwrap();
        assert_eq!(planned.len(), 2);
        let through = planned[1].seq;
        let attempt = |ok: bool| Attempt {
            delivery: DeliveryId(0),
            event_id: String::new(),
            at: Timestamp(3_000_000),
            channel: "webhook".into(),
            ok,
            status_code: Some(if ok { 200 } else { 503 }),
            result: format!("http {}", if ok { 200 } else { 503 }),
            duration_ms: 4,
        };
        let (ada, eve) = (planned[0].clone(), planned[1].clone());
        let (a, e) = (ada.clone(), eve.clone());
        let made = db
            .write(move |tx| {
                Ok((
                    tx.record_first_attempt(&a, &attempt(true), AfterAttempt::Delivered)?,
                    tx.record_first_attempt(&e, &attempt(false), AfterAttempt::RetryAt(Timestamp(3_015_000)))?,
                    tx.record_first_attempt(&a, &attempt(false), AfterAttempt::GiveUp)?,
                ))
            })
            .await
            .unwrap();
        assert_eq!(made, (true, true, false), "a second record for (seq, app) changes nothing");
        let seen = db.read(move |tx| tx.deliveries_between(cursor, through)).await.unwrap();
        assert_eq!(seen.len(), 2, "a re-fan-out sees both as made");
        let log = db.read(move |tx| tx.deliveries_of_app(acme.app.id, None, None, 10)).await.unwrap();
        let by_event = |id: &str| log.iter().find(|d| d.delivery.event_id == id).unwrap().delivery.clone();
        let (da, de) = (by_event(&ada.event_id), by_event(&eve.event_id));
        assert_eq!(
            (da.status, da.attempts, da.last_result.as_deref()),
            (DeliveryStatus::Delivered, 1, Some("http 200"))
        );
        assert_eq!(
            (de.status, de.attempts, de.next_attempt_at),
            (DeliveryStatus::Pending, 1, Some(Timestamp(3_015_000)))
        );
        let attempts = db.read(move |tx| tx.attempts_of(da.id)).await.unwrap();
        assert_eq!(
            attempts.iter().map(|a| (a.number, a.ok, a.status_code)).collect::<Vec<_>>(),
            vec![(1, true, Some(200))]
        );
        // The failed one is a retry on the due path now, and its history keeps the first attempt.
        let due = db.read(|tx| tx.due_deliveries(Timestamp(3_015_000), 10)).await.unwrap();
        assert_eq!(due.len(), 1);
        let mut second = attempt(true);
        second.delivery = de.id;
        second.event_id = de.event_id.clone();
        db.write(move |tx| tx.record_attempt(&second, AfterAttempt::Delivered)).await.unwrap();
        let attempts = db.read(move |tx| tx.attempts_of(de.id)).await.unwrap();
        assert_eq!(attempts.iter().map(|a| (a.number, a.ok)).collect::<Vec<_>>(), vec![(1, false), (2, true)]);
    }
}

#[tokio::test]
async fn endpoints_need_verifying_again_when_the_url_changes() {
    for tdb in testing::all().await {
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let c = provision(&db, "acme").await;
        let app = c.app.id;
        let change = |url: &str| SubscriptionChange { event_url: Some(url.into()), ..Default::default() };
        let set = |ch: SubscriptionChange| {
            let db = db.clone();
            async move { db.write(move |tx| events::change_subscription(tx, &env(5), app, &ch)).await.unwrap() }
        };
        let first = set(change("http://127.0.0.1:9/a")).await;
        let sent = first.to_verify.clone().expect("a new URL needs verifying");
        let s2 = sent.clone();
        let stored = db.write(move |tx| events::record_verification(tx, &env(6), &s2, Ok(()))).await.unwrap();
        assert_eq!(stored.unwrap().verified_at, Some(Timestamp(6)));
        assert!(set(change("http://127.0.0.1:9/a")).await.to_verify.is_none(), "same URL, still verified");
        let key = SubscriptionChange { encrypt_key: Some(String::new()), ..Default::default() };
        assert!(set(key).await.to_verify.is_some(), "a new key changes the challenge");
        let moved = set(change("http://127.0.0.1:9/b")).await.to_verify.expect("new URL");
        // A late answer to the first challenge does not verify the new URL.
        let late = db.write(move |tx| events::record_verification(tx, &env(7), &sent, Ok(()))).await.unwrap();
        assert_eq!(late.unwrap().verified_at, None);
        let m2 = moved.clone();
        let failed = db
            .write(move |tx| events::record_verification(tx, &env(8), &m2, Err("http 404".into())))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(failed.last_error.as_deref(), Some("http 404"));
        set(change("")).await;
        assert!(db.read(move |tx| tx.event_endpoint(app)).await.unwrap().is_none());
        let changed = db.read(move |tx| tx.app(app)).await.unwrap().unwrap();
        assert_eq!(changed.event_url, None);
    }
}
