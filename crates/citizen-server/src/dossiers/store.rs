//! SQL for dossiers. A dossier, its first timeline event and its attachment links are written in
//! one transaction, under the citizen's idempotency key.

use citizen_protocol::catalog::{Localized, Procedure};
use citizen_protocol::dossiers::{Dossier, DossierEvent, DossierStatus};
use citizen_protocol::forms::{FieldValue, FormValues};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use time::{Date, OffsetDateTime};

use super::workflow;
use crate::db::Db;
use crate::error::ServerError;
use crate::identity::secrets;

/// What a stored idempotency key says about a new request with the same key.
pub enum Earlier {
    /// The same request was made before: this is its dossier.
    Same(Box<Dossier>),
    /// The key came with a different request.
    Different,
}

pub async fn earlier(
    db: &Db,
    citizen_id: &str,
    key: &str,
    request_sha256: &str,
) -> Result<Option<Earlier>, ServerError> {
    let mut conn = db.acquire().await?;
    earlier_on(&mut conn, citizen_id, key, request_sha256).await
}

async fn earlier_on(
    conn: &mut SqliteConnection,
    citizen_id: &str,
    key: &str,
    request_sha256: &str,
) -> Result<Option<Earlier>, ServerError> {
    let row = sqlx::query(
        "SELECT id, request_sha256 FROM dossiers WHERE citizen_id = ? AND idempotency_key = ?",
    )
    .bind(citizen_id)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    if row.try_get::<String, _>("request_sha256")? != request_sha256 {
        return Ok(Some(Earlier::Different));
    }
    let id: String = row.try_get("id")?;
    Ok(Some(Earlier::Same(Box::new(read(&mut *conn, &id).await?))))
}

/// A dossier to create: the procedure as published now, and the validated answers.
pub struct NewDossier<'a> {
    pub citizen_id: &'a str,
    pub procedure: &'a Procedure,
    pub values: &'a FormValues,
    pub idempotency_key: &'a str,
    pub request_sha256: &'a str,
}

/// Creates the dossier, received now; or, should the same key have won a race, returns that one.
pub async fn create(db: &Db, new: NewDossier<'_>) -> Result<(Dossier, bool), ServerError> {
    // IMMEDIATE: the day's numbering and the key check must see every dossier committed before.
    let mut tx = db.begin_with("BEGIN IMMEDIATE").await?;
    match earlier_on(
        &mut tx,
        new.citizen_id,
        new.idempotency_key,
        new.request_sha256,
    )
    .await?
    {
        Some(Earlier::Same(dossier)) => return Ok((*dossier, false)),
        Some(Earlier::Different) => {
            return Err(ServerError::BadRequest(
                "idempotency key reused with a different request".into(),
            ))
        }
        None => {}
    }
    let now = OffsetDateTime::now_utc();
    let today = workflow::today_in_vietnam(now);
    let code = next_code(&mut tx, &new.procedure.id, today).await?;
    let id = format!("d_{}", &secrets::random_token()[..22]);
    let submitted_at = super::rfc3339(now);
    let due = workflow::due_date(today, new.procedure.processing_days).to_string();
    let values =
        serde_json::to_string(new.values).map_err(|e| ServerError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO dossiers (id, code, citizen_id, procedure_id, procedure_vi, procedure_en,
             agency_vi, agency_en, form_values, status, submitted_at, due_date, idempotency_key,
             request_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(&code)
    .bind(new.citizen_id)
    .bind(&new.procedure.id)
    .bind(&new.procedure.name.vi)
    .bind(&new.procedure.name.en)
    .bind(&new.procedure.agency.vi)
    .bind(&new.procedure.agency.en)
    .bind(&values)
    .bind(DossierStatus::Received.as_str())
    .bind(&submitted_at)
    .bind(&due)
    .bind(new.idempotency_key)
    .bind(new.request_sha256)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO dossier_events (dossier_id, position, status, at) VALUES (?, 0, ?, ?)",
    )
    .bind(&id)
    .bind(DossierStatus::Received.as_str())
    .bind(&submitted_at)
    .execute(&mut *tx)
    .await?;
    for (field, value) in new.values {
        let FieldValue::Files(files) = value else {
            continue;
        };
        for file in files {
            sqlx::query(
                "INSERT INTO dossier_attachments (dossier_id, field, sha256) VALUES (?, ?, ?)
                 ON CONFLICT DO NOTHING",
            )
            .bind(&id)
            .bind(field)
            .bind(&file.sha256)
            .execute(&mut *tx)
            .await?;
        }
    }
    let dossier = read(&mut tx, &id).await?;
    tx.commit().await?;
    Ok((dossier, true))
}

/// The next code of the day for this procedure's field.
async fn next_code(
    conn: &mut SqliteConnection,
    procedure_id: &str,
    day: Date,
) -> Result<String, ServerError> {
    let prefix = workflow::code_prefix(procedure_id, day);
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dossiers WHERE code LIKE ? || '%'")
        .bind(&prefix)
        .fetch_one(&mut *conn)
        .await?;
    Ok(workflow::dossier_code(
        procedure_id,
        day,
        u32::try_from(taken + 1).unwrap_or(u32::MAX),
    ))
}

/// The citizen's dossiers, newest first.
pub async fn of_citizen(db: &Db, citizen_id: &str) -> Result<Vec<Dossier>, ServerError> {
    let mut conn = db.acquire().await?;
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM dossiers WHERE citizen_id = ? ORDER BY submitted_at DESC, code DESC",
    )
    .bind(citizen_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut dossiers = Vec::with_capacity(ids.len());
    for id in ids {
        dossiers.push(read(&mut conn, &id).await?);
    }
    Ok(dossiers)
}

async fn read(conn: &mut SqliteConnection, id: &str) -> Result<Dossier, ServerError> {
    let row = sqlx::query(
        "SELECT id, code, procedure_id, procedure_vi, procedure_en, agency_vi, agency_en,
             form_values, status, submitted_at, due_date
         FROM dossiers WHERE id = ?",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let events = sqlx::query(
        "SELECT status, at, message FROM dossier_events WHERE dossier_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    dossier_from_rows(&row, &events)
}

fn dossier_from_rows(row: &SqliteRow, events: &[SqliteRow]) -> Result<Dossier, ServerError> {
    let id: String = row.try_get("id")?;
    let corrupt = |what: &str| ServerError::Corrupt(format!("dossier {id}: bad {what}"));
    let status = |text: String| DossierStatus::parse(&text).ok_or_else(|| corrupt("status"));
    let timeline = events
        .iter()
        .map(|event| {
            Ok(DossierEvent {
                status: status(event.try_get("status")?)?,
                at: event.try_get("at")?,
                message: event.try_get("message")?,
            })
        })
        .collect::<Result<Vec<_>, ServerError>>()?;
    let values: String = row.try_get("form_values")?;
    Ok(Dossier {
        code: row.try_get("code")?,
        procedure_id: row.try_get("procedure_id")?,
        procedure_name: Localized::new(
            row.try_get::<String, _>("procedure_vi")?,
            row.try_get::<String, _>("procedure_en")?,
        ),
        agency: Localized::new(
            row.try_get::<String, _>("agency_vi")?,
            row.try_get::<String, _>("agency_en")?,
        ),
        status: status(row.try_get("status")?)?,
        submitted_at: row.try_get("submitted_at")?,
        due_date: row.try_get("due_date")?,
        values: serde_json::from_str(&values).map_err(|_| corrupt("values"))?,
        timeline,
        id,
    })
}
