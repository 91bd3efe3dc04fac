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
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 11] = [
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
    ];

    /// The Fluent message key for this code.
    pub fn message_key(self) -> String {
        format!("error-{}", self.as_str())
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
        }
    }
}

/// The body of every error response and every failed IPC command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
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
