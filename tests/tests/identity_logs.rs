//! No token, code, state or personal number in any log line. Its own test binary: it installs a
//! subscriber that records everything the server logs, at every level the server uses.

use citizen_protocol::auth::ME_PATH;
use citizen_tests::captured_logs::CapturedLogs;
use citizen_tests::sign_in::{refresh, signed_in};
use citizen_tests::TestServer;

#[tokio::test]
async fn sign_in_logs_no_secret_and_no_personal_number() {
    let captured = CapturedLogs::install("debug");

    // Passkeys on, so the sign-in also passes the passkey offer (declined).
    let server = TestServer::start_at_localhost().await;
    let url = server.url();
    let tokens = signed_in(&url, 3).await;
    let (status, rotated) = refresh(&url, &tokens.refresh_token).await;
    assert_eq!(status, 200);
    // Replayed in its grace, the successor unused: logged as such, answered.
    let (status, replayed) = refresh(&url, &tokens.refresh_token).await;
    assert_eq!(status, 200);
    // The withdrawn successor: reuse, logged as a warning.
    let _ = refresh(&url, rotated["refresh_token"].as_str().unwrap()).await;
    let me = reqwest::Client::new()
        .get(format!("{url}{ME_PATH}"))
        .bearer_auth(replayed["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401, "the reuse revoked the family");
    server.server.shutdown().await.unwrap();

    let logs = captured.take();
    assert!(
        logs.contains("signed in"),
        "the flow was logged at all:\n{logs}"
    );
    assert!(logs.contains("replayed in its grace"), "{logs}");
    assert!(logs.contains("refresh token reused"), "{logs}");
    assert!(logs.contains("passkey offer declined"), "{logs}");
    for secret in [
        tokens.access_token.as_str(),
        tokens.refresh_token.as_str(),
        rotated["access_token"].as_str().unwrap(),
        rotated["refresh_token"].as_str().unwrap(),
        replayed["access_token"].as_str().unwrap(),
        replayed["refresh_token"].as_str().unwrap(),
        "046301000004",  // the resident's personal identification number
        "Phạm Thị Dung", // and name
    ] {
        assert!(
            !logs.contains(secret),
            "{secret} appears in the logs:\n{logs}"
        );
    }
    assert!(
        !logs.contains("code="),
        "a query string reached the logs:\n{logs}"
    );
}
