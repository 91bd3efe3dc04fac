//! Connecting to the database and bringing its schema up to date.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::error::ServerError;

pub type Db = SqlitePool;

/// Opens (creating if missing) the database at `url` and runs the migrations.
pub async fn connect(url: &str) -> Result<Db, ServerError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| ServerError::Config(format!("database URL {url:?}: {e}")))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}
