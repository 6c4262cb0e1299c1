//! The account lifecycle on both stores: the repository's own conformance (departures, chat
//! records, tombstones, personal workspaces, dissolutions), and the domain's rules where HTTP
//! cannot reach them (a frozen member is refused by authentication first; a cancel at the very
//! moment a dissolution takes effect). A dissolution's purge is run batch by batch, checking
//! after every batch (each one transaction: where a crash may cut it) that nothing is half-deleted.

use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::{Error, LifecycleError};
use roster_domain::events::Operator;
use roster_domain::ids::{ChatId, TenantId, UserId};
use roster_domain::model::{
    Acceptors, ChatOutcome, DepartedChat, Departure, DepartureKind, DepartureState, Dissolution, DissolutionState,
    DissolutionStep, PersonalWorkspace, PurgedUser, TokenKind, User, UserDepartment,
};
use roster_domain::services::lifecycle::{dissolve, leave, personal, purge, wipe};
use roster_domain::services::tenancy::{self, AdminSpec, Provisioned, TenantSpec};
use roster_domain::services::users::{self, IdTypes, UserFields};
use roster_domain::services::{Caller, Env};
use roster_domain::settings::{LifecycleSettings, Settings};
use roster_domain::store::Db;
use roster_store::testing;
use std::sync::Arc;

const T0: i64 = 1_800_000_000_000;

fn env_at(ms: i64, batch: u32) -> Env {
    let settings = Settings {
        lifecycle: LifecycleSettings { batch_size: batch, ..LifecycleSettings::default() },
        ..Settings::default()
    };
    Env { now: Timestamp(ms), codec: Arc::new(IdCodec::new(b"lifecycle")), settings: Arc::new(settings) }
}

async fn provision(db: &Db, name: &str) -> Provisioned {
    let (e, spec) = (
        env_at(T0, 100),
        TenantSpec {
            name: name.into(),
            admin: AdminSpec {
                name: format!("{name} creator"),
                email: Some(format!("creator@{name}.test")),
                ..Default::default()
            },
            ..Default::default()
        },
    );
    db.write(move |tx| tenancy::provision_tenant(tx, &e, &spec)).await.expect("provision")
}

fn bot(p: &Provisioned) -> Caller {
    Caller {
        app: Arc::new(p.app.clone()),
        tenant: p.tenant.id,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: Timestamp(i64::MAX),
    }
}

fn as_user(p: &Provisioned, u: UserId) -> Caller {
    Caller { user: Some(u), token: TokenKind::User, ..bot(p) }
}

async fn member(db: &Db, p: &Provisioned, user_id: &str) -> User {
    let (c, e) = (bot(p), env_at(T0, 100));
    let f = UserFields {
        user_id: Some(user_id.into()),
        name: Some(user_id.into()),
        mobile: Some(format!("+1999{:07}", user_id.bytes().map(u64::from).sum::<u64>() + p.tenant.id.0 as u64 * 1000)),
        department_ids: Some(vec!["0".into()]),
        employee_type: Some(1),
        ..UserFields::default()
    };
    db.write(move |tx| users::create_user(tx, &e, &c, IdTypes::default(), &f, None)).await.expect("member").user
}

fn departure(user: UserId, tenant: TenantId, state: DepartureState, purge_at: i64) -> Departure {
    Departure {
        user,
        tenant,
        kind: DepartureKind::Offboard,
        state,
        departed_at: Timestamp(T0),
        resign_at: None,
        purge_at: Timestamp(purge_at),
        operator: Operator::System { tenant },
        acceptors: Acceptors { docs: Some(UserId(7)), ..Acceptors::default() },
        departments: vec![UserDepartment {
            department: roster_domain::ids::DeptId(3),
            user_order: 1,
            department_order: 2,
            is_primary: true,
        }],
        updated_at: Timestamp(T0),
    }
}

#[tokio::test]
async fn the_lifecycle_repository_on_both_stores() {
    for tdb in testing::all().await {
        eprintln!("story on {:?}", tdb.backend);
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let t = TenantId(42);
        db.write(move |tx| {
            let a = departure(UserId(1), t, DepartureState::HandingOver, T0 + 10);
            tx.insert_departure(&a)?;
            tx.insert_departure(&departure(UserId(2), t, DepartureState::Departed, T0 + 5))?;
            tx.insert_departure(&departure(UserId(3), t, DepartureState::Departed, T0 + 50))?;
            let mut exit = departure(UserId(4), t, DepartureState::Departed, T0 + 60);
            exit.kind = DepartureKind::Exit;
            exit.resign_at = Some(Timestamp(T0 + 1));
            tx.insert_departure(&exit)?;
            assert_eq!(tx.departure(t, UserId(1))?, Some(a.clone()), "JSON columns round-trip");
            assert_eq!(tx.departure(TenantId(43), UserId(1))?, None, "filtered by tenant");
            let busy = tx.departures_in_state(DepartureState::HandingOver, UserId(0), 10)?;
            assert_eq!(busy.iter().map(|d| d.user).collect::<Vec<_>>(), [UserId(1)]);
            let due: Vec<UserId> = tx.departures_to_purge(Timestamp(T0 + 60), 10)?.iter().map(|d| d.user).collect();
            assert_eq!(due, [UserId(2), UserId(3), UserId(4)], "oldest purge first, handing-over ones never");
            assert_eq!(tx.exits_to_resign(Timestamp(T0 + 1), 10)?.len(), 1);
            assert!(tx.exits_to_resign(Timestamp(T0), 10)?.is_empty());
            let mut b = a.clone();
            b.state = DepartureState::Restoring;
            tx.update_departure(&b)?;
            assert_eq!(tx.departure(t, UserId(1))?.map(|d| d.state), Some(DepartureState::Restoring));

            let rec = |chat: i64, outcome| DepartedChat {
                user: UserId(1),
                chat: ChatId(chat),
                outcome,
                new_owner: None,
                was_manager: chat == 9,
            };
            tx.record_departed_chat(&rec(9, ChatOutcome::Left))?;
            tx.record_departed_chat(&rec(8, ChatOutcome::Dissolved))?;
            tx.record_departed_chat(&rec(9, ChatOutcome::Left))?;
            assert_eq!(tx.departed_chats(UserId(1), ChatOutcome::Left, 10)?, [rec(9, ChatOutcome::Left)]);
            tx.delete_departed_chat(UserId(1), ChatId(9))?;
            assert!(tx.departed_chats(UserId(1), ChatOutcome::Left, 10)?.is_empty());
            tx.delete_departure(UserId(1))?;
            assert!(tx.departure(t, UserId(1))?.is_none());
            assert!(tx.departed_chats(UserId(1), ChatOutcome::Dissolved, 10)?.is_empty(), "records go with it");

            let ghost = PurgedUser {
                user: UserId(5),
                tenant: t,
                user_id: "ghost".into(),
                departed_at: Timestamp(T0),
                purged_at: Timestamp(T0 + 9),
            };
            tx.insert_purged_user(&ghost)?;
            tx.insert_purged_user(&ghost)?;
            assert_eq!(tx.purged_user(t, UserId(5))?, Some(ghost.clone()));
            assert_eq!(tx.purged_user_by_user_id(t, "ghost")?, Some(ghost));
            assert!(tx.purged_user(TenantId(43), UserId(5))?.is_none());

            let w =
                PersonalWorkspace { tenant: t, account: roster_domain::ids::AccountId(11), created_at: Timestamp(T0) };
            tx.insert_personal_workspace(&w)?;
            assert_eq!(tx.personal_workspace_of_account(w.account)?, Some(w));
            assert_eq!(tx.personal_workspace(t)?, Some(w));
            tx.delete_personal_workspace(t)?;
            assert!(tx.personal_workspace(t)?.is_none());

            let mut d = Dissolution {
                tenant: t,
                requested_by: UserId(1),
                requested_at: Timestamp(T0),
                effective_at: Timestamp(T0 + 100),
                state: DissolutionState::Scheduled,
                step: DissolutionStep::Meetings,
                cancelled_by: None,
                cancelled_at: None,
                completed_at: None,
            };
            tx.put_dissolution(&d)?;
            assert!(tx.open_dissolutions(Timestamp(T0 + 99), 10)?.is_empty(), "not due yet");
            assert_eq!(tx.open_dissolutions(Timestamp(T0 + 100), 10)?, [d.clone()]);
            d.state = DissolutionState::Purging;
            d.step = DissolutionStep::Users;
            tx.put_dissolution(&d)?;
            assert_eq!(tx.open_dissolutions(Timestamp(0), 10)?, [d.clone()], "a purge under way is always open");
            d.state = DissolutionState::Done;
            tx.put_dissolution(&d)?;
            assert!(tx.open_dissolutions(Timestamp(i64::MAX), 10)?.is_empty());
            Ok(())
        })
        .await
        .expect("repository story");
    }
}

#[tokio::test]
async fn rules_authentication_hides_are_kept_by_the_domain() {
    for tdb in testing::all().await {
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let p = provision(&db, "acme").await;
        let icy = member(&db, &p, "icy").await;
        let (t, id) = (p.tenant.id, icy.id);
        db.write(move |tx| {
            let mut u = tx.user(t, id)?.expect("icy");
            u.status.is_frozen = true;
            tx.update_user(&u)
        })
        .await
        .unwrap();
        // A frozen member reaching the use-cases (past authentication) is still refused.
        let (c, e) = (as_user(&p, icy.id), env_at(T0, 100));
        let r = db.write(move |tx| leave::leave(tx, &e, &c)).await;
        assert_eq!(r.err(), Some(Error::Lifecycle(LifecycleError::AccountFrozen)));
        let (c, e) = (as_user(&p, icy.id), env_at(T0, 100));
        let r = db.write(move |tx| personal::delete_personal_account(tx, &e, &c)).await;
        assert_eq!(r.err(), Some(Error::Lifecycle(LifecycleError::AccountFrozen)));
        // The creator cannot leave.
        let (c, e) = (as_user(&p, p.admin.id), env_at(T0, 100));
        let r = db.write(move |tx| leave::leave(tx, &e, &c)).await;
        assert_eq!(r.err(), Some(Error::Lifecycle(LifecycleError::CreatorCannotLeave)));

        // A cancel at the very moment the dissolution takes effect is too late, even before the
        // job has carried it out.
        let (c, e) = (as_user(&p, p.admin.id), env_at(T0, 100));
        let d = db.write(move |tx| dissolve::request(tx, &e, &c)).await.unwrap();
        let (c, e) = (as_user(&p, p.admin.id), env_at(d.effective_at.0, 100));
        let r = db.write(move |tx| dissolve::cancel(tx, &e, &c)).await;
        assert_eq!(r.err(), Some(Error::Lifecycle(LifecycleError::DissolutionInEffect)));
        let (c, e) = (as_user(&p, p.admin.id), env_at(d.effective_at.0 - 1, 100));
        assert!(db.write(move |tx| dissolve::cancel(tx, &e, &c)).await.is_ok(), "a millisecond earlier it works");
    }
}

#[tokio::test]
async fn a_purge_runs_twice_without_harm() {
    for tdb in testing::all().await {
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let p = provision(&db, "twice").await;
        let gone = member(&db, &p, "gone").await;
        let (c, e) = (bot(&p), env_at(T0, 100));
        db.write(move |tx| {
            roster_domain::services::lifecycle::offboard::offboard(
                tx,
                &e,
                &c,
                roster_domain::ids::UserIdType::UserId,
                "gone",
                &Default::default(),
            )
        })
        .await
        .unwrap();
        let (t, u) = (p.tenant.id, gone.id);
        let e = env_at(T0, 100);
        assert!(
            db.write(move |tx| roster_domain::services::lifecycle::handover::hand_over_batch(tx, &e, t, u))
                .await
                .unwrap()
        );
        let late = T0 + 31 * Timestamp::DAY;
        for _ in 0..2 {
            let e = env_at(late, 100);
            db.write(move |tx| purge::purge_departed(tx, &e, t, u)).await.expect("purge");
        }
        let (user, tomb, account) =
            db.read(move |tx| Ok((tx.user(t, u)?, tx.purged_user(t, u)?, tx.account(gone.account)?))).await.unwrap();
        assert!(user.is_none());
        assert_eq!(tomb.map(|g| g.user_id), Some("gone".into()));
        let account = account.expect("the account row stays, erased");
        assert_eq!(
            (account.status, account.email, account.password_hash),
            (roster_domain::model::AccountStatus::Deleted, None, None)
        );
    }
}

/// What a crash may leave: after any batch, every user of `tenant` is there with its department
/// or gone with every row, every chat there with members matching its count or gone with them.
async fn assert_whole(db: &Db, tenant: TenantId, users: &[User], chats: &[ChatId]) {
    let (users, chats) = (users.to_vec(), chats.to_vec());
    db.read(move |tx| {
        for u in &users {
            match tx.user(tenant, u.id)? {
                Some(row) => assert!(!row.departments.is_empty(), "{} is there without its department", row.user_id),
                None => {
                    assert!(
                        tx.chats_of(roster_domain::model::ChatMemberRef::User(u.id), Default::default(), None, 10)?
                            .is_empty()
                    );
                    assert!(tx.admin_grant(tenant, u.id)?.is_none());
                }
            }
        }
        for c in &chats {
            if let Some(chat) = tx.chat(*c)? {
                let page = tx.member_page(*c, -1, 1000)?;
                assert_eq!(page.len() as i64, chat.user_count, "chat {c} and its members agree");
            } else {
                assert!(tx.member_page(*c, -1, 10)?.is_empty(), "chat {c} is gone with its members");
            }
        }
        Ok(())
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_dissolution_purge_is_whole_after_every_batch() {
    for tdb in testing::all().await {
        eprintln!("story on {:?}", tdb.backend);
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let p = provision(&db, "doomed").await;
        let other = provision(&db, "other").await;
        let mut people = vec![p.admin.clone()];
        for i in 0..7 {
            people.push(member(&db, &p, &format!("p{i}")).await);
        }
        let (t, e) = (p.tenant.id, env_at(T0, 2));
        let roster: Vec<User> = people.clone();
        let root = p.root.clone();
        let chats: Vec<ChatId> = db
            .write(move |tx| {
                let mut ids = Vec::new();
                for k in 0..3 {
                    let owner = &roster[k];
                    ids.push(roster_domain::services::chats::lifecycle::create_department_chat(
                        tx,
                        &e,
                        &root,
                        owner,
                        &roster[k + 1..],
                    )?);
                }
                Ok(ids)
            })
            .await
            .unwrap();
        let (c, e) = (as_user(&p, p.admin.id), env_at(T0, 2));
        db.write(move |tx| dissolve::request(tx, &e, &c)).await.unwrap();
        let at = T0 + 72 * Timestamp::HOUR;
        let e = env_at(at, 2);
        assert!(db.write(move |tx| dissolve::take_effect(tx, &e, t)).await.unwrap());
        let mut batches = 0;
        loop {
            assert_whole(&db, t, &people, &chats).await;
            let e = env_at(at, 2);
            batches += 1;
            if db.write(move |tx| wipe::wipe_batch(tx, &e, t)).await.unwrap() {
                break;
            }
            assert!(batches < 100, "the purge ends");
        }
        assert_whole(&db, t, &people, &chats).await;
        assert!(batches >= 6, "batches of two: chats and users took several ({batches})");
        let (o, ot) = (other.admin.id, other.tenant.id);
        let (left_users, left_chats, d, kept) = db
            .read(move |tx| Ok((tx.tenant_users(t, 10)?, tx.tenant_chats(t, 10)?, tx.dissolution(t)?, tx.user(ot, o)?)))
            .await
            .unwrap();
        assert!(left_users.is_empty() && left_chats.is_empty());
        assert_eq!(d.map(|d| (d.state, d.step)), Some((DissolutionState::Done, DissolutionStep::Finished)));
        assert!(kept.is_some(), "another tenant is untouched");
        // Once finished, another run does nothing.
        let e = env_at(at, 2);
        assert!(db.write(move |tx| wipe::wipe_batch(tx, &e, t)).await.unwrap());
    }
}
