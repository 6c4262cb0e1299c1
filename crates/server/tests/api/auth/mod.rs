//! The OAuth authorization-code flow: the login page (driven like a browser: cookies, hidden
//! fields, no redirect following), the token endpoints and the legacy `authen/v1` ones.

mod legacy;
mod login;
mod token;

use crate::harness::*;
use roster_client::{ApiResponse, Request};
use roster_proto::emulator::TenantCredentials;
use serde_json::{Value, json};

pub const AUTHORIZE: &str = "/open-apis/authen/v1/authorize";
pub const TOKEN_V2: &str = "/open-apis/authen/v2/oauth/token";
pub const TOKEN_V3: &str = "/oauth/v3/token";
pub const CALLBACK: &str = "https://app.example/callback";
pub const PASSWORD: &str = "roster-demo";
pub const ALICE_EMAIL: &str = "alice@demo.roster.local";
pub const ALICE_MOBILE: &str = "+15550000001";

/// What the browser got back.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// The hidden fields of the page's first form, unescaped.
    pub fn hidden_fields(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let end = self.body.find("</form>").unwrap_or(self.body.len());
        for chunk in self.body[..end].split(r#"<input type="hidden" name=""#).skip(1) {
            let (name, rest) = chunk.split_once('"').expect("name");
            let value = rest.split_once(r#"value=""#).and_then(|(_, v)| v.split_once('"')).expect("value").0;
            out.push((unescape(name), unescape(value)));
        }
        out
    }
    pub fn field(&self, name: &str) -> Option<String> {
        self.hidden_fields().into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
    /// The query parameters of the redirect this page is.
    pub fn redirect_params(&self) -> Vec<(String, String)> {
        assert_eq!(self.status, 302, "not a redirect: {} {}", self.status, self.body);
        let location = self.header("location").expect("location");
        let query = location.split_once('?').map_or("", |(_, q)| q);
        serde_html_form::from_str(query).expect("redirect query")
    }
    pub fn redirect_param(&self, name: &str) -> Option<String> {
        self.redirect_params().into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
    #[track_caller]
    pub fn assert_html(&self, status: u16, contains: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(self.header("content-type").is_some_and(|c| c.starts_with("text/html")), "{:?}", self.headers);
        assert!(self.body.contains(contains), "{contains:?} not in {}", self.body);
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// A browser: keeps the CSRF cookie, never follows redirects.
pub struct Browser {
    http: reqwest::Client,
    base: String,
    cookie: Option<String>,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        Browser { http, base: app.base.clone(), cookie: None }
    }

    async fn page(&mut self, resp: reqwest::Response) -> Page {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        if let Some(c) = headers.get("set-cookie").and_then(|v| v.to_str().ok()) {
            self.cookie = c.split(';').next().map(str::to_owned);
        }
        Page { status, headers, body: resp.text().await.expect("body") }
    }

    /// `GET` a path with query pairs.
    pub async fn get(&mut self, path: &str, query: &[(&str, &str)]) -> Page {
        let url = format!("{}{path}?{}", self.base, serde_html_form::to_string(query).unwrap());
        let mut req = self.http.get(url);
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        let resp = req.send().await.expect("get");
        self.page(resp).await
    }

    /// `POST` the authorize form with these fields.
    pub async fn post(&mut self, fields: &[(String, String)]) -> Page {
        let mut req = self
            .http
            .post(format!("{}{AUTHORIZE}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_html_form::to_string(fields).unwrap());
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        let resp = req.send().await.expect("post");
        self.page(resp).await
    }

    pub fn forget_cookie(&mut self) {
        self.cookie = None;
    }

    /// Opens the authorize page for `client_id` with `extra` query pairs.
    pub async fn open(&mut self, client_id: &str, extra: &[(&str, &str)]) -> Page {
        let mut q = vec![("client_id", client_id), ("redirect_uri", CALLBACK), ("state", "st-1")];
        q.extend_from_slice(extra);
        let page = self.get(AUTHORIZE, &q).await;
        page.assert_html(200, "Sign in to");
        page
    }

    /// Submits `page`'s form with `login` and `password`.
    pub async fn sign_in(&mut self, page: &Page, login: &str, password: &str) -> Page {
        let mut fields = page.hidden_fields();
        fields.push(("login".into(), login.into()));
        fields.push(("password".into(), password.into()));
        fields.push(("action".into(), "sign_in".into()));
        self.post(&fields).await
    }

    /// Picks `tenant_key` on a tenant-choice page.
    pub async fn choose(&mut self, page: &Page, tenant_key: &str) -> Page {
        let mut fields = page.hidden_fields();
        fields.push(("tenant_key".into(), tenant_key.into()));
        self.post(&fields).await
    }
}

/// The whole browser step: sign in as `login` through `client_id`, return the code.
pub async fn code_for(app: &TestApp, client_id: &str, login: &str, extra: &[(&str, &str)]) -> String {
    let mut b = Browser::new(app);
    let page = b.open(client_id, extra).await;
    let done = b.sign_in(&page, login, PASSWORD).await;
    assert_eq!(done.redirect_param("state").as_deref(), Some("st-1"));
    done.redirect_param("code").expect("code")
}

/// Posts JSON to a token endpoint.
pub async fn post_token(app: &TestApp, path: &str, body: Value) -> ApiResponse {
    app.anon().send(Request::post(path).json(body).anonymous()).await.expect("token request")
}

/// The demo app's authorization_code body for `code`, plus `extra` fields.
pub fn code_body(creds: &TenantCredentials, code: &str, extra: Value) -> Value {
    let mut body = json!({
        "grant_type": "authorization_code", "client_id": creds.app_id, "client_secret": creds.app_secret, "code": code,
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    body
}

/// Asserts an OAuth failure: HTTP 400 `{code, error, error_description}`.
#[track_caller]
pub fn assert_oauth_error(r: &ApiResponse, code: i64, error: &str) {
    assert_eq!((r.status, r.code()), (400, code), "{}", r.body);
    assert_eq!(r.body["error"], error, "{}", r.body);
    assert!(r.body["error_description"].as_str().is_some_and(|d| !d.is_empty()), "{}", r.body);
    assert!(r.content_type.as_deref().is_some_and(|c| c.starts_with("application/json")), "{:?}", r.content_type);
}

/// `GET authen/v1/user_info` with a user token.
pub async fn user_info(app: &TestApp, token: &str) -> ApiResponse {
    app.anon().send(Request::get("/open-apis/authen/v1/user_info").token(token)).await.expect("user_info")
}

/// Makes alice's account a member of `creds`' tenant too (contact links by mobile).
pub async fn add_alice_to(app: &TestApp, creds: &TenantCredentials, frozen: bool) {
    let body = json!({"name": "Alice Elsewhere", "mobile": ALICE_MOBILE, "department_ids": ["0"], "employee_type": 1,
                      "is_frozen": frozen, "user_id": "alice2"});
    let r = app
        .as_app(creds)
        .send(Request::post("/open-apis/contact/v3/users").query("department_id_type", "department_id").json(body))
        .await
        .unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
}
