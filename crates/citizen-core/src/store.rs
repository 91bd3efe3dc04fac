//! The local SQLite stores, WAL, migrated on open: the device's (`<data dir>/citizen.db`: the
//! public catalogue and who is signed in) and one per citizen (`<data dir>/citizens/<id>/`: that
//! resident's own data), so two residents on one laptop never share a file. A file that is not a
//! usable database is set aside (never deleted) and a fresh one takes its place, so a damaged
//! store costs a re-sync, not the app.
//!
//! A citizen's store is SQLCipher under its own key (`at_rest`); one a previous version left in
//! plaintext is encrypted on open (`sqlcipher_export`), nothing lost. The device's store has no
//! key and is plain SQLite: the same library, which without `PRAGMA key` encrypts nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, SqlitePool};
use time::OffsetDateTime;

use crate::at_rest::{AtRestError, StoreKey};
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
        Self::open_in(data_dir, &DEVICE, None).await
    }

    /// Opens a citizen's store in `dir` (`<data_dir>/citizens/<id>`), encrypted under `key`; a
    /// plaintext one is encrypted first.
    pub async fn open_citizen(dir: &Path, key: &StoreKey) -> Result<Opened, CoreError> {
        Self::open_in(dir, &CITIZEN, Some(key)).await
    }

    async fn open_in(
        dir: &Path,
        migrator: &Migrator,
        key: Option<&StoreKey>,
    ) -> Result<Opened, CoreError> {
        std::fs::create_dir_all(dir).map_err(|e| CoreError::StoreFailed(e.to_string()))?;
        let path = dir.join(STORE_FILE);
        let opened = async {
            if let Some(key) = key {
                if is_plaintext(&path) {
                    encrypt_plaintext(&path, key).await?;
                }
            }
            Self::open_file(&path, migrator, key).await
        };
        match opened.await {
            Ok(store) => Ok(Opened {
                store,
                set_aside: None,
            }),
            Err(e) if is_unusable_file(&e) => {
                let aside = set_aside(&path)?;
                tracing::warn!(error = %e, set_aside = %aside.display(), "local store unusable, starting fresh");
                let store = Self::open_file(&path, migrator, key).await?;
                Ok(Opened {
                    store,
                    set_aside: Some(aside),
                })
            }
            Err(e) => Err(e),
        }
    }

    async fn open_file(
        path: &Path,
        migrator: &Migrator,
        key: Option<&StoreKey>,
    ) -> Result<Store, CoreError> {
        let mut options = SqliteConnectOptions::new();
        if let Some(key) = key {
            // sqlx sends `key` before every other pragma, as SQLCipher needs. Statement logging
            // would print that pragma, key and all, at debug level: off for a keyed store.
            options = options
                .pragma("key", key.sqlcipher_pragma().to_string())
                .disable_statement_logging();
        }
        let options = options
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

/// Whether `dir` holds a citizen's store that is encrypted (so unreadable without its key).
pub fn holds_encrypted(dir: &Path) -> bool {
    let path = dir.join(STORE_FILE);
    match header(&path) {
        Some(head) => !head.is_empty() && head != SQLITE_HEADER.as_slice(),
        None => false,
    }
}

/// Every plain SQLite file starts with this; an SQLCipher file starts with its random salt.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn header(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(16);
    std::fs::File::open(path)
        .ok()?
        .take(16)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

fn is_plaintext(path: &Path) -> bool {
    header(path).is_some_and(|head| head == SQLITE_HEADER.as_slice())
}

/// Encrypts a store a previous version left in plaintext: `sqlcipher_export` into a keyed copy
/// beside it, then the copy takes the file's place. Stopped at any instant, the plaintext file is
/// still whole (the copy is redone next time) or the encrypted one is in place.
async fn encrypt_plaintext(path: &Path, key: &StoreKey) -> Result<(), CoreError> {
    let failed = |e: &dyn std::fmt::Display| CoreError::from(AtRestError::Migration(e.to_string()));
    let copy = path.with_extension("db.encrypting");
    match std::fs::remove_file(&copy) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(failed(&e)),
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        // ATTACH opens the copy with the main file's flags: it must be allowed to create it.
        .create_if_missing(true)
        .busy_timeout(Duration::from_secs(5))
        .connect()
        .await?;
    // Folds the WAL into the file (its companions are removed below): a plaintext WAL beside the
    // encrypted file would both leak and be replayed into it. A checkpoint, not leaving WAL mode:
    // leaving needs this to be the file's only connection, and sqlx's `Pool::close` can return
    // with one of the pool's still open, or leak one for good (sqlx issue #3217), which failed
    // the migration with "database is locked" in one run in four under parallel tests. An idle
    // connection does not stop a checkpoint; one mid-read does, so it is tried again.
    let mut tries = 0;
    loop {
        let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| failed(&format!("folding the WAL: {e}")))?;
        if busy == 0 {
            break;
        }
        if tries == 50 {
            return Err(failed(&"folding the WAL: the store stayed busy"));
        }
        tries += 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let version: i64 = sqlx::query_scalar("PRAGMA user_version")
        .fetch_one(&mut conn)
        .await?;
    let copy_name = copy.to_str().ok_or_else(|| failed(&"path is not UTF-8"))?;
    sqlx::query("ATTACH DATABASE ?1 AS encrypted KEY ?2")
        .bind(copy_name)
        .bind(key.sqlcipher_text().as_str())
        .execute(&mut conn)
        .await
        .map_err(|e| {
            failed(&format!(
                "{}: {e}",
                "ATTACH DATABASE ?1 AS encrypted KEY ?2"
            ))
        })?;
    sqlx::query("SELECT sqlcipher_export('encrypted')")
        .execute(&mut conn)
        .await
        .map_err(|e| failed(&format!("{}: {e}", "SELECT sqlcipher_export('encrypted')")))?;
    sqlx::query(&format!("PRAGMA encrypted.user_version = {version}"))
        .execute(&mut conn)
        .await
        .map_err(|e| failed(&format!("user_version: {e}")))?;
    sqlx::query("DETACH DATABASE encrypted")
        .execute(&mut conn)
        .await
        .map_err(|e| failed(&format!("{}: {e}", "DETACH DATABASE encrypted")))?;
    conn.close().await?;
    std::fs::File::open(&copy)
        .and_then(|f| f.sync_all())
        .map_err(|e| failed(&e))?;
    // The plaintext file's WAL (empty now) and shared memory go with it; a connection the pool
    // leaked keeps its own handles to them and is never used again.
    for companion in ["-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(companion);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(failed(&e)),
        }
    }
    std::fs::rename(&copy, path).map_err(|e| failed(&e))?;
    tracing::info!("a plaintext store left by an earlier version is now encrypted");
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    async fn draft_count(store: &Store) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM drafts")
            .fetch_one(store.pool())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_plaintext_citizen_store_is_encrypted_on_open_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        // What the previous version made: the same migrations, no key.
        let plain = Store::open_in(dir.path(), &CITIZEN, None)
            .await
            .unwrap()
            .store;
        sqlx::query(
            "INSERT INTO drafts VALUES ('p1', '{\"applicant_name\":\"Trần Thị Bình\"}', 'now')",
        )
        .execute(plain.pool())
        .await
        .unwrap();
        plain.close().await;
        let path = dir.path().join(STORE_FILE);
        assert!(is_plaintext(&path));

        let key = StoreKey::generate();
        let opened = Store::open_citizen(dir.path(), &key).await.unwrap();
        assert!(opened.set_aside.is_none());
        assert_eq!(draft_count(&opened.store).await, 1);
        opened.store.close().await;
        assert!(holds_encrypted(dir.path()));
        assert!(!path.with_extension("db.encrypting").exists());
        let bytes = std::fs::read(&path).unwrap();
        let name = "Trần Thị Bình".as_bytes();
        assert!(!bytes.windows(name.len()).any(|w| w == name));

        // Opened again with the same key: nothing to migrate, the row is there.
        let again = Store::open_citizen(dir.path(), &key).await.unwrap();
        assert!(again.set_aside.is_none());
        assert_eq!(draft_count(&again.store).await, 1);
        again.store.close().await;
    }

    #[tokio::test]
    async fn a_store_under_another_key_is_set_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let first = Store::open_citizen(dir.path(), &StoreKey::generate())
            .await
            .unwrap();
        first.store.close().await;
        let other = Store::open_citizen(dir.path(), &StoreKey::generate())
            .await
            .unwrap();
        let aside = other.set_aside.expect("the unreadable file set aside");
        assert!(aside.exists());
        assert_eq!(draft_count(&other.store).await, 0);
        other.store.close().await;
    }
}
