//! Wire shapes of events (spec §6): the schema 2.0 envelope, each event type's `event` body,
//! the url_verification challenge, the long connection's endpoint, and Roster's own delivery
//! log and feed. Field order follows Lark's, and every body serializes as compact JSON, the
//! way `JSON.stringify` writes it.

pub mod api;
pub mod contact;
pub mod departments;
pub mod im;
pub mod vc;

use serde::{Deserialize, Serialize};

/// A user in all three id types.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserIds {
    pub union_id: String,
    pub user_id: String,
    pub open_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventHeader {
    /// 32 hex digits; the same on every attempt of one event to one app.
    pub event_id: String,
    pub token: String,
    /// Milliseconds since the epoch, as a string.
    pub create_time: String,
    pub event_type: String,
    pub tenant_key: String,
    pub app_id: String,
}

/// `{"schema":"2.0","header":{…},"event":{…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventEnvelope<E> {
    pub schema: String,
    pub header: EventHeader,
    pub event: E,
}

/// What Roster posts to a new event URL; the app answers `{"challenge":"…"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UrlVerification {
    pub challenge: String,
    pub token: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChallengeAnswer {
    pub challenge: String,
}

/// An encrypted body: `{"encrypt":"<base64(iv ‖ ciphertext)>"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encrypted {
    pub encrypt: String,
}

/// `POST /callback/ws/endpoint`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WsEndpointRequest {
    #[serde(rename = "AppID")]
    pub app_id: Option<String>,
    #[serde(rename = "AppSecret")]
    pub app_secret: Option<String>,
}

/// How the SDKs' long-connection clients behave: seconds, and -1 for unlimited reconnects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WsClientConfig {
    #[serde(rename = "ReconnectCount")]
    pub reconnect_count: i64,
    #[serde(rename = "ReconnectInterval")]
    pub reconnect_interval: i64,
    #[serde(rename = "ReconnectNonce")]
    pub reconnect_nonce: i64,
    #[serde(rename = "PingInterval")]
    pub ping_interval: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WsEndpoint {
    #[serde(rename = "URL")]
    pub url: String,
    #[serde(rename = "ClientConfig")]
    pub client_config: WsClientConfig,
}

/// The endpoint's answer: `{code, msg, data}` with the long connection's codes (0 ok, 514 auth
/// failed, 1000040344 no credentials, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WsEndpointResponse {
    pub code: i64,
    pub msg: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<WsEndpoint>,
}

/// What an SDK answers in a long-connection data frame's payload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WsAck {
    pub code: i64,
}
