//! The resident's answer to "more information needed": their words and new files, received once
//! per idempotency key, moving the dossier back to processing with a step of their own.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::dossiers::{AnswerDossier, Dossier, DossierStatus};
use citizen_protocol::error::ErrorCode;
use sqlx::Row;

use super::store::{next_seq, read};
use super::{idempotent_request, missing_attachment, sha256_of_request};
use crate::clock;
use crate::db::Db;
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;
use crate::identity::api::Citizen;

/// `POST /api/v1/dossiers/{id}/answers`: 201 with the dossier, back in processing; 200 with the
/// same when the request repeats an earlier one.
pub async fn answer(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(dossier_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let refuse = |status, code, reason: &str| Refusal::new(&headers, status, code, reason);
    let (key, request) = match idempotent_request::<AnswerDossier>(&headers, body) {
        Ok(parsed) => parsed,
        Err(refused) => return Ok(*refused),
    };
    let problems = request.problems();
    if !problems.is_empty() {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::FormInvalid,
            "answer refused",
        )
        .with_fields(problems)
        .into_response());
    }
    let files = request.attachments.iter().map(|f| ("attachments", f));
    if let Some(reason) = missing_attachment(&state, &citizen, files).await? {
        return Ok(
            refuse(StatusCode::CONFLICT, ErrorCode::AttachmentMissing, &reason).into_response(),
        );
    }
    let answer = NewAnswer {
        citizen_id: &citizen.id,
        dossier_id: &dossier_id,
        idempotency_key: &key,
        request_sha256: &sha256_of_request(&request)?,
        request: &request,
    };
    Ok(match record(&state.db, answer).await? {
        Ok((dossier, true)) => {
            tracing::info!(code = %dossier.code, "resident answered; dossier back in processing");
            (StatusCode::CREATED, Json(dossier)).into_response()
        }
        Ok((dossier, false)) => (StatusCode::OK, Json(dossier)).into_response(),
        Err(AnswerRefusal::NotFound) => refuse(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "no such dossier of this citizen",
        )
        .into_response(),
        Err(AnswerRefusal::NotAwaiting(status)) => refuse(
            StatusCode::CONFLICT,
            ErrorCode::NotAwaitingAnswer,
            &format!("dossier is {}", status.as_str()),
        )
        .into_response(),
        Err(AnswerRefusal::KeyReused) => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::BadRequest,
            "Idempotency-Key reused with a different request",
        )
        .into_response(),
    })
}

pub struct NewAnswer<'a> {
    pub citizen_id: &'a str,
    pub dossier_id: &'a str,
    pub idempotency_key: &'a str,
    pub request_sha256: &'a str,
    pub request: &'a AnswerDossier,
}

#[derive(Debug, PartialEq, Eq)]
pub enum AnswerRefusal {
    /// Not a dossier of this citizen.
    NotFound,
    /// The dossier is not waiting for more information.
    NotAwaiting(DossierStatus),
    /// The key came before with a different answer.
    KeyReused,
}

/// Records the answer: the resident's step, the files linked to the dossier, the status back to
/// processing and the key, in one transaction. `Ok((dossier, false))` for a repeat.
pub async fn record(
    db: &Db,
    new: NewAnswer<'_>,
) -> Result<Result<(Dossier, bool), AnswerRefusal>, ServerError> {
    let mut tx = crate::db::begin_write(db).await?;
    let earlier = sqlx::query(
        "SELECT request_sha256, dossier_id FROM dossier_answers
         WHERE citizen_id = $1 AND idempotency_key = $2",
    )
    .bind(new.citizen_id)
    .bind(new.idempotency_key)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(earlier) = earlier {
        let same = earlier.try_get::<String, _>("request_sha256")? == new.request_sha256
            && earlier.try_get::<String, _>("dossier_id")? == new.dossier_id;
        if !same {
            return Ok(Err(AnswerRefusal::KeyReused));
        }
        return Ok(Ok((read(&mut tx, new.dossier_id).await?, false)));
    }
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM dossiers WHERE id = $1 AND citizen_id = $2")
            .bind(new.dossier_id)
            .bind(new.citizen_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(status) = status else {
        return Ok(Err(AnswerRefusal::NotFound));
    };
    let status = DossierStatus::parse(&status)
        .ok_or_else(|| ServerError::Corrupt(format!("dossier {}: bad status", new.dossier_id)))?;
    if status != DossierStatus::NeedsInfo {
        return Ok(Err(AnswerRefusal::NotAwaiting(status)));
    }
    let seq = next_seq(&mut tx).await?;
    sqlx::query("UPDATE dossiers SET status = $1, seq = $2 WHERE id = $3")
        .bind(DossierStatus::Processing.as_str())
        .bind(seq)
        .bind(new.dossier_id)
        .execute(&mut *tx)
        .await?;
    let files = serde_json::to_string(&new.request.attachments)
        .map_err(|e| ServerError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO dossier_events
             (dossier_id, position, status, at, message, by_resident, attachments)
         SELECT $1, COALESCE(MAX(position), -1) + 1, $2, $3, $4, 1, $5
         FROM dossier_events WHERE dossier_id = $1",
    )
    .bind(new.dossier_id)
    .bind(DossierStatus::Processing.as_str())
    .bind(clock::now_rfc3339())
    .bind(new.request.message.trim())
    .bind(files)
    .execute(&mut *tx)
    .await?;
    for file in &new.request.attachments {
        sqlx::query(
            "INSERT INTO dossier_attachments (dossier_id, field, sha256)
             VALUES ($1, 'answer', $2) ON CONFLICT DO NOTHING",
        )
        .bind(new.dossier_id)
        .bind(&file.sha256)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO dossier_answers (citizen_id, idempotency_key, request_sha256, dossier_id)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(new.citizen_id)
    .bind(new.idempotency_key)
    .bind(new.request_sha256)
    .bind(new.dossier_id)
    .execute(&mut *tx)
    .await?;
    let dossier = read(&mut tx, new.dossier_id).await?;
    tx.commit().await?;
    Ok(Ok((dossier, true)))
}
