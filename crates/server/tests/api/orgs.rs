//! Organization membership stories on both stores: admin add with each login email type, an
//! approval link with seat allocation (by plan and through a seat group), a code expiring on the
//! fake clock, a member refused then allowed to invite, 64 redemptions racing for 10 seats, and
//! "who added this member?".

use crate::harness::*;
use roster_client::{ApiResponse, Request};
use serde_json::{Value, json};

pub const ORG: &str = "/open-apis/roster/v1/org";

/// A static path under the organization API.
macro_rules! org {
    ($p:literal) => {
        concat!("/open-apis/roster/v1/org", $p)
    };
}
pub(crate) use org;

/// Sends and insists on code 0.
pub async fn ok(app: &TestApp, req: Request<'_>) -> Value {
    let r = app.call(req).await;
    assert_eq!((r.status, r.code()), (200, 0), "{}", r.body);
    r.data().clone()
}

/// Redeems `code` as a new person (anonymous: the invitee has no token).
pub async fn redeem(app: &TestApp, code: &str, email: &str) -> ApiResponse {
    let body = json!({"name": email.split('@').next(), "email": email, "password": "a good password", "via": "code"});
    app.anon()
        .send(Request::post(&format!("/open-apis/roster/v1/invitations/{code}/redeem")).json(body))
        .await
        .expect("redeem")
}

/// Creates a link invitation with `body` (as the demo app, an admin).
pub async fn link(app: &TestApp, body: Value) -> Value {
    let req = Request::post(org!("/invitations")).query("department_id_type", "department_id");
    ok(app, req.json(body)).await["invitation"].clone()
}

/// The demo plan's id, after setting its seats to the seats taken plus `free`.
pub async fn leave_free_seats(app: &TestApp, free: i64) -> String {
    let plans = ok(app, Request::get(org!("/plans"))).await;
    let plan = &plans["items"][0];
    let id = plan["plan_id"].as_str().unwrap().to_owned();
    let seats = plan["taken"].as_i64().unwrap() + free;
    ok(app, Request::new(reqwest::Method::PATCH, &format!("{ORG}/plans/{id}")).json(json!({"seats": seats}))).await;
    id
}

fn members_add(body: Value) -> Request<'static> {
    Request::post("/open-apis/roster/v1/org/members")
        .query("user_id_type", "user_id")
        .query("department_id_type", "department_id")
        .json(body)
}

#[tokio::test]
async fn admin_adds_a_member_with_each_login_email_type() {
    on_each_backend(|app| async move {
        let admin = app.user_token("admin").await;
        let business = ok(
            &app,
            members_add(json!({"name": "Ada Lovelace", "department_ids": ["engineering"], "employee_type": 1,
                "login_email_type": "business"}))
            .token(&admin),
        )
        .await;
        assert_eq!(business["business_email"], "ada.lovelace@demo.roster.local");
        assert_eq!(business["password"].as_str().unwrap().len(), 12, "generated, shown once");
        assert_eq!(business["member"]["status"], "invited");
        assert_eq!(business["member"]["enterprise_email"], "ada.lovelace@demo.roster.local");
        assert_eq!(business["member"]["seat"]["reason"], "admin_add", "a seat on the paid plan");
        assert_eq!(business["invitation"]["kind"], "member");

        let r = app
            .call(members_add(json!({"name": "Grace Hopper", "department_ids": ["engineering"], "employee_type": 2,
                "login_email_type": "work", "work_email": "grace@navy.example", "password": "nope-not-here"})))
            .await;
        assert_error(&r, 400, 99992402);
        let work = ok(
            &app,
            members_add(json!({"name": "Grace Hopper", "department_ids": ["engineering"], "employee_type": 2,
                "login_email_type": "work", "work_email": "grace@navy.example"})),
        )
        .await;
        assert!(work.get("password").is_none() && work.get("business_email").is_none());
        assert_eq!(work["member"]["email"], "grace@navy.example");
        assert_eq!(work["invitation"]["channel"], "email");

        let skip = ok(
            &app,
            members_add(json!({"name": "Linus", "department_ids": ["sales"], "employee_type": 3,
                "login_email_type": "skip", "mobile": "+15557654321", "business_email_prefix": "ignored"})),
        )
        .await;
        assert_eq!(skip["invitation"]["channel"], "sms");
        assert_eq!(skip["member"]["mobile"], "+15557654321");

        // The notifier sent each invitation (log notifier; the outbox is queryable).
        let outbox = ok(&app, Request::get(org!("/notifications"))).await;
        let sent: Vec<(&str, &str)> = outbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["address"].as_str().unwrap(), n["status"].as_str().unwrap()))
            .collect();
        assert_eq!(
            sent,
            [("+15557654321", "sent"), ("grace@navy.example", "sent"), ("ada.lovelace@demo.roster.local", "sent")]
        );
        assert!(outbox["items"][0]["body"].as_str().unwrap().contains(skip["invitation"]["link"].as_str().unwrap()));

        // Ada opens her link and accepts: Invited → Inactive. Remind then resends.
        let r = redeem(&app, business["invitation"]["code"].as_str().unwrap(), "ignored@x.example").await;
        assert_eq!((r.code(), r.data()["result"].as_str()), (0, Some("accepted")), "{}", r.body);
        assert_eq!(r.data()["member_status"], "inactive");
        let grace = work["member"]["user_id"].as_str().unwrap();
        let reminded =
            ok(&app, Request::post(&format!("{ORG}/members/{grace}/remind")).query("user_id_type", "user_id")).await;
        assert_eq!(reminded["invitation"]["code"], work["invitation"]["code"], "the same, still valid invitation");
        let r = app.call(Request::post(org!("/members/alice/remind")).query("user_id_type", "user_id")).await;
        assert_error(&r, 400, 1901019);

        let list =
            ok(&app, Request::get(org!("/members")).query("user_id_type", "user_id").query("page_size", 50)).await;
        let status =
            |id: &str| list["items"].as_array().unwrap().iter().find(|m| m["user_id"] == id).unwrap()["status"].clone();
        assert_eq!(status("alice"), "active");
        assert_eq!(status(grace), "invited");
        assert_eq!(status(business["member"]["user_id"].as_str().unwrap()), "inactive");
    })
    .await;
}

#[tokio::test]
async fn an_approval_link_then_seat_allocation() {
    on_each_backend(|app| async move {
        // A second plan: invitations must now require approval.
        let pro = ok(&app, Request::post(org!("/plans")).json(json!({"name": "Pro", "seats": 5}))).await;
        let pro_id = pro["plan_id"].as_str().unwrap().to_owned();
        let r = app.call(Request::post(org!("/invitations")).json(json!({"require_approval": false}))).await;
        assert_error(&r, 400, 1901005);
        let inv = link(&app, json!({"expiry": "30d"})).await;
        assert_eq!(inv["require_approval"], true);
        let code = inv["code"].as_str().unwrap();

        let r = redeem(&app, code, "erin@new.example").await;
        assert_eq!(r.data()["result"], "pending_approval", "{}", r.body);
        let r2 = redeem(&app, code, "erin@new.example").await;
        assert_error(&r2, 409, 1901016);
        let reqs = ok(&app, Request::get(org!("/join_requests")).query("status", "pending")).await;
        let req_id = reqs["items"][0]["request_id"].as_str().unwrap().to_owned();
        assert_eq!(reqs["items"][0]["via"], "code");

        // Several plans and no seat group: the admin must choose.
        let approve = format!("{ORG}/join_requests/{req_id}/approve");
        assert_error(&app.call(Request::post(&approve)).await, 400, 1901020);
        let done =
            ok(&app, Request::post(&approve).query("user_id_type", "user_id").json(json!({"plan_id": pro_id}))).await;
        assert_eq!(done["status"], "approved");
        let erin = done["user_id"].as_str().unwrap().to_owned();
        assert_error(&app.call(Request::post(&approve).json(json!({"plan_id": pro_id}))).await, 409, 1901018);
        let ledger =
            ok(&app, Request::get(org!("/seats")).query("plan_id", &pro_id).query("user_id_type", "user_id")).await;
        assert_eq!(ledger["items"].as_array().unwrap().len(), 1);
        assert_eq!(
            (ledger["items"][0]["holder_id"].as_str(), ledger["items"][0]["reason"].as_str()),
            (Some(erin.as_str()), Some("approved"))
        );

        // Automatic allocation through a seat group covering Sales (one seat), then it is full.
        let group = ok(
            &app,
            Request::post(org!("/seat_groups"))
                .query("department_id_type", "department_id")
                .json(json!({"name": "Sales seats", "plan_id": pro_id, "seats": 1, "department_id": "sales"})),
        )
        .await;
        let sales = link(&app, json!({"department_id": "sales"})).await;
        let sales = sales["code"].as_str().unwrap();
        let r = redeem(&app, sales, "fay@new.example").await;
        assert_eq!(r.data()["result"], "pending_approval", "{}", r.body);
        let r = redeem(&app, sales, "gus@new.example").await;
        assert_error(&r, 400, 44023);
        assert!(r.msg().contains("Sales seats"), "fay's pending request holds the group's seat: {}", r.msg());
        let reqs = ok(&app, Request::get(org!("/join_requests")).query("status", "pending")).await;
        let fay = reqs["items"][0]["request_id"].as_str().unwrap().to_owned();
        // Rejecting gives the reservation back; then Gus gets it, through the group.
        let rejected = ok(&app, Request::post(&format!("{ORG}/join_requests/{fay}/reject"))).await;
        assert_eq!(rejected["status"], "rejected");
        let r = redeem(&app, sales, "gus@new.example").await;
        assert_eq!(r.data()["result"], "pending_approval", "{}", r.body);
        let gus = r.data()["request_id"].as_str().unwrap().to_owned();
        ok(&app, Request::post(&format!("{ORG}/join_requests/{gus}/approve")).json(json!({}))).await;
        let groups = ok(&app, Request::get(org!("/seat_groups"))).await;
        assert_eq!(groups["items"][0]["taken"], 1);
        assert_eq!(groups["items"][0]["seat_group_id"], group["seat_group_id"]);
        let r = redeem(&app, sales, "hal@new.example").await;
        assert_error(&r, 400, 44023);
        let held = ok(&app, Request::get(org!("/seats")).query("page_size", 100)).await;
        assert!(
            !held["items"].as_array().unwrap().iter().any(|s| s["holder_type"] == "request" && s["holder_id"] == fay)
        );
    })
    .await;
}

#[tokio::test]
async fn a_code_expires_on_the_fake_clock_and_revoking_stops_it_at_once() {
    on_each_backend(|app| async move {
        let week = link(&app, json!({"expiry": "7d"})).await;
        let code = week["code"].as_str().unwrap().to_owned();
        let once = link(&app, json!({"expiry": "never", "max_uses": 1})).await;
        let revoked = link(
            &app,
            json!({"expiry": "custom", "expire_time": (app.anon().advance_clock(0).await.unwrap() + 60).to_string()}),
        )
        .await;
        ok(&app, Request::post(&format!("{ORG}/invitations/{}/revoke", revoked["invitation_id"].as_str().unwrap())))
            .await;
        assert_error(&redeem(&app, revoked["code"].as_str().unwrap(), "ivy@new.example").await, 400, 1901008);
        assert_eq!(redeem(&app, once["code"].as_str().unwrap(), "jon@new.example").await.code(), 0);
        assert_error(&redeem(&app, once["code"].as_str().unwrap(), "kim@new.example").await, 400, 1901009);

        app.anon().advance_clock(7 * 86_400 - 10).await.unwrap();
        let preview = app.anon().send(Request::get(&format!("/join/{code}"))).await.unwrap();
        assert_eq!(preview.data()["state"], "active", "{}", preview.body);
        app.anon().advance_clock(10).await.unwrap();
        let preview = app.anon().send(Request::get(&format!("/join/{}", code.to_lowercase()))).await.unwrap();
        assert_eq!(preview.data()["state"], "expired");
        assert_eq!(preview.data()["organization"], "Roster Demo");
        assert_error(&redeem(&app, &code, "lea@new.example").await, 400, 1901007);
        // A week on, the cached tenant token has expired too: a fresh client.
        let fresh = app.as_app(&app.demo);
        let active = fresh.send(Request::get(org!("/invitations")).query("active_only", "True")).await.unwrap();
        assert_eq!(active.code(), 0, "{}", active.body);
        assert!(active.data()["items"].as_array().unwrap().is_empty(), "{}", active.body);
    })
    .await;
}

#[tokio::test]
async fn a_member_may_invite_only_once_the_setting_is_on() {
    on_each_backend(|app| async move {
        let alice = app.user_token("alice").await;
        let create = || Request::post(org!("/invitations")).json(json!({}));
        let r = app.call(create().token(&alice)).await;
        assert_error(&r, 403, 1901003);
        assert!(r.msg().contains("allow members to invite"), "{}", r.msg());
        let add = json!({"name": "Zed", "department_ids": ["sales"], "employee_type": 1, "login_email_type": "skip", "mobile": "+15550009999"});
        assert_error(&app.call(members_add(add).token(&alice)).await, 403, 1901001);
        let admin = app.user_token("admin").await;
        let s = ok(&app, Request::new(reqwest::Method::PATCH, org!("/settings")).token(&admin).json(json!({"members_can_invite": true}))).await;
        assert_eq!(s["members_can_invite"], true);
        let mine = ok(&app, create().token(&alice)).await["invitation"].clone();
        assert_eq!(mine["creator"]["type"], "user");
        link(&app, json!({})).await;
        let list = ok(&app, Request::get(org!("/invitations")).token(&alice)).await;
        assert_eq!(list["items"].as_array().unwrap().len(), 1, "a member sees only their own invitations");
        assert_error(&app.call(Request::get(org!("/join_requests")).token(&alice)).await, 403, 1901001);

        // An admin role with the members-and-departments permission (only the primary admin grants it).
        let bob = app.user_token("bob").await;
        let grant = Request::post(org!("/admins")).query("user_id_type", "user_id");
        assert_error(&app.call(grant.clone().token(&alice).json(json!({"user_id": "bob", "permissions": ["members_and_departments"]}))).await, 403, 1901002);
        ok(&app, grant.token(&admin).json(json!({"user_id": "bob", "permissions": ["members_and_departments"]}))).await;
        ok(&app, Request::get(org!("/join_requests")).token(&bob)).await;
        let admins = ok(&app, Request::get(org!("/admins")).query("user_id_type", "user_id")).await;
        assert_eq!(admins["items"].as_array().unwrap().len(), 2, "{admins}");
    })
    .await;
}

#[tokio::test]
async fn sixty_four_redemptions_race_for_ten_seats() {
    on_each_backend(|app| async move {
        leave_free_seats(&app, 10).await;
        let inv = link(&app, json!({"expiry": "never"})).await;
        let code = inv["code"].as_str().unwrap().to_owned();
        let mut tasks = Vec::new();
        for i in 0..64 {
            let (client, code) = (app.anon(), code.clone());
            tasks.push(tokio::spawn(async move {
                let body = json!({"name": format!("Racer {i}"), "email": format!("racer{i}@race.example"), "password": "a good password"});
                client.send(Request::post(&format!("/open-apis/roster/v1/invitations/{code}/redeem")).json(body)).await.expect("redeem")
            }));
        }
        let mut codes = Vec::new();
        for t in tasks {
            let r = t.await.unwrap();
            if r.code() != 0 {
                assert_error(&r, 400, 41008);
            }
            codes.push(r.code());
        }
        assert_eq!(codes.iter().filter(|c| **c == 0).count(), 10, "{codes:?}");
        let plans = ok(&app, Request::get(org!("/plans"))).await;
        assert_eq!(plans["items"][0]["taken"], plans["items"][0]["seats"]);
    })
    .await;
}

#[tokio::test]
async fn contact_api_creations_race_for_the_last_seats_too() {
    on_each_backend(|app| async move {
        leave_free_seats(&app, 5).await;
        let mut tasks = Vec::new();
        for i in 0..20 {
            let client = app.as_app(&app.demo);
            tasks.push(tokio::spawn(async move {
                let body = json!({"name": format!("C{i}"), "mobile": format!("+1555888{i:04}"), "department_ids": ["0"], "employee_type": 1});
                client.send(Request::post("/open-apis/contact/v3/users").json(body)).await.expect("create")
            }));
        }
        let mut created = 0;
        for t in tasks {
            let r = t.await.unwrap();
            if r.code() == 0 {
                created += 1;
            } else {
                assert_error(&r, 400, 41008);
            }
        }
        assert_eq!(created, 5);
    })
    .await;
}

#[tokio::test]
async fn the_audit_answers_who_added_a_member() {
    on_each_backend(|app| async move {
        let admin = app.user_token("admin").await;
        let added = ok(
            &app,
            members_add(
                json!({"name": "Mo", "department_ids": ["sales"], "employee_type": 1, "login_email_type": "work",
                "work_email": "mo@work.example"}),
            )
            .token(&admin),
        )
        .await;
        let mo = added["member"]["user_id"].as_str().unwrap();
        let origin =
            ok(&app, Request::get(&format!("{ORG}/members/{mo}/origin")).query("user_id_type", "user_id")).await;
        assert_eq!((origin["how"].as_str(), origin["channel"].as_str()), (Some("add"), Some("email")));
        assert_eq!(
            (origin["added_by"]["type"].as_str(), origin["added_by"]["id"].as_str()),
            (Some("user"), Some("admin"))
        );
        assert_eq!(origin["added_by"]["name"], "Ada Admin");

        // Carol invites by email; Nia joins through it: Carol added her.
        ok(&app, Request::new(reqwest::Method::PATCH, org!("/settings")).json(json!({"members_can_invite": true})))
            .await;
        let carol = app.user_token("carol").await;
        let inv = ok(
            &app,
            Request::post(org!("/invitations"))
                .token(&carol)
                .json(json!({"invitee": {"email": "nia@x.example", "name": "Nia"}})),
        )
        .await;
        assert_eq!(inv["invitation"]["kind"], "personal");
        let code = inv["invitation"]["code"].as_str().unwrap();
        assert_error(&redeem(&app, code, "not-nia@x.example").await, 400, 1901010);
        let joined = redeem(&app, code, "nia@x.example").await;
        assert_eq!(joined.data()["result"], "joined", "{}", joined.body);
        let audit =
            ok(&app, Request::get(org!("/audit")).query("action", "join").query("user_id_type", "user_id")).await;
        let nia = audit["items"][0]["member"]["id"].as_str().unwrap().to_owned();
        let origin =
            ok(&app, Request::get(&format!("{ORG}/members/{nia}/origin")).query("user_id_type", "user_id")).await;
        assert_eq!(
            (origin["how"].as_str(), origin["added_by"]["id"].as_str(), origin["channel"].as_str()),
            (Some("join"), Some("carol"), Some("code"))
        );
        assert_eq!(origin["invitation"]["channel"], "email");

        let all = ok(&app, Request::get(org!("/audit")).query("user_id_type", "user_id").query("page_size", 2)).await;
        assert_eq!(all["has_more"], true);
        let actions: Vec<&str> =
            all["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["join", "invite"]);
        let more = ok(
            &app,
            Request::get(org!("/audit")).query("page_token", all["page_token"].as_str().unwrap()).query("page_size", 2),
        )
        .await;
        assert_eq!(more["items"][0]["action"], "add");
    })
    .await;
}
