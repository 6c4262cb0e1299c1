//! `contact/v3/users` offboarding and restore: `DELETE /users/:user_id` (spec §4.3) and
//! `POST /users/:user_id/resurrect` (§4.5, 10 requests a minute per app). Both answer once the
//! first transaction has committed and the chats have been handed over or rejoined (up to
//! `lifecycle.inline_batches` batches; the lifecycle job finishes what is left).

use super::convert::ContactQuery;
use crate::http::errors::ApiError;
use crate::http::extract::{Path, Query, TenantCaller, parse_json};
use crate::http::reply::{Reply, empty};
use crate::jobs::lifecycle::drive_inline;
use crate::state::AppState;
use axum::extract::State;
use bytes::Bytes;
use roster_domain::services::lifecycle::acceptors::{AcceptorIds, EmailAcceptorIds};
use roster_domain::services::lifecycle::resurrect::{self, DepartmentEntry};
use roster_domain::services::lifecycle::{offboard, sweep::Work};
use roster_proto::envelope::Empty;
use roster_proto::lifecycle::{DeleteUserBody, ResurrectBody};

fn acceptor_ids(b: DeleteUserBody) -> AcceptorIds {
    AcceptorIds {
        department_chat: b.department_chat_acceptor_user_id,
        external_chat: b.external_chat_acceptor_user_id,
        docs: b.docs_acceptor_user_id,
        calendar: b.calendar_acceptor_user_id,
        application: b.application_acceptor_user_id,
        minutes: b.minutes_acceptor_user_id,
        survey: b.survey_acceptor_user_id,
        anycross: b.anycross_acceptor_user_id,
        email: b
            .email_acceptor
            .map(|e| EmailAcceptorIds { processing_type: e.processing_type, acceptor: e.acceptor_user_id }),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ContactQuery>,
    body: Bytes,
) -> Result<Reply<Empty>, ApiError> {
    let ids = q.id_types()?;
    let given = acceptor_ids(parse_json::<DeleteUserBody>(&body)?);
    let env = state.env();
    let d = state.db.write(move |tx| offboard::offboard(tx, &env, &caller, ids.user, &user_id, &given)).await?;
    drive_inline(&state, Work::HandOver(d.tenant, d.user)).await;
    Ok(empty())
}

fn department_entries(b: ResurrectBody) -> Result<Vec<DepartmentEntry>, ApiError> {
    let mut out = Vec::new();
    for (i, d) in b.departments.unwrap_or_default().into_iter().enumerate() {
        let department_id = d
            .department_id
            .filter(|id| !id.trim().is_empty())
            .ok_or_else(|| ApiError::invalid(format!("departments[{i}].department_id"), "is required"))?;
        out.push(DepartmentEntry { department_id, user_order: d.user_order, department_order: d.department_order });
    }
    Ok(out)
}

pub async fn resurrect(
    State(state): State<AppState>,
    TenantCaller(caller): TenantCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ContactQuery>,
    body: Bytes,
) -> Result<Reply<Empty>, ApiError> {
    let ids = q.id_types()?;
    let entries = department_entries(parse_json::<ResurrectBody>(&body)?)?;
    let env = state.env();
    let restoring = state.db.write(move |tx| resurrect::resurrect(tx, &env, &caller, ids, &user_id, &entries)).await?;
    if let Some(d) = restoring {
        drive_inline(&state, Work::Restore(d.tenant, d.user)).await;
    }
    Ok(empty())
}
