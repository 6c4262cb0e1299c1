//! Roster's meeting controls under `/open-apis/roster/v1/…`: the host drives joins, leaves and
//! the lock with a user token; users mark themselves busy. Endpoints (rooms, phones) join too.

use super::*;
use crate::harness::*;
use roster_client::Request;
use serde_json::json;

async fn control(app: &TestApp, path: &str, token: &str, body: Value) -> roster_client::ApiResponse {
    app.call(Request::post(path).token(token).json(body)).await
}

fn join(user: &str) -> Value {
    json!({"user_id": user, "user_id_type": "user_id", "action": "join"})
}

#[tokio::test]
async fn the_host_drives_a_meeting_through_rosters_api() {
    let app = spawn_app().await;
    let (alice, bob) = (app.user_token("alice").await, app.user_token("bob").await);
    let rid = reserve(&app, "alice", json!({"topic": "Self-hosted"})).await;
    let at = |id: &str| format!("/open-apis/roster/v1/meetings/{id}/participants");
    // bob may not start alice's reserve on her behalf, nor join others to it.
    assert_error(&control(&app, &at(&rid), &bob, join("alice")).await, 403, 121005);
    let started = control(&app, &at(&rid), &alice, join("alice")).await;
    assert_eq!(started.code(), 0, "{}", started.body);
    let mid = started.data()["meeting"]["id"].as_str().unwrap().to_owned();
    // The host brings bob and a room in; bob cannot move carol.
    assert_eq!(control(&app, &at(&mid), &alice, join("bob")).await.code(), 0);
    let room = json!({"user_id": "room-4F", "user_type": 2, "action": "join"});
    let with_room = control(&app, &at(&mid), &alice, room).await;
    let m = &with_room.data()["meeting"];
    assert_eq!(participant(m, "room-4F").unwrap()["user_type"], 2, "{}", with_room.body);
    assert_error(&control(&app, &at(&mid), &bob, join("carol")).await, 403, 121005);
    // carol joins herself.
    let carol = app.user_token("carol").await;
    assert_eq!(control(&app, &at(&mid), &carol, join("carol")).await.code(), 0);
    // Only the host locks.
    let lock = format!("/open-apis/roster/v1/meetings/{mid}/lock");
    assert_error(&control(&app, &lock, &bob, json!({"locked": true})).await, 403, 121005);
    let locked = control(&app, &lock, &alice, json!({"locked": true})).await;
    assert_eq!(locked.code(), 0, "{}", locked.body);
    let dan = app.user_token("dan").await;
    assert_error(&control(&app, &at(&mid), &dan, join("dan")).await, 400, 122008);
    // Kicking out the room works by its opaque id.
    let kick = format!("/open-apis/vc/v1/meetings/{mid}/kickout");
    let body = json!({"kickout_users": [{"id": "room-4F", "user_type": 2}]});
    let k = send(&app, Method::POST, &kick, None, Some(body)).await;
    assert_eq!(k.data()["kickout_results"][0]["result"], 1, "{}", k.body);
    // bob leaves by himself; leaving twice is 122004.
    let leave = json!({"user_id": "bob", "user_id_type": "user_id", "action": "leave"});
    assert_eq!(control(&app, &at(&mid), &bob, leave.clone()).await.code(), 0);
    assert_error(&control(&app, &at(&mid), &bob, leave).await, 400, 122004);
    assert_error(&control(&app, &at(&mid), &bob, json!({"user_id": "bob", "action": "dance"})).await, 400, 99992402);
    // Tenant tokens are refused on Roster's user controls.
    let tenant = app.client.tenant_token().await.unwrap();
    assert_error(&control(&app, &lock, &tenant, json!({"locked": false})).await, 400, 99991663);
}

#[tokio::test]
async fn users_mark_only_themselves_busy() {
    let app = spawn_app().await;
    let (alice, bob) = (app.user_token("alice").await, app.user_token("bob").await);
    let busy = |who: &str| format!("/open-apis/roster/v1/users/{who}/busy");
    let mark = json!({"busy": true, "user_id_type": "user_id"});
    assert_error(&control(&app, &busy("bob"), &alice, mark.clone()).await, 403, 121005);
    let r = control(&app, &busy("bob"), &bob, mark).await;
    assert_eq!(r.data(), &json!({"user_id": "bob", "busy": true}), "{}", r.body);
    let mid = meeting_with(&app, "alice", &[]).await;
    assert_error(&invite(&app, &mid, &alice, &["bob"]).await, 400, 122007);
    let free = json!({"busy": false, "user_id_type": "user_id"});
    assert_eq!(control(&app, &busy("bob"), &bob, free).await.code(), 0);
    assert_eq!(invite(&app, &mid, &alice, &["bob"]).await.code(), 0);
    assert_error(&control(&app, &busy("bob"), &bob, json!({"user_id_type": "user_id"})).await, 400, 99992402);
}

#[tokio::test]
async fn the_emulator_checks_its_input() {
    let app = spawn_app().await;
    let mid = meeting_with(&app, "alice", &[]).await;
    let r = app.anon().send(Request::post("/_roster/v1/meetings/42/participants").json(join("bob"))).await.unwrap();
    assert_error(&r, 400, 99992402);
    let r = app
        .anon()
        .send(Request::post("/_roster/v1/meetings/7000000000000000009/participants").json(join("bob")))
        .await
        .unwrap();
    assert_error(&r, 404, 122002);
    let r = app
        .anon()
        .send(Request::post(&format!("/_roster/v1/meetings/{mid}/participants")).json(join("ghost")))
        .await
        .unwrap();
    assert_error(&r, 400, 99992402);
    let r = app.anon().send(Request::post(&format!("/_roster/v1/meetings/{mid}/lock")).json(json!({}))).await.unwrap();
    assert_error(&r, 400, 99992402);
    let r = app
        .anon()
        .send(
            Request::post("/_roster/v1/users/bob/busy")
                .json(json!({"busy": true, "user_id_type": "user_id", "app_id": "cli_nope"})),
        )
        .await
        .unwrap();
    assert_error(&r, 404, 1900002);
}
