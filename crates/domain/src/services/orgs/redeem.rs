//! Redeeming an invitation: by its link, code or QR code (or the email/SMS it came in). The
//! redeemer signs in with an existing account's email or phone and password, or creates an
//! account; then they join at once, or file a join request when the invitation needs approval.
//! A member an admin added accepts their invitation here (Invited → Inactive).

use crate::error::{Error, OrgError, Result};
use crate::model::{
    Actor, AuditAction, Channel, Invitation, InvitationKind, JoinRequest, NewAccount, NewJoinRequest, SeatHolder,
    SeatReason, Tenant, User,
};
use crate::password;
use crate::services::Env;
use crate::services::orgs::invitations::{self, audit, email_domain, ensure_not_member, normalize_code};
use crate::services::orgs::members::{self, INACTIVE, Joiner, MemberStatus};
use crate::services::orgs::seats::{self, Grant, SeatChoice};
use crate::services::users::{is_valid_email, is_valid_mobile};
use crate::store::Tx;

/// Who redeems, as they typed it.
#[derive(Debug, Clone, Default)]
pub struct Redeemer {
    pub name: Option<String>,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub password: Option<String>,
    /// argon2 hash of `password`, made by the caller off the store's writer (used for a new account).
    pub password_hash: Option<String>,
    /// How they reached the invitation: link, code, QR, email or SMS.
    pub via: Option<Channel>,
}

/// What redeeming came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Redeemed {
    /// A member now (status Inactive until the first sign-in).
    Joined(User),
    /// A join request waits for an admin.
    Pending(JoinRequest),
    /// An added member accepted their invitation.
    Accepted(User),
}

/// An invitation as a redeemer sees it before redeeming.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub invitation: Invitation,
    pub tenant: Tenant,
    /// Why it cannot be redeemed now, if it cannot.
    pub unusable: Option<OrgError>,
}

fn find(tx: &mut dyn Tx, code: &str) -> Result<Invitation> {
    let code = normalize_code(code).ok_or(OrgError::InvitationNotFound)?;
    tx.invitation_by_code(&code)?.ok_or_else(|| OrgError::InvitationNotFound.into())
}

/// What opening the link shows.
pub fn preview(tx: &mut dyn Tx, env: &Env, code: &str) -> Result<Preview> {
    let invitation = find(tx, code)?;
    let tenant = tx.tenant(invitation.tenant)?.ok_or(OrgError::InvitationNotFound)?;
    let unusable = invitations::unusable(&invitation, env.now);
    Ok(Preview { invitation, tenant, unusable })
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// The account the redeemer signs in with: an existing one whose password matches, or a new
/// one. A wrong password for an existing email or phone is refused (the seed's "wrong phone or
/// email").
fn account_for(tx: &mut dyn Tx, env: &Env, r: &Redeemer, name: &str) -> Result<crate::ids::AccountId> {
    let (email, mobile) = (clean(&r.email), clean(&r.mobile));
    let mut candidates = match &mobile {
        Some(m) => tx.accounts_by_mobile(m)?,
        None => vec![],
    };
    if candidates.is_empty()
        && let Some(e) = &email
    {
        candidates = tx.accounts_by_email(e)?;
    }
    if !candidates.is_empty() {
        let pw = r.password.as_deref().unwrap_or("");
        return candidates
            .into_iter()
            .find(|a| a.password_hash.as_deref().is_some_and(|h| password::verify(pw, h)))
            .map(|a| a.id)
            .ok_or_else(|| OrgError::WrongCredentials.into());
    }
    let hash = r.password_hash.clone().ok_or_else(|| Error::invalid("password", "is required to create an account"))?;
    tx.insert_account(&NewAccount {
        name: name.to_owned(),
        email,
        mobile,
        password_hash: Some(hash),
        created_at: env.now,
    })
}

/// Redeems the invitation with `code` for `r`.
pub fn redeem(tx: &mut dyn Tx, env: &Env, code: &str, r: &Redeemer) -> Result<Redeemed> {
    let found = find(tx, code)?;
    seats::lock(tx, found.tenant)?;
    let inv = invitations::load(tx, found.tenant, found.id)?;
    if let Some(why) = invitations::unusable(&inv, env.now) {
        return Err(why.into());
    }
    match inv.kind {
        InvitationKind::Member => accept(tx, env, &inv, r),
        InvitationKind::Link | InvitationKind::Personal => join(tx, env, &inv, r),
    }
}

/// An added member accepts: Invited → Inactive, and sets a password when their account has none.
fn accept(tx: &mut dyn Tx, env: &Env, inv: &Invitation, r: &Redeemer) -> Result<Redeemed> {
    let uid = inv.invitee_user.ok_or_else(|| Error::Internal("member invitation without a member".into()))?;
    let user = tx.user(inv.tenant, uid)?.ok_or(OrgError::InvitationNotFound)?;
    match MemberStatus::of(&user.status) {
        MemberStatus::Invited => {}
        MemberStatus::Inactive | MemberStatus::Active => return Err(OrgError::AlreadyMember.into()),
        MemberStatus::Frozen | MemberStatus::Resigned => return Err(OrgError::AccountInactive.into()),
    }
    if let Some(hash) = &r.password_hash
        && let Some(mut account) = tx.account(user.account)?
        && account.password_hash.is_none()
    {
        account.password_hash = Some(hash.clone());
        tx.update_account(&account)?;
    }
    let user = members::set_status(tx, env, &user, INACTIVE)?;
    tx.count_invitation_use(inv.tenant, inv.id)?;
    let via = r.via.unwrap_or(inv.channel);
    audit(
        tx,
        env,
        inv.tenant,
        AuditAction::Accept,
        Actor::Invitee(user.account),
        via,
        Some(user.id),
        Some(inv.id),
        None,
        "",
    )?;
    Ok(Redeemed::Accepted(user))
}

/// Someone joins through a link or personal invitation, or files a join request.
fn join(tx: &mut dyn Tx, env: &Env, inv: &Invitation, r: &Redeemer) -> Result<Redeemed> {
    let (email, mobile) = (clean(&r.email), clean(&r.mobile));
    if email.is_none() && mobile.is_none() {
        return Err(OrgError::InviteeContactInvalid { field: "email" }.into());
    }
    if email.as_deref().is_some_and(|e| !is_valid_email(e)) {
        return Err(OrgError::InviteeContactInvalid { field: "email" }.into());
    }
    if mobile.as_deref().is_some_and(|m| !is_valid_mobile(m)) {
        return Err(OrgError::InviteeContactInvalid { field: "mobile" }.into());
    }
    if inv.kind == InvitationKind::Personal {
        let to = inv.invitee_address.as_deref();
        if to != email.as_deref() && to != mobile.as_deref() {
            return Err(OrgError::InvitationForSomeoneElse.into());
        }
    }
    if !inv.allowed_domains.is_empty()
        && !email.as_deref().and_then(email_domain).is_some_and(|d| inv.allowed_domains.contains(&d))
    {
        return Err(OrgError::EmailDomainNotAllowed.into());
    }
    ensure_not_member(tx, inv.tenant, email.as_deref(), mobile.as_deref())?;
    let name = clean(&r.name).or_else(|| email.clone()).or_else(|| mobile.clone()).unwrap_or_default();
    if name.chars().count() > 64 {
        return Err(Error::invalid("name", "at most 64 characters"));
    }
    let account = account_for(tx, env, r, &name)?;
    if tx.users_of_account(account)?.iter().any(|u| u.tenant == inv.tenant && u.status.is_usable()) {
        return Err(OrgError::AlreadyMember.into());
    }
    if tx.pending_request_of(inv.tenant, account)?.is_some() {
        return Err(OrgError::RequestPending.into());
    }
    let via = r.via.unwrap_or(inv.channel);
    let actor = Actor::Invitee(account);
    let invitation_hold = SeatHolder::Invitation(inv.id);
    let held = tx.live_seat_of(inv.tenant, invitation_hold, env.now)?;
    if inv.require_approval {
        let target = seats::resolve(tx, inv.tenant, SeatChoice::Auto, inv.department, true)?;
        if held.is_none() {
            seats::ensure_member_room(tx, inv.tenant, env.now, 1)?;
        }
        let id = tx.insert_join_request(&NewJoinRequest {
            tenant: inv.tenant,
            invitation: inv.id,
            account,
            name,
            email,
            mobile,
            via,
            created_at: env.now,
        })?;
        match held {
            Some(h) => tx.transfer_seat(inv.tenant, h.id, SeatHolder::Request(id), SeatReason::PendingRequest)?,
            None => {
                let g = Grant {
                    holder: SeatHolder::Request(id),
                    reason: SeatReason::PendingRequest,
                    by: actor,
                    expires_at: None,
                };
                seats::take(tx, env, inv.tenant, target, g)?;
            }
        }
        tx.count_invitation_use(inv.tenant, inv.id)?;
        audit(tx, env, inv.tenant, AuditAction::Request, actor, via, None, Some(inv.id), Some(id), "")?;
        let request = tx.join_request(inv.tenant, id)?.ok_or_else(|| Error::Internal("request vanished".into()))?;
        return Ok(Redeemed::Pending(request));
    }
    let target = seats::resolve(tx, inv.tenant, SeatChoice::Auto, inv.department, true)?;
    if held.is_none() {
        seats::ensure_member_room(tx, inv.tenant, env.now, 1)?;
        seats::check_free(tx, inv.tenant, env.now, target)?;
    }
    let joiner = Joiner { tenant: inv.tenant, account, name, email, mobile, department: inv.department };
    let user = members::insert_joiner(tx, env, &joiner)?;
    let g = Grant { holder: SeatHolder::User(user.id), reason: SeatReason::Redeemed, by: actor, expires_at: None };
    seats::convert(tx, env, inv.tenant, invitation_hold, target, g)?;
    tx.count_invitation_use(inv.tenant, inv.id)?;
    audit(tx, env, inv.tenant, AuditAction::Join, actor, via, Some(user.id), Some(inv.id), None, "")?;
    Ok(Redeemed::Joined(user))
}
