//! What the Tauri shell hands the UI. Command names live in `COMMANDS` so the UI and the shell
//! agree on them; the payloads are the types below and those of `catalog`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::CitizenProfile;
use crate::catalog::{AdminLevel, Field, Localized, OnlineLevel};
use crate::dossiers::{Dossier, DossierStatus};
use crate::error::ErrorBody;
use crate::forms::FormValues;
use crate::reports::Report;

/// One line of a catalogue list or search result: enough to show and rank, not the whole record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProcedureSummary {
    pub id: String,
    pub name: Localized,
    pub field: Field,
    pub level: AdminLevel,
    pub online_level: OnlineLevel,
    pub processing_days: u32,
    #[ts(type = "number")]
    pub fee_vnd: u64,
}

/// What the app knows about its own state, shown in the status line and the offline banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppStatus {
    /// False once a sync attempt failed to reach the server; true again after one succeeds.
    pub online: bool,
    /// When the catalogue was last synced successfully (RFC 3339, UTC), if ever.
    pub last_sync_at: Option<String>,
    pub procedure_count: u32,
    /// Changes whenever the local catalogue does (it is the applied feed cursor), so a screen
    /// showing catalogue data knows to ask again.
    pub catalog_revision: Option<String>,
    /// The language messages from the core come in: "vi" or "en".
    pub locale: String,
    /// Something the resident should know that is not tied to one action (e.g. a recovered store).
    pub notice: Option<ErrorBody>,
    /// Who is signed in on this device, if anyone.
    pub session: Option<Session>,
    /// True while a sign-in waits for the resident to finish in the browser.
    pub signing_in: bool,
    /// Dossiers submitted on this device that the server does not have yet.
    pub outbox_count: u32,
    /// Notifications (Thông báo) the resident has not opened yet.
    pub unread_notifications: u32,
    /// The map tiles' URL template (`{z}/{x}/{y}`), if the deployment has a tile server; the app
    /// works without one (a typed address, a pin on a blank map).
    pub map_tiles: Option<String>,
    /// On a kiosk: seconds without a touch before the session ends, which wipes the resident's
    /// data from the machine. None elsewhere.
    pub kiosk_idle_seconds: Option<u32>,
}

/// A dossier being prepared: the answers so far, with what the e-ID knows already filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DossierDraft {
    pub procedure_id: String,
    pub values: FormValues,
    /// Fields filled from the e-ID: shown, not typed, not changed.
    pub from_eid: Vec<String>,
}

/// Where a dossier submitted on this device stands before the server has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum OutboxState {
    /// Chờ gửi: kept on the device and sent when the network allows.
    Waiting,
    /// The server refused it for good (its answers, or the procedure withdrawn); kept, with why.
    Refused,
}

/// What an outbox item carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum OutboxKind {
    /// A new dossier.
    Dossier,
    /// The resident's answer to "more information needed" on a dossier the server has.
    Answer,
    /// A new field report.
    Report,
    /// The resident's rating of a resolved report.
    Rating,
    /// The resident reopening a resolved report.
    Reopen,
}

/// One dossier, answer, report, rating or reopening on its way to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OutboxItem {
    pub id: String,
    pub kind: OutboxKind,
    /// For an answer: the dossier it answers.
    pub dossier_id: Option<String>,
    /// For a rating or a reopening: the report.
    pub report_id: Option<String>,
    /// For a dossier or an answer.
    pub procedure_id: Option<String>,
    /// For a new report: its title.
    pub title: Option<String>,
    /// From the local catalogue; absent if the procedure has left it since.
    pub procedure_name: Option<Localized>,
    pub state: OutboxState,
    /// RFC 3339.
    pub queued_at: String,
    pub attempts: u32,
    /// Why the last attempt did not deliver it, as the server or the network said.
    pub last_error: Option<String>,
}

/// The resident's dossiers: those still on the device, then those the server has, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MyDossiers {
    pub outbox: Vec<OutboxItem>,
    pub dossiers: Vec<Dossier>,
}

/// The resident's field reports: those still on the device (with ratings and reopenings not yet
/// sent), then those the server has, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MyReports {
    pub outbox: Vec<OutboxItem>,
    pub reports: Vec<Report>,
}

/// A change the resident should hear about (Thông báo): a dossier received or moved at the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Notification {
    #[ts(type = "number")]
    pub id: i64,
    pub dossier_id: String,
    pub dossier_code: String,
    pub procedure_name: Localized,
    pub status: DossierStatus,
    /// The officer's words, if any.
    pub message: Option<String>,
    /// RFC 3339: when the change happened at the agency.
    pub at: String,
    pub read: bool,
}

/// The signed-in resident, as the app knows them (also offline, from the last known session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Session {
    pub citizen: CitizenProfile,
    /// True until the server has confirmed the session since the app started, and again whenever
    /// it cannot be reached: the app shows what it knows and allows only read-only actions.
    pub offline: bool,
    /// When the session ends unless the app reaches the server before (RFC 3339, UTC).
    pub expires_at: String,
    /// In an assisted session: the helper acting for `citizen` (this app's own user).
    pub helper: Option<CitizenProfile>,
    /// A kiosk's or an assisted session: narrowed, and over at `expires_at` whatever happens.
    pub limited: bool,
}

/// Names of the Tauri commands, and of the event the shell emits when `AppStatus` changes.
pub mod commands {
    pub const CATALOG_SEARCH: &str = "catalog_search";
    pub const CATALOG_PROCEDURE: &str = "catalog_procedure";
    pub const APP_STATUS: &str = "app_status";
    pub const SYNC_NOW: &str = "sync_now";
    pub const SET_LOCALE: &str = "set_locale";
    /// Opens the e-ID sign-in in the system browser and waits for the resident to finish.
    pub const SIGN_IN: &str = "sign_in";
    pub const CANCEL_SIGN_IN: &str = "cancel_sign_in";
    pub const SIGN_OUT: &str = "sign_out";
    /// Revokes every session of the signed-in resident, on every device.
    pub const SIGN_OUT_EVERYWHERE: &str = "sign_out_everywhere";
    /// The form of a procedure with the resident's draft, or a new one filled from the e-ID.
    pub const DOSSIER_START: &str = "dossier_start";
    pub const DOSSIER_SAVE_DRAFT: &str = "dossier_save_draft";
    /// Raw bytes of a file in the body, its name (URI-encoded) in [`FILE_NAME_HEADER`]: a
    /// dossier's document or a report's photo (photos downscaled, metadata dropped).
    pub const DOSSIER_ATTACH: &str = "dossier_attach";
    pub const DOSSIER_SUBMIT: &str = "dossier_submit";
    /// The resident's answer to "more information needed", queued like a dossier.
    pub const DOSSIER_ANSWER: &str = "dossier_answer";
    pub const MY_DOSSIERS: &str = "my_dossiers";
    /// The report categories, from the local store (synced with the catalogue).
    pub const REPORT_CATEGORIES: &str = "report_categories";
    /// Queues a `SubmitReport`, like a dossier.
    pub const REPORT_SUBMIT: &str = "report_submit";
    pub const MY_REPORTS: &str = "my_reports";
    /// Queues a rating (1–5) of a resolved report.
    pub const REPORT_RATE: &str = "report_rate";
    /// Queues the reopening of a resolved report, with the resident's words.
    pub const REPORT_REOPEN: &str = "report_reopen";
    /// Resolved public reports near the resident, newest first: the last fetched page, kept on
    /// the device, refreshed when the server can be reached.
    pub const PUBLIC_REPORTS: &str = "public_reports";
    pub const NOTIFICATIONS: &str = "notifications";
    pub const NOTIFICATIONS_READ: &str = "notifications_read";
    /// Opens the gateway's payment page for a dossier's invoice in the system browser; answers
    /// its URL. Online only: a payment is never queued.
    pub const INVOICE_PAY_GATEWAY: &str = "invoice_pay_gateway";
    /// The invoice's VietQR code as SVG, drawn on the device from the synced payload (offline).
    pub const INVOICE_QR: &str = "invoice_qr";
    /// A new invoice for an expired one; answers the dossier.
    pub const INVOICE_REISSUE: &str = "invoice_reissue";
    /// Saves the receipt of a paid invoice as a PDF; answers where.
    pub const RECEIPT_EXPORT: &str = "receipt_export";
    /// Kiosk: asks the server for a hand-off code (RFC 8628) and answers the `HandOff` to show.
    pub const KIOSK_HAND_OFF: &str = "kiosk_hand_off";
    /// Kiosk: waits until the resident approves on their phone; answers the `AppStatus`.
    pub const KIOSK_HAND_OFF_WAIT: &str = "kiosk_hand_off_wait";
    /// Helper: starts assisting a resident; answers the `HandOff` the resident approves.
    pub const ASSIST_START: &str = "assist_start";
    /// Helper: the resident has no phone: their personal number and a photo of the signed
    /// consent form (raw bytes in the body, like `dossier_attach`).
    pub const ASSIST_CONSENT_PHOTO: &str = "assist_consent_photo";
    /// Helper: waits for the resident's consent, then acts for them; answers the `AppStatus`.
    pub const ASSIST_WAIT: &str = "assist_wait";
    /// Ends the assisted session: the resident's data leaves the device, the helper is back.
    pub const ASSIST_END: &str = "assist_end";
    /// The sessions this helper ran.
    pub const HELPER_SESSIONS: &str = "helper_sessions";
    /// The signed-in resident's audit log.
    pub const AUDIT_LOG: &str = "audit_log";
    pub const FILE_NAME_HEADER: &str = "x-file-name";
    /// With `assist_consent_photo`: the resident's personal number.
    pub const PERSONAL_NUMBER_HEADER: &str = "x-personal-id-number";
    pub const STATUS_EVENT: &str = "status-changed";
}

#[cfg(test)]
mod tests {
    use super::commands::*;

    /// Writes `commands.ts` beside the ts-rs output so the UI imports command names instead of
    /// spelling them again. Runs with the ts-rs export (`cargo test -p citizen-protocol`).
    #[test]
    fn export_command_names() {
        let Ok(dir) = std::env::var("TS_RS_EXPORT_DIR") else {
            return;
        };
        let names = [
            ("CATALOG_SEARCH", CATALOG_SEARCH),
            ("CATALOG_PROCEDURE", CATALOG_PROCEDURE),
            ("APP_STATUS", APP_STATUS),
            ("SYNC_NOW", SYNC_NOW),
            ("SET_LOCALE", SET_LOCALE),
            ("SIGN_IN", SIGN_IN),
            ("CANCEL_SIGN_IN", CANCEL_SIGN_IN),
            ("SIGN_OUT", SIGN_OUT),
            ("SIGN_OUT_EVERYWHERE", SIGN_OUT_EVERYWHERE),
            ("DOSSIER_START", DOSSIER_START),
            ("DOSSIER_SAVE_DRAFT", DOSSIER_SAVE_DRAFT),
            ("DOSSIER_ATTACH", DOSSIER_ATTACH),
            ("DOSSIER_SUBMIT", DOSSIER_SUBMIT),
            ("DOSSIER_ANSWER", DOSSIER_ANSWER),
            ("MY_DOSSIERS", MY_DOSSIERS),
            ("REPORT_CATEGORIES", REPORT_CATEGORIES),
            ("REPORT_SUBMIT", REPORT_SUBMIT),
            ("MY_REPORTS", MY_REPORTS),
            ("REPORT_REOPEN", REPORT_REOPEN),
            ("REPORT_RATE", REPORT_RATE),
            ("PUBLIC_REPORTS", PUBLIC_REPORTS),
            ("NOTIFICATIONS", NOTIFICATIONS),
            ("NOTIFICATIONS_READ", NOTIFICATIONS_READ),
            ("KIOSK_HAND_OFF", KIOSK_HAND_OFF),
            ("KIOSK_HAND_OFF_WAIT", KIOSK_HAND_OFF_WAIT),
            ("ASSIST_START", ASSIST_START),
            ("ASSIST_CONSENT_PHOTO", ASSIST_CONSENT_PHOTO),
            ("ASSIST_WAIT", ASSIST_WAIT),
            ("ASSIST_END", ASSIST_END),
            ("HELPER_SESSIONS", HELPER_SESSIONS),
            ("AUDIT_LOG", AUDIT_LOG),
            ("PERSONAL_NUMBER_HEADER", PERSONAL_NUMBER_HEADER),
            ("INVOICE_PAY_GATEWAY", INVOICE_PAY_GATEWAY),
            ("INVOICE_QR", INVOICE_QR),
            ("INVOICE_REISSUE", INVOICE_REISSUE),
            ("RECEIPT_EXPORT", RECEIPT_EXPORT),
            ("FILE_NAME_HEADER", FILE_NAME_HEADER),
            ("STATUS_EVENT", STATUS_EVENT),
        ];
        let mut ts = String::from(
            "// This file was generated from citizen-protocol (src/ipc.rs). Do not edit this file manually.\n\n",
        );
        for (name, value) in names {
            ts.push_str(&format!("export const {name} = \"{value}\";\n"));
        }
        ts.push_str(&format!(
            "export const MAX_ATTACHMENT_INPUT_BYTES = {};\n",
            crate::forms::MAX_ATTACHMENT_INPUT_BYTES
        ));
        ts.push_str(&format!(
            "export const MAX_REPORT_PHOTOS = {};\n",
            crate::reports::MAX_REPORT_PHOTOS
        ));
        let b = crate::reports::PROVINCE_BOUNDS;
        ts.push_str(&format!(
            "export const PROVINCE_BOUNDS = {{ south: {:?}, west: {:?}, north: {:?}, east: {:?} }};\n",
            b.south, b.west, b.north, b.east
        ));
        let path = std::path::Path::new(&dir).join("commands.ts");
        std::fs::create_dir_all(&dir).unwrap();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(ts.as_str()) {
            std::fs::write(&path, ts).unwrap();
        }
    }
}
