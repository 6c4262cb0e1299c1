//! The demo tenant's plan: one plan with plenty of seats (the existing members hold theirs), so
//! seats, the ledger and the limits can be tried at once. Tests shrink it with `PATCH …/plans/{id}`.

use crate::error::Result;
use crate::model::{Actor, NewSeat, SeatHolder, SeatReason};
use crate::services::Env;
use crate::services::tenancy::Provisioned;
use crate::store::Tx;

pub const PLAN_NAME: &str = "Roster Business";
/// Large enough for the contact bench's user creation in the demo tenant.
pub const PLAN_SEATS: i64 = 1_000_000;

/// Gives the freshly seeded demo tenant its plan and seats every member.
pub fn seed_plan(tx: &mut dyn Tx, env: &Env, p: &Provisioned) -> Result<()> {
    let plan = tx.insert_plan(p.tenant.id, PLAN_NAME, PLAN_SEATS, env.now)?;
    let mut after = None;
    loop {
        let ids = tx.member_ids(p.tenant.id, after, 500)?;
        for &user in &ids {
            tx.insert_seat(&NewSeat {
                tenant: p.tenant.id,
                plan: Some(plan),
                group: None,
                holder: SeatHolder::User(user),
                reason: SeatReason::Seeded,
                granted_by: Actor::System,
                created_at: env.now,
                expires_at: None,
            })?;
        }
        match ids.last() {
            Some(&last) if ids.len() == 500 => after = Some(last),
            _ => return Ok(()),
        }
    }
}
