//! Load shedding: when an announcement sends a province to the app at once, the server keeps
//! answering quickly the requests it takes and turns the rest away early with `429 Too Many
//! Requests` and `Retry-After`, which the app's outbox and sync honour (they wait, then retry
//! under the same idempotency key), instead of letting every request queue until all of them
//! time out. Nothing has to be restarted or reset afterwards: a lane is a semaphore and a count.
//!
//! Requests go through one of three lanes, each with its own bound, so that a flood on one never
//! starves another:
//! - the residents' API (feeds, dossiers, reports, attachments, …);
//! - sign-in (`/oauth/…`, `/device…`, `/.well-known/…`): a resident who cannot sign in cannot
//!   use the app at all, and these pages already have a per-IP rate limit of their own;
//! - payment notifications from the bank and the gateway: money that arrives must never wait
//!   behind residents' photos. The bank and the gateway retry a notification that is not
//!   answered, so one shed in a flood of notifications themselves is delayed, not lost.
//!
//! `/healthz` is never shed (a load balancer must see a busy replica as alive), nor are the demo's
//! sandboxes, which this server calls itself during a sign-in: shedding those could make a
//! sign-in wait on a slot its own callback holds.

use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::error::{ErrorBody, ErrorCode};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::SheddingConfig;
use crate::identity::pages;
use crate::payments::{bank, gateway};

/// The lanes and how long a turned-away client should wait.
pub struct Shedding {
    api: Lane,
    sign_in: Lane,
    notifications: Lane,
    retry_after: HeaderValue,
    started: Instant,
}

/// Which lane a request takes, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaneName {
    Api,
    SignIn,
    Notifications,
}

impl Shedding {
    pub fn new(config: &SheddingConfig) -> Shedding {
        let lane = |name, in_flight: usize| Lane {
            name,
            slots: Arc::new(Semaphore::new(in_flight.max(1))),
            waiting: AtomicUsize::new(0),
            max_waiting: config.max_queue,
            max_wait: Duration::from_millis(config.max_queue_wait_ms),
            shed: AtomicU64::new(0),
            last_logged: AtomicU64::new(u64::MAX),
        };
        Shedding {
            api: lane(LaneName::Api, config.max_in_flight),
            sign_in: lane(LaneName::SignIn, config.sign_in_in_flight),
            notifications: lane(LaneName::Notifications, config.notifications_in_flight),
            retry_after: HeaderValue::from(config.retry_after.max(1)),
            started: Instant::now(),
        }
    }

    /// The lane for a path; `None` for what is never shed.
    pub fn lane_of(path: &str) -> Option<LaneName> {
        if path == "/healthz" || path.starts_with("/sandbox/") {
            None
        } else if path == gateway::IPN_PATH || path == bank::NOTIFICATIONS_PATH {
            Some(LaneName::Notifications)
        } else if path.starts_with("/oauth/")
            || path == "/device"
            || path.starts_with("/device/")
            || path.starts_with("/.well-known/")
        {
            Some(LaneName::SignIn)
        } else {
            Some(LaneName::Api)
        }
    }

    fn lane(&self, name: LaneName) -> &Lane {
        match name {
            LaneName::Api => &self.api,
            LaneName::SignIn => &self.sign_in,
            LaneName::Notifications => &self.notifications,
        }
    }

    /// Requests turned away so far, per lane (API, sign-in, notifications).
    pub fn shed_counts(&self) -> [u64; 3] {
        [&self.api, &self.sign_in, &self.notifications].map(|l| l.shed.load(Ordering::Relaxed))
    }
}

struct Lane {
    name: LaneName,
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    max_waiting: usize,
    max_wait: Duration,
    shed: AtomicU64,
    /// The second (since start) of the last log line, so a flood logs once a second, not once a
    /// request.
    last_logged: AtomicU64,
}

/// Why a request was turned away (for the log).
#[derive(Debug, Clone, Copy)]
enum Turned {
    QueueFull,
    WaitedTooLong,
}

impl Lane {
    async fn admit(&self) -> Result<OwnedSemaphorePermit, Turned> {
        // The semaphore is fair: while requests wait, a newcomer cannot take a freed slot first.
        if let Ok(permit) = self.slots.clone().try_acquire_owned() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(Turned::QueueFull);
        }
        let waited = tokio::time::timeout(self.max_wait, self.slots.clone().acquire_owned()).await;
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        match waited {
            Ok(Ok(permit)) => Ok(permit),
            // The semaphore is never closed; a timeout is the only way here.
            _ => Err(Turned::WaitedTooLong),
        }
    }

    fn note_shed(&self, turned: Turned, started: Instant) {
        let total = self.shed.fetch_add(1, Ordering::Relaxed) + 1;
        let second = started.elapsed().as_secs();
        if self.last_logged.swap(second, Ordering::Relaxed) != second {
            tracing::warn!(lane = ?self.name, why = ?turned, shed_so_far = total, waiting = self.waiting.load(Ordering::Relaxed), "shedding load: 429");
        }
    }
}

/// The middleware: takes a slot in the request's lane (waiting a bounded time in a bounded
/// queue), or answers 429 at once.
pub async fn shed(State(shedding): State<Arc<Shedding>>, request: Request, next: Next) -> Response {
    let Some(name) = Shedding::lane_of(request.uri().path()) else {
        return next.run(request).await;
    };
    let lane = shedding.lane(name);
    match lane.admit().await {
        Ok(permit) => {
            let response = next.run(request).await;
            drop(permit);
            response
        }
        Err(turned) => {
            lane.note_shed(turned, shedding.started);
            let locale = pages::locale(request.headers());
            // A turned-away request's body (a photo, say) is read and dropped before the answer.
            // Left unread, hyper closes the connection with bytes still in its buffer, the
            // kernel resets it, and the client may lose the 429 itself, or send its next request
            // down the closing connection: under a spike that failed requests nobody turned
            // away. A body too large or too slow to drop gets `Connection: close` instead.
            let drained = drain(request.into_body()).await;
            let mut response = busy(locale, shedding.retry_after.clone());
            if !drained {
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            response
        }
    }
}

/// The answer to a request turned away because the server is busy, here or deeper in
/// (`ServerError::Busy`): `429`, `Retry-After`, `ErrorCode::ServerBusy` in the resident's words.
pub fn busy(locale: pages::Locale, retry_after: HeaderValue) -> Response {
    let body = ErrorBody::new(
        ErrorCode::ServerBusy,
        pages::error_text(locale, ErrorCode::ServerBusy),
    );
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, retry_after);
    response
}

/// The most of a turned-away body read and dropped (a photo is at most a few megabytes), and
/// for how long.
const DRAIN_AT_MOST: u64 = 8 * 1024 * 1024;
const DRAIN_FOR: Duration = Duration::from_secs(2);

/// Reads `body` to its end, keeping nothing; false when it is longer than `DRAIN_AT_MOST`, takes
/// longer than `DRAIN_FOR`, or breaks.
async fn drain(mut body: Body) -> bool {
    let to_the_end = async {
        let mut read = 0u64;
        loop {
            match std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
                None => return true,
                Some(Ok(frame)) => {
                    read += frame.data_ref().map_or(0, |data| data.len() as u64);
                    if read > DRAIN_AT_MOST {
                        return false;
                    }
                }
                Some(Err(_)) => return false,
            }
        }
    };
    tokio::time::timeout(DRAIN_FOR, to_the_end)
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(in_flight: usize, queue: usize, wait_ms: u64) -> SheddingConfig {
        SheddingConfig {
            max_in_flight: in_flight,
            max_queue: queue,
            max_queue_wait_ms: wait_ms,
            retry_after: 1,
            sign_in_in_flight: in_flight,
            notifications_in_flight: in_flight,
        }
    }

    #[test]
    fn health_and_sandboxes_are_never_shed_and_money_and_sign_in_have_their_own_lanes() {
        assert_eq!(Shedding::lane_of("/healthz"), None);
        assert_eq!(Shedding::lane_of("/sandbox/eid/token"), None);
        assert_eq!(
            Shedding::lane_of(gateway::IPN_PATH),
            Some(LaneName::Notifications)
        );
        assert_eq!(
            Shedding::lane_of(bank::NOTIFICATIONS_PATH),
            Some(LaneName::Notifications)
        );
        assert_eq!(Shedding::lane_of("/oauth/token"), Some(LaneName::SignIn));
        assert_eq!(Shedding::lane_of("/device"), Some(LaneName::SignIn));
        assert_eq!(Shedding::lane_of("/api/v1/reports"), Some(LaneName::Api));
        assert_eq!(Shedding::lane_of("/devices"), Some(LaneName::Api));
    }

    #[tokio::test]
    async fn a_full_queue_turns_away_and_a_freed_slot_admits_again() {
        let shedding = Shedding::new(&config(1, 1, 60_000));
        let lane = shedding.lane(LaneName::Api);
        let first = lane.admit().await.expect("a free slot");
        // The second waits in the queue; the third finds it full.
        let second = tokio::spawn({
            let slots = lane.slots.clone();
            async move { slots.acquire_owned().await }
        });
        lane.waiting.fetch_add(1, Ordering::AcqRel);
        assert!(matches!(lane.admit().await, Err(Turned::QueueFull)));
        lane.waiting.fetch_sub(1, Ordering::AcqRel);
        drop(first);
        drop(second.await.unwrap().unwrap());
        assert!(lane.admit().await.is_ok(), "the lane recovers by itself");
    }

    #[tokio::test]
    async fn a_request_waits_no_longer_than_the_bound() {
        let shedding = Shedding::new(&config(1, 10, 20));
        let lane = shedding.lane(LaneName::Api);
        let _held = lane.admit().await.expect("a free slot");
        assert!(matches!(lane.admit().await, Err(Turned::WaitedTooLong)));
        assert_eq!(lane.waiting.load(Ordering::Acquire), 0, "the waiter left");
        // Another lane is not affected.
        assert!(shedding.lane(LaneName::Notifications).admit().await.is_ok());
    }
}
