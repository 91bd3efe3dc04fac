//! The citizen's own change feeds (dossiers, reports): pulled from the stored cursor to the end,
//! each page applied with its cursor in one transaction, so stopping at any instant loses nothing
//! and applies nothing twice.

use citizen_protocol::feed::{Change, FeedPage};
use serde::de::DeserializeOwned;
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::CoreError;
use crate::sync::{FeedClient, MAX_PAGES};

/// An item of a citizen's feed, kept in the citizen's store.
pub(crate) trait FeedItem: DeserializeOwned {
    /// The feed's name in `feed_cursors` and in errors.
    const SCOPE: &'static str;
    /// Where the server serves it.
    const PATH: &'static str;

    /// Keeps the item as the server sent it (and whatever follows from that, such as
    /// notifications), inside the page's transaction.
    async fn upsert(&self, conn: &mut SqliteConnection) -> Result<(), CoreError>;
}

/// Pulls the feed from the stored cursor to its end. Returns how many items changed.
pub(crate) async fn pull<T: FeedItem>(
    pool: &SqlitePool,
    client: &FeedClient,
    token: &str,
) -> Result<usize, CoreError> {
    let mut changed = 0;
    for _ in 0..MAX_PAGES {
        let cursor = cursor(pool, T::SCOPE).await?;
        let page = client
            .page::<T>(T::PATH, cursor.as_deref(), Some(token))
            .await?;
        crate::sync::check_progress(T::SCOPE, cursor.as_deref(), &page)?;
        changed += apply(pool, &page).await?;
        if !page.has_more {
            return Ok(changed);
        }
    }
    Err(CoreError::BadResponse(format!(
        "{} feed does not end",
        T::SCOPE
    )))
}

async fn apply<T: FeedItem>(pool: &SqlitePool, page: &FeedPage<T>) -> Result<usize, CoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut applied = 0;
    for change in &page.changes {
        if let Change::Upsert { item } = change {
            item.upsert(&mut tx).await?;
            applied += 1;
        }
    }
    sqlx::query(
        "INSERT INTO feed_cursors (scope, cursor) VALUES (?, ?)
         ON CONFLICT (scope) DO UPDATE SET cursor = excluded.cursor",
    )
    .bind(T::SCOPE)
    .bind(&page.cursor)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(applied)
}

async fn cursor(pool: &SqlitePool, scope: &str) -> Result<Option<String>, CoreError> {
    Ok(
        sqlx::query_scalar("SELECT cursor FROM feed_cursors WHERE scope = ?")
            .bind(scope)
            .fetch_optional(pool)
            .await?,
    )
}
