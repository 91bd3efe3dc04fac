//! A signed-in resident talking to the dossier API, and a birth registration's answers: what the
//! dossier tests share.

use citizen_protocol::catalog::Procedure;
use citizen_protocol::dossiers::{
    Dossier, ATTACHMENTS_PATH, DOSSIERS_PATH, IDEMPOTENCY_KEY_HEADER,
};
use citizen_protocol::feed::{Change, FeedPage};
use citizen_protocol::forms::{AttachmentRef, FieldValue, FileType, FormValues};
use citizen_protocol::CATALOG_FEED_PATH;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

use crate::sign_in::signed_in;
use crate::TestServer;

/// A real, small JPEG photo (64 × 48), different for each seed.
pub fn photo(seed: u8) -> Vec<u8> {
    photo_of_size(seed, 64, 48)
}

/// A real JPEG photo of the given size, as a phone camera would hand it over.
pub fn photo_of_size(seed: u8, width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([seed, (x % 256) as u8, (y % 256) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Jpeg)
        .expect("JPEG encodes");
    out.into_inner()
}

pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub struct Resident {
    pub url: String,
    pub token: String,
    pub http: reqwest::Client,
}

impl Resident {
    pub async fn signed_in(server: &TestServer, resident: usize) -> Resident {
        Resident::at(&server.url(), resident).await
    }

    /// Demo resident `resident` signed in at the server at `url` (another device of theirs).
    pub async fn at(url: &str, resident: usize) -> Resident {
        Resident {
            url: url.to_owned(),
            token: signed_in(url, resident).await.access_token,
            http: reqwest::Client::new(),
        }
    }

    pub async fn upload(&self, bytes: &[u8], hash: &str) -> reqwest::Response {
        self.http
            .put(format!("{}{ATTACHMENTS_PATH}/{hash}", self.url))
            .bearer_auth(&self.token)
            .body(bytes.to_vec())
            .send()
            .await
            .unwrap()
    }

    pub async fn has(&self, hash: &str) -> StatusCode {
        self.http
            .head(format!("{}{ATTACHMENTS_PATH}/{hash}", self.url))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
            .status()
    }

    pub async fn submit(
        &self,
        key: &str,
        body: &serde_json::Value,
        lang: &str,
    ) -> reqwest::Response {
        self.http
            .post(format!("{}{DOSSIERS_PATH}", self.url))
            .bearer_auth(&self.token)
            .header(IDEMPOTENCY_KEY_HEADER, key)
            .header("accept-language", lang)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn dossiers(&self) -> Vec<Dossier> {
        self.http
            .get(format!("{}{DOSSIERS_PATH}", self.url))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

/// The demo catalogue's "Đăng ký khai sinh" at commune level, as the feed serves it.
pub async fn birth_registration(url: &str) -> Procedure {
    procedure_named(url, "Đăng ký khai sinh").await
}

/// The first procedure with a form by this Vietnamese name in the demo feed.
pub async fn procedure_named(url: &str, name_vi: &str) -> Procedure {
    let page: FeedPage<Procedure> = reqwest::get(format!("{url}{CATALOG_FEED_PATH}"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    page.changes
        .into_iter()
        .filter_map(|change| match change {
            Change::Upsert { item } => Some(item),
            Change::Tombstone { .. } => None,
        })
        .find(|p| p.name.vi == name_vi && p.form.is_some())
        .unwrap_or_else(|| panic!("{name_vi} with a form in the demo feed"))
}

pub fn birth_values(certificate: AttachmentRef) -> FormValues {
    let text = |s: &str| FieldValue::Text(s.into());
    FormValues::from([
        ("applicant_name".into(), text("Nguyễn Thị Hương")),
        ("applicant_pin".into(), text("046192000002")),
        ("applicant_birth_date".into(), text("1992-04-12")),
        (
            "applicant_address".into(),
            text("12 Lê Lợi, phường Vĩnh Ninh, Huế"),
        ),
        ("applicant_phone".into(), text("0905 123 456")),
        ("child_name".into(), text("Trần Bảo An")),
        ("child_birth_date".into(), text("2026-11-02")),
        ("child_sex".into(), text("nam")),
        ("child_birth_place".into(), text("Bệnh viện Trung ương Huế")),
        ("child_ethnicity".into(), text("Kinh")),
        ("mother_name".into(), text("Nguyễn Thị Hương")),
        ("mother_pin".into(), text("046192000002")),
        ("relationship".into(), text("me")),
        (
            "birth_certificate".into(),
            FieldValue::Files(vec![certificate]),
        ),
    ])
}

pub fn certificate_ref(bytes: &[u8]) -> AttachmentRef {
    AttachmentRef {
        sha256: sha256(bytes),
        file_name: "giay-chung-sinh.jpg".into(),
        file_type: FileType::Jpeg,
        size: bytes.len() as u64,
    }
}
