//! The registry of live long connections: one-time connect tickets, the connections of each app,
//! and the acks awaited from them. An event goes to one connection of the app (round robin), as
//! Lark's cluster mode does, and succeeds when that client acks with code 200 in time.

use roster_domain::ids::AppId;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// How long a ticket from `/callback/ws/endpoint` may wait before the client connects.
const TICKET_TTL: Duration = Duration::from_secs(300);

/// What the dispatcher asks a connection to send.
pub struct Outgoing {
    pub event_id: String,
    pub payload: Vec<u8>,
}

struct Conn {
    id: u64,
    tx: mpsc::UnboundedSender<Outgoing>,
}

#[derive(Default)]
struct Inner {
    tickets: HashMap<String, (AppId, Instant)>,
    conns: HashMap<AppId, Vec<Conn>>,
    /// (connection, event_id) → who waits for the ack.
    acks: HashMap<(u64, String), oneshot::Sender<i64>>,
    turn: usize,
}

#[derive(Default)]
pub struct Hub {
    inner: Mutex<Inner>,
    next_id: AtomicU64,
}

/// How a push over the long connection ended.
#[derive(Debug, Clone, PartialEq)]
pub enum PushError {
    NoConnection,
    Closed,
    Timeout,
}

/// A registered connection; dropping it unregisters it.
pub struct Registration {
    hub: Arc<Hub>,
    pub app: AppId,
    pub id: u64,
    pub rx: mpsc::UnboundedReceiver<Outgoing>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut g = self.hub.lock();
        if let Some(list) = g.conns.get_mut(&self.app) {
            list.retain(|c| c.id != self.id);
            if list.is_empty() {
                g.conns.remove(&self.app);
            }
        }
        let id = self.id;
        g.acks.retain(|(c, _), _| *c != id);
    }
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A fresh one-time ticket for `app`.
    pub fn issue_ticket(&self, app: AppId, ticket: String) {
        let mut g = self.lock();
        let now = Instant::now();
        g.tickets.retain(|_, (_, at)| now.duration_since(*at) < TICKET_TTL);
        g.tickets.insert(ticket, (app, now));
    }

    /// Spends a ticket: the app it was issued to, if it is valid.
    pub fn redeem(&self, ticket: &str) -> Option<AppId> {
        let (app, at) = self.lock().tickets.remove(ticket)?;
        (at.elapsed() < TICKET_TTL).then_some(app)
    }

    pub fn register(self: &Arc<Self>, app: AppId) -> Registration {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let (tx, rx) = mpsc::unbounded_channel();
        self.lock().conns.entry(app).or_default().push(Conn { id, tx });
        Registration { hub: self.clone(), app, id, rx }
    }

    pub fn connections(&self, app: AppId) -> usize {
        self.lock().conns.get(&app).map_or(0, Vec::len)
    }

    /// A client's ack for `event_id` on connection `conn`.
    pub fn ack(&self, conn: u64, event_id: &str, code: i64) {
        if let Some(tx) = self.lock().acks.remove(&(conn, event_id.to_owned())) {
            let _ = tx.send(code);
        }
    }

    /// Sends an event to one of the app's connections and waits for its ack code.
    pub async fn push(
        &self,
        app: AppId,
        event_id: &str,
        payload: Vec<u8>,
        timeout: Duration,
    ) -> Result<i64, PushError> {
        let (conn, rx) = {
            let mut g = self.lock();
            g.turn = g.turn.wrapping_add(1);
            let turn = g.turn;
            let Some(list) = g.conns.get(&app).filter(|l| !l.is_empty()) else { return Err(PushError::NoConnection) };
            let c = &list[turn % list.len()];
            let (conn, sender) = (c.id, c.tx.clone());
            let (tx, rx) = oneshot::channel();
            g.acks.insert((conn, event_id.to_owned()), tx);
            if sender.send(Outgoing { event_id: event_id.to_owned(), payload }).is_err() {
                g.acks.remove(&(conn, event_id.to_owned()));
                return Err(PushError::Closed);
            }
            (conn, rx)
        };
        match tokio::time::timeout(timeout, rx).await {
            Ok(Ok(code)) => Ok(code),
            Ok(Err(_)) => Err(PushError::Closed),
            Err(_) => {
                self.lock().acks.remove(&(conn, event_id.to_owned()));
                Err(PushError::Timeout)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn push_ack_timeout_and_unregister() {
        let hub = Arc::new(Hub::default());
        let app = AppId(1);
        assert_eq!(hub.push(app, "e", vec![], Duration::from_millis(10)).await, Err(PushError::NoConnection));
        let mut reg = hub.register(app);
        assert_eq!(hub.connections(app), 1);
        let h = hub.clone();
        let id = reg.id;
        let acker = tokio::spawn(async move {
            let out = reg.rx.recv().await.unwrap();
            h.ack(id, &out.event_id, 200);
            reg
        });
        assert_eq!(hub.push(app, "e1", b"x".to_vec(), Duration::from_secs(5)).await, Ok(200));
        let reg = acker.await.unwrap();
        assert_eq!(hub.push(app, "e2", vec![], Duration::from_millis(20)).await, Err(PushError::Timeout));
        drop(reg);
        assert_eq!(hub.connections(app), 0);
        hub.issue_ticket(app, "t".into());
        assert_eq!(hub.redeem("t"), Some(app));
        assert_eq!(hub.redeem("t"), None, "tickets are single-use");
    }
}
