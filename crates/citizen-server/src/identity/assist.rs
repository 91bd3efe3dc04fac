//! Assisted sessions: a community helper ("Tổ công nghệ số cộng đồng") acts for a resident with
//! the resident's consent, given on the resident's own phone (an RFC 8628 hand-off) or, without
//! a phone, as a photo of a signed form held for review. The helper's app then exchanges the
//! resident's consent token and its own token for a delegated one (RFC 8693), whose sign-in names
//! the helper as actor (`act`, shown by introspection). Everything done with it, and every
//! refusal, goes into the resident's audit log with both identities.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::assist::{
    AssistStarted, AuditAction, AuditEntry, AuditOutcome, HelperSession, PERSONAL_NUMBER_HEADER,
};
use citizen_protocol::auth::{
    Actor, Introspection, ACCESS_TOKEN_TYPE, APP_CLIENT_ID, ASSIST_CONSENT_SCOPE, ASSIST_SCOPE,
};
use citizen_protocol::error::ErrorCode;
use citizen_protocol::forms::FileType;
use serde::Deserialize;
use sqlx::Row;

use super::api::Citizen;
use super::oauth::{token_error, TokenForm};
use super::secrets::{now, random_token};
use super::store::{self, IssuedTokens};
use crate::db::Db;
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;

/// Whether this citizen is a helper the province named (and has not revoked).
pub async fn is_helper(db: &Db, citizen_id: &str) -> Result<bool, ServerError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM helpers h JOIN citizens c
             ON c.personal_id_number = h.personal_id_number
         WHERE c.id = $1 AND h.revoked_at IS NULL",
    )
    .bind(citizen_id)
    .fetch_one(db)
    .await?
        > 0)
}

/// Names a helper (`citizen-server helper grant`, and the demo's seed).
pub async fn grant_helper(
    db: &Db,
    personal_id_number: &str,
    team: &str,
) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO helpers (personal_id_number, team, granted_at) VALUES ($1, $2, $3)
         ON CONFLICT (personal_id_number) DO UPDATE SET team = excluded.team,
             granted_at = excluded.granted_at, revoked_at = NULL",
    )
    .bind(personal_id_number)
    .bind(team)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}

/// One line in a resident's audit log.
pub async fn record(
    db: &Db,
    citizen_id: &str,
    actor_id: Option<&str>,
    session: Option<&str>,
    action: AuditAction,
    outcome: AuditOutcome,
) -> Result<(), ServerError> {
    sqlx::query(
        "INSERT INTO audit_log (citizen_id, actor_id, session_id, action, outcome, at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(citizen_id)
    .bind(actor_id)
    .bind(session)
    .bind(action.as_str())
    .bind(outcome.as_str())
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}

fn refuse(headers: &HeaderMap, status: StatusCode, code: ErrorCode, why: &str) -> Response {
    Refusal::new(headers, status, code, why).into_response()
}

/// `POST /api/v1/assist/sessions`: a helper, signed in with their own full sign-in, asks to
/// assist a resident. Answers the hand-off the resident approves on their phone.
#[tracing::instrument(skip_all)]
pub async fn start(
    State(state): State<AppState>,
    helper: Citizen,
    headers: HeaderMap,
) -> Result<Response, ServerError> {
    if !is_helper(&state.db, &helper.id).await? {
        tracing::warn!(citizen = %helper.id, "assist: refused, not a helper");
        record(
            &state.db,
            &helper.id,
            None,
            None,
            AuditAction::SessionStarted,
            AuditOutcome::RefusedScope,
        )
        .await?;
        return Ok(refuse(
            &headers,
            StatusCode::FORBIDDEN,
            ErrorCode::NotAHelper,
            "not a helper",
        ));
    }
    let (device_id, device) =
        super::device::create(&state, ASSIST_CONSENT_SCOPE, Some(&helper.id)).await?;
    let id = format!("s_{}", &random_token()[..22]);
    sqlx::query(
        "INSERT INTO assist_sessions (id, helper_id, device_id, started_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&id)
    .bind(&helper.id)
    .bind(&device_id)
    .bind(now())
    .execute(&state.db)
    .await?;
    tracing::info!(session = %id, helper = %helper.id, "assist: waiting for the resident's consent");
    Ok((
        StatusCode::CREATED,
        Json(AssistStarted {
            session_id: id,
            device,
            session_limit: state.identity.hand_off.assist_session as u64,
        }),
    )
        .into_response())
}

/// The resident answered on their phone (`device::consent`).
pub async fn consented(
    state: &AppState,
    device_id: &str,
    citizen_id: &str,
    approved: bool,
) -> Result<(), ServerError> {
    if approved {
        sqlx::query(
            "UPDATE assist_sessions SET citizen_id = $1, consent = 'phone' WHERE device_id = $2",
        )
        .bind(citizen_id)
        .bind(device_id)
        .execute(&state.db)
        .await?;
    } else {
        sqlx::query("UPDATE assist_sessions SET ended_at = $1 WHERE device_id = $2")
            .bind(now())
            .bind(device_id)
            .execute(&state.db)
            .await?;
    }
    Ok(())
}

/// The helper's app collected the consent token: remembered, to be exchanged once.
pub async fn consent_token_issued(
    state: &AppState,
    device_id: &str,
    family_id: &str,
) -> Result<(), ServerError> {
    sqlx::query("UPDATE assist_sessions SET consent_family_id = $1 WHERE device_id = $2")
        .bind(family_id)
        .bind(device_id)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// `PUT /api/v1/assist/sessions/{id}/consent-photo` (`x-personal-id-number`): the resident has no
/// phone. The helper photographs the consent form the resident signed; the server keeps the
/// photo for an officer's review and settles the hand-off as consented.
#[tracing::instrument(skip_all)]
pub async fn consent_photo(
    State(state): State<AppState>,
    helper: Citizen,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let Some(session) = waiting_session(&state.db, &id, &helper.id).await? else {
        return Ok(refuse(
            &headers,
            StatusCode::NOT_FOUND,
            ErrorCode::HandOffExpired,
            "no such waiting session of this helper",
        ));
    };
    let number = headers
        .get(PERSONAL_NUMBER_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if number.len() != 12 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(refuse(
            &headers,
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "the personal number is not 12 digits",
        ));
    }
    let stored = match crate::dossiers::attachments::receive(&state, &headers, body, None).await? {
        Ok((stored, _)) if matches!(stored.file_type, FileType::Jpeg | FileType::Png) => stored,
        Ok(_) | Err(_) => {
            tracing::warn!(helper = %helper.id, "assist: consent photo is not a photo");
            return Ok(refuse(
                &headers,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::ConsentPhotoRejected,
                "consent form is not a JPEG or PNG photo",
            ));
        }
    };
    let resident: Option<String> =
        sqlx::query_scalar("SELECT id FROM citizens WHERE personal_id_number = $1")
            .bind(&number)
            .fetch_optional(&state.db)
            .await?;
    let Some(resident) = resident else {
        tracing::warn!(helper = %helper.id, "assist: no resident with that personal number");
        return Ok(refuse(
            &headers,
            StatusCode::NOT_FOUND,
            ErrorCode::ResidentUnknown,
            "no resident with that personal number",
        ));
    };
    if resident == helper.id {
        return Ok(refuse(
            &headers,
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "a helper cannot assist themselves",
        ));
    }
    if !super::device::settle(&state.db, &session.device_id, &resident, true).await? {
        return Ok(refuse(
            &headers,
            StatusCode::CONFLICT,
            ErrorCode::HandOffExpired,
            "hand-off no longer pending",
        ));
    }
    sqlx::query(
        "UPDATE assist_sessions SET citizen_id = $1, consent = 'photo', consent_photo = $2,
             review_status = 'pending' WHERE id = $3",
    )
    .bind(&resident)
    .bind(&stored.sha256)
    .bind(&id)
    .execute(&state.db)
    .await?;
    tracing::info!(session = %id, "assist: consent photo kept for review");
    Ok(StatusCode::NO_CONTENT.into_response())
}

struct WaitingSession {
    device_id: String,
}

async fn waiting_session(
    db: &Db,
    id: &str,
    helper_id: &str,
) -> Result<Option<WaitingSession>, ServerError> {
    let row = sqlx::query(
        "SELECT device_id FROM assist_sessions
         WHERE id = $1 AND helper_id = $2 AND family_id IS NULL AND ended_at IS NULL",
    )
    .bind(id)
    .bind(helper_id)
    .fetch_optional(db)
    .await?;
    Ok(row
        .map(|r| r.try_get("device_id"))
        .transpose()?
        .map(|device_id| WaitingSession { device_id }))
}

/// An RFC 6749 §5.2 refusal of an exchange.
pub struct ExchangeRefused {
    pub error: &'static str,
    pub code: ErrorCode,
}

impl IntoResponse for ExchangeRefused {
    fn into_response(self) -> Response {
        token_error(StatusCode::BAD_REQUEST, self.error, self.code)
    }
}

/// RFC 8693 at the token endpoint: the resident's consent token (subject) and the helper's own
/// token (actor) become one delegated sign-in, for this resident, performed by this helper, for
/// the session's time limit. The consent token is spent.
pub async fn exchange(
    state: &AppState,
    form: &TokenForm,
) -> Result<Result<(IssuedTokens, String), ExchangeRefused>, ServerError> {
    let invalid = |why: &str, code: ErrorCode| {
        tracing::warn!(why, "token exchange: refused");
        Err(ExchangeRefused {
            error: "invalid_grant",
            code,
        })
    };
    if form.subject_token_type.as_deref() != Some(ACCESS_TOKEN_TYPE)
        || form.actor_token_type.as_deref() != Some(ACCESS_TOKEN_TYPE)
    {
        tracing::warn!("token exchange: token types missing or unsupported");
        return Ok(Err(ExchangeRefused {
            error: "invalid_request",
            code: ErrorCode::BadRequest,
        }));
    }
    let (Some(subject), Some(actor)) = (&form.subject_token, &form.actor_token) else {
        return Ok(invalid(
            "subject or actor token missing",
            ErrorCode::BadRequest,
        ));
    };
    let (Some(subject), Some(actor)) = (
        store::bearer(&state.db, subject).await?,
        store::bearer(&state.db, actor).await?,
    ) else {
        return Ok(invalid(
            "subject or actor token not live",
            ErrorCode::HandOffExpired,
        ));
    };
    if subject.scope != ASSIST_CONSENT_SCOPE {
        return Ok(invalid(
            "subject token is not a consent",
            ErrorCode::OutOfScope,
        ));
    }
    if actor.actor_id.is_some() || actor.scope != citizen_protocol::auth::APP_SCOPE {
        return Ok(invalid(
            "actor token is not a helper's own",
            ErrorCode::OutOfScope,
        ));
    }
    if !is_helper(&state.db, &actor.citizen_id).await? {
        return Ok(invalid("actor is not a helper", ErrorCode::NotAHelper));
    }
    let mut tx = crate::db::begin_write(&state.db).await?;
    let session: Option<String> = sqlx::query_scalar(
        "SELECT id FROM assist_sessions WHERE consent_family_id = $1 AND helper_id = $2
             AND citizen_id = $3 AND family_id IS NULL AND ended_at IS NULL",
    )
    .bind(&subject.family_id)
    .bind(&actor.citizen_id)
    .bind(&subject.citizen_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(session) = session else {
        return Ok(invalid(
            "no waiting session of this helper for this consent",
            ErrorCode::HandOffExpired,
        ));
    };
    let ends_at = now() + state.identity.hand_off.assist_session;
    let family = format!("f_{}", &random_token()[..22]);
    sqlx::query(
        "INSERT INTO token_families (id, citizen_id, client_id, scope, created_at, expires_at,
             actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&family)
    .bind(&subject.citizen_id)
    .bind(APP_CLIENT_ID)
    .bind(ASSIST_SCOPE)
    .bind(now())
    .bind(ends_at)
    .bind(&actor.citizen_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE assist_sessions SET family_id = $1, ends_at = $2 WHERE id = $3")
        .bind(&family)
        .bind(ends_at)
        .bind(&session)
        .execute(&mut *tx)
        .await?;
    // The consent is good for one exchange.
    sqlx::query(
        "UPDATE token_families SET revoked_at = $1, revoked_reason = 'exchanged' WHERE id = $2",
    )
    .bind(now())
    .bind(&subject.family_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    record(
        &state.db,
        &subject.citizen_id,
        Some(&actor.citizen_id),
        Some(&family),
        AuditAction::SessionStarted,
        AuditOutcome::Done,
    )
    .await?;
    tracing::info!(session = %session, family = %family, "token exchange: assisted session started");
    let tokens = store::issue_tokens(&state.db, &family, state.identity.lifetimes).await?;
    Ok(Ok((tokens, ASSIST_SCOPE.to_owned())))
}

/// `POST /api/v1/assist/sessions/{id}/end`: the helper (own or delegated token) ends it now.
#[tracing::instrument(skip_all)]
pub async fn end(
    State(state): State<AppState>,
    caller: Citizen,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ServerError> {
    let helper = caller.actor_id.as_deref().unwrap_or(&caller.id);
    let row = sqlx::query(
        "SELECT citizen_id, family_id, ended_at FROM assist_sessions
         WHERE id = $1 AND helper_id = $2",
    )
    .bind(&id)
    .bind(helper)
    .fetch_optional(&state.db)
    .await?;
    let Some(row) = row else {
        return Ok(refuse(
            &headers,
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "no such session of this helper",
        ));
    };
    let family: Option<String> = row.try_get("family_id")?;
    let citizen: Option<String> = row.try_get("citizen_id")?;
    if row.try_get::<Option<i64>, _>("ended_at")?.is_none() {
        sqlx::query("UPDATE assist_sessions SET ended_at = $1 WHERE id = $2")
            .bind(now())
            .bind(&id)
            .execute(&state.db)
            .await?;
        if let Some(family) = &family {
            store::revoke_family(&state.db, family, "assist-ended").await?;
        }
        // Ended with the delegated token, the request itself is already in the resident's log.
        if let (Some(family), Some(citizen), None) = (&family, &citizen, &caller.actor_id) {
            record(
                &state.db,
                citizen,
                Some(helper),
                Some(family),
                AuditAction::SessionEnded,
                AuditOutcome::Done,
            )
            .await?;
        }
        tracing::info!(session = %id, "assist: session ended");
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /api/v1/assist/sessions`: the sessions this helper ran. When, how consented, how much
/// was done; never who the resident was.
pub async fn list(
    State(state): State<AppState>,
    helper: Citizen,
) -> Result<Json<Vec<HelperSession>>, ServerError> {
    let rows = sqlx::query(
        "SELECT s.id, s.started_at, COALESCE(s.ended_at,
                 CASE WHEN s.ends_at < $1 THEN s.ends_at END) AS ended_at, s.consent,
             (SELECT COUNT(*) FROM audit_log a WHERE a.session_id = s.family_id
                  AND a.action NOT IN ('session-started', 'session-ended')) AS actions
         FROM assist_sessions s WHERE s.helper_id = $2 AND s.family_id IS NOT NULL
         ORDER BY s.started_at DESC LIMIT 200",
    )
    .bind(now())
    .bind(&helper.id)
    .fetch_all(&state.db)
    .await?;
    let sessions = rows
        .iter()
        .map(|r| {
            Ok(HelperSession {
                id: r.try_get("id")?,
                started_at: rfc3339(r.try_get("started_at")?),
                ended_at: r.try_get::<Option<i64>, _>("ended_at")?.map(rfc3339),
                consent: r.try_get("consent")?,
                actions: r.try_get::<i64, _>("actions")? as u32,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Json(sessions))
}

/// A stored Unix time as the wire has times.
fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(crate::clock::rfc3339)
        .unwrap_or_default()
}

/// `GET /api/v1/me/audit`: what helpers did in the resident's name, newest first.
pub async fn audit_log(
    State(state): State<AppState>,
    citizen: Citizen,
) -> Result<Json<Vec<AuditEntry>>, ServerError> {
    let rows = sqlx::query(
        "SELECT a.id, a.at, a.action, a.outcome, c.full_name AS actor_name, h.team AS actor_team
         FROM audit_log a
         LEFT JOIN citizens c ON c.id = a.actor_id
         LEFT JOIN helpers h ON h.personal_id_number = c.personal_id_number
         WHERE a.citizen_id = $1 AND a.actor_id IS NOT NULL
         ORDER BY a.id DESC LIMIT 500",
    )
    .bind(&citizen.id)
    .fetch_all(&state.db)
    .await?;
    let entries = rows
        .iter()
        .map(|r| {
            Ok(AuditEntry {
                id: r.try_get("id")?,
                at: rfc3339(r.try_get("at")?),
                actor_name: r.try_get("actor_name")?,
                actor_team: r.try_get("actor_team")?,
                action: AuditAction::parse(&r.try_get::<String, _>("action")?),
                outcome: AuditOutcome::parse(&r.try_get::<String, _>("outcome")?),
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Json(entries))
}

#[derive(Debug, Deserialize)]
pub struct IntrospectForm {
    token: Option<String>,
}

/// `POST /oauth/introspect` (RFC 7662): about the token presented, to whoever holds it; a
/// delegated token names its helper in `act` (RFC 8693 §4.1). Unknown or dead: `active: false`.
pub async fn introspect(
    State(state): State<AppState>,
    Form(form): Form<IntrospectForm>,
) -> Result<Json<Introspection>, ServerError> {
    let bearer = match form.token.as_deref() {
        Some(token) => store::bearer(&state.db, token).await?,
        None => None,
    };
    Ok(Json(match bearer {
        Some(b) => Introspection {
            active: true,
            sub: Some(b.citizen_id),
            scope: Some(b.scope),
            client_id: Some(b.client_id),
            exp: Some(b.expires_at),
            act: b.actor_id.map(|sub| Actor { sub }),
        },
        None => Introspection {
            active: false,
            sub: None,
            scope: None,
            client_id: None,
            exp: None,
            act: None,
        },
    }))
}
