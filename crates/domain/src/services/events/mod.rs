//! Event delivery use-cases: who receives an outbox event (the audience), fanning events out into
//! deliveries, an app's subscription (where and which events), and reading the delivery log and
//! the feed. Sending is the server's business; this decides and records.

mod audience;

use crate::error::{Error, Result};
use crate::events::chats::{
    ChatDisbanded, ChatUpdated, MemberBotAdded, MemberBotDeleted, MemberUsersAdded, MemberUsersDeleted,
    MemberUsersWithdrawn,
};
use crate::events::contact::{UserCreated, UserDeleted, UserUpdated};
use crate::events::departments::{DepartmentCreated, DepartmentDeleted, DepartmentUpdated};
use crate::events::meetings::{JoinMeeting, LeaveMeeting, MeetingEnded, MeetingStarted};
use crate::ids::AppId;
use crate::model::{App, DomainEvent, EventEndpoint};
use crate::services::Env;
use crate::services::tenancy::random_hex;
use crate::store::Tx;

/// Every event type Roster emits, with the area that renders it.
pub const EVENT_TYPES: &[&str] = &[
    UserCreated::EVENT_TYPE,
    UserUpdated::EVENT_TYPE,
    UserDeleted::EVENT_TYPE,
    DepartmentCreated::EVENT_TYPE,
    DepartmentUpdated::EVENT_TYPE,
    DepartmentDeleted::EVENT_TYPE,
    MemberUsersAdded::EVENT_TYPE,
    MemberUsersDeleted::EVENT_TYPE,
    MemberUsersWithdrawn::EVENT_TYPE,
    MemberBotAdded::EVENT_TYPE,
    MemberBotDeleted::EVENT_TYPE,
    ChatDisbanded::EVENT_TYPE,
    ChatUpdated::EVENT_TYPE,
    MeetingStarted::EVENT_TYPE,
    MeetingEnded::EVENT_TYPE,
    JoinMeeting::EVENT_TYPE,
    LeaveMeeting::EVENT_TYPE,
];

/// Whether an app wants events of this type at all.
pub fn subscribes(app: &App, event_type: &str) -> bool {
    app.enabled && app.event_types.iter().any(|t| t == event_type)
}

pub use audience::{AppMemo, audience, event_id, plan_deliveries};

/// A change to an app's subscription; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubscriptionChange {
    /// `Some("")` removes the URL.
    pub event_url: Option<String>,
    pub event_types: Option<Vec<String>>,
    /// `Some("")` removes the key: events then travel in plain JSON, unsigned.
    pub encrypt_key: Option<String>,
}

/// The most event types one app may subscribe to.
pub const MAX_EVENT_TYPES: usize = 100;

/// Checks a change without the store: an http(s) URL of at most 1024 bytes, known event types.
pub fn validate_subscription(c: &SubscriptionChange) -> Result<()> {
    if let Some(url) = c.event_url.as_deref().filter(|u| !u.is_empty()) {
        let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://"));
        if url.len() > 1024
            || rest.is_none_or(|r| r.is_empty() || r.starts_with('/') || r.contains(char::is_whitespace))
        {
            return Err(Error::invalid("event_url", "must be an http(s) URL of at most 1024 bytes"));
        }
    }
    if let Some(types) = &c.event_types {
        if types.len() > MAX_EVENT_TYPES {
            return Err(Error::invalid("event_types", format!("at most {MAX_EVENT_TYPES} event types")));
        }
        if let Some((i, t)) = types.iter().enumerate().find(|(_, t)| !EVENT_TYPES.contains(&t.as_str())) {
            return Err(Error::invalid(format!("event_types[{i}]"), format!("unknown event type {t:?}")));
        }
    }
    if let Some(k) = &c.encrypt_key
        && k.len() > 256
    {
        return Err(Error::invalid("encrypt_key", "at most 256 bytes"));
    }
    Ok(())
}

/// What a subscription change left behind: the app, and the endpoint to verify when the URL is
/// new (its challenge must be echoed before any event goes there).
#[derive(Debug, Clone, PartialEq)]
pub struct SubscriptionChanged {
    pub app: App,
    pub to_verify: Option<EventEndpoint>,
}

/// Applies a subscription change to `app`. A new URL (or a new key, which changes how the
/// challenge is sent) needs verifying again.
pub fn change_subscription(
    tx: &mut dyn Tx,
    env: &Env,
    app: AppId,
    change: &SubscriptionChange,
) -> Result<SubscriptionChanged> {
    validate_subscription(change)?;
    let mut app = tx.app(app)?.ok_or(Error::NotFound { what: "app" })?;
    let old_url = app.event_url.clone();
    let old_key = app.encrypt_key.clone();
    if let Some(url) = &change.event_url {
        app.event_url = Some(url.clone()).filter(|u| !u.is_empty());
    }
    if let Some(types) = &change.event_types {
        let mut seen: Vec<String> = Vec::with_capacity(types.len());
        for t in types {
            if !seen.contains(t) {
                seen.push(t.clone());
            }
        }
        app.event_types = seen;
    }
    if let Some(k) = &change.encrypt_key {
        app.encrypt_key = k.clone();
    }
    tx.update_app(&app)?;
    let endpoint = tx.event_endpoint(app.id)?;
    let to_verify = match &app.event_url {
        None => {
            tx.delete_event_endpoint(app.id)?;
            None
        }
        Some(url) => {
            let unchanged = old_url.as_ref() == Some(url)
                && old_key == app.encrypt_key
                && endpoint.as_ref().is_some_and(|e| &e.url == url && e.verified_at.is_some());
            if unchanged {
                None
            } else {
                let e = EventEndpoint {
                    app: app.id,
                    url: url.clone(),
                    challenge: random_hex(16),
                    verified_at: None,
                    last_error: None,
                    updated_at: env.now,
                };
                tx.put_event_endpoint(&e)?;
                Some(e)
            }
        }
    };
    Ok(SubscriptionChanged { app, to_verify })
}

/// Records the outcome of a challenge, unless the endpoint changed meanwhile.
pub fn record_verification(
    tx: &mut dyn Tx,
    env: &Env,
    sent: &EventEndpoint,
    outcome: std::result::Result<(), String>,
) -> Result<Option<EventEndpoint>> {
    let Some(mut e) = tx.event_endpoint(sent.app)? else { return Ok(None) };
    if e.url != sent.url || e.challenge != sent.challenge {
        return Ok(Some(e));
    }
    match outcome {
        Ok(()) => {
            e.verified_at = Some(env.now);
            e.last_error = None;
        }
        Err(msg) => {
            e.verified_at = None;
            e.last_error = Some(msg);
        }
    }
    e.updated_at = env.now;
    tx.put_event_endpoint(&e)?;
    Ok(Some(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscription_rules() {
        let ok = |c: SubscriptionChange| validate_subscription(&c).is_ok();
        let url = |u: &str| SubscriptionChange { event_url: Some(u.into()), ..Default::default() };
        let types = |t: &[&str]| SubscriptionChange {
            event_types: Some(t.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        };
        assert!(ok(url("http://127.0.0.1:9000/hook")));
        assert!(ok(url("https://example.com")));
        assert!(ok(url("")), "empty removes the URL");
        assert!(!ok(url("ftp://x")));
        assert!(!ok(url("http://")));
        assert!(!ok(url("http:///path")));
        assert!(!ok(url("http://a b")));
        assert!(!ok(url(&format!("http://{}", "a".repeat(1100)))));
        assert!(ok(types(&["contact.user.created_v3", "im.chat.member.user.added_v1"])));
        assert!(ok(types(&[])));
        assert!(!ok(types(&["contact.user.created"])));
        let many: Vec<&str> = std::iter::repeat_n("contact.user.created_v3", 101).collect();
        assert!(!ok(types(&many)));
        let e = validate_subscription(&types(&["contact.user.created_v3", "nope"])).unwrap_err();
        assert!(matches!(e, Error::InvalidParam { field, .. } if field == "event_types[1]"));
    }

    #[test]
    fn every_event_type_is_listed_once() {
        let mut v = EVENT_TYPES.to_vec();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), EVENT_TYPES.len());
    }
}
