//! Department group chats: `create_group_chat` on create makes a chat owned by the main leader
//! (or the tenant's admin) with the department's direct members of the chosen employee types;
//! on patch it gives a department without one its chat, once.

use super::*;

async fn chat_members(app: &TestApp, chat: &str, owner: &str) -> (Value, Vec<String>) {
    let token = app.user_token(owner).await;
    let info = app
        .call(Request::get(&format!("/open-apis/im/v1/chats/{chat}")).query("user_id_type", "user_id").token(&token))
        .await;
    assert_eq!(info.code(), 0, "{}", info.body);
    let members = app
        .call(
            Request::get(&format!("/open-apis/im/v1/chats/{chat}/members"))
                .query("member_id_type", "user_id")
                .token(&token),
        )
        .await;
    assert_eq!(members.code(), 0, "{}", members.body);
    let mut ids: Vec<String> = members.data()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["member_id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    (info.data().clone(), ids)
}

#[tokio::test]
async fn create_group_chat_makes_the_department_chat() {
    on_each_backend(|app| async move {
        let c = &app.client;
        let r = create(c, json!({"name": "Chatty", "department_id": "chatty", "parent_department_id": "0", "leader_user_id": "alice", "create_group_chat": true})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let chat = r.data()["department"]["chat_id"].as_str().expect("chat_id").to_owned();
        assert!(chat.starts_with("oc_"), "{chat}");
        let (info, members) = chat_members(&app, &chat, "alice").await;
        assert_eq!((info["name"].as_str(), info["owner_id"].as_str()), (Some("Chatty"), Some("alice")));
        assert_eq!(info["chat_tag"], "department", "{info}");
        assert_eq!(members, ["alice"]);

        make(&app, "quiet", "0").await;
        member(&app, "q-regular", &["quiet"], 1).await;
        member(&app, "q-intern", &["quiet"], 2).await;
        member(&app, "q-vendor", &["quiet"], 3).await;
        let r = patch(c, "quiet", json!({"create_group_chat": true, "group_chat_employee_types": [1, 2]})).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let chat = r.data()["department"]["chat_id"].as_str().expect("chat_id").to_owned();
        let (info, members) = chat_members(&app, &chat, "admin").await;
        assert_eq!(info["owner_id"], "admin", "no leader: the tenant's admin owns it");
        assert_eq!(members, ["admin", "q-intern", "q-regular"], "the chosen employee types only");
        let again = patch(c, "quiet", json!({"create_group_chat": true})).await;
        assert_eq!(again.data()["department"]["chat_id"], chat.as_str(), "a department keeps its one chat");
        let off = patch(c, "quiet", json!({"create_group_chat": false})).await;
        assert_eq!(off.data()["department"]["chat_id"], chat.as_str(), "false never removes it");
    })
    .await;
}
