//! The invitation notifier: delivers the messages use-cases queued in the outbox
//! (`org_notifications`). The default notifier writes each message to the log; a message is
//! claimed (marked sent) in one transaction and delivered after it commits, so it goes out at
//! most once. Handlers flush right after queueing; the job sweeps whatever is left.

use crate::state::AppState;
use roster_domain::model::{Notification, NotificationStatus};
use std::time::Duration;
use tokio::sync::watch;

/// How many queued messages one flush claims.
const BATCH: u32 = 100;

/// Claims queued messages and delivers them.
pub async fn flush(state: &AppState) {
    loop {
        let env = state.env();
        let claimed = state
            .db
            .write(move |tx| {
                let queued = tx.queued_notifications(BATCH)?;
                for n in &queued {
                    tx.mark_notification(n.id, NotificationStatus::Sent, None, env.now)?;
                }
                Ok(queued)
            })
            .await;
        match claimed {
            Ok(batch) => {
                for n in &batch {
                    deliver(n);
                }
                if batch.len() < BATCH as usize {
                    return;
                }
            }
            Err(e) => {
                tracing::warn!("the invitation notifier could not claim messages: {e}");
                return;
            }
        }
    }
}

/// The log notifier.
fn deliver(n: &Notification) {
    tracing::info!(
        target: "roster::notifier",
        channel = n.channel.as_str(),
        to = %n.address,
        subject = %n.subject,
        "invitation message: {}",
        n.body
    );
}

/// Sweeps queued messages every `notifier_interval_secs` until stopped.
pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let every = Duration::from_secs(state.settings.orgs.notifier_interval_secs.max(1));
    loop {
        tokio::select! {
            _ = tokio::time::sleep(every) => flush(&state).await,
            _ = stop.changed() => return,
        }
    }
}
