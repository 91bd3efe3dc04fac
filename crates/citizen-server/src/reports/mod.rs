//! Field reports ("phản ánh hiện trường"): receipt with the checks the app runs, routing to the
//! responsible agency, the lifecycle officers move them through, the resident's rating and
//! reopening, and the public feed.

pub mod categories;
pub mod routing;
pub mod staff;
pub mod store;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::error::ErrorCode;
use citizen_protocol::feed::{FeedPage, FeedQuery};
use citizen_protocol::forms::{FieldError, FieldProblem};
use citizen_protocol::reports::{
    PublicReport, RateReport, ReopenReport, Report, ReportCategory, SubmitReport,
};

use crate::dossiers::{idempotent_request, missing_attachment, sha256_of_request};
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;
use crate::identity::api::Citizen;
use categories::CategoryDef;
use routing::{Route, Routing};
use store::{Earlier, NewReport, ResidentAction, ResidentRefusal, Source};

/// `GET /api/v1/report-categories`: public, for the app and anyone building on Open311.
pub async fn categories() -> Json<Vec<ReportCategory>> {
    Json(
        categories::all()
            .iter()
            .map(CategoryDef::to_protocol)
            .collect(),
    )
}

/// A report that passed every check: its category and where routing sends it.
pub struct Checked {
    pub category: &'static CategoryDef,
    pub area_code: Option<String>,
    pub route: Route,
}

/// The server's own checks of a report, beyond those the app runs too: a known category and a
/// position inside the province's areas (not just its bounding box). The problems name fields.
pub fn check(routing: &Routing, report: &SubmitReport) -> Result<Checked, Vec<FieldError>> {
    let mut problems = report.problems();
    let category = categories::find(report.category.trim());
    if category.is_none() && !problems.iter().any(|p| p.field == "category") {
        problems.push(FieldError {
            field: "category".into(),
            problem: FieldProblem::UnknownChoice,
        });
    }
    let area = report.location.and_then(|p| routing.area_at(p));
    if report.location.is_some()
        && area.is_none()
        && !problems.iter().any(|p| p.field == "location")
    {
        problems.push(FieldError {
            field: "location".into(),
            problem: FieldProblem::OutsideProvince,
        });
    }
    match category {
        Some(category) if problems.is_empty() => Ok(Checked {
            category,
            area_code: area.map(|a| a.code.clone()),
            route: routing.route(category, report.location),
        }),
        _ => Err(problems),
    }
}

/// `POST /api/v1/reports`: 201 with the new report; 200 with the same report when the request
/// repeats an earlier one (same Idempotency-Key, same body).
pub async fn submit(
    State(state): State<AppState>,
    citizen: Citizen,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let refuse = |status, code, reason: &str| Refusal::new(&headers, status, code, reason);
    let (key, request) = match idempotent_request::<SubmitReport>(&headers, body) {
        Ok(parsed) => parsed,
        Err(refused) => return Ok(*refused),
    };
    let request_sha256 = sha256_of_request(&request)?;
    // A repeat is answered before any check, as for a dossier.
    match store::earlier(&state.db, &citizen.id, &key, &request_sha256).await? {
        Some(Earlier::Same(report)) => {
            tracing::info!(code = %report.code, "report request repeated; first answer given");
            return Ok((StatusCode::OK, Json(report)).into_response());
        }
        Some(Earlier::Different) => {
            return Ok(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::BadRequest,
                "Idempotency-Key reused with a different request",
            )
            .into_response())
        }
        None => {}
    }
    let checked = match check(&state.routing, &request) {
        Ok(checked) => checked,
        Err(fields) => {
            return Ok(refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::FormInvalid,
                "report refused",
            )
            .with_fields(fields)
            .into_response())
        }
    };
    let photos = request.photos.iter().map(|p| ("photos", p));
    if let Some(reason) = missing_attachment(&state, &citizen, photos).await? {
        return Ok(
            refuse(StatusCode::CONFLICT, ErrorCode::AttachmentMissing, &reason).into_response(),
        );
    }
    let (report, created) = store::create(
        &state.db,
        NewReport {
            citizen_id: Some(&citizen.id),
            request: &request,
            category: checked.category,
            area_code: checked.area_code.as_deref(),
            route: &checked.route,
            source: Source::App,
            contact: None,
            idempotency_key: &key,
            request_sha256: &request_sha256,
        },
    )
    .await?;
    let status = if created {
        tracing::info!(
            code = %report.code,
            category = %report.category,
            area = checked.area_code.as_deref().unwrap_or("-"),
            agency = %report.agency.vi,
            "report received"
        );
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)).into_response())
}

/// `GET /api/v1/feeds/reports?after=&limit=`: the citizen's reports changed since the cursor.
pub async fn feed(
    State(state): State<AppState>,
    citizen: Citizen,
    Query(q): Query<FeedQuery>,
) -> Result<Json<FeedPage<Report>>, ServerError> {
    let (after, limit) = crate::http::feed_position(&q)?;
    Ok(Json(
        store::feed_page(&state.db, &citizen.id, after, limit).await?,
    ))
}

/// `POST /api/v1/reports/{id}/rating`.
pub async fn rate(
    state: State<AppState>,
    citizen: Citizen,
    Path(report_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let (key, request) = match idempotent_request::<RateReport>(&headers, body) {
        Ok(parsed) => parsed,
        Err(refused) => return Ok(*refused),
    };
    let problems = request.problems();
    let action = ResidentAction::Rate(request.stars);
    act(
        state, citizen, &report_id, &headers, &key, &request, problems, action,
    )
    .await
}

/// `POST /api/v1/reports/{id}/reopen`.
pub async fn reopen(
    state: State<AppState>,
    citizen: Citizen,
    Path(report_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let (key, request) = match idempotent_request::<ReopenReport>(&headers, body) {
        Ok(parsed) => parsed,
        Err(refused) => return Ok(*refused),
    };
    let problems = request.problems();
    let action = ResidentAction::Reopen(&request.message);
    act(
        state, citizen, &report_id, &headers, &key, &request, problems, action,
    )
    .await
}

/// What rating and reopening share: the checks' answer, the idempotent record, the refusals.
#[allow(clippy::too_many_arguments)]
async fn act(
    State(state): State<AppState>,
    citizen: Citizen,
    report_id: &str,
    headers: &HeaderMap,
    key: &str,
    request: &impl serde::Serialize,
    problems: Vec<FieldError>,
    action: ResidentAction<'_>,
) -> Result<Response, ServerError> {
    let refuse = |status, code, reason: &str| Refusal::new(headers, status, code, reason);
    if !problems.is_empty() {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::FormInvalid,
            "request refused",
        )
        .with_fields(problems)
        .into_response());
    }
    let sha = sha256_of_request(request)?;
    Ok(
        match store::act(&state.db, &citizen.id, report_id, key, &sha, action).await? {
            Ok((report, true)) => {
                tracing::info!(code = %report.code, status = report.status.as_str(), "resident acted on report");
                (StatusCode::CREATED, Json(report)).into_response()
            }
            Ok((report, false)) => (StatusCode::OK, Json(report)).into_response(),
            Err(ResidentRefusal::NotFound) => refuse(
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                "no such report of this citizen",
            )
            .into_response(),
            Err(ResidentRefusal::NotResolved(status)) => refuse(
                StatusCode::CONFLICT,
                ErrorCode::ReportNotResolved,
                &format!("report is {}", status.as_str()),
            )
            .into_response(),
            Err(ResidentRefusal::ReopenExpired) => refuse(
                StatusCode::CONFLICT,
                ErrorCode::ReopenExpired,
                "resolved too long ago",
            )
            .into_response(),
            Err(ResidentRefusal::KeyReused) => refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::BadRequest,
                "Idempotency-Key reused with a different request",
            )
            .into_response(),
        },
    )
}

#[derive(serde::Deserialize)]
pub struct PublicQuery {
    area: Option<String>,
    limit: Option<u32>,
}

/// `GET /api/v1/public/reports?area=&limit=`: no sign-in; never who reported.
pub async fn public(
    State(state): State<AppState>,
    Query(q): Query<PublicQuery>,
) -> Result<Json<Vec<PublicReport>>, ServerError> {
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    Ok(Json(
        store::public_page(&state.db, q.area.as_deref(), limit).await?,
    ))
}
