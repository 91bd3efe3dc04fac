//! The app's UI in a plain browser over a real core: serves the built UI (`ui/dist`) and answers
//! `POST /ipc/{command}` as the Tauri shell's commands do (`src-tauri/src/commands.rs`: the same
//! command names, camelCase JSON arguments, the result as JSON or the `ErrorBody` on failure).
//! `tests/chromium/tauri-bridge.js`, injected before the UI loads, gives the UI a
//! `window.__TAURI_INTERNALS__` that posts here, so the UI's code is the app's, unchanged.
//!
//! The shell's status event (`STATUS_EVENT`) is a long poll, `GET /bridge/events[?after=<n>]`. The
//! shell's background loop is one request, `POST /bridge/round` (`Core::background_round`), so a
//! test decides when a round happens instead of waiting for an interval.
//!
//! The commands a screen needs are here; those that open a browser, write a file on the machine
//! or wait for a resident's phone (`invoice_pay_gateway`, `receipt_export`,
//! `assist_wait`, `assist_consent_photo`) are not, and answer as Tauri does an unknown command.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use citizen_core::{Browser, Core, CoreError};
use citizen_protocol::forms::AttachmentRef;
use citizen_protocol::ipc::commands::{self as cmd, FILE_NAME_HEADER};
use citizen_protocol::ipc::AppStatus;
use citizen_protocol::reports::{GeoPoint, SubmitReport};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::watch;

use crate::dossiers::{photo, procedure_named};
use crate::payments::{extract_values, FEE_PROCEDURE};

/// The demo resident the screens are seen as: Trần Thị Bình, whose answers `extract_values` holds.
pub const RESIDENT: usize = 1;

/// What `seed_content` made, for the screens that show one thing.
pub struct Content {
    /// A procedure with a form and a fee, which the resident applied for.
    pub procedure_id: String,
    pub resident_name: String,
}

/// Content for every screen, made the way the app makes it: signed in as `RESIDENT` through
/// `browser`, a dossier with a fee and a field report with a photo queued and delivered by the
/// core, then synced back from the server at `server_url` with the dossier's invoice and the
/// notifications they bring.
pub async fn seed_content(core: &Core, browser: &dyn Browser, server_url: &str) -> Content {
    core.background_round().await.expect("the catalogue syncs");
    let status = core.sign_in(browser).await.expect("signed in");
    let procedure = procedure_named(server_url, FEE_PROCEDURE).await;
    core.submit(&procedure.id, extract_values())
        .await
        .expect("the dossier is queued");
    let photo: AttachmentRef = core
        .attach("den-duong.jpg", photo(7))
        .await
        .expect("the photo is kept");
    core.submit_report(SubmitReport {
        category: "chieu-sang".into(),
        title: "Đèn đường không sáng".into(),
        description: "Ba cột đèn trước số 12 Lê Lợi tắt từ tối thứ Hai.".into(),
        photos: vec![photo],
        // Lê Lợi street by the Perfume River, central Huế.
        location: Some(GeoPoint {
            lat: 16.4637,
            lon: 107.5909,
        }),
        address: None,
        public: true,
    })
    .await
    .expect("the report is queued");
    let round = core.background_round().await.expect("a round");
    assert_eq!(round.outbox_count, 0, "both were delivered: {round:?}");
    let dossiers = core.my_dossiers().await.expect("my dossiers");
    assert!(
        dossiers.dossiers.iter().any(|d| d.invoice.is_some()),
        "the fee dossier came back with its invoice: {dossiers:?}"
    );
    assert_eq!(
        core.my_reports().await.expect("my reports").reports.len(),
        1
    );
    Content {
        procedure_id: procedure.id,
        resident_name: status.session.expect("a session").citizen.full_name,
    }
}

/// A running bridge; stops when dropped.
pub struct IpcBridge {
    pub url: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for IpcBridge {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Shared {
    core: Arc<Core>,
    browser: Arc<dyn Browser>,
    ui: PathBuf,
    /// The last announced status and how many were announced: the shell's `STATUS_EVENT`.
    events: watch::Sender<(u64, Option<AppStatus>)>,
}

impl Shared {
    fn announce(&self, status: AppStatus) {
        self.events.send_modify(|(count, last)| {
            *count += 1;
            *last = Some(status);
        });
    }
}

impl IpcBridge {
    /// Serves `ui` (the built UI) and the commands over `core` on a free loopback port; sign-in
    /// and nothing else opens `browser`.
    pub async fn start(core: Arc<Core>, browser: Arc<dyn Browser>, ui: PathBuf) -> IpcBridge {
        let (events, _) = watch::channel((0, None));
        let shared = Arc::new(Shared {
            core,
            browser,
            ui,
            events,
        });
        let app = Router::new()
            .route("/ipc/{command}", post(ipc))
            .route("/bridge/events", get(events_after))
            .route("/bridge/round", post(round))
            .fallback(get(static_file))
            .with_state(shared);
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("a loopback port for the bridge");
        let url = format!("http://{}", listener.local_addr().expect("its address"));
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("the bridge serves");
        });
        IpcBridge { url, task }
    }
}

/// A command's answer: its result as JSON, or the `ErrorBody` the shell would reject with.
fn reply<T: Serialize>(core: &Core, result: Result<T, CoreError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(e) => (StatusCode::BAD_REQUEST, Json(core.error_body(&e))).into_response(),
    }
}

/// What Tauri answers a call it cannot make: a plain message, which the UI reads as `internal`.
fn refused(message: String) -> Response {
    (StatusCode::NOT_FOUND, message).into_response()
}

/// A call with arguments the command does not take.
struct BadArgs(String);

fn arg<T: DeserializeOwned>(args: &Value, name: &str) -> Result<T, BadArgs> {
    serde_json::from_value(args.get(name).cloned().unwrap_or(Value::Null))
        .map_err(|e| BadArgs(format!("invalid args `{name}`: {e}")))
}

async fn ipc(
    State(shared): State<Arc<Shared>>,
    Path(command): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match dispatch(&shared, &command, &headers, body).await {
        Ok(response) => response,
        Err(BadArgs(message)) => refused(message),
    }
}

async fn dispatch(
    shared: &Arc<Shared>,
    command: &str,
    headers: &HeaderMap,
    body: Bytes,
) -> Result<Response, BadArgs> {
    let core = &shared.core;
    if command == cmd::DOSSIER_ATTACH {
        // As the shell: the file's bytes are the body, its URI-encoded name in a header.
        let name = headers
            .get(FILE_NAME_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                percent_encoding::percent_decode_str(v)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "tep-dinh-kem".to_owned());
        return Ok(reply(core, core.attach(&name, body.to_vec()).await));
    }
    let args: Value = if body.is_empty() {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(&body).map_err(|e| BadArgs(format!("invalid args: {e}")))?
    };
    let response = match command {
        cmd::CATALOG_SEARCH => reply(core, core.search(&arg::<String>(&args, "query")?).await),
        cmd::CATALOG_PROCEDURE => reply(core, core.procedure(&arg::<String>(&args, "id")?).await),
        cmd::APP_STATUS => reply(core, core.status().await),
        cmd::SYNC_NOW => {
            let result = core.refresh().await;
            if let Ok(status) = &result {
                shared.announce(status.clone());
            }
            reply(core, result)
        }
        cmd::SET_LOCALE => reply(core, core.set_locale(&arg::<String>(&args, "locale")?)),
        cmd::SIGN_IN => {
            if let Ok(status) = core.status().await {
                shared.announce(AppStatus {
                    signing_in: true,
                    ..status
                });
            }
            let result = core.sign_in(shared.browser.as_ref()).await;
            if let Ok(status) = core.status().await {
                shared.announce(status);
            }
            reply(core, result)
        }
        cmd::CANCEL_SIGN_IN => {
            core.cancel_sign_in();
            Json(()).into_response()
        }
        cmd::SIGN_OUT => announced(shared, core.sign_out().await),
        cmd::SIGN_OUT_EVERYWHERE => announced(shared, core.sign_out_everywhere().await),
        cmd::DOSSIER_START => reply(
            core,
            core.start_dossier(&arg::<String>(&args, "procedureId")?)
                .await,
        ),
        cmd::DOSSIER_SAVE_DRAFT => reply(
            core,
            core.save_draft(
                &arg::<String>(&args, "procedureId")?,
                &arg(&args, "values")?,
            )
            .await,
        ),
        cmd::DOSSIER_SUBMIT => {
            let queued = core
                .submit(&arg::<String>(&args, "procedureId")?, arg(&args, "values")?)
                .await;
            deliver_queued(shared, queued).await
        }
        cmd::DOSSIER_ANSWER => {
            let queued = core
                .answer_dossier(&arg::<String>(&args, "dossierId")?, arg(&args, "answer")?)
                .await;
            deliver_queued(shared, queued).await
        }
        cmd::MY_DOSSIERS => reply(core, core.my_dossiers().await),
        cmd::NOTIFICATIONS => reply(core, core.notifications().await),
        cmd::NOTIFICATIONS_READ => {
            let result = match core.mark_notifications_read().await {
                Ok(()) => core.status().await,
                Err(e) => Err(e),
            };
            announced(shared, result)
        }
        cmd::REPORT_CATEGORIES => reply(core, core.report_categories().await),
        cmd::REPORT_SUBMIT => {
            let queued = core.submit_report(arg(&args, "report")?).await;
            deliver_queued(shared, queued).await
        }
        cmd::MY_REPORTS => reply(core, core.my_reports().await),
        cmd::REPORT_RATE => {
            let queued = core
                .rate_report(&arg::<String>(&args, "reportId")?, arg(&args, "stars")?)
                .await;
            deliver_queued(shared, queued).await
        }
        cmd::REPORT_REOPEN => {
            let queued = core
                .reopen_report(&arg::<String>(&args, "reportId")?, arg(&args, "message")?)
                .await;
            deliver_queued(shared, queued).await
        }
        cmd::PUBLIC_REPORTS => reply(core, core.public_reports().await),
        cmd::INVOICE_QR => reply(
            core,
            core.invoice_qr(&arg::<String>(&args, "dossierId")?).await,
        ),
        cmd::INVOICE_REISSUE => {
            let result = match core
                .reissue_invoice(&arg::<String>(&args, "dossierId")?)
                .await
            {
                Ok(_) => core.status().await,
                Err(e) => Err(e),
            };
            announced(shared, result)
        }
        cmd::HELPER_SESSIONS => reply(core, core.helper_sessions().await),
        cmd::AUDIT_LOG => reply(core, core.audit_log().await),
        cmd::KIOSK_HAND_OFF => reply(core, core.kiosk_hand_off().await),
        cmd::KIOSK_HAND_OFF_WAIT => announced(shared, core.wait_kiosk_hand_off().await),
        cmd::ASSIST_START => reply(core, core.assist_start().await),
        cmd::ASSIST_END => announced(shared, core.assist_end().await),
        other => refused(format!("command {other} not found")),
    };
    Ok(response)
}

/// A command whose answer is the new status, which every window hears too.
fn announced(shared: &Shared, result: Result<AppStatus, CoreError>) -> Response {
    if let Ok(status) = &result {
        shared.announce(status.clone());
    }
    reply(&shared.core, result)
}

/// As the shell after something was queued: the new status announced, a delivery round started.
async fn deliver_queued(shared: &Arc<Shared>, queued: Result<String, CoreError>) -> Response {
    let core = &shared.core;
    if let Err(e) = queued {
        return reply::<()>(core, Err(e));
    }
    let result = core.status().await;
    if let Ok(status) = &result {
        shared.announce(status.clone());
        let shared = shared.clone();
        tokio::spawn(async move {
            if let Err(e) = shared.core.deliver_outbox().await {
                tracing::warn!(code = e.code().as_str(), error = %e, "delivery after submit failed");
            }
            if let Ok(status) = shared.core.status().await {
                shared.announce(status);
            }
        });
    }
    reply(core, result)
}

#[derive(Deserialize)]
struct After {
    /// How many the listener has seen; none for a new listener, which hears only what comes
    /// next, as a Tauri listener does.
    after: Option<u64>,
}

#[derive(Serialize)]
struct Event {
    count: u64,
    status: AppStatus,
}

/// The next status announced after the `after`-th (with its number): waits until there is one.
async fn events_after(State(shared): State<Arc<Shared>>, Query(q): Query<After>) -> Response {
    let mut events = shared.events.subscribe();
    let after = q.after.unwrap_or_else(|| events.borrow().0);
    let next = events
        .wait_for(|(count, status)| *count > after && status.is_some())
        .await;
    match next {
        Ok(next) => {
            let (count, status) = next.clone();
            Json(Event {
                count,
                status: status.expect("waited for one"),
            })
            .into_response()
        }
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// One round of the shell's background loop (`sync_forever`), announced like it.
async fn round(State(shared): State<Arc<Shared>>) -> Response {
    announced(&shared, shared.core.background_round().await)
}

/// The built UI's files; `/` is its `index.html`.
async fn static_file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    if path.split('/').any(|part| part == ".." || part.is_empty()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Ok(bytes) = tokio::fs::read(shared.ui.join(path)).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let kind = match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    ([(header::CONTENT_TYPE, kind)], bytes).into_response()
}
