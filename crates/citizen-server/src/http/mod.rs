//! The HTTP surface: routes, shared state and the layers every request passes through.

mod catalog;
pub mod refusal;
pub mod shedding;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{Request, StatusCode};
use axum::routing::{get, post, put};
use axum::Router;
use citizen_protocol::feed::FeedQuery;
use citizen_protocol::{
    assist as assist_wire, auth, dossiers as wire, reports as reports_wire, FEED_MAX_LIMIT,
};
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::db::Db;
use crate::dossiers::{self, attachments, staff};
use crate::error::ServerError;
use crate::identity::{api, assist, device, oauth, passkeys, sandbox, Identity};
use crate::reports::{self, routing::Routing};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub identity: Arc<Identity>,
    /// Where files live (attachments); the database holds only what points at them.
    pub data_dir: PathBuf,
    /// The areas and who handles what where, for routing reports.
    pub routing: Arc<Routing>,
    /// The keys Open311 clients may file reports with.
    pub open311_keys: Arc<crate::open311::ApiKeys>,
    /// How fees are paid: the payee account, the gateway, the bank's confirmations.
    pub payments: Arc<crate::payments::Payments>,
    /// The bounds past which requests are turned away with 429.
    pub shedding: Arc<shedding::Shedding>,
}

pub fn router(state: AppState) -> Router {
    let sandbox = state.identity.sandbox.clone();
    let shedding = state.shedding.clone();
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route(citizen_protocol::CATALOG_FEED_PATH, get(catalog::feed))
        .route(auth::METADATA_PATH, get(oauth::metadata))
        .route(auth::AUTHORIZE_PATH, get(oauth::authorize))
        .route(oauth::EID_START_PATH, get(oauth::eid_start))
        .route(oauth::EID_CALLBACK_PATH, get(oauth::eid_callback))
        .route(passkeys::OFFER_PATH, get(passkeys::offer))
        .route(passkeys::SKIP_PATH, post(passkeys::skip))
        .route(
            passkeys::REGISTER_OPTIONS_PATH,
            post(passkeys::register_options),
        )
        .route(passkeys::REGISTER_PATH, post(passkeys::register))
        .route(
            passkeys::SIGN_IN_OPTIONS_PATH,
            post(passkeys::sign_in_options),
        )
        .route(passkeys::SIGN_IN_PATH, post(passkeys::sign_in))
        .route(passkeys::SCRIPT_PATH, get(passkeys::script))
        .route(auth::TOKEN_PATH, post(oauth::token))
        .route(
            auth::DEVICE_AUTHORIZATION_PATH,
            post(device::authorize_device),
        )
        .route(auth::DEVICE_VERIFICATION_PATH, get(device::verification))
        .route(
            device::CONSENT_PATH,
            get(device::consent_page).post(device::consent),
        )
        .route(auth::INTROSPECT_PATH, post(assist::introspect))
        .route(
            assist_wire::ASSIST_SESSIONS_PATH,
            post(assist::start).get(assist::list),
        )
        .route(
            &assist_wire::consent_photo_path("{id}"),
            put(assist::consent_photo).layer(DefaultBodyLimit::max(attachments::BODY_LIMIT)),
        )
        .route(&assist_wire::assist_end_path("{id}"), post(assist::end))
        .route(assist_wire::AUDIT_LOG_PATH, get(assist::audit_log))
        .route(auth::REVOKE_PATH, post(oauth::revoke))
        .route(auth::ME_PATH, get(api::me))
        .route(
            wire::DOSSIERS_PATH,
            post(dossiers::submit).get(dossiers::list),
        )
        .route(
            &format!("{}/{{id}}/answers", wire::DOSSIERS_PATH),
            post(dossiers::answers::answer),
        )
        .route(wire::DOSSIER_FEED_PATH, get(dossiers::feed))
        .route(wire::STAFF_DOSSIERS_PATH, get(staff::list))
        .route(
            &format!("{}/{{code}}/moves", wire::STAFF_DOSSIERS_PATH),
            post(staff::move_on),
        )
        .route(
            &format!("{}/{{code}}/result", wire::STAFF_DOSSIERS_PATH),
            put(staff::put_result).layer(DefaultBodyLimit::max(attachments::BODY_LIMIT)),
        )
        .route(
            &format!("{}/{{sha256}}", wire::ATTACHMENTS_PATH),
            put(attachments::put)
                .head(attachments::head)
                .layer(DefaultBodyLimit::max(attachments::BODY_LIMIT)),
        )
        .route(reports_wire::REPORTS_PATH, post(reports::submit))
        .route(
            &format!("{}/{{id}}/rating", reports_wire::REPORTS_PATH),
            post(reports::rate),
        )
        .route(
            &format!("{}/{{id}}/reopen", reports_wire::REPORTS_PATH),
            post(reports::reopen),
        )
        .route(reports_wire::REPORT_FEED_PATH, get(reports::feed))
        .route(
            reports_wire::REPORT_CATEGORIES_PATH,
            get(reports::categories),
        )
        .route(reports_wire::PUBLIC_REPORTS_PATH, get(reports::public))
        .route(reports_wire::STAFF_REPORTS_PATH, get(reports::staff::list))
        .route(
            &format!("{}/{{code}}/moves", reports_wire::STAFF_REPORTS_PATH),
            post(reports::staff::move_on),
        )
        .route(
            reports_wire::STAFF_REPORT_PHOTOS_PATH,
            put(reports::staff::put_photo).layer(DefaultBodyLimit::max(attachments::BODY_LIMIT)),
        )
        .route(
            auth::SIGN_OUT_EVERYWHERE_PATH,
            post(api::sign_out_everywhere),
        )
        .route(
            &format!("{}/{{id}}", auth::CITIZENS_PATH),
            get(api::citizen_by_id),
        )
        .merge(crate::open311::router())
        .merge(crate::payments::router(&state.payments))
        .with_state(state);
    if let Some(sandbox) = sandbox {
        router = router.merge(sandbox::router(sandbox));
    }
    router
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        // Outside the timeout, which counts from admission; inside the trace, so a 429 is logged.
        .layer(axum::middleware::from_fn_with_state(
            shedding,
            shedding::shed,
        ))
        // The span names the path only: query strings carry codes and states, which are secrets.
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
            }),
        )
}

async fn healthz() -> &'static str {
    "ok"
}

/// A feed query's cursor and page size: the cursor a non-negative integer (none = the start), the
/// limit clamped to 1..=FEED_MAX_LIMIT. Every feed reads its query through here.
pub fn feed_position(q: &FeedQuery) -> Result<(i64, u32), ServerError> {
    let after = match q.after.as_deref() {
        None | Some("") => 0,
        Some(c) => c
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| ServerError::BadRequest(format!("invalid cursor {c:?}")))?,
    };
    Ok((
        after,
        q.limit.unwrap_or(FEED_MAX_LIMIT).clamp(1, FEED_MAX_LIMIT),
    ))
}
