//! The provincial backend of Công dân số. `Server::start` is what the binary runs and what tests
//! embed: a real server on a real socket and a real database.

pub mod catalog;
pub mod citizen_feed;
pub mod clock;
pub mod config;
pub mod db;
pub mod dossiers;
pub mod error;
pub mod http;
pub mod idempotency;
pub mod identity;
pub mod open311;
pub mod payments;
pub mod reports;
pub mod staff_cli;

use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::ServerConfig;
pub use error::ServerError;

/// A running server. Dropping it leaves the server running; call `shutdown` to stop it.
pub struct Server {
    addr: SocketAddr,
    public_url: String,
    db: db::Db,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), std::io::Error>>,
}

impl Server {
    /// Connects the database, migrates, seeds demo data when `config.demo`, binds and serves.
    pub async fn start(config: &ServerConfig) -> Result<Server, ServerError> {
        let db = db::connect(&config.database).await?;
        let mut config = config.clone();
        if config.demo {
            // The sandboxes' signing secrets, unless configured, are made once and shared by
            // every replica on this database: a notification signed for one verifies at another.
            if config.gateway_secret.is_none() {
                let secret =
                    db::demo_secret(&db, "sandbox-gateway", identity::secrets::random_token);
                config.gateway_secret = Some(secret.await?);
            }
            if config.bank_notify_secret.is_none() {
                let secret = db::demo_secret(&db, "sandbox-bank", identity::secrets::random_token);
                config.bank_notify_secret = Some(secret.await?);
            }
            let seeded = catalog::seed::seed_demo(&db).await?;
            let helper = &identity::sandbox::RESIDENTS[identity::sandbox::DEMO_HELPER];
            identity::assist::grant_helper(
                &db,
                helper.personal_id_number,
                identity::sandbox::DEMO_TEAM,
            )
            .await?;
            tracing::info!(seeded, "demo mode: catalogue ready, sandboxes enabled");
        }
        tokio::fs::create_dir_all(&config.data_dir).await?;
        let listener = TcpListener::bind(config.listen).await?;
        let addr = listener.local_addr()?;
        let public_url = config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"));
        let identity = identity::Identity::from_config(&config, &public_url, &db)?;
        let public_url = identity.public_url.clone();
        let app = http::router(http::AppState {
            db: db.clone(),
            identity: std::sync::Arc::new(identity),
            data_dir: config.data_dir.clone(),
            routing: std::sync::Arc::new(reports::routing::Routing::load()),
            open311_keys: std::sync::Arc::new(open311::ApiKeys::from_config(&config)),
            payments: std::sync::Arc::new(payments::Payments::from_config(&config, &public_url)?),
            shedding: std::sync::Arc::new(http::shedding::Shedding::new(&config.shedding)),
        })
        .into_make_service_with_connect_info::<SocketAddr>();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(%addr, "listening");
        Ok(Server {
            addr,
            public_url,
            db,
            stop: Some(stop),
            task,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Base URL for clients: `--public-url`, else the bound address, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        self.public_url.clone()
    }

    pub fn db(&self) -> &db::Db {
        &self.db
    }

    /// Stops accepting, lets in-flight requests finish, and closes the database.
    pub async fn shutdown(mut self) -> Result<(), ServerError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.task)
            .await
            .map_err(|e| ServerError::Config(e.to_string()))??;
        self.db.close().await;
        Ok(())
    }

    /// Waits until the server stops by itself (it only does on a fatal error).
    pub async fn wait(self) -> Result<(), ServerError> {
        self.task
            .await
            .map_err(|e| ServerError::Config(e.to_string()))??;
        Ok(())
    }
}
