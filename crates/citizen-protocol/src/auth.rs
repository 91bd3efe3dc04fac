//! Sign-in on the wire: OAuth 2.0 for native apps (RFC 8252) with PKCE (RFC 7636) between the app
//! and the provincial server, which brokers the national e-ID. Field names follow the RFCs
//! (snake_case) because any standard OAuth client must be able to read them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The app's OAuth client id. A public client: no secret, PKCE with S256 required.
pub const APP_CLIENT_ID: &str = "citizen-app";
/// The scope the app asks for: its own profile and data.
pub const APP_SCOPE: &str = "citizen";

pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
pub const TOKEN_PATH: &str = "/oauth/token";
/// RFC 7009 token revocation.
pub const REVOKE_PATH: &str = "/oauth/revoke";
/// RFC 8414 authorization server metadata.
pub const METADATA_PATH: &str = "/.well-known/oauth-authorization-server";
/// The signed-in citizen's own profile.
pub const ME_PATH: &str = "/api/v1/me";
/// POST: revoke every session of the signed-in citizen, on every device.
pub const SIGN_OUT_EVERYWHERE_PATH: &str = "/api/v1/me/sign-out-everywhere";
/// Prefix of a citizen's record by id; answers only to that citizen.
pub const CITIZENS_PATH: &str = "/api/v1/citizens";

/// RFC 8628 §3.1 device authorization endpoint: a kiosk (or a helper's laptop) asks for a code a
/// resident approves on their own phone.
pub const DEVICE_AUTHORIZATION_PATH: &str = "/oauth/device_authorization";
/// RFC 8628 §3.3 verification URI: where the resident's phone goes (the QR code holds it with
/// `user_code`).
pub const DEVICE_VERIFICATION_PATH: &str = "/device";
/// RFC 8628 §3.4 grant type.
pub const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// A kiosk session's scope: the resident's dossiers, reports and fees, nothing that changes the
/// account (no sign-out everywhere, no approving other devices, no helpers).
pub const KIOSK_SCOPE: &str = "citizen:kiosk";
/// What a resident grants a helper by approving a hand-off: only to be exchanged (RFC 8693) with
/// the helper's own token for a delegated one; worth nothing on its own.
pub const ASSIST_CONSENT_SCOPE: &str = "assist:consent";
/// A delegated session's scope: like a kiosk's, acting for the resident, recorded in their audit
/// log with the helper named (`act`).
pub const ASSIST_SCOPE: &str = "citizen:assisted";
/// RFC 8693 §2.1 grant type.
pub const TOKEN_EXCHANGE_GRANT: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
/// RFC 8693 §3 token type of the subject and actor tokens, and of the issued token.
pub const ACCESS_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:access_token";
/// RFC 7662 token introspection; answers `act` (RFC 8693 §4.1) for a delegated token.
pub const INTROSPECT_PATH: &str = "/oauth/introspect";

/// RFC 8628 §3.2 device authorization response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceAuthorization {
    pub device_code: String,
    /// Eight letters, shown as `BCDF-GHJK` (§6.1: no vowels, no look-alike characters).
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: String,
    pub expires_in: u64,
    pub interval: u64,
}

/// RFC 7662 §2.2 introspection response, with RFC 8693 §4.1's `act` for a delegated token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introspection {
    pub active: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub act: Option<Actor>,
}

/// RFC 8693 §4.1: who acts for the subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub sub: String,
}

/// RFC 6749 §5.1 successful token response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    pub refresh_token: String,
    /// Seconds until the refresh token expires: how long the app may stay signed in offline.
    pub refresh_expires_in: u64,
    pub scope: String,
    /// RFC 8693 §2.2.1: with a token exchange, what was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_token_type: Option<String>,
}

/// RFC 6749 §5.2 error response, from the token and revocation endpoints, and (as query
/// parameters) on the redirect back to the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthError {
    /// The RFC's code: `invalid_request`, `invalid_grant`, `access_denied`, ...
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// Which of our `ErrorCode`s explains it to a resident (kebab-case), when more precise than
    /// the RFC's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
}

/// RFC 8414 metadata: the fields this server supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthServerMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: String,
    /// RFC 8628 §4.
    pub device_authorization_endpoint: String,
    pub response_types_supported: Vec<String>,
    pub grant_types_supported: Vec<String>,
    pub code_challenge_methods_supported: Vec<String>,
    pub token_endpoint_auth_methods_supported: Vec<String>,
    pub revocation_endpoint_auth_methods_supported: Vec<String>,
    pub scopes_supported: Vec<String>,
}

/// A citizen as the national e-ID vouched for them, shown on the profile screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CitizenProfile {
    /// This server's id for the citizen (not the personal identification number).
    pub id: String,
    pub full_name: String,
    /// The 12-digit personal identification number (số định danh cá nhân).
    pub personal_id_number: String,
    /// ISO 8601 date, when the e-ID gave one.
    pub birth_date: Option<String>,
    pub address: Option<String>,
}
