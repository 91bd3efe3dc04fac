//! Outbox delivery on loopback: 1,000 dossiers queued on a signed-in core, each with its own photo,
//! then delivered to a real server (attachment `HEAD` + `PUT`, then the dossier `POST` under its
//! idempotency key, then the local bookkeeping). Only `Core::deliver_outbox()` is timed; queuing
//! happens before each iteration.
//!
//! Run with `cargo bench -p citizen-tests --bench outbox`; see docs/benchmarks.md.

use std::time::{Duration, Instant};

use citizen_protocol::forms::FieldValue;
use citizen_tests::browsers::SandboxBrowser;
use citizen_tests::dossiers::{birth_values, photo_of_size};
use citizen_tests::{open_core, TestServer};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use tokio::runtime::Runtime;

const DOSSIERS: usize = 1_000;

fn outbox(c: &mut Criterion) {
    let rt = Runtime::new().expect("tokio runtime");
    let data = tempfile::tempdir().expect("temp dir");
    let (server, core, procedure_id) = rt.block_on(async {
        let server = TestServer::start(true).await;
        let core = open_core(data.path(), &server.url()).await;
        core.sync().await.expect("catalogue");
        core.sign_in(&SandboxBrowser::as_resident(1))
            .await
            .expect("sign in");
        let hit = core.search("dang ky khai sinh").await.expect("search")[0].clone();
        (server, core, hit.id)
    });
    let mut round = 0u32;

    let mut group = c.benchmark_group("outbox");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    group.bench_function(format!("deliver_{DOSSIERS}"), |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let core = &core;
            let procedure_id = &procedure_id;
            round += 1;
            let round = round;
            async move {
                let mut timed = Duration::ZERO;
                for i in 0..iters {
                    let queuing = Instant::now();
                    for n in 0..DOSSIERS {
                        // A distinct photo per dossier: every one is uploaded.
                        let seed = ((round as usize * 7 + i as usize * 13 + n) % 251) as u8;
                        let mut bytes = photo_of_size(seed, 32, 24);
                        bytes.extend_from_slice(format!("{round}-{i}-{n}").as_bytes());
                        let certificate = core.attach("anh.jpg", bytes).await.expect("attach");
                        let mut values = birth_values(certificate);
                        values.insert(
                            "child_name".into(),
                            FieldValue::Text(format!("Trần Bảo An {n}")),
                        );
                        core.submit(procedure_id, values).await.expect("queue");
                    }
                    let queued = queuing.elapsed();
                    let start = Instant::now();
                    let delivery = core.deliver_outbox().await.expect("deliver");
                    timed += start.elapsed();
                    assert_eq!(delivery.sent as usize, DOSSIERS, "{delivery:?}");
                    println!("outbox: queued {DOSSIERS} in {queued:.2?} (not timed)");
                }
                timed
            }
        });
    });
    group.finish();
    rt.block_on(async {
        core.close().await;
        server.server.shutdown().await.expect("shutdown");
    });
}

criterion_group!(benches, outbox);
criterion_main!(benches);
