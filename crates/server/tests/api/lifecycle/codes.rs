//! Every code the lifecycle endpoints answer with, and its HTTP status: 44037, 44028,
//! 44030/44031/44032, 44033, 44034, 44042, 42006, 41052 for bad acceptors, the id family for
//! unknown and cross-tenant ids, tenant-token-only endpoints, the creator who cannot leave, and
//! resurrect's rate tier.

use super::*;

#[tokio::test]
async fn managers_cannot_be_deleted_and_acceptors_must_be_usable_members() {
    on_both(defaults, |app, _| async move {
        // The creator (a tenant manager) cannot be deleted.
        assert_error(&delete_user(&app.client, "admin", json!({})).await, 400, 44037);
        let target = create_member(&app.client, "target", json!({})).await["open_id"].as_str().unwrap().to_owned();
        create_member(&app.client, "former", json!({})).await;
        assert_eq!(delete_user(&app.client, "former", json!({})).await.code(), 0);
        let (other, other_client) = app.other_tenant("Elsewhere").await;
        let stranger = crate::chats::open_id_via(&other_client, &other.admin.user_id).await;
        for (field, id) in [
            ("department_chat_acceptor_user_id", "no-such-user"),
            ("external_chat_acceptor_user_id", "target"),
            ("docs_acceptor_user_id", "former"),
            ("calendar_acceptor_user_id", "bad id with spaces"),
        ] {
            let r = delete_user(&app.client, "target", json!({ field: id })).await;
            assert_error(&r, 400, 41052);
        }
        // An open_id of another tenant's app is no acceptor either (named in open_id here).
        let path = format!("{USERS}/{target}");
        let r = app
            .call(
                Request::new(Method::DELETE, &path)
                    .query("user_id_type", "open_id")
                    .json(json!({"survey_acceptor_user_id": stranger})),
            )
            .await;
        assert_error(&r, 400, 41052);
        // Email handling: a type out of range, or a transfer without an acceptor.
        let r = delete_user(&app.client, "target", json!({"email_acceptor": {"processing_type": 5}})).await;
        assert_error(&r, 400, 99992402);
        let r = delete_user(&app.client, "target", json!({"email_acceptor": {"processing_type": 1}})).await;
        assert_error(&r, 400, 99992402);
        // Nothing happened to the target on the way.
        assert_eq!(status(&app, "target").await["is_resigned"], false);
        assert_eq!(
            delete_user(&app.client, "target", json!({"email_acceptor": {"processing_type": 3}})).await.code(),
            0
        );
        assert_error(&delete_user(&app.client, "target", json!({})).await, 400, 42006);
    })
    .await;
}

#[tokio::test]
async fn restore_is_refused_when_the_members_ids_were_taken() {
    on_both(defaults, |app, _| async move {
        app.anon().set_rate_limits(false).await.unwrap();
        for (user_id, field, code) in [("m", "mobile", 44030), ("e", "email", 44031), ("u", "user_id", 44032)] {
            let n = next();
            let own = json!({"mobile": format!("+1333{n:07}"), "email": format!("{user_id}.{n}@taken.example.com")});
            let u = create_member(&app.client, user_id, own.clone()).await;
            let open_id = u["open_id"].as_str().unwrap().to_owned();
            assert_eq!(delete_user(&app.client, user_id, json!({})).await.code(), 0);
            // Someone else takes the mobile, the email or the user_id meanwhile.
            let taken = if field == "user_id" { json!({}) } else { json!({ field: own[field] }) };
            let fresh = if field == "user_id" { user_id.to_owned() } else { format!("{user_id}-new") };
            create_member(&app.client, &fresh, taken).await;
            assert_error(&resurrect_as(&app.client, &open_id, "open_id", json!({})).await, 400, code);
        }
        // A member who has not departed; an unknown id; another tenant's open_id.
        assert_error(&resurrect(&app, "bob").await, 400, 44033);
        assert_error(&resurrect(&app, "nobody").await, 400, 99992360);
        let (other, other_client) = app.other_tenant("Elsewhere").await;
        let theirs = crate::chats::open_id_via(&other_client, &other.admin.user_id).await;
        assert_error(&resurrect_as(&app.client, &theirs, "open_id", json!({})).await, 400, 99992361);
        // Nor may their app restore or delete the demo tenant's members.
        assert_error(&delete_user(&other_client, "bob", json!({})).await, 400, 99992360);
        assert_error(&resurrect_as(&other_client, "bob", "user_id", json!({})).await, 400, 99992360);
        // Departments must exist; the body's ids are checked.
        create_member(&app.client, "d", json!({})).await;
        assert_eq!(delete_user(&app.client, "d", json!({})).await.code(), 0);
        let r = resurrect_as(&app.client, "d", "user_id", json!({"departments": [{"department_id": "nowhere"}]})).await;
        assert_error(&r, 400, 99992380);
        let r = resurrect_as(&app.client, "d", "user_id", json!({"departments": [{"user_order": 1}]})).await;
        assert_error(&r, 400, 99992402);
        let body = json!({"departments": [{"department_id": "sales", "user_order": "3"}], "subscription_ids": [7]});
        assert_eq!(resurrect_as(&app.client, "d", "user_id", body).await.code(), 0);
        let u = get_user(&app, "d").await;
        assert_eq!(u.data()["user"]["department_ids"].as_array().map(Vec::len), Some(1), "{}", u.body);
    })
    .await;
}

#[tokio::test]
async fn work_in_progress_answers_44034_and_44042() {
    on_both(job_only, |app, _| async move {
        create_member(&app.client, "busy", json!({})).await;
        crate::chats::demo_chat(&app, "alice", &["busy"]).await;
        // The request answers once the member is offboarded; the hand-over is still to come.
        assert_eq!(delete_user(&app.client, "busy", json!({})).await.code(), 0);
        assert_error(&resurrect(&app, "busy").await, 400, 44034);
        assert_error(&delete_user(&app.client, "busy", json!({})).await, 400, 44034);
        // The clock moving runs the job: the hand-over finishes.
        advance(&app, 0).await;
        assert_eq!(resurrect(&app, "busy").await.code(), 0);
        // The restore answers once the member is back; the chats are rejoined next.
        assert_error(&delete_user(&app.client, "busy", json!({})).await, 400, 44042);
        assert_error(&resurrect(&app, "busy").await, 400, 44042);
        advance(&app, 0).await;
        assert_eq!(delete_user(&app.client, "busy", json!({})).await.code(), 0);
    })
    .await;
}

#[tokio::test]
async fn tokens_and_roles_are_checked() {
    let app = spawn_app().await;
    let bob = app.user_token("bob").await;
    // Offboarding and restore take tenant tokens only.
    let r = app
        .call(Request::new(Method::DELETE, &format!("{USERS}/carol")).query("user_id_type", "user_id").token(&bob))
        .await;
    assert_error(&r, 400, 99991668);
    let r =
        app.call(Request::post(&format!("{USERS}/carol/resurrect")).query("user_id_type", "user_id").token(&bob)).await;
    assert_error(&r, 400, 99991668);
    // Self-service takes user tokens only.
    assert_error(&app.call(Request::post(&format!("{ME}/leave"))).await, 400, 99991663);
    // The creator cannot leave: the only account of its creator.
    let admin = app.user_token("admin").await;
    let r = leave(&app, &admin).await;
    assert_error(&r, 400, 1902002);
    assert!(r.msg().contains("dissolve"), "{}", r.msg());
    // Departure records are for admins and apps.
    assert_eq!(leave(&app, &bob).await.code(), 0);
    let carol = app.user_token("carol").await;
    let r = app
        .call(Request::get("/open-apis/roster/v1/org/departures/bob").query("user_id_type", "user_id").token(&carol))
        .await;
    assert_error(&r, 403, 1901001);
    let r = app.call(Request::get("/open-apis/roster/v1/org/departures/carol").query("user_id_type", "user_id")).await;
    assert_error(&r, 404, 1900002);
    let r = app
        .call(Request::get("/open-apis/roster/v1/org/departures/bob").query("user_id_type", "user_id").token(&admin))
        .await;
    assert_eq!((r.code(), r.data()["kind"].as_str()), (0, Some("exit")), "{}", r.body);
    // Bad query values.
    let r = app.call(Request::new(Method::DELETE, &format!("{USERS}/carol")).query("user_id_type", "email")).await;
    assert_error(&r, 400, 99992402);
    let r = app
        .call(Request::new(Method::DELETE, &format!("{USERS}/carol")).json(json!({"docs_acceptor_user_id": [1]})))
        .await;
    assert_error(&r, 400, 99992402);
}

#[tokio::test]
async fn resurrect_is_limited_to_ten_a_minute() {
    let app = spawn_app().await;
    for i in 0..10 {
        assert_error(&resurrect(&app, "bob").await, 400, 44033);
        let _ = i;
    }
    let r = resurrect(&app, "bob").await;
    assert_error(&r, 429, 99991400);
}
