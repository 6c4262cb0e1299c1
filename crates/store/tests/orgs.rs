//! Organization membership stories on both stores, driven through the domain's services: a link
//! that joins at once, a personal invitation refused when the plan is full, a code expiring on
//! the injected clock, a request approved onto a chosen plan, and the first sign-in.

use roster_domain::clock::Timestamp;
use roster_domain::codec::IdCodec;
use roster_domain::error::{Error, OrgError};
use roster_domain::model::{NotificationStatus, RequestStatus, SeatHolder, TokenKind};
use roster_domain::password;
use roster_domain::services::orgs::invitations::{self, Expiry, InviteSpec, PersonalInvite};
use roster_domain::services::orgs::members::MemberStatus;
use roster_domain::services::orgs::redeem::{self, Redeemed, Redeemer};
use roster_domain::services::orgs::seats::SeatChoice;
use roster_domain::services::orgs::{admin, audit, requests};
use roster_domain::services::tenancy::{self, AdminSpec, TenantSpec};
use roster_domain::services::{Caller, Env, accounts};
use roster_domain::settings::Settings;
use roster_domain::store::Db;
use roster_store::testing;
use std::sync::Arc;

fn env(now_secs: i64) -> Env {
    Env {
        now: Timestamp::from_secs(now_secs),
        codec: Arc::new(IdCodec::new(b"orgs")),
        settings: Arc::new(Settings::default()),
    }
}

async fn tenant(db: &Db) -> Caller {
    let e = env(1_000);
    let spec = TenantSpec {
        name: "Acme".into(),
        admin: AdminSpec { name: "Boss".into(), email: Some("boss@acme.test".into()), ..Default::default() },
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

fn redeemer(email: &str) -> Redeemer {
    Redeemer {
        name: Some(email.split('@').next().unwrap_or("x").into()),
        email: Some(email.into()),
        password: Some("correct horse".into()),
        password_hash: Some(password::hash("correct horse")),
        ..Default::default()
    }
}

#[tokio::test]
async fn invitations_seats_and_approvals() {
    for tdb in testing::all().await {
        eprintln!("story on {:?}", tdb.backend);
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let c = tenant(&db).await;

        // A plan with one free seat (the admin holds none: plans came after them).
        let cc = c.clone();
        let plan = db.write(move |tx| admin::create_plan(tx, &env(1_000), &cc, "Pro", 1)).await.unwrap();
        assert_eq!(plan.taken, 0);

        // A link that joins at once takes the seat; the next redeemer finds the plan full.
        let cc = c.clone();
        let link =
            db.write(move |tx| invitations::create_link(tx, &env(1_000), &cc, &InviteSpec::default())).await.unwrap();
        let code = link.code.clone();
        let joined = db.write(move |tx| redeem::redeem(tx, &env(1_001), &code, &redeemer("ann@x.test"))).await.unwrap();
        let Redeemed::Joined(ann) = joined else { panic!("{joined:?}") };
        assert_eq!(MemberStatus::of(&ann.status), MemberStatus::Inactive);
        let code = link.code.clone();
        let full = db.write(move |tx| redeem::redeem(tx, &env(1_002), &code, &redeemer("bo@x.test"))).await;
        assert!(matches!(full, Err(Error::Org(OrgError::PlanFull { .. }))), "{full:?}");
        let code = link.code.clone();
        let again = db.write(move |tx| redeem::redeem(tx, &env(1_002), &code, &redeemer("ann@x.test"))).await;
        assert_eq!(again, Err(OrgError::AlreadyMember.into()));

        // A personal invitation while full is refused, and the outbox says why.
        let cc = c.clone();
        let refused = db
            .write(move |tx| {
                invitations::invite_person(tx, &env(1_003), &cc, &InviteSpec::default(), "cy@x.test", None, "http://r")
            })
            .await
            .unwrap();
        assert!(matches!(refused, PersonalInvite::Refused(OrgError::PlanFull { .. })), "{refused:?}");
        let t = c.tenant;
        let outbox = db.read(move |tx| tx.notifications(t, None, 10)).await.unwrap();
        assert_eq!(outbox[0].status, NotificationStatus::Refused);
        assert!(outbox[0].reason.as_deref().unwrap().contains("seats of the plan \"Pro\""), "{:?}", outbox[0]);

        // More seats; an approval link with a 7-day code expires on the clock.
        let (cc, pid) = (c.clone(), plan.plan.id);
        db.write(move |tx| admin::set_plan_seats(tx, &env(1_004), &cc, pid, 3)).await.unwrap();
        let cc = c.clone();
        let spec = InviteSpec { require_approval: Some(true), expiry: Expiry::Days(7), ..InviteSpec::default() };
        let gated = db.write(move |tx| invitations::create_link(tx, &env(1_005), &cc, &spec)).await.unwrap();
        let code = gated.code.clone();
        let late = 1_005 + 7 * 86_400;
        let expired = db.write(move |tx| redeem::redeem(tx, &env(late), &code, &redeemer("dee@x.test"))).await;
        assert_eq!(expired, Err(OrgError::InvitationExpired.into()));
        let code = gated.code.clone();
        let pending =
            db.write(move |tx| redeem::redeem(tx, &env(late - 1), &code, &redeemer("dee@x.test"))).await.unwrap();
        let Redeemed::Pending(req) = pending else { panic!("{pending:?}") };
        let (t, rid) = (c.tenant, req.id);
        let held = db.read(move |tx| tx.live_seat_of(t, SeatHolder::Request(rid), Timestamp(0))).await.unwrap();
        assert!(held.is_some(), "a pending request holds a seat");
        let (cc, pid) = (c.clone(), plan.plan.id);
        let usage = db.read(move |tx| admin::usage(tx, &env(late), &cc, pid)).await.unwrap();
        assert_eq!(usage.taken, 2, "ann's seat and the request's reservation");

        // Approval onto the plan: the reservation becomes dee's seat.
        let cc = c.clone();
        let (decided, dee) =
            db.write(move |tx| requests::approve(tx, &env(late), &cc, rid, SeatChoice::Plan(pid))).await.unwrap();
        assert_eq!(decided.status, RequestStatus::Approved);
        let (cc, pid) = (c.clone(), plan.plan.id);
        assert_eq!(db.read(move |tx| admin::usage(tx, &env(late), &cc, pid)).await.unwrap().taken, 2);
        let cc = c.clone();
        let again = db.write(move |tx| requests::approve(tx, &env(late), &cc, rid, SeatChoice::Auto)).await;
        assert_eq!(again, Err(OrgError::RequestDecided.into()));

        // Who added dee: the app created the link, and approved.
        let (cc, uid) = (c.clone(), dee.id);
        let origin = db.read(move |tx| audit::origin(tx, &cc, uid)).await.unwrap();
        assert_eq!(origin.how, Some(roster_domain::model::AuditAction::Approve));
        assert_eq!(origin.approved_by, Some(roster_domain::model::Actor::App(c.app.id)));

        // The first sign-in makes dee Active.
        let active = db
            .write(move |tx| {
                let account = accounts::verify_password(tx, "dee@x.test", "correct horse")?;
                let user = accounts::usable_users(tx, &account)?.into_iter().next().expect("member");
                accounts::mark_signed_in(tx, &env(late), &user)
            })
            .await
            .unwrap();
        assert_eq!(MemberStatus::of(&active.status), MemberStatus::Active);

        // Member lists read a page's seats at once: the same seats as one by one.
        let (t, ids) = (c.tenant, vec![ann.id, dee.id, roster_domain::ids::UserId(i64::MAX)]);
        let (batched, single) = db
            .read(move |tx| {
                let batched = tx.live_seats_of_users(t, &ids, Timestamp::from_secs(late))?;
                let mut single = Vec::new();
                for id in &ids {
                    single.extend(tx.live_seat_of(t, SeatHolder::User(*id), Timestamp::from_secs(late))?);
                }
                Ok((batched, single))
            })
            .await
            .unwrap();
        assert!(!single.is_empty(), "ann holds a seat");
        let mut batched = batched;
        batched.sort_by_key(|s| s.id);
        let mut single = single;
        single.sort_by_key(|s| s.id);
        assert_eq!(batched, single);
    }
}

#[tokio::test]
async fn frozen_and_current_members_cannot_be_invited_again() {
    for tdb in testing::all().await {
        eprintln!("story on {:?}", tdb.backend);
        let db = roster_store::open(&tdb.url, &Default::default()).await.expect("open");
        let c = tenant(&db).await;
        let invite = |c: Caller, to: &'static str| {
            move |tx: &mut dyn roster_domain::store::Tx| {
                invitations::invite_person(tx, &env(1_000), &c, &InviteSpec::default(), to, None, "http://r")
            }
        };
        assert_eq!(db.write(invite(c.clone(), "boss@acme.test")).await, Err(OrgError::AlreadyMember.into()));
        let t = c.tenant;
        db.write(move |tx| {
            let creator = tx.tenant(t)?.and_then(|t| t.creator).expect("creator");
            let mut boss = tx.user(t, creator)?.expect("boss");
            boss.status.is_frozen = true;
            tx.update_user(&boss)
        })
        .await
        .unwrap();
        assert_eq!(db.write(invite(c.clone(), "boss@acme.test")).await, Err(OrgError::AccountInactive.into()));
        let sent = db.write(invite(c.clone(), "new@acme.test")).await.unwrap();
        let PersonalInvite::Sent(inv) = sent else { panic!("{sent:?}") };
        let t = c.tenant;
        let queued = db.read(move |tx| tx.queued_notifications(10)).await.unwrap();
        assert!(queued.iter().any(|n| n.tenant == t && n.address == "new@acme.test" && n.body.contains(&inv.code)));
    }
}
