//! Organization settings an admin manages: the invitation setting and member limit, plans and
//! their seats, seat groups, and the seat ledger.

use crate::error::{Error, OrgError, Result};
use crate::ids::{DepartmentIdType, UserId};
use crate::model::{OrgPolicy, Plan, PlanId, PlanUsage, Seat, SeatGroup, SeatGroupId, SeatId};
use crate::services::orgs::{Page, page_of, roles, seats};
use crate::services::{Caller, Env, ids};
use crate::store::Tx;

/// The policy (any member may read it: it says whether they may invite).
pub fn policy(tx: &mut dyn Tx, caller: &Caller) -> Result<OrgPolicy> {
    tx.org_policy(caller.tenant)
}

/// Changes the invitation setting and/or the member limit (admins only).
pub fn update_policy(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    members_can_invite: Option<bool>,
    member_limit: Option<Option<i64>>,
) -> Result<OrgPolicy> {
    roles::require_admin(tx, caller)?;
    let mut p = tx.org_policy(caller.tenant)?;
    if let Some(m) = members_can_invite {
        p.members_can_invite = m;
    }
    if let Some(limit) = member_limit {
        if limit.is_some_and(|l| !(1..=10_000_000).contains(&l)) {
            return Err(Error::invalid("member_limit", "must be 1-10000000, or null for no limit"));
        }
        p.member_limit = limit;
    }
    tx.put_org_policy(caller.tenant, &p, env.now)?;
    Ok(p)
}

fn check_seats(seats: i64) -> Result<()> {
    if (0..=10_000_000).contains(&seats) { Ok(()) } else { Err(Error::invalid("seats", "must be 0-10000000")) }
}

fn check_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 100 {
        return Err(Error::invalid("name", "1-100 characters"));
    }
    Ok(n.to_owned())
}

/// Adds a plan with `seats` seats (admins only).
pub fn create_plan(tx: &mut dyn Tx, env: &Env, caller: &Caller, name: &str, seats: i64) -> Result<PlanUsage> {
    roles::require_admin(tx, caller)?;
    check_seats(seats)?;
    let name = check_name(name)?;
    let id = tx.insert_plan(caller.tenant, &name, seats, env.now)?;
    usage(tx, env, caller, id)
}

/// A plan with its seats taken.
pub fn usage(tx: &mut dyn Tx, env: &Env, caller: &Caller, id: PlanId) -> Result<PlanUsage> {
    let plan = tx.plan(caller.tenant, id)?.ok_or(OrgError::PlanNotFound)?;
    let taken = tx.count_live_seats_in_plan(caller.tenant, id, env.now)?;
    Ok(PlanUsage { plan, taken })
}

/// Every plan with its seats taken (admins only).
pub fn plans(tx: &mut dyn Tx, env: &Env, caller: &Caller) -> Result<Vec<PlanUsage>> {
    roles::require_admin(tx, caller)?;
    let plans: Vec<Plan> = tx.plans(caller.tenant)?;
    let mut out = Vec::with_capacity(plans.len());
    for plan in plans {
        let taken = tx.count_live_seats_in_plan(caller.tenant, plan.id, env.now)?;
        out.push(PlanUsage { plan, taken });
    }
    Ok(out)
}

/// Changes a plan's seats; never below the seats taken (admins only).
pub fn set_plan_seats(tx: &mut dyn Tx, env: &Env, caller: &Caller, id: PlanId, seats_: i64) -> Result<PlanUsage> {
    roles::require_admin(tx, caller)?;
    check_seats(seats_)?;
    seats::lock(tx, caller.tenant)?;
    let current = usage(tx, env, caller, id)?;
    if seats_ < current.taken {
        return Err(OrgError::SeatsBelowUsage { taken: current.taken }.into());
    }
    tx.set_plan_seats(caller.tenant, id, seats_)?;
    usage(tx, env, caller, id)
}

/// A seat group with its seats taken.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupUsage {
    pub group: SeatGroup,
    pub taken: i64,
}

/// Adds a seat group holding `seats` seats of a plan, optionally covering a department whose
/// newcomers get their seat through it (admins only).
pub fn create_seat_group(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    name: &str,
    plan: PlanId,
    seats_: i64,
    department: Option<(&str, DepartmentIdType)>,
) -> Result<GroupUsage> {
    roles::require_admin(tx, caller)?;
    check_seats(seats_)?;
    let name = check_name(name)?;
    tx.plan(caller.tenant, plan)?.ok_or(OrgError::PlanNotFound)?;
    let department = match department {
        Some((raw, t)) => Some(ids::require_department(tx, env, caller, t, raw)?.id),
        None => None,
    };
    let id = tx.insert_seat_group(caller.tenant, &name, plan, seats_, department, env.now)?;
    group_usage(tx, env, caller, id)
}

fn group_usage(tx: &mut dyn Tx, env: &Env, caller: &Caller, id: SeatGroupId) -> Result<GroupUsage> {
    let group = tx.seat_group(caller.tenant, id)?.ok_or(OrgError::SeatGroupNotFound)?;
    let taken = tx.count_live_seats_in_group(caller.tenant, id, env.now)?;
    Ok(GroupUsage { group, taken })
}

/// Every seat group (admins only).
pub fn seat_groups(tx: &mut dyn Tx, env: &Env, caller: &Caller) -> Result<Vec<GroupUsage>> {
    roles::require_admin(tx, caller)?;
    let mut out = Vec::new();
    for g in tx.seat_groups(caller.tenant)? {
        out.push(group_usage(tx, env, caller, g.id)?);
    }
    Ok(out)
}

/// The seat ledger: who holds each live seat and why, by seat id (admins only).
pub fn ledger(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    plan: Option<PlanId>,
    after: Option<SeatId>,
    limit: u32,
) -> Result<Page<Seat>> {
    roles::require_admin(tx, caller)?;
    if let Some(p) = plan {
        tx.plan(caller.tenant, p)?.ok_or(OrgError::PlanNotFound)?;
    }
    let rows = tx.seats(caller.tenant, plan, Some(env.now), after, limit + 1)?;
    let mut page = page_of(rows, limit, |s| s.id.0);
    page.items.sort_by_key(|s| s.id);
    Ok(page)
}

/// Assigns (or moves) a member's seat (admins only).
pub fn assign_seat(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    user: UserId,
    choice: seats::SeatChoice,
) -> Result<Option<Seat>> {
    let acting = roles::require_admin(tx, caller)?;
    let u = tx.user(caller.tenant, user)?.ok_or(Error::NotFound { what: "member" })?;
    if !u.status.is_usable() {
        return Err(OrgError::AccountInactive.into());
    }
    seats::lock(tx, caller.tenant)?;
    let target = seats::resolve(tx, caller.tenant, choice, u.primary_department(), false)?;
    seats::assign(tx, env, caller.tenant, user, target, crate::model::SeatReason::AdminAdd, acting.actor)?;
    tx.live_seat_of(caller.tenant, crate::model::SeatHolder::User(user), env.now)
}
