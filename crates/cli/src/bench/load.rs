//! The load generator: `connections` tasks, each with its own keep-alive HTTP/1.1 connection,
//! sending the plan's requests back to back for the duration and timing each one.

use super::scenarios::{Plan, Req};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct Stats {
    pub ok: u64,
    pub errors: u64,
    pub elapsed: Duration,
    /// Latencies of successful requests, in microseconds.
    pub latencies_us: Vec<u32>,
    pub items_per_request: u64,
    pub first_error: Option<String>,
    /// CPU seconds the server and the bench used together while measuring (when the server is a
    /// child process of the bench, so its CPU can be read).
    pub cpu_secs: Option<f64>,
}

impl Stats {
    pub fn req_per_sec(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
    /// CPU microseconds (server + bench) per successful request.
    pub fn cpu_us_per_request(&self) -> Option<f64> {
        self.cpu_secs.filter(|_| self.ok > 0).map(|c| c * 1e6 / self.ok as f64)
    }
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        let idx = ((p / 100.0) * (self.latencies_us.len() - 1) as f64).round() as usize;
        self.latencies_us[idx.min(self.latencies_us.len() - 1)] as f64 / 1000.0
    }
}

async fn connect(authority: &str) -> Result<http1::SendRequest<Full<Bytes>>, String> {
    let stream = tokio::net::TcpStream::connect(authority).await.map_err(|e| e.to_string())?;
    let _ = stream.set_nodelay(true);
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await.map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    Ok(sender)
}

fn build(authority: &str, token: &str, r: &Req) -> Request<Full<Bytes>> {
    let mut b = Request::builder().method(r.method.clone()).uri(&r.path).header("host", authority);
    if !token.is_empty() {
        b = b.header("authorization", format!("Bearer {token}"));
    }
    if r.body.is_some() {
        b = b.header("content-type", "application/json; charset=utf-8");
    }
    b.body(Full::new(r.body.clone().unwrap_or_default())).expect("valid request")
}

/// A body counts as a success when it is Lark's `code: 0`.
fn is_success(status: u16, body: &[u8]) -> bool {
    status == 200 && body.windows(8).any(|w| w == b"\"code\":0")
}

struct Worker {
    ok: u64,
    errors: u64,
    latencies: Vec<u32>,
    first_error: Option<String>,
}

async fn worker(
    authority: String,
    plan: Arc<Plan>,
    conn_no: usize,
    measuring: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
) -> Worker {
    let mut w = Worker { ok: 0, errors: 0, latencies: Vec::with_capacity(1 << 16), first_error: None };
    let mut sender = match connect(&authority).await {
        Ok(s) => s,
        Err(e) => {
            w.errors += 1;
            w.first_error = Some(format!("connect: {e}"));
            return w;
        }
    };
    let mut seq: u64 = 0;
    while !stop.load(Ordering::Relaxed) {
        let r = (plan.next)(conn_no, seq);
        seq += 1;
        let req = build(&authority, &plan.token, &r);
        let t0 = Instant::now();
        let outcome = match sender.send_request(req).await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                match resp.into_body().collect().await {
                    Ok(b) => {
                        let bytes = b.to_bytes();
                        if is_success(status, &bytes) {
                            Ok(())
                        } else {
                            Err(format!("HTTP {status}: {}", String::from_utf8_lossy(&bytes[..bytes.len().min(300)])))
                        }
                    }
                    Err(e) => Err(format!("body: {e}")),
                }
            }
            Err(e) => Err(format!("send: {e}")),
        };
        let us = t0.elapsed().as_micros().min(u32::MAX as u128) as u32;
        if !measuring.load(Ordering::Relaxed) {
            if outcome.is_err() && sender.is_closed() {
                match connect(&authority).await {
                    Ok(s) => sender = s,
                    Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                }
            }
            continue;
        }
        match outcome {
            Ok(()) => {
                w.ok += 1;
                w.latencies.push(us);
            }
            Err(e) => {
                w.errors += 1;
                w.first_error.get_or_insert(e);
                if sender.is_closed() {
                    match connect(&authority).await {
                        Ok(s) => sender = s,
                        Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                    }
                }
            }
        }
    }
    w
}

/// CPU seconds (user + system, of every thread, living or exited) a process has used, from
/// `/proc/<pid>/stat`; its clock ticks are USER_HZ, which Linux fixes at 100 for /proc.
fn cpu_secs_of(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces; the fields after its closing ')' do not.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let (utime, stime): (u64, u64) = (fields.get(11)?.parse().ok()?, fields.get(12)?.parse().ok()?);
    Some((utime + stime) as f64 / 100.0)
}

/// CPU seconds the server (when its pid is known) and this bench process have used so far.
fn cpu_now(server_pid: Option<u32>) -> Option<f64> {
    Some(cpu_secs_of(&server_pid?.to_string())? + cpu_secs_of("self")?)
}

/// Runs the plan for a one-second warm-up plus `duration`, and returns what was measured.
pub async fn measure(
    base: &str,
    plan: &Arc<Plan>,
    connections: usize,
    duration: Duration,
    server_pid: Option<u32>,
) -> Stats {
    let authority = base.trim_start_matches("http://").trim_end_matches('/').to_owned();
    let measuring = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let handles: Vec<_> = (0..connections.max(1))
        .map(|i| tokio::spawn(worker(authority.clone(), plan.clone(), i, measuring.clone(), stop.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    measuring.store(true, Ordering::SeqCst);
    let (started, cpu_before) = (Instant::now(), cpu_now(server_pid));
    tokio::time::sleep(duration).await;
    let (elapsed, cpu_after) = (started.elapsed(), cpu_now(server_pid));
    measuring.store(false, Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    let cpu_secs = cpu_before.zip(cpu_after).map(|(b, a)| a - b);
    let mut stats = Stats { elapsed, items_per_request: plan.items_per_request, cpu_secs, ..Stats::default() };
    for h in handles {
        if let Ok(w) = h.await {
            stats.ok += w.ok;
            stats.errors += w.errors;
            stats.latencies_us.extend(w.latencies);
            if stats.first_error.is_none() {
                stats.first_error = w.first_error;
            }
        }
    }
    stats.latencies_us.sort_unstable();
    stats
}
