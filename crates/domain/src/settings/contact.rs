//! Contact limits (spec §4).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ContactSettings {
    /// A user may be in at most this many departments (41033).
    pub max_departments_per_user: usize,
    /// Batch reads take at most this many ids.
    pub max_batch_ids: usize,
    /// A resigned user can be resurrected for this long (44028 afterwards).
    pub resurrect_window_days: i64,
}

impl ContactSettings {
    /// The restore window in milliseconds.
    pub fn resurrect_window_ms(&self) -> i64 {
        self.resurrect_window_days.saturating_mul(crate::Timestamp::DAY)
    }
}

impl Default for ContactSettings {
    fn default() -> Self {
        ContactSettings { max_departments_per_user: 50, max_batch_ids: 50, resurrect_window_days: 30 }
    }
}
