//! `PATCH`/`PUT /contact/v3/users/:user_id`, `PATCH …/:user_id/update_user_id` and
//! `POST /contact/v3/users/batch_get_id`.

use crate::api::contact::convert::{ContactQuery, user_fields, user_to_wire};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query, TenantCaller};
use crate::http::reply::{Reply, empty};
use crate::state::AppState;
use axum::extract::State;
use roster_domain::services::users::batch_get_id::{self, ContactKey, ContactLookup};
use roster_domain::services::users::{update, user_id};
use roster_proto::contact::{
    BatchGetIdBody, BatchGetIdData, UpdateUserIdBody, UserBody, UserContactInfo, UserData, UserStatus,
};
use roster_proto::envelope::Empty;

pub async fn patch(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ContactQuery>,
    Json(body): Json<UserBody>,
) -> Result<Reply<UserData>, ApiError> {
    let ids = q.id_types()?;
    let fields = user_fields(body);
    let (env, c) = (state.env(), caller.clone());
    let view = state.db.write(move |tx| update::patch_user(tx, &env, &c, ids, &user_id, &fields)).await?;
    Ok(Reply(UserData { user: user_to_wire(&state.env(), &caller.app, ids, &view) }))
}

pub async fn update(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ContactQuery>,
    Json(body): Json<UserBody>,
) -> Result<Reply<UserData>, ApiError> {
    let ids = q.id_types()?;
    let fields = user_fields(body);
    let (env, c) = (state.env(), caller.clone());
    let view = state.db.write(move |tx| update::replace_user(tx, &env, &c, ids, &user_id, &fields)).await?;
    Ok(Reply(UserData { user: user_to_wire(&state.env(), &caller.app, ids, &view) }))
}

pub async fn update_user_id(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ContactQuery>,
    Json(body): Json<UpdateUserIdBody>,
) -> Result<Reply<Empty>, ApiError> {
    let ids = q.id_types()?;
    let env = state.env();
    state
        .db
        .write(move |tx| user_id::update_user_id(tx, &env, &caller, ids.user, &user_id, body.new_user_id.as_deref()))
        .await?;
    Ok(empty())
}

pub async fn batch_get_id(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Query(q): Query<ContactQuery>,
    Json(body): Json<BatchGetIdBody>,
) -> Result<Reply<BatchGetIdData>, ApiError> {
    let ids = q.id_types()?;
    let lookup = ContactLookup {
        emails: body.emails.unwrap_or_default(),
        mobiles: body.mobiles.unwrap_or_default(),
        include_resigned: body.include_resigned.unwrap_or(false),
    };
    let (env, c) = (state.env(), caller.clone());
    let found = state.db.read(move |tx| batch_get_id::batch_get_id(tx, &env, &c, &lookup)).await?;
    let env = state.env();
    let user_list = found
        .into_iter()
        .map(|m| {
            let (email, mobile) = match m.key {
                ContactKey::Email(e) => (Some(e), None),
                ContactKey::Mobile(p) => (None, Some(p)),
            };
            UserContactInfo {
                user_id: m.user.as_ref().map(|u| env.render_user_id(&caller.app, ids.user, u)),
                status: m.user.as_ref().map(|u| UserStatus {
                    is_frozen: u.status.is_frozen,
                    is_resigned: u.status.is_resigned,
                    is_activated: u.status.is_activated,
                    is_exited: u.status.is_exited,
                    is_unjoin: u.status.is_unjoin,
                }),
                email,
                mobile,
            }
        })
        .collect();
    Ok(Reply(BatchGetIdData { user_list }))
}
