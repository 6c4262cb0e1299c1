//! `PATCH` / `PUT departments/:department_id` and `PATCH departments/:department_id/update_department_id`.

use super::DepartmentQuery;
use super::convert::{department_fields, department_to_wire};
use crate::http::errors::ApiError;
use crate::http::extract::{Json, Path, Query, TenantCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::services::departments::update::{self, UpdateMode};
use roster_proto::contact::{DepartmentBody, DepartmentData, UpdateDepartmentIdBody};
use roster_proto::envelope::Empty;

async fn change(
    state: AppState,
    caller: roster_domain::services::Caller,
    department_id: String,
    q: DepartmentQuery,
    body: DepartmentBody,
    mode: UpdateMode,
) -> Result<Reply<DepartmentData>, ApiError> {
    let ids = q.id_types()?;
    let fields = department_fields(body);
    let env = state.env();
    let c = caller.clone();
    let view =
        state.db.write(move |tx| update::update_department(tx, &env, &c, ids, &department_id, &fields, mode)).await?;
    Ok(Reply(DepartmentData { department: department_to_wire(&state.env(), &caller.app, ids, &view) }))
}

pub async fn patch(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(department_id): Path<String>,
    Query(q): Query<DepartmentQuery>,
    Json(body): Json<DepartmentBody>,
) -> Result<Reply<DepartmentData>, ApiError> {
    change(state, caller, department_id, q, body, UpdateMode::Patch).await
}

pub async fn put(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(department_id): Path<String>,
    Query(q): Query<DepartmentQuery>,
    Json(body): Json<DepartmentBody>,
) -> Result<Reply<DepartmentData>, ApiError> {
    change(state, caller, department_id, q, body, UpdateMode::Put).await
}

pub async fn update_department_id(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(department_id): Path<String>,
    Query(q): Query<DepartmentQuery>,
    Json(body): Json<UpdateDepartmentIdBody>,
) -> Result<Reply<Empty>, ApiError> {
    let ids = q.id_types()?;
    let env = state.env();
    state
        .db
        .write(move |tx| {
            update::update_department_id(
                tx,
                &env,
                &caller,
                ids.department,
                &department_id,
                body.new_department_id.as_deref(),
            )
        })
        .await?;
    Ok(Reply(Empty {}))
}
