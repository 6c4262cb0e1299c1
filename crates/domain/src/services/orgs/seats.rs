//! Plans and seats. Every change that adds a member or a reservation takes the tenant's seat lock
//! first (a PostgreSQL advisory lock; SQLite has one writer), then checks the member limit (41007),
//! the plan's free seats (41008) and the seat group's (44023), so two admins racing can never
//! oversubscribe. A pending invitation or request holds a reservation, which stops counting when
//! its invitation expires and is given back on rejection or revocation.

use crate::clock::Timestamp;
use crate::error::{OrgError, Result};
use crate::ids::{DeptId, TenantId, UserId};
use crate::model::{Actor, NewSeat, Plan, PlanId, SeatGroup, SeatGroupId, SeatHolder, SeatId, SeatReason, User};
use crate::services::{Caller, Env};
use crate::store::{LockKey, Tx};

/// Serializes seat and member-limit decisions of one tenant until the transaction ends.
pub fn lock(tx: &mut dyn Tx, tenant: TenantId) -> Result<()> {
    tx.lock(LockKey::Other(crate::store::LockArea::Seats, tenant.0))
}

/// How a seat should be allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SeatChoice {
    /// A seat group covering the member's department, else the only plan; with several plans
    /// and no group, the admin must choose.
    #[default]
    Auto,
    Plan(PlanId),
    Group(SeatGroupId),
}

/// Where a seat comes from: a plan (and maybe a group of it), or nowhere (`plan: None`) when the
/// organization has no plan, or for a reservation made before an admin chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeatTarget {
    pub plan: Option<PlanId>,
    pub group: Option<SeatGroupId>,
}

/// The plan or group a seat target names, for messages.
fn load_plan(tx: &mut dyn Tx, tenant: TenantId, id: PlanId) -> Result<Plan> {
    tx.plan(tenant, id)?.ok_or_else(|| OrgError::PlanNotFound.into())
}

fn load_group(tx: &mut dyn Tx, tenant: TenantId, id: SeatGroupId) -> Result<SeatGroup> {
    tx.seat_group(tenant, id)?.ok_or_else(|| OrgError::SeatGroupNotFound.into())
}

/// Decides where a seat comes from. `reserving` allows an undecided target (several plans, no
/// group): the reservation then holds a place under the member limit only.
pub fn resolve(
    tx: &mut dyn Tx,
    tenant: TenantId,
    choice: SeatChoice,
    department: Option<DeptId>,
    reserving: bool,
) -> Result<SeatTarget> {
    match choice {
        SeatChoice::Plan(id) => Ok(SeatTarget { plan: Some(load_plan(tx, tenant, id)?.id), group: None }),
        SeatChoice::Group(id) => {
            let g = load_group(tx, tenant, id)?;
            Ok(SeatTarget { plan: Some(g.plan), group: Some(g.id) })
        }
        SeatChoice::Auto => match group_target(tx, tenant, department)? {
            Some(target) => Ok(target),
            None => plan_target(&tx.plans(tenant)?, reserving),
        },
    }
}

/// [`SeatChoice::Auto`], first step: the seat group covering `department`, if any.
fn group_target(tx: &mut dyn Tx, tenant: TenantId, department: Option<DeptId>) -> Result<Option<SeatTarget>> {
    let Some(dept) = department else { return Ok(None) };
    let group = tx.seat_groups(tenant)?.into_iter().find(|g| g.department == Some(dept));
    Ok(group.map(|g| SeatTarget { plan: Some(g.plan), group: Some(g.id) }))
}

/// [`SeatChoice::Auto`] without a group: the tenant's only plan (`plans` are all of them).
fn plan_target(plans: &[Plan], reserving: bool) -> Result<SeatTarget> {
    match plans {
        [] => Ok(SeatTarget::default()),
        [only] => Ok(SeatTarget { plan: Some(only.id), group: None }),
        _ if reserving => Ok(SeatTarget::default()),
        _ => Err(OrgError::SeatChoiceRequired.into()),
    }
}

/// Refuses when `adding` more members or reservations would pass the member limit (41007).
/// Counts members who have not resigned plus live reservations.
pub fn ensure_member_room(tx: &mut dyn Tx, tenant: TenantId, now: Timestamp, adding: i64) -> Result<()> {
    let Some(limit) = tx.org_policy(tenant)?.member_limit else { return Ok(()) };
    let used = tx.count_members(tenant)? + tx.count_live_reservations(tenant, now)?;
    if used + adding > limit { Err(OrgError::MemberLimitReached { limit }.into()) } else { Ok(()) }
}

/// Refuses when the target's plan (41008) or group (44023) has no free seat.
pub fn check_free(tx: &mut dyn Tx, tenant: TenantId, now: Timestamp, target: SeatTarget) -> Result<()> {
    if let Some(gid) = target.group {
        let g = load_group(tx, tenant, gid)?;
        if tx.count_live_seats_in_group(tenant, gid, now)? >= g.seats {
            return Err(OrgError::SeatGroupFull { group: g.name, seats: g.seats }.into());
        }
    }
    if let Some(pid) = target.plan {
        let p = load_plan(tx, tenant, pid)?;
        if tx.count_live_seats_in_plan(tenant, pid, now)? >= p.seats {
            return Err(OrgError::PlanFull { plan: p.name, seats: p.seats }.into());
        }
    }
    Ok(())
}

/// What a seat is taken for.
#[derive(Debug, Clone, Copy)]
pub struct Grant {
    pub holder: SeatHolder,
    pub reason: SeatReason,
    pub by: Actor,
    /// For reservations: when they stop counting.
    pub expires_at: Option<Timestamp>,
}

/// Takes a seat (or, for a reservation with no plan, a place under the member limit) after
/// checking it is free. The caller holds the lock and has checked the member limit.
/// Members need nothing when the target has no plan.
pub fn take(tx: &mut dyn Tx, env: &Env, tenant: TenantId, target: SeatTarget, g: Grant) -> Result<Option<SeatId>> {
    if target.plan.is_none() {
        let reservation = !matches!(g.holder, SeatHolder::User(_));
        let counts = tx.org_policy(tenant)?.member_limit.is_some() || !tx.plans(tenant)?.is_empty();
        if !(reservation && counts) {
            return Ok(None);
        }
    } else {
        check_free(tx, tenant, env.now, target)?;
    }
    tx.insert_seat(&NewSeat {
        tenant,
        plan: target.plan,
        group: target.group,
        holder: g.holder,
        reason: g.reason,
        granted_by: g.by,
        created_at: env.now,
        expires_at: g.expires_at,
    })
    .map(Some)
}

/// Gives back whatever `holder` holds (a rejected request, a revoked invitation).
pub fn release(tx: &mut dyn Tx, env: &Env, tenant: TenantId, holder: SeatHolder) -> Result<()> {
    if let Some(seat) = tx.live_seat_of(tenant, holder, env.now)? {
        tx.release_seat(tenant, seat.id, env.now)?;
    }
    Ok(())
}

/// Turns `from`'s reservation into the seat `g` grants (to a member) at `target`: handed over
/// when it is already there, otherwise given back and a seat taken at `target` (checking it is
/// free). An expired or missing reservation means the member limit is checked again.
pub fn convert(
    tx: &mut dyn Tx,
    env: &Env,
    tenant: TenantId,
    from: SeatHolder,
    target: SeatTarget,
    g: Grant,
) -> Result<Option<SeatId>> {
    let hold = tx.live_seat_of(tenant, from, env.now)?;
    match hold {
        Some(h) if h.plan == target.plan && h.group == target.group && h.plan.is_some() => {
            tx.transfer_seat(tenant, h.id, g.holder, g.reason)?;
            Ok(Some(h.id))
        }
        Some(h) => {
            tx.release_seat(tenant, h.id, env.now)?;
            take(tx, env, tenant, target, g)
        }
        None => {
            ensure_member_room(tx, tenant, env.now, 0)?;
            take(tx, env, tenant, target, g)
        }
    }
}

/// Moves a member's seat to `target` (an admin's explicit choice); nothing when it is there.
pub fn assign(
    tx: &mut dyn Tx,
    env: &Env,
    tenant: TenantId,
    user: UserId,
    target: SeatTarget,
    reason: SeatReason,
    by: Actor,
) -> Result<Option<SeatId>> {
    let holder = SeatHolder::User(user);
    let current = tx.live_seat_of(tenant, holder, env.now)?;
    if let Some(c) = &current
        && c.plan == target.plan
        && c.group == target.group
    {
        return Ok(Some(c.id));
    }
    if let Some(c) = current {
        tx.release_seat(tenant, c.id, env.now)?;
    }
    take(tx, env, tenant, target, Grant { holder, reason, by, expires_at: None })
}

/// Free places under the member limit and in the target's plan and group (`i64::MAX` when
/// nothing bounds them), as this transaction sees them; `plans` are the tenant's plans.
fn headroom(
    tx: &mut dyn Tx,
    tenant: TenantId,
    now: Timestamp,
    target: SeatTarget,
    member_limit: Option<i64>,
    plans: &[Plan],
) -> Result<i64> {
    let mut free = i64::MAX;
    if let Some(limit) = member_limit {
        free = free.min(limit - tx.count_members(tenant)? - tx.count_live_reservations(tenant, now)?);
    }
    if let Some(gid) = target.group {
        let g = load_group(tx, tenant, gid)?;
        free = free.min(g.seats - tx.count_live_seats_in_group(tenant, gid, now)?);
    }
    if let Some(pid) = target.plan {
        let seats = match plans.iter().find(|p| p.id == pid) {
            Some(p) => p.seats,
            None => load_plan(tx, tenant, pid)?.seats,
        };
        free = free.min(seats - tx.count_live_seats_in_plan(tenant, pid, now)?);
    }
    Ok(free)
}

/// The one call `contact::create_user` makes: a member created through the contact API counts
/// against the member limit (41007) and gets a seat from the only plan, or the seat group of
/// their department (41008/44023 when full). With several plans and no group, no seat is taken
/// until an admin assigns one. Costs two small reads for organizations without plans or limit;
/// the policy and plans read first serve every later step.
///
/// The seat lock is skipped while at least `orgs.seat_lock_headroom` places are free: fewer
/// write transactions than that can run at once, so none of them can push past the limit, and
/// contact creation keeps its concurrency (on PostgreSQL the lock would serialize every commit).
pub fn on_member_created(tx: &mut dyn Tx, env: &Env, caller: &Caller, user: &User) -> Result<()> {
    let by = caller.user.map_or(Actor::App(caller.app.id), Actor::User);
    let member_limit = tx.org_policy(user.tenant)?.member_limit;
    let plans = tx.plans(user.tenant)?;
    if member_limit.is_none() && plans.is_empty() {
        return Ok(());
    }
    let target = match group_target(tx, user.tenant, user.primary_department())? {
        Some(target) => target,
        None => plan_target(&plans, true)?,
    };
    let grant = Grant { holder: SeatHolder::User(user.id), reason: SeatReason::ContactApi, by, expires_at: None };
    if headroom(tx, user.tenant, env.now, target, member_limit, &plans)? >= env.settings.orgs.seat_lock_headroom {
        if target.plan.is_some() {
            tx.insert_seat(&NewSeat {
                tenant: user.tenant,
                plan: target.plan,
                group: target.group,
                holder: grant.holder,
                reason: grant.reason,
                granted_by: by,
                created_at: env.now,
                expires_at: None,
            })?;
        }
        return Ok(());
    }
    lock(tx, user.tenant)?;
    ensure_member_room(tx, user.tenant, env.now, 0)?;
    take(tx, env, user.tenant, target, grant)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_errors_explain_themselves() {
        let e = OrgError::PlanFull { plan: "Pro".into(), seats: 3 };
        assert!(e.is_full());
        assert_eq!(e.explain(), "all 3 seats of the plan \"Pro\" are taken");
        assert!(OrgError::MemberLimitReached { limit: 5 }.explain().contains("member limit of 5"));
        assert!(!OrgError::NotAdmin.is_full());
    }
}
