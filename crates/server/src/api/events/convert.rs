//! Deliveries, attempts and subscriptions in their wire shapes.

use roster_domain::model::{App, AttemptRecord, Delivery, EventEndpoint};
use roster_proto::events::api::{AttemptItem, DeliveryItem, Subscription};

pub fn delivery_item(d: &Delivery, attempts: Option<&[AttemptRecord]>) -> DeliveryItem {
    DeliveryItem {
        delivery_id: d.id.0.to_string(),
        event_id: d.event_id.clone(),
        event_type: d.event_type.clone(),
        create_time: d.created_at.millis().to_string(),
        status: d.status.as_str().to_owned(),
        attempts: d.attempts,
        last_status: d.last_result.clone(),
        last_attempt_time: d.last_attempt_at.map(|t| t.millis().to_string()),
        next_attempt_time: d.next_attempt_at.map(|t| t.millis().to_string()),
        attempt_list: attempts.map(|list| {
            list.iter()
                .map(|a| AttemptItem {
                    number: a.number,
                    time: a.at.millis().to_string(),
                    channel: a.channel.clone(),
                    ok: a.ok,
                    status_code: a.status_code,
                    result: a.result.clone(),
                    duration_ms: a.duration_ms,
                })
                .collect()
        }),
        app_id: None,
        event: None,
    }
}

pub fn subscription(app: &App, endpoint: Option<&EventEndpoint>, long_connections: usize) -> Subscription {
    let current = endpoint.filter(|e| Some(&e.url) == app.event_url.as_ref());
    Subscription {
        app_id: app.app_id.clone(),
        event_url: app.event_url.clone(),
        event_types: app.event_types.clone(),
        verified: current.is_some_and(|e| e.verified_at.is_some()),
        verification_error: current.and_then(|e| e.last_error.clone()),
        encrypted: !app.encrypt_key.is_empty(),
        long_connections: long_connections as i64,
    }
}
