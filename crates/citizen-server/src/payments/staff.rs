//! What officers see of payments: the money held for review at their agency.

use axum::extract::State;
use axum::Json;
use citizen_protocol::payments::{HeldPayment, PaymentMethod};
use sqlx::Row;

use crate::dossiers::store::Officer;
use crate::error::ServerError;
use crate::http::AppState;

/// `GET /api/v1/staff/payments/held`: the agency's held payments, oldest first.
pub async fn held(
    State(state): State<AppState>,
    officer: Officer,
) -> Result<Json<Vec<HeldPayment>>, ServerError> {
    let rows = sqlx::query(
        "SELECT p.invoice_reference, d.code, p.method, p.transaction_no, p.amount_vnd,
             i.amount_vnd AS invoice_amount, p.hold_reason, p.paid_at
         FROM payments p
         JOIN invoices i ON i.reference = p.invoice_reference
         JOIN dossiers d ON d.id = i.dossier_id
         WHERE p.outcome = 'held' AND d.agency_vi = $1
         ORDER BY p.id",
    )
    .bind(&officer.agency_vi)
    .fetch_all(&state.db)
    .await?;
    let corrupt = |what: &str| ServerError::Corrupt(format!("held payment: bad {what}"));
    let amount = |v: i64| u64::try_from(v).map_err(|_| corrupt("amount"));
    rows.iter()
        .map(|r| {
            Ok(HeldPayment {
                invoice_reference: r.try_get("invoice_reference")?,
                dossier_code: r.try_get("code")?,
                method: PaymentMethod::parse(r.try_get("method")?)
                    .ok_or_else(|| corrupt("method"))?,
                transaction_no: r.try_get("transaction_no")?,
                amount_vnd: amount(r.try_get("amount_vnd")?)?,
                invoice_amount_vnd: amount(r.try_get("invoice_amount")?)?,
                reason: r
                    .try_get::<Option<String>, _>("hold_reason")?
                    .unwrap_or_default(),
                received_at: r.try_get("paid_at")?,
            })
        })
        .collect::<Result<Vec<_>, ServerError>>()
        .map(Json)
}
