//! Every VC failure through the HTTP API, with its code and HTTP status.

use super::*;
use crate::harness::*;
use roster_client::Request;
use roster_store::testing;
use serde_json::json;

#[tokio::test]
async fn invite_rules_answer_their_codes() {
    let app = spawn_app().await;
    let (alice, bob, carol) =
        (app.user_token("alice").await, app.user_token("bob").await, app.user_token("carol").await);
    let mid = meeting_with(&app, "alice", &["bob"]).await;
    // 122005: inviting yourself.
    assert_error(&invite(&app, &mid, &alice, &["carol", "alice"]).await, 400, 122005);
    // 122003: carol is not in the meeting.
    assert_error(&invite(&app, &mid, &carol, &["dan"]).await, 400, 122003);
    // 122009: bob is already in.
    assert_error(&invite(&app, &mid, &alice, &["bob"]).await, 400, 122009);
    // 122007: dan is marked busy; with a free invitee it is a partial success.
    let busy = Request::post("/_roster/v1/users/dan/busy").json(json!({"busy": true, "user_id_type": "user_id"}));
    assert_eq!(app.anon().send(busy).await.unwrap().code(), 0);
    assert_error(&invite(&app, &mid, &alice, &["dan"]).await, 400, 122007);
    let partial = invite(&app, &mid, &bob, &["dan", "carol"]).await;
    assert_eq!(partial.code(), 0, "{}", partial.body);
    let statuses: Vec<i64> =
        partial.data()["invite_results"].as_array().unwrap().iter().map(|r| r["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [2, 1]);
    // 122001: the meeting has ended.
    let end = format!("/open-apis/vc/v1/meetings/{mid}/end");
    assert_eq!(send(&app, Method::PATCH, &end, Some(&alice), None).await.code(), 0);
    assert_error(&invite(&app, &mid, &alice, &["carol"]).await, 400, 122001);
    // 122002: no such meeting (well-formed id).
    assert_error(&invite(&app, "7000000000000000001", &alice, &["carol"]).await, 404, 122002);
}

#[tokio::test]
async fn someone_in_another_meeting_is_busy() {
    let app = spawn_app().await;
    let alice = app.user_token("alice").await;
    let mid = meeting_with(&app, "alice", &[]).await;
    meeting_with(&app, "carol", &[]).await;
    assert_error(&invite(&app, &mid, &alice, &["carol"]).await, 400, 122007);
    // ...and cannot join a second meeting at once.
    assert_error(&emulate(&app, &mid, "carol", "join").await, 400, 122009);
}

#[tokio::test]
async fn action_permissions_deny_the_caller_with_121005() {
    let app = spawn_app().await;
    let deny_bob = json!({"topic": "Closed", "action_permissions": [
        {"permission": 2, "permission_checkers": [{"check_field": 1, "check_mode": 2, "check_list": ["bob"]}]},
        {"permission": 3, "permission_checkers": [{"check_field": 1, "check_mode": 2, "check_list": ["dan"]}]}
    ]});
    let rid = reserve(&app, "alice", deny_bob).await;
    let mid = emulate(&app, &rid, "alice", "join").await.data()["meeting"]["id"].as_str().unwrap().to_owned();
    assert_eq!(emulate(&app, &mid, "bob", "join").await.code(), 0);
    let bob = app.user_token("bob").await;
    assert_error(&invite(&app, &mid, &bob, &["carol"]).await, 403, 121005);
    // dan may not join: he cannot be invited (alone: 121005) and cannot join.
    let alice = app.user_token("alice").await;
    assert_error(&invite(&app, &mid, &alice, &["dan"]).await, 403, 121005);
    assert_error(&emulate(&app, &mid, "dan", "join").await, 403, 121005);
    // Reserves and meetings are their owners' and their app's.
    let carol = app.user_token("carol").await;
    assert_error(
        &send(&app, Method::GET, &format!("/open-apis/vc/v1/reserves/{rid}"), Some(&carol), None).await,
        403,
        121005,
    );
    assert_error(
        &send(&app, Method::GET, &format!("/open-apis/vc/v1/meetings/{mid}"), Some(&carol), None).await,
        403,
        121005,
    );
    // set_host by a user who is not the host.
    let set_host = format!("/open-apis/vc/v1/meetings/{mid}/set_host");
    let body = json!({"host_user": {"id": "alice", "user_type": 1}});
    assert_error(&send(&app, Method::PATCH, &set_host, Some(&bob), Some(body)).await, 403, 121005);
}

#[tokio::test]
async fn the_cap_comes_from_the_plan_and_fills() {
    // The demo tenant's plan holds 3; the default plan stays at 300.
    let app = spawn_with(testing::sqlite(), |c| {
        c.meetings.tenant_max_participants.insert("7d5e1c0a9b3f2e41".into(), 3);
    })
    .await;
    let alice = app.user_token("alice").await;
    let mid = meeting_with(&app, "alice", &["bob"]).await;
    // One seat left: of two invitees the second fails as full; the call succeeds partly.
    let r = invite(&app, &mid, &alice, &["carol", "dan"]).await;
    let statuses: Vec<i64> =
        r.data()["invite_results"].as_array().unwrap().iter().map(|r| r["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [1, 2], "{}", r.body);
    assert_eq!(emulate(&app, &mid, "carol", "join").await.code(), 0);
    assert_error(&emulate(&app, &mid, "dan", "join").await, 400, 122006);
    assert_error(&invite(&app, &mid, &alice, &["dan"]).await, 400, 122006);
}

#[tokio::test]
async fn kickout_set_host_and_end_codes() {
    let app = spawn_app().await;
    let (alice, bob) = (app.user_token("alice").await, app.user_token("bob").await);
    let mid = meeting_with(&app, "alice", &["bob"]).await;
    let kick = format!("/open-apis/vc/v1/meetings/{mid}/kickout");
    // 122004: carol is not in it (only invited).
    assert_eq!(invite(&app, &mid, &alice, &["carol"]).await.code(), 0);
    let body = json!({"kickout_users": [{"id": "carol", "user_type": 1}]});
    assert_error(&send(&app, Method::POST, &kick, None, Some(body)).await, 400, 122004);
    let set_host = format!("/open-apis/vc/v1/meetings/{mid}/set_host");
    let to = |id: &str| json!({"host_user": {"id": id, "user_type": 1}});
    // 122004: the new host must be in the meeting; 122005: not yourself; 121002: not a room.
    assert_error(&send(&app, Method::PATCH, &set_host, Some(&alice), Some(to("carol"))).await, 400, 122004);
    assert_error(&send(&app, Method::PATCH, &set_host, Some(&alice), Some(to("alice"))).await, 400, 122005);
    let room = json!({"host_user": {"id": "room-1", "user_type": 2}});
    assert_error(&send(&app, Method::PATCH, &set_host, None, Some(room)).await, 400, 121002);
    // 122003: dan is not in the meeting.
    let dan = app.user_token("dan").await;
    assert_error(&send(&app, Method::PATCH, &set_host, Some(&dan), Some(to("bob"))).await, 400, 122003);
    let end = format!("/open-apis/vc/v1/meetings/{mid}/end");
    assert_error(&send(&app, Method::PATCH, &end, Some(&dan), None).await, 400, 122003);
    assert_error(&send(&app, Method::PATCH, &end, Some(&bob), None).await, 403, 121005);
    // Token kinds: invite and end take user tokens, kickout a tenant token.
    assert_error(&invite(&app, &mid, &app.client.tenant_token().await.unwrap(), &["carol"]).await, 400, 99991663);
    let body = json!({"kickout_users": [{"id": "bob", "user_type": 1}]});
    assert_error(&send(&app, Method::POST, &kick, Some(&alice), Some(body)).await, 400, 99991668);
}

#[tokio::test]
async fn past_fifty_calls_a_second_the_app_is_limited() {
    let app = spawn_app().await;
    let mid = meeting_with(&app, "alice", &[]).await;
    let path = format!("/open-apis/vc/v1/meetings/{mid}");
    let token = app.client.tenant_token().await.unwrap();
    let mut limited = None;
    for _ in 0..5 {
        let calls = (0..100).map(|_| app.call(Request::get(&path).token(token.clone())));
        let results = futures_util::future::join_all(calls).await;
        if let Some(r) = results.into_iter().find(|r| r.status == 429) {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("100 calls at once, five times over, must pass 50 a second");
    assert_error(&r, 429, 99991400);
    assert!(r.body["error"]["log_id"].is_string());
}

#[tokio::test]
async fn more_than_ten_assigned_hosts_is_123003() {
    let app = spawn_app().await;
    let hosts: Vec<Value> = (0..11).map(|i| json!({"id": format!("h{i}"), "user_type": 1})).collect();
    assert_error(&apply(&app, "alice", json!({"assign_host_list": hosts})).await, 400, 123003);
    assert_error(&apply(&app, "alice", json!({"meeting_initial_type": 2})).await, 400, 121002);
}
