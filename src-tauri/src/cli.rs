//! The app's command line and `CITIZEN_*` environment.

use std::path::PathBuf;
use std::time::Duration;

use citizen_core::KeyringChoice;
use clap::Parser;

/// The server a build talks to when nothing else is said: set `CITIZEN_DEFAULT_SERVER` when
/// building for phones, which have no command line.
const DEFAULT_SERVER: &str = match option_env!("CITIZEN_DEFAULT_SERVER") {
    Some(url) => url,
    None => "http://127.0.0.1:8080",
};

// A phone's release build cannot be pointed anywhere else once installed, so it must be built
// with the provincial server's HTTPS address; the plain-HTTP loopback default is for development.
#[cfg(all(mobile, not(debug_assertions)))]
const _: () = assert!(
    is_https(DEFAULT_SERVER),
    "a mobile release build needs CITIZEN_DEFAULT_SERVER=https://<the provincial server>"
);

#[cfg(all(mobile, not(debug_assertions)))]
const fn is_https(url: &str) -> bool {
    let (url, scheme) = (url.as_bytes(), b"https://");
    if url.len() <= scheme.len() {
        return false;
    }
    let mut i = 0;
    while i < scheme.len() {
        if url[i].to_ascii_lowercase() != scheme[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[derive(Debug, Clone, Parser)]
#[command(name = "citizen-app", version, about = "Công dân số — the citizen app")]
pub struct Cli {
    /// Base URL of the provincial server.
    #[arg(long, env = "CITIZEN_SERVER", default_value = DEFAULT_SERVER)]
    pub server: String,
    /// Directory of the local store; several instances can run side by side with different ones.
    /// Defaults to the platform's app-data directory.
    #[arg(long, env = "CITIZEN_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Seconds between background syncs.
    #[arg(long, env = "CITIZEN_SYNC_INTERVAL", default_value_t = 30)]
    pub sync_interval: u64,
    /// A command that opens a URL (the URL is added as its last argument) instead of the system
    /// browser, e.g. a particular browser, or the tests' sandbox-playing stand-in.
    #[arg(long, env = "CITIZEN_BROWSER")]
    pub browser: Option<String>,
    /// Kiosk mode, for public-service centres: full screen, no window chrome, large text, and the
    /// session ends after --idle-timeout seconds untouched, wiping the resident's data. Nothing is
    /// exported to the machine.
    #[arg(long, env = "CITIZEN_KIOSK")]
    pub kiosk: bool,
    /// Seconds without a touch before a kiosk session ends.
    #[arg(long, env = "CITIZEN_IDLE_TIMEOUT", default_value_t = 90, value_parser = clap::value_parser!(u32).range(5..=3600))]
    pub idle_timeout: u32,
    /// Where exported files (receipts as PDF) are saved. Defaults to the Downloads folder.
    #[arg(long, env = "CITIZEN_EXPORT_DIR")]
    pub export_dir: Option<PathBuf>,
    /// Where tokens are kept: auto (the desktop's Secret Service, else the kernel keyring),
    /// secret-service, or kernel.
    #[arg(long, env = "CITIZEN_KEYRING", default_value = "auto", value_parser = parse_keyring)]
    pub keyring: KeyringChoice,
    /// A map tile server's URL template with {z}/{x}/{y}, for the report maps; without one the
    /// maps show the province's outline and the resident can still pin a place or type it.
    #[arg(long, env = "CITIZEN_MAP_TILES")]
    pub map_tiles: Option<String>,
}

fn parse_keyring(s: &str) -> Result<KeyringChoice, String> {
    KeyringChoice::parse(s).ok_or_else(|| format!("{s:?}: expected auto, secret-service or kernel"))
}

impl Cli {
    pub fn sync_interval(&self) -> Duration {
        Duration::from_secs(self.sync_interval.max(1))
    }

    /// Parses the command line; on mobile there is none, so the defaults apply.
    pub fn load() -> Cli {
        if cfg!(mobile) {
            return Cli::parse_from(["citizen-app"]);
        }
        Cli::parse()
    }
}
