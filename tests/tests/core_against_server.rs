//! citizen-core against a real citizen-server on loopback, each with a real SQLite file.

use std::time::Duration;

use citizen_core::CoreError;
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::CATALOG_FEED_PATH;
use citizen_server::catalog::{seed, store};
use citizen_tests::{open_core, TestServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[tokio::test]
async fn full_sync_then_vietnamese_search_finds_birth_registration_first() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;

    let report = core.sync().await.expect("sync");
    assert!(report.upserts >= 300, "synced only {}", report.upserts);
    let status = core.status().await.unwrap();
    assert!(status.online);
    assert_eq!(status.procedure_count as usize, report.upserts);
    assert!(status.last_sync_at.is_some());

    for query in [
        "dang ky khai sinh",
        "ĐĂNG KÝ khai sinh",
        "đăng ký khai sinh",
        "dang ki khai sinh",
        "Birth registration",
        "dang ky khai s",
    ] {
        let hits = core.search(query).await.expect(query);
        assert_eq!(
            hits[0].name.vi, "Đăng ký khai sinh",
            "first hit for {query:?}"
        );
    }
    let hits = core.search("ĐĂNG KÝ").await.unwrap();
    assert!(hits.iter().any(|h| h.name.vi == "Đăng ký khai sinh"));
    assert!(
        hits.iter()
            .all(|h| h.name.vi.to_lowercase().contains("đăng ký")),
        "{hits:?}"
    );

    // A name that starts with the words beats one that only contains them, which beats one with
    // the words apart, which beats a match outside the name; shorter names first within each.
    let hits = core.search("dang ky khai sinh").await.unwrap();
    let position = |name: &str| {
        hits.iter()
            .position(|h| h.name.vi == name)
            .unwrap_or_else(|| panic!("{name} missing from {hits:?}"))
    };
    let starts = position("Đăng ký khai sinh lưu động");
    let longer_start = position("Đăng ký khai sinh kết hợp nhận cha, mẹ, con");
    let contains = position(
        "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    );
    let apart = position("Đăng ký lại khai sinh");
    assert!(
        starts < longer_start && longer_start < contains && contains < apart,
        "{hits:?}"
    );

    let detail = core.procedure(&hits[contains].id).await.unwrap();
    assert_eq!(detail.name, hits[contains].name);
    assert!(!detail.required_documents.is_empty());
}

/// The last tier searches what is not in the name: required documents, the agency, the field.
#[tokio::test]
async fn procedures_are_found_by_their_documents_agency_and_field() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;
    core.sync().await.expect("sync");

    // "chứng sinh" is in the birth registration's documents, not in its name.
    let hits = core.search("giay chung sinh").await.unwrap();
    assert!(
        hits.iter().any(|h| h.name.vi == "Đăng ký khai sinh"),
        "{hits:?}"
    );

    let hits = core.search("uy ban nhan dan xa khai sinh").await.unwrap();
    assert!(
        hits.iter().any(|h| h.name.vi == "Đăng ký khai sinh"),
        "{hits:?}"
    );

    // The field's words, in either language.
    let hits = core
        .search("civil status birth registration")
        .await
        .unwrap();
    assert_eq!(hits[0].name.vi, "Đăng ký khai sinh", "{hits:?}");
}

#[tokio::test]
async fn an_unchanged_feed_answers_in_one_small_response() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;
    core.sync().await.unwrap();

    let again = core.sync().await.unwrap();
    assert_eq!((again.pages, again.upserts, again.tombstones), (1, 0, 0));

    let head = store::feed_page(server.server.db(), 0, 1).await.unwrap();
    assert!(head.has_more);
    let http = reqwest::Client::new();
    let full = http
        .get(format!("{}{CATALOG_FEED_PATH}", server.url()))
        .send()
        .await
        .unwrap();
    let full: citizen_protocol::feed::FeedPage<serde_json::Value> = full.json().await.unwrap();
    let body = http
        .get(format!(
            "{}{CATALOG_FEED_PATH}?after={}",
            server.url(),
            full.cursor
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.len() < 80,
        "unchanged feed answered {} bytes: {body}",
        body.len()
    );
    let page: citizen_protocol::feed::FeedPage<serde_json::Value> =
        serde_json::from_str(&body).unwrap();
    assert!(page.changes.is_empty() && !page.has_more);
    assert_eq!(page.cursor, full.cursor);
}

/// The core offers zstd and gzip and gets zstd, the smaller and cheaper to make; a client that
/// offers gzip alone gets gzip.
#[tokio::test]
async fn the_feed_is_compressed_with_what_the_client_offers() {
    let server = TestServer::start(true).await;
    // reqwest would decompress and drop the header; look at the bytes as they come off the wire.
    let raw = reqwest::Client::builder()
        .no_gzip()
        .no_zstd()
        .build()
        .unwrap();
    let fetch = |accept: Option<&'static str>| {
        let mut request = raw.get(format!("{}{CATALOG_FEED_PATH}", server.url()));
        if let Some(accept) = accept {
            request = request.header("accept-encoding", accept);
        }
        async move {
            let response = request.send().await.unwrap();
            let encoding = response
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_owned());
            (encoding, response.bytes().await.unwrap().len())
        }
    };
    let (none, plain) = fetch(None).await;
    assert_eq!(none, None);
    let core_offers: &'static str = accept_encoding_of_the_core().await.leak();
    for (accept, expected) in [(core_offers, "zstd"), ("gzip", "gzip")] {
        let (encoding, compressed) = fetch(Some(accept)).await;
        assert_eq!(encoding.as_deref(), Some(expected), "for {accept}");
        assert!(
            compressed * 4 < plain,
            "{expected} {compressed} bytes vs plain {plain}"
        );
    }
}

#[tokio::test]
async fn a_bad_cursor_is_a_clear_400() {
    let server = TestServer::start(true).await;
    let response = reqwest::get(format!("{}{CATALOG_FEED_PATH}?after=abc", server.url()))
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::BadRequest);
}

#[tokio::test]
async fn a_renamed_procedure_is_found_by_its_new_name_only() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;
    core.sync().await.unwrap();
    let count = core.status().await.unwrap().procedure_count;
    let hit = core.search("dang ky khai sinh").await.unwrap()[0].clone();
    let mut renamed = core.procedure(&hit.id).await.unwrap();
    renamed.name.vi = "Khai báo sinh con trực tuyến".to_owned();
    store::upsert(server.server.db(), &[renamed]).await.unwrap();

    let report = core.sync().await.unwrap();
    assert_eq!((report.upserts, report.tombstones), (1, 0));
    assert_eq!(core.status().await.unwrap().procedure_count, count);
    let hits = core.search("khai bao sinh con").await.unwrap();
    assert_eq!(hits[0].id, hit.id);
    // Its documents still mention the old words, so it may still match, but no longer by name:
    // every procedure named with the words comes before it.
    let hits = core.search("dang ky khai sinh").await.unwrap();
    let named = hits
        .iter()
        .take_while(|h| h.name.vi.to_lowercase().contains("khai sinh"))
        .count();
    assert!(named >= 3, "{hits:?}");
    assert!(hits[..named].iter().all(|h| h.id != hit.id), "{hits:?}");
}

#[tokio::test]
async fn withdrawn_procedures_arrive_as_tombstones_and_leave_search() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;
    core.sync().await.unwrap();
    let before = core.status().await.unwrap().procedure_count;
    let birth = core.search("dang ky khai sinh").await.unwrap()[0].clone();

    assert!(store::retire(server.server.db(), &birth.id).await.unwrap());
    let report = core.sync().await.unwrap();
    assert_eq!(report.tombstones, 1);
    assert_eq!(core.status().await.unwrap().procedure_count, before - 1);
    assert!(core
        .search("dang ky khai sinh")
        .await
        .unwrap()
        .iter()
        .all(|h| h.id != birth.id));
    assert!(matches!(
        core.procedure(&birth.id).await,
        Err(CoreError::NotFound(_))
    ));
}

#[tokio::test]
async fn a_large_catalogue_syncs_in_pages() {
    let server = TestServer::start(false).await;
    seed::seed_synthetic(server.server.db(), 4_500)
        .await
        .unwrap();
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;
    let report = core.sync().await.unwrap();
    assert_eq!(report.upserts, 4_500);
    assert_eq!(report.pages, 3, "2,000 per page");
}

#[tokio::test]
async fn with_the_server_gone_search_still_works_and_status_says_offline() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;
    core.sync().await.unwrap();
    let synced_at = core.status().await.unwrap().last_sync_at;
    server.server.shutdown().await.unwrap();

    let status = core
        .refresh()
        .await
        .expect("offline is a state, not an error");
    assert!(!status.online);
    assert_eq!(status.last_sync_at, synced_at);
    assert!(matches!(core.sync().await, Err(CoreError::Unreachable(_))));
    assert_eq!(
        core.search("dang ky khai sinh").await.unwrap()[0].name.vi,
        "Đăng ký khai sinh"
    );
}

/// A server that answers every request with `response` (or, with None, never answers).
/// The Accept-Encoding header of the core's feed requests, read off a bare socket.
async fn accept_encoding_of_the_core() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let capture = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 8192];
        let n = socket.read(&mut buf).await.unwrap();
        String::from_utf8_lossy(&buf[..n]).into_owned()
    });
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &url).await;
    // The socket closes unanswered: this sync fails, having sent its request.
    let _ = core.sync().await;
    let request = capture.await.unwrap();
    request
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("accept-encoding")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no accept-encoding in {request}"))
}

async fn fake_server(response: Option<&'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                match response {
                    Some(r) => {
                        let _ = socket.write_all(r.as_bytes()).await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(60)).await,
                }
            });
        }
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn garbage_from_the_server_is_an_error_and_keeps_what_the_store_had() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;
    core.sync().await.unwrap();
    let count = core.status().await.unwrap().procedure_count;
    core.close().await;

    let garbage = fake_server(Some(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{\"changes\":[",
    ))
    .await;
    let core = open_core(app.path(), &garbage).await;
    let err = core.sync().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ServerBadResponse, "{err}");
    let body = core.error_body(&err);
    assert!(!body.message.is_empty() && !body.message.contains("error-"));
    assert!(
        core.status().await.unwrap().online,
        "the server answered, just wrongly"
    );
    assert_eq!(core.status().await.unwrap().procedure_count, count);
    assert_eq!(
        core.search("dang ky khai sinh").await.unwrap()[0].name.vi,
        "Đăng ký khai sinh"
    );
}

#[tokio::test]
async fn a_hanging_server_times_out_as_unreachable() {
    let hanging = fake_server(None).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &hanging).await;
    let started = std::time::Instant::now();
    let err = core.sync().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::ServerUnreachable);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!core.status().await.unwrap().online);
}

#[tokio::test]
async fn a_corrupt_local_store_is_set_aside_and_rebuilt() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let garbage = b"this is not an SQLite database, it is what a failing SD card left".repeat(100);
    std::fs::write(app.path().join(citizen_core::store::STORE_FILE), &garbage).unwrap();

    let core = open_core(app.path(), &server.url()).await;
    let status = core.status().await.unwrap();
    assert_eq!(
        status.notice.map(|n| n.code),
        Some(ErrorCode::StoreRecovered)
    );
    let aside: Vec<_> = std::fs::read_dir(app.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept, not deleted");
    assert_eq!(std::fs::read(aside[0].path()).unwrap(), garbage);

    core.sync().await.unwrap();
    assert!(core.status().await.unwrap().procedure_count >= 300);
}

#[tokio::test]
async fn bad_queries_get_localized_errors_in_both_languages() {
    let server = TestServer::start(true).await;
    let app = tempfile::tempdir().unwrap();
    let core = open_core(app.path(), &server.url()).await;
    core.sync().await.unwrap();

    let long = core.search(&"khai sinh ".repeat(200)).await.unwrap_err();
    assert_eq!(long.code(), ErrorCode::QueryTooLong);
    let vi = core.error_body(&long).message;
    core.set_locale("en").unwrap();
    let en = core.error_body(&long).message;
    assert!(vi.contains("200") && en.contains("200"));
    assert_ne!(vi, en);

    let none = core.search("🙂 !!! \"*").await.unwrap_err();
    assert_eq!(none.code(), ErrorCode::QueryNoWords);
    assert!(core.set_locale("fr").is_err());
    // FTS5 syntax typed by a resident is only text.
    assert!(core.search("khai OR sinh NEAR(\"x\") *").await.is_ok());
    assert_eq!(
        core.search("").await.unwrap().len(),
        50,
        "a blank query lists the catalogue"
    );
}

/// A demo database from an older build (here: a procedure without its form) is brought up to date
/// at start, and an up-to-date one is left alone: no procedure's seq moves for nothing.
#[tokio::test]
async fn the_demo_seed_writes_only_what_changed() {
    let server = TestServer::start(true).await;
    let db = server.server.db();
    assert_eq!(seed::seed_demo(db).await.unwrap(), 0);
    let birth = citizen_server::catalog::taxonomy::demo_catalog()
        .into_iter()
        .find(|p| p.name.vi == "Đăng ký khai sinh")
        .unwrap();
    let mut older = birth.clone();
    older.form = None;
    store::upsert(db, &[older]).await.unwrap();
    assert_eq!(seed::seed_demo(db).await.unwrap(), 1);
    assert_eq!(store::published(db, &birth.id).await.unwrap(), Some(birth));
    assert_eq!(seed::seed_demo(db).await.unwrap(), 0);
}
