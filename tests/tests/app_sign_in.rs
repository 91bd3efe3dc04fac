//! The app's side of sign-in (`citizen-core`) against a real server on loopback, through the
//! sandbox e-ID, with tokens in the real kernel keyring and real SQLite files: sign in, restart,
//! work offline until the session expires, sign out (here and everywhere), two residents on one
//! device, refusals.

use std::path::Path;
use std::time::Duration;

use citizen_core::auth::vault::{KeyringChoice, Vault};
use citizen_core::CoreError;
use citizen_protocol::error::ErrorCode;
use citizen_server::Server;
use citizen_tests::browsers::{AbandonedBrowser, SandboxBrowser};
use citizen_tests::{open_core, server_config, TestServer};

const BINH: usize = 1;
const DUNG: usize = 3;

/// The refresh token the core keeps for `citizen_id`, read straight from the kernel keyring.
async fn keyring_token(data_dir: &Path, citizen_id: &str) -> Option<String> {
    let db = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        data_dir.join("citizen.db").display()
    ))
    .await
    .unwrap();
    let install: String = sqlx::query_scalar("SELECT install_id FROM install")
        .fetch_one(&db)
        .await
        .unwrap();
    db.close().await;
    Vault::open(KeyringChoice::Kernel, &install)
        .unwrap()
        .get(citizen_id)
        .unwrap()
}

fn files_contain(dir: &Path, needle: &str) -> bool {
    !citizen_tests::files_holding(dir, needle).is_empty()
}

fn citizen_dirs(data_dir: &Path) -> Vec<String> {
    match std::fs::read_dir(data_dir.join("citizens")) {
        Ok(dir) => dir
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => vec![],
    }
}

async fn server_with(
    configure: impl FnOnce(&mut citizen_server::ServerConfig),
) -> (Server, tempfile::TempDir) {
    citizen_tests::init_logging();
    let dir = tempfile::tempdir().unwrap();
    let mut config = server_config(dir.path());
    configure(&mut config);
    (Server::start(&config).await.unwrap(), dir)
}

fn signed_in_name(core_status: &citizen_protocol::ipc::AppStatus) -> Option<&str> {
    core_status
        .session
        .as_ref()
        .map(|s| s.citizen.full_name.as_str())
}

#[tokio::test]
async fn signs_in_keeps_the_token_only_in_the_keyring_and_survives_a_restart() {
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    assert!(core.status().await.unwrap().session.is_none());

    let status = core
        .sign_in(&SandboxBrowser::as_resident(BINH))
        .await
        .unwrap();
    let session = status.session.expect("signed in");
    assert_eq!(session.citizen.full_name, "Trần Thị Bình");
    assert_eq!(session.citizen.personal_id_number, "046192000002");
    assert!(!session.offline);
    assert!(!status.signing_in);

    let token = keyring_token(data.path(), &session.citizen.id)
        .await
        .expect("the refresh token is in the keyring");
    core.close().await;
    assert!(
        !files_contain(data.path(), &token),
        "the refresh token must not be in any file"
    );

    // A restart: the session comes back from the keyring, unconfirmed until the server says so.
    let core = open_core(data.path(), &server.url()).await;
    let restored = core.status().await.unwrap().session.expect("restored");
    assert_eq!(restored.citizen.full_name, "Trần Thị Bình");
    assert!(restored.offline);
    let confirmed = core
        .refresh()
        .await
        .unwrap()
        .session
        .expect("still signed in");
    assert!(!confirmed.offline);
    // The refresh rotated the token: the old one is spent.
    let rotated = keyring_token(data.path(), &session.citizen.id)
        .await
        .unwrap();
    assert_ne!(rotated, token);
}

#[tokio::test]
async fn works_offline_with_the_last_session_until_the_refresh_token_expires() {
    let (server, _dir) = server_with(|c| {
        c.refresh_token_ttl = 5;
        c.access_token_ttl = 1;
    })
    .await;
    let url = server.url();
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &url).await;
    core.sign_in(&SandboxBrowser::as_resident(DUNG))
        .await
        .unwrap();
    core.close().await;
    server.shutdown().await.unwrap();

    let core = open_core(data.path(), &url).await;
    let status = core.refresh().await.unwrap();
    assert!(!status.online);
    let session = status.session.expect("still signed in, offline");
    assert!(session.offline);
    assert_eq!(session.citizen.full_name, "Phạm Thị Dung");

    tokio::time::sleep(Duration::from_secs(6)).await;
    let status = core.refresh().await.unwrap();
    assert!(
        status.session.is_none(),
        "the session ends with its refresh token"
    );
    assert_eq!(status.notice.map(|n| n.code), Some(ErrorCode::NotSignedIn));
    assert!(
        citizen_dirs(data.path()).is_empty(),
        "nothing of Dung's is left"
    );
}

#[tokio::test]
async fn two_residents_on_one_device_never_see_each_others_data() {
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    let browser = SandboxBrowser::as_resident(BINH);

    let binh = core.sign_in(&browser).await.unwrap().session.unwrap();
    assert_eq!(citizen_dirs(data.path()), vec![binh.citizen.id.clone()]);
    let status = core.sign_out().await.unwrap();
    assert!(status.session.is_none());
    assert!(citizen_dirs(data.path()).is_empty(), "Bình's store is gone");
    assert_eq!(keyring_token(data.path(), &binh.citizen.id).await, None);

    browser.set_resident(DUNG);
    let dung = core.sign_in(&browser).await.unwrap().session.unwrap();
    assert_eq!(dung.citizen.full_name, "Phạm Thị Dung");
    assert_ne!(dung.citizen.id, binh.citizen.id);

    // Signing in as someone else while Dung is signed in signs Dung out first.
    browser.set_resident(BINH);
    let status = core.sign_in(&browser).await.unwrap();
    assert_eq!(signed_in_name(&status), Some("Trần Thị Bình"));
    let binh_again = status.session.unwrap();
    assert_eq!(
        binh_again.citizen.id, binh.citizen.id,
        "same e-ID, same account"
    );
    assert_eq!(citizen_dirs(data.path()), vec![binh.citizen.id.clone()]);
    assert_eq!(keyring_token(data.path(), &dung.citizen.id).await, None);
}

#[tokio::test]
async fn sign_out_revokes_at_the_server_and_everywhere_reaches_other_devices() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let (laptop, phone) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let on_laptop = open_core(laptop.path(), &url).await;
    let on_phone = open_core(phone.path(), &url).await;
    let me = on_laptop
        .sign_in(&SandboxBrowser::as_resident(BINH))
        .await
        .unwrap()
        .session
        .unwrap();

    // Sign out on the laptop: its refresh token no longer works at the server.
    let laptop_token = keyring_token(laptop.path(), &me.citizen.id).await.unwrap();
    on_laptop.sign_out().await.unwrap();
    let (status, _) = citizen_tests::sign_in::refresh(&url, &laptop_token).await;
    assert_eq!(status, 400, "a signed-out refresh token is refused");

    // A lost phone: sign in on the laptop again with the e-ID alone, then sign out everywhere.
    on_phone
        .sign_in(&SandboxBrowser::as_resident(BINH))
        .await
        .unwrap();
    on_laptop
        .sign_in(&SandboxBrowser::as_resident(BINH))
        .await
        .unwrap();
    let status = on_laptop.sign_out_everywhere().await.unwrap();
    assert!(status.session.is_none());
    let phone_status = on_phone.refresh().await.unwrap();
    assert!(
        phone_status.session.is_none(),
        "the phone's session is revoked"
    );
    assert_eq!(
        phone_status.notice.map(|n| n.code),
        Some(ErrorCode::NotSignedIn)
    );
}

#[tokio::test]
async fn concurrent_refreshes_do_not_trip_reuse_detection() {
    let (server, _dir) = server_with(|c| c.access_token_ttl = 1).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    core.sign_in(&SandboxBrowser::as_resident(BINH))
        .await
        .unwrap();
    for _ in 0..5 {
        // Access tokens live 1 s, so every keep-alive refreshes; two at once must not replay
        // a refresh token (the server would revoke the whole sign-in).
        let (a, b) = tokio::join!(core.refresh(), core.refresh());
        assert!(a.unwrap().session.is_some());
        assert!(b.unwrap().session.is_some());
    }
}

#[tokio::test]
async fn an_abandoned_sign_in_can_be_cancelled() {
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().unwrap();
    let core = std::sync::Arc::new(open_core(data.path(), &server.url()).await);
    let waiting = {
        let core = core.clone();
        tokio::spawn(async move { core.sign_in(&AbandonedBrowser).await })
    };
    while !core.status().await.unwrap().signing_in {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    core.cancel_sign_in();
    let result = waiting.await.unwrap();
    assert!(
        matches!(result, Err(CoreError::SignInCancelled)),
        "{result:?}"
    );
    assert!(!core.status().await.unwrap().signing_in);
    assert!(core.status().await.unwrap().session.is_none());
}

#[tokio::test]
async fn a_server_without_an_eid_says_so_and_the_app_stays_signed_out() {
    let (server, _dir) = server_with(|c| c.demo = false).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    let result = core.sign_in(&SandboxBrowser::as_resident(BINH)).await;
    assert!(
        matches!(result, Err(CoreError::EidUnavailable)),
        "{result:?}"
    );
    let body = core.error_body(&result.unwrap_err());
    assert_eq!(body.code, ErrorCode::EidUnavailable);
    assert!(body.message.contains("VNeID"), "{}", body.message);
    assert!(core.status().await.unwrap().session.is_none());
}

/// Sends the browser to the app's loopback redirect with a made-up code and the wrong state, as
/// a page trying to sign the resident in to someone else's account would.
struct ForgedAnswer;

impl citizen_core::Browser for ForgedAnswer {
    fn open(&self, url: &str) -> Result<(), String> {
        let redirect = citizen_tests::sign_in::param(url, "redirect_uri").unwrap();
        tokio::spawn(async move {
            let _ = reqwest::get(format!("{redirect}?code=forged&state=not-yours")).await;
        });
        Ok(())
    }
}

#[tokio::test]
async fn an_answer_with_the_wrong_state_is_refused() {
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &server.url()).await;
    let result = core.sign_in(&ForgedAnswer).await;
    assert!(
        matches!(result, Err(CoreError::SignInFailed(_))),
        "{result:?}"
    );
    assert!(core.status().await.unwrap().session.is_none());
    // And the resident can simply try again.
    let status = core
        .sign_in(&SandboxBrowser::as_resident(BINH))
        .await
        .unwrap();
    assert!(status.session.is_some());
}
