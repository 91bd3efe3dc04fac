//! Command line and environment (`CITIZEN_*`) configuration of the server.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "citizen-server",
    version,
    about = "Công dân số — the provincial backend"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: ServerConfig,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Serve the API (the default when no command is given).
    Serve,
    /// Seed the catalogue into the database and exit.
    Seed {
        /// Seed this many synthetic procedures instead of the demo catalogue (for load and
        /// benchmarks).
        #[arg(long)]
        synthetic: Option<usize>,
    },
    /// Print a VietQR payload (EMVCo) for a bank transfer, e.g. the static code a counter puts up.
    Vietqr {
        /// The bank's 6-digit NAPAS BIN, e.g. 970415.
        #[arg(long)]
        bin: String,
        /// The receiving account number.
        #[arg(long)]
        account: String,
        /// Whole đồng; leave out for a static code where the payer types the amount.
        #[arg(long)]
        amount: Option<u64>,
        /// What the transfer's content carries back (unaccented, up to 25 characters).
        #[arg(long)]
        reference: Option<String>,
    },
    /// Manage officers (in the database given by --database).
    #[command(subcommand)]
    Officer(OfficerCommand),
    /// Name community digital-tech helpers, who may assist residents (in --database).
    #[command(subcommand)]
    Helper(HelperCommand),
    /// Work as an officer through the staff API of a running server.
    Staff {
        /// The server's base URL.
        #[arg(
            long,
            env = "CITIZEN_STAFF_SERVER",
            default_value = "http://127.0.0.1:8080"
        )]
        server: String,
        /// The officer's token, as `officer add` printed it.
        #[arg(long, env = "CITIZEN_STAFF_TOKEN", hide_env_values = true)]
        token: String,
        #[command(subcommand)]
        action: StaffCommand,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum HelperCommand {
    /// Let this resident assist others, as a member of `team`.
    Grant {
        /// The helper's 12-digit personal identification number.
        #[arg(long)]
        personal_id_number: String,
        #[arg(long)]
        team: String,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum OfficerCommand {
    /// Create an officer of an agency and print their API token (shown only once).
    Add {
        #[arg(long)]
        name: String,
        /// The agency's Vietnamese name exactly as the catalogue has it, e.g. "Ủy ban nhân dân
        /// cấp xã".
        #[arg(long)]
        agency: String,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum StaffCommand {
    /// List the agency's dossiers, oldest due first.
    List {
        /// Only dossiers in this status: received, processing, needs-info, completed, rejected.
        #[arg(long)]
        status: Option<String>,
    },
    /// Move a dossier to its next status.
    Move {
        /// The dossier code (mã hồ sơ), e.g. H57.HT-261123-0001.
        code: String,
        /// processing, needs-info, completed or rejected.
        #[arg(long)]
        to: String,
        /// Words for the resident; required for needs-info and rejected.
        #[arg(long)]
        message: Option<String>,
    },
    /// Attach the result document (PDF, JPEG or PNG) to a dossier.
    Result { code: String, file: PathBuf },
    /// Field reports routed to the officer's agency.
    #[command(subcommand)]
    Reports(ReportsCommand),
    /// Money held for review at the agency (wrong amount, late, paid twice), oldest first.
    HeldPayments,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ReportsCommand {
    /// List the agency's reports, soonest due first.
    List {
        /// Only reports in this status: received, assigned, in-progress, resolved, rejected.
        #[arg(long)]
        status: Option<String>,
    },
    /// Move a report on; resolving takes the agency's answer and, with --photo, an after photo.
    Move {
        /// The report code (mã phản ánh), e.g. PA-261123-0001.
        code: String,
        /// assigned, in-progress, resolved or rejected.
        #[arg(long)]
        to: String,
        /// The agency's answer (required to resolve) or the reason (required to reject).
        #[arg(long)]
        message: Option<String>,
        /// A JPEG or PNG of the place after the work.
        #[arg(long)]
        photo: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServerConfig {
    /// Address to listen on; port 0 picks a free port (the chosen one is logged).
    #[arg(
        long,
        env = "CITIZEN_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: SocketAddr,
    /// Database URL: `sqlite://<file>`, the embedded default (one file, WAL), or
    /// `postgres://<user>:<password>@<host>/<database>`, which replicas behind one load balancer
    /// share (with one attachment directory, `--data-dir`, on shared storage).
    #[arg(
        long,
        env = "CITIZEN_DATABASE",
        default_value = "sqlite://./server.db",
        global = true
    )]
    pub database: String,
    /// Directory for files the server keeps beside the database (attachments). Replicas share
    /// one, on shared storage: a file uploaded at one is read at another.
    #[arg(
        long,
        env = "CITIZEN_DATA_DIR",
        default_value = "./server-data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// Seed demo data and enable the sandboxes (sandbox e-ID, sandbox payments). Never in
    /// production.
    #[arg(long, env = "CITIZEN_DEMO", global = true)]
    pub demo: bool,
    /// The URL residents' browsers and the e-ID reach this server at (issuer of its tokens, base
    /// of the e-ID redirect URI). Defaults to http://<listen address>.
    #[arg(long, env = "CITIZEN_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    /// OpenID Connect issuer URL of the national e-ID (discovery at
    /// <issuer>/.well-known/openid-configuration). Without it, `--demo` uses the sandbox e-ID.
    #[arg(long, env = "CITIZEN_EID_ISSUER", global = true)]
    pub eid_issuer: Option<String>,
    /// This server's client id at the e-ID.
    #[arg(long, env = "CITIZEN_EID_CLIENT_ID", global = true)]
    pub eid_client_id: Option<String>,
    /// This server's client secret at the e-ID (prefer the environment variable).
    #[arg(
        long,
        env = "CITIZEN_EID_CLIENT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub eid_client_secret: Option<String>,
    /// Scopes asked of the e-ID, space-separated.
    #[arg(
        long,
        env = "CITIZEN_EID_SCOPES",
        default_value = "openid profile address",
        global = true
    )]
    pub eid_scopes: String,
    /// The e-ID claim that carries the 12-digit personal identification number.
    #[arg(
        long,
        env = "CITIZEN_EID_PIN_CLAIM",
        default_value = "personal_id_number",
        global = true
    )]
    pub eid_pin_claim: String,
    /// Lifetime of access tokens, in seconds.
    #[arg(
        long,
        env = "CITIZEN_ACCESS_TOKEN_TTL",
        default_value_t = 600,
        global = true
    )]
    pub access_token_ttl: u64,
    /// Lifetime of refresh tokens, in seconds: how long a device stays signed in unused (and
    /// offline). Every refresh rotates the token and restarts the clock.
    #[arg(long, env = "CITIZEN_REFRESH_TOKEN_TTL", default_value_t = 30 * 24 * 3600, global = true)]
    pub refresh_token_ttl: u64,
    /// Seconds after a refresh during which the spent refresh token is honoured again, as long as
    /// the token it was exchanged for is unused: the app was stopped before it stored the new one.
    /// The unused one is then withdrawn. Any other second use revokes the sign-in; 0 turns the
    /// grace off.
    #[arg(
        long,
        env = "CITIZEN_REFRESH_REUSE_GRACE",
        default_value_t = 60,
        global = true
    )]
    pub refresh_reuse_grace: u64,
    /// Seconds a kiosk's or a helper's hand-off code (RFC 8628) waits for the resident.
    #[arg(
        long,
        env = "CITIZEN_HAND_OFF_VALID_FOR",
        default_value_t = 300,
        global = true
    )]
    pub hand_off_valid_for: u64,
    /// Least seconds between two polls of a hand-off (RFC 8628 `interval`).
    #[arg(
        long,
        env = "CITIZEN_HAND_OFF_INTERVAL",
        default_value_t = 5,
        global = true
    )]
    pub hand_off_interval: u64,
    /// Seconds a kiosk session lasts at most, however active.
    #[arg(long, env = "CITIZEN_KIOSK_SESSION", default_value_t = 15 * 60, global = true)]
    pub kiosk_session: u64,
    /// Seconds a helper's assisted session lasts at most.
    #[arg(long, env = "CITIZEN_ASSIST_SESSION", default_value_t = 30 * 60, global = true)]
    pub assist_session: u64,
    /// Requests per minute per IP to the sign-in and token endpoints.
    #[arg(
        long,
        env = "CITIZEN_SIGN_IN_RATE",
        default_value_t = 60,
        global = true
    )]
    pub sign_in_rate_per_minute: u32,
    /// Failed grants from one IP before it is locked out.
    #[arg(
        long,
        env = "CITIZEN_LOCKOUT_AFTER",
        default_value_t = 10,
        global = true
    )]
    pub lockout_after_failures: u32,
    /// How long a lockout lasts, in seconds.
    #[arg(
        long,
        env = "CITIZEN_LOCKOUT_SECS",
        default_value_t = 300,
        global = true
    )]
    pub lockout_secs: u64,
    /// API keys an Open311 client must send to post a report (comma-separated; prefer the
    /// environment variable). `--demo` also accepts `demo-open311-key`.
    #[arg(
        long,
        env = "CITIZEN_OPEN311_API_KEYS",
        value_delimiter = ',',
        global = true,
        hide_env_values = true
    )]
    pub open311_api_keys: Vec<String>,
    /// The NAPAS BIN of the bank holding the account fees are paid into (VietQR). `--demo`
    /// defaults to 970415 with a demo account; without one, dossiers with a fee are refused.
    #[arg(long, env = "CITIZEN_PAYEE_BIN", global = true)]
    pub payee_bin: Option<String>,
    /// The account fees are paid into (VietQR).
    #[arg(long, env = "CITIZEN_PAYEE_ACCOUNT", global = true)]
    pub payee_account: Option<String>,
    /// Seconds an invoice can be paid for; after that it can be reissued.
    #[arg(
        long,
        env = "CITIZEN_INVOICE_VALID_FOR",
        default_value_t = 7 * 24 * 3600,
        global = true
    )]
    pub invoice_valid_for: u64,
    /// The card/wallet gateway's payment page (VNPay style). `--demo` uses the sandbox gateway
    /// this server serves at /sandbox/gateway/pay.
    #[arg(long, env = "CITIZEN_GATEWAY_URL", global = true)]
    pub gateway_url: Option<String>,
    /// This server's merchant code at the gateway (vnp_TmnCode).
    #[arg(long, env = "CITIZEN_GATEWAY_TMN_CODE", global = true)]
    pub gateway_tmn_code: Option<String>,
    /// The secret the gateway and this server sign with (HMAC-SHA512). `--demo` makes a random
    /// one unless given.
    #[arg(
        long,
        env = "CITIZEN_GATEWAY_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub gateway_secret: Option<String>,
    /// The secret the bank signs its transfer confirmations with (HMAC-SHA512). `--demo` makes a
    /// random one unless given.
    #[arg(
        long,
        env = "CITIZEN_BANK_NOTIFY_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub bank_notify_secret: Option<String>,
    /// How many requests the server takes at once before it turns the rest away (429).
    #[command(flatten)]
    pub shedding: SheddingConfig,
    /// Log format: human-readable or one JSON object per line.
    #[arg(long, env = "CITIZEN_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,
}

/// Load shedding (`http::shedding`): each lane handles this many requests at once, lets up to
/// `max_queue` more wait at most `max_queue_wait_ms`, and answers the rest `429 Too Many
/// Requests` with `Retry-After`.
#[derive(Debug, Clone, clap::Args)]
pub struct SheddingConfig {
    /// Residents' API requests handled at once.
    #[arg(
        long,
        env = "CITIZEN_MAX_IN_FLIGHT",
        default_value_t = 64,
        global = true
    )]
    pub max_in_flight: usize,
    /// Requests that may wait for a slot, per lane; one more is answered 429 at once.
    #[arg(long, env = "CITIZEN_MAX_QUEUE", default_value_t = 1024, global = true)]
    pub max_queue: usize,
    /// Milliseconds a request may wait for a slot before it is answered 429.
    #[arg(
        long,
        env = "CITIZEN_MAX_QUEUE_WAIT_MS",
        default_value_t = 500,
        global = true
    )]
    pub max_queue_wait_ms: u64,
    /// Seconds a turned-away client is told to wait (Retry-After).
    #[arg(long, env = "CITIZEN_RETRY_AFTER", default_value_t = 2, global = true)]
    pub retry_after: u64,
    /// Sign-in requests handled at once, in their own lane.
    #[arg(
        long,
        env = "CITIZEN_SIGN_IN_IN_FLIGHT",
        default_value_t = 16,
        global = true
    )]
    pub sign_in_in_flight: usize,
    /// Payment notifications (bank, gateway) handled at once, in their own lane.
    #[arg(
        long,
        env = "CITIZEN_NOTIFICATIONS_IN_FLIGHT",
        default_value_t = 8,
        global = true
    )]
    pub notifications_in_flight: usize,
}

impl Default for SheddingConfig {
    fn default() -> Self {
        SheddingConfig {
            max_in_flight: 64,
            max_queue: 1024,
            max_queue_wait_ms: 500,
            retry_after: 2,
            sign_in_in_flight: 16,
            notifications_in_flight: 8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Pretty,
    Json,
}

impl ServerConfig {
    /// A configuration for tests and embedding: loopback on a free port, demo data on.
    pub fn for_tests(database: impl Into<String>, data_dir: impl Into<PathBuf>) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            database: database.into(),
            data_dir: data_dir.into(),
            demo: true,
            log_format: LogFormat::Pretty,
            public_url: None,
            eid_issuer: None,
            eid_client_id: None,
            eid_client_secret: None,
            eid_scopes: "openid profile address".into(),
            eid_pin_claim: "personal_id_number".into(),
            access_token_ttl: 600,
            refresh_token_ttl: 30 * 24 * 3600,
            refresh_reuse_grace: 60,
            hand_off_valid_for: 300,
            hand_off_interval: 1,
            kiosk_session: 15 * 60,
            assist_session: 30 * 60,
            sign_in_rate_per_minute: 600,
            lockout_after_failures: 10,
            lockout_secs: 300,
            open311_api_keys: Vec::new(),
            payee_bin: None,
            payee_account: None,
            invoice_valid_for: 7 * 24 * 3600,
            gateway_url: None,
            gateway_tmn_code: None,
            gateway_secret: None,
            bank_notify_secret: None,
            shedding: SheddingConfig::default(),
        }
    }
}
