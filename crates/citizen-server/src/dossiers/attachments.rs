//! The content-addressed attachment store: `PUT /api/v1/attachments/{sha256}` with the file as the
//! body; `HEAD` tells a client whether it still has to send it. A file is kept under its SHA-256,
//! so sending it twice (a retry after a cut) stores it once.

use std::path::{Path as FsPath, PathBuf};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::error::ErrorCode;
use citizen_protocol::forms::{is_sha256_hex, FileType, MAX_ATTACHMENT_BYTES};
use sha2::{Digest, Sha256};
use sqlx::Row;
use tokio::io::AsyncWriteExt;

use crate::db::Db;
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;
use crate::identity::api::Citizen;
use crate::identity::secrets;

/// What the server knows of a stored file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredAttachment {
    pub sha256: String,
    pub file_type: FileType,
    pub size: u64,
}

/// The directory the files live in, under the server's data directory.
pub fn directory(data_dir: &FsPath) -> PathBuf {
    data_dir.join("attachments")
}

pub async fn put(
    State(state): State<AppState>,
    citizen: Citizen,
    headers: HeaderMap,
    Path(sha256): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    if !is_sha256_hex(&sha256) {
        return Ok(Refusal::new(
            &headers,
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "not a lowercase hex SHA-256",
        )
        .into_response());
    }
    let (stored, created) = match receive(&state, &headers, body, Some(&sha256)).await? {
        Ok(received) => received,
        Err(refusal) => return Ok(refusal.into_response()),
    };
    own(&state.db, &stored, &citizen.id).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(stored)).into_response())
}

/// `HEAD`: 200 when this citizen has stored the file, 404 otherwise.
pub async fn head(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(sha256): Path<String>,
) -> Result<StatusCode, ServerError> {
    Ok(match owned(&state.db, &sha256, &citizen.id).await? {
        Some(_) => StatusCode::OK,
        None => StatusCode::NOT_FOUND,
    })
}

/// Reads and keeps an uploaded file: the body read within the limit, its hash checked when the
/// client named one, its type taken from its bytes. Returns the file and whether this call stored
/// it, or a refusal saying what the client must change.
pub async fn receive(
    state: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    expected_sha256: Option<&str>,
) -> Result<Result<(StoredAttachment, bool), Refusal>, ServerError> {
    let refuse = |status, code, reason: &str| Err(Refusal::new(headers, status, code, reason));
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Ok(refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::AttachmentTooLarge,
                "body over the attachment limit",
            ))
        }
        Err(rejection) => {
            return Ok(refuse(
                StatusCode::BAD_REQUEST,
                ErrorCode::BadRequest,
                &rejection.body_text(),
            ))
        }
    };
    if body.is_empty() {
        return Ok(refuse(
            StatusCode::BAD_REQUEST,
            ErrorCode::AttachmentRejected,
            "empty file",
        ));
    }
    let sha256 = secrets::hex(&Sha256::digest(&body));
    if expected_sha256.is_some_and(|expected| expected != sha256) {
        // A transfer gone wrong, or a client bug: the client sends the file again.
        return Ok(refuse(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "content does not match its SHA-256",
        ));
    }
    let file_type = match content_type(&body) {
        Ok(file_type) => file_type,
        Err((status, reason)) => return Ok(refuse(status, ErrorCode::AttachmentRejected, &reason)),
    };
    let stored = StoredAttachment {
        sha256,
        file_type,
        size: body.len() as u64,
    };
    let created = store_file(state, &stored, &body).await?;
    record(&state.db, &stored).await?;
    Ok(Ok((stored, created)))
}

/// What the bytes of an upload are, or why they are not kept (the status and the reason): a
/// JPEG, PNG or PDF by its signature, and an image only if `plausible_image`. Reads nothing but
/// the bytes; a fuzzing entry too (`fuzz/fuzz_targets/image_intake.rs`).
pub fn content_type(body: &[u8]) -> Result<FileType, (StatusCode, String)> {
    let file_type = FileType::sniff(body).ok_or((
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "content is not JPEG, PNG or PDF".to_owned(),
    ))?;
    plausible_image(file_type, body)
        .map_err(|reason| (StatusCode::UNPROCESSABLE_ENTITY, reason))?;
    Ok(file_type)
}

/// The most pixels a stored photo may have: a 50-megapixel camera's, far above what the app
/// uploads after downscaling (2,000 px on the long side).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// A JPEG or PNG whose header reads and whose size in pixels is one a camera makes: a small file
/// that claims a gigapixel would take gigabytes to decode (a decompression bomb) wherever it is
/// shown or downscaled later. Only the header is read here.
fn plausible_image(file_type: FileType, body: &[u8]) -> Result<(), String> {
    let format = match file_type {
        FileType::Jpeg => image::ImageFormat::Jpeg,
        FileType::Png => image::ImageFormat::Png,
        FileType::Pdf => return Ok(()),
    };
    let (width, height) = image::ImageReader::with_format(std::io::Cursor::new(body), format)
        .into_dimensions()
        .map_err(|e| format!("image header unreadable: {e}"))?;
    if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
        return Err(format!(
            "image of {width}×{height} pixels is over the limit"
        ));
    }
    Ok(())
}

/// Writes the file once: to a temporary name, synced, then renamed, so a file under its hash is
/// always whole. Returns whether this call created it.
async fn store_file(
    state: &AppState,
    stored: &StoredAttachment,
    body: &[u8],
) -> Result<bool, ServerError> {
    let dir = directory(&state.data_dir);
    let path = dir.join(&stored.sha256);
    if tokio::fs::try_exists(&path).await? {
        return Ok(false);
    }
    tokio::fs::create_dir_all(&dir).await?;
    let temporary = dir.join(format!(".{}.{}", stored.sha256, secrets::random_token()));
    let mut file = tokio::fs::File::create(&temporary).await?;
    file.write_all(body).await?;
    file.sync_all().await?;
    drop(file);
    tokio::fs::rename(&temporary, &path).await?;
    Ok(true)
}

/// Records a stored file (once its bytes are whole on disk).
async fn record(db: &Db, stored: &StoredAttachment) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO attachments (sha256, file_type, size, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&stored.sha256)
    .bind(stored.file_type.as_str())
    .bind(i64::try_from(stored.size).unwrap_or(i64::MAX))
    .bind(crate::clock::now_rfc3339())
    .execute(db)
    .await?;
    Ok(())
}

/// Records that this citizen uploaded the file.
async fn own(db: &Db, stored: &StoredAttachment, citizen_id: &str) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO attachment_owners (sha256, citizen_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING",
    )
    .bind(&stored.sha256)
    .bind(citizen_id)
    .execute(db)
    .await?;
    Ok(())
}

/// The file, if this citizen uploaded it.
pub async fn owned(
    db: &Db,
    sha256: &str,
    citizen_id: &str,
) -> Result<Option<StoredAttachment>, ServerError> {
    let row = sqlx::query(
        "SELECT a.sha256, a.file_type, a.size FROM attachments a
         JOIN attachment_owners o ON o.sha256 = a.sha256
         WHERE a.sha256 = $1 AND o.citizen_id = $2",
    )
    .bind(sha256)
    .bind(citizen_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let file_type: String = row.try_get("file_type")?;
    Ok(Some(StoredAttachment {
        sha256: row.try_get("sha256")?,
        file_type: FileType::parse(&file_type)
            .ok_or_else(|| ServerError::Corrupt(format!("attachment type {file_type}")))?,
        size: u64::try_from(row.try_get::<i64, _>("size")?).unwrap_or(0),
    }))
}

/// The largest request body the attachment route reads; a larger one is refused unread.
pub const BODY_LIMIT: usize = MAX_ATTACHMENT_BYTES as usize;
