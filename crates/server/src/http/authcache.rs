//! A cache of authenticated tenant tokens, so the hot path does not read the store for them.
//! User tokens are always checked against the store (a freeze must stop them at once).
//!
//! Invariant: whatever revokes tenant tokens or disables an app or tenant calls
//! [`AuthCache::invalidate_tenant`] (or [`AuthCache::clear`]) after its transaction commits.

use roster_domain::clock::Timestamp;
use roster_domain::ids::TenantId;
use roster_domain::services::Caller;
use std::collections::HashMap;
use std::sync::RwLock;

const MAX_ENTRIES: usize = 100_000;

#[derive(Default)]
pub struct AuthCache {
    map: RwLock<HashMap<String, Caller>>,
}

impl AuthCache {
    /// The cached caller of a tenant token that has not expired at `now`.
    pub fn get(&self, token: &str, now: Timestamp) -> Option<Caller> {
        let map = self.map.read().unwrap_or_else(|p| p.into_inner());
        map.get(token).filter(|c| c.token_expires_at > now).cloned()
    }

    pub fn insert(&self, token: &str, caller: &Caller) {
        let mut map = self.map.write().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.insert(token.to_owned(), caller.clone());
    }

    pub fn invalidate_tenant(&self, tenant: TenantId) {
        self.map.write().unwrap_or_else(|p| p.into_inner()).retain(|_, c| c.tenant != tenant);
    }

    pub fn clear(&self) {
        self.map.write().unwrap_or_else(|p| p.into_inner()).clear();
    }
}
