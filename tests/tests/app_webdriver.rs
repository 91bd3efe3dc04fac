//! The real desktop app, driven over WebDriver (tauri-driver + WebKitWebDriver) under Xvfb,
//! against a real server on loopback: search, open a procedure, lose the server, search again.
//!
//! Needs the built app (`CITIZEN_APP_BIN`, else `<target>/debug/citizen-app`), `tauri-driver` on
//! PATH and a display; `scripts/test` provides all three, hence `#[ignore]` for plain
//! `cargo test`.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use citizen_tests::{free_port, workspace_binary, TestServer};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(30);

/// tauri-driver runs in a process group of its own with the WebKitWebDriver it starts; the
/// whole group goes when this is dropped, so no driver outlives the test.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.0.wait();
    }
}

fn app_binary() -> PathBuf {
    if let Ok(bin) = std::env::var("CITIZEN_APP_BIN") {
        return PathBuf::from(bin);
    }
    workspace_binary("citizen-app")
}

fn by_testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

async fn find(client: &Client, id: &str) -> Element {
    client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(&by_testid(id)))
        .await
        .unwrap_or_else(|e| panic!("no element {id}: {e}"))
}

/// Polls until the first search hit reads `expected`; typing is debounced and the first sync
/// may still be running, so the list takes a moment.
async fn first_result_becomes(client: &Client, expected: &str) -> Element {
    let started = Instant::now();
    loop {
        if let Ok(hits) = client
            .find_all(Locator::Css(&by_testid("catalog-result")))
            .await
        {
            if let Some(first) = hits.into_iter().next() {
                if first.text().await.is_ok_and(|t| t.contains(expected)) {
                    return first;
                }
            }
        }
        if started.elapsed() > PATIENCE {
            shot(client, "failure").await;
            panic!("first result never became {expected:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn text_becomes(client: &Client, id: &str, expected: &str) {
    let started = Instant::now();
    loop {
        let text = find(client, id).await.text().await.unwrap_or_default();
        if text.trim() == expected {
            return;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{id} shows {text:?}, expected {expected:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn search(client: &Client, query: &str) {
    let input = find(client, "catalog-search").await;
    input.clear().await.unwrap();
    input.send_keys(query).await.unwrap();
}

/// Types `query`, waits for `title` to lead the results, opens it and checks the detail heading.
async fn search_and_open_first(client: &Client, query: &str, title: &str) {
    search(client, query).await;
    first_result_becomes(client, title)
        .await
        .click()
        .await
        .unwrap();
    text_becomes(client, "procedure-title", title).await;
}

async fn shot(client: &Client, name: &str) {
    if let Ok(dir) = std::env::var("CITIZEN_E2E_SHOTS") {
        let png = client.screenshot().await.unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(PathBuf::from(dir).join(format!("{name}.png")), png).unwrap();
    }
}

/// Starts the real app (through tauri-driver) against `server_url` with its store in `data_dir`,
/// plus `extra` command-line arguments, and opens a WebDriver session on it.
async fn start_app(server_url: &str, data_dir: &Path, extra: &[&str]) -> (Driver, Client) {
    let app = app_binary();
    assert!(
        app.exists(),
        "build the app first: {} is missing",
        app.display()
    );
    let (port, native_port) = (free_port(), free_port());
    let driver = Driver(
        Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("tauri-driver on PATH (scripts/setup installs it)"),
    );
    let mut args = vec![
        "--server".to_owned(),
        server_url.to_owned(),
        "--data-dir".to_owned(),
        data_dir.display().to_string(),
        "--sync-interval".to_owned(),
        "1".to_owned(),
    ];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app, "args": args }),
    );
    let started = Instant::now();
    let client = loop {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => break client,
            Err(e) if started.elapsed() < PATIENCE => {
                tracing::debug!(error = %e, "tauri-driver not ready yet");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => panic!("could not start a WebDriver session: {e}"),
        }
    };
    (driver, client)
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run through scripts/test"]
async fn search_open_then_search_again_with_the_server_gone() {
    let server = TestServer::start(true).await;
    let birth = citizen_server::catalog::taxonomy::demo_catalog()
        .into_iter()
        .find(|p| p.name.vi == "Đăng ký khai sinh")
        .expect("the demo catalogue has birth registration");
    let app_data = tempfile::tempdir().unwrap();

    let (driver, client) = start_app(&server.url(), app_data.path(), &[]).await;

    // Online: home → catalogue → search → detail.
    find(&client, "nav-catalog").await.click().await.unwrap();
    search_and_open_first(&client, "dang ky khai sinh", "Đăng ký khai sinh").await;
    shot(&client, "1-detail-online").await;
    assert!(client
        .find(Locator::Css(&by_testid("offline-banner")))
        .await
        .is_err());

    // The server goes away: the banner appears and search still answers from the local store.
    // The banner first: it pushes the page down as it appears. Once in CI the app stayed on the
    // detail screen after "back" was clicked right after the shutdown, most likely because the
    // banner appeared between the button's location being read and the click.
    server.server.shutdown().await.unwrap();
    find(&client, "offline-banner").await;
    find(&client, "back").await.click().await.unwrap();
    search_and_open_first(&client, "dang ki khai sinh", "Đăng ký khai sinh").await;
    shot(&client, "2-detail-offline").await;

    // Every string follows the language switch, the procedure's name included.
    find(&client, "lang-switch").await.click().await.unwrap();
    text_becomes(&client, "procedure-title", &birth.name.en).await;
    shot(&client, "3-detail-english").await;

    // The window's capability grants the app's own commands and nothing else: a script in the
    // webview cannot retitle or close windows, nor reach a file-system plugin.
    let outcomes = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             const invoke = window.__TAURI_INTERNALS__.invoke; \
             const outcome = (cmd, args) => invoke(cmd, args).then(() => 'allowed', (e) => 'refused: ' + String(e)); \
             Promise.all([ \
               outcome('app_status', {}), \
               outcome('plugin:window|set_title', { label: 'main', value: 'pwned' }), \
               outcome('plugin:window|close', { label: 'main' }), \
               outcome('plugin:fs|read_text_file', { path: '/etc/passwd' }), \
             ]).then(done);",
            vec![],
        )
        .await
        .unwrap();
    let outcomes: Vec<String> = serde_json::from_value(outcomes).unwrap();
    assert_eq!(outcomes[0], "allowed", "{outcomes:?}");
    for refused in &outcomes[1..] {
        assert!(refused.starts_with("refused: "), "{outcomes:?}");
    }
    assert!(outcomes[1].contains("not allowed"), "{outcomes:?}");

    client.close().await.unwrap();
    drop(driver);
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run through scripts/test"]
async fn signs_in_with_the_sandbox_eid_signs_out_and_lets_the_next_resident_in() {
    let server = TestServer::start(true).await;
    let app_data = tempfile::tempdir().unwrap();
    // The app's browser is the sandbox-playing stand-in; it signs in as the resident named here.
    let resident = app_data.path().join("resident");
    std::fs::write(&resident, "1").unwrap();
    let browser = format!(
        "{} {}",
        env!("CARGO_BIN_EXE_sandbox-browser"),
        resident.display()
    );
    let (driver, client) = start_app(
        &server.url(),
        app_data.path(),
        &["--browser", &browser, "--keyring", "kernel"],
    )
    .await;

    find(&client, "account").await.click().await.unwrap();
    find(&client, "sign-in").await.click().await.unwrap();
    text_becomes(&client, "profile-name", "Trần Thị Bình").await;
    text_becomes(&client, "profile-pin", "046192000002").await;
    shot(&client, "4-profile").await;

    find(&client, "sign-out").await.click().await.unwrap();
    find(&client, "sign-in").await;

    // Another resident on the same laptop sees only their own details.
    std::fs::write(&resident, "3").unwrap();
    find(&client, "sign-in").await.click().await.unwrap();
    text_becomes(&client, "profile-name", "Phạm Thị Dung").await;
    shot(&client, "5-profile-next-resident").await;

    client.close().await.unwrap();
    drop(driver);
}

/// Sets a field the way a date picker would (WebKitGTK's date input takes no typed keys).
async fn pick(client: &Client, id: &str, value: &str) {
    let field = find(client, id).await;
    client
        .execute(
            "const [el, value] = arguments; el.value = value; \
             el.dispatchEvent(new Event('input', { bubbles: true })); \
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::to_value(&field).unwrap(), json!(value)],
        )
        .await
        .unwrap();
}

async fn attr_becomes(client: &Client, id: &str, attr: &str, expected: &str) {
    let started = Instant::now();
    loop {
        let value = match client.find(Locator::Css(&by_testid(id))).await {
            Ok(element) => element.attr(attr).await.ok().flatten(),
            Err(_) => None,
        };
        if value.as_deref() == Some(expected) {
            return;
        }
        if started.elapsed() > PATIENCE {
            shot(client, "failure").await;
            panic!("{id}[{attr}] is {value:?}, expected {expected:?}");
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// A server on a fixed loopback port (so it can stop and come back at the same address) and the
/// real app signed in as the sandbox e-ID's resident 1, Trần Thị Bình.
struct Scene {
    server_dir: tempfile::TempDir,
    config: citizen_server::ServerConfig,
    server: citizen_server::Server,
    url: String,
    app_data: tempfile::TempDir,
    /// The app's arguments, for restarting it the same way.
    args: Vec<String>,
    driver: Driver,
    client: Client,
}

impl Scene {
    async fn signed_in() -> Scene {
        Scene::signed_in_with(&[]).await
    }

    /// Signed in likewise, the app started with `extra` arguments too (e.g. `--kiosk`).
    async fn signed_in_with(extra: &[&str]) -> Scene {
        let scene = Scene::started_with(extra).await;
        find(&scene.client, "account").await.click().await.unwrap();
        find(&scene.client, "sign-in").await.click().await.unwrap();
        text_becomes(&scene.client, "profile-name", "Trần Thị Bình").await;
        scene
    }

    /// A server and the app, nobody signed in yet. The system browser's stand-in signs in as
    /// the demo resident whose index is in `<app data>/resident` (Bình, 1, to begin with).
    async fn started_with(extra: &[&str]) -> Scene {
        let server_dir = tempfile::tempdir().unwrap();
        let mut config = citizen_tests::server_config(server_dir.path());
        config.listen = ([127, 0, 0, 1], free_port()).into();
        let server = citizen_server::Server::start(&config).await.unwrap();
        let url = server.url();
        let app_data = tempfile::tempdir().unwrap();
        let resident = app_data.path().join("resident");
        std::fs::write(&resident, "1").unwrap();
        let browser = format!(
            "{} {}",
            env!("CARGO_BIN_EXE_sandbox-browser"),
            resident.display()
        );
        let args = vec![
            "--browser".to_owned(),
            browser,
            "--keyring".to_owned(),
            "kernel".to_owned(),
            "--export-dir".to_owned(),
            app_data.path().join("exports").display().to_string(),
        ];
        let args: Vec<String> = args
            .into_iter()
            .chain(extra.iter().map(|a| (*a).to_owned()))
            .collect();
        let borrowed: Vec<&str> = args.iter().map(String::as_str).collect();
        let (driver, client) = start_app(&url, app_data.path(), &borrowed).await;
        Scene {
            server_dir,
            config,
            server,
            url,
            app_data,
            args,
            driver,
            client,
        }
    }
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run through scripts/test"]
async fn a_dossier_submitted_offline_survives_a_restart_and_follows_the_officer() {
    use citizen_tests::staff_cli::StaffCli;

    let Scene {
        server_dir,
        config,
        server,
        url,
        app_data,
        args,
        driver,
        client,
    } = Scene::signed_in().await;
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    find(&client, "app-name").await.click().await.unwrap();
    find(&client, "nav-catalog").await.click().await.unwrap();
    search_and_open_first(&client, "dang ky khai sinh", "Đăng ký khai sinh").await;
    find(&client, "procedure-start")
        .await
        .click()
        .await
        .unwrap();

    // Entered once: the e-ID's details are there, locked; the rest is typed.
    let name = find(&client, "form-field-applicant_name").await;
    assert_eq!(
        name.prop("value").await.unwrap().as_deref(),
        Some("Trần Thị Bình")
    );
    assert!(name.attr("readonly").await.unwrap().is_some(), "locked");
    for (field, text) in [
        ("applicant_phone", "0905 123 456"),
        ("child_name", "Trần Bảo An"),
        ("child_birth_place", "Bệnh viện Trung ương Huế"),
        ("child_ethnicity", "Kinh"),
        ("mother_name", "Trần Thị Bình"),
        ("mother_pin", "046192000002"),
    ] {
        find(&client, &format!("form-field-{field}"))
            .await
            .send_keys(text)
            .await
            .unwrap();
    }
    pick(&client, "form-field-child_birth_date", "2026-11-02").await;
    for (select, option) in [("child_sex", "nam"), ("relationship", "me")] {
        client
            .find(Locator::Css(&format!(
                "{} option[value=\"{option}\"]",
                by_testid(&format!("form-field-{select}"))
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    let photo = app_data.path().join("giay-chung-sinh.jpg");
    std::fs::write(
        &photo,
        citizen_tests::dossiers::photo_of_size(3, 2_400, 1_800),
    )
    .unwrap();
    find(&client, "form-field-birth_certificate")
        .await
        .send_keys(&photo.display().to_string())
        .await
        .unwrap();
    text_becomes(&client, "form-file", "giay-chung-sinh.jpg").await;
    shot(&client, "6-form-filled").await;

    // The server goes away; the resident submits anyway: the dossier waits on the device.
    server.shutdown().await.unwrap();
    find(&client, "dossier-submit").await.click().await.unwrap();
    attr_becomes(&client, "outbox-state", "data-state", "waiting").await;
    attr_becomes(&client, "outbox-count", "data-count", "1").await;
    shot(&client, "7-waiting-to-send").await;

    // The app restarts, still offline: the dossier is still waiting.
    client.close().await.unwrap();
    drop(driver);
    let (driver, client) = start_app(&url, app_data.path(), &args).await;
    find(&client, "nav-dossiers").await.click().await.unwrap();
    attr_becomes(&client, "outbox-state", "data-state", "waiting").await;
    attr_becomes(&client, "outbox-count", "data-count", "1").await;

    // The server comes back: the dossier is delivered, once, and gets its code.
    let server = citizen_server::Server::start(&config).await.unwrap();
    attr_becomes(&client, "outbox-count", "data-count", "0").await;
    attr_becomes(&client, "dossier-status", "data-status", "received").await;
    let code = find(&client, "dossier-code").await.text().await.unwrap();
    assert!(code.starts_with("H57."), "{code}");
    let on_server: Vec<String> = sqlx::query_scalar("SELECT code FROM dossiers")
        .fetch_all(server.db())
        .await
        .unwrap();
    assert_eq!(on_server, vec![code.clone()], "delivered exactly once");
    shot(&client, "8-delivered").await;

    // An officer moves it from the command line; the app follows, and tells the resident.
    let agency: String = sqlx::query_scalar("SELECT agency_vi FROM dossiers WHERE code = $1")
        .bind(&code)
        .fetch_one(server.db())
        .await
        .unwrap();
    let cli = StaffCli {
        server_dir: server_dir.path().to_path_buf(),
        server_url: url.clone(),
    };
    let token = cli.add_officer("Lê Văn Tâm", &agency).await;
    cli.ok(
        &[
            "staff",
            "move",
            &code,
            "--to",
            "needs-info",
            "--message",
            "Xin bổ sung ảnh rõ hơn của giấy chứng sinh.",
        ],
        Some(&token),
    )
    .await;
    attr_becomes(&client, "dossier-status", "data-status", "needs-info").await;
    text_becomes(
        &client,
        "dossier-message",
        "Xin bổ sung ảnh rõ hơn của giấy chứng sinh.",
    )
    .await;
    find(&client, "back").await.click().await.unwrap();
    // Two pieces of news: received (it was sent while the resident was away), then the request.
    attr_becomes(&client, "unread-count", "data-count", "2").await;
    find(&client, "nav-notifications")
        .await
        .click()
        .await
        .unwrap();
    let newest = find(&client, "notification").await.text().await.unwrap();
    assert!(
        newest.contains(&format!("Hồ sơ {code} cần bổ sung")),
        "{newest}"
    );
    assert!(newest.contains("Xin bổ sung ảnh rõ hơn"), "{newest}");
    find(&client, "back").await.click().await.unwrap();
    assert!(
        client
            .find(Locator::Css(&by_testid("unread-count")))
            .await
            .is_err(),
        "opened notifications are read"
    );
    shot(&client, "9-needs-info").await;

    // The resident answers with a clearer photo; the dossier goes back to the officer.
    find(&client, "nav-dossiers").await.click().await.unwrap();
    find(&client, "answer-message")
        .await
        .send_keys("Đã chụp lại giấy chứng sinh.")
        .await
        .unwrap();
    let clearer = app_data.path().join("giay-chung-sinh-ro.jpg");
    std::fs::write(&clearer, citizen_tests::dossiers::photo(8)).unwrap();
    find(&client, "answer-file")
        .await
        .send_keys(&clearer.display().to_string())
        .await
        .unwrap();
    text_becomes(&client, "answer-attached", "giay-chung-sinh-ro.jpg").await;
    find(&client, "answer-submit").await.click().await.unwrap();
    attr_becomes(&client, "dossier-status", "data-status", "processing").await;
    text_becomes(&client, "dossier-answer", "Đã chụp lại giấy chứng sinh.").await;
    attr_becomes(&client, "outbox-count", "data-count", "0").await;
    let steps: Vec<(String, i64)> = sqlx::query_as(
        "SELECT e.status, e.by_resident FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
         WHERE d.code = $1 ORDER BY position",
    )
    .bind(&code)
    .fetch_all(server.db())
    .await
    .unwrap();
    assert_eq!(
        steps,
        vec![
            ("received".to_owned(), 0),
            ("needs-info".to_owned(), 0),
            ("processing".to_owned(), 1)
        ]
    );
    shot(&client, "10-answered").await;

    client.close().await.unwrap();
    drop(driver);
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run through scripts/test"]
async fn a_report_filed_offline_is_resolved_rated_and_shown_publicly_without_its_reporter() {
    use citizen_tests::staff_cli::StaffCli;

    let Scene {
        server_dir,
        config,
        server,
        url,
        app_data,
        args,
        driver,
        client,
    } = Scene::signed_in().await;
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    // The categories came with the catalogue; then the network goes.
    find(&client, "app-name").await.click().await.unwrap();
    find(&client, "nav-reports").await.click().await.unwrap();
    find(&client, "report-new").await.click().await.unwrap();
    let light = format!(
        "{} option[value=\"chieu-sang\"]",
        by_testid("report-category")
    );
    client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(&light))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    server.shutdown().await.unwrap();
    find(&client, "report-title")
        .await
        .send_keys("Đèn đường không sáng")
        .await
        .unwrap();
    find(&client, "report-description")
        .await
        .send_keys("Ba cột đèn trước số 12 Lê Lợi tắt từ tối thứ Hai.")
        .await
        .unwrap();
    let photo = app_data.path().join("den-hong.jpg");
    std::fs::write(
        &photo,
        citizen_tests::dossiers::photo_of_size(5, 1_600, 1_200),
    )
    .unwrap();
    find(&client, "report-photo")
        .await
        .send_keys(&photo.display().to_string())
        .await
        .unwrap();
    find(&client, "report-photo-item").await;
    // A pin where the map opens: central Huế.
    find(&client, "map-pin-center").await.click().await.unwrap();
    let pinned = find(&client, "report-location").await;
    assert!(pinned.attr("data-lat").await.unwrap().is_some(), "pinned");
    find(&client, "report-public").await.click().await.unwrap();
    shot(&client, "11-report-filled").await;
    find(&client, "report-submit").await.click().await.unwrap();
    attr_becomes(&client, "outbox-state", "data-state", "waiting").await;
    shot(&client, "12-report-waiting").await;

    // Restarted, still offline: still waiting. Then the server is back: delivered once.
    client.close().await.unwrap();
    drop(driver);
    let (driver, client) = start_app(&url, app_data.path(), &args).await;
    find(&client, "nav-reports").await.click().await.unwrap();
    attr_becomes(&client, "outbox-state", "data-state", "waiting").await;
    let server = citizen_server::Server::start(&config).await.unwrap();
    attr_becomes(&client, "report-status", "data-status", "received").await;
    let code = find(&client, "report-code").await.text().await.unwrap();
    let on_server: Vec<(String, String)> = sqlx::query_as("SELECT code, agency_vi FROM reports")
        .fetch_all(server.db())
        .await
        .unwrap();
    assert_eq!(on_server.len(), 1, "delivered exactly once");
    let (server_code, agency) = on_server.into_iter().next().unwrap();
    assert_eq!(server_code, code);
    let photos: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM report_photos")
        .fetch_one(server.db())
        .await
        .unwrap();
    assert_eq!(photos, 1);

    // An officer resolves it from the command line; the resident sees it and rates it.
    let cli = StaffCli {
        server_dir: server_dir.path().to_path_buf(),
        server_url: url.clone(),
    };
    let token = cli.add_officer("Lê Văn Tâm", &agency).await;
    let after = app_data.path().join("sau.jpg");
    std::fs::write(&after, citizen_tests::dossiers::photo(6)).unwrap();
    cli.ok(
        &["staff", "reports", "move", &code, "--to", "in-progress"],
        Some(&token),
    )
    .await;
    cli.ok(
        &[
            "staff",
            "reports",
            "move",
            &code,
            "--to",
            "resolved",
            "--message",
            "Đã thay bóng đèn LED mới.",
            "--photo",
            after.to_str().unwrap(),
        ],
        Some(&token),
    )
    .await;
    attr_becomes(&client, "report-status", "data-status", "resolved").await;
    text_becomes(&client, "report-message", "Đã thay bóng đèn LED mới.").await;
    let five = format!("{} [data-stars=\"5\"]", by_testid("report-rating"));
    client
        .find(Locator::Css(&five))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let started = Instant::now();
    loop {
        let rating: Option<i64> = sqlx::query_scalar("SELECT rating FROM reports WHERE code = $1")
            .bind(&code)
            .fetch_one(server.db())
            .await
            .unwrap();
        if rating == Some(5) {
            break;
        }
        assert!(started.elapsed() < PATIENCE, "the rating never arrived");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    shot(&client, "13-report-resolved-rated").await;

    // The public feed shows it, and nothing of who sent it.
    find(&client, "reports-public-link")
        .await
        .click()
        .await
        .unwrap();
    let item = client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(&format!(
            "{}[data-code=\"{code}\"]",
            by_testid("public-feed-item")
        )))
        .await
        .unwrap();
    let text = item.text().await.unwrap();
    assert!(text.contains("Đèn đường không sáng"), "{text}");
    for identity in ["Trần Thị Bình", "046192000002"] {
        assert!(!text.contains(identity), "{identity} in {text}");
    }
    shot(&client, "14-public-feed").await;

    client.close().await.unwrap();
    drop(driver);
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run through scripts/test"]
async fn a_fee_is_paid_through_the_sandbox_gateway_once_and_the_receipt_is_kept() {
    use citizen_tests::payments::{submit_fee_dossier, FEE_VND};

    let Scene {
        server_dir: _server_dir,
        config,
        server,
        url,
        app_data,
        args: _args,
        driver,
        client,
    } = Scene::signed_in().await;
    // The same resident applied for a certified extract (8,000 đồng) from another device.
    let resident = citizen_tests::dossiers::Resident::at(&url, 1).await;
    let dossier = submit_fee_dossier(&resident, "e2e-fee").await;
    let reference = dossier.invoice.as_ref().unwrap().reference.clone();

    find(&client, "app-name").await.click().await.unwrap();
    find(&client, "nav-payments").await.click().await.unwrap();
    attr_becomes(
        &client,
        "invoice-amount",
        "data-amount",
        &FEE_VND.to_string(),
    )
    .await;
    attr_becomes(&client, "payment-status", "data-status", "unpaid").await;
    attr_becomes(&client, "dossier-status", "data-status", "awaiting-payment").await;
    shot(&client, "20-fee-owed").await;

    // Offline, the VietQR code still shows: it is drawn on the device from what was synced.
    server.shutdown().await.unwrap();
    find(&client, "pay-vietqr").await.click().await.unwrap();
    let figure = find(&client, "vietqr").await;
    assert!(figure.find(Locator::Css("svg")).await.is_ok(), "a QR code");
    let payload = figure.attr("data-payload").await.unwrap().unwrap();
    shot(&client, "21-vietqr-offline").await;
    // An independent EMVCo parser reads back what the app shows.
    let parsed = citizen_tests::emvco_parser::parse_with_vietqr_emvco(&[payload]);
    let fields = &parsed[0];
    assert_eq!(fields["crc_ok"], true, "{fields}");
    assert_eq!(fields["amount"].as_f64(), Some(FEE_VND as f64), "{fields}");
    assert_eq!(fields["memo"], reference.as_str(), "{fields}");
    assert_eq!(fields["currency"], "704");
    assert_eq!(fields["country_code"], "VN");
    assert_eq!(fields["napas_guid"], "A000000727");

    // Paying by card needs the network: offline it says so, and nothing is queued.
    find(&client, "pay-gateway").await.click().await.unwrap();
    let refusal = find(&client, "payment-error").await.text().await.unwrap();
    assert!(refusal.contains("Không kết nối được máy chủ"), "{refusal}");

    // Back online, the resident pays at the gateway; the app hears it from the server.
    let server = citizen_server::Server::start(&config).await.unwrap();
    find(&client, "pay-gateway").await.click().await.unwrap();
    attr_becomes(&client, "payment-status", "data-status", "paid").await;
    attr_becomes(&client, "dossier-status", "data-status", "received").await;
    shot(&client, "22-paid").await;
    let back = std::fs::read_to_string(app_data.path().join("gateway-return.html")).unwrap();
    assert!(back.contains("Đã thanh toán"), "{back}");

    let payments: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM payments WHERE invoice_reference = $1 AND outcome = 'accepted'",
    )
    .bind(&reference)
    .fetch_one(server.db())
    .await
    .unwrap();
    assert_eq!(payments, 1);

    // The receipt: shown, then saved as a PDF.
    find(&client, "receipt-open").await.click().await.unwrap();
    let number = find(&client, "receipt-number").await.text().await.unwrap();
    assert!(number.starts_with("BL-20"), "{number}");
    find(&client, "receipt-export").await.click().await.unwrap();
    let saved = find(&client, "receipt-saved")
        .await
        .attr("data-path")
        .await
        .unwrap()
        .unwrap();
    assert!(
        saved.ends_with(&format!("bien-lai-{number}.pdf")),
        "{saved}"
    );
    let pdf = std::fs::read(&saved).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    shot(&client, "23-receipt").await;

    client.close().await.unwrap();
    drop(driver);
    server.shutdown().await.unwrap();
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run through scripts/test"]
async fn a_kiosk_session_ends_when_left_alone_and_leaves_nothing_behind() {
    let Scene {
        server_dir: _server_dir,
        server,
        url,
        app_data,
        driver,
        client,
        ..
    } = Scene::started_with(&["--kiosk", "--idle-timeout", "10"]).await;

    // The kiosk shows a QR code and a short code; her phone opens the link and approves.
    find(&client, "account").await.click().await.unwrap();
    find(&client, "kiosk-qr").await;
    let code = find(&client, "kiosk-user-code").await.text().await.unwrap();
    assert_eq!(code.len(), 9, "a code like BCDF-GHJK: {code}");
    shot(&client, "30-kiosk-hand-off").await;
    let answer = citizen_tests::hand_off::answer_on_phone(
        &format!("{url}/device?user_code={code}"),
        1,
        true,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.html);
    text_becomes(&client, "profile-name", "Trần Thị Bình").await;
    assert!(
        client
            .find(Locator::Css(&by_testid("sign-out-everywhere")))
            .await
            .is_err(),
        "a kiosk session does not offer what it may not do"
    );

    // She submits a dossier with a fee from the kiosk.
    find(&client, "app-name").await.click().await.unwrap();
    find(&client, "nav-catalog").await.click().await.unwrap();
    search_and_open_first(
        &client,
        "trich luc ho tich",
        citizen_tests::payments::FEE_PROCEDURE,
    )
    .await;
    find(&client, "procedure-start")
        .await
        .click()
        .await
        .unwrap();
    for (field, text) in [
        ("applicant_phone", "0905 123 456"),
        ("subject_name", "Trần Bảo An"),
    ] {
        find(&client, &format!("form-field-{field}"))
            .await
            .send_keys(text)
            .await
            .unwrap();
    }
    pick(&client, "form-field-event_date", "2026-11-02").await;
    pick(&client, "form-field-copies", "2").await;
    client
        .find(Locator::Css(&format!(
            "{} option[value=\"khai-sinh\"]",
            by_testid("form-field-event")
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    find(&client, "dossier-submit").await.click().await.unwrap();
    attr_becomes(&client, "dossier-status", "data-status", "awaiting-payment").await;
    let on_server: Vec<String> = sqlx::query_scalar(
        "SELECT d.code FROM dossiers d JOIN citizens c ON c.id = d.citizen_id
         WHERE c.full_name = 'Trần Thị Bình'",
    )
    .fetch_all(server.db())
    .await
    .unwrap();
    assert_eq!(
        on_server.len(),
        1,
        "the kiosk's dossier reached the server once"
    );
    shot(&client, "31-kiosk-dossier").await;

    let me = &citizen_server::identity::sandbox::RESIDENTS[1];
    let personal = [
        me.full_name,
        me.personal_id_number,
        me.birth_date,
        me.address,
    ];
    let holding = |needle: &str| {
        citizen_tests::files_holding(app_data.path(), needle)
            .iter()
            .map(|file| format!("{needle} in {}", file.display()))
            .collect::<Vec<_>>()
    };
    // Encrypted at rest: no byte shows her name even now, but her store is there, under a key
    // the keyring holds.
    let stores: Vec<String> = std::fs::read_dir(app_data.path().join("citizens"))
        .map(|dir| {
            dir.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(stores.len(), 1, "her store is on the kiosk");
    assert!(
        citizen_tests::at_rest::store_key(app_data.path(), &stores[0])
            .await
            .is_some(),
        "while she is signed in, the keyring holds her store's key"
    );
    assert!(
        holding(me.full_name).is_empty(),
        "her name is never on disk in plaintext"
    );

    // Left alone: the countdown runs out and the session ends.
    let countdown = find(&client, "idle-countdown").await;
    assert!(countdown.attr("data-left").await.unwrap().is_some());
    let started = Instant::now();
    while client
        .find(Locator::Css(&by_testid("idle-countdown")))
        .await
        .is_ok()
    {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the kiosk session never ended"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    shot(&client, "32-kiosk-ended").await;
    find(&client, "nav-catalog").await;
    client.close().await.unwrap();
    drop(driver);

    let left: Vec<String> = personal.iter().flat_map(|n| holding(n)).collect();
    assert!(left.is_empty(), "left behind on the kiosk: {left:?}");
    assert!(
        citizen_tests::at_rest::store_key(app_data.path(), &stores[0])
            .await
            .is_none(),
        "her store's key left the keyring with the session"
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
#[ignore = "needs the built app, tauri-driver and a display: run through scripts/test"]
async fn a_helper_assists_a_resident_who_then_reads_it_in_her_audit_log() {
    const AN: usize = 0;
    const DUNG: usize = 3;
    let Scene {
        server_dir: _server_dir,
        server,
        url,
        app_data,
        driver,
        client,
        ..
    } = Scene::started_with(&[]).await;
    let resident_file = app_data.path().join("resident");
    // An has used the service before, from her own phone.
    citizen_tests::sign_in::signed_in(&url, AN).await;

    // Dung, a community helper, signs in on her laptop and starts assisting.
    std::fs::write(&resident_file, DUNG.to_string()).unwrap();
    find(&client, "account").await.click().await.unwrap();
    find(&client, "sign-in").await.click().await.unwrap();
    text_becomes(&client, "profile-name", "Phạm Thị Dung").await;
    find(&client, "open-assist").await.click().await.unwrap();
    find(&client, "assist-start").await.click().await.unwrap();
    let code = find(&client, "assist-user-code")
        .await
        .text()
        .await
        .unwrap();
    shot(&client, "40-assist-hand-off").await;
    let answer = citizen_tests::hand_off::answer_on_phone(
        &format!("{url}/device?user_code={code}"),
        AN,
        true,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.html);

    // Acting for An: the banner says so on every screen.
    let banner = find(&client, "assist-banner").await;
    let text = banner.text().await.unwrap();
    assert!(
        text.contains("Nguyễn Văn An") && text.contains("Phạm Thị Dung"),
        "{text}"
    );
    find(&client, "nav-dossiers").await.click().await.unwrap();
    find(&client, "assist-banner").await;
    shot(&client, "41-assisting").await;
    find(&client, "assist-end").await.click().await.unwrap();
    find(&client, "account").await.click().await.unwrap();
    text_becomes(&client, "profile-name", "Phạm Thị Dung").await;
    assert!(client
        .find(Locator::Css(&by_testid("assist-banner")))
        .await
        .is_err());
    let an = &citizen_server::identity::sandbox::RESIDENTS[AN];
    assert!(
        citizen_tests::files_holding(app_data.path(), an.personal_id_number).is_empty(),
        "nothing of An's is left on the helper's laptop"
    );

    // Dung signs out; An signs in here and reads what was done in her name.
    find(&client, "sign-out").await.click().await.unwrap();
    std::fs::write(&resident_file, AN.to_string()).unwrap();
    find(&client, "sign-in").await.click().await.unwrap();
    text_becomes(&client, "profile-name", "Nguyễn Văn An").await;
    find(&client, "open-audit").await.click().await.unwrap();
    let items = {
        let started = Instant::now();
        loop {
            let items = client
                .find_all(Locator::Css(&by_testid("audit-log-item")))
                .await
                .unwrap();
            if !items.is_empty() || started.elapsed() > PATIENCE {
                break items;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let mut actions = Vec::new();
    for item in &items {
        actions.push(item.attr("data-action").await.unwrap().unwrap_or_default());
        assert!(item.text().await.unwrap().contains("Phạm Thị Dung"));
    }
    assert!(
        actions.contains(&"session-started".to_owned())
            && actions.contains(&"session-ended".to_owned())
            && actions.contains(&"profile-read".to_owned()),
        "{actions:?}"
    );
    shot(&client, "43-audit-log").await;
    client.close().await.unwrap();
    drop(driver);
    server.shutdown().await.unwrap();
}
