//! The app's side of sign-in, played by hand so server tests see every step: a PKCE pair, the
//! authorization URL, a cookie-keeping browser that follows redirects one at a time, and the
//! sandbox e-ID's resident picker.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use citizen_protocol::auth::{
    CitizenProfile, TokenResponse, APP_CLIENT_ID, AUTHORIZE_PATH, ME_PATH, TOKEN_PATH,
};
use reqwest::redirect::Policy;
use reqwest::Url;
use sha2::{Digest, Sha256};

/// The loopback redirect URI a test app "listens" on (nothing needs to listen: the browser stops
/// before requesting it).
pub const APP_REDIRECT: &str = "http://127.0.0.1:9/callback";

pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    pub fn new(seed: &str) -> Pkce {
        let verifier = format!("{seed}-{}", "v".repeat(60));
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Pkce {
            verifier,
            challenge,
        }
    }
}

pub fn authorize_url(server: &str, pkce: &Pkce, state: &str) -> String {
    let mut url = Url::parse(&format!("{server}{AUTHORIZE_PATH}")).unwrap();
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", APP_CLIENT_ID)
        .append_pair("redirect_uri", APP_REDIRECT)
        .append_pair("state", state)
        .append_pair("code_challenge", &pkce.challenge)
        .append_pair("code_challenge_method", "S256");
    url.to_string()
}

pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

fn location(response: &reqwest::Response, from: &str) -> String {
    let loc = response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("{from} answered {} without a redirect", response.status()))
        .to_str()
        .unwrap();
    Url::parse(from).unwrap().join(loc).unwrap().to_string()
}

/// The last `attr="…"` before `data-testid="<testid>"` in `html`: a link's own `href`, or the
/// `action` of the form a button is in.
fn attr_before(html: &str, testid: &str, attr: &str) -> String {
    let at = html
        .find(&format!(r#"data-testid="{testid}""#))
        .unwrap_or_else(|| panic!("no {testid} in {html}"));
    let key = format!(r#"{attr}=""#);
    let start = html[..at]
        .rfind(&key)
        .unwrap_or_else(|| panic!("no {attr} before {testid}"))
        + key.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].replace("&amp;", "&")
}

/// Opens the server's sign-in page and presses "Sign in with VNeID". Returns where the server
/// sends the browser: the e-ID's authorization URL, or back to the app with an error.
pub async fn to_eid(browser: &reqwest::Client, authorize: &str) -> String {
    let page = browser.get(authorize).send().await.unwrap();
    assert_eq!(page.status(), 200, "sign-in page");
    let html = page.text().await.unwrap();
    let start = Url::parse(authorize)
        .unwrap()
        .join(&attr_before(&html, "sign-in-eid", "href"))
        .unwrap()
        .to_string();
    let to_eid = browser.get(&start).send().await.unwrap();
    location(&to_eid, &start)
}

/// Follows the whole sign-in through the server's page and the sandbox e-ID as resident
/// `resident` (index into `sandbox::RESIDENTS`). Returns the URL the browser is finally sent to
/// (the app's redirect URI with `code` and `state`, or with `error`).
pub async fn sandbox_sign_in(
    browser: &reqwest::Client,
    authorize: &str,
    resident: usize,
) -> String {
    let eid_url = to_eid(browser, authorize).await;
    // Refused before the e-ID: the server sent the browser straight back to the app.
    if param(&eid_url, "error").is_some() {
        return eid_url;
    }
    let picker = browser.get(&eid_url).send().await.unwrap();
    assert_eq!(picker.status(), 200, "sandbox picker at {eid_url}");
    let html = picker.text().await.unwrap();
    // The picker has one form per resident; each carries the same hidden fields.
    let form = html
        .split("<form")
        .nth(resident + 1)
        .expect("a form per resident");
    let mut fields = vec![("resident".to_owned(), resident.to_string())];
    for input in form.split("<input").skip(1) {
        let attr = |name: &str| {
            let key = format!(r#"{name}=""#);
            let s = input.find(&key)? + key.len();
            let e = s + input[s..].find('"')?;
            Some(input[s..e].replace("&amp;", "&").replace("&quot;", "\""))
        };
        if let (Some(n), Some(v)) = (attr("name"), attr("value")) {
            fields.push((n, v));
        }
    }
    let chosen = browser.post(&eid_url).form(&fields).send().await.unwrap();
    let callback = location(&chosen, &eid_url);
    let back = browser.get(&callback).send().await.unwrap();
    let next = location(&back, &callback);
    if next.contains("/oauth/passkey/offer/") {
        return decline_passkey(browser, &next).await;
    }
    next
}

/// On the passkey offer after the e-ID, presses "Not now". Returns where the browser goes next.
pub async fn decline_passkey(browser: &reqwest::Client, offer: &str) -> String {
    let page = browser.get(offer).send().await.unwrap();
    assert_eq!(page.status(), 200, "passkey offer at {offer}");
    let html = page.text().await.unwrap();
    let skip = Url::parse(offer)
        .unwrap()
        .join(&attr_before(&html, "passkey-skip", "action"))
        .unwrap()
        .to_string();
    let skipped = browser.post(&skip).send().await.unwrap();
    location(&skipped, &skip)
}

/// The value of query parameter `name` in `url`.
pub fn param(url: &str, name: &str) -> Option<String> {
    Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Exchanges a code at the token endpoint; returns the status and the body as JSON.
pub async fn exchange(server: &str, code: &str, verifier: &str) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(format!("{server}{TOKEN_PATH}"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", APP_REDIRECT),
            ("client_id", APP_CLIENT_ID),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// Exchanges a code (it must succeed) and asks who the new access token speaks for.
pub async fn profile_for_code(server: &str, code: &str, verifier: &str) -> CitizenProfile {
    let (status, tokens) = exchange(server, code, verifier).await;
    assert_eq!(status, 200, "{tokens}");
    reqwest::Client::new()
        .get(format!("{server}{ME_PATH}"))
        .bearer_auth(tokens["access_token"].as_str().expect("an access token"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .expect("a profile")
}

pub async fn refresh(server: &str, refresh_token: &str) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(format!("{server}{TOKEN_PATH}"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", APP_CLIENT_ID),
        ])
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// A full sandbox sign-in as `resident`, returning the tokens.
pub async fn signed_in(server: &str, resident: usize) -> TokenResponse {
    let pkce = Pkce::new(&format!("r{resident}"));
    let back = sandbox_sign_in(&browser(), &authorize_url(server, &pkce, "s1"), resident).await;
    let code = param(&back, "code").unwrap_or_else(|| panic!("no code in {back}"));
    let (status, body) = exchange(server, &code, &pkce.verifier).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).unwrap()
}
