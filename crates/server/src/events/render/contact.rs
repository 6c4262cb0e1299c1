//! Contact events: `contact.user.created_v3`, `…updated_v3`, `…deleted_v3`.

use super::{Renderer, decode, envelope};
use roster_domain::error::{Error, Result};
use roster_domain::events::contact::{UserCreated, UserDeleted, UserUpdated};
use roster_domain::model::{App, DomainEvent, StoredEvent, User};
use roster_proto::events::EventHeader;
use roster_proto::events::contact as wire;
use serde_json::{Map, Value};

fn department_ids(r: &mut Renderer<'_>, u: &User) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(u.departments.len());
    for m in &u.departments {
        if let Some(d) = r.tx.department(u.tenant, m.department)? {
            out.push(r.env.open_department_id(&d));
        }
    }
    Ok(out)
}

/// The user as `app` sees it in a contact event.
pub fn user_event(r: &mut Renderer<'_>, app: &App, u: &User) -> Result<wire::UserEvent> {
    let depts = department_ids(r, u)?;
    let orders = u
        .departments
        .iter()
        .zip(&depts)
        .map(|(m, id)| wire::UserOrder {
            department_id: id.clone(),
            user_order: m.user_order,
            department_order: m.department_order,
            is_primary_dept: m.is_primary,
        })
        .collect();
    Ok(wire::UserEvent {
        open_id: r.env.open_id(app, u.id),
        union_id: r.env.union_id(app, u.id),
        user_id: u.user_id.clone(),
        name: u.name.clone(),
        en_name: u.en_name.clone(),
        nickname: u.nickname.clone(),
        email: u.email.clone(),
        enterprise_email: u.enterprise_email.clone(),
        job_title: u.job_title.clone(),
        mobile: u.mobile.clone(),
        mobile_visible: u.mobile_visible,
        gender: u.gender,
        avatar: None,
        status: wire::UserStatus {
            is_frozen: u.status.is_frozen,
            is_resigned: u.status.is_resigned,
            is_activated: u.status.is_activated,
            is_exited: u.status.is_exited,
            is_unjoin: u.status.is_unjoin,
        },
        department_ids: depts,
        leader_user_id: u.leader.map(|l| r.env.open_id(app, l)),
        city: u.city.clone(),
        country: u.country.clone(),
        work_station: u.work_station.clone(),
        join_time: u.join_time,
        is_tenant_manager: u.is_tenant_manager,
        employee_no: u.employee_no.clone(),
        employee_type: u.employee_type,
        orders,
        custom_attrs: u.custom_attrs.as_deref().and_then(|a| serde_json::from_str(a).ok()),
    })
}

fn as_map(u: &wire::UserEvent) -> Result<Map<String, Value>> {
    match serde_json::to_value(u) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::Internal("a user event is not a JSON object".into())),
        Err(e) => Err(Error::Internal(format!("a user event failed to serialize: {e}"))),
    }
}

/// The empty value of `v`'s JSON type: what a field that was absent "was".
fn empty_like(v: &Value) -> Value {
    match v {
        Value::String(_) => Value::String(String::new()),
        Value::Array(_) => Value::Array(Vec::new()),
        Value::Object(_) => Value::Object(Map::new()),
        Value::Bool(_) => Value::Bool(false),
        Value::Number(_) => Value::from(0),
        Value::Null => Value::Null,
    }
}

/// `old_object` of `contact.user.updated_v3`: only the fields whose rendering changed, with
/// their old values (as the app sees them: ids in its own open_id scope).
pub fn changed_fields(new: &wire::UserEvent, old: &wire::UserEvent) -> Result<Map<String, Value>> {
    let (new, old) = (as_map(new)?, as_map(old)?);
    let mut out = Map::new();
    for (k, was) in &old {
        if new.get(k) != Some(was) {
            out.insert(k.clone(), was.clone());
        }
    }
    for (k, now) in &new {
        if !old.contains_key(k) {
            out.insert(k.clone(), empty_like(now));
        }
    }
    Ok(out)
}

pub fn render(r: &mut Renderer<'_>, app: &App, header: EventHeader, ev: &StoredEvent) -> Result<Option<String>> {
    let body = match ev.event_type.as_str() {
        UserCreated::EVENT_TYPE => {
            let e: UserCreated = decode(ev)?;
            envelope(header, wire::UserCreated { object: user_event(r, app, &e.user)? })?
        }
        UserUpdated::EVENT_TYPE => {
            let e: UserUpdated = decode(ev)?;
            let object = user_event(r, app, &e.user)?;
            let old_object = changed_fields(&object, &user_event(r, app, &e.old)?)?;
            envelope(header, wire::UserUpdated { object, old_object })?
        }
        UserDeleted::EVENT_TYPE => {
            let e: UserDeleted = decode(ev)?;
            let object = user_event(r, app, &e.user)?;
            let old_object =
                wire::OldUserObject { department_ids: object.department_ids.clone(), open_id: object.open_id.clone() };
            envelope(header, wire::UserDeleted { object, old_object })?
        }
        _ => return Ok(None),
    };
    Ok(Some(body))
}
