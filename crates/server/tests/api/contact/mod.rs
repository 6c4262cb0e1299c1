//! Contact v3 users over HTTP, on both stores: batch reads and department pages in every id
//! type, patch/put/update_user_id with their events, batch_get_id, freezing, every code these
//! endpoints answer with its HTTP status, and tenants that cannot reach each other's users.

mod batch_get_id;
mod cached_reads;
mod changes;
mod codes;
mod freeze;
mod reads;
mod tenancy;

use crate::harness::*;
use roster_client::{ApiResponse, Client, Request};
use roster_domain::ids::DeptId;
use roster_domain::model::{ContactScope, NewApp};
use roster_proto::emulator::TenantCredentials;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};

pub const USERS: &str = "/open-apis/contact/v3/users";

static NEXT_MOBILE: AtomicU64 = AtomicU64::new(1);

/// A mobile no other test user has.
pub fn fresh_mobile() -> String {
    format!("+1888{:07}", NEXT_MOBILE.fetch_add(1, Ordering::Relaxed))
}

/// `PATCH`/`PUT …/users/:user_id` with user_id and department_id as the id types, as `client`
/// (with `token` instead of its tenant token when given).
pub async fn change(
    client: &Client,
    method: reqwest::Method,
    user_id: &str,
    body: Value,
    token: Option<&str>,
) -> ApiResponse {
    let path = format!("{USERS}/{user_id}");
    let mut req = Request::new(method, &path)
        .query("user_id_type", "user_id")
        .query("department_id_type", "department_id")
        .json(body);
    if let Some(t) = token {
        req = req.token(t);
    }
    client.send(req).await.expect("change user")
}

pub async fn patch(client: &Client, user_id: &str, body: Value) -> ApiResponse {
    change(client, reqwest::Method::PATCH, user_id, body, None).await
}

pub async fn put(client: &Client, user_id: &str, body: Value) -> ApiResponse {
    change(client, reqwest::Method::PUT, user_id, body, None).await
}

/// Creates a department with the custom id `id` under `parent` (a custom id or `"0"`) as
/// `client`; returns its open_department_id.
pub async fn department(client: &Client, id: &str, parent: &str) -> String {
    let r = client
        .send(
            Request::post("/open-apis/contact/v3/departments")
                .query("department_id_type", "department_id")
                .json(json!({"name": format!("Dept {id}"), "parent_department_id": parent, "department_id": id})),
        )
        .await
        .expect("create department");
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["department"]["open_department_id"].as_str().expect("open_department_id").to_owned()
}

/// Creates a user with this user_id in `depts` (custom ids), with a fresh mobile and `extra`
/// fields, as `client`; returns the user object (ids in user_id / department_id).
pub async fn user_in(client: &Client, user_id: &str, depts: &[&str], extra: Value) -> Value {
    let mut body = json!({
        "name": format!("User {user_id}"), "user_id": user_id, "mobile": fresh_mobile(),
        "department_ids": depts, "employee_type": 1,
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let r = client
        .send(
            Request::post(USERS)
                .query("user_id_type", "user_id")
                .query("department_id_type", "department_id")
                .json(body),
        )
        .await
        .expect("create user");
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["user"].clone()
}

/// `GET …/users/:user_id` in user_id / department_id.
pub async fn get_user(app: &TestApp, user_id: &str) -> ApiResponse {
    app.call(
        Request::get(&format!("{USERS}/{user_id}"))
            .query("user_id_type", "user_id")
            .query("department_id_type", "department_id"),
    )
    .await
}

/// Runs `story` on a fresh app on SQLite, then on PostgreSQL when configured, with the database
/// URL (for fixtures no API of this area makes: apps with a narrow scope, resigned users).
pub async fn on_each_backend_with_url<F, Fut>(story: F)
where
    F: Fn(TestApp, String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let db = roster_store::testing::sqlite();
    let url = db.url.clone();
    story(spawn_with(db, |_| {}).await, url).await;
    if let Some(db) = roster_store::testing::postgres().await {
        let url = db.url.clone();
        story(spawn_with(db, |_| {}).await, url).await;
    }
}

async fn open_store(url: &str) -> roster_domain::store::Db {
    crate::harness::served_store(url)
}

/// A second app of the demo tenant (same developer, so union_ids agree) whose contact scope is
/// only the departments with these custom ids.
pub async fn scoped_app(app: &TestApp, url: &str, app_id: &str, depts: &[&str]) -> Client {
    let db = open_store(url).await;
    let depts: Vec<String> = depts.iter().map(|d| (*d).to_owned()).collect();
    let (id, secret) = (app_id.to_owned(), format!("{app_id}-secret"));
    let demo_app = app.demo.app_id.clone();
    let s = secret.clone();
    db.write(move |tx| {
        let demo = tx.app_by_app_id(&demo_app)?.expect("demo app");
        let mut scope: Vec<DeptId> = Vec::new();
        for d in &depts {
            scope.push(tx.department_by_custom_id(demo.tenant, d)?.expect("department").id);
        }
        tx.insert_app(&NewApp {
            tenant: demo.tenant,
            developer: demo.developer,
            app_id: id.clone(),
            app_secret: s.clone(),
            name: "Scoped".into(),
            bot_enabled: true,
            verification_token: "scoped-token".into(),
            encrypt_key: String::new(),
            contact_scope: ContactScope { all: false, departments: scope },
            created_at: demo.created_at,
        })
    })
    .await
    .expect("insert scoped app");
    let creds: TenantCredentials = serde_json::from_value(json!({
        "tenant_key": app.demo.tenant_key, "app_id": app_id, "app_secret": secret, "verification_token": "",
        "encrypt_key": "", "admin": {"open_id": "", "union_id": "", "user_id": ""}
    }))
    .expect("credentials");
    app.as_app(&creds)
}

/// Marks a demo user resigned straight in the store, out of every department (offboarding is
/// another area's API).
pub async fn resign(app: &TestApp, url: &str, user_id: &str) {
    let db = open_store(url).await;
    let (uid, demo_app) = (user_id.to_owned(), app.demo.app_id.clone());
    db.write(move |tx| {
        let demo = tx.app_by_app_id(&demo_app)?.expect("demo app");
        let mut u = tx.user_by_user_id(demo.tenant, &uid)?.expect("user");
        u.status.is_resigned = true;
        u.departments.clear();
        tx.update_user(&u)
    })
    .await
    .expect("resign");
}

/// The `field` of the first field violation.
pub fn violation(r: &ApiResponse) -> String {
    r.body["error"]["field_violations"][0]["field"].as_str().unwrap_or_default().to_owned()
}
