//! Department events end to end: create, update (with `old_object` of the changed fields) and
//! delete reach the subscribed app, rendered as the SDKs expect and listed by the emulator;
//! refused changes write nothing, and an app only hears about departments in its scope.

use super::*;
use crate::events::receiver::Receiver;
use crate::events::subscribe;
use std::time::Duration;

const TYPES: &[&str] =
    &["contact.department.created_v3", "contact.department.updated_v3", "contact.department.deleted_v3"];

#[tokio::test]
async fn department_changes_are_announced() {
    on_each_backend(|app| async move {
        let r = Receiver::start(None).await;
        subscribe(&app.anon(), &app.demo.app_id, &r.url, TYPES, None).await;
        let c = &app.client;
        // Up to `max_in_flight_per_app` deliveries are under way at once, so arrival order is not
        // guaranteed: each change waits for its event before the next.
        let made = make(&app, "ev", "engineering").await;
        r.wait_for(1).await;
        assert_error(&patch(c, "ev", json!({"parent_department_id": "ev"})).await, 400, 43017);
        assert_eq!(
            patch(c, "ev", json!({"name": "Events", "leader_user_id": "alice", "parent_department_id": "sales"}))
                .await
                .code(),
            0
        );
        r.wait_for(2).await;
        assert_eq!(patch(c, "ev", json!({"name": "Events"})).await.code(), 0, "no change, no event");
        assert_eq!(rename_id(c, "ev", "ev2").await.code(), 0);
        r.wait_for(3).await;
        assert_eq!(delete(c, "ev2").await.code(), 0);

        let got = r.wait_for(4).await;
        r.stays_at(4, Duration::from_millis(300)).await;
        let types: Vec<&str> = got.iter().map(|g| g.event["header"]["event_type"].as_str().unwrap()).collect();
        assert_eq!(types, [TYPES[0], TYPES[1], TYPES[1], TYPES[2]]);
        let open = made["open_department_id"].as_str().unwrap();
        let eng = get(c, "engineering").await.data()["department"]["open_department_id"].as_str().unwrap().to_owned();
        let sales = get(c, "sales").await.data()["department"]["open_department_id"].as_str().unwrap().to_owned();
        let alice = crate::chats::open_id(&app, "alice").await;

        let created = &got[0].event["event"]["object"];
        assert_eq!(
            (created["open_department_id"].as_str(), created["department_id"].as_str()),
            (Some(open), Some("ev"))
        );
        assert_eq!(
            (created["parent_department_id"].as_str(), created["name"].as_str()),
            (Some(eng.as_str()), Some("Dept ev"))
        );
        assert_eq!(created["status"], json!({"is_deleted": false}));

        let moved = &got[1].event["event"];
        assert_eq!(moved["object"]["parent_department_id"], sales.as_str());
        assert_eq!(moved["object"]["leader_user_id"], alice.as_str(), "ids are the app's open_ids");
        assert_eq!(moved["object"]["leaders"], json!([{"leaderType": 1, "leaderID": alice}]));
        assert_eq!(
            moved["old_object"],
            json!({"name": "Dept ev", "parent_department_id": eng, "leader_user_id": "", "leaders": []}),
            "old_object holds what changed, as it was"
        );
        assert_eq!(got[2].event["event"]["old_object"], json!({"department_id": "ev"}));
        assert_eq!(got[2].event["event"]["object"]["department_id"], "ev2");

        let deleted = &got[3].event["event"];
        assert_eq!(deleted["object"]["status"]["is_deleted"], true);
        assert_eq!(deleted["old_object"], json!({"status": {"is_deleted": false}, "open_department_id": open}));

        let all = app.anon().send(Request::get("/_roster/v1/events")).await.unwrap();
        let listed: Vec<&Value> = all.data()["items"].as_array().unwrap().iter().map(|i| &i["event"]).collect();
        assert_eq!(listed.len(), 4, "{}", all.body);
        assert_eq!(listed[3], &got[3].event, "the emulator lists what was delivered");
    })
    .await;
}

#[tokio::test]
async fn an_app_hears_only_about_departments_in_its_scope() {
    let (app, url) = crate::chats::spawn_tweaked(|_| {}).await;
    let r = Receiver::start(None).await;
    subscribe(&app.anon(), &app.demo.app_id, &r.url, TYPES, None).await;
    let (other, _) = app.other_tenant("Elsewhere").await;
    let outside = Receiver::start(None).await;
    subscribe(&app.anon(), &other.app_id, &outside.url, TYPES, None).await;
    set_scope(&app.anon(), &app.demo.app_id, Some(&["engineering"])).await;
    create_as_whole_tenant(&url, "hidden", "sales").await;
    let inside = create(
        &app.client,
        json!({"name": "Inside", "department_id": "inside", "parent_department_id": "engineering"}),
    )
    .await;
    assert_eq!(inside.code(), 0, "{}", inside.body);
    let got = r.wait_for(1).await;
    assert_eq!(got[0].event["event"]["object"]["department_id"], "inside");
    r.stays_at(1, Duration::from_millis(500)).await;
    outside.stays_at(0, Duration::from_millis(100)).await;
}

/// Creates a department straight through the use-case, as the demo app would with the whole
/// tenant in scope (what another admin tool of the tenant would do), bypassing the HTTP scope.
async fn create_as_whole_tenant(url: &str, id: &str, parent: &str) {
    use roster_domain::services::departments::{DepartmentFields, create_department};
    use roster_domain::services::{Caller, Env};
    let db = crate::harness::served_store(url);
    let f = DepartmentFields {
        name: Some(id.into()),
        department_id: Some(id.into()),
        parent_department_id: Some(parent.into()),
        ..Default::default()
    };
    db.write(move |tx| {
        let mut demo = tx.app_by_app_id(roster_domain::services::demo::APP_ID)?.expect("demo app");
        demo.contact_scope = roster_domain::model::ContactScope { all: true, departments: vec![] };
        let caller = Caller {
            tenant: demo.tenant,
            app: std::sync::Arc::new(demo),
            user: None,
            token: roster_domain::model::TokenKind::Tenant,
            token_expires_at: roster_domain::clock::Timestamp(i64::MAX),
        };
        let env = Env {
            now: roster_domain::clock::Timestamp(1_700_000_000_000),
            codec: std::sync::Arc::new(roster_domain::codec::IdCodec::new(b"unused: custom ids only")),
            settings: Default::default(),
        };
        let ids = roster_domain::services::users::IdTypes {
            department: roster_domain::ids::DepartmentIdType::DepartmentId,
            ..Default::default()
        };
        create_department(tx, &env, &caller, ids, &f, None)
    })
    .await
    .expect("create");
}
