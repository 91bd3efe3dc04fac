//! SQL for the local catalogue. A feed page and its cursor are written in one transaction, so an
//! interrupted sync resumes where it stopped and never applies a page twice or half.

use std::collections::HashMap;

use citizen_protocol::catalog::{Field, Procedure};
use citizen_protocol::feed::{Change, FeedPage};
use citizen_protocol::ipc::ProcedureSummary;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::fold::fold;
use crate::error::CoreError;

pub const SCOPE: &str = "catalog";

/// Folded words each field is also found by ("ho tich civil status"), from the message files.
pub type FieldWords = HashMap<Field, String>;

/// Applies one feed page and records its cursor, atomically. Returns (upserts, tombstones).
pub async fn apply_page(
    pool: &SqlitePool,
    page: &FeedPage<Procedure>,
    field_words: &FieldWords,
) -> Result<(usize, usize), CoreError> {
    let mut tx = pool.begin().await?;
    let (mut upserts, mut tombstones) = (0, 0);
    for change in &page.changes {
        match change {
            Change::Upsert { item } => {
                upsert(&mut tx, item, field_words).await?;
                upserts += 1;
            }
            Change::Tombstone { id } => {
                remove(&mut tx, id).await?;
                tombstones += 1;
            }
        }
    }
    sqlx::query(
        "INSERT INTO sync_state (scope, cursor) VALUES (?, ?)
         ON CONFLICT (scope) DO UPDATE SET cursor = excluded.cursor",
    )
    .bind(SCOPE)
    .bind(&page.cursor)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((upserts, tombstones))
}

async fn upsert(
    conn: &mut SqliteConnection,
    p: &Procedure,
    field_words: &FieldWords,
) -> Result<(), CoreError> {
    let body = serde_json::to_string(p).map_err(|e| CoreError::BadResponse(e.to_string()))?;
    let rowid: i64 = sqlx::query_scalar(
        "INSERT INTO procedures (id, body, name_vi, name_en, name_folded, name_en_folded, field,
             level, online_level, processing_days, fee_vnd)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, name_vi = excluded.name_vi,
             name_en = excluded.name_en, name_folded = excluded.name_folded,
             name_en_folded = excluded.name_en_folded, field = excluded.field,
             level = excluded.level, online_level = excluded.online_level,
             processing_days = excluded.processing_days, fee_vnd = excluded.fee_vnd
         RETURNING rowid",
    )
    .bind(&p.id)
    .bind(body)
    .bind(&p.name.vi)
    .bind(&p.name.en)
    .bind(fold(&p.name.vi))
    .bind(fold(&p.name.en))
    .bind(p.field.as_str())
    .bind(p.level.as_str())
    .bind(p.online_level.as_str())
    .bind(p.processing_days)
    .bind(i64::try_from(p.fee_vnd).unwrap_or(i64::MAX))
    .fetch_one(&mut *conn)
    .await?;
    let documents: Vec<String> = p
        .required_documents
        .iter()
        .map(|d| fold(&format!("{} {}", d.vi, d.en)))
        .collect();
    sqlx::query("DELETE FROM procedure_search WHERE rowid = ?")
        .bind(rowid)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO procedure_search (rowid, name, agency, documents, field)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(rowid)
    .bind(format!("{} {}", fold(&p.name.vi), fold(&p.name.en)))
    .bind(fold(&format!("{} {}", p.agency.vi, p.agency.en)))
    .bind(documents.join(" "))
    .bind(
        field_words
            .get(&p.field)
            .map(String::as_str)
            .unwrap_or_default(),
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn remove(conn: &mut SqliteConnection, id: &str) -> Result<(), CoreError> {
    let rowid: Option<i64> =
        sqlx::query_scalar("DELETE FROM procedures WHERE id = ? RETURNING rowid")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(rowid) = rowid {
        sqlx::query("DELETE FROM procedure_search WHERE rowid = ?")
            .bind(rowid)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The cursor of the last applied catalogue page, if any.
pub async fn cursor(pool: &SqlitePool) -> Result<Option<String>, CoreError> {
    Ok(
        sqlx::query_scalar("SELECT cursor FROM sync_state WHERE scope = ?")
            .bind(SCOPE)
            .fetch_optional(pool)
            .await?
            .flatten(),
    )
}

pub async fn record_success(pool: &SqlitePool, at: &str) -> Result<(), CoreError> {
    sqlx::query(
        "INSERT INTO sync_state (scope, last_success_at) VALUES (?, ?)
         ON CONFLICT (scope) DO UPDATE SET last_success_at = excluded.last_success_at",
    )
    .bind(SCOPE)
    .bind(at)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn last_success_at(pool: &SqlitePool) -> Result<Option<String>, CoreError> {
    Ok(
        sqlx::query_scalar("SELECT last_success_at FROM sync_state WHERE scope = ?")
            .bind(SCOPE)
            .fetch_optional(pool)
            .await?
            .flatten(),
    )
}

pub async fn count(pool: &SqlitePool) -> Result<u32, CoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM procedures")
        .fetch_one(pool)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub async fn get(pool: &SqlitePool, id: &str) -> Result<Procedure, CoreError> {
    let body: Option<String> = sqlx::query_scalar("SELECT body FROM procedures WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let body = body.ok_or_else(|| CoreError::NotFound(id.chars().take(64).collect()))?;
    serde_json::from_str(&body).map_err(|e| CoreError::StoreCorrupt(e.to_string()))
}

/// The first `limit` procedures in alphabetical order of their folded Vietnamese name.
pub async fn browse(pool: &SqlitePool, limit: u32) -> Result<Vec<ProcedureSummary>, CoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM procedures p ORDER BY p.name_folded LIMIT ?"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter().map(summary_from_row).collect()
}

/// Columns `summary_from_row` reads, for queries that alias `procedures` as `p`.
pub const SUMMARY_COLUMNS: &str = "p.id, p.name_vi, p.name_en, p.field, p.level, p.online_level, \
                                   p.processing_days, p.fee_vnd";

pub fn summary_from_row(row: &SqliteRow) -> Result<ProcedureSummary, CoreError> {
    use citizen_protocol::catalog::{AdminLevel, Localized, OnlineLevel};
    let id: String = row.try_get("id")?;
    let corrupt = |what: &str| CoreError::StoreCorrupt(format!("procedure {id}: bad {what}"));
    Ok(ProcedureSummary {
        name: Localized::new(
            row.try_get::<String, _>("name_vi")?,
            row.try_get::<String, _>("name_en")?,
        ),
        field: Field::parse(row.try_get("field")?).ok_or_else(|| corrupt("field"))?,
        level: AdminLevel::parse(row.try_get("level")?).ok_or_else(|| corrupt("level"))?,
        online_level: OnlineLevel::parse(row.try_get("online_level")?)
            .ok_or_else(|| corrupt("online level"))?,
        processing_days: u32::try_from(row.try_get::<i64, _>("processing_days")?)
            .map_err(|_| corrupt("days"))?,
        fee_vnd: u64::try_from(row.try_get::<i64, _>("fee_vnd")?).map_err(|_| corrupt("fee"))?,
        id,
    })
}
