//! The core's outbox against a real server on loopback: a dossier submitted with the server down
//! waits on the device through an app restart, is delivered once the server is back, and stays
//! one dossier even when the app forgets it was delivered and sends it again.

use std::time::Duration;

use citizen_core::CoreError;
use citizen_protocol::dossiers::DossierStatus;
use citizen_protocol::forms::{FieldProblem, FieldValue};
use citizen_server::dossiers::store;
use citizen_server::Server;
use citizen_tests::browsers::SandboxBrowser;
use citizen_tests::dossiers::{birth_values, photo, photo_of_size};
use citizen_tests::{at_rest, free_port, init_logging, open_core, server_config};

async fn server_dossiers(server: &Server) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM dossiers")
        .fetch_one(server.db())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_dossier_submitted_offline_is_delivered_exactly_once() {
    init_logging();
    let server_dir = tempfile::tempdir().unwrap();
    let mut config = server_config(server_dir.path());
    config.listen = ([127, 0, 0, 1], free_port()).into();
    let server = Server::start(&config).await.unwrap();
    let url = server.url();

    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &url).await;
    core.sync().await.unwrap();
    core.sign_in(&SandboxBrowser::as_resident(1)).await.unwrap();
    let hit = core.search("dang ky khai sinh").await.unwrap()[0].clone();
    let procedure = core.procedure(&hit.id).await.unwrap();
    assert!(procedure.form.is_some());

    // A file that is not what it claims is refused on the device; a photo is kept.
    let fake = core
        .attach("giay-chung-sinh.pdf", b"<html>".to_vec())
        .await
        .unwrap_err();
    assert!(matches!(fake, CoreError::AttachmentRejected(_)), "{fake}");
    let certificate = core.attach("giay-chung-sinh.jpg", photo(9)).await.unwrap();
    // A camera-sized photo is kept with its long side at 2,000 px.
    let camera = photo_of_size(10, 2_400, 1_800);
    let kept = core.attach("to-khai.jpg", camera).await.unwrap();
    assert_eq!(kept.file_type, citizen_protocol::forms::FileType::Jpeg);
    let values = birth_values(certificate);

    // The draft survives; a form with a mistake is refused before anything is queued.
    core.save_draft(&procedure.id, &values).await.unwrap();
    let mut wrong = values.clone();
    wrong.insert("mother_pin".into(), FieldValue::Text("123".into()));
    let refused = core.submit(&procedure.id, wrong).await.unwrap_err();
    let CoreError::FormInvalid(fields) = &refused else {
        panic!("{refused}")
    };
    assert_eq!(fields[0].field, "mother_pin");
    assert_eq!(fields[0].problem, FieldProblem::BadPersonalNumber);
    assert_eq!(core.outbox_count().await.unwrap(), 0);
    assert_eq!(
        core.draft(&procedure.id).await.unwrap(),
        Some(values.clone())
    );

    // The server goes away; the resident submits anyway.
    server.shutdown().await.unwrap();
    core.submit(&procedure.id, values).await.unwrap();
    assert_eq!(core.outbox_count().await.unwrap(), 1);
    assert_eq!(core.draft(&procedure.id).await.unwrap(), None);
    let tried = core.deliver_outbox().await.unwrap();
    assert_eq!((tried.sent, tried.still_waiting), (0, 1));
    core.close().await;

    // The app restarts, the server comes back: once the backoff has passed, it is delivered.
    let server = Server::start(&config).await.unwrap();
    let core = open_core(data.path(), &url).await;
    core.refresh().await.unwrap();
    assert_eq!(core.outbox_count().await.unwrap(), 1);
    tokio::time::sleep(Duration::from_millis(3_200)).await;
    let delivered = core.deliver_outbox().await.unwrap();
    assert_eq!((delivered.sent, delivered.still_waiting), (1, 0));
    assert_eq!(core.outbox_count().await.unwrap(), 0);
    assert_eq!(server_dossiers(&server).await, 1);
    let dossiers = core.dossiers().await.unwrap();
    assert_eq!(dossiers.len(), 1);
    assert!(dossiers[0].code.starts_with("H57.HT-"));

    // The app crashed after the server took the dossier but before it noted so: the item is
    // waiting again, and sending it again gives the same dossier, not a second one.
    let citizen_id = std::fs::read_dir(data.path().join("citizens"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    let citizen_db = at_rest::citizen_store(data.path(), &citizen_id).await;
    sqlx::query("UPDATE outbox SET state = 'waiting', next_attempt_at = '2000-01-01T00:00:00Z'")
        .execute(&citizen_db)
        .await
        .unwrap();
    citizen_db.close().await;
    let kept_file = at_rest::citizen_file(data.path(), &citizen_id, &kept.sha256).await;
    let (width, height) = image::ImageReader::new(std::io::Cursor::new(kept_file))
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap();
    assert_eq!((width, height), (2_000, 1_500));
    let again = core.deliver_outbox().await.unwrap();
    assert_eq!(again.sent, 1);
    assert_eq!(server_dossiers(&server).await, 1);
    assert_eq!(core.dossiers().await.unwrap(), dossiers);

    // An officer moves it; the resident's dossier feed brings the change and the message.
    let agency = dossiers[0].agency.vi.clone();
    let (officer, _) = store::add_officer(server.db(), "Lê Văn Tâm", &agency)
        .await
        .unwrap();
    let message = "Xin bổ sung ảnh giấy chứng sinh rõ hơn.";
    store::move_on(
        server.db(),
        &officer,
        &dossiers[0].code,
        DossierStatus::Processing,
        None,
    )
    .await
    .unwrap()
    .unwrap();
    store::move_on(
        server.db(),
        &officer,
        &dossiers[0].code,
        DossierStatus::NeedsInfo,
        Some(message),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(core.sync_dossiers().await.unwrap(), 1);
    let now = &core.dossiers().await.unwrap()[0];
    assert_eq!(now.status, DossierStatus::NeedsInfo);
    assert_eq!(
        now.timeline.last().unwrap().message.as_deref(),
        Some(message)
    );
    assert_eq!(
        core.sync_dossiers().await.unwrap(),
        0,
        "an unchanged feed changes nothing"
    );

    core.close().await;
    server.shutdown().await.unwrap();
}
