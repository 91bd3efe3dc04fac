//! What the broker does with a national e-ID that misbehaves: a forged, expired or misaddressed ID
//! token, a clock far off, HTML where JSON belongs. Each sign-in ends back at the app with an
//! error code the app words for the resident (and no code); each refusal is logged, with no
//! token or personal number in the log. Its own test binary: it records what the server logs.

use citizen_server::Server;
use citizen_tests::captured_logs::CapturedLogs;
use citizen_tests::rogue_eid::{self, Fault, RogueEid};
use citizen_tests::server_config;
use citizen_tests::sign_in::{
    authorize_url, browser, param, profile_for_code, to_eid, Pkce, APP_REDIRECT,
};

/// One sign-in through the rogue e-ID: where the browser is finally sent (the app's redirect).
async fn sign_in(server: &str, pkce: &Pkce) -> String {
    let browser = browser();
    let eid = to_eid(&browser, &authorize_url(server, pkce, "st")).await;
    if param(&eid, "error").is_some() {
        return eid; // refused before the e-ID (discovery failed)
    }
    let callback = browser.get(&eid).send().await.unwrap();
    let callback = callback.headers()["location"].to_str().unwrap().to_owned();
    let back = browser.get(&callback).send().await.unwrap();
    back.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn every_misbehaviour_of_the_eid_is_refused_logged_and_explained() {
    let captured = CapturedLogs::install("info");

    let rogue = RogueEid::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = server_config(dir.path());
    config.demo = false;
    config.eid_issuer = Some(rogue.issuer.clone());
    config.eid_client_id = Some(rogue_eid::CLIENT_ID.into());
    config.eid_client_secret = Some(rogue_eid::CLIENT_SECRET.into());
    let server = Server::start(&config).await.expect("server starts");
    let url = server.url();

    // (fault, the app's error code, what the log must say). Discovery first: once it succeeds
    // the broker caches it for an hour.
    let refusals = [
        (Fault::HtmlDiscovery, "eid-unavailable", "discovery"),
        (
            Fault::HtmlTokenResponse,
            "eid-unavailable",
            "token endpoint",
        ),
        (Fault::ForgedSignature, "sign-in-failed", "signature"),
        (Fault::WrongAudience, "sign-in-failed", "audience"),
        (Fault::WrongIssuer, "sign-in-failed", "issuer"),
        (Fault::WrongNonce, "sign-in-failed", "nonce"),
        (Fault::Expired, "sign-in-failed", "expire"),
        (Fault::IssuedInTheFuture, "sign-in-failed", "clock"),
    ];
    for (i, (fault, error_code, logged)) in refusals.into_iter().enumerate() {
        rogue.set_fault(fault);
        let back = sign_in(&url, &Pkce::new(&format!("f{i}"))).await;
        assert!(back.starts_with(APP_REDIRECT), "{fault:?}: {back}");
        assert_eq!(
            param(&back, "error_code").as_deref(),
            Some(error_code),
            "{fault:?}: {back}"
        );
        assert!(param(&back, "code").is_none(), "{fault:?} gave a code");
        assert_eq!(param(&back, "state").as_deref(), Some("st"), "{fault:?}");
        let logs = captured.take();
        let warning = logs
            .lines()
            .find(|l| l.contains("WARN") && l.contains("eid"))
            .unwrap_or_else(|| panic!("{fault:?}: no warning logged:\n{logs}"));
        assert!(
            warning.to_lowercase().contains(logged),
            "{fault:?}: the warning should name {logged:?}: {warning}"
        );
    }

    // A minute of clock drift is not a refusal, and an honest answer signs the resident in.
    for fault in [Fault::ExpiredWithinLeeway, Fault::Honest] {
        rogue.set_fault(fault);
        let pkce = Pkce::new("ok");
        let back = sign_in(&url, &pkce).await;
        let code = param(&back, "code").unwrap_or_else(|| panic!("{fault:?}: {back}"));
        let profile = profile_for_code(&url, &code, &pkce.verifier).await;
        assert_eq!(profile.personal_id_number, rogue_eid::PIN, "{fault:?}");
    }

    let logs = captured.take();
    assert!(logs.contains("signed in"), "{logs}");
    server.shutdown().await.unwrap();
    let logs = logs + &captured.take();
    for secret in [rogue_eid::PIN, rogue_eid::NAME, "eyJ"] {
        assert!(!logs.contains(secret), "{secret} in the logs:\n{logs}");
    }
}
