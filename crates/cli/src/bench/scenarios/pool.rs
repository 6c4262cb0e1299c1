//! A pool of demo-tenant users made through the contact API, shared by the scenarios of one
//! bench run (the chat scenarios need tens of thousands). Users are made once, 64 calls at a time,
//! and kept by open_id.

use roster_client::{Client, Request};
use serde_json::json;
use tokio::sync::Mutex;

#[derive(Default)]
pub struct UserPool {
    open_ids: Mutex<Vec<String>>,
}

const PARALLEL: usize = 64;

impl UserPool {
    /// At least `n` users' open_ids (the first `n` of the pool), making the missing ones.
    pub async fn take(&self, base: &str, token: &str, n: usize) -> Result<Vec<String>, String> {
        let mut ids = self.open_ids.lock().await;
        if ids.len() < n {
            let (from, run) = (ids.len(), rand::random::<u32>() % 100_000);
            let mut tasks = Vec::with_capacity(PARALLEL);
            for lane in 0..PARALLEL {
                let (base, token) = (base.to_owned(), token.to_owned());
                tasks.push(tokio::spawn(async move {
                    let client = Client::new(base);
                    let mut made = Vec::new();
                    for i in (from + lane..n).step_by(PARALLEL) {
                        let body = json!({
                            "name": format!("Pool {i}"),
                            "user_id": format!("pool-{run}-{i}"),
                            "mobile": format!("+3{run:05}{i:07}"),
                            "department_ids": ["0"],
                            "employee_type": 1,
                        });
                        let req = Request::post("/open-apis/contact/v3/users").token(token.as_str()).json(body);
                        let r = client.send(req).await.and_then(|r| r.ok()).map_err(|e| e.to_string())?;
                        let id = r.data()["user"]["open_id"].as_str().ok_or("no open_id")?.to_owned();
                        made.push((i, id));
                    }
                    Ok::<_, String>(made)
                }));
            }
            let mut made = Vec::with_capacity(n - from);
            for t in tasks {
                made.extend(t.await.map_err(|e| e.to_string())??);
            }
            made.sort_unstable_by_key(|(i, _)| *i);
            ids.extend(made.into_iter().map(|(_, id)| id));
        }
        Ok(ids[..n].to_vec())
    }
}
