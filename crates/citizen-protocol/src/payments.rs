//! Fees (lệ phí) paid without cash: the invoice a dossier carries while its fee is owed, and the
//! receipt (biên lai) once the money has truly arrived. Both ride on the dossier (`Dossier::
//! invoice`), so the app has them — and the VietQR payload to show — offline after a sync.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Localized;

/// `POST {INVOICES_PATH}/{reference}/gateway`: a signed redirect to the card/wallet gateway
/// ([`GatewayRedirect`]); `POST {INVOICES_PATH}/{reference}/reissue`: a new invoice for an
/// expired one (answers the dossier).
pub const INVOICES_PATH: &str = "/api/v1/invoices";

/// Officers: `GET` the money of their agency's invoices that was held for review
/// ([`HeldPayment`]), oldest first.
pub const STAFF_HELD_PAYMENTS_PATH: &str = "/api/v1/staff/payments/held";

/// Where an invoice stands, as the server decided it. "Expired" is not a state: an unpaid invoice
/// is expired once `expires_at` has passed, on the server's clock as on the device's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum InvoiceStatus {
    /// Chưa thanh toán.
    Unpaid,
    /// Đã thanh toán: a payment of the exact amount arrived; the receipt is issued.
    Paid,
    /// Đang kiểm tra: money arrived that does not match (amount, or after expiry) and waits for
    /// an officer; it is never taken as payment by itself.
    Held,
    /// Replaced by a newer invoice after it expired.
    Reissued,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 4] = [
        InvoiceStatus::Unpaid,
        InvoiceStatus::Paid,
        InvoiceStatus::Held,
        InvoiceStatus::Reissued,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Unpaid => "unpaid",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Held => "held",
            InvoiceStatus::Reissued => "reissued",
        }
    }

    pub fn parse(s: &str) -> Option<InvoiceStatus> {
        InvoiceStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// How the money came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum PaymentMethod {
    /// A card or e-wallet through the payment gateway.
    Gateway,
    /// A bank transfer, from the VietQR code.
    BankTransfer,
}

impl PaymentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Gateway => "gateway",
            PaymentMethod::BankTransfer => "bank-transfer",
        }
    }

    pub fn parse(s: &str) -> Option<PaymentMethod> {
        [PaymentMethod::Gateway, PaymentMethod::BankTransfer]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

/// What a resident owes for a dossier. Amounts are whole đồng, never fractions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Invoice {
    /// What a transfer's content must carry back and what the gateway calls the order, e.g.
    /// `H57HT2611230007L1` (the dossier code, unpunctuated, and the issue number).
    pub reference: String,
    pub dossier_code: String,
    #[ts(type = "number")]
    pub amount_vnd: u64,
    /// Who pays: the resident, as the e-ID names them.
    pub payer: String,
    /// Who is paid: the agency that handles the dossier.
    pub payee: Localized,
    /// What for: "Lệ phí <procedure>".
    pub description: Localized,
    pub status: InvoiceStatus,
    /// RFC 3339.
    pub issued_at: String,
    /// RFC 3339; no payment is taken after it (a late one is held), and it can then be reissued.
    pub expires_at: String,
    /// The EMVCo merchant-presented payload of the bank transfer (VietQR) for exactly this
    /// invoice, to show as a QR code.
    pub vietqr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub receipt: Option<Receipt>,
}

impl Invoice {
    /// When the time to pay ends; none if `expires_at` is unreadable (then it is not payable).
    pub fn expires(&self) -> Option<time::OffsetDateTime> {
        time::OffsetDateTime::parse(
            &self.expires_at,
            &time::format_description::well_known::Rfc3339,
        )
        .ok()
    }

    /// Whether the invoice can still be paid at `now`. Compared as times, not as text: RFC 3339
    /// strings with and without fractional seconds do not sort as their instants do.
    pub fn payable_at(&self, now: time::OffsetDateTime) -> bool {
        matches!(self.status, InvoiceStatus::Unpaid | InvoiceStatus::Held)
            && self.expires().is_some_and(|expires| now < expires)
    }
}

/// Biên lai: the electronic receipt for one accepted payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Receipt {
    /// e.g. `BL-2026-000042`: numbered in order across the province's payments.
    pub number: String,
    #[ts(type = "number")]
    pub amount_vnd: u64,
    /// RFC 3339: when the money arrived.
    pub paid_at: String,
    pub method: PaymentMethod,
    /// The gateway's or the bank's own number for the transaction.
    pub transaction_no: String,
}

/// Money that arrived and was not taken as payment: what an officer reviews (a refund, or a match
/// by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HeldPayment {
    pub invoice_reference: String,
    pub dossier_code: String,
    pub method: PaymentMethod,
    pub transaction_no: String,
    /// What arrived.
    #[ts(type = "number")]
    pub amount_vnd: u64,
    /// What the invoice asked.
    #[ts(type = "number")]
    pub invoice_amount_vnd: u64,
    /// `amount`, `already-paid`, `late` or `dossier-closed`.
    pub reason: String,
    /// RFC 3339.
    pub received_at: String,
}

/// Where to send the resident to pay by card or wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GatewayRedirect {
    pub url: String,
}

/// The path that makes a gateway redirect for invoice `reference`.
pub fn gateway_path(reference: &str) -> String {
    format!("{INVOICES_PATH}/{reference}/gateway")
}

/// The path that reissues expired invoice `reference`.
pub fn reissue_path(reference: &str) -> String {
    format!("{INVOICES_PATH}/{reference}/reissue")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_methods_read_back_what_they_write() {
        for s in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        for m in [PaymentMethod::Gateway, PaymentMethod::BankTransfer] {
            assert_eq!(PaymentMethod::parse(m.as_str()), Some(m));
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
        }
    }
}
