//! Rendered `GET /contact/v3/users/:user_id` replies, kept while the store's contact generation
//! stands still, so a repeated read of an unchanged user costs no transaction and no rendering.
//!
//! Invariant: an entry is served only if it was computed from a read that began after the
//! store's [`contact_generation`](roster_domain::store::Db::contact_generation) was read as the
//! entry's generation, and that generation is still current. The store moves it on after every
//! commit that may change a contact read and before answering that commit's writer, so a client
//! never reads a reply older than a write it has seen succeed. Only tenant-token reads are kept
//! (a user token's reach is its own; tenant tokens are what bots poll with).

use bytes::Bytes;
use roster_domain::ids::{AppId, TenantId};
use roster_domain::services::users::IdTypes;
use std::collections::HashMap;
use std::sync::RwLock;

/// Past this many entries the cache starts over (entries are a few hundred bytes each).
const MAX_ENTRIES: usize = 50_000;

/// What a reply depends on besides the store: who asks, in which id types, for which id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReplyKey {
    pub tenant: TenantId,
    pub app: AppId,
    pub ids: IdTypes,
    pub raw_id: String,
}

#[derive(Default)]
pub struct UserReplyCache {
    map: RwLock<HashMap<ReplyKey, (u64, Bytes)>>,
}

impl UserReplyCache {
    /// The reply body cached for `key` at `generation`, if there is one.
    pub fn get(&self, key: &ReplyKey, generation: u64) -> Option<Bytes> {
        let map = self.map.read().unwrap_or_else(|p| p.into_inner());
        map.get(key).filter(|(g, _)| *g == generation).map(|(_, body)| body.clone())
    }

    /// Keeps `body`, computed by a read that began after `generation` was read.
    pub fn insert(&self, key: ReplyKey, generation: u64, body: Bytes) {
        let mut map = self.map.write().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_ENTRIES {
            // Entries of older generations can never be served again; drop those first.
            map.retain(|_, (g, _)| *g == generation);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(key, (generation, body));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> ReplyKey {
        ReplyKey { tenant: TenantId(1), app: AppId(2), ids: IdTypes::default(), raw_id: raw.into() }
    }

    #[test]
    fn an_entry_is_served_only_at_its_own_generation() {
        let cache = UserReplyCache::default();
        cache.insert(key("ou_a"), 7, Bytes::from_static(b"{}"));
        assert_eq!(cache.get(&key("ou_a"), 7).as_deref(), Some(&b"{}"[..]));
        assert_eq!(cache.get(&key("ou_a"), 8), None, "a later generation misses");
        assert_eq!(cache.get(&key("ou_b"), 7), None);
    }

    #[test]
    fn a_full_cache_drops_stale_generations_first() {
        let cache = UserReplyCache::default();
        for i in 0..MAX_ENTRIES {
            cache.insert(key(&format!("old{i}")), 1, Bytes::new());
        }
        cache.insert(key("new"), 2, Bytes::from_static(b"x"));
        let len = cache.map.read().unwrap().len();
        assert_eq!(len, 1, "only the current generation's entry is left");
        assert!(cache.get(&key("new"), 2).is_some());
    }
}
