//! The background runtime: event delivery runs here, on threads of a lower CPU priority than the
//! ones that answer requests, so it fills the cores the API leaves idle and gives way when a
//! request (or the store's writer) is ready to run.

use tokio::runtime::{Builder, Handle, Runtime};

/// How much lower than the API's threads (Linux `nice`; lowering needs no privilege). The
/// lowest: with +10, alternating bench runs lost a median 14–19% of add-member throughput to a
/// long connection; with +19, 10.5% over fourteen pairs, delivering 87–99% of the events as they
/// were caused and the rest within seconds after the load. `SCHED_IDLE` lost 6% but fell ~25%
/// behind during the load (README, "Benchmark").
const NICE: i32 = 19;

/// Owns the runtime; dropping it stops what still runs there (without waiting for it).
pub struct Background {
    runtime: Option<Runtime>,
    handle: Handle,
}

impl Background {
    /// One worker thread (plus its blocking pool for store reads), each at the lower priority.
    pub fn start() -> std::io::Result<Self> {
        let runtime = Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("roster-background")
            .on_thread_start(lower_priority)
            .enable_all()
            .build()?;
        let handle = runtime.handle().clone();
        Ok(Background { runtime: Some(runtime), handle })
    }

    pub fn handle(&self) -> Handle {
        self.handle.clone()
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            // Safe inside an async context, unlike dropping the runtime.
            runtime.shutdown_background();
        }
    }
}

/// Lowers the calling thread's priority. On Linux the nice value is per thread; elsewhere
/// `setpriority` would lower the whole process, so there it does nothing.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments; `who = 0` names the calling thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, NICE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn its_threads_run_at_the_lower_priority() {
        let bg = Background::start().unwrap();
        let nice = bg.handle().block_on(async {
            tokio::task::spawn(async {
                // SAFETY: getpriority only reads its integer arguments.
                unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }
            })
            .await
            .unwrap()
        });
        // SAFETY: as above, for this (test) thread.
        let mine = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        assert_eq!(nice, (mine + NICE).min(19));
    }
}
