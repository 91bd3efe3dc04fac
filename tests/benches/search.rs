//! Search latency of `Core::search` over a synced local store: the demo catalogue and a synthetic
//! catalogue of 20,000 procedures.
//!
//! Set-up, once per catalogue and outside every timed loop: a real server on loopback is started
//! and seeded, a core is opened in a temporary directory and synced from it. Then:
//!
//! * one criterion benchmark per query (`search/<catalogue>/<query>`), and
//! * a latency distribution: every query run `REPEATS` times, each call timed on its own, pooled
//!   over all queries and printed as one `search latency distribution` line per catalogue
//!   (p50/p95/p99/max), since criterion itself reports means and medians only.
//!
//! Target: p99 under 5 ms at 20,000 procedures. Run with
//! `cargo bench -p citizen-tests --bench search`; see docs/benchmarks.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use citizen_core::Core;
use citizen_server::catalog::seed;
use citizen_tests::{open_core, TestServer};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use tempfile::TempDir;
use tokio::runtime::Runtime;

/// Queries a resident types: with and without accents, upper case, a one-word prefix that matches
/// a large part of the catalogue, and a miss.
const QUERIES: [&str; 8] = [
    "dang ky khai sinh",
    "đăng ký khai sinh",
    "ĐĂNG KÝ",
    "giay phep xay dung",
    "cap",
    "ho kinh doanh",
    "lai xe",
    "xyzxyz",
];

/// Size of the synthetic catalogue the target is stated for.
const SYNTHETIC: usize = 20_000;

/// Calls per query for the latency distribution (`cargo bench`); a handful under `cargo test`.
const REPEATS: usize = 300;
const REPEATS_IN_TEST_MODE: usize = 3;

/// A synced core and the server it synced from, kept alive while benchmarked.
struct Fixture {
    label: String,
    core: Core,
    server: TestServer,
    _app_dir: TempDir,
}

impl Fixture {
    /// Starts a server with the demo catalogue (`synthetic == 0`) or `synthetic` generated
    /// procedures, opens a core in a fresh directory and syncs it.
    async fn new(synthetic: usize) -> Fixture {
        let started = Instant::now();
        let server = TestServer::start(synthetic == 0).await;
        if synthetic > 0 {
            seed::seed_synthetic(server.server.db(), synthetic)
                .await
                .expect("seed synthetic catalogue");
        }
        let app_dir = tempfile::tempdir().expect("temp dir");
        let core = open_core(app_dir.path(), &server.url()).await;
        let report = core.sync().await.expect("initial sync");
        let count = core.status().await.expect("status").procedure_count as usize;
        assert_eq!(count, report.upserts, "store holds what was synced");
        if synthetic > 0 {
            assert_eq!(count, synthetic);
        }
        let label = if synthetic > 0 {
            format!("synthetic-{synthetic}")
        } else {
            "demo".to_owned()
        };
        println!(
            "search set-up [{label}]: {count} procedures synced in {} pages, set-up took {:.2?}",
            report.pages,
            started.elapsed()
        );
        Fixture {
            label,
            core,
            server,
            _app_dir: app_dir,
        }
    }

    async fn close(self) {
        self.core.close().await;
        self.server
            .server
            .shutdown()
            .await
            .expect("server shuts down");
    }
}

/// `cargo bench` passes `--bench`; `cargo test --benches` does not (criterion's test mode).
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    // Nearest rank: the smallest value with at least p% of the samples at or below it.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn summary(sorted: &[Duration]) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    format!(
        "n={} p50={:.3} ms p95={:.3} ms p99={:.3} ms max={:.3} ms",
        sorted.len(),
        ms(percentile(sorted, 50.0)),
        ms(percentile(sorted, 95.0)),
        ms(percentile(sorted, 99.0)),
        ms(*sorted.last().expect("samples")),
    )
}

/// Times every call of every query, round-robin so that no query runs only on a warm cache, and
/// prints the pooled distribution and each query's.
async fn distribution(fixture: &Fixture, repeats: usize) {
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::with_capacity(repeats); QUERIES.len()];
    for _ in 0..repeats {
        for (i, query) in QUERIES.iter().enumerate() {
            let start = Instant::now();
            let hits = fixture.core.search(query).await.expect("search");
            per_query[i].push(start.elapsed());
            black_box(hits);
        }
    }
    for (query, samples) in QUERIES.iter().zip(&mut per_query) {
        samples.sort_unstable();
        println!(
            "  search latency [{}] {query:?}: {}",
            fixture.label,
            summary(samples)
        );
    }
    let mut pooled: Vec<Duration> = per_query.into_iter().flatten().collect();
    pooled.sort_unstable();
    println!(
        "search latency distribution [{}] (all {} queries pooled): {}",
        fixture.label,
        QUERIES.len(),
        summary(&pooled)
    );
}

fn bench_catalogue(c: &mut Criterion, rt: &Runtime, synthetic: usize) {
    let fixture = rt.block_on(Fixture::new(synthetic));
    for query in QUERIES {
        let hits = rt.block_on(fixture.core.search(query)).expect("search");
        println!(
            "  hits [{}] {query:?}: {}{}",
            fixture.label,
            hits.len(),
            hits.first()
                .map(|h| format!(", first: {:?}", h.name.vi))
                .unwrap_or_default()
        );
    }
    let repeats = if bench_mode() {
        REPEATS
    } else {
        REPEATS_IN_TEST_MODE
    };
    rt.block_on(distribution(&fixture, repeats));

    let mut group = c.benchmark_group(format!("search/{}", fixture.label));
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for query in QUERIES {
        group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, query| {
            b.to_async(rt)
                .iter(|| async { black_box(fixture.core.search(query).await.expect("search")) });
        });
    }
    group.finish();
    rt.block_on(fixture.close());
}

fn search(c: &mut Criterion) {
    let rt = Runtime::new().expect("tokio runtime");
    bench_catalogue(c, &rt, 0);
    bench_catalogue(c, &rt, SYNTHETIC);
}

criterion_group!(benches, search);
criterion_main!(benches);
