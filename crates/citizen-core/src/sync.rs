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
/// able to exhaust an old phone's memory. It counts the body as decompressed: a zstd body of a few
/// kilobytes can stand for gigabytes.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;
/// A sync never asks for more pages than this in one go; a feed that does not end is broken.
pub(crate) const MAX_PAGES: usize = 10_000;

/// HTTP client for the server's feeds. Timeouts are short: a hanging server is treated as gone.
#[derive(Clone)]
pub struct FeedClient {
    http: reqwest::Client,
    base: String,
    max_body: usize,
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
        let base = crate::server_url::checked(base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(3)))
            .timeout(timeout)
            .user_agent(concat!("cong-dan-so/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| CoreError::Unreachable(e.to_string()))?;
        Ok(FeedClient {
            http,
            base,
            max_body: MAX_PAGE_BYTES,
            quiet_until: Arc::new(Mutex::new(None)),
        })
    }

    /// The same client with a smaller cap than [`MAX_PAGE_BYTES`], so that tests and the fuzz
    /// target (`fuzz/fuzz_targets/feed_decode.rs`) see the cap hold without 64 MiB bodies.
    #[doc(hidden)]
    pub fn with_max_body(mut self, max_body: usize) -> FeedClient {
        self.max_body = max_body;
        self
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
        let result = get_json(request, self.max_body).await;
        if let Err(CoreError::Busy { retry_after }) = &result {
            let wait = retry_after.mul_f64(1.0 + rand::rng().random_range(0.0..0.5));
            tracing::info!(wait_ms = wait.as_millis() as u64, "server busy: pulls wait");
            *self.quiet_until.lock().expect("quiet lock") = Some(Instant::now() + wait);
        }
        result
    }

    /// One page of the feed at `path` after `after`: the catalogue's, or with the citizen's
    /// token their own. Public as a fuzzing entry (`fuzz/fuzz_targets/feed_decode.rs`).
    pub async fn page<T: DeserializeOwned>(
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

async fn get_json<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    max_body: usize,
) -> Result<T, CoreError> {
    let mut response = request.send().await?;
    if let Some(busy) = CoreError::busy(&response) {
        return Err(busy);
    }
    let status = response.status();
    // reqwest drops Content-Length when it decompresses, so this refuses only plain bodies early;
    // the reading below holds the cap for compressed ones.
    if response
        .content_length()
        .is_some_and(|n| n > max_body as u64)
    {
        return Err(CoreError::BadResponse(format!(
            "response of {status} is too large"
        )));
    }
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Err(CoreError::NotSignedIn);
    }
    // Chunk by chunk, stopping at the cap: `bytes()` would first inflate the whole body.
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > max_body {
            return Err(CoreError::BadResponse("response is too large".into()));
        }
        body.extend_from_slice(&chunk);
    }
    decode_answer(status.as_u16(), &body)
}

/// What a server's answer says, from its status and its body (decompressed): the value, the
/// server's own error, or `BadResponse`. A fuzzing entry (`fuzz/fuzz_targets/feed_decode.rs`).
pub fn decode_answer<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, CoreError> {
    if !(200..300).contains(&status) {
        let message = serde_json::from_slice::<ErrorBody>(body)
            .map(|b| b.message)
            .unwrap_or_else(|_| String::from_utf8_lossy(body).chars().take(200).collect());
        return Err(CoreError::Server { status, message });
    }
    serde_json::from_slice(body).map_err(|e| CoreError::BadResponse(e.to_string()))
}

/// The feed's one rule on cursors, which are opaque to the app: a page that says more follows
/// must not hand back the cursor it was asked with, or the sync would ask for it forever.
/// A fuzzing entry (`fuzz/fuzz_targets/feed_decode.rs`).
pub fn check_progress<T>(
    scope: &str,
    asked_after: Option<&str>,
    page: &FeedPage<T>,
) -> Result<(), CoreError> {
    if page.has_more && asked_after == Some(page.cursor.as_str()) {
        return Err(CoreError::BadResponse(format!(
            "{scope} feed cursor did not advance"
        )));
    }
    Ok(())
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
        check_progress(catalog_store::SCOPE, cursor.as_deref(), &page)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Serves one answer, then holds the connection open without ending the body.
    async fn serve_then_hang(head: &'static str, body: Vec<u8>) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            socket.write_all(head.as_bytes()).await.unwrap();
            socket.write_all(&body).await.unwrap();
            tokio::time::sleep(Duration::from_secs(60)).await;
        });
        format!("http://{address}")
    }

    #[tokio::test]
    async fn a_compressed_page_over_the_cap_is_refused_as_it_inflates() {
        // 8 MB of zeros is a few hundred bytes of zstd; a page of gigabytes is not much more.
        let bomb = zstd::encode_all(&vec![0u8; 8 << 20][..], 19).unwrap();
        assert!(bomb.len() < 4096, "{} bytes", bomb.len());
        let url = serve_then_hang(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: zstd\r\nconnection: close\r\n\r\n",
            bomb,
        )
        .await;
        let client = FeedClient::new(&url, Duration::from_secs(20))
            .unwrap()
            .with_max_body(1 << 20);
        // Before the cap was held while reading, the whole body was inflated first, and a body
        // that never ends was waited for until the timeout.
        let refused = client.catalog_page(None).await.unwrap_err();
        assert!(
            matches!(&refused, CoreError::BadResponse(why) if why.contains("too large")),
            "{refused:?}"
        );
    }

    #[test]
    fn a_page_that_promises_more_must_move_its_cursor() {
        let page = |cursor: &str, has_more| FeedPage::<()> {
            changes: Vec::new(),
            cursor: cursor.into(),
            has_more,
        };
        assert!(check_progress("catalog", Some("7"), &page("7", true)).is_err());
        assert!(check_progress("catalog", Some("7"), &page("7", false)).is_ok());
        assert!(check_progress("catalog", Some("7"), &page("9", true)).is_ok());
        assert!(check_progress("catalog", None, &page("", true)).is_ok());
    }

    #[test]
    fn an_error_answer_carries_the_servers_message_or_a_bounded_excerpt() {
        let said = decode_answer::<()>(503, br#"{"code":"server-error","message":"busy"}"#);
        assert!(
            matches!(said, Err(CoreError::Server { status: 503, message }) if message == "busy")
        );
        let long = "é".repeat(1000);
        let said = decode_answer::<()>(500, long.as_bytes());
        assert!(
            matches!(said, Err(CoreError::Server { message, .. }) if message.chars().count() == 200)
        );
        assert!(matches!(
            decode_answer::<FeedPage<Procedure>>(200, b"{}"),
            Err(CoreError::BadResponse(_))
        ));
    }
}
