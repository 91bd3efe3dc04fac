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

/// The full-text indexes over the catalogue, both keyed by `procedures.search_key` (migration 0004).
const SEARCH_INDEXES: [&str; 2] = ["procedure_names", "procedure_words"];

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
    let mut folded = FoldCache::default();
    for change in last.into_values() {
        match change {
            Change::Upsert { item } => rows.push(IndexedRow::new(item, field_words, &mut folded)?),
            Change::Tombstone { id } => gone.push(id.as_str()),
        }
    }
    // Each JSON parameter is parsed once by SQLite: the rows for the catalogue, their index words
    // apart, and the bare ids for everything that only needs to find rows.
    let ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
    let words: Vec<(&str, &str)> = rows.iter().map(|r| (r.id, r.words.as_str())).collect();
    let rows_json = to_json(&rows)?;
    let ids_json = to_json(&ids)?;
    let words_json = to_json(&words)?;
    let gone_json = to_json(&gone)?;

    // IMMEDIATE: take the write lock up front. A deferred transaction that reads and then writes
    // fails with SQLITE_BUSY_SNAPSHOT, which no busy timeout retries, when another connection
    // (the session's keep-alive) commits in between.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Index entries of every row this page touches go first: their keys change with their names.
    for index in SEARCH_INDEXES {
        sqlx::query(&format!(
            "DELETE FROM {index} WHERE rowid IN (
                 SELECT search_key FROM procedures WHERE id IN (
                     SELECT value FROM json_each(?1) UNION ALL SELECT value FROM json_each(?2)))"
        ))
        .bind(&ids_json)
        .bind(&gone_json)
        .execute(&mut *tx)
        .await?;
    }
    let tombstones =
        sqlx::query("DELETE FROM procedures WHERE id IN (SELECT value FROM json_each(?))")
            .bind(&gone_json)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    let next_rowid: i64 = sqlx::query_scalar("SELECT coalesce(max(rowid), 0) + 1 FROM procedures")
        .fetch_one(&mut *tx)
        .await?;
    // A new row's rowid is chosen here rather than by SQLite so that its search key (the index
    // key: name length << 32 | rowid, which search::SEARCH_SQL orders by) is written with it.
    sqlx::query(
        "INSERT INTO procedures (rowid, search_key, id, body, name_vi, name_en, name_folded,
             name_en_folded, field, level, online_level, processing_days, fee_vnd)
         SELECT ?2 + r.key, (length(r.value ->> 'name_folded') << 32) | (?2 + r.key),
             r.value ->> 'id', r.value ->> 'body', r.value ->> 'name_vi', r.value ->> 'name_en',
             r.value ->> 'name_folded', r.value ->> 'name_en_folded', r.value ->> 'field',
             r.value ->> 'level', r.value ->> 'online_level', r.value ->> 'processing_days',
             r.value ->> 'fee_vnd'
         FROM json_each(?1) r WHERE true
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, name_vi = excluded.name_vi,
             name_en = excluded.name_en, name_folded = excluded.name_folded,
             name_en_folded = excluded.name_en_folded, field = excluded.field,
             level = excluded.level, online_level = excluded.online_level,
             processing_days = excluded.processing_days, fee_vnd = excluded.fee_vnd,
             search_key = (length(excluded.name_folded) << 32) | procedures.rowid",
    )
    .bind(&rows_json)
    .bind(next_rowid)
    .execute(&mut *tx)
    .await?;
    // In key order: FTS5 appends to its in-memory segment while rowids rise, and writes a segment
    // out at every rowid that does not; out of order, this insert alone took 4x as long.
    sqlx::query(
        "INSERT INTO procedure_names (rowid, name_vi, name_en)
         SELECT search_key, name_folded, name_en_folded FROM procedures
         WHERE id IN (SELECT value FROM json_each(?))
         ORDER BY search_key",
    )
    .bind(&ids_json)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO procedure_words (rowid, words)
         SELECT p.search_key, w.value ->> 1
         FROM json_each(?) w JOIN procedures p ON p.id = w.value ->> 0
         ORDER BY p.search_key",
    )
    .bind(&words_json)
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

/// Agencies and documents recur across a catalogue's procedures ("Tờ khai", the citizen ID card):
/// each distinct text is folded once per page.
#[derive(Default)]
struct FoldCache<'a>(HashMap<&'a str, String>);

impl<'a> FoldCache<'a> {
    fn fold(&mut self, text: &'a str) -> &str {
        self.0.entry(text).or_insert_with(|| fold(text))
    }
}

fn to_json(value: &impl serde::Serialize) -> Result<String, CoreError> {
    serde_json::to_string(value).map_err(|e| CoreError::StoreFailed(e.to_string()))
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
    /// Every searchable word: names, agency, documents and the field's words. Sent apart.
    #[serde(skip)]
    words: String,
}

impl<'a> IndexedRow<'a> {
    fn new(
        p: &'a Procedure,
        field_words: &'a FieldWords,
        folded: &mut FoldCache<'a>,
    ) -> Result<Self, CoreError> {
        let name_folded = fold(&p.name.vi);
        let name_en_folded = fold(&p.name.en);
        let mut words = vec![name_folded.clone(), name_en_folded.clone()];
        let shared = [&p.agency.vi, &p.agency.en].into_iter().chain(
            p.required_documents
                .iter()
                .flat_map(|document| [&document.vi, &document.en]),
        );
        for text in shared {
            words.push(folded.fold(text).to_owned());
        }
        if let Some(field_words) = field_words.get(&p.field) {
            words.push(field_words.clone());
        }
        Ok(IndexedRow {
            id: &p.id,
            body: serde_json::to_string(p).map_err(|e| CoreError::StoreFailed(e.to_string()))?,
            name_vi: &p.name.vi,
            name_en: &p.name.en,
            name_folded,
            name_en_folded,
            field: p.field.as_str(),
            level: p.level.as_str(),
            online_level: p.online_level.as_str(),
            processing_days: p.processing_days,
            fee_vnd: i64::try_from(p.fee_vnd).unwrap_or(i64::MAX),
            words: words.join(" "),
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
