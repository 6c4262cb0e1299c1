//! Roster's organization API (Lark has none): `/open-apis/roster/v1/org/…` for admins and
//! members (tenant or user token, Lark's envelope), and the invitee's side without a token,
//! `/open-apis/roster/v1/invitations/{code}` and the link itself, `/join/{code}`. Dissolution and
//! departure records (the account lifecycle) live in `dissolution.rs`.

mod convert;
mod dissolution;
mod invitations;
mod members;
mod public;
mod requests;
mod settings;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post, put};

pub fn routes() -> Router<AppState> {
    const ORG: &str = "/open-apis/roster/v1/org";
    let r = |p: &str| format!("{ORG}{p}");
    Router::new()
        .route(&r("/settings"), get(settings::get_settings).patch(settings::patch_settings))
        .route(&r("/admins"), get(settings::list_admins).post(settings::grant_admin))
        .route(&r("/plans"), get(settings::list_plans).post(settings::create_plan))
        .route(&r("/plans/{plan_id}"), axum::routing::patch(settings::patch_plan))
        .route(&r("/seat_groups"), get(settings::list_groups).post(settings::create_group))
        .route(&r("/seats"), get(settings::ledger))
        .route(&r("/audit"), get(settings::audit_log))
        .route(&r("/notifications"), get(settings::notifications))
        .route(&r("/dissolution"), get(dissolution::get).post(dissolution::request).delete(dissolution::cancel))
        .route(&r("/departures/{user_id}"), get(dissolution::departure))
        .route(&r("/members"), get(members::list).post(members::add))
        .route(&r("/members/{user_id}/remind"), post(members::remind))
        .route(&r("/members/{user_id}/origin"), get(members::origin))
        .route(&r("/members/{user_id}/seat"), put(members::assign_seat))
        .route(&r("/invitations"), get(invitations::list).post(invitations::create))
        .route(&r("/invitations/{invitation_id}"), get(invitations::get))
        .route(&r("/invitations/{invitation_id}/revoke"), post(invitations::revoke))
        .route(&r("/invitations/{invitation_id}/qr"), get(invitations::qr_code))
        .route(&r("/join_requests"), get(requests::list))
        .route(&r("/join_requests/{request_id}/approve"), post(requests::approve))
        .route(&r("/join_requests/{request_id}/reject"), post(requests::reject))
        .route("/open-apis/roster/v1/invitations/{code}", get(public::preview))
        .route("/open-apis/roster/v1/invitations/{code}/redeem", post(public::redeem))
        .route("/join/{code}", get(public::preview))
}
