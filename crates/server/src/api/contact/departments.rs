//! `contact/v3/departments` handlers.

use super::convert::{ContactQuery, department_fields, department_to_wire};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query, TenantCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::services::departments;
use roster_proto::contact::{DepartmentBody, DepartmentData};

pub async fn create(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Query(q): Query<ContactQuery>,
    Json(body): Json<DepartmentBody>,
) -> Result<Reply<DepartmentData>, ApiError> {
    let ids = q.id_types()?;
    let fields = department_fields(body);
    let env = state.env();
    let c = caller.clone();
    let view = state.db.write(move |tx| departments::create_department(tx, &env, &c, ids, &fields)).await?;
    Ok(Reply(DepartmentData { department: department_to_wire(&state.env(), &caller.app, ids, &view) }))
}

pub async fn get(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(department_id): Path<String>,
    Query(q): Query<ContactQuery>,
) -> Result<Reply<DepartmentData>, ApiError> {
    let ids = q.id_types()?;
    let env = state.env();
    let c = caller.clone();
    let view =
        state.db.read(move |tx| departments::get_department(tx, &env, &c, ids.department, &department_id)).await?;
    Ok(Reply(DepartmentData { department: department_to_wire(&state.env(), &caller.app, ids, &view) }))
}
