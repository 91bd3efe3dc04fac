//! Errors as they cross a wire: a stable code that doubles as the Fluent message key, plus the
//! message already localized by whoever produced it (for logs and clients without the catalogue).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every error a client can be shown. The kebab-case name is the Fluent key (`error-<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ErrorCode {
    /// The server could not be reached or did not answer in time.
    ServerUnreachable,
    /// The server answered with something that is not what the protocol says.
    ServerBadResponse,
    /// The server reported an error of its own.
    ServerError,
    /// The request was malformed (server side: bad query string, bad cursor).
    BadRequest,
    /// The local database could not be opened; it was set aside and a fresh one created.
    StoreRecovered,
    /// The local database failed in a way the app cannot repair by itself.
    StoreFailed,
    /// The search text is longer than the app accepts.
    QueryTooLong,
    /// The search text has no letters or digits to look for.
    QueryNoWords,
    /// The asked-for item does not exist (or no longer does).
    NotFound,
    /// A language the app does not speak was asked for.
    UnknownLocale,
    /// Anything else; details are in the log, never in the message.
    Internal,
    /// Signing in with the e-ID did not complete (bad or replayed answer, wrong state); retry.
    SignInFailed,
    /// The resident cancelled at the e-ID, or closed the sign-in page.
    SignInCancelled,
    /// The national e-ID could not be reached or answered nonsense.
    EidUnavailable,
    /// Signed out, or the session expired or was revoked: sign in again.
    NotSignedIn,
    /// Too many attempts from here; wait and try again.
    TooManyAttempts,
    /// The OS keyring, where tokens live, could not be used.
    KeyringUnavailable,
    /// The data asked for belongs to someone else.
    Forbidden,
    /// Some answers of a form are missing or wrong; the details name each field.
    FormInvalid,
    /// The procedure was withdrawn or has no form: a dossier for it cannot be submitted.
    ProcedureUnavailable,
    /// An attachment is not a file type the form accepts, or its content is not what it claims.
    AttachmentRejected,
    /// An attachment is larger than allowed.
    AttachmentTooLarge,
    /// A dossier refers to an attachment the server does not have; it is sent again.
    AttachmentMissing,
    /// An answer to a dossier that is not (or no longer) waiting for more information.
    NotAwaitingAnswer,
    /// Rating or reopening a report that is not resolved.
    ReportNotResolved,
    /// Reopening a report resolved more than seven days ago.
    ReopenExpired,
    /// The invoice's time to pay is over; it can be reissued.
    InvoiceExpired,
    /// The invoice is paid already: nothing more is taken.
    InvoicePaid,
    /// Paying by card or wallet is not set up on this server.
    PaymentsUnavailable,
    /// The dossier no longer waits for its fee (it was rejected): nothing is to be paid.
    InvoiceClosed,
    /// A hand-off code that expired before it was approved, or was used already.
    HandOffExpired,
    /// The resident said no on their phone.
    HandOffDenied,
    /// Only a helper the province named may assist residents.
    NotAHelper,
    /// Not something this session may do (a kiosk's, or a helper acting for a resident).
    OutOfScope,
    /// The assisted session is over: its time ran out or it was ended.
    AssistEnded,
    /// No resident with that personal number has used the service yet.
    ResidentUnknown,
    /// A consent photo must be a JPEG or PNG photo.
    ConsentPhotoRejected,
    /// The server's address is not HTTPS (and not this device's own loopback).
    InsecureServer,
    /// The server has more requests than it can take right now (HTTP 429 with Retry-After): what
    /// was sent waits on the device and goes again by itself.
    ServerBusy,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 39] = [
        ErrorCode::ServerUnreachable,
        ErrorCode::ServerBadResponse,
        ErrorCode::ServerError,
        ErrorCode::BadRequest,
        ErrorCode::StoreRecovered,
        ErrorCode::StoreFailed,
        ErrorCode::QueryTooLong,
        ErrorCode::QueryNoWords,
        ErrorCode::NotFound,
        ErrorCode::UnknownLocale,
        ErrorCode::Internal,
        ErrorCode::SignInFailed,
        ErrorCode::SignInCancelled,
        ErrorCode::EidUnavailable,
        ErrorCode::NotSignedIn,
        ErrorCode::TooManyAttempts,
        ErrorCode::KeyringUnavailable,
        ErrorCode::Forbidden,
        ErrorCode::FormInvalid,
        ErrorCode::ProcedureUnavailable,
        ErrorCode::AttachmentRejected,
        ErrorCode::AttachmentTooLarge,
        ErrorCode::AttachmentMissing,
        ErrorCode::NotAwaitingAnswer,
        ErrorCode::ReportNotResolved,
        ErrorCode::ReopenExpired,
        ErrorCode::InvoiceExpired,
        ErrorCode::InvoicePaid,
        ErrorCode::PaymentsUnavailable,
        ErrorCode::InvoiceClosed,
        ErrorCode::HandOffExpired,
        ErrorCode::HandOffDenied,
        ErrorCode::NotAHelper,
        ErrorCode::OutOfScope,
        ErrorCode::AssistEnded,
        ErrorCode::ResidentUnknown,
        ErrorCode::ConsentPhotoRejected,
        ErrorCode::InsecureServer,
        ErrorCode::ServerBusy,
    ];

    /// The Fluent message key for this code.
    pub fn message_key(self) -> String {
        format!("error-{}", self.as_str())
    }

    /// The code named by `as_str`, for codes that arrive as text (an OAuth `error_code`).
    pub fn parse(s: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::ServerUnreachable => "server-unreachable",
            ErrorCode::ServerBadResponse => "server-bad-response",
            ErrorCode::ServerError => "server-error",
            ErrorCode::BadRequest => "bad-request",
            ErrorCode::StoreRecovered => "store-recovered",
            ErrorCode::StoreFailed => "store-failed",
            ErrorCode::QueryTooLong => "query-too-long",
            ErrorCode::QueryNoWords => "query-no-words",
            ErrorCode::NotFound => "not-found",
            ErrorCode::UnknownLocale => "unknown-locale",
            ErrorCode::Internal => "internal",
            ErrorCode::SignInFailed => "sign-in-failed",
            ErrorCode::SignInCancelled => "sign-in-cancelled",
            ErrorCode::EidUnavailable => "eid-unavailable",
            ErrorCode::NotSignedIn => "not-signed-in",
            ErrorCode::TooManyAttempts => "too-many-attempts",
            ErrorCode::KeyringUnavailable => "keyring-unavailable",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::FormInvalid => "form-invalid",
            ErrorCode::ProcedureUnavailable => "procedure-unavailable",
            ErrorCode::AttachmentRejected => "attachment-rejected",
            ErrorCode::AttachmentTooLarge => "attachment-too-large",
            ErrorCode::AttachmentMissing => "attachment-missing",
            ErrorCode::NotAwaitingAnswer => "not-awaiting-answer",
            ErrorCode::ReportNotResolved => "report-not-resolved",
            ErrorCode::ReopenExpired => "reopen-expired",
            ErrorCode::InvoiceExpired => "invoice-expired",
            ErrorCode::InvoicePaid => "invoice-paid",
            ErrorCode::PaymentsUnavailable => "payments-unavailable",
            ErrorCode::InvoiceClosed => "invoice-closed",
            ErrorCode::HandOffExpired => "hand-off-expired",
            ErrorCode::HandOffDenied => "hand-off-denied",
            ErrorCode::NotAHelper => "not-a-helper",
            ErrorCode::OutOfScope => "out-of-scope",
            ErrorCode::AssistEnded => "assist-ended",
            ErrorCode::ResidentUnknown => "resident-unknown",
            ErrorCode::ConsentPhotoRejected => "consent-photo-rejected",
            ErrorCode::InsecureServer => "insecure-server",
            ErrorCode::ServerBusy => "server-busy",
        }
    }
}

/// The body of every error response and every failed IPC command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    /// With `form-invalid`: each answer that is not accepted and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<crate::forms::FieldError>>", optional)]
    pub fields: Vec<crate::forms::FieldError>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ErrorBody {
        ErrorBody {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_key_matches_wire_name() {
        for code in ErrorCode::ALL {
            let wire = serde_json::to_value(code).unwrap();
            assert_eq!(
                code.message_key(),
                format!("error-{}", wire.as_str().unwrap())
            );
        }
    }
}
