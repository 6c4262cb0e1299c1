//! Many clients at once on one chat, on both stores: Lark would answer some of them with 232019;
//! Roster serializes them on the chat's lock, so every call succeeds and the cap holds.

use super::*;
use roster_store::testing;

/// Runs `story` on SQLite, then PostgreSQL when configured, with a member cap of `cap`.
async fn with_cap<F, Fut>(cap: i64, story: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    story(spawn_with(testing::sqlite(), |c| c.chats.max_members = cap).await).await;
    if let Some(db) = testing::postgres().await {
        story(spawn_with(db, |c| c.chats.max_members = cap).await).await;
    }
}

#[tokio::test]
async fn many_clients_race_for_the_last_free_places() {
    with_cap(30, |app| async move {
        let people = make_users(&app, "racer", 45).await;
        let first: Vec<&str> = people[..19].iter().map(String::as_str).collect();
        let chat = demo_chat(&app, "alice", &first).await;
        let mut tasks = Vec::new();
        for p in &people[19..] {
            // A client of its own for each racer.
            let client = app.as_app(&app.demo);
            let (path, id) = (format!("{CHATS}/{chat}/members"), p.clone());
            tasks.push(tokio::spawn(async move {
                let req = Request::post(&path).query("member_id_type", "user_id").json(json!({ "id_list": [id] }));
                client.send(req).await.expect("request")
            }));
        }
        let (mut ok, mut full) = (0, 0);
        for t in tasks {
            let r = t.await.unwrap();
            match r.code() {
                0 => ok += 1,
                232013 => {
                    assert_eq!(r.status, 400);
                    full += 1
                }
                _ => panic!("only success or chat-full: {}", r.body),
            }
        }
        assert_eq!((ok, full), (10, 16), "20 members, 10 free places, 26 racers");
        let members = member_user_ids(&app, &chat).await;
        assert_eq!(members.len(), 30);
        let g = app.call(Request::get(&format!("{CHATS}/{chat}"))).await;
        assert_eq!(g.data()["user_count"], "30");
    })
    .await;
}

#[tokio::test]
async fn concurrent_adds_and_removes_on_one_chat_all_succeed() {
    with_cap(5000, |app| async move {
        let people = make_users(&app, "mixer", 40).await;
        let first: Vec<&str> = people[..20].iter().map(String::as_str).collect();
        let chat = demo_chat(&app, "alice", &first).await;
        let mut tasks = Vec::new();
        for (i, p) in people.iter().enumerate() {
            let client = app.as_app(&app.demo);
            let (path, id) = (format!("{CHATS}/{chat}/members"), p.clone());
            tasks.push(tokio::spawn(async move {
                let req = if i < 20 {
                    Request::new(reqwest::Method::DELETE, &path)
                        .query("member_id_type", "user_id")
                        .json(json!({ "id_list": [id] }))
                } else {
                    Request::post(&path).query("member_id_type", "user_id").json(json!({ "id_list": [id] }))
                };
                client.send(req).await.expect("request")
            }));
        }
        for t in tasks {
            let r = t.await.unwrap();
            assert_eq!(r.code(), 0, "every concurrent call succeeds: {}", r.body);
        }
        let mut members = member_user_ids(&app, &chat).await;
        members.sort();
        let mut want: Vec<String> = people[20..].to_vec();
        want.push("alice".into());
        want.sort();
        assert_eq!(members, want);
    })
    .await;
}
