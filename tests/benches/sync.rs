//! Catalogue sync from a real server on loopback into a real local store.
//!
//! Set-up, once: a server seeded with 20,000 synthetic procedures. Benchmarks (group `sync`):
//!
//! * `full_20000`: a full sync into an EMPTY store. Each iteration makes a fresh temporary data
//!   directory and opens a core in it (not timed), then times `Core::sync()` alone: ten feed pages
//!   of 2,000 fetched, decoded and applied. The time to open the empty store is printed apart.
//!   Target: under 2 s.
//! * `unchanged_feed_20000`: `Core::sync()` on a core that is already up to date: one request
//!   answered with an empty page.
//! * `breakdown_fetch_only_20000` and `breakdown_apply_only_20000`: where a full sync's time goes.
//!   The first fetches and decodes the ten pages as the core's client does (gzip, JSON) without
//!   storing them; the second applies ten pages fetched beforehand to a fresh store, with no
//!   network at all.
//!
//! Run with `cargo bench -p citizen-tests --bench sync`; see docs/benchmarks.md.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use citizen_core::catalog::store::apply_page;
use citizen_core::store::Store;
use citizen_protocol::catalog::Procedure;
use citizen_protocol::feed::FeedPage;
use citizen_protocol::CATALOG_FEED_PATH;
use citizen_server::catalog::seed;
use citizen_tests::{open_core, TestServer};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use tokio::runtime::Runtime;

const PROCEDURES: usize = 20_000;

/// Fetches the whole feed as the core does (the workspace's reqwest asks for gzip and inflates
/// it), decoding each page. Returns the pages and the decoded JSON size in bytes.
async fn fetch_all(http: &reqwest::Client, base: &str) -> (Vec<FeedPage<Procedure>>, usize) {
    let mut pages = Vec::new();
    let mut bytes = 0;
    let mut after: Option<String> = None;
    loop {
        let mut request = http.get(format!("{base}{CATALOG_FEED_PATH}"));
        if let Some(after) = &after {
            request = request.query(&[("after", after)]);
        }
        let body = request
            .send()
            .await
            .expect("feed request")
            .error_for_status()
            .expect("feed status")
            .bytes()
            .await
            .expect("feed body");
        bytes += body.len();
        let page: FeedPage<Procedure> = serde_json::from_slice(&body).expect("feed page");
        let has_more = page.has_more;
        after = Some(page.cursor.clone());
        pages.push(page);
        if !has_more {
            return (pages, bytes);
        }
    }
}

/// Bytes on the wire for the whole feed in one content encoding (the core's client accepts zstd
/// and gzip; the server answers zstd).
async fn wire_bytes(base: &str, pages: &[FeedPage<Procedure>], encoding: &str) -> usize {
    let raw = reqwest::Client::builder()
        .no_gzip()
        .no_zstd()
        .build()
        .expect("http client");
    let mut total = 0;
    let mut after: Option<&str> = None;
    for page in pages {
        let mut request = raw
            .get(format!("{base}{CATALOG_FEED_PATH}"))
            .header("accept-encoding", encoding);
        if let Some(after) = after {
            request = request.query(&[("after", after)]);
        }
        total += request
            .send()
            .await
            .expect("feed request")
            .bytes()
            .await
            .expect("feed body")
            .len();
        after = Some(&page.cursor);
    }
    total
}

fn sync(c: &mut Criterion) {
    let rt = Runtime::new().expect("tokio runtime");
    let started = Instant::now();
    let server = rt.block_on(async {
        let server = TestServer::start(false).await;
        seed::seed_synthetic(server.server.db(), PROCEDURES)
            .await
            .expect("seed synthetic catalogue");
        server
    });
    let url = server.url();
    println!(
        "sync set-up: server with {PROCEDURES} synthetic procedures in {:.2?}",
        started.elapsed()
    );

    let http = reqwest::Client::new();
    let (pages, json_bytes) = rt.block_on(fetch_all(&http, &url));
    let zstd_bytes = rt.block_on(wire_bytes(&url, &pages, "zstd"));
    let gzip_bytes = rt.block_on(wire_bytes(&url, &pages, "gzip"));
    let changes: usize = pages.iter().map(|p| p.changes.len()).sum();
    assert_eq!(changes, PROCEDURES);
    println!(
        "sync feed: {} pages, {changes} changes, {:.1} MB of JSON, on the wire {:.1} MB with zstd \
         ({:.1} MB with gzip)",
        pages.len(),
        json_bytes as f64 / 1e6,
        zstd_bytes as f64 / 1e6,
        gzip_bytes as f64 / 1e6
    );

    let mut group = c.benchmark_group("sync");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15));

    // Full sync into an empty store; only `sync()` is timed.
    let open_times = RefCell::new(Vec::new());
    group.bench_function(format!("full_{PROCEDURES}"), |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let url = &url;
            let open_times = &open_times;
            async move {
                let mut timed = Duration::ZERO;
                for _ in 0..iters {
                    let dir = tempfile::tempdir().expect("temp dir");
                    let opening = Instant::now();
                    let core = open_core(dir.path(), url).await;
                    open_times.borrow_mut().push(opening.elapsed());
                    let start = Instant::now();
                    let report = core.sync().await.expect("sync");
                    timed += start.elapsed();
                    assert_eq!(report.upserts, PROCEDURES);
                    core.close().await;
                }
                timed
            }
        });
    });
    let open_times = open_times.into_inner();
    let mean_open = open_times.iter().sum::<Duration>() / open_times.len().max(1) as u32;
    println!(
        "sync: opening an empty store (not timed above) took {mean_open:.2?} on average over {} runs",
        open_times.len()
    );

    // An up-to-date core syncing again: one request, an empty page.
    let app_dir = tempfile::tempdir().expect("temp dir");
    let core = rt.block_on(async {
        let core = open_core(app_dir.path(), &url).await;
        core.sync().await.expect("initial sync");
        core
    });
    group.bench_function(format!("unchanged_feed_{PROCEDURES}"), |b| {
        b.to_async(&rt).iter(|| async {
            let report = core.sync().await.expect("sync");
            assert_eq!((report.pages, report.upserts), (1, 0));
            black_box(report)
        });
    });
    rt.block_on(core.close());

    // Where a full sync's time goes: the network and decoding alone ...
    group.bench_function(format!("breakdown_fetch_only_{PROCEDURES}"), |b| {
        b.to_async(&rt)
            .iter(|| async { black_box(fetch_all(&http, &url).await) });
    });

    // ... and storing alone: pages already in memory applied to a fresh store. Fields are indexed
    // without their localized words here (the core builds those from its message files), which
    // leaves out a few words per row.
    let field_words = HashMap::new();
    group.bench_function(format!("breakdown_apply_only_{PROCEDURES}"), |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let pages = &pages;
            let field_words = &field_words;
            async move {
                let mut timed = Duration::ZERO;
                for _ in 0..iters {
                    let dir = tempfile::tempdir().expect("temp dir");
                    let store = Store::open(dir.path()).await.expect("store opens").store;
                    let start = Instant::now();
                    for page in pages {
                        apply_page(store.pool(), page, field_words)
                            .await
                            .expect("apply page");
                    }
                    timed += start.elapsed();
                    store.close().await;
                }
                timed
            }
        });
    });
    group.finish();

    rt.block_on(async {
        server.server.shutdown().await.expect("server shuts down");
    });
}

criterion_group!(benches, sync);
criterion_main!(benches);
