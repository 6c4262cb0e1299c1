//! `authen/v1`: who a user token belongs to (`user_info`). The OAuth code flow is in `api::oauth`.

use crate::http::errors::ApiError;
use crate::http::extract::UserCaller;
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use roster_domain::Error;
use roster_proto::auth::UserInfo;

pub fn routes() -> Router<AppState> {
    Router::new().route("/open-apis/authen/v1/user_info", get(user_info))
}

async fn user_info(State(state): State<AppState>, UserCaller(caller): UserCaller) -> Result<Reply<UserInfo>, ApiError> {
    let c = caller.clone();
    let (user, tenant) = state
        .db
        .read(move |tx| {
            let uid = c.user.ok_or(Error::Internal("user token without a user".into()))?;
            let user = tx.user(c.tenant, uid)?.ok_or(Error::NotFound { what: "user" })?;
            let tenant = tx.tenant(c.tenant)?.ok_or(Error::NotFound { what: "tenant" })?;
            Ok((user, tenant))
        })
        .await?;
    let env = state.env();
    Ok(Reply(UserInfo {
        name: user.name.clone(),
        en_name: user.en_name.clone(),
        open_id: env.open_id(&caller.app, user.id),
        union_id: env.union_id(&caller.app, user.id),
        email: user.email.clone().unwrap_or_default(),
        enterprise_email: user.enterprise_email.clone().unwrap_or_default(),
        user_id: user.user_id.clone(),
        mobile: user.mobile.clone().unwrap_or_default(),
        tenant_key: tenant.tenant_key,
        employee_no: user.employee_no,
        ..UserInfo::default()
    }))
}
