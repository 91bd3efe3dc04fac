//! The signed-in citizen's own endpoints, and `Citizen`, the extractor that authenticates a Bearer
//! access token. Every handler that returns a citizen's data takes a `Citizen` and answers only
//! with that citizen's rows.

use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::auth::CitizenProfile;
use citizen_protocol::error::{ErrorBody, ErrorCode};

use super::store;
use crate::error::ServerError;
use crate::http::AppState;

/// The citizen a valid, unrevoked access token speaks for.
pub struct Citizen {
    pub id: String,
}

/// 401 with RFC 6750's `WWW-Authenticate`.
pub struct Unauthorized;

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        let mut response = (
            StatusCode::UNAUTHORIZED,
            Json(ErrorBody::new(ErrorCode::NotSignedIn, "sign in again")),
        )
            .into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(r#"Bearer error="invalid_token""#),
        );
        response
    }
}

/// The token of an `Authorization: Bearer …` header, if there is a non-empty one.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

impl FromRequestParts<AppState> for Citizen {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some(token) = bearer_token(&parts.headers) else {
            return Err(Unauthorized.into_response());
        };
        match store::citizen_for_access_token(&state.db, token).await {
            Ok(Some(id)) => Ok(Citizen { id }),
            Ok(None) => {
                tracing::info!("bearer token unknown, expired or revoked");
                Err(Unauthorized.into_response())
            }
            Err(e) => Err(e.into_response()),
        }
    }
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(ErrorBody::new(ErrorCode::NotFound, "not found")),
    )
        .into_response()
}

/// `GET /api/v1/me`.
pub async fn me(State(state): State<AppState>, citizen: Citizen) -> Result<Response, ServerError> {
    Ok(match store::profile(&state.db, &citizen.id).await? {
        Some(p) => Json::<CitizenProfile>(p).into_response(),
        None => not_found(),
    })
}

/// `GET /api/v1/citizens/{id}`: the same record by id, for that citizen only. Anyone else gets
/// 404, not 403, so ids cannot be probed for existence.
pub async fn citizen_by_id(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(id): Path<String>,
) -> Result<Response, ServerError> {
    if id != citizen.id {
        tracing::warn!(caller = %citizen.id, "refused: another citizen's record");
        return Ok(not_found());
    }
    me(State(state), citizen).await
}

/// `POST /api/v1/me/sign-out-everywhere`: revokes every session of the caller, on every device.
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    citizen: Citizen,
) -> Result<StatusCode, ServerError> {
    let revoked = store::revoke_all(&state.db, &citizen.id).await?;
    tracing::info!(citizen = %citizen.id, revoked, "signed out everywhere");
    Ok(StatusCode::NO_CONTENT)
}
