//! The load generator (`loadgen` binary): a province's morning played against a running server
//! on loopback — phones signing in, pulling their feeds, and delivering reports and dossiers with
//! photos — or a spike, when an announcement sends many times more phones to the app at once.
//! Bounded in time and in requests; see `docs/benchmarks.md` for the figures.

pub mod resident;
pub mod stats;

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::Rng;

use crate::sign_in::signed_in;
use resident::{Failed, Resident, Shared};
use stats::{Op, Outcome, SpikeSummary, Stats, Summary};

/// The share of each action in a phone's round (weights, not percentages).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mix {
    pub report: u32,
    pub dossier: u32,
    pub pull: u32,
    /// A phone signing in again (a new device, or a session that ended).
    pub sign_in: u32,
}

impl Default for Mix {
    fn default() -> Self {
        Mix {
            report: 4,
            dossier: 1,
            pull: 4,
            sign_in: 0,
        }
    }
}

impl std::str::FromStr for Mix {
    type Err = String;

    /// `report=4,dossier=1,pull=4,sign-in=1`; a name left out weighs 0.
    fn from_str(s: &str) -> Result<Mix, String> {
        let mut mix = Mix {
            report: 0,
            dossier: 0,
            pull: 0,
            sign_in: 0,
        };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, weight) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?}: expected name=weight"))?;
            let weight: u32 = weight
                .parse()
                .map_err(|_| format!("{part:?}: the weight is not a whole number"))?;
            match name.trim() {
                "report" => mix.report = weight,
                "dossier" => mix.dossier = weight,
                "pull" => mix.pull = weight,
                "sign-in" => mix.sign_in = weight,
                other => {
                    return Err(format!(
                        "unknown action {other:?} (report, dossier, pull, sign-in)"
                    ))
                }
            }
        }
        if mix.report + mix.dossier + mix.pull + mix.sign_in == 0 {
            return Err("every weight is 0".into());
        }
        Ok(mix)
    }
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Report,
    Dossier,
    Pull,
    SignIn,
}

impl Mix {
    fn pick(&self, rng: &mut impl Rng) -> Action {
        let total = self.report + self.dossier + self.pull + self.sign_in;
        let mut n = rng.random_range(0..total);
        for (weight, action) in [
            (self.report, Action::Report),
            (self.dossier, Action::Dossier),
            (self.pull, Action::Pull),
        ] {
            if n < weight {
                return action;
            }
            n -= weight;
        }
        Action::SignIn
    }
}

/// A spike: `clients` more phones from `start` for `length`.
#[derive(Debug, Clone, Copy)]
pub struct Spike {
    pub clients: usize,
    pub start: Duration,
    pub length: Duration,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub url: String,
    /// Phones for the whole run.
    pub clients: usize,
    pub duration: Duration,
    /// The run stops once this many requests were sent.
    pub max_requests: u64,
    pub mix: Mix,
    /// Mean pause between a phone's actions (exponentially distributed); zero for none.
    pub think: Duration,
    pub photo_bytes: usize,
    pub spike: Option<Spike>,
    /// What "recovered" means after a spike: every second's p99 under this.
    pub recovery_target: Duration,
}

/// Whether a URL's host is this machine: the generator refuses anything else.
pub fn is_loopback(url: &str) -> Result<(), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("{url:?}: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("{url:?}: not http(s)"));
    }
    match parsed.host() {
        Some(url::Host::Ipv4(ip)) if ip.is_loopback() => Ok(()),
        Some(url::Host::Ipv6(ip)) if ip.is_loopback() => Ok(()),
        Some(url::Host::Domain("localhost")) => Ok(()),
        _ => Err(format!(
            "{url:?} is not on loopback (127.0.0.0/8, ::1 or localhost): the load generator only \
             loads this machine"
        )),
    }
}

/// Signs a phone in as one of the sandbox's residents, timed as `Op::SignIn`. The sign-in
/// helpers panic on anything unexpected (they are the tests' too), so each runs in a task of its
/// own and a panic is the failure; one that names a 429 was shed, and waits and retries.
async fn sign_in(url: &str, number: usize, stats: &Stats, hard_stop: Instant) -> Option<String> {
    loop {
        let started = Instant::now();
        let url = url.to_owned();
        let resident = number % citizen_server::identity::sandbox::RESIDENTS.len();
        let outcome = tokio::spawn(async move { signed_in(&url, resident).await }).await;
        match outcome {
            Ok(tokens) => {
                stats.record(Op::SignIn, started, Outcome::Ok);
                return Some(tokens.access_token);
            }
            Err(e) => {
                let message = e
                    .try_into_panic()
                    .ok()
                    .and_then(|p| {
                        p.downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    })
                    .unwrap_or_default();
                if message.contains("429") {
                    stats.record(Op::SignIn, started, Outcome::Shed);
                    let wait =
                        Duration::from_secs(2).mul_f64(1.0 + rand::rng().random_range(0.0..0.5));
                    if Instant::now() + wait >= hard_stop {
                        return None;
                    }
                    tokio::time::sleep(wait).await;
                } else {
                    let first_line = message.lines().next().unwrap_or("panic").to_owned();
                    stats.record(Op::SignIn, started, Outcome::Error(first_line));
                    return None;
                }
            }
        }
    }
}

/// When a phone stops taking new actions: its time is up, or the run's request cap is reached.
struct Stop {
    at: Instant,
    requests: u64,
    stats: Arc<Stats>,
}

impl Stop {
    fn now(&self) -> bool {
        Instant::now() >= self.at || self.stats.requests() >= self.requests
    }
}

/// One phone's life: signed in (at `start`, measured, or before the clock, not measured), then
/// rounds of the mix until `stop`; the action under way when it comes is finished (an outbox item
/// is delivered, waits included, up to the hard stop).
async fn phone(
    shared: Arc<Shared>,
    number: usize,
    token: Option<String>,
    mix: Mix,
    think: Duration,
    stop: Stop,
) {
    let token = match token {
        Some(token) => token,
        None => match sign_in(&shared.url, number, &shared.stats, shared.hard_stop).await {
            Some(token) => token,
            None => return,
        },
    };
    let stats = shared.stats.clone();
    stats.client_started();
    let mut resident = Resident::new(shared.clone(), number, token);
    // The first round of a phone that opens the app is a sync.
    let mut action = Action::Pull;
    while !stop.now() {
        let result = match action {
            Action::Report => resident.submit_report().await,
            Action::Dossier => resident.submit_dossier().await,
            Action::Pull => resident.pull().await,
            Action::SignIn => {
                match sign_in(&shared.url, number, &shared.stats, shared.hard_stop).await {
                    Some(token) => {
                        resident = Resident::new(shared.clone(), number, token);
                        Ok(())
                    }
                    None => Err(Failed::Error),
                }
            }
        };
        if let Err(Failed::Busy(wait)) = result {
            // A pull turned away: the core's sync waits as long before it pulls again.
            let wait = wait.mul_f64(1.0 + rand::rng().random_range(0.0..0.5));
            tokio::time::sleep(wait).await;
        }
        if !think.is_zero() {
            let u: f64 = rand::rng().random_range(f64::EPSILON..1.0);
            let pause = think.mul_f64(-u.ln()).min(think * 10);
            tokio::time::sleep(pause).await;
        }
        action = mix.pick(&mut rand::rng());
    }
    stats.client_stopped();
}

/// Runs the plan against the server at `plan.url`; returns the figures.
pub async fn run(plan: &Plan) -> Result<Summary, String> {
    is_loopback(&plan.url)?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(usize::MAX)
        .build()
        .map_err(|e| e.to_string())?;
    // Not measured: what a phone has before the morning starts.
    let birth_registration = crate::dossiers::birth_registration(&plan.url).await;
    let photo = resident::Photo::of_size(plan.photo_bytes);
    let grace = Duration::from_secs(30);
    let prepared = Instant::now();
    // Phones of a spike were signed in before (residents who have the app): they sign in before
    // the clock starts, so the spike is the announcement's traffic, not a wave of sign-ins.
    let spike_tokens = match plan.spike {
        Some(spike) => {
            use futures::StreamExt;
            let warmup = Stats::new(prepared);
            let far = prepared + Duration::from_secs(3_600);
            let (url, warmup, first) = (&plan.url, &warmup, plan.clients);
            let tokens: Vec<Option<String>> = futures::stream::iter(0..spike.clients)
                .map(|n| sign_in(url, first + n, warmup, far))
                .buffered(32)
                .collect()
                .await;
            let tokens: Option<Vec<String>> = tokens.into_iter().collect();
            tokens.ok_or("a spike phone could not sign in before the run")?
        }
        None => Vec::new(),
    };
    let start = Instant::now();
    let stats = Arc::new(Stats::new(start));
    let end = start + plan.duration;
    let shared = Arc::new(Shared {
        url: plan.url.clone(),
        http,
        photo,
        birth_registration,
        stats: stats.clone(),
        hard_stop: end + grace,
    });
    let stop_at = |at: Instant| Stop {
        at,
        requests: plan.max_requests,
        stats: stats.clone(),
    };
    let mut phones = tokio::task::JoinSet::new();
    for n in 0..plan.clients {
        phones.spawn(phone(
            shared.clone(),
            n,
            None,
            plan.mix,
            plan.think,
            stop_at(end),
        ));
    }
    if let Some(spike) = plan.spike {
        let spike_start = start + spike.start;
        let spike_end = (spike_start + spike.length).min(end);
        for (i, token) in spike_tokens.into_iter().enumerate() {
            let (shared, mix, think, stop) =
                (shared.clone(), plan.mix, plan.think, stop_at(spike_end));
            let number = plan.clients + i;
            phones.spawn(async move {
                tokio::time::sleep_until(spike_start.into()).await;
                phone(shared, number, Some(token), mix, think, stop).await
            });
        }
    }
    let hard_stop = end + grace;
    let drained = tokio::time::timeout_at(hard_stop.into(), async {
        while phones.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!("phones still busy at the hard stop: aborted");
        phones.abort_all();
    }
    let elapsed = start
        .elapsed()
        .min(plan.duration)
        .max(Duration::from_millis(1));
    let mut summary = stats.summary(elapsed);
    if let Some(spike) = plan.spike {
        let spike_end = spike.start + spike.length;
        let baseline_p99_ms = summary.median_p99(Duration::from_secs(1), spike.start);
        let target_ms = (plan.recovery_target.as_secs_f64() * 1_000.0)
            .max(baseline_p99_ms.unwrap_or(0.0) * 1.5);
        summary.spike = Some(SpikeSummary {
            base_clients: plan.clients,
            spike_clients: spike.clients,
            spike_start_secs: spike.start.as_secs_f64(),
            spike_end_secs: spike_end.as_secs_f64(),
            shed: summary
                .timeline
                .iter()
                .filter(|s| s.at >= spike.start.as_secs() as usize)
                .map(|s| s.shed)
                .sum(),
            baseline_p99_ms,
            recovery_secs: summary.recovery_after(spike_end, target_ms),
            recovery_target_ms: target_ms,
        });
    }
    Ok(summary)
}
