//! Meeting events end to end: a meeting reserved through the API announces its start, joins,
//! leaves (with their reasons) and end to the reserving app's event URL, in Lark's payloads.

use super::*;
use crate::events::receiver::Receiver;
use crate::events::subscribe;
use crate::harness::*;
use serde_json::json;

const TYPES: [&str; 4] = [
    "vc.meeting.meeting_started_v1",
    "vc.meeting.join_meeting_v1",
    "vc.meeting.leave_meeting_v1",
    "vc.meeting.meeting_ended_v1",
];

#[tokio::test]
async fn a_meeting_announces_start_joins_leaves_and_end() {
    on_each_backend(|app| async move {
        let rx = Receiver::start(None).await;
        let sub = subscribe(&app.anon(), &app.demo.app_id, &rx.url, &TYPES, None).await;
        assert_eq!(sub["verified"], true, "{sub}");
        let mid = meeting_with(&app, "alice", &["bob"]).await;
        assert_eq!(emulate(&app, &mid, "bob", "leave").await.code(), 0);
        let alice = app.user_token("alice").await;
        let end = format!("/open-apis/vc/v1/meetings/{mid}/end");
        assert_eq!(send(&app, Method::PATCH, &end, Some(&alice), None).await.code(), 0);

        let got = rx.wait_for(6).await;
        let of = |t: &str| -> Vec<Value> {
            got.iter().filter(|g| g.event["header"]["event_type"] == t).map(|g| g.event["event"].clone()).collect()
        };
        let (started, joins, leaves, ended) = (of(TYPES[0]), of(TYPES[1]), of(TYPES[2]), of(TYPES[3]));
        assert_eq!((started.len(), joins.len(), leaves.len(), ended.len()), (1, 2, 2, 1));
        for e in got.iter().map(|g| &g.event["event"]) {
            assert_eq!(e["meeting"]["id"], mid.as_str(), "{e}");
            assert_eq!(e["meeting"]["topic"], "Sync");
            assert_eq!(e["meeting"]["meeting_no"].as_str().map(str::len), Some(9));
        }
        assert_eq!(started[0]["operator"]["id"]["user_id"], "alice");
        assert_eq!(started[0]["meeting"]["host_user"]["id"]["user_id"], "alice");
        let joined: Vec<&Value> = joins.iter().map(|e| &e["operator"]["id"]["user_id"]).collect();
        assert!(joined.contains(&&json!("alice")) && joined.contains(&&json!("bob")), "{joined:?}");
        let bob_left = leaves.iter().find(|e| e["leave_user"]["id"]["user_id"] == "bob").expect("bob left");
        assert_eq!(bob_left["leave_reason"], 1);
        let alice_left = leaves.iter().find(|e| e["leave_user"]["id"]["user_id"] == "alice").expect("alice left");
        assert_eq!(
            (alice_left["leave_reason"].as_i64(), alice_left["operator"]["user_role"].as_i64()),
            (Some(3), Some(2))
        );
        assert_ne!(ended[0]["meeting"]["end_time"], "0");
        assert_eq!(ended[0]["operator"]["id"]["user_id"], "alice");
    })
    .await;
}
