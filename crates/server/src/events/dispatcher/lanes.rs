//! The dispatcher's memory: per app, the attempts waiting for a slot (a lane) and how many are
//! sending; per outbox seq, how many deliveries were planned but are not yet written down; and
//! how far the outbox has been planned. From these follows the cursor the store may hold.
//!
//! Invariant: the stored cursor never passes a seq that has a planned delivery without a row,
//! so after a crash every delivery that was never recorded is planned (and sent) again.

use roster_domain::ids::{AppId, DeliveryId};
use roster_domain::model::{App, EventEndpoint, NewDelivery};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// What an attempt is for.
#[derive(Debug, Clone)]
pub enum Target {
    /// A first attempt on the direct path: the delivery has no row until it is recorded.
    Fresh(NewDelivery),
    /// A stored delivery that is due (a retry, or one spilled to the table).
    Stored { id: DeliveryId, attempts: i64 },
}

/// An attempt ready to run: what it is for, the app as it was when planned, its endpoint, the
/// rendered body.
pub struct Job {
    pub target: Target,
    pub event_id: String,
    pub app: Arc<App>,
    pub endpoint: Option<Arc<EventEndpoint>>,
    pub body: Result<String, String>,
    pub queued: Instant,
    pub generation: u64,
}

/// One app's attempts: waiting ones in order, how many workers are sending, and the stored
/// deliveries taken from the table whose attempt is not yet recorded (never picked twice).
#[derive(Default)]
pub struct Lane {
    pub queue: VecDeque<Job>,
    pub sending: usize,
    pub taken: HashSet<DeliveryId>,
}

impl Lane {
    pub fn idle(&self) -> bool {
        self.queue.is_empty() && self.sending == 0 && self.taken.is_empty()
    }
}

#[derive(Default)]
pub struct Progress {
    pub lanes: HashMap<AppId, Lane>,
    /// seq → deliveries planned for it and not yet written (after their attempt, or spilled).
    pub open: BTreeMap<i64, u32>,
    /// Every outbox event up to here has been planned.
    pub planned: i64,
    /// The store contents this memory is about (see `Events::generation`); `None` before the
    /// first pass.
    pub generation: Option<u64>,
}

impl Progress {
    /// The cursor the store may hold once the deliveries counted in `written` (seq → how many)
    /// have rows as well.
    pub fn cursor_with(&self, written: &HashMap<i64, u32>) -> i64 {
        for (&seq, &n) in &self.open {
            if written.get(&seq).copied().unwrap_or(0) < n {
                return (seq - 1).min(self.planned);
            }
        }
        self.planned
    }

    /// Forgets the deliveries counted in `written`: their rows are committed.
    pub fn written(&mut self, written: &HashMap<i64, u32>) {
        for (seq, n) in written {
            if let Some(open) = self.open.get_mut(seq) {
                *open = open.saturating_sub(*n);
                if *open == 0 {
                    self.open.remove(seq);
                }
            }
        }
    }

    /// Counts `n` more planned deliveries of `seq` as not yet written.
    pub fn plan(&mut self, seq: i64, n: u32) {
        if n > 0 {
            *self.open.entry(seq).or_default() += n;
        }
    }

    /// Starts over on other store contents: nothing waits, nothing is open, planned up to `cursor`.
    pub fn restart(&mut self, generation: u64, cursor: i64) {
        for lane in self.lanes.values_mut() {
            lane.queue.clear();
            lane.taken.clear();
        }
        self.open.clear();
        self.planned = cursor;
        self.generation = Some(generation);
    }
}

pub type Shared = Arc<Mutex<Progress>>;

pub fn lock(s: &Shared) -> MutexGuard<'_, Progress> {
    s.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_stops_before_the_first_unwritten_delivery() {
        let mut p = Progress { planned: 10, ..Default::default() };
        assert_eq!(p.cursor_with(&HashMap::new()), 10, "nothing open: everything planned");
        p.plan(4, 2);
        p.plan(7, 1);
        p.plan(8, 0);
        assert_eq!(p.cursor_with(&HashMap::new()), 3);
        assert_eq!(p.cursor_with(&HashMap::from([(4, 1)])), 3, "one of seq 4's two is still out");
        assert_eq!(p.cursor_with(&HashMap::from([(4, 2)])), 6);
        assert_eq!(p.cursor_with(&HashMap::from([(4, 2), (7, 1)])), 10);
        p.written(&HashMap::from([(4, 2)]));
        assert_eq!(p.cursor_with(&HashMap::new()), 6);
        p.written(&HashMap::from([(7, 1)]));
        assert!(p.open.is_empty());
        p.plan(12, 1);
        assert_eq!(p.cursor_with(&HashMap::new()), 10, "never past what was planned");
        p.restart(1, 0);
        assert_eq!((p.cursor_with(&HashMap::new()), p.generation), (0, Some(1)));
    }
}
