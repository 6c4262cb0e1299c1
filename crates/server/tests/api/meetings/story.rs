//! The core story, on SQLite and PostgreSQL: reserve, start by joining, invite, a lock, kick out,
//! hand over the host role, end, and find the meeting by its number.

use super::*;
use crate::harness::*;
use serde_json::json;

#[tokio::test]
async fn reserve_join_invite_lock_kick_set_host_end() {
    on_each_backend(|app| async move {
        let alice = app.user_token("alice").await;
        let carol = app.user_token("carol").await;
        // alice reserves with her own token: she owns it, bob is an assigned host, a password.
        let body = json!({
            "end_time": now(&app).await + 3600,
            "meeting_settings": {"topic": "Weekly", "password": "123456",
                "assign_host_list": [{"id": "bob", "user_type": 1}, {"id": "nobody", "user_type": 1}]}
        });
        let r = send(&app, Method::POST, "/open-apis/vc/v1/reserves/apply", Some(&alice), Some(body)).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let reserve = &r.data()["reserve"];
        let rid = reserve["id"].as_str().unwrap().to_owned();
        assert_eq!(rid.len(), 19);
        assert_eq!(reserve["meeting_no"].as_str().unwrap().len(), 9);
        assert_eq!(reserve["password"], "123456");
        assert_eq!(reserve["reserve_user_id"], "alice");
        assert_eq!(reserve["expire_status"], 1);
        assert_eq!(reserve["meeting_settings"]["assign_host_list"], json!([{"user_type": 1, "id": "bob"}]));
        assert_eq!(r.data()["reserve_correction_check_info"]["invalid_host_id_list"], json!(["nobody"]));
        let path = format!("/open-apis/vc/v1/reserves/{rid}");
        let got = send(&app, Method::GET, &path, Some(&alice), None).await;
        assert_eq!(got.data()["reserve"]["meeting_settings"]["topic"], "Weekly", "{}", got.body);

        // No meeting until someone joins; the first join starts it and alice (the owner) hosts.
        let active = format!("/open-apis/vc/v1/reserves/{rid}/get_active_meeting");
        assert_error(&send(&app, Method::GET, &active, Some(&alice), None).await, 404, 122002);
        let joined = emulate(&app, &rid, "alice", "join").await;
        assert_eq!(joined.code(), 0, "{}", joined.body);
        let mid = joined.data()["meeting"]["id"].as_str().unwrap().to_owned();
        assert_eq!(mid.len(), 19);
        assert_eq!(joined.data()["meeting"]["status"], 2);
        assert_eq!(joined.data()["meeting"]["host_user"], json!({"id": "alice", "user_type": 1}));
        let a = send(&app, Method::GET, &active, Some(&alice), None).await;
        assert_eq!(a.data()["meeting"]["id"], mid.as_str(), "{}", a.body);

        // alice invites bob and carol; bob joins.
        let inv = invite(&app, &mid, &alice, &["bob", "carol"]).await;
        assert_eq!(inv.code(), 0, "{}", inv.body);
        assert_eq!(
            inv.data()["invite_results"],
            json!([{"id": "bob", "user_type": 1, "status": 1}, {"id": "carol", "user_type": 1, "status": 1}])
        );
        assert_eq!(emulate(&app, &mid, "bob", "join").await.code(), 0);

        // Locked: carol cannot join and dan cannot be invited; unlocked, carol joins.
        let lock_path = format!("/_roster/v1/meetings/{mid}/lock");
        let lock = |locked: bool| roster_client::Request::post(&lock_path).json(json!({ "locked": locked }));
        assert_eq!(app.anon().send(lock(true)).await.unwrap().code(), 0);
        assert_error(&emulate(&app, &mid, "carol", "join").await, 400, 122008);
        assert_error(&invite(&app, &mid, &alice, &["dan"]).await, 400, 122008);
        assert_eq!(app.anon().send(lock(false)).await.unwrap().code(), 0);
        assert_eq!(emulate(&app, &mid, "carol", "join").await.code(), 0);

        // The app kicks bob out.
        let kick = format!("/open-apis/vc/v1/meetings/{mid}/kickout");
        let body = json!({"kickout_users": [{"id": "bob", "user_type": 1}]});
        let k = send(&app, Method::POST, &kick, None, Some(body.clone())).await;
        assert_eq!(k.data()["kickout_results"], json!([{"id": "bob", "user_type": 1, "result": 1}]), "{}", k.body);
        assert_error(&send(&app, Method::POST, &kick, None, Some(body)).await, 400, 122004);

        // alice hands the host role to carol (compare-and-swap on alice); a stale swap conflicts.
        let set_host = format!("/open-apis/vc/v1/meetings/{mid}/set_host");
        let swap =
            json!({"host_user": {"id": "carol", "user_type": 1}, "old_host_user": {"id": "alice", "user_type": 1}});
        let h = send(&app, Method::PATCH, &set_host, Some(&alice), Some(swap.clone())).await;
        assert_eq!(h.data()["host_user"], json!({"id": "carol", "user_type": 1}), "{}", h.body);
        assert_error(&send(&app, Method::PATCH, &set_host, None, Some(swap)).await, 409, 121006);

        // Only the host ends it.
        let end = format!("/open-apis/vc/v1/meetings/{mid}/end");
        assert_error(&send(&app, Method::PATCH, &end, Some(&alice), None).await, 403, 121005);
        assert_eq!(send(&app, Method::PATCH, &end, Some(&carol), None).await.code(), 0);
        assert_error(&send(&app, Method::PATCH, &end, Some(&carol), None).await, 400, 122001);

        let m = get_meeting(&app, &mid).await;
        let meeting = &m.data()["meeting"];
        assert_eq!(meeting["status"], 3, "{}", m.body);
        assert!(meeting["end_time"].is_string());
        assert_eq!(meeting["participant_count"], "3");
        assert_eq!(meeting["participant_count_accumulated"], "3");
        assert_eq!(meeting["password"], "123456");
        assert_eq!(participant(meeting, "bob").unwrap()["status"], 4);
        assert_eq!(participant(meeting, "alice").unwrap()["status"], 4);
        assert!(participant(meeting, "alice").unwrap()["final_leave_time"].is_string());

        // list_by_no finds it in a window around now.
        let no = meeting["meeting_no"].as_str().unwrap().to_owned();
        let t = now(&app).await;
        let list = app
            .call(
                roster_client::Request::get("/open-apis/vc/v1/meetings/list_by_no")
                    .query("meeting_no", &no)
                    .query("start_time", t - 600)
                    .query("end_time", t + 600),
            )
            .await;
        assert_eq!(list.data()["has_more"], false, "{}", list.body);
        assert_eq!(list.data()["meeting_briefs"][0]["id"], mid.as_str());
        assert_eq!(list.data()["meeting_briefs"][0]["topic"], "Weekly");
    })
    .await;
}

#[tokio::test]
async fn the_last_to_leave_ends_the_meeting_and_the_host_role_passes_on() {
    let app = spawn_app().await;
    let mid = meeting_with(&app, "alice", &["bob"]).await;
    let left = emulate(&app, &mid, "alice", "leave").await;
    assert_eq!(left.data()["meeting"]["host_user"]["id"], "bob", "{}", left.body);
    let left = emulate(&app, &mid, "bob", "leave").await;
    assert_eq!(left.data()["meeting"]["status"], 3, "{}", left.body);
    assert_error(&emulate(&app, &mid, "bob", "join").await, 400, 122001);
}

#[tokio::test]
async fn a_reserve_can_be_updated_and_deleted() {
    let app = spawn_app().await;
    let rid = reserve(&app, "alice", json!({"topic": "Old", "password": "1234"})).await;
    let path = format!("/open-apis/vc/v1/reserves/{rid}");
    let later = now(&app).await + 7200;
    let body = json!({"end_time": later.to_string(), "meeting_settings": {"topic": "New", "password": ""}});
    let r = send(&app, Method::PUT, &path, None, Some(body)).await;
    assert_eq!(r.data()["reserve"]["meeting_settings"]["topic"], "New", "{}", r.body);
    assert_eq!(r.data()["reserve"]["end_time"], later.to_string());
    assert!(r.data()["reserve"].get("password").is_none());
    // Deleting is refused while its meeting runs, then allowed.
    let mid = emulate(&app, &rid, "alice", "join").await.data()["meeting"]["id"].as_str().unwrap().to_owned();
    assert_error(&send(&app, Method::DELETE, &path, None, None).await, 400, 122001);
    assert_eq!(emulate(&app, &mid, "alice", "leave").await.code(), 0);
    assert_eq!(send(&app, Method::DELETE, &path, None, None).await.code(), 0);
    assert_error(&send(&app, Method::GET, &path, None, None).await, 400, 121004);
    assert_error(&emulate(&app, &rid, "alice", "join").await, 404, 122002);
}

#[tokio::test]
async fn an_expired_reserve_starts_no_meeting() {
    let app = spawn_app().await;
    let rid = reserve(&app, "alice", json!({})).await;
    app.anon().advance_clock(3700).await.unwrap();
    let r = send(&app, Method::GET, &format!("/open-apis/vc/v1/reserves/{rid}"), None, None).await;
    assert_eq!(r.data()["reserve"]["expire_status"], 2, "{}", r.body);
    assert_eq!(r.data()["reserve"]["meeting_settings"]["topic"], "Alice Liddell's meeting");
    assert_error(&emulate(&app, &rid, "alice", "join").await, 400, 122001);
}
