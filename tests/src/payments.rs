//! What the payment tests share: a dossier with a fee, and a browser's part at the sandbox
//! gateway and bank (open the page, press pay, follow the way back), over real HTTP.

use citizen_protocol::dossiers::Dossier;
use citizen_protocol::forms::{FieldValue, FormValues};
use citizen_protocol::payments::gateway_path;

use crate::dossiers::{procedure_named, Resident};

/// "Cấp bản sao trích lục hộ tịch": 8,000 đồng, fully online, no files to attach.
pub const FEE_PROCEDURE: &str = "Cấp bản sao trích lục hộ tịch";
pub const FEE_VND: u64 = 8_000;

pub fn extract_values() -> FormValues {
    let text = |s: &str| FieldValue::Text(s.into());
    FormValues::from([
        ("applicant_name".into(), text("Nguyễn Thị Hương")),
        ("applicant_pin".into(), text("046192000002")),
        ("applicant_birth_date".into(), text("1992-04-12")),
        (
            "applicant_address".into(),
            text("12 Lê Lợi, phường Vĩnh Ninh, Huế"),
        ),
        ("applicant_phone".into(), text("0905 123 456")),
        ("event".into(), text("khai-sinh")),
        ("subject_name".into(), text("Trần Bảo An")),
        ("event_date".into(), text("2026-11-02")),
        ("copies".into(), text("2")),
    ])
}

/// Submits an extract request (with its fee) as `resident`; the dossier as the server answered.
pub async fn submit_fee_dossier(resident: &Resident, key: &str) -> Dossier {
    let procedure = procedure_named(&resident.url, FEE_PROCEDURE).await;
    let body = serde_json::json!({ "procedureId": procedure.id, "values": extract_values() });
    let response = resident.submit(key, &body, "vi").await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

/// `POST /api/v1/invoices/{reference}/gateway` as the resident.
pub async fn start_gateway(resident: &Resident, reference: &str) -> reqwest::Response {
    resident
        .http
        .post(format!("{}{}", resident.url, gateway_path(reference)))
        .bearer_auth(&resident.token)
        .header("accept-language", "vi")
        .send()
        .await
        .unwrap()
}

/// A browser at the sandbox gateway: opens `url`, presses `action` ("pay" or "cancel") with
/// `scenario`, and follows the gateway back to the return page, whose HTML this answers. None if
/// the page offers no button (the order is paid already).
pub async fn play_gateway(url: &str, action: &str, scenario: &str) -> Option<String> {
    let browser = reqwest::Client::new();
    let page = browser.get(url).send().await.unwrap().text().await.unwrap();
    let query = hidden_value(&page, "query")?;
    let form_action = url.split('?').next().unwrap();
    let back = browser
        .post(form_action)
        .form(&[
            ("query", query.as_str()),
            ("action", action),
            ("scenario", scenario),
        ])
        .send()
        .await
        .unwrap();
    Some(back.text().await.unwrap())
}

/// The gateway's payment page as a browser gets it.
pub async fn gateway_page(url: &str) -> String {
    reqwest::get(url).await.unwrap().text().await.unwrap()
}

/// The sandbox bank confirms a transfer of `amount` with `content`; the server's answers.
pub async fn bank_transfer(
    server_url: &str,
    content: &str,
    amount: u64,
    currency: &str,
    scenario: &str,
) -> Vec<serde_json::Value> {
    reqwest::Client::new()
        .post(format!("{server_url}/sandbox/bank"))
        .form(&[
            ("content", content),
            ("amount", &amount.to_string()),
            ("currency", currency),
            ("scenario", scenario),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn hidden_value(page: &str, name: &str) -> Option<String> {
    let start = page.find(&format!(r#"name="{name}" value=""#))? + name.len() + 15;
    let end = start + page[start..].find('"')?;
    Some(
        page[start..end]
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}
