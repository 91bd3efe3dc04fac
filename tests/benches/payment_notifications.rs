//! Payment notifications on loopback: the gateway's IPNs for 200 invoices, 16 in flight, each
//! verified (HMAC-SHA512), reconciled in its own `BEGIN IMMEDIATE` transaction (payment, receipt
//! number, invoice, the dossier moved on, its event, the audit row), then the same 200 again, as a
//! gateway retrying slow answers does: recorded once, answered "02". The dossiers are submitted
//! before the clock starts.
//!
//! Run with `cargo bench -p citizen-tests --bench payment_notifications`; see docs/benchmarks.md.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use citizen_server::payments::{gateway, sandbox, signing};
use citizen_tests::dossiers::Resident;
use citizen_tests::payments::{submit_fee_dossier, FEE_VND};
use citizen_tests::{server_config, TestServer};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use futures::StreamExt;
use tokio::runtime::Runtime;

const INVOICES: usize = 200;
const IN_FLIGHT: usize = 16;
const SECRET: &str = "bench-gateway-secret";

/// The IPN query of a successful payment of `reference`, signed as the gateway signs it.
fn ipn(reference: &str, transaction_no: usize) -> BTreeMap<String, String> {
    let mut params: BTreeMap<String, String> = [
        ("vnp_TmnCode", sandbox::TMN_CODE.to_owned()),
        ("vnp_Amount", (FEE_VND * 100).to_string()),
        ("vnp_CurrCode", "VND".into()),
        ("vnp_TxnRef", reference.to_owned()),
        ("vnp_TransactionNo", transaction_no.to_string()),
        ("vnp_ResponseCode", "00".into()),
        ("vnp_TransactionStatus", "00".into()),
        ("vnp_BankCode", "NCB".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let hash = signing::sign(SECRET, &params, gateway::SIGNATURE);
    params.insert(gateway::SIGNATURE.into(), hash);
    params
}

async fn notify(http: &reqwest::Client, url: &str, params: &BTreeMap<String, String>, code: &str) {
    let answer: serde_json::Value = http
        .get(format!("{url}{}", gateway::IPN_PATH))
        .query(params)
        .send()
        .await
        .expect("IPN sent")
        .json()
        .await
        .expect("IPN answered");
    assert_eq!(answer["RspCode"], code, "{answer}");
}

fn notifications(c: &mut Criterion) {
    let rt = Runtime::new().expect("tokio runtime");
    let (server, resident) = rt.block_on(async {
        citizen_tests::init_logging();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = server_config(dir.path());
        config.gateway_secret = Some(SECRET.into());
        let server = TestServer {
            server: citizen_server::Server::start(&config)
                .await
                .expect("server starts"),
            dir,
        };
        let resident = Resident::signed_in(&server, 0).await;
        (server, resident)
    });
    let url = server.url();
    let http = reqwest::Client::new();
    let mut round = 0usize;

    let mut group = c.benchmark_group("payment_notifications");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .throughput(Throughput::Elements(2 * INVOICES as u64))
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    group.bench_function(format!("{INVOICES}_paid_then_{INVOICES}_repeated"), |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (http, url, resident) = (&http, &url, &resident);
            round += 1;
            let round = round;
            async move {
                let mut timed = Duration::ZERO;
                for i in 0..iters as usize {
                    let mut batch = Vec::with_capacity(INVOICES);
                    for n in 0..INVOICES {
                        let key = format!("bench-{round}-{i}-{n}");
                        let dossier = submit_fee_dossier(resident, &key).await;
                        let reference = dossier.invoice.expect("an invoice").reference;
                        batch.push(ipn(&reference, (round * 1_000 + i) * 1_000 + n));
                    }
                    let start = Instant::now();
                    for code in ["00", "02"] {
                        futures::stream::iter(&batch)
                            .map(|params| notify(http, url, params, code))
                            .buffer_unordered(IN_FLIGHT)
                            .collect::<()>()
                            .await;
                    }
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

criterion_group!(benches, notifications);
criterion_main!(benches);
