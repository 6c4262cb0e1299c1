//! Meeting stories on both stores (SQLite always, PostgreSQL when `ROSTER_TEST_PG_URL` is set),
//! driven through the domain's own use-cases: reserve round trips, a meeting's life with its
//! events, one meeting in progress per reserve, and a cap that concurrent joins cannot overrun.

use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::MeetingError;
use roster_domain::ids::{EventSeq, MeetingId, ReserveId, UserId, UserIdType};
use roster_domain::model::{ParticipantStatus, Party, TokenKind};
use roster_domain::services::meetings::controls::{self, Authority, Presence};
use roster_domain::services::meetings::live::{self, ListByNo};
use roster_domain::services::meetings::reserves::{self, ReserveInput, SettingsInput};
use roster_domain::services::meetings::{PartyRef, rules::InviteFailure};
use roster_domain::services::tenancy::{self, AdminSpec, TenantSpec};
use roster_domain::services::users::{self, IdTypes, UserFields};
use roster_domain::services::{Caller, Env};
use roster_domain::settings::Settings;
use roster_domain::store::Db;
use roster_store::testing;
use std::sync::Arc;

const NOW: i64 = 1_700_000_000_000;

fn env_with(now: i64, cap: i64) -> Env {
    let mut settings = Settings::default();
    settings.meetings.max_participants = cap;
    Env { now: Timestamp(now), codec: Arc::new(IdCodec::new(b"meetings")), settings: Arc::new(settings) }
}

fn env(now: i64) -> Env {
    env_with(now, 300)
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

/// A tenant with `n` users; returns the app's tenant caller and the users' ids.
async fn tenant_with_users(db: &Db, name: &str, n: usize) -> (Caller, Vec<UserId>) {
    let e = env(NOW);
    let spec = TenantSpec {
        name: name.into(),
        admin: AdminSpec { name: "Admin".into(), email: Some(format!("admin@{name}.test")), ..Default::default() },
        ..Default::default()
    };
    let p = db.write(move |tx| tenancy::provision_tenant(tx, &e, &spec)).await.expect("provision");
    let caller = Caller {
        app: Arc::new(p.app),
        tenant: p.tenant.id,
        user: None,
        token: TokenKind::Tenant,
        token_expires_at: Timestamp(i64::MAX),
    };
    let mut ids = Vec::new();
    for i in 0..n {
        let (c, e) = (caller.clone(), env(NOW));
        let fields = UserFields {
            name: Some(format!("Person {i}")),
            mobile: Some(format!("+1555{:07}", i)),
            user_id: Some(format!("p{i}")),
            department_ids: Some(vec!["0".into()]),
            employee_type: Some(1),
            ..Default::default()
        };
        let v = db.write(move |tx| users::create_user(tx, &e, &c, IdTypes::default(), &fields, None)).await.unwrap();
        ids.push(v.user.id);
    }
    (caller, ids)
}

fn as_user(c: &Caller, u: UserId) -> Caller {
    Caller { user: Some(u), token: TokenKind::User, ..c.clone() }
}

fn who(user_id: &str) -> PartyRef {
    PartyRef { id: Some(user_id.into()), user_type: None }
}

async fn reserve(db: &Db, c: &Caller, topic: &str) -> ReserveId {
    let (c, input) = (
        c.clone(),
        ReserveInput {
            end_time: Some(NOW / 1000 + 3600),
            owner_id: Some("p0".into()),
            settings: Some(SettingsInput { topic: Some(topic.into()), ..Default::default() }),
        },
    );
    let e = env(NOW);
    db.write(move |tx| reserves::apply(tx, &e, &c, UserIdType::UserId, &input)).await.expect("apply").reserve.id
}

async fn presence(db: &Db, e: Env, c: &Caller, id: i64, user: &str, p: Presence) -> roster_domain::Result<MeetingId> {
    let (c, who) = (c.clone(), who(user));
    db.write(move |tx| controls::set_presence(tx, &e, &c, Authority::Emulator, id, UserIdType::UserId, &who, p))
        .await
        .map(|v| v.meeting.id)
}

#[tokio::test]
async fn reserves_round_trip_and_delete() {
    each_backend(|db| async move {
        let (c, _) = tenant_with_users(&db, "rsv", 1).await;
        let id = reserve(&db, &c, "Planning").await;
        let (c2, e) = (c.clone(), env(NOW));
        let got = db.read(move |tx| reserves::get(tx, &e, &c2, UserIdType::UserId, id)).await.unwrap();
        assert_eq!(got.reserve.settings.topic, "Planning");
        assert_eq!(got.reserve.meeting_no.len(), 9);
        assert_eq!(got.names.user(got.reserve.owner), Some("p0"));
        let c3 = c.clone();
        db.write(move |tx| reserves::delete(tx, &c3, id)).await.unwrap();
        let (c4, e) = (c.clone(), env(NOW));
        let gone = db.read(move |tx| reserves::get(tx, &e, &c4, UserIdType::UserId, id)).await;
        assert_eq!(gone.unwrap_err(), MeetingError::ReserveNotFound.into());
    })
    .await;
}

#[tokio::test]
async fn a_meeting_lives_from_first_join_to_end_with_its_events() {
    each_backend(|db| async move {
        let (c, users) = tenant_with_users(&db, "life", 4).await;
        let rid = reserve(&db, &c, "Standup").await;
        let mid = presence(&db, env(NOW + 1000), &c, rid.0, "p0", Presence::Join).await.unwrap();
        // Joining the reserve again lands in the same meeting.
        let again = presence(&db, env(NOW + 2000), &c, rid.0, "p1", Presence::Join).await.unwrap();
        assert_eq!(mid, again);
        let (host, e) = (as_user(&c, users[0]), env(NOW + 3000));
        let invited = db
            .write(move |tx| live::invite(tx, &e, &host, UserIdType::UserId, mid, &[who("p2"), who("p1")]))
            .await
            .unwrap();
        assert_eq!(invited[0].outcome, Ok(()));
        assert_eq!(invited[1].outcome, Err(InviteFailure::AlreadyInMeeting));
        let (c2, e) = (c.clone(), env(NOW + 4000));
        db.write(move |tx| live::kickout(tx, &e, &c2, UserIdType::UserId, mid, &[who("p1")])).await.unwrap();
        let (host, e) = (as_user(&c, users[0]), env(NOW + 5000));
        db.write(move |tx| live::end(tx, &e, &host, mid)).await.unwrap();
        let (c3, e) = (c.clone(), env(NOW + 6000));
        let v = db.read(move |tx| live::get(tx, &e, &c3, UserIdType::UserId, mid, true)).await.unwrap();
        assert_eq!(v.meeting.status.code(), 3);
        assert_eq!(v.meeting.end_time, Some(Timestamp(NOW + 5000)));
        assert_eq!(v.meeting.peak_count, 2);
        assert_eq!(v.ever_joined, 2);
        let parts = v.participants.unwrap();
        let p0 = parts.iter().find(|p| p.party == Party::User(users[0])).unwrap();
        assert_eq!((p0.status, p0.in_meeting_ms), (ParticipantStatus::Left, 4000));
        let p2 = parts.iter().find(|p| p.party == Party::User(users[2])).unwrap();
        assert_eq!((p2.status, p2.first_join), (ParticipantStatus::Calling, None));
        let types: Vec<String> = db
            .read(|tx| tx.events_after(EventSeq(0), 100))
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event_type)
            .filter(|t| t.starts_with("vc."))
            .collect();
        assert_eq!(
            types,
            [
                "vc.meeting.meeting_started_v1",
                "vc.meeting.join_meeting_v1",
                "vc.meeting.join_meeting_v1",
                "vc.meeting.leave_meeting_v1",
                "vc.meeting.leave_meeting_v1",
                "vc.meeting.meeting_ended_v1",
            ]
        );
        // A new join starts a new meeting under the same reserve and number.
        let next = presence(&db, env(NOW + 7000), &c, rid.0, "p3", Presence::Join).await.unwrap();
        assert_ne!(next, mid);
        let (c4, e) = (c.clone(), env(NOW + 8000));
        let no = v.meeting.meeting_no.clone();
        let page = db
            .read(move |tx| {
                let q = ListByNo {
                    meeting_no: Some(no.clone()),
                    start_time: Some(NOW / 1000 - 10),
                    end_time: Some(NOW / 1000 + 100),
                    page_size: Some(1),
                    page_token: None,
                };
                let first = live::list_by_no(tx, &e, &c4, &q)?;
                let second =
                    live::list_by_no(tx, &e, &c4, &ListByNo { page_token: first.next_page_token.clone(), ..q })?;
                Ok((first, second))
            })
            .await
            .unwrap();
        assert_eq!(page.0.meetings.iter().map(|m| m.id).collect::<Vec<_>>(), [mid]);
        assert_eq!(page.1.meetings.iter().map(|m| m.id).collect::<Vec<_>>(), [next]);
        assert!(page.1.next_page_token.is_none());
    })
    .await;
}

#[tokio::test]
async fn busy_marks_and_other_meetings_make_callees_busy() {
    each_backend(|db| async move {
        let (c, users) = tenant_with_users(&db, "busy", 3).await;
        let a = reserve(&db, &c, "A").await;
        let b = reserve(&db, &c, "B").await;
        let ma = presence(&db, env(NOW), &c, a.0, "p0", Presence::Join).await.unwrap();
        presence(&db, env(NOW), &c, b.0, "p1", Presence::Join).await.unwrap();
        // p1 is in meeting B: busy for A, and cannot join A while there.
        let (host, e) = (as_user(&c, users[0]), env(NOW));
        let r = db.write(move |tx| live::invite(tx, &e, &host, UserIdType::UserId, ma, &[who("p1")])).await;
        assert_eq!(r.unwrap_err(), MeetingError::CalleeBusy.into());
        let r = presence(&db, env(NOW), &c, ma.0, "p1", Presence::Join).await;
        assert_eq!(r.unwrap_err(), MeetingError::ParticipantStatus.into());
        // p2 marked busy, then free again.
        let (c2, e) = (c.clone(), env(NOW));
        db.write(move |tx| controls::set_busy(tx, &e, &c2, Authority::Emulator, UserIdType::UserId, "p2", true))
            .await
            .unwrap();
        let (host, e) = (as_user(&c, users[0]), env(NOW));
        let r = db.write(move |tx| live::invite(tx, &e, &host, UserIdType::UserId, ma, &[who("p2")])).await;
        assert_eq!(r.unwrap_err(), MeetingError::CalleeBusy.into());
        let (c2, e) = (c.clone(), env(NOW));
        db.write(move |tx| controls::set_busy(tx, &e, &c2, Authority::Emulator, UserIdType::UserId, "p2", false))
            .await
            .unwrap();
        let (host, e) = (as_user(&c, users[0]), env(NOW));
        let r = db.write(move |tx| live::invite(tx, &e, &host, UserIdType::UserId, ma, &[who("p2")])).await.unwrap();
        assert_eq!(r[0].outcome, Ok(()));
    })
    .await;
}

#[tokio::test]
async fn concurrent_joins_never_pass_the_cap_and_start_one_meeting() {
    each_backend(|db| async move {
        let (c, _) = tenant_with_users(&db, "cap", 10).await;
        let rid = reserve(&db, &c, "Crowd").await;
        let mut tasks = Vec::new();
        for i in 0..10 {
            let (db, c) = (db.clone(), c.clone());
            tasks.push(tokio::spawn(async move {
                presence(&db, env_with(NOW, 4), &c, rid.0, &format!("p{i}"), Presence::Join).await
            }));
        }
        let mut meetings = Vec::new();
        let mut full = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(m) => meetings.push(m),
                Err(e) => {
                    assert_eq!(e, MeetingError::Full.into());
                    full += 1;
                }
            }
        }
        meetings.sort();
        meetings.dedup();
        assert_eq!((meetings.len(), full), (1, 6), "one meeting, four joined, six refused");
        let mid = meetings[0];
        let n = db.read(move |tx| tx.count_in_meeting(mid)).await.unwrap();
        assert_eq!(n, 4);
    })
    .await;
}

#[tokio::test]
async fn concurrent_invites_never_unseat_anyone_in_the_meeting() {
    each_backend(|db| async move {
        let (c, users) = tenant_with_users(&db, "calls", 6).await;
        let rid = reserve(&db, &c, "Calls").await;
        let mid = presence(&db, env(NOW), &c, rid.0, "p0", Presence::Join).await.unwrap();
        presence(&db, env(NOW), &c, mid.0, "p1", Presence::Join).await.unwrap();
        // Calling someone already in the meeting leaves their row alone.
        let p1 = Party::User(users[1]);
        let (tenant, party) = (c.tenant, p1.clone());
        db.write(move |tx| tx.call_parties(tenant, mid, std::slice::from_ref(&party))).await.unwrap();
        let row = db.read(move |tx| tx.participant(mid, &p1)).await.unwrap().unwrap();
        assert_eq!(row.status, ParticipantStatus::InMeeting);
        // Invitations in opposite orders, at once: all succeed.
        let mut tasks = Vec::new();
        for i in 0..20 {
            let (db, host) = (db.clone(), as_user(&c, users[0]));
            let mut ids = vec![who("p2"), who("p3"), who("p4"), who("p5")];
            if i % 2 == 1 {
                ids.reverse();
            }
            tasks.push(tokio::spawn(async move {
                let e = env(NOW);
                db.write(move |tx| live::invite(tx, &e, &host, UserIdType::UserId, mid, &ids)).await
            }));
        }
        for t in tasks {
            let results = t.await.unwrap().unwrap();
            assert!(results.iter().all(|r| r.outcome.is_ok()));
        }
        let n = db.read(move |tx| tx.count_in_meeting(mid)).await.unwrap();
        assert_eq!(n, 2);
    })
    .await;
}
