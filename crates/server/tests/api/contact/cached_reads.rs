//! `GET …/users/:user_id` keeps its rendered replies until the store's contact generation
//! moves on: whatever changes the reply (the user, another user it names, a department, a
//! fixture written into the server's store) must show in the next read, and reads racing writes
//! never go back to an older version.

use super::*;
use crate::harness::served_store;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

fn user_of(r: &ApiResponse) -> Value {
    assert_eq!(r.code(), 0, "{}", r.body);
    r.data()["user"].clone()
}

#[tokio::test]
async fn every_change_a_reply_depends_on_shows_in_the_next_read() {
    on_each_backend_with_url(|app, url| async move {
        department(&app.client, "crew", "0").await;
        user_in(&app.client, "lead", &["crew"], json!({})).await;
        user_in(&app.client, "member", &["crew"], json!({"leader_user_id": "lead"})).await;
        for _ in 0..2 {
            let u = user_of(&get_user(&app, "member").await);
            assert_eq!((u["department_ids"].clone(), u["leader_user_id"].clone()), (json!(["crew"]), json!("lead")));
        }

        // Only the department's row changes.
        let r = app
            .call(
                Request::new(reqwest::Method::PATCH, "/open-apis/contact/v3/departments/crew/update_department_id")
                    .query("department_id_type", "department_id")
                    .json(json!({"new_department_id": "crew2"})),
            )
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(user_of(&get_user(&app, "member").await)["department_ids"], json!(["crew2"]));

        // Only the leader's row changes.
        let r = app
            .call(
                Request::new(reqwest::Method::PATCH, &format!("{USERS}/lead/update_user_id"))
                    .query("user_id_type", "user_id")
                    .json(json!({"new_user_id": "lead2"})),
            )
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        assert_eq!(user_of(&get_user(&app, "member").await)["leader_user_id"], "lead2");

        // A fixture written through the server's own store handle.
        served_store(&url)
            .write(|tx| {
                let t = tx.tenant_by_key(roster_domain::services::demo::TENANT_KEY)?.expect("demo tenant");
                let mut u = tx.user_by_user_id(t.id, "member")?.expect("member");
                u.status.is_frozen = true;
                tx.update_user(&u)
            })
            .await
            .expect("freeze in the store");
        assert_eq!(user_of(&get_user(&app, "member").await)["status"]["is_frozen"], true);

        // The user itself is deleted.
        let r = app
            .call(Request::new(reqwest::Method::DELETE, &format!("{USERS}/member")).query("user_id_type", "user_id"))
            .await;
        assert_eq!(r.code(), 0, "{}", r.body);
        let after = get_user(&app, "member").await;
        assert!(
            after.code() != 0 || after.data()["user"]["status"]["is_resigned"] == true,
            "a deleted user is not read as before: {}",
            after.body
        );
    })
    .await;
}

/// The number in a name `Racer N`.
fn version(r: &ApiResponse) -> u64 {
    let name = user_of(r)["name"].as_str().unwrap_or_default().to_owned();
    name.trim_start_matches("Racer ").parse().unwrap_or_else(|_| panic!("unexpected name {name:?}"))
}

#[tokio::test]
async fn reads_racing_writes_never_go_back() {
    on_each_backend(|app| async move {
        app.anon().set_rate_limits(false).await.expect("rate limits off");
        user_in(&app.client, "racer", &["0"], json!({"name": "Racer 0"})).await;
        let app = Arc::new(app);
        let done = Arc::new(AtomicBool::new(false));
        let readers: Vec<_> = (0..4)
            .map(|_| {
                let (app, done) = (app.clone(), done.clone());
                tokio::spawn(async move {
                    let (mut last, mut reads) = (0, 0);
                    while !done.load(Ordering::Relaxed) {
                        let seen = version(&get_user(&app, "racer").await);
                        assert!(seen >= last, "a read went back from version {last} to {seen}");
                        (last, reads) = (seen, reads + 1);
                    }
                    reads
                })
            })
            .collect();
        for v in 1..=40u64 {
            let r = patch(&app.client, "racer", json!({"name": format!("Racer {v}")})).await;
            assert_eq!(r.code(), 0, "{}", r.body);
            assert_eq!(version(&get_user(&app, "racer").await), v, "the read after a write shows it");
        }
        done.store(true, Ordering::Relaxed);
        for r in readers {
            assert!(r.await.expect("reader") > 0);
        }
    })
    .await;
}
