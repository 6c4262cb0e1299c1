//! External users and collaborations, the tenant's chat policy, join requests, share links and
//! their QR codes, through Roster's own API.

use super::*;
use reqwest::Method;

const POLICY: &str = "/open-apis/roster/v1/chat_policy";
const COLLABORATIONS: &str = "/open-apis/roster/v1/collaborations";

#[tokio::test]
async fn collaborations_need_both_admins_and_strangers_never_resolve() {
    on_each_backend(|app| async move {
        let (other, other_client) = app.other_tenant("Ally").await;
        let admin = app.user_token("admin").await;
        let alice = app.user_token("alice").await;
        let their_admin = app.anon().user_access_token(&other.app_id, &other.admin.user_id, "user_id").await.unwrap();

        // Only tenant admins, with user tokens, approve.
        let body = json!({"tenant_key": other.tenant_key});
        assert_error(&app.call(Request::post(COLLABORATIONS).token(&alice).json(body.clone())).await, 403, 1903005);
        assert_error(&app.call(Request::post(COLLABORATIONS).json(body.clone())).await, 403, 1903005);
        assert_error(
            &app.call(Request::post(COLLABORATIONS).token(&admin).json(json!({"tenant_key": app.demo.tenant_key})))
                .await,
            400,
            1903006,
        );
        assert_error(
            &app.call(Request::post(COLLABORATIONS).token(&admin).json(json!({"tenant_key": "0000000000000000"})))
                .await,
            400,
            1903006,
        );
        assert_error(
            &app.call(Request::post(COLLABORATIONS).token(&admin).json(json!({"tenant_key": 5}))).await,
            400,
            99992402,
        );
        let r = app.call(Request::post(COLLABORATIONS).token(&admin).json(body)).await;
        assert_eq!(r.data()["collaboration"]["status"], "pending", "{}", r.body);

        // Until the other admin approves, their users cannot join the external chat.
        let chat =
            create_chat(&app.client, None, json!({"name": "Joint", "owner_id": "alice", "external": true})).await;
        let link =
            app.call(Request::post(&format!("{CHATS}/{chat}/link")).json(json!({"validity_period": "week"}))).await;
        let path = link_path(&link);
        let r = other_client.send(Request::post(&format!("{path}/join")).token(&their_admin)).await.unwrap();
        assert_error(&r, 404, 1903001);

        let r = other_client
            .send(Request::post(COLLABORATIONS).token(&their_admin).json(json!({"tenant_key": app.demo.tenant_key})))
            .await
            .unwrap();
        assert_eq!(r.data()["collaboration"]["status"], "active", "{}", r.body);
        let list = app.call(Request::get(COLLABORATIONS)).await;
        assert_eq!(list.data()["items"][0]["tenant_key"], other.tenant_key.as_str());
        assert_eq!(list.data()["items"][0]["approved_by_them"], true);

        let r = other_client.send(Request::post(&format!("{path}/join")).token(&their_admin)).await.unwrap();
        assert_eq!(r.data()["status"], "joined", "{}", r.body);
        let page = app.call(Request::get(&format!("{CHATS}/{chat}/members"))).await;
        let ext = page.data()["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["tenant_key"] == other.tenant_key.as_str())
            .cloned()
            .expect("external member");
        let ext_open_id = ext["member_id"].as_str().unwrap().to_owned();
        let by_user_id =
            app.call(Request::get(&format!("{CHATS}/{chat}/members")).query("member_id_type", "user_id")).await;
        assert!(
            by_user_id.data()["items"].as_array().unwrap().iter().any(|m| m["member_id"] == ""),
            "user_ids are per tenant"
        );
        // The external member reads the chat through their own app.
        let r = other_client.send(Request::get(&format!("{CHATS}/{chat}")).token(&their_admin)).await.unwrap();
        assert_eq!(r.data()["external"], true, "{}", r.body);
        // An internal chat refuses them; the external one takes them by open_id.
        let internal = demo_chat(&app, "alice", &[]).await;
        let r = app
            .call(Request::post(&format!("{CHATS}/{internal}/members")).json(json!({"id_list": [ext_open_id]})))
            .await;
        assert_error(&r, 400, 232028);

        // Ending the collaboration: the id names nobody any more.
        let r = app
            .call(Request::new(Method::DELETE, &format!("{COLLABORATIONS}/{}", other.tenant_key)).token(&admin))
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let r = app
            .call(Request::post(&format!("{CHATS}/{internal}/members")).json(json!({"id_list": [ext_open_id]})))
            .await;
        assert_error(&r, 400, 99992351);
        let r = app
            .call(
                Request::post(&format!("{CHATS}/{internal}/members"))
                    .query("succeed_type", 1)
                    .json(json!({"id_list": [ext_open_id]})),
            )
            .await;
        assert_eq!(r.data()["not_existed_id_list"], json!([ext_open_id]));
        assert_error(
            &app.call(Request::new(Method::DELETE, &format!("{COLLABORATIONS}/{}", other.tenant_key)).token(&admin))
                .await,
            404,
            1903007,
        );
    })
    .await;
}

fn link_path(r: &ApiResponse) -> String {
    let url = r.data()["share_link"].as_str().unwrap_or_else(|| panic!("no share_link: {}", r.body));
    url.split_once("/open-apis").map(|(_, p)| format!("/open-apis{p}")).expect("path")
}

#[tokio::test]
async fn the_policy_is_read_by_anyone_and_changed_by_admins() {
    let app = spawn_app().await;
    let r = app.call(Request::get(POLICY)).await;
    assert_eq!(
        r.data(),
        &json!({"members_may_add_external": true, "group_creation": "everyone", "member_addition": "everyone", "public_chats": true})
    );
    let alice = app.user_token("alice").await;
    let patch = |t: Option<&str>, body: Value| {
        let mut req = Request::new(Method::PATCH, POLICY).json(body);
        if let Some(t) = t {
            req = req.token(t.to_owned());
        }
        app.call(req)
    };
    assert_error(&patch(Some(&alice), json!({"public_chats": false})).await, 403, 1903005);
    assert_error(&patch(None, json!({"public_chats": false})).await, 403, 1903005);
    let admin = app.user_token("admin").await;
    assert_error(&patch(Some(&admin), json!({"group_creation": "nobody"})).await, 400, 99992402);
    assert_error(&patch(Some(&admin), json!({"max_chat_members": -1})).await, 400, 99992402);
    assert_error(&patch(Some(&admin), json!({"public_chats": "no"})).await, 400, 99992402);
    let r = patch(Some(&admin), json!({"max_chat_members": 40, "public_chats": false})).await;
    assert_eq!((r.data()["max_chat_members"].as_i64(), r.data()["public_chats"].as_bool()), (Some(40), Some(false)));
    let (_, other) = app.other_tenant("Elsewhere").await;
    let theirs = other.send(Request::get(POLICY)).await.unwrap();
    assert_eq!(theirs.data()["public_chats"], true, "each tenant has its own policy");
}

#[tokio::test]
async fn join_requests_are_approved_rejected_and_withdrawn() {
    on_each_backend(|app| async move {
        let (alice, bob, carol) =
            (app.user_token("alice").await, app.user_token("bob").await, app.user_token("carol").await);
        let chat = create_chat(
            &app.client,
            Some(&alice),
            json!({"name": "Gated", "membership_approval": "approval_required", "user_id_list": ["bob"]}),
        )
        .await;
        let r = add(&app, &chat, &["carol", "dan", "admin"], 0, Some(&bob)).await;
        assert_eq!(r.data()["pending_approval_id_list"], json!(["carol", "dan", "admin"]), "{}", r.body);
        let again = add(&app, &chat, &["carol"], 0, Some(&bob)).await;
        assert_eq!(again.data()["pending_approval_id_list"], json!(["carol"]), "still pending, one request");
        let base = format!("/open-apis/roster/v1/chats/{chat}/join_requests");
        assert_error(&app.call(Request::get(&base).token(&bob)).await, 400, 232017);
        assert_error(&app.call(Request::get(&base).token(&carol)).await, 400, 232011);
        let list = app
            .call(Request::get(&base).query("user_id_type", "user_id").query("status", "pending").token(&alice))
            .await;
        let items = list.data()["items"].as_array().unwrap().clone();
        assert_eq!(items.len(), 3, "{}", list.body);
        let id =
            |uid: &str| items.iter().find(|i| i["user_id"] == uid).unwrap()["request_id"].as_str().unwrap().to_owned();
        assert_eq!(items[0]["requested_by"]["type"], "user");

        let r = app.call(Request::post(&format!("{base}/{}/approve", id("carol"))).token(&alice)).await;
        assert_eq!(r.data()["join_request"]["status"], "approved", "{}", r.body);
        assert_error(
            &app.call(Request::post(&format!("{base}/{}/approve", id("carol"))).token(&alice)).await,
            409,
            1903004,
        );
        let r = app.call(Request::post(&format!("{base}/{}/reject", id("dan"))).token(&alice)).await;
        assert_eq!(r.data()["join_request"]["status"], "rejected");
        assert_error(
            &app.call(Request::post(&format!("{base}/{}/withdraw", id("admin"))).token(&carol)).await,
            400,
            232017,
        );
        let r = app.call(Request::post(&format!("{base}/{}/withdraw", id("admin"))).token(&bob)).await;
        assert_eq!(r.data()["join_request"]["status"], "withdrawn", "whoever filed it may withdraw: {}", r.body);
        assert_error(&app.call(Request::post(&format!("{base}/999999/approve")).token(&alice)).await, 404, 1903003);
        assert_error(&app.call(Request::post(&format!("{base}/abc/approve")).token(&alice)).await, 400, 99992402);
        assert_error(&app.call(Request::get(&base).query("status", "maybe").token(&alice)).await, 400, 99992402);
        let page = app
            .call(Request::get(&format!("{CHATS}/{chat}/members")).query("member_id_type", "user_id").token(&alice))
            .await;
        let ids: Vec<&str> =
            page.data()["items"].as_array().unwrap().iter().map(|m| m["member_id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["alice", "bob", "carol"]);
    })
    .await;
}

#[tokio::test]
async fn share_links_join_file_requests_expire_and_render_as_qr() {
    let app = spawn_app().await;
    let (alice, carol, dan) =
        (app.user_token("alice").await, app.user_token("carol").await, app.user_token("dan").await);
    let chat = create_chat(&app.client, Some(&alice), json!({"name": "Linked"})).await;
    let r = app.call(Request::post(&format!("{CHATS}/{chat}/link")).token(&alice).json(json!({}))).await;
    assert_eq!(r.code(), 0, "{}", r.body);
    assert_eq!(r.data()["is_permanent"], false);
    let now = app.anon().advance_clock(0).await.unwrap();
    let expire: i64 = r.data()["expire_time"].as_str().unwrap().parse().unwrap();
    assert!((expire - now - 7 * 86_400).abs() <= 2, "a week by default");
    let path = link_path(&r);
    assert!(r.data()["share_link"].as_str().unwrap().starts_with(&app.base), "links point at the public URL");

    let info = app.call(Request::get(&path).token(&carol)).await;
    assert_eq!((info.data()["name"].as_str(), info.data()["chat_id"].as_str()), (Some("Linked"), Some(chat.as_str())));
    let r = app.call(Request::post(&format!("{path}/join")).token(&carol)).await;
    assert_eq!(r.data()["status"], "joined", "{}", r.body);
    let r = app.call(Request::post(&format!("{path}/join")).token(&carol)).await;
    assert_eq!(r.data()["status"], "already_member");
    assert_error(&app.call(Request::post(&format!("{path}/join"))).await, 400, 99991663);

    // With approval on, following the link files a request.
    app.call(
        Request::new(Method::PUT, &format!("{CHATS}/{chat}"))
            .token(&alice)
            .json(json!({"membership_approval": "approval_required"})),
    )
    .await;
    let r = app.call(Request::post(&format!("{path}/join")).token(&dan)).await;
    assert_eq!(r.data()["status"], "pending", "{}", r.body);
    let list = app.call(Request::get(&format!("/open-apis/roster/v1/chats/{chat}/join_requests")).token(&alice)).await;
    assert_eq!(list.data()["items"][0]["via"], "link");

    // The QR code decodes back to the link.
    let http = reqwest::Client::new();
    let token = app.client.tenant_token().await.unwrap();
    let share = r_share(&app, &path).await;
    let png = http.get(format!("{}{path}/qr.png", app.base)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    assert_eq!(decode_png(&png.bytes().await.unwrap()), share);
    let svg = http.get(format!("{}{path}/qr.svg", app.base)).bearer_auth(&token).send().await.unwrap();
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().contains("<svg"));

    // Links are private to the tenant; unknown ones are not found; expired ones say so.
    let (_, stranger) = app.other_tenant("Outsiders").await;
    assert_error(&stranger.send(Request::get(&path)).await.unwrap(), 404, 1903001);
    assert_error(&app.call(Request::get("/open-apis/roster/v1/chat_links/nope")).await, 404, 1903001);
    assert_error(&app.call(Request::get("/open-apis/roster/v1/chat_links/nope/qr.png")).await, 404, 1903001);
    let forever = app
        .call(
            Request::post(&format!("{CHATS}/{chat}/link"))
                .token(&alice)
                .json(json!({"validity_period": "permanently"})),
        )
        .await;
    assert_eq!(
        (forever.data()["is_permanent"].as_bool(), forever.data()["expire_time"].as_str()),
        (Some(true), Some("0"))
    );
    assert_error(
        &app.call(Request::post(&format!("{CHATS}/{chat}/link")).json(json!({"validity_period": "month"}))).await,
        400,
        232001,
    );
    app.anon().advance_clock(8 * 86_400).await.unwrap();
    let (alice, carol, dan) =
        (app.user_token("alice").await, app.user_token("carol").await, app.user_token("dan").await);
    assert_error(&app.call(Request::post(&format!("{path}/join")).token(&dan)).await, 410, 1903002);
    assert_error(&app.call(Request::get(&format!("{path}/qr.svg")).token(&alice)).await, 410, 1903002);
    assert_eq!(app.call(Request::get(&link_path(&forever)).token(&alice)).await.code(), 0, "a permanent link lives on");

    // share_card_permission=not_allowed: only owners and managers make links.
    app.call(
        Request::new(Method::PUT, &format!("{CHATS}/{chat}"))
            .token(&alice)
            .json(json!({"add_member_permission": "only_owner", "share_card_permission": "not_allowed"})),
    )
    .await;
    assert_error(
        &app.call(Request::post(&format!("{CHATS}/{chat}/link")).token(&carol).json(json!({}))).await,
        400,
        232017,
    );
}

async fn r_share(app: &TestApp, path: &str) -> String {
    let info = app.call(Request::get(path)).await;
    info.data()["share_link"].as_str().expect("share_link").to_owned()
}

/// Decodes the one QR code in a greyscale PNG.
fn decode_png(bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}
