//! Seeding the catalogue from the taxonomy: the demo catalogue, or a synthetic one for load.

use crate::catalog::{store, taxonomy};
use crate::db::Db;
use crate::error::ServerError;

/// Brings the demo catalogue to the taxonomy's current state: writes the procedures that are
/// missing, withdrawn or different (a demo database from an older build gains the forms added
/// since), and leaves the rest alone, so their `seq` does not move and apps do not refetch them.
/// Returns how many were written.
pub async fn seed_demo(db: &Db) -> Result<usize, ServerError> {
    let mut changed = Vec::new();
    for procedure in taxonomy::demo_catalog() {
        if store::published(db, &procedure.id).await?.as_ref() != Some(&procedure) {
            changed.push(procedure);
        }
    }
    if changed.is_empty() {
        return Ok(0);
    }
    store::upsert(db, &changed).await
}

/// Seeds `count` synthetic procedures. Ids are stable, so seeding twice rewrites the same rows
/// instead of duplicating them.
pub async fn seed_synthetic(db: &Db, count: usize) -> Result<usize, ServerError> {
    store::upsert(db, &taxonomy::synthetic_catalog(count)).await
}
