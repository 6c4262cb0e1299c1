//! The `user_id` a new member gets when nobody names one: 8 hex digits, counted up from a
//! random start per tenant, so consecutive members of a tenant sit next to each other in the
//! `user_id` indexes instead of each dirtying a random page of them.
//!
//! The counter is only a hint kept in memory. Every candidate is checked against the store in
//! the same transaction that inserts it, and a taken one moves the counter to a new random
//! start, so a restart (a new random start) or a custom `user_id` that happens to look like a
//! generated one costs one more probe, never a duplicate.

use crate::error::{Error, Result};
use crate::ids::TenantId;
use crate::store::Tx;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Candidates tried before giving up; each failed one jumps to a new random start.
const TRIES: usize = 16;

/// A `user_id` no member of `tenant` holds (resigned members included), as this transaction sees it.
pub fn fresh_user_id(tx: &mut dyn Tx, tenant: TenantId) -> Result<String> {
    for _ in 0..TRIES {
        let candidate = format!("{:08x}", next_number(tenant));
        if tx.user_by_user_id(tenant, &candidate)?.is_none() {
            return Ok(candidate);
        }
        restart(tenant);
    }
    Err(Error::Internal(format!("could not find a free user_id in {TRIES} tries")))
}

fn counters() -> &'static Mutex<HashMap<TenantId, u32>> {
    static COUNTERS: OnceLock<Mutex<HashMap<TenantId, u32>>> = OnceLock::new();
    COUNTERS.get_or_init(Default::default)
}

/// The tenant's next number, starting somewhere random the first time.
fn next_number(tenant: TenantId) -> u32 {
    let mut counters = counters().lock().unwrap_or_else(|p| p.into_inner());
    let next = counters.entry(tenant).or_insert_with(rand::random::<u32>);
    let number = *next;
    *next = next.wrapping_add(1);
    number
}

/// Moves the tenant's counter to a new random start (after a candidate was taken).
fn restart(tenant: TenantId) {
    counters().lock().unwrap_or_else(|p| p.into_inner()).insert(tenant, rand::random::<u32>());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_count_up_per_tenant_and_restart_somewhere_else() {
        let (a, b) = (TenantId(i64::MAX - 1), TenantId(i64::MAX - 2));
        let first = next_number(a);
        let other = next_number(b);
        assert_eq!(next_number(a), first.wrapping_add(1));
        assert_eq!(next_number(b), other.wrapping_add(1));
        restart(a);
        let after = next_number(a);
        // A new random start: equal to the old run's next number only by a 1-in-2^32 chance.
        assert_ne!(after, first.wrapping_add(2));
        assert_eq!(format!("{:08x}", 0xabu32), "000000ab");
    }
}
