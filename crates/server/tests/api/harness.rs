//! `spawn_app()`: Roster on 127.0.0.1:0 with `--demo`, over a fresh SQLite file or PostgreSQL
//! schema, plus clients for the demo app and helpers for raw HTTP.

#![allow(dead_code)]

use roster_client::{ApiResponse, Client, Request};
use roster_domain::store::Db;
use roster_proto::emulator::TenantCredentials;
use roster_server::Config;
use roster_store::testing::{self, TestBackend, TestDatabase};
use std::sync::Mutex;
use tokio::sync::oneshot;

pub struct TestApp {
    pub base: String,
    pub addr: std::net::SocketAddr,
    /// Acts as the demo app (tenant token fetched on first use).
    pub client: Client,
    pub demo: TenantCredentials,
    pub backend: TestBackend,
    stop: Option<oneshot::Sender<()>>,
    _db: TestDatabase,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        served().retain(|(url, _)| url != &self._db.url);
    }
}

/// The store handle of each running test server, by database URL.
static SERVED: Mutex<Vec<(String, Db)>> = Mutex::new(Vec::new());

fn served() -> std::sync::MutexGuard<'static, Vec<(String, Db)>> {
    SERVED.lock().unwrap_or_else(|p| p.into_inner())
}

/// The running server's own store, for fixtures no API makes (a resigned user, a narrow-scope
/// app). They must go through the server's handle: its writer tells the server's read caches
/// what changed, and a second handle on the same SQLite file would write behind its back.
pub fn served_store(url: &str) -> Db {
    served().iter().find(|(u, _)| u == url).map(|(_, db)| db.clone()).expect("no test server runs on this database")
}

impl TestApp {
    /// A client with no app and no token.
    pub fn anon(&self) -> Client {
        Client::new(&self.base)
    }

    /// A client acting as `creds`' app.
    pub fn as_app(&self, creds: &TenantCredentials) -> Client {
        Client::new(&self.base).with_app(&creds.app_id, &creds.app_secret)
    }

    /// Another tenant, with its own app and admin.
    pub async fn other_tenant(&self, name: &str) -> (TenantCredentials, Client) {
        let creds = self.anon().create_tenant(name).await.expect("create tenant");
        let client = self.as_app(&creds);
        (creds, client)
    }

    /// Sends `req` as the demo app.
    pub async fn call(&self, req: Request<'_>) -> ApiResponse {
        self.client.send(req).await.expect("request")
    }

    /// A user access token for a demo user.
    pub async fn user_token(&self, user_id: &str) -> String {
        self.anon().user_access_token(&self.demo.app_id, user_id, "user_id").await.expect("user token")
    }
}

/// Roster with `--demo` on a fresh SQLite database.
pub async fn spawn_app() -> TestApp {
    spawn_with(testing::sqlite(), |_| {}).await
}

/// Roster with `--demo` on `db`, after `tweak` adjusts the config.
pub async fn spawn_with(db: TestDatabase, tweak: impl FnOnce(&mut Config)) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = Config {
        listen: addr.to_string(),
        data_dir: dir.path().to_path_buf(),
        database: Some(db.url.clone()),
        demo: true,
        ..Config::default()
    };
    tweak(&mut config);
    let roster = roster_server::build(config, addr).await.expect("build roster");
    let demo = roster.demo.clone();
    served().push((db.url.clone(), roster.state.db.clone()));
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _dir = dir;
        roster_server::run(roster, listener, async {
            let _ = stopped.await;
        })
        .await;
    });
    let base = format!("http://{addr}");
    let demo = match demo {
        Some(d) => d,
        None => Client::new(&base).demo().await.unwrap_or_else(|_| empty_credentials()),
    };
    let client = Client::new(&base).with_app(&demo.app_id, &demo.app_secret);
    TestApp { base, addr, client, demo, backend: db.backend, stop: Some(stop), _db: db }
}

fn empty_credentials() -> TenantCredentials {
    serde_json::from_value(serde_json::json!({
        "tenant_key": "", "app_id": "", "app_secret": "", "verification_token": "", "encrypt_key": "",
        "admin": {"open_id": "", "union_id": "", "user_id": ""}
    }))
    .expect("empty credentials")
}

/// Runs `story` against a fresh app on SQLite, then on PostgreSQL when configured.
pub async fn on_each_backend<F, Fut>(story: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    story(spawn_with(testing::sqlite(), |_| {}).await).await;
    if let Some(db) = testing::postgres().await {
        story(spawn_with(db, |_| {}).await).await;
    }
}

/// Sends raw bytes and returns the raw response head and body (for header-case checks).
pub async fn raw_http(addr: std::net::SocketAddr, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
    s.write_all(request.as_bytes()).await.expect("write");
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(5), s.read_to_end(&mut buf)).await;
    String::from_utf8_lossy(&buf).into_owned()
}

/// Asserts the Lark envelope: the status, the code, and a JSON body with `code` and `msg`.
#[track_caller]
pub fn assert_error(r: &ApiResponse, status: u16, code: i64) {
    assert_eq!((r.status, r.code()), (status, code), "body: {}", r.body);
    assert!(r.body.get("msg").is_some_and(|m| m.is_string()), "no msg: {}", r.body);
    assert!(r.content_type.as_deref().is_some_and(|c| c.starts_with("application/json")), "{:?}", r.content_type);
}
