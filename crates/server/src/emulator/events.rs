//! `GET /_roster/v1/events?after=&limit=`: every delivery to every app, in order, each with the
//! event as that app receives it, its status and attempts (demo only).

use crate::api::events::delivery_item;
use crate::events::render::Renderer;
use crate::http::errors::ApiError;
use crate::http::extract::Query;
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::Error;
use roster_domain::ids::DeliveryId;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

#[derive(Debug, Default, Deserialize)]
pub struct EventsQuery {
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    after: Option<i64>,
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    limit: Option<i64>,
}

#[derive(Serialize)]
pub struct AllDeliveries {
    items: Vec<roster_proto::events::api::DeliveryItem>,
    has_more: bool,
    /// Pass as `after` to continue.
    cursor: String,
}

pub async fn all_deliveries(
    State(state): State<AppState>,
    Query(q): Query<EventsQuery>,
) -> Result<Reply<AllDeliveries>, ApiError> {
    let limit = q.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::invalid("limit", "must be 1-1000"));
    }
    let after = q.after.unwrap_or(0);
    if after < 0 {
        return Err(ApiError::invalid("after", "must be a cursor Roster returned"));
    }
    let env = state.env();
    let rows = state
        .db
        .read(move |tx| {
            let rows = tx.all_deliveries(DeliveryId(after), limit as u32 + 1)?;
            let mut out = Vec::with_capacity(rows.len());
            for r in rows {
                let Some(app) = tx.app(r.delivery.app)? else { continue };
                let body = Renderer::new(tx, &env).render(&app, &r.delivery.event_id, &r.event)?;
                let attempts = tx.attempts_of(r.delivery.id)?;
                out.push((r.delivery, app.app_id, body, attempts));
            }
            Ok(out)
        })
        .await?;
    let has_more = rows.len() > limit as usize;
    let mut items = Vec::new();
    for (d, app_id, body, attempts) in rows.into_iter().take(limit as usize) {
        let mut item = delivery_item(&d, Some(&attempts));
        item.app_id = Some(app_id);
        item.event = Some(RawValue::from_string(body).map_err(|e| Error::Internal(format!("rendered event: {e}")))?);
        items.push(item);
    }
    let cursor = items.last().map_or_else(|| after.to_string(), |i| i.delivery_id.clone());
    Ok(Reply(AllDeliveries { items, has_more, cursor }))
}
