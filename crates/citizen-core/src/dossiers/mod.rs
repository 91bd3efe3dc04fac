//! Dossiers on the device: drafts saved as the resident types, attachments kept in the citizen's
//! store, and the outbox that delivers submitted dossiers when the network allows.

pub mod outbox;
pub mod photos;
pub mod store;

use std::path::{Path, PathBuf};

use citizen_protocol::catalog::Procedure;
use citizen_protocol::dossiers::SubmitDossier;
use citizen_protocol::forms::{validate, AttachmentRef, FileType, FormValues};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use time::{OffsetDateTime, UtcOffset};

use crate::error::CoreError;

/// The largest file the app keeps for a dossier; the server's limit is the same.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;

/// Where a citizen's attachment files live, beside their store.
pub fn files_dir(citizen_dir: &Path) -> PathBuf {
    citizen_dir.join("attachments")
}

/// The largest file the app reads to attach: a camera photo this big still downscales well
/// under [`MAX_ATTACHMENT_BYTES`].
pub const MAX_INPUT_BYTES: u64 = 50 * 1024 * 1024;

/// Keeps a file the resident attached: its type from its content, photos downscaled
/// (`photos::prepare`), its name from its hash.
pub async fn attach(
    pool: &SqlitePool,
    files: &Path,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<AttachmentRef, CoreError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(CoreError::AttachmentTooLarge {
            max_bytes: MAX_ATTACHMENT_BYTES,
        });
    }
    let file_type = FileType::sniff(&bytes).ok_or_else(|| {
        CoreError::AttachmentRejected(format!("{file_name}: not a JPEG, PNG or PDF"))
    })?;
    let (bytes, file_type) = tokio::task::spawn_blocking(move || photos::prepare(bytes, file_type))
        .await
        .map_err(|e| CoreError::StoreFailed(e.to_string()))??;
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(CoreError::AttachmentTooLarge {
            max_bytes: MAX_ATTACHMENT_BYTES,
        });
    }
    let bytes = bytes.as_slice();
    let sha256: String = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let attachment = AttachmentRef {
        sha256,
        file_name: file_name.chars().take(200).collect(),
        file_type,
        size: bytes.len() as u64,
    };
    let path = files.join(&attachment.sha256);
    if !tokio::fs::try_exists(&path).await.unwrap_or(false) {
        tokio::fs::create_dir_all(files)
            .await
            .map_err(|e| CoreError::StoreFailed(e.to_string()))?;
        // Whole or absent: a crash mid-write leaves only the temporary file.
        let temporary = files.join(format!(".{}.part", attachment.sha256));
        tokio::fs::write(&temporary, bytes)
            .await
            .map_err(|e| CoreError::StoreFailed(e.to_string()))?;
        tokio::fs::rename(&temporary, &path)
            .await
            .map_err(|e| CoreError::StoreFailed(e.to_string()))?;
    }
    store::add_attachment(
        pool,
        &attachment,
        &outbox::rfc3339(OffsetDateTime::now_utc()),
    )
    .await?;
    Ok(attachment)
}

/// Validates the answers against the procedure's form, as the server will, and queues the
/// dossier. Returns the outbox item's id.
pub async fn submit(
    pool: &SqlitePool,
    procedure: &Procedure,
    values: FormValues,
) -> Result<String, CoreError> {
    let form = procedure
        .form
        .as_ref()
        .ok_or_else(|| CoreError::ProcedureUnavailable(procedure.id.clone()))?;
    let today = OffsetDateTime::now_utc()
        .to_offset(UtcOffset::from_hms(7, 0, 0).expect("UTC+7"))
        .date();
    validate(form, &values, today).map_err(CoreError::FormInvalid)?;
    for value in values.values() {
        if let citizen_protocol::forms::FieldValue::Files(files) = value {
            for file in files {
                if store::attachment(pool, &file.sha256).await?.is_none() {
                    return Err(CoreError::AttachmentRejected(format!(
                        "{} is not on this device",
                        file.file_name
                    )));
                }
            }
        }
    }
    let id = uuid::Uuid::now_v7().to_string();
    let key = uuid::Uuid::now_v7().to_string();
    let request = SubmitDossier {
        procedure_id: procedure.id.clone(),
        values,
    };
    store::queue(
        pool,
        &id,
        &key,
        &request,
        &outbox::rfc3339(OffsetDateTime::now_utc()),
    )
    .await?;
    tracing::info!(item = %id, procedure = %procedure.id, "dossier queued");
    Ok(id)
}

/// Pulls the citizen's dossier feed from the stored cursor to its end: status changes, the
/// officers' messages and results reach the device this way. Returns how many dossiers changed.
pub async fn sync(
    pool: &SqlitePool,
    http: &reqwest::Client,
    server: &str,
    token: &str,
) -> Result<usize, CoreError> {
    use citizen_protocol::dossiers::{Dossier, DOSSIER_FEED_PATH};
    use citizen_protocol::feed::FeedPage;
    let mut changed = 0;
    // A feed that never ends is broken; this many pages is far more than a resident's dossiers.
    for _ in 0..1_000 {
        let cursor = store::feed_cursor(pool).await?;
        let mut request = http
            .get(format!("{server}{DOSSIER_FEED_PATH}"))
            .bearer_auth(token);
        if let Some(cursor) = &cursor {
            request = request.query(&[("after", cursor)]);
        }
        let response = request.send().await?;
        if response.status() == reqwest::StatusCode::UNAUTHORIZED {
            return Err(CoreError::NotSignedIn);
        }
        if !response.status().is_success() {
            return Err(CoreError::Server {
                status: response.status().as_u16(),
                message: "dossier feed".into(),
            });
        }
        let page: FeedPage<Dossier> = response
            .json()
            .await
            .map_err(|e| CoreError::BadResponse(e.to_string()))?;
        if page.has_more && cursor.as_deref() == Some(page.cursor.as_str()) {
            return Err(CoreError::BadResponse(
                "dossier feed cursor did not advance".into(),
            ));
        }
        changed += store::apply_feed_page(pool, &page).await?;
        if !page.has_more {
            return Ok(changed);
        }
    }
    Err(CoreError::BadResponse("dossier feed does not end".into()))
}
