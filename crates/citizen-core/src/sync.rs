//! The sync engine's pull side: fetch feed pages from the server and apply them to the store.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use citizen_protocol::catalog::Procedure;
use citizen_protocol::error::ErrorBody;
use citizen_protocol::feed::FeedPage;
use citizen_protocol::CATALOG_FEED_PATH;
use rand::Rng;
use serde::de::DeserializeOwned;
use sqlx::SqlitePool;

use crate::catalog::store::{self as catalog_store, FieldWords};
use crate::error::CoreError;

/// A feed page larger than this is refused rather than buffered: a server gone wrong must not be
/// able to exhaust an old phone's memory.
const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;
/// A sync never asks for more pages than this in one go; a feed that does not end is broken.
pub(crate) const MAX_PAGES: usize = 10_000;

/// HTTP client for the server's feeds. Timeouts are short: a hanging server is treated as gone.
#[derive(Clone)]
pub struct FeedClient {
    http: reqwest::Client,
    base: String,
    /// Until when the server asked to be left alone (429 with Retry-After): every pull before
    /// then is `Busy` without a request, as an outbox item waits its turn.
    quiet_until: Arc<Mutex<Option<Instant>>>,
}

impl FeedClient {
    /// The HTTP client and server base URL, for the other parts of the core that talk to it.
    pub fn parts(&self) -> (&reqwest::Client, &str) {
        (&self.http, &self.base)
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub pages: usize,
    pub upserts: usize,
    pub tombstones: usize,
}

impl FeedClient {
    pub fn new(base_url: &str, timeout: Duration) -> Result<FeedClient, CoreError> {
        let base = base_url.trim_end_matches('/').to_owned();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(CoreError::Unreachable(format!(
                "not an http(s) URL: {base_url:?}"
            )));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(3)))
            .timeout(timeout)
            .user_agent(concat!("cong-dan-so/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| CoreError::Unreachable(e.to_string()))?;
        Ok(FeedClient {
            http,
            base,
            quiet_until: Arc::new(Mutex::new(None)),
        })
    }

    pub async fn catalog_page(
        &self,
        after: Option<&str>,
    ) -> Result<FeedPage<Procedure>, CoreError> {
        self.page(CATALOG_FEED_PATH, after, None).await
    }

    /// Something public the server serves as JSON, under the same size cap as a feed page.
    pub(crate) async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, CoreError> {
        self.polite(self.http.get(format!("{}{path}", self.base)))
            .await
    }

    /// Sends unless the server asked for quiet; a 429 starts the quiet, with the outbox's
    /// jitter so that the phones it turned away together do not all come back together.
    async fn polite<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<T, CoreError> {
        let now = Instant::now();
        if let Some(until) = *self.quiet_until.lock().expect("quiet lock") {
            if now < until {
                return Err(CoreError::Busy {
                    retry_after: until - now,
                });
            }
        }
        let result = get_json(request).await;
        if let Err(CoreError::Busy { retry_after }) = &result {
            let wait = retry_after.mul_f64(1.0 + rand::rng().random_range(0.0..0.5));
            tracing::info!(wait_ms = wait.as_millis() as u64, "server busy: pulls wait");
            *self.quiet_until.lock().expect("quiet lock") = Some(Instant::now() + wait);
        }
        result
    }

    pub(crate) async fn page<T: DeserializeOwned>(
        &self,
        path: &str,
        after: Option<&str>,
        token: Option<&str>,
    ) -> Result<FeedPage<T>, CoreError> {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(after) = after {
            request = request.query(&[("after", after)]);
        }
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        self.polite(request).await
    }
}

async fn get_json<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, CoreError> {
    let response = request.send().await?;
    if let Some(busy) = CoreError::busy(&response) {
        return Err(busy);
    }
    let status = response.status();
    if response
        .content_length()
        .is_some_and(|n| n > MAX_PAGE_BYTES as u64)
    {
        return Err(CoreError::BadResponse(format!(
            "response of {status} is too large"
        )));
    }
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Err(CoreError::NotSignedIn);
    }
    let bytes = response.bytes().await?;
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(CoreError::BadResponse("response is too large".into()));
    }
    if !status.is_success() {
        let message = serde_json::from_slice::<ErrorBody>(&bytes)
            .map(|b| b.message)
            .unwrap_or_else(|_| String::from_utf8_lossy(&bytes).chars().take(200).collect());
        return Err(CoreError::Server {
            status: status.as_u16(),
            message,
        });
    }
    serde_json::from_slice(&bytes).map_err(|e| CoreError::BadResponse(e.to_string()))
}

/// Pulls the catalogue feed from the stored cursor to its end, applying each page as it arrives.
/// Stopping at any point keeps every page applied so far and the cursor that goes with it.
pub async fn sync_catalog(
    pool: &SqlitePool,
    client: &FeedClient,
    field_words: &FieldWords,
) -> Result<SyncReport, CoreError> {
    let mut cursor = catalog_store::cursor(pool).await?;
    let mut report = SyncReport::default();
    let mut page = client.catalog_page(cursor.as_deref()).await?;
    loop {
        if page.has_more && cursor.as_deref() == Some(page.cursor.as_str()) {
            return Err(CoreError::BadResponse("feed cursor did not advance".into()));
        }
        // The next page is fetched while this one is stored: decoding and storing each keep a
        // core busy (docs/benchmarks.md). A failed fetch surfaces after this page is stored.
        let (applied, next) = if page.has_more {
            let (applied, next) = tokio::join!(
                catalog_store::apply_page(pool, &page, field_words),
                client.catalog_page(Some(&page.cursor))
            );
            (applied, Some(next))
        } else {
            (
                catalog_store::apply_page(pool, &page, field_words).await,
                None,
            )
        };
        let (upserts, tombstones) = applied?;
        report.pages += 1;
        report.upserts += upserts;
        report.tombstones += tombstones;
        cursor = Some(page.cursor);
        let Some(next) = next else {
            return Ok(report);
        };
        if report.pages >= MAX_PAGES {
            return Err(CoreError::BadResponse("feed does not end".into()));
        }
        page = next?;
    }
}
