//! The login page: what it accepts, its CSRF protection, signing in by email or mobile, refusals,
//! and the tenant choice of an account that belongs to several tenants.

use super::*;

#[tokio::test]
async fn the_page_sets_a_strict_csrf_cookie_and_carries_the_request() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    let page = b.open(&app.demo.app_id, &[("scope", "contact:user.base:readonly offline_access")]).await;
    let cookie = page.header("set-cookie").unwrap();
    for part in ["roster_oauth_csrf=", "HttpOnly", "SameSite=Strict", "Path=/open-apis/authen/v1"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_eq!(page.field("client_id").as_deref(), Some(app.demo.app_id.as_str()));
    assert_eq!(page.field("redirect_uri").as_deref(), Some(CALLBACK));
    assert_eq!(page.field("state").as_deref(), Some("st-1"));
    assert_eq!(page.field("scope").as_deref(), Some("contact:user.base:readonly offline_access"));
    assert!(page.body.contains("Roster Demo app"), "the app's name is shown");
    // A second page in the same browser keeps the token, so two open tabs both work.
    let again = b.open(&app.demo.app_id, &[]).await;
    assert_eq!(again.field("csrf_token"), page.field("csrf_token"));
}

#[tokio::test]
async fn the_legacy_index_takes_app_id() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    let q = [("app_id", app.demo.app_id.as_str()), ("redirect_uri", CALLBACK), ("state", "legacy")];
    let page = b.get("/open-apis/authen/v1/index", &q).await;
    page.assert_html(200, "Sign in to");
    assert_eq!(page.field("client_id").as_deref(), Some(app.demo.app_id.as_str()));
    let done = b.sign_in(&page, ALICE_EMAIL, PASSWORD).await;
    assert_eq!(done.redirect_param("state").as_deref(), Some("legacy"));
    assert!(done.redirect_param("code").is_some());
}

#[tokio::test]
async fn requests_that_cannot_go_back_to_an_app_get_an_error_page() {
    let app = spawn_app().await;
    let id = app.demo.app_id.as_str();
    let long = format!("{CALLBACK}?pad={}", "x".repeat(2048));
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("client_id", id), ("redirect_uri", &long)], "too long"),
        (&[("redirect_uri", CALLBACK)], "no client_id"),
        (&[("client_id", "cli_0000000000000000"), ("redirect_uri", CALLBACK)], "No app has this client_id"),
        (&[("client_id", id), ("app_id", "cli_0000000000000000"), ("redirect_uri", CALLBACK)], "different apps"),
        (&[("client_id", id)], "redirect_uri is required"),
        (&[("client_id", id), ("redirect_uri", "/callback")], "absolute http or https"),
        (&[("client_id", id), ("redirect_uri", "javascript:alert(1)")], "absolute http or https"),
        (&[("client_id", id), ("redirect_uri", "https://app.example/cb#x")], "fragment"),
    ];
    for (query, text) in cases {
        let page = Browser::new(&app).get(AUTHORIZE, query).await;
        page.assert_html(400, text);
        assert!(page.header("location").is_none());
    }
    let raw =
        raw_http(app.addr, &format!("GET {AUTHORIZE}?client_id=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            .await;
    assert!(raw.starts_with("HTTP/1.1 400"), "{raw}");
}

#[tokio::test]
async fn request_errors_go_back_to_the_app_once_its_redirect_is_trusted() {
    let app = spawn_app().await;
    let id = app.demo.app_id.as_str();
    let long_scope = "s ".repeat(2049);
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("scope", &long_scope)], "invalid_request"),
        (&[("response_type", "token")], "unsupported_response_type"),
        (&[("code_challenge_method", "S256")], "invalid_request"),
        (&[("code_challenge", "short"), ("code_challenge_method", "S256")], "invalid_request"),
        (&[("code_challenge", &"a".repeat(43)), ("code_challenge_method", "MD5")], "invalid_request"),
    ];
    for (extra, error) in cases {
        let mut q = vec![("client_id", id), ("redirect_uri", "https://app.example/cb?keep=1"), ("state", "s")];
        q.extend_from_slice(extra);
        let page = Browser::new(&app).get(AUTHORIZE, &q).await;
        assert_eq!(page.redirect_param("error").as_deref(), Some(*error), "{extra:?}");
        assert_eq!(page.redirect_param("state").as_deref(), Some("s"));
        assert_eq!(page.redirect_param("keep").as_deref(), Some("1"), "the app's own query is kept");
        assert!(page.redirect_param("error_description").is_some());
    }
}

#[tokio::test]
async fn signing_in_by_email_or_mobile_redirects_with_a_code() {
    let app = spawn_app().await;
    for login in [ALICE_EMAIL, ALICE_MOBILE, " alice@demo.roster.local "] {
        let mut b = Browser::new(&app);
        let page = b.open(&app.demo.app_id, &[]).await;
        let done = b.sign_in(&page, login, PASSWORD).await;
        let params = done.redirect_params();
        assert!(done.header("location").unwrap().starts_with(CALLBACK), "{params:?}");
        let code = done.redirect_param("code").expect("code");
        assert_eq!(code.len(), 40);
        assert_eq!(done.redirect_param("state").as_deref(), Some("st-1"));
        let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({}))).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let me = user_info(&app, r.body["access_token"].as_str().unwrap()).await;
        assert_eq!(me.data()["user_id"], "alice", "{login}");
    }
}

#[tokio::test]
async fn wrong_passwords_and_empty_fields_show_the_form_again() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    let page = b.open(&app.demo.app_id, &[]).await;
    for (login, password) in
        [(ALICE_EMAIL, "wrong"), ("nobody@demo.roster.local", PASSWORD), ("+10000000000", PASSWORD)]
    {
        let again = b.sign_in(&page, login, password).await;
        again.assert_html(401, "wrong");
        assert!(again.body.contains(&format!(r#"value="{login}""#)), "the login stays filled in");
        assert!(again.header("location").is_none());
    }
    let empty = b.sign_in(&page, "", "").await;
    empty.assert_html(400, "Enter your email or mobile");
}

#[tokio::test]
async fn the_form_needs_the_csrf_cookie_and_token() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    let page = b.open(&app.demo.app_id, &[]).await;
    let mut fields = page.hidden_fields();
    fields.retain(|(n, _)| n != "csrf_token");
    fields.push(("csrf_token".into(), "x".repeat(40)));
    fields.extend([("login".into(), ALICE_EMAIL.into()), ("password".into(), PASSWORD.into())]);
    b.post(&fields).await.assert_html(403, "Start again");

    b.forget_cookie();
    let cross_site = b.sign_in(&page, ALICE_EMAIL, PASSWORD).await;
    cross_site.assert_html(403, "did not come from Roster");
    assert!(cross_site.body.contains("authorize?client_id="), "a link starts the flow again");
}

#[tokio::test]
async fn cancel_sends_access_denied_back() {
    let app = spawn_app().await;
    let mut b = Browser::new(&app);
    let page = b.open(&app.demo.app_id, &[]).await;
    let mut fields = page.hidden_fields();
    fields.push(("action".into(), "deny".into()));
    let done = b.post(&fields).await;
    assert_eq!(done.redirect_param("error").as_deref(), Some("access_denied"));
    assert_eq!(done.redirect_param("state").as_deref(), Some("st-1"));
    assert_eq!(done.redirect_param("code"), None);
}

#[tokio::test]
async fn frozen_members_and_strangers_are_refused() {
    let app = spawn_app().await;
    let (rival, _) = app.other_tenant("Rival").await;
    // bob belongs to the demo tenant only: the rival's app does not live there.
    let mut b = Browser::new(&app);
    let page = b.open(&rival.app_id, &[]).await;
    b.sign_in(&page, "bob@demo.roster.local", PASSWORD).await.assert_html(403, "not available in your organizations");
    // alice's account joins the rival tenant frozen: she may not sign in there.
    add_alice_to(&app, &rival, true).await;
    let page = b.open(&rival.app_id, &[]).await;
    b.sign_in(&page, ALICE_MOBILE, PASSWORD).await.assert_html(403, "frozen");
    // Her demo membership still works, without a choice (the frozen one is not usable).
    let page = b.open(&app.demo.app_id, &[]).await;
    assert!(b.sign_in(&page, ALICE_MOBILE, PASSWORD).await.redirect_param("code").is_some());
}

#[tokio::test]
async fn an_account_in_several_tenants_chooses_among_those_where_the_app_lives() {
    on_each_backend(|app| async move {
        let (rival, _) = app.other_tenant("Rival").await;
        add_alice_to(&app, &rival, false).await;
        let mut b = Browser::new(&app);

        let page = b.open(&app.demo.app_id, &[]).await;
        let choice = b.sign_in(&page, ALICE_EMAIL, PASSWORD).await;
        choice.assert_html(200, "Choose an organization");
        assert!(choice.body.contains(&format!(r#"name="tenant_key" value="{}""#, app.demo.tenant_key)));
        assert!(!choice.body.contains(&format!(r#"value="{}""#, rival.tenant_key)), "the rival has no demo app");
        assert!(choice.body.contains("Rival: Roster Demo app is not available"), "{}", choice.body);

        b.choose(&choice, &rival.tenant_key).await.assert_html(403, "not available");
        let done = b.choose(&choice, &app.demo.tenant_key).await;
        let code = done.redirect_param("code").expect("code");
        assert_eq!(done.redirect_param("state").as_deref(), Some("st-1"));
        b.choose(&choice, &app.demo.tenant_key).await.assert_html(403, "took too long");

        let r = post_token(&app, TOKEN_V2, code_body(&app.demo, &code, json!({}))).await;
        let me = user_info(&app, r.body["access_token"].as_str().unwrap()).await;
        assert_eq!(
            (me.data()["user_id"].as_str(), me.data()["tenant_key"].as_str()),
            (Some("alice"), Some(app.demo.tenant_key.as_str()))
        );

        // Through the rival's app the same account signs in to the rival membership.
        let page = b.open(&rival.app_id, &[]).await;
        let choice = b.sign_in(&page, ALICE_EMAIL, PASSWORD).await;
        choice.assert_html(200, "Choose an organization");
        let code = b.choose(&choice, &rival.tenant_key).await.redirect_param("code").expect("code");
        let r = post_token(&app, TOKEN_V2, code_body(&rival, &code, json!({}))).await;
        let me = user_info(&app, r.body["access_token"].as_str().unwrap()).await;
        assert_eq!(
            (me.data()["user_id"].as_str(), me.data()["tenant_key"].as_str()),
            (Some("alice2"), Some(rival.tenant_key.as_str()))
        );

        // A ticket is bound to the app it was issued through.
        let page = b.open(&app.demo.app_id, &[]).await;
        let demo_choice = b.sign_in(&page, ALICE_EMAIL, PASSWORD).await;
        let rival_page = b.open(&rival.app_id, &[]).await;
        let mut fields = rival_page.hidden_fields();
        fields.push(("ticket".into(), demo_choice.field("ticket").unwrap()));
        fields.push(("action".into(), "choose".into()));
        fields.push(("tenant_key".into(), rival.tenant_key.clone()));
        b.post(&fields).await.assert_html(403, "took too long");
    })
    .await;
}
