//! Paying a dossier's fee from the app. What is owed (the invoice, its VietQR payload, the
//! receipt) arrives with the dossier feed and is read offline; paying by card or wallet asks the
//! server for a signed redirect to the gateway, which only ever happens online — a payment is
//! never queued, so going back online can never pay twice. Whether the money arrived is the
//! server's word, learnt by syncing.

use citizen_protocol::dossiers::Dossier;
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::payments::{gateway_path, reissue_path, GatewayRedirect, Invoice};
use reqwest::StatusCode;
use sqlx::SqlitePool;

use crate::error::CoreError;
use crate::sync::FeedClient;

/// The invoice of one of the citizen's synced dossiers.
pub async fn invoice_of(pool: &SqlitePool, dossier_id: &str) -> Result<Invoice, CoreError> {
    crate::dossiers::store::dossiers(pool)
        .await?
        .into_iter()
        .find(|d| d.id == dossier_id)
        .and_then(|d| d.invoice)
        .ok_or_else(|| CoreError::NotFound(format!("invoice of dossier {dossier_id}")))
}

/// The VietQR payload as a QR code, in SVG: drawn here, so it shows without a network.
pub fn qr_svg(payload: &str) -> Result<String, CoreError> {
    let code = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M)
        .map_err(|e| CoreError::BadResponse(format!("VietQR payload: {e}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

/// Where to pay `invoice` by card or wallet.
pub async fn gateway_redirect(
    client: &FeedClient,
    token: &str,
    invoice: &Invoice,
) -> Result<GatewayRedirect, CoreError> {
    let response = post(client, token, &gateway_path(&invoice.reference)).await?;
    refused(response, &invoice.reference)
        .await?
        .json()
        .await
        .map_err(|e| CoreError::BadResponse(e.to_string()))
}

/// A new invoice for expired `invoice`: the dossier as the server now has it.
pub async fn reissue(
    client: &FeedClient,
    token: &str,
    invoice: &Invoice,
) -> Result<Dossier, CoreError> {
    let response = post(client, token, &reissue_path(&invoice.reference)).await?;
    refused(response, &invoice.reference)
        .await?
        .json()
        .await
        .map_err(|e| CoreError::BadResponse(e.to_string()))
}

async fn post(
    client: &FeedClient,
    token: &str,
    path: &str,
) -> Result<reqwest::Response, CoreError> {
    let (http, server) = client.parts();
    Ok(http
        .post(format!("{server}{path}"))
        .bearer_auth(token)
        .send()
        .await?)
}

/// The response if it succeeded, else the error the server's refusal means.
async fn refused(
    response: reqwest::Response,
    reference: &str,
) -> Result<reqwest::Response, CoreError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let body: Option<ErrorBody> = response.json().await.ok();
    Err(match (status, body.map(|b| b.code)) {
        (StatusCode::UNAUTHORIZED, _) => CoreError::NotSignedIn,
        (_, Some(ErrorCode::InvoicePaid)) => CoreError::InvoicePaid(reference.to_owned()),
        (_, Some(ErrorCode::InvoiceExpired)) => CoreError::InvoiceExpired(reference.to_owned()),
        (_, Some(ErrorCode::PaymentsUnavailable)) => CoreError::PaymentsUnavailable,
        (_, Some(ErrorCode::InvoiceClosed)) => CoreError::InvoiceClosed(reference.to_owned()),
        (StatusCode::NOT_FOUND, _) => CoreError::NotFound(format!("invoice {reference}")),
        (status, code) => CoreError::Server {
            status: status.as_u16(),
            message: code.map_or_else(|| status.to_string(), |c| c.as_str().to_owned()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_becomes_an_svg_qr_code() {
        let svg = qr_svg("00020101021238570010A000000727012700069704150113113000000999").unwrap();
        assert!(
            svg.starts_with("<?xml") || svg.starts_with("<svg"),
            "{svg:.40}"
        );
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
