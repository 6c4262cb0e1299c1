//! Organization dissolution (Roster's own API; Lark has none) and departure records:
//! `GET /org/dissolution` (any member or app of the tenant), `POST /org/dissolution` (the
//! creator asks; it takes effect 72 hours later), `DELETE /org/dissolution` (the creator
//! cancels, until then), and `GET /org/departures/{user_id}` (admins and apps: a departed
//! member's state, restore window, acceptors and chats).

use crate::api::lifecycle::convert::{self, IdTypeQuery, tenant_info};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Path, Query, UserCaller};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::services::lifecycle::{dissolve, status};
use roster_domain::services::{Caller, Env};
use roster_domain::store::Tx;
use roster_proto::lifecycle::{DepartureData, DissolutionData};

/// The organization and its latest dissolution, as `caller` sees it.
fn data(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_type: roster_domain::ids::UserIdType,
) -> roster_domain::Result<DissolutionData> {
    let (tenant, d) = dissolve::status(tx, caller)?;
    let personal = tx.personal_workspace(tenant.id)?.is_some();
    let known = match &d {
        Some(d) => tx.users_by_ids(tenant.id, &[d.requested_by])?,
        None => vec![],
    };
    Ok(DissolutionData {
        tenant: tenant_info(&tenant, personal),
        dissolution: d.map(|d| convert::dissolution(env, &caller.app, id_type, &d, &known)),
    })
}

pub async fn get(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<IdTypeQuery>,
) -> Result<Reply<DissolutionData>, ApiError> {
    let id_type = q.id_type()?;
    let env = state.env();
    Ok(Reply(state.db.read(move |tx| data(tx, &env, &caller, id_type)).await?))
}

/// Runs `change` (asking for or cancelling the dissolution) and answers the state after it.
async fn change(
    state: AppState,
    caller: Caller,
    q: IdTypeQuery,
    change: fn(&mut dyn Tx, &Env, &Caller) -> roster_domain::Result<()>,
) -> Result<Reply<DissolutionData>, ApiError> {
    let id_type = q.id_type()?;
    let (env, tenant) = (state.env(), caller.tenant);
    let out = state
        .db
        .write(move |tx| {
            change(tx, &env, &caller)?;
            data(tx, &env, &caller, id_type)
        })
        .await?;
    // Cached tenant tokens carry the moment they stop working; it has just moved.
    state.auth_cache.invalidate_tenant(tenant);
    Ok(Reply(out))
}

pub async fn request(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Query(q): Query<IdTypeQuery>,
) -> Result<Reply<DissolutionData>, ApiError> {
    change(state, caller, q, |tx, env, caller| dissolve::request(tx, env, caller).map(drop)).await
}

pub async fn cancel(
    State(state): State<AppState>,
    UserCaller(caller): UserCaller,
    Query(q): Query<IdTypeQuery>,
) -> Result<Reply<DissolutionData>, ApiError> {
    change(state, caller, q, |tx, env, caller| dissolve::cancel(tx, env, caller).map(drop)).await
}

pub async fn departure(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(user_id): Path<String>,
    Query(q): Query<IdTypeQuery>,
) -> Result<Reply<DepartureData>, ApiError> {
    let id_type = q.id_type()?;
    let env = state.env();
    let c = caller.clone();
    let view = state.db.read(move |tx| status::departure(tx, &env, &c, id_type, &user_id)).await?;
    Ok(Reply(convert::departure(&state.env(), &caller.app, id_type, &view)))
}
