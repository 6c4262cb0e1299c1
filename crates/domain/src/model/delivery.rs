//! Event delivery: one outbox event on its way to one app (a delivery), each try to hand it over
//! (an attempt), and where an app receives its events (its verified endpoint).

use crate::clock::Timestamp;
use crate::ids::{AppId, DeliveryId, EventSeq, TenantId};

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Waiting for its next attempt (`next_attempt_at`).
    Pending,
    /// The app acknowledged it.
    Delivered,
    /// Every attempt failed; Roster gave up.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "delivered" => Some(Self::Delivered),
            "failed" => Some(Self::Failed),
            _ => None,
        }
    }
}

/// One event for one app. `event_id` is minted once, when the delivery is created, so every
/// attempt (across restarts too) carries the same one.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: DeliveryId,
    pub seq: EventSeq,
    pub app: AppId,
    /// The tenant the app acts in (the header's `tenant_key`).
    pub tenant: TenantId,
    /// 32 hex digits.
    pub event_id: String,
    pub event_type: String,
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: i64,
    /// When the next attempt is due (pending deliveries only).
    pub next_attempt_at: Option<Timestamp>,
    /// What the last attempt got: `http 200`, `http 500`, `timeout`, `no endpoint`, ….
    pub last_result: Option<String>,
    pub last_attempt_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewDelivery {
    pub seq: EventSeq,
    pub app: AppId,
    pub tenant: TenantId,
    pub event_id: String,
    pub event_type: String,
    pub created_at: Timestamp,
}

/// The outcome of one attempt, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub delivery: DeliveryId,
    /// The event_id the attempt carried; a delivery recreated since (after a reset) is left alone.
    pub event_id: String,
    pub at: Timestamp,
    /// `webhook` or `long_connection`, or `none` when the app had nowhere to receive it.
    pub channel: String,
    pub ok: bool,
    /// The HTTP status (or the long connection's response code), when one came back.
    pub status_code: Option<i64>,
    /// A short description: `http 200`, `timeout after 3000 ms`, `connection refused`, ….
    pub result: String,
    pub duration_ms: i64,
}

/// A recorded attempt, for the delivery log.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptRecord {
    pub number: i64,
    pub at: Timestamp,
    pub channel: String,
    pub ok: bool,
    pub status_code: Option<i64>,
    pub result: String,
    pub duration_ms: i64,
}

/// The URL an app's events go to, and whether it has answered the url_verification challenge.
#[derive(Debug, Clone, PartialEq)]
pub struct EventEndpoint {
    pub app: AppId,
    pub url: String,
    pub challenge: String,
    pub verified_at: Option<Timestamp>,
    /// What the last challenge got, for the subscription API.
    pub last_error: Option<String>,
    pub updated_at: Timestamp,
}
