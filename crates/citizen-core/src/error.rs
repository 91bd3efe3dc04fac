//! The core's errors. Each maps to one `ErrorCode`, which is also its Fluent message key, so the
//! shell can hand the UI `{code, message}` without deciding anything.

use citizen_protocol::error::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("server unreachable: {0}")]
    Unreachable(String),
    #[error("server sent an unexpected response: {0}")]
    BadResponse(String),
    #[error("server error {status}: {message}")]
    Server { status: u16, message: String },
    /// The server turned the request away for now (429): nothing is wrong with it; it goes
    /// again after `retry_after`.
    #[error("server busy: try again in {} s", retry_after.as_secs())]
    Busy { retry_after: std::time::Duration },
    #[error("local store: {0}")]
    Store(#[from] sqlx::Error),
    #[error("local store migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("local store is corrupt: {0}")]
    StoreCorrupt(String),
    #[error("local store unavailable: {0}")]
    StoreFailed(String),
    #[error("encrypted store: {0}")]
    AtRest(#[from] crate::at_rest::AtRestError),
    #[error("query longer than {max} characters")]
    QueryTooLong { max: usize },
    #[error("query has no words to search for")]
    QueryNoWords,
    #[error("not found: {0}")]
    NotFound(String),
    #[error("unknown locale {0:?}")]
    UnknownLocale(String),
    #[error("sign-in failed: {0}")]
    SignInFailed(String),
    #[error("form answers refused: {0:?}")]
    FormInvalid(Vec<citizen_protocol::forms::FieldError>),
    #[error("procedure {0} has no form or is withdrawn")]
    ProcedureUnavailable(String),
    #[error("attachment refused: {0}")]
    AttachmentRejected(String),
    #[error("attachment larger than {max_bytes} bytes")]
    AttachmentTooLarge { max_bytes: u64 },
    #[error("dossier {0} is not waiting for more information")]
    NotAwaitingAnswer(String),
    #[error("report {0} is not resolved")]
    ReportNotResolved(String),
    #[error("report {0} was resolved too long ago to reopen")]
    ReopenExpired(String),
    #[error("sign-in cancelled")]
    SignInCancelled,
    #[error("the e-ID is unavailable")]
    EidUnavailable,
    #[error("not signed in")]
    NotSignedIn,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("OS keyring: {0}")]
    Keyring(String),
    #[error("invoice {0} expired")]
    InvoiceExpired(String),
    #[error("invoice {0} is paid already")]
    InvoicePaid(String),
    #[error("dossier of invoice {0} no longer waits for payment")]
    InvoiceClosed(String),
    #[error("the hand-off code expired or was used")]
    HandOffExpired,
    #[error("the resident denied the hand-off")]
    HandOffDenied,
    #[error("only a helper may assist residents")]
    NotAHelper,
    #[error("outside this session's scope")]
    OutOfScope,
    #[error("the assisted session is over")]
    AssistEnded,
    #[error("no resident with that personal number")]
    ResidentUnknown,
    #[error("consent photo refused: {0}")]
    ConsentPhotoRejected(String),
    #[error("server URL is not HTTPS: {0}")]
    InsecureServer(String),
    #[error("a kiosk keeps no files of a resident")]
    KioskNoExport,
    #[error("payments by card or wallet are not available")]
    PaymentsUnavailable,
    #[error("receipt: {0}")]
    Receipt(#[from] crate::receipts::ReceiptError),
}

impl CoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Unreachable(_) => ErrorCode::ServerUnreachable,
            CoreError::BadResponse(_) => ErrorCode::ServerBadResponse,
            CoreError::Server { .. } => ErrorCode::ServerError,
            CoreError::Busy { .. } => ErrorCode::ServerBusy,
            CoreError::Store(_)
            | CoreError::Migrate(_)
            | CoreError::StoreCorrupt(_)
            | CoreError::StoreFailed(_)
            | CoreError::AtRest(_) => ErrorCode::StoreFailed,
            CoreError::QueryTooLong { .. } => ErrorCode::QueryTooLong,
            CoreError::QueryNoWords => ErrorCode::QueryNoWords,
            CoreError::NotFound(_) => ErrorCode::NotFound,
            CoreError::UnknownLocale(_) => ErrorCode::UnknownLocale,
            CoreError::SignInFailed(_) => ErrorCode::SignInFailed,
            CoreError::SignInCancelled => ErrorCode::SignInCancelled,
            CoreError::EidUnavailable => ErrorCode::EidUnavailable,
            CoreError::NotSignedIn => ErrorCode::NotSignedIn,
            CoreError::TooManyAttempts => ErrorCode::TooManyAttempts,
            CoreError::Keyring(_) => ErrorCode::KeyringUnavailable,
            CoreError::FormInvalid(_) => ErrorCode::FormInvalid,
            CoreError::ProcedureUnavailable(_) => ErrorCode::ProcedureUnavailable,
            CoreError::AttachmentRejected(_) => ErrorCode::AttachmentRejected,
            CoreError::AttachmentTooLarge { .. } => ErrorCode::AttachmentTooLarge,
            CoreError::NotAwaitingAnswer(_) => ErrorCode::NotAwaitingAnswer,
            CoreError::ReportNotResolved(_) => ErrorCode::ReportNotResolved,
            CoreError::ReopenExpired(_) => ErrorCode::ReopenExpired,
            CoreError::InvoiceExpired(_) => ErrorCode::InvoiceExpired,
            CoreError::InvoicePaid(_) => ErrorCode::InvoicePaid,
            CoreError::HandOffExpired => ErrorCode::HandOffExpired,
            CoreError::HandOffDenied => ErrorCode::HandOffDenied,
            CoreError::NotAHelper => ErrorCode::NotAHelper,
            CoreError::OutOfScope => ErrorCode::OutOfScope,
            CoreError::AssistEnded => ErrorCode::AssistEnded,
            CoreError::ResidentUnknown => ErrorCode::ResidentUnknown,
            CoreError::ConsentPhotoRejected(_) => ErrorCode::ConsentPhotoRejected,
            CoreError::InsecureServer(_) => ErrorCode::InsecureServer,
            CoreError::PaymentsUnavailable => ErrorCode::PaymentsUnavailable,
            CoreError::KioskNoExport => ErrorCode::Forbidden,
            CoreError::InvoiceClosed(_) => ErrorCode::InvoiceClosed,
            CoreError::Receipt(crate::receipts::ReceiptError::NotPaid) => ErrorCode::NotFound,
            CoreError::Receipt(_) => ErrorCode::Internal,
        }
    }
}

impl CoreError {
    /// The server's refusal, by the code it gave.
    pub fn refused(code: ErrorCode, message: &str) -> CoreError {
        match code {
            ErrorCode::HandOffExpired => CoreError::HandOffExpired,
            ErrorCode::HandOffDenied => CoreError::HandOffDenied,
            ErrorCode::NotAHelper => CoreError::NotAHelper,
            ErrorCode::OutOfScope => CoreError::OutOfScope,
            ErrorCode::AssistEnded => CoreError::AssistEnded,
            ErrorCode::ResidentUnknown => CoreError::ResidentUnknown,
            ErrorCode::ConsentPhotoRejected => CoreError::ConsentPhotoRejected(message.to_owned()),
            ErrorCode::NotSignedIn => CoreError::NotSignedIn,
            ErrorCode::TooManyAttempts => CoreError::TooManyAttempts,
            ErrorCode::NotFound => CoreError::NotFound(message.to_owned()),
            _ => CoreError::Server {
                status: 400,
                message: format!("{}: {message}", code.as_str()),
            },
        }
    }
}

/// How long to wait when a 429 has no `Retry-After` in seconds (RFC 9110 also allows a date,
/// which this server never sends).
const BUSY_WAIT_UNSAID: std::time::Duration = std::time::Duration::from_secs(5);

impl CoreError {
    /// `Busy` when the server answered 429 Too Many Requests, with its `Retry-After`.
    pub fn busy(response: &reqwest::Response) -> Option<CoreError> {
        if response.status() != reqwest::StatusCode::TOO_MANY_REQUESTS {
            return None;
        }
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(std::time::Duration::from_secs)
            .unwrap_or(BUSY_WAIT_UNSAID);
        Some(CoreError::Busy { retry_after })
    }
}

impl From<reqwest::Error> for CoreError {
    fn from(e: reqwest::Error) -> Self {
        // The message is logged; a URL may carry what a log must not.
        let e = e.without_url();
        if e.is_decode() || e.is_body() {
            CoreError::BadResponse(e.to_string())
        } else {
            CoreError::Unreachable(e.to_string())
        }
    }
}
