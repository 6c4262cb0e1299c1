//! A small typed HTTP client for Roster: the Open API (with the tenant token handled for you),
//! Roster's own API and the emulator. The CLI's admin commands, the tests and the bench use it.

use reqwest::Method;
use roster_proto::emulator::{TenantCredentials, UserAccessTokenResponse};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::sync::Mutex;

/// A response: HTTP status, the Lark `X-Tt-Logid`, and the JSON body.
#[derive(Debug, Clone)]
pub struct ApiResponse {
    pub status: u16,
    pub log_id: Option<String>,
    pub content_type: Option<String>,
    pub body: Value,
}

impl ApiResponse {
    /// The Lark business code (`-1` when the body has none).
    pub fn code(&self) -> i64 {
        self.body.get("code").and_then(Value::as_i64).unwrap_or(-1)
    }
    pub fn msg(&self) -> &str {
        self.body.get("msg").and_then(Value::as_str).unwrap_or("")
    }
    /// `data`, or `null`.
    pub fn data(&self) -> &Value {
        self.body.get("data").unwrap_or(&Value::Null)
    }
    /// `data` decoded into `T`.
    pub fn data_as<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_value(self.data().clone())
            .map_err(|e| Error(format!("decoding data: {e}; body {}", self.body)))
    }
    /// `Ok(self)` when the code is 0, else an error carrying the code and message.
    pub fn ok(self) -> Result<Self, Error> {
        if self.code() == 0 {
            Ok(self)
        } else {
            Err(Error(format!("HTTP {} code {} {}: {}", self.status, self.code(), self.msg(), self.body)))
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// A request to send with [`Client::send`].
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub method: Method,
    pub path: &'a str,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    /// A bearer token; `None` uses the client's tenant token (if it has app credentials).
    pub token: Option<String>,
    /// Send no `Authorization` header at all.
    pub anonymous: bool,
}

impl<'a> Request<'a> {
    pub fn new(method: Method, path: &'a str) -> Self {
        Request { method, path, query: Vec::new(), body: None, token: None, anonymous: false }
    }
    pub fn get(path: &'a str) -> Self {
        Self::new(Method::GET, path)
    }
    pub fn post(path: &'a str) -> Self {
        Self::new(Method::POST, path)
    }
    pub fn query(mut self, k: &str, v: impl ToString) -> Self {
        self.query.push((k.to_owned(), v.to_string()));
        self
    }
    pub fn json(mut self, body: impl Serialize) -> Self {
        self.body = Some(serde_json::to_value(body).unwrap_or(Value::Null));
        self
    }
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }
    pub fn anonymous(mut self) -> Self {
        self.anonymous = true;
        self
    }
}

/// A client bound to one Roster and, optionally, one app's credentials.
pub struct Client {
    http: reqwest::Client,
    base: String,
    credentials: Option<(String, String)>,
    tenant_token: Mutex<Option<String>>,
}

impl Client {
    /// A client for the server at `base` (e.g. `http://127.0.0.1:8080`), with no app.
    pub fn new(base: impl Into<String>) -> Self {
        Client {
            http: reqwest::Client::builder().pool_max_idle_per_host(64).build().unwrap_or_default(),
            base: base.into().trim_end_matches('/').to_owned(),
            credentials: None,
            tenant_token: Mutex::new(None),
        }
    }

    /// The same server, acting as the app `app_id`.
    pub fn with_app(mut self, app_id: impl Into<String>, app_secret: impl Into<String>) -> Self {
        self.credentials = Some((app_id.into(), app_secret.into()));
        self
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Fetches (and caches) a tenant access token for the client's app.
    pub async fn tenant_token(&self) -> Result<String, Error> {
        if let Some(t) = self.tenant_token.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            return Ok(t);
        }
        let (id, secret) =
            self.credentials.clone().ok_or_else(|| Error("this client has no app credentials".into()))?;
        let req = Request::post("/open-apis/auth/v3/tenant_access_token/internal")
            .json(json!({"app_id": id, "app_secret": secret}));
        let resp = self.raw_send(req, None).await?.ok()?;
        let token = resp.body["tenant_access_token"]
            .as_str()
            .ok_or_else(|| Error(format!("no token in {}", resp.body)))?
            .to_owned();
        *self.tenant_token.lock().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
        Ok(token)
    }

    /// Sends a request and returns whatever came back (any status), as JSON.
    pub async fn send(&self, req: Request<'_>) -> Result<ApiResponse, Error> {
        let token = match (&req.token, req.anonymous) {
            (_, true) => None,
            (Some(t), _) => Some(t.clone()),
            (None, _) if self.credentials.is_some() => Some(self.tenant_token().await?),
            (None, _) => None,
        };
        self.raw_send(req, token).await
    }

    /// Sends a request whose success is not JSON (a QR image): the status, the content type and
    /// the bytes. Failures still come as the JSON envelope, in the bytes.
    pub async fn send_bytes(&self, req: Request<'_>) -> Result<(u16, Option<String>, Vec<u8>), Error> {
        let token = match (&req.token, req.anonymous) {
            (_, true) => None,
            (Some(t), _) => Some(t.clone()),
            (None, _) if self.credentials.is_some() => Some(self.tenant_token().await?),
            (None, _) => None,
        };
        let url = format!("{}{}", self.base, req.path);
        let mut rb = self.http.request(req.method.clone(), &url).query(&req.query);
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        let resp = rb.send().await.map_err(|e| Error(format!("{} {url}: {e}", req.method)))?;
        let status = resp.status().as_u16();
        let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let bytes = resp.bytes().await.map_err(|e| Error(format!("reading {url}: {e}")))?;
        Ok((status, content_type, bytes.to_vec()))
    }

    async fn raw_send(&self, req: Request<'_>, token: Option<String>) -> Result<ApiResponse, Error> {
        let url = format!("{}{}", self.base, req.path);
        let mut rb = self.http.request(req.method.clone(), &url).query(&req.query);
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        if let Some(body) = &req.body {
            rb = rb.json(body);
        }
        let resp = rb.send().await.map_err(|e| Error(format!("{} {url}: {e}", req.method)))?;
        let status = resp.status().as_u16();
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let (log_id, content_type) = (header("x-tt-logid"), header("content-type"));
        let text = resp.text().await.map_err(|e| Error(format!("reading {url}: {e}")))?;
        let body = serde_json::from_str(&text)
            .map_err(|_| Error(format!("{} {url} answered HTTP {status} with non-JSON: {text:?}", req.method)))?;
        Ok(ApiResponse { status, log_id, content_type, body })
    }

    /// `GET /_roster/v1/demo`.
    pub async fn demo(&self) -> Result<TenantCredentials, Error> {
        self.send(Request::get("/_roster/v1/demo").anonymous()).await?.ok()?.data_as()
    }

    /// `POST /_roster/v1/tenants`.
    pub async fn create_tenant(&self, name: &str) -> Result<TenantCredentials, Error> {
        self.send(Request::post("/_roster/v1/tenants").json(json!({ "name": name })).anonymous()).await?.ok()?.data_as()
    }

    /// `POST /_roster/v1/user_access_token` for a user of `app_id`.
    pub async fn user_access_token(&self, app_id: &str, user_id: &str, user_id_type: &str) -> Result<String, Error> {
        let body = json!({ "app_id": app_id, "user_id": user_id, "user_id_type": user_id_type });
        let r: UserAccessTokenResponse =
            self.send(Request::post("/_roster/v1/user_access_token").json(body).anonymous()).await?.ok()?.data_as()?;
        Ok(r.access_token)
    }

    /// `POST /_roster/v1/clock/advance`; returns the new time in Unix seconds.
    pub async fn advance_clock(&self, seconds: i64) -> Result<i64, Error> {
        let r = self
            .send(Request::post("/_roster/v1/clock/advance").json(json!({ "seconds": seconds })).anonymous())
            .await?
            .ok()?;
        r.data()["now"].as_i64().ok_or_else(|| Error("no now".into()))
    }

    /// `POST /_roster/v1/rate_limits`.
    pub async fn set_rate_limits(&self, enabled: bool) -> Result<(), Error> {
        self.send(Request::post("/_roster/v1/rate_limits").json(json!({ "enabled": enabled })).anonymous())
            .await?
            .ok()?;
        Ok(())
    }
}
