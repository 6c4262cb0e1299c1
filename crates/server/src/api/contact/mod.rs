//! `contact/v3`: users and departments (spec §4).

mod convert;
mod departments;
mod lifecycle;
pub(crate) mod users;

use crate::state::AppState;
use axum::Router;
use axum::routing::{delete, get, patch, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/contact/v3/users", post(users::create).get(users::read::list))
        .route("/open-apis/contact/v3/users/{user_id}", get(users::get))
        .route("/open-apis/contact/v3/users/{user_id}", patch(users::write::patch).put(users::write::update))
        .route("/open-apis/contact/v3/users/{user_id}", delete(lifecycle::delete))
        .route("/open-apis/contact/v3/users/{user_id}/update_user_id", patch(users::write::update_user_id))
        .route("/open-apis/contact/v3/users/{user_id}/resurrect", post(lifecycle::resurrect))
        .route("/open-apis/contact/v3/users/batch", get(users::read::batch))
        .route("/open-apis/contact/v3/users/find_by_department", get(users::read::find_by_department))
        .route("/open-apis/contact/v3/users/batch_get_id", post(users::write::batch_get_id))
        .route("/open-apis/contact/v3/departments", post(departments::create).get(departments::tree::list))
        .route("/open-apis/contact/v3/departments/batch", get(departments::tree::batch))
        .route("/open-apis/contact/v3/departments/parent", get(departments::tree::parent))
        .route("/open-apis/contact/v3/departments/search", post(departments::tree::search))
        .route(
            "/open-apis/contact/v3/departments/{department_id}",
            get(departments::get)
                .patch(departments::update::patch)
                .put(departments::update::put)
                .delete(departments::delete::delete),
        )
        .route("/open-apis/contact/v3/departments/{department_id}/children", get(departments::tree::children))
        .route(
            "/open-apis/contact/v3/departments/{department_id}/update_department_id",
            patch(departments::update::update_department_id),
        )
}
