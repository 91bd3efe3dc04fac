//! Kiosk QR hand-off (RFC 8628) and helpers' assisted sessions (RFC 8693), against a real server:
//! the real core on a kiosk or a helper's laptop, and the resident's "phone" a browser that signs
//! in at the sandbox e-ID through the server's own pages and approves or denies.

use std::time::Duration;

use citizen_core::CoreError;
use citizen_protocol::assist::{AuditAction, AuditEntry, AuditOutcome};
use citizen_protocol::auth::DeviceAuthorization;
use citizen_protocol::auth::{
    Introspection, APP_CLIENT_ID, DEVICE_AUTHORIZATION_PATH, DEVICE_CODE_GRANT, INTROSPECT_PATH,
    KIOSK_SCOPE, SIGN_OUT_EVERYWHERE_PATH, TOKEN_PATH,
};
use citizen_server::Server;
use citizen_tests::browsers::SandboxBrowser;
use citizen_tests::dossiers::{photo, procedure_named};
use citizen_tests::hand_off::answer_on_phone;
use citizen_tests::payments::{extract_values, FEE_PROCEDURE};
use citizen_tests::{at_rest, files_holding, open_core, server_config, TestServer};
use serde_json::Value;

const AN: usize = 0;
const BINH: usize = 1;
/// The demo's community helper (`sandbox::DEMO_HELPER`).
const DUNG: usize = 3;

fn link_of(code: &str, server: &str) -> String {
    format!("{server}/device?user_code={code}")
}

async fn device_authorization(server: &str) -> DeviceAuthorization {
    let response = reqwest::Client::new()
        .post(format!("{server}{DEVICE_AUTHORIZATION_PATH}"))
        .form(&[("client_id", APP_CLIENT_ID), ("scope", KIOSK_SCOPE)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn poll(server: &str, device_code: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{server}{TOKEN_PATH}"))
        .form(&[
            ("grant_type", DEVICE_CODE_GRANT),
            ("client_id", APP_CLIENT_ID),
            ("device_code", device_code),
        ])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn a_kiosk_is_signed_in_by_the_residents_phone_with_a_narrow_short_session() {
    let server = TestServer::start(true).await;
    let kiosk_dir = tempfile::tempdir().unwrap();
    let kiosk = open_core(kiosk_dir.path(), &server.url()).await;
    kiosk.sync().await.unwrap();

    let shown = kiosk.kiosk_hand_off().await.unwrap();
    assert_eq!(shown.user_code.len(), 9, "BCDF-GHJK: {}", shown.user_code);
    assert!(shown.qr_svg.starts_with("<?xml") || shown.qr_svg.contains("<svg"));
    let link = link_of(&shown.user_code, &server.url());
    let (waited, answer) = tokio::join!(
        kiosk.wait_kiosk_hand_off(),
        answer_on_phone(&link, BINH, true)
    );
    assert_eq!(answer.status, 200, "{}", answer.html);
    let session = waited.unwrap().session.expect("signed in on the kiosk");
    assert_eq!(session.citizen.full_name, "Trần Thị Bình");
    assert!(session.limited);
    let left = time::OffsetDateTime::parse(
        &session.expires_at,
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap()
        - time::OffsetDateTime::now_utc();
    assert!(
        left <= time::Duration::minutes(15) && left > time::Duration::minutes(14),
        "a kiosk session lives 15 minutes at most, refreshes included: {left}"
    );

    // It reaches the resident's dossiers: one submitted from the kiosk arrives.
    let procedure = procedure_named(&server.url(), FEE_PROCEDURE).await;
    let draft = kiosk.start_dossier(&procedure.id).await.unwrap();
    let mut values = extract_values();
    values.extend(draft.values);
    kiosk.submit(&procedure.id, values).await.unwrap();
    kiosk.deliver_outbox().await.unwrap();
    kiosk.sync_dossiers().await.unwrap();
    assert_eq!(kiosk.dossiers().await.unwrap().len(), 1);

    // Not the account: "sign out everywhere" is not a kiosk's to do.
    let refused = kiosk.sign_out_everywhere().await.unwrap_err();
    assert!(
        matches!(
            &refused,
            CoreError::Server { status: 403, .. } | CoreError::OutOfScope
        ),
        "{refused:?}"
    );

    // The code was used: the phone's link now says so.
    let again = answer_on_phone(&link, BINH, true).await;
    assert_eq!(again.status, 400);
    assert!(
        again.html.contains("hết hạn hoặc đã được dùng"),
        "{}",
        again.html
    );

    kiosk.sign_out().await.unwrap();
    kiosk.close().await;
    assert!(files_holding(kiosk_dir.path(), "Trần Thị Bình").is_empty());
    assert!(files_holding(kiosk_dir.path(), "046192000002").is_empty());
}

#[tokio::test]
async fn polling_follows_rfc_8628_pending_slow_down_denial_and_expiry() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = server_config(dir.path());
    config.hand_off_interval = 2;
    config.hand_off_valid_for = 4;
    let server = Server::start(&config).await.unwrap();
    let url = server.url();

    // Pending, then too soon: slow_down, and the interval grows by 5 s for good.
    let device = device_authorization(&url).await;
    assert_eq!(device.interval, 2);
    let (status, body) = poll(&url, &device.device_code).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("authorization_pending"))
    );
    let (_, body) = poll(&url, &device.device_code).await;
    assert_eq!(body["error"], "slow_down");
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let (_, body) = poll(&url, &device.device_code).await;
    assert_eq!(
        body["error"], "slow_down",
        "2.5 s is no longer enough once the interval grew to 7 s"
    );

    // Denied on the phone: access_denied.
    let denied = device_authorization(&url).await;
    let answer = answer_on_phone(&denied.verification_uri_complete, AN, false).await;
    assert_eq!(answer.status, 200);
    let (_, body) = poll(&url, &denied.device_code).await;
    assert_eq!(body["error"], "access_denied");
    assert_eq!(body["error_code"], "hand-off-denied");

    // Left too long: expired_token, and the phone is told the code is over.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (_, body) = poll(&url, &device.device_code).await;
    assert_eq!(body["error"], "expired_token");
    let late = answer_on_phone(&device.verification_uri_complete, AN, true).await;
    assert_eq!(late.status, 400);

    // A code nobody issued.
    let unknown = answer_on_phone(&link_of("BBBB-BBBB", &url), AN, true).await;
    assert_eq!(unknown.status, 400);
    let (_, body) = poll(&url, "not-a-device-code").await;
    assert_eq!(body["error"], "invalid_grant");
}

/// Sends `request` and reads its JSON answer.
async fn json_of<T: serde::de::DeserializeOwned>(request: reqwest::RequestBuilder) -> T {
    request.send().await.unwrap().json().await.unwrap()
}

async fn audit_of(server: &str, resident: usize) -> Vec<AuditEntry> {
    let tokens = citizen_tests::sign_in::signed_in(server, resident).await;
    json_of(
        reqwest::Client::new()
            .get(format!(
                "{server}{}",
                citizen_protocol::assist::AUDIT_LOG_PATH
            ))
            .bearer_auth(&tokens.access_token),
    )
    .await
}

#[tokio::test]
async fn a_helper_acts_for_a_resident_who_consents_and_sees_it_all_in_their_log() {
    let server = TestServer::start(true).await;
    let url = server.url();
    // The resident has used the service before (her phone).
    let an = citizen_tests::sign_in::signed_in(&url, AN).await;

    let laptop = tempfile::tempdir().unwrap();
    let helper = open_core(laptop.path(), &url).await;
    helper.sync().await.unwrap();
    helper
        .sign_in(&SandboxBrowser::as_resident(DUNG))
        .await
        .unwrap();

    let shown = helper.assist_start().await.unwrap();
    let link = link_of(&shown.user_code, &url);
    let (status, answer) = tokio::join!(helper.assist_wait(), answer_on_phone(&link, AN, true));
    assert_eq!(answer.status, 200, "{}", answer.html);
    let session = status.unwrap().session.expect("acting for the resident");
    assert_eq!(session.citizen.full_name, "Nguyễn Văn An");
    assert_eq!(
        session.helper.as_ref().map(|h| h.full_name.as_str()),
        Some("Phạm Thị Dung")
    );
    assert!(session.limited);

    // The helper submits a dossier in her name.
    let procedure = procedure_named(&url, FEE_PROCEDURE).await;
    let draft = helper.start_dossier(&procedure.id).await.unwrap();
    let mut values = extract_values();
    values.extend(draft.values);
    helper.submit(&procedure.id, values).await.unwrap();
    helper.deliver_outbox().await.unwrap();

    // Ended: the resident's data leaves the laptop and the helper is herself again.
    let back = helper.assist_end().await.unwrap();
    assert_eq!(
        back.session
            .expect("the helper's own session")
            .citizen
            .full_name,
        "Phạm Thị Dung"
    );
    assert!(files_holding(laptop.path(), "Nguyễn Văn An").is_empty());
    assert!(files_holding(laptop.path(), "046085000001").is_empty());
    let sessions = helper.helper_sessions().await.unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].consent.as_deref(), Some("phone"));
    assert!(sessions[0].ended_at.is_some());
    assert!(sessions[0].actions >= 2, "{sessions:?}");

    let log = audit_of(&url, AN).await;
    let seen: Vec<(AuditAction, AuditOutcome)> =
        log.iter().rev().map(|e| (e.action, e.outcome)).collect();
    assert_eq!(
        seen.first(),
        Some(&(AuditAction::SessionStarted, AuditOutcome::Done))
    );
    assert!(
        seen.contains(&(AuditAction::DossierSubmitted, AuditOutcome::Done)),
        "{seen:?}"
    );
    assert_eq!(
        seen.last(),
        Some(&(AuditAction::SessionEnded, AuditOutcome::Done))
    );
    assert!(log
        .iter()
        .all(|e| e.actor_name.as_deref() == Some("Phạm Thị Dung")));
    // A day later the old hand-offs are swept; the session's own stays, and new codes still come.
    sqlx::query("UPDATE device_authorizations SET expires_at = expires_at - 3 * 86400")
        .execute(server.server.db())
        .await
        .unwrap();
    device_authorization(&url).await;

    // And her own sign-in on her phone is untouched.
    let me = reqwest::Client::new()
        .get(format!("{url}{}", citizen_protocol::auth::ME_PATH))
        .bearer_auth(&an.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
}

/// The delegated token by hand, to use it where the app would not.
async fn delegated_token(url: &str, resident: usize) -> (String, String) {
    let helper = citizen_tests::sign_in::signed_in(url, DUNG).await;
    let http = reqwest::Client::new();
    let started: citizen_protocol::assist::AssistStarted = json_of(
        http.post(format!(
            "{url}{}",
            citizen_protocol::assist::ASSIST_SESSIONS_PATH
        ))
        .bearer_auth(&helper.access_token),
    )
    .await;
    let answer = answer_on_phone(&started.device.verification_uri_complete, resident, true).await;
    assert_eq!(answer.status, 200);
    let (status, consent) = poll(url, &started.device.device_code).await;
    assert_eq!(status, 200, "{consent}");
    let exchanged: Value = json_of(http.post(format!("{url}{TOKEN_PATH}")).form(&[
        ("grant_type", citizen_protocol::auth::TOKEN_EXCHANGE_GRANT),
        ("client_id", APP_CLIENT_ID),
        ("subject_token", consent["access_token"].as_str().unwrap()),
        (
            "subject_token_type",
            citizen_protocol::auth::ACCESS_TOKEN_TYPE,
        ),
        ("actor_token", &helper.access_token),
        (
            "actor_token_type",
            citizen_protocol::auth::ACCESS_TOKEN_TYPE,
        ),
    ]))
    .await;
    assert_eq!(
        exchanged["issued_token_type"],
        citizen_protocol::auth::ACCESS_TOKEN_TYPE,
        "{exchanged}"
    );
    (
        exchanged["access_token"].as_str().unwrap().to_owned(),
        started.session_id,
    )
}

#[tokio::test]
async fn delegated_tokens_name_the_helper_stay_in_scope_and_die_with_their_session() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let http = reqwest::Client::new();
    let (token, session_id) = delegated_token(&url, BINH).await;

    // RFC 7662 introspection shows RFC 8693's act: the helper acts for Bình.
    let about: Introspection = json_of(
        http.post(format!("{url}{INTROSPECT_PATH}"))
            .form(&[("token", token.as_str())]),
    )
    .await;
    assert!(about.active);
    let dung = citizen_tests::sign_in::signed_in(&url, DUNG).await;
    let dung_me: citizen_protocol::auth::CitizenProfile = json_of(
        http.get(format!("{url}{}", citizen_protocol::auth::ME_PATH))
            .bearer_auth(&dung.access_token),
    )
    .await;
    assert_eq!(about.act.map(|a| a.sub), Some(dung_me.id));
    assert_eq!(
        about.scope.as_deref(),
        Some(citizen_protocol::auth::ASSIST_SCOPE)
    );

    // Outside its scope: the account, and the resident's own audit log.
    let everywhere = http
        .post(format!("{url}{SIGN_OUT_EVERYWHERE_PATH}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(everywhere.status(), 403);
    let body: Value = everywhere.json().await.unwrap();
    assert_eq!(body["code"], "out-of-scope");

    // Ended by the helper; then the token is dead, and trying is recorded too.
    let ended = http
        .post(format!(
            "{url}{}",
            citizen_protocol::assist::assist_end_path(&session_id)
        ))
        .bearer_auth(&dung.access_token)
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 204);
    let after = http
        .get(format!("{url}{}", citizen_protocol::auth::ME_PATH))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);

    let log = audit_of(&url, BINH).await;
    let outcomes: Vec<(AuditAction, AuditOutcome)> =
        log.iter().map(|e| (e.action, e.outcome)).collect();
    assert!(
        outcomes.contains(&(AuditAction::Other, AuditOutcome::RefusedScope)),
        "{outcomes:?}"
    );
    assert!(
        outcomes.contains(&(AuditAction::ProfileRead, AuditOutcome::RefusedEnded)),
        "{outcomes:?}"
    );
}

#[tokio::test]
async fn only_helpers_assist_and_a_consent_form_must_be_a_photo() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let _binh = citizen_tests::sign_in::signed_in(&url, BINH).await;

    // Not a helper: refused, in her own log.
    let not_helper_dir = tempfile::tempdir().unwrap();
    let an = open_core(not_helper_dir.path(), &url).await;
    an.sign_in(&SandboxBrowser::as_resident(AN)).await.unwrap();
    assert!(matches!(
        an.assist_start().await,
        Err(CoreError::NotAHelper)
    ));

    let laptop = tempfile::tempdir().unwrap();
    let helper = open_core(laptop.path(), &url).await;
    helper
        .sign_in(&SandboxBrowser::as_resident(DUNG))
        .await
        .unwrap();
    helper.assist_start().await.unwrap();
    // A PDF is not a photo of a signed form; nor is text.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let refused = helper.assist_consent_photo("046192000002", pdf).await;
    assert!(
        matches!(refused, Err(CoreError::ConsentPhotoRejected(_))),
        "{refused:?}"
    );
    let refused = helper
        .assist_consent_photo("046192000002", b"toi dong y".to_vec())
        .await;
    assert!(matches!(refused, Err(CoreError::ConsentPhotoRejected(_))));
    // Someone who never used the service.
    let refused = helper.assist_consent_photo("046999000999", photo(1)).await;
    assert!(
        matches!(refused, Err(CoreError::ResidentUnknown)),
        "{refused:?}"
    );

    // A real photo for Bình, who has no phone with her: the session starts, the form is kept.
    helper
        .assist_consent_photo("046192000002", photo(2))
        .await
        .unwrap();
    let session = helper.assist_wait().await.unwrap().session.unwrap();
    assert_eq!(session.citizen.full_name, "Trần Thị Bình");
    helper.assist_end().await.unwrap();
    let sessions = helper.helper_sessions().await.unwrap();
    assert_eq!(sessions[0].consent.as_deref(), Some("photo"));
}

#[tokio::test]
async fn a_kiosk_stopped_mid_session_keeps_nothing_of_the_resident_at_its_next_start() {
    let server = TestServer::start(true).await;
    let dir = tempfile::tempdir().unwrap();
    let kiosk = open_core(dir.path(), &server.url()).await;
    let shown = kiosk.kiosk_hand_off().await.unwrap();
    let link = link_of(&shown.user_code, &server.url());
    let (waited, _) = tokio::join!(
        kiosk.wait_kiosk_hand_off(),
        answer_on_phone(&link, BINH, true)
    );
    let binh = waited.unwrap().session.unwrap().citizen.id;
    kiosk.sync_dossiers().await.unwrap();
    // Her store is on the kiosk, encrypted under a key the keyring holds.
    assert!(at_rest::citizen_dir(dir.path(), &binh).exists());
    assert!(at_rest::store_key(dir.path(), &binh).await.is_some());
    // The power goes: no sign-out.
    kiosk.close().await;
    drop(kiosk);

    let again = open_core(dir.path(), &server.url()).await;
    assert!(again.status().await.unwrap().session.is_none());
    again.close().await;
    let left = files_holding(dir.path(), "Trần Thị Bình");
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(!at_rest::citizen_dir(dir.path(), &binh).exists());
    assert!(
        at_rest::store_key(dir.path(), &binh).await.is_none(),
        "the left-over store's key is gone too"
    );
}
