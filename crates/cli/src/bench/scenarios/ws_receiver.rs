//! A long-connection receiver for the bench: it connects as the SDKs' `lark.ws.Client` does
//! (`POST /callback/ws/endpoint`, then the WebSocket), counts event frames and acks each with
//! code 200, writing the acks of frames that arrived together with one flush.

use super::Ctx;
use futures_util::{SinkExt, StreamExt};
use roster_client::Request;
use roster_server::longconn_frame::{Frame, METHOD_DATA};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::mpsc;
use tokio::task::AbortHandle;
use tokio_tungstenite::tungstenite::Message;

/// A connected receiver: its event count, and its tasks (aborting them closes the connection).
pub struct Receiver {
    pub delivered: Arc<AtomicU64>,
    tasks: [AbortHandle; 2],
}

impl Receiver {
    /// Closes the connection, so later scenarios' events go to their webhooks again.
    pub fn close(&self) {
        self.tasks.iter().for_each(AbortHandle::abort);
    }
}

/// Opens a long connection for the app with these credentials, on the receivers' runtime.
pub async fn connect(ctx: &Ctx, app_id: &str, app_secret: &str) -> Result<Receiver, String> {
    let credentials = json!({"AppID": app_id, "AppSecret": app_secret});
    let r = ctx.must(Request::post("/callback/ws/endpoint").anonymous().json(credentials)).await?;
    let url = r.data()["URL"].as_str().ok_or("the endpoint gave no URL")?.to_owned();
    ctx.on_receivers(receive(url)).await
}

/// Connects to `url`, then counts and acks event frames until aborted.
async fn receive(url: String) -> Result<Receiver, String> {
    let (socket, _) = tokio_tungstenite::connect_async(url).await.map_err(|e| format!("long connection: {e}"))?;
    let (mut sink, mut stream) = socket.split();
    let (acks, mut pending) = mpsc::unbounded_channel::<Vec<u8>>();
    let writer = tokio::spawn(async move {
        while let Some(first) = pending.recv().await {
            let mut next = Some(first);
            while let Some(ack) = next.take() {
                if sink.feed(Message::Binary(ack.into())).await.is_err() {
                    return;
                }
                next = pending.try_recv().ok();
            }
            if sink.flush().await.is_err() {
                return;
            }
        }
    });
    let delivered = Arc::new(AtomicU64::new(0));
    let count = delivered.clone();
    let reader = tokio::spawn(async move {
        while let Some(Ok(msg)) = stream.next().await {
            let Message::Binary(bytes) = msg else { continue };
            // Like the webhook receiver, it does not parse the event: it shares the cores.
            let Some(frame) = Frame::decode_bytes(&bytes) else { continue };
            if frame.method != METHOD_DATA || frame.header("type") != Some("event") {
                continue;
            }
            count.fetch_add(1, Ordering::Relaxed);
            if acks.send(frame.into_ack(200).encode_to_bytes()).is_err() {
                break;
            }
        }
    });
    Ok(Receiver { delivered, tasks: [writer.abort_handle(), reader.abort_handle()] })
}
