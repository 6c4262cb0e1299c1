//! Event delivery settings (`[events]` in the config file).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EventSettings {
    /// How often the dispatcher looks at the outbox and at the clock (ms). Moved time is noticed
    /// within one interval.
    pub poll_interval_ms: u64,
    /// An attempt succeeds on HTTP 200 (or a long-connection ack) within this time (ms).
    pub timeout_ms: u64,
    /// How long the url_verification challenge may take (ms).
    pub challenge_timeout_ms: u64,
    /// Waits before the retries, in seconds of Roster's clock: one retry per entry.
    pub retry_delays_secs: Vec<i64>,
    /// Attempts in flight at once to one app; a slow app never holds up the others.
    pub max_in_flight_per_app: usize,
    /// Outbox events fanned out, or deliveries started, per pass.
    pub batch_size: u32,
    /// What long-connection clients are told (seconds): how often to ping, how long to wait
    /// between reconnects, and the random delay before the first reconnect.
    pub ws_ping_interval_secs: i64,
    pub ws_reconnect_interval_secs: i64,
    pub ws_reconnect_nonce_secs: i64,
}

impl Default for EventSettings {
    fn default() -> Self {
        EventSettings {
            poll_interval_ms: 100,
            timeout_ms: 3000,
            challenge_timeout_ms: 3000,
            retry_delays_secs: vec![15, 300, 3600, 21600],
            max_in_flight_per_app: 32,
            batch_size: 500,
            ws_ping_interval_secs: 120,
            ws_reconnect_interval_secs: 3,
            ws_reconnect_nonce_secs: 1,
        }
    }
}

impl EventSettings {
    /// The wait before attempt `made + 1`, after `made` failed attempts; `None` means give up.
    pub fn retry_delay_after(&self, made: i64) -> Option<i64> {
        usize::try_from(made - 1).ok().and_then(|i| self.retry_delays_secs.get(i)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lark_retry_schedule() {
        let s = EventSettings::default();
        let waits: Vec<Option<i64>> = (1..=5).map(|n| s.retry_delay_after(n)).collect();
        assert_eq!(waits, vec![Some(15), Some(300), Some(3600), Some(21600), None]);
        assert_eq!(s.retry_delay_after(0), None);
    }
}
