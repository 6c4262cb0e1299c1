//! Group chat stories on both stores, through the domain's own services: membership, paging,
//! join requests, collaborations; races for the last free places; and property tests of the
//! invariants (the owner is always a member, managers are members, no chat exceeds its cap, a
//! member appears at most once).

use proptest::prelude::*;
use proptest::test_runner::{Config as PropConfig, TestRunner};
use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::{ChatError, Error};
use roster_domain::ids::{ChatId, UserIdType};
use roster_domain::model::{App, ChatOwner, MembershipApproval, TokenKind, User};
use roster_domain::services::chats::candidates::SucceedType;
use roster_domain::services::chats::create::{self, CreateChat};
use roster_domain::services::chats::members::{self, MemberIdType};
use roster_domain::services::chats::{ChatFields, managers, requests, update};
use roster_domain::services::tenancy::{self, AdminSpec, TenantSpec};
use roster_domain::services::users::{self, IdTypes, UserFields};
use roster_domain::services::{Caller, Env};
use roster_domain::settings::{ChatSettings, Settings};
use roster_domain::store::Db;
use roster_store::testing::{self, TestDatabase};
use std::collections::HashSet;
use std::sync::Arc;

const CAP: i64 = 8;

fn env_with(cap: i64) -> Env {
    let settings =
        Settings { chats: ChatSettings { max_members: cap, ..ChatSettings::default() }, ..Settings::default() };
    Env { now: Timestamp(5_000_000), codec: Arc::new(IdCodec::new(b"chats")), settings: Arc::new(settings) }
}

async fn open(db: &TestDatabase) -> Db {
    roster_store::open(&db.url, &Default::default()).await.expect("open store")
}

/// A tenant with its app (as a bot caller), its admin and `n` more users.
struct Org {
    app: Arc<App>,
    admin: User,
    people: Vec<User>,
}

impl Org {
    fn bot(&self) -> Caller {
        Caller {
            app: self.app.clone(),
            tenant: self.app.tenant,
            user: None,
            token: TokenKind::Tenant,
            token_expires_at: Timestamp(i64::MAX),
        }
    }
    fn as_user(&self, u: &User) -> Caller {
        Caller { user: Some(u.id), token: TokenKind::User, ..self.bot() }
    }
    fn open_id(&self, env: &Env, u: &User) -> String {
        env.open_id(&self.app, u.id)
    }
}

async fn org(db: &Db, name: &str, n: usize) -> Org {
    let e = env_with(CAP);
    let spec = TenantSpec {
        name: name.into(),
        admin: AdminSpec { name: "Admin".into(), email: Some(format!("admin@{name}.test")), ..Default::default() },
        ..Default::default()
    };
    let p = db.write(move |tx| tenancy::provision_tenant(tx, &e, &spec)).await.expect("provision");
    let app = Arc::new(p.app);
    let bot = Caller {
        app: app.clone(),
        tenant: app.tenant,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: Timestamp(i64::MAX),
    };
    let mut people = Vec::new();
    for i in 0..n {
        let (c, e) = (bot.clone(), env_with(CAP));
        let f = UserFields {
            name: Some(format!("{name} person {i}")),
            mobile: Some(format!("+1555{:03}{i:04}", name.len())),
            department_ids: Some(vec!["0".into()]),
            employee_type: Some(1),
            ..Default::default()
        };
        let v = db.write(move |tx| users::create_user(tx, &e, &c, IdTypes::default(), &f, None)).await.expect("user");
        people.push(v.user);
    }
    Org { app, admin: p.admin, people }
}

async fn new_chat(db: &Db, env: &Env, caller: &Caller, owner: Option<String>, approval: bool) -> String {
    let input = CreateChat {
        fields: ChatFields {
            name: Some("Story".into()),
            owner_id: owner,
            membership_approval: approval.then_some(MembershipApproval::ApprovalRequired),
            ..Default::default()
        },
        ..Default::default()
    };
    let (c, e) = (caller.clone(), env.clone());
    let v = db.write(move |tx| create::create_chat(tx, &e, &c, &input)).await.expect("create chat");
    env.chat_id(v.chat.id)
}

fn chat_number(env: &Env, raw: &str) -> ChatId {
    roster_domain::services::chats::access::decode_chat_id(env, raw).expect("chat id")
}

/// Checks every invariant of one chat against what the store holds.
async fn check_invariants(db: &Db, id: ChatId, cap: i64) {
    let (chat, members, managers, bots) = db
        .read(move |tx| {
            let chat = tx.chat(id)?.expect("chat");
            let members = tx.member_page(id, -1, 10_000)?;
            let managers = tx.chat_managers(id)?;
            let bots = tx.chat_bots(id)?;
            Ok((chat, members, managers, bots))
        })
        .await
        .unwrap();
    let ids: Vec<_> = members.iter().map(|m| m.user).collect();
    let unique: HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "a member appears at most once: {ids:?}");
    assert_eq!(chat.user_count, ids.len() as i64, "the counter matches the rows");
    assert!(chat.user_count <= cap, "{} members exceed the cap {cap}", chat.user_count);
    assert_eq!(chat.bot_count, bots.len() as i64);
    if let ChatOwner::User(o) = chat.owner {
        assert!(ids.contains(&o), "the owner {o} is a member");
    }
    for m in managers {
        assert!(ids.contains(&m.user), "manager {} is a member", m.user);
    }
    let seqs: Vec<_> = members.iter().map(|m| m.seq).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "join order is strict");
}

#[tokio::test]
async fn membership_story() {
    for tdb in testing::all().await {
        eprintln!("story on {:?}", tdb.backend);
        let db = open(&tdb).await;
        let env = env_with(CAP);
        let o = org(&db, "story", 9).await;
        let owner = o.open_id(&env, &o.people[0]);
        let chat = new_chat(&db, &env, &o.bot(), Some(owner), false).await;
        let id = chat_number(&env, &chat);
        let add = |ids: Vec<String>, st: SucceedType| {
            let (c, e, chat, db) = (o.bot(), env.clone(), chat.clone(), db.clone());
            async move {
                db.write(move |tx| {
                    members::add_members(tx, &e, &c, &chat, MemberIdType::User(UserIdType::OpenId), st, &ids)
                })
                .await
            }
        };
        let ids: Vec<String> = o.people[1..4].iter().map(|u| o.open_id(&env, u)).collect();
        let out = add(ids.clone(), SucceedType::FailOnUnknown).await.unwrap();
        assert!(out.invalid.is_empty() && out.pending.is_empty());
        let again = add(ids, SucceedType::FailOnUnknown).await.unwrap();
        assert_eq!(again, members::AddOutcome::default(), "re-adding is idempotent");
        check_invariants(&db, id, CAP).await;

        let over: Vec<String> = o.people[4..9].iter().map(|u| o.open_id(&env, u)).collect();
        let full = add(over, SucceedType::FailOnUnknown).await.unwrap_err();
        assert_eq!(full, ChatError::ChatFull.into(), "4 + 5 > {CAP}: the whole call fails");
        check_invariants(&db, id, CAP).await;

        let (c, e, ch) = (o.bot(), env.clone(), chat.clone());
        let page = db.read(move |tx| members::list_members(tx, &e, &c, &ch, None, 2)).await.unwrap();
        assert_eq!((page.items.len(), page.member_total), (2, 4));
        let (c, e, ch, after) = (o.bot(), env.clone(), chat.clone(), page.next);
        let rest = db.read(move |tx| members::list_members(tx, &e, &c, &ch, after, 2)).await.unwrap();
        assert_eq!(rest.items.len(), 2);
        assert!(rest.next.is_none());

        let (c, e, ch, who) = (o.bot(), env.clone(), chat.clone(), vec![o.open_id(&env, &o.people[0])]);
        let r = db
            .write(move |tx| members::remove_members(tx, &e, &c, &ch, MemberIdType::User(UserIdType::OpenId), &who))
            .await;
        assert_eq!(r.unwrap_err(), ChatError::CannotRemoveOwner.into());

        let (c, e, ch) = (o.as_user(&o.people[2]), env.clone(), chat.clone());
        let me = vec![o.open_id(&env, &o.people[2])];
        db.write(move |tx| members::remove_members(tx, &e, &c, &ch, MemberIdType::User(UserIdType::OpenId), &me))
            .await
            .expect("anyone may leave");
        check_invariants(&db, id, CAP).await;

        let (c, e, ch) = (o.bot(), env.clone(), chat.clone());
        db.write(move |tx| update::dissolve_chat(tx, &e, &c, &ch)).await.expect("the creating bot dissolves");
        let (c, e, ch) = (o.bot(), env.clone(), chat.clone());
        let gone = db.read(move |tx| update::get_chat(tx, &e, &c, &ch)).await.unwrap_err();
        assert_eq!(gone, ChatError::Dissolved.into());
        let _ = &o.admin;

        // Every change wrote its event in the same transaction; refused calls wrote none.
        let events = db.read(|tx| tx.events_after(roster_domain::ids::EventSeq(0), 1000)).await.unwrap();
        let types: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).filter(|t| t.starts_with("im.")).collect();
        assert_eq!(
            types,
            [
                "im.chat.member.bot.added_v1",
                "im.chat.member.user.added_v1",
                "im.chat.member.user.deleted_v1",
                "im.chat.disbanded_v1"
            ],
            "creation (bot), one add (the idempotent re-add and the refused calls write nothing), one leave, dissolution"
        );
        let added: roster_domain::events::chats::MemberUsersAdded = serde_json::from_str(
            &events.iter().find(|e| e.event_type == "im.chat.member.user.added_v1").unwrap().payload,
        )
        .unwrap();
        assert_eq!(added.0.users.len(), 3);
        assert_eq!(added.0.chat.bots, vec![o.app.id], "the audience is the bots in the chat");
    }
}

#[tokio::test]
async fn approval_and_collaboration_story() {
    for tdb in testing::all().await {
        eprintln!("story on {:?}", tdb.backend);
        let db = open(&tdb).await;
        let env = env_with(50);
        let a = org(&db, "alpha", 3).await;
        let b = org(&db, "beta", 1).await;
        let chat = new_chat(&db, &env, &a.as_user(&a.people[0]), None, true).await;
        let member = a.people[1].clone();
        let (c, e, ch, ids) = (a.as_user(&a.people[0]), env.clone(), chat.clone(), vec![a.open_id(&env, &member)]);
        db.write(move |tx| {
            members::add_members(
                tx,
                &e,
                &c,
                &ch,
                MemberIdType::User(UserIdType::OpenId),
                SucceedType::FailOnUnknown,
                &ids,
            )
        })
        .await
        .expect("the owner adds directly");
        let (c, e, ch, ids) = (a.as_user(&member), env.clone(), chat.clone(), vec![a.open_id(&env, &a.people[2])]);
        let out = db
            .write(move |tx| {
                members::add_members(
                    tx,
                    &e,
                    &c,
                    &ch,
                    MemberIdType::User(UserIdType::OpenId),
                    SucceedType::FailOnUnknown,
                    &ids,
                )
            })
            .await
            .unwrap();
        assert_eq!(out.pending.len(), 1, "a member's addition waits for approval");
        let (c, e, ch) = (a.as_user(&a.people[0]), env.clone(), chat.clone());
        let page = db.read(move |tx| requests::list_requests(tx, &e, &c, &ch, None, None, 10)).await.unwrap();
        let rid = page.items[0].request.id;
        let (c, e, ch) = (a.as_user(&a.people[0]), env.clone(), chat.clone());
        db.write(move |tx| requests::approve(tx, &e, &c, &ch, rid)).await.expect("approve");
        check_invariants(&db, chat_number(&env, &chat), 50).await;

        // A user of beta cannot be named until the tenants collaborate, and never in an internal chat.
        let stranger = a.open_id(&env, &b.people[0]);
        let (c, e, ch, ids) = (a.as_user(&a.people[0]), env.clone(), chat.clone(), vec![stranger.clone()]);
        let r = db
            .write(move |tx| {
                members::add_members(
                    tx,
                    &e,
                    &c,
                    &ch,
                    MemberIdType::User(UserIdType::OpenId),
                    SucceedType::AddAvailable,
                    &ids,
                )
            })
            .await
            .unwrap();
        assert_eq!(r.not_existed, vec![stranger.clone()], "strangers never resolve");
        let (ak, bk) = (tenant_key(&db, &a).await, tenant_key(&db, &b).await);
        let e = env.clone();
        db.write(move |tx| roster_domain::services::chats::policy::establish_collaboration(tx, &e, &ak, &bk))
            .await
            .unwrap();
        let (c, e, ch, ids) = (a.as_user(&a.people[0]), env.clone(), chat.clone(), vec![stranger.clone()]);
        let r = db
            .write(move |tx| {
                members::add_members(
                    tx,
                    &e,
                    &c,
                    &ch,
                    MemberIdType::User(UserIdType::OpenId),
                    SucceedType::FailOnUnknown,
                    &ids,
                )
            })
            .await;
        assert!(matches!(r, Err(Error::Chat(ChatError::ExternalToInternal { .. }))), "{r:?}");

        // Managers: the owner appoints one; a non-owner may not.
        let (c, e, ch, ids) = (a.as_user(&a.people[0]), env.clone(), chat.clone(), vec![a.open_id(&env, &member)]);
        let m = db
            .write(move |tx| {
                managers::change_managers(tx, &e, &c, &ch, MemberIdType::User(UserIdType::OpenId), &ids, true)
            })
            .await
            .unwrap();
        assert_eq!(m.users.len(), 1);
        let (c, e, ch, ids) = (a.as_user(&member), env.clone(), chat.clone(), vec![a.open_id(&env, &member)]);
        let r = db
            .write(move |tx| {
                managers::change_managers(tx, &e, &c, &ch, MemberIdType::User(UserIdType::OpenId), &ids, false)
            })
            .await;
        assert_eq!(r.unwrap_err(), ChatError::NotOwner.into());
        check_invariants(&db, chat_number(&env, &chat), 50).await;
    }
}

async fn tenant_key(db: &Db, o: &Org) -> String {
    let t = o.app.tenant;
    db.read(move |tx| Ok(tx.tenant(t)?.expect("tenant").tenant_key)).await.unwrap()
}

/// Many clients race to add one user each to a chat with few free places: exactly the free
/// places are taken, everyone else is told the chat is full, nothing else fails.
#[tokio::test]
async fn racing_for_the_last_free_places() {
    for tdb in testing::all().await {
        eprintln!("race on {:?}", tdb.backend);
        let db = open(&tdb).await;
        let cap = 20;
        let env = env_with(cap);
        let o = org(&db, "race", 40).await;
        let chat = new_chat(&db, &env, &o.bot(), Some(o.open_id(&env, &o.people[0])), false).await;
        let first: Vec<String> = o.people[1..15].iter().map(|u| o.open_id(&env, u)).collect();
        let (c, e, ch) = (o.bot(), env.clone(), chat.clone());
        db.write(move |tx| {
            members::add_members(
                tx,
                &e,
                &c,
                &ch,
                MemberIdType::User(UserIdType::OpenId),
                SucceedType::FailOnUnknown,
                &first,
            )
        })
        .await
        .unwrap();
        // 15 members, 5 free places, 25 clients adding one each, while 3 members leave and rejoin.
        let mut tasks = Vec::new();
        for u in &o.people[15..40] {
            let (c, e, ch, db, ids) = (o.bot(), env.clone(), chat.clone(), db.clone(), vec![o.open_id(&env, u)]);
            tasks.push(tokio::spawn(async move {
                db.write(move |tx| {
                    members::add_members(
                        tx,
                        &e,
                        &c,
                        &ch,
                        MemberIdType::User(UserIdType::OpenId),
                        SucceedType::FailOnUnknown,
                        &ids,
                    )
                })
                .await
                .map(|_| ())
            }));
        }
        let (mut ok, mut full) = (0, 0);
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => ok += 1,
                Err(Error::Chat(ChatError::ChatFull)) => full += 1,
                Err(e) => panic!("no other failure is allowed: {e:?}"),
            }
        }
        assert_eq!((ok, full), (5, 20));
        check_invariants(&db, chat_number(&env, &chat), cap).await;
    }
}

/// Concurrent adds and removes below the cap all succeed.
#[tokio::test]
async fn concurrent_adds_and_removes_all_succeed() {
    for tdb in testing::all().await {
        let db = open(&tdb).await;
        let env = env_with(100);
        let o = org(&db, "mix", 30).await;
        let chat = new_chat(&db, &env, &o.bot(), Some(o.open_id(&env, &o.people[0])), false).await;
        let first: Vec<String> = o.people[1..15].iter().map(|u| o.open_id(&env, u)).collect();
        let (c, e, ch) = (o.bot(), env.clone(), chat.clone());
        db.write(move |tx| {
            members::add_members(
                tx,
                &e,
                &c,
                &ch,
                MemberIdType::User(UserIdType::OpenId),
                SucceedType::FailOnUnknown,
                &first,
            )
        })
        .await
        .unwrap();
        let mut tasks = Vec::new();
        for (i, u) in o.people[1..30].iter().enumerate() {
            let (c, e, ch, db, ids) = (o.bot(), env.clone(), chat.clone(), db.clone(), vec![o.open_id(&env, u)]);
            let remove = i < 14;
            tasks.push(tokio::spawn(async move {
                db.write(move |tx| {
                    let t = MemberIdType::User(UserIdType::OpenId);
                    if remove {
                        members::remove_members(tx, &e, &c, &ch, t, &ids).map(|_| ())
                    } else {
                        members::add_members(tx, &e, &c, &ch, t, SucceedType::FailOnUnknown, &ids).map(|_| ())
                    }
                })
                .await
            }));
        }
        for t in tasks {
            t.await.unwrap().expect("every concurrent add and remove succeeds");
        }
        let id = chat_number(&env, &chat);
        check_invariants(&db, id, 100).await;
        let count = db.read(move |tx| Ok(tx.chat(id)?.expect("chat").user_count)).await.unwrap();
        assert_eq!(count, 16, "the owner plus the 15 added; the 14 removed are gone");
    }
}

#[derive(Debug, Clone)]
enum Op {
    Add { by: usize, users: Vec<usize>, st: i64 },
    Remove { by: usize, users: Vec<usize> },
    Transfer { to: usize },
    Manager { who: usize, appoint: bool },
    Approval(bool),
    ApproveFirst,
}

fn op() -> impl Strategy<Value = Op> {
    let person = 0usize..10;
    prop_oneof![
        4 => (0usize..11, proptest::collection::vec(person.clone(), 1..6), 0i64..3)
            .prop_map(|(by, users, st)| Op::Add { by, users, st }),
        3 => (0usize..11, proptest::collection::vec(person.clone(), 1..4)).prop_map(|(by, users)| Op::Remove { by, users }),
        1 => person.clone().prop_map(|to| Op::Transfer { to }),
        2 => (person, any::<bool>()).prop_map(|(who, appoint)| Op::Manager { who, appoint }),
        1 => any::<bool>().prop_map(Op::Approval),
        1 => Just(Op::ApproveFirst),
    ]
}

/// Runs `op` and ignores refusals: the invariants must hold whatever the outcome.
async fn apply(db: &Db, env: &Env, o: &Org, chat: &str, op: Op) {
    let caller = |by: usize| if by == 10 { o.bot() } else { o.as_user(&o.people[by]) };
    let ids = |v: &[usize]| v.iter().map(|i| o.open_id(env, &o.people[*i])).collect::<Vec<_>>();
    let t = MemberIdType::User(UserIdType::OpenId);
    let (e, ch) = (env.clone(), chat.to_owned());
    let _ = match op {
        Op::Add { by, users, st } => {
            let (c, ids, st) = (caller(by), ids(&users), SucceedType::from_code(st).expect("0-2"));
            db.write(move |tx| members::add_members(tx, &e, &c, &ch, t, st, &ids).map(|_| ())).await
        }
        Op::Remove { by, users } => {
            let (c, ids) = (caller(by), ids(&users));
            db.write(move |tx| members::remove_members(tx, &e, &c, &ch, t, &ids).map(|_| ())).await
        }
        Op::Transfer { to } => {
            let (c, f) = (o.bot(), ChatFields { owner_id: Some(o.open_id(env, &o.people[to])), ..Default::default() });
            db.write(move |tx| update::update_chat(tx, &e, &c, &ch, UserIdType::OpenId, &f)).await
        }
        Op::Manager { who, appoint } => {
            let ids = ids(&[who]);
            let owner = db.read({
                let id = chat_number(env, chat);
                move |tx| Ok(tx.chat(id)?.expect("chat").owner)
            });
            let c = match owner.await.unwrap() {
                ChatOwner::User(u) => o.as_user(o.people.iter().find(|p| p.id == u).expect("owner is a person")),
                ChatOwner::Bot(_) => o.bot(),
            };
            db.write(move |tx| managers::change_managers(tx, &e, &c, &ch, t, &ids, appoint).map(|_| ())).await
        }
        Op::Approval(on) => {
            let approval =
                if on { MembershipApproval::ApprovalRequired } else { MembershipApproval::NoApprovalRequired };
            let (c, f) = (o.bot(), ChatFields { membership_approval: Some(approval), ..Default::default() });
            db.write(move |tx| update::update_chat(tx, &e, &c, &ch, UserIdType::OpenId, &f)).await
        }
        Op::ApproveFirst => {
            let c = o.bot();
            db.write(move |tx| {
                let page = requests::list_requests(
                    tx,
                    &e,
                    &c,
                    &ch,
                    Some(roster_domain::model::JoinRequestStatus::Pending),
                    None,
                    1,
                )?;
                match page.items.first() {
                    Some(r) => requests::approve(tx, &e, &c, &ch, r.request.id).map(|_| ()),
                    None => Ok(()),
                }
            })
            .await
        }
    };
}

#[test]
fn invariants_hold_under_random_operations() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    for tdb in rt.block_on(testing::all()) {
        eprintln!("properties on {:?}", tdb.backend);
        let db = rt.block_on(open(&tdb));
        let env = env_with(CAP);
        let o = rt.block_on(org(&db, "prop", 10));
        let mut runner = TestRunner::new(PropConfig { cases: 24, failure_persistence: None, ..PropConfig::default() });
        runner
            .run(&proptest::collection::vec(op(), 1..25), |ops| {
                rt.block_on(async {
                    let chat = new_chat(&db, &env, &o.bot(), Some(o.open_id(&env, &o.people[0])), false).await;
                    let id = chat_number(&env, &chat);
                    for op in ops {
                        apply(&db, &env, &o, &chat, op).await;
                        check_invariants(&db, id, CAP).await;
                    }
                });
                Ok(())
            })
            .expect("the invariants hold");
    }
}
