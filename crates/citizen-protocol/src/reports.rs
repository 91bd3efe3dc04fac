//! Field reports ("phản ánh hiện trường"): a resident's photo, place and words about a problem in
//! the street, routed by the server to the agency that fixes it, followed until it is resolved.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Localized;
use crate::forms::{
    check, AttachmentRef, FieldError, FieldKind, FieldProblem, FieldValue, FileType,
};

/// `POST` a [`SubmitReport`] here with an `Idempotency-Key`; `{id}/rating` takes a
/// [`RateReport`], `{id}/reopen` a [`ReopenReport`], each with its own key.
pub const REPORTS_PATH: &str = "/api/v1/reports";
/// The citizen's report change feed: `FeedPage<Report>`, cursor as for the catalogue.
pub const REPORT_FEED_PATH: &str = "/api/v1/feeds/reports";
/// `GET`: the report categories ([`ReportCategory`]), public.
pub const REPORT_CATEGORIES_PATH: &str = "/api/v1/report-categories";
/// `GET ?area=&limit=`: resolved public reports, newest first ([`PublicReport`]), public.
pub const PUBLIC_REPORTS_PATH: &str = "/api/v1/public/reports";
/// Officers: `GET` their agency's reports (`?status=`); `POST {code}/moves` a [`MoveReport`].
pub const STAFF_REPORTS_PATH: &str = "/api/v1/staff/reports";
/// Officers: `PUT` an "after" photo (JPEG or PNG body); the answer names its SHA-256.
pub const STAFF_REPORT_PHOTOS_PATH: &str = "/api/v1/staff/report-photos";

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
pub const MAX_ADDRESS_CHARS: usize = 300;
pub const MAX_REPORT_PHOTOS: usize = 5;
/// A photo as the server takes it: downscaled on the device, so far under a form's file limit.
pub const MAX_REPORT_PHOTO_BYTES: u64 = 5 * 1024 * 1024;
/// How long after it was resolved the resident may reopen a report.
pub const REOPEN_DAYS: i64 = 7;

/// The province's bounding box (Huế): a first, offline check of a position on the device. The
/// server decides with the administrative boundaries themselves.
pub const PROVINCE_BOUNDS: Bounds = Bounds {
    south: 15.95,
    west: 107.0,
    north: 16.8,
    east: 108.25,
};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Bounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Bounds {
    pub fn contains(&self, p: GeoPoint) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lon)
    }
}

/// WGS 84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

/// A kind of problem (giao thông, chiếu sáng, …): what routes a report and sets its due time.
/// Its `code` is also the Open311 `service_code`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportCategory {
    pub code: String,
    pub name: Localized,
    pub description: Localized,
    /// How long the responsible agency has, from receipt.
    pub due_hours: u32,
}

/// What a resident sends. Photos are uploaded first (`PUT /api/v1/attachments/{sha256}`), as
/// for a dossier. A position, or an address the officers can find, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SubmitReport {
    pub category: String,
    pub title: String,
    pub description: String,
    pub photos: Vec<AttachmentRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<GeoPoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub address: Option<String>,
    /// The resident agrees that the report (never who sent it) is shown in the public feed.
    pub public: bool,
}

impl SubmitReport {
    /// Why this report cannot be sent as it is: the rules the app applies before queuing and the
    /// server on receipt. Whether the category exists and the point lies in the province are
    /// the server's to say exactly; the app checks the province's box.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, problem| {
            problems.push(FieldError {
                field: field.into(),
                problem,
            })
        };
        if self.category.trim().is_empty() {
            problem("category", FieldProblem::Required);
        }
        for (field, text, max, required) in [
            ("title", self.title.as_str(), MAX_TITLE_CHARS, true),
            (
                "description",
                &self.description,
                MAX_DESCRIPTION_CHARS,
                true,
            ),
            (
                "address",
                self.address.as_deref().unwrap_or(""),
                MAX_ADDRESS_CHARS,
                false,
            ),
        ] {
            let chars = text.trim().chars().count();
            if chars == 0 && required {
                problem(field, FieldProblem::Required);
            } else if chars > max {
                problem(field, FieldProblem::TooLong { max: max as u32 });
            }
        }
        let photos = FieldKind::File {
            accept: vec![FileType::Jpeg, FileType::Png],
            max_bytes: MAX_REPORT_PHOTO_BYTES,
            max_files: MAX_REPORT_PHOTOS as u32,
        };
        if self.photos.is_empty() {
            problem("photos", FieldProblem::Required);
        } else if let Err(p) = check(
            &photos,
            &FieldValue::Files(self.photos.clone()),
            time::Date::MIN,
        ) {
            problem("photos", p);
        }
        let has_address = self
            .address
            .as_deref()
            .is_some_and(|a| !a.trim().is_empty());
        match self.location {
            None if !has_address => problem("location", FieldProblem::Required),
            None => {}
            Some(p) if !(p.lat.is_finite() && p.lon.is_finite()) => {
                problem("location", FieldProblem::OutsideProvince)
            }
            Some(p) if !PROVINCE_BOUNDS.contains(p) => {
                problem("location", FieldProblem::OutsideProvince)
            }
            Some(_) => {}
        }
        problems
    }
}

/// Where a report is at the agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ReportStatus {
    /// Tiếp nhận: routed to an agency, the due time runs.
    Received,
    /// Đã chuyển xử lý: the agency has taken it and given it to a team.
    Assigned,
    /// Đang xử lý.
    InProgress,
    /// Đã xử lý, with the agency's answer (and an "after" photo).
    Resolved,
    /// Từ chối, with the reason.
    Rejected,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 5] = [
        ReportStatus::Received,
        ReportStatus::Assigned,
        ReportStatus::InProgress,
        ReportStatus::Resolved,
        ReportStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Received => "received",
            ReportStatus::Assigned => "assigned",
            ReportStatus::InProgress => "in-progress",
            ReportStatus::Resolved => "resolved",
            ReportStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<ReportStatus> {
        ReportStatus::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The moves an officer may make; resolved and rejected are final for them (a resident's
    /// reopening moves a resolved report back to in progress).
    pub fn can_move_to(self, next: ReportStatus) -> bool {
        use ReportStatus::*;
        matches!(
            (self, next),
            (Received, Assigned | InProgress | Rejected)
                | (Assigned, InProgress | Resolved | Rejected)
                | (InProgress, Resolved | Rejected)
        )
    }

    /// Resolving needs the agency's answer, rejecting its reason.
    pub fn needs_message(self) -> bool {
        matches!(self, ReportStatus::Resolved | ReportStatus::Rejected)
    }

    /// Open311's two states.
    pub fn is_open(self) -> bool {
        !matches!(self, ReportStatus::Resolved | ReportStatus::Rejected)
    }
}

/// One step of a report's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReportEvent {
    pub status: ReportStatus,
    /// RFC 3339.
    pub at: String,
    /// The agency's answer or reason; or the resident's words when they reopen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
    #[serde(default)]
    pub by_resident: bool,
    /// The "after" photo the agency attached on resolving, by its SHA-256.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub photo_sha256: Option<String>,
}

/// A report as its resident sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Report {
    pub id: String,
    /// Mã phản ánh, e.g. `PA-261123-0001`.
    pub code: String,
    pub category: String,
    pub category_name: Localized,
    pub title: String,
    pub description: String,
    pub photos: Vec<AttachmentRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<GeoPoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub address: Option<String>,
    pub public: bool,
    /// The ward or commune the location lies in, when there is a location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub area: Option<Localized>,
    pub agency: Localized,
    pub status: ReportStatus,
    /// RFC 3339.
    pub submitted_at: String,
    /// RFC 3339: receipt plus the category's hours.
    pub due_at: String,
    /// Oldest first.
    pub timeline: Vec<ReportEvent>,
    /// The resident's rating of the resolution, 1–5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rating: Option<u8>,
    /// RFC 3339: until when the resident may reopen it (resolved reports only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reopen_until: Option<String>,
}

/// A resolved report as anyone may see it: what, where, what was done; never who reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PublicReport {
    pub code: String,
    pub category: String,
    pub category_name: Localized,
    pub title: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<GeoPoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub area: Option<Localized>,
    pub agency: Localized,
    pub status: ReportStatus,
    /// RFC 3339.
    pub submitted_at: String,
    /// RFC 3339.
    pub resolved_at: String,
    /// The agency's answer.
    pub answer: String,
}

/// An officer's move of a report. Resolving and rejecting need a message; resolving may carry
/// the "after" photo, uploaded first by its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MoveReport {
    pub to: ReportStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub photo_sha256: Option<String>,
}

/// The resident's rating of a resolved report, 1–5; a later rating replaces an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RateReport {
    pub stars: u8,
}

/// The resident says a resolved report is not resolved: within [`REOPEN_DAYS`], with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReopenReport {
    pub message: String,
}

impl RateReport {
    pub fn problems(&self) -> Vec<FieldError> {
        if (1..=5).contains(&self.stars) {
            return Vec::new();
        }
        vec![FieldError {
            field: "stars".into(),
            problem: FieldProblem::OutOfRange { min: 1, max: 5 },
        }]
    }
}

impl ReopenReport {
    pub fn problems(&self) -> Vec<FieldError> {
        let chars = self.message.trim().chars().count();
        let problem = if chars == 0 {
            FieldProblem::Required
        } else if chars > MAX_DESCRIPTION_CHARS {
            FieldProblem::TooLong {
                max: MAX_DESCRIPTION_CHARS as u32,
            }
        } else {
            return Vec::new();
        };
        vec![FieldError {
            field: "message".into(),
            problem,
        }]
    }
}

pub fn rating_path(report_id: &str) -> String {
    format!("{REPORTS_PATH}/{report_id}/rating")
}

pub fn reopen_path(report_id: &str) -> String {
    format!("{REPORTS_PATH}/{report_id}/reopen")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo() -> AttachmentRef {
        AttachmentRef {
            sha256: "a".repeat(64),
            file_name: "den-hong.jpg".into(),
            file_type: FileType::Jpeg,
            size: 300_000,
        }
    }

    fn report() -> SubmitReport {
        SubmitReport {
            category: "chieu-sang".into(),
            title: "Đèn đường hỏng".into(),
            description: "Đèn trước nhà số 12 Lê Lợi không sáng ba đêm nay.".into(),
            photos: vec![photo()],
            location: Some(GeoPoint {
                lat: 16.4637,
                lon: 107.5909,
            }),
            address: None,
            public: true,
        }
    }

    fn fields(r: &SubmitReport) -> Vec<(String, FieldProblem)> {
        r.problems()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn a_complete_report_has_no_problem_and_an_address_can_stand_for_a_position() {
        assert_eq!(fields(&report()), vec![]);
        let typed = SubmitReport {
            location: None,
            address: Some("12 Lê Lợi, phường Vĩnh Ninh".into()),
            ..report()
        };
        assert_eq!(fields(&typed), vec![]);
    }

    #[test]
    fn each_bad_part_is_named() {
        let nowhere = SubmitReport {
            location: None,
            address: Some("   ".into()),
            ..report()
        };
        assert_eq!(
            fields(&nowhere),
            vec![("location".into(), FieldProblem::Required)]
        );
        let hanoi = SubmitReport {
            location: Some(GeoPoint {
                lat: 21.0285,
                lon: 105.8542,
            }),
            ..report()
        };
        assert_eq!(
            fields(&hanoi),
            vec![("location".into(), FieldProblem::OutsideProvince)]
        );
        let nan = SubmitReport {
            location: Some(GeoPoint {
                lat: f64::NAN,
                lon: 107.6,
            }),
            ..report()
        };
        assert_eq!(fields(&nan)[0].1, FieldProblem::OutsideProvince);
        let fifty = SubmitReport {
            photos: vec![photo(); 50],
            ..report()
        };
        assert_eq!(
            fields(&fifty),
            vec![("photos".into(), FieldProblem::TooManyFiles { max: 5 })]
        );
        let pdf = SubmitReport {
            photos: vec![AttachmentRef {
                file_type: FileType::Pdf,
                ..photo()
            }],
            ..report()
        };
        assert_eq!(
            fields(&pdf),
            vec![("photos".into(), FieldProblem::FileType)]
        );
        let empty = SubmitReport {
            category: String::new(),
            title: " ".into(),
            description: "x".repeat(MAX_DESCRIPTION_CHARS + 1),
            photos: vec![],
            ..report()
        };
        assert_eq!(
            fields(&empty),
            vec![
                ("category".into(), FieldProblem::Required),
                ("title".into(), FieldProblem::Required),
                (
                    "description".into(),
                    FieldProblem::TooLong {
                        max: MAX_DESCRIPTION_CHARS as u32
                    }
                ),
                ("photos".into(), FieldProblem::Required),
            ]
        );
    }

    #[test]
    fn officers_move_forward_only_and_final_states_are_final() {
        use ReportStatus::*;
        for status in ReportStatus::ALL {
            assert_eq!(ReportStatus::parse(status.as_str()), Some(status));
            assert!(!status.can_move_to(status));
            let moves = ReportStatus::ALL
                .into_iter()
                .filter(|n| status.can_move_to(*n))
                .count();
            assert_eq!(moves == 0, !status.is_open(), "{status:?}");
        }
        assert!(!InProgress.can_move_to(Received));
        assert!(RateReport { stars: 0 }.problems().len() == 1);
        assert!(RateReport { stars: 5 }.problems().is_empty());
        assert!(RateReport { stars: 6 }.problems().len() == 1);
    }
}
