//! Repository of event delivery: the dispatcher's cursor over the outbox, deliveries (one per
//! event and receiving app), their attempts, and the apps' verified endpoints.

use crate::clock::Timestamp;
use crate::error::Result;
use crate::ids::{AppId, DeliveryId, EventSeq};
use crate::model::{Attempt, AttemptRecord, Delivery, DeliveryStatus, EventEndpoint, NewDelivery, StoredEvent};

/// A delivery with the outbox event it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryWithEvent {
    pub delivery: Delivery,
    pub event: StoredEvent,
}

/// What becomes of a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AfterAttempt {
    Delivered,
    RetryAt(Timestamp),
    GiveUp,
}

pub trait EventRepo {
    /// Every outbox event up to this seq has been fanned out into deliveries (0 at first).
    fn dispatch_cursor(&mut self) -> Result<EventSeq>;
    fn set_dispatch_cursor(&mut self, seq: EventSeq) -> Result<()>;
    /// Creates the delivery unless one exists for (seq, app); returns whether it did. Due at once.
    fn insert_delivery(&mut self, d: &NewDelivery) -> Result<bool>;
    /// Records a delivery together with its first attempt (the dispatcher's direct path: no
    /// pending row was written before the attempt). Returns false, changing nothing, when a
    /// delivery for (seq, app) exists already. `attempt.delivery` is not read.
    fn record_first_attempt(&mut self, d: &NewDelivery, attempt: &Attempt, next: AfterAttempt) -> Result<bool>;
    /// The (seq, app) pairs that have a delivery, for outbox seqs in `(after, through]`.
    fn deliveries_between(&mut self, after: EventSeq, through: EventSeq) -> Result<Vec<(EventSeq, AppId)>>;
    /// Pending deliveries due at `now`, oldest due first, with their events.
    fn due_deliveries(&mut self, now: Timestamp, limit: u32) -> Result<Vec<DeliveryWithEvent>>;
    /// Apps with pending deliveries due at `now`.
    fn apps_with_due_deliveries(&mut self, now: Timestamp, limit: u32) -> Result<Vec<AppId>>;
    /// One app's pending deliveries due at `now`, oldest due first.
    fn due_deliveries_of_app(&mut self, app: AppId, now: Timestamp, limit: u32) -> Result<Vec<DeliveryWithEvent>>;
    /// Records an attempt and moves the delivery on; a no-op when the delivery is gone or carries
    /// another event_id (the emulator's reset recreated it).
    fn record_attempt(&mut self, attempt: &Attempt, next: AfterAttempt) -> Result<()>;
    fn delivery(&mut self, app: AppId, id: DeliveryId) -> Result<Option<DeliveryWithEvent>>;
    /// An app's deliveries, newest first, below `before` when given; optionally of one status.
    fn deliveries_of_app(
        &mut self,
        app: AppId,
        status: Option<DeliveryStatus>,
        before: Option<DeliveryId>,
        limit: u32,
    ) -> Result<Vec<DeliveryWithEvent>>;
    /// An app's deliveries in the order they were made, after `after`: the replayable feed.
    fn feed_of_app(&mut self, app: AppId, after: DeliveryId, limit: u32) -> Result<Vec<DeliveryWithEvent>>;
    /// Every delivery of every app after `after`, in order (the emulator's view).
    fn all_deliveries(&mut self, after: DeliveryId, limit: u32) -> Result<Vec<DeliveryWithEvent>>;
    fn attempts_of(&mut self, delivery: DeliveryId) -> Result<Vec<AttemptRecord>>;
    fn event_endpoint(&mut self, app: AppId) -> Result<Option<EventEndpoint>>;
    fn put_event_endpoint(&mut self, e: &EventEndpoint) -> Result<()>;
    fn delete_event_endpoint(&mut self, app: AppId) -> Result<()>;
}
