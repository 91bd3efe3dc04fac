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

/// Why a bank notification is not read as a payment: the audit's verdict and detail, and the
/// status the bank gets.
#[derive(Debug)]
pub struct BankRefusal {
    pub verdict: &'static str,
    pub detail: &'static str,
    pub status: StatusCode,
}

/// The bank's parameters as a notification, once signed with `secret`. Touches nothing; a fuzzing
/// entry too (`fuzz/fuzz_targets/payment_notification.rs`).
pub fn read_notification(
    secret: &str,
    params: &BTreeMap<String, String>,
) -> Result<Notification, BankRefusal> {
    let refused = |verdict, detail, status| {
        Err(BankRefusal {
            verdict,
            detail,
            status,
        })
    };
    if !signing::verify(secret, params, SIGNATURE) {
        return refused(
            "bad-signature",
            "signature does not match",
            StatusCode::UNAUTHORIZED,
        );
    }
    // The signature leaves empty parameters out, so anyone may add one: what is not signed is not
    // read, or `currency=` would turn a signed payment into a wrong-currency one.
    let params: BTreeMap<String, String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let params = &params;
    let (Some(transaction_no), Some(amount)) = (params.get("transaction_no"), amount(params))
    else {
        return refused(
            "malformed",
            "missing transaction_no or amount",
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    };
    let Some(reference) = params
        .get("content")
        .and_then(|c| invoices::reference_in(c))
    else {
        return refused(
            "unknown-invoice",
            "no invoice reference in the content",
            StatusCode::NOT_FOUND,
        );
    };
    Ok(Notification {
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
    })
}

/// The amount in đồng. Nothing is not a payment; beyond i64 no amount is stored.
fn amount(params: &BTreeMap<String, String>) -> Option<u64> {
    params
        .get("amount")
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|a| *a > 0)
        .map(|a| a as u64)
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
    let claimed = Claimed {
        reference: reference.as_deref(),
        transaction_no: params.get("transaction_no").map(String::as_str),
        amount_vnd: amount(&params),
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
    let notification = match read_notification(secret, &params) {
        Ok(notification) => notification,
        Err(BankRefusal {
            verdict,
            detail,
            status,
        }) => return refuse(verdict, detail, status).await,
    };
    let verdict = reconcile::apply(&state.db, &notification).await?;
    let status = match verdict {
        Verdict::Accepted { .. } | Verdict::AlreadyRecorded | Verdict::Held(_) => StatusCode::OK,
        Verdict::UnknownInvoice => StatusCode::NOT_FOUND,
        Verdict::WrongCurrency | Verdict::PaymentFailed => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Ok(answer(status, &verdict.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut params: BTreeMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let signature = signing::sign("bank secret", &params, SIGNATURE);
        params.insert(SIGNATURE.into(), signature);
        params
    }

    fn read(params: &BTreeMap<String, String>) -> Result<String, &'static str> {
        read_notification("bank secret", params)
            .map(|n| format!("{n:?}"))
            .map_err(|r| r.verdict)
    }

    /// Found by `fuzz/fuzz_targets/payment_notification.rs`: an empty parameter is outside the
    /// signature (as the gateway's scheme has it), so anyone relaying a signed notification could
    /// add `currency=` or `transaction_no=` without breaking it; they were read as given.
    #[test]
    fn an_empty_parameter_outside_the_signature_changes_nothing() {
        let params = signed(&[
            ("transaction_no", "FT26327001"),
            ("amount", "135000"),
            ("content", "CK H57HT2611230007L1 Nguyen Van A"),
        ]);
        let genuine = read(&params).unwrap();
        assert!(genuine.contains(r#"currency: "VND""#), "{genuine}");
        for name in ["currency", "paid_at", "account"] {
            let mut relayed = params.clone();
            relayed.insert(name.into(), String::new());
            assert_eq!(read(&relayed), Ok(genuine.clone()), "{name}=");
        }
        let unnumbered = signed(&[("amount", "135000"), ("content", "H57HT2611230007L1")]);
        assert_eq!(read(&unnumbered), Err("malformed"));
        let mut relayed = unnumbered.clone();
        relayed.insert("transaction_no".into(), String::new());
        assert_eq!(read(&relayed), Err("malformed"), "transaction_no=");
    }
}
