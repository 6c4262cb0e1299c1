//! Organization API edges: the QR code decodes back to the link; every bad input gets the
//! envelope (malformed JSON, wrong id types, another tenant's ids, over-limit lists); and seed
//! 000's org-side causes each have their own code and message.

use crate::harness::*;
use crate::orgs::{ORG, link, ok, org, redeem};
use roster_client::Request;
use serde_json::json;

fn decode_png(bytes: &[u8]) -> String {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * w + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("decodes").1
}

#[tokio::test]
async fn the_qr_code_decodes_back_to_the_invitation_link() {
    let app = spawn_app().await;
    let inv = link(&app, json!({})).await;
    let id = inv["invitation_id"].as_str().unwrap();
    let link = inv["link"].as_str().unwrap();
    assert_eq!(link, format!("{}/join/{}", app.base, inv["code"].as_str().unwrap()));
    let token = app.client.tenant_token().await.unwrap();
    let http = reqwest::Client::new();
    let get = |format: &'static str| {
        http.get(format!("{}{ORG}/invitations/{id}/qr?format={format}", app.base)).bearer_auth(&token).send()
    };
    let png = get("png").await.unwrap();
    assert_eq!(png.headers()["content-type"], "image/png");
    assert_eq!(decode_png(&png.bytes().await.unwrap()), link);
    let svg = get("svg").await.unwrap();
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    assert!(svg.text().await.unwrap().contains("<svg"));
    let bad = app.call(Request::get(&format!("{ORG}/invitations/{id}/qr")).query("format", "gif")).await;
    assert_error(&bad, 400, 99992402);
    // The link itself opens the invitation.
    let opened = app.anon().send(Request::get(link.strip_prefix(&app.base).unwrap())).await.unwrap();
    assert_eq!((opened.code(), opened.data()["state"].as_str()), (0, Some("active")));
}

#[tokio::test]
async fn bad_input_gets_the_envelope() {
    let app = spawn_app().await;
    let inv = link(&app, json!({})).await;
    let id = inv["invitation_id"].as_str().unwrap();
    let raw = raw_http(
        app.addr,
        "POST /open-apis/roster/v1/invitations/ABCDEFGH/redeem HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{nope",
    )
    .await;
    assert!(raw.contains("\"code\":99992402"), "{raw}");
    let token = app.client.tenant_token().await.unwrap();
    for (method, path) in [
        ("POST", org!("/members")),
        ("POST", org!("/invitations")),
        ("PATCH", org!("/settings")),
        ("POST", org!("/plans")),
        ("POST", org!("/seat_groups")),
        ("POST", org!("/admins")),
        ("POST", org!("/join_requests/1/approve")),
        ("PUT", org!("/members/alice/seat")),
    ] {
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{{nope"
        );
        let raw = raw_http(app.addr, &req).await;
        assert!(raw.starts_with("HTTP/1.1 400") && raw.contains("\"code\":99992402"), "{method} {path}: {raw}");
    }
    let cases = [
        (Request::post(org!("/invitations")).json(json!({"max_uses": "many"})), 400, 99992402),
        (Request::post(org!("/invitations")).json(json!({"expiry": "1y"})), 400, 99992402),
        (Request::post(org!("/invitations")).json(json!({"surprise": 1})), 400, 99992402),
        (Request::post(org!("/invitations")).json(json!({"max_uses": 0})), 400, 99992402),
        (Request::post(org!("/invitations")).json(json!({"department_id": "od-nope"})), 400, 99992380),
        (Request::get(org!("/invitations/abc")), 400, 99992402),
        (Request::get(org!("/invitations/999999")), 404, 1901006),
        (Request::post(org!("/join_requests/-4/approve")), 400, 99992402),
        (Request::post(org!("/join_requests/77/reject")), 404, 1901017),
        (Request::new(reqwest::Method::PATCH, org!("/plans/x")).json(json!({"seats": 1})), 400, 99992402),
        (Request::new(reqwest::Method::PATCH, org!("/plans/404")).json(json!({"seats": 1})), 404, 1901021),
        (Request::post(org!("/members/nobody/remind")).query("user_id_type", "user_id"), 400, 99992360),
        (Request::get(org!("/members/ou_123/origin")), 400, 99992351),
        (Request::get(org!("/audit")).query("action", "dance"), 400, 99992402),
        (Request::get(org!("/join_requests")).query("status", "maybe"), 400, 99992402),
        (Request::get("/open-apis/roster/v1/invitations/NOPE"), 404, 1901006),
        // Over-limit lists.
        (Request::get(org!("/invitations")).query("page_size", 101), 400, 99992402),
        (Request::get(org!("/members")).query("page_size", 0), 400, 99992402),
        (
            Request::post(org!("/invitations")).json(json!({"allowed_email_domains": vec!["a.example"; 21]})),
            400,
            99992402,
        ),
        (
            Request::post(org!("/admins"))
                .json(json!({"user_id": "x", "permissions": vec!["members_and_departments"; 11]})),
            400,
            99992402,
        ),
    ];
    for (req, status, code) in cases {
        let what = format!("{} {}", req.method, req.path);
        let r = app.call(req).await;
        assert_eq!((r.status, r.code()), (status, code), "{what}: {}", r.body);
        assert!(r.body["msg"].is_string(), "{what}");
    }
    let r = app.anon().send(Request::get(&format!("{ORG}/invitations/{id}"))).await.unwrap();
    assert_error(&r, 400, 99991661);
}

#[tokio::test]
async fn tenants_never_reach_each_others_invitations() {
    on_each_backend(|app| async move {
        let (_, other) = app.other_tenant("Rival").await;
        let inv = link(&app, json!({})).await;
        let id = inv["invitation_id"].as_str().unwrap();
        for req in [
            Request::get(&format!("{ORG}/invitations/{id}")),
            Request::post(&format!("{ORG}/invitations/{id}/revoke")),
            Request::get(&format!("{ORG}/invitations/{id}/qr")),
        ] {
            let r = other.send(req).await.unwrap();
            assert_error(&r, 404, 1901006);
        }
        let plan = ok(&app, Request::get(org!("/plans"))).await["items"][0]["plan_id"].as_str().unwrap().to_owned();
        let r = other
            .send(Request::new(reqwest::Method::PATCH, &format!("{ORG}/plans/{plan}")).json(json!({"seats": 1})))
            .await
            .unwrap();
        assert_error(&r, 404, 1901021);
        let r = other.send(Request::get(org!("/members/alice/origin")).query("user_id_type", "user_id")).await.unwrap();
        assert_error(&r, 400, 99992360);
        let list = other.send(Request::get(org!("/invitations"))).await.unwrap();
        assert_eq!(list.data()["items"], json!([]));
        let outbox = other.send(Request::get(org!("/audit"))).await.unwrap();
        assert_eq!(outbox.data()["items"], json!([]), "nothing of the demo tenant");
        assert_eq!(
            ok(&app, Request::get(&format!("{ORG}/invitations/{id}"))).await["invitation"]["state"],
            "active",
            "untouched"
        );
    })
    .await;
}

#[tokio::test]
async fn each_org_side_cause_has_its_own_error() {
    let app = spawn_app().await;
    let person = |to: serde_json::Value| Request::post(org!("/invitations")).json(json!({"invitee": to}));
    // An invitee who is already a member.
    let r = app.call(person(json!({"email": "alice@demo.roster.local"}))).await;
    assert_error(&r, 400, 1901012);
    assert!(r.msg().contains("already a member"), "{}", r.msg());
    // A wrong phone or email.
    let r = app.call(person(json!({"email": "alice@@nowhere"}))).await;
    assert_error(&r, 400, 1901014);
    assert!(r.msg().contains("(email)"), "{}", r.msg());
    assert_error(&app.call(person(json!({"mobile": "call me"}))).await, 400, 1901014);
    // Redeeming with an existing account's email and the wrong password.
    let inv = link(&app, json!({"allowed_email_domains": ["demo.roster.local", "x.example"]})).await;
    let code = inv["code"].as_str().unwrap();
    let wrong = json!({"email": "someone@x.example", "password": "not the password"});
    let body = json!({"email": "bob@demo.roster.local", "password": "definitely wrong"});
    let url = format!("/open-apis/roster/v1/invitations/{code}/redeem");
    let r = app.anon().send(Request::post(&url).json(&body)).await.unwrap();
    assert_error(&r, 400, 1901012);
    let r = redeem(&app, code, "eve@elsewhere.example").await;
    assert_error(&r, 400, 1901011);
    let r = app.anon().send(Request::post(&url).json(&wrong)).await.unwrap();
    assert_eq!(r.code(), 0, "a new account: {}", r.body);
    let r = app
        .anon()
        .send(Request::post(&url).json(json!({"email": "someone2@x.example", "password": "short"})))
        .await
        .unwrap();
    assert_error(&r, 400, 99992402);

    // An organization at its member limit: refused, and the outbox says why.
    let members =
        ok(&app, Request::get(org!("/members")).query("page_size", 100)).await["items"].as_array().unwrap().len();
    ok(&app, Request::new(reqwest::Method::PATCH, org!("/settings")).json(json!({"member_limit": members}))).await;
    let r = app.call(person(json!({"email": "zoe@x.example"}))).await;
    assert_error(&r, 400, 41007);
    assert!(r.msg().contains(&format!("member limit of {members}")), "{}", r.msg());
    let outbox = ok(&app, Request::get(org!("/notifications"))).await;
    assert_eq!(
        (outbox["items"][0]["status"].as_str(), outbox["items"][0]["address"].as_str()),
        (Some("refused"), Some("zoe@x.example"))
    );
    assert!(outbox["items"][0]["reason"].as_str().unwrap().contains("member limit"), "{outbox}");
    let r = redeem(&app, code, "yan@x.example").await;
    assert_error(&r, 400, 41007);
    let body = json!({"name": "Contact Api", "mobile": "+15550007777", "department_ids": ["0"], "employee_type": 1});
    assert_error(&app.call(Request::post("/open-apis/contact/v3/users").json(body)).await, 400, 41007);
    ok(&app, Request::new(reqwest::Method::PATCH, org!("/settings")).json(json!({"member_limit": null}))).await;
    assert_eq!(redeem(&app, code, "yan@x.example").await.code(), 0);
}
