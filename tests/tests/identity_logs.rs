//! No token, code, state or personal number in any log line. Its own test binary: it installs a
//! subscriber that records everything the server logs, at every level the server uses.

use std::io::Write;
use std::sync::{Arc, Mutex};

use citizen_protocol::auth::ME_PATH;
use citizen_tests::sign_in::{refresh, signed_in};
use citizen_tests::TestServer;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn sign_in_logs_no_secret_and_no_personal_number() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_env_filter("debug")
        .with_writer(move || writer.clone())
        .init();

    // Passkeys on, so the sign-in also passes the passkey offer (declined).
    let server = TestServer::start_at_localhost().await;
    let url = server.url();
    let tokens = signed_in(&url, 3).await;
    let (status, rotated) = refresh(&url, &tokens.refresh_token).await;
    assert_eq!(status, 200);
    let _ = refresh(&url, &tokens.refresh_token).await; // reuse: logged as a warning
    let me = reqwest::Client::new()
        .get(format!("{url}{ME_PATH}"))
        .bearer_auth(rotated["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401, "the reuse revoked the family");
    server.server.shutdown().await.unwrap();

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("signed in"),
        "the flow was logged at all:\n{logs}"
    );
    assert!(logs.contains("refresh token reused"), "{logs}");
    assert!(logs.contains("passkey offer declined"), "{logs}");
    for secret in [
        tokens.access_token.as_str(),
        tokens.refresh_token.as_str(),
        rotated["access_token"].as_str().unwrap(),
        rotated["refresh_token"].as_str().unwrap(),
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
