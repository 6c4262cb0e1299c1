//! Shaping organization objects for the wire, in the caller's id types. Names of operators are
//! looked up in the same read, so a rendering needs the transaction.

use crate::http::errors::ApiError;
use roster_domain::Timestamp;
use roster_domain::error::Result;
use roster_domain::ids::{DepartmentIdType, UserIdType};
use roster_domain::model::{
    Actor, AuditEntry, Invitation, JoinRequest, Notification, PlanUsage, Seat, SeatHolder, User,
};
use roster_domain::services::orgs::admin::GroupUsage;
use roster_domain::services::orgs::members::MemberStatus;
use roster_domain::services::orgs::{Page, invitations, notices};
use roster_domain::services::{Caller, Env};
use roster_domain::store::Tx;
use roster_proto::org as wire;

/// The id types of a request.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdTypes {
    pub user: UserIdType,
    pub department: DepartmentIdType,
}

impl IdTypes {
    pub fn parse(user: Option<&str>, department: Option<&str>) -> Result<Self, ApiError> {
        let user = match user.filter(|s| !s.is_empty()) {
            None => UserIdType::OpenId,
            Some(t) => UserIdType::parse(t)
                .ok_or_else(|| ApiError::invalid("user_id_type", "must be open_id, union_id or user_id"))?,
        };
        let department = match department.filter(|s| !s.is_empty()) {
            None => DepartmentIdType::OpenDepartmentId,
            Some(t) => DepartmentIdType::parse(t).ok_or_else(|| {
                ApiError::invalid("department_id_type", "must be open_department_id or department_id")
            })?,
        };
        Ok(IdTypes { user, department })
    }
}

/// A numeric id of Roster's own objects (`invitation_id`, `plan_id`, …).
pub fn parse_id(field: &str, raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| ApiError::invalid(field, "must be a positive integer id"))
}

/// A `page_token` (the cursor of the previous page).
pub fn parse_token(raw: Option<&str>) -> Result<Option<i64>, ApiError> {
    raw.filter(|s| !s.is_empty()).map(|s| parse_id("page_token", s)).transpose()
}

pub fn secs(t: Timestamp) -> String {
    t.secs().to_string()
}

/// Operators already rendered, by who they are.
pub type Operators = std::collections::HashMap<Actor, wire::Operator>;

/// Renders with the caller's app, id types and the server's public URL.
pub struct Render<'a> {
    pub env: &'a Env,
    pub caller: &'a Caller,
    pub ids: IdTypes,
    pub link_base: &'a str,
}

impl Render<'_> {
    pub fn user_id(&self, u: &User) -> String {
        self.env.render_user_id(&self.caller.app, self.ids.user, u)
    }

    pub fn operator(&self, tx: &mut dyn Tx, a: Actor) -> Result<wire::Operator> {
        let (id, name) = match a {
            Actor::User(uid) => match tx.user(self.caller.tenant, uid)? {
                Some(u) => (self.user_id(&u), u.name),
                None => (String::new(), String::new()),
            },
            Actor::App(aid) => match tx.app(aid)? {
                Some(app) => (app.app_id, app.name),
                None => (String::new(), String::new()),
            },
            Actor::Invitee(acc) => (String::new(), tx.account(acc)?.map(|a| a.name).unwrap_or_default()),
            Actor::System => (String::new(), "Roster".into()),
        };
        Ok(wire::Operator { kind: a.kind().into(), id, name })
    }

    /// [`Render::operator`], looked up only the first time `operators` meets this actor.
    fn operator_once(&self, tx: &mut dyn Tx, a: Actor, operators: &mut Operators) -> Result<wire::Operator> {
        if let Some(o) = operators.get(&a) {
            return Ok(o.clone());
        }
        let o = self.operator(tx, a)?;
        operators.insert(a, o.clone());
        Ok(o)
    }

    fn department_id(&self, tx: &mut dyn Tx, d: Option<roster_domain::ids::DeptId>) -> Result<Option<String>> {
        Ok(match d {
            Some(d) => {
                tx.department(self.caller.tenant, d)?.map(|d| self.env.render_department_id(self.ids.department, &d))
            }
            None => None,
        })
    }

    pub fn invitation(&self, tx: &mut dyn Tx, i: &Invitation) -> Result<wire::InvitationData> {
        let state = match invitations::unusable(i, self.env.now) {
            None => "active",
            Some(roster_domain::error::OrgError::InvitationRevoked) => "revoked",
            Some(roster_domain::error::OrgError::InvitationExpired) => "expired",
            Some(_) => "used_up",
        };
        let invitee = i.invitee_address.as_ref().map(|a| invitee(a, i.invitee_name.clone()));
        Ok(wire::InvitationData {
            invitation_id: i.id.0.to_string(),
            code: i.code.clone(),
            link: notices::link(self.link_base, &i.code),
            kind: i.kind.as_str().into(),
            channel: i.channel.as_str().into(),
            state: state.into(),
            invitee,
            expire_time: i.expires_at.map(secs),
            max_uses: i.max_uses,
            uses: i.uses,
            allowed_email_domains: i.allowed_domains.clone(),
            department_id: self.department_id(tx, i.department)?,
            require_approval: i.require_approval,
            creator: self.operator(tx, i.created_by)?,
            create_time: secs(i.created_at),
            revoke_time: i.revoked_at.map(secs),
        })
    }

    pub fn request(&self, tx: &mut dyn Tx, r: &JoinRequest) -> Result<wire::JoinRequestData> {
        let user = match r.user {
            Some(u) => tx.user(self.caller.tenant, u)?.map(|u| self.user_id(&u)),
            None => None,
        };
        Ok(wire::JoinRequestData {
            request_id: r.id.0.to_string(),
            invitation_id: r.invitation.0.to_string(),
            name: r.name.clone(),
            email: r.email.clone(),
            mobile: r.mobile.clone(),
            via: r.via.as_str().into(),
            status: r.status.as_str().into(),
            user_id: user,
            decided_by: r.decided_by.map(|a| self.operator(tx, a)).transpose()?,
            decide_time: r.decided_at.map(secs),
            create_time: secs(r.created_at),
        })
    }

    pub fn seat(&self, tx: &mut dyn Tx, s: &Seat) -> Result<wire::SeatData> {
        self.seat_held(tx, s, None, &mut Operators::default())
    }

    /// A seat whose holder may already be at hand (a member's own seat in a member list), with
    /// operators looked up once per page.
    fn seat_held(
        &self,
        tx: &mut dyn Tx,
        s: &Seat,
        member: Option<&User>,
        operators: &mut Operators,
    ) -> Result<wire::SeatData> {
        let (holder_id, holder_name) = match (s.holder, member) {
            (SeatHolder::User(u), Some(m)) if m.id == u => (self.user_id(m), m.name.clone()),
            (SeatHolder::User(u), _) => match tx.user(self.caller.tenant, u)? {
                Some(u) => (self.user_id(&u), u.name),
                None => (String::new(), String::new()),
            },
            (SeatHolder::Invitation(i), _) => {
                let name = tx.invitation(self.caller.tenant, i)?.and_then(|i| i.invitee_address).unwrap_or_default();
                (i.0.to_string(), name)
            }
            (SeatHolder::Request(r), _) => {
                (r.0.to_string(), tx.join_request(self.caller.tenant, r)?.map(|r| r.name).unwrap_or_default())
            }
        };
        Ok(wire::SeatData {
            seat_id: s.id.0.to_string(),
            plan_id: s.plan.map(|p| p.0.to_string()),
            seat_group_id: s.group.map(|g| g.0.to_string()),
            holder_type: s.holder.kind().into(),
            holder_id,
            holder_name,
            reason: s.reason.as_str().into(),
            granted_by: self.operator_once(tx, s.granted_by, operators)?,
            create_time: secs(s.created_at),
            expire_time: s.expires_at.map(secs),
        })
    }

    pub fn member(&self, tx: &mut dyn Tx, u: &User, seat: Option<&Seat>) -> Result<wire::MemberData> {
        self.listed_member(tx, u, seat, &mut Operators::default())
    }

    /// [`Render::member`] for one of a page of members: `operators` carries the operators
    /// already looked up on this page (a page's seats were mostly granted by the same few).
    pub fn listed_member(
        &self,
        tx: &mut dyn Tx,
        u: &User,
        seat: Option<&Seat>,
        operators: &mut Operators,
    ) -> Result<wire::MemberData> {
        Ok(wire::MemberData {
            user_id: self.user_id(u),
            name: u.name.clone(),
            status: MemberStatus::of(&u.status).as_str().into(),
            email: u.email.clone(),
            enterprise_email: u.enterprise_email.clone(),
            mobile: u.mobile.clone(),
            seat: seat.map(|s| self.seat_held(tx, s, Some(u), operators)).transpose()?,
        })
    }

    pub fn audit(&self, tx: &mut dyn Tx, e: &AuditEntry) -> Result<wire::AuditData> {
        let member = match e.target_user {
            Some(u) => Some(self.operator(tx, Actor::User(u))?),
            None => None,
        };
        Ok(wire::AuditData {
            audit_id: e.id.to_string(),
            action: e.action.as_str().into(),
            operator: self.operator(tx, e.actor)?,
            channel: e.channel.as_str().into(),
            member,
            invitation_id: e.invitation.map(|i| i.0.to_string()),
            request_id: e.request.map(|r| r.0.to_string()),
            detail: e.detail.clone(),
            create_time: secs(e.created_at),
        })
    }
}

pub fn invitee(address: &str, name: Option<String>) -> wire::Invitee {
    if address.contains('@') {
        wire::Invitee { email: Some(address.into()), mobile: None, name }
    } else {
        wire::Invitee { email: None, mobile: Some(address.into()), name }
    }
}

pub fn plan(p: &PlanUsage) -> wire::PlanData {
    wire::PlanData { plan_id: p.plan.id.0.to_string(), name: p.plan.name.clone(), seats: p.plan.seats, taken: p.taken }
}

pub fn group(r: &Render<'_>, tx: &mut dyn Tx, g: &GroupUsage) -> Result<wire::SeatGroupData> {
    Ok(wire::SeatGroupData {
        seat_group_id: g.group.id.0.to_string(),
        name: g.group.name.clone(),
        plan_id: g.group.plan.0.to_string(),
        seats: g.group.seats,
        taken: g.taken,
        department_id: r.department_id(tx, g.group.department)?,
    })
}

pub fn notification(n: &Notification) -> wire::NotificationData {
    wire::NotificationData {
        notification_id: n.id.0.to_string(),
        channel: n.channel.as_str().into(),
        address: n.address.clone(),
        subject: n.subject.clone(),
        body: n.body.clone(),
        status: n.status.as_str().into(),
        reason: n.reason.clone(),
        invitation_id: n.invitation.map(|i| i.0.to_string()),
        create_time: secs(n.created_at),
        send_time: n.sent_at.map(secs),
    }
}

/// A wire page from a domain page, rendering each item.
pub fn page<T, W>(p: Page<T>, mut f: impl FnMut(&T) -> Result<W>) -> Result<wire::Page<W>> {
    let items = p.items.iter().map(&mut f).collect::<Result<Vec<_>>>()?;
    Ok(wire::Page { items, has_more: p.next.is_some(), page_token: p.next.map(|n| n.to_string()) })
}
