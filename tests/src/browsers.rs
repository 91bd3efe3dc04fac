//! Browsers for the app's sign-in (`citizen_core::Browser`) that a test controls: one plays the
//! sandbox e-ID as a chosen demo resident and returns to the app's loopback redirect, as a
//! resident's browser would; one never comes back (the resident walked away).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use citizen_core::Browser;

use crate::sign_in::{browser, sandbox_sign_in};

/// Signs in at the sandbox e-ID as `resident` (an index into `sandbox::RESIDENTS`).
#[derive(Clone, Default)]
pub struct SandboxBrowser {
    resident: Arc<AtomicUsize>,
    opened: Arc<AtomicUsize>,
}

impl SandboxBrowser {
    pub fn as_resident(resident: usize) -> SandboxBrowser {
        let b = SandboxBrowser::default();
        b.resident.store(resident, Ordering::SeqCst);
        b
    }

    pub fn set_resident(&self, resident: usize) {
        self.resident.store(resident, Ordering::SeqCst);
    }

    /// How many times the app asked for a browser.
    pub fn opened(&self) -> usize {
        self.opened.load(Ordering::SeqCst)
    }
}

impl Browser for SandboxBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        self.opened.fetch_add(1, Ordering::SeqCst);
        let (url, resident) = (url.to_owned(), self.resident.load(Ordering::SeqCst));
        tokio::spawn(async move { play_sandbox(&url, resident).await });
        Ok(())
    }
}

/// The whole browser side: the server's sign-in page, the sandbox e-ID, and the final redirect
/// to the app's loopback listener. Returns the page the app answered with.
pub async fn play_sandbox(authorize: &str, resident: usize) -> String {
    let b = browser();
    let back = sandbox_sign_in(&b, authorize, resident).await;
    assert!(
        back.starts_with("http://127.0.0.1:"),
        "the server should send the browser back to the app's loopback redirect, not {back}"
    );
    let page = b
        .get(&back)
        .send()
        .await
        .expect("the app's listener answers");
    page.text().await.unwrap_or_default()
}

/// A browser that opens and is never used: the resident closed it.
pub struct AbandonedBrowser;

impl Browser for AbandonedBrowser {
    fn open(&self, _url: &str) -> Result<(), String> {
        Ok(())
    }
}
