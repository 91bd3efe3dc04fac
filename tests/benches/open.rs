//! Opening the core, as the app does at every start: `Core::open` then `Core::close` on a data
//! directory with the demo catalogue synced. `signed_out` opens the device's store only;
//! `signed_in` also restores the session: the keyring read for the refresh token and the store
//! key, and the citizen's own store opened (SQLCipher under that key, since issue 8) with a
//! dossier, a photo and a field report in it. No request reaches the server while opening.
//!
//! Run with `cargo bench -p citizen-tests --bench open`; see docs/benchmarks.md.

use std::time::Duration;

use citizen_protocol::reports::{GeoPoint, SubmitReport};
use citizen_tests::browsers::SandboxBrowser;
use citizen_tests::dossiers::{birth_values, photo_of_size};
use citizen_tests::{open_core, TestServer};
use criterion::{criterion_group, criterion_main, Criterion};
use tokio::runtime::Runtime;

fn open(c: &mut Criterion) {
    let rt = Runtime::new().expect("tokio runtime");
    let signed_out = tempfile::tempdir().expect("temp dir");
    let signed_in = tempfile::tempdir().expect("temp dir");
    let server = rt.block_on(async {
        let server = TestServer::start(true).await;
        let core = open_core(signed_out.path(), &server.url()).await;
        core.sync().await.expect("catalogue");
        core.close().await;
        let core = open_core(signed_in.path(), &server.url()).await;
        core.sync().await.expect("catalogue");
        core.sign_in(&SandboxBrowser::as_resident(1))
            .await
            .expect("sign in");
        let hit = core.search("dang ky khai sinh").await.expect("search")[0].clone();
        let photo = core
            .attach("anh.jpg", photo_of_size(5, 1_200, 900))
            .await
            .expect("attach");
        core.submit(&hit.id, birth_values(photo.clone()))
            .await
            .expect("queue");
        core.submit_report(SubmitReport {
            category: "chieu-sang".into(),
            title: "Đèn đường không sáng".into(),
            description: "Ba cột đèn tắt.".into(),
            photos: vec![photo],
            location: Some(GeoPoint {
                lat: 16.4637,
                lon: 107.5909,
            }),
            address: None,
            public: false,
        })
        .await
        .expect("report");
        core.background_round().await.expect("delivered and synced");
        core.close().await;
        server
    });

    let mut group = c.benchmark_group("open");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for (name, dir) in [("signed_out", &signed_out), ("signed_in", &signed_in)] {
        group.bench_function(name, |b| {
            b.to_async(&rt).iter(|| async {
                let core = open_core(dir.path(), &server.url()).await;
                core.close().await;
            })
        });
    }
    group.finish();
    rt.block_on(async {
        let core = open_core(signed_in.path(), &server.url()).await;
        assert!(
            core.status().await.expect("status").session.is_some(),
            "still signed in after every open"
        );
        core.sign_out().await.expect("sign out");
        core.close().await;
        server.server.shutdown().await.expect("shutdown");
    });
}

criterion_group!(benches, open);
criterion_main!(benches);
