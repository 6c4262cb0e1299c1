//! The first transaction of every departure, whether the member left or was offboarded: the
//! status, the department memberships and admin roles (never restored), tokens, seat, busy mark
//! and meeting, the contact event, and the departure record that drives the chat hand-over.

use crate::error::Result;
use crate::events::Operator;
use crate::events::contact::{UserDeleted, UserUpdated};
use crate::model::{
    Acceptors, Actor, AdminGrant, Departure, DepartureKind, DepartureState, MeetingStatus, NewEvent, ParticipantStatus,
    Party, SeatHolder, User,
};
use crate::services::Env;
use crate::services::meetings::{LeaveReason, take_out};
use crate::services::orgs::seats;
use crate::store::{LockKey, Tx};

/// Starts `user`'s departure. The caller holds the departure lock and has checked the rules.
pub fn begin(
    tx: &mut dyn Tx,
    env: &Env,
    user: &User,
    kind: DepartureKind,
    operator: Operator,
    acceptors: Acceptors,
) -> Result<Departure> {
    let s = &env.settings.lifecycle;
    let mut after = user.clone();
    match kind {
        DepartureKind::Exit => after.status.is_exited = true,
        DepartureKind::Offboard => after.status.is_resigned = true,
    }
    after.is_tenant_manager = false;
    after.resigned_at = Some(env.now);
    after.updated_at = env.now;
    after.departments.clear();
    tx.update_user(&after)?;
    tx.revoke_user_tokens(user.id)?;
    drop_admin_role(tx, env, user, operator)?;
    seats::release(tx, env, user.tenant, SeatHolder::User(user.id))?;
    tx.set_marked_busy(user.tenant, user.id, false)?;
    leave_meeting(tx, env, user, operator)?;
    announce(tx, env, user, &after, kind)?;
    let d = Departure {
        user: user.id,
        tenant: user.tenant,
        kind,
        state: DepartureState::HandingOver,
        departed_at: env.now,
        resign_at: (kind == DepartureKind::Exit).then(|| env.now.plus_millis(s.exit_to_resigned_ms())),
        purge_at: env.now.plus_millis(env.settings.contact.resurrect_window_ms()),
        operator,
        acceptors,
        departments: user.departments.clone(),
        updated_at: env.now,
    };
    tx.insert_departure(&d)?;
    Ok(d)
}

/// The user as a resignation announces them: resigned, with the departments they had (apps
/// whose contact scope covered those departments hear of it).
pub fn resigned_snapshot(user: &User, departments: &[crate::model::UserDepartment], env: &Env) -> User {
    let mut u = user.clone();
    u.status.is_resigned = true;
    u.departments = departments.to_vec();
    u.updated_at = env.now;
    u
}

/// An offboarding is `contact.user.deleted_v3` at once; an exit is `contact.user.updated_v3`
/// (the user is `is_exited`), and the deletion follows when the exit turns into a resignation.
fn announce(tx: &mut dyn Tx, env: &Env, before: &User, after: &User, kind: DepartureKind) -> Result<()> {
    let e = match kind {
        DepartureKind::Offboard => NewEvent::of(
            before.tenant,
            &UserDeleted { user: resigned_snapshot(after, &before.departments, env) },
            env.now,
        ),
        DepartureKind::Exit => {
            NewEvent::of(before.tenant, &UserUpdated { user: after.clone(), old: before.clone() }, env.now)
        }
    };
    tx.append_event(&e)?;
    Ok(())
}

/// Admin roles end with the membership (a restore does not bring them back).
fn drop_admin_role(tx: &mut dyn Tx, env: &Env, user: &User, operator: Operator) -> Result<()> {
    if tx.admin_grant(user.tenant, user.id)?.is_none() {
        return Ok(());
    }
    let by = match operator {
        Operator::User { user, .. } => Actor::User(user),
        Operator::Bot { app, .. } => Actor::App(app),
        Operator::System { .. } => Actor::System,
    };
    tx.put_admin_grant(&AdminGrant {
        tenant: user.tenant,
        user: user.id,
        permissions: vec![],
        granted_by: by,
        created_at: env.now,
    })
}

/// Takes the user out of the meeting they are in, if any: the host role passes on, and the
/// meeting ends when nobody is left (with the usual events).
pub fn leave_meeting(tx: &mut dyn Tx, env: &Env, user: &User, operator: Operator) -> Result<()> {
    let party = Party::User(user.id);
    let Some(id) = tx.meeting_of_party(user.tenant, &party, None)? else { return Ok(()) };
    tx.lock(LockKey::Meeting(id))?;
    let Some(mut m) = tx.meeting(user.tenant, id)? else { return Ok(()) };
    if m.status != MeetingStatus::InProgress {
        return Ok(());
    }
    let Some(p) = tx.participant(id, &party)?.filter(|p| p.status == ParticipantStatus::InMeeting) else {
        return Ok(());
    };
    let key = tx.tenant(m.tenant)?.map(|t| t.tenant_key);
    take_out(tx, env, &mut m, p, LeaveReason::Removed, key.as_deref(), operator)
}
