//! Account lifecycle periods and batch sizes (issue 5). The restore window is the contact
//! setting `contact.resurrect_window_days`; the purge follows at its end.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LifecycleSettings {
    /// How long a member who left by themselves stays `is_exited` before they count as resigned.
    pub exit_to_resigned_hours: i64,
    /// How long after the creator asks for it a dissolution takes effect.
    pub dissolution_delay_hours: i64,
    /// Rows one purge, hand-over or restore batch handles; each batch is one transaction.
    pub batch_size: u32,
    /// How many batches a request runs itself before it leaves the rest to the background job.
    pub inline_batches: u32,
    /// How often the background job looks for due work, in seconds (the emulator's
    /// `clock/advance` runs it at once).
    pub sweep_interval_secs: u64,
}

impl Default for LifecycleSettings {
    fn default() -> Self {
        LifecycleSettings {
            exit_to_resigned_hours: 7 * 24,
            dissolution_delay_hours: 72,
            batch_size: 100,
            inline_batches: 50,
            sweep_interval_secs: 30,
        }
    }
}

impl LifecycleSettings {
    pub fn exit_to_resigned_ms(&self) -> i64 {
        self.exit_to_resigned_hours.saturating_mul(crate::Timestamp::HOUR)
    }
    pub fn dissolution_delay_ms(&self) -> i64 {
        self.dissolution_delay_hours.saturating_mul(crate::Timestamp::HOUR)
    }
    /// The batch size, at least 1.
    pub fn batch(&self) -> u32 {
        self.batch_size.max(1)
    }
}
