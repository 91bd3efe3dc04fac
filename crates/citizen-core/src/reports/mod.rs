//! Field reports on the device: checked as the server will check them, queued in the outbox with
//! their photos (delivered like a dossier, exactly once), followed through the report feed; the
//! resident's rating and reopening go the same way.

pub mod store;

use citizen_protocol::reports::{
    PublicReport, RateReport, ReopenReport, Report, ReportCategory, ReportStatus, SubmitReport,
    PUBLIC_REPORTS_PATH, REPORT_CATEGORIES_PATH,
};
use sqlx::SqlitePool;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::dossiers::{self, store::Request};
use crate::error::CoreError;
use crate::sync::FeedClient;

/// Checks the report as the server will (except what only the server knows: the exact
/// boundaries) and queues it. Returns the outbox item's id.
pub async fn submit(pool: &SqlitePool, report: SubmitReport) -> Result<String, CoreError> {
    let problems = report.problems();
    if !problems.is_empty() {
        return Err(CoreError::FormInvalid(problems));
    }
    let request = Request::Report(report);
    let id = dossiers::queue(pool, &request).await?;
    tracing::info!(item = %id, "report queued");
    Ok(id)
}

/// Queues the resident's rating of their resolved report.
pub async fn rate(pool: &SqlitePool, report: &Report, stars: u8) -> Result<String, CoreError> {
    resolved(report)?;
    let rating = RateReport { stars };
    let problems = rating.problems();
    if !problems.is_empty() {
        return Err(CoreError::FormInvalid(problems));
    }
    let request = Request::Rating {
        report_id: report.id.clone(),
        rating,
    };
    let id = dossiers::queue(pool, &request).await?;
    tracing::info!(item = %id, code = %report.code, stars, "rating queued");
    Ok(id)
}

/// Queues the reopening of a resolved report, within its window.
pub async fn reopen(
    pool: &SqlitePool,
    report: &Report,
    message: String,
    now: OffsetDateTime,
) -> Result<String, CoreError> {
    resolved(report)?;
    let until = report
        .reopen_until
        .as_deref()
        .and_then(|t| OffsetDateTime::parse(t, &Rfc3339).ok());
    if until.is_none_or(|until| now > until) {
        return Err(CoreError::ReopenExpired(report.code.clone()));
    }
    let reopen = ReopenReport { message };
    let problems = reopen.problems();
    if !problems.is_empty() {
        return Err(CoreError::FormInvalid(problems));
    }
    let request = Request::Reopen {
        report_id: report.id.clone(),
        reopen,
    };
    let id = dossiers::queue(pool, &request).await?;
    tracing::info!(item = %id, code = %report.code, "reopening queued");
    Ok(id)
}

fn resolved(report: &Report) -> Result<(), CoreError> {
    if report.status == ReportStatus::Resolved {
        Ok(())
    } else {
        Err(CoreError::ReportNotResolved(report.code.clone()))
    }
}

/// Pulls the citizen's report feed from the stored cursor to its end. Returns how many changed.
pub async fn sync(pool: &SqlitePool, client: &FeedClient, token: &str) -> Result<usize, CoreError> {
    crate::citizen_feed::pull::<Report>(pool, client, token).await
}

/// Fetches what anyone may read (the categories, the public feed's first page) and keeps it for
/// offline use.
pub async fn sync_public(pool: &SqlitePool, client: &FeedClient) -> Result<(), CoreError> {
    let categories: Vec<ReportCategory> = client.get(REPORT_CATEGORIES_PATH).await?;
    store::replace_categories(pool, &categories).await?;
    let public: Vec<PublicReport> = client.get(PUBLIC_REPORTS_PATH).await?;
    store::replace_public(pool, &public).await?;
    Ok(())
}
