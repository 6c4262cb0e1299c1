//! Invitations: one object serves the link, the 8-character code, the QR code and email or SMS
//! invites. Creating, listing and revoking them; redeeming lives in `redeem`.

use crate::clock::Timestamp;
use crate::error::{Error, OrgError, Result};
use crate::ids::{DepartmentIdType, DeptId, TenantId};
use crate::model::{
    Actor, AuditAction, Channel, Invitation, InvitationId, InvitationKind, NewAuditEntry, NewInvitation, SeatHolder,
    SeatReason,
};
use crate::services::orgs::roles::{self, Acting};
use crate::services::orgs::seats::{self, Grant, SeatChoice};
use crate::services::orgs::{Page, notices, page_of};
use crate::services::users::{is_valid_email, is_valid_mobile};
use crate::services::{Caller, Env, ids};
use crate::store::{InvitationFilter, Tx};

/// Characters of invitation codes: upper-case letters and digits without 0/O and 1/I.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
pub const CODE_LEN: usize = 8;

/// When an invitation stops working.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Days(i64),
    Never,
    At(Timestamp),
}

impl Expiry {
    /// Parses `7d`, `30d`, `never`, or `custom` with a Unix time in seconds.
    pub fn parse(kind: Option<&str>, custom_secs: Option<i64>) -> Result<Self> {
        match (kind.unwrap_or("7d"), custom_secs) {
            ("7d", None) => Ok(Expiry::Days(7)),
            ("30d", None) => Ok(Expiry::Days(30)),
            ("never", None) => Ok(Expiry::Never),
            ("custom", Some(s)) => Ok(Expiry::At(Timestamp::from_secs(s))),
            ("custom", None) => Err(Error::invalid("expire_time", "is required when expiry is custom")),
            ("7d" | "30d" | "never", Some(_)) => {
                Err(Error::invalid("expire_time", "is only allowed with expiry custom"))
            }
            _ => Err(Error::invalid("expiry", "must be 7d, 30d, never or custom")),
        }
    }

    /// The expiry time, checked to lie in the future (and within ten years).
    pub fn at(self, now: Timestamp) -> Result<Option<Timestamp>> {
        match self {
            Expiry::Days(d) => Ok(Some(now.plus_millis(d * Timestamp::DAY))),
            Expiry::Never => Ok(None),
            Expiry::At(t) if t <= now => Err(Error::invalid("expire_time", "must be in the future")),
            Expiry::At(t) if t > now.plus_millis(3650 * Timestamp::DAY) => {
                Err(Error::invalid("expire_time", "must be within ten years"))
            }
            Expiry::At(t) => Ok(Some(t)),
        }
    }
}

/// What an invitation allows, as the inviter asked.
#[derive(Debug, Clone, PartialEq)]
pub struct InviteSpec {
    pub expiry: Expiry,
    pub max_uses: Option<i64>,
    pub allowed_domains: Vec<String>,
    /// A department id in `department_id_type`.
    pub department: Option<String>,
    pub department_id_type: DepartmentIdType,
    /// `None` takes the default: off, or on when the organization is on several plans.
    pub require_approval: Option<bool>,
}

impl Default for InviteSpec {
    fn default() -> Self {
        InviteSpec {
            expiry: Expiry::Days(7),
            max_uses: None,
            allowed_domains: vec![],
            department: None,
            department_id_type: DepartmentIdType::default(),
            require_approval: None,
        }
    }
}

/// A random code; callers check it is free.
pub fn random_code() -> String {
    (0..CODE_LEN).map(|_| CODE_ALPHABET[rand::random_range(0..CODE_ALPHABET.len())] as char).collect()
}

/// Upper-cases a code as typed and checks its shape (`None` when it cannot be a code).
pub fn normalize_code(raw: &str) -> Option<String> {
    let c = raw.trim().to_ascii_uppercase();
    (c.len() == CODE_LEN && c.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(c)
}

/// A code no invitation uses yet.
pub fn fresh_code(tx: &mut dyn Tx) -> Result<String> {
    for _ in 0..16 {
        let c = random_code();
        if tx.invitation_by_code(&c)?.is_none() {
            return Ok(c);
        }
    }
    Err(Error::Internal("no free invitation code in 16 tries".into()))
}

/// Whether `d` is a plausible email domain (`example.com`).
pub fn is_valid_domain(d: &str) -> bool {
    is_valid_email(&format!("x@{d}"))
}

/// The lower-cased domain of an email address.
pub fn email_domain(email: &str) -> Option<String> {
    email.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase())
}

/// Checks the spec's limits and resolves its department; returns the allowed domains normalized.
fn check_spec(tx: &mut dyn Tx, env: &Env, caller: &Caller, spec: &InviteSpec) -> Result<(Vec<String>, Option<DeptId>)> {
    if spec.max_uses.is_some_and(|m| !(1..=100_000).contains(&m)) {
        return Err(Error::invalid("max_uses", "must be 1-100000"));
    }
    if spec.allowed_domains.len() > env.settings.orgs.max_allowed_domains {
        let max = env.settings.orgs.max_allowed_domains;
        return Err(Error::invalid("allowed_email_domains", format!("at most {max} domains")));
    }
    let mut domains = Vec::new();
    for d in &spec.allowed_domains {
        let d = d.trim().trim_start_matches('@').to_ascii_lowercase();
        if !is_valid_domain(&d) {
            return Err(Error::invalid("allowed_email_domains", format!("{d:?} is not a domain")));
        }
        if !domains.contains(&d) {
            domains.push(d);
        }
    }
    let department = match spec.department.as_deref().filter(|d| !d.is_empty()) {
        Some(raw) => Some(ids::require_department(tx, env, caller, spec.department_id_type, raw)?.id),
        None => None,
    };
    Ok((domains, department))
}

/// Approval is mandatory on several plans; otherwise it defaults to off.
fn approval(tx: &mut dyn Tx, tenant: TenantId, asked: Option<bool>) -> Result<bool> {
    let several = tx.plans(tenant)?.len() > 1;
    match asked {
        Some(false) if several => Err(OrgError::ApprovalMandatory.into()),
        Some(a) => Ok(a || several),
        None => Ok(several),
    }
}

/// Records an audit entry.
#[allow(clippy::too_many_arguments)]
pub fn audit(
    tx: &mut dyn Tx,
    env: &Env,
    tenant: TenantId,
    action: AuditAction,
    actor: Actor,
    channel: Channel,
    target_user: Option<crate::ids::UserId>,
    invitation: Option<InvitationId>,
    request: Option<crate::model::JoinRequestId>,
    detail: impl Into<String>,
) -> Result<()> {
    tx.insert_audit(&NewAuditEntry {
        tenant,
        action,
        actor,
        channel,
        target_user,
        invitation,
        request,
        detail: detail.into(),
        created_at: env.now,
    })?;
    Ok(())
}

/// Creates a shareable invitation (link, code and QR code).
pub fn create_link(tx: &mut dyn Tx, env: &Env, caller: &Caller, spec: &InviteSpec) -> Result<Invitation> {
    let acting = roles::require_inviter(tx, caller)?;
    let (allowed_domains, department) = check_spec(tx, env, caller, spec)?;
    let expires_at = spec.expiry.at(env.now)?;
    let require_approval = approval(tx, caller.tenant, spec.require_approval)?;
    let code = fresh_code(tx)?;
    let id = tx.insert_invitation(&NewInvitation {
        tenant: caller.tenant,
        code,
        kind: InvitationKind::Link,
        channel: Channel::Link,
        invitee_user: None,
        invitee_address: None,
        invitee_name: None,
        expires_at,
        max_uses: spec.max_uses,
        allowed_domains,
        department,
        require_approval,
        created_by: acting.actor,
        created_at: env.now,
    })?;
    audit(tx, env, caller.tenant, AuditAction::Invite, acting.actor, Channel::Link, None, Some(id), None, "link")?;
    load(tx, caller.tenant, id)
}

/// The channel an address is reached by, checked for shape.
pub fn channel_of(address: &str) -> Result<Channel> {
    if address.contains('@') {
        if is_valid_email(address) {
            Ok(Channel::Email)
        } else {
            Err(OrgError::InviteeContactInvalid { field: "email" }.into())
        }
    } else if is_valid_mobile(address) {
        Ok(Channel::Sms)
    } else {
        Err(OrgError::InviteeContactInvalid { field: "mobile" }.into())
    }
}

/// Refuses an invitee who is already a member (or whose membership here is frozen).
pub fn ensure_not_member(tx: &mut dyn Tx, tenant: TenantId, email: Option<&str>, mobile: Option<&str>) -> Result<()> {
    let mut found = None;
    if let Some(m) = mobile {
        found = tx.user_by_mobile(tenant, m)?;
    }
    if found.is_none()
        && let Some(e) = email
    {
        found = tx.user_by_email(tenant, e)?;
    }
    match found {
        Some(u) if u.status.is_usable() => Err(OrgError::AlreadyMember.into()),
        Some(_) => Err(OrgError::AccountInactive.into()),
        None => Ok(()),
    }
}

/// What inviting one person by email or SMS came to.
#[derive(Debug, Clone, PartialEq)]
pub enum PersonalInvite {
    Sent(Invitation),
    /// Refused because the organization is full; the refused notification is recorded with why.
    Refused(OrgError),
}

/// Invites one person by email or SMS: a single-use invitation that holds a seat (or a place
/// under the member limit) until it is redeemed, expires or is revoked.
pub fn invite_person(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    spec: &InviteSpec,
    address: &str,
    name: Option<&str>,
    link_base: &str,
) -> Result<PersonalInvite> {
    let acting = roles::require_inviter(tx, caller)?;
    let address = address.trim();
    let channel = channel_of(address)?;
    let (allowed_domains, department) = check_spec(tx, env, caller, spec)?;
    if channel == Channel::Email
        && !allowed_domains.is_empty()
        && !email_domain(address).is_some_and(|d| allowed_domains.contains(&d))
    {
        return Err(OrgError::EmailDomainNotAllowed.into());
    }
    let (email, mobile) = if channel == Channel::Email { (Some(address), None) } else { (None, Some(address)) };
    ensure_not_member(tx, caller.tenant, email, mobile)?;
    let expires_at = spec.expiry.at(env.now)?;
    let require_approval = approval(tx, caller.tenant, spec.require_approval)?;
    seats::lock(tx, caller.tenant)?;
    let org = tx.tenant(caller.tenant)?.map(|t| t.name).unwrap_or_default();
    let target = seats::resolve(tx, caller.tenant, SeatChoice::Auto, department, true)?;
    let room = seats::ensure_member_room(tx, caller.tenant, env.now, 1);
    if let Err(Error::Org(e)) = room.and_then(|_| seats::check_free(tx, caller.tenant, env.now, target))
        && e.is_full()
    {
        notices::record_refused(tx, env, caller.tenant, channel, address, &org, &e)?;
        return Ok(PersonalInvite::Refused(e));
    }
    let code = fresh_code(tx)?;
    let id = tx.insert_invitation(&NewInvitation {
        tenant: caller.tenant,
        code,
        kind: InvitationKind::Personal,
        channel,
        invitee_user: None,
        invitee_address: Some(address.to_owned()),
        invitee_name: name.map(str::to_owned),
        expires_at,
        max_uses: Some(1),
        allowed_domains,
        department,
        require_approval,
        created_by: acting.actor,
        created_at: env.now,
    })?;
    let grant = Grant {
        holder: SeatHolder::Invitation(id),
        reason: SeatReason::PendingInvitation,
        by: acting.actor,
        expires_at,
    };
    seats::take(tx, env, caller.tenant, target, grant)?;
    let inv = load(tx, caller.tenant, id)?;
    notices::queue(tx, env, &inv, None, &org, link_base)?;
    audit(tx, env, caller.tenant, AuditAction::Invite, acting.actor, channel, None, Some(id), None, address)?;
    Ok(PersonalInvite::Sent(inv))
}

/// An invitation of the caller's tenant.
pub fn load(tx: &mut dyn Tx, tenant: TenantId, id: InvitationId) -> Result<Invitation> {
    tx.invitation(tenant, id)?.ok_or_else(|| OrgError::InvitationNotFound.into())
}

/// An invitation the caller may see: admins see all, members their own.
pub fn get(tx: &mut dyn Tx, caller: &Caller, id: InvitationId) -> Result<Invitation> {
    let acting = roles::require_inviter(tx, caller)?;
    let inv = load(tx, caller.tenant, id)?;
    if !acting.is_admin() && inv.created_by != acting.actor {
        return Err(OrgError::InvitationNotFound.into());
    }
    Ok(inv)
}

/// Lists invitations, newest first: admins see all, members their own.
pub fn list(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    active_only: bool,
    before: Option<InvitationId>,
    limit: u32,
) -> Result<Page<Invitation>> {
    let acting = roles::require_inviter(tx, caller)?;
    let filter = InvitationFilter {
        created_by: (!acting.is_admin()).then_some(acting.actor),
        active_at: active_only.then_some(env.now),
    };
    let rows = tx.invitations(caller.tenant, filter, before, limit + 1)?;
    Ok(page_of(rows, limit, |i| i.id.0))
}

/// Revokes an invitation at once, giving back its seat reservation. Admins may revoke any;
/// members their own. Revoking twice changes nothing.
pub fn revoke(tx: &mut dyn Tx, env: &Env, caller: &Caller, id: InvitationId) -> Result<Invitation> {
    let acting: Acting = roles::require_inviter(tx, caller)?;
    let inv = get(tx, caller, id)?;
    if inv.revoked_at.is_some() {
        return Ok(inv);
    }
    seats::lock(tx, caller.tenant)?;
    tx.revoke_invitation(caller.tenant, id, env.now)?;
    seats::release(tx, env, caller.tenant, SeatHolder::Invitation(id))?;
    audit(
        tx,
        env,
        caller.tenant,
        AuditAction::Revoke,
        acting.actor,
        Channel::Admin,
        inv.invitee_user,
        Some(id),
        None,
        "",
    )?;
    load(tx, caller.tenant, id)
}

/// Why an invitation cannot be redeemed now, if it cannot.
pub fn unusable(inv: &Invitation, now: Timestamp) -> Option<OrgError> {
    if inv.revoked_at.is_some() {
        Some(OrgError::InvitationRevoked)
    } else if inv.is_expired(now) {
        Some(OrgError::InvitationExpired)
    } else if inv.is_used_up() {
        Some(OrgError::InvitationUsedUp)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_kinds() {
        let now = Timestamp::from_secs(1_000);
        assert_eq!(Expiry::parse(None, None).unwrap().at(now).unwrap(), Some(now.plus_millis(7 * Timestamp::DAY)));
        assert_eq!(Expiry::parse(Some("30d"), None).unwrap(), Expiry::Days(30));
        assert_eq!(Expiry::parse(Some("never"), None).unwrap().at(now).unwrap(), None);
        assert_eq!(
            Expiry::parse(Some("custom"), Some(2_000)).unwrap().at(now).unwrap(),
            Some(Timestamp::from_secs(2_000))
        );
        assert!(Expiry::parse(Some("custom"), Some(500)).unwrap().at(now).is_err(), "past");
        assert!(Expiry::parse(Some("custom"), None).is_err());
        assert!(Expiry::parse(Some("7d"), Some(5)).is_err());
        assert!(Expiry::parse(Some("1y"), None).is_err());
    }

    #[test]
    fn codes() {
        let c = random_code();
        assert_eq!(normalize_code(&c.to_lowercase()), Some(c));
        assert_eq!(normalize_code("ABCD0FGH"), None, "no zero");
        assert_eq!(normalize_code("ABC"), None);
    }

    #[test]
    fn invitation_states() {
        let now = Timestamp::from_secs(100);
        let inv = Invitation {
            id: InvitationId(1),
            tenant: TenantId(1),
            code: "ABCDEFGH".into(),
            kind: InvitationKind::Link,
            channel: Channel::Link,
            invitee_user: None,
            invitee_address: None,
            invitee_name: None,
            expires_at: Some(Timestamp::from_secs(200)),
            max_uses: Some(2),
            uses: 1,
            allowed_domains: vec![],
            department: None,
            require_approval: false,
            created_by: Actor::System,
            created_at: now,
            revoked_at: None,
        };
        let cases = [
            (inv.clone(), now, None),
            (inv.clone(), Timestamp::from_secs(200), Some(OrgError::InvitationExpired)),
            (Invitation { uses: 2, ..inv.clone() }, now, Some(OrgError::InvitationUsedUp)),
            (Invitation { revoked_at: Some(now), uses: 2, ..inv.clone() }, now, Some(OrgError::InvitationRevoked)),
            (Invitation { expires_at: None, max_uses: None, uses: 99, ..inv }, Timestamp(i64::MAX), None),
        ];
        for (i, at, want) in cases {
            assert_eq!(unusable(&i, at), want);
        }
    }

    #[test]
    fn addresses() {
        assert_eq!(channel_of("a@b.co").unwrap(), Channel::Email);
        assert_eq!(channel_of("+15550000001").unwrap(), Channel::Sms);
        assert_eq!(channel_of("a@b"), Err(OrgError::InviteeContactInvalid { field: "email" }.into()));
        assert_eq!(channel_of("call me"), Err(OrgError::InviteeContactInvalid { field: "mobile" }.into()));
        assert_eq!(email_domain("X@Example.COM").as_deref(), Some("example.com"));
    }
}
