//! Offboarding (spec §4.3) on both stores: department chats go to their acceptor or earliest
//! member; external chats to their acceptor or earliest member of the same organization, and are
//! dissolved when there is none; the other acceptors are recorded, with the leader as default;
//! the member leaves their meeting; and the events reach the outbox.

use super::*;
use crate::chats::{add, partner};

const TYPES: &[&str] = &[
    "contact.user.deleted_v3",
    "im.chat.member.user.deleted_v1",
    "im.chat.member.user.added_v1",
    "im.chat.updated_v1",
    "im.chat.disbanded_v1",
    "vc.meeting.leave_meeting_v1",
];

#[tokio::test]
async fn department_chats_go_to_their_acceptor_or_earliest_member() {
    on_both(defaults, |app, url| async move {
        create_member(&app.client, "lead", json!({})).await;
        create_member(&app.client, "quitter", json!({})).await;
        let by_default = department_chat(&url, "engineering", "lead", &["carol", "bob"]).await;
        let named = department_chat(&url, "sales", "quitter", &["carol"]).await;

        // The bot is in no department chat: carol (in both) reads them.
        let carol = app.user_token("carol").await;
        assert_eq!(delete_user(&app.client, "lead", json!({})).await.code(), 0);
        assert_eq!(
            chat_owner_as(&app, &by_default, Some(&carol)).await,
            "carol",
            "the earliest member after the owner"
        );
        assert_eq!(members_as(&app, &by_default, &carol).await, ["carol", "bob"]);

        // A named acceptor who is not in the chat joins it and owns it.
        let body = json!({"department_chat_acceptor_user_id": "dan"});
        assert_eq!(delete_user(&app.client, "quitter", body).await.code(), 0);
        assert_eq!(chat_owner_as(&app, &named, Some(&carol)).await, "dan");
        assert_eq!(members_as(&app, &named, &carol).await, ["carol", "dan"]);
        let dep = app
            .call(Request::get("/open-apis/roster/v1/org/departures/quitter").query("user_id_type", "user_id"))
            .await;
        assert_eq!(dep.code(), 0, "{}", dep.body);
        assert_eq!(dep.data()["acceptors"]["department_chat_acceptor_user_id"], "dan");
        assert_eq!(
            (dep.data()["chats_transferred"].as_i64(), dep.data()["state"].as_str()),
            (Some(1), Some("departed"))
        );
    })
    .await;
}

#[tokio::test]
async fn external_chats_go_to_the_same_organization_or_are_dissolved() {
    on_both(defaults, |app, _| async move {
        // alice owns an external chat: the partner's admin joined first, then bob.
        let p = partner(&app).await;
        assert_eq!(add(&app, &p.external_chat, &["bob"], 0, None).await.code(), 0);
        // She owns another one where the partner's admin is the only other member.
        let lonely = crate::chats::create_chat(
            &app.client,
            None,
            json!({"name": "Lonely", "owner_id": "alice", "external": true}),
        )
        .await;
        let r = app
            .call(
                Request::post(&format!("{}/{lonely}/members", crate::chats::CHATS))
                    .query("member_id_type", "open_id")
                    .json(json!({"id_list": [p.open_id]})),
            )
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);

        assert_eq!(delete_user(&app.client, "alice", json!({})).await.code(), 0);
        assert_eq!(chat_owner(&app, &p.external_chat).await, "bob", "the earliest member of alice's organization");
        let gone = app.call(Request::get(&format!("{}/{lonely}", crate::chats::CHATS))).await;
        assert_error(&gone, 400, 232009);
        let dep =
            app.call(Request::get("/open-apis/roster/v1/org/departures/alice").query("user_id_type", "user_id")).await;
        assert_eq!(
            (dep.data()["chats_transferred"].as_i64(), dep.data()["chats_dissolved"].as_i64()),
            (Some(1), Some(1)),
            "{}",
            dep.body
        );
    })
    .await;
}

#[tokio::test]
async fn an_external_chat_goes_to_its_named_acceptor() {
    let app = spawn_app().await;
    let p = partner(&app).await;
    assert_eq!(add(&app, &p.external_chat, &["bob"], 0, None).await.code(), 0);
    let r = delete_user(&app.client, "alice", json!({"external_chat_acceptor_user_id": "carol"})).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_eq!(chat_owner(&app, &p.external_chat).await, "carol");
}

#[tokio::test]
async fn acceptors_are_recorded_with_the_leader_as_default_and_events_go_out() {
    on_both(defaults, |app, _| async move {
        let _receiver = listen(&app, &app.demo.app_id, TYPES).await;
        create_member(&app.client, "boss", json!({})).await;
        create_member(&app.client, "worker", json!({"leader_user_id": "boss"})).await;
        let chat = crate::chats::demo_chat(&app, "worker", &["bob"]).await;
        let mid = crate::meetings::meeting_with(&app, "carol", &["worker"]).await;

        let body = json!({
            "docs_acceptor_user_id": "dan",
            "minutes_acceptor_user_id": "carol",
            "email_acceptor": {"processing_type": "1", "acceptor_user_id": "dan"},
        });
        let r = delete_user(&app.client, "worker", body).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let s = status(&app, "worker").await;
        assert_eq!(s["is_resigned"], true);
        assert_eq!(get_user(&app, "worker").await.data()["user"]["department_ids"], json!([]));

        let dep =
            app.call(Request::get("/open-apis/roster/v1/org/departures/worker").query("user_id_type", "user_id")).await;
        let a = &dep.data()["acceptors"];
        assert_eq!(
            (a["docs_acceptor_user_id"].as_str(), a["minutes_acceptor_user_id"].as_str()),
            (Some("dan"), Some("carol")),
            "{a}"
        );
        for kind in ["calendar", "application", "survey"] {
            assert_eq!(a[format!("{kind}_acceptor_user_id")], "boss", "{kind} defaults to the leader: {a}");
        }
        assert_eq!(a["email_acceptor"], json!({"processing_type": 1, "acceptor_user_id": "dan"}));
        assert!(a.get("department_chat_acceptor_user_id").is_none(), "chats default to their earliest member");
        assert_eq!(dep.data()["kind"], "offboard");

        // The member left the meeting, which goes on with carol.
        let m = crate::meetings::get_meeting(&app, &mid).await;
        let me = crate::meetings::participant(&m.data()["meeting"], "worker").expect("listed");
        assert_ne!(me["status"], json!(2), "no longer in the meeting: {me}");
        assert_eq!(chat_owner(&app, &chat).await, "bob");

        // The outbox: the deletion, the chat's new owner and the member leaving, the meeting leave.
        wait_for_types(
            &app,
            &app.demo.app_id,
            &[
                "contact.user.deleted_v3",
                "im.chat.updated_v1",
                "im.chat.member.user.deleted_v1",
                "vc.meeting.leave_meeting_v1",
            ],
        )
        .await;
        let all = app.anon().send(Request::get("/_roster/v1/events").query("limit", 1000)).await.unwrap();
        let deleted = all.data()["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["event_type"] == "contact.user.deleted_v3")
            .map(|i| i["event"].clone())
            .unwrap();
        assert_eq!(deleted["event"]["object"]["user_id"], "worker");
        assert_eq!(deleted["event"]["object"]["status"]["is_resigned"], true);
        assert_eq!(deleted["event"]["old_object"]["department_ids"], json!(["0"]), "the departments they had");
    })
    .await;
}
