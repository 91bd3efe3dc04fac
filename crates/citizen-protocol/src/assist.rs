//! Kiosk hand-off and assisted sessions on the wire: what a helper's app asks of the server, what
//! a resident reads in their audit log, and what the shell hands the UI to show a hand-off code.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::DeviceAuthorization;

/// POST (a helper's own token): start assisting a resident; answers [`AssistStarted`].
/// GET: the sessions this helper ran, never the residents' data.
pub const ASSIST_SESSIONS_PATH: &str = "/api/v1/assist/sessions";
/// The signed-in citizen's audit log: what was done in their name by a helper, and what was
/// refused.
pub const AUDIT_LOG_PATH: &str = "/api/v1/me/audit";
/// Header of the consent-photo upload: the resident's 12-digit personal number (a header, not
/// the URL, which proxies and error messages repeat).
pub const PERSONAL_NUMBER_HEADER: &str = "x-personal-id-number";

/// PUT the photo of a signed consent form (JPEG or PNG bytes), for a resident without a phone;
/// their personal number in [`PERSONAL_NUMBER_HEADER`].
pub fn consent_photo_path(session_id: &str) -> String {
    format!("{ASSIST_SESSIONS_PATH}/{session_id}/consent-photo")
}

/// POST: end an assisted session now (the helper's or the delegated token).
pub fn assist_end_path(session_id: &str) -> String {
    format!("{ASSIST_SESSIONS_PATH}/{session_id}/end")
}

/// A started assisted session: the hand-off the resident approves on their phone (RFC 8628), or
/// the consent photo the helper uploads instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistStarted {
    pub session_id: String,
    pub device: DeviceAuthorization,
    /// How long the delegated session may last once consented, in seconds.
    pub session_limit: u64,
}

/// A QR hand-off code on the screen: a kiosk's sign-in, or a helper waiting for consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HandOff {
    /// As the resident types it: `BCDF-GHJK`.
    pub user_code: String,
    /// Where to type it.
    pub verification_uri: String,
    /// The QR code of `verification_uri` with the code, as SVG drawn on the device.
    pub qr_svg: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// What was done, as a resident reads it in their audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum AuditAction {
    SessionStarted,
    SessionEnded,
    ProfileRead,
    DossiersRead,
    DossierSubmitted,
    DossierAnswered,
    AttachmentSent,
    ReportsRead,
    ReportSubmitted,
    PaymentsRead,
    /// Anything else reached with the delegated token (its route is in the server's log).
    Other,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SessionStarted => "session-started",
            AuditAction::SessionEnded => "session-ended",
            AuditAction::ProfileRead => "profile-read",
            AuditAction::DossiersRead => "dossiers-read",
            AuditAction::DossierSubmitted => "dossier-submitted",
            AuditAction::DossierAnswered => "dossier-answered",
            AuditAction::AttachmentSent => "attachment-sent",
            AuditAction::ReportsRead => "reports-read",
            AuditAction::ReportSubmitted => "report-submitted",
            AuditAction::PaymentsRead => "payments-read",
            AuditAction::Other => "other",
        }
    }

    pub fn parse(s: &str) -> AuditAction {
        ALL_ACTIONS
            .into_iter()
            .find(|a| a.as_str() == s)
            .unwrap_or(AuditAction::Other)
    }

    /// What a request is, by its method and route pattern (never its values).
    pub fn of_request(method: &str, route: &str) -> AuditAction {
        use crate::{dossiers, reports};
        let writes = method != "GET" && method != "HEAD";
        match route {
            crate::auth::ME_PATH => AuditAction::ProfileRead,
            r if r.starts_with(ASSIST_SESSIONS_PATH) && r.ends_with("/end") => {
                AuditAction::SessionEnded
            }
            r if r == dossiers::DOSSIERS_PATH && writes => AuditAction::DossierSubmitted,
            r if r == dossiers::DOSSIERS_PATH || r == dossiers::DOSSIER_FEED_PATH => {
                AuditAction::DossiersRead
            }
            r if r.starts_with(dossiers::DOSSIERS_PATH) && r.ends_with("/answers") => {
                AuditAction::DossierAnswered
            }
            r if r.starts_with(dossiers::ATTACHMENTS_PATH) => AuditAction::AttachmentSent,
            r if r == reports::REPORTS_PATH && writes => AuditAction::ReportSubmitted,
            r if r.starts_with(reports::REPORTS_PATH) || r == reports::REPORT_FEED_PATH => {
                AuditAction::ReportsRead
            }
            r if r.starts_with(crate::payments::INVOICES_PATH) => AuditAction::PaymentsRead,
            _ => AuditAction::Other,
        }
    }
}

const ALL_ACTIONS: [AuditAction; 11] = [
    AuditAction::SessionStarted,
    AuditAction::SessionEnded,
    AuditAction::ProfileRead,
    AuditAction::DossiersRead,
    AuditAction::DossierSubmitted,
    AuditAction::DossierAnswered,
    AuditAction::AttachmentSent,
    AuditAction::ReportsRead,
    AuditAction::ReportSubmitted,
    AuditAction::PaymentsRead,
    AuditAction::Other,
];

/// Whether it was let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum AuditOutcome {
    Done,
    /// Outside what a delegated session may do (payments, the account, other helpers).
    RefusedScope,
    /// The session had ended (time limit, ended by someone, revoked).
    RefusedEnded,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Done => "done",
            AuditOutcome::RefusedScope => "refused-scope",
            AuditOutcome::RefusedEnded => "refused-ended",
        }
    }

    pub fn parse(s: &str) -> AuditOutcome {
        match s {
            "refused-scope" => AuditOutcome::RefusedScope,
            "refused-ended" => AuditOutcome::RefusedEnded,
            _ => AuditOutcome::Done,
        }
    }
}

/// One line of a resident's audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The helper who acted, by name; none when the resident acted alone.
    pub actor_name: Option<String>,
    /// The helper's community team.
    pub actor_team: Option<String>,
    pub action: AuditAction,
    pub outcome: AuditOutcome,
}

/// One session a helper ran, as the helper's own list shows it: when, how consented, how much
/// was done; never who the resident was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HelperSession {
    pub id: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    /// `phone` or `photo`; none while waiting.
    pub consent: Option<String>,
    #[ts(type = "number")]
    pub actions: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_outcomes_read_back_what_they_write() {
        for a in ALL_ACTIONS {
            assert_eq!(AuditAction::parse(a.as_str()), a);
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
        }
        for o in [
            AuditOutcome::Done,
            AuditOutcome::RefusedScope,
            AuditOutcome::RefusedEnded,
        ] {
            assert_eq!(AuditOutcome::parse(o.as_str()), o);
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
        }
    }

    #[test]
    fn requests_are_named_by_route_pattern() {
        assert_eq!(
            AuditAction::of_request("POST", "/api/v1/dossiers"),
            AuditAction::DossierSubmitted
        );
        assert_eq!(
            AuditAction::of_request("GET", "/api/v1/feeds/dossiers"),
            AuditAction::DossiersRead
        );
        assert_eq!(
            AuditAction::of_request("PUT", "/api/v1/attachments/{sha256}"),
            AuditAction::AttachmentSent
        );
        assert_eq!(
            AuditAction::of_request("POST", "/api/v1/reports"),
            AuditAction::ReportSubmitted
        );
        assert_eq!(
            AuditAction::of_request("POST", "/api/v1/invoices/{reference}/gateway"),
            AuditAction::PaymentsRead
        );
        assert_eq!(
            AuditAction::of_request("GET", "/elsewhere"),
            AuditAction::Other
        );
    }
}
