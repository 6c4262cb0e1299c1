//! Stories of the auth area on both backends: authorization codes and sign-in tickets are used
//! once and purged, refresh tokens are claimed once, a frozen user's tokens stop at once, a first
//! sign-in activates an invited member, and disabled apps or vanished users end the flow.

use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::{AuthError, Error};
use roster_domain::ids::UserId;
use roster_domain::model::{NewAccount, NewAuthorizationCode, NewSignInTicket, NewUser, PkceChallenge, PkceMethod};
use roster_domain::services::oauth::authorize::{self, AuthorizeRequest, Client, Grant};
use roster_domain::services::oauth::exchange::{self, CodeExchange};
use roster_domain::services::oauth::sign_in::{self, SignIn};
use roster_domain::services::tenancy::{self, AdminSpec, Provisioned, TenantSpec};
use roster_domain::services::{Env, accounts, auth};
use roster_domain::settings::Settings;
use roster_domain::store::Db;
use roster_store::testing;
use std::sync::Arc;

const T0: i64 = 1_700_000_000_000;

fn env(now: i64) -> Env {
    Env { now: Timestamp(now), codec: Arc::new(IdCodec::new(b"auth-stories")), settings: Arc::new(Settings::default()) }
}

async fn each_backend<F, Fut>(story: F)
where
    F: Fn(Db) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for db in testing::all().await {
        eprintln!("story on {:?}", db.backend);
        story(roster_store::open(&db.url, &Default::default()).await.expect("open store")).await;
    }
}

async fn tenant(db: &Db, name: &str) -> Provisioned {
    let spec = TenantSpec {
        name: name.into(),
        admin: AdminSpec {
            name: format!("{name} Admin"),
            email: Some(format!("admin@{name}.test")),
            password: Some("pw".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let e = env(T0);
    db.write(move |tx| tenancy::provision_tenant(tx, &e, &spec)).await.expect("provision")
}

async fn client(db: &Db, p: &Provisioned) -> Client {
    let req = AuthorizeRequest {
        client_id: Some(p.app.app_id.clone()),
        redirect_uri: Some("https://app.test/cb".into()),
        state: Some("s".into()),
        ..Default::default()
    };
    db.read(move |tx| authorize::client(tx, &req)).await.expect("client")
}

fn grant() -> Grant {
    Grant { scope: "a b".into(), pkce: None }
}

/// Signs the admin of `p` in and returns the code.
async fn admin_code(db: &Db, p: &Provisioned, now: i64) -> String {
    let c = client(db, p).await;
    let account = p.admin.account;
    let e = env(now);
    match db.write(move |tx| sign_in::sign_in(tx, &e, &c, &grant(), account)).await.expect("sign in") {
        SignIn::Granted(issued) => issued.code,
        other => panic!("expected a code, got {other:?}"),
    }
}

fn auth_err(r: Result<impl std::fmt::Debug, Error>) -> AuthError {
    match r {
        Err(Error::Auth(e)) => e,
        other => panic!("expected an auth error, got {other:?}"),
    }
}

#[tokio::test]
async fn codes_and_tickets_are_used_once_and_purged() {
    each_backend(|db| async move {
        let p = tenant(&db, "codes").await;
        let (app, t, u, acct) = (p.app.id, p.tenant.id, p.admin.id, p.admin.account);
        let pkce = PkceChallenge { method: PkceMethod::S256, challenge: "c".repeat(43) };
        let stored = db
            .write(move |tx| {
                tx.insert_oauth_code(&NewAuthorizationCode {
                    code: "code-1".into(),
                    app,
                    tenant: t,
                    user: u,
                    redirect_uri: "https://app.test/cb".into(),
                    scope: "a".into(),
                    pkce: Some(pkce.clone()),
                    created_at: Timestamp(T0),
                    expires_at: Timestamp(T0 + 300_000),
                })?;
                tx.insert_sign_in_ticket(&NewSignInTicket {
                    ticket: "ticket-1".into(),
                    account: acct,
                    app,
                    created_at: Timestamp(T0),
                    expires_at: Timestamp(T0 + 600_000),
                })?;
                let first = tx.use_oauth_code("code-1", Timestamp(T0 + 1))?;
                let second = tx.use_oauth_code("code-1", Timestamp(T0 + 2))?;
                let ticket_first = tx.use_sign_in_ticket("ticket-1", Timestamp(T0 + 1))?;
                let ticket_second = tx.use_sign_in_ticket("ticket-1", Timestamp(T0 + 2))?;
                Ok((
                    tx.oauth_code("code-1")?,
                    tx.sign_in_ticket("ticket-1")?,
                    first,
                    second,
                    ticket_first,
                    ticket_second,
                ))
            })
            .await
            .unwrap();
        let (code, ticket, first, second, tf, ts) = stored;
        let code = code.expect("stored code");
        assert_eq!(code.pkce, Some(PkceChallenge { method: PkceMethod::S256, challenge: "c".repeat(43) }));
        assert_eq!((code.user, code.used_at), (u, Some(Timestamp(T0 + 1))));
        assert_eq!(ticket.expect("ticket").used_at, Some(Timestamp(T0 + 1)));
        assert!(first && !second && tf && !ts, "each is used exactly once");

        let purged = db
            .write(|tx| {
                let early = tx.purge_oauth(Timestamp(T0 + 300_000))?;
                let late = tx.purge_oauth(Timestamp(T0 + 600_001))?;
                Ok((early, late, tx.oauth_code("code-1")?.is_none(), tx.sign_in_ticket("ticket-1")?.is_none()))
            })
            .await
            .unwrap();
        assert_eq!(purged, (0, 2, true, true));
    })
    .await;
}

#[tokio::test]
async fn refresh_tokens_are_claimed_once_and_keep_their_scope() {
    each_backend(|db| async move {
        let p = tenant(&db, "claims").await;
        let code = admin_code(&db, &p, T0).await;
        let (app, e) = (p.app.clone(), env(T0 + 1000));
        let granted =
            db.write(move |tx| exchange::exchange_code(tx, &e, &app, &code, &CodeExchange::default())).await.unwrap();
        assert_eq!(granted.scope, "a b");
        let refresh = granted.tokens.refresh.token.clone();
        let r = refresh.clone();
        let claims = db
            .write(move |tx| Ok((tx.token_scope(&r)?, tx.claim_token(&r)?, tx.claim_token(&r)?, tx.token(&r)?)))
            .await
            .unwrap();
        assert_eq!(claims.0.as_deref(), Some("a b"));
        assert!(claims.1 && !claims.2);
        assert!(claims.3.expect("token").revoked);
        let (app, e) = (p.app.clone(), env(T0 + 2000));
        let again = db.write(move |tx| exchange::refresh(tx, &e, &app, &refresh, None)).await;
        assert_eq!(auth_err(again), AuthError::OAuthRefreshInvalid);
    })
    .await;
}

#[tokio::test]
async fn a_frozen_users_tokens_stop_at_once() {
    each_backend(|db| async move {
        let p = tenant(&db, "frozen").await;
        let code = admin_code(&db, &p, T0).await;
        let (app, e) = (p.app.clone(), env(T0 + 1000));
        let granted =
            db.write(move |tx| exchange::exchange_code(tx, &e, &app, &code, &CodeExchange::default())).await.unwrap();
        let access = granted.tokens.access.token.clone();
        let a = access.clone();
        let e = env(T0 + 2000);
        assert!(db.read(move |tx| auth::authenticate(tx, &e, &a)).await.is_ok());

        let spare = admin_code(&db, &p, T0 + 2500).await;
        let (t, u) = (p.tenant.id, p.admin.id);
        db.write(move |tx| {
            let mut user = tx.user(t, u)?.expect("admin");
            user.status.is_frozen = true;
            tx.update_user(&user)
        })
        .await
        .unwrap();
        let (a, e) = (access.clone(), env(T0 + 3000));
        assert_eq!(
            auth_err(db.read(move |tx| auth::authenticate(tx, &e, &a)).await),
            AuthError::UserFrozen,
            "frozen members are told why"
        );
        let (app, e, r) = (p.app.clone(), env(T0 + 3000), granted.tokens.refresh.token.clone());
        let refreshed = db.write(move |tx| exchange::refresh(tx, &e, &app, &r, None)).await;
        assert_eq!(auth_err(refreshed), AuthError::OAuthUserUnavailable);
        let (app, e) = (p.app.clone(), env(T0 + 3000));
        let exchanged =
            db.write(move |tx| exchange::exchange_code(tx, &e, &app, &spare, &CodeExchange::default())).await;
        assert_eq!(auth_err(exchanged), AuthError::OAuthUserUnavailable);
        let (c, acct, e) = (client(&db, &p).await, p.admin.account, env(T0 + 3000));
        let again = db.write(move |tx| sign_in::sign_in(tx, &e, &c, &grant(), acct)).await;
        assert_eq!(auth_err(again), AuthError::OAuthUserUnavailable);
    })
    .await;
}

#[tokio::test]
async fn a_first_sign_in_activates_an_invited_member() {
    each_backend(|db| async move {
        let p = tenant(&db, "invited").await;
        let (t, root) = (p.tenant.id, p.root.id);
        let invited = db
            .write(move |tx| {
                let account = tx.insert_account(&NewAccount {
                    name: "Ivy".into(),
                    email: Some("ivy@invited.test".into()),
                    mobile: None,
                    password_hash: Some(roster_domain::password::hash("ivy-pw")),
                    created_at: Timestamp(T0),
                })?;
                tx.insert_user(&invited_user(t, account, root))
            })
            .await
            .unwrap();
        let account = db.read(|tx| accounts::verify_password(tx, "ivy@invited.test", "ivy-pw")).await.unwrap();
        let (c, e) = (client(&db, &p).await, env(T0 + 1000));
        let out = db.write(move |tx| sign_in::sign_in(tx, &e, &c, &grant(), account.id)).await.unwrap();
        let SignIn::Granted(issued) = out else { panic!("expected a code") };
        assert_eq!(issued.user.id, invited);
        assert!(issued.user.status.is_activated && !issued.user.status.is_unjoin);
        let (stored, events) = db
            .read(move |tx| Ok((tx.user(t, invited)?, tx.events_after(roster_domain::ids::EventSeq(0), 1000)?)))
            .await
            .unwrap();
        assert!(stored.expect("user").status.is_activated);
        assert!(events.iter().any(|ev| ev.event_type == "contact.user.updated_v3"), "the activation is announced");
    })
    .await;
}

fn invited_user(
    tenant: roster_domain::ids::TenantId,
    account: roster_domain::ids::AccountId,
    root: roster_domain::ids::DeptId,
) -> NewUser {
    NewUser {
        tenant,
        account,
        user_id: "ivy".into(),
        name: "Ivy".into(),
        en_name: String::new(),
        nickname: String::new(),
        email: Some("ivy@invited.test".into()),
        mobile: None,
        mobile_visible: true,
        gender: 0,
        avatar_key: None,
        leader: None,
        city: String::new(),
        country: String::new(),
        work_station: String::new(),
        join_time: 0,
        is_tenant_manager: false,
        employee_no: String::new(),
        employee_type: 1,
        enterprise_email: None,
        job_title: String::new(),
        custom_attrs: None,
        status: roster_domain::model::UserStatus { is_unjoin: true, ..Default::default() },
        departments: vec![roster_domain::model::UserDepartment {
            department: root,
            user_order: 0,
            department_order: 0,
            is_primary: true,
        }],
        created_at: Timestamp(T0),
    }
}

#[tokio::test]
async fn disabled_apps_and_vanished_users_end_the_flow() {
    each_backend(|db| async move {
        let p = tenant(&db, "ends").await;
        let (app, t) = (p.app.id, p.tenant.id);
        db.write(move |tx| {
            tx.insert_oauth_code(&NewAuthorizationCode {
                code: "ghost".into(),
                app,
                tenant: t,
                user: UserId(987_654),
                redirect_uri: "https://app.test/cb".into(),
                scope: String::new(),
                pkce: None,
                created_at: Timestamp(T0),
                expires_at: Timestamp(T0 + 300_000),
            })
        })
        .await
        .unwrap();
        let (a, e) = (p.app.clone(), env(T0 + 1));
        let ghost = db.write(move |tx| exchange::exchange_code(tx, &e, &a, "ghost", &CodeExchange::default())).await;
        assert_eq!(auth_err(ghost), AuthError::OAuthUserNotExist);

        let mut disabled = p.app.clone();
        disabled.enabled = false;
        db.write(move |tx| tx.update_app(&disabled)).await.unwrap();
        let (id, secret) = (p.app.app_id.clone(), p.app.app_secret.clone());
        let r = db.read(move |tx| exchange::client_app(tx, Some(&id), Some(&secret))).await;
        assert_eq!(auth_err(r), AuthError::OAuthAppUnavailable);
        let req = AuthorizeRequest {
            client_id: Some(p.app.app_id.clone()),
            redirect_uri: Some("https://app.test/cb".into()),
            ..Default::default()
        };
        assert_eq!(auth_err(db.read(move |tx| authorize::client(tx, &req)).await), AuthError::OAuthAppUnavailable);
    })
    .await;
}
