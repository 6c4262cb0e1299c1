//! `contact/v3/departments` handlers: create and get here, the tree reads in `tree`, changes in
//! `update`, delete in `delete`; wire conversions and page tokens in `convert`.

mod convert;
pub mod delete;
pub mod tree;
pub mod update;

use super::convert::ContactQuery;
use super::users::client_token;
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Path, Query, TenantCaller, parse_json};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use bytes::Bytes;
use convert::{department_fields, department_to_wire};
use roster_domain::services::departments;
use roster_domain::services::users::IdTypes;
use roster_proto::contact::{DepartmentBody, DepartmentData};
use serde::Deserialize;

/// Every query parameter a department endpoint may take.
#[derive(Debug, Default, Deserialize)]
pub struct DepartmentQuery {
    pub user_id_type: Option<String>,
    pub department_id_type: Option<String>,
    pub client_token: Option<String>,
    #[serde(default)]
    pub department_ids: Vec<String>,
    pub department_id: Option<String>,
    /// The legacy list's parent (`GET departments`).
    pub parent_department_id: Option<String>,
    #[serde(default, deserialize_with = "roster_proto::de::opt_lark_bool")]
    pub fetch_child: Option<bool>,
    #[serde(default, deserialize_with = "roster_proto::de::opt_int_or_string")]
    pub page_size: Option<i64>,
    pub page_token: Option<String>,
}

impl DepartmentQuery {
    fn contact(&self) -> ContactQuery {
        ContactQuery {
            user_id_type: self.user_id_type.clone(),
            department_id_type: self.department_id_type.clone(),
            client_token: self.client_token.clone(),
        }
    }

    pub fn id_types(&self) -> Result<IdTypes, ApiError> {
        self.contact().id_types()
    }
}

pub async fn create(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Query(q): Query<DepartmentQuery>,
    body: Bytes,
) -> Result<Reply<DepartmentData>, ApiError> {
    let ids = q.id_types()?;
    let fields = department_fields(parse_json::<DepartmentBody>(&body)?);
    let ct = client_token(&q.contact(), &body);
    let env = state.env();
    let c = caller.clone();
    let view =
        state.db.write(move |tx| departments::create_department(tx, &env, &c, ids, &fields, ct.as_ref())).await?;
    Ok(Reply(DepartmentData { department: department_to_wire(&state.env(), &caller.app, ids, &view) }))
}

pub async fn get(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(department_id): Path<String>,
    Query(q): Query<DepartmentQuery>,
) -> Result<Reply<DepartmentData>, ApiError> {
    let ids = q.id_types()?;
    let env = state.env();
    let c = caller.clone();
    let view =
        state.db.read(move |tx| departments::get_department(tx, &env, &c, ids.department, &department_id)).await?;
    Ok(Reply(DepartmentData { department: department_to_wire(&state.env(), &caller.app, ids, &view) }))
}
