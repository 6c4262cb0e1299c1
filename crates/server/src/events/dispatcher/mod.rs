//! The dispatcher: a background job that wakes every `poll_interval_ms` (or when woken), plans
//! new outbox events into deliveries, and starts attempts on the apps' lanes.
//!
//! Two paths. The direct path: a newly planned delivery is rendered from the event in memory and
//! queued on its app's lane at once, with no row written; after its attempt the recorder writes
//! one row, the delivery with its outcome (delivered, pending with its retry time, or failed). The
//! due path: pending rows whose time has come on Roster's clock (retries, spilled deliveries) are
//! read back, rendered and queued (so moving the emulator's clock makes retries due at the next
//! tick).
//!
//! Invariant: at least once. The stored cursor only passes an event once every delivery planned
//! for it has a row ([`lanes::Progress::cursor_with`]); after a crash the events after it are
//! planned again, a delivery that has a row is not planned twice, and one sent but not recorded
//! goes out again with the same event_id (event_ids derive from the event and the app).
//! Invariant: a slow or dead receiver delays only itself: each app has its own lane of at most
//! `max_in_flight_per_app` sending attempts; an attempt that waited on its lane longer than
//! [`STALL`] is spilled to the table, and so is a planned delivery whose lane is full, so the
//! cursor moves and other apps keep flowing.
//! Invariant: the dispatcher only reads the outbox; API writes never wait for it.

mod attempt;
mod lanes;
mod recorder;

use crate::events::render::Renderer;
use crate::state::AppState;
use lanes::{Job, Shared, Target, lock};
use recorder::Record;
use roster_domain::Clock;
use roster_domain::ids::{AppId, EventSeq};
use roster_domain::model::{App, EventEndpoint};
use roster_domain::services::events as service;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

/// How long a hole in the outbox sequence may stay open before the cursor moves past it. On
/// PostgreSQL a transaction that took seq N may commit after one that took N+1; a rolled-back
/// one leaves N unused for good.
const GAP_GRACE: Duration = Duration::from_secs(10);

/// The shortest time between two passes when woken early.
const PASS_GAP: Duration = Duration::from_millis(10);

/// How long a first attempt may wait on its lane before it is spilled to the table: a lane that
/// does not move for this long has a slow receiver, and holding its deliveries in memory would
/// hold back the cursor (and keep them out of the delivery log).
const STALL: Duration = Duration::from_secs(1);

pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let shared: Shared = Shared::default();
    let (record_tx, record_rx) = mpsc::unbounded_channel::<Record>();
    let recorder = tokio::spawn(recorder::run(state.clone(), shared.clone(), record_rx));
    let mut workers = JoinSet::new();
    let mut gaps: BTreeMap<i64, Instant> = BTreeMap::new();
    let tick = Duration::from_millis(state.settings.events.poll_interval_ms.max(1));
    let mut last_pass = Instant::now();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            _ = tokio::time::sleep(tick) => {}
            _ = state.events.woken() => {
                // Gather a few milliseconds' worth per pass, so a busy dispatcher makes fewer,
                // larger passes and leaves the CPU to the API.
                if let Some(rest) = PASS_GAP.checked_sub(last_pass.elapsed()) {
                    tokio::time::sleep(rest).await;
                }
            }
        }
        last_pass = Instant::now();
        if let Err(e) = pass(&state, &shared, &mut gaps, &mut workers, &record_tx).await {
            tracing::warn!("event dispatch: {e}");
        }
        while workers.try_join_next().is_some() {}
    }
    // Attempts still running are abandoned, as a crash would leave them: nothing was recorded, so
    // they go out again (same event_id) on the next start. Finished ones are still recorded.
    workers.abort_all();
    while workers.join_next().await.is_some() {}
    drop(record_tx);
    let _ = recorder.await;
    state.events.stop();
}

async fn pass(
    state: &AppState,
    shared: &Shared,
    gaps: &mut BTreeMap<i64, Instant>,
    workers: &mut JoinSet<()>,
    record: &mpsc::UnboundedSender<Record>,
) -> roster_domain::Result<()> {
    let generation = state.events.generation();
    if lock(shared).generation != Some(generation) {
        // First pass, or the store was wiped: start from the stored cursor.
        let cursor = state.db.read(|tx| tx.dispatch_cursor()).await?;
        lock(shared).restart(generation, cursor.0);
        gaps.clear();
    }
    spill_stalled(shared, record);
    let cap = lane_cap(state);
    let full = lock(shared).lanes.values().any(|l| l.queue.len() >= cap);
    if !full {
        match fan_out(state, shared, gaps, record, generation).await {
            // A full batch means more are waiting: come back at once.
            Ok(true) => state.events.wake(),
            Ok(false) => {}
            Err(e) => tracing::warn!("event fan-out: {e}"),
        }
    }
    let started = start_due(state, shared, generation).await;
    start_workers(state, shared, workers, record);
    started
}

/// The most attempts one lane holds waiting: two batches. Past it, fan-out waits for the lane
/// (it drains within [`STALL`], or its attempts are spilled) and new deliveries for it spill.
fn lane_cap(state: &AppState) -> usize {
    (state.settings.events.batch_size as usize * 2).max(1)
}

/// First attempts that waited on their lane longer than [`STALL`] go to the table; stored ones
/// simply leave the lane (their rows are still due).
fn spill_stalled(shared: &Shared, record: &mpsc::UnboundedSender<Record>) {
    let mut g = lock(shared);
    let now = Instant::now();
    for lane in g.lanes.values_mut() {
        while lane.queue.front().is_some_and(|j| now.duration_since(j.queued) > STALL) {
            let Some(job) = lane.queue.pop_front() else { break };
            match job.target {
                Target::Fresh(delivery) => {
                    let _ = record.send(Record::Spill { delivery, generation: job.generation });
                }
                Target::Stored { id, .. } => {
                    lane.taken.remove(&id);
                }
            }
        }
    }
    g.lanes.retain(|_, l| !l.idle());
}

/// Starts a worker for each free sending slot of a lane with waiting attempts.
fn start_workers(state: &AppState, shared: &Shared, workers: &mut JoinSet<()>, record: &mpsc::UnboundedSender<Record>) {
    let max = state.settings.events.max_in_flight_per_app.max(1);
    let mut start: Vec<AppId> = Vec::new();
    {
        let mut g = lock(shared);
        for (app, lane) in g.lanes.iter_mut() {
            let n = max.saturating_sub(lane.sending).min(lane.queue.len());
            lane.sending += n;
            start.extend(std::iter::repeat_n(*app, n));
        }
    }
    for app in start {
        workers.spawn(attempt::work(state.clone(), shared.clone(), app, record.clone()));
    }
}

/// What one pass planned from the outbox.
struct Planned {
    seqs: Vec<i64>,
    /// (seq, job) for each delivery not yet made, in outbox order.
    jobs: Vec<(i64, Job)>,
}

/// Plans the next batch of outbox events; `true` when the batch was full (more are waiting).
async fn fan_out(
    state: &AppState,
    shared: &Shared,
    gaps: &mut BTreeMap<i64, Instant>,
    record: &mpsc::UnboundedSender<Record>,
    generation: u64,
) -> roster_domain::Result<bool> {
    let batch = state.settings.events.batch_size.max(1);
    let from = lock(shared).planned;
    let env = state.env();
    let planned = state
        .db
        .read(move |tx| {
            let events = tx.events_after(EventSeq(from), batch)?;
            let seqs: Vec<i64> = events.iter().map(|e| e.seq.0).collect();
            let Some(&last) = seqs.last() else { return Ok(Planned { seqs, jobs: Vec::new() }) };
            // After a restart, deliveries recorded before the crash are not planned again.
            let made: HashSet<(EventSeq, AppId)> =
                tx.deliveries_between(EventSeq(from), EventSeq(last))?.into_iter().collect();
            let mut apps: HashMap<AppId, (Arc<App>, Option<Arc<EventEndpoint>>)> = HashMap::new();
            let mut renderer = Renderer::new(tx, &env);
            let mut memo = service::AppMemo::default();
            let mut jobs = Vec::new();
            let queued = Instant::now();
            for ev in &events {
                let planned = match service::plan_deliveries(renderer.tx, &mut memo, ev) {
                    Ok(p) => p,
                    Err(e) => {
                        tracing::error!("outbox event {} ({}) has no audience: {e}", ev.seq, ev.event_type);
                        continue;
                    }
                };
                for (d, app) in planned {
                    if made.contains(&(d.seq, d.app)) {
                        continue;
                    }
                    let (app, endpoint) = match apps.get(&app.id) {
                        Some(known) => known.clone(),
                        None => {
                            let endpoint = renderer.tx.event_endpoint(app.id)?.map(Arc::new);
                            let entry = (Arc::new(app), endpoint);
                            apps.insert(entry.0.id, entry.clone());
                            entry
                        }
                    };
                    let body = renderer.render(&app, &d.event_id, ev).map_err(|e| e.to_string());
                    let event_id = d.event_id.clone();
                    let job = Job { target: Target::Fresh(d), event_id, app, endpoint, body, queued, generation };
                    jobs.push((ev.seq.0, job));
                }
            }
            Ok(Planned { seqs, jobs })
        })
        .await?;
    if planned.seqs.is_empty() {
        gaps.clear();
        return Ok(false);
    }
    let full = planned.seqs.len() as u32 >= batch;
    let through = advance(from, &planned.seqs, gaps);
    if through == from {
        return Ok(false);
    }
    let cap = lane_cap(state);
    let mut spilled = 0usize;
    {
        let mut g = lock(shared);
        if g.generation != Some(generation) || g.planned != from {
            return Ok(false); // the store was wiped meanwhile
        }
        for (seq, job) in planned.jobs {
            if seq > through {
                break; // past a young hole: planned again once it fills or is given up on
            }
            g.plan(seq, 1);
            let lane = g.lanes.entry(job.app.id).or_default();
            if lane.queue.len() < cap {
                lane.queue.push_back(job);
            } else if let Target::Fresh(delivery) = job.target {
                spilled += 1;
                let _ = record.send(Record::Spill { delivery, generation });
            }
        }
        g.planned = through;
    }
    let _ = record.send(Record::Planned);
    if spilled > 0 {
        tracing::debug!("{spilled} event deliveries spilled to the table: their apps' lanes are full");
    }
    Ok(full)
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

/// Queues the stored deliveries that are due, for lanes with nothing waiting and a free slot.
async fn start_due(state: &AppState, shared: &Shared, generation: u64) -> roster_domain::Result<()> {
    let now = state.clock.now();
    let settings = &state.settings.events;
    let (max, batch) = (settings.max_in_flight_per_app.max(1), settings.batch_size);
    // Per busy app: free slots (0 when attempts are waiting), and the deliveries already taken.
    let busy: HashMap<AppId, (usize, HashSet<_>)> = lock(shared)
        .lanes
        .iter()
        .map(|(a, l)| {
            let free = if l.queue.is_empty() { max.saturating_sub(l.sending) } else { 0 };
            (*a, (free, l.taken.clone()))
        })
        .collect();
    let env = state.env();
    let jobs = state
        .db
        .read(move |tx| {
            let mut picked = Vec::new();
            for app_id in tx.apps_with_due_deliveries(now, batch)? {
                let (free, taken) = busy.get(&app_id).map_or((max, None), |(f, t)| (*f, Some(t)));
                if free == 0 {
                    continue;
                }
                let Some(app) = tx.app(app_id)? else { continue };
                let endpoint = tx.event_endpoint(app_id)?.map(Arc::new);
                let fetch = (free + taken.map_or(0, HashSet::len)) as u32;
                let due = tx.due_deliveries_of_app(app_id, now, fetch)?;
                let fresh: Vec<_> =
                    due.into_iter().filter(|d| taken.is_none_or(|t| !t.contains(&d.delivery.id))).take(free).collect();
                picked.push((Arc::new(app), endpoint, fresh));
            }
            if picked.is_empty() {
                return Ok(Vec::new()); // the usual idle pass: no renderer to set up
            }
            // One renderer for the whole pass, so tenant keys and user_ids are looked up once.
            let mut renderer = Renderer::new(tx, &env);
            let mut jobs = Vec::new();
            let queued = Instant::now();
            for (app, endpoint, due) in picked {
                for d in due {
                    let body = renderer.render(&app, &d.delivery.event_id, &d.event).map_err(|e| e.to_string());
                    let target = Target::Stored { id: d.delivery.id, attempts: d.delivery.attempts };
                    let (app, endpoint) = (app.clone(), endpoint.clone());
                    let event_id = d.delivery.event_id;
                    jobs.push(Job { target, event_id, app, endpoint, body, queued, generation });
                }
            }
            Ok(jobs)
        })
        .await?;
    let mut g = lock(shared);
    if g.generation != Some(generation) {
        return Ok(());
    }
    for job in jobs {
        let lane = g.lanes.entry(job.app.id).or_default();
        if let Target::Stored { id, .. } = job.target
            && lane.taken.insert(id)
        {
            lane.queue.push_back(job);
        }
    }
    Ok(())
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
