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
    /// Database URL. SQLite is the embedded default (one file, WAL).
    #[arg(
        long,
        env = "CITIZEN_DATABASE",
        default_value = "sqlite://./server.db",
        global = true
    )]
    pub database: String,
    /// Directory for files the server keeps beside the database (attachments, later).
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
    /// Log format: human-readable or one JSON object per line.
    #[arg(long, env = "CITIZEN_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty, global = true)]
    pub log_format: LogFormat,
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
        }
    }
}
