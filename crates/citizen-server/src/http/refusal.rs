//! A request refused for a reason the resident can act on: the status, the error code, the
//! message in the resident's language (Accept-Language), and for forms each field's problem.

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use citizen_protocol::error::{ErrorBody, ErrorCode};
use citizen_protocol::forms::FieldError;

use crate::identity::pages::{self, Locale};

pub struct Refusal {
    status: StatusCode,
    code: ErrorCode,
    locale: Locale,
    fields: Vec<FieldError>,
    /// For the log only: what exactly was wrong, never personal data.
    reason: String,
}

impl Refusal {
    pub fn new(headers: &HeaderMap, status: StatusCode, code: ErrorCode, reason: &str) -> Refusal {
        Refusal {
            status,
            code,
            locale: pages::locale(headers),
            fields: Vec::new(),
            reason: reason.to_owned(),
        }
    }

    pub fn with_fields(mut self, fields: Vec<FieldError>) -> Refusal {
        self.fields = fields;
        self
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let field_names: Vec<&str> = self.fields.iter().map(|f| f.field.as_str()).collect();
        tracing::info!(
            code = self.code.as_str(),
            status = self.status.as_u16(),
            reason = %self.reason,
            fields = ?field_names,
            "request refused"
        );
        let mut body = ErrorBody::new(self.code, pages::error_text(self.locale, self.code));
        body.fields = self.fields;
        (self.status, Json(body)).into_response()
    }
}
