//! Organization administration: the invitation setting and member limit, admin roles, plans,
//! seat groups, the seat ledger, the audit and the notification outbox.

use super::convert::{self, IdTypes, Render, page, parse_id, parse_token};
use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path, Query};
use crate::http::reply::Reply;
use crate::state::AppState;
use axum::extract::State;
use roster_domain::model::{AdminPermission, AuditAction, NotificationId, PlanId, SeatId};
use roster_domain::services::ids;
use roster_domain::services::orgs::{admin, audit, notices, page_size, roles};
use roster_domain::store::AuditFilter;
use roster_proto::org::*;

fn settings_data(p: &roster_domain::model::OrgPolicy) -> SettingsData {
    SettingsData { members_can_invite: p.members_can_invite, member_limit: p.member_limit }
}

pub async fn get_settings(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
) -> Result<Reply<SettingsData>, ApiError> {
    let p = state.db.read(move |tx| admin::policy(tx, &caller)).await?;
    Ok(Reply(settings_data(&p)))
}

pub async fn patch_settings(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Json(body): Json<SettingsBody>,
) -> Result<Reply<SettingsData>, ApiError> {
    let env = state.env();
    let p = state
        .db
        .write(move |tx| admin::update_policy(tx, &env, &caller, body.members_can_invite, body.member_limit))
        .await?;
    Ok(Reply(settings_data(&p)))
}

pub async fn list_admins(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
) -> Result<Reply<Page<AdminData>>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), None)?;
    let env = state.env();
    let items = state
        .db
        .read(move |tx| {
            roles::require_admin(tx, &caller)?;
            let creator = tx.tenant(caller.tenant)?.and_then(|t| t.creator);
            let mut out = Vec::new();
            if let Some(c) = creator.and_then(|c| tx.user(caller.tenant, c).transpose()).transpose()? {
                let id = env.render_user_id(&caller.app, ids.user, &c);
                out.push(AdminData { user_id: id, name: c.name, permissions: vec!["all".into()], primary: true });
            }
            for g in tx.admin_grants(caller.tenant)? {
                if Some(g.user) == creator {
                    continue;
                }
                if let Some(u) = tx.user(caller.tenant, g.user)? {
                    let permissions = g.permissions.iter().map(|p| p.as_str().to_owned()).collect();
                    let id = env.render_user_id(&caller.app, ids.user, &u);
                    out.push(AdminData { user_id: id, name: u.name, permissions, primary: false });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(Reply(Page { items, has_more: false, page_token: None }))
}

pub async fn grant_admin(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
    Json(body): Json<AdminBody>,
) -> Result<Reply<AdminData>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), None)?;
    let user_id = body.user_id.filter(|u| !u.is_empty()).ok_or_else(|| ApiError::invalid("user_id", "is required"))?;
    let names =
        body.permissions.ok_or_else(|| ApiError::invalid("permissions", "is required ([] removes the role)"))?;
    if names.len() > 10 {
        return Err(ApiError::invalid("permissions", "at most 10"));
    }
    let mut permissions = Vec::new();
    for n in &names {
        let p = AdminPermission::parse(n)
            .ok_or_else(|| ApiError::invalid("permissions", "the only permission is members_and_departments"))?;
        if !permissions.contains(&p) {
            permissions.push(p);
        }
    }
    let env = state.env();
    let data = state
        .db
        .write(move |tx| {
            let user = ids::require_user(tx, &env, &caller, ids.user, &user_id)?;
            let g = roles::grant_admin(tx, &env, &caller, &user, permissions.clone())?;
            let permissions = g.permissions.iter().map(|p| p.as_str().to_owned()).collect();
            Ok(AdminData { user_id: user_id.clone(), name: user.name, permissions, primary: false })
        })
        .await?;
    Ok(Reply(data))
}

pub async fn list_plans(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
) -> Result<Reply<Page<PlanData>>, ApiError> {
    let env = state.env();
    let plans = state.db.read(move |tx| admin::plans(tx, &env, &caller)).await?;
    Ok(Reply(Page { items: plans.iter().map(convert::plan).collect(), has_more: false, page_token: None }))
}

pub async fn create_plan(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Json(body): Json<PlanBody>,
) -> Result<Reply<PlanData>, ApiError> {
    let name = body.name.ok_or_else(|| ApiError::invalid("name", "is required"))?;
    let seats = body.seats.ok_or_else(|| ApiError::invalid("seats", "is required"))?;
    let env = state.env();
    let p = state.db.write(move |tx| admin::create_plan(tx, &env, &caller, &name, seats)).await?;
    Ok(Reply(convert::plan(&p)))
}

pub async fn patch_plan(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(id): Path<String>,
    Json(body): Json<PlanBody>,
) -> Result<Reply<PlanData>, ApiError> {
    let id = PlanId(parse_id("plan_id", &id)?);
    if body.name.is_some() {
        return Err(ApiError::invalid("name", "cannot be changed"));
    }
    let seats = body.seats.ok_or_else(|| ApiError::invalid("seats", "is required"))?;
    let env = state.env();
    let p = state.db.write(move |tx| admin::set_plan_seats(tx, &env, &caller, id, seats)).await?;
    Ok(Reply(convert::plan(&p)))
}

pub async fn list_groups(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
) -> Result<Reply<Page<SeatGroupData>>, ApiError> {
    let ids = IdTypes::parse(None, q.department_id_type.as_deref())?;
    let (env, link_base) = (state.env(), state.public_url.clone());
    let items = state
        .db
        .read(move |tx| {
            let groups = admin::seat_groups(tx, &env, &caller)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            groups.iter().map(|g| convert::group(&r, tx, g)).collect::<roster_domain::Result<Vec<_>>>()
        })
        .await?;
    Ok(Reply(Page { items, has_more: false, page_token: None }))
}

pub async fn create_group(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
    Json(body): Json<SeatGroupBody>,
) -> Result<Reply<SeatGroupData>, ApiError> {
    let ids = IdTypes::parse(None, q.department_id_type.as_deref())?;
    let name = body.name.ok_or_else(|| ApiError::invalid("name", "is required"))?;
    let plan = PlanId(parse_id("plan_id", body.plan_id.as_deref().unwrap_or(""))?);
    let seats = body.seats.ok_or_else(|| ApiError::invalid("seats", "is required"))?;
    let department = body.department_id.filter(|d| !d.is_empty());
    let (env, link_base) = (state.env(), state.public_url.clone());
    let data = state
        .db
        .write(move |tx| {
            let dept = department.as_deref().map(|d| (d, ids.department));
            let g = admin::create_seat_group(tx, &env, &caller, &name, plan, seats, dept)?;
            convert::group(&Render { env: &env, caller: &caller, ids, link_base: &link_base }, tx, &g)
        })
        .await?;
    Ok(Reply(data))
}

pub async fn ledger(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
) -> Result<Reply<Page<SeatData>>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), None)?;
    let limit = page_size(q.page_size, state.settings.orgs.max_page_size)?;
    let after = parse_token(q.page_token.as_deref())?.map(SeatId);
    let plan = q.plan_id.as_deref().filter(|p| !p.is_empty()).map(|p| parse_id("plan_id", p)).transpose()?.map(PlanId);
    let (env, link_base) = (state.env(), state.public_url.clone());
    let page = state
        .db
        .read(move |tx| {
            let p = admin::ledger(tx, &env, &caller, plan, after, limit)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            page(p, |s| r.seat(tx, s))
        })
        .await?;
    Ok(Reply(page))
}

pub async fn audit_log(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
) -> Result<Reply<Page<AuditData>>, ApiError> {
    let ids = IdTypes::parse(q.user_id_type.as_deref(), None)?;
    let limit = page_size(q.page_size, state.settings.orgs.max_page_size)?;
    let before = parse_token(q.page_token.as_deref())?;
    let action = match q.action.as_deref().filter(|a| !a.is_empty()) {
        None => None,
        Some(a) => Some(AuditAction::parse(a).ok_or_else(|| {
            ApiError::invalid(
                "action",
                "must be add, invite, join, request, approve, reject, remind, revoke, accept or grant_admin",
            )
        })?),
    };
    let member = q.user_id.filter(|u| !u.is_empty());
    let (env, link_base) = (state.env(), state.public_url.clone());
    let page = state
        .db
        .read(move |tx| {
            let target_user = match &member {
                Some(raw) => Some(ids::require_user(tx, &env, &caller, ids.user, raw)?.id),
                None => None,
            };
            let p = audit::list(tx, &caller, AuditFilter { target_user, action, actor: None }, before, limit)?;
            let r = Render { env: &env, caller: &caller, ids, link_base: &link_base };
            page(p, |e| r.audit(tx, e))
        })
        .await?;
    Ok(Reply(page))
}

pub async fn notifications(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Query(q): Query<ListQuery>,
) -> Result<Reply<Page<NotificationData>>, ApiError> {
    let limit = page_size(q.page_size, state.settings.orgs.max_page_size)?;
    let before = parse_token(q.page_token.as_deref())?.map(NotificationId);
    let page = state
        .db
        .read(move |tx| {
            let p = notices::list(tx, &caller, before, limit)?;
            page(p, |n| Ok(convert::notification(n)))
        })
        .await?;
    Ok(Reply(page))
}
