//! `/open-apis/roster/v1/org/invitations`: create (a link, or an email/SMS invitation), list,
//! get, revoke, and the QR code of the link (SVG or PNG).

use super::convert::{IdTypes, Render, page, parse_id, parse_token};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query};
use crate::http::qr;
use crate::http::reply::Reply;
use crate::jobs::notifier;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use roster_domain::Error;
use roster_domain::model::InvitationId;
use roster_domain::services::orgs::invitations::{self, Expiry, InviteSpec, PersonalInvite};
use roster_domain::services::orgs::{notices, page_size};
use roster_proto::org::{CreateInvitationBody, InvitationData, InvitationReply, ListQuery, Page};
use serde::Deserialize;

fn spec(body: &CreateInvitationBody, ids: IdTypes) -> Result<InviteSpec, ApiError> {
    Ok(InviteSpec {
        expiry: Expiry::parse(body.expiry.as_deref(), body.expire_time)?,
        max_uses: body.max_uses,
        allowed_domains: body.allowed_email_domains.clone().unwrap_or_default(),
        department: body.department_id.clone(),
        department_id_type: ids.department,
        require_approval: body.require_approval,
    })
}

pub async fn create(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
    Json(body): Json<CreateInvitationBody>,
) -> Result<Reply<InvitationReply>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let spec = spec(&body, ids)?;
    let address = match &body.invitee {
        None => None,
        Some(p) => match (p.email.as_deref(), p.mobile.as_deref()) {
            (Some(e), None) => Some(e.to_owned()),
            (None, Some(m)) => Some(m.to_owned()),
            _ => return Err(ApiError::invalid("invitee", "give exactly one of email or mobile")),
        },
    };
    let name = body.invitee.as_ref().and_then(|p| p.name.clone());
    let (env, link_base) = (state.env(), state.public_url.clone());
    let outcome = state
        .db
        .write(move |tx| {
            let inv = match &address {
                None => invitations::create_link(tx, &env, &caller, &spec)?,
                Some(a) => {
                    match invitations::invite_person(tx, &env, &caller, &spec, a, name.as_deref(), &link_base)? {
                        PersonalInvite::Sent(inv) => inv,
                        PersonalInvite::Refused(why) => return Ok(Err(why)),
                    }
                }
            };
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            Ok(Ok(r.invitation(tx, &inv)?))
        })
        .await?;
    notifier::flush(&state).await;
    let invitation = outcome.map_err(Error::from)?;
    Ok(Reply(InvitationReply { invitation }))
}

pub async fn list(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
) -> Result<Reply<Page<InvitationData>>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let limit = page_size(q.page_size, state.settings.orgs.max_page_size)?;
    let before = parse_token(q.page_token.as_deref())?.map(InvitationId);
    let active_only = q.active_only.unwrap_or(false);
    let (env, link_base) = (state.env(), state.public_url.clone());
    let page = state
        .db
        .read(move |tx| {
            let p = invitations::list(tx, &env, &caller, active_only, before, limit)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            page(p, |i| r.invitation(tx, i))
        })
        .await?;
    Ok(Reply(page))
}

pub async fn get(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Reply<InvitationReply>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let id = InvitationId(parse_id("invitation_id", &id)?);
    let (env, link_base) = (state.env(), state.public_url.clone());
    let invitation = state
        .db
        .read(move |tx| {
            let inv = invitations::get(tx, &caller, id)?;
            Render { env: &env, caller: &caller, ids, link_base: &link_base }.invitation(tx, &inv)
        })
        .await?;
    Ok(Reply(InvitationReply { invitation }))
}

pub async fn revoke(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Reply<InvitationReply>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let id = InvitationId(parse_id("invitation_id", &id)?);
    let (env, link_base) = (state.env(), state.public_url.clone());
    let invitation = state
        .db
        .write(move |tx| {
            let inv = invitations::revoke(tx, &env, &caller, id)?;
            Render { env: &env, caller: &caller, ids, link_base: &link_base }.invitation(tx, &inv)
        })
        .await?;
    Ok(Reply(InvitationReply { invitation }))
}

#[derive(Deserialize)]
pub struct QrQuery {
    format: Option<String>,
}

/// The QR code of the invitation's link: `format=svg` (default) or `png`.
pub async fn qr_code(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(id): Path<String>,
    Query(q): Query<QrQuery>,
) -> Result<Response, ApiError> {
    let id = InvitationId(parse_id("invitation_id", &id)?);
    let png = match q.format.as_deref() {
        None | Some("svg") => false,
        Some("png") => true,
        Some(_) => return Err(ApiError::invalid("format", "must be svg or png")),
    };
    let inv = state.db.read(move |tx| invitations::get(tx, &caller, id)).await?;
    let link = notices::link(&state.public_url, &inv.code);
    let internal = |e: qr::QrError| ApiError::from(Error::Internal(e.0));
    let (bytes, kind) = if png {
        (qr::png(&link).map_err(internal)?, "image/png")
    } else {
        (qr::svg(&link).map_err(internal)?.into_bytes(), "image/svg+xml")
    };
    let mut resp = bytes.into_response();
    resp.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    Ok(resp)
}
