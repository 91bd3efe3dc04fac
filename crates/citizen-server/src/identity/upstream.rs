//! The server as OpenID Connect relying party to the national e-ID (code flow with PKCE). Any
//! provider works by issuer URL, client id and secret: discovery and JWKS come from the issuer.
//! Verification (issuer, audience, nonce, expiry, signature) is `openidconnect`'s, not ours.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IdToken,
    IdTokenVerifier, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use super::store::{EidIdentity, Upstream};

/// How long discovery (and with it the JWKS) is trusted before it is fetched again.
const DISCOVERY_TTL: Duration = Duration::from_secs(3600);

/// How far the e-ID's clock and ours may disagree before an ID token is refused: tokens live
/// minutes, and a provider a minute off is common, a provider ten minutes off is broken.
const CLOCK_LEEWAY_SECS: i64 = 60;

#[derive(Debug, thiserror::Error)]
pub enum EidError {
    /// The provider could not be reached, or answered with something that is not OIDC.
    #[error("e-ID unavailable: {0}")]
    Unavailable(String),
    /// The provider answered, but what it said does not hold up (signature, nonce, audience...).
    #[error("e-ID answer refused: {0}")]
    Refused(String),
}

/// Claims beyond the standard ones (the personal identification number), kept as they came.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ExtraClaims(HashMap<String, serde_json::Value>);
impl AdditionalClaims for ExtraClaims {}

impl ExtraClaims {
    pub fn with(name: &str, value: &str) -> ExtraClaims {
        ExtraClaims(HashMap::from([(name.to_owned(), value.into())]))
    }
}

/// An ID token of the national e-ID: standard claims, and the personal number among the extras.
pub type EidIdToken = IdToken<
    ExtraClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

#[derive(Debug, Clone)]
pub struct EidConfig {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Where the provider sends the resident back: `<public url>/oauth/eid/callback`.
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    /// The claim carrying the 12-digit personal identification number.
    pub pin_claim: String,
}

pub struct Eid {
    config: EidConfig,
    http: openidconnect::reqwest::Client,
    discovered: RwLock<Option<(Instant, CoreProviderMetadata)>>,
}

impl Eid {
    pub fn new(config: EidConfig, timeout: Duration) -> Result<Eid, String> {
        IssuerUrl::new(config.issuer.clone()).map_err(|e| format!("e-ID issuer URL: {e}"))?;
        RedirectUrl::new(config.redirect_uri.clone()).map_err(|e| format!("redirect URL: {e}"))?;
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Following redirects from a token endpoint invites SSRF (openidconnect's advice).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(timeout)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Eid {
            config,
            http,
            discovered: RwLock::new(None),
        })
    }

    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, EidError> {
        if !fresh {
            if let Some((at, m)) = self.discovered.read().await.as_ref() {
                if at.elapsed() < DISCOVERY_TTL {
                    return Ok(m.clone());
                }
            }
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|e| EidError::Unavailable(e.to_string()))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| EidError::Unavailable(format!("discovery: {}", error_chain(&e))))?;
        *self.discovered.write().await = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    fn client(
        &self,
        metadata: CoreProviderMetadata,
    ) -> CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    > {
        CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(
            RedirectUrl::new(self.config.redirect_uri.clone()).expect("checked in Eid::new"),
        )
    }

    /// Where to send the resident, and what to remember to check the answer.
    pub async fn start(&self) -> Result<(String, Upstream), EidError> {
        let client = self.client(self.metadata(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in self.config.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        Ok((
            url.to_string(),
            Upstream {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
            },
        ))
    }

    /// Exchanges the provider's code, verifies the ID token and reads the citizen's claims
    /// (from the ID token, and from userinfo when the provider has one).
    pub async fn finish(&self, code: &str, up: &Upstream) -> Result<EidIdentity, EidError> {
        let client = self.client(self.metadata(false).await?);
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| EidError::Unavailable(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(up.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| classify_token_error(&e))?;
        let raw = response
            .extra_fields()
            .id_token()
            .ok_or_else(|| EidError::Refused("no ID token in the token response".into()))?
            .to_string();
        let id_token: EidIdToken = raw
            .parse()
            .map_err(|e| EidError::Refused(format!("ID token: {e}")))?;
        let nonce = Nonce::new(up.nonce.clone());
        let claims = match id_token.claims(&with_leeway(client.id_token_verifier()), &nonce) {
            Ok(claims) => claims.clone(),
            // A key we do not know may be a rotation: fetch the JWKS again, once.
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(_)) => {
                let fresh = self.client(self.metadata(true).await?);
                let verifier = with_leeway(fresh.id_token_verifier());
                let claims = id_token
                    .claims(&verifier, &nonce)
                    .map_err(|e| EidError::Refused(format!("ID token: {e}")))?
                    .clone();
                claims
            }
            Err(e) => return Err(EidError::Refused(format!("ID token: {e}"))),
        };
        let subject = claims.subject().clone();
        let mut extra = claims.additional_claims().0.clone();
        let mut name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string());
        let mut birth_date = claims.birthdate().map(|b| b.to_string());
        let mut address = claims
            .address()
            .and_then(|a| a.formatted.as_ref())
            .map(|f| f.to_string());
        if client.user_info_url().is_some() {
            let info = client
                .user_info(response.access_token().clone(), Some(subject.clone()))
                .map_err(|e| EidError::Unavailable(e.to_string()))?
                .request_async::<ExtraClaims, _, CoreGenderClaim>(&self.http)
                .await
                .map_err(|e| EidError::Unavailable(format!("userinfo: {}", error_chain(&e))))?;
            extra.extend(info.additional_claims().0.clone());
            name = name.or_else(|| info.name().and_then(|n| n.get(None)).map(|n| n.to_string()));
            birth_date = birth_date.or_else(|| info.birthdate().map(|b| b.to_string()));
            address = address.or_else(|| {
                info.address()
                    .and_then(|a| a.formatted.as_ref())
                    .map(|f| f.to_string())
            });
        }
        let pin = extra
            .get(&self.config.pin_claim)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .filter(|p| p.len() == 12 && p.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| {
                EidError::Refused(format!(
                    "claim {:?} missing or not 12 digits",
                    self.config.pin_claim
                ))
            })?;
        let full_name = name
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| EidError::Refused("claim \"name\" missing".into()))?;
        Ok(EidIdentity {
            issuer: self.config.issuer.clone(),
            subject: subject.to_string(),
            personal_id_number: pin,
            full_name,
            birth_date,
            address,
        })
    }
}

/// Expiry judged by a clock set back by the leeway; an ID token issued further than the leeway
/// in the future is refused (openidconnect accepts any issue time by default).
fn with_leeway(
    verifier: IdTokenVerifier<'_, CoreJsonWebKey>,
) -> IdTokenVerifier<'_, CoreJsonWebKey> {
    let leeway = chrono::Duration::seconds(CLOCK_LEEWAY_SECS);
    verifier
        .set_time_fn(move || chrono::Utc::now() - leeway)
        .set_issue_time_verifier_fn(move |issued| {
            let ahead = issued - chrono::Utc::now();
            if ahead > leeway {
                Err(format!(
                    "issued {}s in the future: the e-ID's clock or ours is off",
                    ahead.num_seconds()
                ))
            } else {
                Ok(())
            }
        })
}

fn classify_token_error<RE: std::error::Error + 'static, T: openidconnect::ErrorResponse>(
    e: &openidconnect::RequestTokenError<RE, T>,
) -> EidError {
    match e {
        openidconnect::RequestTokenError::ServerResponse(r) => {
            EidError::Refused(format!("token endpoint: {r}"))
        }
        other => EidError::Unavailable(format!("token endpoint: {}", error_chain(other))),
    }
}

/// An error with its sources, for the log: "discovery: request failed: connection refused".
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
