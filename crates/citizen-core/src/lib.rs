//! The app's brain, free of Tauri: every shell (desktop, mobile, kiosk, tests) drives `Core`.
//! Reads come from the local store; the network only fills it.

pub mod at_rest;
pub mod auth;
pub mod catalog;
mod citizen_feed;
pub mod dossiers;
pub mod error;
pub mod i18n;
pub mod payments;
pub mod receipts;
pub mod reports;
mod server_url;
pub mod store;
pub mod sync;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use citizen_protocol::assist::{AuditEntry, HandOff, HelperSession};
use citizen_protocol::catalog::{Field, Procedure};
use citizen_protocol::dossiers::{AnswerDossier, Dossier};
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::forms::{apply_prefill, AttachmentRef, FormValues};
use citizen_protocol::ipc::{
    AppStatus, DossierDraft, MyDossiers, MyReports, Notification, OutboxKind, ProcedureSummary,
};
use citizen_protocol::reports::{PublicReport, Report, ReportCategory, SubmitReport};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub use auth::vault::KeyringChoice;
pub use auth::Browser;
use auth::{Auth, AuthClient, ReturnPages};
pub use error::CoreError;
pub use i18n::Locale;
use i18n::Messages;
use store::Store;
use sync::{FeedClient, SyncReport};

#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// Where the local store lives; one directory per app instance.
    pub data_dir: PathBuf,
    /// Base URL of the provincial server, e.g. `http://127.0.0.1:8080`.
    pub server_url: String,
    /// How long one request may take before the server counts as unreachable.
    pub request_timeout: Duration,
    /// Which OS keyring keeps the refresh token.
    pub keyring: KeyringChoice,
    /// How often a signed-in app confirms its session with the server (a session revoked
    /// elsewhere ends here within this time).
    pub session_check: Duration,
    /// The map tiles' URL template, if the deployment has a tile server.
    pub map_tiles: Option<String>,
    /// On a kiosk, seconds without a touch before the UI ends the session (`AppStatus`).
    pub kiosk_idle_seconds: Option<u32>,
}

impl CoreConfig {
    pub fn new(data_dir: impl Into<PathBuf>, server_url: impl Into<String>) -> CoreConfig {
        CoreConfig {
            data_dir: data_dir.into(),
            server_url: server_url.into(),
            request_timeout: Duration::from_secs(20),
            keyring: KeyringChoice::Auto,
            session_check: Duration::from_secs(300),
            map_tiles: None,
            kiosk_idle_seconds: None,
        }
    }
}

struct State {
    online: bool,
    locale: Locale,
    notice: Option<ErrorCode>,
}

pub struct Core {
    store: Store,
    client: FeedClient,
    auth: Auth,
    messages: Messages,
    field_words: catalog::store::FieldWords,
    state: Mutex<State>,
    /// One sync at a time: the periodic one and a resident's "sync now" must not interleave.
    sync_lock: tokio::sync::Mutex<()>,
    /// One delivery round at a time, so two rounds never send the same dossier side by side.
    delivery_lock: tokio::sync::Mutex<()>,
    map_tiles: Option<String>,
    kiosk_idle_seconds: Option<u32>,
}

impl Core {
    pub async fn open(config: CoreConfig) -> Result<Core, CoreError> {
        let client = FeedClient::new(&config.server_url, config.request_timeout)?;
        let opened = Store::open(&config.data_dir).await?;
        let messages = Messages::load();
        let field_words = field_words(&messages);
        let auth_client = AuthClient::new(&config.server_url, config.request_timeout)?;
        let (auth, session_notice) = Auth::open(
            auth_client,
            opened.store.pool().clone(),
            &config.data_dir,
            config.keyring,
            config.session_check,
        )
        .await?;
        let notice = opened
            .set_aside
            .map(|_| ErrorCode::StoreRecovered)
            .or(session_notice);
        Ok(Core {
            store: opened.store,
            client,
            auth,
            messages,
            field_words,
            state: Mutex::new(State {
                online: true,
                locale: Locale::default(),
                notice,
            }),
            sync_lock: tokio::sync::Mutex::new(()),
            delivery_lock: tokio::sync::Mutex::new(()),
            map_tiles: config.map_tiles,
            kiosk_idle_seconds: config.kiosk_idle_seconds,
        })
    }

    /// Searches the local catalogue; a blank query lists it.
    pub async fn search(&self, query: &str) -> Result<Vec<ProcedureSummary>, CoreError> {
        catalog::search::search(self.store.pool(), query).await
    }

    pub async fn procedure(&self, id: &str) -> Result<Procedure, CoreError> {
        catalog::store::get(self.store.pool(), id).await
    }

    /// Saves what the resident has typed so far; the draft survives restarts.
    pub async fn save_draft(
        &self,
        procedure_id: &str,
        values: &FormValues,
    ) -> Result<(), CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let now = dossiers::outbox::rfc3339(OffsetDateTime::now_utc());
        dossiers::store::save_draft(store.pool(), procedure_id, values, &now).await
    }

    pub async fn draft(&self, procedure_id: &str) -> Result<Option<FormValues>, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        dossiers::store::draft(store.pool(), procedure_id).await
    }

    /// Begins (or resumes) a dossier for a procedure: the saved draft if there is one, with what
    /// the e-ID knows filled in over it.
    pub async fn start_dossier(&self, procedure_id: &str) -> Result<DossierDraft, CoreError> {
        let procedure = self.procedure(procedure_id).await?;
        let form = procedure
            .form
            .as_ref()
            .ok_or_else(|| CoreError::ProcedureUnavailable(procedure.id.clone()))?;
        let mut values = self.draft(procedure_id).await?.unwrap_or_default();
        let from_eid = match self.auth.session() {
            Some(session) => apply_prefill(form, &mut values, &session.citizen),
            None => vec![],
        };
        Ok(DossierDraft {
            procedure_id: procedure.id,
            values,
            from_eid,
        })
    }

    /// Keeps a file for a dossier in the citizen's store.
    pub async fn attach(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Result<AttachmentRef, CoreError> {
        let (store, files) = self.auth.citizen_place().await?;
        dossiers::attach(store.pool(), &files, file_name, bytes).await
    }

    /// Validates and queues a dossier; it is sent by `deliver_outbox`, now or when the network
    /// comes back. Returns the outbox item's id.
    pub async fn submit(
        &self,
        procedure_id: &str,
        values: FormValues,
    ) -> Result<String, CoreError> {
        let procedure = self.procedure(procedure_id).await?;
        let (store, _) = self.auth.citizen_place().await?;
        let mut values = values;
        if let (Some(form), Some(session)) = (&procedure.form, self.auth.session()) {
            apply_prefill(form, &mut values, &session.citizen);
        }
        dossiers::submit(store.pool(), &procedure, values).await
    }

    /// Queues the resident's answer to "more information needed" on one of their dossiers; it
    /// is sent like a dossier, now or when the network comes back.
    pub async fn answer_dossier(
        &self,
        dossier_id: &str,
        answer: AnswerDossier,
    ) -> Result<String, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let dossier = dossiers::store::dossiers(store.pool())
            .await?
            .into_iter()
            .find(|d| d.id == dossier_id)
            .ok_or_else(|| CoreError::NotFound(dossier_id.to_owned()))?;
        dossiers::answer(store.pool(), &dossier, answer).await
    }

    /// Sends what waits in the outbox and is due.
    pub async fn deliver_outbox(&self) -> Result<dossiers::outbox::Delivery, CoreError> {
        let _one_round_at_a_time = self.delivery_lock.lock().await;
        let (store, files) = self.auth.citizen_place().await?;
        let waiting = dossiers::store::waiting_count(store.pool()).await?;
        if waiting == 0 {
            return Ok(dossiers::outbox::Delivery::default());
        }
        let token = match self.auth.bearer().await {
            Ok(token) => token,
            Err(e) => {
                tracing::info!(waiting, error = %e, "outbox waits for the server");
                return Ok(dossiers::outbox::Delivery {
                    still_waiting: waiting,
                    ..Default::default()
                });
            }
        };
        let (http, server) = self.client.parts();
        dossiers::outbox::Outbox {
            pool: store.pool(),
            http,
            server,
            token: &token,
            files: &files,
        }
        .deliver()
        .await
    }

    /// Brings the citizen's dossiers (status, timeline, officers' messages) up to date.
    pub async fn sync_dossiers(&self) -> Result<usize, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let token = self.auth.bearer().await?;
        let changed = dossiers::sync(store.pool(), &self.client, &token).await?;
        if changed > 0 {
            tracing::info!(changed, "dossiers synced");
        }
        Ok(changed)
    }

    /// How many dossiers wait to be sent.
    pub async fn outbox_count(&self) -> Result<u32, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        dossiers::store::waiting_count(store.pool()).await
    }

    /// The citizen's dossiers as the server last sent them.
    pub async fn dossiers(&self) -> Result<Vec<Dossier>, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        dossiers::store::dossiers(store.pool()).await
    }

    /// What "Hồ sơ của tôi" shows: dossiers still on the device, then those the server has.
    pub async fn my_dossiers(&self) -> Result<MyDossiers, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let mut outbox = dossiers::store::outbox_items(store.pool()).await?;
        outbox.retain(|item| matches!(item.kind, OutboxKind::Dossier | OutboxKind::Answer));
        for item in &mut outbox {
            if let Some(procedure_id) = &item.procedure_id {
                item.procedure_name = catalog::store::get(self.store.pool(), procedure_id)
                    .await
                    .ok()
                    .map(|p| p.name);
            }
        }
        Ok(MyDossiers {
            outbox,
            dossiers: dossiers::store::dossiers(store.pool()).await?,
        })
    }

    /// The VietQR code of a dossier's invoice, as SVG, from what was synced (works offline).
    pub async fn invoice_qr(&self, dossier_id: &str) -> Result<String, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let invoice = payments::invoice_of(store.pool(), dossier_id).await?;
        payments::qr_svg(&invoice.vietqr)
    }

    /// Opens the gateway's payment page for a dossier's invoice in `browser`; answers its URL.
    /// Refused once the server knows the invoice paid or expired, and the dossier is synced so
    /// the app shows why.
    pub async fn pay_by_gateway(
        &self,
        dossier_id: &str,
        browser: &dyn Browser,
    ) -> Result<String, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let invoice = payments::invoice_of(store.pool(), dossier_id).await?;
        let token = self.auth.bearer().await?;
        let redirect = match payments::gateway_redirect(&self.client, &token, &invoice).await {
            Ok(redirect) => redirect,
            Err(
                e @ (CoreError::InvoicePaid(_)
                | CoreError::InvoiceExpired(_)
                | CoreError::InvoiceClosed(_)),
            ) => {
                self.sync_dossiers().await?;
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        browser
            .open(&redirect.url)
            .map_err(|e| CoreError::Unreachable(format!("browser: {e}")))?;
        Ok(redirect.url)
    }

    /// Asks for a new invoice in place of a dossier's expired one; keeps the dossier as answered.
    pub async fn reissue_invoice(&self, dossier_id: &str) -> Result<Dossier, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let invoice = payments::invoice_of(store.pool(), dossier_id).await?;
        let token = self.auth.bearer().await?;
        let dossier = payments::reissue(&self.client, &token, &invoice).await?;
        let mut conn = store.pool().acquire().await?;
        dossiers::store::upsert_dossier(&mut conn, &dossier).await?;
        Ok(dossier)
    }

    /// The receipt of a dossier's paid invoice as a PDF, in the app's language (works offline).
    pub async fn receipt_pdf(&self, dossier_id: &str) -> Result<(String, Vec<u8>), CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let invoice = payments::invoice_of(store.pool(), dossier_id).await?;
        let number = invoice
            .receipt
            .as_ref()
            .map(|r| r.number.clone())
            .ok_or(CoreError::Receipt(receipts::ReceiptError::NotPaid))?;
        let locale = self.locale();
        let pdf = tokio::task::spawn_blocking(move || receipts::receipt_pdf(&invoice, locale))
            .await
            .map_err(|e| CoreError::StoreFailed(e.to_string()))??;
        Ok((number, pdf))
    }

    /// The report categories, as last synced with the catalogue.
    pub async fn report_categories(&self) -> Result<Vec<ReportCategory>, CoreError> {
        reports::store::categories(self.store.pool()).await
    }

    /// Checks and queues a field report; it is sent by `deliver_outbox` with its photos, now or
    /// when the network comes back. Returns the outbox item's id.
    pub async fn submit_report(&self, report: SubmitReport) -> Result<String, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        reports::submit(store.pool(), report).await
    }

    /// Queues the resident's rating (1–5) of their resolved report.
    pub async fn rate_report(&self, report_id: &str, stars: u8) -> Result<String, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let report = self.own_report(store.pool(), report_id).await?;
        reports::rate(store.pool(), &report, stars).await
    }

    /// Queues the reopening of the resident's resolved report, with why.
    pub async fn reopen_report(
        &self,
        report_id: &str,
        message: String,
    ) -> Result<String, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let report = self.own_report(store.pool(), report_id).await?;
        reports::reopen(store.pool(), &report, message, OffsetDateTime::now_utc()).await
    }

    async fn own_report(&self, pool: &sqlx::SqlitePool, id: &str) -> Result<Report, CoreError> {
        reports::store::report(pool, id)
            .await?
            .ok_or_else(|| CoreError::NotFound(id.to_owned()))
    }

    /// "Phản ánh của tôi": reports, ratings and reopenings still on the device, then the reports
    /// the server has.
    pub async fn my_reports(&self) -> Result<MyReports, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let mut outbox = dossiers::store::outbox_items(store.pool()).await?;
        outbox.retain(|item| {
            matches!(
                item.kind,
                OutboxKind::Report | OutboxKind::Rating | OutboxKind::Reopen
            )
        });
        Ok(MyReports {
            outbox,
            reports: reports::store::reports(store.pool()).await?,
        })
    }

    /// Brings the citizen's reports (status, timeline, agencies' answers) up to date.
    pub async fn sync_reports(&self) -> Result<usize, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        let token = self.auth.bearer().await?;
        let changed = reports::sync(store.pool(), &self.client, &token).await?;
        if changed > 0 {
            tracing::info!(changed, "reports synced");
        }
        Ok(changed)
    }

    /// Resolved public reports, newest first, as last fetched (refreshed with the catalogue).
    pub async fn public_reports(&self) -> Result<Vec<PublicReport>, CoreError> {
        reports::store::public(self.store.pool()).await
    }

    /// Thông báo, newest first.
    pub async fn notifications(&self) -> Result<Vec<Notification>, CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        dossiers::notifications::list(store.pool()).await
    }

    pub async fn mark_notifications_read(&self) -> Result<(), CoreError> {
        let (store, _) = self.auth.citizen_place().await?;
        dossiers::notifications::mark_all_read(store.pool()).await
    }

    /// New notifications for the system's notification area, each with its title and body in the
    /// current language; each is returned once.
    pub async fn take_system_notifications(&self) -> Result<Vec<(String, String)>, CoreError> {
        let Ok((store, _)) = self.auth.citizen_place().await else {
            return Ok(vec![]);
        };
        let locale = self.locale();
        let taken = dossiers::notifications::take_unshown(store.pool()).await?;
        Ok(taken
            .iter()
            .map(|n| {
                let title = self.messages.get_with(
                    locale,
                    &format!("notification-{}", n.status.as_str()),
                    &[("code", n.dossier_code.clone())],
                );
                let name = match locale {
                    Locale::Vi => &n.procedure_name.vi,
                    Locale::En => &n.procedure_name.en,
                };
                let body = match &n.message {
                    Some(message) => format!("{name}: {message}"),
                    None => name.clone(),
                };
                (title, body)
            })
            .collect())
    }

    /// The background round: catalogue, session, outbox and dossier feed, then the status. What
    /// the network refuses is logged and retried next round; only a local failure is an error.
    pub async fn background_round(&self) -> Result<AppStatus, CoreError> {
        let was_online = self.state.lock().expect("state lock").online;
        let status = self.refresh().await?;
        if status.session.is_some() {
            if status.online && !was_online {
                // Backoff is for a server that fails; a network that comes back means try now.
                if let Ok((store, _)) = self.auth.citizen_place().await {
                    let now = dossiers::outbox::rfc3339(OffsetDateTime::now_utc());
                    dossiers::store::due_now(store.pool(), &now).await?;
                }
            }
            if let Err(e) = self.deliver_outbox().await {
                tracing::warn!(code = e.code().as_str(), error = %e, "outbox round failed");
            }
            match self.sync_dossiers().await {
                Ok(_) | Err(CoreError::Unreachable(_) | CoreError::Busy { .. }) => {}
                Err(e) => {
                    tracing::warn!(code = e.code().as_str(), error = %e, "dossier sync failed")
                }
            }
            match self.sync_reports().await {
                Ok(_) | Err(CoreError::Unreachable(_) | CoreError::Busy { .. }) => {}
                Err(e) => {
                    tracing::warn!(code = e.code().as_str(), error = %e, "report sync failed")
                }
            }
        }
        self.status().await
    }

    /// Brings the local catalogue up to date with the server, and records whether it could.
    pub async fn sync(&self) -> Result<SyncReport, CoreError> {
        let _one_at_a_time = self.sync_lock.lock().await;
        let result = sync::sync_catalog(self.store.pool(), &self.client, &self.field_words).await;
        let reached = match &result {
            Ok(report) => {
                let now = OffsetDateTime::now_utc()
                    .format(&Rfc3339)
                    .unwrap_or_default();
                catalog::store::record_success(self.store.pool(), &now).await?;
                // What anyone may read about reports rides along; failing it fails nothing else.
                if let Err(e) = reports::sync_public(self.store.pool(), &self.client).await {
                    tracing::warn!(code = e.code().as_str(), error = %e, "report categories and public feed not fetched");
                }
                if report.upserts + report.tombstones > 0 {
                    tracing::info!(
                        pages = report.pages,
                        upserts = report.upserts,
                        tombstones = report.tombstones,
                        "catalogue synced"
                    );
                } else {
                    tracing::debug!("catalogue unchanged");
                }
                true
            }
            Err(e) => {
                tracing::warn!(code = e.code().as_str(), error = %e, "catalogue sync failed");
                !matches!(e, CoreError::Unreachable(_))
            }
        };
        self.state.lock().expect("state lock").online = reached;
        result
    }

    /// Syncs, keeps the session fresh, and reports the resulting status. An unreachable server is
    /// not an error here: being offline is a state the status shows (the banner), while a server
    /// that answers wrongly is.
    pub async fn refresh(&self) -> Result<AppStatus, CoreError> {
        let synced = self.sync().await;
        if let Some(notice) = self.auth.keep_alive().await {
            self.state.lock().expect("state lock").notice = Some(notice);
        }
        // A busy server is a wait, not a failure: the next round pulls again after its Retry-After.
        match synced {
            Ok(_) | Err(CoreError::Unreachable(_) | CoreError::Busy { .. }) => self.status().await,
            Err(e) => Err(e),
        }
    }

    /// Signs in with the national e-ID in `browser`; waits until the resident is done there.
    pub async fn sign_in(&self, browser: &dyn Browser) -> Result<AppStatus, CoreError> {
        let locale = self.locale();
        let page = |key: &str| {
            let title = self.messages.get(locale, "app-name");
            let text = self.messages.get(locale, key);
            format!(
                "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><meta name=\"viewport\" \
                 content=\"width=device-width\"><title>{title}</title><body style=\"font: 1.2rem \
                 system-ui; margin: 3rem auto; max-width: 32rem; padding: 0 1rem\"><h1>{title}</h1>\
                 <p>{text}</p></body></html>",
                locale.as_str()
            )
        };
        let pages = ReturnPages {
            signed_in: page("sign-in-return-done"),
            failed: page("sign-in-return-failed"),
        };
        self.auth.sign_in(browser, pages).await?;
        self.signed_in_now();
        self.status().await
    }

    /// The server just answered a sign-in: online, and the "signed out" notice is stale.
    fn signed_in_now(&self) {
        let mut state = self.state.lock().expect("state lock");
        state.online = true;
        if state.notice == Some(ErrorCode::NotSignedIn) {
            state.notice = None;
        }
    }

    pub fn cancel_sign_in(&self) {
        self.auth.cancel_sign_in();
    }

    /// Kiosk: a hand-off code (RFC 8628) for the resident to approve on their phone.
    pub async fn kiosk_hand_off(&self) -> Result<HandOff, CoreError> {
        self.auth.kiosk_hand_off().await
    }

    /// Kiosk: waits for the resident's approval; signed in with the kiosk's narrowed session.
    pub async fn wait_kiosk_hand_off(&self) -> Result<AppStatus, CoreError> {
        self.auth.wait_kiosk_hand_off().await?;
        self.signed_in_now();
        self.status().await
    }

    /// Helper: starts assisting a resident; the hand-off code the resident approves.
    pub async fn assist_start(&self) -> Result<HandOff, CoreError> {
        self.auth.assist_start().await
    }

    /// Helper: the resident has no phone; their personal number and a photo of the consent
    /// form they signed (JPEG or PNG).
    pub async fn assist_consent_photo(
        &self,
        personal_id_number: &str,
        photo: Vec<u8>,
    ) -> Result<(), CoreError> {
        self.auth
            .assist_consent_photo(personal_id_number, photo)
            .await
    }

    /// Helper: waits for consent, then acts for the resident.
    pub async fn assist_wait(&self) -> Result<AppStatus, CoreError> {
        self.auth.assist_wait().await?;
        self.signed_in_now();
        self.status().await
    }

    /// Ends an assisted session: the resident's data leaves this device; the helper is back.
    pub async fn assist_end(&self) -> Result<AppStatus, CoreError> {
        self.auth.assist_end().await?;
        self.status().await
    }

    pub async fn helper_sessions(&self) -> Result<Vec<HelperSession>, CoreError> {
        self.auth.helper_sessions().await
    }

    pub async fn audit_log(&self) -> Result<Vec<AuditEntry>, CoreError> {
        self.auth.audit_log().await
    }

    pub async fn sign_out(&self) -> Result<AppStatus, CoreError> {
        self.auth.sign_out().await?;
        self.status().await
    }

    pub async fn sign_out_everywhere(&self) -> Result<AppStatus, CoreError> {
        self.auth.sign_out_everywhere().await?;
        self.status().await
    }

    pub async fn status(&self) -> Result<AppStatus, CoreError> {
        let pool = self.store.pool();
        let last_sync_at = catalog::store::last_success_at(pool).await?;
        let procedure_count = catalog::store::count(pool).await?;
        let catalog_revision = catalog::store::cursor(pool).await?;
        let (outbox_count, unread_notifications) = match self.auth.citizen_place().await {
            Ok((store, _)) => (
                dossiers::store::waiting_count(store.pool()).await?,
                dossiers::notifications::unread_count(store.pool()).await?,
            ),
            Err(_) => (0, 0),
        };
        let state = self.state.lock().expect("state lock");
        Ok(AppStatus {
            online: state.online,
            last_sync_at,
            procedure_count,
            catalog_revision,
            locale: state.locale.as_str().to_owned(),
            notice: state.notice.map(|code| {
                ErrorBody::new(code, self.messages.get(state.locale, &code.message_key()))
            }),
            session: self.auth.session(),
            signing_in: self.auth.signing_in(),
            outbox_count,
            unread_notifications,
            map_tiles: self.map_tiles.clone(),
            kiosk_idle_seconds: self.kiosk_idle_seconds,
        })
    }

    pub fn set_locale(&self, locale: &str) -> Result<(), CoreError> {
        let locale = Locale::parse(locale)?;
        self.state.lock().expect("state lock").locale = locale;
        Ok(())
    }

    pub fn locale(&self) -> Locale {
        self.state.lock().expect("state lock").locale
    }

    /// The error as the UI receives it: its code and a message in the current language. Logged
    /// here, once, so every failed command leaves a line without any shell having to remember.
    pub fn error_body(&self, error: &CoreError) -> ErrorBody {
        tracing::warn!(code = error.code().as_str(), error = %error, "command failed");
        let mut body = ErrorBody::new(
            error.code(),
            self.messages.error_message(self.locale(), error),
        );
        if let CoreError::FormInvalid(fields) = error {
            body.fields = fields.clone();
        }
        body
    }

    pub async fn close(&self) {
        // Both stores, the citizen's first. A process that exits with a store's connection
        // threads still at work can crash in SQLCipher's crypto library as it is torn down
        // (seen in the chaos test as a SIGSEGV at exit), so whatever exits closes the core first.
        self.auth.close().await;
        self.store.close().await;
    }
}

/// The words each field is found by, in both languages, from the message files the UI uses.
fn field_words(messages: &Messages) -> catalog::store::FieldWords {
    Field::ALL
        .into_iter()
        .map(|f| {
            let key = format!("field-{}", f.as_str());
            let words = format!(
                "{} {}",
                messages.get(Locale::Vi, &key),
                messages.get(Locale::En, &key)
            );
            (f, catalog::fold::fold(&words))
        })
        .collect()
}
