//! A member leaves an organization by themselves (`POST /open-apis/roster/v1/me/leave`): they
//! become `is_exited` at once (tokens, seat, admin role, meeting and chats go as in an
//! offboarding, with Lark's default acceptors), and resigned `lifecycle.exit_to_resigned_hours`
//! later. An admin can restore them within the window, counted from the day they left.
//!
//! Refused: a frozen member (they must ask an admin), the creator (they may dissolve the
//! organization instead), and a personal workspace (its owner deletes the personal account).

use super::{acceptors, depart, lock_departure, offboard};
use crate::error::{Error, LifecycleError, Result};
use crate::events::Operator;
use crate::ids::{TenantId, UserId};
use crate::model::{Acceptors, Departure, DepartureKind, DepartureState};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// The rules of leaving, as a function of the facts.
pub fn may_leave(frozen: bool, creator: bool, personal: bool) -> Result<(), LifecycleError> {
    if frozen {
        Err(LifecycleError::AccountFrozen)
    } else if personal {
        Err(LifecycleError::PersonalWorkspace)
    } else if creator {
        Err(LifecycleError::CreatorCannotLeave)
    } else {
        Ok(())
    }
}

/// The calling member leaves their organization. Returns the departure; their chats are handed
/// over next, batch by batch.
pub fn leave(tx: &mut dyn Tx, env: &Env, caller: &Caller) -> Result<Departure> {
    let uid = caller.user.ok_or_else(|| Error::Forbidden { reason: "leaving needs a user access token".into() })?;
    lock_departure(tx, uid)?;
    let user = tx.user(caller.tenant, uid)?.ok_or(Error::NotFound { what: "calling user" })?;
    if !user.status.is_frozen && !user.status.is_usable() {
        return Err(crate::error::ContactError::UserResigned.into());
    }
    let creator = tx.tenant(caller.tenant)?.and_then(|t| t.creator) == Some(uid);
    let personal = tx.personal_workspace(caller.tenant)?.is_some();
    may_leave(user.status.is_frozen, creator, personal)?;
    let defaults = acceptors::with_leader_defaults(tx, &user, Acceptors::default())?;
    let operator = Operator::User { user: uid, tenant: caller.tenant };
    depart::begin(tx, env, &user, DepartureKind::Exit, operator, defaults)
}

/// The exit job's step: an exited member whose period is over becomes resigned. A no-op unless
/// the departure is an exit that is due.
pub fn resign_if_due(tx: &mut dyn Tx, env: &Env, tenant: TenantId, user: UserId) -> Result<()> {
    lock_departure(tx, user)?;
    let Some(d) = tx.departure(tenant, user)? else { return Ok(()) };
    let due = d.resign_at.is_some_and(|t| t <= env.now);
    if d.state != DepartureState::Departed || !due {
        return Ok(());
    }
    match tx.user(tenant, user)? {
        Some(u) => offboard::resign_exited(tx, env, u, d, None).map(|_| ()),
        None => {
            let mut d = d;
            d.resign_at = None;
            tx.update_departure(&d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_leave() {
        let cases = [
            ((false, false, false), Ok(())),
            ((true, false, false), Err(LifecycleError::AccountFrozen)),
            ((true, true, true), Err(LifecycleError::AccountFrozen)),
            ((false, true, false), Err(LifecycleError::CreatorCannotLeave)),
            ((false, true, true), Err(LifecycleError::PersonalWorkspace)),
            ((false, false, true), Err(LifecycleError::PersonalWorkspace)),
        ];
        for ((frozen, creator, personal), want) in cases {
            assert_eq!(
                may_leave(frozen, creator, personal),
                want,
                "frozen {frozen} creator {creator} personal {personal}"
            );
        }
    }
}
