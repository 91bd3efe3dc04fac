//! Server errors, and how each becomes an HTTP status and an `ErrorBody`.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::error::{ErrorBody, ErrorCode};

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// Overloaded for now (a writer waited its longest for its turn): the request is turned
    /// away as the shedding lanes turn one away, and the client comes back after `retry_after_s`.
    #[error("busy: {what}")]
    Busy {
        what: &'static str,
        retry_after_s: u64,
    },
}

impl ServerError {
    fn status_and_code(&self) -> (StatusCode, ErrorCode) {
        match self {
            ServerError::BadRequest(_) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest),
            _ => (StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::ServerError),
        }
    }
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        if let ServerError::Busy {
            what,
            retry_after_s,
        } = self
        {
            tracing::warn!(what, "turned away: busy");
            // The app words it from the code; the body's text is for anyone reading it.
            return crate::http::shedding::busy(
                crate::identity::pages::Locale::Vi,
                HeaderValue::from(retry_after_s),
            );
        }
        let (status, code) = self.status_and_code();
        // The body names the problem for a bad request; internal details stay in the log.
        let message = match &self {
            ServerError::BadRequest(why) => why.clone(),
            other => {
                tracing::error!(error = %other, "request failed");
                "internal server error".to_owned()
            }
        };
        (status, Json(ErrorBody::new(code, message))).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    /// Busy is answered as the shedding lanes answer: 429, `Retry-After`, `server-busy`.
    #[tokio::test]
    async fn busy_is_a_429_with_retry_after() {
        let response = ServerError::Busy {
            what: "test",
            retry_after_s: 5,
        }
        .into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        let body = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let body: ErrorBody = serde_json::from_slice(&body).unwrap();
        assert_eq!(body.code, ErrorCode::ServerBusy);
        assert!(!body.message.is_empty());
    }
}
