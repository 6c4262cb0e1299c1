//! A local event receiver for the tests: answers url_verification, decrypts and checks the
//! signature like the SDKs do, records every event, and answers events with a chosen status
//! after a chosen delay.

use aes::Aes256;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One event as it arrived.
#[derive(Debug, Clone)]
pub struct Got {
    pub headers: HeaderMap,
    pub raw: Vec<u8>,
    /// The schema 2.0 envelope, decrypted.
    pub event: Value,
}

impl Got {
    pub fn event_id(&self) -> String {
        self.event["header"]["event_id"].as_str().unwrap_or_default().to_owned()
    }
}

struct Shared {
    key: Option<String>,
    events: Mutex<Vec<Got>>,
    challenges: Mutex<Vec<Value>>,
    answer: Mutex<(u16, Duration)>,
}

#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    shared: Arc<Shared>,
    stop: Arc<Mutex<Option<tokio::sync::oneshot::Sender<()>>>>,
}

fn decrypt(key: &str, b64: &str) -> Vec<u8> {
    let raw = STANDARD.decode(b64).expect("base64");
    let digest = Sha256::digest(key.as_bytes());
    let d = cbc::Decryptor::<Aes256>::new_from_slices(&digest, &raw[..16]).expect("key and iv");
    d.decrypt_padded_vec::<Pkcs7>(&raw[16..]).expect("PKCS#7")
}

fn header(h: &HeaderMap, k: &str) -> String {
    h.get(k).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

async fn handle(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let outer: Value = serde_json::from_slice(&body).expect("the body is JSON");
    let plain: Value = match (outer.get("encrypt").and_then(Value::as_str), &s.key) {
        (Some(enc), Some(key)) => {
            let want = hex::encode(Sha256::digest(
                [
                    header(&headers, "x-lark-request-timestamp").as_bytes(),
                    header(&headers, "x-lark-request-nonce").as_bytes(),
                    key.as_bytes(),
                    &body,
                ]
                .concat(),
            ));
            assert_eq!(header(&headers, "x-lark-signature"), want, "signature");
            serde_json::from_slice(&decrypt(key, enc)).expect("decrypted JSON")
        }
        (Some(_), None) => panic!("an encrypted body for a receiver without a key"),
        (None, _) => outer,
    };
    if plain["type"] == "url_verification" {
        s.challenges.lock().unwrap().push(plain.clone());
        return axum::Json(serde_json::json!({"challenge": plain["challenge"]})).into_response();
    }
    s.events.lock().unwrap().push(Got { headers, raw: body.to_vec(), event: plain });
    let (status, delay) = *s.answer.lock().unwrap();
    tokio::time::sleep(delay).await;
    (StatusCode::from_u16(status).unwrap(), r#"{"msg":"success"}"#).into_response()
}

impl Receiver {
    /// Listens on 127.0.0.1; `key` is the Encrypt Key it expects (None: plain JSON).
    pub async fn start(key: Option<&str>) -> Receiver {
        let shared = Arc::new(Shared {
            key: key.map(str::to_owned),
            events: Mutex::default(),
            challenges: Mutex::default(),
            answer: Mutex::new((200, Duration::ZERO)),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/webhook/event", listener.local_addr().unwrap());
        let app = Router::new().route("/webhook/event", axum::routing::post(handle)).with_state(shared.clone());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Receiver { url, shared, stop: Arc::new(Mutex::new(Some(tx))) }
    }

    /// How events are answered from now on.
    pub fn answer(&self, status: u16, delay: Duration) {
        *self.shared.answer.lock().unwrap() = (status, delay);
    }

    pub fn events(&self) -> Vec<Got> {
        self.shared.events.lock().unwrap().clone()
    }

    pub fn challenges(&self) -> Vec<Value> {
        self.shared.challenges.lock().unwrap().clone()
    }

    /// Stops listening: from now on connections are refused.
    pub fn shut_down(&self) {
        if let Some(tx) = self.stop.lock().unwrap().take() {
            let _ = tx.send(());
        }
    }

    /// Waits (up to ten seconds) until `n` events have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Got> {
        for _ in 0..200 {
            let got = self.events();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {n} events, got {:?}", self.events().iter().map(|g| g.event.to_string()).collect::<Vec<_>>());
    }

    /// Asserts that no more than `n` events arrive within `within`.
    pub async fn stays_at(&self, n: usize, within: Duration) {
        tokio::time::sleep(within).await;
        assert_eq!(self.events().len(), n, "unexpected extra events");
    }
}
