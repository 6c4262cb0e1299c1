//! `roster bench`: starts a fresh Roster in a child process (`roster serve --demo`), drives it over
//! real HTTP from this process with many concurrent keep-alive connections, and prints req/s and
//! p50/p99 for each scenario, each also as a ratio to the built-in no-op endpoint measured in the
//! same run. Runs on SQLite (default) or PostgreSQL.

mod load;
mod scenarios;
mod server;

use clap::Args;
use std::time::Duration;

#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// Store to bench: sqlite, or postgres (needs --postgres-url or ROSTER_TEST_PG_URL).
    #[arg(long, default_value = "sqlite", value_name = "STORE")]
    pub store: String,
    /// PostgreSQL server to create a fresh schema in, e.g. postgres://postgres@127.0.0.1:5432/test.
    #[arg(long, env = "ROSTER_TEST_PG_URL", value_name = "URL")]
    pub postgres_url: Option<String>,
    /// SQLite durability level for the server: full or normal.
    #[arg(long, default_value = "full", value_name = "LEVEL")]
    pub sqlite_synchronous: String,
    /// Seconds to measure each scenario (after a one-second warm-up).
    #[arg(long, default_value_t = 10)]
    pub duration: u64,
    /// Concurrent keep-alive connections (scenarios may set their own).
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// Scenarios to run (default: all). `--list` shows them.
    #[arg(long = "scenario", value_name = "NAME")]
    pub scenarios: Vec<String>,
    /// List the scenarios and exit.
    #[arg(long)]
    pub list: bool,
    /// Print the results as JSON lines too.
    #[arg(long)]
    pub json: bool,
    /// Benchmark an already running Roster (started with --demo) instead of spawning one.
    #[arg(long, value_name = "URL")]
    pub target: Option<String>,
}

/// What one scenario measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    pub scenario: String,
    pub connections: usize,
    pub requests: u64,
    pub errors: u64,
    pub req_per_sec: f64,
    /// Items per second, for scenarios that do several per request (e.g. 50 member-adds).
    pub items_per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub ratio_to_noop: f64,
    /// CPU microseconds the server and the bench spent per request (SQLite, where the whole
    /// store runs inside the server process; `None` on PostgreSQL or against `--target`).
    pub cpu_us_per_req: Option<f64>,
    /// The no-op's CPU per request over this scenario's: what the throughput ratio would be on
    /// an otherwise idle machine if both were CPU-bound. Unlike req/s, it does not move when
    /// other work shares the cores; a scenario bound by one thread (the SQLite writer) reaches
    /// less than this in req/s.
    pub cpu_ratio_to_noop: Option<f64>,
    pub first_error: Option<String>,
    /// What the scenario adds under its row (e.g. events delivered/s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

pub fn run(args: BenchArgs) -> Result<(), String> {
    if args.list {
        for s in scenarios::all() {
            println!("{:<28} {}", s.name, s.about);
        }
        return Ok(());
    }
    let chosen: Vec<scenarios::Scenario> = if args.scenarios.is_empty() {
        scenarios::all()
    } else {
        let all = scenarios::all();
        args.scenarios
            .iter()
            .map(|n| all.iter().find(|s| s.name == n).cloned().ok_or_else(|| format!("no scenario {n:?} (see --list)")))
            .collect::<Result<_, _>>()?
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(bench(args, chosen))
}

async fn bench(args: BenchArgs, chosen: Vec<scenarios::Scenario>) -> Result<(), String> {
    let server = match &args.target {
        Some(url) => server::Server::external(url),
        None => server::Server::spawn(&args).await?,
    };
    println!(
        "# roster bench: store={} synchronous={} duration={}s connections={} target={}",
        server.store, args.sqlite_synchronous, args.duration, args.connections, server.base
    );
    let ctx = scenarios::Ctx::new(&server.base).await?;
    let duration = Duration::from_secs(args.duration);
    let noop = scenarios::noop();
    let pid = server.cpu_pid();
    let baseline = load::measure(&server.base, &noop.prepare(&ctx).await?, args.connections, duration, pid).await;
    let mut outcomes = vec![outcome(&noop, &baseline, &baseline, args.connections)];
    for s in chosen.iter().filter(|s| s.name != "noop") {
        // An earlier scenario's subscription would deliver this one's events too.
        scenarios::events::unsubscribe(&ctx).await?;
        let plan = s.prepare(&ctx).await?;
        server.settle().await?;
        let conns = plan.connections.unwrap_or(args.connections);
        let stats = load::measure(&server.base, &plan, conns, duration, pid).await;
        let mut o = outcome(s, &stats, &baseline, conns);
        o.note = plan.after.as_ref().map(|f| f());
        outcomes.push(o);
    }
    report(&outcomes, args.json);
    drop(server);
    Ok(())
}

fn outcome(s: &scenarios::Scenario, st: &load::Stats, noop: &load::Stats, connections: usize) -> Outcome {
    let (rps, noop_rate) = (st.req_per_sec(), noop.req_per_sec());
    let cpu = st.cpu_us_per_request();
    Outcome {
        scenario: s.name.to_owned(),
        connections,
        requests: st.ok,
        errors: st.errors,
        req_per_sec: rps,
        items_per_sec: rps * st.items_per_request as f64,
        p50_ms: st.percentile_ms(50.0),
        p99_ms: st.percentile_ms(99.0),
        ratio_to_noop: if noop_rate > 0.0 { rps / noop_rate } else { 0.0 },
        cpu_us_per_req: cpu,
        cpu_ratio_to_noop: cpu.zip(noop.cpu_us_per_request()).map(|(c, n)| n / c),
        first_error: st.first_error.clone(),
        note: None,
    }
}

fn report(outcomes: &[Outcome], json: bool) {
    println!(
        "{:<28} {:>6} {:>10} {:>12} {:>9} {:>9} {:>8} {:>7} {:>11} {:>8}",
        "scenario", "conns", "req/s", "items/s", "p50 ms", "p99 ms", "x noop", "errors", "cpu us/req", "cpu x"
    );
    let or_dash = |v: Option<f64>, digits: usize| v.map_or("-".to_owned(), |v| format!("{v:.digits$}"));
    for o in outcomes {
        println!(
            "{:<28} {:>6} {:>10.0} {:>12.0} {:>9.2} {:>9.2} {:>8.2} {:>7} {:>11} {:>8}",
            o.scenario,
            o.connections,
            o.req_per_sec,
            o.items_per_sec,
            o.p50_ms,
            o.p99_ms,
            o.ratio_to_noop,
            o.errors,
            or_dash(o.cpu_us_per_req, 1),
            or_dash(o.cpu_ratio_to_noop, 2)
        );
        if let Some(e) = &o.first_error {
            println!("    first error: {e}");
        }
        if let Some(n) = &o.note {
            println!("    {n}");
        }
    }
    if json {
        for o in outcomes {
            println!("{}", serde_json::to_string(o).unwrap_or_default());
        }
    }
}
