//! The long connection's wire frame: `pbbp2.Frame` from the SDKs (`lark_oapi/ws/pb/pbbp2_pb2.py`,
//! the Node SDK's `pbbp2` module), derived by hand. Control frames (method 0) carry pings and
//! pongs; data frames (method 1) carry an event one way and the app's ack the other.

use prost::Message;

#[derive(Clone, PartialEq, Message)]
pub struct Header {
    #[prost(string, required, tag = "1")]
    pub key: String,
    #[prost(string, required, tag = "2")]
    pub value: String,
}

#[derive(Clone, PartialEq, Message)]
pub struct Frame {
    #[prost(uint64, required, tag = "1")]
    pub seq_id: u64,
    #[prost(uint64, required, tag = "2")]
    pub log_id: u64,
    #[prost(int32, required, tag = "3")]
    pub service: i32,
    #[prost(int32, required, tag = "4")]
    pub method: i32,
    #[prost(message, repeated, tag = "5")]
    pub headers: Vec<Header>,
    #[prost(string, optional, tag = "6")]
    pub payload_encoding: Option<String>,
    #[prost(string, optional, tag = "7")]
    pub payload_type: Option<String>,
    #[prost(bytes = "vec", optional, tag = "8")]
    pub payload: Option<Vec<u8>>,
    #[prost(string, optional, tag = "9")]
    pub log_id_new: Option<String>,
}

pub const METHOD_CONTROL: i32 = 0;
pub const METHOD_DATA: i32 = 1;

impl Frame {
    pub fn header(&self, key: &str) -> Option<&str> {
        self.headers.iter().find(|h| h.key == key).map(|h| h.value.as_str())
    }

    fn new(method: i32, service: i32, seq_id: u64, headers: &[(&str, &str)], payload: Option<Vec<u8>>) -> Frame {
        Frame {
            seq_id,
            log_id: 0,
            service,
            method,
            headers: headers.iter().map(|(k, v)| Header { key: (*k).into(), value: (*v).into() }).collect(),
            payload_encoding: None,
            payload_type: None,
            payload,
            log_id_new: None,
        }
    }

    /// A pong answering a ping, carrying the client configuration (the SDKs apply it).
    pub fn pong(service: i32, config_json: Vec<u8>) -> Frame {
        Frame::new(METHOD_CONTROL, service, 0, &[("type", "pong")], Some(config_json))
    }

    /// An event: one frame (`sum` 1, `seq` 0), keyed by the event_id so the ack can be matched.
    pub fn event(service: i32, seq_id: u64, event_id: &str, payload: Vec<u8>) -> Frame {
        let headers = [("type", "event"), ("message_id", event_id), ("sum", "1"), ("seq", "0"), ("trace_id", event_id)];
        Frame::new(METHOD_DATA, service, seq_id, &headers, Some(payload))
    }

    /// The client's answer to an event frame, as the SDKs build it: the same frame with a
    /// `biz_rt` header and the JSON `{"code":…}` as payload.
    pub fn into_ack(mut self, code: i64) -> Frame {
        self.headers.push(Header { key: "biz_rt".into(), value: "0".into() });
        self.payload = Some(format!(r#"{{"code":{code},"headers":{{}},"data":""}}"#).into_bytes());
        self
    }

    pub fn encode_to_bytes(&self) -> Vec<u8> {
        self.encode_to_vec()
    }

    pub fn decode_bytes(b: &[u8]) -> Option<Frame> {
        Frame::decode(b).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes the Python SDK's protobuf runtime writes for its ping frame (service 7):
    /// `Frame(SeqID=0, LogID=0, service=7, method=0, headers=[Header(key="type", value="ping")])`.
    #[test]
    fn decodes_the_sdks_ping() {
        let ping = [
            0x08, 0x00, 0x10, 0x00, 0x18, 0x07, 0x20, 0x00, 0x2a, 0x0c, 0x0a, 0x04, b't', b'y', b'p', b'e', 0x12, 0x04,
            b'p', b'i', b'n', b'g',
        ];
        let f = Frame::decode_bytes(&ping).expect("decodes");
        assert_eq!((f.method, f.service, f.header("type")), (METHOD_CONTROL, 7, Some("ping")));
        let back = f.encode_to_bytes();
        assert_eq!(back, ping, "required fields are written even when zero");
    }

    #[test]
    fn event_frames_round_trip() {
        let f = Frame::event(3, 9, "e1", b"{}".to_vec());
        let g = Frame::decode_bytes(&f.encode_to_bytes()).unwrap();
        assert_eq!(g, f);
        assert_eq!((g.header("message_id"), g.header("sum"), g.header("type")), (Some("e1"), Some("1"), Some("event")));
        assert!(Frame::decode_bytes(b"\xff\xff").is_none());
        let ack: roster_proto::events::WsAck =
            serde_json::from_slice(g.into_ack(200).payload.as_deref().unwrap()).unwrap();
        assert_eq!(ack.code, 200);
    }
}
