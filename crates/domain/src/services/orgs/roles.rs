//! Who may do what in an organization: the primary admin (the creator), admins holding the
//! "members and departments" permission (or Lark's tenant-manager flag), apps acting with a
//! tenant token (installed by admins, so they act as admins), and members, who may invite only
//! while the invitation setting is on and the organization is on at most one plan.

use crate::error::{Error, OrgError, Result};
use crate::model::{Actor, AdminGrant, AdminPermission, AuditAction, Channel, NewAuditEntry, User};
use crate::services::{Caller, Env};
use crate::store::Tx;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A tenant token: the app acts for the organization's admins.
    App,
    PrimaryAdmin,
    Admin,
    Member,
}

/// The caller as an organization actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acting {
    pub actor: Actor,
    pub role: Role,
}

impl Acting {
    pub fn is_admin(&self) -> bool {
        self.role != Role::Member
    }
}

/// Whether `user` is an admin with the members-and-departments permission.
pub fn is_admin(tx: &mut dyn Tx, user: &User) -> Result<bool> {
    if user.is_tenant_manager || tx.tenant(user.tenant)?.and_then(|t| t.creator) == Some(user.id) {
        return Ok(true);
    }
    Ok(tx
        .admin_grant(user.tenant, user.id)?
        .is_some_and(|g| g.permissions.contains(&AdminPermission::MembersAndDepartments)))
}

/// Works out the caller's role.
pub fn acting(tx: &mut dyn Tx, caller: &Caller) -> Result<Acting> {
    let Some(uid) = caller.user else { return Ok(Acting { actor: Actor::App(caller.app.id), role: Role::App }) };
    let user = tx.user(caller.tenant, uid)?.ok_or(Error::NotFound { what: "calling user" })?;
    let creator = tx.tenant(caller.tenant)?.and_then(|t| t.creator);
    let role = if creator == Some(uid) {
        Role::PrimaryAdmin
    } else if is_admin(tx, &user)? {
        Role::Admin
    } else {
        Role::Member
    };
    Ok(Acting { actor: Actor::User(uid), role })
}

/// The caller, if they are an admin (or an app).
pub fn require_admin(tx: &mut dyn Tx, caller: &Caller) -> Result<Acting> {
    let a = acting(tx, caller)?;
    if a.is_admin() { Ok(a) } else { Err(OrgError::NotAdmin.into()) }
}

/// The caller, if they may invite: admins always; members only while the invitation setting is
/// on and the organization is on at most one plan.
pub fn require_inviter(tx: &mut dyn Tx, caller: &Caller) -> Result<Acting> {
    let a = acting(tx, caller)?;
    if a.is_admin() {
        return Ok(a);
    }
    if tx.plans(caller.tenant)?.len() > 1 {
        return Err(OrgError::MultiPlanAdminOnly.into());
    }
    if !tx.org_policy(caller.tenant)?.members_can_invite {
        return Err(OrgError::InvitingDisabled.into());
    }
    Ok(a)
}

/// Grants (or, with no permissions, takes back) an admin role. Only the primary admin or an app
/// may; the primary admin's own role cannot change.
pub fn grant_admin(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    user: &User,
    permissions: Vec<AdminPermission>,
) -> Result<AdminGrant> {
    let a = acting(tx, caller)?;
    if !matches!(a.role, Role::App | Role::PrimaryAdmin) {
        return Err(OrgError::NotPrimaryAdmin.into());
    }
    if !user.status.is_usable() {
        return Err(OrgError::AccountInactive.into());
    }
    let grant =
        AdminGrant { tenant: caller.tenant, user: user.id, permissions, granted_by: a.actor, created_at: env.now };
    tx.put_admin_grant(&grant)?;
    let names: Vec<&str> = grant.permissions.iter().map(|p| p.as_str()).collect();
    tx.insert_audit(&NewAuditEntry {
        tenant: caller.tenant,
        action: AuditAction::GrantAdmin,
        actor: a.actor,
        channel: Channel::Admin,
        target_user: Some(user.id),
        invitation: None,
        request: None,
        detail: if names.is_empty() { "admin role removed".into() } else { names.join(",") },
        created_at: env.now,
    })?;
    Ok(grant)
}
