//! A ROGUE OpenID provider for the refusal tests: a real code-flow provider on loopback
//! (discovery, JWKS, RS256 ID tokens) that answers with whatever `Fault` the test sets — a forged
//! signature, someone else's audience, an expired token, a clock far off, HTML instead of JSON.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::{Form, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use citizen_server::identity::sandbox;
use citizen_server::identity::upstream::ExtraClaims;
use openidconnect::core::{CoreJsonWebKeySet, CoreRsaPrivateSigningKey};
use openidconnect::{
    Audience, EndUserName, IdTokenClaims, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey,
    StandardClaims, SubjectIdentifier,
};
use serde::Deserialize;

pub const CLIENT_ID: &str = "rogue-client";
pub const CLIENT_SECRET: &str = "rogue-secret";
/// The resident every honest answer describes.
pub const PIN: &str = "046088000777";
pub const NAME: &str = "Hoàng Văn Em";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Honest,
    /// Signed with a key that is not in the JWKS, under the published key's id.
    ForgedSignature,
    WrongAudience,
    WrongIssuer,
    WrongNonce,
    /// Expired ten minutes ago.
    Expired,
    /// Expired 20 s ago: within the broker's clock leeway.
    ExpiredWithinLeeway,
    /// Issued ten minutes in the future: the provider's clock (or ours) is far off.
    IssuedInTheFuture,
    /// The token endpoint answers 200 with an HTML maintenance page.
    HtmlTokenResponse,
    /// Discovery answers 200 with an HTML page.
    HtmlDiscovery,
}

struct Keys {
    published: CoreRsaPrivateSigningKey,
    forger: CoreRsaPrivateSigningKey,
    jwks: CoreJsonWebKeySet,
}

/// Two RSA keys, made once per test binary: generation is slow in a debug build.
fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let key = || {
            use rsa::pkcs1::EncodeRsaPrivateKey;
            let private = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
            let pem = private.to_pkcs1_pem(rsa::pkcs8::LineEnding::LF).unwrap();
            CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new("rogue-1".into())))
                .unwrap()
        };
        let published = key();
        let jwks = CoreJsonWebKeySet::new(vec![published.as_verification_key()]);
        Keys {
            published,
            forger: key(),
            jwks,
        }
    })
}

struct Inner {
    issuer: String,
    fault: Mutex<Fault>,
    nonces: Mutex<HashMap<String, String>>,
    codes_issued: AtomicUsize,
}

pub struct RogueEid {
    pub issuer: String,
    inner: Arc<Inner>,
}

impl RogueEid {
    pub async fn start() -> RogueEid {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let inner = Arc::new(Inner {
            issuer: issuer.clone(),
            fault: Mutex::new(Fault::Honest),
            nonces: Mutex::new(HashMap::new()),
            codes_issued: AtomicUsize::new(0),
        });
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(|| async { Json(keys().jwks.clone()) }))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .with_state(inner.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        RogueEid { issuer, inner }
    }

    pub fn set_fault(&self, fault: Fault) {
        *self.inner.fault.lock().unwrap() = fault;
    }
}

async fn discovery(State(s): State<Arc<Inner>>) -> Response {
    if *s.fault.lock().unwrap() == Fault::HtmlDiscovery {
        return Html("<!doctype html><title>Bảo trì</title><h1>Hệ thống đang bảo trì</h1>")
            .into_response();
    }
    let i = &s.issuer;
    Json(serde_json::json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "jwks_uri": format!("{i}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
    .into_response()
}

#[derive(Deserialize)]
struct AuthorizeQuery {
    redirect_uri: String,
    state: String,
    nonce: String,
}

/// No login page: the resident is always "signed in" at once.
async fn authorize(State(s): State<Arc<Inner>>, Query(q): Query<AuthorizeQuery>) -> Redirect {
    let code = format!("code-{}", s.codes_issued.fetch_add(1, Ordering::SeqCst));
    s.nonces.lock().unwrap().insert(code.clone(), q.nonce);
    let mut back = url::Url::parse(&q.redirect_uri).unwrap();
    back.query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &q.state);
    Redirect::to(back.as_str())
}

#[derive(Deserialize)]
struct TokenForm {
    code: String,
}

async fn token(State(s): State<Arc<Inner>>, Form(f): Form<TokenForm>) -> Response {
    let fault = *s.fault.lock().unwrap();
    if fault == Fault::HtmlTokenResponse {
        return Html("<!doctype html><title>502</title><h1>Bad gateway</h1>").into_response();
    }
    let nonce = s.nonces.lock().unwrap().remove(&f.code).unwrap_or_default();
    let now = chrono::Utc::now();
    let minutes = chrono::Duration::minutes;
    let (issued, expires) = match fault {
        Fault::Expired => (now - minutes(15), now - minutes(10)),
        Fault::ExpiredWithinLeeway => (now - minutes(5), now - chrono::Duration::seconds(20)),
        Fault::IssuedInTheFuture => (now + minutes(10), now + minutes(15)),
        _ => (now, now + minutes(5)),
    };
    let issuer = match fault {
        Fault::WrongIssuer => "https://not-the-eid.example".to_owned(),
        _ => s.issuer.clone(),
    };
    let audience = match fault {
        Fault::WrongAudience => "some-other-relying-party",
        _ => CLIENT_ID,
    };
    let nonce = match fault {
        Fault::WrongNonce => "a-nonce-from-another-sign-in".to_owned(),
        _ => nonce,
    };
    let claims = IdTokenClaims::new(
        IssuerUrl::new(issuer).unwrap(),
        vec![Audience::new(audience.to_owned())],
        expires,
        issued,
        StandardClaims::new(SubjectIdentifier::new("rogue-em".into()))
            .set_name(Some(EndUserName::new(NAME.into()).into())),
        ExtraClaims::with("personal_id_number", PIN),
    )
    .set_nonce(Some(Nonce::new(nonce)));
    let key = match fault {
        Fault::ForgedSignature => &keys().forger,
        _ => &keys().published,
    };
    let id_token = sandbox::sign_id_token(claims, key).unwrap();
    Json(serde_json::json!({
        "access_token": "rogue-access",
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}
