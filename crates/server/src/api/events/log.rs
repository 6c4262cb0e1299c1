//! The calling app's delivery log (`/events/deliveries`, newest first, with each delivery's
//! attempts on request) and its feed (`/events/feed`): every event made for the app, in order,
//! replayable from any cursor, rendered exactly as the app receives it.

use super::convert::delivery_item;
use crate::events::render::Renderer;
use crate::http::errors::ApiError;
use crate::http::extract::{Path, Query, TenantCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::Error;
use roster_domain::ids::DeliveryId;
use roster_domain::model::DeliveryStatus;
use roster_proto::events::api::{DeliveryItem, DeliveryLog, Feed, FeedItem};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Debug, Default, Deserialize)]
pub struct LogQuery {
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    page_size: Option<i64>,
    page_token: Option<String>,
    status: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct FeedQuery {
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    page_size: Option<i64>,
    after: Option<String>,
}

/// `page_size` in 1..=100, default 20.
pub fn page_size(p: Option<i64>) -> Result<u32, ApiError> {
    match p {
        None => Ok(20),
        Some(n) if (1..=100).contains(&n) => Ok(n as u32),
        Some(_) => Err(ApiError::invalid("page_size", "must be 1-100")),
    }
}

/// A delivery id in a cursor or path: a positive decimal number.
pub fn delivery_id(field: &str, raw: &str) -> Result<DeliveryId, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .map(DeliveryId)
        .ok_or_else(|| ApiError::invalid(field, "must be a cursor Roster returned"))
}

pub async fn list(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Query(q): Query<LogQuery>,
) -> Result<Reply<DeliveryLog>, ApiError> {
    let size = page_size(q.page_size)?;
    let before = q.page_token.as_deref().filter(|t| !t.is_empty()).map(|t| delivery_id("page_token", t)).transpose()?;
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            DeliveryStatus::parse(s)
                .ok_or_else(|| ApiError::invalid("status", "must be pending, delivered or failed"))?,
        ),
    };
    let app = caller.app.id;
    let rows = state.db.read(move |tx| tx.deliveries_of_app(app, status, before, size + 1)).await?;
    let has_more = rows.len() > size as usize;
    let items: Vec<DeliveryItem> = rows.iter().take(size as usize).map(|r| delivery_item(&r.delivery, None)).collect();
    let page_token = if has_more { items.last().map(|i| i.delivery_id.clone()) } else { None };
    Ok(Reply(DeliveryLog { items, has_more, page_token }))
}

#[derive(serde::Serialize)]
pub struct OneDelivery {
    delivery: DeliveryItem,
}

pub async fn get_one(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(raw): Path<String>,
) -> Result<Reply<OneDelivery>, ApiError> {
    let id = delivery_id("delivery_id", &raw)?;
    let app = caller.app.id;
    let (d, attempts) = state
        .db
        .read(move |tx| {
            let d = tx.delivery(app, id)?.ok_or(Error::NotFound { what: "delivery" })?;
            let attempts = tx.attempts_of(id)?;
            Ok((d, attempts))
        })
        .await?;
    Ok(Reply(OneDelivery { delivery: delivery_item(&d.delivery, Some(&attempts)) }))
}

pub async fn feed(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Query(q): Query<FeedQuery>,
) -> Result<Reply<Feed>, ApiError> {
    let size = page_size(q.page_size)?;
    let after = match q.after.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => delivery_id("after", a)?,
        None => DeliveryId(0),
    };
    let app = caller.app.clone();
    let env = state.env();
    let rendered = state
        .db
        .read(move |tx| {
            let rows = tx.feed_of_app(app.id, after, size + 1)?;
            let mut out = Vec::with_capacity(rows.len());
            for r in rows {
                let body = Renderer::new(tx, &env).render(&app, &r.delivery.event_id, &r.event)?;
                out.push((r.delivery, body));
            }
            Ok(out)
        })
        .await?;
    let has_more = rendered.len() > size as usize;
    let mut items = Vec::with_capacity(size as usize);
    for (d, body) in rendered.into_iter().take(size as usize) {
        let event =
            RawValue::from_string(body).map_err(|e| Error::Internal(format!("rendered event is not JSON: {e}")))?;
        items.push(FeedItem { cursor: d.id.0.to_string(), status: d.status.as_str().to_owned(), event });
    }
    let cursor = items.last().map_or_else(|| after.0.to_string(), |i| i.cursor.clone());
    Ok(Reply(Feed { items, has_more, cursor }))
}
