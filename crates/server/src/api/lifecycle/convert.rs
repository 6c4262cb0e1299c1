//! Shaping lifecycle objects for the wire, in the caller's id types. Times are Unix seconds in
//! strings.

use crate::http::errors::ApiError;
use roster_domain::Timestamp;
use roster_domain::ids::{UserId, UserIdType};
use roster_domain::model::{Account, AccountStatus, App, Dissolution, Tenant, TenantStatus, User};
use roster_domain::services::Env;
use roster_domain::services::lifecycle::status::DepartureView;
use roster_proto::lifecycle as wire;
use serde::Deserialize;

/// `?user_id_type=` of Roster's lifecycle endpoints.
#[derive(Debug, Default, Deserialize)]
pub struct IdTypeQuery {
    pub user_id_type: Option<String>,
}

impl IdTypeQuery {
    pub fn id_type(&self) -> Result<UserIdType, ApiError> {
        match self.user_id_type.as_deref().filter(|s| !s.is_empty()) {
            None => Ok(UserIdType::OpenId),
            Some(t) => UserIdType::parse(t)
                .ok_or_else(|| ApiError::invalid("user_id_type", "must be open_id, union_id or user_id")),
        }
    }
}

pub fn secs(t: Timestamp) -> String {
    t.secs().to_string()
}

pub fn member_ids(env: &Env, app: &App, user: &User) -> wire::MemberIds {
    wire::MemberIds {
        user_id: user.user_id.clone(),
        open_id: env.open_id(app, user.id),
        union_id: env.union_id(app, user.id),
    }
}

/// A user named by internal id, in `id_type`: the user_id needs the row (`known`); an id of a
/// user no longer there renders empty.
pub fn render_id(env: &Env, app: &App, id_type: UserIdType, id: UserId, known: &[User]) -> String {
    match id_type {
        UserIdType::UserId => known.iter().find(|u| u.id == id).map(|u| u.user_id.clone()).unwrap_or_default(),
        UserIdType::OpenId => env.open_id(app, id),
        UserIdType::UnionId => env.union_id(app, id),
    }
}

pub fn account_info(a: &Account) -> wire::AccountInfo {
    wire::AccountInfo {
        name: a.name.clone(),
        email: a.email.clone(),
        mobile: a.mobile.clone(),
        status: match a.status {
            AccountStatus::Active => "active",
            AccountStatus::Deleted => "deleted",
        }
        .into(),
    }
}

pub fn tenant_info(t: &Tenant, personal: bool) -> wire::TenantInfo {
    wire::TenantInfo {
        tenant_key: t.tenant_key.clone(),
        name: t.name.clone(),
        kind: if personal { "personal" } else { "organization" }.into(),
        status: t.status.as_str().into(),
        dissolve_time: t.dissolve_at.filter(|_| t.status == TenantStatus::Dissolving).map(secs),
    }
}

pub fn dissolution(env: &Env, app: &App, id_type: UserIdType, d: &Dissolution, known: &[User]) -> wire::Dissolution {
    wire::Dissolution {
        state: d.state.as_str().into(),
        requested_by: render_id(env, app, id_type, d.requested_by, known),
        request_time: secs(d.requested_at),
        effective_time: secs(d.effective_at),
        cancel_time: d.cancelled_at.map(secs),
        complete_time: d.completed_at.map(secs),
    }
}

pub fn departure(env: &Env, app: &App, id_type: UserIdType, v: &DepartureView) -> wire::DepartureData {
    let d = &v.departure;
    let a = &d.acceptors;
    let id = |u: Option<UserId>| u.map(|u| render_id(env, app, id_type, u, &v.named));
    wire::DepartureData {
        user_id: env.render_user_id(app, id_type, &v.user),
        kind: d.kind.as_str().into(),
        state: d.state.as_str().into(),
        departed_time: secs(d.departed_at),
        restorable_until: secs(d.purge_at),
        resign_time: d.resign_at.map(secs),
        acceptors: wire::Acceptors {
            department_chat_acceptor_user_id: id(a.department_chat),
            external_chat_acceptor_user_id: id(a.external_chat),
            docs_acceptor_user_id: id(a.docs),
            calendar_acceptor_user_id: id(a.calendar),
            application_acceptor_user_id: id(a.application),
            minutes_acceptor_user_id: id(a.minutes),
            survey_acceptor_user_id: id(a.survey),
            anycross_acceptor_user_id: id(a.anycross),
            email_acceptor: a.email.map(|e| wire::EmailAcceptorBody {
                processing_type: Some(e.processing_type),
                acceptor_user_id: id(e.acceptor),
            }),
        },
        chats_left: v.chats_left,
        chats_transferred: v.chats_transferred,
        chats_dissolved: v.chats_dissolved,
    }
}
