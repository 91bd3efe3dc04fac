//! Fees (lệ phí) paid without cash. A dossier whose procedure has a fee waits for payment under an
//! invoice (`invoices`) that carries its VietQR payload (`vietqr`). Money is taken as arrived only
//! from a signed notification (`signing`): the card/wallet gateway's (`gateway`, VNPay style) or
//! the bank's transfer confirmation (`bank`); both go through one `reconcile`, which records each
//! transaction once, holds what does not match, and moves the dossier on. `sandbox` stands in for
//! the gateway and the bank in the demo and the tests.

pub mod bank;
pub mod gateway;
pub mod invoices;
pub mod reconcile;
pub mod sandbox;
pub mod signing;
pub mod staff;
pub mod vietqr;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use citizen_protocol::error::ErrorCode;
use citizen_protocol::payments::INVOICES_PATH;

use crate::config::ServerConfig;
use crate::error::ServerError;
use crate::http::refusal::Refusal;
use crate::http::AppState;
use crate::identity::api::Citizen;
use crate::identity::secrets;

/// The account fees are paid into, and how long an invoice stays payable.
#[derive(Debug, Clone)]
pub struct Payee {
    pub bin: String,
    pub account: String,
    pub valid_for: time::Duration,
}

/// How this server takes payments, from its configuration.
pub struct Payments {
    /// None: no account to pay into, so dossiers with a fee are refused.
    pub payee: Option<Payee>,
    /// None: paying by card or wallet is not offered.
    pub gateway: Option<gateway::GatewayConfig>,
    /// None: bank transfer confirmations are refused (VietQR codes still show).
    pub bank_secret: Option<String>,
    /// The demo's stand-in gateway and bank, never in production.
    pub sandbox: Option<sandbox::Sandbox>,
    pub public_url: String,
}

/// The demo's account: VietinBank's BIN, an account number that is clearly not a real one.
const DEMO_BIN: &str = "970415";
const DEMO_ACCOUNT: &str = "113000000999";

impl Payments {
    pub fn from_config(config: &ServerConfig, public_url: &str) -> Result<Payments, ServerError> {
        // Beyond a year an invoice's date arithmetic is no longer checked by anyone; 0 would make
        // every invoice expire as it is issued.
        if !(1..=366 * 24 * 3600).contains(&config.invoice_valid_for) {
            return Err(ServerError::Config(
                "--invoice-valid-for must be from 1 second to 366 days".into(),
            ));
        }
        let valid_for = time::Duration::seconds(config.invoice_valid_for as i64);
        let payee = match (&config.payee_bin, &config.payee_account) {
            (Some(bin), Some(account)) => Some((bin.clone(), account.clone())),
            (None, None) if config.demo => Some((DEMO_BIN.into(), DEMO_ACCOUNT.into())),
            (None, None) => None,
            _ => {
                return Err(ServerError::Config(
                    "--payee-bin and --payee-account go together".into(),
                ))
            }
        };
        let payee = payee.map(|(bin, account)| Payee {
            bin,
            account,
            valid_for,
        });
        if let Some(payee) = &payee {
            // A payee the VietQR payload would refuse is a configuration mistake: say so now,
            // not at the first dossier with a fee.
            vietqr::Transfer {
                bin: payee.bin.clone(),
                account: payee.account.clone(),
                amount_vnd: None,
                reference: None,
            }
            .payload()
            .map_err(|e| ServerError::Config(format!("payee account: {e}")))?;
        } else {
            tracing::warn!("no payee account configured: dossiers with a fee will be refused");
        }
        let demo_secret = || config.demo.then(secrets::random_token);
        let gateway_secret = config.gateway_secret.clone().or_else(demo_secret);
        let gateway = match (
            &config.gateway_url,
            &config.gateway_tmn_code,
            gateway_secret,
        ) {
            (url, tmn, Some(secret)) if config.demo || (url.is_some() && tmn.is_some()) => {
                Some(gateway::GatewayConfig {
                    pay_url: url
                        .clone()
                        .unwrap_or_else(|| format!("{public_url}{}", sandbox::GATEWAY_PAY_PATH)),
                    tmn_code: tmn.clone().unwrap_or_else(|| sandbox::TMN_CODE.into()),
                    secret,
                })
            }
            (None, None, None) => None,
            _ => {
                return Err(ServerError::Config(
                    "--gateway-url, --gateway-tmn-code and --gateway-secret go together".into(),
                ))
            }
        };
        let bank_secret = config.bank_notify_secret.clone().or_else(demo_secret);
        let sandbox = config.demo.then(|| sandbox::Sandbox::new(public_url));
        Ok(Payments {
            payee,
            gateway,
            bank_secret,
            sandbox,
            public_url: public_url.to_owned(),
        })
    }
}

/// The payment routes; the sandbox's only in the demo.
pub fn router(payments: &Payments) -> Router<AppState> {
    let mut router = Router::new()
        .route(
            &format!("{INVOICES_PATH}/{{reference}}/gateway"),
            post(gateway::start),
        )
        .route(
            &format!("{INVOICES_PATH}/{{reference}}/reissue"),
            post(reissue),
        )
        .route(gateway::IPN_PATH, get(gateway::ipn))
        .route(gateway::RETURN_PATH, get(gateway::return_page))
        .route(bank::NOTIFICATIONS_PATH, post(bank::notification))
        .route(
            citizen_protocol::payments::STAFF_HELD_PAYMENTS_PATH,
            get(staff::held),
        );
    if payments.sandbox.is_some() {
        router = router.merge(sandbox::router());
    }
    router
}

/// `POST /api/v1/invoices/{reference}/reissue`: the dossier, with a new invoice if the one named
/// had expired unpaid. Idempotent: a second press finds the new invoice current and changes
/// nothing.
async fn reissue(
    State(state): State<AppState>,
    citizen: Citizen,
    Path(reference): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ServerError> {
    let refuse = |status, code, reason: &str| Refusal::new(&headers, status, code, reason);
    let Some(payee) = &state.payments.payee else {
        return Ok(refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::PaymentsUnavailable,
            "no payee account configured",
        )
        .into_response());
    };
    let mut tx = crate::db::begin_write(&state.db).await?;
    let outcome = invoices::reissue(&mut tx, &reference, &citizen.id, payee).await?;
    let dossier_id = match outcome {
        Ok(id) => id,
        Err(invoices::NotReissued::NotFound) => {
            return Ok(refuse(
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                "no such invoice",
            )
            .into_response())
        }
        Err(invoices::NotReissued::Closed) => {
            return Ok(refuse(
                StatusCode::CONFLICT,
                ErrorCode::InvoiceClosed,
                "the dossier no longer waits for payment",
            )
            .into_response())
        }
        Err(invoices::NotReissued::Paid) => {
            return Ok(refuse(
                StatusCode::CONFLICT,
                ErrorCode::InvoicePaid,
                "invoice already paid",
            )
            .into_response())
        }
    };
    let dossier = crate::dossiers::store::read(&mut tx, &dossier_id).await?;
    tx.commit().await?;
    Ok(Json(dossier).into_response())
}
