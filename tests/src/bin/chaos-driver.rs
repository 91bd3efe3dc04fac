//! The app's core in a process of its own, for the chaos test (`tests/chaos.rs`), which kills it
//! with SIGKILL at random:
//!
//! `chaos-driver <data-dir> <server-url> <seed> <from> <to>`
//!
//! opens `citizen_core::Core` on the data directory as `citizen_tests::open_core` does (the
//! refresh token in the kernel keyring it shares with the test that signed in), and does what a
//! resident and the shell do: items `from..to` are queued one after another through the core's
//! public API (`attach`, then `submit`, `submit_report` or `answer_dossier`), each followed by a
//! delivery round as the shell's `dossier_submit` starts one, while `background_round` runs
//! every `ROUND_EVERY` as the shell's `sync_forever` does. Then it waits for the outbox to empty.
//!
//! Item `i` of a seed is always the same: its kind, its words and its photos, whose bytes are
//! drawn from `(seed, i)` so that no two items share a photo. Every photo is named
//! `chaos-<i>-<n>.jpg`, which is how the test finds an item in the device's outbox. Answers need
//! a dossier an officer asked about; an item drawn as an answer when none waits is a dossier.
//!
//! Stdout gets `queued <i> <kind> <outbox id>` once `submit` has returned, then `delivered` when
//! the outbox is empty (exit 0). Logs (`CITIZEN_LOG`, default info) go to stderr. Exits 3 when
//! queuing fails; a failed round is logged and the next one runs, as in the shell.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use citizen_core::{Core, CoreError};
use citizen_protocol::dossiers::{AnswerDossier, DossierStatus};
use citizen_protocol::forms::AttachmentRef;
use citizen_protocol::ipc::OutboxKind;
use citizen_protocol::reports::{GeoPoint, SubmitReport};
use citizen_tests::dossiers::birth_values;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tracing_subscriber::EnvFilter;

/// How often the background round runs (the shell's `--sync-interval`, shortened).
const ROUND_EVERY: Duration = Duration::from_millis(500);
/// A resident does not queue a thousand items at once: queuing waits while this many wait, so
/// that queuing and delivery interleave all through the run.
const BACKLOG: u32 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dossier,
    Report,
    Answer,
}

/// Item `index` of run `seed`: its own generator.
fn draws(seed: u64, index: u64) -> StdRng {
    StdRng::seed_from_u64(seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

fn kind(rng: &mut StdRng) -> Kind {
    match rng.random_range(0..100) {
        0..45 => Kind::Dossier,
        45..85 => Kind::Report,
        _ => Kind::Answer,
    }
}

/// A small real JPEG of noise (64 × 48, about 7 KB), never the same twice.
fn photo(rng: &mut StdRng) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(64, 48, |_, _| {
        image::Rgb([rng.random(), rng.random(), rng.random()])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&picture)
        .expect("JPEG encodes");
    out
}

async fn attach(core: &Core, index: u64, n: usize, rng: &mut StdRng) -> AttachmentRef {
    let name = format!("chaos-{index:04}-{n}.jpg");
    core.attach(&name, photo(rng))
        .await
        .unwrap_or_else(|e| fail("attach", e))
}

/// Queues item `index`; returns its kind and outbox id.
async fn queue(
    core: &Core,
    seed: u64,
    index: u64,
    procedure_id: &str,
    answered: &mut HashSet<String>,
) -> (Kind, String) {
    let mut rng = draws(seed, index);
    let mut kind = kind(&mut rng);
    let mut awaiting = None;
    if kind == Kind::Answer {
        awaiting = awaiting_answer(core, answered).await;
        if awaiting.is_none() {
            kind = Kind::Dossier;
        }
    }
    let id = match kind {
        Kind::Dossier => {
            let certificate = attach(core, index, 1, &mut rng).await;
            core.submit(procedure_id, birth_values(certificate)).await
        }
        Kind::Report => {
            let mut photos = Vec::new();
            for n in 1..=rng.random_range(1..=3) {
                photos.push(attach(core, index, n, &mut rng).await);
            }
            core.submit_report(SubmitReport {
                category: "chieu-sang".into(),
                title: format!("Đèn đường không sáng ({index})"),
                description: "Cột đèn trước số 12 Lê Lợi tắt từ tối thứ Hai.".into(),
                photos,
                // Lê Lợi street by the Perfume River, central Huế.
                location: Some(GeoPoint {
                    lat: 16.4637,
                    lon: 107.5909,
                }),
                address: None,
                public: rng.random_bool(0.5),
            })
            .await
        }
        Kind::Answer => {
            let dossier_id = awaiting.expect("a dossier awaits an answer");
            let photo = attach(core, index, 1, &mut rng).await;
            answered.insert(dossier_id.clone());
            core.answer_dossier(
                &dossier_id,
                AnswerDossier {
                    message: format!("Tôi gửi bổ sung giấy chứng sinh ({index})."),
                    attachments: vec![photo],
                },
            )
            .await
        }
    };
    (kind, id.unwrap_or_else(|e| fail("queue", e)))
}

/// A dossier the officer asked about, which no answer queued on this device (waiting, or sent
/// by this process) has answered yet.
async fn awaiting_answer(core: &Core, answered: &HashSet<String>) -> Option<String> {
    let mine = core
        .my_dossiers()
        .await
        .unwrap_or_else(|e| fail("my dossiers", e));
    let waiting: HashSet<&str> = mine
        .outbox
        .iter()
        .filter(|item| item.kind == OutboxKind::Answer)
        .filter_map(|item| item.dossier_id.as_deref())
        .collect();
    mine.dossiers
        .iter()
        .filter(|d| d.status == DossierStatus::NeedsInfo)
        .map(|d| &d.id)
        .find(|id| !waiting.contains(id.as_str()) && !answered.contains(*id))
        .cloned()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, data_dir, server_url, seed, from, to] = args.as_slice() else {
        usage();
    };
    let (Ok(seed), Ok(from), Ok(to)) = (seed.parse(), from.parse(), to.parse()) else {
        usage();
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("CITIZEN_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let core = Arc::new(citizen_tests::open_core(Path::new(data_dir), server_url).await);
    tracing::info!(from, to, "driver: core open");
    let procedure_id = core
        .search("dang ky khai sinh")
        .await
        .unwrap_or_else(|e| fail("search", e))
        .first()
        .map(|p| p.id.clone())
        .unwrap_or_else(|| {
            tracing::error!("driver: no birth registration in the local catalogue");
            std::process::exit(3)
        });

    // The shell's `sync_forever`.
    let rounds = tokio::spawn({
        let core = core.clone();
        async move {
            loop {
                // As the shell: a round the network spoiled is logged, and the next one runs.
                if let Err(e) = core.background_round().await {
                    tracing::warn!(code = e.code().as_str(), error = %e, "driver: round failed");
                }
                tokio::time::sleep(ROUND_EVERY).await;
            }
        }
    });
    // The shell's `dossier_submit` starts a round after queuing; one at a time, coalesced.
    let submitted = Arc::new(tokio::sync::Notify::new());
    let deliveries = tokio::spawn({
        let core = core.clone();
        let submitted = submitted.clone();
        async move {
            loop {
                submitted.notified().await;
                if let Err(e) = core.deliver_outbox().await {
                    tracing::warn!(code = e.code().as_str(), error = %e, "driver: delivery failed");
                }
            }
        }
    });

    let mut answered = HashSet::new();
    for index in from..to {
        while waiting(&core).await >= BACKLOG {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let (kind, id) = queue(&core, seed, index, &procedure_id, &mut answered).await;
        say(&format!("queued {index} {kind:?} {id}"));
        submitted.notify_one();
    }
    while waiting(&core).await > 0 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // As the shell on its way out: the background work stopped and the core closed before the
    // process ends.
    rounds.abort();
    deliveries.abort();
    let _ = tokio::join!(rounds, deliveries);
    core.close().await;
    say("delivered");
    std::process::exit(0);
}

async fn waiting(core: &Core) -> u32 {
    core.outbox_count()
        .await
        .unwrap_or_else(|e| fail("outbox count", e))
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

fn fail(what: &str, e: CoreError) -> ! {
    tracing::error!(code = e.code().as_str(), error = %e, "driver: {what} failed");
    std::process::exit(3);
}

fn usage() -> ! {
    eprintln!("usage: chaos-driver <data-dir> <server-url> <seed> <from> <to>");
    std::process::exit(2);
}
