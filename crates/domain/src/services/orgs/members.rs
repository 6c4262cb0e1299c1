//! Members: an admin adds one (with a business email, a work email, or sign-in by mobile), the
//! Invited → Inactive → Active statuses, the members list, and Remind. New members from
//! invitations and approvals are inserted here too.

use crate::error::{ContactError, Error, OrgError, Result};
use crate::events::contact::{UserCreated, UserUpdated};
use crate::ids::{AccountId, DeptId, TenantId, UserId};
use crate::model::{
    AuditAction, Channel, Invitation, InvitationKind, NewAccount, NewEvent, NewInvitation, NewUser, Seat, SeatHolder,
    SeatReason, User, UserDepartment, UserStatus,
};
use crate::services::orgs::invitations::{self, audit, fresh_code};
use crate::services::orgs::seats::{self, SeatChoice};
use crate::services::orgs::{Page, notices, page_of, roles};
use crate::services::users::{self, IdTypes, UserFields, UserView};
use crate::services::{Caller, Env};
use crate::store::Tx;

/// A member's place in Lark's invitation flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberStatus {
    /// Sent an invitation; has not accepted it.
    Invited,
    /// Accepted; has not signed in yet.
    Inactive,
    Active,
    Frozen,
    Resigned,
}

impl MemberStatus {
    pub fn of(s: &UserStatus) -> Self {
        if s.is_resigned || s.is_exited {
            MemberStatus::Resigned
        } else if s.is_frozen {
            MemberStatus::Frozen
        } else if s.is_unjoin {
            MemberStatus::Invited
        } else if !s.is_activated {
            MemberStatus::Inactive
        } else {
            MemberStatus::Active
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Invited => "invited",
            MemberStatus::Inactive => "inactive",
            MemberStatus::Active => "active",
            MemberStatus::Frozen => "frozen",
            MemberStatus::Resigned => "resigned",
        }
    }
}

/// The login email an added member signs in with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginEmailType {
    /// `prefix@<mail domain>`, with a password the admin sets or Roster generates.
    Business,
    /// The member's own work email.
    Work,
    /// Neither: the member signs in with their mobile number.
    Skip,
}

impl LoginEmailType {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "business" => Some(Self::Business),
            "work" => Some(Self::Work),
            "skip" => Some(Self::Skip),
            _ => None,
        }
    }
}

/// What an admin fills in to add a member.
#[derive(Debug, Clone, PartialEq)]
pub struct AddMember {
    pub name: String,
    /// In `id_types.department`; at least one.
    pub department_ids: Vec<String>,
    /// Workforce type (Lark's employee_type 1-5).
    pub employee_type: Option<i64>,
    pub login_email_type: LoginEmailType,
    /// The part before `@` of the business email; derived from the name when absent.
    pub business_email_prefix: Option<String>,
    pub work_email: Option<String>,
    pub mobile: Option<String>,
    pub user_id: Option<String>,
    /// The business-email password and its argon2 hash (hashed by the caller, off the writer).
    pub password: Option<(String, String)>,
    pub seat: SeatChoice,
}

/// An added member, with the password shown once (business email only) and the invitation sent.
#[derive(Debug, Clone, PartialEq)]
pub struct AddedMember {
    pub member: UserView,
    pub business_email: Option<String>,
    pub password: Option<String>,
    pub invitation: Invitation,
    pub seat: Option<Seat>,
}

/// The rules of an add request that need no store.
pub fn validate_add(m: &AddMember, min_password_len: usize) -> Result<()> {
    let has = |s: &Option<String>| s.as_deref().is_some_and(|v| !v.trim().is_empty());
    match m.login_email_type {
        LoginEmailType::Work if !has(&m.work_email) => {
            return Err(Error::invalid("work_email", "is required when login_email_type is work"));
        }
        LoginEmailType::Skip if !has(&m.mobile) => {
            return Err(Error::invalid("mobile", "is required when login_email_type is skip (sign-in by mobile)"));
        }
        _ => {}
    }
    if let Some(p) = &m.business_email_prefix
        && !is_valid_prefix(p)
    {
        return Err(Error::invalid(
            "business_email_prefix",
            "1-64 of a-z, 0-9, '.', '_' or '-', starting with a letter or digit",
        ));
    }
    if let Some((p, _)) = &m.password
        && p.chars().count() < min_password_len
    {
        return Err(Error::invalid("password", format!("must be at least {min_password_len} characters")));
    }
    Ok(())
}

fn is_valid_prefix(p: &str) -> bool {
    let mut chars = p.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && p.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// `Ada Lovelace` → `ada.lovelace`; `None` when nothing ASCII is left.
pub fn derive_prefix(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let p = words.join(".");
    (!p.is_empty() && p.len() <= 64).then_some(p)
}

/// A business address no account uses yet: the explicit prefix (taken → 41002), or the derived
/// one with a number added until free.
fn business_address(tx: &mut dyn Tx, m: &AddMember, domain: &str) -> Result<String> {
    if let Some(p) = &m.business_email_prefix {
        let a = format!("{p}@{domain}");
        return if tx.accounts_by_email(&a)?.is_empty() { Ok(a) } else { Err(ContactError::EmailTaken.into()) };
    }
    let base = derive_prefix(&m.name)
        .ok_or_else(|| Error::invalid("business_email_prefix", "is required when the name has no ASCII letters"))?;
    for n in 1..100 {
        let a = if n == 1 { format!("{base}@{domain}") } else { format!("{base}{n}@{domain}") };
        if tx.accounts_by_email(&a)?.is_empty() {
            return Ok(a);
        }
    }
    Err(ContactError::EmailTaken.into())
}

/// Makes `user` sign in with the business address and password: the account Roster just made
/// for them is set up, or a new one is made when theirs is shared with other organizations.
fn business_login(tx: &mut dyn Tx, env: &Env, user: &mut User, address: &str, hash: &str) -> Result<()> {
    let account = tx.account(user.account)?.ok_or_else(|| Error::Internal("account vanished".into()))?;
    let fresh = account.password_hash.is_none() && tx.users_of_account(account.id)?.len() == 1;
    if fresh {
        let mut a = account;
        a.email = Some(address.to_owned());
        a.password_hash = Some(hash.to_owned());
        tx.update_account(&a)?;
    } else {
        user.account = tx.insert_account(&NewAccount {
            name: user.name.clone(),
            email: Some(address.to_owned()),
            mobile: None,
            password_hash: Some(hash.to_owned()),
            created_at: env.now,
        })?;
    }
    Ok(())
}

/// Sets a member's status flags, announcing the change as `contact.user.updated_v3`.
pub fn set_status(tx: &mut dyn Tx, env: &Env, user: &User, status: UserStatus) -> Result<User> {
    let mut updated = user.clone();
    updated.status = status;
    updated.updated_at = env.now;
    tx.update_user(&updated)?;
    tx.append_event(&NewEvent::of(updated.tenant, &UserUpdated { user: updated.clone(), old: user.clone() }, env.now))?;
    Ok(updated)
}

const INVITED: UserStatus =
    UserStatus { is_frozen: false, is_resigned: false, is_activated: false, is_exited: false, is_unjoin: true };
pub const INACTIVE: UserStatus =
    UserStatus { is_frozen: false, is_resigned: false, is_activated: false, is_exited: false, is_unjoin: false };

/// Where an added member's invitation goes: their work email, else their mobile, else the
/// business address.
fn invitation_address(m: &AddMember, business: Option<&str>) -> (Channel, String) {
    let pick = |s: &Option<String>| s.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    if let Some(e) = pick(&m.work_email) {
        (Channel::Email, e)
    } else if let Some(p) = pick(&m.mobile) {
        (Channel::Sms, p)
    } else {
        (Channel::Email, business.unwrap_or_default().to_owned())
    }
}

/// Issues (or renews) the invitation an added member accepts, and queues its message.
fn send_member_invitation(
    tx: &mut dyn Tx,
    env: &Env,
    user: &User,
    channel: Channel,
    address: &str,
    by: crate::model::Actor,
    link_base: &str,
) -> Result<Invitation> {
    let expires_at = Some(env.now.plus_millis(env.settings.orgs.member_invitation_days * crate::Timestamp::DAY));
    let code = fresh_code(tx)?;
    let id = tx.insert_invitation(&NewInvitation {
        tenant: user.tenant,
        code,
        kind: InvitationKind::Member,
        channel,
        invitee_user: Some(user.id),
        invitee_address: Some(address.to_owned()),
        invitee_name: Some(user.name.clone()),
        expires_at,
        max_uses: Some(1),
        allowed_domains: vec![],
        department: user.primary_department(),
        require_approval: false,
        created_by: by,
        created_at: env.now,
    })?;
    let inv = invitations::load(tx, user.tenant, id)?;
    let org = tx.tenant(user.tenant)?.map(|t| t.name).unwrap_or_default();
    notices::queue(tx, env, &inv, Some(user.id), &org, link_base)?;
    Ok(inv)
}

/// An admin adds a member: the contact rules (`users::create_user`), the login email, a seat on
/// paid plans, status Invited, the invitation through the notifier, and the audit entry.
pub fn add(
    tx: &mut dyn Tx,
    env: &Env,
    caller: &Caller,
    id_types: IdTypes,
    m: &AddMember,
    link_base: &str,
) -> Result<AddedMember> {
    let acting = roles::require_admin(tx, caller)?;
    validate_add(m, env.settings.orgs.min_password_len)?;
    let tenant = tx.tenant(caller.tenant)?.ok_or(Error::NotFound { what: "tenant" })?;
    let business = match m.login_email_type {
        LoginEmailType::Business => Some(business_address(tx, m, &tenant.mail_domain)?),
        _ => None,
    };
    if business.is_some() && m.password.is_none() {
        return Err(Error::Internal("a business-email add needs a password (generated by the handler)".into()));
    }
    let work_email = m.work_email.clone().filter(|e| !e.trim().is_empty());
    let fields = UserFields {
        user_id: m.user_id.clone(),
        name: Some(m.name.clone()),
        email: work_email.clone().or_else(|| business.clone()),
        mobile: m.mobile.clone(),
        department_ids: Some(m.department_ids.clone()),
        employee_type: m.employee_type,
        enterprise_email: business.clone(),
        ..UserFields::default()
    };
    let created = users::create_user(tx, env, caller, id_types, &fields, None)?;
    let mut user = created.user.clone();
    if let (Some(address), Some((_, hash))) = (&business, &m.password) {
        business_login(tx, env, &mut user, address, hash)?;
    }
    let user = set_status(tx, env, &user, INVITED)?;
    if m.seat != SeatChoice::Auto {
        seats::lock(tx, caller.tenant)?;
        let target = seats::resolve(tx, caller.tenant, m.seat, user.primary_department(), false)?;
        seats::assign(tx, env, caller.tenant, user.id, target, SeatReason::AdminAdd, acting.actor)?;
    }
    let seat = tx.live_seat_of(caller.tenant, SeatHolder::User(user.id), env.now)?;
    if let Some(s) = &seat {
        tx.transfer_seat(caller.tenant, s.id, s.holder, SeatReason::AdminAdd)?;
    }
    let (channel, address) = invitation_address(m, business.as_deref());
    let invitation = send_member_invitation(tx, env, &user, channel, &address, acting.actor, link_base)?;
    audit(
        tx,
        env,
        caller.tenant,
        AuditAction::Add,
        acting.actor,
        channel,
        Some(user.id),
        Some(invitation.id),
        None,
        &address,
    )?;
    let seat = tx.live_seat_of(caller.tenant, SeatHolder::User(user.id), env.now)?;
    Ok(AddedMember {
        member: users::view(tx, caller, user)?,
        business_email: business,
        password: m.password.as_ref().map(|(p, _)| p.clone()),
        invitation,
        seat,
    })
}

/// Remind: sends the invitation again (a fresh code when the last one expired or was revoked)
/// to a member who is still Invited or Inactive.
pub fn remind(tx: &mut dyn Tx, env: &Env, caller: &Caller, user: &User, link_base: &str) -> Result<Invitation> {
    let acting = roles::require_admin(tx, caller)?;
    match MemberStatus::of(&user.status) {
        MemberStatus::Active => return Err(OrgError::MemberAlreadyActive.into()),
        MemberStatus::Frozen | MemberStatus::Resigned => return Err(OrgError::AccountInactive.into()),
        MemberStatus::Invited | MemberStatus::Inactive => {}
    }
    let last = tx.member_invitation(caller.tenant, user.id)?;
    let (channel, address) = match &last {
        Some(i) => (i.channel, i.invitee_address.clone().unwrap_or_default()),
        None => match (&user.email, &user.mobile) {
            (Some(e), _) => (Channel::Email, e.clone()),
            (None, Some(m)) => (Channel::Sms, m.clone()),
            (None, None) => return Err(OrgError::InviteeContactInvalid { field: "email" }.into()),
        },
    };
    let reusable = last.filter(|i| {
        invitations::unusable(i, env.now).is_none() && MemberStatus::of(&user.status) == MemberStatus::Invited
    });
    let inv = match reusable {
        Some(i) => {
            let org = tx.tenant(caller.tenant)?.map(|t| t.name).unwrap_or_default();
            notices::queue(tx, env, &i, Some(user.id), &org, link_base)?;
            i
        }
        None => send_member_invitation(tx, env, user, channel, &address, acting.actor, link_base)?,
    };
    audit(
        tx,
        env,
        caller.tenant,
        AuditAction::Remind,
        acting.actor,
        channel,
        Some(user.id),
        Some(inv.id),
        None,
        &address,
    )?;
    Ok(inv)
}

/// A member with their status and seat, for lists.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRow {
    pub user: User,
    pub status: MemberStatus,
    pub seat: Option<Seat>,
}

/// Members of the organization by internal id (admins only).
pub fn list(tx: &mut dyn Tx, env: &Env, caller: &Caller, after: Option<UserId>, limit: u32) -> Result<Page<MemberRow>> {
    roles::require_admin(tx, caller)?;
    let ids = tx.member_ids(caller.tenant, after, limit + 1)?;
    let mut users = tx.users_by_ids(caller.tenant, &ids)?;
    users.sort_by_key(|u| u.id);
    let mut seats = tx.live_seats_of_users(caller.tenant, &ids, env.now)?;
    let mut rows = Vec::with_capacity(users.len());
    for user in users {
        let seat = seats.iter().position(|s| s.holder == SeatHolder::User(user.id)).map(|i| seats.swap_remove(i));
        rows.push(MemberRow { status: MemberStatus::of(&user.status), user, seat });
    }
    Ok(page_of(rows, limit, |r| r.user.id.0))
}

/// Everything needed to make a member of someone who redeemed an invitation.
#[derive(Debug, Clone)]
pub struct Joiner {
    pub tenant: TenantId,
    pub account: AccountId,
    pub name: String,
    pub email: Option<String>,
    pub mobile: Option<String>,
    pub department: Option<DeptId>,
}

/// Inserts a member who joined through an invitation (status Inactive until their first sign-in).
pub fn insert_joiner(tx: &mut dyn Tx, env: &Env, j: &Joiner) -> Result<User> {
    let department = match j.department {
        Some(d) => d,
        None => tx.root_department(j.tenant)?.ok_or_else(|| Error::Internal("tenant without root".into()))?.id,
    };
    let user_id = users::fresh_ids::fresh_user_id(tx, j.tenant)?;
    let id = tx.insert_user(&NewUser {
        tenant: j.tenant,
        account: j.account,
        user_id,
        name: j.name.clone(),
        en_name: String::new(),
        nickname: String::new(),
        email: j.email.clone(),
        mobile: j.mobile.clone(),
        mobile_visible: true,
        gender: 0,
        avatar_key: None,
        leader: None,
        city: String::new(),
        country: String::new(),
        work_station: String::new(),
        join_time: env.now.secs(),
        is_tenant_manager: false,
        employee_no: String::new(),
        employee_type: 1,
        enterprise_email: None,
        job_title: String::new(),
        custom_attrs: None,
        status: INACTIVE,
        departments: vec![UserDepartment { department, user_order: 0, department_order: 0, is_primary: true }],
        created_at: env.now,
    })?;
    let user = tx.user(j.tenant, id)?.ok_or_else(|| Error::Internal("member vanished after insert".into()))?;
    tx.append_event(&NewEvent::of(j.tenant, &UserCreated { user: user.clone() }, env.now))?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_flags() {
        let cases = [
            (INVITED, MemberStatus::Invited),
            (INACTIVE, MemberStatus::Inactive),
            (UserStatus { is_activated: true, ..INACTIVE }, MemberStatus::Active),
            (UserStatus { is_frozen: true, is_activated: true, ..INACTIVE }, MemberStatus::Frozen),
            (UserStatus { is_resigned: true, ..INACTIVE }, MemberStatus::Resigned),
        ];
        for (flags, want) in cases {
            assert_eq!(MemberStatus::of(&flags), want, "{flags:?}");
        }
    }

    #[test]
    fn business_prefixes() {
        assert_eq!(derive_prefix("Ada  Lovelace").as_deref(), Some("ada.lovelace"));
        assert_eq!(derive_prefix("Zoë O'Neil").as_deref(), Some("zo.oneil"));
        assert_eq!(derive_prefix("李雷"), None);
        assert!(is_valid_prefix("a.b-c_1"));
        assert!(!is_valid_prefix("-ab") && !is_valid_prefix("A") && !is_valid_prefix(""));
    }

    #[test]
    fn add_rules() {
        let base = AddMember {
            name: "Ada".into(),
            department_ids: vec!["0".into()],
            employee_type: Some(1),
            login_email_type: LoginEmailType::Work,
            business_email_prefix: None,
            work_email: Some("ada@example.com".into()),
            mobile: None,
            user_id: None,
            password: None,
            seat: SeatChoice::Auto,
        };
        assert!(validate_add(&base, 8).is_ok());
        assert!(validate_add(&AddMember { work_email: None, ..base.clone() }, 8).is_err());
        let skip = AddMember { login_email_type: LoginEmailType::Skip, ..base.clone() };
        assert!(validate_add(&skip, 8).is_err(), "skip needs a mobile");
        let short = AddMember { password: Some(("short".into(), "h".into())), ..base.clone() };
        assert!(validate_add(&short, 8).is_err());
        let prefix = AddMember { business_email_prefix: Some("Bad Prefix".into()), ..base };
        assert!(validate_add(&prefix, 8).is_err());
    }
}
