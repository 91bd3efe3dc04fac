//! Connecting to the database and bringing its schema up to date. One code path for both engines
//! (`sqlx::Any`): the URL picks SQLite (`sqlite://…`, the embedded default) or PostgreSQL
//! (`postgres://…`, for replicas behind a load balancer). Queries are written once, in SQL both
//! accept (`$1` placeholders, `ON CONFLICT`); each engine has its own migrations with the same
//! numbers and intent.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, LazyLock, Mutex, Once, PoisonError};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyTransactionManager};
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Transaction, TransactionManager};

use crate::error::ServerError;

pub type Db = AnyPool;

/// Which database engine a URL, a pool or a connection speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of_url(url: &str) -> Result<Engine, ServerError> {
        match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("sqlite") => Ok(Engine::Sqlite),
            Some("postgres" | "postgresql") => Ok(Engine::Postgres),
            _ => Err(ServerError::Config(format!(
                "database URL {:?}: not sqlite://… or postgres://…",
                redacted(url)
            ))),
        }
    }

    pub fn of(db: &Db) -> Engine {
        match db.connect_options().database_url.scheme() {
            "sqlite" => Engine::Sqlite,
            _ => Engine::Postgres,
        }
    }

    pub fn of_conn(conn: &AnyConnection) -> Engine {
        match conn.backend_name() {
            "SQLite" => Engine::Sqlite,
            _ => Engine::Postgres,
        }
    }
}

/// The URL without its password, for messages and logs.
fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("…"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// The key of the PostgreSQL advisory lock every writer takes (`begin_write`): "cds" and 1.
const WRITE_LOCK: i64 = 0x0063_6473_0000_0001;

/// Opens (creating an SQLite file if missing) the database at `url` and runs the migrations.
pub async fn connect(url: &str) -> Result<Db, ServerError> {
    static DRIVERS: Once = Once::new();
    DRIVERS.call_once(sqlx::any::install_default_drivers);
    let engine = Engine::of_url(url)?;
    let url = match engine {
        // The Any driver takes SQLite's options from the URL only: create the file if missing.
        Engine::Sqlite if !url.contains("mode=") => {
            format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
        }
        _ => url.to_owned(),
    };
    let options = AnyConnectOptions::from_str(&url)
        .map_err(|e| ServerError::Config(format!("database URL {:?}: {e}", redacted(&url))))?;
    let pool = AnyPoolOptions::new()
        // SQLite has one writer at a time whatever the pool; PostgreSQL serves every replica's
        // pool, and its writers take turns on one lock (`begin_write`).
        .max_connections(match engine {
            Engine::Sqlite => 8,
            Engine::Postgres => 16,
        })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if engine == Engine::Sqlite {
                    // Foreign keys are on and the busy timeout is 5 s by the driver's defaults.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
                        .await?;
                }
                Ok(())
            })
        })
        // A request cancelled while its transaction begins (the client went away) can leave the
        // connection in a transaction that nothing will end (sqlx 0.8, sqlx issue #3932); after
        // `begin_write` it holds the write lock and every writer waits. Such a connection is
        // closed, which rolls it back, instead of going back to the pool.
        .after_release(|conn, _| {
            Box::pin(async move {
                if AnyTransactionManager::get_transaction_depth(conn) > 0 {
                    // A transaction dropped the ordinary way has its rollback queued: let it run.
                    conn.ping().await?;
                }
                let stuck = AnyTransactionManager::get_transaction_depth(conn) > 0;
                if stuck {
                    tracing::warn!(
                        "a cancelled request left its connection in a transaction: closed"
                    );
                }
                Ok(!stuck)
            })
        })
        .connect_with(options)
        .await?;
    match engine {
        Engine::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
        // Replicas starting together take turns: sqlx holds an advisory lock while it migrates.
        Engine::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
    }
    Ok(pool)
}

/// Begins a transaction that writes. Writers take turns, so what they number (the change feeds'
/// `seq`, the day's dossier and report codes, receipt numbers) is numbered in commit order: a
/// reader never sees seq 11 while seq 10 may still commit. SQLite: `BEGIN IMMEDIATE`, its one
/// write lock. PostgreSQL: a transaction-scoped advisory lock, the same one in every replica,
/// released as the transaction commits or rolls back.
///
/// This process's writers first queue for their turn here, in order: SQLite's own wait for its
/// lock is a busy handler that sleeps 1, 2, 5, 10… ms and tries again, so under load the lock sat
/// free while its waiters slept. (Other processes on the same file, the staff CLI, still meet the
/// busy handler.)
pub async fn begin_write(db: &Db) -> Result<WriteTransaction, ServerError> {
    begin_write_waiting(db, TURN_WAIT).await
}

/// `begin_write`, waiting at most `wait` for this process's turn; past it, `ServerError::Busy`.
async fn begin_write_waiting(
    db: &Db,
    wait: std::time::Duration,
) -> Result<WriteTransaction, ServerError> {
    let queue = write_queue(db);
    let turn = match tokio::time::timeout(wait, queue.lock_owned()).await {
        Ok(turn) => turn,
        Err(_) => {
            return Err(ServerError::Busy {
                what: "no turn to write came in time",
                retry_after_s: wait.as_secs().max(1),
            })
        }
    };
    let tx = match Engine::of(db) {
        Engine::Sqlite => db.begin_with("BEGIN IMMEDIATE").await?,
        Engine::Postgres => {
            let mut tx = db.begin().await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(WRITE_LOCK)
                .execute(&mut *tx)
                .await?;
            tx
        }
    };
    Ok(WriteTransaction { tx, _turn: turn })
}

/// As long as SQLite's busy timeout: a writer waits no longer for its turn in the queue than it
/// would have for the lock.
const TURN_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The queue of this process's writers to one database (each test server has its own).
fn write_queue(db: &Db) -> Arc<tokio::sync::Mutex<()>> {
    static QUEUES: LazyLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> =
        LazyLock::new(Mutex::default);
    let url = db.connect_options().database_url.to_string();
    let mut queues = QUEUES.lock().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(queues.entry(url).or_default())
}

/// A transaction that writes, holding this process's turn until it commits or is dropped. It
/// derefs to the connection, as a `Transaction` does.
pub struct WriteTransaction {
    // Declared first, so dropped first: the rollback is queued before the turn passes on.
    tx: Transaction<'static, Any>,
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

impl WriteTransaction {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for WriteTransaction {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTransaction {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

/// The next number under a code prefix, in a write transaction (numbers follow commit order).
/// The first time a prefix is used, the codes `table` already has under it are counted, so a
/// database from before the counters carries on from its codes.
pub async fn next_number(
    tx: &mut WriteTransaction,
    prefix: &str,
    table: &'static str,
) -> Result<i64, ServerError> {
    let counted: Option<i64> = sqlx::query_scalar(
        "UPDATE code_counters SET taken = taken + 1 WHERE prefix = $1 RETURNING taken",
    )
    .bind(prefix)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(taken) = counted {
        return Ok(taken);
    }
    // A range over the code's index ('~' sorts after every character a code has), not LIKE,
    // which SQLite cannot answer from the index.
    let count_taken = format!("SELECT COUNT(*) FROM {table} WHERE code >= $1 AND code < $1 || '~'");
    let taken: i64 = sqlx::query_scalar(&count_taken)
        .bind(prefix)
        .fetch_one(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO code_counters (prefix, taken) VALUES ($1, $2)")
        .bind(prefix)
        .bind(taken + 1)
        .execute(&mut **tx)
        .await?;
    Ok(taken + 1)
}

/// A secret `--demo` makes up, the same for every replica on this database: the first to need
/// it makes it with `make`, and everyone (that one included) uses the one stored first.
pub async fn demo_secret(
    db: &Db,
    name: &str,
    make: impl FnOnce() -> String + Send + 'static,
) -> Result<String, ServerError> {
    let select = "SELECT value FROM demo_secrets WHERE name = $1";
    let stored: Option<String> = sqlx::query_scalar(select)
        .bind(name)
        .fetch_optional(db)
        .await?;
    if let Some(stored) = stored {
        return Ok(stored);
    }
    // Making one may be slow (an RSA key): off the async threads.
    let made = tokio::task::spawn_blocking(make)
        .await
        .map_err(|e| ServerError::Config(format!("making the demo's {name}: {e}")))?;
    sqlx::query("INSERT INTO demo_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(name)
        .bind(made)
        .execute(db)
        .await?;
    Ok(sqlx::query_scalar(select).bind(name).fetch_one(db).await?)
}

/// The database tests run against: `CITIZEN_TEST_DATABASE` names a PostgreSQL server
/// (`postgres://…/postgres`), on which each call makes a fresh database; unset, a new SQLite file
/// in `dir`.
#[cfg(test)]
pub(crate) async fn test_url(dir: &std::path::Path) -> String {
    match std::env::var("CITIZEN_TEST_DATABASE") {
        Ok(admin) if !admin.is_empty() => {
            let name = format!(
                "citizen_unit_{}",
                crate::identity::secrets::random_token()[..12].to_lowercase()
            )
            .replace('-', "_");
            let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
            conn.execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .unwrap();
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            url.to_string()
        }
        _ => format!("sqlite://{}", dir.join("t.db").display()),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// Requests cancelled at every instant of `begin_write` (the client went away) leave no
    /// connection stuck in a transaction: afterwards every connection of the pool still writes.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_transaction_cancelled_as_it_begins_leaves_no_connection_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&test_url(dir.path()).await).await.unwrap();
        sqlx::query("CREATE TABLE t (n BIGINT)")
            .execute(&db)
            .await
            .unwrap();
        for i in 0..300u64 {
            // Another writer holds the lock, so begin_write waits; it lets go as the request is
            // cancelled.
            let mut holder = begin_write(&db).await.unwrap();
            sqlx::query("INSERT INTO t VALUES (0)")
                .execute(&mut *holder)
                .await
                .unwrap();
            let pool = db.clone();
            let request = tokio::spawn(async move {
                let mut tx = begin_write(&pool).await?;
                sqlx::query("INSERT INTO t VALUES (1)")
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok::<_, ServerError>(())
            });
            tokio::time::sleep(Duration::from_micros(i % 7 * 100)).await;
            let (_, _) = tokio::join!(holder.commit(), async {
                tokio::time::sleep(Duration::from_micros(i % 11 * 30)).await;
                request.abort();
            });
        }
        let max = db.options().get_max_connections();
        let mut held = Vec::new();
        for _ in 0..max {
            let mut tx = tokio::time::timeout(Duration::from_secs(2), begin_write(&db))
                .await
                .expect("no connection holds the write lock")
                .expect("the connection begins");
            sqlx::query("SELECT 1").execute(&mut *tx).await.unwrap();
            tx.commit().await.unwrap();
            held.push(db.acquire().await.unwrap());
        }
    }

    /// A writer that waits its longest for its turn is turned away as busy (429 with
    /// `Retry-After`, at least 1 s), not failed with a 500; the writer before it is unharmed.
    #[tokio::test]
    async fn a_writer_that_gets_no_turn_is_told_to_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&test_url(dir.path()).await).await.unwrap();
        let mut holder = begin_write(&db).await.unwrap();
        sqlx::query("SELECT 1").execute(&mut *holder).await.unwrap();
        let refused = begin_write_waiting(&db, Duration::from_millis(200))
            .await
            .err()
            .expect("no turn");
        assert!(
            matches!(
                refused,
                ServerError::Busy {
                    retry_after_s: 1,
                    ..
                }
            ),
            "{refused:?}"
        );
        holder.commit().await.unwrap();
        begin_write(&db).await.unwrap().commit().await.unwrap();
    }

    /// A prefix's first number carries on from the codes it already has (a database from before
    /// the counters), and each later one is one more, whatever the codes of other prefixes.
    #[tokio::test]
    async fn numbers_carry_on_from_the_codes_already_given() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&test_url(dir.path()).await).await.unwrap();
        sqlx::query("CREATE TABLE codes (code TEXT NOT NULL)")
            .execute(&db)
            .await
            .unwrap();
        for code in ["PA-261124-0001", "PA-261124-0002", "PA-261123-0001"] {
            sqlx::query("INSERT INTO codes (code) VALUES ($1)")
                .bind(code)
                .execute(&db)
                .await
                .unwrap();
        }
        let table = "codes";
        let mut taken = Vec::new();
        for prefix in ["PA-261124-", "PA-261124-", "PA-261125-", "PA-261124-"] {
            let mut tx = begin_write(&db).await.unwrap();
            taken.push(next_number(&mut tx, prefix, table).await.unwrap());
            tx.commit().await.unwrap();
        }
        assert_eq!(taken, [3, 4, 1, 5]);
        // A number taken in a transaction that did not commit is given again.
        let mut tx = begin_write(&db).await.unwrap();
        assert_eq!(next_number(&mut tx, "PA-261124-", table).await.unwrap(), 6);
        drop(tx);
        let mut tx = begin_write(&db).await.unwrap();
        assert_eq!(next_number(&mut tx, "PA-261124-", table).await.unwrap(), 6);
    }

    /// `$N` placeholders bind by number on SQLite too (sqlx reads the number from the name), so
    /// one query text serves both engines, repeated and out of order included.
    #[tokio::test]
    async fn numbered_placeholders_bind_by_number_on_both_engines() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&test_url(dir.path()).await).await.unwrap();
        let (a, b, again): (String, i64, String) = sqlx::query_as("SELECT $2, $1 + 1, $2 || '!'")
            .bind(41_i64)
            .bind("two".to_owned())
            .fetch_one(&db)
            .await
            .unwrap();
        assert_eq!((a.as_str(), b, again.as_str()), ("two", 42, "two!"));
    }

    /// A database made by the server before it spoke through `sqlx::Any` (commit 1a4b6b3, when
    /// the migrations were in `migrations/`, dumped by `sqlite3 .dump`) opens: the migrations,
    /// moved byte for byte to `migrations/sqlite/`, still match the checksums it recorded, and
    /// only the new ones run. SQLite only: that server made nothing else.
    #[tokio::test]
    async fn a_database_made_before_the_move_to_any_still_opens_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("old.db").display());
        let old = sqlx::SqlitePool::connect(&format!("{url}?mode=rwc"))
            .await
            .unwrap();
        sqlx::raw_sql(include_str!("../testdata/sqlite-from-1a4b6b3.sql"))
            .execute(&old)
            .await
            .unwrap();
        old.close().await;
        let db = connect(&url).await.expect("the old database opens");
        let (name, applied): (String, i64) = sqlx::query_as(
            "SELECT (SELECT name FROM officers), (SELECT COUNT(*) FROM _sqlx_migrations)",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        assert_eq!(name, "Lê Văn Tâm");
        assert_eq!(applied, 12, "the ten it had, 0012 and 0013");
    }
}
