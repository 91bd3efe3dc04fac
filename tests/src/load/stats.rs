//! What the load generator measures: per operation, latencies in an HDR histogram (microseconds),
//! successes, requests shed (429) and errors by kind; per second of the run, the same for every
//! request, which is what recovery after a spike is read from.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use serde::Serialize;

/// One kind of request (or, for the `*-submission` ones, a whole outbox item: its photo and its
/// body, waits after 429 included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Op {
    SignIn,
    CatalogPull,
    DossierFeed,
    ReportFeed,
    AttachmentHead,
    AttachmentPut,
    ReportPost,
    DossierPost,
    ReportSubmission,
    DossierSubmission,
}

impl Op {
    /// Whole items, not requests: left out of the request counts and the per-second timeline.
    pub fn is_item(self) -> bool {
        matches!(self, Op::ReportSubmission | Op::DossierSubmission)
    }
}

/// How one request ended.
pub enum Outcome {
    Ok,
    /// 429: the server turned it away for now.
    Shed,
    Error(String),
}

fn histogram() -> Histogram<u64> {
    // 1 µs to 10 min at 3 significant digits.
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("histogram bounds")
}

struct OpStats {
    latency: Histogram<u64>,
    ok: u64,
    shed: u64,
    errors: u64,
}

struct Second {
    latency: Histogram<u64>,
    ok: u64,
    shed: u64,
    errors: u64,
    clients: u64,
}

#[derive(Default)]
struct Inner {
    ops: BTreeMap<Op, OpStats>,
    errors: BTreeMap<String, u64>,
    seconds: Vec<Second>,
}

pub struct Stats {
    inner: Mutex<Inner>,
    start: Instant,
    requests: AtomicU64,
    clients: AtomicU64,
}

impl Stats {
    pub fn new(start: Instant) -> Stats {
        Stats {
            inner: Mutex::new(Inner::default()),
            start,
            requests: AtomicU64::new(0),
            clients: AtomicU64::new(0),
        }
    }

    /// Requests sent so far (every answer and every failure), for the request cap.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    pub fn client_started(&self) {
        self.clients.fetch_add(1, Ordering::Relaxed);
    }

    pub fn client_stopped(&self) {
        self.clients.fetch_sub(1, Ordering::Relaxed);
    }

    pub fn record(&self, op: Op, started: Instant, outcome: Outcome) {
        let now = Instant::now();
        let micros = now.duration_since(started).as_micros().max(1) as u64;
        if !op.is_item() {
            self.requests.fetch_add(1, Ordering::Relaxed);
        }
        let second = now.duration_since(self.start).as_secs() as usize;
        let clients = self.clients.load(Ordering::Relaxed);
        let mut inner = self.inner.lock().expect("stats lock");
        let stats = inner.ops.entry(op).or_insert_with(|| OpStats {
            latency: histogram(),
            ok: 0,
            shed: 0,
            errors: 0,
        });
        match &outcome {
            Outcome::Ok => {
                stats.ok += 1;
                stats.latency.saturating_record(micros);
            }
            Outcome::Shed => stats.shed += 1,
            Outcome::Error(_) => {
                stats.errors += 1;
                stats.latency.saturating_record(micros);
            }
        }
        if let Outcome::Error(kind) = &outcome {
            *inner.errors.entry(format!("{op:?}: {kind}")).or_default() += 1;
        }
        if op.is_item() {
            return;
        }
        while inner.seconds.len() <= second {
            inner.seconds.push(Second {
                latency: histogram(),
                ok: 0,
                shed: 0,
                errors: 0,
                clients: 0,
            });
        }
        let s = &mut inner.seconds[second];
        s.clients = s.clients.max(clients);
        match outcome {
            Outcome::Ok => {
                s.ok += 1;
                s.latency.saturating_record(micros);
            }
            Outcome::Shed => s.shed += 1,
            Outcome::Error(_) => {
                s.errors += 1;
                s.latency.saturating_record(micros);
            }
        }
    }

    /// The figures, over `elapsed` of measured time.
    pub fn summary(&self, elapsed: Duration) -> Summary {
        let inner = self.inner.lock().expect("stats lock");
        let secs = elapsed.as_secs_f64().max(1e-9);
        let ms = |h: &Histogram<u64>, q: f64| h.value_at_quantile(q) as f64 / 1000.0;
        let ops = inner
            .ops
            .iter()
            .map(|(op, s)| {
                (
                    *op,
                    OpSummary {
                        ok: s.ok,
                        shed: s.shed,
                        errors: s.errors,
                        per_second: s.ok as f64 / secs,
                        p50_ms: ms(&s.latency, 0.50),
                        p90_ms: ms(&s.latency, 0.90),
                        p99_ms: ms(&s.latency, 0.99),
                        max_ms: s.latency.max() as f64 / 1000.0,
                    },
                )
            })
            .collect();
        let timeline = inner
            .seconds
            .iter()
            .enumerate()
            .map(|(at, s)| SecondSummary {
                at,
                clients: s.clients,
                ok: s.ok,
                shed: s.shed,
                errors: s.errors,
                p99_ms: (s.ok + s.errors > 0).then(|| ms(&s.latency, 0.99)),
            })
            .collect();
        let requests: Vec<&OpStats> = inner
            .ops
            .iter()
            .filter(|(op, _)| !op.is_item())
            .map(|(_, s)| s)
            .collect();
        let mut all = histogram();
        for s in &requests {
            all.add(&s.latency).expect("same bounds");
        }
        Summary {
            elapsed_secs: elapsed.as_secs_f64(),
            requests: requests.iter().map(|s| s.ok + s.shed + s.errors).sum(),
            errors: requests.iter().map(|s| s.errors).sum(),
            shed: requests.iter().map(|s| s.shed).sum(),
            requests_per_second: requests.iter().map(|s| s.ok).sum::<u64>() as f64 / secs,
            p50_ms: ms(&all, 0.50),
            p99_ms: ms(&all, 0.99),
            max_ms: all.max() as f64 / 1000.0,
            ops,
            error_kinds: inner.errors.clone(),
            timeline,
            spike: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OpSummary {
    pub ok: u64,
    /// Answered 429.
    pub shed: u64,
    pub errors: u64,
    /// Successes per second of the run.
    pub per_second: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SecondSummary {
    /// Seconds since the start of the measured run.
    pub at: usize,
    pub clients: u64,
    pub ok: u64,
    pub shed: u64,
    pub errors: u64,
    /// Of the requests the server took (not the 429s); none when it took none.
    pub p99_ms: Option<f64>,
}

/// What a spike did and how long the server took to be fast again.
#[derive(Debug, Clone, Serialize)]
pub struct SpikeSummary {
    pub base_clients: usize,
    pub spike_clients: usize,
    pub spike_start_secs: f64,
    pub spike_end_secs: f64,
    /// Requests answered 429 during and after the spike.
    pub shed: u64,
    /// The median per-second p99 before the spike (its first second, the sign-ins, aside).
    pub baseline_p99_ms: Option<f64>,
    /// From the spike's end until the first of `STEADY_SECONDS` seconds in a row whose p99 (of
    /// the requests taken) is under the target; `None` if that never happened within the run.
    pub recovery_secs: Option<f64>,
    /// `--recovery-target-ms`, or half again the baseline when that is higher: a server that
    /// was already saturated before the spike has recovered when it is back where it was.
    pub recovery_target_ms: f64,
}

/// The machine-readable summary the load generator prints.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub elapsed_secs: f64,
    /// Requests sent (answered, shed or failed).
    pub requests: u64,
    /// Failed requests other than 429: the figure that must be zero.
    pub errors: u64,
    pub shed: u64,
    /// Requests the server took, per second.
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub ops: BTreeMap<Op, OpSummary>,
    pub error_kinds: BTreeMap<String, u64>,
    pub timeline: Vec<SecondSummary>,
    pub spike: Option<SpikeSummary>,
}

impl Summary {
    /// Seconds from `end` until the first of `STEADY_SECONDS` seconds in a row whose p99 is
    /// under `target_ms` (seconds in which the server took nothing do not count either way).
    pub fn recovery_after(&self, end: Duration, target_ms: f64) -> Option<f64> {
        let from = end.as_secs() as usize;
        let seconds: Vec<&SecondSummary> = self
            .timeline
            .iter()
            .filter(|s| s.at >= from && s.p99_ms.is_some())
            .collect();
        let recovered_at = seconds
            .windows(STEADY_SECONDS)
            .find(|run| run.iter().all(|s| s.p99_ms.is_some_and(|p| p < target_ms)))?[0]
            .at;
        Some((recovered_at as f64 - end.as_secs_f64()).max(0.0))
    }

    /// The median of the per-second p99s in `[from, to)`: what the server did before a spike.
    pub fn median_p99(&self, from: Duration, to: Duration) -> Option<f64> {
        let mut p99s: Vec<f64> = self
            .timeline
            .iter()
            .filter(|s| s.at >= from.as_secs() as usize && s.at < to.as_secs() as usize)
            .filter_map(|s| s.p99_ms)
            .collect();
        p99s.sort_by(f64::total_cmp);
        p99s.get(p99s.len() / 2).copied()
    }
}

/// Recovered means this many seconds in a row under the target: one slow second later (a
/// checkpoint, say) does not undo it.
pub const STEADY_SECONDS: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(p99s: &[Option<f64>]) -> Summary {
        Summary {
            elapsed_secs: p99s.len() as f64,
            requests: 0,
            errors: 0,
            shed: 0,
            requests_per_second: 0.0,
            p50_ms: 0.0,
            p99_ms: 0.0,
            max_ms: 0.0,
            ops: BTreeMap::new(),
            error_kinds: BTreeMap::new(),
            timeline: p99s
                .iter()
                .enumerate()
                .map(|(at, p)| SecondSummary {
                    at,
                    clients: 1,
                    ok: 1,
                    shed: 0,
                    errors: 0,
                    p99_ms: *p,
                })
                .collect(),
            spike: None,
        }
    }

    #[test]
    fn recovery_is_the_first_of_five_steady_seconds() {
        let s = summary(&[
            Some(10.0),
            Some(900.0),
            Some(300.0),
            Some(20.0),
            Some(150.0),
            None,
            Some(30.0),
            Some(40.0),
            Some(30.0),
            Some(40.0),
            Some(30.0),
            Some(400.0),
        ]);
        // From second 1: 20 ms at 3 is followed by 150 ms; from 6 on, five seconds under.
        assert_eq!(s.recovery_after(Duration::from_secs(1), 100.0), Some(5.0));
        // A looser target: the run from 2 (300 ms is under 500) already holds.
        assert_eq!(s.recovery_after(Duration::from_secs(1), 500.0), Some(1.0));
        let never = summary(&[Some(10.0), Some(500.0), Some(10.0)]);
        assert_eq!(never.recovery_after(Duration::from_secs(1), 100.0), None);
        assert_eq!(
            s.median_p99(Duration::from_secs(0), Duration::from_secs(5)),
            Some(150.0)
        );
    }
}
