//! One simulated phone: the requests the app sends, in the app's order, with citizen-protocol's
//! types. Sign-in goes through the server's pages and the sandbox e-ID (`sign_in`); pulls read
//! each feed from the device's cursor; a submission is what `citizen-core`'s outbox does — each
//! photo `HEAD`, then `PUT` only if the server lacks it, then the item `POST`ed under its
//! idempotency key — and a 429 makes it wait the server's `Retry-After` and start the item again
//! under the same key, as the outbox does.

use std::sync::Arc;
use std::time::{Duration, Instant};

use citizen_protocol::catalog::Procedure;
use citizen_protocol::dossiers::{
    Dossier, SubmitDossier, ATTACHMENTS_PATH, DOSSIERS_PATH, DOSSIER_FEED_PATH,
    IDEMPOTENCY_KEY_HEADER,
};
use citizen_protocol::feed::FeedPage;
use citizen_protocol::forms::{AttachmentRef, FileType};
use citizen_protocol::reports::{GeoPoint, Report, SubmitReport, REPORTS_PATH, REPORT_FEED_PATH};
use citizen_protocol::CATALOG_FEED_PATH;
use rand::Rng;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::stats::{Op, Outcome, Stats};
use crate::dossiers::birth_values;

/// How long a turned-away request waits when the 429 says nothing.
const UNSAID_RETRY_AFTER: Duration = Duration::from_secs(2);
/// A device's own feeds carry at most this many changes per pull (see `pull`).
const OWN_FEED_PAGE: u32 = 20;
const REPORT_CATEGORIES: [&str; 4] = ["chieu-sang", "moi-truong", "giao-thong", "cap-thoat-nuoc"];

/// What every phone shares: the server, the HTTP client, the photo they all start from, the
/// procedure dossiers are filed under, the measurements and when to stop.
pub struct Shared {
    pub url: String,
    pub http: reqwest::Client,
    pub photo: Photo,
    pub birth_registration: Procedure,
    pub stats: Arc<Stats>,
    /// After this, a waiting item gives up (the run is over).
    pub hard_stop: Instant,
}

/// A real JPEG that every upload extends with its own trailer after the image's end, so each
/// photo is a new file for the server while the hash of the common part is computed once (the
/// app hashes a photo when it is attached, long before the outbox sends it).
pub struct Photo {
    bytes: Vec<u8>,
    hashed: Sha256,
}

impl Photo {
    /// A photo of about `bytes` bytes: a gradient with noise, as grainy as a street at dusk.
    pub fn of_size(bytes: usize) -> Photo {
        let mut seed = 7u64;
        let mut side = 64u32;
        let jpeg = loop {
            let picture = image::RgbImage::from_fn(side * 4 / 3, side, |x, y| {
                let n = (splitmix(&mut seed) % 48) as u8;
                image::Rgb([(x % 256) as u8 / 2 + n, (y % 256) as u8 / 2 + n, 96 + n])
            });
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
                .encode_image(&picture)
                .expect("JPEG encodes");
            if out.len() >= bytes || side > 4_000 {
                break out;
            }
            side += (side / 8).max(8);
        };
        let mut hashed = Sha256::new();
        hashed.update(&jpeg);
        Photo {
            bytes: jpeg,
            hashed,
        }
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// A new photo, unique by `tag`, and its reference.
    fn unique(&self, tag: &str, file_name: &str) -> (Vec<u8>, AttachmentRef) {
        let mut bytes = Vec::with_capacity(self.bytes.len() + tag.len());
        bytes.extend_from_slice(&self.bytes);
        bytes.extend_from_slice(tag.as_bytes());
        let mut hash = self.hashed.clone();
        hash.update(tag.as_bytes());
        let sha256 = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let size = bytes.len() as u64;
        (
            bytes,
            AttachmentRef {
                sha256,
                file_name: file_name.into(),
                file_type: FileType::Jpeg,
                size,
            },
        )
    }
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Why a step did not go through.
pub enum Failed {
    /// 429: wait this long, then start the item again.
    Busy(Duration),
    /// Counted as an error already; the item is dropped.
    Error,
    /// No answer came (reset, closed, timed out): counted as an error already. An item in the
    /// outbox waits and starts again under the same key, as the core's outbox does.
    Network,
    /// The run is over.
    Stopped,
}

/// One phone, signed in.
pub struct Resident {
    shared: Arc<Shared>,
    pub number: usize,
    token: String,
    catalog_cursor: Option<String>,
    dossier_cursor: Option<String>,
    report_cursor: Option<String>,
    items: u64,
}

impl Resident {
    pub fn new(shared: Arc<Shared>, number: usize, token: String) -> Resident {
        Resident {
            shared,
            number,
            token,
            catalog_cursor: None,
            dossier_cursor: None,
            report_cursor: None,
            items: 0,
        }
    }

    /// One request, timed and counted: the answer's status and body when it is one of
    /// `expected`.
    async fn call(
        &self,
        op: Op,
        request: reqwest::RequestBuilder,
        expected: &[StatusCode],
    ) -> Result<(StatusCode, bytes::Bytes), Failed> {
        let stats = &self.shared.stats;
        let started = Instant::now();
        let response = match request.bearer_auth(&self.token).send().await {
            Ok(response) => response,
            Err(e) => {
                let kind = if e.is_timeout() {
                    "timeout"
                } else if e.is_connect() {
                    "connect"
                } else {
                    "request"
                };
                stats.record(op, started, Outcome::Error(kind.into()));
                return Err(Failed::Network);
            }
        };
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS {
            let wait = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .map_or(UNSAID_RETRY_AFTER, Duration::from_secs);
            let _ = response.bytes().await;
            stats.record(op, started, Outcome::Shed);
            return Err(Failed::Busy(wait));
        }
        let body = match response.bytes().await {
            Ok(body) => body,
            Err(_) => {
                stats.record(op, started, Outcome::Error("body cut".into()));
                return Err(Failed::Error);
            }
        };
        if !expected.contains(&status) {
            let code = serde_json::from_slice::<citizen_protocol::error::ErrorBody>(&body)
                .map(|b| b.code.as_str().to_owned())
                .unwrap_or_default();
            stats.record(
                op,
                started,
                Outcome::Error(format!("{} {code}", status.as_u16())),
            );
            return Err(Failed::Error);
        }
        stats.record(op, started, Outcome::Ok);
        Ok((status, body))
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.shared
            .http
            .request(method, format!("{}{path}", self.shared.url))
    }

    fn decode<T: DeserializeOwned>(&self, op: Op, body: &[u8]) -> Result<T, Failed> {
        serde_json::from_slice(body).map_err(|_| {
            // Counted apart from the request, which the server did answer.
            self.shared.stats.record(
                op,
                Instant::now(),
                Outcome::Error("answer not decoded".into()),
            );
            Failed::Error
        })
    }

    /// A sync round as the core's: the catalogue from its cursor to its end, then the device's
    /// dossier and report feeds from theirs. The four sandbox residents are shared by every
    /// simulated phone, so a resident's own feeds carry what all the others submitted: each own
    /// feed is read one page of at most `OWN_FEED_PAGE` per round, always a full page, which is
    /// more than a real phone's (mostly empty) pull.
    pub async fn pull(&mut self) -> Result<(), Failed> {
        loop {
            let mut request = self.request(Method::GET, CATALOG_FEED_PATH);
            if let Some(after) = &self.catalog_cursor {
                request = request.query(&[("after", after)]);
            }
            let (_, body) = self
                .call(Op::CatalogPull, request, &[StatusCode::OK])
                .await?;
            let page: FeedPage<Procedure> = self.decode(Op::CatalogPull, &body)?;
            self.catalog_cursor = Some(page.cursor);
            if !page.has_more {
                break;
            }
        }
        for (op, path) in [
            (Op::DossierFeed, DOSSIER_FEED_PATH),
            (Op::ReportFeed, REPORT_FEED_PATH),
        ] {
            let cursor = match op {
                Op::DossierFeed => &self.dossier_cursor,
                _ => &self.report_cursor,
            };
            let mut request = self
                .request(Method::GET, path)
                .query(&[("limit", OWN_FEED_PAGE)]);
            if let Some(after) = cursor {
                request = request.query(&[("after", after)]);
            }
            let (_, body) = self.call(op, request, &[StatusCode::OK]).await?;
            let cursor = if op == Op::DossierFeed {
                self.decode::<FeedPage<Dossier>>(op, &body)?.cursor
            } else {
                self.decode::<FeedPage<Report>>(op, &body)?.cursor
            };
            match op {
                Op::DossierFeed => self.dossier_cursor = Some(cursor),
                _ => self.report_cursor = Some(cursor),
            }
        }
        Ok(())
    }

    /// A field report with one photo, delivered as the outbox delivers it.
    pub async fn submit_report(&mut self) -> Result<(), Failed> {
        self.items += 1;
        let tag = format!("{}-{}-{}", self.number, self.items, uuid::Uuid::now_v7());
        let (photo, reference) = self.shared.photo.unique(&tag, "anh.jpg");
        // Scattered over central Huế's wards (about 1.5 km around Lê Lợi street).
        let location = {
            let mut rng = rand::rng();
            GeoPoint {
                lat: 16.4637 + rng.random_range(-0.007..0.007),
                lon: 107.5909 + rng.random_range(-0.007..0.007),
            }
        };
        let report = SubmitReport {
            category: REPORT_CATEGORIES[self.items as usize % REPORT_CATEGORIES.len()].into(),
            title: format!("Sự cố số {}", self.items),
            description: "Đèn đường không sáng, mặt đường đọng nước sau mưa.".into(),
            photos: vec![reference],
            location: Some(location),
            address: None,
            public: self.items.is_multiple_of(2),
        };
        let body = serde_json::to_vec(&report).expect("a report serializes");
        self.deliver(
            Op::ReportSubmission,
            Op::ReportPost,
            REPORTS_PATH,
            &[(photo, &report.photos[0].sha256)],
            body,
        )
        .await
    }

    /// A birth registration with the birth certificate's photo.
    pub async fn submit_dossier(&mut self) -> Result<(), Failed> {
        self.items += 1;
        let tag = format!("{}-{}-{}", self.number, self.items, uuid::Uuid::now_v7());
        let (photo, reference) = self.shared.photo.unique(&tag, "giay-chung-sinh.jpg");
        let sha256 = reference.sha256.clone();
        let dossier = SubmitDossier {
            procedure_id: self.shared.birth_registration.id.clone(),
            values: birth_values(reference),
        };
        let body = serde_json::to_vec(&dossier).expect("a dossier serializes");
        self.deliver(
            Op::DossierSubmission,
            Op::DossierPost,
            DOSSIERS_PATH,
            &[(photo, &sha256)],
            body,
        )
        .await
    }

    /// Waits `wait` plus up to half again (the core's jitter) before an item starts again, or
    /// stops when the run would end first.
    async fn wait_before_again(&self, wait: Duration) -> Result<(), Failed> {
        let wait = wait.mul_f64(1.0 + rand::rng().random_range(0.0..0.5));
        if Instant::now() + wait >= self.shared.hard_stop {
            return Err(Failed::Stopped);
        }
        tokio::time::sleep(wait).await;
        Ok(())
    }

    /// The outbox's delivery of one item: files, then the body under one idempotency key; after
    /// a 429, the wait it asks for (plus up to half again, as the core's jitter) and the whole
    /// item again; after a request that got no answer, a doubling back-off (1 s, 2 s, 4 s, 8 s,
    /// with the same jitter) and the whole item again, at most five times.
    async fn deliver(
        &self,
        item: Op,
        post: Op,
        path: &str,
        files: &[(Vec<u8>, &String)],
        body: Vec<u8>,
    ) -> Result<(), Failed> {
        let key = uuid::Uuid::now_v7().to_string();
        let started = Instant::now();
        let mut network_failures = 0u32;
        loop {
            match self.try_deliver(post, path, files, &body, &key).await {
                Ok(()) => {
                    self.shared.stats.record(item, started, Outcome::Ok);
                    return Ok(());
                }
                Err(Failed::Busy(wait)) => self.wait_before_again(wait).await?,
                Err(Failed::Network) if network_failures < 5 => {
                    let wait = Duration::from_secs(1 << network_failures.min(3));
                    network_failures += 1;
                    self.wait_before_again(wait).await?;
                }
                Err(failed) => {
                    self.shared
                        .stats
                        .record(item, started, Outcome::Error("gave up".into()));
                    return Err(failed);
                }
            }
        }
    }

    async fn try_deliver(
        &self,
        post: Op,
        path: &str,
        files: &[(Vec<u8>, &String)],
        body: &[u8],
        key: &str,
    ) -> Result<(), Failed> {
        for (bytes, sha256) in files {
            let at = format!("{ATTACHMENTS_PATH}/{sha256}");
            let (status, _) = self
                .call(
                    Op::AttachmentHead,
                    self.request(Method::HEAD, &at),
                    &[StatusCode::OK, StatusCode::NOT_FOUND],
                )
                .await?;
            if status == StatusCode::OK {
                continue;
            }
            self.call(
                Op::AttachmentPut,
                self.request(Method::PUT, &at).body(bytes.clone()),
                &[StatusCode::CREATED, StatusCode::OK],
            )
            .await?;
        }
        self.call(
            post,
            self.request(Method::POST, path)
                .header(IDEMPOTENCY_KEY_HEADER, key)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_vec()),
            &[StatusCode::CREATED, StatusCode::OK],
        )
        .await?;
        Ok(())
    }
}
