//! `loadgen` — plays a province's morning (or an announcement's spike) against a `citizen-server`
//! on this machine and prints per operation throughput, p50/p90/p99/max latency, requests shed
//! (429) and errors by kind, with a JSON summary for scripts.
//!
//! ```sh
//! cargo build --release -p citizen-server -p citizen-tests --bin loadgen
//! target/release/loadgen --spawn-server --clients 200 --duration 60s
//! target/release/loadgen --spawn-server --scenario spike --json spike.json
//! target/release/loadgen --target http://127.0.0.1:8080 --clients 20 --duration 10s
//! ```
//!
//! Only loopback targets are accepted. The run is bounded by `--duration` and `--max-requests`;
//! items under way when it ends get 30 s more, then everything stops.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use citizen_tests::load::stats::STEADY_SECONDS;
use citizen_tests::load::{self, Mix, Plan, Spike};
use clap::{Parser, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scenario {
    /// A steady morning: `--clients` phones for `--duration`.
    Morning,
    /// A base of `--clients` phones, and `--spike-clients` more for `--spike-length` from
    /// `--spike-start`.
    Spike,
}

#[derive(Debug, Parser)]
#[command(
    name = "loadgen",
    about = "Load generator for citizen-server (loopback only)"
)]
struct Args {
    /// The server's base URL, on loopback.
    #[arg(long, conflicts_with = "spawn_server")]
    target: Option<String>,
    /// Start `citizen-server --demo` on a free loopback port with a fresh database: a SQLite file
    /// in a temporary directory when no URL is given, else this database URL (e.g.
    /// `postgres://…` for an empty database), passed as the server's `--database`. CITIZEN_*
    /// variables in the environment reach the server (e.g. CITIZEN_MAX_IN_FLIGHT).
    #[arg(long, num_args = 0..=1, default_missing_value = "sqlite")]
    spawn_server: Option<String>,
    /// The `citizen-server` binary to spawn; default: beside this one.
    #[arg(long)]
    server_bin: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Scenario::Morning)]
    scenario: Scenario,
    /// Phones for the whole run (with `spike`, the base). Default 200, or 50 for a spike.
    #[arg(long)]
    clients: Option<usize>,
    /// How long the measured run lasts (e.g. 60s, 2m). Default 30s, or 90s for a spike.
    #[arg(long, value_parser = parse_duration)]
    duration: Option<Duration>,
    /// Stop once this many requests were sent.
    #[arg(long, default_value_t = 5_000_000)]
    max_requests: u64,
    /// Weights of a phone's actions: report, dossier, pull, sign-in.
    #[arg(long, default_value = "report=4,dossier=1,pull=4")]
    mix: Mix,
    /// Mean pause between a phone's actions, in milliseconds (exponential); 0 for none.
    #[arg(long, default_value_t = 0)]
    think_ms: u64,
    /// Size of each photo in KB (a real JPEG with a unique ending).
    #[arg(long, default_value_t = 300)]
    photo_kb: usize,
    /// Phones added during the spike.
    #[arg(long, default_value_t = 1_000)]
    spike_clients: usize,
    #[arg(long, value_parser = parse_duration, default_value = "20s")]
    spike_start: Duration,
    #[arg(long, value_parser = parse_duration, default_value = "30s")]
    spike_length: Duration,
    /// After a spike, recovered means five seconds in a row with p99 under this many
    /// milliseconds, or under half again the p99 before the spike when that is higher.
    #[arg(long, default_value_t = 100)]
    recovery_target_ms: u64,
    /// Write the JSON summary here (`-` for standard output).
    #[arg(long)]
    json: Option<PathBuf>,
    /// Exit with failure when any request failed other than with 429 (for CI).
    #[arg(long)]
    fail_on_errors: bool,
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (number, unit) = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((s, "s"), |i| s.split_at(i));
    let n: f64 = number
        .parse()
        .map_err(|_| format!("{s:?}: expected e.g. 30s, 2m, 500ms"))?;
    let secs = match unit {
        "ms" => n / 1_000.0,
        "s" => n,
        "m" => n * 60.0,
        _ => return Err(format!("{s:?}: unit ms, s or m")),
    };
    Ok(Duration::from_secs_f64(secs))
}

/// A server this process started; killed when dropped.
struct Spawned {
    _child: tokio::process::Child,
    _dir: tempfile::TempDir,
    url: String,
}

async fn spawn_server(database: &str, bin: Option<PathBuf>) -> Result<Spawned, String> {
    let bin = match bin {
        Some(bin) => bin,
        None => std::env::current_exe()
            .map_err(|e| e.to_string())?
            .with_file_name("citizen-server"),
    };
    if !bin.exists() {
        return Err(format!(
            "{} not found: build it (cargo build --release -p citizen-server) or give --server-bin",
            bin.display()
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let database = if database == "sqlite" {
        format!("sqlite://{}", dir.path().join("server.db").display())
    } else {
        database.to_owned()
    };
    let port = citizen_tests::free_port();
    let log = std::fs::File::create(dir.path().join("server.log")).map_err(|e| e.to_string())?;
    let mut command = tokio::process::Command::new(&bin);
    command
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--database")
        .arg(&database)
        .arg("--data-dir")
        .arg(dir.path().join("files"))
        .arg("--demo")
        .stdout(std::process::Stdio::null())
        .stderr(log)
        .kill_on_drop(true);
    // Every simulated phone signs in from 127.0.0.1: the per-IP sign-in limit would take them
    // for one attacker.
    if std::env::var_os("CITIZEN_SIGN_IN_RATE").is_none() {
        command.env("CITIZEN_SIGN_IN_RATE", "10000000");
    }
    let child = command
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let url = format!("http://127.0.0.1:{port}");
    let health = format!("{url}/healthz");
    for _ in 0..600 {
        if reqwest::get(&health)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            eprintln!(
                "loadgen: spawned {} on {url} with {database} (log: {})",
                bin.display(),
                dir.path().join("server.log").display()
            );
            return Ok(Spawned {
                _child: child,
                _dir: dir,
                url,
            });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!(
        "the spawned server did not answer {health} within 60 s"
    ))
}

fn print_table(summary: &load::stats::Summary) {
    println!(
        "{:<20} {:>9} {:>9} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "operation", "ok", "per s", "429", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms"
    );
    for (op, s) in &summary.ops {
        let name = serde_json::to_value(op)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        println!(
            "{name:<20} {:>9} {:>9.1} {:>7} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
            s.ok, s.per_second, s.shed, s.errors, s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms
        );
    }
    println!(
        "all requests: {} in {:.1} s, {:.0}/s taken, {} shed (429), {} errors; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        summary.requests,
        summary.elapsed_secs,
        summary.requests_per_second,
        summary.shed,
        summary.errors,
        summary.p50_ms,
        summary.p99_ms,
        summary.max_ms
    );
    for (kind, n) in &summary.error_kinds {
        println!("error: {n} × {kind}");
    }
    if let Some(spike) = &summary.spike {
        println!(
            "spike: {} → {} phones from {:.0} s to {:.0} s; {} shed; p99 before it {}; back \
             under {:.0} ms for {STEADY_SECONDS} s in a row {}",
            spike.base_clients,
            spike.base_clients + spike.spike_clients,
            spike.spike_start_secs,
            spike.spike_end_secs,
            spike.shed,
            spike
                .baseline_p99_ms
                .map_or("unknown".to_owned(), |p| format!("{p:.0} ms")),
            spike.recovery_target_ms,
            spike
                .recovery_secs
                .map_or("not within the run".to_owned(), |s| format!(
                    "{s:.0} s after its end"
                )),
        );
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    citizen_tests::init_logging();
    // The sign-in helpers report a turned-away page (429) by panicking (they are the tests'
    // too); the generator counts those as shed, so their messages stay out of the output.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if !message.contains("429") {
            default_hook(info);
        }
    }));
    let args = Args::parse();
    let spawned = match &args.spawn_server {
        Some(database) => match spawn_server(database, args.server_bin.clone()).await {
            Ok(spawned) => Some(spawned),
            Err(e) => {
                eprintln!("loadgen: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => None,
    };
    let url = match (&spawned, &args.target) {
        (Some(s), _) => s.url.clone(),
        (None, Some(target)) => target.trim_end_matches('/').to_owned(),
        (None, None) => {
            eprintln!("loadgen: give --target <url> or --spawn-server");
            return ExitCode::FAILURE;
        }
    };
    let spike = args.scenario == Scenario::Spike;
    let plan = Plan {
        url,
        clients: args.clients.unwrap_or(if spike { 50 } else { 200 }),
        duration: args
            .duration
            .unwrap_or(Duration::from_secs(if spike { 90 } else { 30 })),
        max_requests: args.max_requests,
        mix: args.mix,
        think: Duration::from_millis(args.think_ms),
        photo_bytes: args.photo_kb * 1024,
        spike: spike.then_some(Spike {
            clients: args.spike_clients,
            start: args.spike_start,
            length: args.spike_length,
        }),
        recovery_target: Duration::from_millis(args.recovery_target_ms),
    };
    eprintln!("loadgen: {plan:?}");
    let summary = match load::run(&plan).await {
        Ok(summary) => summary,
        Err(e) => {
            eprintln!("loadgen: {e}");
            return ExitCode::FAILURE;
        }
    };
    print_table(&summary);
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&summary).expect("the summary serializes");
        if path.as_os_str() == "-" {
            println!("{json}");
        } else if let Err(e) = std::fs::write(path, json) {
            eprintln!("loadgen: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    drop(spawned);
    if args.fail_on_errors && summary.errors > 0 {
        eprintln!("loadgen: {} requests failed", summary.errors);
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
