//! Meeting events: started, ended, a participant joined or left.

use super::{Renderer, decode, envelope};
use roster_domain::error::Result;
use roster_domain::events::Operator;
use roster_domain::events::meetings::{
    JoinMeeting, LeaveMeeting, MeetingEnded, MeetingParticipantRef, MeetingSnapshot, MeetingStarted,
};
use roster_domain::ids::{TenantId, UserId};
use roster_domain::model::{App, DomainEvent, StoredEvent};
use roster_proto::events::EventHeader;
use roster_proto::events::vc as wire;

/// Meetings live in one tenant: the event's.
fn user(r: &mut Renderer<'_>, app: &App, tenant: TenantId, u: UserId, role: i64) -> Result<wire::MeetingEventUser> {
    Ok(wire::MeetingEventUser { id: r.user_ids(app, tenant, u, None)?, user_role: role, user_type: 1 })
}

fn meeting(
    r: &mut Renderer<'_>,
    app: &App,
    tenant: TenantId,
    m: &MeetingSnapshot,
) -> Result<wire::MeetingEventMeeting> {
    let host_user = match m.host {
        Some(h) => Some(user(r, app, tenant, h, 2)?),
        None => None,
    };
    let owner = match m.owner {
        Some(o) => Some(user(r, app, tenant, o, if Some(o) == m.host { 2 } else { 1 })?),
        None => None,
    };
    Ok(wire::MeetingEventMeeting {
        id: m.meeting.0.to_string(),
        topic: m.topic.clone(),
        meeting_no: m.meeting_no.clone(),
        meeting_source: 1,
        start_time: m.start_time.to_string(),
        end_time: m.end_time.to_string(),
        host_user,
        owner,
    })
}

fn operator(r: &mut Renderer<'_>, app: &App, op: &Operator) -> Result<wire::MeetingEventUser> {
    let (id, _) = r.operator(app, op)?;
    Ok(wire::MeetingEventUser { id, user_role: 1, user_type: 1 })
}

fn participant(
    r: &mut Renderer<'_>,
    app: &App,
    tenant: TenantId,
    p: &MeetingParticipantRef,
) -> Result<wire::MeetingEventUser> {
    Ok(wire::MeetingEventUser {
        id: r.user_ids(app, tenant, p.user, None)?,
        user_role: p.user_role,
        user_type: p.user_type,
    })
}

pub fn render(r: &mut Renderer<'_>, app: &App, header: EventHeader, ev: &StoredEvent) -> Result<Option<String>> {
    let t = ev.tenant;
    let body = match ev.event_type.as_str() {
        MeetingStarted::EVENT_TYPE => {
            let e: MeetingStarted = decode(ev)?;
            let body = wire::MeetingEvent {
                meeting: meeting(r, app, t, &e.meeting)?,
                operator: operator(r, app, &e.operator)?,
            };
            envelope(header, body)?
        }
        MeetingEnded::EVENT_TYPE => {
            let e: MeetingEnded = decode(ev)?;
            let body = wire::MeetingEvent {
                meeting: meeting(r, app, t, &e.meeting)?,
                operator: operator(r, app, &e.operator)?,
            };
            envelope(header, body)?
        }
        JoinMeeting::EVENT_TYPE => {
            let e: JoinMeeting = decode(ev)?;
            let body = wire::MeetingEvent {
                meeting: meeting(r, app, t, &e.meeting)?,
                operator: participant(r, app, t, &e.operator)?,
            };
            envelope(header, body)?
        }
        LeaveMeeting::EVENT_TYPE => {
            let e: LeaveMeeting = decode(ev)?;
            let who = participant(r, app, t, &e.operator)?;
            let body = wire::LeaveMeeting {
                meeting: meeting(r, app, t, &e.meeting)?,
                operator: who.clone(),
                leave_reason: e.leave_reason,
                leave_user: who,
            };
            envelope(header, body)?
        }
        _ => return Ok(None),
    };
    Ok(Some(body))
}
