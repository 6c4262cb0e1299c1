//! The membership audit: every add, invite, join, request, approval, rejection, remind, revoke and
//! acceptance with who did it, when and through which channel, and the answer to "who added
//! this member?".

use crate::clock::Timestamp;
use crate::error::Result;
use crate::ids::UserId;
use crate::model::{Actor, AuditAction, AuditEntry, Channel, Invitation};
use crate::services::Caller;
use crate::services::orgs::{Page, page_of, roles};
use crate::store::{AuditFilter, Tx};

/// The audit, newest first (admins only).
pub fn list(
    tx: &mut dyn Tx,
    caller: &Caller,
    filter: AuditFilter,
    before: Option<i64>,
    limit: u32,
) -> Result<Page<AuditEntry>> {
    roles::require_admin(tx, caller)?;
    let rows = tx.audit(caller.tenant, filter, before, limit + 1)?;
    Ok(page_of(rows, limit, |e| e.id))
}

/// How a member came in.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub user: UserId,
    /// `Add` (an admin added them), `Join` (redeemed an invitation), `Approve` (an admin approved
    /// their request), or `None` for members who predate the audit (the creator, seeded users).
    pub how: Option<AuditAction>,
    /// Who brought them in: the admin who added them or approved their request, or the creator
    /// of the invitation they joined through.
    pub added_by: Option<Actor>,
    pub channel: Option<Channel>,
    pub at: Option<Timestamp>,
    /// The invitation involved, with its creator (who invited them).
    pub invitation: Option<Invitation>,
    /// For approvals: who approved.
    pub approved_by: Option<Actor>,
    /// Every audit entry about the member, newest first.
    pub history: Vec<AuditEntry>,
}

/// Answers "who added this member?" (admins only).
pub fn origin(tx: &mut dyn Tx, caller: &Caller, user: UserId) -> Result<Origin> {
    roles::require_admin(tx, caller)?;
    let history =
        tx.audit(caller.tenant, AuditFilter { target_user: Some(user), ..AuditFilter::default() }, None, 200)?;
    let entry = history
        .iter()
        .rev()
        .find(|e| matches!(e.action, AuditAction::Add | AuditAction::Join | AuditAction::Approve))
        .cloned();
    let invitation = match entry.as_ref().and_then(|e| e.invitation) {
        Some(id) => tx.invitation(caller.tenant, id)?,
        None => None,
    };
    let (added_by, approved_by) = match &entry {
        Some(e) if e.action == AuditAction::Join => (invitation.as_ref().map(|i| i.created_by), None),
        Some(e) if e.action == AuditAction::Approve => (invitation.as_ref().map(|i| i.created_by), Some(e.actor)),
        Some(e) => (Some(e.actor), None),
        None => (None, None),
    };
    let channel = match &entry {
        Some(e) if e.action == AuditAction::Approve => match e.request {
            Some(r) => tx.join_request(caller.tenant, r)?.map(|r| r.via),
            None => None,
        },
        Some(e) => Some(e.channel),
        None => None,
    };
    Ok(Origin {
        user,
        how: entry.as_ref().map(|e| e.action),
        added_by,
        channel,
        at: entry.as_ref().map(|e| e.created_at),
        invitation,
        approved_by,
        history,
    })
}
