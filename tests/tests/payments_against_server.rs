//! Fees paid against a real server on loopback with a real SQLite file: the sandbox gateway and
//! the sandbox bank play their parts over HTTP, honest and otherwise, and every notification must
//! leave the money state right and an audit row behind.

use std::time::Duration;

use citizen_protocol::dossiers::{Dossier, DossierStatus};
use citizen_protocol::payments::{InvoiceStatus, PaymentMethod};
use citizen_tests::dossiers::Resident;
use citizen_tests::payments::{
    bank_transfer, gateway_page, play_gateway, start_gateway, submit_fee_dossier, FEE_VND,
};
use citizen_tests::{init_logging, server_config, TestServer};

async fn dossier(resident: &Resident, code: &str) -> Dossier {
    resident
        .dossiers()
        .await
        .into_iter()
        .find(|d| d.code == code)
        .expect("the dossier is listed")
}

/// The audit trail of one invoice's notifications, oldest first.
async fn verdicts(server: &TestServer, reference: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT verdict FROM payment_notifications WHERE reference = $1 ORDER BY id")
        .bind(reference)
        .fetch_all(server.server.db())
        .await
        .unwrap()
}

async fn payments_of(server: &TestServer, reference: &str) -> Vec<(String, i64, String)> {
    sqlx::query_as(
        "SELECT outcome, amount_vnd, COALESCE(hold_reason, '') FROM payments
         WHERE invoice_reference = $1 ORDER BY id",
    )
    .bind(reference)
    .fetch_all(server.server.db())
    .await
    .unwrap()
}

async fn gateway_url(resident: &Resident, reference: &str) -> String {
    let response = start_gateway(resident, reference).await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    body["url"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_fee_waits_for_payment_and_the_gateway_pays_it_once() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 0).await;
    let submitted = submit_fee_dossier(&resident, "fee-1").await;
    assert_eq!(submitted.status, DossierStatus::AwaitingPayment);
    let invoice = submitted
        .invoice
        .clone()
        .expect("an invoice with the dossier");
    assert_eq!(invoice.amount_vnd, FEE_VND);
    assert_eq!(invoice.status, InvoiceStatus::Unpaid);
    assert!(invoice.reference.ends_with("L1"));
    assert!(invoice.vietqr.contains(&invoice.reference));
    assert!(
        invoice.vietqr.contains("54048000"),
        "the amount is in the QR"
    );

    // Someone else cannot pay, or see, this invoice.
    let other = Resident::signed_in(&server, 1).await;
    assert_eq!(
        start_gateway(&other, &invoice.reference).await.status(),
        404
    );

    let url = gateway_url(&resident, &invoice.reference).await;
    assert!(url.contains("vnp_SecureHash="));
    assert!(
        url.contains("vnp_Amount=800000"),
        "hundredths of a đồng: {url}"
    );
    let back = play_gateway(&url, "pay", "normal")
        .await
        .expect("a pay button");
    assert!(back.contains("Đã thanh toán"), "{back}");
    assert!(back.contains("BL-"), "the return page names the receipt");

    let paid = dossier(&resident, &submitted.code).await;
    assert_eq!(
        paid.status,
        DossierStatus::Received,
        "paid: on to the agency"
    );
    let timeline: Vec<_> = paid.timeline.iter().map(|e| e.status).collect();
    assert_eq!(
        timeline,
        [DossierStatus::AwaitingPayment, DossierStatus::Received]
    );
    let invoice = paid.invoice.unwrap();
    assert_eq!(invoice.status, InvoiceStatus::Paid);
    let receipt = invoice.receipt.expect("a receipt");
    assert_eq!(receipt.amount_vnd, FEE_VND);
    assert_eq!(receipt.method, PaymentMethod::Gateway);
    assert!(receipt.number.starts_with("BL-20"));

    // Pressing pay again: the server will not start another payment, and the gateway's page for
    // the same order has nothing left to pay.
    let again = start_gateway(&resident, &invoice.reference).await;
    assert_eq!(again.status(), 409);
    let body: serde_json::Value = again.json().await.unwrap();
    assert_eq!(body["code"], "invoice-paid");
    assert!(play_gateway(&url, "pay", "normal").await.is_none());
    assert!(gateway_page(&url).await.contains("đã được thanh toán"));
    assert_eq!(payments_of(&server, &invoice.reference).await.len(), 1);
    assert_eq!(verdicts(&server, &invoice.reference).await, ["accepted"]);
}

#[tokio::test]
async fn bad_gateway_notifications_change_nothing_and_are_audited() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 0).await;
    let submitted = submit_fee_dossier(&resident, "fee-bad").await;
    let reference = submitted.invoice.unwrap().reference;
    let url = gateway_url(&resident, &reference).await;

    // Forged: signed with another key. Tampered: the amount changed after signing.
    for scenario in ["forged", "tampered"] {
        let back = play_gateway(&url, "pay", scenario).await.unwrap();
        assert!(back.contains("Đang chờ xác nhận"), "{scenario}: {back}");
    }
    // Cancelled at the gateway: a signed failure.
    let back = play_gateway(&url, "cancel", "normal").await.unwrap();
    assert!(back.contains("Chưa thanh toán"), "{back}");
    let still = dossier(&resident, &submitted.code).await;
    assert_eq!(still.status, DossierStatus::AwaitingPayment);
    assert_eq!(still.invoice.unwrap().status, InvoiceStatus::Unpaid);
    assert!(payments_of(&server, &reference).await.is_empty());

    // A correctly signed notification for the wrong amount is held, never accepted.
    play_gateway(&url, "pay", "wrong-amount").await.unwrap();
    let held = dossier(&resident, &submitted.code).await;
    assert_eq!(held.status, DossierStatus::AwaitingPayment);
    assert_eq!(held.invoice.unwrap().status, InvoiceStatus::Held);
    assert_eq!(
        payments_of(&server, &reference).await,
        [(
            "held".to_owned(),
            (FEE_VND / 10) as i64,
            "amount".to_owned()
        )]
    );
    assert_eq!(
        verdicts(&server, &reference).await,
        [
            "bad-signature",
            "bad-signature",
            "payment-failed",
            "held-amount"
        ]
    );

    // The agency's officers see the held money; a resident's token is not an officer's.
    let (_, token) = citizen_server::dossiers::store::add_officer(
        server.server.db(),
        "Lê Văn Cán",
        &submitted.agency.vi,
    )
    .await
    .unwrap();
    let held_url = format!(
        "{}{}",
        server.url(),
        citizen_protocol::payments::STAFF_HELD_PAYMENTS_PATH
    );
    let http = reqwest::Client::new();
    let as_resident = http
        .get(&held_url)
        .bearer_auth(&resident.token)
        .send()
        .await
        .unwrap();
    assert_eq!(as_resident.status(), 401);
    let held: Vec<citizen_protocol::payments::HeldPayment> = http
        .get(&held_url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].dossier_code, submitted.code);
    assert_eq!(held[0].reason, "amount");
    assert_eq!(held[0].amount_vnd, FEE_VND / 10);
    assert_eq!(held[0].invoice_amount_vnd, FEE_VND);
    let elsewhere = citizen_server::dossiers::store::add_officer(
        server.server.db(),
        "Cán bộ nơi khác",
        "Sở Xây dựng",
    )
    .await
    .unwrap()
    .1;
    let none: Vec<citizen_protocol::payments::HeldPayment> = http
        .get(&held_url)
        .bearer_auth(&elsewhere)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(none.is_empty(), "another agency sees nothing");
}

#[tokio::test]
async fn duplicate_late_and_out_of_order_notifications_pay_once() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 0).await;

    // Twice at once: one payment.
    let first = submit_fee_dossier(&resident, "fee-dup").await;
    let reference = first.invoice.unwrap().reference;
    play_gateway(
        &gateway_url(&resident, &reference).await,
        "pay",
        "duplicate",
    )
    .await
    .unwrap();
    assert_eq!(payments_of(&server, &reference).await.len(), 1);
    let mut audit = verdicts(&server, &reference).await;
    audit.sort();
    assert_eq!(audit, ["accepted", "duplicate"]);

    // A success, then a failure for the same order: it stays paid.
    let second = submit_fee_dossier(&resident, "fee-ooo").await;
    let reference = second.invoice.unwrap().reference;
    let url = gateway_url(&resident, &reference).await;
    play_gateway(&url, "pay", "success-then-failure")
        .await
        .unwrap();
    let after = dossier(&resident, &second.code).await;
    assert_eq!(after.invoice.unwrap().status, InvoiceStatus::Paid);
    assert_eq!(after.status, DossierStatus::Received);
    assert_eq!(
        verdicts(&server, &reference).await,
        ["accepted", "payment-failed"]
    );

    // Late: the browser is back before the gateway has told the server. The return page says
    // so instead of believing its own URL; the notification then pays it.
    let third = submit_fee_dossier(&resident, "fee-late").await;
    let reference = third.invoice.unwrap().reference;
    let back = play_gateway(&gateway_url(&resident, &reference).await, "pay", "late")
        .await
        .unwrap();
    assert!(back.contains("Đang chờ xác nhận"), "{back}");
    assert_eq!(
        dossier(&resident, &third.code).await.status,
        DossierStatus::AwaitingPayment
    );
    let mut paid = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if dossier(&resident, &third.code).await.status == DossierStatus::Received {
            paid = true;
            break;
        }
    }
    assert!(paid, "the late notification paid the invoice");
}

#[tokio::test]
async fn bank_transfers_take_the_same_verified_path() {
    let server = TestServer::start(true).await;
    let url = server.url();
    let resident = Resident::signed_in(&server, 0).await;
    let submitted = submit_fee_dossier(&resident, "fee-bank").await;
    let reference = submitted.invoice.unwrap().reference;
    // The payer's bank wraps the content in its own words.
    let content = format!("MBVCB.3301.{reference}.CT tu 0123456789 NGUYEN THI HUONG");

    let results = |answers: Vec<serde_json::Value>| -> Vec<String> {
        answers
            .iter()
            .map(|a| a["result"].as_str().unwrap_or("?").to_owned())
            .collect()
    };
    assert_eq!(
        results(bank_transfer(&url, &content, FEE_VND, "VND", "forged").await),
        ["bad-signature"]
    );
    assert_eq!(
        results(bank_transfer(&url, &content, FEE_VND, "VND", "tampered").await),
        ["bad-signature"]
    );
    assert_eq!(
        results(bank_transfer(&url, &content, FEE_VND, "USD", "normal").await),
        ["wrong-currency"]
    );
    // Nothing is not a payment: refused as malformed, not a server error.
    assert_eq!(
        results(bank_transfer(&url, &content, 0, "VND", "normal").await),
        ["malformed"]
    );
    assert_eq!(
        results(bank_transfer(&url, "chuyen tien", FEE_VND, "VND", "normal").await),
        ["unknown-invoice"]
    );
    assert_eq!(
        results(bank_transfer(&url, "H57XX2601010001L1", FEE_VND, "VND", "normal").await),
        ["unknown-invoice"]
    );
    assert_eq!(
        dossier(&resident, &submitted.code).await.status,
        DossierStatus::AwaitingPayment
    );
    assert!(payments_of(&server, &reference).await.is_empty());

    // The transfer itself, its bank resending it, then a second transfer for the paid invoice.
    assert_eq!(
        results(bank_transfer(&url, &content, FEE_VND, "VND", "duplicate").await),
        ["accepted", "duplicate"]
    );
    assert_eq!(
        results(bank_transfer(&url, &content, FEE_VND, "VND", "normal").await),
        ["held-already-paid"]
    );
    let paid = dossier(&resident, &submitted.code).await;
    assert_eq!(paid.status, DossierStatus::Received);
    let invoice = paid.invoice.unwrap();
    assert_eq!(invoice.status, InvoiceStatus::Paid);
    assert_eq!(invoice.receipt.unwrap().method, PaymentMethod::BankTransfer);
    let recorded = payments_of(&server, &reference).await;
    assert_eq!(
        recorded,
        [
            ("accepted".to_owned(), FEE_VND as i64, String::new()),
            ("held".to_owned(), FEE_VND as i64, "already-paid".to_owned())
        ]
    );
}

#[tokio::test]
async fn an_expired_invoice_is_refused_held_when_paid_late_and_reissued() {
    init_logging();
    let dir = tempfile::tempdir().unwrap();
    let mut config = server_config(dir.path());
    config.invoice_valid_for = 2;
    config.bank_notify_secret = Some(BANK_SECRET.into());
    let server = TestServer {
        server: citizen_server::Server::start(&config).await.unwrap(),
        dir,
    };
    let resident = Resident::signed_in(&server, 0).await;
    let submitted = submit_fee_dossier(&resident, "fee-exp").await;
    let old = submitted.invoice.unwrap().reference;
    tokio::time::sleep(Duration::from_millis(2100)).await;

    let refused = start_gateway(&resident, &old).await;
    assert_eq!(refused.status(), 409);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "invoice-expired");
    assert!(
        body["message"].as_str().unwrap().contains("cấp lại"),
        "localized: {body}"
    );
    // Money for it arrives anyway, by transfer: held, not taken.
    let answers = bank_transfer(&server.url(), &old, FEE_VND, "VND", "normal").await;
    assert_eq!(answers[0]["result"], "held-late");

    let reissue = |reference: String| {
        let resident = &resident;
        async move {
            resident
                .http
                .post(format!(
                    "{}{}",
                    resident.url,
                    citizen_protocol::payments::reissue_path(&reference)
                ))
                .bearer_auth(&resident.token)
                .send()
                .await
                .unwrap()
        }
    };
    let response = reissue(old.clone()).await;
    assert_eq!(response.status(), 200);
    let reissued: Dossier = response.json().await.unwrap();
    let new = reissued.invoice.unwrap();
    assert!(new.reference.ends_with("L2"), "{}", new.reference);
    assert_eq!(new.amount_vnd, FEE_VND);
    assert_eq!(new.status, InvoiceStatus::Unpaid);
    // Pressing reissue twice makes one new invoice.
    let again: Dossier = reissue(old.clone()).await.json().await.unwrap();
    assert_eq!(again.invoice.unwrap().reference, new.reference);

    // Paid in time, confirmed after the deadline (a slow bank): judged by when it was paid.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let answer = signed_bank_notice(&server.url(), &new.reference, &new.issued_at).await;
    assert_eq!(answer["result"], "accepted", "{answer}");
    let paid = dossier(&resident, &submitted.code).await;
    assert_eq!(paid.status, DossierStatus::Received);
}

const BANK_SECRET: &str = "test-bank-secret";

/// A bank confirmation signed as the bank signs it, for a credit made at `paid_at`.
async fn signed_bank_notice(url: &str, reference: &str, paid_at: &str) -> serde_json::Value {
    use citizen_server::payments::{bank, signing};
    let mut params: std::collections::BTreeMap<String, String> = [
        ("transaction_no", "FT-SLOW-1"),
        ("amount", "8000"),
        ("currency", "VND"),
        ("content", reference),
        ("paid_at", paid_at),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let signature = signing::sign(BANK_SECRET, &params, bank::SIGNATURE);
    params.insert(bank::SIGNATURE.into(), signature);
    reqwest::Client::new()
        .post(format!("{url}{}", bank::NOTIFICATIONS_PATH))
        .form(&params)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_rejected_dossier_takes_no_more_payments() {
    let server = TestServer::start(true).await;
    let resident = Resident::signed_in(&server, 0).await;
    let submitted = submit_fee_dossier(&resident, "fee-rejected").await;
    let reference = submitted.invoice.clone().unwrap().reference;
    let (_, token) = citizen_server::dossiers::store::add_officer(
        server.server.db(),
        "Lê Văn Cán",
        &submitted.agency.vi,
    )
    .await
    .unwrap();
    let moved = reqwest::Client::new()
        .post(format!(
            "{}{}/{}/moves",
            server.url(),
            citizen_protocol::dossiers::STAFF_DOSSIERS_PATH,
            submitted.code
        ))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "to": "rejected", "message": "Sai đối tượng được cấp." }))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);

    let refused = start_gateway(&resident, &reference).await;
    assert_eq!(refused.status(), 409);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "invoice-closed");
    // Money that comes anyway is held for a refund, and the dossier stays rejected.
    let answers = bank_transfer(&server.url(), &reference, FEE_VND, "VND", "normal").await;
    assert_eq!(answers[0]["result"], "held-dossier-closed");
    assert_eq!(
        dossier(&resident, &submitted.code).await.status,
        DossierStatus::Rejected
    );
}
