//! The account lifecycle from the outside: `roster admin org …` against a live Roster, and a
//! dissolution that survives a crash. The crash test runs the real binary over a data dir, makes
//! an organization with hundreds of users and chats, lets its dissolution take effect, SIGKILLs
//! Roster in the middle of the purge, shows that nothing is half-deleted at the moment of the
//! kill, restarts it, and shows the purge completes by itself.

use roster_client::{Client, Request};
use roster_server::Config;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A `--demo` Roster on 127.0.0.1:0 in this process; its URL, a stopper and its data dir.
async fn start_in_process() -> (String, tokio::sync::oneshot::Sender<()>, tempfile::TempDir) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let dir = tempfile::tempdir().expect("tempdir");
    let config =
        Config { listen: addr.to_string(), data_dir: dir.path().to_path_buf(), demo: true, ..Config::default() };
    let roster = roster_server::build(config, addr).await.expect("build");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(roster_server::run(roster, listener, async {
        let _ = stopped.await;
    }));
    (format!("http://{addr}"), stop, dir)
}

/// Runs `roster admin <args> --token <token>` and returns its output.
async fn admin(url: &str, token: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roster"));
    cmd.arg("admin").args(args).arg("--url").arg(url).arg("--token").arg(token);
    for var in ["ROSTER_TOKEN", "ROSTER_APP_ID", "ROSTER_APP_SECRET", "ROSTER_URL"] {
        cmd.env_remove(var);
    }
    tokio::task::spawn_blocking(move || cmd.output().expect("run roster")).await.expect("join")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_creator_dissolves_and_cancels_through_the_cli() {
    let (url, _stop, _dir) = start_in_process().await;
    let anon = Client::new(&url);
    let acme = anon.create_tenant("Acme").await.unwrap();
    let creator = anon.user_access_token(&acme.app_id, &acme.admin.user_id, "user_id").await.unwrap();
    let app = Client::new(&url).with_app(&acme.app_id, &acme.app_secret);
    let body = json!({"name": "Worker", "user_id": "worker", "mobile": "+15559990001", "department_ids": ["0"], "employee_type": 1});
    let r = app
        .send(Request::post("/open-apis/contact/v3/users").query("user_id_type", "user_id").json(body))
        .await
        .unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    let worker = anon.user_access_token(&acme.app_id, "worker", "user_id").await.unwrap();

    let out = admin(&url, &worker, &["org", "dissolve"]).await;
    assert!(!out.status.success() && text(&out).contains("1902005"), "{}", text(&out));
    let out = admin(&url, &creator, &["org", "dissolve"]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("dissolution scheduled") && text(&out).contains("takes effect at"), "{}", text(&out));
    let out = admin(&url, &worker, &["org", "dissolution", "--json"]).await;
    let data: Value = serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    assert_eq!(
        (data["tenant"]["status"].as_str(), data["dissolution"]["state"].as_str()),
        (Some("dissolving"), Some("scheduled"))
    );
    let out = admin(&url, &creator, &["org", "cancel-dissolution"]).await;
    assert!(out.status.success() && text(&out).contains("dissolution cancelled"), "{}", text(&out));

    // A departed member's record, for an admin.
    let path = "/open-apis/contact/v3/users/worker";
    let r = app.send(Request::new(hyper::Method::DELETE, path).query("user_id_type", "user_id")).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);
    let out = admin(&url, &creator, &["org", "departure", "worker"]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("worker: offboard (departed)") && text(&out).contains("restorable until"),
        "{}",
        text(&out)
    );
}

/// `roster serve --demo` as a child process over `dir`, with `config`; its URL.
fn spawn_roster(dir: &Path, config: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_roster"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--no-rate-limits", "--log", "warn"])
        .arg("--data-dir")
        .arg(dir)
        .arg("--config")
        .arg(config)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start roster");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let line = lines.next().expect("roster printed its URL before exiting").expect("a line");
        if let Some((_, url)) = line.split_once("listening on ") {
            break url.trim().to_owned();
        }
    };
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, url)
}

fn sqlite(dir: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(dir.join("roster.db")).expect("open the database");
    c.busy_timeout(Duration::from_secs(10)).expect("busy timeout");
    c
}

fn count(c: &rusqlite::Connection, sql: &str, tenant: i64) -> i64 {
    c.query_row(sql, [tenant], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn ids(c: &rusqlite::Connection, sql: &str, tenant: i64) -> HashSet<i64> {
    let mut st = c.prepare(sql).expect("prepare");
    st.query_map([tenant], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect()
}

/// Nothing of the tenant is half-deleted: every user is either there with all its rows or gone
/// with all of them, and likewise every chat; tokens are revoked from the moment it took effect.
fn assert_whole(c: &rusqlite::Connection, tenant: i64, users: &HashSet<i64>, chats: &HashSet<i64>) -> (usize, usize) {
    // One read transaction: a consistent snapshot while Roster may be purging beside us.
    let snapshot = c.unchecked_transaction().expect("begin");
    let c: &rusqlite::Connection = &snapshot;
    let live_users = ids(c, "SELECT id FROM users WHERE tenant_id = ?1", tenant);
    let live_chats = ids(c, "SELECT id FROM chats WHERE tenant_id = ?1", tenant);
    for u in users {
        let rows = |table: &str| -> i64 {
            c.query_row(&format!("SELECT COUNT(*) FROM {table} WHERE user_id = ?1"), [u], |r| r.get(0)).unwrap()
        };
        if live_users.contains(u) {
            assert!(rows("user_departments") > 0, "user {u} is there without its department");
        } else {
            for table in ["user_departments", "access_tokens", "chat_members", "departures", "meeting_busy_users"] {
                assert_eq!(rows(table), 0, "user {u} is gone but left rows in {table}");
            }
        }
    }
    for ch in chats {
        let members: i64 =
            c.query_row("SELECT COUNT(*) FROM chat_members WHERE chat_id = ?1", [ch], |r| r.get(0)).unwrap();
        if live_chats.contains(ch) {
            let counted: i64 = c.query_row("SELECT user_count FROM chats WHERE id = ?1", [ch], |r| r.get(0)).unwrap();
            assert_eq!(members, counted, "chat {ch} is there with a member count that does not match its members");
        } else {
            assert_eq!(members, 0, "chat {ch} is gone but left members");
        }
    }
    let unrevoked = count(c, "SELECT COUNT(*) FROM access_tokens WHERE tenant_id = ?1 AND revoked = 0", tenant);
    assert_eq!(unrevoked, 0, "every token stopped when the dissolution took effect");
    (live_users.len(), live_chats.len())
}

async fn create_users(app: &Client, n: usize) -> Vec<String> {
    let mut made = Vec::with_capacity(n);
    for i in 0..n {
        let body = json!({
            "name": format!("Member {i}"), "user_id": format!("m{i}"), "mobile": format!("+1888{i:07}"),
            "department_ids": ["0"], "employee_type": 1,
        });
        let r =
            app.send(Request::post("/open-apis/contact/v3/users").query("user_id_type", "user_id").json(body)).await;
        let r = r.expect("create");
        assert_eq!(r.code(), 0, "{}", r.body);
        made.push(r.data()["user"]["user_id"].as_str().unwrap().to_owned());
    }
    made
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dissolution_killed_midway_resumes_and_leaves_nothing_half_deleted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("roster.toml");
    // One user or chat per transaction, so the purge takes hundreds of commits to kill among.
    std::fs::write(&config, "[lifecycle]\nbatch_size = 1\n").expect("config");
    let (mut child, url) = spawn_roster(dir.path(), &config);
    let anon = Client::new(&url);
    let big = anon.create_tenant("Big").await.unwrap();
    let app = Client::new(&url).with_app(&big.app_id, &big.app_secret);
    let members = create_users(&app, 600).await;
    for (i, group) in members.chunks(40).enumerate() {
        for k in 0..4 {
            let list: Vec<&String> = group.iter().skip(k * 10).take(30).collect();
            let body = json!({"name": format!("Room {i}-{k}"), "owner_id": list[0], "user_id_list": list});
            let r = app
                .send(Request::post("/open-apis/im/v1/chats").query("user_id_type", "user_id").json(body))
                .await
                .unwrap();
            assert_eq!(r.code(), 0, "{}", r.body);
        }
    }
    let creator = anon.user_access_token(&big.app_id, &big.admin.user_id, "user_id").await.unwrap();
    let r = anon.send(Request::post("/open-apis/roster/v1/org/dissolution").token(&creator)).await.unwrap();
    assert_eq!(r.code(), 0, "{}", r.body);

    let db = sqlite(dir.path());
    let tenant: i64 =
        db.query_row("SELECT id FROM tenants WHERE tenant_key = ?1", [&big.tenant_key], |r| r.get(0)).unwrap();
    let users = ids(&db, "SELECT id FROM users WHERE tenant_id = ?1", tenant);
    let chats = ids(&db, "SELECT id FROM chats WHERE tenant_id = ?1", tenant);
    assert_eq!((users.len(), chats.len()), (601, 60));
    let demo_users = count(&db, "SELECT COUNT(*) FROM users WHERE tenant_id <> ?1", tenant);

    // 72 hours later the dissolution takes effect; the purge runs inside that request.
    let advancing = tokio::spawn({
        let anon = Client::new(&url);
        async move { anon.advance_clock(72 * 3600).await }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = count(&db, "SELECT COUNT(*) FROM users WHERE tenant_id = ?1", tenant);
        if left < users.len() as i64 - 20 {
            break;
        }
        assert!(Instant::now() < deadline, "the purge never got under way");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    let _ = advancing.await;

    let (users_left, chats_left) = assert_whole(&db, tenant, &users, &chats);
    assert!(users_left > 0, "killed before the purge finished (batch size 1): {users_left} users left");
    assert_eq!(chats_left, 0, "chats go before users");
    let state: String =
        db.query_row("SELECT state FROM dissolutions WHERE tenant_id = ?1", [tenant], |r| r.get(0)).unwrap();
    assert_eq!(state, "purging");

    // Restarted, Roster resumes the purge on its own and finishes it.
    let (mut child, _url) = spawn_roster(dir.path(), &config);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let state: String =
            db.query_row("SELECT state FROM dissolutions WHERE tenant_id = ?1", [tenant], |r| r.get(0)).unwrap();
        if state == "done" {
            break;
        }
        assert_whole(&db, tenant, &users, &chats);
        assert!(Instant::now() < deadline, "the purge did not finish after the restart");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().expect("stop");
    child.wait().expect("reap");
    assert_eq!(assert_whole(&db, tenant, &users, &chats), (0, 0));
    for table in ["departments", "user_departments", "org_invitations", "org_seats", "access_tokens", "org_audit"] {
        assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM {table} WHERE tenant_id = ?1"), tenant), 0, "{table}");
    }
    let members_left: i64 =
        db.query_row("SELECT COUNT(*) FROM chat_members WHERE user_tenant_id = ?1", [tenant], |r| r.get(0)).unwrap();
    assert_eq!(members_left, 0);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM users WHERE tenant_id <> ?1", tenant),
        demo_users,
        "other tenants untouched"
    );
}
