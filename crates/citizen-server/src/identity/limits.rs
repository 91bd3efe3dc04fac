//! Rate limits and lockout on the sign-in and token endpoints, per client IP.
//!
//! The lockout (failed grants counted, then the IP refused for a while) is in the database, so
//! every replica behind the load balancer counts the same failures and keeps the same lockout.
//! The request rate is counted in memory, per replica: with N replicas an IP gets up to N times
//! `per_minute` across them, and a replica forgets on restart, which errs towards letting
//! residents in. The lockout is what stops guessing; the rate only smooths bursts.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::secrets::now;
use crate::db::Db;
use crate::error::ServerError;

#[derive(Debug, Clone, Copy)]
pub struct LimitsConfig {
    /// Requests per minute per IP to the sign-in and token endpoints (per replica).
    pub per_minute: u32,
    /// Failed grants (bad code, verifier or refresh token) before an IP is locked out.
    pub failures_before_lockout: u32,
    pub lockout: Duration,
}

pub struct Limits {
    config: LimitsConfig,
    rate: DefaultKeyedRateLimiter<IpAddr>,
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
        }
    }

    pub async fn check(&self, db: &Db, ip: IpAddr) -> Result<Result<(), Refused>, ServerError> {
        let key = ip.to_string();
        let locked: Option<Option<i64>> =
            sqlx::query_scalar("SELECT locked_until FROM sign_in_failures WHERE ip = $1")
                .bind(&key)
                .fetch_optional(db)
                .await?;
        if let Some(Some(until)) = locked {
            let now = now();
            if until > now {
                return Ok(Err(Refused {
                    retry_after: Duration::from_secs((until - now) as u64),
                }));
            }
            // Served out: the count starts again.
            sqlx::query("DELETE FROM sign_in_failures WHERE ip = $1 AND locked_until = $2")
                .bind(&key)
                .bind(until)
                .execute(db)
                .await?;
        }
        Ok(self.rate.check_key(&ip).map_err(|not_until| Refused {
            retry_after: not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            )),
        }))
    }

    /// Counts a failed grant; returns true when this one locked the IP out.
    pub async fn failed(&self, db: &Db, ip: IpAddr) -> Result<bool, ServerError> {
        let key = ip.to_string();
        let (failures, locked): (i64, Option<i64>) = sqlx::query_as(
            "INSERT INTO sign_in_failures (ip, failures) VALUES ($1, 1)
             ON CONFLICT (ip) DO UPDATE SET failures = sign_in_failures.failures + 1
             RETURNING failures, locked_until",
        )
        .bind(&key)
        .fetch_one(db)
        .await?;
        if failures < i64::from(self.config.failures_before_lockout) || locked.is_some() {
            return Ok(false);
        }
        let until = now() + self.config.lockout.as_secs() as i64;
        let locked = sqlx::query(
            "UPDATE sign_in_failures SET locked_until = $2 WHERE ip = $1 AND locked_until IS NULL",
        )
        .bind(&key)
        .bind(until)
        .execute(db)
        .await?;
        Ok(locked.rows_affected() == 1)
    }

    pub async fn succeeded(&self, db: &Db, ip: IpAddr) -> Result<(), ServerError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE ip = $1")
            .bind(ip.to_string())
            .execute(db)
            .await?;
        Ok(())
    }
}
