//! The long connection under a burst: many events pushed while earlier ones wait for their acks
//! (frames share writes to the socket), each delivered once, acked, and logged as delivered.

use super::{CREATED, create_user, subscribe};
use crate::harness::*;
use futures_util::{SinkExt, StreamExt};
use roster_client::Request;
use roster_server::longconn_frame::{Frame, METHOD_DATA};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

const BURST: usize = 60;

#[tokio::test]
async fn a_burst_over_the_long_connection_is_delivered_once_each_and_logged() {
    on_each_backend(|app| async move {
        // The burst is faster than Lark's 50 calls a second.
        app.anon().set_rate_limits(false).await.unwrap();
        // No URL: the app's events go over its long connection.
        subscribe(&app.anon(), &app.demo.app_id, "", &[CREATED], None).await;
        let http = reqwest::Client::new();
        let credentials = json!({"AppID": app.demo.app_id, "AppSecret": app.demo.app_secret});
        let endpoint: Value = http
            .post(format!("{}/callback/ws/endpoint", app.base))
            .json(&credentials)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let url = endpoint["data"]["URL"].as_str().expect("a URL").to_owned();
        let (mut socket, _) = tokio_tungstenite::connect_async(url).await.expect("the socket opens");

        let client = &app.client;
        let creates = futures_util::future::join_all(
            (0..BURST)
                .map(|i| async move { create_user(client, &format!("Burst {i}"), &format!("+1555440{i:04}")).await }),
        );
        let receive = async {
            let mut names = HashSet::new();
            let mut event_ids = HashSet::new();
            while names.len() < BURST {
                let msg =
                    tokio::time::timeout(Duration::from_secs(20), socket.next()).await.expect("events keep coming");
                let Some(Ok(Message::Binary(bytes))) = msg else { continue };
                let frame = Frame::decode_bytes(&bytes).expect("a pbbp2 frame");
                if frame.method != METHOD_DATA {
                    continue;
                }
                let event: Value = serde_json::from_slice(frame.payload.as_deref().unwrap()).unwrap();
                assert_eq!(event["header"]["event_type"], CREATED);
                assert_eq!(frame.header("message_id"), event["header"]["event_id"].as_str());
                let fresh = event_ids.insert(event["header"]["event_id"].as_str().unwrap().to_owned());
                assert!(fresh, "one frame per event");
                names.insert(event["event"]["object"]["name"].as_str().unwrap().to_owned());
                socket.send(Message::Binary(frame.into_ack(200).encode_to_bytes().into())).await.unwrap();
            }
            names
        };
        let (_, names) = tokio::join!(creates, receive);
        assert_eq!(names.len(), BURST);

        // Every delivery is written down as delivered over the long connection, once.
        let mut delivered = 0;
        for _ in 0..100 {
            let log = app.call(Request::get("/open-apis/roster/v1/events/deliveries").query("page_size", 100)).await;
            let items = log.data()["items"].as_array().cloned().unwrap_or_default();
            delivered = items.iter().filter(|i| i["status"] == "delivered" && i["attempts"] == 1).count();
            if items.len() == BURST && delivered == BURST {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(delivered, BURST, "each event is logged once, delivered at the first attempt");
        let extra = tokio::time::timeout(Duration::from_millis(300), socket.next()).await;
        assert!(!matches!(extra, Ok(Some(Ok(Message::Binary(_))))), "nothing is sent twice");
    })
    .await;
}
