//! Sign-in against a real server on loopback: the whole OAuth + PKCE flow through the sandbox
//! e-ID, refresh rotation with its reuse grace and reuse detection, revocation, and who may read
//! what.

use citizen_protocol::auth::{
    AuthServerMetadata, CitizenProfile, APP_CLIENT_ID, CITIZENS_PATH, METADATA_PATH, ME_PATH,
    REVOKE_PATH, SIGN_OUT_EVERYWHERE_PATH,
};
use citizen_tests::sign_in::{
    authorize_url, browser, exchange, param, refresh, sandbox_sign_in, signed_in, Pkce,
    APP_REDIRECT,
};
use citizen_tests::TestServer;

async fn me(server: &str, access: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{server}{ME_PATH}"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_resident_signs_in_with_the_sandbox_eid_and_sees_their_profile() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let pkce = Pkce::new("a");
    let back = sandbox_sign_in(&browser(), &authorize_url(&url, &pkce, "xyz"), 1).await;
    assert!(back.starts_with(APP_REDIRECT), "{back}");
    assert_eq!(param(&back, "state").as_deref(), Some("xyz"));
    let code = param(&back, "code").expect("code");

    let (status, body) = exchange(&url, &code, &pkce.verifier).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    let access = body["access_token"].as_str().unwrap();

    let profile: CitizenProfile = me(&url, access).await.json().await.unwrap();
    assert_eq!(profile.full_name, "Trần Thị Bình");
    assert_eq!(profile.personal_id_number, "046192000002");
    assert_eq!(profile.birth_date.as_deref(), Some("1992-03-08"));
    assert!(profile.address.unwrap().contains("Huế"));

    // Signing in again (a new device) finds the same citizen.
    let again = signed_in(&url, 1).await;
    let second: CitizenProfile = me(&url, &again.access_token).await.json().await.unwrap();
    assert_eq!(second.id, profile.id);
}

/// A morning's first minute: many phones finish signing in at once. Every token exchange is a
/// writer that waits its turn; none is refused with "database is locked" (the load generator's
/// first run at 200 phones saw 96 of 200 sign-ins fail so on SQLite).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_residents_signing_in_at_once_all_get_tokens() {
    citizen_tests::init_logging();
    let dir = tempfile::tempdir().unwrap();
    let mut config = citizen_tests::server_config(dir.path());
    config.demo = true;
    // Nothing shed (the sign-in lane's queue waits as long as it takes): what is tested is that
    // each waits its turn at the database, not the lane's bound.
    config.shedding.max_queue_wait_ms = 120_000;
    let server = citizen_server::Server::start(&config).await.unwrap();
    let url = server.url();
    let sign_ins = (0..40).map(|i| {
        let url = url.clone();
        tokio::spawn(async move { signed_in(&url, i % 4).await })
    });
    let tokens = futures::future::join_all(sign_ins).await;
    let issued = tokens.into_iter().filter(Result::is_ok).count();
    assert_eq!(issued, 40, "every sign-in got its tokens");
}

#[tokio::test]
async fn the_server_publishes_rfc8414_metadata_requiring_s256() {
    let server = TestServer::start(true).await;
    let m: AuthServerMetadata = reqwest::get(format!("{}{METADATA_PATH}", server.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(m.issuer, server.url());
    assert_eq!(m.code_challenge_methods_supported, vec!["S256".to_owned()]);
    assert!(m.token_endpoint.ends_with("/oauth/token"));
    assert!(m
        .grant_types_supported
        .contains(&"refresh_token".to_owned()));
}

/// A refresh answered 200, and its new refresh and access tokens.
async fn rotate(server: &str, refresh_token: &str) -> (String, String) {
    let (status, body) = refresh(server, refresh_token).await;
    assert_eq!(status, 200, "{body}");
    let token = |name: &str| body[name].as_str().unwrap().to_owned();
    (token("refresh_token"), token("access_token"))
}

async fn refused(server: &str, refresh_token: &str) {
    let (status, body) = refresh(server, refresh_token).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(body["error_code"], "not-signed-in");
}

/// How many of a family's refresh tokens would still be taken: issued, not spent, not withdrawn.
async fn live_refresh_tokens(server: &citizen_server::Server) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM refresh_tokens r JOIN token_families f ON f.id = r.family_id
         WHERE f.revoked_at IS NULL AND r.used_at IS NULL AND r.withdrawn_at IS NULL",
    )
    .fetch_one(server.db())
    .await
    .unwrap()
}

#[tokio::test]
async fn a_refresh_token_replayed_in_its_grace_replaces_its_unused_successor() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let first = signed_in(&url, 0).await;
    let (second, second_access) = rotate(&url, &first.refresh_token).await;
    assert_ne!(second, first.refresh_token);

    // The app stopped before it stored `second` and presents `first` again; `second` was never
    // used. Answered with new tokens, and `second` is withdrawn: one live refresh token.
    let (third, _) = rotate(&url, &first.refresh_token).await;
    assert_eq!(live_refresh_tokens(&server.server).await, 1);
    // Stopped once more at the same point: the same again.
    let (fourth, fourth_access) = rotate(&url, &first.refresh_token).await;
    assert!(third != second && fourth != third && fourth != second);
    assert_eq!(live_refresh_tokens(&server.server).await, 1);
    assert_eq!(me(&url, &fourth_access).await.status(), 200);
    let (fifth, fifth_access) = rotate(&url, &fourth).await;

    // A withdrawn token presented afterwards was not in the device's hands: reuse, and
    // everything of that sign-in dies.
    refused(&url, &second).await;
    refused(&url, &fifth).await;
    assert_eq!(me(&url, &fifth_access).await.status(), 401);
    assert_eq!(me(&url, &second_access).await.status(), 401);
}

#[tokio::test]
async fn a_reused_refresh_token_whose_successor_was_used_revokes_the_whole_family() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let first = signed_in(&url, 0).await;
    let (second, second_access) = rotate(&url, &first.refresh_token).await;
    assert_eq!(me(&url, &second_access).await.status(), 200);
    let (third, third_access) = rotate(&url, &second).await;

    // The old token again, though its successor was used: someone copied it. Refused, and
    // everything of that sign-in dies, within the grace or not.
    refused(&url, &first.refresh_token).await;
    refused(&url, &third).await;
    assert_eq!(me(&url, &third_access).await.status(), 401);
    assert_eq!(me(&url, &first.access_token).await.status(), 401);
    assert_eq!(live_refresh_tokens(&server.server).await, 0);
}

#[tokio::test]
async fn a_refresh_token_replayed_after_its_grace_revokes_the_whole_family() {
    citizen_tests::init_logging();
    let dir = tempfile::tempdir().unwrap();
    let mut config = citizen_tests::server_config(dir.path());
    config.refresh_reuse_grace = 1;
    let server = citizen_server::Server::start(&config).await.unwrap();
    let url = server.url();
    let first = signed_in(&url, 0).await;
    let (second, second_access) = rotate(&url, &first.refresh_token).await;

    // The successor is unused, but the grace has passed.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    refused(&url, &first.refresh_token).await;
    refused(&url, &second).await;
    assert_eq!(me(&url, &second_access).await.status(), 401);
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn two_refreshes_with_one_token_at_once_leave_one_live_token() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let first = signed_in(&url, 0).await;
    let (a, b) = tokio::join!(
        refresh(&url, &first.refresh_token),
        refresh(&url, &first.refresh_token)
    );
    // The token endpoint takes them in turn: the first rotates, the second finds a replay in
    // its grace and replaces the first's unused answer.
    assert_eq!((a.0, b.0), (200, 200), "{} {}", a.1, b.1);
    assert_eq!(live_refresh_tokens(&server.server).await, 1);
}

#[tokio::test]
async fn one_citizen_cannot_read_another_citizens_data() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let an = signed_in(&url, 0).await;
    let binh = signed_in(&url, 1).await;
    let an_profile: CitizenProfile = me(&url, &an.access_token).await.json().await.unwrap();
    let binh_profile: CitizenProfile = me(&url, &binh.access_token).await.json().await.unwrap();
    assert_ne!(an_profile.id, binh_profile.id);

    let get = |id: &str, token: &str| {
        reqwest::Client::new()
            .get(format!("{url}{CITIZENS_PATH}/{id}"))
            .bearer_auth(token.to_owned())
            .send()
    };
    assert_eq!(
        get(&an_profile.id, &an.access_token)
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        get(&binh_profile.id, &an.access_token)
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        get(&an_profile.id, &binh.access_token)
            .await
            .unwrap()
            .status(),
        404
    );
    let anonymous = reqwest::get(format!("{url}{CITIZENS_PATH}/{}", an_profile.id))
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert!(anonymous.headers().contains_key("www-authenticate"));
}

#[tokio::test]
async fn sign_out_revokes_one_session_and_sign_out_everywhere_revokes_all() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let laptop = signed_in(&url, 2).await;
    let phone = signed_in(&url, 2).await;
    let tablet = signed_in(&url, 2).await;

    let revoked = reqwest::Client::new()
        .post(format!("{url}{REVOKE_PATH}"))
        .form(&[
            ("token", laptop.refresh_token.as_str()),
            ("client_id", APP_CLIENT_ID),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), 200);
    assert_eq!(me(&url, &laptop.access_token).await.status(), 401);
    assert_eq!(me(&url, &phone.access_token).await.status(), 200);

    let everywhere = reqwest::Client::new()
        .post(format!("{url}{SIGN_OUT_EVERYWHERE_PATH}"))
        .bearer_auth(&phone.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(everywhere.status(), 204);
    assert_eq!(me(&url, &phone.access_token).await.status(), 401);
    assert_eq!(me(&url, &tablet.access_token).await.status(), 401);
    assert_eq!(refresh(&url, &tablet.refresh_token).await.0, 400);
}

#[tokio::test]
async fn bad_pkce_replayed_codes_and_wrong_state_are_refused() {
    let server = TestServer::start(true).await;
    let url = server.url();

    // No challenge: back to the app with an error, never to the e-ID.
    let plain = format!(
        "{url}/oauth/authorize?response_type=code&client_id={APP_CLIENT_ID}&redirect_uri={APP_REDIRECT}&state=s"
    );
    let r = browser().get(&plain).send().await.unwrap();
    let loc = r.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(param(&loc, "error").as_deref(), Some("invalid_request"));
    assert_eq!(param(&loc, "state").as_deref(), Some("s"));

    // A redirect URI that is not loopback: refused on a page, not redirected anywhere.
    let evil = authorize_url(&url, &Pkce::new("e"), "s").replace("127.0.0.1%3A9", "evil.example");
    let r = browser().get(&evil).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("charset=\"utf-8\""));

    // Wrong verifier, then the right one after the code was spent.
    let pkce = Pkce::new("p");
    let back = sandbox_sign_in(&browser(), &authorize_url(&url, &pkce, "s"), 0).await;
    let code = param(&back, "code").unwrap();
    let (status, body) = exchange(&url, &code, &Pkce::new("other").verifier).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(
        exchange(&url, &code, &pkce.verifier).await.0,
        400,
        "a code is spent by any attempt"
    );

    // A code exchanged once and replayed: refused, and the tokens it gave are revoked.
    let pkce = Pkce::new("q");
    let back = sandbox_sign_in(&browser(), &authorize_url(&url, &pkce, "s"), 0).await;
    let code = param(&back, "code").unwrap();
    let (status, tokens) = exchange(&url, &code, &pkce.verifier).await;
    assert_eq!(status, 200);
    assert_eq!(exchange(&url, &code, &pkce.verifier).await.0, 400);
    assert_eq!(
        me(&url, tokens["access_token"].as_str().unwrap())
            .await
            .status(),
        401
    );

    // An e-ID answer with a state we never issued.
    let r = browser()
        .get(format!("{url}/oauth/eid/callback?code=x&state=forged"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("no longer valid"));
}

#[tokio::test]
async fn repeated_bad_grants_lock_the_caller_out_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = citizen_tests::server_config(dir.path());
    config.lockout_after_failures = 3;
    let server = citizen_server::Server::start(&config).await.unwrap();
    let url = server.url();
    for _ in 0..3 {
        assert_eq!(refresh(&url, "guessed-token").await.0, 400);
    }
    let (status, body) = refresh(&url, "guessed-token").await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error_code"], "too-many-attempts");
    // Even a valid grant waits out the lockout: the caller cannot tell guesses from luck.
    let (status, _) = exchange(&url, "any", &Pkce::new("x").verifier).await;
    assert_eq!(status, 429);
    server.shutdown().await.unwrap();
}

/// The server's own pages (here the sign-in page a resident's browser opens) cannot be framed by
/// another site, run only the server's own script and stylesheet, and send no referrer: they take
/// codes in their URLs and show a kiosk's consent.
#[tokio::test]
async fn the_servers_pages_refuse_framing_foreign_scripts_and_referrers() {
    let server = TestServer::start(true).await;
    let page = browser()
        .get(authorize_url(&server.url(), &Pkce::new("h"), "s"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let header = |name: &str| {
        page.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(header("content-type").starts_with("text/html"));
    let csp = header("content-security-policy");
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'sha256-",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp:?}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header("x-frame-options"), "DENY");
    assert_eq!(header("referrer-policy"), "no-referrer");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("cache-control"), "no-store");
}
