//! Connecting to the database and bringing its schema up to date.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
    SqliteTransactionManager,
};
use sqlx::{Connection, SqlitePool, TransactionManager};

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
        // A request cancelled while its transaction begins (the client went away) can leave the
        // connection in a transaction that nothing will end (sqlx 0.8, sqlx issue #3932); after
        // `BEGIN IMMEDIATE` it holds the write lock and every writer waits. Such a connection is
        // closed, which rolls it back, instead of going back to the pool.
        .after_release(|conn, _| {
            Box::pin(async move {
                if SqliteTransactionManager::get_transaction_depth(conn) > 0 {
                    // A transaction dropped the ordinary way has its rollback queued: let it run.
                    conn.ping().await?;
                }
                let stuck = SqliteTransactionManager::get_transaction_depth(conn) > 0;
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
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Requests cancelled at every instant of `BEGIN IMMEDIATE` (the client went away) leave no
    /// connection stuck in a transaction: afterwards every connection of the pool still writes.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_transaction_cancelled_as_it_begins_leaves_no_connection_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&format!("sqlite://{}", dir.path().join("t.db").display()))
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (n INTEGER)")
            .execute(&db)
            .await
            .unwrap();
        for i in 0..300u64 {
            // Another writer holds the lock, so BEGIN IMMEDIATE waits; it lets go as the
            // request is cancelled.
            let mut holder = db.begin_with("BEGIN IMMEDIATE").await.unwrap();
            sqlx::query("INSERT INTO t VALUES (0)")
                .execute(&mut *holder)
                .await
                .unwrap();
            let pool = db.clone();
            let request = tokio::spawn(async move {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                sqlx::query("INSERT INTO t VALUES (1)")
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await
            });
            tokio::time::sleep(Duration::from_micros(i % 7 * 100)).await;
            let (_, _) = tokio::join!(holder.commit(), async {
                tokio::time::sleep(Duration::from_micros(i % 11 * 30)).await;
                request.abort();
            });
        }
        let mut held = Vec::new();
        for _ in 0..8 {
            let mut tx =
                tokio::time::timeout(Duration::from_secs(2), db.begin_with("BEGIN IMMEDIATE"))
                    .await
                    .expect("no connection holds the write lock")
                    .expect("the connection begins");
            sqlx::query("SELECT 1").execute(&mut *tx).await.unwrap();
            tx.commit().await.unwrap();
            held.push(db.acquire().await.unwrap());
        }
    }
}
