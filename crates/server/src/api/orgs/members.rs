//! `/open-apis/roster/v1/org/members`: add a member, list members with their status and seat,
//! remind, "who added this member?", and assign a seat.

use super::convert::{IdTypes, Operators, Render, page, parse_id, parse_token};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query};
use crate::http::reply::Reply;
use crate::jobs::notifier;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::ids::UserId;
use roster_domain::model::{Actor, SeatHolder};
use roster_domain::password;
use roster_domain::services::orgs::members::{self, AddMember, LoginEmailType};
use roster_domain::services::orgs::seats::SeatChoice;
use roster_domain::services::orgs::{admin, audit, page_size};
use roster_domain::services::users;
use roster_domain::services::{ids, users::IdTypes as ContactIds};
use roster_proto::org::{
    AddMemberBody, AddMemberData, InvitationReply, ListQuery, MemberData, OriginData, Page, SeatChoiceBody, SeatData,
};

/// A seat choice from the wire: a plan, a seat group, or neither (Roster decides).
pub fn seat_choice(b: Option<&SeatChoiceBody>) -> Result<SeatChoice, ApiError> {
    let Some(b) = b else { return Ok(SeatChoice::Auto) };
    match (b.plan_id.as_deref(), b.seat_group_id.as_deref()) {
        (None, None) => Ok(SeatChoice::Auto),
        (Some(p), None) => Ok(SeatChoice::Plan(roster_domain::model::PlanId(parse_id("plan_id", p)?))),
        (None, Some(g)) => Ok(SeatChoice::Group(roster_domain::model::SeatGroupId(parse_id("seat_group_id", g)?))),
        (Some(_), Some(_)) => Err(ApiError::invalid("seat_group_id", "give plan_id or seat_group_id, not both")),
    }
}

pub async fn add(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
    Json(body): Json<AddMemberBody>,
) -> Result<Reply<AddMemberData>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let login = body.login_email_type.as_deref().ok_or_else(|| ApiError::invalid("login_email_type", "is required"))?;
    let login = LoginEmailType::parse(login)
        .ok_or_else(|| ApiError::invalid("login_email_type", "must be business, work or skip"))?;
    if body.password.is_some() && login != LoginEmailType::Business {
        return Err(ApiError::invalid("password", "is only set for business-email members"));
    }
    let seat = seat_choice(body.seat.as_ref())?;
    let orgs = &state.settings.orgs;
    let password = match login {
        LoginEmailType::Business => {
            let plain = body.password.clone().unwrap_or_else(|| password::generate(orgs.generated_password_len));
            if plain.chars().count() < orgs.min_password_len || plain.len() > 256 {
                let min = orgs.min_password_len;
                return Err(ApiError::invalid("password", format!("must be {min}-256 characters")));
            }
            let p = plain.clone();
            let hash = tokio::task::spawn_blocking(move || password::hash(&p))
                .await
                .map_err(|e| ApiError::from(roster_domain::Error::Internal(e.to_string())))?;
            Some((plain, hash))
        }
        _ => None,
    };
    let m = AddMember {
        name: body.name.clone().unwrap_or_default(),
        department_ids: body.department_ids.clone().unwrap_or_default(),
        employee_type: body.employee_type,
        login_email_type: login,
        business_email_prefix: body.business_email_prefix.clone(),
        work_email: body.work_email.clone(),
        mobile: body.mobile.clone(),
        user_id: body.user_id.clone(),
        password,
        seat,
    };
    let (env, link_base) = (state.env(), state.public_url.clone());
    let data = state
        .db
        .write(move |tx| {
            let contact_ids = ContactIds { user: ids.user, department: ids.department };
            let added = members::add(tx, &env, &caller, contact_ids, &m, &link_base)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            Ok(AddMemberData {
                member: r.member(tx, &added.member.user, added.seat.as_ref())?,
                business_email: added.business_email.clone(),
                password: added.password.clone(),
                invitation: r.invitation(tx, &added.invitation)?,
            })
        })
        .await?;
    notifier::flush(&state).await;
    Ok(Reply(data))
}

pub async fn list(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
) -> Result<Reply<Page<MemberData>>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let limit = page_size(q.page_size, state.settings.orgs.max_page_size)?;
    let after = parse_token(q.page_token.as_deref())?.map(UserId);
    let (env, link_base) = (state.env(), state.public_url.clone());
    let page = state
        .db
        .read(move |tx| {
            let p = members::list(tx, &env, &caller, after, limit)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            let mut operators = Operators::default();
            page(p, |m| r.listed_member(tx, &m.user, m.seat.as_ref(), &mut operators))
        })
        .await?;
    Ok(Reply(page))
}

pub async fn remind(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Reply<InvitationReply>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let (env, link_base) = (state.env(), state.public_url.clone());
    let invitation = state
        .db
        .write(move |tx| {
            let user = ids::require_user(tx, &env, &caller, ids.user, &user_id)?;
            let inv = members::remind(tx, &env, &caller, &user, &link_base)?;
            Render { env: &env, caller: &caller, ids, link_base: &link_base }.invitation(tx, &inv)
        })
        .await?;
    notifier::flush(&state).await;
    Ok(Reply(InvitationReply { invitation }))
}

pub async fn origin(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Reply<OriginData>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let (env, link_base) = (state.env(), state.public_url.clone());
    let data = state
        .db
        .read(move |tx| {
            let user = ids::require_user(tx, &env, &caller, ids.user, &user_id)?;
            let o = audit::origin(tx, &caller, user.id)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            let history = o.history.iter().map(|e| r.audit(tx, e)).collect::<roster_domain::Result<Vec<_>>>()?;
            Ok(OriginData {
                member: r.operator(tx, Actor::User(user.id))?,
                how: o.how.map(|a| a.as_str().into()),
                added_by: o.added_by.map(|a| r.operator(tx, a)).transpose()?,
                channel: o.channel.map(|c| c.as_str().into()),
                time: o.at.map(super::convert::secs),
                approved_by: o.approved_by.map(|a| r.operator(tx, a)).transpose()?,
                invitation: o.invitation.as_ref().map(|i| r.invitation(tx, i)).transpose()?,
                history,
            })
        })
        .await?;
    Ok(Reply(data))
}

pub async fn assign_seat(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(user_id): Path<String>,
    Query(q): Query<ListQuery>,
    Json(body): Json<SeatChoiceBody>,
) -> Result<Reply<Option<SeatData>>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), q.department_id_type.as_deref())?;
    let choice = seat_choice(Some(&body))?;
    let (env, link_base) = (state.env(), state.public_url.clone());
    let seat = state
        .db
        .write(move |tx| {
            let user = users::get_user(
                tx,
                &env,
                &caller,
                ContactIds { user: ids.user, department: ids.department },
                &user_id,
            )?
            .user;
            let seat = admin::assign_seat(tx, &env, &caller, user.id, choice)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            seat.filter(|s| s.holder == SeatHolder::User(user.id)).map(|s| r.seat(tx, &s)).transpose()
        })
        .await?;
    Ok(Reply(seat))
}
