//! One suite of stories, run on SQLite always and on PostgreSQL when `ROSTER_TEST_PG_URL` is set
//! (CI sets it). Each story drives the store through the domain's own services.

use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::{Error, StoreError};
use roster_domain::ids::{DeptId, EventSeq, UserIdType};
use roster_domain::model::{NewEvent, TokenKind};
use roster_domain::services::tenancy::{self, AdminSpec, TenantSpec};
use roster_domain::services::users::{self, IdTypes, UserFields};
use roster_domain::services::{Caller, Env, auth, demo};
use roster_domain::settings::Settings;
use roster_domain::store::Db;
use roster_store::testing::{self, TestDatabase};
use std::sync::Arc;

fn env(now: i64) -> Env {
    Env { now: Timestamp(now), codec: Arc::new(IdCodec::new(b"conformance")), settings: Arc::new(Settings::default()) }
}

async fn open(db: &TestDatabase) -> Db {
    roster_store::open(&db.url, &Default::default()).await.expect("open store")
}

async fn each_backend<F, Fut>(story: F)
where
    F: Fn(Db) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for db in testing::all().await {
        eprintln!("story on {:?}", db.backend);
        story(open(&db).await).await;
    }
}

fn spec(name: &str) -> TenantSpec {
    TenantSpec {
        name: name.into(),
        admin: AdminSpec { name: "Admin".into(), email: Some(format!("admin@{name}.test")), ..Default::default() },
        ..Default::default()
    }
}

async fn caller_for(db: &Db, name: &str) -> Caller {
    let e = env(1_000_000);
    let s = spec(name);
    let p = db.write(move |tx| tenancy::provision_tenant(tx, &e, &s)).await.expect("provision");
    Caller {
        app: Arc::new(p.app),
        tenant: p.tenant.id,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: Timestamp(i64::MAX),
    }
}

fn person(name: &str, mobile: &str) -> UserFields {
    UserFields {
        name: Some(name.into()),
        mobile: Some(mobile.into()),
        department_ids: Some(vec!["0".into()]),
        employee_type: Some(1),
        ..Default::default()
    }
}

#[tokio::test]
async fn provisioning_and_lookups() {
    each_backend(|db| async move {
        let c = caller_for(&db, "acme").await;
        let app_id = c.app.app_id.clone();
        let tenant = c.tenant;
        let found = db
            .read(move |tx| {
                let app = tx.app_by_app_id(&app_id)?.expect("app");
                let t = tx.tenant(tenant)?.expect("tenant");
                let by_key = tx.tenant_by_key(&t.tenant_key)?.expect("by key");
                let admin = tx.user(tenant, t.creator.expect("creator"))?.expect("admin");
                let root = tx.root_department(tenant)?.expect("root");
                Ok((
                    app.tenant == tenant,
                    by_key.id == tenant,
                    admin.is_tenant_manager,
                    root.department_id,
                    admin.departments,
                ))
            })
            .await
            .unwrap();
        assert!(found.0 && found.1 && found.2);
        assert_eq!(found.3, "0");
        assert_eq!(found.4.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn demo_seed_is_idempotent() {
    each_backend(|db| async move {
        let e = env(5);
        let first = db.write(move |tx| demo::seed(tx, &e)).await.unwrap();
        let e = env(6);
        let second = db.write(move |tx| demo::seed(tx, &e)).await.unwrap();
        assert_eq!(first.tenant.id, second.tenant.id);
        assert_eq!(first.admin.id, second.admin.id);
        let t = first.tenant.id;
        let root = first.root.id;
        let eng = db
            .read(move |tx| Ok(tx.department_by_custom_id(t, "engineering")?.map(|d| d.parent == Some(root))))
            .await
            .unwrap();
        assert_eq!(eng, Some(true));
    })
    .await;
}

#[tokio::test]
async fn users_are_created_found_and_unique() {
    each_backend(|db| async move {
        let c = caller_for(&db, "uniq").await;
        let (c1, e) = (c.clone(), env(2_000_000));
        let made = db
            .write(move |tx| users::create_user(tx, &e, &c1, IdTypes::default(), &person("Ann", "+15551230001"), None))
            .await
            .unwrap();
        assert_eq!(made.user.name, "Ann");
        let (c2, e) = (c.clone(), env(2_000_001));
        let dup = db
            .write(move |tx| users::create_user(tx, &e, &c2, IdTypes::default(), &person("Ann2", "+15551230001"), None))
            .await;
        assert_eq!(dup.unwrap_err(), roster_domain::error::ContactError::MobileTaken.into());
        let (c3, e) = (c.clone(), env(2_000_002));
        let open_id = e.open_id(&c.app, made.user.id);
        let got = db
            .read(move |tx| {
                users::get_user(tx, &e, &c3, IdTypes { user: UserIdType::OpenId, ..Default::default() }, &open_id)
            })
            .await
            .unwrap();
        assert_eq!(got.user.id, made.user.id);
        assert_eq!(got.departments[0].department_id, "0");
    })
    .await;
}

#[tokio::test]
async fn a_failing_job_leaves_no_trace_even_in_a_shared_commit() {
    each_backend(|db| async move {
        let c = caller_for(&db, "batch").await;
        let tenant = c.tenant;
        let mut tasks = Vec::new();
        for i in 0..200 {
            let db = db.clone();
            tasks.push(tokio::spawn(async move {
                db.write(move |tx| {
                    // Some jobs fail before they write anything, some after.
                    if i % 4 == 3 {
                        return Err(Error::invalid("i", "fails before writing"));
                    }
                    let seq = tx.append_event(&NewEvent {
                        tenant,
                        event_type: "test.event",
                        payload: format!("{{\"i\":{i}}}"),
                        created_at: Timestamp(i),
                    })?;
                    if i % 4 == 1 {
                        return Err(Error::invalid("i", "fails after writing"));
                    }
                    Ok(seq)
                })
                .await
            }));
        }
        let mut answered = Vec::new();
        for t in tasks {
            if let Ok(seq) = t.await.unwrap() {
                answered.push(seq);
            }
        }
        assert_eq!(answered.len(), 100);
        let events = db.read(|tx| tx.events_after(EventSeq(0), 1000)).await.unwrap();
        let ours: Vec<_> = events.iter().filter(|e| e.event_type == "test.event").collect();
        assert_eq!(ours.len(), 100, "only the successful jobs' events persist");
        assert!(ours.iter().all(|e| e.created_at.0 % 2 == 0));
        // A job may run twice (its batch starts over when another job fails after writing):
        // each answer must be what its last, committed run wrote.
        let mut stored: Vec<_> = ours.iter().map(|e| e.seq).collect();
        answered.sort();
        stored.sort();
        assert_eq!(answered, stored);
    })
    .await;
}

#[tokio::test]
async fn unique_violations_are_classified() {
    each_backend(|db| async move {
        let c = caller_for(&db, "dupkey").await;
        let tenant = c.tenant;
        let r = db
            .write(move |tx| {
                let t = tx.tenant(tenant)?.expect("tenant");
                tx.insert_tenant(&roster_domain::model::NewTenant {
                    tenant_key: t.tenant_key,
                    name: "again".into(),
                    mail_domain: "x".into(),
                    created_at: Timestamp(0),
                })
            })
            .await;
        assert!(matches!(r, Err(Error::Store(StoreError::Unique { .. }))), "{r:?}");
    })
    .await;
}

#[tokio::test]
async fn tenant_tokens_follow_the_reuse_rule() {
    each_backend(|db| async move {
        let c = caller_for(&db, "tokens").await;
        let app = (*c.app).clone();
        let issue = |at: i64| {
            let (app, e) = (app.clone(), env(at));
            let db = db.clone();
            async move { db.write(move |tx| auth::issue_tenant_token(tx, &e, &app)).await.unwrap() }
        };
        let t0 = issue(10_000_000).await;
        assert_eq!(t0.expire_secs, 7200);
        let t1 = issue(10_000_000 + 60_000).await;
        assert_eq!(t1.token, t0.token, "same token while >= 30 min remain");
        assert_eq!(t1.expire_secs, 7140);
        let t2 = issue(10_000_000 + 91 * 60_000).await;
        assert_ne!(t2.token, t0.token, "a new token once < 30 min remain");
        let e = env(10_000_000 + 91 * 60_000);
        let old = t0.token.clone();
        let still = db.read(move |tx| auth::authenticate(tx, &e, &old)).await;
        assert!(still.is_ok(), "the old token stays valid until it expires");
        let e = env(10_000_000 + 121 * 60_000);
        let old = t0.token.clone();
        let expired = db.read(move |tx| auth::authenticate(tx, &e, &old)).await;
        assert_eq!(expired.unwrap_err(), roster_domain::error::AuthError::InvalidTenantToken.into());
    })
    .await;
}

#[tokio::test]
async fn department_members_page_by_keyset() {
    each_backend(|db| async move {
        let c = caller_for(&db, "paging").await;
        for i in 0..25 {
            let (c, e) = (c.clone(), env(3_000_000 + i));
            db.write(move |tx| {
                users::create_user(
                    tx,
                    &e,
                    &c,
                    IdTypes::default(),
                    &person(&format!("P{i}"), &format!("+1555999{i:04}")),
                    None,
                )
            })
            .await
            .unwrap();
        }
        let tenant = c.tenant;
        let root: DeptId = db.read(move |tx| Ok(tx.root_department(tenant)?.unwrap().id)).await.unwrap();
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = db.read(move |tx| tx.users_in_department(tenant, root, after, 10)).await.unwrap();
            seen.extend(page.iter().map(|u| u.id));
            if page.len() < 10 {
                break;
            }
            after = page.last().map(|u| u.id);
        }
        assert_eq!(seen.len(), 26, "25 people and the admin");
        let mut sorted = seen.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, seen, "ordered, no duplicates");
        let count = db.read(move |tx| tx.count_users_in_department(tenant, root)).await.unwrap();
        assert_eq!(count, 26);
    })
    .await;
}

#[tokio::test]
async fn wiping_keeps_meta() {
    each_backend(|db| async move {
        let _ = caller_for(&db, "wipe").await;
        db.write(|tx| tx.meta_set("k", "v")).await.unwrap();
        db.write(|tx| tx.wipe_all_data()).await.unwrap();
        let (meta, tenant) = db.read(|tx| Ok((tx.meta_get("k")?, tx.tenant_by_key("x")?))).await.unwrap();
        assert_eq!(meta.as_deref(), Some("v"));
        assert!(tenant.is_none());
        let again = caller_for(&db, "wipe2").await;
        assert!(again.tenant.0 >= 1);
    })
    .await;
}
