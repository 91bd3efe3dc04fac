//! The OAuth 2.0 Device Authorization Grant (RFC 8628): a kiosk (or a helper's laptop) shows a
//! QR code and a short user code; the resident opens it on their own phone, signs in there with
//! the e-ID or a passkey (the same pages as the app's sign-in), and approves or denies. The kiosk
//! polls the token endpoint meanwhile and gets a narrowed, short-lived sign-in.
//!
//! The phone's sign-in is an ordinary sign-in of the server's own: it ends, like the app's, with a
//! one-time code (`oauth::code_for_app`), sent to the consent page instead of an app, bound to the
//! hand-off by a PKCE verifier only the server holds.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::auth::{
    DeviceAuthorization, APP_CLIENT_ID, ASSIST_CONSENT_SCOPE, DEVICE_VERIFICATION_PATH, KIOSK_SCOPE,
};
use citizen_protocol::error::ErrorCode;
use rand::Rng;
use serde::Deserialize;

use super::oauth::{sign_in_page, token_error};
use super::pages::{self, Page};
use super::secrets::{hash, now, pkce_challenge, random_token};
use super::store::{self, SignInRequest};
use crate::error::ServerError;
use crate::http::AppState;

pub const CONSENT_PATH: &str = "/device/consent";
/// The client id of the server's own sign-in round on the resident's phone; the token endpoint
/// knows no such client, so its codes are good for the consent page only.
const CONSENT_CLIENT: &str = "device-consent";
/// RFC 8628 §6.1: 20 consonants, no vowels (no words), no look-alikes; 8 of them ≈ 2^34.6.
const USER_CODE_ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";
/// RFC 8628 §3.5: each `slow_down` adds this to the interval, for good.
const SLOW_DOWN_STEP: i64 = 5;

fn new_user_code() -> String {
    let mut rng = rand::rng();
    (0..8)
        .map(|_| USER_CODE_ALPHABET[rng.random_range(0..USER_CODE_ALPHABET.len())] as char)
        .collect()
}

/// As shown and typed: `BCDF-GHJK`.
pub fn display_user_code(code: &str) -> String {
    format!("{}-{}", &code[..4], &code[4..])
}

/// What a resident typed, folded to the stored form: case, dashes and spaces do not matter.
pub fn normalize_user_code(typed: &str) -> String {
    typed
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A hand-off as stored.
#[derive(Debug, Clone)]
pub struct HandOff {
    pub id: String,
    pub user_code: String,
    pub scope: String,
    pub helper_id: Option<String>,
    pub status: String,
    pub citizen_id: Option<String>,
    pub consent_verifier: String,
    pub interval_secs: i64,
    pub last_polled_at: Option<i64>,
    pub expires_at: i64,
}

fn hand_off_from_row(r: &sqlx::any::AnyRow) -> Result<HandOff, sqlx::Error> {
    use sqlx::Row;
    Ok(HandOff {
        id: r.try_get("id")?,
        user_code: r.try_get("user_code")?,
        scope: r.try_get("scope")?,
        helper_id: r.try_get("helper_id")?,
        status: r.try_get("status")?,
        citizen_id: r.try_get("citizen_id")?,
        consent_verifier: r.try_get("consent_verifier")?,
        interval_secs: r.try_get("interval_secs")?,
        last_polled_at: r.try_get("last_polled_at")?,
        expires_at: r.try_get("expires_at")?,
    })
}

/// Creates a hand-off for `scope` (a kiosk's, or a helper's request for consent).
pub async fn create(
    state: &AppState,
    scope: &str,
    helper_id: Option<&str>,
) -> Result<(String, DeviceAuthorization), ServerError> {
    let limits = state.identity.hand_off;
    let device_code = random_token();
    let id = format!("d_{}", &random_token()[..22]);
    // Codes of hand-offs long over are dropped here, where new ones are made, so a code's
    // reuse is recognised for a day after it expired.
    // Hand-offs of assisted sessions stay: the session refers to its hand-off.
    sqlx::query(
        "DELETE FROM device_authorizations WHERE expires_at < $1
             AND id NOT IN (SELECT device_id FROM assist_sessions)",
    )
    .bind(now() - 24 * 3600)
    .execute(&state.db)
    .await?;
    let mut user_code = new_user_code();
    for attempt in 0.. {
        let inserted = sqlx::query(
            "INSERT INTO device_authorizations (id, device_code_hash, user_code, client_id, scope,
                 helper_id, consent_verifier, interval_secs, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (user_code) DO NOTHING",
        )
        .bind(&id)
        .bind(hash(&device_code))
        .bind(&user_code)
        .bind(APP_CLIENT_ID)
        .bind(scope)
        .bind(helper_id)
        .bind(random_token())
        .bind(limits.interval)
        .bind(now())
        .bind(now() + limits.valid_for)
        .execute(&state.db)
        .await?;
        if inserted.rows_affected() == 1 {
            break;
        }
        if attempt > 5 {
            return Err(ServerError::Corrupt(
                "no free user code after 7 tries".into(),
            ));
        }
        user_code = new_user_code();
    }
    let verification_uri = format!("{}{DEVICE_VERIFICATION_PATH}", state.identity.public_url);
    let complete = format!(
        "{verification_uri}?user_code={}",
        display_user_code(&user_code)
    );
    Ok((
        id,
        DeviceAuthorization {
            device_code,
            user_code: display_user_code(&user_code),
            verification_uri,
            verification_uri_complete: complete,
            expires_in: limits.valid_for as u64,
            interval: limits.interval as u64,
        },
    ))
}

async fn by_user_code(db: &crate::db::Db, code: &str) -> Result<Option<HandOff>, ServerError> {
    let row = sqlx::query("SELECT * FROM device_authorizations WHERE user_code = $1")
        .bind(code)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(hand_off_from_row).transpose()?)
}

pub async fn by_id(db: &crate::db::Db, id: &str) -> Result<Option<HandOff>, ServerError> {
    let row = sqlx::query("SELECT * FROM device_authorizations WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.as_ref().map(hand_off_from_row).transpose()?)
}

/// Settles a pending, live hand-off: approved by `citizen_id`, or denied. False when it was no
/// longer pending (answered already, expired).
pub async fn settle(
    db: &crate::db::Db,
    id: &str,
    citizen_id: &str,
    approved: bool,
) -> Result<bool, ServerError> {
    let done = sqlx::query(
        "UPDATE device_authorizations SET status = $1, citizen_id = $2
         WHERE id = $3 AND status = 'pending' AND expires_at >= $4",
    )
    .bind(if approved { "approved" } else { "denied" })
    .bind(citizen_id)
    .bind(id)
    .bind(now())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Deserialize)]
pub struct DeviceAuthorizationForm {
    client_id: Option<String>,
    scope: Option<String>,
}

/// `POST /oauth/device_authorization` (RFC 8628 §3.1): a kiosk asks for a hand-off code.
#[tracing::instrument(skip_all)]
pub async fn authorize_device(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(form): Form<DeviceAuthorizationForm>,
) -> Result<Response, ServerError> {
    if state
        .identity
        .limits
        .check(&state.db, peer.ip())
        .await?
        .is_err()
    {
        tracing::warn!("device authorization: rate limited");
        return Ok(token_error(
            StatusCode::TOO_MANY_REQUESTS,
            "slow_down",
            ErrorCode::TooManyAttempts,
        ));
    }
    if form.client_id.as_deref() != Some(APP_CLIENT_ID) {
        tracing::warn!("device authorization: unknown client");
        return Ok(token_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            ErrorCode::SignInFailed,
        ));
    }
    // A kiosk gets the kiosk's scope and nothing else; consent for a helper is asked through
    // the assist API, where the helper is authenticated.
    if form.scope.as_deref().is_some_and(|s| s != KIOSK_SCOPE) {
        tracing::warn!("device authorization: scope refused");
        return Ok(token_error(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            ErrorCode::SignInFailed,
        ));
    }
    let (_, authorization) = create(&state, KIOSK_SCOPE, None).await?;
    tracing::info!("device authorization: hand-off code issued");
    Ok(Json(authorization).into_response())
}

#[derive(Debug, Deserialize)]
pub struct VerificationQuery {
    user_code: Option<String>,
}

/// `GET /device` (RFC 8628 §3.3): on the resident's phone. Without a code, a box to type it;
/// with one (the QR code's link), the sign-in that leads to the approval.
#[tracing::instrument(skip_all)]
pub async fn verification(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(q): Query<VerificationQuery>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let Some(typed) = q.user_code.filter(|c| !c.trim().is_empty()) else {
        return Ok(code_form(locale, None));
    };
    // Guessing codes is throttled and locks out like failed grants.
    if state
        .identity
        .limits
        .check(&state.db, peer.ip())
        .await?
        .is_err()
    {
        tracing::warn!("device verification: rate limited");
        return Ok(pages::error(
            locale,
            StatusCode::TOO_MANY_REQUESTS,
            "page-error-too-many",
        ));
    }
    let code = normalize_user_code(&typed);
    let hand_off = by_user_code(&state.db, &code).await?;
    let live = hand_off
        .as_ref()
        .filter(|h| h.status == "pending" && h.expires_at >= now());
    let Some(hand_off) = live else {
        if state.identity.limits.failed(&state.db, peer.ip()).await? {
            tracing::warn!("device verification: too many wrong codes, locking out");
        }
        let why = match &hand_off {
            None => "unknown",
            Some(h) if h.status != "pending" => "used",
            Some(_) => "expired",
        };
        tracing::warn!(why, "device verification: user code refused");
        return Ok(code_form(locale, Some(ErrorCode::HandOffExpired)));
    };
    let request = SignInRequest {
        id: random_token(),
        client_id: CONSENT_CLIENT.to_owned(),
        redirect_uri: format!("{}{CONSENT_PATH}", state.identity.public_url),
        app_state: Some(hand_off.id.clone()),
        code_challenge: pkce_challenge(&hand_off.consent_verifier),
        scope: hand_off.scope.clone(),
        citizen_id: None,
    };
    tracing::info!("device verification: sign-in to approve shown");
    sign_in_page(&state, locale, &request, "device-sign-in-intro").await
}

fn code_form(locale: pages::Locale, error: Option<ErrorCode>) -> Response {
    let alert = error
        .map(|code| {
            format!(
                r#"<p class="alert" role="alert">{}</p>"#,
                pages::escape(&pages::error_text(locale, code))
            )
        })
        .unwrap_or_default();
    let body = format!(
        r#"{alert}<form method="get" action="{DEVICE_VERIFICATION_PATH}"><label for="user_code">{}</label>
<input id="user_code" name="user_code" autocomplete="off" autocapitalize="characters" required class="field">
<button type="submit">{}</button></form>"#,
        pages::escape(&pages::text(locale, "device-code-label")),
        pages::escape(&pages::text(locale, "device-code-go")),
    );
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Page::new(locale, "device-title")
        .intro("device-intro")
        .raw(&body)
        .status(status)
        .into_response()
}

#[derive(Debug, Deserialize)]
pub struct ConsentQuery {
    code: Option<String>,
    state: Option<String>,
    error_code: Option<String>,
}

/// `GET /device/consent`: back from the e-ID or a passkey. Asks the now signed-in resident to
/// approve or deny; nothing is settled until they press one.
#[tracing::instrument(skip_all)]
pub async fn consent_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ConsentQuery>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let (Some(code), Some(id)) = (q.code, q.state) else {
        tracing::info!(error_code = ?q.error_code, "device consent: sign-in did not complete");
        return Ok(pages::error(
            locale,
            StatusCode::BAD_REQUEST,
            "page-error-bad-request",
        ));
    };
    let Some(hand_off) = by_id(&state.db, &id).await? else {
        return Ok(pages::error(
            locale,
            StatusCode::BAD_REQUEST,
            "page-error-unknown-state",
        ));
    };
    let question = match &hand_off.helper_id {
        Some(helper) => {
            let who = store::profile(&state.db, helper)
                .await?
                .map(|p| p.full_name)
                .unwrap_or_default();
            let minutes = state.identity.hand_off.assist_session / 60;
            pages::text_with(
                locale,
                "device-consent-assist",
                &[("helper", who.as_str()), ("minutes", &minutes.to_string())],
            )
        }
        None => pages::text(locale, "device-consent-kiosk"),
    };
    let body = format!(
        r#"<p><strong data-testid="device-consent-code">{}</strong></p><p>{}</p>
<form method="post" action="{CONSENT_PATH}"><input type="hidden" name="code" value="{}"><input type="hidden" name="state" value="{}">
<button type="submit" name="decision" value="approve" data-testid="device-approve"><strong>{}</strong></button>
<button type="submit" name="decision" value="deny" data-testid="device-deny">{}</button></form>"#,
        pages::escape(&display_user_code(&hand_off.user_code)),
        pages::escape(&question),
        pages::escape(&code),
        pages::escape(&hand_off.id),
        pages::escape(&pages::text(locale, "device-approve")),
        pages::escape(&pages::text(locale, "device-deny")),
    );
    Ok(Page::new(locale, "device-consent-title")
        .raw(&body)
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct ConsentForm {
    code: Option<String>,
    state: Option<String>,
    decision: Option<String>,
}

/// `POST /device/consent`: the resident's answer. The one-time code proves who signed in on this
/// phone, and that the sign-in was for this hand-off.
#[tracing::instrument(skip_all)]
pub async fn consent(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<ConsentForm>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let refused = |why: &str| {
        tracing::warn!(why, "device consent: refused");
        pages::error(locale, StatusCode::BAD_REQUEST, "page-error-unknown-state")
    };
    let (Some(code), Some(id)) = (form.code.as_deref(), form.state.as_deref()) else {
        return Ok(refused("code or state missing"));
    };
    let approved = match form.decision.as_deref() {
        Some("approve") => true,
        Some("deny") => false,
        _ => return Ok(refused("no decision")),
    };
    let Some(hand_off) = by_id(&state.db, id).await? else {
        return Ok(refused("unknown hand-off"));
    };
    let Some(grant) = store::redeem_code(&state.db, code).await? else {
        return Ok(refused("unknown code"));
    };
    if grant.replayed_family.is_some() || grant.expired {
        return Ok(refused("code used or expired"));
    }
    if grant.client_id != CONSENT_CLIENT
        || pkce_challenge(&hand_off.consent_verifier) != grant.code_challenge
    {
        return Ok(refused("code not issued for this hand-off"));
    }
    if hand_off.helper_id.as_deref() == Some(grant.citizen_id.as_str()) {
        return Ok(refused("a helper cannot consent to assisting themselves"));
    }
    if !settle(&state.db, &hand_off.id, &grant.citizen_id, approved).await? {
        tracing::warn!("device consent: hand-off no longer pending");
        return Ok(pages::error(
            locale,
            StatusCode::BAD_REQUEST,
            "device-error-over",
        ));
    }
    if hand_off.scope == ASSIST_CONSENT_SCOPE {
        super::assist::consented(&state, &hand_off.id, &grant.citizen_id, approved).await?;
    }
    tracing::info!(approved, citizen = %grant.citizen_id, "device consent: answered");
    let (title, intro) = if approved {
        ("device-approved-title", "device-approved")
    } else {
        ("device-denied-title", "device-denied")
    };
    Ok(Page::new(locale, title).intro(intro).into_response())
}

/// What the token endpoint answers to a device-code poll (RFC 8628 §3.5).
pub enum Poll {
    /// Approved: sign the citizen in, with the hand-off's scope.
    Approved {
        hand_off: Box<HandOff>,
        citizen_id: String,
    },
    /// An RFC error: `authorization_pending`, `slow_down`, `access_denied`, `expired_token`,
    /// `invalid_grant`.
    Error(&'static str, ErrorCode),
}

/// One poll. Every poll is timed: one sooner than the interval gets `slow_down`, and the
/// interval grows by five seconds for good.
pub async fn poll(state: &AppState, device_code: &str) -> Result<Poll, ServerError> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let row = sqlx::query("SELECT * FROM device_authorizations WHERE device_code_hash = $1")
        .bind(hash(device_code))
        .fetch_optional(&mut *tx)
        .await?;
    let Some(hand_off) = row.as_ref().map(hand_off_from_row).transpose()? else {
        return Ok(Poll::Error("invalid_grant", ErrorCode::HandOffExpired));
    };
    let now = now();
    if hand_off.expires_at < now {
        return Ok(Poll::Error("expired_token", ErrorCode::HandOffExpired));
    }
    let too_soon = hand_off
        .last_polled_at
        .is_some_and(|at| now - at < hand_off.interval_secs);
    let interval = hand_off.interval_secs + if too_soon { SLOW_DOWN_STEP } else { 0 };
    let next_status = if hand_off.status == "approved" && !too_soon {
        "redeemed"
    } else {
        hand_off.status.as_str()
    };
    sqlx::query(
        "UPDATE device_authorizations SET last_polled_at = $1, interval_secs = $2, status = $3
         WHERE id = $4",
    )
    .bind(now)
    .bind(interval)
    .bind(next_status)
    .bind(&hand_off.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if too_soon {
        return Ok(Poll::Error("slow_down", ErrorCode::TooManyAttempts));
    }
    Ok(
        match (hand_off.status.as_str(), hand_off.citizen_id.clone()) {
            ("approved", Some(citizen_id)) => Poll::Approved {
                hand_off: Box::new(hand_off),
                citizen_id,
            },
            ("pending", _) => Poll::Error("authorization_pending", ErrorCode::SignInCancelled),
            ("denied", _) => Poll::Error("access_denied", ErrorCode::HandOffDenied),
            _ => Poll::Error("invalid_grant", ErrorCode::HandOffExpired),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_codes_are_eight_consonants_and_typing_is_forgiving() {
        for _ in 0..100 {
            let code = new_user_code();
            assert_eq!(code.len(), 8);
            assert!(code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b)));
            assert_eq!(normalize_user_code(&display_user_code(&code)), code);
        }
        assert_eq!(normalize_user_code(" bcdf-ghjk "), "BCDFGHJK");
    }
}
