//! The tenant's chat policy and its collaborations with other tenants.

use crate::http::errors::ApiError;
use crate::http::extract::{AnyCaller, Json, Path};
use crate::http::reply::{Reply, empty};
use crate::state::AppState;
use axum::extract::State;
use roster_domain::model::{Allowed, ChatPolicy};
use roster_domain::services::chats::policy::{self, Partner, PolicyChange};
use roster_proto::chat_admin as wire;
use roster_proto::envelope::Empty;

fn policy_to_wire(p: &ChatPolicy) -> wire::ChatPolicy {
    wire::ChatPolicy {
        members_may_add_external: p.members_may_add_external,
        group_creation: p.group_creation.as_str().into(),
        member_addition: p.member_addition.as_str().into(),
        public_chats: p.public_chats,
        max_chat_members: p.max_chat_members,
    }
}

fn allowed(field: &str, v: Option<&str>) -> Result<Option<Allowed>, ApiError> {
    match v {
        None => Ok(None),
        Some(s) => {
            Allowed::parse(s).map(Some).ok_or_else(|| ApiError::invalid(field, "must be everyone or tenant_admins"))
        }
    }
}

pub async fn get_policy(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
) -> Result<Reply<wire::ChatPolicy>, ApiError> {
    let p = state.db.read(move |tx| policy::get_policy(tx, &caller)).await?;
    Ok(Reply(policy_to_wire(&p)))
}

pub async fn patch_policy(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Json(b): Json<wire::ChatPolicyPatch>,
) -> Result<Reply<wire::ChatPolicy>, ApiError> {
    let change = PolicyChange {
        members_may_add_external: b.members_may_add_external,
        group_creation: allowed("group_creation", b.group_creation.as_deref())?,
        member_addition: allowed("member_addition", b.member_addition.as_deref())?,
        public_chats: b.public_chats,
        max_chat_members: b.max_chat_members,
    };
    let env = state.env();
    let p = state.db.write(move |tx| policy::update_policy(tx, &env, &caller, &change)).await?;
    Ok(Reply(policy_to_wire(&p)))
}

fn partner_to_wire(me: roster_domain::ids::TenantId, p: &Partner) -> wire::Collaboration {
    let c = &p.collaboration;
    wire::Collaboration {
        tenant_key: p.tenant.tenant_key.clone(),
        tenant_name: p.tenant.name.clone(),
        status: if c.is_active() { "active" } else { "pending" }.into(),
        approved_by_us: c.approved_by(me),
        approved_by_them: c.approved_by(p.tenant.id),
        create_time: c.created_at.secs().to_string(),
        activate_time: c.activated_at.map(|t| t.secs().to_string()),
    }
}

pub async fn list_collaborations(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
) -> Result<Reply<wire::CollaborationList>, ApiError> {
    let me = caller.tenant;
    let list = state.db.read(move |tx| policy::list_collaborations(tx, &caller)).await?;
    Ok(Reply(wire::CollaborationList { items: list.iter().map(|p| partner_to_wire(me, p)).collect() }))
}

pub async fn approve_collaboration(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Json(b): Json<wire::CollaborationBody>,
) -> Result<Reply<wire::CollaborationData>, ApiError> {
    let key = b.tenant_key.filter(|k| !k.is_empty()).ok_or_else(|| ApiError::invalid("tenant_key", "is required"))?;
    let (env, me) = (state.env(), caller.tenant);
    let p = state.db.write(move |tx| policy::approve_collaboration(tx, &env, &caller, &key)).await?;
    Ok(Reply(wire::CollaborationData { collaboration: partner_to_wire(me, &p) }))
}

pub async fn end_collaboration(
    State(state): State<AppState>,
    AnyCaller(caller): AnyCaller,
    Path(key): Path<String>,
) -> Result<Reply<Empty>, ApiError> {
    state.db.write(move |tx| policy::end_collaboration(tx, &caller, &key)).await?;
    Ok(empty())
}
