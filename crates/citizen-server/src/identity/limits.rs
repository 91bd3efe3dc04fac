//! Rate limits and lockout on the sign-in and token endpoints, per client IP. In memory: a
//! replica forgets on restart, which errs towards letting residents in.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

#[derive(Debug, Clone, Copy)]
pub struct LimitsConfig {
    /// Requests per minute per IP to the sign-in and token endpoints.
    pub per_minute: u32,
    /// Failed grants (bad code, verifier or refresh token) before an IP is locked out.
    pub failures_before_lockout: u32,
    pub lockout: Duration,
}

pub struct Limits {
    config: LimitsConfig,
    rate: DefaultKeyedRateLimiter<IpAddr>,
    failures: Mutex<HashMap<IpAddr, (u32, Option<Instant>)>>,
}

/// Why a request was turned away, and when to come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    pub retry_after: Duration,
}

impl Limits {
    pub fn new(config: LimitsConfig) -> Limits {
        let per_minute = NonZeroU32::new(config.per_minute.max(1)).expect("at least one");
        Limits {
            config,
            rate: RateLimiter::keyed(Quota::per_minute(per_minute)),
            failures: Mutex::new(HashMap::new()),
        }
    }

    pub fn check(&self, ip: IpAddr) -> Result<(), Refused> {
        if let Some(until) = self.locked_until(ip) {
            return Err(Refused {
                retry_after: until.saturating_duration_since(Instant::now()),
            });
        }
        self.rate.check_key(&ip).map_err(|not_until| Refused {
            retry_after: not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            )),
        })
    }

    fn locked_until(&self, ip: IpAddr) -> Option<Instant> {
        let mut failures = self.failures.lock().expect("limits lock");
        match failures.get(&ip) {
            Some((_, Some(until))) if *until > Instant::now() => Some(*until),
            Some((_, Some(_))) => {
                failures.remove(&ip);
                None
            }
            _ => None,
        }
    }

    /// Counts a failed grant; returns true when this one locked the IP out.
    pub fn failed(&self, ip: IpAddr) -> bool {
        let mut failures = self.failures.lock().expect("limits lock");
        let entry = failures.entry(ip).or_insert((0, None));
        entry.0 += 1;
        if entry.0 >= self.config.failures_before_lockout && entry.1.is_none() {
            entry.1 = Some(Instant::now() + self.config.lockout);
            return true;
        }
        false
    }

    pub fn succeeded(&self, ip: IpAddr) {
        self.failures.lock().expect("limits lock").remove(&ip);
    }
}
