//! Personal accounts: registering one, deleting it (immediate and irreversible) and registering
//! again with the same email; an account with a personal workspace and several organizations,
//! where deleting or leaving one leaves the others untouched; and two accounts sharing an email,
//! of which only the one asked for is deleted.

use super::*;
use roster_domain::model::AccountStatus;

/// Registers a personal account; returns `data` (account, workspace with app credentials, user).
pub async fn register(app: &TestApp, name: &str, email: Option<&str>, mobile: Option<&str>, password: &str) -> Value {
    let body = json!({"name": name, "email": email, "mobile": mobile, "password": password});
    let r = app.anon().send(Request::post("/open-apis/roster/v1/accounts").json(body).anonymous()).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data().clone()
}

/// A user token of the registered account's own membership in its workspace.
async fn workspace_token(app: &TestApp, reg: &Value) -> String {
    let app_id = reg["workspace"]["app_id"].as_str().unwrap();
    let user_id = reg["user"]["user_id"].as_str().unwrap();
    app.anon().user_access_token(app_id, user_id, "user_id").await.expect("workspace token")
}

fn workspace_client(app: &TestApp, reg: &Value) -> Client {
    let w = &reg["workspace"];
    app.anon().with_app(w["app_id"].as_str().unwrap(), w["app_secret"].as_str().unwrap())
}

async fn delete_personal(app: &TestApp, token: &str) -> ApiResponse {
    app.call(Request::new(Method::DELETE, &format!("{ME}/personal_account")).token(token)).await
}

/// The active accounts with this email, straight from the store.
async fn active_accounts(url: &str, email: &str) -> Vec<roster_domain::model::Account> {
    let e = email.to_owned();
    store(url).await.read(move |tx| tx.accounts_by_email(&e)).await.unwrap()
}

#[tokio::test]
async fn a_personal_account_is_deleted_and_its_email_registers_again() {
    on_both(defaults, |app, url| async move {
        let email = format!("pat.{}@personal.example.com", next());
        let first = register(&app, "Pat", Some(&email), None, "first-password").await;
        assert_eq!(first["account"]["status"], "active");
        let token = workspace_token(&app, &first).await;
        let me = app.call(Request::get(ME).token(&token)).await;
        assert_eq!(me.code(), 0, "{}", me.body);
        assert_eq!(
            (me.data()["tenant"]["kind"].as_str(), me.data()["is_creator"].as_bool()),
            (Some("personal"), Some(true))
        );
        // A personal workspace is not left, nor dissolved: its account is deleted.
        assert_error(&leave(&app, &token).await, 400, 1902003);
        assert_error(&app.call(Request::post(DISSOLUTION).token(&token)).await, 400, 1902003);

        let r = delete_personal(&app, &token).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(r.data()["account_deleted"], true);
        assert_eq!(r.data()["workspace_tenant_key"], first["workspace"]["tenant_key"]);
        // Irreversible and immediate: the tokens and the workspace's app stop, the login is gone.
        assert_error(&app.call(Request::get(ME).token(&token)).await, 400, 99991668);
        let stale = workspace_client(&app, &first).tenant_token().await;
        assert!(stale.is_err_and(|e| e.0.contains("10014")), "the dissolved workspace's app is unauthorized");
        assert!(active_accounts(&url, &email).await.is_empty());
        let db = store(&url).await;
        let key = first["workspace"]["tenant_key"].as_str().unwrap().to_owned();
        let (users, status) = db
            .read(move |tx| {
                let t = tx.tenant_by_key(&key)?.expect("the tenant row stays");
                Ok((tx.tenant_users(t.id, 10)?, tx.dissolution(t.id)?.map(|d| d.state)))
            })
            .await
            .unwrap();
        assert!(users.is_empty(), "its data is purged");
        assert_eq!(status, Some(roster_domain::model::DissolutionState::Done));

        // The same email registers a new account, with a new workspace.
        let second = register(&app, "Pat again", Some(&email), None, "second-password").await;
        assert_ne!(second["workspace"]["tenant_key"], first["workspace"]["tenant_key"]);
        let token = workspace_token(&app, &second).await;
        let me = app.call(Request::get(ME).token(&token)).await;
        assert_eq!(me.data()["account"]["email"], email.as_str(), "{}", me.body);
        let accounts = active_accounts(&url, &email).await;
        assert_eq!(accounts.len(), 1);
        assert_eq!(accounts[0].status, AccountStatus::Active);
        assert_eq!(accounts[0].name, "Pat again");
    })
    .await;
}

#[tokio::test]
async fn one_account_in_several_organizations_loses_only_what_it_deletes() {
    on_both(defaults, |app, url| async move {
        let mobile = format!("+1222{:07}", next());
        let reg = register(&app, "Quinn", None, Some(&mobile), "quinn-password").await;
        // Two organizations add a member with the account's mobile: both link to the account.
        create_member(&app.client, "quinn", json!({ "mobile": mobile })).await;
        let (acme, acme_client) = app.other_tenant("Acme").await;
        create_member(&acme_client, "quinn", json!({ "mobile": mobile })).await;
        let demo_token = app.user_token("quinn").await;
        let acme_token = app.anon().user_access_token(&acme.app_id, "quinn", "user_id").await.unwrap();
        let me = app.call(Request::get(ME).token(&demo_token)).await;
        assert_eq!(me.data()["has_personal_workspace"], true, "{}", me.body);

        // Leaving one organization leaves the other and the personal workspace as they were.
        assert_eq!(leave(&app, &demo_token).await.code(), 0);
        let me = app.call(Request::get(ME).token(&acme_token)).await;
        assert_eq!(me.code(), 0, "{}", me.body);
        assert_eq!(me.data()["status"]["is_exited"], false);
        assert_eq!(me.data()["has_personal_workspace"], true);
        let workspace = workspace_token(&app, &reg).await;
        assert_eq!(app.call(Request::get(ME).token(&workspace)).await.code(), 0);

        // Deleting the personal account keeps the login: the account still belongs to Acme.
        let r = delete_personal(&app, &acme_token).await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(r.data()["account_deleted"], false);
        assert_eq!(r.data()["workspace_tenant_key"], reg["workspace"]["tenant_key"]);
        let me = app.call(Request::get(ME).token(&acme_token)).await;
        assert_eq!((me.code(), me.data()["has_personal_workspace"].as_bool()), (0, Some(false)), "{}", me.body);
        assert_error(&app.call(Request::get(ME).token(&workspace)).await, 400, 99991668);
        assert_error(&delete_personal(&app, &acme_token).await, 404, 1902004);
        let m = mobile.clone();
        let accounts = store(&url).await.read(move |tx| tx.accounts_by_mobile(&m)).await.unwrap();
        assert_eq!(accounts.len(), 1, "one account, still active");
    })
    .await;
}

#[tokio::test]
async fn accounts_sharing_an_email_are_deleted_one_at_a_time() {
    on_both(defaults, |app, url| async move {
        let email = format!("shared.{}@personal.example.com", next());
        let one = register(&app, "One", Some(&email), None, "password-one").await;
        let two = register(&app, "Two", Some(&email), None, "password-two").await;
        assert_eq!(active_accounts(&url, &email).await.len(), 2);
        let token = workspace_token(&app, &one).await;
        assert_eq!(delete_personal(&app, &token).await.code(), 0);
        // Only the account asked for went; the other signs in and works as before.
        let left = active_accounts(&url, &email).await;
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].name, "Two");
        let token = workspace_token(&app, &two).await;
        let me = app.call(Request::get(ME).token(&token)).await;
        assert_eq!((me.code(), me.data()["account"]["name"].as_str()), (0, Some("Two")), "{}", me.body);
    })
    .await;
}

#[tokio::test]
async fn registrations_are_checked() {
    let app = spawn_app().await;
    let post = |body: Value| {
        let anon = app.anon();
        async move { anon.send(Request::post("/open-apis/roster/v1/accounts").json(body).anonymous()).await.unwrap() }
    };
    for (body, field) in [
        (json!({"name": "X", "email": "x@example.com"}), "password"),
        (json!({"name": "X", "email": "x@example.com", "password": "short"}), "password"),
        (json!({"name": "", "email": "x@example.com", "password": "long enough"}), "name"),
        (json!({"name": "X", "password": "long enough"}), "email"),
        (json!({"name": "X", "email": "not-an-email", "password": "long enough"}), "email"),
        (json!({"name": "X", "mobile": "12ab", "password": "long enough"}), "mobile"),
        (json!({"name": "X", "email": "x@example.com", "password": "long enough", "admin": true}), "admin"),
    ] {
        let r = post(body.clone()).await;
        assert_error(&r, 400, 99992402);
        assert!(r.body.to_string().contains(field), "{body} should name {field}: {}", r.body);
    }
}
