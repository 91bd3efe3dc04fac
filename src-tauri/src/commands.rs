//! Tauri commands: each calls one `Core` method and maps its error to the wire `ErrorBody`.
//! No decision is taken here; the names are the constants in `citizen_protocol::ipc::commands`.

use std::sync::Arc;

use citizen_core::Core;
use citizen_protocol::assist::{AuditEntry, HandOff, HelperSession};
use citizen_protocol::catalog::Procedure;
use citizen_protocol::dossiers::AnswerDossier;
use citizen_protocol::error::ErrorBody;
use citizen_protocol::forms::{AttachmentRef, FormValues};
use citizen_protocol::ipc::commands::{FILE_NAME_HEADER, PERSONAL_NUMBER_HEADER, STATUS_EVENT};
use citizen_protocol::ipc::{
    AppStatus, DossierDraft, MyDossiers, MyReports, Notification, ProcedureSummary,
};
use citizen_protocol::reports::{PublicReport, ReportCategory, SubmitReport};
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_notification::NotificationExt;

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

#[tauri::command]
pub async fn dossier_start(
    core: State<'_, Arc<Core>>,
    procedure_id: String,
) -> Reply<DossierDraft> {
    core.start_dossier(&procedure_id)
        .await
        .map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn dossier_save_draft(
    core: State<'_, Arc<Core>>,
    procedure_id: String,
    values: FormValues,
) -> Reply<()> {
    core.save_draft(&procedure_id, &values)
        .await
        .map_err(|e| core.error_body(&e))
}

/// The file's bytes come as the raw request body (no JSON array of numbers for a 10 MB photo);
/// its name, URI-encoded since headers are ASCII, in `FILE_NAME_HEADER`.
#[tauri::command]
pub async fn dossier_attach(
    core: State<'_, Arc<Core>>,
    request: Request<'_>,
) -> Reply<AttachmentRef> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(
            core.error_body(&citizen_core::CoreError::AttachmentRejected(
                "the file did not arrive as bytes".into(),
            )),
        );
    };
    let name = request
        .headers()
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "tep-dinh-kem".to_owned());
    core.attach(&name, bytes.clone())
        .await
        .map_err(|e| core.error_body(&e))
}

/// Queues the dossier (that is what makes it safe) and starts a delivery round at once; the UI
/// hears the outcome through the status event.
#[tauri::command]
pub async fn dossier_submit(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    procedure_id: String,
    values: FormValues,
) -> Reply<AppStatus> {
    let queued = core.submit(&procedure_id, values).await;
    deliver_queued(app, core.inner(), queued).await
}

/// Queues the resident's answer to "more information needed", then as for a dossier.
#[tauri::command]
pub async fn dossier_answer(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    dossier_id: String,
    answer: AnswerDossier,
) -> Reply<AppStatus> {
    let queued = core.answer_dossier(&dossier_id, answer).await;
    deliver_queued(app, core.inner(), queued).await
}

#[tauri::command]
pub async fn report_categories(core: State<'_, Arc<Core>>) -> Reply<Vec<ReportCategory>> {
    core.report_categories()
        .await
        .map_err(|e| core.error_body(&e))
}

/// Queues a field report, then as for a dossier.
#[tauri::command]
pub async fn report_submit(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    report: SubmitReport,
) -> Reply<AppStatus> {
    let queued = core.submit_report(report).await;
    deliver_queued(app, core.inner(), queued).await
}

#[tauri::command]
pub async fn my_reports(core: State<'_, Arc<Core>>) -> Reply<MyReports> {
    core.my_reports().await.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn report_rate(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    report_id: String,
    stars: u8,
) -> Reply<AppStatus> {
    let queued = core.rate_report(&report_id, stars).await;
    deliver_queued(app, core.inner(), queued).await
}

#[tauri::command]
pub async fn report_reopen(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    report_id: String,
    message: String,
) -> Reply<AppStatus> {
    let queued = core.reopen_report(&report_id, message).await;
    deliver_queued(app, core.inner(), queued).await
}

#[tauri::command]
pub async fn public_reports(core: State<'_, Arc<Core>>) -> Reply<Vec<PublicReport>> {
    core.public_reports().await.map_err(|e| core.error_body(&e))
}

/// Where exported files go (`--export-dir`, else Downloads); none on a kiosk.
pub struct ExportDir(pub Option<std::path::PathBuf>);

#[tauri::command]
pub async fn invoice_qr(core: State<'_, Arc<Core>>, dossier_id: String) -> Reply<String> {
    core.invoice_qr(&dossier_id)
        .await
        .map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn invoice_pay_gateway(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    browser: State<'_, ShellBrowser>,
    dossier_id: String,
) -> Reply<String> {
    let result = core.pay_by_gateway(&dossier_id, browser.inner()).await;
    if let Ok(status) = core.status().await {
        announce(&app, &status);
    }
    result.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn invoice_reissue(
    app: AppHandle,
    core: State<'_, Arc<Core>>,
    dossier_id: String,
) -> Reply<AppStatus> {
    core.reissue_invoice(&dossier_id)
        .await
        .map_err(|e| core.error_body(&e))?;
    let status = core.status().await.map_err(|e| core.error_body(&e))?;
    announce(&app, &status);
    Ok(status)
}

/// Saves the receipt as `bien-lai-<number>.pdf` in the export folder; answers the file's path.
#[tauri::command]
pub async fn receipt_export(
    core: State<'_, Arc<Core>>,
    export_dir: State<'_, ExportDir>,
    dossier_id: String,
) -> Reply<String> {
    let Some(dir) = export_dir.0.as_ref() else {
        tracing::info!("receipt export refused: kiosk");
        return Err(core.error_body(&citizen_core::CoreError::KioskNoExport));
    };
    let (number, pdf) = core
        .receipt_pdf(&dossier_id)
        .await
        .map_err(|e| core.error_body(&e))?;
    let failed = |e: std::io::Error| {
        tracing::error!(error = %e, "receipt not saved");
        core.error_body(&citizen_core::CoreError::StoreFailed(e.to_string()))
    };
    // The number comes from the server: only what a receipt number has goes into a file name.
    let number: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    tokio::fs::create_dir_all(dir).await.map_err(failed)?;
    let path = dir.join(format!("bien-lai-{number}.pdf"));
    // Whole or absent: written aside, then moved into place.
    let partial = dir.join(format!(".bien-lai-{number}.pdf.part"));
    tokio::fs::write(&partial, &pdf).await.map_err(failed)?;
    tokio::fs::rename(&partial, &path).await.map_err(failed)?;
    tracing::info!(%number, "receipt exported");
    Ok(path.display().to_string())
}

/// After something was queued: the new status to every window, and a delivery round started.
async fn deliver_queued(
    app: AppHandle,
    core: &Arc<Core>,
    queued: Result<String, citizen_core::CoreError>,
) -> Reply<AppStatus> {
    queued.map_err(|e| core.error_body(&e))?;
    let status = core.status().await.map_err(|e| core.error_body(&e))?;
    announce(&app, &status);
    let core = core.clone();
    tauri::async_runtime::spawn(async move { deliver_now(&app, &core).await });
    Ok(status)
}

#[tauri::command]
pub async fn my_dossiers(core: State<'_, Arc<Core>>) -> Reply<MyDossiers> {
    core.my_dossiers().await.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn notifications(core: State<'_, Arc<Core>>) -> Reply<Vec<Notification>> {
    core.notifications().await.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn notifications_read(app: AppHandle, core: State<'_, Arc<Core>>) -> Reply<AppStatus> {
    core.mark_notifications_read()
        .await
        .map_err(|e| core.error_body(&e))?;
    let status = core.status().await.map_err(|e| core.error_body(&e))?;
    announce(&app, &status);
    Ok(status)
}

async fn deliver_now(app: &AppHandle, core: &Core) {
    if let Err(e) = core.deliver_outbox().await {
        tracing::warn!(code = e.code().as_str(), error = %e, "delivery after submit failed");
    }
    if let Ok(status) = core.status().await {
        announce(app, &status);
    }
    show_system_notifications(app, core).await;
}

/// Hands new notifications to the system's notification area, where the platform has one.
async fn show_system_notifications(app: &AppHandle, core: &Core) {
    let taken = match core.take_system_notifications().await {
        Ok(taken) => taken,
        Err(e) => {
            tracing::warn!(error = %e, "notifications could not be read");
            return;
        }
    };
    for (title, body) in taken {
        if let Err(e) = app
            .notification()
            .builder()
            .title(&title)
            .body(&body)
            .show()
        {
            // The in-app list still has it; a desktop without a notification daemon is normal.
            tracing::info!(error = %e, "system notification not shown");
        }
    }
}

/// Works in the background for the life of the app: catalogue, session, outbox, dossier feed;
/// tells the UI after each round and the system of new notifications.
pub async fn sync_forever(app: AppHandle, core: Arc<Core>, every: std::time::Duration) {
    loop {
        match core.background_round().await {
            Ok(status) => announce(&app, &status),
            // Already logged by the core; the UI learns of it from the status it polls next.
            Err(e) => tracing::debug!(error = %e, "background round failed"),
        }
        show_system_notifications(&app, &core).await;
        tokio::time::sleep(every).await;
    }
}

#[tauri::command]
pub async fn kiosk_hand_off(core: State<'_, Arc<Core>>) -> Reply<HandOff> {
    core.kiosk_hand_off().await.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn kiosk_hand_off_wait(app: AppHandle, core: State<'_, Arc<Core>>) -> Reply<AppStatus> {
    let status = core
        .wait_kiosk_hand_off()
        .await
        .map_err(|e| core.error_body(&e))?;
    announce(&app, &status);
    Ok(status)
}

#[tauri::command]
pub async fn assist_start(core: State<'_, Arc<Core>>) -> Reply<HandOff> {
    core.assist_start().await.map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn assist_consent_photo(core: State<'_, Arc<Core>>, request: Request<'_>) -> Reply<()> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(
            core.error_body(&citizen_core::CoreError::ConsentPhotoRejected(
                "the photo did not arrive as bytes".into(),
            )),
        );
    };
    let number = request
        .headers()
        .get(PERSONAL_NUMBER_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    core.assist_consent_photo(number, bytes.clone())
        .await
        .map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn assist_wait(app: AppHandle, core: State<'_, Arc<Core>>) -> Reply<AppStatus> {
    let status = core.assist_wait().await.map_err(|e| core.error_body(&e))?;
    announce(&app, &status);
    Ok(status)
}

#[tauri::command]
pub async fn assist_end(app: AppHandle, core: State<'_, Arc<Core>>) -> Reply<AppStatus> {
    let status = core.assist_end().await.map_err(|e| core.error_body(&e))?;
    announce(&app, &status);
    Ok(status)
}

#[tauri::command]
pub async fn helper_sessions(core: State<'_, Arc<Core>>) -> Reply<Vec<HelperSession>> {
    core.helper_sessions()
        .await
        .map_err(|e| core.error_body(&e))
}

#[tauri::command]
pub async fn audit_log(core: State<'_, Arc<Core>>) -> Reply<Vec<AuditEntry>> {
    core.audit_log().await.map_err(|e| core.error_body(&e))
}
