//! Delivering the outbox: for each waiting dossier, its attachments first (skipped when the server
//! already has them), then the dossier under its idempotency key. Whatever happens to the app or
//! the network in between, a retry sends the same key, so the server creates the dossier once.

use std::time::Duration;

use citizen_protocol::dossiers::{Dossier, ATTACHMENTS_PATH, IDEMPOTENCY_KEY_HEADER};
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::reports::Report;
use rand::Rng;
use reqwest::StatusCode;
use sqlx::SqlitePool;
use time::OffsetDateTime;

use super::store::{self, Delivered, Waiting};
use crate::at_rest::Files;
use crate::error::CoreError;

/// What one delivery round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub sent: u32,
    pub refused: u32,
    pub still_waiting: u32,
}

/// The wait after `attempts` failed attempts: 2 s, doubling up to 10 minutes, with up to half
/// again of random jitter so a village's phones coming back online do not all knock at once.
pub fn backoff(attempts: u32, jitter: f64) -> Duration {
    let doublings = attempts.saturating_sub(1).min(20);
    let base = 2u64.saturating_pow(doublings).saturating_mul(2).min(600);
    Duration::from_secs_f64(base as f64 * (1.0 + jitter.clamp(0.0, 0.5)))
}

pub struct Outbox<'a> {
    pub pool: &'a SqlitePool,
    pub http: &'a reqwest::Client,
    pub server: &'a str,
    pub token: &'a str,
    pub files: &'a Files,
}

impl Outbox<'_> {
    /// Delivers every item that is due. Stops at the first network failure: the rest would fail
    /// the same way, and each keeps its place for the next round.
    pub async fn deliver(&self) -> Result<Delivery, CoreError> {
        let now = rfc3339(OffsetDateTime::now_utc());
        let mut delivery = Delivery::default();
        let items = store::due(self.pool, &now).await?;
        let mut unreachable = None;
        // Once the server says it is busy, the rest of the round waits as long as the item that
        // was told so: the server is busy for all of them.
        let mut busy_until: Option<OffsetDateTime> = None;
        for item in items {
            if let Some(until) = busy_until {
                store::retry_later(
                    self.pool,
                    &item.id,
                    item.attempts,
                    &rfc3339(until),
                    "server busy",
                )
                .await?;
                delivery.still_waiting += 1;
                continue;
            }
            if unreachable.is_some() {
                delivery.still_waiting += 1;
                continue;
            }
            match self.deliver_one(&item).await {
                Ok(delivered) => {
                    store::sent(self.pool, &item.id, &delivered).await?;
                    tracing::info!(code = %delivered.code(), kind = ?item.request.kind(), attempts = item.attempts + 1, "outbox item delivered");
                    delivery.sent += 1;
                }
                Err(Outcome::Refused(reason)) => {
                    tracing::warn!(item = %item.id, kind = ?item.request.kind(), %reason, "outbox item refused by the server");
                    store::refused(self.pool, &item.id, &reason).await?;
                    delivery.refused += 1;
                }
                Err(Outcome::Later(error)) => {
                    let attempts = item.attempts.saturating_add(1);
                    let jitter = rand::rng().random_range(0.0..0.5);
                    let next = match &error {
                        // Not a failure: the server said when to come back. The jitter spreads
                        // the phones it turned away at the same instant.
                        CoreError::Busy { retry_after } => {
                            let until = not_before(OffsetDateTime::now_utc(), *retry_after, jitter);
                            busy_until = Some(until);
                            until
                        }
                        _ => OffsetDateTime::now_utc() + backoff(attempts, jitter),
                    };
                    tracing::info!(item = %item.id, attempts, next = %rfc3339(next), error = %error, "outbox item waits");
                    store::retry_later(
                        self.pool,
                        &item.id,
                        attempts,
                        &rfc3339(next),
                        &error.to_string(),
                    )
                    .await?;
                    delivery.still_waiting += 1;
                    if matches!(error, CoreError::Unreachable(_) | CoreError::NotSignedIn) {
                        unreachable = Some(error);
                    }
                }
            }
        }
        Ok(delivery)
    }

    async fn deliver_one(&self, item: &Waiting) -> Result<Delivered, Outcome> {
        for file in item.request.files() {
            self.upload(&file.sha256).await.map_err(Outcome::Later)?;
        }
        let body = item.request.body().map_err(Outcome::Later)?;
        let response = self
            .http
            .post(format!("{}{}", self.server, item.request.path()))
            .bearer_auth(self.token)
            .header(IDEMPOTENCY_KEY_HEADER, &item.idempotency_key)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| Outcome::Later(e.into()))?;
        if let Some(busy) = CoreError::busy(&response) {
            return Err(Outcome::Later(busy));
        }
        let status = response.status();
        if status.is_success() {
            let bad = |e: reqwest::Error| Outcome::Later(CoreError::BadResponse(e.to_string()));
            return if item.request.answers_with_report() {
                response
                    .json::<Report>()
                    .await
                    .map(Delivered::Report)
                    .map_err(bad)
            } else {
                response
                    .json::<Dossier>()
                    .await
                    .map(Delivered::Dossier)
                    .map_err(bad)
            };
        }
        let body: Option<ErrorBody> = response.json().await.ok();
        let code = body.as_ref().map(|b| b.code);
        let reason = body
            .as_ref()
            .map(|b| format!("{} {}", status.as_u16(), b.code.as_str()))
            .unwrap_or_else(|| status.to_string());
        Err(match (status, code) {
            (StatusCode::UNAUTHORIZED, _) => Outcome::Later(CoreError::NotSignedIn),
            // The server lost or never got a file: the next round uploads it again.
            (_, Some(ErrorCode::AttachmentMissing)) => Outcome::Later(CoreError::Server {
                status: status.as_u16(),
                message: reason,
            }),
            (s, _) if s.is_client_error() && s != StatusCode::TOO_MANY_REQUESTS => {
                Outcome::Refused(reason)
            }
            _ => Outcome::Later(CoreError::Server {
                status: status.as_u16(),
                message: reason,
            }),
        })
    }

    /// Sends one attachment unless the server has it already.
    async fn upload(&self, sha256: &str) -> Result<(), CoreError> {
        let url = format!("{}{ATTACHMENTS_PATH}/{sha256}", self.server);
        let head = self.http.head(&url).bearer_auth(self.token).send().await?;
        if let Some(busy) = CoreError::busy(&head) {
            return Err(busy);
        }
        if head.status() == StatusCode::OK {
            return Ok(());
        }
        // The plaintext: the server gets, and hashes, the very bytes the resident attached.
        let bytes = self.files.read(sha256).await?;
        let put = self
            .http
            .put(&url)
            .bearer_auth(self.token)
            .body(bytes)
            .send()
            .await?;
        if let Some(busy) = CoreError::busy(&put) {
            return Err(busy);
        }
        if put.status().is_success() {
            Ok(())
        } else {
            Err(CoreError::Server {
                status: put.status().as_u16(),
                message: format!("attachment {sha256} not taken"),
            })
        }
    }
}

enum Outcome {
    /// Try again later: the network, the server's own trouble, a session to renew.
    Later(CoreError),
    /// The server will never take this request as it is.
    Refused(String),
}

/// The first whole second at least `retry_after` (plus its share of jitter, up to half again)
/// after `now`: stored times are whole seconds, and rounding down would come back early.
pub fn not_before(now: OffsetDateTime, retry_after: Duration, jitter: f64) -> OffsetDateTime {
    let at = now + retry_after.mul_f64(1.0 + jitter.clamp(0.0, 0.5));
    if at.nanosecond() == 0 {
        at
    } else {
        at.replace_nanosecond(0).unwrap_or(at) + Duration::from_secs(1)
    }
}

/// Whole seconds, so that the stored times compare as text.
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.replace_nanosecond(0)
        .unwrap_or(at)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_a_ceiling_with_bounded_jitter() {
        assert_eq!(backoff(1, 0.0), Duration::from_secs(2));
        assert_eq!(backoff(2, 0.0), Duration::from_secs(4));
        assert_eq!(backoff(6, 0.0), Duration::from_secs(64));
        assert_eq!(backoff(30, 0.0), Duration::from_secs(600));
        assert_eq!(backoff(2, 0.5), Duration::from_secs(6));
        assert_eq!(backoff(2, 9.0), Duration::from_secs(6));
    }

    #[test]
    fn a_busy_server_is_left_alone_at_least_as_long_as_it_asked() {
        let now = OffsetDateTime::from_unix_timestamp(1_000).unwrap() + Duration::from_millis(900);
        let later = |secs, jitter| not_before(now, Duration::from_secs(secs), jitter);
        // 1 s after 1000.9 is 1001.9: the stored whole second must be 1002, not 1001.
        assert_eq!(later(1, 0.0).unix_timestamp(), 1_002);
        assert_eq!(later(1, 0.0).nanosecond(), 0);
        assert_eq!(later(2, 0.5).unix_timestamp(), 1_004);
        assert_eq!(later(2, 7.0).unix_timestamp(), 1_004, "jitter is bounded");
        let whole = OffsetDateTime::from_unix_timestamp(1_000).unwrap();
        assert_eq!(
            not_before(whole, Duration::from_secs(3), 0.0).unix_timestamp(),
            1_003
        );
    }
}
