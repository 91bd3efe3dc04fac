//! Dossiers on the device: drafts saved as the resident types, attachments kept in the citizen's
//! store, and the outbox that delivers submitted dossiers when the network allows.

pub mod notifications;
pub mod outbox;
pub mod photos;
pub mod store;

use std::path::{Path, PathBuf};

use citizen_protocol::catalog::Procedure;
use citizen_protocol::dossiers::{AnswerDossier, Dossier, DossierStatus, SubmitDossier};
use citizen_protocol::forms::{
    today_in_vietnam, validate, AttachmentRef, FileType, FormValues, MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_INPUT_BYTES,
};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;
use time::OffsetDateTime;

use crate::at_rest::Files;
use crate::error::CoreError;
use crate::sync::FeedClient;
use store::Request;

/// Where a citizen's attachment files live, beside their store.
pub fn files_dir(citizen_dir: &Path) -> PathBuf {
    citizen_dir.join("attachments")
}

/// Keeps a file the resident attached: its type from its content, photos downscaled
/// (`photos::prepare`), its name from its hash (of the plaintext: the name the server knows it
/// by), encrypted on disk (`at_rest`).
pub async fn attach(
    pool: &SqlitePool,
    files: &Files,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<AttachmentRef, CoreError> {
    if bytes.len() as u64 > MAX_ATTACHMENT_INPUT_BYTES {
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
    if !files.exists(&attachment.sha256).await {
        // Sealed, and whole or absent (`Files::write`).
        files
            .write(&attachment.sha256, bytes)
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
    let today = today_in_vietnam(OffsetDateTime::now_utc());
    validate(form, &values, today).map_err(CoreError::FormInvalid)?;
    let request = Request::Dossier(SubmitDossier {
        procedure_id: procedure.id.clone(),
        values,
    });
    let id = queue(pool, &request).await?;
    tracing::info!(item = %id, procedure = %procedure.id, "dossier queued");
    Ok(id)
}

/// Queues the resident's answer to "more information needed" on `dossier`, checked as the server
/// will check it. Returns the outbox item's id.
pub async fn answer(
    pool: &SqlitePool,
    dossier: &Dossier,
    answer: AnswerDossier,
) -> Result<String, CoreError> {
    if dossier.status != DossierStatus::NeedsInfo {
        return Err(CoreError::NotAwaitingAnswer(dossier.code.clone()));
    }
    let problems = answer.problems();
    if !problems.is_empty() {
        return Err(CoreError::FormInvalid(problems));
    }
    let request = Request::Answer {
        dossier_id: dossier.id.clone(),
        procedure_id: dossier.procedure_id.clone(),
        answer,
    };
    let id = queue(pool, &request).await?;
    tracing::info!(item = %id, code = %dossier.code, "answer queued");
    Ok(id)
}

/// Queues a request whose files are all on this device, under a new idempotency key.
pub(crate) async fn queue(pool: &SqlitePool, request: &Request) -> Result<String, CoreError> {
    for file in request.files() {
        if store::attachment(pool, &file.sha256).await?.is_none() {
            return Err(CoreError::AttachmentRejected(format!(
                "{} is not on this device",
                file.file_name
            )));
        }
    }
    let id = uuid::Uuid::now_v7().to_string();
    let key = uuid::Uuid::now_v7().to_string();
    let now = outbox::rfc3339(OffsetDateTime::now_utc());
    store::queue(pool, &id, &key, request, &now).await?;
    Ok(id)
}

/// Pulls the citizen's dossier feed from the stored cursor to its end: status changes, the
/// officers' messages and results reach the device this way. Returns how many dossiers changed.
pub async fn sync(pool: &SqlitePool, client: &FeedClient, token: &str) -> Result<usize, CoreError> {
    crate::citizen_feed::pull::<Dossier>(pool, client, token).await
}
