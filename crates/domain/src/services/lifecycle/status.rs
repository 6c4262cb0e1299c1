//! Reading the lifecycle back: a departure with its chat outcomes and the acceptors' users, for
//! admins (`GET /open-apis/roster/v1/org/departures/{user_id}`) and for the member who left.

use crate::error::{Error, Result};
use crate::ids::{UserId, UserIdType};
use crate::model::{ChatOutcome, Departure, User};
use crate::services::orgs::roles;
use crate::services::{Caller, Env, ids};
use crate::store::Tx;

/// A departure as Roster reports it.
#[derive(Debug, Clone)]
pub struct DepartureView {
    pub departure: Departure,
    pub user: User,
    pub chats_left: i64,
    pub chats_transferred: i64,
    pub chats_dissolved: i64,
    /// The users the acceptors name (to render them in the caller's id type).
    pub named: Vec<User>,
}

/// Builds the view of `user`'s departure `d`.
pub fn view(tx: &mut dyn Tx, d: Departure, user: User) -> Result<DepartureView> {
    let mut count = |o: ChatOutcome| -> Result<i64> { Ok(tx.departed_chats(user.id, o, u32::MAX)?.len() as i64) };
    let (chats_left, chats_transferred, chats_dissolved) =
        (count(ChatOutcome::Left)?, count(ChatOutcome::Transferred)?, count(ChatOutcome::Dissolved)?);
    let a = &d.acceptors;
    let mut wanted: Vec<UserId> = [
        a.department_chat,
        a.external_chat,
        a.docs,
        a.calendar,
        a.application,
        a.minutes,
        a.survey,
        a.anycross,
        a.email.and_then(|e| e.acceptor),
    ]
    .into_iter()
    .flatten()
    .collect();
    wanted.sort();
    wanted.dedup();
    let named = tx.users_by_ids(d.tenant, &wanted)?;
    Ok(DepartureView { departure: d, user, chats_left, chats_transferred, chats_dissolved, named })
}

/// The departure of the member `raw` names, for an admin or an app of the tenant.
pub fn departure(tx: &mut dyn Tx, env: &Env, caller: &Caller, id_type: UserIdType, raw: &str) -> Result<DepartureView> {
    roles::require_admin(tx, caller)?;
    let user = ids::require_user(tx, env, caller, id_type, raw)?;
    let d = tx.departure(caller.tenant, user.id)?.ok_or(Error::NotFound { what: "departure of this member" })?;
    view(tx, d, user)
}
