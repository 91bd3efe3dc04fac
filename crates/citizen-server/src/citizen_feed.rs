//! What a citizen's change feeds (dossiers, reports) share: the rows changed after a cursor, in
//! `seq` order, one more than asked to learn whether more follow. Each owner reads its items.

use citizen_protocol::feed::{Change, FeedPage};

use crate::db::Db;
use crate::error::ServerError;

/// The ids of `table`'s rows of this citizen changed after `after`, at most `limit`, the cursor
/// after them, and whether more follow.
pub async fn changed_ids(
    db: &Db,
    table: &'static str,
    citizen_id: &str,
    after: i64,
    limit: u32,
) -> Result<(Vec<String>, String, bool), ServerError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT id, seq FROM {table} WHERE citizen_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
    ))
    .bind(citizen_id)
    .bind(after)
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?;
    let has_more = rows.len() > limit as usize;
    let rows: Vec<(String, i64)> = rows.into_iter().take(limit as usize).collect();
    let cursor = rows.last().map_or(after, |(_, seq)| *seq);
    Ok((
        rows.into_iter().map(|(id, _)| id).collect(),
        cursor.to_string(),
        has_more,
    ))
}

/// A page of upserts: these feeds' items are never deleted.
pub fn upserts<T>(items: Vec<T>, cursor: String, has_more: bool) -> FeedPage<T> {
    FeedPage {
        changes: items
            .into_iter()
            .map(|item| Change::Upsert { item })
            .collect(),
        cursor,
        has_more,
    }
}
