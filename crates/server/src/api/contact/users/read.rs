//! `GET /contact/v3/users/batch`, `GET /contact/v3/users/find_by_department` and the legacy
//! `GET /contact/v3/users` (the same page by another path).

use crate::api::contact::convert::{ContactQuery, user_to_wire};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Query};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::ids::UserId;
use roster_domain::services::users::queries::{self, DEFAULT_PAGE_SIZE};
use roster_proto::contact::{Items, Page, User};
use serde::Deserialize;

/// Query of `users/batch`: `user_ids` repeated (`user_ids=a&user_ids=b`), as both SDKs send it.
#[derive(Debug, Default, Deserialize)]
pub struct BatchQuery {
    #[serde(default)]
    pub user_ids: Vec<String>,
    pub user_id_type: Option<String>,
    pub department_id_type: Option<String>,
}

/// Query of `users/find_by_department` and the legacy `GET users`.
#[derive(Debug, Default, Deserialize)]
pub struct FindQuery {
    pub department_id: Option<String>,
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    pub page_size: Option<i64>,
    pub page_token: Option<String>,
    pub user_id_type: Option<String>,
    pub department_id_type: Option<String>,
}

fn id_query(user_id_type: Option<String>, department_id_type: Option<String>) -> ContactQuery {
    ContactQuery { user_id_type, department_id_type, client_token: None }
}

pub async fn batch(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<BatchQuery>,
) -> Result<Reply<Items<User>>, ApiError> {
    let ids = id_query(q.user_id_type, q.department_id_type).id_types()?;
    let (env, c, raws) = (state.env(), caller.clone(), q.user_ids);
    let views = state.db.read(move |tx| queries::batch_get_users(tx, &env, &c, ids, &raws)).await?;
    let env = state.env();
    Ok(Reply(Items { items: views.iter().map(|v| user_to_wire(&env, &caller.app, ids, v)).collect() }))
}

/// A page token is the internal id of the last user of the previous page.
fn page_token(raw: Option<&str>) -> Result<Option<UserId>, ApiError> {
    match raw.filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => match s.parse::<i64>() {
            Ok(n) if n > 0 => Ok(Some(UserId(n))),
            _ => Err(ApiError::invalid("page_token", "is not a token this server issued")),
        },
    }
}

pub async fn find_by_department(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<FindQuery>,
) -> Result<Reply<Page<User>>, ApiError> {
    let department = q.department_id.clone().unwrap_or_default();
    users_of(state, caller, department, q).await
}

/// The legacy `GET /contact/v3/users`: `find_by_department` by another path, the root's direct
/// members when no `department_id` is given.
pub async fn list(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<FindQuery>,
) -> Result<Reply<Page<User>>, ApiError> {
    let department = q.department_id.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| "0".to_owned());
    users_of(state, caller, department, q).await
}

async fn users_of(
    state: AppState,
    caller: roster_domain::services::Caller,
    department: String,
    q: FindQuery,
) -> Result<Reply<Page<User>>, ApiError> {
    let ids = id_query(q.user_id_type, q.department_id_type).id_types()?;
    let size = match q.page_size {
        None => DEFAULT_PAGE_SIZE,
        Some(n) => u32::try_from(n).unwrap_or(0),
    };
    let after = page_token(q.page_token.as_deref())?;
    let (env, c) = (state.env(), caller.clone());
    let page =
        state.db.read(move |tx| queries::find_by_department(tx, &env, &c, ids, &department, after, size)).await?;
    let env = state.env();
    Ok(Reply(Page {
        has_more: page.next.is_some(),
        page_token: page.next.map(|u| u.0.to_string()),
        items: page.items.iter().map(|v| user_to_wire(&env, &caller.app, ids, v)).collect(),
    }))
}
