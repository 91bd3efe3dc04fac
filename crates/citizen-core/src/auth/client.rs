//! The app as a standard OAuth 2.0 public client of the provincial server (the `oauth2` crate):
//! the authorization URL with PKCE S256 and state, the code exchange, rotating refresh, RFC 7009
//! revocation; plus the two citizen endpoints sign-in needs (`/me`, sign-out everywhere).

use std::time::Duration;

use citizen_protocol::assist::{
    assist_end_path, consent_photo_path, AssistStarted, AuditEntry, HelperSession,
    ASSIST_SESSIONS_PATH, AUDIT_LOG_PATH, PERSONAL_NUMBER_HEADER,
};
use citizen_protocol::auth::{
    CitizenProfile, ACCESS_TOKEN_TYPE, APP_CLIENT_ID, APP_SCOPE, AUTHORIZE_PATH,
    DEVICE_AUTHORIZATION_PATH, KIOSK_SCOPE, ME_PATH, REVOKE_PATH, SIGN_OUT_EVERYWHERE_PATH,
    TOKEN_EXCHANGE_GRANT, TOKEN_PATH,
};
use citizen_protocol::error::{ErrorBody, ErrorCode};
use oauth2::basic::{
    BasicErrorResponse, BasicErrorResponseType, BasicRevocationErrorResponse,
    BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, CsrfToken, EndpointNotSet, EndpointSet, ExtraTokenFields,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenResponse as _, TokenUrl,
};
use oauth2::{
    DeviceAuthorizationUrl, DeviceCodeErrorResponse, DeviceCodeErrorResponseType,
    StandardDeviceAuthorizationResponse,
};
use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// The server's token response carries how long the refresh token lives (our extension), which
/// bounds how long the app stays signed in offline.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RefreshLifetime {
    #[serde(default)]
    pub refresh_expires_in: Option<u64>,
}
impl ExtraTokenFields for RefreshLifetime {}

type Tokens = StandardTokenResponse<RefreshLifetime, BasicTokenType>;
type OAuthClient = oauth2::Client<
    BasicErrorResponse,
    Tokens,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

/// A hand-off in progress (RFC 8628), as the device authorization endpoint described it.
pub type HandOffDetails = StandardDeviceAuthorizationResponse;

/// What a successful grant gives the app.
#[derive(Debug)]
pub struct Granted {
    pub access_token: String,
    pub access_expires_in: Duration,
    pub refresh_token: String,
    pub refresh_expires_in: Duration,
}

/// A started authorization: the URL to open, and what the answer is checked against.
pub struct Started {
    pub url: String,
    pub state: String,
    pub verifier: PkceCodeVerifier,
}

#[derive(Clone)]
pub struct AuthClient {
    base: String,
    oauth: OAuthClient,
    /// No redirects: a token endpoint that redirects is misconfigured or hostile (and `oauth2`
    /// asks for this to prevent SSRF).
    http: reqwest::Client,
}

impl AuthClient {
    pub fn new(base_url: &str, timeout: Duration) -> Result<AuthClient, CoreError> {
        let base = crate::server_url::checked(base_url)?;
        let url = |path: &str| format!("{base}{path}");
        let bad = |e: url::ParseError| CoreError::Unreachable(format!("server URL: {e}"));
        let oauth = oauth2::Client::new(ClientId::new(APP_CLIENT_ID.to_owned()))
            .set_auth_uri(AuthUrl::new(url(AUTHORIZE_PATH)).map_err(bad)?)
            .set_token_uri(TokenUrl::new(url(TOKEN_PATH)).map_err(bad)?)
            .set_device_authorization_url(
                DeviceAuthorizationUrl::new(url(DEVICE_AUTHORIZATION_PATH)).map_err(bad)?,
            )
            .set_auth_type(oauth2::AuthType::RequestBody);
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout.min(Duration::from_secs(3)))
            .timeout(timeout)
            .user_agent(concat!("cong-dan-so/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| CoreError::Unreachable(e.to_string()))?;
        Ok(AuthClient { base, oauth, http })
    }

    pub fn server_url(&self) -> &str {
        &self.base
    }

    pub fn start(&self, redirect_uri: &str) -> Result<Started, CoreError> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let redirect = RedirectUrl::new(redirect_uri.to_owned())
            .map_err(|e| CoreError::SignInFailed(e.to_string()))?;
        let (url, state) = self
            .oauth
            .authorize_url(CsrfToken::new_random)
            .add_scope(Scope::new(APP_SCOPE.to_owned()))
            .set_pkce_challenge(challenge)
            .set_redirect_uri(std::borrow::Cow::Owned(redirect))
            .url();
        Ok(Started {
            url: url.to_string(),
            state: state.secret().clone(),
            verifier,
        })
    }

    pub async fn exchange(
        &self,
        code: String,
        verifier: PkceCodeVerifier,
        redirect_uri: &str,
    ) -> Result<Granted, CoreError> {
        let redirect = RedirectUrl::new(redirect_uri.to_owned())
            .map_err(|e| CoreError::SignInFailed(e.to_string()))?;
        let tokens = self
            .oauth
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(verifier)
            .set_redirect_uri(std::borrow::Cow::Owned(redirect))
            .request_async(&self.http)
            .await
            .map_err(|e| grant_error(e, CoreError::SignInFailed("code refused".into())))?;
        granted(tokens)
    }

    pub async fn refresh(&self, refresh_token: &str) -> Result<Granted, CoreError> {
        let token = RefreshToken::new(refresh_token.to_owned());
        let tokens = self
            .oauth
            .exchange_refresh_token(&token)
            .request_async(&self.http)
            .await
            .map_err(|e| grant_error(e, CoreError::NotSignedIn))?;
        granted(tokens)
    }

    /// Revokes the sign-in the refresh token belongs to (the server revokes its whole family).
    /// RFC 7009 by hand: `oauth2` refuses a revocation endpoint that is not HTTPS, and the demo
    /// and tests run the server on plain loopback HTTP.
    pub async fn revoke(&self, refresh_token: &str) -> Result<(), CoreError> {
        let response = self
            .http
            .post(format!("{}{REVOKE_PATH}", self.base))
            .form(&[
                ("token", refresh_token),
                ("token_type_hint", "refresh_token"),
                ("client_id", APP_CLIENT_ID),
            ])
            .send()
            .await?;
        match response.status().as_u16() {
            200 => Ok(()),
            status => Err(CoreError::Server {
                status,
                message: format!("{REVOKE_PATH} answered {status}"),
            }),
        }
    }

    /// RFC 8628 §3.1: a kiosk's hand-off code.
    pub async fn kiosk_hand_off(&self) -> Result<HandOffDetails, CoreError> {
        self.oauth
            .exchange_device_code()
            .add_scope(Scope::new(KIOSK_SCOPE.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| grant_error(e, CoreError::SignInFailed("hand-off refused".into())))
    }

    /// RFC 8628 §3.4–3.5: polls until the resident answers on their phone or the code expires;
    /// `oauth2` keeps the interval and adds five seconds on every `slow_down`.
    pub async fn wait_hand_off(&self, details: &HandOffDetails) -> Result<Granted, CoreError> {
        let tokens = self
            .oauth
            .exchange_device_access_token(details)
            .request_async(&self.http, tokio::time::sleep, None)
            .await
            .map_err(hand_off_error)?;
        granted(tokens)
    }

    /// RFC 8693 §2.1: the resident's consent (subject) and the helper's own token (actor) for a
    /// delegated sign-in. By hand: `oauth2` has no token exchange.
    pub async fn exchange_for_helper(
        &self,
        consent_token: &str,
        helper_token: &str,
    ) -> Result<Granted, CoreError> {
        let response = self
            .http
            .post(format!("{}{TOKEN_PATH}", self.base))
            .form(&[
                ("grant_type", TOKEN_EXCHANGE_GRANT),
                ("client_id", APP_CLIENT_ID),
                ("subject_token", consent_token),
                ("subject_token_type", ACCESS_TOKEN_TYPE),
                ("actor_token", helper_token),
                ("actor_token_type", ACCESS_TOKEN_TYPE),
            ])
            .send()
            .await?;
        if response.status().is_success() {
            let tokens: Tokens = response
                .json()
                .await
                .map_err(|e| CoreError::BadResponse(e.to_string()))?;
            return granted(tokens);
        }
        let error: citizen_protocol::auth::OAuthError = response
            .json()
            .await
            .map_err(|e| CoreError::BadResponse(e.to_string()))?;
        Err(
            match error.error_code.as_deref().and_then(ErrorCode::parse) {
                Some(code) => CoreError::refused(code, &error.error),
                None => CoreError::SignInFailed(format!("token exchange: {}", error.error)),
            },
        )
    }

    /// A helper starts assisting a resident: the hand-off the resident approves.
    pub async fn start_assist(&self, helper_token: &str) -> Result<AssistStarted, CoreError> {
        let request = self
            .http
            .post(format!("{}{ASSIST_SESSIONS_PATH}", self.base))
            .bearer_auth(helper_token);
        let body = api_call(request).await?;
        serde_json::from_slice(&body).map_err(|e| CoreError::BadResponse(e.to_string()))
    }

    /// A resident without a phone: their personal number and the photo of their signed form.
    pub async fn consent_photo(
        &self,
        helper_token: &str,
        session_id: &str,
        personal_id_number: &str,
        photo: Vec<u8>,
    ) -> Result<(), CoreError> {
        let request = self
            .http
            .put(format!("{}{}", self.base, consent_photo_path(session_id)))
            .header(PERSONAL_NUMBER_HEADER, personal_id_number)
            .bearer_auth(helper_token)
            .body(photo);
        api_call(request).await.map(|_| ())
    }

    pub async fn end_assist(&self, token: &str, session_id: &str) -> Result<(), CoreError> {
        let request = self
            .http
            .post(format!("{}{}", self.base, assist_end_path(session_id)))
            .bearer_auth(token);
        api_call(request).await.map(|_| ())
    }

    pub async fn helper_sessions(&self, token: &str) -> Result<Vec<HelperSession>, CoreError> {
        let request = self
            .http
            .get(format!("{}{ASSIST_SESSIONS_PATH}", self.base))
            .bearer_auth(token);
        serde_json::from_slice(&api_call(request).await?)
            .map_err(|e| CoreError::BadResponse(e.to_string()))
    }

    pub async fn audit_log(&self, token: &str) -> Result<Vec<AuditEntry>, CoreError> {
        let request = self
            .http
            .get(format!("{}{AUDIT_LOG_PATH}", self.base))
            .bearer_auth(token);
        serde_json::from_slice(&api_call(request).await?)
            .map_err(|e| CoreError::BadResponse(e.to_string()))
    }

    pub async fn me(&self, access_token: &str) -> Result<CitizenProfile, CoreError> {
        let response = self
            .http
            .get(format!("{}{ME_PATH}", self.base))
            .bearer_auth(access_token)
            .send()
            .await?;
        match response.status().as_u16() {
            200 => Ok(response.json().await?),
            401 => Err(CoreError::NotSignedIn),
            status => Err(CoreError::Server {
                status,
                message: format!("{ME_PATH} answered {status}"),
            }),
        }
    }

    pub async fn sign_out_everywhere(&self, access_token: &str) -> Result<(), CoreError> {
        let response = self
            .http
            .post(format!("{}{SIGN_OUT_EVERYWHERE_PATH}", self.base))
            .bearer_auth(access_token)
            .send()
            .await?;
        match response.status().as_u16() {
            200..=299 => Ok(()),
            401 => Err(CoreError::NotSignedIn),
            status => Err(CoreError::Server {
                status,
                message: format!("{SIGN_OUT_EVERYWHERE_PATH} answered {status}"),
            }),
        }
    }
}

/// Sends a call of the assist API; a refusal becomes the error its code names.
async fn api_call(request: reqwest::RequestBuilder) -> Result<Vec<u8>, CoreError> {
    let response = request.send().await?;
    let status = response.status().as_u16();
    let body = response.bytes().await?.to_vec();
    match status {
        200..=299 => Ok(body),
        401 => Err(CoreError::NotSignedIn),
        _ => Err(match serde_json::from_slice::<ErrorBody>(&body) {
            Ok(error) => CoreError::refused(error.code, &error.message),
            Err(_) => CoreError::Server {
                status,
                message: String::from_utf8_lossy(&body).chars().take(200).collect(),
            },
        }),
    }
}

/// A hand-off's end without a sign-in: denied, expired, or the server's refusal.
fn hand_off_error<RE: std::error::Error + 'static>(
    e: RequestTokenError<RE, DeviceCodeErrorResponse>,
) -> CoreError {
    match e {
        RequestTokenError::ServerResponse(response) => match response.error() {
            DeviceCodeErrorResponseType::AccessDenied => CoreError::HandOffDenied,
            DeviceCodeErrorResponseType::ExpiredToken => CoreError::HandOffExpired,
            DeviceCodeErrorResponseType::Basic(BasicErrorResponseType::InvalidGrant) => {
                CoreError::HandOffExpired
            }
            other => CoreError::SignInFailed(format!("token endpoint: {other}")),
        },
        RequestTokenError::Request(e) => CoreError::Unreachable(e.to_string()),
        RequestTokenError::Parse(e, _) => CoreError::BadResponse(e.to_string()),
        RequestTokenError::Other(e) => CoreError::BadResponse(e),
    }
}

fn granted(tokens: Tokens) -> Result<Granted, CoreError> {
    let refresh_token = tokens
        .refresh_token()
        .ok_or_else(|| CoreError::BadResponse("no refresh token in the token response".into()))?
        .secret()
        .clone();
    Ok(Granted {
        access_token: tokens.access_token().secret().clone(),
        access_expires_in: tokens.expires_in().unwrap_or(Duration::from_secs(300)),
        refresh_token,
        refresh_expires_in: Duration::from_secs(
            tokens.extra_fields().refresh_expires_in.unwrap_or(0),
        ),
    })
}

/// Maps a refused grant: an invalid grant means the session is over (`refused`); being throttled,
/// unreachable or answered nonsense are the usual errors.
fn grant_error<RE: std::error::Error + 'static>(
    e: RequestTokenError<RE, BasicErrorResponse>,
    refused: CoreError,
) -> CoreError {
    match e {
        RequestTokenError::ServerResponse(response) => match response.error() {
            BasicErrorResponseType::InvalidGrant => refused,
            BasicErrorResponseType::Extension(code) if code == "slow_down" => {
                CoreError::TooManyAttempts
            }
            other => CoreError::SignInFailed(format!("token endpoint: {other}")),
        },
        RequestTokenError::Request(e) => CoreError::Unreachable(e.to_string()),
        RequestTokenError::Parse(e, _) => CoreError::BadResponse(e.to_string()),
        RequestTokenError::Other(e) => CoreError::BadResponse(e),
    }
}
