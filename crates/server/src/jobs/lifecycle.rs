//! The lifecycle job: hands departing members' chats over, rejoins restored members' chats,
//! turns exits into resignations, purges members at the end of their restore window, and carries
//! out dissolutions, all on the injected clock. It sweeps at start-up (so work a crash cut short
//! resumes), every `lifecycle.sweep_interval_secs`, and whenever the emulator's `clock/advance`
//! asks (that request waits for the sweep, so tests see its effects at once).
//!
//! Each step is one write transaction (`services::lifecycle::sweep::step`); a step that fails is
//! logged and left for the next sweep.

use crate::state::AppState;
use roster_domain::Clock;
use roster_domain::services::lifecycle::sweep::{self, Work};
use std::collections::HashSet;
use std::time::Duration;
use tokio::sync::{Mutex, watch};

/// The job's runtime: one sweep at a time.
#[derive(Default)]
pub struct Runtime {
    sweeping: Mutex<()>,
}

/// Runs `work` step by step, at most `max_steps` steps; true when it finished. A tenant dissolved
/// on the way loses its cached tenant tokens at once.
pub async fn drive(state: &AppState, work: Work, max_steps: u32) -> roster_domain::Result<bool> {
    for _ in 0..max_steps {
        let env = state.env();
        let step = state.db.write(move |tx| sweep::step(tx, &env, work)).await?;
        if let Some(t) = step.dissolved {
            state.auth_cache.invalidate_tenant(t);
        }
        if step.finished {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Like [`drive`], for a request that wants its own work done before it answers: whatever is
/// left (or fails) stays for the job, so the request still succeeds.
pub async fn drive_inline(state: &AppState, work: Work) {
    if let Err(e) = drive(state, work, state.settings.lifecycle.inline_batches).await {
        tracing::warn!("lifecycle work {work:?} left to the background job: {e}");
    }
}

/// Does everything due now, until nothing is.
pub async fn sweep(state: &AppState) {
    let _one_at_a_time = state.lifecycle.sweeping.lock().await;
    let mut failed: HashSet<Work> = HashSet::new();
    let limit = state.settings.lifecycle.batch();
    loop {
        let now = state.clock.now();
        let due = match state.db.read(move |tx| sweep::due(tx, now, limit)).await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!("the lifecycle job could not read its work: {e}");
                return;
            }
        };
        let due: Vec<Work> = due.into_iter().filter(|w| !failed.contains(w)).collect();
        if due.is_empty() {
            return;
        }
        for work in due {
            if let Err(e) = drive(state, work, u32::MAX).await {
                tracing::warn!("lifecycle work {work:?} failed, retried at the next sweep: {e}");
                failed.insert(work);
            }
        }
    }
}

/// Sweeps at start-up, then every `sweep_interval_secs`, until stopped.
pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let every = Duration::from_secs(state.settings.lifecycle.sweep_interval_secs.max(1));
    loop {
        tokio::select! {
            _ = sweep(&state) => {}
            _ = stop.changed() => return,
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => return,
        }
    }
}
