//! Posting to an app's event URL: events, and the url_verification challenge. Bodies are encrypted
//! and signed when the app has an Encrypt Key; success is HTTP 200 within the timeout.

use super::crypto;
use roster_domain::model::App;
use roster_proto::events::{ChallengeAnswer, UrlVerification};
use std::time::{Duration, Instant};

/// What one POST got.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent {
    pub ok: bool,
    pub status: Option<u16>,
    /// `http 200`, `timeout after 3000 ms`, `connection failed: …`.
    pub result: String,
    pub duration_ms: i64,
    pub body: Vec<u8>,
}

/// The bytes an app receives for `plaintext`, with the signature headers when it has a key.
fn sealed(app: &App, plaintext: &str) -> (Vec<u8>, Vec<(&'static str, String)>) {
    if app.encrypt_key.is_empty() {
        return (plaintext.as_bytes().to_vec(), Vec::new());
    }
    let body = crypto::encrypt_body(&app.encrypt_key, plaintext.as_bytes()).into_bytes();
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .to_string();
    let nonce = crypto::nonce();
    let signature = crypto::signature(&timestamp, &nonce, &app.encrypt_key, &body);
    let headers =
        vec![("X-Lark-Request-Timestamp", timestamp), ("X-Lark-Request-Nonce", nonce), ("X-Lark-Signature", signature)];
    (body, headers)
}

/// POSTs `plaintext` (a schema 2.0 envelope or a challenge) to `url` as `app` receives it.
pub async fn post(http: &reqwest::Client, app: &App, url: &str, plaintext: &str, timeout: Duration) -> Sent {
    let (body, headers) = sealed(app, plaintext);
    let mut req = http
        .post(url)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "Roster-Event-Dispatcher/1.0");
    for (k, v) in headers {
        req = req.header(k, v);
    }
    let started = Instant::now();
    let outcome = async {
        let resp = req.body(body).send().await?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await?;
        Ok::<_, reqwest::Error>((status, bytes.to_vec()))
    };
    let result = tokio::time::timeout(timeout, outcome).await;
    let duration_ms = started.elapsed().as_millis() as i64;
    match result {
        Ok(Ok((status, body))) => {
            Sent { ok: status == 200, status: Some(status), result: format!("http {status}"), duration_ms, body }
        }
        Ok(Err(e)) if e.is_timeout() => timed_out(timeout, duration_ms),
        Ok(Err(e)) => Sent { ok: false, status: None, result: describe(&e), duration_ms, body: Vec::new() },
        Err(_) => timed_out(timeout, duration_ms),
    }
}

fn timed_out(timeout: Duration, duration_ms: i64) -> Sent {
    Sent {
        ok: false,
        status: None,
        result: format!("timeout after {} ms", timeout.as_millis()),
        duration_ms,
        body: vec![],
    }
}

/// A short, stable description of a transport failure.
fn describe(e: &reqwest::Error) -> String {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    let mut last = e.to_string();
    while let Some(s) = source {
        last = s.to_string();
        source = s.source();
    }
    if e.is_connect() { format!("connection failed: {last}") } else { format!("request failed: {last}") }
}

/// Sends the url_verification challenge; `Ok` when the app echoed it.
pub async fn verify(
    http: &reqwest::Client,
    app: &App,
    url: &str,
    challenge: &str,
    timeout: Duration,
) -> Result<(), String> {
    let body = UrlVerification {
        challenge: challenge.to_owned(),
        token: app.verification_token.clone(),
        kind: "url_verification".into(),
    };
    let plaintext = serde_json::to_string(&body).map_err(|e| e.to_string())?;
    let sent = post(http, app, url, &plaintext, timeout).await;
    if !sent.ok {
        return Err(format!("challenge not answered: {}", sent.result));
    }
    match serde_json::from_slice::<ChallengeAnswer>(&sent.body) {
        Ok(a) if a.challenge == challenge => Ok(()),
        _ => Err("challenge not echoed: the answer must be {\"challenge\":\"<the challenge>\"}".into()),
    }
}
