//! SQL for field reports. A report, its photos and its first timeline step are written in one
//! transaction under the citizen's idempotency key; every later change takes the next `seq`,
//! which the resident's report feed counts.

use citizen_protocol::catalog::Localized;
use citizen_protocol::feed::FeedPage;
use citizen_protocol::forms::{AttachmentRef, FileType};
use citizen_protocol::reports::{
    GeoPoint, MoveReport, PublicReport, Report, ReportEvent, ReportStatus, SubmitReport,
    REOPEN_DAYS,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use super::categories::CategoryDef;
use super::routing::Route;
use crate::citizen_feed;
use crate::clock;
use crate::db::{Db, WriteTransaction};
use crate::dossiers::store::Officer;
use crate::error::ServerError;
use crate::identity::secrets;

/// What a stored idempotency key says about a new request with the same key.
pub type Earlier = crate::idempotency::Earlier<Report>;

pub async fn earlier(
    db: &Db,
    citizen_id: &str,
    key: &str,
    request_sha256: &str,
) -> Result<Option<Earlier>, ServerError> {
    let mut conn = db.acquire().await?;
    earlier_on(&mut conn, citizen_id, key, request_sha256).await
}

async fn earlier_on(
    conn: &mut AnyConnection,
    citizen_id: &str,
    key: &str,
    request_sha256: &str,
) -> Result<Option<Earlier>, ServerError> {
    let earlier =
        crate::idempotency::earlier_id(conn, "reports", citizen_id, key, request_sha256).await?;
    Ok(match earlier {
        None => None,
        Some(None) => Some(Earlier::Different),
        Some(Some(id)) => Some(Earlier::Same(Box::new(read(conn, &id).await?))),
    })
}

/// Where a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    App,
    Open311,
}

/// A report to create: the checked request, its category and where routing sent it.
pub struct NewReport<'a> {
    /// `None` for an Open311 client's report.
    pub citizen_id: Option<&'a str>,
    pub request: &'a SubmitReport,
    pub category: &'static CategoryDef,
    pub area_code: Option<&'a str>,
    pub route: &'a Route,
    pub source: Source,
    /// An Open311 client's contact details (JSON), for officers only.
    pub contact: Option<&'a str>,
    pub idempotency_key: &'a str,
    pub request_sha256: &'a str,
}

/// Creates the report, received now; or, should the same key have won a race, returns that one.
pub async fn create(db: &Db, new: NewReport<'_>) -> Result<(Report, bool), ServerError> {
    // IMMEDIATE: the day's numbering and the key check must see every report committed before.
    let mut tx = crate::db::begin_write(db).await?;
    if let Some(citizen_id) = new.citizen_id {
        match earlier_on(&mut tx, citizen_id, new.idempotency_key, new.request_sha256).await? {
            Some(Earlier::Same(report)) => return Ok((*report, false)),
            Some(Earlier::Different) => {
                return Err(ServerError::BadRequest(
                    "idempotency key reused with a different request".into(),
                ))
            }
            None => {}
        }
    }
    let now = OffsetDateTime::now_utc();
    let code = next_code(&mut tx, now).await?;
    let id = format!("r_{}", &secrets::random_token()[..22]);
    let submitted_at = clock::rfc3339(now);
    let due_at = clock::rfc3339(now + Duration::hours(i64::from(new.category.due_hours)));
    let seq = next_seq(&mut tx).await?;
    let r = new.request;
    sqlx::query(
        "INSERT INTO reports (id, code, citizen_id, category, category_vi, category_en, title,
             description, lat, lon, address, public, area_code, area_vi, area_en, agency_vi,
             agency_en, status, submitted_at, due_at, source, contact, idempotency_key,
             request_sha256, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)",
    )
    .bind(&id)
    .bind(&code)
    .bind(new.citizen_id)
    .bind(new.category.code)
    .bind(new.category.name.0)
    .bind(new.category.name.1)
    .bind(r.title.trim())
    .bind(r.description.trim())
    .bind(r.location.map(|p| p.lat))
    .bind(r.location.map(|p| p.lon))
    .bind(
        r.address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty()),
    )
    .bind(i64::from(r.public))
    .bind(new.area_code)
    .bind(new.route.area.as_ref().map(|a| a.vi.as_str()))
    .bind(new.route.area.as_ref().map(|a| a.en.as_str()))
    .bind(&new.route.agency.vi)
    .bind(&new.route.agency.en)
    .bind(ReportStatus::Received.as_str())
    .bind(&submitted_at)
    .bind(&due_at)
    .bind(match new.source {
        Source::App => "app",
        Source::Open311 => "open311",
    })
    .bind(new.contact)
    .bind(new.idempotency_key)
    .bind(new.request_sha256)
    .bind(seq)
    .execute(&mut *tx)
    .await?;
    for (position, photo) in r.photos.iter().enumerate() {
        sqlx::query(
            "INSERT INTO report_photos (report_id, position, sha256, file_name) VALUES ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(position as i64)
        .bind(&photo.sha256)
        .bind(&photo.file_name)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO report_events (report_id, position, status, at) VALUES ($1, 0, $2, $3)",
    )
    .bind(&id)
    .bind(ReportStatus::Received.as_str())
    .bind(&submitted_at)
    .execute(&mut *tx)
    .await?;
    let report = read(&mut tx, &id).await?;
    tx.commit().await?;
    Ok((report, true))
}

async fn next_seq(conn: &mut AnyConnection) -> Result<i64, ServerError> {
    let max: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM reports")
        .fetch_one(&mut *conn)
        .await?;
    Ok(max + 1)
}

/// `PA-261123-0007`: the day of receipt in Vietnam and the report's number that day.
async fn next_code(tx: &mut WriteTransaction, now: OffsetDateTime) -> Result<String, ServerError> {
    let day = citizen_protocol::forms::today_in_vietnam(now);
    let prefix = format!(
        "PA-{:02}{:02}{:02}-",
        day.year() % 100,
        u8::from(day.month()),
        day.day()
    );
    let taken = crate::db::next_number(tx, &prefix, "reports").await?;
    Ok(format!("{prefix}{taken:04}"))
}

pub async fn read(conn: &mut AnyConnection, id: &str) -> Result<Report, ServerError> {
    let row = sqlx::query("SELECT * FROM reports WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let photos = sqlx::query(
        "SELECT p.sha256, p.file_name, a.file_type, a.size
         FROM report_photos p JOIN attachments a ON a.sha256 = p.sha256
         WHERE p.report_id = $1 ORDER BY p.position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|p| {
        let file_type: String = p.try_get("file_type")?;
        Ok(AttachmentRef {
            sha256: p.try_get("sha256")?,
            file_name: p.try_get("file_name")?,
            file_type: FileType::parse(&file_type)
                .ok_or_else(|| ServerError::Corrupt(format!("report {id}: photo type")))?,
            size: p.try_get::<i64, _>("size")? as u64,
        })
    })
    .collect::<Result<Vec<_>, ServerError>>()?;
    let timeline = sqlx::query(
        "SELECT status, at, message, by_resident, photo FROM report_events
         WHERE report_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|e| {
        Ok(ReportEvent {
            status: status_of(e, id)?,
            at: e.try_get("at")?,
            message: e.try_get("message")?,
            by_resident: e.try_get::<i64, _>("by_resident")? != 0,
            photo_sha256: e.try_get("photo")?,
        })
    })
    .collect::<Result<Vec<_>, ServerError>>()?;
    let status = status_of(&row, id)?;
    let resolved_at: Option<String> = row.try_get("resolved_at")?;
    let reopen_until = match (status, resolved_at) {
        (ReportStatus::Resolved, Some(at)) => Some(reopen_deadline(&at)?),
        _ => None,
    };
    let rating: Option<i64> = row.try_get("rating")?;
    Ok(Report {
        id: row.try_get("id")?,
        code: row.try_get("code")?,
        category: row.try_get("category")?,
        category_name: localized(&row, "category")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        photos,
        location: location(&row)?,
        address: row.try_get("address")?,
        public: row.try_get::<i64, _>("public")? != 0,
        area: area(&row)?,
        agency: localized(&row, "agency")?,
        status,
        submitted_at: row.try_get("submitted_at")?,
        due_at: row.try_get("due_at")?,
        timeline,
        rating: rating.and_then(|r| u8::try_from(r).ok()),
        reopen_until,
    })
}

fn status_of(row: &AnyRow, id: &str) -> Result<ReportStatus, ServerError> {
    let status: String = row.try_get("status")?;
    ReportStatus::parse(&status)
        .ok_or_else(|| ServerError::Corrupt(format!("report {id}: status {status:?}")))
}

fn localized(row: &AnyRow, column: &str) -> Result<Localized, ServerError> {
    Ok(Localized::new(
        row.try_get::<String, _>(format!("{column}_vi").as_str())?,
        row.try_get::<String, _>(format!("{column}_en").as_str())?,
    ))
}

fn area(row: &AnyRow) -> Result<Option<Localized>, ServerError> {
    let vi: Option<String> = row.try_get("area_vi")?;
    let en: Option<String> = row.try_get("area_en")?;
    Ok(vi.zip(en).map(|(vi, en)| Localized::new(vi, en)))
}

fn location(row: &AnyRow) -> Result<Option<GeoPoint>, ServerError> {
    let lat: Option<f64> = row.try_get("lat")?;
    let lon: Option<f64> = row.try_get("lon")?;
    Ok(lat.zip(lon).map(|(lat, lon)| GeoPoint { lat, lon }))
}

fn parse_time(at: &str) -> Result<OffsetDateTime, ServerError> {
    OffsetDateTime::parse(at, &Rfc3339).map_err(|e| ServerError::Corrupt(format!("time {at}: {e}")))
}

fn reopen_deadline(resolved_at: &str) -> Result<String, ServerError> {
    Ok(clock::rfc3339(
        parse_time(resolved_at)? + Duration::days(REOPEN_DAYS),
    ))
}

async fn read_all(db: &Db, ids: Vec<String>) -> Result<Vec<Report>, ServerError> {
    let mut conn = db.acquire().await?;
    let mut reports = Vec::with_capacity(ids.len());
    for id in ids {
        reports.push(read(&mut conn, &id).await?);
    }
    Ok(reports)
}

/// The citizen's reports, newest first.
pub async fn of_citizen(db: &Db, citizen_id: &str) -> Result<Vec<Report>, ServerError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM reports WHERE citizen_id = $1 ORDER BY submitted_at DESC, code DESC",
    )
    .bind(citizen_id)
    .fetch_all(db)
    .await?;
    read_all(db, ids).await
}

/// The citizen's reports changed after `after` (exclusive), oldest change first; upserts only.
pub async fn feed_page(
    db: &Db,
    citizen_id: &str,
    after: i64,
    limit: u32,
) -> Result<FeedPage<Report>, ServerError> {
    let (ids, cursor, has_more) =
        citizen_feed::changed_ids(db, "reports", citizen_id, after, limit).await?;
    Ok(citizen_feed::upserts(
        read_all(db, ids).await?,
        cursor,
        has_more,
    ))
}

/// An agency's reports, soonest due first, optionally of one status.
pub async fn of_agency(
    db: &Db,
    agency_vi: &str,
    status: Option<ReportStatus>,
) -> Result<Vec<Report>, ServerError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM reports WHERE agency_vi = $1 AND ($2 IS NULL OR status = $2)
         ORDER BY due_at, code",
    )
    .bind(agency_vi)
    .bind(status.map(ReportStatus::as_str))
    .fetch_all(db)
    .await?;
    read_all(db, ids).await
}

/// Why an officer's move was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum StaffRefusal {
    /// No report by that code at the officer's agency.
    NotFound,
    NotAllowed(ReportStatus),
    MessageNeeded,
    /// The "after" photo is not in the attachment store.
    PhotoMissing,
}

/// Moves the agency's report `code` on, recording who did it, their message and photo.
pub async fn move_on(
    db: &Db,
    officer: &Officer,
    code: &str,
    request: &MoveReport,
) -> Result<Result<Report, StaffRefusal>, ServerError> {
    let message = request
        .message
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    if request.to.needs_message() && message.is_none() {
        return Ok(Err(StaffRefusal::MessageNeeded));
    }
    let mut tx = crate::db::begin_write(db).await?;
    if let Some(photo) = &request.photo_sha256 {
        let stored: Option<String> =
            sqlx::query_scalar("SELECT file_type FROM attachments WHERE sha256 = $1")
                .bind(photo)
                .fetch_optional(&mut *tx)
                .await?;
        if stored.is_none_or(|t| t == FileType::Pdf.as_str()) {
            return Ok(Err(StaffRefusal::PhotoMissing));
        }
    }
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT id, status FROM reports WHERE code = $1 AND agency_vi = $2")
            .bind(code)
            .bind(&officer.agency_vi)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((id, status)) = row else {
        return Ok(Err(StaffRefusal::NotFound));
    };
    let from = ReportStatus::parse(&status)
        .ok_or_else(|| ServerError::Corrupt(format!("report {id}: bad status")))?;
    if !from.can_move_to(request.to) {
        return Ok(Err(StaffRefusal::NotAllowed(from)));
    }
    let now = clock::now_rfc3339();
    let seq = next_seq(&mut tx).await?;
    let resolved_at = (request.to == ReportStatus::Resolved).then_some(now.as_str());
    sqlx::query(
        "UPDATE reports SET status = $1, seq = $2, resolved_at = COALESCE($3, resolved_at)
         WHERE id = $4",
    )
    .bind(request.to.as_str())
    .bind(seq)
    .bind(resolved_at)
    .bind(&id)
    .execute(&mut *tx)
    .await?;
    add_event(&mut tx, &id, request.to, &now, message, false)
        .officer(&officer.id)
        .photo(request.photo_sha256.as_deref())
        .insert()
        .await?;
    let report = read(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(Ok(report))
}

/// A timeline step to insert at the end of a report's timeline.
struct NewEvent<'c, 'a> {
    conn: &'c mut AnyConnection,
    report_id: &'a str,
    status: ReportStatus,
    at: &'a str,
    message: Option<&'a str>,
    by_resident: bool,
    officer_id: Option<&'a str>,
    photo: Option<&'a str>,
}

fn add_event<'c, 'a>(
    conn: &'c mut AnyConnection,
    report_id: &'a str,
    status: ReportStatus,
    at: &'a str,
    message: Option<&'a str>,
    by_resident: bool,
) -> NewEvent<'c, 'a> {
    NewEvent {
        conn,
        report_id,
        status,
        at,
        message,
        by_resident,
        officer_id: None,
        photo: None,
    }
}

impl<'a> NewEvent<'_, 'a> {
    fn officer(mut self, id: &'a str) -> Self {
        self.officer_id = Some(id);
        self
    }

    fn photo(mut self, sha256: Option<&'a str>) -> Self {
        self.photo = sha256;
        self
    }

    async fn insert(self) -> Result<(), ServerError> {
        sqlx::query(
            "INSERT INTO report_events
                 (report_id, position, status, at, message, by_resident, photo, officer_id)
             SELECT $1, COALESCE(MAX(position), -1) + 1, $2, $3, $4, $5, $6, $7
             FROM report_events WHERE report_id = $1",
        )
        .bind(self.report_id)
        .bind(self.status.as_str())
        .bind(self.at)
        .bind(self.message)
        .bind(i64::from(self.by_resident))
        .bind(self.photo)
        .bind(self.officer_id)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}

/// What a resident does to their resolved report.
pub enum ResidentAction<'a> {
    Rate(u8),
    Reopen(&'a str),
}

#[derive(Debug, PartialEq, Eq)]
pub enum ResidentRefusal {
    /// Not a report of this citizen.
    NotFound,
    NotResolved(ReportStatus),
    /// Resolved more than [`REOPEN_DAYS`] ago.
    ReopenExpired,
    /// The key came before with a different request.
    KeyReused,
}

/// Records a rating or a reopening, once per idempotency key. `Ok((report, false))` for a repeat.
pub async fn act(
    db: &Db,
    citizen_id: &str,
    report_id: &str,
    key: &str,
    request_sha256: &str,
    action: ResidentAction<'_>,
) -> Result<Result<(Report, bool), ResidentRefusal>, ServerError> {
    let mut tx = crate::db::begin_write(db).await?;
    let earlier: Option<(String, String)> = sqlx::query_as(
        "SELECT request_sha256, report_id FROM report_actions
         WHERE citizen_id = $1 AND idempotency_key = $2",
    )
    .bind(citizen_id)
    .bind(key)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((sha, earlier_report)) = earlier {
        if sha != request_sha256 || earlier_report != report_id {
            return Ok(Err(ResidentRefusal::KeyReused));
        }
        return Ok(Ok((read(&mut tx, report_id).await?, false)));
    }
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, resolved_at FROM reports WHERE id = $1 AND citizen_id = $2")
            .bind(report_id)
            .bind(citizen_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status, resolved_at)) = row else {
        return Ok(Err(ResidentRefusal::NotFound));
    };
    let status = ReportStatus::parse(&status)
        .ok_or_else(|| ServerError::Corrupt(format!("report {report_id}: bad status")))?;
    if status != ReportStatus::Resolved {
        return Ok(Err(ResidentRefusal::NotResolved(status)));
    }
    let seq = next_seq(&mut tx).await?;
    match action {
        ResidentAction::Rate(stars) => {
            sqlx::query("UPDATE reports SET rating = $1, seq = $2 WHERE id = $3")
                .bind(i64::from(stars))
                .bind(seq)
                .bind(report_id)
                .execute(&mut *tx)
                .await?;
        }
        ResidentAction::Reopen(message) => {
            let resolved_at = resolved_at
                .ok_or_else(|| ServerError::Corrupt(format!("report {report_id}: resolved_at")))?;
            let now = OffsetDateTime::now_utc();
            if now > parse_time(&resolved_at)? + Duration::days(REOPEN_DAYS) {
                return Ok(Err(ResidentRefusal::ReopenExpired));
            }
            sqlx::query("UPDATE reports SET status = $1, seq = $2 WHERE id = $3")
                .bind(ReportStatus::InProgress.as_str())
                .bind(seq)
                .bind(report_id)
                .execute(&mut *tx)
                .await?;
            let at = clock::rfc3339(now);
            add_event(
                &mut tx,
                report_id,
                ReportStatus::InProgress,
                &at,
                Some(message.trim()),
                true,
            )
            .insert()
            .await?;
        }
    }
    sqlx::query(
        "INSERT INTO report_actions (citizen_id, idempotency_key, request_sha256, report_id)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(citizen_id)
    .bind(key)
    .bind(request_sha256)
    .bind(report_id)
    .execute(&mut *tx)
    .await?;
    let report = read(&mut tx, report_id).await?;
    tx.commit().await?;
    Ok(Ok((report, true)))
}

/// Resolved reports their residents let be shown, newest resolution first, optionally of one
/// area. Nothing here names who reported them.
pub async fn public_page(
    db: &Db,
    area_code: Option<&str>,
    limit: u32,
) -> Result<Vec<PublicReport>, ServerError> {
    let rows = sqlx::query(
        "SELECT r.code, r.category, r.category_vi, r.category_en, r.title, r.description, r.lat,
             r.lon, r.area_vi, r.area_en, r.agency_vi, r.agency_en, r.status, r.submitted_at,
             r.resolved_at,
             (SELECT e.message FROM report_events e
              WHERE e.report_id = r.id AND e.status = 'resolved'
              ORDER BY e.position DESC LIMIT 1) AS answer
         FROM reports r
         WHERE r.status = 'resolved' AND r.public = 1 AND ($1 IS NULL OR r.area_code = $1)
         ORDER BY r.resolved_at DESC, r.code DESC LIMIT $2",
    )
    .bind(area_code)
    .bind(i64::from(limit))
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            let code: String = row.try_get("code")?;
            Ok(PublicReport {
                status: status_of(row, &code)?,
                category: row.try_get("category")?,
                category_name: localized(row, "category")?,
                title: row.try_get("title")?,
                description: row.try_get("description")?,
                location: location(row)?,
                area: area(row)?,
                agency: localized(row, "agency")?,
                submitted_at: row.try_get("submitted_at")?,
                resolved_at: row.try_get("resolved_at")?,
                answer: row
                    .try_get::<Option<String>, _>("answer")?
                    .unwrap_or_default(),
                code,
            })
        })
        .collect()
}

/// A report as the open Open311 API shows it: what, where, who handles it and where it is at;
/// never who sent it (no citizen, no contact).
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRequest {
    pub code: String,
    pub category: String,
    pub category_vi: String,
    pub title: String,
    pub description: String,
    pub location: Option<GeoPoint>,
    pub address: Option<String>,
    pub agency_vi: String,
    pub status: ReportStatus,
    /// RFC 3339, as every time here.
    pub submitted_at: String,
    pub due_at: String,
    /// Of the latest step of its timeline.
    pub updated_at: String,
    /// The officers' latest words since the resident last reopened it: the answer or reason.
    pub status_notes: Option<String>,
}

/// Which public reports an Open311 query wants. Every part is optional; `None` matches all.
#[derive(Debug, Clone, Default)]
pub struct OpenRequestFilter {
    pub codes: Option<Vec<String>>,
    pub categories: Option<Vec<String>>,
    pub statuses: Option<Vec<ReportStatus>>,
    /// Received at or after this second.
    pub from: Option<OffsetDateTime>,
    /// Received at or before this second.
    pub until: Option<OffsetDateTime>,
    pub limit: u32,
}

/// The reports their residents agreed to publish (and every Open311 one) that match, newest
/// first. Reports kept private never leave here, whatever the filter.
pub async fn open_requests(
    db: &Db,
    filter: &OpenRequestFilter,
) -> Result<Vec<OpenRequest>, ServerError> {
    // Stored times are RFC 3339 in UTC with as many fraction digits as needed, so they compare
    // as text only to a bound cut at the second: every time within a second starts with it.
    let second = |at: OffsetDateTime| {
        at.to_offset(time::UtcOffset::UTC)
            .format(time::macros::format_description!(
                "[year]-[month]-[day]T[hour]:[minute]:[second]"
            ))
            .map_err(|e| ServerError::Corrupt(format!("time bound: {e}")))
    };
    // Bounds past the end of the calendar (in UTC) cannot be written as times: a lower one there
    // matches nothing, an upper one bounds nothing.
    let from = match filter
        .from
        .map(|at| at.checked_to_offset(time::UtcOffset::UTC))
    {
        Some(None) => return Ok(Vec::new()),
        from => from.flatten().map(second).transpose()?,
    };
    let before = filter
        .until
        .and_then(|at| at.checked_add(Duration::seconds(1)))
        .and_then(|at| at.checked_to_offset(time::UtcOffset::UTC))
        .map(second)
        .transpose()?;
    let mut sql = String::from(
        "SELECT r.code, r.category, r.category_vi, r.title, r.description, r.lat, r.lon,
             r.address, r.agency_vi, r.status, r.submitted_at, r.due_at,
             (SELECT e.at FROM report_events e WHERE e.report_id = r.id
              ORDER BY e.position DESC LIMIT 1) AS updated_at,
             (SELECT e.message FROM report_events e
              WHERE e.report_id = r.id AND e.by_resident = 0 AND e.message IS NOT NULL
                AND e.position > (SELECT COALESCE(MAX(p.position), -1) FROM report_events p
                                  WHERE p.report_id = r.id AND p.by_resident = 1)
              ORDER BY e.position DESC LIMIT 1) AS status_notes
         FROM reports r
         WHERE r.public = 1",
    );
    // Every value is bound, in the order its placeholder was written; the lists become
    // `IN ($n, …)` (an empty one matches nothing), which both engines answer alike.
    let mut values: Vec<String> = Vec::new();
    let mut condition = |sql: &mut String, test: &str, items: Vec<String>| {
        let mut placeholders = Vec::with_capacity(items.len());
        for item in items {
            values.push(item);
            placeholders.push(format!("${}", values.len()));
        }
        match placeholders.is_empty() {
            true => sql.push_str(" AND 1 = 0"),
            false => sql.push_str(&test.replace("{}", &placeholders.join(", "))),
        }
    };
    if let Some(codes) = &filter.codes {
        condition(&mut sql, " AND r.code IN ({})", codes.clone());
    }
    if let Some(categories) = &filter.categories {
        condition(&mut sql, " AND r.category IN ({})", categories.clone());
    }
    if let Some(statuses) = &filter.statuses {
        let statuses = statuses.iter().map(|s| s.as_str().to_owned()).collect();
        condition(&mut sql, " AND r.status IN ({})", statuses);
    }
    if let Some(from) = from {
        condition(&mut sql, " AND r.submitted_at >= {}", vec![from]);
    }
    if let Some(before) = before {
        condition(&mut sql, " AND r.submitted_at < {}", vec![before]);
    }
    sql.push_str(&format!(
        " ORDER BY r.submitted_at DESC, r.code DESC LIMIT ${}",
        values.len() + 1
    ));
    let mut query = sqlx::query(&sql);
    for value in values {
        query = query.bind(value);
    }
    let rows = query.bind(i64::from(filter.limit)).fetch_all(db).await?;
    rows.iter()
        .map(|row| {
            let code: String = row.try_get("code")?;
            let updated_at: Option<String> = row.try_get("updated_at")?;
            Ok(OpenRequest {
                status: status_of(row, &code)?,
                category: row.try_get("category")?,
                category_vi: row.try_get("category_vi")?,
                title: row.try_get("title")?,
                description: row.try_get("description")?,
                location: location(row)?,
                address: row.try_get("address")?,
                agency_vi: row.try_get("agency_vi")?,
                submitted_at: row.try_get("submitted_at")?,
                due_at: row.try_get("due_at")?,
                updated_at: updated_at
                    .ok_or_else(|| ServerError::Corrupt(format!("report {code}: no timeline")))?,
                status_notes: row.try_get("status_notes")?,
                code,
            })
        })
        .collect()
}

/// The public report `code`, if there is one by that code and its resident agreed to publish it.
pub async fn open_request(db: &Db, code: &str) -> Result<Option<OpenRequest>, ServerError> {
    let filter = OpenRequestFilter {
        codes: Some(vec![code.to_owned()]),
        limit: 1,
        ..OpenRequestFilter::default()
    };
    Ok(open_requests(db, &filter).await?.pop())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `fuzz/fuzz_targets/open311_input.rs`: the last second of the calendar as the
    /// upper bound overflowed when the store added the second it compares below.
    #[tokio::test]
    async fn a_filter_at_the_end_of_the_calendar_finds_nothing_rather_than_panicking() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("server.db").display());
        let db = crate::db::connect(&url).await.unwrap();
        let last = time::PrimitiveDateTime::MAX.assume_utc();
        let filter = OpenRequestFilter {
            from: Some(last - Duration::days(90)),
            until: Some(last),
            limit: 10,
            ..OpenRequestFilter::default()
        };
        assert!(open_requests(&db, &filter).await.unwrap().is_empty());
        let far = time::macros::datetime!(9999-12-31 23:00 -5);
        let filter = OpenRequestFilter {
            until: Some(far),
            limit: 10,
            ..OpenRequestFilter::default()
        };
        assert!(open_requests(&db, &filter).await.is_ok());
    }
}
