//! The whole sign-in with `oidc-provider` (npm, OpenID Certified) as the national e-ID: the
//! server's relying-party code against an implementation it was not written with.

use citizen_server::Server;
use citizen_tests::oidc_provider::OidcProvider;
use citizen_tests::sign_in::{
    authorize_url, browser, param, profile_for_code, to_eid, Pkce, APP_REDIRECT,
};
use citizen_tests::{free_port, server_config};

#[tokio::test]
async fn sign_in_through_an_independent_openid_provider() {
    citizen_tests::init_logging();
    let port = free_port();
    let public = format!("http://127.0.0.1:{port}");
    let provider = OidcProvider::start(&format!("{public}/oauth/eid/callback")).await;

    let dir = tempfile::tempdir().unwrap();
    let mut config = server_config(dir.path());
    // Production-like: no demo, no sandbox; the e-ID is configuration.
    config.demo = false;
    config.listen = ([127, 0, 0, 1], port).into();
    config.eid_issuer = Some(provider.issuer.clone());
    config.eid_client_id = Some(provider.client_id.clone());
    config.eid_client_secret = Some(provider.client_secret.clone());
    let server = Server::start(&config).await.expect("server starts");
    let url = server.url();
    assert_eq!(url, public);
    assert_eq!(
        reqwest::get(format!(
            "{url}/sandbox/eid/.well-known/openid-configuration"
        ))
        .await
        .unwrap()
        .status(),
        404,
        "no sandbox outside demo mode"
    );

    let pkce = Pkce::new("interop");
    let browser = browser();
    let eid_url = to_eid(&browser, &authorize_url(&url, &pkce, "st")).await;
    assert!(eid_url.starts_with(&provider.issuer), "{eid_url}");

    let callback = provider.sign_in(&eid_url, "046190001234").await;
    assert!(
        callback.starts_with(&format!("{url}/oauth/eid/callback")),
        "{callback}"
    );
    let back = browser.get(&callback).send().await.unwrap();
    let back = back.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(APP_REDIRECT), "{back}");
    let code = param(&back, "code").unwrap_or_else(|| panic!("no code: {back}"));
    assert_eq!(param(&back, "state").as_deref(), Some("st"));

    let profile = profile_for_code(&url, &code, &pkce.verifier).await;
    assert_eq!(profile.personal_id_number, "046190001234");
    assert_eq!(profile.full_name, "Trần Thị Bình");
    assert_eq!(profile.birth_date.as_deref(), Some("1990-05-17"));
    assert!(profile.address.unwrap().contains("Huế"));
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_provider_that_is_down_sends_the_resident_back_with_a_clear_error() {
    citizen_tests::init_logging();
    let dir = tempfile::tempdir().unwrap();
    let mut config = server_config(dir.path());
    config.demo = false;
    // Nothing listens on port 9 (discard), so discovery fails.
    config.eid_issuer = Some("http://127.0.0.1:9".into());
    config.eid_client_id = Some("x".into());
    config.eid_client_secret = Some("y".into());
    let server = Server::start(&config).await.unwrap();
    let url = server.url();
    let back = to_eid(&browser(), &authorize_url(&url, &Pkce::new("down"), "st")).await;
    assert!(back.starts_with(APP_REDIRECT), "{back}");
    assert_eq!(
        param(&back, "error_code").as_deref(),
        Some("eid-unavailable")
    );
    assert_eq!(param(&back, "state").as_deref(), Some("st"));
    server.shutdown().await.unwrap();
}
