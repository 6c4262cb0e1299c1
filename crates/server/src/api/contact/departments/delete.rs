//! `DELETE departments/:department_id`.

use super::DepartmentQuery;
use crate::http::errors::ApiError;
use crate::http::extract::{Path, Query, TenantCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::services::departments::delete::delete_department;
use roster_proto::envelope::Empty;

pub async fn delete(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(department_id): Path<String>,
    Query(q): Query<DepartmentQuery>,
) -> Result<Reply<Empty>, ApiError> {
    let ids = q.id_types()?;
    let env = state.env();
    state.db.write(move |tx| delete_department(tx, &env, &caller, ids.department, &department_id)).await?;
    Ok(Reply(Empty {}))
}
