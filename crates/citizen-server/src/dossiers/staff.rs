//! The staff API: officers list their agency's dossiers, move them through the workflow and
//! attach the result. An officer authenticates with the token `citizen-server officer add`
//! printed; a resident's token is not an officer's, and an officer sees only their agency.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::dossiers::{Dossier, DossierStatus, MoveDossier};
use citizen_protocol::error::ErrorCode;

use super::attachments;
use super::store::{self, Officer, StaffRefusal};
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;
use crate::identity::api::bearer_token;

impl FromRequestParts<AppState> for Officer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = bearer_token(&parts.headers).unwrap_or("");
        match store::officer_for_token(&state.db, token).await {
            Ok(Some(officer)) => Ok(officer),
            Ok(None) => Err(Refusal::new(
                &parts.headers,
                StatusCode::UNAUTHORIZED,
                ErrorCode::NotSignedIn,
                "not an officer token",
            )
            .into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

#[derive(serde::Deserialize)]
pub struct ListQuery {
    pub status: Option<String>,
}

impl ListQuery {
    /// The `?status=` filter read by `parse` (a dossier's or a report's), or the 400 that says it
    /// is unknown.
    pub fn status<S>(
        &self,
        headers: &HeaderMap,
        parse: fn(&str) -> Option<S>,
    ) -> Result<Option<S>, Box<Response>> {
        match self.status.as_deref() {
            None => Ok(None),
            Some(text) => parse(text).map(Some).ok_or_else(|| {
                let refusal = Refusal::new(
                    headers,
                    StatusCode::BAD_REQUEST,
                    ErrorCode::BadRequest,
                    "unknown status",
                );
                Box::new(refusal.into_response())
            }),
        }
    }
}

/// `GET /api/v1/staff/dossiers?status=`: the officer's agency's dossiers, oldest due first.
pub async fn list(
    State(state): State<AppState>,
    officer: Officer,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Result<Response, ServerError> {
    let status = match query.status(&headers, DossierStatus::parse) {
        Ok(status) => status,
        Err(refused) => return Ok(*refused),
    };
    let dossiers = store::of_agency(&state.db, &officer.agency_vi, status).await?;
    Ok(Json(dossiers).into_response())
}

/// `POST /api/v1/staff/dossiers/{code}/moves`.
pub async fn move_on(
    State(state): State<AppState>,
    officer: Officer,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(request): Json<MoveDossier>,
) -> Result<Response, ServerError> {
    let moved = store::move_on(
        &state.db,
        &officer,
        &code,
        request.to,
        request.message.as_deref(),
    )
    .await?;
    Ok(answer(&headers, &officer, &code, moved))
}

/// `PUT /api/v1/staff/dossiers/{code}/result` with the document as the body.
pub async fn put_result(
    State(state): State<AppState>,
    officer: Officer,
    headers: HeaderMap,
    Path(code): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let stored = match attachments::receive(&state, &headers, body, None).await? {
        Ok((stored, _)) => stored,
        Err(refusal) => return Ok(refusal.into_response()),
    };
    let done = store::set_result(&state.db, &officer, &code, &stored.sha256).await?;
    Ok(answer(&headers, &officer, &code, done))
}

fn answer(
    headers: &HeaderMap,
    officer: &Officer,
    code: &str,
    outcome: Result<Dossier, StaffRefusal>,
) -> Response {
    match outcome {
        Ok(dossier) => {
            tracing::info!(
                code = %dossier.code,
                status = dossier.status.as_str(),
                officer = %officer.id,
                "dossier changed by an officer"
            );
            Json(dossier).into_response()
        }
        Err(StaffRefusal::NotFound) => Refusal::new(
            headers,
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            &format!("no dossier {code} at the officer's agency"),
        )
        .into_response(),
        Err(StaffRefusal::NotAllowed(from)) => Refusal::new(
            headers,
            StatusCode::CONFLICT,
            ErrorCode::BadRequest,
            &format!("the workflow does not go on from {}", from.as_str()),
        )
        .into_response(),
        Err(StaffRefusal::MessageNeeded) => Refusal::new(
            headers,
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::BadRequest,
            "asking for more or rejecting needs a message to the resident",
        )
        .into_response(),
    }
}
