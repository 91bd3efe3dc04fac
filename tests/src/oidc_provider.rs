//! A stand-in for the national e-ID provider (VNeID): `oidc-provider` (OpenID Certified, npm) run
//! by Node on loopback from `tests/oidc-provider/provider.mjs`, with one confidential client, so
//! that the server's OpenID Connect relying-party code is tested against an independent
//! implementation.
//!
//! What the provider does (see `provider.mjs`): issuer `http://127.0.0.1:<port>`; scopes `openid
//! profile address`; client authentication `client_secret_basic` (oidc-provider takes
//! `client_secret_post` as well); RS256 ID tokens; PKCE S256, checked when the client sends a
//! challenge. Any login is accepted and becomes `sub`. With oidc-provider's default
//! `conformIdTokenClaims`, the ID token of the code flow carries only `sub`: `name`, `birthdate`,
//! `personal_id_number` and `address` come from the userinfo endpoint.

use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::redirect::Policy;
use reqwest::{StatusCode, Url};
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, ChildStdin, Command};

/// How long the provider may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How many requests `sign_in` makes at most before it gives up.
const MAX_SIGN_IN_STEPS: usize = 20;

/// A running `oidc-provider`; dropping it stops the process.
pub struct OidcProvider {
    /// `http://127.0.0.1:<port>`, also the base of every endpoint.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    child: Child,
    /// Held open: the provider exits when it closes, so even a test process that dies without
    /// running `Drop` leaves no provider behind.
    _stdin: Option<ChildStdin>,
}

impl OidcProvider {
    /// Starts oidc-provider with one client whose redirect URI is `redirect_uri`.
    pub async fn start(redirect_uri: &str) -> OidcProvider {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("oidc-provider");
        if !dir
            .join("node_modules/oidc-provider/package.json")
            .is_file()
        {
            panic!(
                "the test OpenID provider's npm packages are not installed in {}: run scripts/setup",
                dir.join("node_modules").display()
            );
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let client_id = "citizen-server".to_string();
        let client_secret = format!("test-secret-{}-{nanos}", std::process::id());

        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(&dir)
            .env("PORT", "0")
            .env("CLIENT_ID", &client_id)
            .env("CLIENT_SECRET", &client_secret)
            .env("REDIRECT_URI", redirect_uri)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("could not run `node` (Node.js, see scripts/setup): {e}"));

        // The provider's stderr goes to the test's output (shown when a test fails) and is kept
        // for the panic message should it not start.
        let log = Arc::new(Mutex::new(String::new()));
        forward_lines(
            child.stderr.take().expect("stderr piped"),
            Some(log.clone()),
        );
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout piped")).lines();

        let issuer = tokio::time::timeout(START_TIMEOUT, async {
            while let Ok(Some(line)) = stdout.next_line().await {
                if let Some(issuer) = line.strip_prefix("ISSUER ") {
                    return Some(issuer.trim().to_string());
                }
                eprintln!("oidc-provider: {line}");
            }
            None
        })
        .await;
        let issuer = match issuer {
            Ok(Some(issuer)) => issuer,
            failure => {
                let _ = child.start_kill();
                let status = child.wait().await;
                // Give the stderr forwarder a moment to read what the provider said last.
                tokio::time::sleep(Duration::from_millis(100)).await;
                let what = match failure {
                    Err(_) => format!("did not print its issuer within {START_TIMEOUT:?}"),
                    _ => "exited before printing its issuer".to_string(),
                };
                panic!(
                    "oidc-provider {what} ({status:?}); its stderr:\n{}",
                    log.lock().unwrap()
                );
            }
        };
        forward_lines(stdout.into_inner(), None);

        OidcProvider {
            issuer,
            client_id,
            client_secret,
            _stdin: child.stdin.take(),
            child,
        }
    }

    /// Plays the resident in a browser at the provider: starting from the provider's
    /// authorization URL (the one the relying party redirected to), signs in as `account` through
    /// the dev login form, confirms the consent form, and returns the final redirect URL the
    /// provider sends back to `redirect_uri` (with code and state), WITHOUT requesting it.
    ///
    /// Whatever the provider redirects to outside itself is returned as it is, including an
    /// error response (`?error=...&state=...`); the caller checks it.
    pub async fn sign_in(&self, authorize_url: &str, account: &str) -> String {
        let issuer = Url::parse(&self.issuer).expect("issuer is a URL");
        let mut url = Url::parse(authorize_url)
            .unwrap_or_else(|e| panic!("sign_in: {authorize_url:?} is not a URL: {e}"));
        assert_eq!(
            url.origin(),
            issuer.origin(),
            "sign_in: {authorize_url} is not at the provider {}",
            self.issuer
        );
        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("HTTP client");

        let mut form: Option<Vec<(String, String)>> = None;
        let mut seen = Vec::new();
        for _ in 0..MAX_SIGN_IN_STEPS {
            let request = match form.take() {
                Some(fields) => browser.post(url.clone()).form(&fields),
                None => browser.get(url.clone()),
            };
            let response = request
                .send()
                .await
                .unwrap_or_else(|e| panic!("sign_in: request to {url} failed: {e}"));
            let status = response.status();
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or_else(|| panic!("sign_in: {status} from {url} without a Location"))
                    .to_string();
                let next = url.join(&location).unwrap_or_else(|e| {
                    panic!("sign_in: {status} from {url} to a bad Location {location:?}: {e}")
                });
                if next.origin() != issuer.origin() {
                    return next.to_string();
                }
                url = next;
                continue;
            }
            let body = response.text().await.unwrap_or_default();
            if status != StatusCode::OK {
                panic!(
                    "sign_in: unexpected {status} from {url}: {}",
                    snippet(&body)
                );
            }
            let Some(page) = parse_form(&body) else {
                panic!("sign_in: no form in the page at {url}: {}", snippet(&body));
            };
            let prompt = page.field("prompt").unwrap_or_default().to_string();
            if seen.contains(&prompt) {
                panic!(
                    "sign_in: the provider asked for {prompt:?} again at {url}: {}",
                    snippet(&body)
                );
            }
            let mut fields = page.hidden;
            match prompt.as_str() {
                "login" => {
                    fields.push(("login".to_string(), account.to_string()));
                    fields.push(("password".to_string(), "any password".to_string()));
                }
                "consent" => {}
                other => panic!(
                    "sign_in: unexpected interaction {other:?} at {url}: {}",
                    snippet(&body)
                ),
            }
            seen.push(prompt);
            url = url.join(&page.action).unwrap_or_else(|e| {
                panic!("sign_in: bad form action {:?} at {url}: {e}", page.action)
            });
            form = Some(fields);
        }
        panic!(
            "sign_in: no redirect back to the client after {MAX_SIGN_IN_STEPS} requests (last {url})"
        );
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        // Kill it, then reap it so that neither a zombie nor an orphan remains. (It also exits
        // by itself when its stdin, held by this struct, closes.)
        let _ = self.child.start_kill();
        for _ in 0..300 {
            match self.child.try_wait() {
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Ok(Some(_)) | Err(_) => break,
            }
        }
    }
}

/// Copies the lines of a child's output to the test's stderr, and into `keep` if given.
fn forward_lines<R: AsyncRead + Unpin + Send + 'static>(
    output: R,
    keep: Option<Arc<Mutex<String>>>,
) {
    tokio::spawn(async move {
        let mut lines = BufReader::new(output).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            eprintln!("oidc-provider: {line}");
            if let Some(keep) = &keep {
                let mut keep = keep.lock().unwrap();
                keep.push_str(&line);
                keep.push('\n');
            }
        }
    });
}

/// The first form of a dev interaction page: its action and hidden inputs.
struct Form {
    action: String,
    hidden: Vec<(String, String)>,
}

impl Form {
    fn field(&self, name: &str) -> Option<&str> {
        self.hidden
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Finds the first `<form>` in `html`, with its `action` and its `type="hidden"` inputs. Enough
/// for oidc-provider's own dev interaction pages, not for HTML at large.
fn parse_form(html: &str) -> Option<Form> {
    let start = html.find("<form")?;
    let rest = &html[start..];
    let tag_end = rest.find('>')?;
    let action = attribute(&rest[..tag_end], "action")?;
    let body = &rest[tag_end..rest.find("</form>").unwrap_or(rest.len())];
    let hidden = body
        .split("<input")
        .skip(1)
        .filter_map(|input| {
            let tag = &input[..input.find('>').unwrap_or(input.len())];
            if attribute(tag, "type")? != "hidden" {
                return None;
            }
            Some((
                attribute(tag, "name")?,
                attribute(tag, "value").unwrap_or_default(),
            ))
        })
        .collect();
    Some(Form { action, hidden })
}

/// The value of the double-quoted attribute `name` in the tag text `tag`, unescaped.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!("{name}=\"");
    let mut from = 0;
    while let Some(found) = tag[from..].find(&needle) {
        let at = from + found;
        let value_start = at + needle.len();
        if at == 0 || tag[..at].ends_with(char::is_whitespace) {
            let len = tag[value_start..].find('"')?;
            return Some(unescape(&tag[value_start..value_start + len]));
        }
        from = value_start;
    }
    None
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn snippet(body: &str) -> String {
    let body = body.trim();
    match body.char_indices().nth(600) {
        Some((end, _)) => format!("{}…", &body[..end]),
        None => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_dev_login_form() {
        let html = r#"<div><form autocomplete="off" action="http://127.0.0.1:1/interaction/a&amp;b" method="post">
  <input type="hidden" name="prompt" value="login"/>
  <input required type="text" name="login" placeholder="Enter any login" autofocus="on">
  <input required type="password" name="password" placeholder="and password" >
</form><form action="/other"></form>"#;
        let form = parse_form(html).expect("a form");
        assert_eq!(form.action, "http://127.0.0.1:1/interaction/a&b");
        assert_eq!(
            form.hidden,
            vec![("prompt".to_string(), "login".to_string())]
        );
        assert_eq!(form.field("prompt"), Some("login"));
    }
}
