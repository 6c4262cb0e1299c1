//! The middleware every request passes: a log id (`X-Tt-Logid`, spelled exactly so), error
//! rendering for the path's family, panic capture (never a dropped connection or a plain-text
//! 500) and, with `--demo`, injected faults and the request log.

use crate::http::errors::{self, ApiError};
use crate::http::extract::RequestMeta;
use crate::http::logid;
use crate::http::reply::LarkCode;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::FutureExt;
use roster_domain::Clock;
use roster_domain::Error;
use std::panic::AssertUnwindSafe;
use std::time::Instant;

pub async fn envelope(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let log_id = logid::new_log_id();
    let path = req.uri().path().to_owned();
    let method = req.method().clone();
    let query = req.uri().query().unwrap_or("").to_owned();
    let meta = RequestMeta::default();
    req.extensions_mut().insert(meta.clone());

    let fault = state
        .emulator
        .as_ref()
        .filter(|_| !path.starts_with("/_roster/"))
        .and_then(|e| e.faults.take(method.as_str(), &path));
    let resp = match fault {
        Some(f) => ApiError::Raw { status: f.http_status, code: f.code, msg: f.msg }.into_response(),
        None => AssertUnwindSafe(next.run(req)).catch_unwind().await.unwrap_or_else(|panic| {
            let what =
                panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
            ApiError::Domain(Error::Internal(format!("handler panicked: {}", what.unwrap_or_default()))).into_response()
        }),
    };
    let mut resp = errors::finalize(resp, errors::family_of(&path), &log_id);
    if let Ok(v) = HeaderValue::from_str(&log_id) {
        resp.headers_mut().insert("x-tt-logid", v);
    }
    if let Some(emulator) = &state.emulator {
        let app_id = meta.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
        emulator.requests.record(roster_proto::emulator::RequestRecord {
            time: state.clock.now().secs(),
            method: method.to_string(),
            path,
            query,
            http_status: resp.status().as_u16(),
            code: resp.extensions().get::<LarkCode>().map_or(0, |c| c.0),
            log_id,
            app_id,
            duration_ms: started.elapsed().as_secs_f64() * 1000.0,
        });
    }
    resp
}
