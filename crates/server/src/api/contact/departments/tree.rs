//! `GET departments/batch`, `GET departments/:department_id/children`, `GET departments/parent`,
//! `POST departments/search`, and the legacy list `GET departments?parent_department_id=`
//! (children by another path).

use super::DepartmentQuery;
use super::convert::{department_to_wire, encode_tree_token, id_token, tree_token};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query, UserCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::services::departments::tree::{self, ChildrenPage};
use roster_proto::contact::{Department, Items, Page};
use serde::Deserialize;

pub async fn batch(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<DepartmentQuery>,
) -> Result<Reply<Items<Department>>, ApiError> {
    let ids = q.id_types()?;
    let env = state.env();
    let c = caller.clone();
    let raws = q.department_ids;
    let views = state.db.read(move |tx| tree::batch(tx, &env, &c, ids.department, &raws)).await?;
    let env = state.env();
    Ok(Reply(Items { items: views.iter().map(|v| department_to_wire(&env, &caller.app, ids, v)).collect() }))
}

pub async fn children(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(department_id): Path<String>,
    Query(q): Query<DepartmentQuery>,
) -> Result<Reply<Page<Department>>, ApiError> {
    children_of(state, caller, department_id, q).await
}

/// The legacy `GET /contact/v3/departments`: the children of `parent_department_id` (the root
/// when it is not given), with the same paging and `fetch_child`.
pub async fn list(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<DepartmentQuery>,
) -> Result<Reply<Page<Department>>, ApiError> {
    let parent = q.parent_department_id.clone().filter(|p| !p.is_empty()).unwrap_or_else(|| "0".to_owned());
    children_of(state, caller, parent, q).await
}

async fn children_of(
    state: AppState,
    caller: roster_domain::services::Caller,
    department_id: String,
    q: DepartmentQuery,
) -> Result<Reply<Page<Department>>, ApiError> {
    let ids = q.id_types()?;
    let page = ChildrenPage {
        fetch_child: q.fetch_child.unwrap_or(false),
        page_size: tree::page_size(q.page_size, tree::CHILDREN_PAGE_DEFAULT)?,
        after: tree_token(q.page_token.as_deref())?,
    };
    let env = state.env();
    let c = caller.clone();
    let got = state.db.read(move |tx| tree::children(tx, &env, &c, ids.department, &department_id, &page)).await?;
    let env = state.env();
    Ok(Reply(Page {
        has_more: got.next.is_some(),
        page_token: got.next.as_ref().map(encode_tree_token),
        items: got.items.iter().map(|v| department_to_wire(&env, &caller.app, ids, v)).collect(),
    }))
}

pub async fn parent(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<DepartmentQuery>,
) -> Result<Reply<Page<Department>>, ApiError> {
    let ids = q.id_types()?;
    let page_size = tree::page_size(q.page_size, tree::PARENTS_PAGE_DEFAULT)?;
    let after = id_token(q.page_token.as_deref())?;
    let env = state.env();
    let c = caller.clone();
    let raw = q.department_id;
    let got =
        state.db.read(move |tx| tree::parents(tx, &env, &c, ids.department, raw.as_deref(), page_size, after)).await?;
    let env = state.env();
    Ok(Reply(Page {
        has_more: got.next.is_some(),
        page_token: got.next.map(|id| id.0.to_string()),
        items: got.items.iter().map(|v| department_to_wire(&env, &caller.app, ids, v)).collect(),
    }))
}

/// Body of `POST departments/search`.
#[derive(Debug, Deserialize)]
pub struct SearchBody {
    pub query: Option<String>,
}

/// `POST /contact/v3/departments/search` (user token only): departments whose names contain
/// `query`, in pages of 20 by default.
pub async fn search(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Query(q): Query<DepartmentQuery>,
    Json(body): Json<SearchBody>,
) -> Result<Reply<Page<Department>>, ApiError> {
    let ids = q.id_types()?;
    let page_size = tree::page_size(q.page_size, tree::SEARCH_PAGE_DEFAULT)?;
    let after = id_token(q.page_token.as_deref())?;
    let query = body.query.unwrap_or_default();
    let c = caller.clone();
    let got = state.db.read(move |tx| tree::search(tx, &c, &query, page_size, after)).await?;
    let env = state.env();
    Ok(Reply(Page {
        has_more: got.next.is_some(),
        page_token: got.next.map(|id| id.0.to_string()),
        items: got.items.iter().map(|v| department_to_wire(&env, &caller.app, ids, v)).collect(),
    }))
}
