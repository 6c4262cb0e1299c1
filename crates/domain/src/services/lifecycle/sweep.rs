//! What the lifecycle job finds due on the injected clock, and one step of each kind of work.
//! The job (and a request that wants its own work done before it answers) runs a unit of work
//! step by step, each step one write transaction, until the step says it is finished.

use super::{dissolve, handover, leave, purge, resurrect, wipe};
use crate::clock::Timestamp;
use crate::error::Result;
use crate::ids::{TenantId, UserId};
use crate::model::{DepartureState, DissolutionState};
use crate::services::Env;
use crate::store::Tx;

/// One unit of lifecycle work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Work {
    /// Hand a departing member's chats over.
    HandOver(TenantId, UserId),
    /// Rejoin a restored member's chats.
    Restore(TenantId, UserId),
    /// An exit whose period is over becomes a resignation.
    Resign(TenantId, UserId),
    /// The restore window ended: purge the member.
    Purge(TenantId, UserId),
    /// A dissolution that is due takes effect, and its purge runs.
    Dissolve(TenantId),
}

/// What one step did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Step {
    /// Nothing more to do for this unit.
    pub finished: bool,
    /// A tenant that was dissolved by this step (its cached tokens must go).
    pub dissolved: Option<TenantId>,
}

/// Everything due at `now`, at most `limit` of each kind, in a fixed order: unfinished hand-overs
/// and restores first (they block 44034/44042), then exits, purges and dissolutions.
pub fn due(tx: &mut dyn Tx, now: Timestamp, limit: u32) -> Result<Vec<Work>> {
    let mut out = Vec::new();
    for d in tx.departures_in_state(DepartureState::HandingOver, UserId(0), limit)? {
        out.push(Work::HandOver(d.tenant, d.user));
    }
    for d in tx.departures_in_state(DepartureState::Restoring, UserId(0), limit)? {
        out.push(Work::Restore(d.tenant, d.user));
    }
    for d in tx.exits_to_resign(now, limit)? {
        out.push(Work::Resign(d.tenant, d.user));
    }
    for d in tx.departures_to_purge(now, limit)? {
        out.push(Work::Purge(d.tenant, d.user));
    }
    for d in tx.open_dissolutions(now, limit)? {
        out.push(Work::Dissolve(d.tenant));
    }
    Ok(out)
}

/// Runs one step of `work`.
pub fn step(tx: &mut dyn Tx, env: &Env, work: Work) -> Result<Step> {
    let finished = |finished: bool| Ok(Step { finished, dissolved: None });
    match work {
        Work::HandOver(t, u) => finished(handover::hand_over_batch(tx, env, t, u)?),
        Work::Restore(t, u) => finished(resurrect::restore_batch(tx, env, t, u)?),
        Work::Resign(t, u) => {
            leave::resign_if_due(tx, env, t, u)?;
            finished(true)
        }
        Work::Purge(t, u) => {
            purge::purge_departed(tx, env, t, u)?;
            finished(true)
        }
        Work::Dissolve(t) => {
            if dissolve::take_effect(tx, env, t)? {
                return Ok(Step { finished: false, dissolved: Some(t) });
            }
            let open = tx.dissolution(t)?.is_some_and(|d| d.state == DissolutionState::Purging);
            finished(!open || wipe::wipe_batch(tx, env, t)?)
        }
    }
}
