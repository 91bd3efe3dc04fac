//! The signed-in citizen's own endpoints, and `Citizen`, the extractor that authenticates a Bearer
//! access token. Every handler that returns a citizen's data takes a `Citizen` and answers only
//! with that citizen's rows.

use axum::extract::{FromRequestParts, MatchedPath, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::assist::{
    consent_photo_path, AuditAction, AuditOutcome, ASSIST_SESSIONS_PATH, AUDIT_LOG_PATH,
};
use citizen_protocol::auth::{
    CitizenProfile, APP_SCOPE, ASSIST_SCOPE, KIOSK_SCOPE, SIGN_OUT_EVERYWHERE_PATH,
};
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::payments::INVOICES_PATH;

use super::{assist, store};
use crate::error::ServerError;
use crate::http::AppState;

/// The citizen a valid, unrevoked access token speaks for.
pub struct Citizen {
    pub id: String,
    /// The helper acting for the citizen, in an assisted session.
    pub actor_id: Option<String>,
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
        let route = parts
            .extensions
            .get::<MatchedPath>()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        let action = AuditAction::of_request(parts.method.as_str(), &route);
        let bearer = match store::bearer(&state.db, token).await {
            Ok(Some(bearer)) => bearer,
            Ok(None) => {
                // A helper's token after its session: the resident's log shows the attempt.
                if let Ok(Some(spent)) = store::spent_bearer(&state.db, token).await {
                    if let Some(actor) = &spent.actor_id {
                        tracing::warn!(route = %route, "delegated token used after its session");
                        assist::record(
                            &state.db,
                            &spent.citizen_id,
                            Some(actor),
                            Some(&spent.family_id),
                            action,
                            AuditOutcome::RefusedEnded,
                        )
                        .await
                        .map_err(IntoResponse::into_response)?;
                    }
                }
                tracing::info!("bearer token unknown, expired or revoked");
                return Err(Unauthorized.into_response());
            }
            Err(e) => return Err(e.into_response()),
        };
        let allowed = scope_allows(&bearer.scope, parts.method.as_str(), &route);
        if let Some(actor) = &bearer.actor_id {
            let outcome = if allowed {
                AuditOutcome::Done
            } else {
                AuditOutcome::RefusedScope
            };
            assist::record(
                &state.db,
                &bearer.citizen_id,
                Some(actor),
                Some(&bearer.family_id),
                action,
                outcome,
            )
            .await
            .map_err(IntoResponse::into_response)?;
        }
        if !allowed {
            tracing::warn!(scope = %bearer.scope, route = %route, "refused: outside the token's scope");
            return Err((
                StatusCode::FORBIDDEN,
                Json(ErrorBody::new(
                    ErrorCode::OutOfScope,
                    "outside this session's scope",
                )),
            )
                .into_response());
        }
        Ok(Citizen {
            id: bearer.citizen_id,
            actor_id: bearer.actor_id,
        })
    }
}

/// What each scope may reach. The app's own sign-in reaches everything a citizen can; a
/// kiosk's and a helper's-for-a-resident reach the resident's dossiers, reports and fees but
/// nothing that changes the account or starts other sessions, and a helper cannot pay; a consent
/// token reaches nothing (it is only exchanged).
pub fn scope_allows(scope: &str, method: &str, route: &str) -> bool {
    let consent_photo = consent_photo_path("{id}");
    let account = [
        SIGN_OUT_EVERYWHERE_PATH,
        ASSIST_SESSIONS_PATH,
        consent_photo.as_str(),
    ];
    match scope {
        APP_SCOPE => true,
        // A request no route pattern names is not one a narrowed session may make.
        _ if route.is_empty() => false,
        KIOSK_SCOPE => !account.contains(&route),
        ASSIST_SCOPE => {
            !account.contains(&route)
                && route != AUDIT_LOG_PATH
                && !(route.starts_with(INVOICES_PATH) && method != "GET")
        }
        _ => false,
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
