//! The app's UI in any browser over a real core and a real demo server, with content on every
//! screen: starts a demo `citizen-server` on loopback, a core signed in as a demo resident with a
//! dossier and a report (`ipc_bridge::seed_content`), and the IPC bridge; prints the URL. Open it
//! in Chromium with tests/chromium/tauri-bridge.js injected (what tests/chromium/axe.mjs does), to
//! look at a screen the accessibility test complains about. Stops with Ctrl-C.
//!
//! Usage: ipc-bridge [<built UI directory>]   (default: ui/dist)

use std::sync::Arc;

use citizen_tests::browsers::SandboxBrowser;
use citizen_tests::ipc_bridge::{seed_content, IpcBridge, RESIDENT};
use citizen_tests::{open_core, workspace_root, TestServer};

#[tokio::main]
async fn main() {
    let ui = std::env::args()
        .nth(1)
        .map(Into::into)
        .unwrap_or_else(|| workspace_root().join("ui/dist"));
    let server = TestServer::start(true).await;
    let data = tempfile::tempdir().expect("data dir");
    let core = Arc::new(open_core(data.path(), &server.url()).await);
    let browser = SandboxBrowser::as_resident(RESIDENT);
    let content = seed_content(&core, &browser, &server.url()).await;
    let bridge = IpcBridge::start(core, Arc::new(browser), ui).await;
    println!("{}", bridge.url);
    println!("procedure {}", content.procedure_id);
    tokio::signal::ctrl_c().await.expect("Ctrl-C");
}
