//! SANDBOX e-ID provider, for the demo and tests only: a real OpenID Connect provider (discovery,
//! JWKS, RS256-signed ID tokens, userinfo) whose "login" is a page where a tester picks one of a
//! few made-up residents. Mounted only with `--demo`; the broker talks to it over HTTP exactly as
//! it talks to the national e-ID.

use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use openidconnect::core::{
    CoreClaimName, CoreGenderClaim, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreResponseType, CoreRsaPrivateSigningKey, CoreSubjectIdentifierType,
};
use openidconnect::{
    AddressClaim, Audience, AuthUrl, EmptyAdditionalProviderMetadata, EndUserBirthday, EndUserName,
    FormattedAddress, IdTokenClaims, IssuerUrl, JsonWebKeyId, JsonWebKeySetUrl, Nonce,
    PrivateSigningKey, ResponseTypes, StandardClaims, SubjectIdentifier, TokenUrl, UserInfoUrl,
};
use serde::Deserialize;

use super::pages::{self, Page};
use super::secrets::{hash, now, pkce_challenge, random_token};
use super::upstream::{EidIdToken, ExtraClaims};
use crate::db::Db;
use crate::error::ServerError;

/// Where the sandbox lives under the server.
pub const PATH: &str = "/sandbox/eid";
/// The broker's credentials at the sandbox (it is a sandbox: they are not secret).
pub const CLIENT_ID: &str = "citizen-server";
pub const CLIENT_SECRET: &str = "sandbox-secret";
/// The claim the sandbox puts the personal identification number in.
pub const PIN_CLAIM: &str = "personal_id_number";

/// Made-up residents of Huế. The numbers follow the real layout (province code 046, then
/// century/sex, birth year, serial) but belong to no one.
pub struct DemoResident {
    pub subject: &'static str,
    pub full_name: &'static str,
    pub personal_id_number: &'static str,
    pub birth_date: &'static str,
    pub address: &'static str,
}

pub const RESIDENTS: [DemoResident; 4] = [
    DemoResident {
        subject: "sandbox-an",
        full_name: "Nguyễn Văn An",
        personal_id_number: "046085000001",
        birth_date: "1985-04-12",
        address: "12 Lê Lợi, phường Thuận Hóa, thành phố Huế",
    },
    DemoResident {
        subject: "sandbox-binh",
        full_name: "Trần Thị Bình",
        personal_id_number: "046192000002",
        birth_date: "1992-03-08",
        address: "25 Hùng Vương, phường Thuận Hóa, thành phố Huế",
    },
    DemoResident {
        subject: "sandbox-cuong",
        full_name: "Lê Văn Cường",
        personal_id_number: "046058000003",
        birth_date: "1958-11-20",
        address: "Thôn La Chữ, phường Hương Chữ, thành phố Huế",
    },
    DemoResident {
        subject: "sandbox-dung",
        full_name: "Phạm Thị Dung",
        personal_id_number: "046301000004",
        birth_date: "2001-07-15",
        address: "Kiệt 12 Phan Đình Phùng, phường Phú Nhuận, thành phố Huế",
    },
];

/// The demo resident the demo names a community helper (`assist`).
pub const DEMO_HELPER: usize = 3;
pub const DEMO_TEAM: &str = "Tổ công nghệ số cộng đồng phường Phú Nhuận";

const CODE_TTL: i64 = 120;
const ACCESS_TTL: i64 = 300;
/// Its signing key's name among the demo's secrets (`demo_secrets`).
const KEY_SECRET: &str = "sandbox-eid-signing-key";

/// The sandbox keeps its codes, tokens and key in the server's database, so a broker on one
/// replica can redeem at another what a third issued.
pub struct Sandbox {
    issuer: String,
    db: Db,
    /// Made on first use, by whichever replica comes first (RSA key generation is too slow to
    /// pay at every start), then read by every replica.
    key: tokio::sync::OnceCell<(CoreRsaPrivateSigningKey, CoreJsonWebKeySet)>,
}

impl Sandbox {
    pub fn new(public_url: &str, db: Db) -> Arc<Sandbox> {
        Arc::new(Sandbox {
            issuer: format!("{}{PATH}", public_url.trim_end_matches('/')),
            db,
            key: tokio::sync::OnceCell::new(),
        })
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    async fn key(&self) -> Result<&(CoreRsaPrivateSigningKey, CoreJsonWebKeySet), ServerError> {
        self.key
            .get_or_try_init(|| async {
                let stored = crate::db::demo_secret(&self.db, KEY_SECRET, || {
                    use rsa::pkcs1::EncodeRsaPrivateKey;
                    let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048)
                        .expect("RSA key generation");
                    let pem = private
                        .to_pkcs1_pem(rsa::pkcs8::LineEnding::LF)
                        .expect("PEM encoding");
                    // The key id first, then the PEM.
                    format!("sandbox-{}\n{}", &random_token()[..8], pem.as_str())
                })
                .await?;
                let (kid, pem) = stored
                    .split_once('\n')
                    .ok_or_else(|| ServerError::Corrupt("sandbox e-ID key".into()))?;
                let key =
                    CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(kid.into())))
                        .map_err(|e| ServerError::Corrupt(format!("sandbox e-ID key: {e}")))?;
                let jwks = CoreJsonWebKeySet::new(vec![key.as_verification_key()]);
                Ok((key, jwks))
            })
            .await
    }

    fn metadata(&self) -> CoreProviderMetadata {
        let url = |p: &str| format!("{}{p}", self.issuer);
        CoreProviderMetadata::new(
            IssuerUrl::new(self.issuer.clone()).expect("issuer URL"),
            AuthUrl::new(url("/authorize")).expect("URL"),
            JsonWebKeySetUrl::new(url("/jwks")).expect("URL"),
            vec![ResponseTypes::new(vec![CoreResponseType::Code])],
            vec![CoreSubjectIdentifierType::Public],
            vec![CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256],
            EmptyAdditionalProviderMetadata {},
        )
        .set_token_endpoint(Some(TokenUrl::new(url("/token")).expect("URL")))
        .set_userinfo_endpoint(Some(UserInfoUrl::new(url("/userinfo")).expect("URL")))
        .set_claims_supported(Some(
            ["sub", "name", "birthdate", "address", PIN_CLAIM]
                .into_iter()
                .map(|c| CoreClaimName::new(c.to_owned()))
                .collect(),
        ))
    }
}

pub fn router(sandbox: Arc<Sandbox>) -> Router {
    Router::new()
        .route(
            &format!("{PATH}/.well-known/openid-configuration"),
            get(discovery),
        )
        .route(&format!("{PATH}/jwks"), get(jwks))
        .route(&format!("{PATH}/authorize"), get(choose_page).post(chosen))
        .route(&format!("{PATH}/token"), axum::routing::post(token))
        .route(&format!("{PATH}/userinfo"), get(userinfo))
        .with_state(sandbox)
}

async fn discovery(State(s): State<Arc<Sandbox>>) -> Json<CoreProviderMetadata> {
    Json(s.metadata())
}

async fn jwks(State(s): State<Arc<Sandbox>>) -> Result<Json<CoreJsonWebKeySet>, ServerError> {
    Ok(Json(s.key().await?.1.clone()))
}

#[derive(Debug, Deserialize)]
struct AuthorizeQuery {
    client_id: Option<String>,
    redirect_uri: Option<String>,
    response_type: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

async fn choose_page(headers: HeaderMap, Query(q): Query<AuthorizeQuery>) -> Response {
    let locale = pages::locale(&headers);
    if q.client_id.as_deref() != Some(CLIENT_ID)
        || q.redirect_uri.is_none()
        || q.response_type.as_deref() != Some("code")
        || q.code_challenge_method
            .as_deref()
            .is_some_and(|m| m != "S256")
    {
        tracing::warn!("sandbox e-ID: malformed authorization request refused");
        return pages::error(locale, StatusCode::BAD_REQUEST, "page-error-bad-request");
    }
    let hidden = [
        ("redirect_uri", q.redirect_uri.as_deref()),
        ("state", q.state.as_deref()),
        ("nonce", q.nonce.as_deref()),
        ("code_challenge", q.code_challenge.as_deref()),
    ];
    let mut body = String::new();
    for (i, r) in RESIDENTS.iter().enumerate() {
        body.push_str(&format!(
            r#"<form method="post"><button type="submit" name="resident" value="{i}" data-testid="sandbox-resident-{i}"><strong>{}</strong><br><small>{} · {}</small></button>"#,
            pages::escape(r.full_name),
            pages::escape(r.personal_id_number),
            pages::escape(r.birth_date),
        ));
        for (name, value) in hidden {
            if let Some(v) = value {
                body.push_str(&format!(
                    r#"<input type="hidden" name="{name}" value="{}">"#,
                    pages::escape(v)
                ));
            }
        }
        body.push_str("</form>");
    }
    Page::new(locale, "sandbox-title")
        .intro("sandbox-intro")
        .raw(&body)
        .into_response()
}

#[derive(Debug, Deserialize)]
struct Chosen {
    resident: usize,
    redirect_uri: String,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
}

async fn chosen(
    State(s): State<Arc<Sandbox>>,
    Form(f): Form<Chosen>,
) -> Result<Response, ServerError> {
    if f.resident >= RESIDENTS.len() {
        return Ok(StatusCode::BAD_REQUEST.into_response());
    }
    let mut url = match url::Url::parse(&f.redirect_uri) {
        Ok(u) => u,
        Err(_) => return Ok(StatusCode::BAD_REQUEST.into_response()),
    };
    let code = random_token();
    sqlx::query("DELETE FROM sandbox_eid_codes WHERE expires_at < $1")
        .bind(now())
        .execute(&s.db)
        .await?;
    sqlx::query(
        "INSERT INTO sandbox_eid_codes (code_hash, resident, redirect_uri, nonce, code_challenge,
             expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(hash(&code))
    .bind(f.resident as i64)
    .bind(&f.redirect_uri)
    .bind(&f.nonce)
    .bind(&f.code_challenge)
    .bind(now() + CODE_TTL)
    .execute(&s.db)
    .await?;
    url.query_pairs_mut().append_pair("code", &code);
    if let Some(state) = &f.state {
        url.query_pairs_mut().append_pair("state", state);
    }
    Ok(Redirect::to(url.as_str()).into_response())
}

#[derive(Debug, Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: String,
    code_verifier: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

fn oauth_error(error: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({ "error": error })),
    )
        .into_response()
}

async fn token(
    State(s): State<Arc<Sandbox>>,
    headers: HeaderMap,
    Form(f): Form<TokenForm>,
) -> Result<Response, ServerError> {
    let basic = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| STANDARD.decode(b).ok())
        .and_then(|b| String::from_utf8(b).ok());
    let (id, secret) = match basic.as_deref().and_then(|b| b.split_once(':')) {
        Some((i, s)) => (urlencoding_decode(i), urlencoding_decode(s)),
        None => (
            f.client_id.clone().unwrap_or_default(),
            f.client_secret.clone().unwrap_or_default(),
        ),
    };
    if id != CLIENT_ID || secret != CLIENT_SECRET {
        return Ok((
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({ "error": "invalid_client" })),
        )
            .into_response());
    }
    if f.grant_type != "authorization_code" {
        return Ok(oauth_error("unsupported_grant_type"));
    }
    // Taken once: a code redeemed twice finds nothing the second time.
    type SandboxGrant = (i64, String, Option<String>, Option<String>, i64);
    let grant: Option<SandboxGrant> = sqlx::query_as(
        "DELETE FROM sandbox_eid_codes WHERE code_hash = $1
         RETURNING resident, redirect_uri, nonce, code_challenge, expires_at",
    )
    .bind(hash(&f.code))
    .fetch_optional(&s.db)
    .await?;
    let Some((resident, redirect_uri, nonce, code_challenge, expires_at)) = grant else {
        return Ok(oauth_error("invalid_grant"));
    };
    let pkce_ok = match (&code_challenge, &f.code_verifier) {
        (None, _) => true,
        (Some(c), Some(v)) => &pkce_challenge(v) == c,
        (Some(_), None) => false,
    };
    let Some(resident) = usize::try_from(resident)
        .ok()
        .filter(|r| *r < RESIDENTS.len())
    else {
        return Err(ServerError::Corrupt("sandbox e-ID code: resident".into()));
    };
    if expires_at < now() || redirect_uri != f.redirect_uri || !pkce_ok {
        return Ok(oauth_error("invalid_grant"));
    }
    let access_token = random_token();
    sqlx::query("DELETE FROM sandbox_eid_access WHERE expires_at < $1")
        .bind(now())
        .execute(&s.db)
        .await?;
    sqlx::query(
        "INSERT INTO sandbox_eid_access (token_hash, resident, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(hash(&access_token))
    .bind(resident as i64)
    .bind(now() + ACCESS_TTL)
    .execute(&s.db)
    .await?;
    let resident = &RESIDENTS[resident];
    let issued = chrono::Utc::now();
    let claims = IdTokenClaims::new(
        IssuerUrl::new(s.issuer.clone()).expect("issuer URL"),
        vec![Audience::new(CLIENT_ID.to_owned())],
        issued + chrono::Duration::minutes(5),
        issued,
        standard_claims(resident),
        ExtraClaims::with(PIN_CLAIM, resident.personal_id_number),
    )
    .set_nonce(nonce.map(Nonce::new));
    let (key, _) = s.key().await?;
    let id_token = match sign_id_token(claims, key) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "sandbox e-ID: signing failed");
            return Ok(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    Ok(Json(serde_json::json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": ACCESS_TTL,
        "id_token": id_token.to_string(),
    }))
    .into_response())
}

/// Signs ID token claims with RS256, as the sandbox does (tests' rogue providers sign with it too).
pub fn sign_id_token(
    claims: IdTokenClaims<ExtraClaims, CoreGenderClaim>,
    key: &CoreRsaPrivateSigningKey,
) -> Result<EidIdToken, openidconnect::JsonWebTokenError> {
    EidIdToken::new(
        claims,
        key,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        None,
        None,
    )
}

fn standard_claims(r: &DemoResident) -> StandardClaims<CoreGenderClaim> {
    StandardClaims::new(SubjectIdentifier::new(r.subject.to_owned()))
        .set_name(Some(EndUserName::new(r.full_name.to_owned()).into()))
        .set_birthdate(Some(EndUserBirthday::new(r.birth_date.to_owned())))
        .set_address(Some(AddressClaim {
            formatted: Some(FormattedAddress::new(r.address.to_owned())),
            ..Default::default()
        }))
}

async fn userinfo(
    State(s): State<Arc<Sandbox>>,
    headers: HeaderMap,
) -> Result<Response, ServerError> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let resident: Option<i64> = sqlx::query_scalar(
        "SELECT resident FROM sandbox_eid_access WHERE token_hash = $1 AND expires_at >= $2",
    )
    .bind(hash(token))
    .bind(now())
    .fetch_optional(&s.db)
    .await?;
    let Some(r) = resident
        .and_then(|r| usize::try_from(r).ok())
        .and_then(|r| RESIDENTS.get(r))
    else {
        return Ok(StatusCode::UNAUTHORIZED.into_response());
    };
    Ok(Json(serde_json::json!({
        "sub": r.subject,
        "name": r.full_name,
        "birthdate": r.birth_date,
        "address": { "formatted": r.address },
        PIN_CLAIM: r.personal_id_number,
    }))
    .into_response())
}

/// RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64.
fn urlencoding_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
