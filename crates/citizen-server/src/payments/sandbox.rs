//! SANDBOX payment gateway and bank, for the demo and the tests only (`--demo`): no money moves.
//! The gateway shows a payment page for a signed redirect, "charges" each order once, notifies
//! this server's IPN like a real gateway and sends the browser back. Its page can also make it
//! misbehave the ways real ones (and attackers) do: notify twice at once, notify late (after the
//! browser is back), forge the signature, tamper with the amount, sign a wrong amount, or report
//! a failure after a success. The sandbox bank confirms a VietQR transfer the same ways.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use time::OffsetDateTime;

use super::{bank, gateway, signing};
use crate::error::ServerError;
use crate::http::AppState;
use crate::identity::pages::{self, escape, Page};

pub const GATEWAY_PAY_PATH: &str = "/sandbox/gateway/pay";
pub const BANK_PATH: &str = "/sandbox/bank";
/// The sandbox's merchant code for this server.
pub const TMN_CODE: &str = "CDSSANDBOX";
/// What the forger signs with: not the shared secret.
const FORGER_SECRET: &str = "not-the-merchant-secret";

/// How a sandbox payment's notification goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    /// One notification, before the browser returns.
    Normal,
    /// The same notification twice, at the same time.
    Duplicate,
    /// The browser returns first; the notification comes 2 s later.
    Late,
    /// Signed with the wrong secret (someone pretending to be the gateway).
    Forged,
    /// Signed, then the amount changed on the way.
    Tampered,
    /// Correctly signed, for a tenth of the amount (a gateway that charged the wrong sum).
    WrongAmount,
    /// A success, then a failure for the same order arriving after it.
    SuccessThenFailure,
}

impl Scenario {
    const ALL: [(Scenario, &'static str); 7] = [
        (Scenario::Normal, "normal"),
        (Scenario::Duplicate, "duplicate"),
        (Scenario::Late, "late"),
        (Scenario::Forged, "forged"),
        (Scenario::Tampered, "tampered"),
        (Scenario::WrongAmount, "wrong-amount"),
        (Scenario::SuccessThenFailure, "success-then-failure"),
    ];
}

pub struct Sandbox {
    public_url: String,
    http: reqwest::Client,
}

impl Sandbox {
    pub fn new(public_url: &str) -> Sandbox {
        Sandbox {
            public_url: public_url.to_owned(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("HTTP client"),
        }
    }

    /// A transaction number no other replica will also make: random, as a gateway's look to a
    /// merchant. (Orders charged are in the database, `sandbox_gateway_charges`.)
    fn transaction_no(&self) -> String {
        format!("14{:010}", rand::random::<u64>() % 10_000_000_000)
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route(GATEWAY_PAY_PATH, get(gateway_page).post(gateway_pay))
        .route(BANK_PATH, get(bank_page).post(bank_transfer))
}

fn parts(state: &AppState) -> Option<(&Sandbox, &gateway::GatewayConfig)> {
    Some((
        state.payments.sandbox.as_ref()?,
        state.payments.gateway.as_ref()?,
    ))
}

fn query_params(query: &str) -> BTreeMap<String, String> {
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn scenario_select() -> String {
    let options: String = Scenario::ALL
        .iter()
        .map(|(_, name)| format!(r#"<option value="{name}">{name}</option>"#))
        .collect();
    format!(
        r#"<p><label>Scenario <select name="scenario" data-testid="sandbox-scenario">{options}</select></label></p>"#
    )
}

/// `GET /sandbox/gateway/pay?vnp_…`: the payment page a resident's browser is sent to.
async fn gateway_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let locale = pages::locale(&headers);
    let query = query.unwrap_or_default();
    let params = query_params(&query);
    let Some((_, config)) = parts(&state) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !signing::verify(&config.secret, &params, gateway::SIGNATURE) {
        return Page::new(locale, "sandbox-gateway-title")
            .intro("sandbox-gateway-bad-request")
            .status(StatusCode::BAD_REQUEST)
            .into_response();
    }
    let order = params.get("vnp_TxnRef").cloned().unwrap_or_default();
    let charged: Result<Option<String>, sqlx::Error> = sqlx::query_scalar(
        "SELECT transaction_no FROM sandbox_gateway_charges WHERE order_reference = $1",
    )
    .bind(&order)
    .fetch_optional(&state.db)
    .await;
    let already = match charged {
        Ok(charged) => charged.is_some(),
        Err(e) => return ServerError::from(e).into_response(),
    };
    let amount: u64 = params
        .get("vnp_Amount")
        .and_then(|a| a.parse().ok())
        .unwrap_or(0)
        / 100;
    let page = Page::new(locale, "sandbox-gateway-title")
        .intro("sandbox-gateway-warning")
        .raw(&format!(
            r#"<p>{}</p><p data-testid="sandbox-amount"><strong>{amount} VND</strong></p>"#,
            escape(params.get("vnp_OrderInfo").map_or("", String::as_str)),
        ));
    if already {
        return page.intro("sandbox-gateway-already-paid").into_response();
    }
    page.raw(&format!(
        r#"<form method="post" action="{GATEWAY_PAY_PATH}">
<input type="hidden" name="query" value="{}">{}
<button type="submit" name="action" value="pay" data-testid="sandbox-pay">{}</button>
<button type="submit" name="action" value="cancel" data-testid="sandbox-cancel">{}</button>
</form>"#,
        escape(&query),
        scenario_select(),
        escape(&pages::text(locale, "sandbox-gateway-pay")),
        escape(&pages::text(locale, "sandbox-gateway-cancel")),
    ))
    .into_response()
}

#[derive(Debug, Deserialize)]
struct PayForm {
    query: String,
    action: String,
    scenario: Option<Scenario>,
}

/// `POST /sandbox/gateway/pay`: the resident pressed pay (or cancel) on the sandbox's page.
async fn gateway_pay(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<PayForm>,
) -> Response {
    let locale = pages::locale(&headers);
    let Some((sandbox, config)) = parts(&state) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let params = query_params(&form.query);
    let expired = params
        .get("vnp_ExpireDate")
        .is_some_and(|e| *e < gateway::gateway_time(OffsetDateTime::now_utc()));
    let (Some(order), Some(return_url), true) = (
        params.get("vnp_TxnRef").cloned(),
        params.get("vnp_ReturnUrl").cloned(),
        signing::verify(&config.secret, &params, gateway::SIGNATURE) && !expired,
    ) else {
        return Page::new(locale, "sandbox-gateway-title")
            .intro("sandbox-gateway-bad-request")
            .status(StatusCode::BAD_REQUEST)
            .into_response();
    };
    let scenario = form.scenario.unwrap_or(Scenario::Normal);
    let pay = form.action == "pay";
    let attack = matches!(scenario, Scenario::Forged | Scenario::Tampered);
    let transaction_no = if pay && !attack {
        // Charged once, whichever replica the payer reached: the first insert wins.
        let no = sandbox.transaction_no();
        let charged = sqlx::query(
            "INSERT INTO sandbox_gateway_charges (order_reference, transaction_no)
             VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(&order)
        .bind(&no)
        .execute(&state.db)
        .await;
        match charged {
            Ok(done) if done.rows_affected() == 1 => {}
            Ok(_) => {
                return Page::new(locale, "sandbox-gateway-title")
                    .intro("sandbox-gateway-already-paid")
                    .into_response()
            }
            Err(e) => return ServerError::from(e).into_response(),
        }
        no
    } else if pay {
        sandbox.transaction_no()
    } else {
        "0".to_owned()
    };
    let result = |succeeded: bool, transaction_no: &str| {
        let mut r: BTreeMap<String, String> = [
            "vnp_TmnCode",
            "vnp_Amount",
            "vnp_OrderInfo",
            "vnp_TxnRef",
            "vnp_CurrCode",
        ]
        .into_iter()
        .filter_map(|k| Some((k.to_owned(), params.get(k)?.clone())))
        .collect();
        let code = if succeeded { "00" } else { "24" };
        r.insert("vnp_ResponseCode".into(), code.into());
        r.insert(
            "vnp_TransactionStatus".into(),
            if succeeded { "00" } else { "02" }.into(),
        );
        r.insert("vnp_TransactionNo".into(), transaction_no.to_owned());
        r.insert("vnp_BankCode".into(), "NCB".into());
        r.insert(
            "vnp_PayDate".into(),
            gateway::gateway_time(OffsetDateTime::now_utc()),
        );
        r
    };
    let signed = |mut r: BTreeMap<String, String>, secret: &str| {
        let hash = signing::sign(secret, &r, gateway::SIGNATURE);
        r.insert(gateway::SIGNATURE.into(), hash);
        r
    };
    let honest = signed(result(pay, &transaction_no), &config.secret);
    let notifications: Vec<BTreeMap<String, String>> = match (pay, scenario) {
        (false, _) | (true, Scenario::Normal | Scenario::Late) => vec![honest.clone()],
        (true, Scenario::Duplicate) => vec![honest.clone(), honest.clone()],
        (true, Scenario::Forged) => vec![signed(result(true, &transaction_no), FORGER_SECRET)],
        (true, Scenario::Tampered) => {
            let mut t = honest.clone();
            t.insert("vnp_Amount".into(), tenth(&t));
            vec![t]
        }
        (true, Scenario::WrongAmount) => {
            let mut r = result(true, &transaction_no);
            r.insert("vnp_Amount".into(), tenth(&r));
            vec![signed(r, &config.secret)]
        }
        (true, Scenario::SuccessThenFailure) => {
            let failure = signed(result(false, &sandbox.transaction_no()), &config.secret);
            vec![honest.clone(), failure]
        }
    };
    let ipn_url = format!("{}{}", sandbox.public_url, gateway::IPN_PATH);
    let http = sandbox.http.clone();
    let send_all = async move {
        if let [first, second] = notifications.as_slice() {
            if scenario == Scenario::Duplicate {
                // Both in flight at once, as a gateway retrying a slow answer does.
                tokio::join!(
                    send_ipn(&http, &ipn_url, first),
                    send_ipn(&http, &ipn_url, second)
                );
                return;
            }
        }
        {
            for n in &notifications {
                send_ipn(&http, &ipn_url, n).await;
            }
        }
    };
    if pay && scenario == Scenario::Late {
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(2)).await;
            send_all.await;
        });
    } else {
        send_all.await;
    }
    let back = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&honest)
        .finish();
    Redirect::to(&format!("{return_url}?{back}")).into_response()
}

fn tenth(params: &BTreeMap<String, String>) -> String {
    let amount: u64 = params
        .get("vnp_Amount")
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    (amount / 1000 * 100).to_string()
}

async fn send_ipn(http: &reqwest::Client, url: &str, params: &BTreeMap<String, String>) {
    match http.get(url).query(params).send().await {
        Ok(response) => {
            let body = response.text().await.unwrap_or_default();
            tracing::info!(answer = %body, "sandbox gateway: IPN answered");
        }
        Err(e) => tracing::warn!(error = %e, "sandbox gateway: IPN not delivered"),
    }
}

/// `GET /sandbox/bank`: stands in for the resident's banking app that scanned the VietQR code.
async fn bank_page(headers: HeaderMap) -> Response {
    let locale = pages::locale(&headers);
    Page::new(locale, "sandbox-bank-title")
        .intro("sandbox-gateway-warning")
        .raw(&format!(
            r#"<form method="post" action="{BANK_PATH}">
<p><label>Content <input name="content" required></label></p>
<p><label>Amount (VND) <input name="amount" inputmode="numeric" required></label></p>
<p><label>Currency <input name="currency" value="VND"></label></p>{}
<button type="submit">{}</button></form>"#,
            scenario_select(),
            escape(&pages::text(locale, "sandbox-gateway-pay")),
        ))
        .into_response()
}

#[derive(Debug, Deserialize)]
struct TransferForm {
    content: String,
    amount: u64,
    currency: Option<String>,
    scenario: Option<Scenario>,
}

/// `POST /sandbox/bank`: a transfer arrived on the payee account; the bank confirms it to the
/// server (per the scenario) and this answers what the server said, as JSON.
async fn bank_transfer(State(state): State<AppState>, Form(form): Form<TransferForm>) -> Response {
    let (Some(sandbox), Some(secret)) = (&state.payments.sandbox, &state.payments.bank_secret)
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut params: BTreeMap<String, String> = [
        ("transaction_no", format!("FT{}", sandbox.transaction_no())),
        ("amount", form.amount.to_string()),
        ("currency", form.currency.unwrap_or_else(|| "VND".into())),
        ("content", form.content),
        ("bank_code", "970415".into()),
        ("paid_at", crate::clock::now_rfc3339()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let scenario = form.scenario.unwrap_or(Scenario::Normal);
    let key = if scenario == Scenario::Forged {
        FORGER_SECRET
    } else {
        secret
    };
    if scenario == Scenario::WrongAmount {
        params.insert("amount".into(), (form.amount / 10).to_string());
    }
    let signature = signing::sign(key, &params, bank::SIGNATURE);
    params.insert(bank::SIGNATURE.into(), signature);
    if scenario == Scenario::Tampered {
        params.insert("amount".into(), (form.amount / 10).to_string());
    }
    let url = format!("{}{}", sandbox.public_url, bank::NOTIFICATIONS_PATH);
    let times = if scenario == Scenario::Duplicate {
        2
    } else {
        1
    };
    let mut answers = Vec::new();
    for _ in 0..times {
        let answer = match sandbox.http.post(&url).form(&params).send().await {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(e) => format!("{{\"error\":\"{e}\"}}"),
        };
        answers.push(answer);
    }
    (
        [("content-type", "application/json")],
        format!("[{}]", answers.join(",")),
    )
        .into_response()
}
