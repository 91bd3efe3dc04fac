//! The OAuth endpoints the app (or any standard OAuth client) talks to, and the e-ID round trip.
//! No log line carries a code, token, state or personal number: they are secrets or personal data.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use citizen_protocol::auth::{
    AuthServerMetadata, OAuthError, TokenResponse, ACCESS_TOKEN_TYPE, APP_CLIENT_ID, APP_SCOPE,
    ASSIST_CONSENT_SCOPE, AUTHORIZE_PATH, DEVICE_AUTHORIZATION_PATH, DEVICE_CODE_GRANT,
    KIOSK_SCOPE, REVOKE_PATH, TOKEN_EXCHANGE_GRANT, TOKEN_PATH,
};
use citizen_protocol::error::ErrorCode;
use serde::Deserialize;

use super::device;
use super::limits::Refused;
use super::pages::{self, Page};
use super::passkeys;
use super::secrets::{is_valid_verifier, pkce_challenge, random_token};
use super::store::{self, Refresh, SignInRequest};
use super::upstream::EidError;
use crate::error::ServerError;
use crate::http::AppState;

pub const EID_START_PATH: &str = "/oauth/eid/{id}";
pub const EID_CALLBACK_PATH: &str = "/oauth/eid/callback";

pub async fn metadata(State(state): State<AppState>) -> Json<AuthServerMetadata> {
    let base = &state.identity.public_url;
    let strings = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    Json(AuthServerMetadata {
        issuer: base.clone(),
        authorization_endpoint: format!("{base}{AUTHORIZE_PATH}"),
        token_endpoint: format!("{base}{TOKEN_PATH}"),
        revocation_endpoint: format!("{base}{REVOKE_PATH}"),
        response_types_supported: strings(&["code"]),
        device_authorization_endpoint: format!("{base}{DEVICE_AUTHORIZATION_PATH}"),
        grant_types_supported: strings(&[
            "authorization_code",
            "refresh_token",
            DEVICE_CODE_GRANT,
            TOKEN_EXCHANGE_GRANT,
        ]),
        code_challenge_methods_supported: strings(&["S256"]),
        token_endpoint_auth_methods_supported: strings(&["none"]),
        revocation_endpoint_auth_methods_supported: strings(&["none"]),
        scopes_supported: strings(&[APP_SCOPE, KIOSK_SCOPE]),
    })
}

/// RFC 8252 §7.3: a loopback IP literal, any port, over http; or the app's private-use scheme.
pub fn is_allowed_redirect(uri: &str) -> bool {
    let Ok(url) = url::Url::parse(uri) else {
        return false;
    };
    if url.fragment().is_some() {
        return false;
    }
    match url.scheme() {
        "http" => {
            matches!(
                url.host(),
                Some(url::Host::Ipv4(ip)) if ip.is_loopback()
            ) || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
        }
        "vn.gov.congdanso" => true,
        _ => false,
    }
}

#[derive(Debug, Deserialize)]
pub struct AuthorizeQuery {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    scope: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

fn too_many(locale: pages::Locale, refused: Refused) -> Response {
    let mut response = pages::error(locale, StatusCode::TOO_MANY_REQUESTS, "page-error-too-many");
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(refused.retry_after.as_secs().max(1)),
    );
    response
}

/// Sends the browser back to the app with an RFC 6749 §4.1.2.1 error.
fn redirect_error(
    redirect_uri: &str,
    state: Option<&str>,
    error: &str,
    code: ErrorCode,
) -> Response {
    let mut url = url::Url::parse(redirect_uri).expect("validated redirect URI");
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("error", error);
        q.append_pair("error_code", code.as_str());
        if let Some(state) = state {
            q.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

/// `GET /oauth/authorize`: checks the app's request and shows the sign-in page.
#[tracing::instrument(skip_all)]
pub async fn authorize(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(q): Query<AuthorizeQuery>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    if let Err(refused) = state.identity.limits.check(&state.db, peer.ip()).await? {
        tracing::warn!("authorize: rate limited");
        return Ok(too_many(locale, refused));
    }
    // Without a known client and an allowed redirect, there is nowhere safe to send an error.
    let redirect_uri = match (&q.client_id, &q.redirect_uri) {
        (Some(c), Some(r)) if c == APP_CLIENT_ID && is_allowed_redirect(r) => r.clone(),
        _ => {
            tracing::warn!(client_id = ?q.client_id, "authorize: unknown client or redirect URI refused");
            return Ok(pages::error(
                locale,
                StatusCode::BAD_REQUEST,
                "page-error-bad-request",
            ));
        }
    };
    let app_state = q.state.as_deref();
    if q.response_type.as_deref() != Some("code") {
        tracing::warn!("authorize: response_type is not code");
        return Ok(redirect_error(
            &redirect_uri,
            app_state,
            "unsupported_response_type",
            ErrorCode::SignInFailed,
        ));
    }
    // PKCE with S256 is required of every public client; "plain" is refused.
    let challenge = match (&q.code_challenge, q.code_challenge_method.as_deref()) {
        (Some(c), Some("S256")) if c.len() == 43 => c.clone(),
        _ => {
            tracing::warn!(method = ?q.code_challenge_method, "authorize: PKCE S256 challenge missing or malformed");
            return Ok(redirect_error(
                &redirect_uri,
                app_state,
                "invalid_request",
                ErrorCode::SignInFailed,
            ));
        }
    };
    let scope = q.scope.clone().unwrap_or_else(|| APP_SCOPE.to_owned());
    if scope.split_whitespace().any(|s| s != APP_SCOPE) {
        tracing::warn!("authorize: unknown scope");
        return Ok(redirect_error(
            &redirect_uri,
            app_state,
            "invalid_scope",
            ErrorCode::SignInFailed,
        ));
    }
    let request = SignInRequest {
        id: random_token(),
        client_id: APP_CLIENT_ID.to_owned(),
        redirect_uri,
        app_state: q.state.clone(),
        code_challenge: challenge,
        scope,
        citizen_id: None,
    };
    tracing::info!("authorize: sign-in page shown");
    sign_in_page(&state, locale, &request, "sign-in-intro").await
}

/// Saves a pending sign-in and shows the page that starts it: the e-ID, and a passkey where the
/// server has a domain. The app's sign-in and a hand-off's approval (`device`) both start here.
pub async fn sign_in_page(
    state: &AppState,
    locale: pages::Locale,
    request: &SignInRequest,
    intro_key: &str,
) -> Result<Response, ServerError> {
    store::save_sign_in(&state.db, request, state.identity.lifetimes.sign_in).await?;
    let start = EID_START_PATH.replace("{id}", &request.id);
    let passkey = match &state.identity.passkeys {
        Some(_) => passkeys::ceremony_box(
            locale,
            passkeys::Ceremony::SignIn,
            &request.id,
            &state.identity.public_url,
        ),
        None => String::new(),
    };
    let body = format!(
        r#"<a class="button" href="{}" data-testid="sign-in-eid"><strong>{}</strong></a>{passkey}<p class="note">{}</p>"#,
        pages::escape(&start),
        pages::escape(&pages::text(locale, "sign-in-with-eid")),
        pages::escape(&pages::text(locale, "sign-in-note")),
    );
    Ok(Page::new(locale, "sign-in-title")
        .intro(intro_key)
        .raw(&body)
        .into_response())
}

/// `GET /oauth/eid/{id}`: off to the e-ID, remembering what to check when the resident returns.
#[tracing::instrument(skip_all)]
pub async fn eid_start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let Some(request) = store::sign_in(&state.db, &id).await? else {
        tracing::warn!("eid start: unknown or expired sign-in");
        return Ok(pages::error(
            locale,
            StatusCode::BAD_REQUEST,
            "page-error-bad-request",
        ));
    };
    let started = match state.identity.eid() {
        Ok(eid) => eid.start().await,
        Err(e) => Err(e),
    };
    match started {
        Ok((url, upstream)) => {
            store::set_upstream(&state.db, &request.id, &upstream).await?;
            tracing::info!("eid start: redirecting to the e-ID");
            Ok(Redirect::to(&url).into_response())
        }
        Err(e) => {
            tracing::warn!(error = %e, "eid start: e-ID unavailable");
            Ok(redirect_error(
                &request.redirect_uri,
                request.app_state.as_deref(),
                "temporarily_unavailable",
                ErrorCode::EidUnavailable,
            ))
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /oauth/eid/callback`: the e-ID's answer. Verified, mapped to a citizen, and turned into a
/// one-time code for the app.
#[tracing::instrument(skip_all)]
pub async fn eid_callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let pending = match q.state.as_deref() {
        Some(s) => store::take_by_upstream_state(&state.db, s).await?,
        None => None,
    };
    let Some((request, upstream)) = pending else {
        tracing::warn!("eid callback: unknown, used or expired state refused");
        return Ok(pages::error(
            locale,
            StatusCode::BAD_REQUEST,
            "page-error-unknown-state",
        ));
    };
    let back = |error: &str, code: ErrorCode| {
        redirect_error(
            &request.redirect_uri,
            request.app_state.as_deref(),
            error,
            code,
        )
    };
    if let Some(error) = &q.error {
        tracing::info!(error = %error, "eid callback: the e-ID reported an error");
        let code = if error == "access_denied" {
            ErrorCode::SignInCancelled
        } else {
            ErrorCode::SignInFailed
        };
        return Ok(back("access_denied", code));
    }
    let Some(code) = q.code.as_deref() else {
        tracing::warn!("eid callback: neither code nor error");
        return Ok(back("access_denied", ErrorCode::SignInFailed));
    };
    let finished = match state.identity.eid() {
        Ok(eid) => eid.finish(code, &upstream).await,
        Err(e) => Err(e),
    };
    let who = match finished {
        Ok(who) => who,
        Err(e @ EidError::Unavailable(_)) => {
            tracing::warn!(error = %e, "eid callback: e-ID unavailable");
            return Ok(back("temporarily_unavailable", ErrorCode::EidUnavailable));
        }
        Err(e @ EidError::Refused(_)) => {
            tracing::warn!(error = %e, "eid callback: e-ID answer refused");
            return Ok(back("access_denied", ErrorCode::SignInFailed));
        }
    };
    let citizen_id = store::upsert_citizen(&state.db, &who).await?;
    tracing::info!(citizen = %citizen_id, "eid callback: signed in");
    let next = passkeys::after_eid(&state, request, &citizen_id).await?;
    Ok(Redirect::to(&next).into_response())
}

/// The end of every sign-in: a one-time code at the app's redirect URI, with the app's state.
pub async fn code_for_app(
    state: &AppState,
    request: &SignInRequest,
    citizen_id: &str,
) -> Result<String, ServerError> {
    let code = store::issue_code(
        &state.db,
        request,
        citizen_id,
        state.identity.lifetimes.code,
    )
    .await?;
    let mut url = url::Url::parse(&request.redirect_uri).expect("validated redirect URI");
    url.query_pairs_mut().append_pair("code", &code);
    if let Some(s) = &request.app_state {
        url.query_pairs_mut().append_pair("state", s);
    }
    Ok(url.into())
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
    /// RFC 8628 §3.4.
    device_code: Option<String>,
    /// RFC 8693 §2.1.
    pub(super) subject_token: Option<String>,
    pub(super) subject_token_type: Option<String>,
    pub(super) actor_token: Option<String>,
    pub(super) actor_token_type: Option<String>,
}

/// An RFC 6749 §5.2 error from the token endpoint.
pub fn token_error(status: StatusCode, error: &str, code: ErrorCode) -> Response {
    let mut response = (
        status,
        Json(OAuthError {
            error: error.to_owned(),
            error_description: None,
            error_code: Some(code.as_str().to_owned()),
        }),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `POST /oauth/token`: authorization_code (with PKCE) and refresh_token (rotating) grants.
#[tracing::instrument(skip_all, fields(grant_type = ?form.grant_type))]
pub async fn token(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Form(form): Form<TokenForm>,
) -> Result<Response, ServerError> {
    let identity = &state.identity;
    let ip = peer.ip();
    if let Err(refused) = identity.limits.check(&state.db, ip).await? {
        tracing::warn!("token: rate limited or locked out");
        let mut r = token_error(
            StatusCode::TOO_MANY_REQUESTS,
            "slow_down",
            ErrorCode::TooManyAttempts,
        );
        r.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(refused.retry_after.as_secs().max(1)),
        );
        return Ok(r);
    }
    if form.client_id.as_deref() != Some(APP_CLIENT_ID) {
        tracing::warn!("token: unknown client");
        return Ok(token_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            ErrorCode::SignInFailed,
        ));
    }
    let refuse = async |why: &str| -> Result<Response, ServerError> {
        tracing::warn!(why, "token: grant refused");
        if identity.limits.failed(&state.db, ip).await? {
            tracing::warn!("token: too many failed grants, locking out");
        }
        Ok(token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            ErrorCode::NotSignedIn,
        ))
    };
    let lifetimes = identity.lifetimes;
    let (tokens, scope) = match form.grant_type.as_deref() {
        Some("authorization_code") => {
            let (Some(code), Some(verifier)) =
                (form.code.as_deref(), form.code_verifier.as_deref())
            else {
                tracing::warn!("token: code or code_verifier missing");
                return Ok(token_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    ErrorCode::SignInFailed,
                ));
            };
            let Some(grant) = store::redeem_code(&state.db, code).await? else {
                return refuse("unknown code").await;
            };
            if let Some(family) = grant.replayed_family {
                // RFC 6749 §4.1.2: a code used twice revokes what it was exchanged for.
                if let Some(family) = family {
                    store::revoke_family(&state.db, &family, "code-replay").await?;
                }
                return refuse("code replayed; its tokens are revoked").await;
            }
            if grant.expired {
                return refuse("code expired").await;
            }
            if Some(grant.redirect_uri.as_str()) != form.redirect_uri.as_deref()
                || grant.client_id != APP_CLIENT_ID
            {
                return refuse("redirect_uri does not match the authorization request").await;
            }
            if !is_valid_verifier(verifier) || pkce_challenge(verifier) != grant.code_challenge {
                return refuse("PKCE verifier does not match").await;
            }
            let family =
                store::new_family(&state.db, &grant.citizen_id, APP_CLIENT_ID, &grant.scope)
                    .await?;
            store::link_code_to_family(&state.db, code, &family).await?;
            tracing::info!(family = %family, "token: signed in");
            (
                store::issue_tokens(&state.db, &family, lifetimes).await?,
                grant.scope,
            )
        }
        Some("refresh_token") => {
            let Some(refresh) = form.refresh_token.as_deref() else {
                return Ok(token_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    ErrorCode::NotSignedIn,
                ));
            };
            let spent =
                store::spend_refresh_token(&state.db, refresh, APP_CLIENT_ID, lifetimes).await?;
            match spent {
                Refresh::Rotated {
                    family_id,
                    scope,
                    tokens,
                    replayed,
                } => {
                    if replayed {
                        // The device most likely stopped before it stored the last answer.
                        tracing::info!(
                            family = %family_id,
                            "token: refresh token replayed in its grace; unused successor withdrawn"
                        );
                    } else {
                        tracing::debug!(family = %family_id, "token: refreshed");
                    }
                    (tokens, scope)
                }
                Refresh::Reused { family_id } => {
                    tracing::warn!(family = %family_id, "token: refresh token reused; family revoked");
                    return refuse("refresh token reused").await;
                }
                Refresh::Invalid => {
                    return refuse("refresh token unknown, expired or revoked").await
                }
            }
        }
        Some(DEVICE_CODE_GRANT) => {
            let Some(device_code) = form.device_code.as_deref() else {
                return Ok(token_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    ErrorCode::SignInFailed,
                ));
            };
            match device::poll(&state, device_code).await? {
                device::Poll::Approved {
                    hand_off,
                    citizen_id,
                } => {
                    let life = if hand_off.scope == ASSIST_CONSENT_SCOPE {
                        // Only to be exchanged, at once, by the helper's app.
                        lifetimes.code.max(120)
                    } else {
                        identity.hand_off.kiosk_session
                    };
                    let family = store::new_limited_family(
                        &state.db,
                        &citizen_id,
                        APP_CLIENT_ID,
                        &hand_off.scope,
                        Some(super::secrets::now() + life),
                        None,
                    )
                    .await?;
                    if hand_off.scope == ASSIST_CONSENT_SCOPE {
                        super::assist::consent_token_issued(&state, &hand_off.id, &family).await?;
                    }
                    tracing::info!(family = %family, scope = %hand_off.scope, "token: hand-off approved, signed in");
                    (
                        store::issue_tokens(&state.db, &family, lifetimes).await?,
                        hand_off.scope,
                    )
                }
                // Waiting is what a poll mostly sees: not a failure, no lockout.
                device::Poll::Error(error, code) => {
                    if error != "authorization_pending" {
                        tracing::info!(error, "token: device code not (or no longer) good");
                    }
                    return Ok(token_error(StatusCode::BAD_REQUEST, error, code));
                }
            }
        }
        Some(TOKEN_EXCHANGE_GRANT) => match super::assist::exchange(&state, &form).await? {
            Ok((tokens, scope)) => {
                identity.limits.succeeded(&state.db, ip).await?;
                return Ok(token_response(tokens, scope, Some(ACCESS_TOKEN_TYPE)));
            }
            Err(refusal) => {
                if identity.limits.failed(&state.db, ip).await? {
                    tracing::warn!("token: too many failed grants, locking out");
                }
                return Ok(refusal.into_response());
            }
        },
        _ => {
            tracing::warn!("token: unsupported grant type");
            return Ok(token_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                ErrorCode::BadRequest,
            ));
        }
    };
    identity.limits.succeeded(&state.db, ip).await?;
    Ok(token_response(tokens, scope, None))
}

/// RFC 6749 §5.1, with the lifetimes the tokens were actually given (a limited sign-in's are
/// shorter), and RFC 8693's `issued_token_type` after an exchange.
pub fn token_response(
    tokens: store::IssuedTokens,
    scope: String,
    issued_token_type: Option<&str>,
) -> Response {
    let now = super::secrets::now();
    let mut response = Json(TokenResponse {
        expires_in: (tokens.access_expires_at - now).max(0) as u64,
        refresh_expires_in: (tokens.refresh_expires_at - now).max(0) as u64,
        access_token: tokens.access_token,
        token_type: "Bearer".to_owned(),
        refresh_token: tokens.refresh_token,
        scope,
        issued_token_type: issued_token_type.map(str::to_owned),
    })
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(Debug, Deserialize)]
pub struct RevokeForm {
    token: Option<String>,
}

/// `POST /oauth/revoke` (RFC 7009): revokes the whole sign-in the token belongs to. Answers 200
/// whether or not the token was known, as the RFC asks.
#[tracing::instrument(skip_all)]
pub async fn revoke(
    State(state): State<AppState>,
    Form(form): Form<RevokeForm>,
) -> Result<Response, ServerError> {
    let Some(token) = form.token.as_deref() else {
        return Ok(token_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            ErrorCode::BadRequest,
        ));
    };
    if let Some(family) = store::family_of_token(&state.db, token).await? {
        store::revoke_family(&state.db, &family, "signed-out").await?;
        tracing::info!(family = %family, "revoke: signed out");
    }
    Ok(StatusCode::OK.into_response())
}
