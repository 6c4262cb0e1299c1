//! The bench's scenarios. Each prepares its data through the API (not the store), then yields
//! the request each connection sends next. Areas add their scenarios in files of their own and
//! list them in [`all`].

mod auth;
mod chats;
mod contact;
pub mod events;
mod meetings;
mod orgs;
mod pool;
mod ws_receiver;

use bytes::Bytes;
use hyper::Method;
use roster_client::{Client, Request};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// One request to send.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: Method,
    pub path: String,
    pub body: Option<Bytes>,
}

impl Req {
    pub fn get(path: impl Into<String>) -> Self {
        Req { method: Method::GET, path: path.into(), body: None }
    }
    pub fn json(method: Method, path: impl Into<String>, body: &serde_json::Value) -> Self {
        Req { method, path: path.into(), body: Some(Bytes::from(serde_json::to_vec(body).unwrap_or_default())) }
    }
}

/// What the load generator runs: a bearer token and a request generator `(connection, seq)`.
pub struct Plan {
    pub token: String,
    pub next: Box<dyn Fn(usize, u64) -> Req + Send + Sync>,
    /// How many items each request does (e.g. 50 member-adds), for items/s.
    pub items_per_request: u64,
    /// A connection count of its own, overriding `--connections`.
    pub connections: Option<usize>,
    /// A line to print under the scenario's row once it has run (e.g. events delivered/s).
    pub after: Option<Box<dyn Fn() -> String + Send + Sync>>,
}

impl Plan {
    pub fn new(token: String, next: impl Fn(usize, u64) -> Req + Send + Sync + 'static) -> Self {
        Plan { token, next: Box::new(next), items_per_request: 1, connections: None, after: None }
    }
}

/// Shared set-up: a client for the demo app, its tenant token, a pool of users, and the runtime
/// the event receivers run on.
pub struct Ctx {
    pub client: Client,
    pub token: String,
    users: pool::UserPool,
    /// The receivers stand in for an app's own machine. They run at the lower priority Roster
    /// gives its own delivery, so they take only the cores the server and the load leave idle.
    receivers: roster_server::Background,
}

impl Ctx {
    pub async fn new(base: &str) -> Result<Self, String> {
        let demo = Client::new(base).demo().await.map_err(|e| format!("the bench needs a --demo server: {e}"))?;
        let client = Client::new(base).with_app(&demo.app_id, &demo.app_secret);
        let token = client.tenant_token().await.map_err(|e| e.to_string())?;
        let receivers = roster_server::Background::start().map_err(|e| format!("the receivers' runtime: {e}"))?;
        Ok(Ctx { client, token, users: pool::UserPool::default(), receivers })
    }

    /// Runs `task` on the receivers' runtime and waits for its answer.
    pub async fn on_receivers<T: Send + 'static>(
        &self,
        task: impl Future<Output = Result<T, String>> + Send + 'static,
    ) -> Result<T, String> {
        self.receivers.handle().spawn(task).await.map_err(|e| format!("a receiver task failed: {e}"))?
    }

    /// The open_ids of `n` users of the demo tenant, made on first use and shared by scenarios.
    pub async fn users(&self, n: usize) -> Result<Vec<String>, String> {
        self.users.take(self.client.base(), &self.token, n).await
    }

    /// Sends a set-up request and insists on success.
    pub async fn must(&self, req: Request<'_>) -> Result<roster_client::ApiResponse, String> {
        self.client.send(req).await.and_then(|r| r.ok()).map_err(|e| e.to_string())
    }
}

type Prepare = for<'a> fn(&'a Ctx) -> Pin<Box<dyn Future<Output = Result<Plan, String>> + Send + 'a>>;

#[derive(Clone)]
pub struct Scenario {
    pub name: &'static str,
    pub about: &'static str,
    prepare: Prepare,
}

impl Scenario {
    pub async fn prepare(&self, ctx: &Ctx) -> Result<Arc<Plan>, String> {
        (self.prepare)(ctx).await.map(Arc::new).map_err(|e| format!("{}: {e}", self.name))
    }
}

/// The baseline: an endpoint that does nothing, through the same middleware.
pub fn noop() -> Scenario {
    Scenario {
        name: "noop",
        about: "GET /open-apis/roster/v1/noop: the baseline every ratio divides by",
        prepare: |_ctx| Box::pin(async { Ok(Plan::new(String::new(), |_, _| Req::get("/open-apis/roster/v1/noop"))) }),
    }
}

pub fn all() -> Vec<Scenario> {
    let mut v = vec![noop()];
    v.extend(contact::scenarios());
    v.extend(chats::scenarios());
    v.extend(auth::scenarios());
    v.extend(meetings::scenarios());
    v.extend(orgs::scenarios());
    v.extend(events::scenarios());
    v
}
