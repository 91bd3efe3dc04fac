//! The catalogue change feed.

use axum::extract::{Query, State};
use axum::Json;
use citizen_protocol::catalog::Procedure;
use citizen_protocol::feed::{FeedPage, FeedQuery};

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
    let (after, limit) = super::feed_position(&q)?;
    Ok(Json(store::feed_page(&state.db, after, limit).await?))
}
