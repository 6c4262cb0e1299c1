//! Every renderer against the shapes the SDKs decode: the field names and JSON types of
//! lark_oapi's `P2…` models (and the Node SDK's events-template, which agrees), with ids in all
//! three types. Rendering runs over a real SQLite store seeded with the demo tenant.

use super::Renderer;
use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::events::Operator;
use roster_domain::events::chats::*;
use roster_domain::events::contact::{UserCreated, UserDeleted, UserUpdated};
use roster_domain::events::departments::*;
use roster_domain::events::meetings::*;
use roster_domain::ids::{ChatId, EventSeq, MeetingId};
use roster_domain::model::{App, DomainEvent, I18nNames, NewEvent, StoredEvent, User};
use roster_domain::services::{Env, demo};
use roster_domain::settings::Settings;
use roster_domain::store::Db;
use serde_json::{Value, json};
use std::sync::Arc;

/// `"s"` string, `"b"` bool, `"i"` integer, `"I"` an int64 sent as a decimal string, `[x]` a
/// list of x, `{…}` an object whose keys must all be known to the SDK model.
fn conforms(path: &str, v: &Value, shape: &Value) -> Result<(), String> {
    let ok = match (shape, v) {
        (Value::String(t), _) => match t.as_str() {
            "s" => v.is_string(),
            "b" => v.is_boolean(),
            "i" => v.is_i64(),
            "I" => v.as_str().is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())),
            _ => return Err(format!("bad shape at {path}")),
        },
        (Value::Array(elem), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                conforms(&format!("{path}[{i}]"), item, &elem[0])?;
            }
            true
        }
        (Value::Object(fields), Value::Object(obj)) => {
            for (k, item) in obj {
                let Some(s) = fields.get(k) else { return Err(format!("{path}.{k} is unknown to the SDK model")) };
                conforms(&format!("{path}.{k}"), item, s)?;
            }
            true
        }
        _ => false,
    };
    if ok { Ok(()) } else { Err(format!("{path}: {v} does not match {shape}")) }
}

fn user_ids() -> Value {
    json!({"union_id": "s", "user_id": "s", "open_id": "s"})
}

fn i18n() -> Value {
    json!({"zh_cn": "s", "en_us": "s", "ja_jp": "s"})
}

/// [PY] `contact/v3/model/user_event.py`.
fn user_event() -> Value {
    json!({
        "open_id": "s", "union_id": "s", "user_id": "s", "name": "s", "en_name": "s", "nickname": "s",
        "email": "s", "enterprise_email": "s", "job_title": "s", "mobile": "s", "mobile_visible": "b",
        "gender": "i",
        "avatar": {"avatar_72": "s", "avatar_240": "s", "avatar_640": "s", "avatar_origin": "s"},
        "status": {"is_frozen": "b", "is_resigned": "b", "is_activated": "b", "is_exited": "b", "is_unjoin": "b"},
        "department_ids": ["s"], "leader_user_id": "s", "city": "s", "country": "s", "work_station": "s",
        "join_time": "i", "is_tenant_manager": "b", "employee_no": "s", "employee_type": "i",
        "orders": [{"department_id": "s", "user_order": "i", "department_order": "i", "is_primary_dept": "b"}],
        "custom_attrs": [{"type": "s", "id": "s", "value": {"text": "s", "url": "s", "pc_url": "s"}}]
    })
}

/// [PY] `contact/v3/model/department_event.py`, except `leaders`, spelled as Lark's event docs
/// spell it (`leaderType`/`leaderID`; the Python model's `leader_type`/`leader_id` stay unset,
/// exactly as with Lark itself).
fn department_event() -> Value {
    json!({
        "name": "s", "parent_department_id": "s", "department_id": "s", "open_department_id": "s",
        "leader_user_id": "s", "chat_id": "s", "order": "i", "unit_ids": ["s"], "status": {"is_deleted": "b"},
        "leaders": [{"leaderType": "i", "leaderID": "s"}],
        "department_hrbps": [user_ids()]
    })
}

/// [PY] `im/v1/model/p2_im_chat_member_user_added_v1.py` (deleted and withdrawn are the same).
fn member_users() -> Value {
    json!({
        "chat_id": "s", "operator_id": user_ids(), "external": "b", "operator_tenant_key": "s",
        "users": [{"name": "s", "tenant_key": "s", "user_id": user_ids()}], "name": "s", "i18n_names": i18n()
    })
}

/// [PY] `p2_im_chat_member_bot_added_v1.py`, `p2_im_chat_disbanded_v1.py`.
fn chat_only() -> Value {
    json!({"chat_id": "s", "operator_id": user_ids(), "external": "b", "operator_tenant_key": "s", "name": "s",
        "i18n_names": i18n()})
}

/// [PY] `p2_im_chat_updated_v1.py` with `chat_change.py`, `moderator_list.py`.
fn chat_updated_shape() -> Value {
    let change = json!({
        "avatar": "s", "name": "s", "description": "s", "i18n_names": i18n(), "add_member_permission": "s",
        "share_card_permission": "s", "at_all_permission": "s", "edit_permission": "s",
        "membership_approval": "s", "join_message_visibility": "s", "leave_message_visibility": "s",
        "moderation_permission": "s", "owner_id": user_ids(), "labels": ["s"], "group_message_type": "s",
        "restricted_mode_setting": {"status": "b"}
    });
    let moderator = json!({"tenant_key": "s", "user_id": user_ids()});
    json!({
        "chat_id": "s", "operator_id": user_ids(), "external": "b", "operator_tenant_key": "s",
        "after_change": change, "before_change": change,
        "moderator_list": {"added_member_list": [moderator], "removed_member_list": [moderator]}
    })
}

/// [PY] `vc/v1/model/meeting_event_meeting.py`, `meeting_event_user.py` (int64 as strings, [NODE]).
fn meeting_event(leave: bool) -> Value {
    let user = json!({"id": user_ids(), "user_role": "i", "user_type": "i"});
    let meeting = json!({
        "id": "I", "topic": "s", "meeting_no": "s", "meeting_source": "i", "start_time": "I", "end_time": "I",
        "host_user": user, "owner": user, "calendar_event_id": "s", "meeting_sub_type": "i"
    });
    if leave {
        json!({"meeting": meeting, "operator": user, "leave_reason": "i", "leave_user": user})
    } else {
        json!({"meeting": meeting, "operator": user})
    }
}

struct Demo {
    db: Db,
    env: Env,
    app: App,
    alice: User,
    bob: User,
    _dir: roster_store::testing::TestDatabase,
}

async fn demo_store() -> Demo {
    let tdb = roster_store::testing::sqlite();
    let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
    let env = Env {
        now: Timestamp(1_700_000_000_000),
        codec: Arc::new(IdCodec::new(b"shapes")),
        settings: Arc::new(Settings::default()),
    };
    let e = env.clone();
    let p = db.write(move |tx| demo::seed(tx, &e)).await.expect("seed");
    let tenant = p.tenant.id;
    let (alice, bob) = db
        .read(move |tx| {
            Ok((tx.user_by_user_id(tenant, "alice")?.expect("alice"), tx.user_by_user_id(tenant, "bob")?.expect("bob")))
        })
        .await
        .unwrap();
    Demo { db, env, app: p.app, alice, bob, _dir: tdb }
}

impl Demo {
    /// Renders `event` for the demo app and checks the envelope, then returns the `event` body.
    async fn render<E: DomainEvent>(&self, event: &E) -> Value {
        let ne = NewEvent::of(self.app.tenant, event, Timestamp(1_700_000_000_123));
        let ev = StoredEvent {
            seq: EventSeq(9),
            tenant: ne.tenant,
            event_type: ne.event_type.to_owned(),
            payload: ne.payload,
            created_at: ne.created_at,
        };
        let (env, app) = (self.env.clone(), self.app.clone());
        let raw = self
            .db
            .read(move |tx| Renderer::new(tx, &env).render(&app, "0123456789abcdef0123456789abcdef", &ev))
            .await
            .expect("render");
        let v: Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap().len(), raw.len(), "compact: {raw}");
        let header = json!({"event_id": "s", "token": "s", "create_time": "I", "event_type": "s", "tenant_key": "s",
            "app_id": "s"});
        conforms("header", &v["header"], &header).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["event", "header", "schema"]);
        assert!(raw.starts_with(r#"{"schema":"2.0","header":{"event_id":"#), "{raw}");
        assert_eq!(v["schema"], "2.0");
        assert_eq!(v["header"]["event_type"], E::EVENT_TYPE);
        assert_eq!(v["header"]["create_time"], "1700000000123");
        assert_eq!(v["header"]["token"], demo::VERIFICATION_TOKEN);
        assert_eq!(v["header"]["tenant_key"], demo::TENANT_KEY);
        assert_eq!(v["header"]["app_id"], demo::APP_ID);
        assert_eq!(v["header"]["event_id"], "0123456789abcdef0123456789abcdef");
        v["event"].clone()
    }

    fn ids_of(&self, u: &User) -> Value {
        json!({"union_id": self.env.union_id(&self.app, u.id), "user_id": u.user_id,
            "open_id": self.env.open_id(&self.app, u.id)})
    }

    fn chat(&self) -> ChatRef {
        ChatRef {
            chat: ChatId(7),
            tenant: self.app.tenant,
            name: "Ops 运维".into(),
            i18n: I18nNames { zh_cn: Some("运维".into()), ja_jp: None, en_us: Some("Ops".into()) },
            external: false,
            bots: vec![self.app.id],
        }
    }

    fn by_alice(&self) -> Operator {
        Operator::User { user: self.alice.id, tenant: self.app.tenant }
    }
}

#[tokio::test]
async fn contact_events() {
    let d = demo_store().await;
    let mut alice = d.alice.clone();
    alice.custom_attrs = Some(r#"[{"type":"TEXT","id":"C-1","value":{"text":"x"}}]"#.into());
    alice.leader = Some(d.bob.id);
    let created = d.render(&UserCreated { user: alice.clone() }).await;
    conforms("event", &created, &json!({"object": user_event()})).unwrap();
    let o = &created["object"];
    assert_eq!(o["open_id"], d.ids_of(&alice)["open_id"]);
    assert_eq!(o["union_id"], d.ids_of(&alice)["union_id"]);
    assert_eq!(o["user_id"], "alice");
    assert_eq!(o["name"], "Alice Liddell");
    assert_eq!(o["leader_user_id"], d.ids_of(&d.bob)["open_id"]);
    assert!(o["department_ids"][0].as_str().unwrap().starts_with("od-"));
    assert_eq!(o["orders"][0]["department_id"], o["department_ids"][0]);
    assert_eq!(o["custom_attrs"][0]["id"], "C-1");

    let mut renamed = alice.clone();
    renamed.name = "Alice L.".into();
    let updated = d.render(&UserUpdated { user: renamed, old: alice.clone() }).await;
    conforms("event", &updated, &json!({"object": user_event(), "old_object": user_event()})).unwrap();
    assert_eq!(
        (updated["object"]["name"].as_str(), updated["old_object"]["name"].as_str()),
        (Some("Alice L."), Some("Alice Liddell"))
    );
    assert_eq!(updated["old_object"], json!({"name": "Alice Liddell"}), "only what changed");

    let mut moved = alice.clone();
    moved.leader = None;
    moved.email = None;
    moved.status.is_frozen = true;
    moved.user_id = "alice2".into();
    let updated = d.render(&UserUpdated { user: moved, old: alice.clone() }).await;
    conforms("event", &updated, &json!({"object": user_event(), "old_object": user_event()})).unwrap();
    let old = &updated["old_object"];
    assert_eq!(old["leader_user_id"], o["leader_user_id"]);
    assert_eq!((old["email"].clone(), old["user_id"].as_str()), (o["email"].clone(), Some("alice")));
    assert_eq!(old["status"]["is_frozen"], false);
    assert!(old.get("name").is_none() && updated["object"].get("leader_user_id").is_none(), "{updated}");

    let mut reached = alice.clone();
    reached.enterprise_email = Some("alice@corp.example".into());
    let updated = d.render(&UserUpdated { user: reached, old: alice.clone() }).await;
    assert_eq!(updated["old_object"], json!({"enterprise_email": ""}), "absent before reads as empty");

    let deleted = d.render(&UserDeleted { user: alice.clone() }).await;
    conforms(
        "event",
        &deleted,
        &json!({"object": user_event(), "old_object": {"department_ids": ["s"], "open_id": "s"}}),
    )
    .unwrap();
    assert_eq!(deleted["old_object"]["open_id"], o["open_id"]);
}

#[tokio::test]
async fn department_events() {
    let d = demo_store().await;
    let tenant = d.app.tenant;
    let eng = d.db.read(move |tx| Ok(tx.department_by_custom_id(tenant, "engineering")?.expect("eng"))).await.unwrap();
    let mut dept = eng.clone();
    dept.leader = Some(d.alice.id);
    dept.leaders = vec![roster_domain::model::DepartmentLeader { leader_type: 1, user: d.alice.id }];
    dept.chat = Some(ChatId(7));
    let snap =
        |dept: &roster_domain::model::Department| DepartmentSnapshot { department: dept.clone(), parent_is_root: true };
    let created = d.render(&DepartmentCreated { department: snap(&dept) }).await;
    conforms("event", &created, &json!({"object": department_event()})).unwrap();
    let o = &created["object"];
    assert_eq!(o["parent_department_id"], "0");
    assert_eq!(o["department_id"], "engineering");
    assert!(o["open_department_id"].as_str().unwrap().starts_with("od-"));
    assert_eq!(o["leader_user_id"], d.ids_of(&d.alice)["open_id"]);
    assert_eq!(o["leaders"][0]["leaderID"], d.ids_of(&d.alice)["open_id"]);
    assert_eq!(o["chat_id"], d.env.chat_id(ChatId(7)));

    let mut renamed = dept.clone();
    renamed.name = "R&D".into();
    renamed.parent = Some(eng.id);
    let updated = d
        .render(&DepartmentUpdated {
            department: DepartmentSnapshot { department: renamed, parent_is_root: false },
            old: snap(&dept),
        })
        .await;
    conforms("event", &updated, &json!({"object": department_event(), "old_object": department_event()})).unwrap();
    assert_eq!(updated["object"]["parent_department_id"], o["open_department_id"]);
    assert_eq!(updated["old_object"], json!({"name": "Engineering", "parent_department_id": "0"}));

    let gone = roster_domain::model::Department { deleted: true, ..dept };
    let deleted = d.render(&DepartmentDeleted { department: snap(&gone) }).await;
    let old = json!({"status": {"is_deleted": "b"}, "open_department_id": "s"});
    conforms("event", &deleted, &json!({"object": department_event(), "old_object": old})).unwrap();
    assert_eq!(deleted["object"]["status"]["is_deleted"], true);
    assert_eq!(
        deleted["old_object"],
        json!({"status": {"is_deleted": false}, "open_department_id": o["open_department_id"]})
    );
}

#[tokio::test]
async fn chat_member_events() {
    let d = demo_store().await;
    let users = MemberUsers {
        chat: d.chat(),
        operator: d.by_alice(),
        users: vec![EventUser {
            user: d.bob.id,
            tenant: d.app.tenant,
            name: "Bob Builder".into(),
            user_id: "bob".into(),
        }],
    };
    for body in [
        d.render(&MemberUsersAdded(users.clone())).await,
        d.render(&MemberUsersDeleted(users.clone())).await,
        d.render(&MemberUsersWithdrawn(users.clone())).await,
    ] {
        conforms("event", &body, &member_users()).unwrap();
        assert_eq!(body["chat_id"], d.env.chat_id(ChatId(7)));
        assert_eq!(body["operator_id"], d.ids_of(&d.alice));
        assert_eq!(body["operator_tenant_key"], demo::TENANT_KEY);
        assert_eq!(body["users"][0]["user_id"], d.ids_of(&d.bob));
        assert_eq!(body["users"][0]["tenant_key"], demo::TENANT_KEY);
        assert_eq!(body["name"], "Ops 运维");
        assert_eq!(body["i18n_names"], json!({"zh_cn": "运维", "en_us": "Ops"}));
    }
    let bot =
        MemberBot { chat: d.chat(), operator: Operator::Bot { app: d.app.id, tenant: d.app.tenant }, bot: d.app.id };
    for body in [d.render(&MemberBotAdded(bot.clone())).await, d.render(&MemberBotDeleted(bot)).await] {
        conforms("event", &body, &chat_only()).unwrap();
        assert_eq!(body["operator_id"], json!({"union_id": "", "user_id": "", "open_id": ""}));
    }
    let gone = d.render(&ChatDisbanded { chat: d.chat(), operator: d.by_alice() }).await;
    conforms("event", &gone, &chat_only()).unwrap();
}

#[tokio::test]
async fn chat_updated() {
    let d = demo_store().await;
    let before = ChatSettingsSnapshot { name: "Ops".into(), owner: Some(d.alice.id), ..Default::default() };
    let after = ChatSettingsSnapshot { name: "Ops 2".into(), owner: Some(d.bob.id), ..before.clone() };
    let e = ChatUpdated {
        chat: d.chat(),
        operator: d.by_alice(),
        before,
        after,
        moderators_added: vec![d.bob.id],
        moderators_removed: vec![],
    };
    let body = d.render(&e).await;
    conforms("event", &body, &chat_updated_shape()).unwrap();
    assert_eq!(body["before_change"]["owner_id"], d.ids_of(&d.alice));
    assert_eq!(body["after_change"]["owner_id"], d.ids_of(&d.bob));
    assert_eq!(body["moderator_list"]["added_member_list"][0]["user_id"], d.ids_of(&d.bob));
}

#[tokio::test]
async fn meeting_events() {
    let d = demo_store().await;
    let m = MeetingSnapshot {
        meeting: MeetingId(6911188411934433028),
        topic: "Weekly".into(),
        meeting_no: "123456789".into(),
        start_time: 1_700_000_000,
        end_time: 1_700_003_600,
        host: Some(d.alice.id),
        owner: Some(d.alice.id),
        reserving_app: d.app.id,
    };
    let who = MeetingParticipantRef { user: d.bob.id, user_role: 1, user_type: 1 };
    for body in [
        d.render(&MeetingStarted { meeting: m.clone(), operator: d.by_alice() }).await,
        d.render(&MeetingEnded { meeting: m.clone(), operator: d.by_alice() }).await,
        d.render(&JoinMeeting { meeting: m.clone(), operator: who.clone() }).await,
    ] {
        conforms("event", &body, &meeting_event(false)).unwrap();
        assert_eq!(body["meeting"]["id"], "6911188411934433028");
        assert_eq!(body["meeting"]["start_time"], "1700000000");
        assert_eq!(body["meeting"]["host_user"]["id"], d.ids_of(&d.alice));
        assert_eq!(body["meeting"]["host_user"]["user_role"], 2);
    }
    let left = d.render(&LeaveMeeting { meeting: m, operator: who, leave_reason: 1 }).await;
    conforms("event", &left, &meeting_event(true)).unwrap();
    assert_eq!(left["leave_user"]["id"], d.ids_of(&d.bob));
    assert_eq!(left["leave_reason"], 1);
}

#[test]
fn the_checker_catches_mismatches() {
    assert!(conforms("e", &json!({"a": 1}), &json!({"a": "s"})).is_err());
    assert!(conforms("e", &json!({"typo": "x"}), &json!({"a": "s"})).is_err());
    assert!(conforms("e", &json!({"n": "12x"}), &json!({"n": "I"})).is_err());
    assert!(conforms("e", &json!({"l": ["x", 2]}), &json!({"l": ["s"]})).is_err());
    assert!(conforms("e", &json!({"a": "x", "l": ["y"]}), &json!({"a": "s", "l": ["s"]})).is_ok());
}
