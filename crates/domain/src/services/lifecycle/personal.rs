//! Personal accounts (seed 003, scenario 4). Registering makes an account (a login: email and/or
//! mobile with a password) and its personal workspace: a tenant whose only member is the
//! account's user, its creator, with its own self-built app like every Roster tenant. The same
//! account may also be a member of any number of organizations (the contact API and invitations
//! link a new member to the one active account with their mobile or email).
//!
//! Deleting the personal account is immediate and irreversible: the workspace is dissolved at
//! once and purged, and the login is deleted with it unless the account still belongs to an
//! organization (those memberships are untouched). Only the calling account is deleted, even when
//! other accounts share its email or mobile; a deleted account's email or mobile can register a
//! new account at once.

use super::{dissolve, lock_dissolution, purge};
use crate::error::{Error, LifecycleError, Result};
use crate::model::{
    Account, Dissolution, DissolutionState, DissolutionStep, PersonalWorkspace, Tenant, TenantStatus, User,
};
use crate::services::tenancy::{self, AdminSpec, Provisioned, TenantSpec};
use crate::services::users::{is_valid_email, is_valid_mobile};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// What a registration gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Registration {
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    /// The password's argon2 hash (hashed by the caller, off the store's writer).
    pub password_hash: String,
}

/// The rules of a registration that need no store (the password length is checked by the caller
/// before hashing).
pub fn validate(r: &Registration) -> Result<()> {
    let name = r.name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(Error::invalid("name", "1-64 characters"));
    }
    if r.email.is_none() && r.mobile.is_none() {
        return Err(Error::invalid("email", "an email or a mobile is required"));
    }
    if r.email.as_deref().is_some_and(|e| !is_valid_email(e)) {
        return Err(Error::invalid("email", "is not an email address"));
    }
    if r.mobile.as_deref().is_some_and(|m| !is_valid_mobile(m)) {
        return Err(Error::invalid("mobile", "is not a phone number"));
    }
    Ok(())
}

/// Registers a personal account with its workspace.
pub fn register(tx: &mut dyn Tx, env: &Env, r: &Registration) -> Result<Provisioned> {
    validate(r)?;
    let name = r.name.trim().to_owned();
    let spec = TenantSpec {
        name: format!("{name}'s personal workspace"),
        admin: AdminSpec {
            name,
            email: r.email.clone(),
            mobile: r.mobile.clone(),
            password_hash: Some(r.password_hash.clone()),
            ..Default::default()
        },
        ..Default::default()
    };
    let p = tenancy::provision_tenant(tx, env, &spec)?;
    tx.insert_personal_workspace(&PersonalWorkspace {
        tenant: p.tenant.id,
        account: p.admin.account,
        created_at: env.now,
    })?;
    Ok(p)
}

/// Who is calling: their membership, its tenant, their account and what it owns.
#[derive(Debug, Clone)]
pub struct Me {
    pub user: User,
    pub tenant: Tenant,
    pub account: Account,
    /// This tenant is the account's personal workspace.
    pub personal: bool,
    pub is_creator: bool,
    /// The account owns a personal workspace (this one or another).
    pub has_personal_workspace: bool,
    pub dissolution: Option<Dissolution>,
}

fn calling_user(tx: &mut dyn Tx, caller: &Caller) -> Result<User> {
    let uid = caller.user.ok_or_else(|| Error::Forbidden { reason: "this needs a user access token".into() })?;
    tx.user(caller.tenant, uid)?.ok_or(Error::NotFound { what: "calling user" })
}

/// `GET /open-apis/roster/v1/me`.
pub fn me(tx: &mut dyn Tx, caller: &Caller) -> Result<Me> {
    let user = calling_user(tx, caller)?;
    let tenant = tx.tenant(caller.tenant)?.ok_or(Error::NotFound { what: "tenant" })?;
    let account = tx.account(user.account)?.ok_or(Error::NotFound { what: "account" })?;
    let workspace = tx.personal_workspace_of_account(user.account)?;
    let dissolution = tx.dissolution(caller.tenant)?.filter(|d| d.state == DissolutionState::Scheduled);
    Ok(Me {
        is_creator: tenant.creator == Some(user.id),
        personal: workspace.is_some_and(|w| w.tenant == caller.tenant),
        has_personal_workspace: workspace.is_some(),
        user,
        tenant,
        account,
        dissolution,
    })
}

/// What deleting a personal account did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deleted {
    /// The dissolved workspace (its purge runs next).
    pub workspace: crate::ids::TenantId,
    /// Whether the login went too (it stays while the account belongs to an organization).
    pub account_deleted: bool,
}

/// Deletes the calling account's personal workspace, and the account itself unless it is still
/// a member of an organization.
pub fn delete_personal_account(tx: &mut dyn Tx, env: &Env, caller: &Caller) -> Result<Deleted> {
    let me = calling_user(tx, caller)?;
    if me.status.is_frozen {
        return Err(LifecycleError::AccountFrozen.into());
    }
    let w = tx.personal_workspace_of_account(me.account)?.ok_or(LifecycleError::NoPersonalWorkspace)?;
    lock_dissolution(tx, w.tenant)?;
    let tenant = tx.tenant(w.tenant)?.ok_or(Error::NotFound { what: "personal workspace" })?;
    let owner = tenant.creator.unwrap_or(me.id);
    let mut d = Dissolution {
        tenant: w.tenant,
        requested_by: owner,
        requested_at: env.now,
        effective_at: env.now,
        state: DissolutionState::Scheduled,
        step: DissolutionStep::Meetings,
        cancelled_by: None,
        cancelled_at: None,
        completed_at: None,
    };
    let t = Tenant { status: TenantStatus::Dissolving, dissolve_at: Some(env.now), ..tenant };
    dissolve::start_purge(tx, env, &t, &mut d)?;
    tx.delete_personal_workspace(w.tenant)?;
    let elsewhere = tx.users_of_account(me.account)?.into_iter().any(|u| u.tenant != w.tenant);
    let account_deleted = !elsewhere && purge::retire_account(tx, env, me.account)?;
    Ok(Deleted { workspace: w.tenant, account_deleted })
}
