//! The request log: the most recent requests with their status and Lark code, newest first.

use roster_proto::emulator::RequestRecord;
use std::collections::VecDeque;
use std::sync::Mutex;

const CAPACITY: usize = 1000;

#[derive(Default)]
pub struct RequestLog {
    items: Mutex<VecDeque<RequestRecord>>,
}

impl RequestLog {
    pub fn record(&self, r: RequestRecord) {
        let mut items = self.items.lock().unwrap_or_else(|p| p.into_inner());
        if items.len() == CAPACITY {
            items.pop_back();
        }
        items.push_front(r);
    }

    pub fn recent(&self, limit: usize) -> Vec<RequestRecord> {
        self.items.lock().unwrap_or_else(|p| p.into_inner()).iter().take(limit).cloned().collect()
    }

    pub fn clear(&self) {
        self.items.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}
