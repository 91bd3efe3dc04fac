//! Accessibility of every screen (issue 7): the app's built UI in Debian's Chromium over the IPC
//! bridge (`citizen_tests::ipc_bridge`, a real core against a real demo server), checked with
//! axe-core at phone (390×844) and desktop (1280×800) sizes, signed in with content and signed
//! out, and with large text on; every control reached by Tab with a visible focus indicator;
//! every image with a text alternative (tests/chromium/axe.mjs). The resident signs out and in
//! again through the UI on the way.
//!
//! With `CITIZEN_SCREENS=<dir>` it also saves phone-size screenshots of the main screens there
//! (`scripts/screens` writes docs/screens).

use std::sync::Arc;

use citizen_tests::browsers::SandboxBrowser;
use citizen_tests::ipc_bridge::{seed_content, IpcBridge, RESIDENT};
use citizen_tests::{open_core, workspace_root, TestServer};
use serde_json::{json, Value};

/// Runs tests/chromium/axe.mjs with `input`; returns what it reported.
async fn axe(input: Value) -> Value {
    let dir = workspace_root().join("tests/chromium");
    assert!(
        dir.join("node_modules/axe-core").exists()
            && dir.join("node_modules/playwright-core").exists(),
        "axe-core or playwright-core is not installed in {}: run scripts/setup",
        dir.display()
    );
    let output = tokio::process::Command::new("node")
        .arg(dir.join("axe.mjs"))
        .arg(input.to_string())
        .output()
        .await
        .expect("node runs (Node.js, see scripts/setup)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Per screen, as it went (a failure's result comes out too, with its `error`).
    eprintln!("{stderr}");
    let report: Value = serde_json::from_str(stdout.lines().last().unwrap_or_default())
        .unwrap_or_else(|e| {
            panic!(
                "axe.mjs printed no result ({e}, {}):\n{stdout}",
                output.status
            )
        });
    assert!(
        output.status.success() && report.get("error").is_none(),
        "axe.mjs stopped ({}): {}\n{}",
        output.status,
        report["error"].as_str().unwrap_or_default(),
        serde_json::to_string_pretty(&report["runs"]).unwrap_or_default()
    );
    report
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_axe_at_phone_and_desktop_sizes_and_is_reachable_by_keyboard() {
    let ui = workspace_root().join("ui/dist");
    assert!(
        ui.join("index.html").exists(),
        "the UI is not built: run `cd ui && npm run build` (scripts/test does)"
    );
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().expect("data dir");
    let core = Arc::new(open_core(data.path(), &server.url()).await);
    let browser = SandboxBrowser::as_resident(RESIDENT);
    let content = seed_content(&core, &browser, &server.url()).await;

    let bridge = IpcBridge::start(core.clone(), Arc::new(browser), ui).await;
    let screens = std::env::var("CITIZEN_SCREENS").ok();
    let report = axe(json!({
        "url": bridge.url,
        "procedureId": content.procedure_id,
        "resident": content.resident_name,
        "screens": screens,
    }))
    .await;

    // A kiosk: its own core (with an idle timer) behind a second bridge; signed out, the account
    // screen is the QR hand-off.
    let kiosk_data = tempfile::tempdir().expect("kiosk data dir");
    let mut config = citizen_core::CoreConfig::new(kiosk_data.path(), server.url());
    config.keyring = citizen_core::auth::vault::KeyringChoice::Kernel;
    config.kiosk_idle_seconds = Some(90);
    let kiosk = Arc::new(citizen_core::Core::open(config).await.expect("kiosk core"));
    kiosk.sync().await.expect("kiosk catalogue");
    let kiosk_bridge = IpcBridge::start(
        kiosk,
        Arc::new(SandboxBrowser::as_resident(RESIDENT)),
        workspace_root().join("ui/dist"),
    )
    .await;
    let kiosk_report = axe(json!({ "url": kiosk_bridge.url, "kiosk": true })).await;

    let runs: Vec<Value> = report["runs"]
        .as_array()
        .expect("runs")
        .iter()
        .chain(kiosk_report["runs"].as_array().expect("kiosk runs"))
        .cloned()
        .collect();
    let runs = &runs;
    println!("screen / size / state: violations (all impacts) and tab stops");
    for run in runs {
        println!(
            "{:<16} {:<8} {:<22} axe {:>2} (serious+critical {}), tab stops {:>3}",
            run["route"].as_str().unwrap_or(""),
            run["size"].as_str().unwrap_or(""),
            run["state"].as_str().unwrap_or(""),
            run["violations"].as_array().map_or(0, Vec::len),
            run["serious"].as_array().map_or(0, Vec::len),
            run["tabStops"]
        );
    }
    let failures: Vec<&Value> = runs
        .iter()
        .filter(|r| {
            r["serious"].as_array().is_some_and(|v| !v.is_empty())
                || r["keyboard"].as_array().is_some_and(|v| !v.is_empty())
                || r["images"].as_array().is_some_and(|v| !v.is_empty())
        })
        .collect();
    assert!(
        failures.is_empty(),
        "serious or critical axe violations, unreachable controls, invisible focus or images \
         without a text alternative:\n{}",
        serde_json::to_string_pretty(&failures).unwrap_or_default()
    );
    // Every route of axe.mjs's list was checked at both sizes in each of its states.
    let routes = report["routes"].as_array().expect("routes");
    assert!(routes.len() >= 11, "{routes:?}");
    for route in routes {
        for state in route["states"].as_array().expect("states") {
            for size in ["phone", "desktop"] {
                assert!(
                    runs.iter().any(|r| r["route"] == route["name"]
                        && r["size"] == size
                        && &r["state"] == state),
                    "{} was not checked at {size} size {state}",
                    route["name"]
                );
            }
        }
    }
    assert!(
        runs.iter().any(|r| r["state"] == "large-text"),
        "large text was checked"
    );
    let large = &report["largeText"];
    assert_eq!(large["remembered"], true, "{large}");
    assert!(
        large.get("unsettled").is_none(),
        "the switch never settled: {large}"
    );
    assert_eq!(large["offAgain"], large["normal"], "{large}");
    assert_eq!(report["signedInAgain"], true, "{report}");
}
