//! The few HTML pages the server shows in the resident's browser during sign-in, in Vietnamese or
//! English (Accept-Language), with every string from `locales/<lang>/server.ftl`.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::LanguageLoader;
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

#[derive(RustEmbed)]
#[folder = "../../locales"]
struct Localizations;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Vi,
    En,
}

/// Vietnamese unless the browser prefers English.
pub fn locale(headers: &HeaderMap) -> Locale {
    let accept = headers
        .get("accept-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let first = accept
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if first.starts_with("en") {
        Locale::En
    } else {
        Locale::Vi
    }
}

/// The messages of one Fluent domain: `server` (these pages) or `citizen` (the app's, whose
/// `error-<code>` texts the API's refusals share rather than repeat).
fn loader(domain: &'static str, locale: Locale) -> &'static FluentLanguageLoader {
    static CELLS: [OnceLock<FluentLanguageLoader>; 4] = [const { OnceLock::new() }; 4];
    let (index, lang) = match (domain, locale) {
        ("server", Locale::Vi) => (0, "vi"),
        ("server", Locale::En) => (1, "en"),
        (_, Locale::Vi) => (2, "vi"),
        (_, Locale::En) => (3, "en"),
    };
    CELLS[index].get_or_init(|| {
        let loader = FluentLanguageLoader::new(domain, "vi".parse().expect("language id"));
        loader
            .load_languages(&Localizations, &[lang.parse().expect("language id")])
            .expect("embedded locales load");
        // Only bundles already loaded take this: it must come after loading.
        loader.set_use_isolating(false);
        loader
    })
}

pub fn text(locale: Locale, key: &str) -> String {
    loader("server", locale).get(key)
}

/// A message with Fluent arguments.
pub fn text_with(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    let args: std::collections::HashMap<String, String> = args
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    loader("server", locale).get_args(key, args)
}

/// The resident-facing message of an error code, as the app words it.
pub fn error_text(locale: Locale, code: citizen_protocol::error::ErrorCode) -> String {
    loader("citizen", locale).get(&code.message_key())
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A page: a title, an optional paragraph, and a body built by the caller from escaped parts.
pub struct Page {
    locale: Locale,
    title: String,
    body: String,
    status: StatusCode,
}

impl Page {
    pub fn new(locale: Locale, title_key: &str) -> Page {
        Page {
            locale,
            title: text(locale, title_key),
            body: String::new(),
            status: StatusCode::OK,
        }
    }

    pub fn intro(mut self, key: &str) -> Page {
        self.body
            .push_str(&format!("<p>{}</p>", escape(&text(self.locale, key))));
        self
    }

    /// HTML the caller has already escaped.
    pub fn raw(mut self, html: &str) -> Page {
        self.body.push_str(html);
        self
    }

    pub fn status(mut self, status: StatusCode) -> Page {
        self.status = status;
        self
    }
}

/// The pages' one stylesheet, inline so a page is one request; its hash is in the CSP, so no other
/// inline style or script can run on a page that shows a consent or takes a code.
const STYLE: &str = r#"body{font:18px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.5rem;color:#8a1c1c} button,a.button{display:block;width:100%;box-sizing:border-box;margin:.75rem 0;padding:1rem;font:inherit;text-align:left;border:2px solid #8a1c1c;border-radius:.5rem;background:#fff;color:#1a1a1a;text-decoration:none;cursor:pointer}
button:focus,a.button:focus{outline:3px solid #1a5fb4} .note{font-size:.9rem;color:#444}
.alert{padding:.75rem;border-left:4px solid #b3261e;background:#fdecea} button[disabled]{opacity:.6}
.field{display:block;width:100%;font:inherit;padding:.75rem;margin:.5rem 0;box-sizing:border-box}
"#;

/// The headers every server page carries. The pages show sign-ins and a kiosk's consent:
/// framing them would let another site overlay an "approve" (clickjacking), and a referrer would
/// carry the codes in their URLs to wherever a link goes.
fn protect(headers: &mut HeaderMap) {
    static CSP: OnceLock<HeaderValue> = OnceLock::new();
    let csp = CSP.get_or_init(|| {
        let hash = STANDARD.encode(Sha256::digest(STYLE.as_bytes()));
        HeaderValue::from_str(&format!(
            "default-src 'none'; script-src 'self'; style-src 'sha256-{hash}'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
        ))
        .expect("a CSP is a valid header value")
    });
    headers.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let lang = match self.locale {
            Locale::Vi => "vi",
            Locale::En => "en",
        };
        let html = format!(
            r#"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"#,
            title = escape(&self.title),
            body = self.body,
            style = STYLE,
        );
        let mut response = (self.status, Html(html)).into_response();
        protect(response.headers_mut());
        response
    }
}

/// A refusal the resident can read, with the way back to the app.
pub fn error(locale: Locale, status: StatusCode, key: &str) -> Response {
    Page::new(locale, "page-error-title")
        .intro(key)
        .intro("page-error-retry")
        .status(status)
        .into_response()
}
