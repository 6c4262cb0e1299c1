//! Per-app, per-endpoint rate limits in Lark's tiers: fixed one-second and one-minute windows
//! (default 50/s and 1000/min; resurrect 10/min). Tripping one answers HTTP 429, code 99991400,
//! with `x-ogw-ratelimit-limit` and `x-ogw-ratelimit-reset` (seconds until the window resets).
//!
//! Hand-written rather than `governor`: Lark's limits are fixed windows with a reset time to
//! report, which a GCRA limiter does not model.

use crate::config::RateLimitConfig;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Built-in limits that differ from the default tier: (method, route template, per s, per min).
const BUILT_IN: &[(&str, &str, Option<u32>, Option<u32>)] =
    &[("POST", "/open-apis/contact/v3/users/{user_id}/resurrect", None, Some(10))];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    Deny { limit: u32, reset_secs: u64 },
}

#[derive(Default)]
struct Window {
    second: u64,
    second_count: u32,
    minute: u64,
    minute_count: u32,
}

pub struct RateLimiter {
    enabled: AtomicBool,
    per_second: u32,
    per_minute: u32,
    overrides: HashMap<(String, String), (Option<u32>, Option<u32>)>,
    windows: Mutex<HashMap<(i64, u64), Window>>,
    epoch: Instant,
}

fn endpoint_key(method: &str, route: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    method.hash(&mut h);
    route.hash(&mut h);
    h.finish()
}

impl RateLimiter {
    pub fn new(config: &RateLimitConfig) -> Self {
        let mut overrides = HashMap::new();
        for (m, p, s, mi) in BUILT_IN {
            overrides.insert((m.to_string(), p.to_string()), (*s, *mi));
        }
        for e in &config.endpoints {
            overrides.insert((e.method.to_ascii_uppercase(), e.path.clone()), (e.per_second, e.per_minute));
        }
        RateLimiter {
            enabled: AtomicBool::new(config.enabled),
            per_second: config.default_per_second,
            per_minute: config.default_per_minute,
            overrides,
            windows: Mutex::new(HashMap::new()),
            epoch: Instant::now(),
        }
    }

    pub fn set_enabled(&self, on: bool) {
        self.enabled.store(on, Ordering::SeqCst);
        if !on {
            self.windows.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed)
    }

    fn limits(&self, method: &str, route: &str) -> (u32, u32) {
        match self.overrides.get(&(method.to_owned(), route.to_owned())) {
            Some((s, m)) => (s.unwrap_or(self.per_second), m.unwrap_or(self.per_minute)),
            None => (self.per_second, self.per_minute),
        }
    }

    /// Counts one call by `app` to the endpoint, or refuses it.
    pub fn check(&self, app: i64, method: &str, route: &str) -> Verdict {
        if !self.is_enabled() {
            return Verdict::Allow;
        }
        let (per_s, per_m) = self.limits(method, route);
        let ms = self.epoch.elapsed().as_millis() as u64;
        let (sec, min) = (ms / 1000, ms / 60_000);
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, w| w.minute == min);
        }
        let w = windows.entry((app, endpoint_key(method, route))).or_default();
        if w.second != sec {
            w.second = sec;
            w.second_count = 0;
        }
        if w.minute != min {
            w.minute = min;
            w.minute_count = 0;
        }
        if w.minute_count >= per_m {
            return Verdict::Deny { limit: per_m, reset_secs: ((min + 1) * 60_000 - ms).div_ceil(1000).max(1) };
        }
        if w.second_count >= per_s {
            return Verdict::Deny { limit: per_s, reset_secs: 1 };
        }
        w.second_count += 1;
        w.minute_count += 1;
        Verdict::Allow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_second_tier_trips_after_50() {
        let l = RateLimiter::new(&RateLimitConfig::default());
        let route = "/open-apis/contact/v3/users/{user_id}";
        let allowed = (0..60).filter(|_| l.check(1, "GET", route) == Verdict::Allow).count();
        // The window may roll over mid-loop; either way at most 50 fit in one second.
        assert!((50..=60).contains(&allowed));
        assert_eq!(l.check(2, "GET", route), Verdict::Allow, "limits are per app");
    }

    #[test]
    fn resurrect_is_ten_per_minute_and_switchable() {
        let l = RateLimiter::new(&RateLimitConfig::default());
        let route = "/open-apis/contact/v3/users/{user_id}/resurrect";
        for _ in 0..10 {
            assert_eq!(l.check(1, "POST", route), Verdict::Allow);
        }
        assert!(matches!(l.check(1, "POST", route), Verdict::Deny { limit: 10, .. }));
        l.set_enabled(false);
        assert_eq!(l.check(1, "POST", route), Verdict::Allow);
    }
}
