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
