//! Shared set-up for the end-to-end tests and benchmarks: a real `citizen-server` on loopback
//! with a real SQLite file (or a fresh PostgreSQL database, `CITIZEN_TEST_DATABASE`), and a real `citizen-core` with its own data directory.

use std::path::{Path, PathBuf};
use std::time::Duration;

use citizen_core::{Core, CoreConfig, KeyringChoice};
use citizen_server::{Server, ServerConfig};
use tempfile::TempDir;

pub mod at_rest;
pub mod browsers;
pub mod captured_logs;
pub mod chaos_proxy;
pub mod dossiers;
pub mod emvco_parser;
pub mod hand_off;
pub mod ipc_bridge;
pub mod load;
pub mod oidc_provider;
pub mod payments;
pub mod rogue_eid;
pub mod round_robin;
pub mod sign_in;
pub mod staff_cli;

/// A server with its own temporary directory, removed when this is dropped.
pub struct TestServer {
    pub server: Server,
    pub dir: TempDir,
}

impl TestServer {
    /// Starts a server; `demo` seeds the demo catalogue.
    pub async fn start(demo: bool) -> TestServer {
        init_logging();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = server_config(dir.path());
        config.demo = demo;
        let server = Server::start(&config).await.expect("server starts");
        TestServer { server, dir }
    }

    /// Starts a demo server whose public URL is `http://localhost:<port>`: a domain name, so
    /// passkeys are on (WebAuthn binds them to a domain; a server known by IP has none).
    pub async fn start_at_localhost() -> TestServer {
        init_logging();
        let dir = tempfile::tempdir().expect("temp dir");
        let port = free_port();
        let mut config = server_config(dir.path());
        config.listen = ([127, 0, 0, 1], port).into();
        config.public_url = Some(format!("http://localhost:{port}"));
        let server = Server::start(&config).await.expect("server starts");
        TestServer { server, dir }
    }

    /// The URL clients use: the public one when set.
    pub fn url(&self) -> String {
        self.server.url()
    }
}

/// A free loopback port, for a server that must know its own URL before it starts.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port()
}

/// A test server's configuration with its database and files in `dir`: loopback, a free port,
/// demo on. Tests that need other settings change them before `Server::start`.
pub fn server_config(dir: &Path) -> ServerConfig {
    ServerConfig::for_tests(database_url(dir), dir.join("files"))
}

/// The environment variable that runs the server tests on PostgreSQL: the URL of a database on a
/// server where the tests may create databases (`postgres://postgres@127.0.0.1:5432/postgres`).
pub const TEST_DATABASE_VAR: &str = "CITIZEN_TEST_DATABASE";

/// The database of the test server whose files are in `dir`: by default a new SQLite file there;
/// with `CITIZEN_TEST_DATABASE`, a fresh PostgreSQL database made for `dir` on first use (its URL
/// kept in `dir`, so a server restarted on `dir` finds its data again).
pub fn database_url(dir: &Path) -> String {
    let admin = match std::env::var(TEST_DATABASE_VAR) {
        Ok(admin) if !admin.is_empty() => admin,
        _ => return format!("sqlite://{}", dir.join("server.db").display()),
    };
    let kept = dir.join("database-url");
    if let Ok(url) = std::fs::read_to_string(&kept) {
        return url;
    }
    let url = fresh_postgres_database(&admin);
    std::fs::write(&kept, &url).expect("database URL kept");
    url
}

/// Whether the tests run on PostgreSQL (`CITIZEN_TEST_DATABASE`), for the few that read the server's
/// files directly.
pub fn on_postgres() -> bool {
    std::env::var(TEST_DATABASE_VAR).is_ok_and(|v| !v.is_empty())
}

/// `CREATE DATABASE` on the server `admin` names; returns the new database's URL. On a thread of
/// its own, so it serves sync and async callers alike.
fn fresh_postgres_database(admin: &str) -> String {
    use sqlx::{Connection, Executor};
    let name = format!("citizen_test_{:016x}", rand_u64());
    let mut url = url::Url::parse(admin).expect("CITIZEN_TEST_DATABASE is a URL");
    url.set_path(&name);
    let admin = admin.to_owned();
    let created = name;
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(async {
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .expect("the test PostgreSQL answers");
                conn.execute(format!("CREATE DATABASE {created}").as_str())
                    .await
                    .expect("CREATE DATABASE");
                conn.close().await.ok();
            })
    })
    .join()
    .expect("database made");
    url.to_string()
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    h.finish()
}

/// Opens a core against `server_url` in `data_dir`, with a short timeout so tests of a dead or
/// hanging server finish quickly. Tokens go to the kernel keyring (a real one; CI has no desktop
/// Secret Service).
pub async fn open_core(data_dir: &Path, server_url: &str) -> Core {
    let mut config = CoreConfig::new(data_dir, server_url);
    config.request_timeout = Duration::from_secs(2);
    config.keyring = KeyringChoice::Kernel;
    config.session_check = Duration::ZERO;
    Core::open(config).await.expect("core opens")
}

/// A resident's first start: the catalogue synced, then `resident` (the sandbox e-ID's list,
/// from 0) signed in through the sandbox browser. Returns who is signed in.
pub async fn sign_in_as(core: &Core, resident: usize) -> citizen_protocol::auth::CitizenProfile {
    core.sync().await.expect("the catalogue syncs");
    core.sign_in(&browsers::SandboxBrowser::as_resident(resident))
        .await
        .expect("signed in")
        .session
        .expect("a session")
        .citizen
}

/// The workspace root, for tests that need the built binaries.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// A binary of the workspace as `cargo build` left it (the test command builds them all first).
pub fn workspace_binary(name: &str) -> PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace_root().join("target"));
    target.join("debug").join(name)
}

/// The files under `dir` (recursively) that hold `needle`'s bytes: how tests prove a secret or a
/// resident's personal data is not left on disk.
pub fn files_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                files_holding(&path, needle)
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                    vec![path]
                } else {
                    Vec::new()
                }
            }
        })
        .collect()
}

/// Prints a test's figures (its trial counts) past libtest's capture, which holds back only what
/// the print macros write: they belong in CI's log when the test passes too.
pub fn report(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

pub fn init_logging() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CITIZEN_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_test_writer()
        .try_init();
}
