//! Department stories on both stores (SQLite always, PostgreSQL when `ROSTER_TEST_PG_URL` is
//! set): depth-first subtree walks paged by keyset, subtree heights and member counts, custom ids
//! freed by deletion, tenant isolation, the department use-cases with their outbox events, and
//! two racing moves that must not make a cycle.

use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::{ContactError, Error};
use roster_domain::events::departments::{DepartmentCreated, DepartmentDeleted, DepartmentUpdated};
use roster_domain::ids::{DepartmentIdType, DeptId, EventSeq};
use roster_domain::model::{Department, DomainEvent, TokenKind};
use roster_domain::services::departments::update::{self, UpdateMode};
use roster_domain::services::departments::{self, DepartmentFields, delete};
use roster_domain::services::tenancy::{self, AdminSpec, TenantSpec};
use roster_domain::services::users::{self, IdTypes, UserFields};
use roster_domain::services::{Caller, Env};
use roster_domain::settings::Settings;
use roster_domain::store::{Db, MemberCounts, TreePos};
use roster_store::testing;
use std::sync::Arc;

fn env() -> Env {
    Env {
        now: Timestamp(1_700_000_000_000),
        codec: Arc::new(IdCodec::new(b"departments")),
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

async fn tenant(db: &Db, name: &str) -> Caller {
    let e = env();
    let spec = TenantSpec {
        name: name.into(),
        admin: AdminSpec { name: "Admin".into(), email: Some(format!("admin@{name}.test")), ..Default::default() },
        ..Default::default()
    };
    let p = db.write(move |tx| tenancy::provision_tenant(tx, &e, &spec)).await.expect("provision");
    Caller {
        app: Arc::new(p.app),
        tenant: p.tenant.id,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: Timestamp(i64::MAX),
    }
}

/// Ids in custom `department_id`s.
fn custom() -> IdTypes {
    IdTypes { department: DepartmentIdType::DepartmentId, ..IdTypes::default() }
}

/// Creates department `id` under `parent` (custom ids), with `order` if given.
async fn make(db: &Db, c: &Caller, id: &str, parent: &str, order: Option<i64>) -> Department {
    let f = DepartmentFields {
        name: Some(format!("Dept {id}")),
        parent_department_id: Some(parent.into()),
        department_id: Some(id.into()),
        order,
        ..Default::default()
    };
    let (c, e) = (c.clone(), env());
    db.write(move |tx| departments::create_department(tx, &e, &c, custom(), &f, None)).await.expect("create").department
}

async fn walk(db: &Db, c: &Caller, top: DeptId, depth: u32, page: u32) -> Vec<(String, TreePos)> {
    let tenant = c.tenant;
    let mut out: Vec<(String, TreePos)> = Vec::new();
    loop {
        let after = out.last().map(|(_, p)| p.clone());
        let rows =
            db.read(move |tx| tx.descendant_departments(tenant, top, depth, after.as_ref(), page)).await.unwrap();
        let done = rows.len() < page as usize;
        out.extend(rows.into_iter().map(|(d, p)| (d.department_id, p)));
        if done {
            return out;
        }
    }
}

fn names(rows: &[(String, TreePos)]) -> Vec<&str> {
    rows.iter().map(|(n, _)| n.as_str()).collect()
}

#[tokio::test]
async fn subtree_walks_are_depth_first_and_keyset_paged() {
    each_backend(|db| async move {
        let c = tenant(&db, "walks").await;
        let a = make(&db, &c, "A", "0", Some(5)).await;
        make(&db, &c, "A2", "A", Some(1)).await;
        let a1 = make(&db, &c, "A1", "A", Some(0)).await;
        let a1x = make(&db, &c, "A1x", "A1", None).await;
        let b = make(&db, &c, "B", "0", Some(2)).await;
        let b1 = make(&db, &c, "B1", "B", None).await;
        let t = c.tenant;
        let root = db.read(move |tx| Ok(tx.root_department(t)?.unwrap().id)).await.unwrap();

        let all = walk(&db, &c, root, 64, 100).await;
        assert_eq!(names(&all), ["B", "B1", "A", "A1", "A1x", "A2"], "siblings by order, each before its children");
        assert_eq!(all[3].1, TreePos(vec![(5, a.id), (0, a1.id)]));
        for page in [1, 2, 4] {
            assert_eq!(walk(&db, &c, root, 64, page).await, all, "pages of {page} add up to the same walk");
        }
        assert_eq!(names(&walk(&db, &c, root, 1, 100).await), ["B", "A"], "one level: the children");
        assert_eq!(names(&walk(&db, &c, a.id, 64, 100).await), ["A1", "A1x", "A2"]);
        assert_eq!(names(&walk(&db, &c, a1x.id, 64, 100).await), Vec::<&str>::new());

        let heights = db
            .read(move |tx| {
                Ok((tx.subtree_height(t, root)?, tx.subtree_height(t, a.id)?, tx.subtree_height(t, a1x.id)?))
            })
            .await
            .unwrap();
        assert_eq!(heights, (3, 2, 0));

        let gone = Department { deleted: true, ..b1 };
        db.write(move |tx| tx.update_department(&gone)).await.unwrap();
        assert_eq!(names(&walk(&db, &c, b.id, 64, 100).await), Vec::<&str>::new(), "deleted departments are skipped");

        let other = tenant(&db, "walks-elsewhere").await;
        assert!(walk(&db, &other, root, 64, 100).await.is_empty(), "another tenant sees nothing under this root");
        let (ot, aid) = (other.tenant, a.id);
        let foreign = db.read(move |tx| Ok((tx.department(ot, aid)?, tx.subtree_height(ot, aid)?))).await.unwrap();
        assert_eq!(foreign, (None, 0));
    })
    .await;
}

#[tokio::test]
async fn member_counts_cover_the_subtree() {
    each_backend(|db| async move {
        let c = tenant(&db, "counts").await;
        let a = make(&db, &c, "A", "0", None).await;
        let a1 = make(&db, &c, "A1", "A", None).await;
        let a2 = make(&db, &c, "A2", "A", None).await;
        let a1x = make(&db, &c, "A1x", "A1", None).await;
        let person = |n: &str, depts: &[&str], mobile: &str| UserFields {
            name: Some(n.into()),
            mobile: Some(mobile.into()),
            department_ids: Some(depts.iter().map(|d| d.to_string()).collect()),
            employee_type: Some(1),
            ..Default::default()
        };
        for f in [
            person("One", &["A1"], "+15550100001"),
            person("Two", &["A2", "A1"], "+15550100002"),
            person("Three", &["A1x"], "+15550100003"),
        ] {
            let (c, e) = (c.clone(), env());
            db.write(move |tx| users::create_user(tx, &e, &c, custom(), &f, None)).await.unwrap();
        }
        let t = c.tenant;
        db.write(move |tx| {
            let mut three = tx.users_in_department(t, a1x.id, None, 10)?.pop().expect("three");
            three.status.is_resigned = true;
            tx.update_user(&three)
        })
        .await
        .unwrap();
        let counts = db
            .read(move |tx| {
                [a.id, a1.id, a2.id, a1x.id]
                    .map(|d| tx.subtree_member_counts(t, d))
                    .into_iter()
                    .collect::<Result<Vec<_>, _>>()
            })
            .await
            .unwrap();
        let mc = |members, primary| MemberCounts { members, primary };
        assert_eq!(counts, [mc(2, 2), mc(2, 1), mc(1, 1), mc(0, 0)]);
    })
    .await;
}

#[tokio::test]
async fn custom_ids_are_free_again_after_delete() {
    each_backend(|db| async move {
        let c = tenant(&db, "reuse").await;
        let first = make(&db, &c, "X1", "0", None).await;
        let (cc, e) = (c.clone(), env());
        db.write(move |tx| delete::delete_department(tx, &e, &cc, DepartmentIdType::DepartmentId, "X1")).await.unwrap();
        let second = make(&db, &c, "X1", "0", None).await;
        assert_ne!(first.id, second.id);
        let (t, old) = (c.tenant, first.id);
        let (by_custom, by_id) =
            db.read(move |tx| Ok((tx.department_by_custom_id(t, "X1")?, tx.department(t, old)?))).await.unwrap();
        assert_eq!(by_custom.map(|d| d.id), Some(second.id));
        assert!(by_id.expect("the deleted row stays").deleted);
    })
    .await;
}

#[tokio::test]
async fn department_changes_write_their_events() {
    each_backend(|db| async move {
        let c = tenant(&db, "events").await;
        let start =
            db.read(|tx| tx.events_after(EventSeq(0), 10_000)).await.unwrap().last().map_or(EventSeq(0), |e| e.seq);
        make(&db, &c, "P", "0", None).await;
        make(&db, &c, "Q", "0", None).await;
        make(&db, &c, "P1", "P", None).await;
        let run = |f: DepartmentFields, raw: &'static str| {
            let (c, e, db) = (c.clone(), env(), db.clone());
            async move {
                db.write(move |tx| update::update_department(tx, &e, &c, custom(), raw, &f, UpdateMode::Patch)).await
            }
        };
        let moved = run(
            DepartmentFields {
                parent_department_id: Some("Q".into()),
                name: Some("P moved".into()),
                ..Default::default()
            },
            "P",
        )
        .await
        .unwrap();
        assert_eq!(moved.parent.map(|p| p.department_id), Some("Q".into()));
        let cycle = run(DepartmentFields { parent_department_id: Some("P1".into()), ..Default::default() }, "Q").await;
        assert_eq!(cycle.unwrap_err(), Error::Contact(ContactError::DeptRelationInvalid), "Q under its grandchild");
        let (cc, e) = (c.clone(), env());
        db.write(move |tx| {
            update::update_department_id(tx, &e, &cc, DepartmentIdType::DepartmentId, "P1", Some("P-one"))
        })
        .await
        .unwrap();
        let (cc, e) = (c.clone(), env());
        let refused =
            db.write(move |tx| delete::delete_department(tx, &e, &cc, DepartmentIdType::DepartmentId, "P")).await;
        assert_eq!(refused.unwrap_err(), Error::Contact(ContactError::DeptHasChildren));
        let (cc, e) = (c.clone(), env());
        db.write(move |tx| delete::delete_department(tx, &e, &cc, DepartmentIdType::DepartmentId, "P-one"))
            .await
            .unwrap();

        let events = db.read(move |tx| tx.events_after(start, 100)).await.unwrap();
        let mine: Vec<&str> = events.iter().filter(|e| e.tenant == c.tenant).map(|e| e.event_type.as_str()).collect();
        assert_eq!(
            mine,
            [
                DepartmentCreated::EVENT_TYPE,
                DepartmentCreated::EVENT_TYPE,
                DepartmentCreated::EVENT_TYPE,
                DepartmentUpdated::EVENT_TYPE,
                DepartmentUpdated::EVENT_TYPE,
                DepartmentDeleted::EVENT_TYPE,
            ],
            "failed changes write nothing"
        );
        let renamed: DepartmentUpdated = serde_json::from_str(&events[events.len() - 2].payload).unwrap();
        assert_eq!(
            (renamed.old.department.department_id.as_str(), renamed.department.department.department_id.as_str()),
            ("P1", "P-one")
        );
    })
    .await;
}

#[tokio::test]
async fn racing_moves_never_make_a_cycle() {
    each_backend(|db| async move {
        let c = tenant(&db, "race").await;
        for round in 0..5 {
            let (x, y) = (format!("X{round}"), format!("Y{round}"));
            make(&db, &c, &x, "0", None).await;
            make(&db, &c, &y, "0", None).await;
            let mv = |who: String, under: String| {
                let (c, e, db) = (c.clone(), env(), db.clone());
                let f = DepartmentFields { parent_department_id: Some(under), ..Default::default() };
                async move {
                    db.write(move |tx| update::update_department(tx, &e, &c, custom(), &who, &f, UpdateMode::Patch))
                        .await
                }
            };
            let (a, b) = tokio::join!(mv(x.clone(), y.clone()), mv(y.clone(), x.clone()));
            assert!(a.is_ok() != b.is_ok(), "exactly one move wins: {a:?} {b:?}");
            let loser = if a.is_ok() { b } else { a };
            assert_eq!(loser.unwrap_err(), Error::Contact(ContactError::DeptRelationInvalid));
            let t = c.tenant;
            let root = db.read(move |tx| Ok(tx.root_department(t)?.unwrap().id)).await.unwrap();
            let all = walk(&db, &c, root, 64, 100).await;
            assert!(
                all.iter().any(|(n, p)| n == &x && p.0.len() == 2)
                    || all.iter().any(|(n, p)| n == &y && p.0.len() == 2)
            );
        }
    })
    .await;
}
