//! SQL for the catalogue. Every write takes the next `seq`, which is what the feed's cursor counts.

use citizen_protocol::catalog::{AdminLevel, Field, Localized, OnlineLevel, Procedure};
use citizen_protocol::feed::{Change, FeedPage};
use sqlx::{AnyConnection, Row};

use crate::clock::now_rfc3339;
use crate::db::Db;
use crate::error::ServerError;

/// Inserts or replaces procedures in one transaction; each gets a fresh `seq` so the feed
/// delivers it again. Returns how many were written.
pub async fn upsert(db: &Db, procedures: &[Procedure]) -> Result<usize, ServerError> {
    // A writer's turn: `seq` is numbered in commit order (`db::begin_write`).
    let mut tx = crate::db::begin_write(db).await?;
    let mut seq = max_seq(&mut tx).await?;
    let now = now_rfc3339();
    for p in procedures {
        seq += 1;
        let documents = serde_json::to_string(&p.required_documents)
            .map_err(|e| ServerError::Corrupt(e.to_string()))?;
        let form = p
            .form
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| ServerError::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO procedures (id, seq, retired, field, level, name_vi, name_en, agency_vi,
                 agency_en, processing_days, fee_vnd, online_level, required_documents, form,
                 updated_at)
             VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (id) DO UPDATE SET
                 seq = excluded.seq, retired = 0, field = excluded.field, level = excluded.level,
                 name_vi = excluded.name_vi, name_en = excluded.name_en,
                 agency_vi = excluded.agency_vi, agency_en = excluded.agency_en,
                 processing_days = excluded.processing_days, fee_vnd = excluded.fee_vnd,
                 online_level = excluded.online_level,
                 required_documents = excluded.required_documents, form = excluded.form,
                 updated_at = excluded.updated_at",
        )
        .bind(&p.id)
        .bind(seq)
        .bind(p.field.as_str())
        .bind(p.level.as_str())
        .bind(&p.name.vi)
        .bind(&p.name.en)
        .bind(&p.agency.vi)
        .bind(&p.agency.en)
        .bind(i64::from(p.processing_days))
        .bind(
            i64::try_from(p.fee_vnd)
                .map_err(|_| ServerError::BadRequest("fee too large".into()))?,
        )
        .bind(p.online_level.as_str())
        .bind(documents)
        .bind(form)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(procedures.len())
}

/// Withdraws a procedure: it becomes a tombstone in the feed. Returns false if it was unknown
/// or already withdrawn.
pub async fn retire(db: &Db, id: &str) -> Result<bool, ServerError> {
    let mut tx = crate::db::begin_write(db).await?;
    let seq = max_seq(&mut tx).await? + 1;
    let done = sqlx::query(
        "UPDATE procedures SET retired = 1, seq = $1, updated_at = $2 WHERE id = $3 AND retired = 0",
    )
    .bind(seq)
    .bind(now_rfc3339())
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    tx.commit().await?;
    Ok(done)
}

/// A published procedure (not withdrawn), if there is one by that id.
pub async fn published(db: &Db, id: &str) -> Result<Option<Procedure>, ServerError> {
    let row = sqlx::query(
        "SELECT id, seq, retired, field, level, name_vi, name_en, agency_vi, agency_en,
                processing_days, fee_vnd, online_level, required_documents, form
         FROM procedures WHERE id = $1 AND retired = 0",
    )
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(|row| procedure_from_row(&row, id.to_owned()))
        .transpose()
}

/// Number of procedures currently published (not withdrawn).
pub async fn count_published(db: &Db) -> Result<i64, ServerError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM procedures WHERE retired = 0")
            .fetch_one(db)
            .await?,
    )
}

/// The changes after `after` (exclusive), oldest first, at most `limit` of them.
pub async fn feed_page(
    db: &Db,
    after: i64,
    limit: u32,
) -> Result<FeedPage<Procedure>, ServerError> {
    // One row more than asked tells whether another page follows, without a second query.
    let rows = sqlx::query(
        "SELECT id, seq, retired, field, level, name_vi, name_en, agency_vi, agency_en,
                processing_days, fee_vnd, online_level, required_documents, form
         FROM procedures WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?;
    let has_more = rows.len() > limit as usize;
    let mut cursor = after;
    let mut changes = Vec::with_capacity(rows.len().min(limit as usize));
    for row in rows.iter().take(limit as usize) {
        cursor = row.try_get("seq")?;
        let id: String = row.try_get("id")?;
        if row.try_get::<i64, _>("retired")? == 1 {
            changes.push(Change::Tombstone { id });
        } else {
            changes.push(Change::Upsert {
                item: procedure_from_row(row, id)?,
            });
        }
    }
    Ok(FeedPage {
        changes,
        cursor: cursor.to_string(),
        has_more,
    })
}

fn procedure_from_row(row: &sqlx::any::AnyRow, id: String) -> Result<Procedure, ServerError> {
    let corrupt = |what: &str| ServerError::Corrupt(format!("procedure {id}: bad {what}"));
    let field: String = row.try_get("field")?;
    let level: String = row.try_get("level")?;
    let online: String = row.try_get("online_level")?;
    let documents: String = row.try_get("required_documents")?;
    let form: Option<String> = row.try_get("form")?;
    let fee: i64 = row.try_get("fee_vnd")?;
    let days: i64 = row.try_get("processing_days")?;
    Ok(Procedure {
        field: Field::parse(&field).ok_or_else(|| corrupt("field"))?,
        level: AdminLevel::parse(&level).ok_or_else(|| corrupt("level"))?,
        online_level: OnlineLevel::parse(&online).ok_or_else(|| corrupt("online level"))?,
        name: Localized::new(
            row.try_get::<String, _>("name_vi")?,
            row.try_get::<String, _>("name_en")?,
        ),
        agency: Localized::new(
            row.try_get::<String, _>("agency_vi")?,
            row.try_get::<String, _>("agency_en")?,
        ),
        processing_days: u32::try_from(days).map_err(|_| corrupt("processing days"))?,
        fee_vnd: u64::try_from(fee).map_err(|_| corrupt("fee"))?,
        required_documents: serde_json::from_str(&documents).map_err(|_| corrupt("documents"))?,
        form: form
            .map(|form| serde_json::from_str(&form))
            .transpose()
            .map_err(|_| corrupt("form"))?,
        id,
    })
}

async fn max_seq(conn: &mut AnyConnection) -> Result<i64, ServerError> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM procedures")
            .fetch_one(&mut *conn)
            .await?,
    )
}
