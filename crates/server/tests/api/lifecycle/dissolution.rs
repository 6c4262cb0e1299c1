//! Seed 003's dissolution scenarios on both stores: cancelled at hour 71 (nothing changed), and
//! taking effect at hour 72: every user, chat, meeting, invitation and token of the organization
//! is gone, the events went out, and its members' other organizations are intact.

use super::*;
use crate::chats::create_chat;

/// A second organization with its creator's user token.
async fn organization(app: &TestApp, name: &str) -> (roster_proto::emulator::TenantCredentials, Client, String) {
    let (creds, client) = app.other_tenant(name).await;
    let creator = app.anon().user_access_token(&creds.app_id, &creds.admin.user_id, "user_id").await.unwrap();
    (creds, client, creator)
}

async fn dissolution(app: &TestApp, method: Method, token: &str) -> ApiResponse {
    app.call(Request::new(method, DISSOLUTION).query("user_id_type", "user_id").token(token)).await
}

#[tokio::test]
async fn a_dissolution_cancelled_at_hour_71_changes_nothing() {
    on_both(defaults, |app, _| async move {
        let (acme, acme_client, creator) = organization(&app, "Acme").await;
        create_member(&acme_client, "worker", json!({})).await;
        let worker = app.anon().user_access_token(&acme.app_id, "worker", "user_id").await.unwrap();

        // Only the creator may ask, with their own user token.
        assert_error(&dissolution(&app, Method::POST, &worker).await, 403, 1902005);
        let by_app = acme_client.send(Request::post(DISSOLUTION)).await.unwrap();
        assert_error(&by_app, 400, 99991663);
        let r = dissolution(&app, Method::POST, &creator).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let d = &r.data()["dissolution"];
        assert_eq!(
            (d["state"].as_str(), d["requested_by"].as_str()),
            (Some("scheduled"), Some(acme.admin.user_id.as_str()))
        );
        let effective = d["effective_time"].as_str().unwrap().parse::<i64>().unwrap();
        assert_eq!(effective - d["request_time"].as_str().unwrap().parse::<i64>().unwrap(), 72 * HOUR);
        assert_eq!(r.data()["tenant"]["status"], "dissolving");
        assert_error(&dissolution(&app, Method::POST, &creator).await, 409, 1902006);

        // Hour 71: the organization works in full; the creator cancels.
        advance(&app, 71 * HOUR).await;
        create_member(&acme_client, "late", json!({})).await;
        let status = acme_client.send(Request::get(DISSOLUTION)).await.unwrap();
        assert_eq!(status.data()["tenant"]["dissolve_time"].as_str(), Some(effective.to_string().as_str()));
        assert_error(&dissolution(&app, Method::DELETE, &worker).await, 403, 1902005);
        let r = dissolution(&app, Method::DELETE, &creator).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(
            (r.data()["dissolution"]["state"].as_str(), r.data()["tenant"]["status"].as_str()),
            (Some("cancelled"), Some("active"))
        );

        // Hour 73: nothing happened; there is nothing left to cancel.
        advance(&app, 2 * HOUR).await;
        let me = app.call(Request::get(ME).token(&worker)).await;
        assert_eq!((me.code(), me.data()["tenant"]["status"].as_str()), (0, Some("active")), "{}", me.body);
        create_member(&acme_client, "later", json!({})).await;
        assert_error(&dissolution(&app, Method::DELETE, &creator).await, 400, 1902007);
    })
    .await;
}

const GOODBYES: &[&str] = &["contact.user.deleted_v3", "im.chat.disbanded_v1", "vc.meeting.meeting_ended_v1"];

#[tokio::test]
async fn a_dissolution_takes_effect_at_hour_72_and_other_organizations_stay() {
    on_both(defaults, |app, url| async move {
        let (acme, acme_client, creator) = organization(&app, "Acme").await;
        let _receiver = listen(&app, &acme.app_id, GOODBYES).await;
        // pat belongs to Acme and to the demo organization, with one account; solo only to Acme.
        let mobile = format!("+1444{:07}", next());
        create_member(&acme_client, "pat", json!({ "mobile": mobile })).await;
        create_member(&app.client, "pat", json!({ "mobile": mobile })).await;
        let solo_mobile = format!("+1444{:07}", next());
        create_member(&acme_client, "solo", json!({ "mobile": solo_mobile })).await;
        let chat =
            create_chat(&acme_client, None, json!({"name": "Acme team", "owner_id": "pat", "user_id_list": ["solo"]}))
                .await;
        let inv =
            acme_client.send(Request::post("/open-apis/roster/v1/org/invitations").json(json!({}))).await.unwrap();
        assert_eq!(inv.code(), 0, "{}", inv.body);
        let code = inv.data()["invitation"]["code"].as_str().unwrap().to_owned();
        let meeting = acme_meeting(&app, &acme_client, "pat").await;

        assert_eq!(dissolution(&app, Method::POST, &creator).await.code(), 0);
        advance(&app, 72 * HOUR).await;

        // Every token of Acme stopped; its app is unauthorized; its users, chats, meetings and
        // invitations are gone.
        assert_error(&acme_client.send(Request::get(DISSOLUTION)).await.unwrap(), 400, 99991663);
        assert_error(&app.call(Request::get(ME).token(&creator)).await, 400, 99991668);
        let fresh = app.anon().with_app(&acme.app_id, &acme.app_secret).tenant_token().await;
        assert!(fresh.is_err_and(|e| e.0.contains("10014")));
        let preview = app
            .anon()
            .send(Request::get(&format!("/open-apis/roster/v1/invitations/{code}")).anonymous())
            .await
            .unwrap();
        assert_error(&preview, 404, 1901006);
        let db = store(&url).await;
        let key = acme.tenant_key.clone();
        let (users, chats, state) = db
            .read(move |tx| {
                let t = tx.tenant_by_key(&key)?.expect("the tenant row stays");
                assert_eq!(t.status, roster_domain::model::TenantStatus::Dissolved);
                Ok((tx.tenant_users(t.id, 10)?, tx.tenant_chats(t.id, 10)?, tx.dissolution(t.id)?.map(|d| d.state)))
            })
            .await
            .unwrap();
        assert!(users.is_empty() && chats.is_empty(), "{users:?} {chats:?}");
        assert_eq!(state, Some(roster_domain::model::DissolutionState::Done));
        let (m, s) = (mobile.clone(), solo_mobile.clone());
        let (pat_accounts, solo_accounts) =
            db.read(move |tx| Ok((tx.accounts_by_mobile(&m)?.len(), tx.accounts_by_mobile(&s)?.len()))).await.unwrap();
        assert_eq!((pat_accounts, solo_accounts), (1, 0), "an account with nothing left is deleted");

        // The goodbyes went out: each user deleted, the chat disbanded, the meeting ended.
        let got = wait_for_types(
            &app,
            &acme.app_id,
            &[
                "contact.user.deleted_v3",
                "contact.user.deleted_v3",
                "contact.user.deleted_v3",
                "im.chat.disbanded_v1",
                "vc.meeting.meeting_ended_v1",
            ],
        )
        .await;
        assert!(!chat.is_empty() && !meeting.is_empty(), "{got:?}");

        // pat's other organization is untouched: same member, same account, signs in and acts.
        let s = status(&app, "pat").await;
        assert_eq!((s["is_resigned"].as_bool(), s["is_exited"].as_bool()), (Some(false), Some(false)), "{s}");
        let pat = app.user_token("pat").await;
        let me = app.call(Request::get(ME).token(&pat)).await;
        assert_eq!(
            (me.code(), me.data()["tenant"]["tenant_key"].as_str()),
            (0, Some(app.demo.tenant_key.as_str())),
            "{}",
            me.body
        );
    })
    .await;
}

/// A meeting in progress in the organization of `client`, reserved by its app for `owner`, who
/// has joined it; its id.
async fn acme_meeting(app: &TestApp, client: &Client, owner: &str) -> String {
    let now = app.anon().send(Request::get("/_roster/v1/clock")).await.unwrap().data()["now"].as_i64().unwrap();
    let body = json!({"end_time": now + 3600, "owner_id": owner, "meeting_settings": {"topic": "Last call"}});
    let r = client
        .send(Request::post("/open-apis/vc/v1/reserves/apply").query("user_id_type", "user_id").json(body))
        .await
        .unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    let rid = r.data()["reserve"]["id"].as_str().unwrap().to_owned();
    let join = json!({"user_id": owner, "user_id_type": "user_id", "action": "join"});
    let r =
        app.anon().send(Request::post(&format!("/_roster/v1/meetings/{rid}/participants")).json(join)).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["meeting"]["id"].as_str().unwrap().to_owned()
}

/// Dissolution takes effect at once and no sweep runs for an hour.
fn immediate_without_sweep(c: &mut Config) {
    c.lifecycle.dissolution_delay_hours = 0;
    c.lifecycle.sweep_interval_secs = 3_600;
}

/// A tenant token the server has cached stops at the moment the dissolution takes effect, not
/// when the background job next carries it out.
#[tokio::test]
async fn a_cached_tenant_token_stops_when_the_dissolution_takes_effect() {
    on_both(immediate_without_sweep, |app, _| async move {
        let (_, acme_client, creator) = organization(&app, "Acme").await;
        // Twice: the second call is answered from the token cache.
        for _ in 0..2 {
            assert_eq!(acme_client.send(Request::get(DISSOLUTION)).await.unwrap().code(), 0);
        }
        assert_eq!(dissolution(&app, Method::POST, &creator).await.code(), 0);
        assert_error(&acme_client.send(Request::get(DISSOLUTION)).await.unwrap(), 400, 99991663);
    })
    .await;
}
