//! Organization dissolution (seed 003; Lark has no endpoint, so Roster's API and CLI carry it).
//! Only the creator may ask for it, with their user token; it takes effect
//! `lifecycle.dissolution_delay_hours` (72) later and the creator may cancel it until then.
//!
//! During those hours the organization keeps working in full: members sign in, apps call the
//! API, chats and meetings go on, members may even be added (they go with everyone else), so a
//! request that is then cancelled has broken nothing. Only the creator's standing changes: they
//! cannot ask twice. From the moment it takes effect, tokens stop working (also before the job
//! has run: authentication treats a dissolution past its time as done), and the job purges
//! everything ([`super::wipe`]).

use super::lock_dissolution;
use crate::error::{LifecycleError, Result};
use crate::ids::{TenantId, UserId};
use crate::model::{Dissolution, DissolutionState, DissolutionStep, Tenant, TenantStatus};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// The caller, when they are the organization's creator acting with their user token.
fn creator(tx: &mut dyn Tx, caller: &Caller) -> Result<(UserId, Tenant)> {
    let tenant = tx.tenant(caller.tenant)?.ok_or(crate::error::Error::NotFound { what: "tenant" })?;
    if tx.personal_workspace(caller.tenant)?.is_some() {
        return Err(LifecycleError::PersonalWorkspace.into());
    }
    match caller.user {
        Some(u) if tenant.creator == Some(u) => Ok((u, tenant)),
        _ => Err(LifecycleError::NotCreator.into()),
    }
}

/// Asks for the dissolution of the caller's organization.
pub fn request(tx: &mut dyn Tx, env: &Env, caller: &Caller) -> Result<Dissolution> {
    lock_dissolution(tx, caller.tenant)?;
    let (user, tenant) = creator(tx, caller)?;
    if tenant.status == TenantStatus::Dissolving {
        let effective_at = tenant.dissolve_at.unwrap_or(env.now);
        return Err(LifecycleError::DissolutionScheduled { effective_at }.into());
    }
    let effective_at = env.now.plus_millis(env.settings.lifecycle.dissolution_delay_ms());
    tx.set_tenant_status(tenant.id, TenantStatus::Dissolving, Some(effective_at))?;
    let d = Dissolution {
        tenant: tenant.id,
        requested_by: user,
        requested_at: env.now,
        effective_at,
        state: DissolutionState::Scheduled,
        step: DissolutionStep::Meetings,
        cancelled_by: None,
        cancelled_at: None,
        completed_at: None,
    };
    tx.put_dissolution(&d)?;
    Ok(d)
}

/// Cancels the scheduled dissolution, until the moment it takes effect.
pub fn cancel(tx: &mut dyn Tx, env: &Env, caller: &Caller) -> Result<Dissolution> {
    lock_dissolution(tx, caller.tenant)?;
    let (user, tenant) = creator(tx, caller)?;
    let scheduled = tx.dissolution(tenant.id)?.filter(|d| d.state == DissolutionState::Scheduled);
    let Some(mut d) = scheduled.filter(|_| tenant.status == TenantStatus::Dissolving) else {
        return Err(LifecycleError::NoDissolution.into());
    };
    if d.effective_at <= env.now {
        return Err(LifecycleError::DissolutionInEffect.into());
    }
    tx.set_tenant_status(tenant.id, TenantStatus::Active, None)?;
    d.state = DissolutionState::Cancelled;
    d.cancelled_by = Some(user);
    d.cancelled_at = Some(env.now);
    tx.put_dissolution(&d)?;
    Ok(d)
}

/// The organization and its latest dissolution request, for any member or app of it.
pub fn status(tx: &mut dyn Tx, caller: &Caller) -> Result<(Tenant, Option<Dissolution>)> {
    let tenant = tx.tenant(caller.tenant)?.ok_or(crate::error::Error::NotFound { what: "tenant" })?;
    let d = tx.dissolution(caller.tenant)?;
    Ok((tenant, d))
}

/// Dissolves `tenant` now: it stops at once (status, every token revoked, invitations revoked)
/// and its purge begins. The dissolution record says who asked and when.
pub fn start_purge(tx: &mut dyn Tx, env: &Env, tenant: &Tenant, d: &mut Dissolution) -> Result<()> {
    tx.set_tenant_status(tenant.id, TenantStatus::Dissolved, tenant.dissolve_at.or(Some(env.now)))?;
    tx.revoke_tenant_tokens(tenant.id)?;
    tx.revoke_tenant_invitations(tenant.id, env.now)?;
    d.state = DissolutionState::Purging;
    d.step = DissolutionStep::Meetings;
    tx.put_dissolution(d)
}

/// The job's step for a scheduled dissolution: true when it took effect now (the server then
/// drops the tenant's cached tokens). A no-op when it was cancelled or is not yet due.
pub fn take_effect(tx: &mut dyn Tx, env: &Env, tenant: TenantId) -> Result<bool> {
    lock_dissolution(tx, tenant)?;
    let Some(mut d) = tx.dissolution(tenant)?.filter(|d| d.state == DissolutionState::Scheduled) else {
        return Ok(false);
    };
    if d.effective_at > env.now {
        return Ok(false);
    }
    let Some(t) = tx.tenant(tenant)?.filter(|t| t.status == TenantStatus::Dissolving) else {
        // The tenant is no longer dissolving (nothing else changes it back): the record is stale.
        d.state = DissolutionState::Cancelled;
        d.cancelled_at = Some(env.now);
        tx.put_dissolution(&d)?;
        return Ok(false);
    };
    start_purge(tx, env, &t, &mut d)?;
    Ok(true)
}
