//! SQL for the events area (EventRepo): the dispatch cursor, deliveries, attempts, endpoints.

use super::{Row, SqlTx, p};
use roster_domain::error::{Result, StoreError};
use roster_domain::ids::{AppId, DeliveryId, EventSeq, TenantId};
use roster_domain::model::{Attempt, AttemptRecord, Delivery, DeliveryStatus, EventEndpoint, NewDelivery, StoredEvent};
use roster_domain::store::{AfterAttempt, DeliveryWithEvent, EventRepo};

/// Columns of a delivery joined with its outbox event, read by [`delivery_row`].
macro_rules! delivery_select {
    ($rest:literal) => {
        concat!(
            "SELECT d.id, d.seq, d.app_id, d.tenant_id, d.event_id, d.event_type, d.status, d.attempts, \
             d.next_attempt_at, d.last_result, d.last_attempt_at, d.created_at, o.tenant_id, o.payload, o.created_at \
             FROM event_deliveries d JOIN outbox o ON o.seq = d.seq ",
            $rest
        )
    };
}

fn delivery_row(r: Row<'_>) -> Result<DeliveryWithEvent, StoreError> {
    let status = r.text(6)?;
    let delivery = Delivery {
        id: DeliveryId(r.i64(0)?),
        seq: EventSeq(r.i64(1)?),
        app: AppId(r.i64(2)?),
        tenant: TenantId(r.i64(3)?),
        event_id: r.text(4)?,
        event_type: r.text(5)?,
        status: DeliveryStatus::parse(&status)
            .ok_or_else(|| StoreError::Other(format!("unknown delivery status {status:?} in store")))?,
        attempts: r.i64(7)?,
        next_attempt_at: r.opt_ts(8)?,
        last_result: r.opt_text(9)?,
        last_attempt_at: r.opt_ts(10)?,
        created_at: r.ts(11)?,
    };
    let event = StoredEvent {
        seq: delivery.seq,
        tenant: TenantId(r.i64(12)?),
        event_type: delivery.event_type.clone(),
        payload: r.text(13)?,
        created_at: r.ts(14)?,
    };
    Ok(DeliveryWithEvent { delivery, event })
}

fn attempt_row(r: Row<'_>) -> Result<AttemptRecord, StoreError> {
    Ok(AttemptRecord {
        number: r.i64(0)?,
        at: r.ts(1)?,
        channel: r.text(2)?,
        ok: r.bool(3)?,
        status_code: r.opt_i64(4)?,
        result: r.text(5)?,
        duration_ms: r.i64(6)?,
    })
}

fn endpoint_row(r: Row<'_>) -> Result<EventEndpoint, StoreError> {
    Ok(EventEndpoint {
        app: AppId(r.i64(0)?),
        url: r.text(1)?,
        challenge: r.text(2)?,
        verified_at: r.opt_ts(3)?,
        last_error: r.opt_text(4)?,
        updated_at: r.ts(5)?,
    })
}

/// A delivery's status and next due time after an attempt.
fn after_attempt(next: AfterAttempt) -> (DeliveryStatus, Option<roster_domain::Timestamp>) {
    match next {
        AfterAttempt::Delivered => (DeliveryStatus::Delivered, None),
        AfterAttempt::RetryAt(t) => (DeliveryStatus::Pending, Some(t)),
        AfterAttempt::GiveUp => (DeliveryStatus::Failed, None),
    }
}

impl EventRepo for SqlTx<'_> {
    fn dispatch_cursor(&mut self) -> Result<EventSeq> {
        Ok(EventSeq(self.one("SELECT through_seq FROM event_dispatch WHERE id = 1", p![], |r| r.i64(0))?.unwrap_or(0)))
    }

    fn set_dispatch_cursor(&mut self, seq: EventSeq) -> Result<()> {
        self.exec(
            "INSERT INTO event_dispatch (id, through_seq) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET through_seq = excluded.through_seq",
            p![seq.0],
        )?;
        Ok(())
    }

    fn insert_delivery(&mut self, d: &NewDelivery) -> Result<bool> {
        let n = self.exec(
            "INSERT INTO event_deliveries (seq, app_id, tenant_id, event_id, event_type, status, attempts, \
             next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6) \
             ON CONFLICT (seq, app_id) DO NOTHING",
            p![d.seq.0, d.app.0, d.tenant.0, &d.event_id, &d.event_type, d.created_at],
        )?;
        Ok(n > 0)
    }

    fn record_first_attempt(&mut self, d: &NewDelivery, a: &Attempt, next: AfterAttempt) -> Result<bool> {
        let (status, due) = after_attempt(next);
        let n = self.exec(
            "INSERT INTO event_deliveries (seq, app_id, tenant_id, event_id, event_type, status, attempts, \
             next_attempt_at, last_result, last_attempt_at, last_channel, last_ok, last_status_code, \
             last_duration_ms, created_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $11, $12, $13, $14) \
             ON CONFLICT (seq, app_id) DO NOTHING",
            p![
                d.seq.0,
                d.app.0,
                d.tenant.0,
                &d.event_id,
                &d.event_type,
                status.as_str(),
                due,
                &a.result,
                a.at,
                &a.channel,
                a.ok,
                a.status_code,
                a.duration_ms,
                d.created_at
            ],
        )?;
        Ok(n > 0)
    }

    fn deliveries_between(&mut self, after: EventSeq, through: EventSeq) -> Result<Vec<(EventSeq, AppId)>> {
        self.all("SELECT seq, app_id FROM event_deliveries WHERE seq > $1 AND seq <= $2", p![after.0, through.0], |r| {
            Ok((EventSeq(r.i64(0)?), AppId(r.i64(1)?)))
        })
    }

    fn due_deliveries(&mut self, now: roster_domain::Timestamp, limit: u32) -> Result<Vec<DeliveryWithEvent>> {
        self.all(
            delivery_select!(
                "WHERE d.status = 'pending' AND d.next_attempt_at <= $1 ORDER BY d.next_attempt_at, d.id LIMIT $2"
            ),
            p![now, limit as i64],
            delivery_row,
        )
    }

    fn apps_with_due_deliveries(&mut self, now: roster_domain::Timestamp, limit: u32) -> Result<Vec<AppId>> {
        self.all(
            "SELECT a.id FROM apps a WHERE EXISTS (SELECT 1 FROM event_deliveries d WHERE d.app_id = a.id \
             AND d.status = 'pending' AND d.next_attempt_at <= $1) ORDER BY a.id LIMIT $2",
            p![now, limit as i64],
            |r| Ok(AppId(r.i64(0)?)),
        )
    }

    fn due_deliveries_of_app(
        &mut self,
        app: AppId,
        now: roster_domain::Timestamp,
        limit: u32,
    ) -> Result<Vec<DeliveryWithEvent>> {
        self.all(
            delivery_select!(
                "WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND d.app_id = $2 \
                 ORDER BY d.next_attempt_at, d.id LIMIT $3"
            ),
            p![now, app.0, limit as i64],
            delivery_row,
        )
    }

    fn record_attempt(&mut self, a: &Attempt, next: AfterAttempt) -> Result<()> {
        // The latest attempt lives in the delivery row; the one it replaces moves to the history.
        let Some(made) = self.one(
            "SELECT attempts FROM event_deliveries WHERE id = $1 AND event_id = $2",
            p![a.delivery.0, &a.event_id],
            |r| r.i64(0),
        )?
        else {
            return Ok(());
        };
        if made > 0 {
            self.exec(
                "INSERT INTO event_attempts (delivery_id, number, at, channel, ok, status_code, result, duration_ms) \
                 SELECT id, attempts, last_attempt_at, last_channel, last_ok, last_status_code, last_result, \
                 last_duration_ms FROM event_deliveries WHERE id = $1",
                p![a.delivery.0],
            )?;
        }
        let (status, due) = after_attempt(next);
        self.exec(
            "UPDATE event_deliveries SET attempts = $2, status = $3, next_attempt_at = $4, last_result = $5, \
             last_attempt_at = $6, last_channel = $7, last_ok = $8, last_status_code = $9, last_duration_ms = $10 \
             WHERE id = $1",
            p![
                a.delivery.0,
                made + 1,
                status.as_str(),
                due,
                &a.result,
                a.at,
                &a.channel,
                a.ok,
                a.status_code,
                a.duration_ms
            ],
        )?;
        Ok(())
    }

    fn delivery(&mut self, app: AppId, id: DeliveryId) -> Result<Option<DeliveryWithEvent>> {
        self.one(delivery_select!("WHERE d.id = $1 AND d.app_id = $2"), p![id.0, app.0], delivery_row)
    }

    fn deliveries_of_app(
        &mut self,
        app: AppId,
        status: Option<DeliveryStatus>,
        before: Option<DeliveryId>,
        limit: u32,
    ) -> Result<Vec<DeliveryWithEvent>> {
        self.all(
            delivery_select!(
                "WHERE d.app_id = $1 AND ($2 = '' OR d.status = $2) AND d.id < $3 ORDER BY d.id DESC LIMIT $4"
            ),
            p![app.0, status.map_or("", |s| s.as_str()), before.map_or(i64::MAX, |b| b.0), limit as i64],
            delivery_row,
        )
    }

    fn feed_of_app(&mut self, app: AppId, after: DeliveryId, limit: u32) -> Result<Vec<DeliveryWithEvent>> {
        self.all(
            delivery_select!("WHERE d.app_id = $1 AND d.id > $2 ORDER BY d.id LIMIT $3"),
            p![app.0, after.0, limit as i64],
            delivery_row,
        )
    }

    fn all_deliveries(&mut self, after: DeliveryId, limit: u32) -> Result<Vec<DeliveryWithEvent>> {
        self.all(delivery_select!("WHERE d.id > $1 ORDER BY d.id LIMIT $2"), p![after.0, limit as i64], delivery_row)
    }

    fn attempts_of(&mut self, delivery: DeliveryId) -> Result<Vec<AttemptRecord>> {
        let mut out = self.all(
            "SELECT number, at, channel, ok, status_code, result, duration_ms FROM event_attempts \
             WHERE delivery_id = $1 ORDER BY number",
            p![delivery.0],
            attempt_row,
        )?;
        out.extend(self.one(
            "SELECT attempts, last_attempt_at, last_channel, last_ok, last_status_code, last_result, last_duration_ms \
             FROM event_deliveries WHERE id = $1 AND attempts > 0",
            p![delivery.0],
            attempt_row,
        )?);
        Ok(out)
    }

    fn event_endpoint(&mut self, app: AppId) -> Result<Option<EventEndpoint>> {
        self.one(
            "SELECT app_id, url, challenge, verified_at, last_error, updated_at FROM event_endpoints WHERE app_id = $1",
            p![app.0],
            endpoint_row,
        )
    }

    fn put_event_endpoint(&mut self, e: &EventEndpoint) -> Result<()> {
        self.exec(
            "INSERT INTO event_endpoints (app_id, url, challenge, verified_at, last_error, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (app_id) DO UPDATE SET url = excluded.url, \
             challenge = excluded.challenge, verified_at = excluded.verified_at, last_error = excluded.last_error, \
             updated_at = excluded.updated_at",
            p![e.app.0, &e.url, &e.challenge, e.verified_at, &e.last_error, e.updated_at],
        )?;
        Ok(())
    }

    fn delete_event_endpoint(&mut self, app: AppId) -> Result<()> {
        self.exec("DELETE FROM event_endpoints WHERE app_id = $1", p![app.0])?;
        Ok(())
    }
}
