//! Tenant-level chat administration: the tenant's chat security policy, and collaborations with
//! other tenants (whose users may then join this tenant's external chats). Tenant admins
//! (`is_tenant_manager`, with a user token) change both; any caller of the tenant may read them.

use super::access;
use super::lock_hash;
use crate::error::{ChatError, Error, Result};
use crate::model::{Allowed, ChatPolicy, Collaboration, Tenant, TenantStatus};
use crate::services::{Caller, Env};
use crate::store::{LockKey, Tx};

fn require_admin(tx: &mut dyn Tx, caller: &Caller) -> Result<()> {
    if access::is_tenant_admin(tx, caller, caller.tenant)? { Ok(()) } else { Err(ChatError::NotTenantAdmin.into()) }
}

/// The caller's tenant's policy (defaults until an admin sets one).
pub fn get_policy(tx: &mut dyn Tx, caller: &Caller) -> Result<ChatPolicy> {
    access::policy_of(tx, caller.tenant)
}

/// A policy change; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyChange {
    pub members_may_add_external: Option<bool>,
    pub group_creation: Option<Allowed>,
    pub member_addition: Option<Allowed>,
    pub public_chats: Option<bool>,
    /// `Some(0)` removes the tenant's own cap.
    pub max_chat_members: Option<i64>,
}

pub fn update_policy(tx: &mut dyn Tx, env: &Env, caller: &Caller, c: &PolicyChange) -> Result<ChatPolicy> {
    require_admin(tx, caller)?;
    let mut p = access::policy_of(tx, caller.tenant)?;
    if let Some(v) = c.members_may_add_external {
        p.members_may_add_external = v;
    }
    if let Some(v) = c.group_creation {
        p.group_creation = v;
    }
    if let Some(v) = c.member_addition {
        p.member_addition = v;
    }
    if let Some(v) = c.public_chats {
        p.public_chats = v;
    }
    match c.max_chat_members {
        Some(n) if n < 0 => return Err(Error::invalid("max_chat_members", "must be 0 (no cap) or more")),
        Some(0) => p.max_chat_members = None,
        Some(n) => p.max_chat_members = Some(n),
        None => {}
    }
    tx.put_chat_policy(caller.tenant, &p, env.now)?;
    Ok(p)
}

/// A collaboration seen from one side, with the other tenant.
#[derive(Debug, Clone)]
pub struct Partner {
    pub collaboration: Collaboration,
    pub tenant: Tenant,
}

pub fn list_collaborations(tx: &mut dyn Tx, caller: &Caller) -> Result<Vec<Partner>> {
    let mut out = Vec::new();
    for c in tx.collaborations_of(caller.tenant)? {
        if let Some(t) = tx.tenant(c.other(caller.tenant))? {
            out.push(Partner { collaboration: c, tenant: t });
        }
    }
    Ok(out)
}

fn partner_tenant(tx: &mut dyn Tx, me: crate::ids::TenantId, key: &str) -> Result<Tenant> {
    match tx.tenant_by_key(key)? {
        Some(t) if t.id != me && t.status == TenantStatus::Active => Ok(t),
        _ => Err(ChatError::CollaborationTenantInvalid.into()),
    }
}

fn lock_pair(tx: &mut dyn Tx, a: crate::ids::TenantId, b: crate::ids::TenantId) -> Result<()> {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    tx.lock(LockKey::Other(crate::store::LockArea::TenantPair, lock_hash(&[&lo.0.to_be_bytes(), &hi.0.to_be_bytes()])))
}

/// The caller's tenant approves collaborating with the tenant `other_key`; active once both have.
pub fn approve_collaboration(tx: &mut dyn Tx, env: &Env, caller: &Caller, other_key: &str) -> Result<Partner> {
    require_admin(tx, caller)?;
    let other = partner_tenant(tx, caller.tenant, other_key)?;
    lock_pair(tx, caller.tenant, other.id)?;
    let mut c =
        tx.collaboration(caller.tenant, other.id)?.unwrap_or(Collaboration::between(caller.tenant, other.id, env.now));
    c.approve(caller.tenant, env.now);
    tx.put_collaboration(&c)?;
    Ok(Partner { collaboration: c, tenant: other })
}

/// Ends (or declines) the collaboration with `other_key`. External members already in chats
/// stay; no new ones can be added.
pub fn end_collaboration(tx: &mut dyn Tx, caller: &Caller, other_key: &str) -> Result<()> {
    require_admin(tx, caller)?;
    let other = tx.tenant_by_key(other_key)?.ok_or(ChatError::CollaborationNotFound)?;
    lock_pair(tx, caller.tenant, other.id)?;
    if tx.delete_collaboration(caller.tenant, other.id)? == 0 {
        return Err(ChatError::CollaborationNotFound.into());
    }
    Ok(())
}

/// The emulator's shortcut: both tenants approve at once.
pub fn establish_collaboration(tx: &mut dyn Tx, env: &Env, a_key: &str, b_key: &str) -> Result<Collaboration> {
    let a = tx.tenant_by_key(a_key)?.ok_or(ChatError::CollaborationTenantInvalid)?;
    let b = partner_tenant(tx, a.id, b_key)?;
    lock_pair(tx, a.id, b.id)?;
    let mut c = tx.collaboration(a.id, b.id)?.unwrap_or(Collaboration::between(a.id, b.id, env.now));
    c.approve(a.id, env.now);
    c.approve(b.id, env.now);
    tx.put_collaboration(&c)?;
    Ok(c)
}
