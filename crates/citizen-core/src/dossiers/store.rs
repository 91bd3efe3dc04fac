//! SQL for drafts, attachments, the outbox and the citizen's dossiers, in the citizen's own store.

use citizen_protocol::dossiers::{
    answers_path, AnswerDossier, Dossier, SubmitDossier, DOSSIERS_PATH,
};
use citizen_protocol::forms::{AttachmentRef, FieldValue, FileType, FormValues};
use citizen_protocol::ipc::{OutboxItem, OutboxKind, OutboxState};
use citizen_protocol::reports::{
    rating_path, reopen_path, RateReport, ReopenReport, Report, SubmitReport, REPORTS_PATH,
};
use sqlx::{Row, SqlitePool};

use crate::error::CoreError;

pub async fn save_draft(
    pool: &SqlitePool,
    procedure_id: &str,
    values: &FormValues,
    now: &str,
) -> Result<(), CoreError> {
    sqlx::query(
        "INSERT INTO drafts (procedure_id, values_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (procedure_id) DO UPDATE SET values_json = excluded.values_json,
             updated_at = excluded.updated_at",
    )
    .bind(procedure_id)
    .bind(json(values)?)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn draft(pool: &SqlitePool, procedure_id: &str) -> Result<Option<FormValues>, CoreError> {
    let row: Option<String> =
        sqlx::query_scalar("SELECT values_json FROM drafts WHERE procedure_id = ?")
            .bind(procedure_id)
            .fetch_optional(pool)
            .await?;
    row.map(|text| serde_json::from_str(&text).map_err(|e| CoreError::StoreCorrupt(e.to_string())))
        .transpose()
}

pub async fn add_attachment(
    pool: &SqlitePool,
    attachment: &AttachmentRef,
    now: &str,
) -> Result<(), CoreError> {
    sqlx::query(
        "INSERT INTO attachments (sha256, file_name, file_type, size, added_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&attachment.sha256)
    .bind(&attachment.file_name)
    .bind(attachment.file_type.as_str())
    .bind(i64::try_from(attachment.size).unwrap_or(i64::MAX))
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn attachment(
    pool: &SqlitePool,
    sha256: &str,
) -> Result<Option<AttachmentRef>, CoreError> {
    let row =
        sqlx::query("SELECT sha256, file_name, file_type, size FROM attachments WHERE sha256 = ?")
            .bind(sha256)
            .fetch_optional(pool)
            .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let file_type: String = row.try_get("file_type")?;
    Ok(Some(AttachmentRef {
        sha256: row.try_get("sha256")?,
        file_name: row.try_get("file_name")?,
        file_type: FileType::parse(&file_type)
            .ok_or_else(|| CoreError::StoreCorrupt(format!("attachment type {file_type}")))?,
        size: u64::try_from(row.try_get::<i64, _>("size")?).unwrap_or(0),
    }))
}

/// What an outbox item asks of the server.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Dossier(SubmitDossier),
    Answer {
        dossier_id: String,
        procedure_id: String,
        answer: AnswerDossier,
    },
    Report(SubmitReport),
    Rating {
        report_id: String,
        rating: RateReport,
    },
    Reopen {
        report_id: String,
        reopen: ReopenReport,
    },
}

/// What the server answers a delivered request with: the dossier or the report as it now is.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivered {
    Dossier(Dossier),
    Report(Report),
}

impl Delivered {
    pub fn code(&self) -> &str {
        match self {
            Delivered::Dossier(d) => &d.code,
            Delivered::Report(r) => &r.code,
        }
    }
}

impl Request {
    /// Every file the request refers to: the server must have them before the request.
    pub fn files(&self) -> Vec<&AttachmentRef> {
        match self {
            Request::Dossier(dossier) => dossier
                .values
                .values()
                .flat_map(|value| match value {
                    FieldValue::Files(files) => files.iter().collect(),
                    FieldValue::Text(_) => Vec::new(),
                })
                .collect(),
            Request::Answer { answer, .. } => answer.attachments.iter().collect(),
            Request::Report(report) => report.photos.iter().collect(),
            Request::Rating { .. } | Request::Reopen { .. } => Vec::new(),
        }
    }

    pub fn kind(&self) -> OutboxKind {
        match self {
            Request::Dossier(_) => OutboxKind::Dossier,
            Request::Answer { .. } => OutboxKind::Answer,
            Request::Report(_) => OutboxKind::Report,
            Request::Rating { .. } => OutboxKind::Rating,
            Request::Reopen { .. } => OutboxKind::Reopen,
        }
    }

    /// Whether the server answers with a report (else with a dossier).
    pub fn answers_with_report(&self) -> bool {
        matches!(
            self,
            Request::Report(_) | Request::Rating { .. } | Request::Reopen { .. }
        )
    }

    /// Where it is posted.
    pub fn path(&self) -> String {
        match self {
            Request::Dossier(_) => DOSSIERS_PATH.to_owned(),
            Request::Answer { dossier_id, .. } => answers_path(dossier_id),
            Request::Report(_) => REPORTS_PATH.to_owned(),
            Request::Rating { report_id, .. } => rating_path(report_id),
            Request::Reopen { report_id, .. } => reopen_path(report_id),
        }
    }

    pub fn body(&self) -> Result<String, CoreError> {
        match self {
            Request::Dossier(dossier) => json(dossier),
            Request::Answer { answer, .. } => json(answer),
            Request::Report(report) => json(report),
            Request::Rating { rating, .. } => json(rating),
            Request::Reopen { reopen, .. } => json(reopen),
        }
    }

    fn procedure_id(&self) -> Option<&str> {
        match self {
            Request::Dossier(dossier) => Some(&dossier.procedure_id),
            Request::Answer { procedure_id, .. } => Some(procedure_id),
            _ => None,
        }
    }

    fn report_ref(&self) -> Option<&str> {
        match self {
            Request::Rating { report_id, .. } | Request::Reopen { report_id, .. } => {
                Some(report_id)
            }
            _ => None,
        }
    }

    fn title(&self) -> Option<&str> {
        match self {
            Request::Report(report) => Some(report.title.trim()),
            _ => None,
        }
    }
}

fn kind_name(kind: OutboxKind) -> &'static str {
    match kind {
        OutboxKind::Dossier => "dossier",
        OutboxKind::Answer => "answer",
        OutboxKind::Report => "report",
        OutboxKind::Rating => "rating",
        OutboxKind::Reopen => "reopen",
    }
}

fn kind_of(name: &str) -> Option<OutboxKind> {
    [
        OutboxKind::Dossier,
        OutboxKind::Answer,
        OutboxKind::Report,
        OutboxKind::Rating,
        OutboxKind::Reopen,
    ]
    .into_iter()
    .find(|k| kind_name(*k) == name)
}

/// Queues a request. A dossier's outbox item is written and its draft removed in one
/// transaction, so a submitted dossier is never also a draft, and never lost.
pub async fn queue(
    pool: &SqlitePool,
    id: &str,
    idempotency_key: &str,
    request: &Request,
    now: &str,
) -> Result<(), CoreError> {
    let dossier_ref = match request {
        Request::Answer { dossier_id, .. } => Some(dossier_id),
        _ => None,
    };
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query(
        "INSERT INTO outbox (id, idempotency_key, procedure_id, request_json, state,
             next_attempt_at, created_at, kind, dossier_ref, report_ref, title)
         VALUES (?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(idempotency_key)
    .bind(request.procedure_id())
    .bind(request.body()?)
    .bind(now)
    .bind(now)
    .bind(kind_name(request.kind()))
    .bind(dossier_ref)
    .bind(request.report_ref())
    .bind(request.title())
    .execute(&mut *tx)
    .await?;
    if let Request::Dossier(dossier) = request {
        sqlx::query("DELETE FROM drafts WHERE procedure_id = ?")
            .bind(&dossier.procedure_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One request waiting in the outbox.
pub struct Waiting {
    pub id: String,
    pub idempotency_key: String,
    pub request: Request,
    pub attempts: u32,
}

/// The waiting items whose next attempt is due, oldest first.
pub async fn due(pool: &SqlitePool, now: &str) -> Result<Vec<Waiting>, CoreError> {
    let rows = sqlx::query(
        "SELECT id, idempotency_key, request_json, attempts, kind, dossier_ref, report_ref,
             procedure_id
         FROM outbox WHERE state = 'waiting' AND next_attempt_at <= ? ORDER BY created_at, id",
    )
    .bind(now)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let body: String = row.try_get("request_json")?;
            let corrupt = |e: serde_json::Error| CoreError::StoreCorrupt(e.to_string());
            let kind: String = row.try_get("kind")?;
            let report_ref: Option<String> = row.try_get("report_ref")?;
            let request = match (
                kind.as_str(),
                row.try_get::<Option<String>, _>("dossier_ref")?,
                row.try_get::<Option<String>, _>("procedure_id")?,
            ) {
                ("answer", Some(dossier_id), Some(procedure_id)) => Request::Answer {
                    dossier_id,
                    procedure_id,
                    answer: serde_json::from_str(&body).map_err(corrupt)?,
                },
                ("dossier", _, _) => {
                    Request::Dossier(serde_json::from_str(&body).map_err(corrupt)?)
                }
                ("report", _, _) => Request::Report(serde_json::from_str(&body).map_err(corrupt)?),
                ("rating", _, _) if report_ref.is_some() => Request::Rating {
                    report_id: report_ref.unwrap_or_default(),
                    rating: serde_json::from_str(&body).map_err(corrupt)?,
                },
                ("reopen", _, _) if report_ref.is_some() => Request::Reopen {
                    report_id: report_ref.unwrap_or_default(),
                    reopen: serde_json::from_str(&body).map_err(corrupt)?,
                },
                _ => {
                    return Err(CoreError::StoreCorrupt(format!(
                        "outbox item of kind {kind}"
                    )))
                }
            };
            Ok(Waiting {
                id: row.try_get("id")?,
                idempotency_key: row.try_get("idempotency_key")?,
                request,
                attempts: u32::try_from(row.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// The server has it: the item is done, and the dossier or report kept as the server sent it.
pub async fn sent(pool: &SqlitePool, id: &str, delivered: &Delivered) -> Result<(), CoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    match delivered {
        Delivered::Dossier(dossier) => {
            sqlx::query(
                "UPDATE outbox SET state = 'sent', dossier_id = ?, last_error = NULL WHERE id = ?",
            )
            .bind(&dossier.id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            upsert_dossier(&mut tx, dossier).await?;
        }
        Delivered::Report(report) => {
            sqlx::query(
                "UPDATE outbox SET state = 'sent', report_ref = ?, last_error = NULL WHERE id = ?",
            )
            .bind(&report.id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            crate::reports::store::upsert_report(&mut tx, report).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The server refused the dossier for good (its answers, the procedure withdrawn): it stays on
/// the device with the reason, for the resident to see and correct.
pub async fn refused(pool: &SqlitePool, id: &str, reason: &str) -> Result<(), CoreError> {
    sqlx::query("UPDATE outbox SET state = 'refused', last_error = ? WHERE id = ?")
        .bind(reason)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Try again at `next_attempt_at`.
pub async fn retry_later(
    pool: &SqlitePool,
    id: &str,
    attempts: u32,
    next_attempt_at: &str,
    reason: &str,
) -> Result<(), CoreError> {
    sqlx::query("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
        .bind(attempts)
        .bind(next_attempt_at)
        .bind(reason)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// What the outbox still holds (waiting or refused), oldest first.
pub async fn outbox_items(pool: &SqlitePool) -> Result<Vec<OutboxItem>, CoreError> {
    let rows = sqlx::query(
        "SELECT id, kind, dossier_ref, report_ref, procedure_id, title, state, created_at,
             attempts, last_error
         FROM outbox WHERE state IN ('waiting', 'refused') ORDER BY created_at, id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let state: String = row.try_get("state")?;
            let kind: String = row.try_get("kind")?;
            Ok(OutboxItem {
                id: row.try_get("id")?,
                kind: kind_of(&kind)
                    .ok_or_else(|| CoreError::StoreCorrupt(format!("outbox kind {kind}")))?,
                dossier_id: row.try_get("dossier_ref")?,
                report_id: row.try_get("report_ref")?,
                procedure_id: row.try_get("procedure_id")?,
                title: row.try_get("title")?,
                procedure_name: None,
                state: if state == "refused" {
                    OutboxState::Refused
                } else {
                    OutboxState::Waiting
                },
                queued_at: row.try_get("created_at")?,
                attempts: u32::try_from(row.try_get::<i64, _>("attempts")?).unwrap_or(u32::MAX),
                last_error: row.try_get("last_error")?,
            })
        })
        .collect()
}

/// The network is back: every waiting dossier is due now, whatever its backoff said.
pub async fn due_now(pool: &SqlitePool, now: &str) -> Result<(), CoreError> {
    sqlx::query(
        "UPDATE outbox SET next_attempt_at = ? WHERE state = 'waiting' AND next_attempt_at > ?",
    )
    .bind(now)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// How many dossiers are waiting to be sent.
pub async fn waiting_count(pool: &SqlitePool) -> Result<u32, CoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'waiting'")
        .fetch_one(pool)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

impl crate::citizen_feed::FeedItem for Dossier {
    const SCOPE: &'static str = "dossiers";
    const PATH: &'static str = citizen_protocol::dossiers::DOSSIER_FEED_PATH;

    async fn upsert(&self, conn: &mut sqlx::SqliteConnection) -> Result<(), CoreError> {
        upsert_dossier(conn, self).await
    }
}

/// Keeps the dossier as the server sent it; its new timeline steps become notifications.
pub async fn upsert_dossier(
    conn: &mut sqlx::SqliteConnection,
    dossier: &Dossier,
) -> Result<(), CoreError> {
    let previous: Option<String> = sqlx::query_scalar("SELECT body FROM dossiers WHERE id = ?")
        .bind(&dossier.id)
        .fetch_optional(&mut *conn)
        .await?;
    let previous: Option<Dossier> = match previous {
        Some(body) => {
            Some(serde_json::from_str(&body).map_err(|e| CoreError::StoreCorrupt(e.to_string()))?)
        }
        None => None,
    };
    super::notifications::record_new_steps(conn, previous.as_ref(), dossier).await?;
    sqlx::query(
        "INSERT INTO dossiers (id, code, body) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, body = excluded.body",
    )
    .bind(&dossier.id)
    .bind(&dossier.code)
    .bind(json(dossier)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The citizen's dossiers as last synced, newest first.
pub async fn dossiers(pool: &SqlitePool) -> Result<Vec<Dossier>, CoreError> {
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM dossiers")
        .fetch_all(pool)
        .await?;
    let mut dossiers = bodies
        .iter()
        .map(|body| serde_json::from_str(body).map_err(|e| CoreError::StoreCorrupt(e.to_string())))
        .collect::<Result<Vec<Dossier>, CoreError>>()?;
    dossiers.sort_by(|a, b| b.submitted_at.cmp(&a.submitted_at));
    Ok(dossiers)
}

fn json(value: &impl serde::Serialize) -> Result<String, CoreError> {
    serde_json::to_string(value).map_err(|e| CoreError::StoreFailed(e.to_string()))
}
