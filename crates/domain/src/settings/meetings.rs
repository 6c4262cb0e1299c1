//! Meeting limits (spec §5). The participant cap is the tenant's plan: a default for every tenant,
//! and optional per-tenant plans keyed by tenant_key.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MeetingSettings {
    /// Participants a meeting holds at once under the default plan (122006 beyond it).
    pub max_participants: i64,
    /// Plans that differ from the default: `tenant_key = cap`.
    pub tenant_max_participants: BTreeMap<String, i64>,
    /// `list_by_no` pages hold at most this many meetings.
    pub max_page_size: i64,
    /// A reserve's `end_time` may lie at most this many days ahead (Lark: 30).
    pub max_reserve_days: i64,
}

impl Default for MeetingSettings {
    fn default() -> Self {
        MeetingSettings {
            max_participants: 300,
            tenant_max_participants: BTreeMap::new(),
            max_page_size: 50,
            max_reserve_days: 30,
        }
    }
}

impl MeetingSettings {
    /// The participant cap of the tenant's plan.
    pub fn participant_cap(&self, tenant_key: &str) -> i64 {
        self.tenant_max_participants.get(tenant_key).copied().unwrap_or(self.max_participants)
    }
}
