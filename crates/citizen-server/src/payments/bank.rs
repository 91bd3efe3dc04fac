//! Bank-transfer confirmations for VietQR payments: the bank that holds the payee account posts,
//! for every credit, a form signed like the gateway's (HMAC-SHA512 over the sorted parameters,
//! in `signature`). The invoice is found by the reference in the transfer's content; from there
//! it is the gateway's path (`reconcile`).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use citizen_protocol::payments::PaymentMethod;
use serde::Serialize;

use super::reconcile::{self, Claimed, Notification, Verdict};
use super::{invoices, signing};
use crate::error::ServerError;
use crate::http::AppState;

pub const NOTIFICATIONS_PATH: &str = "/api/v1/payments/bank/notifications";
pub const SIGNATURE: &str = "signature";

#[derive(Debug, Serialize)]
pub struct BankAnswer {
    /// The audit verdict: accepted, duplicate, held-…, unknown-invoice, bad-signature, …
    pub result: String,
}

fn answer(status: StatusCode, result: &str) -> Response {
    (
        status,
        Json(BankAnswer {
            result: result.to_owned(),
        }),
    )
        .into_response()
}

/// `POST /api/v1/payments/bank/notifications`: `transaction_no`, `amount` (đồng), `currency`,
/// `content` (what the payer's transfer said), `signature`. 200 once recorded (accepted, a
/// repeat, or held), so the bank stops resending; 4xx for what this server will never take.
pub async fn notification(
    State(state): State<AppState>,
    Form(params): Form<BTreeMap<String, String>>,
) -> Result<Response, ServerError> {
    let reference = params
        .get("content")
        .and_then(|c| invoices::reference_in(c));
    // Nothing is not a payment; beyond i64 no amount is stored.
    let amount = params
        .get("amount")
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|a| *a > 0)
        .map(|a| a as u64);
    let claimed = Claimed {
        reference: reference.as_deref(),
        transaction_no: params.get("transaction_no").map(String::as_str),
        amount_vnd: amount,
    };
    let refuse = |verdict: &'static str, detail: &'static str, status| {
        let db = state.db.clone();
        async move {
            reconcile::refuse(&db, PaymentMethod::BankTransfer, claimed, verdict, detail).await?;
            Ok::<_, ServerError>(answer(status, verdict))
        }
    };
    let Some(secret) = &state.payments.bank_secret else {
        return refuse(
            "no-bank",
            "no bank secret configured",
            StatusCode::SERVICE_UNAVAILABLE,
        )
        .await;
    };
    if !signing::verify(secret, &params, SIGNATURE) {
        return refuse(
            "bad-signature",
            "signature does not match",
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    let (Some(transaction_no), Some(amount)) = (claimed.transaction_no, amount) else {
        return refuse(
            "malformed",
            "missing transaction_no or amount",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let Some(reference) = reference.clone() else {
        return refuse(
            "unknown-invoice",
            "no invoice reference in the content",
            StatusCode::NOT_FOUND,
        )
        .await;
    };
    let notification = Notification {
        channel: PaymentMethod::BankTransfer,
        reference,
        transaction_no: transaction_no.to_owned(),
        amount_vnd: amount,
        currency: params
            .get("currency")
            .cloned()
            .unwrap_or_else(|| "VND".into()),
        succeeded: true,
        paid_at: params.get("paid_at").and_then(|at| {
            time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).ok()
        }),
    };
    let verdict = reconcile::apply(&state.db, &notification).await?;
    let status = match verdict {
        Verdict::Accepted { .. } | Verdict::AlreadyRecorded | Verdict::Held(_) => StatusCode::OK,
        Verdict::UnknownInvoice => StatusCode::NOT_FOUND,
        Verdict::WrongCurrency | Verdict::PaymentFailed => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok(answer(status, &verdict.as_str()))
}
