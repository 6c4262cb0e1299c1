//! Stories of the user repository beyond create and get, on SQLite always and on PostgreSQL when
//! `ROSTER_TEST_PG_URL` is set: lookups by lists of user_ids, mobiles and emails (tenant-filtered,
//! current members before resigned ones), the unique indexes the change use-cases rely on, and a
//! change driven through the domain that moves a user between departments and announces it.

use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::{Error, StoreError};
use roster_domain::events::contact::UserUpdated;
use roster_domain::ids::{DepartmentIdType, EventSeq, UserIdType};
use roster_domain::model::{DomainEvent, TokenKind, User};
use roster_domain::services::departments::{self, DepartmentFields};
use roster_domain::services::tenancy::{self, AdminSpec, TenantSpec};
use roster_domain::services::users::{self, IdTypes, UserFields, update, user_id};
use roster_domain::services::{Caller, Env};
use roster_domain::settings::Settings;
use roster_domain::store::Db;
use roster_store::testing;
use std::sync::Arc;

fn env(now: i64) -> Env {
    Env {
        now: Timestamp(now),
        codec: Arc::new(IdCodec::new(b"contact-users")),
        settings: Arc::new(Settings::default()),
    }
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

async fn caller_for(db: &Db, name: &str) -> Caller {
    let e = env(1_000_000);
    let s = TenantSpec {
        name: name.into(),
        admin: AdminSpec { name: "Admin".into(), email: Some(format!("admin@{name}.test")), ..Default::default() },
        ..Default::default()
    };
    let p = db.write(move |tx| tenancy::provision_tenant(tx, &e, &s)).await.expect("provision");
    Caller {
        app: Arc::new(p.app),
        tenant: p.tenant.id,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: Timestamp(i64::MAX),
    }
}

/// Creates a user in the root department with this user_id, mobile and email.
async fn make(db: &Db, c: &Caller, user_id: &str, mobile: &str, email: &str) -> User {
    let f = UserFields {
        name: Some(user_id.to_uppercase()),
        user_id: Some(user_id.into()),
        mobile: Some(mobile.into()),
        email: Some(email.into()),
        department_ids: Some(vec!["0".into()]),
        employee_type: Some(1),
        ..Default::default()
    };
    let (c, e) = (c.clone(), env(2_000_000));
    db.write(move |tx| users::create_user(tx, &e, &c, IdTypes::default(), &f, None)).await.expect("create").user
}

/// Marks a user resigned straight in the store (offboarding is another area's use-case).
async fn resign(db: &Db, u: &User) {
    let mut u = u.clone();
    u.status.is_resigned = true;
    u.departments.clear();
    db.write(move |tx| tx.update_user(&u)).await.expect("resign");
}

fn ids_of(users: &[User]) -> Vec<&str> {
    users.iter().map(|u| u.user_id.as_str()).collect()
}

#[tokio::test]
async fn users_are_found_by_lists_within_their_tenant() {
    each_backend(|db| async move {
        let acme = caller_for(&db, "acme").await;
        let rival = caller_for(&db, "rival").await;
        let old = make(&db, &acme, "ann", "+15550100001", "ann@acme.test").await;
        resign(&db, &old).await;
        // The resigned user's mobile and email are free again, and so is the user_id (create
        // refuses any user_id ever used; update_user_id only those of current members).
        let ann = make(&db, &acme, "ann-new", "+15550100001", "ann@acme.test").await;
        let (c, e) = (acme.clone(), env(2_100_000));
        db.write(move |tx| user_id::update_user_id(tx, &e, &c, UserIdType::UserId, "ann-new", Some("ann")))
            .await
            .expect("take the resigned user's user_id");
        make(&db, &acme, "bob", "+15550100002", "bob@acme.test").await;
        // The rival has the same strings: never seen from acme.
        make(&db, &rival, "ann", "+15550100001", "ann@acme.test").await;

        let t = acme.tenant;
        let (by_id, none, current, all, emails, resigned_emails) = db
            .read(move |tx| {
                let wanted = ["ann".to_owned(), "bob".to_owned(), "nobody".to_owned()];
                let mobiles = ["+15550100001".to_owned(), "+15550100009".to_owned()];
                let emails = ["ann@acme.test".to_owned(), "bob@acme.test".to_owned()];
                Ok((
                    tx.users_by_user_ids(t, &wanted)?,
                    tx.users_by_user_ids(t, &[])?,
                    tx.users_by_mobiles(t, &mobiles, false)?,
                    tx.users_by_mobiles(t, &mobiles, true)?,
                    tx.users_by_emails(t, &emails, false)?,
                    tx.users_by_emails(t, &emails[..1], true)?,
                ))
            })
            .await
            .unwrap();
        assert_eq!(ids_of(&by_id), ["ann", "bob", "ann"], "current members first, then the resigned");
        assert_eq!((by_id[0].id, by_id[2].id), (ann.id, old.id));
        assert!(by_id.iter().all(|u| u.tenant == acme.tenant));
        assert_eq!(by_id[0].departments.len(), 1, "memberships come along");
        assert!(none.is_empty());
        assert_eq!(current.iter().map(|u| u.id).collect::<Vec<_>>(), [ann.id]);
        assert_eq!(all.iter().map(|u| u.id).collect::<Vec<_>>(), [ann.id, old.id]);
        assert_eq!(ids_of(&emails), ["ann", "bob"]);
        assert_eq!(resigned_emails.iter().map(|u| u.id).collect::<Vec<_>>(), [ann.id, old.id]);
    })
    .await;
}

/// Gives the first user the second one's value of a unique column.
type Clash = fn(&mut User, &User);

#[tokio::test]
async fn unique_indexes_name_the_column_that_clashed() {
    each_backend(|db| async move {
        let c = caller_for(&db, "clash").await;
        let ann = make(&db, &c, "ann", "+15550200001", "ann@clash.test").await;
        let bob = make(&db, &c, "bob", "+15550200002", "bob@clash.test").await;
        let cases: [(&str, Clash); 3] = [
            ("mobile", |u, other| u.mobile = other.mobile.clone()),
            ("email", |u, other| u.email = other.email.clone()),
            ("user_id", |u, other| u.user_id = other.user_id.clone()),
        ];
        for (column, clash) in cases {
            let mut changed = bob.clone();
            clash(&mut changed, &ann);
            let r = db.write(move |tx| tx.update_user(&changed)).await;
            let Err(Error::Store(StoreError::Unique { constraint })) = r else { panic!("{column}: {r:?}") };
            let (sqlite, postgres) = (format!("users.{column}"), format!("users_{column}"));
            assert!(constraint.ends_with(&sqlite) || constraint == postgres, "{column}: {constraint}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_patch_moves_a_user_between_departments_and_is_announced() {
    each_backend(|db| async move {
        let c = caller_for(&db, "moves").await;
        let ann = make(&db, &c, "ann", "+15550300001", "ann@moves.test").await;
        let ids = IdTypes { user: UserIdType::UserId, department: DepartmentIdType::DepartmentId };
        let (c1, e) = (c.clone(), env(2_500_000));
        let f = DepartmentFields {
            name: Some("Ops".into()),
            parent_department_id: Some("0".into()),
            department_id: Some("ops".into()),
            ..Default::default()
        };
        let ops = db.write(move |tx| departments::create_department(tx, &e, &c1, ids, &f, None)).await.unwrap();
        let before = db.read(|tx| tx.events_after(EventSeq(0), 1000)).await.unwrap().len();

        let (c2, e) = (c.clone(), env(3_000_000));
        let f = UserFields { department_ids: Some(vec!["ops".into(), "0".into()]), ..Default::default() };
        let moved = db.write(move |tx| update::patch_user(tx, &e, &c2, ids, "ann", &f)).await.unwrap();
        assert_eq!(moved.departments.iter().map(|d| d.department_id.as_str()).collect::<Vec<_>>(), ["ops", "0"]);
        assert_eq!(moved.user.updated_at, Timestamp(3_000_000));

        let (t, dept) = (c.tenant, ops.department.id);
        let members = db.read(move |tx| tx.users_in_department(t, dept, None, 10)).await.unwrap();
        assert_eq!(members.iter().map(|u| u.id).collect::<Vec<_>>(), [ann.id]);
        let root = db.read(move |tx| tx.root_department(t)).await.unwrap().unwrap();
        assert_eq!(members[0].primary_department(), Some(root.id), "a patch keeps the primary department");

        // The same patch again changes nothing and announces nothing.
        let (c3, e) = (c.clone(), env(3_000_001));
        let f = UserFields { department_ids: Some(vec!["ops".into(), "0".into()]), ..Default::default() };
        let again = db.write(move |tx| update::patch_user(tx, &e, &c3, ids, "ann", &f)).await.unwrap();
        assert_eq!(again.user.updated_at, Timestamp(3_000_000));

        let events = db.read(|tx| tx.events_after(EventSeq(0), 1000)).await.unwrap();
        let new: Vec<_> = events[before..].iter().collect();
        assert_eq!(new.len(), 1, "{new:?}");
        assert_eq!(new[0].event_type, UserUpdated::EVENT_TYPE);
        let e: UserUpdated = serde_json::from_str(&new[0].payload).unwrap();
        assert_eq!((e.old.departments.len(), e.user.departments.len()), (1, 2));
    })
    .await;
}

/// `create_user` answers without reading its row back: what it returns must be exactly what the
/// store holds, every field, the memberships in order, the departments and the leader.
#[tokio::test]
async fn a_created_user_is_returned_exactly_as_stored() {
    each_backend(|db| async move {
        let c = caller_for(&db, "exact").await;
        let boss = make(&db, &c, "boss", "+15550400001", "boss@exact.test").await;
        let ids = IdTypes { user: UserIdType::UserId, department: DepartmentIdType::DepartmentId };
        let (c1, e) = (c.clone(), env(2_500_000));
        let f = DepartmentFields {
            name: Some("Lab".into()),
            parent_department_id: Some("0".into()),
            department_id: Some("lab".into()),
            ..Default::default()
        };
        db.write(move |tx| departments::create_department(tx, &e, &c1, ids, &f, None)).await.unwrap();
        let f = UserFields {
            user_id: Some("eve".into()),
            name: Some(" Eve ".into()),
            en_name: Some("Eve E".into()),
            nickname: Some("ev".into()),
            email: Some("eve@exact.test".into()),
            mobile: Some("+15550400002".into()),
            mobile_visible: Some(false),
            gender: Some(2),
            avatar_key: Some("av-1".into()),
            department_ids: Some(vec!["0".into(), "lab".into(), "lab".into()]),
            leader_user_id: Some("boss".into()),
            city: Some("Oslo".into()),
            country: Some("NO".into()),
            work_station: Some("W-7".into()),
            join_time: Some(1_700_000_000),
            employee_no: Some("E-9".into()),
            employee_type: Some(3),
            orders: Some(vec![users::OrderFields {
                department_id: Some("lab".into()),
                user_order: Some(4),
                department_order: Some(2),
                is_primary: Some(true),
            }]),
            custom_attrs: Some(r#"[{"type":"TEXT","id":"C-1","value":{"text":"x"}}]"#.into()),
            enterprise_email: Some("eve@corp.exact.test".into()),
            job_title: Some("Chemist".into()),
            is_frozen: Some(true),
        };
        let (c2, e) = (c.clone(), env(3_000_000));
        let made = db.write(move |tx| users::create_user(tx, &e, &c2, ids, &f, None)).await.unwrap();
        let (c3, id) = (c.clone(), made.user.id);
        let stored = db
            .read(move |tx| {
                let u = tx.user(c3.tenant, id)?.expect("stored");
                users::view(tx, &c3, u)
            })
            .await
            .unwrap();
        assert_eq!(made, stored);
        assert_eq!(made.user.departments.len(), 2, "a department named twice is one membership");
        assert_eq!(made.leader.as_ref().map(|l| l.id), Some(boss.id));
    })
    .await;
}
