//! Dossiers ("hồ sơ") residents submit: receipt with the same form validation the app runs, an
//! idempotency key that makes every retry safe, attachments by hash, and the workflow's code and
//! due date.

pub mod answers;
pub mod attachments;
pub mod staff;
pub mod store;
pub mod workflow;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::dossiers::{Dossier, SubmitDossier, IDEMPOTENCY_KEY_HEADER};
use citizen_protocol::error::ErrorCode;
use citizen_protocol::feed::{FeedPage, FeedQuery};
use citizen_protocol::forms::{
    apply_prefill, today_in_vietnam, validate, AttachmentRef, FieldValue, FormValues,
};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::catalog::store as catalog_store;
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;
use crate::identity::api::Citizen;
use crate::identity::secrets;
use crate::identity::store as identity_store;
use store::{Earlier, NewDossier};

/// `POST /api/v1/dossiers`: 201 with the new dossier; 200 with the same dossier when the request
/// repeats an earlier one (same Idempotency-Key, same body).
pub async fn submit(
    State(state): State<AppState>,
    citizen: Citizen,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let refuse = |status, code, reason: &str| Refusal::new(&headers, status, code, reason);
    let (key, request) = match idempotent_request::<SubmitDossier>(&headers, body) {
        Ok(parsed) => parsed,
        Err(refused) => return Ok(*refused),
    };
    let key = key.as_str();
    let request_sha256 = sha256_of_request(&request)?;
    // A repeat is answered before any check: it must get the first answer even if the procedure
    // was withdrawn or the form changed since (`store::create` checks again under its lock).
    match store::earlier(&state.db, &citizen.id, key, &request_sha256).await? {
        Some(Earlier::Same(dossier)) => {
            tracing::info!(code = %dossier.code, "dossier request repeated; first answer given");
            return Ok((StatusCode::OK, Json(dossier)).into_response());
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
    let procedure = catalog_store::published(&state.db, &request.procedure_id).await?;
    let Some((procedure, form)) = procedure.and_then(|p| p.form.clone().map(|f| (p, f))) else {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ProcedureUnavailable,
            "procedure unknown, withdrawn or without a form",
        )
        .into_response());
    };
    if procedure.fee_vnd > 0 && state.payments.payee.is_none() {
        return Ok(refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::PaymentsUnavailable,
            "the procedure has a fee and no payee account is configured",
        )
        .into_response());
    }
    // What the e-ID vouched for is taken from the e-ID, whatever the request says.
    let mut request = request;
    let profile = identity_store::profile(&state.db, &citizen.id).await?;
    if let Some(profile) = &profile {
        apply_prefill(&form, &mut request.values, profile);
    }
    let today = today_in_vietnam(OffsetDateTime::now_utc());
    if let Err(fields) = validate(&form, &request.values, today) {
        return Ok(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::FormInvalid,
            "form answers refused",
        )
        .with_fields(fields)
        .into_response());
    }
    if let Some(reason) = missing_attachment(&state, &citizen, form_files(&request.values)).await? {
        return Ok(
            refuse(StatusCode::CONFLICT, ErrorCode::AttachmentMissing, &reason).into_response(),
        );
    }
    let (dossier, created) = store::create(
        &state.db,
        NewDossier {
            citizen_id: &citizen.id,
            procedure: &procedure,
            values: &request.values,
            idempotency_key: key,
            request_sha256: &request_sha256,
            payer: profile.as_ref().map_or("", |p| p.full_name.as_str()),
            payee: state.payments.payee.as_ref(),
        },
    )
    .await?;
    let status = if created {
        tracing::info!(code = %dossier.code, procedure = %procedure.id, "dossier received");
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(dossier)).into_response())
}

/// The `Idempotency-Key` and the JSON body of a write the app may retry, or the 400 that says
/// which is wrong.
pub(crate) fn idempotent_request<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(String, T), Box<Response>> {
    let bad = |reason: &str| {
        let refusal = Refusal::new(
            headers,
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            reason,
        );
        Box::new(refusal.into_response())
    };
    let key = headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|key| !key.is_empty() && key.len() <= 100)
        .ok_or_else(|| bad("missing or overlong Idempotency-Key"))?;
    let body = body.map_err(|rejection| bad(&rejection.body_text()))?;
    let request = serde_json::from_slice(&body).map_err(|e| bad(&format!("request JSON: {e}")))?;
    Ok((key.to_owned(), request))
}

/// The hash of a request as understood, not as spelled: whitespace or key order in a retry does
/// not make it a different request.
pub(crate) fn sha256_of_request(request: &impl serde::Serialize) -> Result<String, ServerError> {
    let canonical = serde_json::to_vec(request).map_err(|e| ServerError::Corrupt(e.to_string()))?;
    Ok(secrets::hex(&Sha256::digest(&canonical)))
}

/// Every file a form's answers refer to, with its field.
fn form_files(values: &FormValues) -> impl Iterator<Item = (&str, &AttachmentRef)> {
    values.iter().flat_map(|(field, value)| match value {
        FieldValue::Files(files) => files.iter().map(|f| (field.as_str(), f)).collect(),
        FieldValue::Text(_) => Vec::new(),
    })
}

/// Why the request cannot be accepted for want of a file: an attachment this citizen has not
/// uploaded, or one whose type or size differ from what was stored.
pub(crate) async fn missing_attachment<'a>(
    state: &AppState,
    citizen: &Citizen,
    files: impl Iterator<Item = (&'a str, &'a AttachmentRef)>,
) -> Result<Option<String>, ServerError> {
    for (field, file) in files {
        let stored = attachments::owned(&state.db, &file.sha256, &citizen.id).await?;
        match stored {
            Some(stored) if stored.file_type == file.file_type && stored.size == file.size => {}
            Some(_) => {
                return Ok(Some(format!(
                    "{field}: {} differs from the stored file",
                    file.sha256
                )))
            }
            None => return Ok(Some(format!("{field}: {} not uploaded", file.sha256))),
        }
    }
    Ok(None)
}

/// `GET /api/v1/feeds/dossiers?after=&limit=`: the citizen's dossiers changed since the cursor.
pub async fn feed(
    State(state): State<AppState>,
    citizen: Citizen,
    Query(q): Query<FeedQuery>,
) -> Result<Json<FeedPage<Dossier>>, ServerError> {
    let (after, limit) = crate::http::feed_position(&q)?;
    Ok(Json(
        store::feed_page(&state.db, &citizen.id, after, limit).await?,
    ))
}

/// `GET /api/v1/dossiers`: the citizen's own dossiers, newest first.
pub async fn list(
    State(state): State<AppState>,
    citizen: Citizen,
) -> Result<Json<Vec<Dossier>>, ServerError> {
    Ok(Json(store::of_citizen(&state.db, &citizen.id).await?))
}
