//! The catalogue change feed.

use axum::extract::{Query, State};
use axum::Json;
use citizen_protocol::catalog::Procedure;
use citizen_protocol::feed::{FeedPage, FeedQuery};
use citizen_protocol::FEED_MAX_LIMIT;

use super::AppState;
use crate::catalog::store;
use crate::error::ServerError;

/// `GET /api/v1/feeds/catalog?after=<cursor>&limit=<n>`. With no `after`, the feed starts from
/// the beginning; an `after` at the head answers an empty page with the same cursor.
#[tracing::instrument(skip_all, fields(after = ?q.after, limit = ?q.limit), err(Display))]
pub async fn feed(
    State(state): State<AppState>,
    Query(q): Query<FeedQuery>,
) -> Result<Json<FeedPage<Procedure>>, ServerError> {
    let (after, limit) = position(&q)?;
    Ok(Json(store::feed_page(&state.db, after, limit).await?))
}

/// A feed query's cursor and page size: the cursor a non-negative integer (none = the start), the
/// limit clamped to 1..=FEED_MAX_LIMIT. Every feed reads its query through here.
pub fn position(q: &FeedQuery) -> Result<(i64, u32), ServerError> {
    let after = match q.after.as_deref() {
        None | Some("") => 0,
        Some(c) => c
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| ServerError::BadRequest(format!("invalid cursor {c:?}")))?,
    };
    Ok((
        after,
        q.limit.unwrap_or(FEED_MAX_LIMIT).clamp(1, FEED_MAX_LIMIT),
    ))
}
