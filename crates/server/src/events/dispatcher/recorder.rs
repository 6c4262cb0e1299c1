//! The recorder: writes what the dispatcher learned, many rows per write transaction. A first
//! attempt on the direct path becomes one row (the delivery with its final state for that
//! attempt); a retry updates its row; a spilled delivery becomes a pending row. The same
//! transaction moves the dispatch cursor as far as the rows now written allow.

use super::lanes::{Shared, Target, lock};
use crate::state::AppState;
use roster_domain::ids::{AppId, EventSeq};
use roster_domain::model::{Attempt, NewDelivery};
use roster_domain::store::AfterAttempt;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;

/// The most messages written in one transaction.
const MAX_BATCH: usize = 512;

pub enum Record {
    /// An attempt finished.
    Attempted { app: AppId, target: Target, attempt: Attempt, next: AfterAttempt, generation: u64 },
    /// A planned delivery that will not be attempted directly: it goes to the table, due now.
    Spill { delivery: NewDelivery, generation: u64 },
    /// The dispatcher planned further: the cursor may move even if nothing else is written.
    Planned,
}

impl Record {
    fn generation(&self) -> Option<u64> {
        match self {
            Record::Attempted { generation, .. } | Record::Spill { generation, .. } => Some(*generation),
            Record::Planned => None,
        }
    }

    /// The outbox seq whose open count this message settles, when it settles one.
    fn settles(&self) -> Option<i64> {
        match self {
            Record::Attempted { target: Target::Fresh(d), .. } | Record::Spill { delivery: d, .. } => Some(d.seq.0),
            _ => None,
        }
    }
}

/// How long the first message of a batch waits for others. Written one by one, outcomes would
/// reach the store's writer as a stream of small jobs, many of them committed (and fsynced) on
/// their own between the API's batches; gathered for this long they cost a few commits a second.
/// The delivery log and the cursor lag by as much; a crash in between sends those events again,
/// which at-least-once delivery allows.
const GATHER: Duration = Duration::from_millis(25);

pub async fn run(state: AppState, shared: Shared, mut rx: mpsc::UnboundedReceiver<Record>) {
    let generation = state.events.generation_handle();
    let mut last_cursor: Option<(u64, i64)> = None;
    while let Some(first) = rx.recv().await {
        let (batch, open) = gather(&mut rx, first).await;
        write(&state, &shared, &generation, batch, &mut last_cursor).await;
        if !open {
            break;
        }
    }
}

/// `first` and what else arrives within [`GATHER`] (at most [`MAX_BATCH`]); and whether the
/// channel is still open.
async fn gather(rx: &mut mpsc::UnboundedReceiver<Record>, first: Record) -> (Vec<Record>, bool) {
    let deadline = tokio::time::Instant::now() + GATHER;
    let mut batch = vec![first];
    while batch.len() < MAX_BATCH {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(r)) => batch.push(r),
            Ok(None) => return (batch, false),
            Err(_) => break,
        }
    }
    (batch, true)
}

async fn write(
    state: &AppState,
    shared: &Shared,
    generation: &Arc<AtomicU64>,
    batch: Vec<Record>,
    last_cursor: &mut Option<(u64, i64)>,
) {
    let now_gen = generation.load(Ordering::SeqCst);
    // Messages about wiped data are dropped: their seqs and apps mean other things now.
    let batch: Vec<Record> = batch.into_iter().filter(|r| r.generation().is_none_or(|g| g == now_gen)).collect();
    let mut settled: HashMap<i64, u32> = HashMap::new();
    for seq in batch.iter().filter_map(Record::settles) {
        *settled.entry(seq).or_default() += 1;
    }
    let cursor = {
        let g = lock(shared);
        (g.generation == Some(now_gen)).then(|| g.cursor_with(&settled))
    };
    let cursor = cursor.filter(|c| last_cursor.is_none_or(|(g, last)| g != now_gen || *c > last));
    let has_rows = batch.iter().any(|r| !matches!(r, Record::Planned));
    if !has_rows && cursor.is_none() {
        return;
    }
    let rows: Arc<Vec<Record>> = Arc::new(batch);
    let mut done = false;
    for round in 0..5 {
        let (these, generation) = (rows.clone(), generation.clone());
        let written = state
            .db
            .write(move |tx| {
                if generation.load(Ordering::SeqCst) != now_gen {
                    return Ok(false);
                }
                for r in these.iter() {
                    match r {
                        Record::Attempted { target: Target::Fresh(d), attempt, next, .. } => {
                            tx.record_first_attempt(d, attempt, *next)?;
                        }
                        Record::Attempted { target: Target::Stored { .. }, attempt, next, .. } => {
                            tx.record_attempt(attempt, *next)?;
                        }
                        Record::Spill { delivery, .. } => {
                            tx.insert_delivery(delivery)?;
                        }
                        Record::Planned => {}
                    }
                }
                if let Some(c) = cursor
                    && c > tx.dispatch_cursor()?.0
                {
                    tx.set_dispatch_cursor(EventSeq(c))?;
                }
                Ok(true)
            })
            .await;
        match written {
            Ok(applied) => {
                done = applied;
                break;
            }
            Err(e) => {
                tracing::warn!("recording {} event deliveries (try {}): {e}", rows.len(), round + 1);
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
    let mut g = lock(shared);
    if done && g.generation == Some(now_gen) {
        // Rows committed: their seqs no longer hold the cursor back.
        g.written(&settled);
        if let Some(c) = cursor {
            *last_cursor = Some((now_gen, c));
        }
    } else if !done && !settled.is_empty() {
        // Not written: the cursor stays before these seqs, so a restart plans and sends them
        // again (at least once); stored deliveries simply stay due.
        tracing::error!("{} event deliveries could not be recorded; they go out again after a restart", settled.len());
    }
    for r in rows.iter() {
        if let Record::Attempted { app, target: Target::Stored { id, .. }, .. } = r
            && let Some(lane) = g.lanes.get_mut(app)
        {
            lane.taken.remove(id);
        }
    }
    drop(g);
    if rows.iter().any(|r| matches!(r, Record::Attempted { target: Target::Stored { .. }, .. })) {
        // Stored deliveries freed: more may be picked now rather than at the next tick.
        state.events.wake();
    }
}
