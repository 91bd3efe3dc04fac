//! The provincial server's address, checked once before any client is built: the app sends
//! tokens, personal data and photos to it, so it must be HTTPS. Plain HTTP is allowed only to this
//! device's own loopback, where a developer or a test runs the server and nothing crosses a
//! network.

use std::net::IpAddr;

use crate::error::CoreError;

/// `url` without its trailing slashes, when it is HTTPS or loopback HTTP.
pub fn checked(url: &str) -> Result<String, CoreError> {
    let parsed = url::Url::parse(url).map_err(|e| {
        tracing::warn!("server URL refused: {e}");
        CoreError::Unreachable(format!("server URL {url:?}: {e}"))
    })?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    match parsed.scheme() {
        "https" => {}
        "http" if loopback => {}
        scheme => {
            tracing::warn!(scheme, "server URL refused: not HTTPS and not loopback");
            return Err(CoreError::InsecureServer(url.to_owned()));
        }
    }
    Ok(url.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_on_loopback_only() {
        for ok in [
            "https://dichvucong.hue.gov.vn",
            "https://10.0.0.5:8443/",
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://localhost:8080/",
            "http://[::1]:8080",
        ] {
            assert!(checked(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            checked("http://localhost:8080/").unwrap(),
            "http://localhost:8080"
        );
        for insecure in [
            "http://dichvucong.hue.gov.vn",
            "http://10.0.0.5:8080",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io",
            "ftp://127.0.0.1",
        ] {
            assert!(
                matches!(checked(insecure), Err(CoreError::InsecureServer(_))),
                "{insecure}"
            );
        }
        assert!(matches!(
            checked("not a url"),
            Err(CoreError::Unreachable(_))
        ));
    }
}
