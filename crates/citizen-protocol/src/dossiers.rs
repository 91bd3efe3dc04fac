//! Dossiers ("hồ sơ"): what a resident submits for a procedure, and how it moves at the agency.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Localized;
use crate::forms::{
    check, AttachmentRef, FieldError, FieldKind, FieldProblem, FieldValue, FileType, FormValues,
    MAX_ATTACHMENT_BYTES,
};

/// `POST` a [`SubmitDossier`] here with an [`IDEMPOTENCY_KEY_HEADER`]; `GET` lists the citizen's own.
pub const DOSSIERS_PATH: &str = "/api/v1/dossiers";
/// `PUT /api/v1/attachments/{sha256}` stores a file under its hash; `HEAD` asks whether it is there.
pub const ATTACHMENTS_PATH: &str = "/api/v1/attachments";
/// The citizen's dossier change feed: `FeedPage<Dossier>`, cursor as for the catalogue.
pub const DOSSIER_FEED_PATH: &str = "/api/v1/feeds/dossiers";
/// Officers: `GET` their agency's dossiers (`?status=`); `POST {code}/moves` a [`MoveDossier`];
/// `PUT {code}/result` the result document. Authenticated with an officer token.
pub const STAFF_DOSSIERS_PATH: &str = "/api/v1/staff/dossiers";

/// The header that makes a write safe to retry (draft-ietf-httpapi-idempotency-key-header): the
/// app sends one UUIDv7 per dossier, and the server answers a repeat with the first result.
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SubmitDossier {
    pub procedure_id: String,
    pub values: FormValues,
}

/// Where a dossier is in the one-stop-shop workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum DossierStatus {
    /// Chờ thanh toán: the procedure has a fee, and the dossier goes to the agency once it is
    /// paid (the server moves it on; no officer does).
    AwaitingPayment,
    /// Tiếp nhận: the agency has it, and the due date runs.
    Received,
    /// Đang xử lý.
    Processing,
    /// Cần bổ sung: the officer asks the resident for more.
    NeedsInfo,
    /// Hoàn thành: the result is ready.
    Completed,
    /// Từ chối, with the officer's reason.
    Rejected,
}

impl DossierStatus {
    pub const ALL: [DossierStatus; 6] = [
        DossierStatus::AwaitingPayment,
        DossierStatus::Received,
        DossierStatus::Processing,
        DossierStatus::NeedsInfo,
        DossierStatus::Completed,
        DossierStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DossierStatus::AwaitingPayment => "awaiting-payment",
            DossierStatus::Received => "received",
            DossierStatus::Processing => "processing",
            DossierStatus::NeedsInfo => "needs-info",
            DossierStatus::Completed => "completed",
            DossierStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<DossierStatus> {
        DossierStatus::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// The moves an officer may make from here; completed and rejected are final. A dossier
    /// awaiting payment can only be rejected by an officer: payment moves it on, not a person.
    pub fn can_move_to(self, next: DossierStatus) -> bool {
        use DossierStatus::*;
        matches!(
            (self, next),
            (AwaitingPayment, Rejected)
                | (Received, Processing | NeedsInfo | Rejected)
                | (Processing, NeedsInfo | Completed | Rejected)
                | (NeedsInfo, Processing | Rejected)
        )
    }
}

/// One step of a dossier's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DossierEvent {
    pub status: DossierStatus,
    /// RFC 3339.
    pub at: String,
    /// The officer's words to the resident, if any; or the resident's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
    /// True for the resident's answer to "more information needed"; false for the agency's steps.
    #[serde(default)]
    pub by_resident: bool,
    /// Files the resident sent with their answer.
    #[serde(default)]
    pub attachments: Vec<AttachmentRef>,
}

/// The resident's answer to "more information needed": their words and any new files. `POST`ed
/// to [`answers_path`] with an [`IDEMPOTENCY_KEY_HEADER`]; it moves the dossier back to processing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AnswerDossier {
    pub message: String,
    #[serde(default)]
    pub attachments: Vec<AttachmentRef>,
}

/// The longest answer a resident can write, in characters.
pub const MAX_ANSWER_CHARS: usize = 2000;
/// The most files one answer carries.
pub const MAX_ANSWER_FILES: usize = 5;

impl AnswerDossier {
    /// Why this answer cannot be sent as it is, if it cannot: the rules the app applies before
    /// queuing and the server on receipt. Files are checked by type and size like a form's.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let chars = self.message.trim().chars().count();
        if chars == 0 {
            problems.push(FieldError {
                field: "message".into(),
                problem: FieldProblem::Required,
            });
        } else if chars > MAX_ANSWER_CHARS {
            problems.push(FieldError {
                field: "message".into(),
                problem: FieldProblem::TooLong {
                    max: MAX_ANSWER_CHARS as u32,
                },
            });
        }
        let files = FieldKind::File {
            accept: vec![FileType::Jpeg, FileType::Png, FileType::Pdf],
            max_bytes: MAX_ATTACHMENT_BYTES,
            max_files: MAX_ANSWER_FILES as u32,
        };
        if !self.attachments.is_empty() {
            let value = FieldValue::Files(self.attachments.clone());
            if let Err(problem) = check(&files, &value, time::Date::MIN) {
                problems.push(FieldError {
                    field: "attachments".into(),
                    problem,
                });
            }
        }
        problems
    }
}

/// Where the resident's answers to dossier `id` are posted.
pub fn answers_path(dossier_id: &str) -> String {
    format!("{DOSSIERS_PATH}/{dossier_id}/answers")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Dossier {
    pub id: String,
    /// Mã hồ sơ, what the resident quotes at a counter, e.g. `H57.HT-261123-0001`.
    pub code: String,
    pub procedure_id: String,
    pub procedure_name: Localized,
    pub agency: Localized,
    pub status: DossierStatus,
    /// RFC 3339.
    pub submitted_at: String,
    /// `YYYY-MM-DD`: the procedure's processing days, counted in working days from receipt.
    pub due_date: String,
    pub values: FormValues,
    /// Oldest first.
    pub timeline: Vec<DossierEvent>,
    /// SHA-256 of the result document the agency attached, once there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub result_sha256: Option<String>,
    /// The fee owed or paid, for a procedure with one: the current invoice (a reissued one
    /// replaces the expired one here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub invoice: Option<crate::payments::Invoice>,
}

/// An officer's move of a dossier to its next status. Asking for more information and rejecting
/// need a message: the resident must learn what to do or why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MoveDossier {
    pub to: DossierStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
}

impl DossierStatus {
    /// Whether moving here needs words for the resident.
    pub fn needs_message(self) -> bool {
        matches!(self, DossierStatus::NeedsInfo | DossierStatus::Rejected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_states_are_final_and_every_state_has_a_way_on() {
        for status in DossierStatus::ALL {
            let moves = DossierStatus::ALL
                .into_iter()
                .filter(|next| status.can_move_to(*next))
                .count();
            let is_final = matches!(status, DossierStatus::Completed | DossierStatus::Rejected);
            assert_eq!(moves == 0, is_final, "{status:?}");
            assert!(!status.can_move_to(status));
            assert_eq!(DossierStatus::parse(status.as_str()), Some(status));
        }
    }
}
