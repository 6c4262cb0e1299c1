//! Department events: `contact.department.created_v3`, `…updated_v3` (with `old_object` holding
//! only the fields that changed), `…deleted_v3`. Ids are open ids of the receiving app.

use super::{Renderer, decode, envelope};
use roster_domain::error::Result;
use roster_domain::events::departments::{DepartmentCreated, DepartmentDeleted, DepartmentSnapshot, DepartmentUpdated};
use roster_domain::model::{App, DomainEvent, ROOT_DEPARTMENT_ID, StoredEvent};
use roster_proto::events::EventHeader;
use roster_proto::events::departments as wire;

/// The department as `app` sees it in an event, every field present.
fn department_event(r: &Renderer<'_>, app: &App, s: &DepartmentSnapshot) -> wire::DepartmentEvent {
    let d = &s.department;
    let parent = d.parent.map(|p| {
        if s.parent_is_root {
            ROOT_DEPARTMENT_ID.to_owned()
        } else {
            r.env.codec.encode(roster_domain::codec::IdKind::Department, 0, p.0)
        }
    });
    wire::DepartmentEvent {
        name: Some(d.name.clone()),
        parent_department_id: parent,
        department_id: Some(d.department_id.clone()),
        open_department_id: Some(r.env.open_department_id(d)),
        leader_user_id: d.leader.map(|l| r.env.open_id(app, l)),
        chat_id: d.chat.map(|c| r.env.chat_id(c)),
        order: Some(d.order),
        unit_ids: Some(d.unit_ids.clone()),
        status: Some(wire::DepartmentStatus { is_deleted: d.deleted }),
        leaders: Some(
            d.leaders
                .iter()
                .map(|l| wire::DepartmentLeader { leader_type: l.leader_type, leader_id: r.env.open_id(app, l.user) })
                .collect(),
        ),
    }
}

/// The fields of `old` that differ from `new`; a field that went away shows as empty.
fn changed(old: wire::DepartmentEvent, new: &wire::DepartmentEvent) -> wire::DepartmentEvent {
    fn keep<T: PartialEq + Default>(old: Option<T>, new: &Option<T>) -> Option<T> {
        if &old == new { None } else { Some(old.unwrap_or_default()) }
    }
    wire::DepartmentEvent {
        name: keep(old.name, &new.name),
        parent_department_id: keep(old.parent_department_id, &new.parent_department_id),
        department_id: keep(old.department_id, &new.department_id),
        open_department_id: keep(old.open_department_id, &new.open_department_id),
        leader_user_id: keep(old.leader_user_id, &new.leader_user_id),
        chat_id: keep(old.chat_id, &new.chat_id),
        order: keep(old.order, &new.order),
        unit_ids: keep(old.unit_ids, &new.unit_ids),
        status: keep(old.status, &new.status),
        leaders: keep(old.leaders, &new.leaders),
    }
}

pub fn render(r: &mut Renderer<'_>, app: &App, header: EventHeader, ev: &StoredEvent) -> Result<Option<String>> {
    let body = match ev.event_type.as_str() {
        DepartmentCreated::EVENT_TYPE => {
            let e: DepartmentCreated = decode(ev)?;
            envelope(header, wire::DepartmentCreated { object: department_event(r, app, &e.department) })?
        }
        DepartmentUpdated::EVENT_TYPE => {
            let e: DepartmentUpdated = decode(ev)?;
            let object = department_event(r, app, &e.department);
            let old_object = changed(department_event(r, app, &e.old), &object);
            envelope(header, wire::DepartmentUpdated { object, old_object })?
        }
        DepartmentDeleted::EVENT_TYPE => {
            let e: DepartmentDeleted = decode(ev)?;
            let object = department_event(r, app, &e.department);
            let old_object = wire::OldDepartmentObject {
                status: wire::DepartmentStatus { is_deleted: false },
                open_department_id: r.env.open_department_id(&e.department.department),
            };
            envelope(header, wire::DepartmentDeleted { object, old_object })?
        }
        _ => return Ok(None),
    };
    Ok(Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_object_keeps_only_what_changed() {
        let new = wire::DepartmentEvent {
            name: Some("New".into()),
            order: Some(1),
            leader_user_id: None,
            ..Default::default()
        };
        let old = wire::DepartmentEvent {
            name: Some("Old".into()),
            order: Some(1),
            leader_user_id: Some("ou_x".into()),
            ..Default::default()
        };
        let got = changed(old, &new);
        assert_eq!(
            got,
            wire::DepartmentEvent {
                name: Some("Old".into()),
                leader_user_id: Some("ou_x".into()),
                ..Default::default()
            }
        );
        let gained = changed(
            wire::DepartmentEvent::default(),
            &wire::DepartmentEvent { chat_id: Some("oc_1".into()), ..Default::default() },
        );
        assert_eq!(gained.chat_id.as_deref(), Some(""), "a field the department gained was empty before");
    }
}
