//! Emulator control for the contact area: `PATCH /_roster/v1/apps/{app_id}/contact_scope`
//! `{"all": bool, "department_ids": [...], "department_id_type"}` sets which part of its tenant
//! an app sees through the contact API (Lark developers set this in the developer console).

use crate::http::errors::ApiError;
use crate::http::extract::{Json, Path};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::ids::DepartmentIdType;
use roster_domain::services::departments::scope;
use serde_json::{Value, json};

#[derive(Debug, Default, serde::Deserialize)]
pub struct ContactScopeChange {
    all: Option<bool>,
    #[serde(default)]
    department_ids: Vec<String>,
    department_id_type: Option<String>,
}

pub async fn set_contact_scope(
    State(state): State<AppState>,
    Path(app_id): Path<String>,
    Json(req): Json<ContactScopeChange>,
) -> Result<Reply<Value>, ApiError> {
    let all = req.all.unwrap_or(false);
    if !all && req.department_ids.is_empty() {
        return Err(ApiError::invalid("department_ids", "name at least one department, or set all"));
    }
    let id_type = match req.department_id_type.as_deref() {
        None | Some("") => DepartmentIdType::OpenDepartmentId,
        Some(t) => DepartmentIdType::parse(t)
            .ok_or_else(|| ApiError::invalid("department_id_type", "must be open_department_id or department_id"))?,
    };
    let env = state.env();
    let raws = req.department_ids;
    let app = state.db.write(move |tx| scope::set_contact_scope(tx, &env, &app_id, all, id_type, &raws)).await?;
    state.auth_cache.invalidate_tenant(app.tenant);
    Ok(Reply(json!({
        "app_id": app.app_id,
        "all": app.contact_scope.all,
        "departments": app.contact_scope.departments.len(),
    })))
}
