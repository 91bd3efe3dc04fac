//! The staff API for reports: officers list the reports routed to their agency, move them through
//! the lifecycle, and upload the "after" photo they resolve one with. Officers authenticate as for
//! dossiers (`dossiers::staff`).

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::error::ErrorCode;
use citizen_protocol::forms::FileType;
use citizen_protocol::reports::{MoveReport, ReportStatus};

use super::store::{self, StaffRefusal};
use crate::dossiers::attachments;
use crate::dossiers::staff::ListQuery;
use crate::dossiers::store::Officer;
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;

/// `GET /api/v1/staff/reports?status=`: the officer's agency's reports, soonest due first.
pub async fn list(
    State(state): State<AppState>,
    officer: Officer,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, ServerError> {
    let status = match query.status(&headers, ReportStatus::parse) {
        Ok(status) => status,
        Err(refused) => return Ok(*refused),
    };
    let reports = store::of_agency(&state.db, &officer.agency_vi, status).await?;
    Ok(Json(reports).into_response())
}

/// `POST /api/v1/staff/reports/{code}/moves` with a [`MoveReport`].
pub async fn move_on(
    State(state): State<AppState>,
    officer: Officer,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(request): Json<MoveReport>,
) -> Result<Response, ServerError> {
    let refuse = |status, code, reason: &str| Refusal::new(&headers, status, code, reason);
    Ok(
        match store::move_on(&state.db, &officer, &code, &request).await? {
            Ok(report) => {
                tracing::info!(
                    code = %report.code,
                    status = report.status.as_str(),
                    officer = %officer.id,
                    "report moved by an officer"
                );
                Json(report).into_response()
            }
            Err(StaffRefusal::NotFound) => refuse(
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                &format!("no report {code} at the officer's agency"),
            )
            .into_response(),
            Err(StaffRefusal::NotAllowed(from)) => refuse(
                StatusCode::CONFLICT,
                ErrorCode::BadRequest,
                &format!("the lifecycle does not go on from {}", from.as_str()),
            )
            .into_response(),
            Err(StaffRefusal::MessageNeeded) => refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::BadRequest,
                "resolving needs the agency's answer, rejecting its reason",
            )
            .into_response(),
            Err(StaffRefusal::PhotoMissing) => refuse(
                StatusCode::CONFLICT,
                ErrorCode::AttachmentMissing,
                "the photo was not uploaded (PUT /api/v1/staff/report-photos) or is not an image",
            )
            .into_response(),
        },
    )
}

/// `PUT /api/v1/staff/report-photos` with a JPEG or PNG as the body: stored under its hash,
/// which a move then names.
pub async fn put_photo(
    State(state): State<AppState>,
    _officer: Officer,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let (stored, created) = match attachments::receive(&state, &headers, body, None).await? {
        Ok(received) => received,
        Err(refusal) => return Ok(refusal.into_response()),
    };
    if stored.file_type == FileType::Pdf {
        return Ok(Refusal::new(
            &headers,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::AttachmentRejected,
            "an after photo is a JPEG or PNG",
        )
        .into_response());
    }
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(stored)).into_response())
}
