//! Contact departments over HTTP, on both stores: every endpoint's happy path, every code it
//! answers with its HTTP status, recursive paging, parent chains, moves, deletes, events, group
//! chats, contact scope and other tenants.

mod chat;
mod codes;
mod events;
mod scope;
mod story;
mod tree;

use crate::harness::*;
use reqwest::Method;
use roster_client::{ApiResponse, Client, Request};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};

pub const DEPTS: &str = "/open-apis/contact/v3/departments";

static NEXT_MOBILE: AtomicU64 = AtomicU64::new(1);

/// Sends `method path` as `client`'s app with custom department ids and user_ids, plus `query`.
pub async fn send(
    client: &Client,
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<Value>,
) -> ApiResponse {
    let mut req =
        Request::new(method, path).query("department_id_type", "department_id").query("user_id_type", "user_id");
    for (k, v) in query {
        req = req.query(k, v);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    client.send(req).await.expect("request")
}

pub async fn create(client: &Client, body: Value) -> ApiResponse {
    send(client, Method::POST, DEPTS, &[], Some(body)).await
}

/// Creates department `id` named `Dept <id>` under `parent` as the demo app; returns it.
pub async fn make(app: &TestApp, id: &str, parent: &str) -> Value {
    let r =
        create(&app.client, json!({"name": format!("Dept {id}"), "department_id": id, "parent_department_id": parent}))
            .await;
    assert_eq!(r.code(), 0, "create {id}: {}", r.body);
    r.data()["department"].clone()
}

/// Creates department `id` named `Theirs <id>` under `parent` as `client`'s app (another
/// tenant's); returns it.
pub async fn make_with(client: &Client, id: &str, parent: &str) -> Value {
    let r =
        create(client, json!({"name": format!("Theirs {id}"), "department_id": id, "parent_department_id": parent}))
            .await;
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["department"].clone()
}

pub async fn get(client: &Client, id: &str) -> ApiResponse {
    send(client, Method::GET, &format!("{DEPTS}/{id}"), &[], None).await
}

pub async fn patch(client: &Client, id: &str, body: Value) -> ApiResponse {
    send(client, Method::PATCH, &format!("{DEPTS}/{id}"), &[], Some(body)).await
}

pub async fn put(client: &Client, id: &str, body: Value) -> ApiResponse {
    send(client, Method::PUT, &format!("{DEPTS}/{id}"), &[], Some(body)).await
}

pub async fn delete(client: &Client, id: &str) -> ApiResponse {
    send(client, Method::DELETE, &format!("{DEPTS}/{id}"), &[], None).await
}

pub async fn rename_id(client: &Client, id: &str, new_id: &str) -> ApiResponse {
    let path = format!("{DEPTS}/{id}/update_department_id");
    send(client, Method::PATCH, &path, &[], Some(json!({"new_department_id": new_id}))).await
}

pub async fn children(client: &Client, id: &str, query: &[(&str, &str)]) -> ApiResponse {
    send(client, Method::GET, &format!("{DEPTS}/{id}/children"), query, None).await
}

pub async fn parents(client: &Client, query: &[(&str, &str)]) -> ApiResponse {
    send(client, Method::GET, &format!("{DEPTS}/parent"), query, None).await
}

/// The custom ids `list` returns, following every page.
async fn follow(client: &Client, path: &str, query: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut q = query.to_vec();
        if let Some(t) = &token {
            q.push(("page_token", t));
        }
        let r = send(client, Method::GET, path, &q, None).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let items = r.data()["items"].as_array().expect("items");
        out.extend(items.iter().map(|d| d["department_id"].as_str().expect("department_id").to_owned()));
        match (r.data()["has_more"].as_bool(), r.data()["page_token"].as_str()) {
            (Some(true), Some(t)) => {
                assert!(!items.is_empty(), "a page with more after it is not empty");
                token = Some(t.to_owned());
            }
            (Some(false), None) => return out,
            other => panic!("has_more and page_token disagree: {other:?} in {}", r.body),
        }
    }
}

/// Every child (or, with `fetch_child`, descendant) of `id`, in pages of `page_size`.
pub async fn all_children(client: &Client, id: &str, fetch_child: bool, page_size: u32) -> Vec<String> {
    let (f, ps) = (fetch_child.to_string(), page_size.to_string());
    follow(client, &format!("{DEPTS}/{id}/children"), &[("fetch_child", &f), ("page_size", &ps)]).await
}

/// Every ancestor `parent` lists for `id`, in pages of `page_size`.
pub async fn all_parents(client: &Client, id: &str, page_size: u32) -> Vec<String> {
    let ps = page_size.to_string();
    follow(client, &format!("{DEPTS}/parent"), &[("department_id", id), ("page_size", &ps)]).await
}

/// Limits `app_id`'s contact scope to these departments (custom ids), or the whole tenant.
pub async fn set_scope(anon: &Client, app_id: &str, departments: Option<&[&str]>) {
    let body = match departments {
        None => json!({"all": true}),
        Some(ids) => json!({"department_ids": ids, "department_id_type": "department_id"}),
    };
    let path = format!("/_roster/v1/apps/{app_id}/contact_scope");
    let r = anon.send(Request::new(Method::PATCH, &path).json(body).anonymous()).await.expect("scope");
    assert_eq!(r.code(), 0, "{}", r.body);
}

/// Creates a member of the demo tenant in `departments` (custom ids); returns their user_id.
pub async fn member(app: &TestApp, user_id: &str, departments: &[&str], employee_type: i64) -> String {
    let body = json!({
        "name": format!("Member {user_id}"),
        "user_id": user_id,
        "mobile": format!("+1666{:07}", NEXT_MOBILE.fetch_add(1, Ordering::Relaxed)),
        "department_ids": departments,
        "employee_type": employee_type,
    });
    let r = send(&app.client, Method::POST, "/open-apis/contact/v3/users", &[], Some(body)).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    user_id.to_owned()
}
