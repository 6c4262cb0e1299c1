//! Who receives an outbox event: the apps subscribed to its type that may see it, and the
//! deliveries that makes. A dispatcher pass plans many events at once, so the apps it reads are
//! kept in an [`AppMemo`] for the pass, and an event no app of its tenant subscribes to is not
//! even decoded.

use super::subscribes;
use crate::error::{Error, Result};
use crate::events::chats::{
    ChatDisbanded, ChatRef, ChatUpdated, MemberBotAdded, MemberBotDeleted, MemberUsersAdded, MemberUsersDeleted,
    MemberUsersWithdrawn,
};
use crate::events::contact::{UserCreated, UserDeleted, UserUpdated};
use crate::events::departments::{DepartmentCreated, DepartmentDeleted, DepartmentUpdated};
use crate::events::meetings::{JoinMeeting, LeaveMeeting, MeetingEnded, MeetingSnapshot, MeetingStarted};
use crate::ids::{AppId, TenantId};
use crate::model::{App, Department, DomainEvent, NewDelivery, StoredEvent, TokenKind, User};
use crate::services::{Caller, ids};
use crate::store::Tx;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

/// The apps read during one planning pass (one read transaction), by tenant and by id.
#[derive(Default)]
pub struct AppMemo {
    of_tenant: HashMap<TenantId, Vec<App>>,
    by_id: HashMap<AppId, Option<App>>,
}

impl AppMemo {
    /// The tenant's apps subscribed to `event_type`.
    fn subscribed(&mut self, tx: &mut dyn Tx, tenant: TenantId, event_type: &str) -> Result<Vec<App>> {
        let apps = match self.of_tenant.entry(tenant) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(tx.apps_of_tenant(tenant)?),
        };
        Ok(apps.iter().filter(|a| subscribes(a, event_type)).cloned().collect())
    }

    fn app(&mut self, tx: &mut dyn Tx, id: AppId) -> Result<Option<App>> {
        if let Some(known) = self.by_id.get(&id) {
            return Ok(known.clone());
        }
        let app = tx.app(id)?;
        self.by_id.insert(id, app.clone());
        Ok(app)
    }
}

fn decode<E: DomainEvent>(ev: &StoredEvent) -> Result<E> {
    serde_json::from_str(&ev.payload)
        .map_err(|e| Error::Internal(format!("outbox event {} ({}) does not decode: {e}", ev.seq, ev.event_type)))
}

/// A tenant-token caller for `app`, to ask the contact-scope rules about it.
fn app_caller(app: &App) -> Caller {
    Caller {
        app: Arc::new(app.clone()),
        tenant: app.tenant,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: crate::Timestamp(i64::MAX),
    }
}

fn sees_user(tx: &mut dyn Tx, app: &App, user: &User) -> Result<bool> {
    if app.tenant != user.tenant {
        return Ok(false);
    }
    ids::scope_covers_user(tx, &app_caller(app), user)
}

fn sees_department(tx: &mut dyn Tx, app: &App, dept: &Department) -> Result<bool> {
    if app.tenant != dept.tenant {
        return Ok(false);
    }
    ids::scope_covers_department(tx, &app_caller(app), dept)
}

/// The subscribed apps that see at least one of `items` (a user or department before or after
/// a change), as `sees` tells.
fn seeing<T>(
    tx: &mut dyn Tx,
    apps: Vec<App>,
    items: &[&T],
    sees: fn(&mut dyn Tx, &App, &T) -> Result<bool>,
) -> Result<Vec<App>> {
    let mut out = Vec::new();
    for app in apps {
        for item in items {
            if sees(tx, &app, item)? {
                out.push(app);
                break;
            }
        }
    }
    Ok(out)
}

/// Bots in the chat (plus `extra`, the bot a bot event is about) whose apps subscribe.
fn chat_audience(
    tx: &mut dyn Tx,
    memo: &mut AppMemo,
    chat: &ChatRef,
    extra: Option<AppId>,
    event_type: &str,
) -> Result<Vec<App>> {
    let mut ids: Vec<AppId> = chat.bots.clone();
    ids.extend(extra);
    ids.sort();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        if let Some(app) = memo.app(tx, id)?
            && app.bot_enabled
            && subscribes(&app, event_type)
        {
            out.push(app);
        }
    }
    Ok(out)
}

fn meeting_audience(
    tx: &mut dyn Tx,
    memo: &mut AppMemo,
    ev: &StoredEvent,
    meeting: &MeetingSnapshot,
) -> Result<Vec<App>> {
    let mut out = memo.subscribed(tx, ev.tenant, &ev.event_type)?;
    if !out.iter().any(|a| a.id == meeting.reserving_app)
        && let Some(app) = memo.app(tx, meeting.reserving_app)?
        && subscribes(&app, &ev.event_type)
    {
        out.push(app);
    }
    Ok(out)
}

/// The apps that receive `ev`: subscribed to its type and allowed to see it. Contact events go to
/// the tenant's apps whose contact scope covers the user or department (before or after an
/// update); chat events to the bots in the chat; meeting events to the reserving app and the
/// tenant's other apps. An event type Roster does not know has no audience.
pub fn audience(tx: &mut dyn Tx, memo: &mut AppMemo, ev: &StoredEvent) -> Result<Vec<App>> {
    let t = ev.event_type.as_str();
    let contact = matches!(
        t,
        DepartmentCreated::EVENT_TYPE
            | DepartmentDeleted::EVENT_TYPE
            | DepartmentUpdated::EVENT_TYPE
            | UserCreated::EVENT_TYPE
            | UserDeleted::EVENT_TYPE
            | UserUpdated::EVENT_TYPE
    );
    let subscribed = if contact { memo.subscribed(tx, ev.tenant, t)? } else { Vec::new() };
    if contact && subscribed.is_empty() {
        return Ok(subscribed); // nobody listens: no need to decode the payload
    }
    match t {
        DepartmentCreated::EVENT_TYPE => {
            seeing(tx, subscribed, &[&decode::<DepartmentCreated>(ev)?.department.department], sees_department)
        }
        DepartmentDeleted::EVENT_TYPE => {
            seeing(tx, subscribed, &[&decode::<DepartmentDeleted>(ev)?.department.department], sees_department)
        }
        DepartmentUpdated::EVENT_TYPE => {
            let e: DepartmentUpdated = decode(ev)?;
            seeing(tx, subscribed, &[&e.department.department, &e.old.department], sees_department)
        }
        UserCreated::EVENT_TYPE => seeing(tx, subscribed, &[&decode::<UserCreated>(ev)?.user], sees_user),
        UserDeleted::EVENT_TYPE => seeing(tx, subscribed, &[&decode::<UserDeleted>(ev)?.user], sees_user),
        UserUpdated::EVENT_TYPE => {
            let e: UserUpdated = decode(ev)?;
            seeing(tx, subscribed, &[&e.user, &e.old], sees_user)
        }
        MemberUsersAdded::EVENT_TYPE => chat_audience(tx, memo, &decode::<MemberUsersAdded>(ev)?.0.chat, None, t),
        MemberUsersDeleted::EVENT_TYPE => chat_audience(tx, memo, &decode::<MemberUsersDeleted>(ev)?.0.chat, None, t),
        MemberUsersWithdrawn::EVENT_TYPE => {
            chat_audience(tx, memo, &decode::<MemberUsersWithdrawn>(ev)?.0.chat, None, t)
        }
        MemberBotAdded::EVENT_TYPE => {
            let e = decode::<MemberBotAdded>(ev)?.0;
            chat_audience(tx, memo, &e.chat, Some(e.bot), t)
        }
        MemberBotDeleted::EVENT_TYPE => {
            let e = decode::<MemberBotDeleted>(ev)?.0;
            chat_audience(tx, memo, &e.chat, Some(e.bot), t)
        }
        ChatDisbanded::EVENT_TYPE => chat_audience(tx, memo, &decode::<ChatDisbanded>(ev)?.chat, None, t),
        ChatUpdated::EVENT_TYPE => chat_audience(tx, memo, &decode::<ChatUpdated>(ev)?.chat, None, t),
        MeetingStarted::EVENT_TYPE => meeting_audience(tx, memo, ev, &decode::<MeetingStarted>(ev)?.meeting),
        MeetingEnded::EVENT_TYPE => meeting_audience(tx, memo, ev, &decode::<MeetingEnded>(ev)?.meeting),
        JoinMeeting::EVENT_TYPE => meeting_audience(tx, memo, ev, &decode::<JoinMeeting>(ev)?.meeting),
        LeaveMeeting::EVENT_TYPE => meeting_audience(tx, memo, ev, &decode::<LeaveMeeting>(ev)?.meeting),
        _ => Ok(Vec::new()),
    }
}

/// The event_id `app` receives `ev` under: 32 hex digits derived from the event (seq, time,
/// payload) and the app, so fanning the same event out again (after a crash between sending and
/// recording) gives the same event_id, while an outbox that restarted its seqs (the emulator's
/// reset) gives new ones.
pub fn event_id(ev: &StoredEvent, app: AppId) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"roster/event-id/v1");
    h.update(ev.seq.0.to_be_bytes());
    h.update(app.0.to_be_bytes());
    h.update(ev.created_at.0.to_be_bytes());
    h.update(ev.payload.as_bytes());
    hex::encode(&h.finalize()[..16])
}

/// The deliveries an event makes, one per receiving app, each with its event_id. Only the first
/// insert for (event, app) counts, so fanning an event out twice changes nothing.
pub fn plan_deliveries(tx: &mut dyn Tx, memo: &mut AppMemo, ev: &StoredEvent) -> Result<Vec<(NewDelivery, App)>> {
    Ok(audience(tx, memo, ev)?
        .into_iter()
        .map(|app| {
            let d = NewDelivery {
                seq: ev.seq,
                app: app.id,
                tenant: app.tenant,
                event_id: event_id(ev, app.id),
                event_type: ev.event_type.clone(),
                created_at: ev.created_at,
            };
            (d, app)
        })
        .collect())
}
