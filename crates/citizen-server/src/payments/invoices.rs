//! SQL for invoices: issued with the dossier in its transaction, read with it, reissued once
//! expired. The dossier's feed carries every change, so the app learns of each.

use citizen_protocol::catalog::{Localized, Procedure};
use citizen_protocol::payments::{Invoice, InvoiceStatus, PaymentMethod, Receipt};
use sqlx::{AnyConnection, Row};
use time::OffsetDateTime;

use super::vietqr::Transfer;
use super::Payee;
use crate::clock;
use crate::error::ServerError;

/// `H57.HT-261123-0007`, issue 2 → `H57HT2611230007L2`: only letters and digits, which every bank
/// carries through a transfer's content unchanged.
pub fn reference(dossier_code: &str, issue_number: i64) -> String {
    let plain: String = dossier_code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{plain}L{issue_number}")
}

/// Finds an invoice reference in a transfer's content, however the payer's bank wrapped it
/// ("MBVCB.3301.H57HT2611230007L1.CT tu …").
pub fn reference_in(content: &str) -> Option<String> {
    content
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_uppercase)
        .find(|word| {
            let Some(rest) = word.strip_prefix(crate::dossiers::workflow::PROVINCE_CODE) else {
                return false;
            };
            let Some((_, number)) = rest.rsplit_once('L') else {
                return false;
            };
            !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
        })
}

/// What a new invoice is for and to whom.
pub struct NewInvoice<'a> {
    pub dossier_id: &'a str,
    pub dossier_code: &'a str,
    pub citizen_id: &'a str,
    pub payer: &'a str,
    pub procedure: &'a Procedure,
    pub payee: &'a Payee,
}

/// Issues the dossier's first invoice, payable for the payee's `valid_for` from now.
pub async fn issue(conn: &mut AnyConnection, new: NewInvoice<'_>) -> Result<(), ServerError> {
    let description = Localized::new(
        format!("Lệ phí: {}", new.procedure.name.vi),
        format!("Fee: {}", new.procedure.name.en),
    );
    insert(
        conn,
        &Issue {
            dossier_id: new.dossier_id,
            dossier_code: new.dossier_code,
            citizen_id: new.citizen_id,
            issue_number: 1,
            amount_vnd: new.procedure.fee_vnd,
            payer: new.payer,
            payee: &new.procedure.agency,
            description: &description,
        },
        new.payee,
    )
    .await
}

struct Issue<'a> {
    dossier_id: &'a str,
    dossier_code: &'a str,
    citizen_id: &'a str,
    issue_number: i64,
    amount_vnd: u64,
    payer: &'a str,
    payee: &'a Localized,
    description: &'a Localized,
}

async fn insert(
    conn: &mut AnyConnection,
    issue: &Issue<'_>,
    payee: &Payee,
) -> Result<(), ServerError> {
    let reference = reference(issue.dossier_code, issue.issue_number);
    let vietqr = Transfer {
        bin: payee.bin.clone(),
        account: payee.account.clone(),
        amount_vnd: Some(issue.amount_vnd),
        reference: Some(reference.clone()),
    }
    .payload()
    .map_err(|e| ServerError::Config(format!("VietQR for {reference}: {e}")))?;
    let now = OffsetDateTime::now_utc();
    let amount = i64::try_from(issue.amount_vnd)
        .map_err(|_| ServerError::Corrupt("fee too large".into()))?;
    sqlx::query(
        "INSERT INTO invoices (reference, dossier_id, citizen_id, issue_number, amount_vnd, payer,
             payee_vi, payee_en, description_vi, description_en, status, issued_at, expires_at,
             vietqr)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'unpaid', $11, $12, $13)",
    )
    .bind(&reference)
    .bind(issue.dossier_id)
    .bind(issue.citizen_id)
    .bind(issue.issue_number)
    .bind(amount)
    .bind(issue.payer)
    .bind(&issue.payee.vi)
    .bind(&issue.payee.en)
    .bind(&issue.description.vi)
    .bind(&issue.description.en)
    .bind(clock::rfc3339(now))
    .bind(clock::rfc3339(now + payee.valid_for))
    .bind(&vietqr)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The dossier's current invoice (the latest issued), with its receipt once paid.
pub async fn current(
    conn: &mut AnyConnection,
    dossier_id: &str,
) -> Result<Option<Invoice>, ServerError> {
    let reference: Option<String> = sqlx::query_scalar(
        "SELECT reference FROM invoices WHERE dossier_id = $1 ORDER BY issue_number DESC LIMIT 1",
    )
    .bind(dossier_id)
    .fetch_optional(&mut *conn)
    .await?;
    match reference {
        Some(reference) => read(conn, &reference).await,
        None => Ok(None),
    }
}

pub async fn read(
    conn: &mut AnyConnection,
    reference: &str,
) -> Result<Option<Invoice>, ServerError> {
    let Some(row) = sqlx::query(
        "SELECT i.reference, d.code, i.amount_vnd, i.payer, i.payee_vi, i.payee_en,
             i.description_vi, i.description_en, i.status, i.issued_at, i.expires_at, i.vietqr
         FROM invoices i JOIN dossiers d ON d.id = i.dossier_id WHERE i.reference = $1",
    )
    .bind(reference)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let corrupt = |what: &str| ServerError::Corrupt(format!("invoice {reference}: bad {what}"));
    let receipt = sqlx::query(
        "SELECT receipt_number, amount_vnd, paid_at, method, transaction_no FROM payments
         WHERE invoice_reference = $1 AND outcome = 'accepted'",
    )
    .bind(reference)
    .fetch_optional(&mut *conn)
    .await?
    .map(|r| {
        Ok::<_, ServerError>(Receipt {
            number: r.try_get("receipt_number")?,
            amount_vnd: whole_dong(r.try_get("amount_vnd")?).ok_or_else(|| corrupt("amount"))?,
            paid_at: r.try_get("paid_at")?,
            method: PaymentMethod::parse(r.try_get("method")?).ok_or_else(|| corrupt("method"))?,
            transaction_no: r.try_get("transaction_no")?,
        })
    })
    .transpose()?;
    Ok(Some(Invoice {
        reference: row.try_get("reference")?,
        dossier_code: row.try_get("code")?,
        amount_vnd: whole_dong(row.try_get("amount_vnd")?).ok_or_else(|| corrupt("amount"))?,
        payer: row.try_get("payer")?,
        payee: Localized::new(
            row.try_get::<String, _>("payee_vi")?,
            row.try_get::<String, _>("payee_en")?,
        ),
        description: Localized::new(
            row.try_get::<String, _>("description_vi")?,
            row.try_get::<String, _>("description_en")?,
        ),
        status: InvoiceStatus::parse(row.try_get("status")?).ok_or_else(|| corrupt("status"))?,
        issued_at: row.try_get("issued_at")?,
        expires_at: row.try_get("expires_at")?,
        vietqr: row.try_get("vietqr")?,
        receipt,
    }))
}

fn whole_dong(amount: i64) -> Option<u64> {
    u64::try_from(amount).ok()
}

/// An invoice of `citizen_id`'s, with the id of its dossier; none for anyone else's.
pub async fn of_citizen(
    conn: &mut AnyConnection,
    reference: &str,
    citizen_id: &str,
) -> Result<Option<(String, Invoice)>, ServerError> {
    let dossier_id: Option<String> = sqlx::query_scalar(
        "SELECT dossier_id FROM invoices WHERE reference = $1 AND citizen_id = $2",
    )
    .bind(reference)
    .bind(citizen_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(dossier_id) = dossier_id else {
        return Ok(None);
    };
    Ok(read(conn, reference).await?.map(|i| (dossier_id, i)))
}

/// Why an invoice was not reissued.
#[derive(Debug, PartialEq, Eq)]
pub enum NotReissued {
    NotFound,
    Paid,
    /// The dossier no longer waits for payment (an officer rejected it).
    Closed,
}

/// Whether the dossier of invoice `reference` still waits for its fee: a rejected dossier's
/// invoice is not paid, reissued or offered to the gateway any more.
pub async fn dossier_awaits_payment(
    db: &crate::db::Db,
    reference: &str,
) -> Result<bool, ServerError> {
    let mut conn = db.acquire().await?;
    dossier_awaits_payment_on(&mut conn, reference).await
}

async fn dossier_awaits_payment_on(
    conn: &mut AnyConnection,
    reference: &str,
) -> Result<bool, ServerError> {
    let status: Option<String> = sqlx::query_scalar(
        "SELECT d.status FROM invoices i JOIN dossiers d ON d.id = i.dossier_id
         WHERE i.reference = $1",
    )
    .bind(reference)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(status.as_deref()
        == Some(citizen_protocol::dossiers::DossierStatus::AwaitingPayment.as_str()))
}

/// Replaces expired invoice `reference` with a new one, same amount, payable from now; returns the
/// dossier's id. Asking again, or for an invoice still payable, changes nothing: the dossier's
/// current invoice stands.
pub async fn reissue(
    conn: &mut AnyConnection,
    reference: &str,
    citizen_id: &str,
    payee: &Payee,
) -> Result<Result<String, NotReissued>, ServerError> {
    let Some((dossier_id, _)) = of_citizen(conn, reference, citizen_id).await? else {
        return Ok(Err(NotReissued::NotFound));
    };
    let Some(current) = current(conn, &dossier_id).await? else {
        return Ok(Err(NotReissued::NotFound));
    };
    if current.status == InvoiceStatus::Paid {
        return Ok(Err(NotReissued::Paid));
    }
    if !dossier_awaits_payment_on(conn, &current.reference).await? {
        return Ok(Err(NotReissued::Closed));
    }
    if current.payable_at(OffsetDateTime::now_utc()) {
        return Ok(Ok(dossier_id));
    }
    let issue_number: i64 =
        sqlx::query_scalar("SELECT issue_number FROM invoices WHERE reference = $1")
            .bind(&current.reference)
            .fetch_one(&mut *conn)
            .await?;
    sqlx::query("UPDATE invoices SET status = 'reissued' WHERE reference = $1")
        .bind(&current.reference)
        .execute(&mut *conn)
        .await?;
    insert(
        conn,
        &Issue {
            dossier_id: &dossier_id,
            dossier_code: &current.dossier_code,
            citizen_id,
            issue_number: issue_number + 1,
            amount_vnd: current.amount_vnd,
            payer: &current.payer,
            payee: &current.payee,
            description: &current.description,
        },
        payee,
    )
    .await?;
    crate::dossiers::store::touch(conn, &dossier_id).await?;
    tracing::info!(
        old = %current.reference,
        new = %self::reference(&current.dossier_code, issue_number + 1),
        "invoice reissued"
    );
    Ok(Ok(dossier_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_plain_and_found_again_in_a_transfer_content() {
        let r = reference("H57.HT-261123-0007", 1);
        assert_eq!(r, "H57HT2611230007L1");
        assert!(r.len() <= super::super::vietqr::MAX_REFERENCE_CHARS);
        assert_eq!(
            reference_in("MBVCB.3301.h57ht2611230007l1.CT tu 0123 NGUYEN THI HUONG").as_deref(),
            Some("H57HT2611230007L1")
        );
        assert_eq!(reference_in("chuyen tien hoc phi"), None);
        assert_eq!(reference_in("H57HT2611230007L"), None);
    }
}
