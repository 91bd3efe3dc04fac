//! The one source of every type that crosses a wire: app ↔ server over HTTP, and UI ↔ shell over
//! Tauri IPC. The UI's TypeScript types are generated from here by ts-rs (`cargo test -p
//! citizen-protocol` writes them to `ui/src/lib/generated/`), so nothing is written twice.

pub mod assist;
pub mod auth;
pub mod catalog;
pub mod dossiers;
pub mod error;
pub mod feed;
pub mod forms;
pub mod ipc;
pub mod open311;
pub mod payments;
pub mod reports;

/// Path prefix of every versioned API route. Bumped only with a breaking change to the wire.
pub const API_PREFIX: &str = "/api/v1";

/// Route of the catalogue change feed, relative to the server root.
pub const CATALOG_FEED_PATH: &str = "/api/v1/feeds/catalog";

/// Largest page a client may ask of a feed; the server clamps larger requests to it.
pub const FEED_MAX_LIMIT: u32 = 2_000;
