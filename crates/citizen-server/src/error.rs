//! Server errors, and how each becomes an HTTP status and an `ErrorBody`.

use axum::http::StatusCode;
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
