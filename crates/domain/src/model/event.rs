//! Outbox events. A state change Lark announces writes its event in the same transaction. The
//! payload holds internal ids (never Lark JSON): open_ids differ per app, so the dispatcher renders
//! each event for each receiving app.

use crate::clock::Timestamp;
use crate::ids::{EventSeq, TenantId};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A payload type that can sit in the outbox under a Lark event type.
pub trait DomainEvent: Serialize + DeserializeOwned {
    /// The Lark `event_type`, e.g. `contact.user.created_v3`.
    const EVENT_TYPE: &'static str;
}

#[derive(Debug, Clone)]
pub struct NewEvent {
    pub tenant: TenantId,
    pub event_type: &'static str,
    /// JSON of the domain payload.
    pub payload: String,
    pub created_at: Timestamp,
}

impl NewEvent {
    pub fn of<E: DomainEvent>(tenant: TenantId, event: &E, now: Timestamp) -> Self {
        NewEvent {
            tenant,
            event_type: E::EVENT_TYPE,
            payload: serde_json::to_string(event).expect("domain events serialize"),
            created_at: now,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub seq: EventSeq,
    pub tenant: TenantId,
    pub event_type: String,
    pub payload: String,
    pub created_at: Timestamp,
}
