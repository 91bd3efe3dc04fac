//! The Tauri v2 shell of Công dân số: parses the command line, opens `citizen_core::Core`,
//! registers the commands and runs the background sync. Nothing else lives here.

mod browser;
mod cli;
mod commands;

use std::sync::Arc;

use citizen_core::{Core, CoreConfig};
use tauri::{Manager, WebviewWindowBuilder};

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let cli = cli::Cli::load();
    init_logging();
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .setup(move |app| {
            let data_dir = match cli.data_dir.clone() {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            tracing::info!(server = %cli.server, data_dir = %data_dir.display(), "starting");
            // The webview's own storage (localStorage, caches) lives in the data directory too, so
            // instances side by side — and a kiosk's sessions — share nothing.
            let window = app
                .config()
                .app
                .windows
                .first()
                .cloned()
                .ok_or("no window configured")?;
            let builder = WebviewWindowBuilder::from_config(app.handle(), &window)?
                .data_directory(data_dir.join("webview"));
            // Kiosk mode is for desktops; on a phone the window is the screen (and Tauri has no
            // such builder methods there).
            #[cfg(desktop)]
            let builder = builder.fullscreen(cli.kiosk).decorations(!cli.kiosk);
            builder.build()?;
            let export_dir = match cli.export_dir.clone() {
                Some(dir) => dir,
                None => app
                    .path()
                    .download_dir()
                    .unwrap_or_else(|_| data_dir.join("exports")),
            };
            // A kiosk keeps nothing of a resident's: no receipt lands in its Downloads.
            app.manage(commands::ExportDir((!cli.kiosk).then_some(export_dir)));
            let mut config = CoreConfig::new(data_dir, cli.server.clone());
            config.keyring = cli.keyring;
            config.map_tiles = cli.map_tiles.clone();
            config.kiosk_idle_seconds = cli.kiosk.then_some(cli.idle_timeout);
            app.manage(browser::ShellBrowser::new(
                app.handle(),
                cli.browser.as_deref(),
            )?);
            let core = Arc::new(tauri::async_runtime::block_on(Core::open(config))?);
            app.manage(core.clone());
            tauri::async_runtime::spawn(commands::sync_forever(
                app.handle().clone(),
                core,
                cli.sync_interval(),
            ));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::catalog_search,
            commands::catalog_procedure,
            commands::app_status,
            commands::sync_now,
            commands::set_locale,
            commands::sign_in,
            commands::cancel_sign_in,
            commands::sign_out,
            commands::sign_out_everywhere,
            commands::dossier_start,
            commands::dossier_save_draft,
            commands::dossier_attach,
            commands::dossier_submit,
            commands::dossier_answer,
            commands::my_dossiers,
            commands::notifications,
            commands::notifications_read,
            commands::report_categories,
            commands::report_submit,
            commands::my_reports,
            commands::report_rate,
            commands::report_reopen,
            commands::public_reports,
            commands::invoice_pay_gateway,
            commands::invoice_qr,
            commands::invoice_reissue,
            commands::receipt_export,
            commands::kiosk_hand_off,
            commands::kiosk_hand_off_wait,
            commands::assist_start,
            commands::assist_consent_photo,
            commands::assist_wait,
            commands::assist_end,
            commands::helper_sessions,
            commands::audit_log,
        ])
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "the app could not start");
            std::process::exit(1);
        })
        .run(|app, event| {
            // The stores closed before the process ends (Core::close says why).
            if let tauri::RunEvent::Exit = event {
                if let Some(core) = app.try_state::<Arc<Core>>() {
                    tauri::async_runtime::block_on(core.close());
                }
            }
        });
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("CITIZEN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
