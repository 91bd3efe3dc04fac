//! The card/wallet gateway adapter, VNPay style (API 2.1.0): the app asks for a signed redirect to
//! the gateway's payment page; the gateway tells this server the result server-to-server (IPN),
//! signed, and sends the resident's browser back to the return page. Only the IPN can pay an
//! invoice: the return page shows what the server knows, never what its own URL claims.

use std::collections::BTreeMap;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::error::ErrorCode;
use citizen_protocol::payments::{GatewayRedirect, Invoice, InvoiceStatus, PaymentMethod};
use serde::Serialize;
use time::macros::{format_description, offset};
use time::OffsetDateTime;

use super::reconcile::{self, Claimed, HoldReason, Notification, Verdict};
use super::{invoices, signing};
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;
use crate::identity::api::Citizen;
use crate::identity::pages::{self, escape, Locale, Page};

/// Where the gateway sends its server-to-server notifications (configured at the gateway).
pub const IPN_PATH: &str = "/api/v1/payments/gateway/ipn";
/// Where the gateway sends the resident's browser back.
pub const RETURN_PATH: &str = "/payments/return";
pub const SIGNATURE: &str = "vnp_SecureHash";
/// How long the gateway's page accepts a payment, unless the invoice expires sooner.
const PAGE_VALID_FOR: time::Duration = time::Duration::minutes(15);

#[derive(Debug, Clone)]
pub struct GatewayConfig {
    pub pay_url: String,
    pub tmn_code: String,
    pub secret: String,
}

/// The gateway's time format: `yyyyMMddHHmmss` in Vietnam's time (GMT+7).
pub fn gateway_time(at: OffsetDateTime) -> String {
    at.to_offset(offset!(+7))
        .format(format_description!(
            "[year][month][day][hour][minute][second]"
        ))
        .unwrap_or_default()
}

/// The signed URL of the gateway's payment page for `invoice`.
pub fn redirect_url(
    config: &GatewayConfig,
    invoice: &Invoice,
    return_url: &str,
    client_ip: &str,
    locale: Locale,
    now: OffsetDateTime,
) -> String {
    let expires = time::OffsetDateTime::parse(
        &invoice.expires_at,
        &time::format_description::well_known::Rfc3339,
    )
    .map_or(now + PAGE_VALID_FOR, |at| at.min(now + PAGE_VALID_FOR));
    let mut params: BTreeMap<String, String> = [
        ("vnp_Version", "2.1.0".to_owned()),
        ("vnp_Command", "pay".into()),
        ("vnp_TmnCode", config.tmn_code.clone()),
        // In hundredths of a đồng, as the gateway counts (fees are far below u64's limit / 100).
        (
            "vnp_Amount",
            invoice.amount_vnd.saturating_mul(100).to_string(),
        ),
        ("vnp_CurrCode", "VND".into()),
        ("vnp_TxnRef", invoice.reference.clone()),
        // The gateway takes unaccented text only.
        (
            "vnp_OrderInfo",
            format!("Thanh toan le phi ho so {}", invoice.dossier_code),
        ),
        ("vnp_OrderType", "other".into()),
        (
            "vnp_Locale",
            match locale {
                Locale::Vi => "vn",
                Locale::En => "en",
            }
            .into(),
        ),
        ("vnp_ReturnUrl", return_url.to_owned()),
        ("vnp_IpAddr", client_ip.to_owned()),
        ("vnp_CreateDate", gateway_time(now)),
        ("vnp_ExpireDate", gateway_time(expires)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let hash = signing::sign(&config.secret, &params, SIGNATURE);
    params.insert(SIGNATURE.into(), hash);
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&params)
        .finish();
    format!("{}?{query}", config.pay_url)
}

/// `POST /api/v1/invoices/{reference}/gateway`: where to pay the resident's own invoice by card
/// or wallet. Refused once paid or expired: the gateway never sees an order that can't be paid.
pub async fn start(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(reference): Path<String>,
    ConnectInfo(peer): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ServerError> {
    let refuse = |status, code, reason: &str| Refusal::new(&headers, status, code, reason);
    let Some(config) = &state.payments.gateway else {
        return Ok(refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::PaymentsUnavailable,
            "no gateway configured",
        )
        .into_response());
    };
    let mut conn = state.db.acquire().await?;
    let Some((_, invoice)) = invoices::of_citizen(&mut conn, &reference, &citizen.id).await? else {
        return Ok(refuse(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "no such invoice",
        )
        .into_response());
    };
    drop(conn);
    if invoice.status == InvoiceStatus::Paid {
        return Ok(refuse(
            StatusCode::CONFLICT,
            ErrorCode::InvoicePaid,
            "invoice already paid",
        )
        .into_response());
    }
    let now = OffsetDateTime::now_utc();
    if !super::invoices::dossier_awaits_payment(&state.db, &invoice.reference).await? {
        return Ok(refuse(
            StatusCode::CONFLICT,
            ErrorCode::InvoiceClosed,
            "the dossier no longer waits for payment",
        )
        .into_response());
    }
    if !invoice.payable_at(now) {
        return Ok(refuse(
            StatusCode::CONFLICT,
            ErrorCode::InvoiceExpired,
            "invoice expired or reissued",
        )
        .into_response());
    }
    let url = redirect_url(
        config,
        &invoice,
        &format!("{}{RETURN_PATH}", state.payments.public_url),
        &peer.ip().to_string(),
        pages::locale(&headers),
        now,
    );
    tracing::info!(reference = %invoice.reference, "gateway payment started");
    Ok(Json(GatewayRedirect { url }).into_response())
}

/// The IPN answer, in the gateway's own format.
#[derive(Debug, Serialize)]
pub struct IpnAnswer {
    #[serde(rename = "RspCode")]
    pub rsp_code: &'static str,
    #[serde(rename = "Message")]
    pub message: &'static str,
}

const fn answer(rsp_code: &'static str, message: &'static str) -> IpnAnswer {
    IpnAnswer { rsp_code, message }
}

/// `GET /api/v1/payments/gateway/ipn?vnp_…`: the gateway's notification of a payment's result.
pub async fn ipn(
    State(state): State<AppState>,
    Query(mut params): Query<BTreeMap<String, String>>,
) -> Result<Json<IpnAnswer>, ServerError> {
    // Names the hash algorithm; the gateway leaves it out of what it signs.
    params.remove("vnp_SecureHashType");
    let claimed = Claimed {
        reference: params.get("vnp_TxnRef").map(String::as_str),
        transaction_no: params.get("vnp_TransactionNo").map(String::as_str),
        amount_vnd: params
            .get("vnp_Amount")
            .and_then(|a| a.parse::<u64>().ok())
            .map(|a| a / 100),
    };
    let refuse = |verdict: &'static str, detail: &'static str| {
        let db = state.db.clone();
        async move { reconcile::refuse(&db, PaymentMethod::Gateway, claimed, verdict, detail).await }
    };
    let Some(config) = &state.payments.gateway else {
        refuse("no-gateway", "no gateway configured").await?;
        return Ok(Json(answer("99", "Unknown error")));
    };
    let notification = match read_ipn(config, &params) {
        Ok(notification) => notification,
        Err(IpnRefusal {
            verdict,
            detail,
            answer,
        }) => {
            refuse(verdict, detail).await?;
            return Ok(Json(answer));
        }
    };
    let verdict = reconcile::apply(&state.db, &notification).await?;
    Ok(Json(match verdict {
        // Recorded (held money included): the gateway need not send it again.
        Verdict::Accepted { .. }
        | Verdict::PaymentFailed
        | Verdict::Held(HoldReason::Late | HoldReason::DossierClosed) => {
            answer("00", "Confirm Success")
        }
        Verdict::AlreadyRecorded | Verdict::Held(HoldReason::AlreadyPaid) => {
            answer("02", "Order already confirmed")
        }
        Verdict::Held(HoldReason::Amount) => answer("04", "Invalid amount"),
        Verdict::UnknownInvoice => answer("01", "Order not found"),
        Verdict::WrongCurrency => answer("99", "Unknown error"),
    }))
}

/// Why an IPN is not read as a notification: the audit's verdict and detail, and the answer the
/// gateway gets.
#[derive(Debug)]
pub struct IpnRefusal {
    pub verdict: &'static str,
    pub detail: &'static str,
    pub answer: IpnAnswer,
}

/// An IPN's parameters as a notification, once its signature and merchant are ours. Touches
/// nothing; a fuzzing entry too (`fuzz/fuzz_targets/payment_notification.rs`).
pub fn read_ipn(
    config: &GatewayConfig,
    params: &BTreeMap<String, String>,
) -> Result<Notification, IpnRefusal> {
    let refused = |verdict, detail, answer| IpnRefusal {
        verdict,
        detail,
        answer,
    };
    if !signing::verify(&config.secret, params, SIGNATURE) {
        return Err(refused(
            "bad-signature",
            "vnp_SecureHash does not match",
            answer("97", "Invalid signature"),
        ));
    }
    if params.get("vnp_TmnCode") != Some(&config.tmn_code) {
        return Err(refused(
            "wrong-merchant",
            "vnp_TmnCode is not ours",
            answer("97", "Invalid signature"),
        ));
    }
    notification(params).ok_or_else(|| {
        refused(
            "malformed",
            "missing or unreadable fields",
            answer("99", "Unknown error"),
        )
    })
}

/// A signed IPN's fields, if all are there and readable.
fn notification(params: &BTreeMap<String, String>) -> Option<Notification> {
    let get = |name: &str| params.get(name).filter(|v| !v.is_empty());
    let hundredths: u64 = get("vnp_Amount")?.parse().ok()?;
    // Nothing is not a payment, and a fraction of a đồng is not one either.
    if hundredths == 0 || !hundredths.is_multiple_of(100) || hundredths / 100 > i64::MAX as u64 {
        return None;
    }
    Some(Notification {
        channel: PaymentMethod::Gateway,
        reference: get("vnp_TxnRef")?.clone(),
        transaction_no: get("vnp_TransactionNo")?.clone(),
        amount_vnd: hundredths / 100,
        currency: get("vnp_CurrCode").cloned().unwrap_or_else(|| "VND".into()),
        succeeded: get("vnp_ResponseCode")? == "00" && get("vnp_TransactionStatus")? == "00",
        paid_at: get("vnp_PayDate").and_then(|d| parse_gateway_time(d)),
    })
}

/// The gateway's `yyyyMMddHHmmss`, which is Vietnam's time.
pub fn parse_gateway_time(text: &str) -> Option<OffsetDateTime> {
    time::PrimitiveDateTime::parse(
        text,
        format_description!("[year][month][day][hour][minute][second]"),
    )
    .ok()
    .map(|at| at.assume_offset(offset!(+7)))
}

/// `GET /payments/return?vnp_…`: where the resident's browser lands after the gateway. It says
/// what the server knows of the invoice; the parameters only say which invoice, once verified.
pub async fn return_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Response, ServerError> {
    let locale = pages::locale(&headers);
    let verified = state
        .payments
        .gateway
        .as_ref()
        .is_some_and(|c| signing::verify(&c.secret, &params, SIGNATURE));
    let reference = params.get("vnp_TxnRef").filter(|_| verified);
    let Some(reference) = reference else {
        tracing::warn!("gateway return with a bad signature");
        return Ok(Page::new(locale, "payment-return-invalid-title")
            .intro("payment-return-invalid")
            .intro("payment-return-back")
            .status(StatusCode::BAD_REQUEST)
            .into_response());
    };
    let mut conn = state.db.acquire().await?;
    let invoice = invoices::read(&mut conn, reference).await?;
    let cancelled = params.get("vnp_ResponseCode").map(String::as_str) != Some("00");
    let page = match invoice {
        Some(invoice) if invoice.status == InvoiceStatus::Paid => {
            let number = invoice.receipt.map(|r| r.number).unwrap_or_default();
            Page::new(locale, "payment-return-paid-title")
                .intro("payment-return-paid")
                .raw(&format!(
                    r#"<p data-testid="return-receipt">{}: <strong>{}</strong></p>"#,
                    escape(&pages::text(locale, "payment-return-receipt")),
                    escape(&number)
                ))
        }
        Some(_) if cancelled => {
            Page::new(locale, "payment-return-cancelled-title").intro("payment-return-cancelled")
        }
        Some(_) => {
            Page::new(locale, "payment-return-pending-title").intro("payment-return-pending")
        }
        None => Page::new(locale, "payment-return-invalid-title").intro("payment-return-invalid"),
    };
    Ok(page.intro("payment-return-back").into_response())
}
