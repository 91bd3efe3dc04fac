//! The resident's phone in a hand-off (RFC 8628): opens the link the QR code holds, signs in at
//! the sandbox e-ID through the server's own pages, and approves or denies on the consent page.

use reqwest::Url;

use crate::sign_in::{browser, sandbox_sign_in};

/// What the phone's browser ended on: the status and page of the answer (or of the refusal).
pub struct PhoneAnswer {
    pub status: u16,
    pub html: String,
}

/// Opens `link` (a hand-off's `verification_uri_complete`) as sandbox resident `resident` and
/// presses Approve (`approve`) or Deny.
pub async fn answer_on_phone(link: &str, resident: usize, approve: bool) -> PhoneAnswer {
    let b = browser();
    let page = b.get(link).send().await.unwrap();
    if page.status() != 200 {
        let status = page.status().as_u16();
        return PhoneAnswer {
            status,
            html: page.text().await.unwrap_or_default(),
        };
    }
    let consent = sandbox_sign_in(&b, link, resident).await;
    assert!(
        consent.contains("/device/consent?"),
        "after the e-ID the phone should reach the consent page, not {consent}"
    );
    let page = b.get(&consent).send().await.unwrap();
    assert_eq!(page.status(), 200, "consent page");
    let html = page.text().await.unwrap();
    let hidden = |name: &str| {
        let key = format!(r#"name="{name}" value=""#);
        let start = html
            .find(&key)
            .unwrap_or_else(|| panic!("no {name} in {html}"))
            + key.len();
        let end = start + html[start..].find('"').unwrap();
        html[start..end].replace("&amp;", "&")
    };
    let form = [
        ("code", hidden("code")),
        ("state", hidden("state")),
        (
            "decision",
            if approve { "approve" } else { "deny" }.to_owned(),
        ),
    ];
    let action = Url::parse(&consent)
        .unwrap()
        .join("/device/consent")
        .unwrap();
    let answered = b.post(action).form(&form).send().await.unwrap();
    PhoneAnswer {
        status: answered.status().as_u16(),
        html: answered.text().await.unwrap_or_default(),
    }
}
