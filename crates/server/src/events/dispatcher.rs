//! The dispatcher: a background job that wakes every `poll_interval_ms` (or when woken), fans new
//! outbox events out into deliveries, and starts the attempts that are due on Roster's clock
//! (so moving the emulator's clock makes retries due at the next tick).
//!
//! Invariant: at least once. A delivery is marked delivered only after its ack came back, in a
//! transaction of its own; an attempt cut short by a crash leaves the delivery due, and the next
//! run sends it again with the same event_id.
//! Invariant: a slow or dead receiver delays only itself: each app has its own in-flight limit,
//! and due deliveries are picked per app.
//! Invariant: the dispatcher only reads the outbox; API writes never wait for it.

use super::render::Renderer;
use super::{longconn::PushError, verify_endpoint, webhook};
use crate::state::AppState;
use roster_domain::Clock;
use roster_domain::ids::{AppId, DeliveryId, EventSeq};
use roster_domain::model::{App, Attempt, Delivery, EventEndpoint, NewDelivery};
use roster_domain::services::events as service;
use roster_domain::store::AfterAttempt;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

/// How long a hole in the outbox sequence may stay open before the cursor moves past it. On
/// PostgreSQL a transaction that took seq N may commit after one that took N+1; a rolled-back
/// one leaves N unused for good.
const GAP_GRACE: Duration = Duration::from_secs(10);

/// The shortest time between two passes when woken early.
const PASS_GAP: Duration = Duration::from_millis(10);

/// Per app: the deliveries whose attempt is running or not yet recorded (never picked twice),
/// and how many attempts are sending right now (the per-app limit counts only these, so
/// recording lags never hold a receiver's slots).
#[derive(Default, Clone)]
struct AppFlight {
    taken: HashSet<DeliveryId>,
    sending: usize,
}

type InFlight = Arc<Mutex<HashMap<AppId, AppFlight>>>;

fn lock(f: &InFlight) -> std::sync::MutexGuard<'_, HashMap<AppId, AppFlight>> {
    f.lock().unwrap_or_else(|p| p.into_inner())
}

/// An attempt ready to run: the delivery, the app as it is now, its endpoint, the body.
struct Job {
    delivery: Delivery,
    app: App,
    endpoint: Option<EventEndpoint>,
    body: Result<String, String>,
}

/// A finished attempt, waiting to be recorded.
struct Done {
    app: AppId,
    attempt: Attempt,
    next: AfterAttempt,
}

pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let in_flight: InFlight = Arc::default();
    let (done_tx, done_rx) = mpsc::unbounded_channel::<Done>();
    let recorder = tokio::spawn(record(state.clone(), done_rx, in_flight.clone()));
    let mut attempts = JoinSet::new();
    let mut gaps: BTreeMap<i64, Instant> = BTreeMap::new();
    let tick = Duration::from_millis(state.settings.events.poll_interval_ms.max(1));
    let mut last_pass = Instant::now();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            _ = tokio::time::sleep(tick) => {}
            _ = state.events.woken() => {
                // Woken by finished attempts: gather a few milliseconds' worth per pass, so a busy
                // dispatcher makes fewer, larger passes and leaves the CPU to the API.
                if let Some(rest) = PASS_GAP.checked_sub(last_pass.elapsed()) {
                    tokio::time::sleep(rest).await;
                }
            }
        }
        last_pass = Instant::now();
        match fan_out(&state, &mut gaps).await {
            // A full batch means more are waiting: come back at once.
            Ok(true) => state.events.wake(),
            Ok(false) => {}
            Err(e) => tracing::warn!("event fan-out: {e}"),
        }
        if let Err(e) = start_due(&state, &in_flight, &mut attempts, &done_tx).await {
            tracing::warn!("starting event deliveries: {e}");
        }
        while attempts.try_join_next().is_some() {}
    }
    // Attempts still running are abandoned, as a crash would leave them: their deliveries stay
    // due and go out again (same event_id) on the next start. Finished ones are still recorded.
    attempts.abort_all();
    while attempts.join_next().await.is_some() {}
    drop(done_tx);
    let _ = recorder.await;
    state.events.stop();
}

/// Moves the cursor over the contiguous run of seqs after it; a hole stops it until it fills or
/// has been open for [`GAP_GRACE`].
fn advance(cursor: i64, seqs: &[i64], gaps: &mut BTreeMap<i64, Instant>) -> i64 {
    let now = Instant::now();
    let mut through = cursor;
    let mut blocked = false;
    for &seq in seqs {
        for missing in through + 1..seq {
            let first_seen = *gaps.entry(missing).or_insert(now);
            if now.duration_since(first_seen) < GAP_GRACE {
                blocked = true;
            }
        }
        if blocked {
            break;
        }
        through = seq;
    }
    gaps.retain(|s, _| *s > through);
    through
}

/// Fans out the next batch; `true` when the batch was full (more events are waiting).
async fn fan_out(state: &AppState, gaps: &mut BTreeMap<i64, Instant>) -> roster_domain::Result<bool> {
    let batch = state.settings.events.batch_size;
    let (cursor, seqs, planned) = state
        .db
        .read(move |tx| {
            let cursor = tx.dispatch_cursor()?;
            let events = tx.events_after(cursor, batch)?;
            let mut planned: Vec<NewDelivery> = Vec::new();
            for ev in &events {
                match service::plan_deliveries(tx, ev) {
                    Ok(p) => planned.extend(p),
                    Err(e) => tracing::error!("outbox event {} ({}) has no audience: {e}", ev.seq, ev.event_type),
                }
            }
            Ok((cursor.0, events.iter().map(|e| e.seq.0).collect::<Vec<_>>(), planned))
        })
        .await?;
    if seqs.is_empty() {
        gaps.clear();
        return Ok(false);
    }
    let full = seqs.len() as u32 >= batch;
    let through = advance(cursor, &seqs, gaps);
    if planned.is_empty() && through == cursor {
        return Ok(false);
    }
    let made = state.db.write(move |tx| service::record_fan_out(tx, &planned, Some(EventSeq(through)))).await?;
    if made > 0 {
        tracing::debug!("{made} new event deliveries");
    }
    Ok(full && through > cursor)
}

async fn start_due(
    state: &AppState,
    in_flight: &InFlight,
    attempts: &mut JoinSet<()>,
    done: &mpsc::UnboundedSender<Done>,
) -> roster_domain::Result<()> {
    let now = state.clock.now();
    let settings = &state.settings.events;
    let (max, batch) = (settings.max_in_flight_per_app, settings.batch_size);
    let busy: HashMap<AppId, AppFlight> = lock(in_flight).clone();
    let env = state.env();
    let jobs = state
        .db
        .read(move |tx| {
            let mut picked = Vec::new();
            for app_id in tx.apps_with_due_deliveries(now, batch)? {
                let flight = busy.get(&app_id);
                let free = max.saturating_sub(flight.map_or(0, |f| f.sending));
                if free == 0 {
                    continue;
                }
                let Some(app) = tx.app(app_id)? else { continue };
                let endpoint = tx.event_endpoint(app_id)?;
                let fetch = (free + flight.map_or(0, |f| f.taken.len())) as u32;
                let due = tx.due_deliveries_of_app(app_id, now, fetch)?;
                let fresh: Vec<_> = due
                    .into_iter()
                    .filter(|d| flight.is_none_or(|f| !f.taken.contains(&d.delivery.id)))
                    .take(free)
                    .collect();
                picked.push((app, endpoint, fresh));
            }
            // One renderer for the whole pass, so tenant keys and user_ids are looked up once.
            let mut renderer = Renderer::new(tx, &env);
            let mut jobs = Vec::new();
            for (app, endpoint, due) in picked {
                for d in due {
                    let body = renderer.render(&app, &d.delivery, &d.event).map_err(|e| e.to_string());
                    jobs.push(Job { delivery: d.delivery, app: app.clone(), endpoint: endpoint.clone(), body });
                }
            }
            Ok(jobs)
        })
        .await?;
    for job in jobs {
        {
            let mut g = lock(in_flight);
            let f = g.entry(job.app.id).or_default();
            f.taken.insert(job.delivery.id);
            f.sending += 1;
        }
        let (state, done, in_flight) = (state.clone(), done.clone(), in_flight.clone());
        attempts.spawn(async move {
            let app = job.app.id;
            let (attempt, next) = attempt(&state, job).await;
            if let Some(f) = lock(&in_flight).get_mut(&app) {
                f.sending = f.sending.saturating_sub(1);
            }
            let _ = done.send(Done { app, attempt, next });
            state.events.wake();
        });
    }
    Ok(())
}

/// What one attempt did, before it is recorded.
struct Outcome {
    channel: &'static str,
    ok: bool,
    status_code: Option<i64>,
    result: String,
    duration_ms: i64,
}

impl Outcome {
    fn failed(channel: &'static str, result: impl Into<String>) -> Self {
        Outcome { channel, ok: false, status_code: None, result: result.into(), duration_ms: 0 }
    }
}

async fn hand_over(state: &AppState, job: &Job) -> Outcome {
    let body = match &job.body {
        Ok(b) => b,
        Err(e) => return Outcome::failed("none", format!("render failed: {e}")),
    };
    let timeout = Duration::from_millis(state.settings.events.timeout_ms);
    let app = &job.app;
    if state.events.hub.connections(app.id) > 0 {
        let started = Instant::now();
        let pushed = state.events.hub.push(app.id, &job.delivery.event_id, body.as_bytes().to_vec(), timeout).await;
        let duration_ms = started.elapsed().as_millis() as i64;
        let (ok, status_code, result) = match pushed {
            Ok(200) => (true, Some(200), "ack 200".to_owned()),
            Ok(code) => (false, Some(code), format!("ack {code}")),
            Err(PushError::Timeout) => (false, None, format!("timeout after {} ms", timeout.as_millis())),
            Err(PushError::Closed | PushError::NoConnection) => (false, None, "long connection closed".to_owned()),
        };
        return Outcome { channel: "long_connection", ok, status_code, result, duration_ms };
    }
    let Some(url) = app.event_url.as_deref() else {
        return Outcome::failed("none", "no endpoint: no event URL and no long connection");
    };
    let verified = job.endpoint.as_ref().is_some_and(|e| e.url == url && e.verified_at.is_some());
    if !verified {
        let endpoint = match &job.endpoint {
            Some(e) if e.url == url => e.clone(),
            _ => return Outcome::failed("webhook", "event URL not verified"),
        };
        if let Err(e) = verify_endpoint(state, app, &endpoint).await {
            return Outcome::failed("webhook", format!("event URL not verified: {e}"));
        }
    }
    let sent = webhook::post(&state.events.http, app, url, body, timeout).await;
    Outcome {
        channel: "webhook",
        ok: sent.ok,
        status_code: sent.status.map(i64::from),
        result: sent.result,
        duration_ms: sent.duration_ms,
    }
}

async fn attempt(state: &AppState, job: Job) -> (Attempt, AfterAttempt) {
    let o = hand_over(state, &job).await;
    let at = state.clock.now();
    let next = if o.ok {
        AfterAttempt::Delivered
    } else {
        match state.settings.events.retry_delay_after(job.delivery.attempts + 1) {
            Some(secs) => AfterAttempt::RetryAt(at.plus_secs(secs)),
            None => AfterAttempt::GiveUp,
        }
    };
    let attempt = Attempt {
        delivery: job.delivery.id,
        event_id: job.delivery.event_id.clone(),
        at,
        channel: o.channel.to_owned(),
        ok: o.ok,
        status_code: o.status_code,
        result: o.result,
        duration_ms: o.duration_ms,
    };
    (attempt, next)
}

/// Records finished attempts in batches (one transaction each), then lets their deliveries be
/// picked again.
async fn record(state: AppState, mut rx: mpsc::UnboundedReceiver<Done>, in_flight: InFlight) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        while batch.len() < 512 {
            match rx.try_recv() {
                Ok(d) => batch.push(d),
                Err(_) => break,
            }
        }
        let rows: Vec<(Attempt, AfterAttempt)> = batch.iter().map(|d| (d.attempt.clone(), d.next)).collect();
        let count = rows.len();
        for round in 0..5 {
            let rows = rows.clone();
            let written = state
                .db
                .write(move |tx| {
                    for (a, next) in &rows {
                        tx.record_attempt(a, *next)?;
                    }
                    Ok(())
                })
                .await;
            match written {
                Ok(()) => break,
                Err(e) => {
                    tracing::warn!("recording {count} event attempts (try {}): {e}", round + 1);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
        {
            let mut g = lock(&in_flight);
            for d in &batch {
                if let Some(f) = g.get_mut(&d.app) {
                    f.taken.remove(&d.attempt.delivery);
                    if f.taken.is_empty() && f.sending == 0 {
                        g.remove(&d.app);
                    }
                }
            }
        }
        // Slots freed: more may start now rather than at the next tick.
        state.events.wake();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_waits_at_young_holes_only() {
        let mut gaps = BTreeMap::new();
        assert_eq!(advance(0, &[1, 2, 3], &mut gaps), 3);
        assert_eq!(advance(3, &[5, 6], &mut gaps), 3, "4 may still commit");
        assert!(gaps.contains_key(&4));
        assert_eq!(advance(3, &[4, 5, 6], &mut gaps), 6, "the hole filled");
        assert!(gaps.is_empty());
        gaps.insert(8, Instant::now() - GAP_GRACE - Duration::from_secs(1));
        assert_eq!(advance(7, &[9], &mut gaps), 9, "an old hole is given up on");
        assert_eq!(advance(9, &[], &mut gaps), 9);
    }
}
