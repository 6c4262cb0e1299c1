//! Join requests: admins list, approve and reject them. Approving makes the member and allocates
//! the seat (the admin's choice, or automatically through a seat group covering the invitation's
//! department, or the only plan); rejecting gives the reserved seat back.

use crate::error::{Error, OrgError, Result};
use crate::model::{
    AccountStatus, AuditAction, Channel, JoinRequest, JoinRequestId, RequestStatus, SeatHolder, SeatReason, User,
};
use crate::services::orgs::invitations::{self, audit, ensure_not_member};
use crate::services::orgs::members::{self, Joiner};
use crate::services::orgs::seats::{self, Grant, SeatChoice};
use crate::services::orgs::{Page, page_of, roles};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// Join requests, newest first (admins only).
pub fn list(
    tx: &mut dyn Tx,
    caller: &Caller,
    status: Option<RequestStatus>,
    before: Option<JoinRequestId>,
    limit: u32,
) -> Result<Page<JoinRequest>> {
    roles::require_admin(tx, caller)?;
    let rows = tx.join_requests(caller.tenant, status, before, limit + 1)?;
    Ok(page_of(rows, limit, |r| r.id.0))
}

fn pending(tx: &mut dyn Tx, caller: &Caller, id: JoinRequestId) -> Result<JoinRequest> {
    let r = tx.join_request(caller.tenant, id)?.ok_or(OrgError::JoinRequestNotFound)?;
    if r.status != RequestStatus::Pending {
        return Err(OrgError::RequestDecided.into());
    }
    Ok(r)
}

/// Approves a request: the member joins (Inactive until their first sign-in) with a seat.
pub fn approve(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id: JoinRequestId,
    choice: SeatChoice,
) -> Result<(JoinRequest, User)> {
    let acting = roles::require_admin(tx, caller)?;
    seats::lock(tx, caller.tenant)?;
    let r = pending(tx, caller, id)?;
    let account = tx.account(r.account)?.ok_or(OrgError::AccountInactive)?;
    if account.status != AccountStatus::Active {
        return Err(OrgError::AccountInactive.into());
    }
    ensure_not_member(tx, caller.tenant, r.email.as_deref(), r.mobile.as_deref())?;
    let inv = invitations::load(tx, caller.tenant, r.invitation)?;
    let target = seats::resolve(tx, caller.tenant, choice, inv.department, false)?;
    let joiner = Joiner {
        tenant: caller.tenant,
        account: r.account,
        name: r.name.clone(),
        email: r.email.clone(),
        mobile: r.mobile.clone(),
        department: inv.department,
    };
    let user = members::insert_joiner(tx, env, &joiner)?;
    let g =
        Grant { holder: SeatHolder::User(user.id), reason: SeatReason::Approved, by: acting.actor, expires_at: None };
    seats::convert(tx, env, caller.tenant, SeatHolder::Request(id), target, g)?;
    tx.decide_join_request(caller.tenant, id, RequestStatus::Approved, Some(user.id), acting.actor, env.now)?;
    audit(
        tx,
        env,
        caller.tenant,
        AuditAction::Approve,
        acting.actor,
        Channel::Admin,
        Some(user.id),
        Some(inv.id),
        Some(id),
        "",
    )?;
    let r = tx.join_request(caller.tenant, id)?.ok_or_else(|| Error::Internal("request vanished".into()))?;
    Ok((r, user))
}

/// Rejects a request and gives its reserved seat back.
pub fn reject(tx: &mut dyn Tx, env: &Env, caller: &Caller, id: JoinRequestId) -> Result<JoinRequest> {
    let acting = roles::require_admin(tx, caller)?;
    seats::lock(tx, caller.tenant)?;
    let r = pending(tx, caller, id)?;
    seats::release(tx, env, caller.tenant, SeatHolder::Request(id))?;
    tx.decide_join_request(caller.tenant, id, RequestStatus::Rejected, None, acting.actor, env.now)?;
    audit(
        tx,
        env,
        caller.tenant,
        AuditAction::Reject,
        acting.actor,
        Channel::Admin,
        None,
        Some(r.invitation),
        Some(id),
        "",
    )?;
    tx.join_request(caller.tenant, id)?.ok_or_else(|| Error::Internal("request vanished".into()))
}
