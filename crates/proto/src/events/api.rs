//! Roster's own event API (`/open-apis/roster/v1/events/…`): an app's subscription, its delivery
//! log and its replayable feed; and the emulator's view of every delivery.

use serde::{Deserialize, Serialize};

/// `PATCH /open-apis/roster/v1/events/subscription` and the emulator's `PATCH /_roster/v1/apps/{app_id}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SubscriptionRequest {
    pub event_url: Option<String>,
    pub event_types: Option<Vec<String>>,
    /// `""` turns encryption (and signatures) off; the emulator only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypt_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub app_id: String,
    pub event_url: Option<String>,
    pub event_types: Vec<String>,
    /// Whether the URL answered the url_verification challenge (no events go to it until it has).
    pub verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_error: Option<String>,
    pub encrypted: bool,
    /// Live long connections of the app; while there is one, events go there instead of the URL.
    pub long_connections: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptItem {
    pub number: i64,
    /// Unix milliseconds on Roster's clock, as a string.
    pub time: String,
    /// `webhook`, `long_connection` or `none`.
    pub channel: String,
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i64>,
    pub result: String,
    pub duration_ms: i64,
}

/// One event for one app in the delivery log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryItem {
    pub delivery_id: String,
    pub event_id: String,
    pub event_type: String,
    pub create_time: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempt_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_attempt_time: Option<String>,
    /// Only when one delivery is asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt_list: Option<Vec<AttemptItem>>,
    /// The app the delivery is for (the emulator's view only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// The event as that app receives it (the emulator's view only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<Box<serde_json::value::RawValue>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryLog {
    pub items: Vec<DeliveryItem>,
    pub has_more: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_token: Option<String>,
}

/// One entry of the feed: the event exactly as the app receives it (schema 2.0, unencrypted).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeedItem {
    /// Pass as `after` to continue after this entry.
    pub cursor: String,
    pub status: String,
    pub event: Box<serde_json::value::RawValue>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Feed {
    pub items: Vec<FeedItem>,
    pub has_more: bool,
    /// The cursor after the last item (or the one asked for when there is none).
    pub cursor: String,
}
