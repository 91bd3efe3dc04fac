//! Tauri commands: each calls one `Core` method and maps its error to the wire `ErrorBody`.
//! No decision is taken here; the names are the constants in `citizen_protocol::ipc::commands`.

use std::sync::Arc;

use citizen_core::Core;
use citizen_protocol::catalog::Procedure;
use citizen_protocol::error::ErrorBody;
use citizen_protocol::ipc::{commands::STATUS_EVENT, AppStatus, ProcedureSummary};
use tauri::{AppHandle, Emitter, State};

use crate::browser::ShellBrowser;

type Reply<T> = Result<T, ErrorBody>;

#[tauri::command]
pub async fn catalog_search(
    core: State<'_, Arc<Core>>,
    query: String,
) -> Reply<Vec<ProcedureSummary>> {
    core.search(&query).await.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn catalog_procedure(core: State<'_, Arc<Core>>, id: String) -> Reply<Procedure> {
    core.procedure(&id).await.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn app_status(core: State<'_, Arc<Core>>) -> Reply<AppStatus> {
    core.status().await.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn sync_now(app: AppHandle, core: State<'_, Arc<Core>>) -> Reply<AppStatus> {
    let status = core.refresh().await.map_err(|e| core.error_body(&e))?;
    let _ = app.emit(STATUS_EVENT, &status);
    Ok(status)
}

#[tauri::command]
pub async fn set_locale(core: State<'_, Arc<Core>>, locale: String) -> Reply<()> {
    core.set_locale(&locale).map_err(|e| core.error_body(&e))
}

/// Tells every window the new status; the UI follows it rather than each command's answer alone.
fn announce(app: &AppHandle, status: &AppStatus) {
    let _ = app.emit(STATUS_EVENT, status);
}

#[tauri::command]
pub async fn sign_in(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    browser: State<'_, ShellBrowser>,
) -> Reply<AppStatus> {
    // The waiting shows in every window (and "cancel" works) while the browser is out.
    if let Ok(status) = core.status().await {
        announce(
            &app,
            &AppStatus {
                signing_in: true,
                ..status
            },
        );
    }
    let result = core.sign_in(browser.inner()).await;
    if let Ok(status) = core.status().await {
        announce(&app, &status);
    }
    result.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn cancel_sign_in(core: State<'_, Arc<Core>>) -> Reply<()> {
    core.cancel_sign_in();
    Ok(())
}

#[tauri::command]
pub async fn sign_out(app: AppHandle, core: State<'_, Arc<Core>>) -> Reply<AppStatus> {
    let status = core.sign_out().await.map_err(|e| core.error_body(&e))?;
    announce(&app, &status);
    Ok(status)
}

#[tauri::command]
pub async fn sign_out_everywhere(app: AppHandle, core: State<'_, Arc<Core>>) -> Reply<AppStatus> {
    let status = core
        .sign_out_everywhere()
        .await
        .map_err(|e| core.error_body(&e))?;
    announce(&app, &status);
    Ok(status)
}

/// Syncs in the background for the life of the app, telling the UI after each attempt.
pub async fn sync_forever(app: AppHandle, core: Arc<Core>, every: std::time::Duration) {
    loop {
        match core.refresh().await {
            Ok(status) => {
                let _ = app.emit(STATUS_EVENT, &status);
            }
            // Already logged by the core; the UI learns of it from the status it polls next.
            Err(e) => tracing::debug!(error = %e, "background sync failed"),
        }
        tokio::time::sleep(every).await;
    }
}
