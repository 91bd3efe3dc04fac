//! The local SQLite stores, WAL, migrated on open: the device's (`<data dir>/citizen.db`: the
//! public catalogue and who is signed in) and one per citizen (`<data dir>/citizens/<id>/`: that
//! resident's own data), so two residents on one laptop never share a file. A file that is not a
//! usable database is set aside (never deleted) and a fresh one takes its place, so a damaged
//! store costs a re-sync, not the app.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use time::OffsetDateTime;

use crate::error::CoreError;

pub const STORE_FILE: &str = "citizen.db";

/// The device's store: catalogue, sync state, the current session (never its tokens).
static DEVICE: Migrator = sqlx::migrate!("./migrations");
/// A citizen's own store.
static CITIZEN: Migrator = sqlx::migrate!("./citizen-migrations");

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

/// What opening the store found.
pub struct Opened {
    pub store: Store,
    /// Set when the previous file was unusable and was moved here.
    pub set_aside: Option<PathBuf>,
}

impl Store {
    /// Opens the device's store `<data_dir>/citizen.db`, creating the directory and file if needed.
    pub async fn open(data_dir: &Path) -> Result<Opened, CoreError> {
        Self::open_in(data_dir, &DEVICE).await
    }

    /// Opens a citizen's store in `dir` (`<data_dir>/citizens/<id>`).
    pub async fn open_citizen(dir: &Path) -> Result<Opened, CoreError> {
        Self::open_in(dir, &CITIZEN).await
    }

    async fn open_in(dir: &Path, migrator: &Migrator) -> Result<Opened, CoreError> {
        std::fs::create_dir_all(dir).map_err(|e| CoreError::StoreFailed(e.to_string()))?;
        let path = dir.join(STORE_FILE);
        match Self::open_file(&path, migrator).await {
            Ok(store) => Ok(Opened {
                store,
                set_aside: None,
            }),
            Err(e) if is_unusable_file(&e) => {
                let aside = set_aside(&path)?;
                tracing::warn!(error = %e, set_aside = %aside.display(), "local store unusable, starting fresh");
                let store = Self::open_file(&path, migrator).await?;
                Ok(Opened {
                    store,
                    set_aside: Some(aside),
                })
            }
            Err(e) => Err(e),
        }
    }

    async fn open_file(path: &Path, migrator: &Migrator) -> Result<Store, CoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .pragma("cache_size", "-32768")
            .pragma("wal_autocheckpoint", "8192");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        // A damaged page can hide until it is read; find it now rather than mid-search.
        let check: String = sqlx::query_scalar("PRAGMA quick_check")
            .fetch_one(&pool)
            .await?;
        if check != "ok" {
            pool.close().await;
            return Err(CoreError::StoreCorrupt(check));
        }
        migrator.run(&pool).await?;
        Ok(Store { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn is_unusable_file(e: &CoreError) -> bool {
    match e {
        CoreError::StoreCorrupt(_) => true,
        CoreError::Store(sqlx::Error::Database(db)) => {
            // SQLITE_NOTADB (26) and SQLITE_CORRUPT (11): the file is not a database we can use.
            matches!(db.code().as_deref(), Some("26") | Some("11"))
        }
        CoreError::Migrate(sqlx::migrate::MigrateError::Execute(sqlx::Error::Database(db))) => {
            matches!(db.code().as_deref(), Some("26") | Some("11"))
        }
        _ => false,
    }
}

/// Moves the database file and its WAL/SHM companions to `<name>.corrupt-<unix time>`.
fn set_aside(path: &Path) -> Result<PathBuf, CoreError> {
    let stamp = OffsetDateTime::now_utc().unix_timestamp();
    let aside = path.with_extension(format!("db.corrupt-{stamp}"));
    std::fs::rename(path, &aside).map_err(|e| CoreError::StoreFailed(e.to_string()))?;
    for suffix in ["-wal", "-shm"] {
        let companion = PathBuf::from(format!("{}{suffix}", path.display()));
        if companion.exists() {
            let target = PathBuf::from(format!("{}{suffix}", aside.display()));
            std::fs::rename(&companion, target)
                .map_err(|e| CoreError::StoreFailed(e.to_string()))?;
        }
    }
    Ok(aside)
}
