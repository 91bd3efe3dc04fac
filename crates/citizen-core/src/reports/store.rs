//! SQL for reports on the device: the citizen's reports as the server last sent them (in the
//! citizen's store), and what anyone on the device may read (categories, the public feed's last
//! page, in the shared store).

use citizen_protocol::reports::{PublicReport, Report, ReportCategory};
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::CoreError;

impl crate::citizen_feed::FeedItem for Report {
    const SCOPE: &'static str = "reports";
    const PATH: &'static str = citizen_protocol::reports::REPORT_FEED_PATH;

    async fn upsert(&self, conn: &mut SqliteConnection) -> Result<(), CoreError> {
        upsert_report(conn, self).await
    }
}

/// Keeps the report as the server sent it.
pub async fn upsert_report(conn: &mut SqliteConnection, report: &Report) -> Result<(), CoreError> {
    sqlx::query(
        "INSERT INTO reports (id, code, body) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, body = excluded.body",
    )
    .bind(&report.id)
    .bind(&report.code)
    .bind(json(report)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The citizen's reports as last synced, newest first.
pub async fn reports(pool: &SqlitePool) -> Result<Vec<Report>, CoreError> {
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM reports")
        .fetch_all(pool)
        .await?;
    let mut reports = bodies
        .iter()
        .map(|body| parse::<Report>(body))
        .collect::<Result<Vec<_>, _>>()?;
    reports.sort_by(|a, b| {
        b.submitted_at
            .cmp(&a.submitted_at)
            .then(b.code.cmp(&a.code))
    });
    Ok(reports)
}

pub async fn report(pool: &SqlitePool, id: &str) -> Result<Option<Report>, CoreError> {
    let body: Option<String> = sqlx::query_scalar("SELECT body FROM reports WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    body.map(|b| parse(&b)).transpose()
}

/// Replaces the kept categories with the server's list.
pub async fn replace_categories(
    pool: &SqlitePool,
    categories: &[ReportCategory],
) -> Result<(), CoreError> {
    replace(
        pool,
        "report_categories",
        categories.iter().map(|c| (&c.code, c)),
    )
    .await
}

pub async fn categories(pool: &SqlitePool) -> Result<Vec<ReportCategory>, CoreError> {
    list(pool, "SELECT body FROM report_categories ORDER BY position").await
}

/// Replaces the kept public feed with the server's latest page.
pub async fn replace_public(pool: &SqlitePool, reports: &[PublicReport]) -> Result<(), CoreError> {
    replace(pool, "public_reports", reports.iter().map(|r| (&r.code, r))).await
}

pub async fn public(pool: &SqlitePool) -> Result<Vec<PublicReport>, CoreError> {
    list(pool, "SELECT body FROM public_reports ORDER BY position").await
}

/// The whole table replaced in one transaction: a reader sees the old list or the new one.
async fn replace<'a, T: serde::Serialize + 'a>(
    pool: &SqlitePool,
    table: &'static str,
    rows: impl Iterator<Item = (&'a String, &'a T)>,
) -> Result<(), CoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query(&format!("DELETE FROM {table}"))
        .execute(&mut *tx)
        .await?;
    let insert = format!("INSERT INTO {table} (code, position, body) VALUES (?, ?, ?)");
    for (position, (code, row)) in rows.enumerate() {
        sqlx::query(&insert)
            .bind(code)
            .bind(position as i64)
            .bind(json(row)?)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn list<T: serde::de::DeserializeOwned>(
    pool: &SqlitePool,
    sql: &'static str,
) -> Result<Vec<T>, CoreError> {
    let bodies: Vec<String> = sqlx::query_scalar(sql).fetch_all(pool).await?;
    bodies.iter().map(|b| parse(b)).collect()
}

fn parse<T: serde::de::DeserializeOwned>(body: &str) -> Result<T, CoreError> {
    serde_json::from_str(body).map_err(|e| CoreError::StoreCorrupt(e.to_string()))
}

fn json(value: &impl serde::Serialize) -> Result<String, CoreError> {
    serde_json::to_string(value).map_err(|e| CoreError::StoreCorrupt(e.to_string()))
}
