//! The member behind a user token: who they are (`GET /me`), leaving their organization
//! (`POST /me/leave`) and deleting their personal account (`DELETE /me/personal_account`).
//! A frozen member's token is refused before any of these, saying they must ask an admin.

use super::convert::{IdTypeQuery, account_info, departure, member_ids, tenant_info};
use crate::http::errors::ApiError;
use crate::http::extract::{Query, UserCaller};
use crate::http::reply::Reply;
use crate::jobs::lifecycle::drive_inline;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::services::lifecycle::sweep::Work;
use roster_domain::services::lifecycle::{leave, personal, status};
use roster_proto::contact::UserStatus;
use roster_proto::lifecycle::{DepartureData, MeData, PersonalDeletedData};

pub async fn get(State(state): State<AppState>, UserCaller(caller): UserCaller) -> Result<Reply<MeData>, ApiError> {
    let c = caller.clone();
    let me = state.db.read(move |tx| personal::me(tx, &c)).await?;
    let env = state.env();
    let s = me.user.status;
    Ok(Reply(MeData {
        user: member_ids(&env, &caller.app, &me.user),
        name: me.user.name.clone(),
        status: UserStatus {
            is_frozen: s.is_frozen,
            is_resigned: s.is_resigned,
            is_activated: s.is_activated,
            is_exited: s.is_exited,
            is_unjoin: s.is_unjoin,
        },
        is_creator: me.is_creator,
        tenant: tenant_info(&me.tenant, me.personal),
        account: account_info(&me.account),
        has_personal_workspace: me.has_personal_workspace,
    }))
}

pub async fn leave(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Query(q): Query<IdTypeQuery>,
) -> Result<Reply<DepartureData>, ApiError> {
    let id_type = q.id_type()?;
    let env = state.env();
    let c = caller.clone();
    let d = state.db.write(move |tx| leave::leave(tx, &env, &c)).await?;
    drive_inline(&state, Work::HandOver(d.tenant, d.user)).await;
    let (tenant, user) = (d.tenant, d.user);
    let view = state
        .db
        .read(move |tx| {
            let d = tx.departure(tenant, user)?.ok_or(roster_domain::Error::NotFound { what: "departure" })?;
            let u = tx.user(tenant, user)?.ok_or(roster_domain::Error::NotFound { what: "user" })?;
            status::view(tx, d, u)
        })
        .await?;
    Ok(Reply(departure(&state.env(), &caller.app, id_type, &view)))
}

pub async fn delete_personal_account(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
) -> Result<Reply<PersonalDeletedData>, ApiError> {
    let env = state.env();
    let deleted = state.db.write(move |tx| personal::delete_personal_account(tx, &env, &caller)).await?;
    state.auth_cache.invalidate_tenant(deleted.workspace);
    drive_inline(&state, Work::Dissolve(deleted.workspace)).await;
    let t = deleted.workspace;
    let tenant = state.db.read(move |tx| tx.tenant(t)).await?;
    Ok(Reply(PersonalDeletedData {
        workspace_tenant_key: tenant.map(|t| t.tenant_key).unwrap_or_default(),
        account_deleted: deleted.account_deleted,
    }))
}
