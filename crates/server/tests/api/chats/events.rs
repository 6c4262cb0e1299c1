//! Chat events end to end: what the chat area writes reaches the bots in the chat through the
//! events dispatcher, rendered as the SDKs expect; a bot outside the chat hears nothing.

use super::*;
use crate::events::receiver::Receiver;
use crate::events::subscribe;
use std::time::Duration;

const TYPES: &[&str] = &[
    "im.chat.member.user.added_v1",
    "im.chat.member.user.deleted_v1",
    "im.chat.member.user.withdrawn_v1",
    "im.chat.member.bot.added_v1",
    "im.chat.disbanded_v1",
    "im.chat.updated_v1",
];

#[tokio::test]
async fn the_bots_in_a_chat_hear_its_changes() {
    let app = spawn_app().await;
    let inside = Receiver::start(None).await;
    subscribe(&app.anon(), &app.demo.app_id, &inside.url, TYPES, None).await;
    let (other, _) = app.other_tenant("Elsewhere").await;
    let outside = Receiver::start(None).await;
    subscribe(&app.anon(), &other.app_id, &outside.url, TYPES, None).await;

    let chat = demo_chat(&app, "alice", &[]).await;
    assert_eq!(add(&app, &chat, &["bob"], 0, None).await.code(), 0);
    let alice = app.user_token("alice").await;
    let r = app
        .call(
            Request::new(reqwest::Method::PUT, &format!("{CHATS}/{chat}"))
                .token(&alice)
                .json(json!({"name": "Renamed"})),
        )
        .await;
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_eq!(app.call(Request::new(reqwest::Method::DELETE, &format!("{CHATS}/{chat}"))).await.code(), 0);

    let got = inside.wait_for(4).await;
    let mut types: Vec<&str> = got.iter().map(|g| g.event["header"]["event_type"].as_str().unwrap_or("")).collect();
    types.sort();
    assert_eq!(
        types,
        ["im.chat.disbanded_v1", "im.chat.member.bot.added_v1", "im.chat.member.user.added_v1", "im.chat.updated_v1"]
    );
    let of =
        |t: &str| got.iter().find(|g| g.event["header"]["event_type"] == t).map(|g| g.event["event"].clone()).unwrap();
    let added = &of("im.chat.member.user.added_v1");
    assert_eq!(added["chat_id"], chat.as_str());
    assert_eq!(added["users"][0]["user_id"]["user_id"], "bob");
    assert_eq!(added["users"][0]["tenant_key"], app.demo.tenant_key.as_str());
    let updated = &of("im.chat.updated_v1");
    assert_eq!(
        (updated["before_change"]["name"].as_str(), updated["after_change"]["name"].as_str()),
        (Some("Team"), Some("Renamed"))
    );
    outside.stays_at(0, Duration::from_millis(500)).await;
}
