use citizen_server::config::{Cli, Command, HelperCommand, LogFormat};
use citizen_server::{catalog, db, payments, staff_cli, Server, ServerError};
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(cli.config.log_format);
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "citizen-server stopped");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), citizen_server::ServerError> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let server = Server::start(&cli.config).await?;
            tokio::select! {
                r = server.wait() => r,
                _ = tokio::signal::ctrl_c() => {
                    tracing::info!("interrupted, shutting down");
                    Ok(())
                }
            }
        }
        Command::Seed { synthetic } => {
            let db = db::connect(&cli.config.database).await?;
            let written = match synthetic {
                Some(n) => catalog::seed::seed_synthetic(&db, n).await?,
                None => catalog::store::upsert(&db, &catalog::taxonomy::demo_catalog()).await?,
            };
            tracing::info!(written, "catalogue seeded");
            Ok(())
        }
        Command::Vietqr {
            bin,
            account,
            amount,
            reference,
        } => {
            let transfer = payments::vietqr::Transfer {
                bin,
                account,
                amount_vnd: amount,
                reference,
            };
            let payload = transfer
                .payload()
                .map_err(|e| ServerError::BadRequest(e.to_string()))?;
            println!("{payload}");
            Ok(())
        }
        Command::Helper(HelperCommand::Grant {
            personal_id_number,
            team,
        }) => {
            if personal_id_number.len() != 12
                || !personal_id_number.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(ServerError::BadRequest(
                    "--personal-id-number must be 12 digits".into(),
                ));
            }
            let db = db::connect(&cli.config.database).await?;
            citizen_server::identity::assist::grant_helper(&db, &personal_id_number, &team).await?;
            tracing::info!(team = %team, "helper named");
            Ok(())
        }
        Command::Officer(command) => {
            let db = db::connect(&cli.config.database).await?;
            staff_cli::officer(&db, command).await
        }
        Command::Staff {
            server,
            token,
            action,
        } => staff_cli::staff(&server, &token, action).await,
    }
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_env("CITIZEN_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Pretty => builder.init(),
    }
}
