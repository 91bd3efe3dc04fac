//! Two server replicas on one database behind one address (a round-robin forwarder, no sticky
//! sessions), and a real app through it: sign-in with the sandbox e-ID, the catalogue, a dossier
//! with an attachment, a field report, a token refresh, and its items in its feeds. Every step may
//! land on either replica, the sign-in's several round trips included; whatever one replica
//! stored, the other must know. With `CITIZEN_TEST_DATABASE` the database is PostgreSQL (the
//! deployment this is for); without it both replicas share one SQLite file.

use std::time::Duration;

use citizen_protocol::dossiers::DOSSIER_FEED_PATH;
use citizen_protocol::feed::{Change, FeedPage};
use citizen_protocol::reports::{GeoPoint, Report, SubmitReport, REPORT_FEED_PATH};
use citizen_server::Server;
use citizen_tests::dossiers::{birth_values, photo, Resident};
use citizen_tests::round_robin::RoundRobin;
use citizen_tests::{free_port, init_logging, open_core, server_config, sign_in_as};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_behind_one_address_serve_one_app_without_sticky_sessions() {
    init_logging();
    let dir = tempfile::tempdir().unwrap();
    let front = ([127, 0, 0, 1], free_port()).into();
    // Both replicas: one database, one attachment store, one public URL (the forwarder's), a
    // short access-token life so the app has to refresh.
    let mut config = server_config(dir.path());
    config.public_url = Some(format!("http://{front}"));
    config.access_token_ttl = 2;
    let first = Server::start(&config).await.expect("replica 1 starts");
    let second = Server::start(&config).await.expect("replica 2 starts");
    let balancer = RoundRobin::start(front, vec![first.addr(), second.addr()])
        .await
        .unwrap();
    let url = balancer.url();

    let data = tempfile::tempdir().unwrap();
    let core = open_core(data.path(), &url).await;
    // Through either replica, whichever the balancer picks.
    sign_in_as(&core, 1).await;

    let hit = core.search("dang ky khai sinh").await.unwrap()[0].clone();
    let procedure = core.procedure(&hit.id).await.unwrap();
    let certificate = core.attach("giay-chung-sinh.jpg", photo(21)).await.unwrap();
    core.submit(&procedure.id, birth_values(certificate))
        .await
        .unwrap();
    let lamp = core.attach("den-duong.jpg", photo(22)).await.unwrap();
    core.submit_report(SubmitReport {
        category: "chieu-sang".into(),
        title: "Đèn đường không sáng".into(),
        description: "Ba cột đèn trước số 12 Lê Lợi tắt từ tối thứ Hai.".into(),
        photos: vec![lamp],
        location: Some(GeoPoint {
            lat: 16.4637,
            lon: 107.5909,
        }),
        address: None,
        public: true,
    })
    .await
    .unwrap();
    let delivered = core.deliver_outbox().await.unwrap();
    assert_eq!(
        (delivered.sent, delivered.still_waiting),
        (2, 0),
        "the dossier and the report, their files uploaded at one replica or the other"
    );

    // The access token has expired: the next call refreshes, at whichever replica.
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let refreshed_before = refreshed(&first).await;
    core.sync_dossiers()
        .await
        .expect("the dossier feed, after a refresh");
    core.sync_reports().await.expect("the report feed");
    assert!(
        refreshed(&first).await > refreshed_before,
        "the app refreshed its token"
    );
    let dossiers = core.dossiers().await.unwrap();
    assert_eq!(dossiers.len(), 1);
    assert!(
        dossiers[0].code.starts_with("H57.HT-"),
        "{}",
        dossiers[0].code
    );
    let reports = core.my_reports().await.unwrap().reports;
    assert_eq!(reports.len(), 1);
    assert!(reports[0].code.starts_with("PA-"), "{}", reports[0].code);

    // Each replica, asked directly with one token, tells the same: no state is a replica's own.
    let other_device = Resident::at(&url, 1).await;
    for replica in [&first, &second] {
        let dossier_feed: FeedPage<serde_json::Value> = feed(
            &other_device,
            &replica.addr().to_string(),
            DOSSIER_FEED_PATH,
        )
        .await;
        assert_eq!(dossier_feed.changes.len(), 1, "at {}", replica.addr());
        let report_feed: FeedPage<Report> =
            feed(&other_device, &replica.addr().to_string(), REPORT_FEED_PATH).await;
        match &report_feed.changes[..] {
            [Change::Upsert { item }] => assert_eq!(item.code, reports[0].code),
            other => panic!("at {}: {other:?}", replica.addr()),
        }
    }

    let served = balancer.connections();
    assert!(
        served.iter().all(|n| *n > 0),
        "both replicas served: {served:?}"
    );
    core.close().await;
    first.shutdown().await.unwrap();
    second.shutdown().await.unwrap();
}

/// How many refresh tokens have been spent, on the shared database.
async fn refreshed(server: &Server) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM refresh_tokens WHERE used_at IS NOT NULL")
        .fetch_one(server.db())
        .await
        .unwrap()
}

async fn feed<T: serde::de::DeserializeOwned>(
    resident: &Resident,
    addr: &str,
    path: &str,
) -> FeedPage<T> {
    resident
        .http
        .get(format!("http://{addr}{path}"))
        .bearer_auth(&resident.token)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap()
}
