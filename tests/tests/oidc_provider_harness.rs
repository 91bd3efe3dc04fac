//! The stand-in e-ID provider works on its own: discovery, the dev sign-in, the code exchange with
//! PKCE and client_secret_basic, and the resident's claims.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use citizen_tests::oidc_provider::OidcProvider;
use reqwest::Url;
use serde_json::Value;
use sha2::{Digest, Sha256};

const REDIRECT_URI: &str = "http://127.0.0.1:9/cb";

#[tokio::test]
async fn signs_in_and_delivers_the_residents_claims() {
    let provider = OidcProvider::start(REDIRECT_URI).await;
    let http = reqwest::Client::builder().no_proxy().build().unwrap();

    let discovery: Value = http
        .get(format!(
            "{}/.well-known/openid-configuration",
            provider.issuer
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(discovery["issuer"], provider.issuer.as_str());
    let endpoint = |name: &str| discovery[name].as_str().expect(name).to_string();

    let verifier = "a-pkce-verifier-of-at-least-43-characters-0123456789";
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let authorize = Url::parse_with_params(
        &endpoint("authorization_endpoint"),
        [
            ("response_type", "code"),
            ("client_id", provider.client_id.as_str()),
            ("redirect_uri", REDIRECT_URI),
            ("scope", "openid profile address"),
            ("state", "state-123"),
            ("nonce", "nonce-456"),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ],
    )
    .unwrap();

    let back = provider.sign_in(authorize.as_str(), "tran-thi-binh").await;
    assert!(back.starts_with(REDIRECT_URI), "{back}");
    let back = Url::parse(&back).unwrap();
    let param = |name: &str| {
        back.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("state").as_deref(), Some("state-123"), "{back}");
    let code = param("code").unwrap_or_else(|| panic!("no code in {back}"));

    let token = http
        .post(endpoint("token_endpoint"))
        .basic_auth(&provider.client_id, Some(&provider.client_secret))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT_URI),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        token.status().is_success(),
        "{}",
        token.text().await.unwrap()
    );
    let token: Value = token.json().await.unwrap();
    let id_token = token["id_token"].as_str().expect("an id_token");
    let payload = id_token.split('.').nth(1).expect("a JWT");
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    assert_eq!(claims["sub"], "tran-thi-binh");
    assert_eq!(claims["nonce"], "nonce-456");
    assert_eq!(claims["iss"], provider.issuer.as_str());
    // oidc-provider's default `conformIdTokenClaims`: the scopes' claims come from userinfo.
    assert!(claims.get("personal_id_number").is_none(), "{claims}");

    let userinfo: Value = http
        .get(endpoint("userinfo_endpoint"))
        .bearer_auth(token["access_token"].as_str().expect("an access_token"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(userinfo["sub"], "tran-thi-binh");
    let id_number = userinfo["personal_id_number"].as_str().unwrap_or_default();
    assert!(
        id_number.len() == 12 && id_number.bytes().all(|b| b.is_ascii_digit()),
        "{userinfo}"
    );
    assert_eq!(userinfo["name"], "Trần Thị Bình");
    assert_eq!(userinfo["birthdate"], "1990-05-17");
    assert_eq!(
        userinfo["address"]["formatted"],
        "12 Lê Lợi, phường Thuận Hóa, thành phố Huế"
    );
}
