//! Seed 003's member scenarios as stories on both stores, driven by the emulator's clock: a
//! member leaves and is restored on day 29; an offboarded member cannot be restored on day 31
//! (purged on day 30); a frozen member cannot delete themselves and is told to ask an admin.

use super::*;
use crate::chats::{demo_chat, member_user_ids};

#[tokio::test]
async fn a_member_leaves_and_is_restored_on_day_29() {
    on_both(defaults, |app, _| async move {
        create_member(&app.client, "leaver", json!({})).await;
        let theirs = demo_chat(&app, "leaver", &["bob"]).await;
        let others = demo_chat(&app, "alice", &["leaver", "carol"]).await;
        let token = app.user_token("leaver").await;

        let r = leave(&app, &token).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let d = r.data();
        assert_eq!((d["kind"].as_str(), d["state"].as_str()), (Some("exit"), Some("departed")), "{d}");
        assert_eq!((d["chats_left"].as_i64(), d["chats_transferred"].as_i64()), (Some(1), Some(1)), "{d}");
        assert_eq!(d["user_id"], "leaver");
        let s = status(&app, "leaver").await;
        assert_eq!((s["is_exited"].as_bool(), s["is_resigned"].as_bool()), (Some(true), Some(false)), "{s}");
        // Their token stopped; their chat went to its earliest other member; they left the other.
        assert_error(&app.call(Request::get(ME).token(&token)).await, 400, 99991668);
        assert_eq!(chat_owner(&app, &theirs).await, "bob");
        assert!(!member_user_ids(&app, &others).await.contains(&"leaver".to_owned()));

        // A week later the exit is a resignation; they stay restorable.
        advance(&app, 8 * DAY).await;
        let s = status(&app, "leaver").await;
        assert_eq!((s["is_exited"].as_bool(), s["is_resigned"].as_bool()), (Some(true), Some(true)), "{s}");

        // Day 29: an admin restores them, into the root department.
        advance(&app, 21 * DAY).await;
        let r = resurrect(&app, "leaver").await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let user = get_user(&app, "leaver").await;
        let s = &user.data()["user"]["status"];
        assert_eq!((s["is_exited"].as_bool(), s["is_resigned"].as_bool()), (Some(false), Some(false)), "{s}");
        assert_eq!(user.data()["user"]["department_ids"], json!(["0"]));
        // The chat they merely left takes them back; the one whose ownership moved on does not.
        assert!(member_user_ids(&app, &others).await.contains(&"leaver".to_owned()));
        assert!(!member_user_ids(&app, &theirs).await.contains(&"leaver".to_owned()));
        assert_eq!(chat_owner(&app, &theirs).await, "bob");
        // They sign in again, and the day-30 purge no longer concerns them.
        let token = app.user_token("leaver").await;
        advance(&app, 3 * DAY).await;
        let me = app.call(Request::get(ME).token(&token)).await;
        assert_eq!(me.code(), 0, "{}", me.body);
        assert_eq!(me.data()["user"]["user_id"], "leaver");
    })
    .await;
}

#[tokio::test]
async fn restore_is_refused_on_day_31() {
    on_both(defaults, |app, _| async move {
        let open_id = create_member(&app.client, "gone", json!({})).await["open_id"].as_str().unwrap().to_owned();
        assert_eq!(delete_user(&app.client, "gone", json!({})).await.code(), 0);
        // Still restorable on day 29 … (checked without restoring: the departure is listed).
        advance(&app, 29 * DAY).await;
        let dep =
            app.call(Request::get("/open-apis/roster/v1/org/departures/gone").query("user_id_type", "user_id")).await;
        assert_eq!(dep.code(), 0, "{}", dep.body);
        // … and purged on day 30: on day 31 the restore is refused, by open_id and by user_id.
        advance(&app, 2 * DAY).await;
        assert_error(&resurrect_as(&app.client, &open_id, "open_id", json!({})).await, 400, 44028);
        assert_error(&resurrect(&app, "gone").await, 400, 44028);
        assert_error(&get_user(&app, "gone").await, 400, 99992360);
        let dep =
            app.call(Request::get("/open-apis/roster/v1/org/departures/gone").query("user_id_type", "user_id")).await;
        assert_error(&dep, 400, 99992360);
        // The user_id is free for a new member, whose restore is a different matter (44033).
        create_member(&app.client, "gone", json!({})).await;
        assert_error(&resurrect(&app, "gone").await, 400, 44033);
    })
    .await;
}

#[tokio::test]
async fn a_frozen_member_cannot_delete_themselves() {
    on_both(defaults, |app, _| async move {
        create_member(&app.client, "icy", json!({})).await;
        let token = app.user_token("icy").await;
        let path = format!("{USERS}/icy");
        let frozen = json!({"is_frozen": true});
        let r = app.call(Request::new(Method::PATCH, &path).query("user_id_type", "user_id").json(frozen)).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        // Leaving (deleting their account in the organization) is refused with the reason.
        let r = leave(&app, &token).await;
        assert_error(&r, 400, 99991668);
        assert!(r.msg().contains("frozen") && r.msg().contains("administrator"), "{}", r.msg());
        // They stay listed, frozen, and nothing changed.
        let s = status(&app, "icy").await;
        assert_eq!((s["is_frozen"].as_bool(), s["is_exited"].as_bool()), (Some(true), Some(false)), "{s}");
        // An admin can offboard them.
        assert_eq!(delete_user(&app.client, "icy", json!({})).await.code(), 0);
        assert_eq!(status(&app, "icy").await["is_resigned"], true);
    })
    .await;
}
