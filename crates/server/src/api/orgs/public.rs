//! The invitee's side, without a token (they are not a member yet): what opening the link
//! shows (`GET /join/{code}` and `GET /open-apis/roster/v1/invitations/{code}`), and redeeming it
//! (`POST /open-apis/roster/v1/invitations/{code}/redeem`).

use super::convert::{invitee, secs};
use crate::http::errors::ApiError;
use crate::http::extract::{Json, Path};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::error::OrgError;
use roster_domain::model::Channel;
use roster_domain::password;
use roster_domain::services::orgs::members::MemberStatus;
use roster_domain::services::orgs::redeem::{self, Redeemed, Redeemer};
use roster_proto::org::{PreviewData, RedeemBody, RedeemData};

pub async fn preview(State(state): State<AppState>, Path(code): Path<String>) -> Result<Reply<PreviewData>, ApiError> {
    let env = state.env();
    let p = state.db.read(move |tx| redeem::preview(tx, &env, &code)).await?;
    let state = match p.unusable {
        None => "active",
        Some(OrgError::InvitationRevoked) => "revoked",
        Some(OrgError::InvitationExpired) => "expired",
        Some(_) => "used_up",
    };
    let i = &p.invitation;
    Ok(Reply(PreviewData {
        organization: p.tenant.name.clone(),
        tenant_key: p.tenant.tenant_key.clone(),
        code: i.code.clone(),
        state: state.into(),
        require_approval: i.require_approval,
        expire_time: i.expires_at.map(secs),
        invitee: i.invitee_address.as_ref().map(|a| invitee(a, i.invitee_name.clone())),
    }))
}

pub async fn redeem(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Json(body): Json<RedeemBody>,
) -> Result<Reply<RedeemData>, ApiError> {
    let via = match body.via.as_deref() {
        None => None,
        Some(v) => match Channel::parse(v) {
            Some(c @ (Channel::Link | Channel::Code | Channel::Qr | Channel::Email | Channel::Sms)) => Some(c),
            _ => return Err(ApiError::invalid("via", "must be link, code, qr, email or sms")),
        },
    };
    let min = state.settings.orgs.min_password_len;
    if body.password.as_deref().is_some_and(|p| p.chars().count() < min) {
        return Err(ApiError::invalid("password", format!("must be at least {min} characters")));
    }
    if body.password.as_deref().is_some_and(|p| p.len() > 256) {
        return Err(ApiError::invalid("password", "at most 256 bytes"));
    }
    let hash = match body.password.clone() {
        Some(p) => Some(
            tokio::task::spawn_blocking(move || password::hash(&p))
                .await
                .map_err(|e| ApiError::from(roster_domain::Error::Internal(e.to_string())))?,
        ),
        None => None,
    };
    let r = Redeemer {
        name: body.name,
        email: body.email,
        mobile: body.mobile,
        password: body.password,
        password_hash: hash,
        via,
    };
    let env = state.env();
    let (out, tenant) = state
        .db
        .write(move |tx| {
            let out = redeem::redeem(tx, &env, &code, &r)?;
            let tenant_id = match &out {
                Redeemed::Joined(u) | Redeemed::Accepted(u) => u.tenant,
                Redeemed::Pending(req) => req.tenant,
            };
            let tenant = tx.tenant(tenant_id)?.ok_or(roster_domain::Error::NotFound { what: "tenant" })?;
            Ok((out, tenant))
        })
        .await?;
    let (result, request_id, status, message) = match &out {
        Redeemed::Joined(u) => {
            ("joined", None, Some(u), format!("Welcome to {}. Sign in to activate your account.", tenant.name))
        }
        Redeemed::Accepted(u) => {
            ("accepted", None, Some(u), format!("You joined {}. Sign in to activate your account.", tenant.name))
        }
        Redeemed::Pending(req) => (
            "pending_approval",
            Some(req.id.0.to_string()),
            None,
            format!("Your request to join {} needs an administrator's approval.", tenant.name),
        ),
    };
    Ok(Reply(RedeemData {
        result: result.into(),
        organization: tenant.name.clone(),
        tenant_key: tenant.tenant_key.clone(),
        request_id,
        member_status: status.map(|u| MemberStatus::of(&u.status).as_str().into()),
        message,
    }))
}
