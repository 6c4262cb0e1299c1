//! Background jobs that run beside the HTTP server (event delivery, purges, dissolutions). Each
//! gets a stop signal and is awaited on shutdown. Areas register theirs in [`spawn_all`].

pub mod background;
pub mod lifecycle;
pub mod notifier;

use crate::state::AppState;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct Jobs {
    stop: watch::Sender<bool>,
    handles: Vec<JoinHandle<()>>,
}

/// Starts every background job.
pub fn spawn_all(state: &AppState) -> Jobs {
    let (stop, _) = watch::channel(false);
    let handles: Vec<JoinHandle<()>> = vec![
        // Invitation messages (issue 7).
        tokio::spawn(notifier::run(state.clone(), stop.subscribe())),
        // Event delivery (issue 6), on the lower-priority runtime.
        state.events.background.spawn(crate::events::dispatcher::run(state.clone(), stop.subscribe())),
        // Hand-overs, restores, exits, purges and dissolutions (issue 5).
        tokio::spawn(lifecycle::run(state.clone(), stop.subscribe())),
    ];
    Jobs { stop, handles }
}

impl Jobs {
    /// Signals every job to stop and waits for them.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for h in self.handles {
            let _ = h.await;
        }
    }
}
