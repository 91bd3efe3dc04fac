//! The app's core in a process of its own, for tests that kill it at any instant:
//! `outbox-driver <data-dir> <server-url> deliver` opens `citizen_core::Core` on the data
//! directory as `citizen_tests::open_core` does (the refresh token in the kernel keyring, which a
//! child shares with the test that signed in) and delivers the outbox until nothing waits, then
//! exits 0. Logs (`CITIZEN_LOG`, default info) go to stderr. Exits 3 when delivery fails (signed
//! out, say), 4 when the outbox is not empty after a minute.

use std::path::Path;
use std::time::{Duration, Instant};

use tracing_subscriber::EnvFilter;

const PATIENCE: Duration = Duration::from_secs(60);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, data_dir, server_url, command] = args.as_slice() else {
        usage();
    };
    if command != "deliver" {
        usage();
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("CITIZEN_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let core = citizen_tests::open_core(Path::new(data_dir), server_url).await;
    tracing::info!("driver: core open");
    let give_up = Instant::now() + PATIENCE;
    loop {
        let delivery = core.deliver_outbox().await.unwrap_or_else(|e| fail(e));
        let waiting = core.outbox_count().await.unwrap_or_else(|e| fail(e));
        tracing::info!(
            sent = delivery.sent,
            refused = delivery.refused,
            waiting,
            "driver: round done"
        );
        if waiting == 0 {
            break;
        }
        if Instant::now() > give_up {
            tracing::error!(waiting, "driver: the outbox did not empty");
            std::process::exit(4);
        }
        if delivery.sent == 0 {
            // What waits is not due yet (backing off): no need to knock at once.
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    core.close().await;
}

fn fail(e: citizen_core::CoreError) -> ! {
    tracing::error!(code = e.code().as_str(), error = %e, "driver: delivery failed");
    std::process::exit(3);
}

fn usage() -> ! {
    eprintln!("usage: outbox-driver <data-dir> <server-url> deliver");
    std::process::exit(2);
}
