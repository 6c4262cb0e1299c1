//! Rendering an outbox event for one receiving app: Lark's schema 2.0 envelope with the app's
//! own open_ids, the shared union_ids and the tenant's user_ids, as compact JSON.
//!
//! Invariant: the output is exactly what `JSON.stringify` would write for the same value (no
//! spaces, non-ASCII and `/` unescaped), because the Node SDK re-serializes the body before it
//! checks the signature. serde_json's compact writer does precisely that (pinned by a test).

mod contact;
mod departments;
mod im;
mod vc;

use roster_domain::error::{Error, Result};
use roster_domain::events::Operator;
use roster_domain::ids::{TenantId, UserId};
use roster_domain::model::{App, StoredEvent};
use roster_domain::services::Env;
use roster_domain::store::Tx;
use roster_proto::events::{EventEnvelope, EventHeader, UserIds};
use serde::Serialize;
use std::collections::HashMap;

/// What rendering for one app needs: the environment (codec), the app, and lookups of names the
/// event carries only as internal ids (tenant keys, per-tenant user_ids), cached per batch.
pub struct Renderer<'a> {
    pub tx: &'a mut dyn Tx,
    pub env: &'a Env,
    tenant_keys: HashMap<TenantId, String>,
    user_ids: HashMap<UserId, String>,
}

impl<'a> Renderer<'a> {
    pub fn new(tx: &'a mut dyn Tx, env: &'a Env) -> Self {
        Renderer { tx, env, tenant_keys: HashMap::new(), user_ids: HashMap::new() }
    }

    pub fn tenant_key(&mut self, tenant: TenantId) -> Result<String> {
        if let Some(k) = self.tenant_keys.get(&tenant) {
            return Ok(k.clone());
        }
        let key = self.tx.tenant(tenant)?.map(|t| t.tenant_key).unwrap_or_default();
        self.tenant_keys.insert(tenant, key.clone());
        Ok(key)
    }

    /// The tenant's `user_id` of a user; empty once the user is gone.
    fn custom_user_id(&mut self, tenant: TenantId, user: UserId) -> Result<String> {
        if let Some(u) = self.user_ids.get(&user) {
            return Ok(u.clone());
        }
        let id = self.tx.user(tenant, user)?.map(|u| u.user_id).unwrap_or_default();
        self.user_ids.insert(user, id.clone());
        Ok(id)
    }

    /// A user's three ids as `app` sees them. The per-tenant user_id is shown only to apps of
    /// that tenant; `known` is the user_id when the event already carries it.
    pub fn user_ids(&mut self, app: &App, tenant: TenantId, user: UserId, known: Option<&str>) -> Result<UserIds> {
        let user_id = if tenant != app.tenant {
            String::new()
        } else if let Some(k) = known {
            k.to_owned()
        } else {
            self.custom_user_id(tenant, user)?
        };
        Ok(UserIds { union_id: self.env.union_id(app, user), user_id, open_id: self.env.open_id(app, user) })
    }

    /// The operator's ids and tenant key. A bot or the system has no user ids: they are empty.
    pub fn operator(&mut self, app: &App, op: &Operator) -> Result<(UserIds, String)> {
        let key = self.tenant_key(op.tenant())?;
        match *op {
            Operator::User { user, tenant } => Ok((self.user_ids(app, tenant, user, None)?, key)),
            Operator::Bot { .. } | Operator::System { .. } => Ok((UserIds::default(), key)),
        }
    }

    /// The full envelope of `ev` for `app`, as the app receives it.
    pub fn render(&mut self, app: &App, event_id: &str, ev: &StoredEvent) -> Result<String> {
        let header = EventHeader {
            event_id: event_id.to_owned(),
            token: app.verification_token.clone(),
            create_time: ev.created_at.millis().to_string(),
            event_type: ev.event_type.clone(),
            tenant_key: self.tenant_key(app.tenant)?,
            app_id: app.app_id.clone(),
        };
        // One area's renderer, chosen by the type's prefix, takes the header (no copy per area).
        let t = ev.event_type.as_str();
        let area: AreaRenderer<'a> = if t.starts_with("contact.department.") {
            departments::render
        } else if t.starts_with("contact.") {
            contact::render
        } else if t.starts_with("im.") {
            im::render
        } else {
            vc::render
        };
        area(self, app, header, ev)?
            .ok_or_else(|| Error::Internal(format!("no renderer for event type {}", ev.event_type)))
    }
}

/// An area's renderer: the envelope, or `None` for a type the area does not know.
type AreaRenderer<'a> = fn(&mut Renderer<'a>, &App, EventHeader, &StoredEvent) -> Result<Option<String>>;

/// Decodes an outbox payload into its domain event.
fn decode<E: roster_domain::model::DomainEvent>(ev: &StoredEvent) -> Result<E> {
    serde_json::from_str(&ev.payload)
        .map_err(|e| Error::Internal(format!("outbox event {} ({}) does not decode: {e}", ev.seq, ev.event_type)))
}

/// `{"schema":"2.0","header":…,"event":…}` as compact JSON.
fn envelope<E: Serialize>(header: EventHeader, event: E) -> Result<String> {
    serde_json::to_string(&EventEnvelope { schema: "2.0".to_owned(), header, event })
        .map_err(|e| Error::Internal(format!("an event failed to serialize: {e}")))
}

#[cfg(test)]
mod shape_tests;

#[cfg(test)]
mod tests {
    /// What `JSON.stringify` writes for these strings (checked in node: `JSON.stringify(s)`).
    #[test]
    fn compact_json_matches_json_stringify() {
        let cases = [
            ("李雷", r#""李雷""#),
            ("a/b+c=", r#""a/b+c=""#),
            ("Zoë 😀", r#""Zoë 😀""#),
            ("quote\" back\\ nl\n tab\t", r#""quote\" back\\ nl\n tab\t""#),
            ("\u{1}\u{1f}", r#""\u0001\u001f""#),
            ("\u{7f}\u{2028}", "\"\u{7f}\u{2028}\""),
        ];
        for (s, want) in cases {
            assert_eq!(serde_json::to_string(s).unwrap(), want, "{s:?}");
        }
        let v = serde_json::json!({"a": [1, {"b": null}], "c": true});
        assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"a":[1,{"b":null}],"c":true}"#);
    }
}
