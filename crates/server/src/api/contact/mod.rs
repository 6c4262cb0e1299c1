//! `contact/v3`: users and departments (spec §4).

mod convert;
mod departments;
mod users;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, patch, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-apis/contact/v3/users", post(users::create))
        .route("/open-apis/contact/v3/users/{user_id}", get(users::get))
        .route("/open-apis/contact/v3/departments", post(departments::create))
        .route("/open-apis/contact/v3/departments/batch", get(departments::tree::batch))
        .route("/open-apis/contact/v3/departments/parent", get(departments::tree::parent))
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
