//! The long connection the SDKs' `lark.ws.Client` and `lark.WSClient` use instead of a webhook:
//! `POST /callback/ws/endpoint` trades the app's credentials for a one-time WebSocket URL, and
//! the socket then carries pbbp2 frames: the client's pings (answered with pongs that carry its
//! configuration), events pushed by the dispatcher, and the client's acks.

pub mod frame;
mod hub;

pub use hub::{Hub, PushError};

use crate::http::reply::RawJson;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use frame::{Frame, METHOD_CONTROL, METHOD_DATA};
use futures_util::SinkExt;
use roster_domain::services::tenancy::random_hex;
use roster_proto::events::{WsAck, WsClientConfig, WsEndpoint, WsEndpointRequest, WsEndpointResponse};
use std::collections::HashMap;

/// The long connection's own codes (lark_oapi/ws/const.py).
const OK: i64 = 0;
const FORBIDDEN: i64 = 403;
const AUTH_FAILED: i64 = 514;
const NO_CREDENTIAL: i64 = 1000040344;

pub fn routes() -> Router<AppState> {
    Router::new().route("/callback/ws/endpoint", post(endpoint)).route("/callback/ws/connect", get(connect))
}

fn client_config(state: &AppState) -> WsClientConfig {
    let s = &state.settings.events;
    WsClientConfig {
        reconnect_count: -1,
        reconnect_interval: s.ws_reconnect_interval_secs,
        reconnect_nonce: s.ws_reconnect_nonce_secs,
        ping_interval: s.ws_ping_interval_secs,
    }
}

fn refuse(code: i64, msg: &str) -> RawJson<WsEndpointResponse> {
    RawJson(WsEndpointResponse { code, msg: msg.to_owned(), data: None }, code)
}

/// `POST /callback/ws/endpoint` `{AppID, AppSecret}`: answers HTTP 200 with `{code,msg,data}`
/// as Lark does; the URL it returns is good for one connection within five minutes.
async fn endpoint(State(state): State<AppState>, body: axum::body::Bytes) -> RawJson<WsEndpointResponse> {
    let Ok(req) = serde_json::from_slice::<WsEndpointRequest>(&body) else {
        return refuse(NO_CREDENTIAL, "body must be JSON {AppID, AppSecret}");
    };
    let (Some(app_id), Some(secret)) = (req.app_id.filter(|s| !s.is_empty()), req.app_secret.filter(|s| !s.is_empty()))
    else {
        return refuse(NO_CREDENTIAL, "AppID and AppSecret are required");
    };
    let app = match state.db.read(move |tx| tx.app_by_app_id(&app_id)).await {
        Ok(Some(app)) => app,
        Ok(None) => return refuse(AUTH_FAILED, "auth failed: unknown app"),
        Err(e) => {
            tracing::error!("long connection endpoint: {e}");
            return refuse(1, "system busy");
        }
    };
    if app.app_secret != secret {
        return refuse(AUTH_FAILED, "auth failed: wrong app secret");
    }
    if !app.enabled {
        return refuse(FORBIDDEN, "the app is disabled");
    }
    let ticket = random_hex(16);
    state.events.hub.issue_ticket(app.id, ticket.clone());
    let base = state.public_url.replacen("https://", "wss://", 1).replacen("http://", "ws://", 1);
    let url = format!(
        "{base}/callback/ws/connect?fpid=1&device_id={}&service_id={}&ticket={ticket}",
        random_hex(8),
        app.id.0
    );
    let data = WsEndpoint { url, client_config: client_config(&state) };
    RawJson(WsEndpointResponse { code: OK, msg: "ok".into(), data: Some(data) }, OK)
}

fn handshake_refusal(status: i64, msg: &str) -> Response {
    let mut resp = (StatusCode::FORBIDDEN, msg.to_owned()).into_response();
    let h = resp.headers_mut();
    h.insert("handshake-status", HeaderValue::from(status));
    h.insert("handshake-msg", HeaderValue::from_str(msg).unwrap_or(HeaderValue::from_static("refused")));
    h.insert("handshake-autherrcode", HeaderValue::from(status));
    resp
}

/// `GET /callback/ws/connect?…&ticket=…`: the WebSocket itself.
async fn connect(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
    ws: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    let _ = headers;
    let Some(app) = q.get("ticket").and_then(|t| state.events.hub.redeem(t)) else {
        return handshake_refusal(FORBIDDEN, "invalid or expired ticket; ask /callback/ws/endpoint again");
    };
    let service: i32 = q.get("service_id").and_then(|s| s.parse().ok()).unwrap_or(0);
    match ws {
        // The connection's task runs with the rest of delivery, on the background runtime.
        Ok(ws) => ws.on_upgrade(move |socket| async move {
            let _ = state.events.background.clone().spawn(serve_socket(state, socket, app, service)).await;
        }),
        Err(e) => e.into_response(),
    }
}

/// The most event frames written with one flush.
const FRAMES_PER_FLUSH: usize = 64;

/// Writes `first` and whatever else is already queued for this connection (up to
/// [`FRAMES_PER_FLUSH`]), then flushes once: under load many events share one write to the socket.
async fn send_events(
    socket: &mut WebSocket,
    reg: &mut hub::Registration,
    service: i32,
    seq: &mut u64,
    first: hub::Outgoing,
) -> Result<(), axum::Error> {
    let mut next = Some(first);
    let mut written = 0;
    while let Some(out) = next.take() {
        *seq += 1;
        let f = Frame::event(service, *seq, &out.event_id, out.payload).encode_to_bytes();
        socket.feed(Message::Binary(f.into())).await?;
        written += 1;
        if written < FRAMES_PER_FLUSH {
            next = reg.rx.try_recv().ok();
        }
    }
    socket.flush().await
}

async fn serve_socket(state: AppState, mut socket: WebSocket, app: roster_domain::ids::AppId, service: i32) {
    let mut reg = state.events.hub.register(app);
    let mut stop = state.events.stopping();
    let mut seq: u64 = 0;
    state.events.wake();
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let bytes = match incoming {
                    Some(Ok(Message::Binary(b))) => b,
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => continue,
                };
                let Some(frame) = Frame::decode_bytes(&bytes) else { continue };
                match frame.method {
                    METHOD_CONTROL if frame.header("type") == Some("ping") => {
                        let config = serde_json::to_vec(&client_config(&state)).unwrap_or_default();
                        let pong = Frame::pong(frame.service, config).encode_to_bytes();
                        if socket.send(Message::Binary(pong.into())).await.is_err() {
                            break;
                        }
                    }
                    METHOD_DATA => {
                        let code = frame
                            .payload
                            .as_deref()
                            .and_then(|p| serde_json::from_slice::<WsAck>(p).ok())
                            .map_or(0, |a| a.code);
                        if let Some(id) = frame.header("message_id") {
                            state.events.hub.ack(reg.id, id, code);
                        }
                    }
                    _ => {}
                }
            }
            out = reg.rx.recv() => {
                let Some(out) = out else { break };
                if send_events(&mut socket, &mut reg, service, &mut seq, out).await.is_err() {
                    break;
                }
            }
            _ = stop.changed() => {
                let _ = socket.send(Message::Close(None)).await;
                break;
            }
        }
    }
}
