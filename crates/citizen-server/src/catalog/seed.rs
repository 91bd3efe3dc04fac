//! Seeding the catalogue from the taxonomy: the demo catalogue, or a synthetic one for load.

use crate::catalog::{store, taxonomy};
use crate::db::Db;
use crate::error::ServerError;

/// Seeds the demo catalogue unless the database already has a catalogue; returns how many
/// procedures were written (0 when it was already seeded).
pub async fn seed_demo_if_empty(db: &Db) -> Result<usize, ServerError> {
    if store::count_published(db).await? > 0 {
        return Ok(0);
    }
    store::upsert(db, &taxonomy::demo_catalog()).await
}

/// Seeds `count` synthetic procedures. Ids are stable, so seeding twice rewrites the same rows
/// instead of duplicating them.
pub async fn seed_synthetic(db: &Db, count: usize) -> Result<usize, ServerError> {
    store::upsert(db, &taxonomy::synthetic_catalog(count)).await
}
