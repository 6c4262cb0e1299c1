//! Running attempts: a lane's workers take jobs in order and hand each over (long connection
//! first, else the verified webhook), then pass the outcome to the recorder.

use super::lanes::{Job, Shared, Target, lock};
use super::recorder::Record;
use crate::events::{longconn::PushError, verify_endpoint, webhook};
use crate::state::AppState;
use roster_domain::Clock;
use roster_domain::ids::{AppId, DeliveryId};
use roster_domain::model::Attempt;
use roster_domain::store::AfterAttempt;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

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
        let pushed = state.events.hub.push(app.id, &job.event_id, body.as_bytes().to_vec(), timeout).await;
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

/// Runs one attempt; what it did and what becomes of the delivery.
/// The attempt's time is when it starts: the retry schedule counts from there, so a clock moved
/// while the receiver is still answering does not push the next retry back.
async fn attempt(state: &AppState, job: &Job) -> (Attempt, AfterAttempt) {
    let at = state.clock.now();
    let o = hand_over(state, job).await;
    let (id, made) = match job.target {
        Target::Fresh(_) => (DeliveryId(0), 0),
        Target::Stored { id, attempts } => (id, attempts),
    };
    let next = if o.ok {
        AfterAttempt::Delivered
    } else {
        match state.settings.events.retry_delay_after(made + 1) {
            Some(secs) => AfterAttempt::RetryAt(at.plus_secs(secs)),
            None => AfterAttempt::GiveUp,
        }
    };
    let attempt = Attempt {
        delivery: id,
        event_id: job.event_id.clone(),
        at,
        channel: o.channel.to_owned(),
        ok: o.ok,
        status_code: o.status_code,
        result: o.result,
        duration_ms: o.duration_ms,
    };
    (attempt, next)
}

/// One of `app`'s sending slots: takes the lane's jobs in order until it is empty, then frees the
/// slot. The dispatcher counted the slot in `sending` before starting it.
pub async fn work(state: AppState, shared: Shared, app: AppId, record: mpsc::UnboundedSender<Record>) {
    let low_water = state.settings.events.batch_size as usize;
    loop {
        let job = {
            let mut g = lock(&shared);
            let Some(lane) = g.lanes.get_mut(&app) else { return };
            match lane.queue.pop_front() {
                Some(job) => {
                    if lane.queue.len() == low_water {
                        // Room for another batch: plan more before this lane runs dry.
                        state.events.wake();
                    }
                    job
                }
                None => {
                    lane.sending = lane.sending.saturating_sub(1);
                    break;
                }
            }
        };
        let (attempt, next) = attempt(&state, &job).await;
        let _ = record.send(Record::Attempted { app, target: job.target, attempt, next, generation: job.generation });
    }
    // The lane ran dry: the dispatcher may plan more now rather than at its next tick.
    state.events.wake();
}
