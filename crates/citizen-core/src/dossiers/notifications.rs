//! Thông báo: a dossier's new timeline steps become notifications, in the same transaction as
//! the dossier change that brought them, so none is missed or doubled by a cut.

use citizen_protocol::dossiers::{Dossier, DossierStatus};
use citizen_protocol::ipc::Notification;
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::error::CoreError;

/// Records the steps of `dossier` that `previous` (the stored version) did not have. A dossier new
/// to the device notifies only its latest step: a fresh install is not flooded with old news.
pub async fn record_new_steps(
    conn: &mut SqliteConnection,
    previous: Option<&Dossier>,
    dossier: &Dossier,
) -> Result<(), CoreError> {
    let known = match previous {
        Some(previous) => previous.timeline.len(),
        None => dossier.timeline.len().saturating_sub(1),
    };
    let name = serde_json::to_string(&dossier.procedure_name)
        .map_err(|e| CoreError::StoreFailed(e.to_string()))?;
    for step in dossier.timeline.iter().skip(known) {
        sqlx::query(
            "INSERT OR IGNORE INTO notifications
                 (dossier_id, dossier_code, procedure_name, status, message, at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&dossier.id)
        .bind(&dossier.code)
        .bind(&name)
        .bind(step.status.as_str())
        .bind(&step.message)
        .bind(&step.at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Newest first.
pub async fn list(pool: &SqlitePool) -> Result<Vec<Notification>, CoreError> {
    let rows = sqlx::query(
        "SELECT id, dossier_id, dossier_code, procedure_name, status, message, at, read
         FROM notifications ORDER BY at DESC, id DESC LIMIT 200",
    )
    .fetch_all(pool)
    .await?;
    rows.iter().map(notification).collect()
}

pub async fn mark_all_read(pool: &SqlitePool) -> Result<(), CoreError> {
    sqlx::query("UPDATE notifications SET read = 1 WHERE read = 0")
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn unread_count(pool: &SqlitePool) -> Result<u32, CoreError> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE read = 0")
        .fetch_one(pool)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The notifications not yet handed to the system, marked as handed: each is shown once.
pub async fn take_unshown(pool: &SqlitePool) -> Result<Vec<Notification>, CoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let rows = sqlx::query(
        "SELECT id, dossier_id, dossier_code, procedure_name, status, message, at, read
         FROM notifications WHERE shown = 0 ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("UPDATE notifications SET shown = 1 WHERE shown = 0")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    rows.iter().map(notification).collect()
}

fn notification(row: &sqlx::sqlite::SqliteRow) -> Result<Notification, CoreError> {
    let corrupt = |what: &str| CoreError::StoreCorrupt(format!("notification {what}"));
    let name: String = row.try_get("procedure_name")?;
    let status: String = row.try_get("status")?;
    Ok(Notification {
        id: row.try_get("id")?,
        dossier_id: row.try_get("dossier_id")?,
        dossier_code: row.try_get("dossier_code")?,
        procedure_name: serde_json::from_str(&name).map_err(|_| corrupt("name"))?,
        status: DossierStatus::parse(&status).ok_or_else(|| corrupt("status"))?,
        message: row.try_get("message")?,
        at: row.try_get("at")?,
        read: row.try_get::<i64, _>("read")? != 0,
    })
}
