//! The app's end of the browser sign-in (RFC 8252 §7.3): a one-shot HTTP listener on a loopback
//! IP literal and a free port. The browser is sent to `http://127.0.0.1:<port>/callback?code=..`;
//! the listener reads that one request line and answers with a page telling the resident to go
//! back to the app. Anything else (a favicon, a port scanner) gets a 404 and is otherwise ignored.

use std::collections::HashMap;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::error::CoreError;

const CALLBACK_PATH: &str = "/callback";
/// A request head longer than this is not a browser returning from sign-in.
const MAX_HEAD: usize = 16 * 1024;
/// A connection that sends nothing for this long is dropped, so it cannot hold the sign-in.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Loopback {
    listener: TcpListener,
    redirect_uri: String,
}

/// The browser's arrival at the callback: its query parameters, and the connection to answer on.
pub struct Arrival {
    pub params: HashMap<String, String>,
    stream: TcpStream,
}

impl Loopback {
    pub async fn bind() -> Result<Loopback, CoreError> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| CoreError::SignInFailed(format!("no loopback port: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| CoreError::SignInFailed(e.to_string()))?
            .port();
        Ok(Loopback {
            listener,
            redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
        })
    }

    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits until a browser requests the callback path. Runs until it does; the caller bounds it.
    pub async fn arrival(&self) -> Arrival {
        loop {
            let Ok((mut stream, _)) = self.listener.accept().await else {
                continue;
            };
            match tokio::time::timeout(READ_TIMEOUT, read_target(&mut stream)).await {
                Ok(Some(target)) if path_of(&target) == CALLBACK_PATH => {
                    return Arrival {
                        params: query_of(&target),
                        stream,
                    };
                }
                Ok(Some(_)) => {
                    let _ = respond(&mut stream, "404 Not Found", "").await;
                }
                _ => {}
            }
        }
    }
}

impl Arrival {
    /// Answers the browser with a small page and closes the connection.
    pub async fn answer(mut self, html: &str) {
        if let Err(e) = respond(&mut self.stream, "200 OK", html).await {
            tracing::debug!(error = %e, "sign-in: could not answer the browser");
        }
    }
}

/// Reads the request head and returns the request target of a GET.
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 || head.len() + n > MAX_HEAD {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8(head).ok()?;
    let mut parts = head.lines().next()?.split(' ');
    match (parts.next(), parts.next()) {
        (Some("GET"), Some(target)) => Some(target.to_owned()),
        _ => None,
    }
}

fn path_of(target: &str) -> &str {
    target.split('?').next().unwrap_or_default()
}

fn query_of(target: &str) -> HashMap<String, String> {
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or_default();
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

async fn respond(stream: &mut TcpStream, status: &str, html: &str) -> std::io::Result<()> {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{html}",
        html.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_query_of_the_callback() {
        let target = "/callback?code=a%2Bb&state=xyz&error_code=sign-in-cancelled";
        assert_eq!(path_of(target), "/callback");
        let q = query_of(target);
        assert_eq!(q["code"], "a+b");
        assert_eq!(q["state"], "xyz");
        assert_eq!(q["error_code"], "sign-in-cancelled");
        assert_eq!(path_of("/favicon.ico"), "/favicon.ico");
    }

    #[tokio::test]
    async fn ignores_other_paths_and_answers_the_callback() {
        let loopback = Loopback::bind().await.unwrap();
        let base = loopback.redirect_uri().replace("/callback", "");
        let client = reqwest::Client::new();
        let waiting = tokio::spawn(async move {
            let arrival = loopback.arrival().await;
            let code = arrival.params.get("code").cloned();
            arrival.answer("<p>done</p>").await;
            code
        });
        let other = client
            .get(format!("{base}/favicon.ico"))
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), 404);
        let page = client
            .get(format!("{base}/callback?code=c1&state=s"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        assert_eq!(page.text().await.unwrap(), "<p>done</p>");
        assert_eq!(waiting.await.unwrap().as_deref(), Some("c1"));
    }
}
