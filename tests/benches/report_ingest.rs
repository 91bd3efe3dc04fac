//! Report ingest on loopback: residents' apps sending field reports to a real server, each with
//! its own ~300 KB JPEG photo — the photo's `PUT` (hash checked, type sniffed, header read,
//! written and synced), then the report's `POST` (checked, routed by point-in-polygon, stored in
//! one transaction). 16 requests in flight from 4 signed-in residents, as a busy morning's phones
//! would have. Photos are made before the clock starts.
//!
//! Run with `cargo bench -p citizen-tests --bench report_ingest`; see docs/benchmarks.md.

use std::time::{Duration, Instant};

use citizen_protocol::dossiers::{ATTACHMENTS_PATH, IDEMPOTENCY_KEY_HEADER};
use citizen_protocol::reports::REPORTS_PATH;
use citizen_tests::dossiers::sha256;
use citizen_tests::sign_in::signed_in;
use citizen_tests::TestServer;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use futures::StreamExt;
use serde_json::json;
use tokio::runtime::Runtime;

const REPORTS: usize = 200;
const IN_FLIGHT: usize = 16;
const RESIDENTS: usize = 4;
const PHOTO_BYTES: usize = 300 * 1024;
const CATEGORIES: [&str; 4] = ["chieu-sang", "moi-truong", "giao-thong", "cap-thoat-nuoc"];

/// splitmix64, so the photos' noise is the same from run to run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A real JPEG of about [`PHOTO_BYTES`]: a gradient with noise, as grainy as a phone photo of a
/// street at dusk. Each report then gets its own copy with a unique trailer after the image's
/// end, so that every photo is a new file to store.
fn base_photo() -> Vec<u8> {
    let mut seed = 7;
    let mut side = 300u32;
    loop {
        let picture = image::RgbImage::from_fn(side * 4 / 3, side, |x, y| {
            let n = (next(&mut seed) % 48) as u8;
            image::Rgb([(x % 256) as u8 / 2 + n, (y % 256) as u8 / 2 + n, 96 + n])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode_image(&picture)
            .expect("JPEG encodes");
        if out.len() >= PHOTO_BYTES {
            return out;
        }
        side += 40;
    }
}

struct Upload {
    token: String,
    photo: Vec<u8>,
    sha256: String,
    body: serde_json::Value,
    key: String,
}

fn uploads(tokens: &[String], base: &[u8], round: u64) -> Vec<Upload> {
    let mut seed = round;
    (0..REPORTS)
        .map(|n| {
            let mut photo = base.to_vec();
            photo.extend_from_slice(format!("{round}-{n}").as_bytes());
            let sha256 = sha256(&photo);
            // Scattered over central Huế's wards (about 1.5 km around Lê Lợi street).
            let jitter = |s: &mut u64| (next(s) % 2_000) as f64 / 2_000.0 * 0.014 - 0.007;
            let body = json!({
                "category": CATEGORIES[n % CATEGORIES.len()],
                "title": format!("Sự cố số {n}"),
                "description": "Đèn đường không sáng, mặt đường đọng nước sau mưa.",
                "photos": [{"sha256": sha256, "fileName": "anh.jpg", "fileType": "jpeg",
                    "size": photo.len()}],
                "location": {"lat": 16.4637 + jitter(&mut seed), "lon": 107.5909 + jitter(&mut seed)},
                "public": n % 2 == 0,
            });
            Upload {
                token: tokens[n % tokens.len()].clone(),
                photo,
                sha256,
                body,
                key: format!("bench-{round}-{n}"),
            }
        })
        .collect()
}

async fn send(http: &reqwest::Client, url: &str, upload: Upload) {
    let put = http
        .put(format!("{url}{ATTACHMENTS_PATH}/{}", upload.sha256))
        .bearer_auth(&upload.token)
        .body(upload.photo)
        .send()
        .await
        .expect("photo sent");
    assert!(put.status().is_success(), "photo: {}", put.status());
    let post = http
        .post(format!("{url}{REPORTS_PATH}"))
        .bearer_auth(&upload.token)
        .header(IDEMPOTENCY_KEY_HEADER, &upload.key)
        .json(&upload.body)
        .send()
        .await
        .expect("report sent");
    assert_eq!(post.status(), reqwest::StatusCode::CREATED, "report");
}

fn ingest(c: &mut Criterion) {
    let rt = Runtime::new().expect("tokio runtime");
    let (server, tokens) = rt.block_on(async {
        let server = TestServer::start(true).await;
        let mut tokens = Vec::new();
        for resident in 0..RESIDENTS {
            tokens.push(signed_in(&server.url(), resident).await.access_token);
        }
        (server, tokens)
    });
    let url = server.url();
    let base = base_photo();
    println!(
        "report ingest: photos of {} KB, {IN_FLIGHT} in flight",
        base.len() / 1024
    );
    let http = reqwest::Client::new();
    let mut round = 0u64;

    let mut group = c.benchmark_group("report_ingest");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .throughput(Throughput::Elements(REPORTS as u64))
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    group.bench_function(format!("{REPORTS}_reports_with_a_300kb_photo"), |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (http, url, tokens, base) = (&http, &url, &tokens, &base);
            round += 1;
            let round = round;
            async move {
                let mut timed = Duration::ZERO;
                for i in 0..iters {
                    let batch = uploads(tokens, base, round * 1_000 + i);
                    let start = Instant::now();
                    futures::stream::iter(batch)
                        .map(|upload| send(http, url, upload))
                        .buffer_unordered(IN_FLIGHT)
                        .collect::<()>()
                        .await;
                    timed += start.elapsed();
                }
                timed
            }
        });
    });
    group.finish();
    rt.block_on(async {
        server.server.shutdown().await.expect("shutdown");
    });
}

criterion_group!(benches, ingest);
criterion_main!(benches);
