//! Conversions between contact wire types and domain types, in the caller's id types.

use crate::http::errors::ApiError;
use roster_domain::ids::{DepartmentIdType, UserIdType};
use roster_domain::model::App;
use roster_domain::services::Env;
use roster_domain::services::users::{IdTypes, OrderFields, UserFields, UserView};
use roster_proto::contact as wire;
use serde::Deserialize;

/// The id-type query parameters every contact call takes, plus `client_token`.
#[derive(Debug, Default, Deserialize)]
pub struct ContactQuery {
    pub user_id_type: Option<String>,
    pub department_id_type: Option<String>,
    pub client_token: Option<String>,
}

impl ContactQuery {
    pub fn id_types(&self) -> Result<IdTypes, ApiError> {
        let user = match self.user_id_type.as_deref() {
            None | Some("") => UserIdType::OpenId,
            Some(t) => UserIdType::parse(t)
                .ok_or_else(|| ApiError::invalid("user_id_type", "must be open_id, union_id or user_id"))?,
        };
        let department = match self.department_id_type.as_deref() {
            None | Some("") => DepartmentIdType::OpenDepartmentId,
            Some(t) => DepartmentIdType::parse(t).ok_or_else(|| {
                ApiError::invalid("department_id_type", "must be open_department_id or department_id")
            })?,
        };
        Ok(IdTypes { user, department })
    }
}

pub fn user_fields(b: wire::UserBody) -> UserFields {
    UserFields {
        user_id: b.user_id,
        name: b.name,
        en_name: b.en_name,
        nickname: b.nickname,
        email: b.email,
        mobile: b.mobile,
        mobile_visible: b.mobile_visible,
        gender: b.gender,
        avatar_key: b.avatar_key,
        department_ids: b.department_ids,
        leader_user_id: b.leader_user_id,
        city: b.city,
        country: b.country,
        work_station: b.work_station,
        join_time: b.join_time,
        employee_no: b.employee_no,
        employee_type: b.employee_type,
        orders: b.orders.map(|os| {
            os.into_iter()
                .map(|o| OrderFields {
                    department_id: o.department_id,
                    user_order: o.user_order,
                    department_order: o.department_order,
                    is_primary: o.is_primary_dept,
                })
                .collect()
        }),
        custom_attrs: b.custom_attrs.map(|a| serde_json::to_string(&a).unwrap_or_default()),
        enterprise_email: b.enterprise_email,
        job_title: b.job_title,
        is_frozen: b.is_frozen,
    }
}

/// The user object in the caller's id types.
pub fn user_to_wire(env: &Env, app: &App, ids: IdTypes, v: &UserView) -> wire::User {
    let u = &v.user;
    let dept_id = |d: roster_domain::ids::DeptId| {
        v.departments.iter().find(|x| x.id == d).map(|x| env.render_department_id(ids.department, x))
    };
    wire::User {
        union_id: Some(env.union_id(app, u.id)),
        user_id: Some(u.user_id.clone()),
        open_id: Some(env.open_id(app, u.id)),
        name: u.name.clone(),
        en_name: u.en_name.clone(),
        nickname: u.nickname.clone(),
        email: u.email.clone(),
        mobile: u.mobile.clone(),
        mobile_visible: u.mobile_visible,
        gender: u.gender,
        avatar: None,
        status: wire::UserStatus {
            is_frozen: u.status.is_frozen,
            is_resigned: u.status.is_resigned,
            is_activated: u.status.is_activated,
            is_exited: u.status.is_exited,
            is_unjoin: u.status.is_unjoin,
        },
        department_ids: u.departments.iter().filter_map(|m| dept_id(m.department)).collect(),
        leader_user_id: v.leader.as_ref().map(|l| env.render_user_id(app, ids.user, l)),
        city: u.city.clone(),
        country: u.country.clone(),
        work_station: u.work_station.clone(),
        join_time: u.join_time,
        is_tenant_manager: u.is_tenant_manager,
        employee_no: u.employee_no.clone(),
        employee_type: u.employee_type,
        orders: u
            .departments
            .iter()
            .map(|m| wire::UserOrder {
                department_id: dept_id(m.department),
                user_order: Some(m.user_order),
                department_order: Some(m.department_order),
                is_primary_dept: Some(m.is_primary),
            })
            .collect(),
        custom_attrs: u.custom_attrs.as_deref().and_then(|a| serde_json::from_str(a).ok()).unwrap_or_default(),
        enterprise_email: u.enterprise_email.clone(),
        job_title: u.job_title.clone(),
        is_frozen: u.status.is_frozen,
        dotted_line_leader_user_ids: vec![],
    }
}
