//! What a verified payment notification does, whichever channel it came by. One transaction per
//! notification, under the write lock: a transaction already recorded is recorded once; money
//! that does not match its invoice is held for an officer, never taken as payment; the exact
//! amount, in time, pays the invoice, issues the receipt and sends the dossier to its agency.
//! Every notification leaves an audit row, whatever became of it.

use citizen_protocol::dossiers::DossierStatus;
use citizen_protocol::payments::{InvoiceStatus, PaymentMethod};
use sqlx::AnyConnection;
use time::OffsetDateTime;

use crate::clock;
use crate::db::Db;
use crate::error::ServerError;

/// A payment notification whose signature has been checked, in the channel's own terms no more.
#[derive(Debug, Clone)]
pub struct Notification {
    pub channel: PaymentMethod,
    pub reference: String,
    pub transaction_no: String,
    pub amount_vnd: u64,
    /// As the channel names it: "VND" or ISO 4217's "704".
    pub currency: String,
    /// False when the gateway reports a failed or cancelled payment.
    pub succeeded: bool,
    /// When the money was paid, as the channel signed it: what "in time" is judged by, since a
    /// notification may arrive (or be resent) well after. None: when it arrives.
    pub paid_at: Option<OffsetDateTime>,
}

/// What became of a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The invoice is paid; the receipt has this number.
    Accepted { receipt: String },
    /// This transaction was recorded before; nothing changed.
    AlreadyRecorded,
    /// Money recorded but not taken as payment: an officer decides (refund, or match by hand).
    Held(HoldReason),
    /// No invoice has this reference.
    UnknownInvoice,
    /// Not in đồng.
    WrongCurrency,
    /// The channel reports that the payment failed or was cancelled.
    PaymentFailed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldReason {
    /// The amount is not the invoice's.
    Amount,
    /// The invoice was paid already, by another transaction.
    AlreadyPaid,
    /// The invoice had expired or been reissued.
    Late,
    /// The dossier is no longer waiting for payment (an officer rejected it).
    DossierClosed,
}

impl HoldReason {
    fn as_str(self) -> &'static str {
        match self {
            HoldReason::Amount => "amount",
            HoldReason::AlreadyPaid => "already-paid",
            HoldReason::Late => "late",
            HoldReason::DossierClosed => "dossier-closed",
        }
    }
}

impl Verdict {
    /// The audit row's verdict.
    pub fn as_str(&self) -> String {
        match self {
            Verdict::Accepted { .. } => "accepted".into(),
            Verdict::AlreadyRecorded => "duplicate".into(),
            Verdict::Held(reason) => format!("held-{}", reason.as_str()),
            Verdict::UnknownInvoice => "unknown-invoice".into(),
            Verdict::WrongCurrency => "wrong-currency".into(),
            Verdict::PaymentFailed => "payment-failed".into(),
        }
    }
}

/// Applies a verified notification, and audits it.
pub async fn apply(db: &Db, n: &Notification) -> Result<Verdict, ServerError> {
    let mut tx = crate::db::begin_write(db).await?;
    let verdict = decide(&mut tx, n).await?;
    audit(
        &mut tx,
        n.channel,
        Some(&n.reference),
        Some(&n.transaction_no),
        Some(n.amount_vnd),
        &verdict.as_str(),
        "",
    )
    .await?;
    tx.commit().await?;
    match &verdict {
        Verdict::Accepted { receipt } => tracing::info!(
            channel = n.channel.as_str(), reference = %n.reference, %receipt, "invoice paid"
        ),
        other => tracing::warn!(
            channel = n.channel.as_str(),
            reference = %n.reference,
            transaction = %n.transaction_no,
            verdict = %other.as_str(),
            "payment notification not taken as payment"
        ),
    }
    Ok(verdict)
}

/// Records a notification refused before it could be read as one (a forged signature, a foreign
/// merchant, missing fields): no money state is touched, the audit keeps what it claimed.
pub async fn refuse(
    db: &Db,
    channel: PaymentMethod,
    claimed: Claimed<'_>,
    verdict: &str,
    detail: &str,
) -> Result<(), ServerError> {
    let mut conn = db.acquire().await?;
    audit(
        &mut conn,
        channel,
        claimed.reference,
        claimed.transaction_no,
        claimed.amount_vnd,
        verdict,
        detail,
    )
    .await?;
    tracing::warn!(
        channel = channel.as_str(),
        reference = claimed.reference.unwrap_or("-"),
        verdict,
        detail,
        "payment notification refused"
    );
    Ok(())
}

/// What an unverified notification says about itself, for the audit row.
#[derive(Debug, Default, Clone, Copy)]
pub struct Claimed<'a> {
    pub reference: Option<&'a str>,
    pub transaction_no: Option<&'a str>,
    pub amount_vnd: Option<u64>,
}

async fn decide(conn: &mut AnyConnection, n: &Notification) -> Result<Verdict, ServerError> {
    if !matches!(n.currency.as_str(), "VND" | "704") {
        return Ok(Verdict::WrongCurrency);
    }
    let invoice: Option<(String, i64, String, String, String)> = sqlx::query_as(
        "SELECT i.dossier_id, i.amount_vnd, i.status, i.expires_at, d.status
         FROM invoices i JOIN dossiers d ON d.id = i.dossier_id WHERE i.reference = $1",
    )
    .bind(&n.reference)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((dossier_id, amount, status, expires_at, dossier_status)) = invoice else {
        return Ok(Verdict::UnknownInvoice);
    };
    let recorded: Option<i64> =
        sqlx::query_scalar("SELECT id FROM payments WHERE method = $1 AND transaction_no = $2")
            .bind(n.channel.as_str())
            .bind(&n.transaction_no)
            .fetch_optional(&mut *conn)
            .await?;
    if recorded.is_some() {
        return Ok(Verdict::AlreadyRecorded);
    }
    if !n.succeeded {
        return Ok(Verdict::PaymentFailed);
    }
    let status = InvoiceStatus::parse(&status)
        .ok_or_else(|| ServerError::Corrupt(format!("invoice {}: bad status", n.reference)))?;
    let now = OffsetDateTime::now_utc();
    // A channel's clock ahead of ours is not believed beyond a few minutes.
    let paid = n
        .paid_at
        .filter(|at| *at <= now + time::Duration::minutes(5))
        .unwrap_or(now);
    let expires =
        time::OffsetDateTime::parse(&expires_at, &time::format_description::well_known::Rfc3339)
            .map_err(|_| ServerError::Corrupt(format!("invoice {}: bad expiry", n.reference)))?;
    let hold = if u64::try_from(amount).ok() != Some(n.amount_vnd) {
        Some(HoldReason::Amount)
    } else if status == InvoiceStatus::Paid {
        Some(HoldReason::AlreadyPaid)
    } else if status == InvoiceStatus::Reissued || paid >= expires {
        Some(HoldReason::Late)
    } else if dossier_status != DossierStatus::AwaitingPayment.as_str() {
        Some(HoldReason::DossierClosed)
    } else {
        None
    };
    let paid_at = clock::rfc3339(paid);
    let amount_vnd = i64::try_from(n.amount_vnd)
        .map_err(|_| ServerError::BadRequest("amount out of range".into()))?;
    if let Some(reason) = hold {
        sqlx::query(
            "INSERT INTO payments (invoice_reference, method, transaction_no, amount_vnd, paid_at,
                 outcome, hold_reason)
             VALUES ($1, $2, $3, $4, $5, 'held', $6)",
        )
        .bind(&n.reference)
        .bind(n.channel.as_str())
        .bind(&n.transaction_no)
        .bind(amount_vnd)
        .bind(&paid_at)
        .bind(reason.as_str())
        .execute(&mut *conn)
        .await?;
        if status == InvoiceStatus::Unpaid {
            sqlx::query("UPDATE invoices SET status = 'held' WHERE reference = $1")
                .bind(&n.reference)
                .execute(&mut *conn)
                .await?;
            crate::dossiers::store::touch(conn, &dossier_id).await?;
        }
        return Ok(Verdict::Held(reason));
    }
    // Numbered within Vietnam's year: a payment at 01:00 on 1 January is the new year's.
    let receipt =
        next_receipt_number(conn, now.to_offset(time::macros::offset!(+7)).year()).await?;
    sqlx::query(
        "INSERT INTO payments (invoice_reference, method, transaction_no, amount_vnd, paid_at,
             outcome, receipt_number)
         VALUES ($1, $2, $3, $4, $5, 'accepted', $6)",
    )
    .bind(&n.reference)
    .bind(n.channel.as_str())
    .bind(&n.transaction_no)
    .bind(amount_vnd)
    .bind(&paid_at)
    .bind(&receipt)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE invoices SET status = 'paid' WHERE reference = $1")
        .bind(&n.reference)
        .execute(&mut *conn)
        .await?;
    // Paid: the dossier goes to its agency, which receives it now; its processing time counts
    // from today, not from the day it was submitted unpaid.
    let processing_days: Option<i64> = sqlx::query_scalar(
        "SELECT p.processing_days FROM procedures p JOIN dossiers d ON d.procedure_id = p.id
         WHERE d.id = $1",
    )
    .bind(&dossier_id)
    .fetch_optional(&mut *conn)
    .await?;
    let due = processing_days.map(|days| {
        crate::dossiers::workflow::due_date(
            citizen_protocol::forms::today_in_vietnam(now),
            u32::try_from(days).unwrap_or(0),
        )
        .to_string()
    });
    let seq = crate::dossiers::store::next_seq(conn).await?;
    sqlx::query(
        "UPDATE dossiers SET status = $1, seq = $2, due_date = COALESCE($3, due_date) WHERE id = $4",
    )
    .bind(DossierStatus::Received.as_str())
    .bind(seq)
    .bind(due)
    .bind(&dossier_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO dossier_events (dossier_id, position, status, at)
         SELECT $1, COALESCE(MAX(position), -1) + 1, $2, $3
         FROM dossier_events WHERE dossier_id = $1",
    )
    .bind(&dossier_id)
    .bind(DossierStatus::Received.as_str())
    .bind(&paid_at)
    .execute(&mut *conn)
    .await?;
    Ok(Verdict::Accepted { receipt })
}

/// `BL-2026-000042`: receipts are numbered in order within the year.
async fn next_receipt_number(conn: &mut AnyConnection, year: i32) -> Result<String, ServerError> {
    let prefix = format!("BL-{year}-");
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM payments WHERE receipt_number >= $1 AND receipt_number < $1 || '~'",
    )
    .bind(&prefix)
    .fetch_one(&mut *conn)
    .await?;
    Ok(format!("{prefix}{:06}", taken + 1))
}

async fn audit(
    conn: &mut AnyConnection,
    channel: PaymentMethod,
    reference: Option<&str>,
    transaction_no: Option<&str>,
    amount_vnd: Option<u64>,
    verdict: &str,
    detail: &str,
) -> Result<(), ServerError> {
    // What a forged notification claims is kept short: it is the attacker's text.
    let clip = |s: &str| s.chars().take(64).collect::<String>();
    sqlx::query(
        "INSERT INTO payment_notifications (received_at, channel, reference, transaction_no,
             amount_vnd, verdict, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(clock::now_rfc3339())
    .bind(channel.as_str())
    .bind(reference.map(clip))
    .bind(transaction_no.map(clip))
    .bind(amount_vnd.and_then(|a| i64::try_from(a).ok()))
    .bind(verdict)
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
