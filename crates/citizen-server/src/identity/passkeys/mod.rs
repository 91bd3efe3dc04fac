//! Passkeys (WebAuthn, with `webauthn-rs`): after an e-ID sign-in the resident is offered a
//! passkey for this device; later the sign-in page can use it instead of the e-ID. Both ceremonies
//! run on the server's own pages in the resident's browser (`passkey.js`), never in the app's
//! webview, and both end like an e-ID sign-in: a one-time code at the app's redirect URI.
//!
//! Passkeys are discoverable credentials (the resident types nothing), with user verification
//! required: the device's own unlock (fingerprint, face, PIN) is the second factor. The ceremony
//! state, holding the challenge, lives on the pending sign-in row and is taken once.

mod store;

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use citizen_protocol::error::{ErrorBody, ErrorCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use webauthn_rs::prelude::{
    DiscoverableAuthentication, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Webauthn, WebauthnBuilder,
};
use webauthn_rs_proto::ResidentKeyRequirement;

use super::oauth::code_for_app;
use super::pages::{self, Locale, Page};
use super::store::{self as sign_ins, SignInRequest};
use crate::error::ServerError;
use crate::http::AppState;

pub const OFFER_PATH: &str = "/oauth/passkey/offer/{id}";
pub const REGISTER_OPTIONS_PATH: &str = "/oauth/passkey/offer/{id}/options";
pub const REGISTER_PATH: &str = "/oauth/passkey/offer/{id}/register";
pub const SKIP_PATH: &str = "/oauth/passkey/offer/{id}/skip";
pub const SIGN_IN_OPTIONS_PATH: &str = "/oauth/passkey/sign-in/{id}/options";
pub const SIGN_IN_PATH: &str = "/oauth/passkey/sign-in/{id}";
pub const SCRIPT_PATH: &str = "/oauth/passkey.js";

const SCRIPT: &str = include_str!("passkey.js");

/// The relying party for the server's public URL. WebAuthn binds a passkey to a domain name, so
/// a server reached by IP address (a bare test or demo set-up) has no passkeys: None, with a note.
pub fn relying_party(public_url: &str) -> Result<Option<Webauthn>, String> {
    let origin = Url::parse(public_url).map_err(|e| format!("public URL {public_url}: {e}"))?;
    let Some(rp_id) = origin.domain() else {
        tracing::info!(
            "passkeys off: the public URL has no domain name (set --public-url, e.g. http://localhost:8080)"
        );
        return Ok(None);
    };
    let webauthn = WebauthnBuilder::new(rp_id, &origin)
        .and_then(|b| b.rp_name("Công dân số").build())
        .map_err(|e| format!("passkeys for {public_url}: {e}"))?;
    Ok(Some(webauthn))
}

pub fn path(template: &str, id: &str) -> String {
    template.replace("{id}", id)
}

/// The two ceremonies a page can run.
#[derive(Debug, Clone, Copy)]
pub enum Ceremony {
    /// On the offer after the e-ID: create a passkey.
    Register,
    /// On the sign-in page: sign in with one.
    SignIn,
}

impl Ceremony {
    /// `data-mode` for the page script, the endpoints it talks to, and its button.
    fn parts(
        self,
    ) -> (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ) {
        match self {
            Ceremony::Register => (
                "register",
                REGISTER_OPTIONS_PATH,
                REGISTER_PATH,
                "passkey-create",
                "passkey-create",
            ),
            Ceremony::SignIn => (
                "sign-in",
                SIGN_IN_OPTIONS_PATH,
                SIGN_IN_PATH,
                "sign-in-with-passkey",
                "sign-in-passkey",
            ),
        }
    }
}

/// What the page script needs: where to fetch options and send the answer, the origin passkeys
/// are bound to, and every message it may show, already localized.
pub fn ceremony_box(locale: Locale, ceremony: Ceremony, id: &str, origin: &str) -> String {
    let (mode, options, finish, button_key, testid) = ceremony.parts();
    let text = |key: &str| pages::escape(&pages::text(locale, key));
    format!(
        r#"<section data-passkey data-mode="{mode}" data-options="{options}" data-finish="{finish}" data-origin="{origin}" data-msg-working="{working}" data-msg-cancelled="{cancelled}" data-msg-failed="{failed}" data-msg-unsupported="{unsupported}">
<button type="button" data-passkey-start data-testid="{testid}" hidden><strong>{button}</strong></button>
<p role="status" class="note"></p><p role="alert" class="alert" data-testid="passkey-message" hidden></p>
</section><script src="{SCRIPT_PATH}" defer></script>"#,
        options = pages::escape(&path(options, id)),
        finish = pages::escape(&path(finish, id)),
        origin = pages::escape(origin),
        working = text("passkey-working"),
        cancelled = text("passkey-error-cancelled"),
        failed = text("passkey-error-failed"),
        unsupported = text("passkey-error-unsupported"),
        button = text(button_key),
    )
}

/// A refusal the page script shows as it is: localized, with the protocol's code.
fn refuse(locale: Locale, status: StatusCode, code: ErrorCode, key: &str) -> Response {
    (status, Json(ErrorBody::new(code, pages::text(locale, key)))).into_response()
}

/// The sign-in endpoints' rate limit and lockout, which the passkey endpoints share.
async fn rate_limited(
    state: &AppState,
    ip: IpAddr,
    locale: Locale,
) -> Result<Option<Response>, ServerError> {
    let Err(refused) = state.identity.limits.check(&state.db, ip).await? else {
        return Ok(None);
    };
    tracing::warn!("passkey: rate limited or locked out");
    let mut r = refuse(
        locale,
        StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::TooManyAttempts,
        "page-error-too-many",
    );
    r.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(refused.retry_after.as_secs().max(1)),
    );
    Ok(Some(r))
}

/// A WebAuthn answer that does not hold: logged, counted towards lockout, and explained.
async fn bad_answer(
    state: &AppState,
    ip: IpAddr,
    locale: Locale,
    why: &str,
    key: &str,
) -> Result<Response, ServerError> {
    tracing::warn!(why, "passkey answer refused");
    if state.identity.limits.failed(&state.db, ip).await? {
        tracing::warn!("passkey: too many failures, locking out");
    }
    Ok(refuse(
        locale,
        StatusCode::BAD_REQUEST,
        ErrorCode::SignInFailed,
        key,
    ))
}

/// Keeps the ceremony's state on the sign-in and sends the browser its challenge.
async fn begin(
    state: &AppState,
    sign_in_id: &str,
    ceremony: &impl Serialize,
    challenge: impl Serialize,
) -> Result<Response, ServerError> {
    let ceremony = serde_json::to_string(ceremony)
        .map_err(|e| ServerError::Corrupt(format!("ceremony state: {e}")))?;
    sign_ins::set_ceremony(&state.db, sign_in_id, &ceremony).await?;
    Ok(Json(challenge).into_response())
}

fn ceremony_state<T: DeserializeOwned>(json: &str) -> Result<T, ServerError> {
    serde_json::from_str(json).map_err(|e| ServerError::Corrupt(format!("ceremony state: {e}")))
}

fn expired(locale: Locale) -> Response {
    refuse(
        locale,
        StatusCode::BAD_REQUEST,
        ErrorCode::SignInFailed,
        "page-error-unknown-state",
    )
}

#[derive(Serialize)]
struct Finished {
    redirect: String,
}

/// Ends the sign-in with the app's one-time code, at its redirect URI. None when it had already
/// ended (finished twice at once, in two tabs): only the first gets a code.
async fn complete(
    state: &AppState,
    request: &SignInRequest,
    citizen_id: &str,
) -> Result<Option<String>, ServerError> {
    if !sign_ins::delete_sign_in(&state.db, &request.id).await? {
        return Ok(None);
    }
    Ok(Some(code_for_app(state, request, citizen_id).await?))
}

/// A ceremony's last answer: where the page script sends the browser next.
async fn finished(
    state: &AppState,
    request: &SignInRequest,
    citizen_id: &str,
    locale: Locale,
) -> Result<Response, ServerError> {
    Ok(match complete(state, request, citizen_id).await? {
        Some(redirect) => Json(Finished { redirect }).into_response(),
        None => expired(locale),
    })
}

fn webauthn(state: &AppState) -> Option<&Webauthn> {
    state.identity.passkeys.as_ref()
}

/// Where an e-ID sign-in goes on to: the passkey offer when passkeys are on, else the app.
pub async fn after_eid(
    state: &AppState,
    request: SignInRequest,
    citizen_id: &str,
) -> Result<String, ServerError> {
    if webauthn(state).is_none() {
        return code_for_app(state, &request, citizen_id).await;
    }
    // A fresh id: the one in the sign-in page's links must not reach a signed-in stage.
    let offer = SignInRequest {
        id: super::secrets::random_token(),
        citizen_id: Some(citizen_id.to_owned()),
        ..request
    };
    sign_ins::save_sign_in(&state.db, &offer, state.identity.lifetimes.sign_in).await?;
    Ok(format!(
        "{}{}",
        state.identity.public_url,
        path(OFFER_PATH, &offer.id)
    ))
}

/// A signed-in stage (after the e-ID) by id, or why not.
async fn signed_in_stage(
    state: &AppState,
    id: &str,
) -> Result<Option<(SignInRequest, String)>, ServerError> {
    Ok(sign_ins::sign_in(&state.db, id)
        .await?
        .and_then(|r| r.citizen_id.clone().map(|c| (r, c))))
}

/// `GET /oauth/passkey/offer/{id}`: "use a passkey next time?", or go on to the app.
#[tracing::instrument(skip_all)]
pub async fn offer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    if signed_in_stage(&state, &id).await?.is_none() {
        tracing::warn!("passkey offer: unknown or expired sign-in");
        return Ok(pages::error(
            locale,
            StatusCode::BAD_REQUEST,
            "page-error-unknown-state",
        ));
    }
    let text = |key: &str| pages::escape(&pages::text(locale, key));
    let body = format!(
        r#"{ceremony}<form method="post" action="{skip}"><button type="submit" data-testid="passkey-skip">{label}</button></form><p class="note">{note}</p>"#,
        ceremony = ceremony_box(locale, Ceremony::Register, &id, &state.identity.public_url),
        skip = pages::escape(&path(SKIP_PATH, &id)),
        label = text("passkey-skip"),
        note = text("passkey-offer-note"),
    );
    Ok(Page::new(locale, "passkey-offer-title")
        .intro("passkey-offer-intro")
        .raw(&body)
        .into_response())
}

/// `POST /oauth/passkey/offer/{id}/skip`: no passkey this time; on to the app.
#[tracing::instrument(skip_all)]
pub async fn skip(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let Some((request, citizen_id)) = signed_in_stage(&state, &id).await? else {
        tracing::warn!("passkey skip: unknown or expired sign-in");
        return Ok(pages::error(
            locale,
            StatusCode::BAD_REQUEST,
            "page-error-unknown-state",
        ));
    };
    let Some(redirect) = complete(&state, &request, &citizen_id).await? else {
        return Ok(pages::error(
            locale,
            StatusCode::BAD_REQUEST,
            "page-error-unknown-state",
        ));
    };
    tracing::info!(citizen = %citizen_id, "passkey offer declined, code issued");
    Ok(Redirect::to(&redirect).into_response())
}

/// `POST /oauth/passkey/offer/{id}/options`: the challenge to create a passkey with.
#[tracing::instrument(skip_all)]
pub async fn register_options(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    if let Some(refused) = rate_limited(&state, peer.ip(), locale).await? {
        return Ok(refused);
    }
    let (Some(webauthn), Some((request, citizen_id))) =
        (webauthn(&state), signed_in_stage(&state, &id).await?)
    else {
        tracing::warn!("passkey registration: unknown or expired sign-in");
        return Ok(expired(locale));
    };
    let handle = store::user_handle(&state.db, &citizen_id).await?;
    let existing = store::of_citizen(&state.db, &citizen_id).await?;
    let name = sign_ins::profile(&state.db, &citizen_id)
        .await?
        .map(|p| p.full_name)
        .unwrap_or_default();
    let exclude = existing.iter().map(|p| p.cred_id().clone()).collect();
    let (mut challenge, registration) = webauthn
        .start_passkey_registration(handle, &name, &name, Some(exclude))
        .map_err(|e| ServerError::Corrupt(format!("passkey registration start: {e}")))?;
    // webauthn-rs leaves residency to the authenticator; the sign-in page asks for no name, so the
    // passkey must be discoverable.
    if let Some(selection) = challenge.public_key.authenticator_selection.as_mut() {
        selection.resident_key = Some(ResidentKeyRequirement::Required);
        selection.require_resident_key = true;
    }
    tracing::info!("passkey registration started");
    begin(&state, &request.id, &registration, challenge).await
}

/// `POST /oauth/passkey/offer/{id}/register`: the new passkey, checked and kept; on to the app.
#[tracing::instrument(skip_all)]
pub async fn register(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let ip = peer.ip();
    if let Some(refused) = rate_limited(&state, ip, locale).await? {
        return Ok(refused);
    }
    let failed =
        async |why: &str| bad_answer(&state, ip, locale, why, "passkey-error-failed").await;
    let credential: RegisterPublicKeyCredential = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(_) => return failed("not a WebAuthn registration response").await,
    };
    let (Some(webauthn), Some((request, ceremony))) = (
        webauthn(&state),
        sign_ins::take_ceremony(&state.db, &id).await?,
    ) else {
        tracing::warn!("passkey registration: no ceremony in progress");
        return Ok(expired(locale));
    };
    let Some(citizen_id) = request.citizen_id.clone() else {
        return failed("registration on a sign-in that has no citizen yet").await;
    };
    let registration: PasskeyRegistration = ceremony_state(&ceremony)?;
    let passkey = match webauthn.finish_passkey_registration(&credential, &registration) {
        Ok(p) => p,
        Err(e) => return failed(&format!("{e:?}")).await,
    };
    if !store::add(&state.db, &citizen_id, &passkey).await? {
        return failed("credential id already registered").await;
    }
    tracing::info!(citizen = %citizen_id, "passkey registered");
    finished(&state, &request, &citizen_id, locale).await
}

/// `POST /oauth/passkey/sign-in/{id}/options`: a challenge any of the resident's passkeys answers.
#[tracing::instrument(skip_all)]
pub async fn sign_in_options(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    if let Some(refused) = rate_limited(&state, peer.ip(), locale).await? {
        return Ok(refused);
    }
    let request = sign_ins::sign_in(&state.db, &id).await?;
    let (Some(webauthn), Some(request)) = (webauthn(&state), request) else {
        tracing::warn!("passkey sign-in: unknown or expired sign-in");
        return Ok(expired(locale));
    };
    if request.citizen_id.is_some() {
        tracing::warn!("passkey sign-in: this sign-in is already past the e-ID");
        return Ok(expired(locale));
    }
    let (mut challenge, authentication) = webauthn
        .start_discoverable_authentication()
        .map_err(|e| ServerError::Corrupt(format!("passkey authentication start: {e}")))?;
    // The resident pressed a button: a modal request, not autofill (conditional mediation).
    challenge.mediation = None;
    tracing::info!("passkey sign-in started");
    begin(&state, &request.id, &authentication, challenge).await
}

/// `POST /oauth/passkey/sign-in/{id}`: the passkey's signature, checked; on to the app.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let ip = peer.ip();
    if let Some(refused) = rate_limited(&state, ip, locale).await? {
        return Ok(refused);
    }
    let failed = async |why: &str, key: &str| bad_answer(&state, ip, locale, why, key).await;
    let credential: PublicKeyCredential = match serde_json::from_slice(&body) {
        Ok(c) => c,
        Err(_) => {
            return failed(
                "not a WebAuthn authentication response",
                "passkey-error-failed",
            )
            .await
        }
    };
    let (Some(webauthn), Some((request, ceremony))) = (
        webauthn(&state),
        sign_ins::take_ceremony(&state.db, &id).await?,
    ) else {
        tracing::warn!("passkey sign-in: no ceremony in progress");
        return Ok(expired(locale));
    };
    if request.citizen_id.is_some() {
        return failed("sign-in already past the e-ID", "passkey-error-failed").await;
    }
    let authentication: DiscoverableAuthentication = ceremony_state(&ceremony)?;
    let Ok((handle, credential_id)) = webauthn.identify_discoverable_authentication(&credential)
    else {
        return failed("no user handle", "passkey-error-failed").await;
    };
    let Some((citizen_id, mut passkey)) = store::find(&state.db, handle, credential_id).await?
    else {
        return failed("unknown passkey", "passkey-error-unknown").await;
    };
    let result =
        match webauthn.finish_discoverable_authentication_v2(&credential, authentication, &passkey)
        {
            Ok(r) => r,
            Err(e) => return failed(&format!("{e:?}"), "passkey-error-failed").await,
        };
    if passkey.update_credential(&result).is_some() {
        store::used(&state.db, &passkey).await?;
    }
    state.identity.limits.succeeded(&state.db, ip).await?;
    tracing::info!(citizen = %citizen_id, "signed in with a passkey");
    finished(&state, &request, &citizen_id, locale).await
}

/// `GET /oauth/passkey.js`: the page script that runs the ceremonies.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
        .into_response()
}
