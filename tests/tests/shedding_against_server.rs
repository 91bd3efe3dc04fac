//! Load shedding against a real server with a tiny bound (one residents' request at a time, no
//! queue): while the lane is full the server answers 429 with Retry-After and a `server-busy`
//! body, health checks and sign-in still pass, the core's outbox keeps the report waiting (not
//! refused) and does not knock again before Retry-After, its pulls wait as long, and once the
//! server is free an ordinary background round delivers the report exactly once.

use std::time::Duration;

use citizen_core::CoreError;
use citizen_protocol::dossiers::ATTACHMENTS_PATH;
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::ipc::OutboxState;
use citizen_protocol::reports::{GeoPoint, SubmitReport, REPORT_CATEGORIES_PATH};
use citizen_server::Server;
use citizen_tests::browsers::SandboxBrowser;
use citizen_tests::dossiers::photo;
use citizen_tests::sign_in::signed_in;
use citizen_tests::{init_logging, open_core, server_config};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Takes the residents' only slot: a photo upload whose body never finishes arriving.
async fn hold_the_lane(server: &Server, token: &str) -> TcpStream {
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    let head = format!(
        "PUT {ATTACHMENTS_PATH}/{} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\n\
         Content-Length: 100000\r\n\r\n",
        "0".repeat(64),
        server.addr()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&[0u8; 10]).await.unwrap();
    stream.flush().await.unwrap();
    stream
}

async fn categories(url: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{url}{REPORT_CATEGORIES_PATH}"))
        .header("accept-language", "vi")
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_server_sheds_and_the_outbox_waits_then_delivers_once() {
    init_logging();
    let dir = tempfile::tempdir().unwrap();
    let mut config = server_config(dir.path());
    config.shedding.max_in_flight = 1;
    config.shedding.max_queue = 0;
    config.shedding.max_queue_wait_ms = 0;
    config.shedding.retry_after = 1;
    let server = Server::start(&config).await.unwrap();
    let url = server.url();

    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &url).await;
    core.background_round().await.unwrap();
    core.sign_in(&SandboxBrowser::as_resident(1)).await.unwrap();
    let photo = core.attach("den-duong.jpg", photo(3)).await.unwrap();
    core.submit_report(SubmitReport {
        category: "chieu-sang".into(),
        title: "Đèn đường không sáng".into(),
        description: "Cột đèn trước số 12 Lê Lợi tắt.".into(),
        photos: vec![photo],
        location: Some(GeoPoint {
            lat: 16.4637,
            lon: 107.5909,
        }),
        address: None,
        public: false,
    })
    .await
    .unwrap();

    // Another phone of a resident holds the one slot.
    let holder_token = signed_in(&url, 2).await.access_token;
    let holder = hold_the_lane(&server, &holder_token).await;
    let mut shed = categories(&url).await;
    for _ in 0..100 {
        if shed.status() == 429 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        shed = categories(&url).await;
    }
    assert_eq!(shed.status(), 429, "the lane is full");
    assert_eq!(shed.headers()["retry-after"], "1");
    // Nothing was left unread: the connection may carry the next request.
    assert!(shed.headers().get("connection").is_none());
    // A photo turned away is read and dropped: its answer arrives and the connection stays
    // open for the next request (one connection only, so the second uses the first's).
    let one_connection = reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .build()
        .unwrap();
    for attempt in 0..2 {
        let shed_upload = one_connection
            .put(format!("{url}{ATTACHMENTS_PATH}/{}", "1".repeat(64)))
            .bearer_auth(&holder_token)
            .body(vec![7u8; 400_000])
            .send()
            .await
            .unwrap_or_else(|e| panic!("upload {attempt} got no answer: {e}"));
        assert_eq!(shed_upload.status(), 429);
        assert!(shed_upload.headers().get("connection").is_none());
    }
    let body: ErrorBody = shed.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::ServerBusy);
    assert!(body.message.contains("Máy chủ"), "{}", body.message);
    // Health checks and the sign-in lane are not behind the residents' requests.
    let health = reqwest::get(format!("{url}/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let metadata = reqwest::get(format!("{url}{}", citizen_protocol::auth::METADATA_PATH))
        .await
        .unwrap();
    assert_eq!(metadata.status(), 200);

    // The outbox is turned away: the report waits on the device, not refused.
    let round = core.deliver_outbox().await.unwrap();
    assert_eq!((round.sent, round.refused, round.still_waiting), (0, 0, 1));
    let mine = core.my_reports().await.unwrap();
    assert_eq!(mine.outbox.len(), 1);
    assert_eq!(mine.outbox[0].state, OutboxState::Waiting);
    // A pull is turned away too, and the next one waits without asking.
    let pulled = core.sync_reports().await.unwrap_err();
    assert!(matches!(pulled, CoreError::Busy { .. }), "{pulled}");
    assert_eq!(pulled.code(), ErrorCode::ServerBusy);

    // The server is free again at once, but the device keeps to Retry-After.
    drop(holder);
    let mut free = categories(&url).await;
    for _ in 0..100 {
        if free.status() == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        free = categories(&url).await;
    }
    assert_eq!(free.status(), 200, "the lane is free without anyone's help");
    let too_soon = core.deliver_outbox().await.unwrap();
    assert_eq!(
        (too_soon.sent, too_soon.still_waiting),
        (0, 0),
        "not due yet"
    );
    let too_soon = core.sync_reports().await.unwrap_err();
    assert!(matches!(too_soon, CoreError::Busy { .. }), "{too_soon}");
    let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(server.db())
        .await
        .unwrap();
    assert_eq!(reports, 0);

    // Retry-After (1 s) plus at most half again, rounded up to the second: then an ordinary
    // background round delivers the report, and the feed brings it back.
    tokio::time::sleep(Duration::from_millis(2_600)).await;
    let status = core.background_round().await.unwrap();
    assert_eq!(status.outbox_count, 0, "{status:?}");
    let mine = core.my_reports().await.unwrap();
    assert!(mine.outbox.is_empty());
    assert_eq!(mine.reports.len(), 1);
    let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
        .fetch_one(server.db())
        .await
        .unwrap();
    assert_eq!(reports, 1, "delivered exactly once");
    core.close().await;
    server.shutdown().await.unwrap();
}
