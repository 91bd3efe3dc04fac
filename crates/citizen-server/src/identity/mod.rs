//! Identity: the server as the app's OAuth 2.0 authorization server (RFC 6749, RFC 8252 native
//! apps, RFC 7636 PKCE, RFC 7009 revocation, RFC 8414 metadata), brokering the national e-ID as
//! an OpenID Connect relying party (`upstream`), with a sandbox e-ID for the demo (`sandbox`).
//!
//! Flow: app → `/oauth/authorize` (sign-in page) → `/oauth/eid/{id}` → e-ID → `/oauth/eid/callback`
//! → passkey offer (`passkeys`) → app's loopback redirect with a code → `/oauth/token` → access +
//! refresh token. Or, from the sign-in page, a passkey straight to the code. Access tokens
//! are opaque and checked against the database on every request, so revocation is immediate.

pub mod api;
pub mod assist;
pub mod device;
pub mod limits;
pub mod oauth;
pub(crate) mod pages;
pub mod passkeys;
pub mod sandbox;
pub mod secrets;
pub mod store;
pub mod upstream;

use std::sync::Arc;
use std::time::Duration;

use crate::config::ServerConfig;
use crate::error::ServerError;

/// Lifetimes of what the broker hands out, in seconds.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub sign_in: i64,
    pub code: i64,
    pub access: i64,
    pub refresh: i64,
    /// How long a spent refresh token may be exchanged again while its successor is unused.
    pub refresh_reuse_grace: i64,
}

/// Hand-offs (RFC 8628) and the sign-ins they start, in seconds.
#[derive(Debug, Clone, Copy)]
pub struct HandOffLimits {
    /// How long a hand-off code may wait for the resident.
    pub valid_for: i64,
    /// The least time between two polls (RFC 8628 `interval`).
    pub interval: i64,
    /// A kiosk session's whole life, refreshes included.
    pub kiosk_session: i64,
    /// An assisted session's whole life.
    pub assist_session: i64,
}

pub struct Identity {
    pub public_url: String,
    /// None when no e-ID is configured and the sandbox is off: sign-in says the e-ID is
    /// unavailable.
    eid: Option<upstream::Eid>,
    pub sandbox: Option<Arc<sandbox::Sandbox>>,
    /// None when the public URL has no domain name, which WebAuthn requires.
    pub passkeys: Option<webauthn_rs::Webauthn>,
    pub lifetimes: Lifetimes,
    pub hand_off: HandOffLimits,
    pub limits: limits::Limits,
}

impl Identity {
    /// The e-ID is the one configured (`--eid-issuer`...), else with `--demo` the built-in
    /// sandbox; without either, sign-in answers that the e-ID is unavailable.
    pub fn from_config(
        config: &ServerConfig,
        public_url: &str,
        db: &crate::db::Db,
    ) -> Result<Identity, ServerError> {
        let public_url = public_url.trim_end_matches('/').to_owned();
        let sandbox = config
            .demo
            .then(|| sandbox::Sandbox::new(&public_url, db.clone()));
        let redirect_uri = format!("{public_url}{}", oauth::EID_CALLBACK_PATH);
        let eid_config = match (&config.eid_issuer, &sandbox) {
            (Some(issuer), _) => Some(upstream::EidConfig {
                issuer: issuer.clone(),
                client_id: config.eid_client_id.clone().ok_or_else(|| {
                    ServerError::Config("--eid-client-id is required with --eid-issuer".into())
                })?,
                client_secret: config.eid_client_secret.clone().ok_or_else(|| {
                    ServerError::Config("--eid-client-secret is required with --eid-issuer".into())
                })?,
                redirect_uri,
                scopes: config
                    .eid_scopes
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                pin_claim: config.eid_pin_claim.clone(),
            }),
            (None, Some(sandbox)) => Some(upstream::EidConfig {
                issuer: sandbox.issuer().to_owned(),
                client_id: sandbox::CLIENT_ID.to_owned(),
                client_secret: sandbox::CLIENT_SECRET.to_owned(),
                redirect_uri,
                scopes: vec!["openid".into(), "profile".into(), "address".into()],
                pin_claim: sandbox::PIN_CLAIM.to_owned(),
            }),
            (None, None) => None,
        };
        if eid_config.is_none() {
            tracing::warn!(
                "no e-ID configured (--eid-issuer) and not in demo mode: sign-in is off"
            );
        }
        let eid = eid_config
            .map(|c| upstream::Eid::new(c, Duration::from_secs(10)))
            .transpose()
            .map_err(ServerError::Config)?;
        let passkeys = passkeys::relying_party(&public_url).map_err(ServerError::Config)?;
        Ok(Identity {
            public_url,
            eid,
            sandbox,
            passkeys,
            lifetimes: Lifetimes {
                sign_in: 600,
                code: 60,
                access: config.access_token_ttl as i64,
                refresh: config.refresh_token_ttl as i64,
                refresh_reuse_grace: config.refresh_reuse_grace as i64,
            },
            hand_off: HandOffLimits {
                valid_for: config.hand_off_valid_for as i64,
                interval: config.hand_off_interval as i64,
                kiosk_session: config.kiosk_session as i64,
                assist_session: config.assist_session as i64,
            },
            limits: limits::Limits::new(limits::LimitsConfig {
                per_minute: config.sign_in_rate_per_minute,
                failures_before_lockout: config.lockout_after_failures,
                lockout: Duration::from_secs(config.lockout_secs),
            }),
        })
    }

    /// The e-ID to send residents to.
    pub fn eid(&self) -> Result<&upstream::Eid, upstream::EidError> {
        self.eid
            .as_ref()
            .ok_or_else(|| upstream::EidError::Unavailable("no e-ID configured".into()))
    }
}
