//! Passkeys against a real server: registered after an e-ID sign-in and then used alone, in
//! Debian's Chromium with a CDP virtual authenticator (tests/chromium/passkey.mjs); and the
//! server's refusals of forged, replayed and misplaced WebAuthn answers, in vi and en.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use citizen_tests::sign_in::{
    authorize_url, browser, param, profile_for_code as profile, sandbox_sign_in, Pkce, APP_REDIRECT,
};
use citizen_tests::{workspace_root, TestServer};
use serde_json::{json, Value};

/// Runs tests/chromium/passkey.mjs with `input`; returns what it saw.
async fn chromium(input: Value) -> Value {
    let dir = workspace_root().join("tests/chromium");
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "playwright-core is not installed in {}: run scripts/setup",
        dir.display()
    );
    let output = tokio::process::Command::new("node")
        .arg(dir.join("passkey.mjs"))
        .arg(input.to_string())
        .output()
        .await
        .expect("node runs (Node.js, see scripts/setup)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "passkey.mjs failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| panic!("passkey.mjs printed no result ({e}):\n{stdout}"))
}

#[tokio::test]
async fn a_resident_registers_a_passkey_after_the_eid_and_then_signs_in_with_it_alone() {
    let server = TestServer::start_at_localhost().await;
    let url = server.url();
    assert!(url.starts_with("http://localhost:"), "{url}");
    let (first, second, third) = (Pkce::new("pk1"), Pkce::new("pk2"), Pkce::new("pk3"));
    let seen = chromium(json!({
        "first": authorize_url(&url, &first, "one"),
        "second": authorize_url(&url, &second, "two"),
        "third": authorize_url(&url, &third, "three"),
        "appRedirect": APP_REDIRECT,
        "resident": 2,
    }))
    .await;

    // 1. The e-ID, then the offer (in Vietnamese, the browser's language), then the app.
    assert_eq!(seen["offerTitle"], "Lần sau đăng nhập nhanh hơn?", "{seen}");
    assert_eq!(seen["storedCredentials"], 1, "{seen}");
    assert_eq!(
        seen["residentCredential"], true,
        "a discoverable passkey: {seen}"
    );
    let registered = seen["registered"].as_str().expect("back at the app");
    assert_eq!(param(registered, "state").as_deref(), Some("one"));
    let code = param(registered, "code").expect("a code after registering");
    let by_eid = profile(&url, &code, &first.verifier).await;
    assert_eq!(by_eid.full_name, "Lê Văn Cường");

    // 2. The passkey alone, the same citizen, and the e-ID never asked.
    assert_eq!(seen["eidVisited"], false, "{seen}");
    let signed_in = seen["passkeySignIn"].as_str().expect("back at the app");
    assert_eq!(param(signed_in, "state").as_deref(), Some("two"));
    let code = param(signed_in, "code").expect("a code after the passkey");
    let by_passkey = profile(&url, &code, &second.verifier).await;
    assert_eq!(by_passkey.id, by_eid.id);
    let used: Option<i64> =
        sqlx::query_scalar("SELECT last_used_at FROM passkeys WHERE citizen_id = $1")
            .bind(&by_eid.id)
            .fetch_one(server.server.db())
            .await
            .unwrap();
    assert!(used.is_some(), "the passkey's use is recorded");

    // 3. A passkey the server does not know: a plain message, and the button to try again.
    assert_eq!(
        seen["unknownMessage"],
        "Khóa truy cập này không còn được nhận. Hãy đăng nhập bằng VNeID; sau đó bạn có thể tạo khóa mới.",
        "{seen}"
    );
    assert_eq!(seen["retryEnabled"], true, "{seen}");
    let errors: Vec<&Value> = seen["console"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l.as_str().unwrap_or("").starts_with("error"))
        .collect();
    // The refusal itself is a 400 the browser logs; nothing else may go wrong on the page.
    assert!(errors.len() <= 1, "console errors: {errors:?}");
    // The pages' strict CSP (a hash for the one stylesheet, scripts from the server only) let the
    // real browser run the whole ceremony and style every page: Chromium reports each refusal.
    let refused: Vec<&Value> = seen["console"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l.as_str().unwrap_or("").contains("Content Security Policy"))
        .collect();
    assert!(refused.is_empty(), "CSP refusals: {refused:?}");
    assert_eq!(seen["styledWidth"], "512px", "{seen}");
}

/// The sign-in page of `server` for a fresh request, and that request's id (from the passkey
/// box's data, which only exists when passkeys are on).
async fn sign_in_page(server: &str, accept_language: &str) -> (String, Option<String>) {
    let page = browser()
        .get(authorize_url(server, &Pkce::new("page"), "s"))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let id = html
        .find(r#"data-options="/oauth/passkey/sign-in/"#)
        .map(|at| {
            let start = at + r#"data-options="/oauth/passkey/sign-in/"#.len();
            html[start..start + html[start..].find('/').unwrap()].to_owned()
        });
    (html, id)
}

async fn post_json(url: &str, body: &str, accept_language: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header("accept-language", accept_language)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn passkeys_are_offered_only_where_webauthn_can_work() {
    // Known by IP address: WebAuthn has no domain to bind a passkey to, so no passkey button and
    // the e-ID sign-in goes straight back to the app.
    let by_ip = TestServer::start(true).await;
    let (html, id) = sign_in_page(&by_ip.url(), "vi").await;
    assert!(id.is_none() && !html.contains("sign-in-passkey"), "{html}");
    let pkce = Pkce::new("ip");
    let back = sandbox_sign_in(&browser(), &authorize_url(&by_ip.url(), &pkce, "s"), 0).await;
    assert!(back.starts_with(APP_REDIRECT), "{back}");

    // Known by name: the button, and after the e-ID the offer, which "Not now" passes by.
    let by_name = TestServer::start_at_localhost().await;
    let url = by_name.url();
    let (html, id) = sign_in_page(&url, "en").await;
    assert!(id.is_some(), "{html}");
    assert!(html.contains("Sign in with a passkey"), "{html}");
    let pkce = Pkce::new("name");
    let back = sandbox_sign_in(&browser(), &authorize_url(&url, &pkce, "s"), 0).await;
    assert!(back.starts_with(APP_REDIRECT), "declined the offer: {back}");
    let code = param(&back, "code").expect("code");
    assert_eq!(
        profile(&url, &code, &pkce.verifier).await.full_name,
        "Nguyễn Văn An"
    );
}

#[tokio::test]
async fn forged_replayed_and_misplaced_passkey_answers_are_refused_in_the_residents_language() {
    let server = TestServer::start_at_localhost().await;
    let url = server.url();
    let (_, id) = sign_in_page(&url, "vi").await;
    let id = id.expect("passkeys on");
    let options = format!("{url}/oauth/passkey/sign-in/{id}/options");
    let answer = format!("{url}/oauth/passkey/sign-in/{id}");

    // Well-formed, signed by nobody we know, for a user handle no citizen has.
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let forged = json!({
        "id": b64(&[7; 16]),
        "rawId": b64(&[7; 16]),
        "type": "public-key",
        "response": {
            "authenticatorData": b64(&[0; 37]),
            "clientDataJSON": b64(br#"{"type":"webauthn.get","challenge":"x","origin":"http://localhost"}"#),
            "signature": b64(&[1; 64]),
            "userHandle": b64(&[9; 16]),
        },
        "clientExtensionResults": {},
    })
    .to_string();
    // An answer before any challenge was asked for.
    let (status, body) = post_json(&answer, &forged, "vi").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "sign-in-failed");
    assert_eq!(
        body["message"],
        "Phiên đăng nhập này không còn hiệu lực (có thể trang đã được mở lại hoặc quá lâu)."
    );

    let (status, challenge) = post_json(&options, "", "vi").await;
    assert_eq!(status, 200, "{challenge}");
    let public_key = &challenge["publicKey"];
    assert_eq!(public_key["rpId"], "localhost");
    assert_eq!(public_key["userVerification"], "required");
    assert!(
        public_key["allowCredentials"]
            .as_array()
            .is_none_or(|a| a.is_empty()),
        "discoverable: the page asks for no name, so no credential list: {challenge}"
    );
    assert!(challenge.get("mediation").is_none(), "{challenge}");

    // Not WebAuthn at all: refused, and the challenge stays for a real answer.
    let (status, body) = post_json(&answer, "not json", "vi").await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "Không dùng được khóa truy cập. Hãy thử lại, hoặc đăng nhập bằng VNeID."
    );

    let (status, body) = post_json(&answer, &forged, "en").await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["message"],
        "This passkey is no longer recognised. Sign in with VNeID; you can then create a new one."
    );
    // The challenge was taken by that answer: the same answer again finds nothing to answer.
    let (status, body) = post_json(&answer, &forged, "en").await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "This sign-in is no longer valid (the page may have been reopened, or too much time passed)."
    );

    // Registering needs a sign-in that went through the e-ID first.
    let (status, body) =
        post_json(&format!("{url}/oauth/passkey/offer/{id}/options"), "", "vi").await;
    assert_eq!(status, 400, "{body}");
    let offer = browser()
        .get(format!("{url}/oauth/passkey/offer/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(offer.status(), 400);
    let skip = browser()
        .post(format!("{url}/oauth/passkey/offer/{id}/skip"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        skip.status(),
        400,
        "no code for a sign-in that never happened"
    );
    assert!(skip.headers().get("location").is_none());

    // And the e-ID remains the way in on this very sign-in page.
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM authorization_codes")
        .fetch_one(server.server.db())
        .await
        .unwrap();
    assert_eq!(rows, 0, "no refusal above issued a code");
}
