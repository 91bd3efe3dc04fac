//! Cursor-based change feeds. A client keeps the cursor of the last page it applied and asks for
//! what changed after it; an unchanged feed answers with an empty page and the same cursor.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One change in a feed: the current state of an item, or the fact that it is gone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "camelCase")]
#[ts(export)]
pub enum Change<T> {
    Upsert { item: T },
    Tombstone { id: String },
}

/// A page of a feed. `cursor` is opaque to clients: they only send it back as `after`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FeedPage<T> {
    pub changes: Vec<Change<T>>,
    pub cursor: String,
    /// True when more changes follow this page; ask again with `after = cursor`.
    pub has_more: bool,
}

/// Query string of a feed request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedQuery {
    /// Cursor of the last applied page; absent for a full sync.
    pub after: Option<String>,
    pub limit: Option<u32>,
}
