//! SQL for the local catalogue. A feed page and its cursor are written in one transaction, so an
//! interrupted sync resumes where it stopped and never applies a page twice or half.

use std::collections::HashMap;

use citizen_protocol::catalog::{Field, Procedure};
use citizen_protocol::feed::{Change, FeedPage};
use citizen_protocol::ipc::ProcedureSummary;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqlitePool};

use super::fold::fold;
use crate::error::CoreError;

pub const SCOPE: &str = "catalog";

/// Folded words each field is also found by ("ho tich civil status"), from the message files.
pub type FieldWords = HashMap<Field, String>;

/// Applies one feed page and records its cursor, atomically. Returns (upserts, tombstones).
///
/// The page goes to SQLite as one JSON parameter and is written set-wise, a handful of statements
/// per page rather than several per procedure: per-statement overhead, not SQLite, was what made a
/// 20,000-procedure sync slow (docs/benchmarks.md).
pub async fn apply_page(
    pool: &SqlitePool,
    page: &FeedPage<Procedure>,
    field_words: &FieldWords,
) -> Result<(usize, usize), CoreError> {
    // Last change per id wins, should a page ever carry one id twice.
    let mut last: HashMap<&str, &Change<Procedure>> = HashMap::new();
    for change in &page.changes {
        let id = match change {
            Change::Upsert { item } => item.id.as_str(),
            Change::Tombstone { id } => id.as_str(),
        };
        last.insert(id, change);
    }
    let mut rows = Vec::new();
    let mut gone = Vec::new();
    for change in last.into_values() {
        match change {
            Change::Upsert { item } => rows.push(IndexedRow::new(item, field_words)?),
            Change::Tombstone { id } => gone.push(id.as_str()),
        }
    }
    let rows_json =
        serde_json::to_string(&rows).map_err(|e| CoreError::StoreFailed(e.to_string()))?;
    let gone_json =
        serde_json::to_string(&gone).map_err(|e| CoreError::StoreFailed(e.to_string()))?;

    // IMMEDIATE: take the write lock up front. A deferred transaction that reads and then writes
    // fails with SQLITE_BUSY_SNAPSHOT, which no busy timeout retries, when another connection
    // (the session's keep-alive) commits in between.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Index entries of every row this page touches go first: their keys change with their names.
    sqlx::query(
        "DELETE FROM procedure_search WHERE rowid IN (
             SELECT search_key FROM procedures WHERE id IN (
                 SELECT value ->> 'id' FROM json_each(?1)
                 UNION ALL SELECT value FROM json_each(?2)))",
    )
    .bind(&rows_json)
    .bind(&gone_json)
    .execute(&mut *tx)
    .await?;
    let tombstones =
        sqlx::query("DELETE FROM procedures WHERE id IN (SELECT value FROM json_each(?))")
            .bind(&gone_json)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    sqlx::query(
        "INSERT INTO procedures (id, body, name_vi, name_en, name_folded, name_en_folded, field,
             level, online_level, processing_days, fee_vnd)
         SELECT r.value ->> 'id', r.value ->> 'body', r.value ->> 'name_vi', r.value ->> 'name_en',
             r.value ->> 'name_folded', r.value ->> 'name_en_folded', r.value ->> 'field',
             r.value ->> 'level', r.value ->> 'online_level', r.value ->> 'processing_days',
             r.value ->> 'fee_vnd'
         FROM json_each(?) r WHERE true
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, name_vi = excluded.name_vi,
             name_en = excluded.name_en, name_folded = excluded.name_folded,
             name_en_folded = excluded.name_en_folded, field = excluded.field,
             level = excluded.level, online_level = excluded.online_level,
             processing_days = excluded.processing_days, fee_vnd = excluded.fee_vnd",
    )
    .bind(&rows_json)
    .execute(&mut *tx)
    .await?;
    // The key orders the index by name length (search relies on it); see search::SEARCH_SQL.
    sqlx::query(
        "UPDATE procedures SET search_key = (length(name_folded) << 32) | rowid
         WHERE id IN (SELECT value ->> 'id' FROM json_each(?))",
    )
    .bind(&rows_json)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO procedure_search (rowid, name_vi, name_en, agency, documents, field)
         SELECT p.search_key, p.name_folded, p.name_en_folded, r.value ->> 'agency',
             r.value ->> 'documents', r.value ->> 'field_words'
         FROM json_each(?) r JOIN procedures p ON p.id = r.value ->> 'id'",
    )
    .bind(&rows_json)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO sync_state (scope, cursor) VALUES (?, ?)
         ON CONFLICT (scope) DO UPDATE SET cursor = excluded.cursor",
    )
    .bind(SCOPE)
    .bind(&page.cursor)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((
        rows.len(),
        usize::try_from(tombstones).unwrap_or(usize::MAX),
    ))
}

/// One procedure as the store keeps it: listing columns, and the folded text the index searches.
#[derive(serde::Serialize)]
struct IndexedRow<'a> {
    id: &'a str,
    body: String,
    name_vi: &'a str,
    name_en: &'a str,
    name_folded: String,
    name_en_folded: String,
    field: &'static str,
    level: &'static str,
    online_level: &'static str,
    processing_days: u32,
    fee_vnd: i64,
    agency: String,
    documents: String,
    field_words: &'a str,
}

impl<'a> IndexedRow<'a> {
    fn new(p: &'a Procedure, field_words: &'a FieldWords) -> Result<Self, CoreError> {
        let documents: Vec<String> = p
            .required_documents
            .iter()
            .map(|d| fold(&format!("{} {}", d.vi, d.en)))
            .collect();
        Ok(IndexedRow {
            id: &p.id,
            body: serde_json::to_string(p).map_err(|e| CoreError::StoreFailed(e.to_string()))?,
            name_vi: &p.name.vi,
            name_en: &p.name.en,
            name_folded: fold(&p.name.vi),
            name_en_folded: fold(&p.name.en),
            field: p.field.as_str(),
            level: p.level.as_str(),
            online_level: p.online_level.as_str(),
            processing_days: p.processing_days,
            fee_vnd: i64::try_from(p.fee_vnd).unwrap_or(i64::MAX),
            agency: fold(&format!("{} {}", p.agency.vi, p.agency.en)),
            documents: documents.join(" "),
            field_words: field_words
                .get(&p.field)
                .map(String::as_str)
                .unwrap_or_default(),
        })
    }
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
