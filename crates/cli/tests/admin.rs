//! `roster admin …` against a live Roster: the real binary, over HTTP, as the demo app and as
//! members with user tokens.

use roster_client::{Client, Request};
use roster_server::Config;
use serde_json::{Value, json};
use std::process::Output;

/// A `--demo` Roster on 127.0.0.1:0 over a fresh SQLite file; returns its URL and a stopper.
async fn start() -> (String, tokio::sync::oneshot::Sender<()>, tempfile::TempDir) {
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

/// Runs `roster admin <args>` with `auth` (extra args) and returns its output.
async fn roster(url: &str, auth: &[&str], args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_roster"));
    cmd.arg("admin").args(args).arg("--url").arg(url).args(auth);
    for var in ["ROSTER_TOKEN", "ROSTER_APP_ID", "ROSTER_APP_SECRET", "ROSTER_URL"] {
        cmd.env_remove(var);
    }
    tokio::task::spawn_blocking(move || cmd.output().expect("run roster")).await.expect("join")
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_of(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).expect("--json prints JSON")
}

const APP: [&str; 4] = ["--app-id", "cli_a1b2c3d4e5f60718", "--app-secret", "roster-demo-app-secret"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_cli_runs_an_organization_over_http() {
    let (url, _stop, _dir) = start().await;
    let anon = Client::new(&url);
    let admin_token = anon.user_access_token("cli_a1b2c3d4e5f60718", "admin", "user_id").await.unwrap();
    let admin = ["--token", admin_token.as_str()];

    // members add (business email, as the primary admin), then list and remind.
    let out = stdout(
        &roster(
            &url,
            &admin,
            &["members", "add", "--name", "Ada Lovelace", "--department", "engineering", "--login-email", "business"],
        )
        .await,
    );
    assert!(out.contains("business email: ada.lovelace@demo.roster.local"), "{out}");
    assert!(out.contains("password:"), "{out}");
    let added = json_of(
        &roster(
            &url,
            &APP,
            &[
                "members",
                "add",
                "--json",
                "--name",
                "Grace",
                "--department",
                "sales",
                "--login-email",
                "work",
                "--work-email",
                "grace@x.example",
            ],
        )
        .await,
    );
    let grace = added["member"]["user_id"].as_str().unwrap().to_owned();
    let list = stdout(&roster(&url, &APP, &["members", "list"]).await);
    assert!(list.lines().next().unwrap().starts_with("USER_ID"), "{list}");
    assert!(list.lines().any(|l| l.starts_with(&grace) && l.contains("invited")), "{list}");
    let out = stdout(&roster(&url, &APP, &["members", "remind", &grace]).await);
    assert!(out.contains("grace@x.example"), "{out}");

    // invites create (approval), list, qr, and a redemption that files a request.
    let inv = json_of(
        &roster(&url, &admin, &["invites", "create", "--json", "--expiry", "30d", "--approval", "--max-uses", "3"])
            .await,
    );
    let (id, code) =
        (inv["invitation"]["invitation_id"].as_str().unwrap(), inv["invitation"]["code"].as_str().unwrap());
    let list = stdout(&roster(&url, &APP, &["invites", "list", "--active"]).await);
    assert!(list.contains(code) && list.contains("Ada Admin (admin) [user]"), "{list}");
    let png = _dir.path().join("invite.png");
    stdout(&roster(&url, &APP, &["invites", "qr", id, "--format", "png", "--output", png.to_str().unwrap()]).await);
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"), "a PNG");
    let svg = stdout(&roster(&url, &APP, &["invites", "qr", id]).await);
    assert!(svg.contains("<svg"));
    let body = json!({"name": "Newt", "email": "newt@x.example", "password": "a good password", "via": "qr"});
    anon.send(Request::post(&format!("/open-apis/roster/v1/invitations/{code}/redeem")).json(body))
        .await
        .unwrap()
        .ok()
        .unwrap();

    // requests list, approve; reject of a decided request fails with the server's message.
    let reqs = json_of(&roster(&url, &APP, &["requests", "list", "--json", "--status", "pending"]).await);
    let req = reqs["items"][0]["request_id"].as_str().unwrap().to_owned();
    let table = stdout(&roster(&url, &APP, &["requests", "list"]).await);
    assert!(table.contains("newt@x.example") && table.contains("pending") && table.contains("qr"), "{table}");
    let out = stdout(&roster(&url, &admin, &["requests", "approve", &req]).await);
    assert!(out.contains("approved") && out.contains("Newt"), "{out}");
    let failed = roster(&url, &APP, &["requests", "reject", &req]).await;
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("code 1901018"), "{failed:?}");

    // audit: who added Grace, and who let Newt in.
    let out = stdout(&roster(&url, &APP, &["audit", "--member", &grace]).await);
    assert!(out.contains(&format!("{grace} was added by Roster Demo app (cli_a1b2c3d4e5f60718) [app]")), "{out}");
    let approvals = json_of(&roster(&url, &APP, &["audit", "--json", "--action", "approve"]).await);
    let newt = approvals["items"][0]["member"]["id"].as_str().unwrap().to_owned();
    let out = stdout(&roster(&url, &APP, &["audit", "--member", &newt]).await);
    assert!(out.contains("when Ada Admin (admin) [user] approved their request"), "{out}");
    assert!(out.contains("via qr"), "{out}");
    let all = stdout(&roster(&url, &APP, &["audit", "--page-size", "3"]).await);
    assert!(all.contains("more: --page-token"), "{all}");

    // revoke; and a member without the invitation setting is refused with a clear message.
    let out = stdout(&roster(&url, &APP, &["invites", "revoke", id]).await);
    assert!(out.contains(&format!("revoked invitation {id}")), "{out}");
    let alice = anon.user_access_token("cli_a1b2c3d4e5f60718", "alice", "user_id").await.unwrap();
    let refused = roster(&url, &["--token", &alice], &["invites", "create"]).await;
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("allow members to invite"), "{refused:?}");
    let unauth = roster(&url, &[], &["members", "list"]).await;
    assert!(String::from_utf8_lossy(&unauth.stderr).contains("--token"), "{unauth:?}");
}
