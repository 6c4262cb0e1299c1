//! The invitation notifier's outbox: messages are written in the transaction that invites, then
//! delivered by the server's notifier (the default writes them to the log and marks them sent).
//! A message refused because the organization is full is kept with the reason.

use crate::error::{OrgError, Result};
use crate::ids::{TenantId, UserId};
use crate::model::{Channel, Invitation, NewNotification, Notification, NotificationId, NotificationStatus};
use crate::services::orgs::{Page, page_of, roles};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// The link an invitation is redeemed at.
pub fn link(link_base: &str, code: &str) -> String {
    format!("{}/join/{code}", link_base.trim_end_matches('/'))
}

/// The text of an invitation message.
pub fn message(org: &str, inv: &Invitation, link_base: &str) -> (String, String) {
    let subject = format!("You are invited to join {org} on Roster");
    let name = inv.invitee_name.as_deref().map(|n| format!("Hello {n},\n\n")).unwrap_or_default();
    let expiry = match inv.expires_at {
        Some(t) => format!("The invitation expires at {} (Unix time).", t.secs()),
        None => "The invitation does not expire.".to_owned(),
    };
    let body = format!(
        "{name}You are invited to join {org}. Open {} or enter the code {} to join.\n{expiry}",
        link(link_base, &inv.code),
        inv.code
    );
    (subject, body)
}

/// Queues the message of `inv` to its addressee.
pub fn queue(
    tx: &mut dyn Tx,
    env: &Env,
    inv: &Invitation,
    user: Option<UserId>,
    org: &str,
    link_base: &str,
) -> Result<NotificationId> {
    let (subject, body) = message(org, inv, link_base);
    tx.insert_notification(&NewNotification {
        tenant: inv.tenant,
        invitation: Some(inv.id),
        user,
        channel: inv.channel,
        address: inv.invitee_address.clone().unwrap_or_default(),
        subject,
        body,
        status: NotificationStatus::Queued,
        reason: None,
        created_at: env.now,
    })
}

/// Records a message that was not sent, and why.
pub fn record_refused(
    tx: &mut dyn Tx,
    env: &Env,
    tenant: TenantId,
    channel: Channel,
    address: &str,
    org: &str,
    why: &OrgError,
) -> Result<NotificationId> {
    tx.insert_notification(&NewNotification {
        tenant,
        invitation: None,
        user: None,
        channel,
        address: address.to_owned(),
        subject: format!("You are invited to join {org} on Roster"),
        body: String::new(),
        status: NotificationStatus::Refused,
        reason: Some(format!("not sent: {}", why.explain())),
        created_at: env.now,
    })
}

/// The outbox, newest first (admins only).
pub fn list(
    tx: &mut dyn Tx,
    caller: &Caller,
    before: Option<NotificationId>,
    limit: u32,
) -> Result<Page<Notification>> {
    roles::require_admin(tx, caller)?;
    let rows = tx.notifications(caller.tenant, before, limit + 1)?;
    Ok(page_of(rows, limit, |n| n.id.0))
}
