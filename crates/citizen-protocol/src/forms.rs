//! The form a procedure asks a resident to fill in, and its validation.
//!
//! Forms travel with the catalogue. The same [`validate`] runs in the app's core before a dossier
//! is queued and on the server when it arrives, so a resident learns of a mistake while still
//! offline and the server never trusts the app.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Localized;

/// The fields of one procedure's form, in the order they are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Form {
    pub fields: Vec<FormField>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormField {
    /// Stable key of the answer, e.g. `child_full_name`; also the `data-testid` suffix.
    pub name: String,
    pub label: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub help: Option<Localized>,
    pub kind: FieldKind,
    pub required: bool,
    /// Filled from the signed-in resident's e-ID and not typed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub prefill: Option<Prefill>,
}

/// What a field holds, with the rules its answer must meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum FieldKind {
    Text {
        max_chars: u32,
    },
    Number {
        #[ts(type = "number")]
        min: i64,
        #[ts(type = "number")]
        max: i64,
    },
    /// An ISO date (`YYYY-MM-DD`); `past_only` refuses dates after today.
    Date {
        past_only: bool,
    },
    Choice {
        options: Vec<ChoiceOption>,
    },
    /// The 12-digit personal identification number (số định danh cá nhân, on the CCCD card).
    PersonalNumber,
    /// A Vietnamese phone number, mobile or landline.
    Phone,
    Address,
    /// Attachments: photos or scans of the documents the procedure requires.
    File {
        accept: Vec<FileType>,
        #[ts(type = "number")]
        max_bytes: u64,
        max_files: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

/// What the e-ID already knows about the resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Prefill {
    FullName,
    BirthDate,
    PersonalNumber,
    Address,
}

/// File types a form accepts; the content is checked, never only the name or the claimed type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum FileType {
    Jpeg,
    Png,
    Pdf,
}

impl FileType {
    pub const ALL: [FileType; 3] = [FileType::Jpeg, FileType::Png, FileType::Pdf];

    /// The stable wire name, as stored in databases.
    pub fn as_str(self) -> &'static str {
        match self {
            FileType::Jpeg => "jpeg",
            FileType::Png => "png",
            FileType::Pdf => "pdf",
        }
    }

    pub fn parse(s: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Pdf => "application/pdf",
        }
    }

    /// The type the bytes really are, from their signature.
    pub fn sniff(bytes: &[u8]) -> Option<FileType> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileType::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else {
            None
        }
    }
}

/// A file already in the content-addressed store, referred to by its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachmentRef {
    /// Lowercase hex SHA-256 of the content.
    pub sha256: String,
    pub file_name: String,
    pub file_type: FileType,
    #[ts(type = "number")]
    pub size: u64,
}

/// One answer: text for every kind of field but files, which are attachment references.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum FieldValue {
    Text(String),
    Files(Vec<AttachmentRef>),
}

/// A form's answers by field name.
pub type FormValues = BTreeMap<String, FieldValue>;

/// Why one answer is not accepted. The kebab-case name is the Fluent key (`form-problem-<name>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "problem",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum FieldProblem {
    Required,
    TooLong {
        max: u32,
    },
    NotANumber,
    OutOfRange {
        #[ts(type = "number")]
        min: i64,
        #[ts(type = "number")]
        max: i64,
    },
    NotADate,
    DateInFuture,
    UnknownChoice,
    BadPersonalNumber,
    BadPhone,
    FileType,
    FileTooLarge {
        #[ts(type = "number")]
        max_bytes: u64,
    },
    TooManyFiles {
        max: u32,
    },
    /// The answer is text where files were expected, or the other way round.
    WrongKind,
    /// An answer to a question the form does not ask.
    UnknownField,
    /// A position outside the province (or no position at all, as numbers go).
    OutsideProvince,
}

impl FieldProblem {
    pub fn message_key(&self) -> &'static str {
        match self {
            FieldProblem::Required => "form-problem-required",
            FieldProblem::TooLong { .. } => "form-problem-too-long",
            FieldProblem::NotANumber => "form-problem-not-a-number",
            FieldProblem::OutOfRange { .. } => "form-problem-out-of-range",
            FieldProblem::NotADate => "form-problem-not-a-date",
            FieldProblem::DateInFuture => "form-problem-date-in-future",
            FieldProblem::UnknownChoice => "form-problem-unknown-choice",
            FieldProblem::BadPersonalNumber => "form-problem-bad-personal-number",
            FieldProblem::BadPhone => "form-problem-bad-phone",
            FieldProblem::FileType => "form-problem-file-type",
            FieldProblem::FileTooLarge { .. } => "form-problem-file-too-large",
            FieldProblem::TooManyFiles { .. } => "form-problem-too-many-files",
            FieldProblem::WrongKind => "form-problem-wrong-kind",
            FieldProblem::UnknownField => "form-problem-unknown-field",
            FieldProblem::OutsideProvince => "form-problem-outside-province",
        }
    }

    /// One of each, for checking that every problem has a message in every language.
    pub fn examples() -> [FieldProblem; 15] {
        [
            FieldProblem::Required,
            FieldProblem::TooLong { max: 1 },
            FieldProblem::NotANumber,
            FieldProblem::OutOfRange { min: 0, max: 1 },
            FieldProblem::NotADate,
            FieldProblem::DateInFuture,
            FieldProblem::UnknownChoice,
            FieldProblem::BadPersonalNumber,
            FieldProblem::BadPhone,
            FieldProblem::FileType,
            FieldProblem::FileTooLarge { max_bytes: 1 },
            FieldProblem::TooManyFiles { max: 1 },
            FieldProblem::WrongKind,
            FieldProblem::UnknownField,
            FieldProblem::OutsideProvince,
        ]
    }
}

/// A problem with the answer to one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub problem: FieldProblem,
}

/// The largest attachment a dossier may carry, on the device and at the server alike: a phone
/// photo after the app's downscaling is far smaller; a scanned multi-page PDF fits.
pub const MAX_ATTACHMENT_BYTES: u64 = 10 * 1024 * 1024;
/// The largest file the app reads to attach (the UI refuses bigger ones before reading them): a
/// camera photo this big still downscales well under [`MAX_ATTACHMENT_BYTES`].
pub const MAX_ATTACHMENT_INPUT_BYTES: u64 = 50 * 1024 * 1024;

/// Today's date where the forms are filled in: Vietnam keeps one time zone, UTC+7, with no
/// daylight saving. `validate` compares `pastOnly` dates with it, in the app and at the server.
pub fn today_in_vietnam(now: time::OffsetDateTime) -> time::Date {
    let offset = time::UtcOffset::from_hms(7, 0, 0).expect("UTC+7 is a valid offset");
    now.to_offset(offset).date()
}

/// Fills every prefilled field the e-ID has a value for with that value, over whatever was typed:
/// the app does this when a dossier is begun and the server again on receipt, so what the e-ID
/// vouched for is entered once and cannot be changed. Returns the names of the fields it filled,
/// which the form shows read-only; a field the e-ID has no value for stays the resident's to type.
pub fn apply_prefill(
    form: &Form,
    values: &mut FormValues,
    profile: &crate::auth::CitizenProfile,
) -> Vec<String> {
    let mut filled = Vec::new();
    for field in &form.fields {
        let known = match field.prefill {
            Some(Prefill::FullName) => Some(&profile.full_name),
            Some(Prefill::PersonalNumber) => Some(&profile.personal_id_number),
            Some(Prefill::BirthDate) => profile.birth_date.as_ref(),
            Some(Prefill::Address) => profile.address.as_ref(),
            None => None,
        };
        if let Some(known) = known.filter(|k| !k.trim().is_empty()) {
            values.insert(field.name.clone(), FieldValue::Text(known.clone()));
            filled.push(field.name.clone());
        }
    }
    filled
}

/// Checks every answer against its field; returns every problem, in form order, not just the first.
/// `today` is the local date (`YYYY-MM-DD`) that `past_only` dates are compared with.
pub fn validate(
    form: &Form,
    values: &FormValues,
    today: time::Date,
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    for field in &form.fields {
        let problem = match values.get(&field.name) {
            None => field.required.then_some(FieldProblem::Required),
            Some(value) if is_blank(value) => field.required.then_some(FieldProblem::Required),
            Some(value) => check(&field.kind, value, today).err(),
        };
        if let Some(problem) = problem {
            errors.push(FieldError {
                field: field.name.clone(),
                problem,
            });
        }
    }
    for name in values.keys() {
        if !form.fields.iter().any(|f| &f.name == name) {
            errors.push(FieldError {
                field: name.chars().take(64).collect(),
                problem: FieldProblem::UnknownField,
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn is_blank(value: &FieldValue) -> bool {
    match value {
        FieldValue::Text(text) => text.trim().is_empty(),
        FieldValue::Files(files) => files.is_empty(),
    }
}

pub(crate) fn check(
    kind: &FieldKind,
    value: &FieldValue,
    today: time::Date,
) -> Result<(), FieldProblem> {
    let text = match (kind, value) {
        (FieldKind::File { .. }, FieldValue::Files(files)) => return check_files(kind, files),
        (FieldKind::File { .. }, FieldValue::Text(_)) | (_, FieldValue::Files(_)) => {
            return Err(FieldProblem::WrongKind)
        }
        (_, FieldValue::Text(text)) => text.trim(),
    };
    match kind {
        FieldKind::Text { max_chars } => check_length(text, *max_chars),
        FieldKind::Address => check_length(text, ADDRESS_MAX_CHARS),
        FieldKind::Number { min, max } => {
            let n: i64 = text.parse().map_err(|_| FieldProblem::NotANumber)?;
            if (*min..=*max).contains(&n) {
                Ok(())
            } else {
                Err(FieldProblem::OutOfRange {
                    min: *min,
                    max: *max,
                })
            }
        }
        FieldKind::Date { past_only } => {
            let date = parse_date(text).ok_or(FieldProblem::NotADate)?;
            if *past_only && date > today {
                Err(FieldProblem::DateInFuture)
            } else {
                Ok(())
            }
        }
        FieldKind::Choice { options } => {
            if options.iter().any(|o| o.value == text) {
                Ok(())
            } else {
                Err(FieldProblem::UnknownChoice)
            }
        }
        FieldKind::PersonalNumber => {
            if is_personal_number(text) {
                Ok(())
            } else {
                Err(FieldProblem::BadPersonalNumber)
            }
        }
        FieldKind::Phone => {
            if is_phone(text) {
                Ok(())
            } else {
                Err(FieldProblem::BadPhone)
            }
        }
        FieldKind::File { .. } => Err(FieldProblem::WrongKind),
    }
}

const ADDRESS_MAX_CHARS: u32 = 300;

fn check_length(text: &str, max: u32) -> Result<(), FieldProblem> {
    if text.chars().count() > max as usize {
        Err(FieldProblem::TooLong { max })
    } else {
        Ok(())
    }
}

fn check_files(kind: &FieldKind, files: &[AttachmentRef]) -> Result<(), FieldProblem> {
    let FieldKind::File {
        accept,
        max_bytes,
        max_files,
    } = kind
    else {
        return Err(FieldProblem::WrongKind);
    };
    if files.len() > *max_files as usize {
        return Err(FieldProblem::TooManyFiles { max: *max_files });
    }
    for file in files {
        if !accept.contains(&file.file_type) || !is_sha256_hex(&file.sha256) {
            return Err(FieldProblem::FileType);
        }
        if file.size > *max_bytes {
            return Err(FieldProblem::FileTooLarge {
                max_bytes: *max_bytes,
            });
        }
    }
    Ok(())
}

pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn parse_date(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format).ok()
}

/// Province codes that open a personal identification number (Circular 07/2016/TT-BCA, the 63
/// provinces and cities as numbered before the 2025 merger; numbers issued keep them).
const PROVINCE_CODES: [u16; 63] = [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37,
    38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77,
    79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
];

/// Twelve digits: the province code of the birth registration (3), the century and sex (1: 0–1
/// for the 1900s, 2–3 for the 2000s), the last two digits of the birth year (2), then six.
pub fn is_personal_number(text: &str) -> bool {
    if text.len() != 12 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let province: u16 = text[..3].parse().unwrap_or(0);
    let century = text.as_bytes()[3] - b'0';
    PROVINCE_CODES.contains(&province) && century <= 3
}

/// Mobiles: ten digits, 03, 05, 07, 08 or 09 first. Landlines: eleven, 02 and the area code
/// first (Huế: 0234). "+84" may stand for the leading 0; spaces, dots and dashes are ignored.
pub fn is_phone(text: &str) -> bool {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let national = match digits.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => digits,
    };
    if !national.bytes().all(|b| b.is_ascii_digit()) || national.len() < 2 {
        return false;
    }
    match &national[..2] {
        "03" | "05" | "07" | "08" | "09" => national.len() == 10,
        "02" => national.len() == 11,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> time::Date {
        parse_date("2026-11-23").unwrap()
    }

    fn field(name: &str, kind: FieldKind, required: bool) -> FormField {
        FormField {
            name: name.into(),
            label: Localized::new(name, name),
            help: None,
            kind,
            required,
            prefill: None,
        }
    }

    fn text(s: &str) -> FieldValue {
        FieldValue::Text(s.into())
    }

    fn birth_form() -> Form {
        Form {
            fields: vec![
                field("child_name", FieldKind::Text { max_chars: 10 }, true),
                field("birth_date", FieldKind::Date { past_only: true }, true),
                field("mother_pin", FieldKind::PersonalNumber, true),
                field("phone", FieldKind::Phone, false),
                field(
                    "sex",
                    FieldKind::Choice {
                        options: vec![ChoiceOption {
                            value: "nu".into(),
                            label: Localized::new("Nữ", "Female"),
                        }],
                    },
                    true,
                ),
                field(
                    "certificate",
                    FieldKind::File {
                        accept: vec![FileType::Jpeg, FileType::Pdf],
                        max_bytes: 1000,
                        max_files: 1,
                    },
                    true,
                ),
            ],
        }
    }

    fn attachment(file_type: FileType, size: u64) -> AttachmentRef {
        AttachmentRef {
            sha256: "a".repeat(64),
            file_name: "giay-chung-sinh.jpg".into(),
            file_type,
            size,
        }
    }

    fn good_values() -> FormValues {
        FormValues::from([
            ("child_name".into(), text("Hoa")),
            ("birth_date".into(), text("2026-11-20")),
            ("mother_pin".into(), text("046192000002")),
            ("sex".into(), text("nu")),
            (
                "certificate".into(),
                FieldValue::Files(vec![attachment(FileType::Jpeg, 500)]),
            ),
        ])
    }

    fn problems(values: &FormValues) -> Vec<(String, FieldProblem)> {
        validate(&birth_form(), values, today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn the_day_turns_at_midnight_in_vietnam() {
        use time::macros::{date, datetime};
        assert_eq!(
            today_in_vietnam(datetime!(2026-11-22 17:30 UTC)),
            date!(2026 - 11 - 23)
        );
        assert_eq!(
            today_in_vietnam(datetime!(2026-11-22 16:59 UTC)),
            date!(2026 - 11 - 22)
        );
    }

    #[test]
    fn what_the_eid_knows_overrides_what_was_typed_and_the_rest_stays_typeable() {
        let mut form = birth_form();
        form.fields[0].prefill = Some(Prefill::FullName);
        form.fields[1].prefill = Some(Prefill::BirthDate);
        form.fields[2].prefill = Some(Prefill::PersonalNumber);
        let profile = crate::auth::CitizenProfile {
            id: "c1".into(),
            full_name: "Trần Thị Bình".into(),
            personal_id_number: "046192000002".into(),
            birth_date: None,
            address: None,
        };
        let mut values = good_values();
        values.insert("mother_pin".into(), text("001099000001"));
        let filled = apply_prefill(&form, &mut values, &profile);
        assert_eq!(filled, vec!["child_name", "mother_pin"]);
        assert_eq!(values["child_name"], text("Trần Thị Bình"));
        assert_eq!(values["mother_pin"], text("046192000002"));
        // The e-ID gave no birth date: the typed one stays.
        assert_eq!(values["birth_date"], text("2026-11-20"));
    }

    #[test]
    fn a_complete_form_passes() {
        assert_eq!(validate(&birth_form(), &good_values(), today()), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_in_form_order() {
        let mut values = good_values();
        values.remove("child_name");
        values.insert("birth_date".into(), text("2026-12-01"));
        values.insert("mother_pin".into(), text("046192"));
        values.insert("phone".into(), text("12345"));
        values.insert("sex".into(), text("khac"));
        values.insert("extra".into(), text("x"));
        assert_eq!(
            problems(&values),
            vec![
                ("child_name".into(), FieldProblem::Required),
                ("birth_date".into(), FieldProblem::DateInFuture),
                ("mother_pin".into(), FieldProblem::BadPersonalNumber),
                ("phone".into(), FieldProblem::BadPhone),
                ("sex".into(), FieldProblem::UnknownChoice),
                ("extra".into(), FieldProblem::UnknownField),
            ]
        );
    }

    #[test]
    fn blank_answers_count_as_missing_and_optional_blanks_pass() {
        let mut values = good_values();
        values.insert("child_name".into(), text("   "));
        values.insert("phone".into(), text(""));
        assert_eq!(
            problems(&values),
            vec![("child_name".into(), FieldProblem::Required)]
        );
    }

    #[test]
    fn dates_must_exist_on_the_calendar() {
        for bad in ["2026-02-30", "23/11/2026", "2026-13-01", "hôm qua"] {
            let mut values = good_values();
            values.insert("birth_date".into(), text(bad));
            assert_eq!(
                problems(&values),
                vec![("birth_date".into(), FieldProblem::NotADate)],
                "{bad}"
            );
        }
        let mut values = good_values();
        values.insert("birth_date".into(), text("2026-11-23"));
        assert_eq!(validate(&birth_form(), &values, today()), Ok(()));
    }

    #[test]
    fn files_are_checked_for_type_size_count_and_kind() {
        let cases = [
            (vec![attachment(FileType::Png, 10)], FieldProblem::FileType),
            (
                vec![attachment(FileType::Pdf, 1001)],
                FieldProblem::FileTooLarge { max_bytes: 1000 },
            ),
            (
                vec![attachment(FileType::Pdf, 1), attachment(FileType::Pdf, 1)],
                FieldProblem::TooManyFiles { max: 1 },
            ),
        ];
        for (files, expected) in cases {
            let mut values = good_values();
            values.insert("certificate".into(), FieldValue::Files(files));
            assert_eq!(problems(&values), vec![("certificate".into(), expected)]);
        }
        let mut values = good_values();
        values.insert("certificate".into(), text("giay-chung-sinh.jpg"));
        values.insert("child_name".into(), FieldValue::Files(vec![]));
        assert_eq!(
            problems(&values),
            vec![
                ("child_name".into(), FieldProblem::Required),
                ("certificate".into(), FieldProblem::WrongKind),
            ]
        );
    }

    #[test]
    fn personal_numbers() {
        for good in ["046085000001", "001301000004", "096200123456"] {
            assert!(is_personal_number(good), "{good}");
        }
        // Too short, letters, province 003 does not exist, century digit 9.
        for bad in [
            "04608500000",
            "04608500000A",
            "003085000001",
            "046985000001",
            "",
        ] {
            assert!(!is_personal_number(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for good in [
            "0905123456",
            "+84 905 123 456",
            "0234.3822.123",
            "091-234-5678",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "905123456",
            "0105123456",
            "09051234567",
            "090512345x",
            "+1 905 123 4567",
            "0234382212",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn content_decides_the_file_type() {
        assert_eq!(FileType::sniff(b"%PDF-1.7\n"), Some(FileType::Pdf));
        assert_eq!(
            FileType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(FileType::Jpeg)
        );
        assert_eq!(
            FileType::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(FileType::Png)
        );
        assert_eq!(FileType::sniff(b"<html>%PDF-"), None);
    }

    #[test]
    fn answers_and_problems_on_the_wire() {
        let values = good_values();
        let json = serde_json::to_value(&values).unwrap();
        assert_eq!(json["child_name"], "Hoa");
        assert_eq!(json["certificate"][0]["fileType"], "jpeg");
        assert_eq!(serde_json::from_value::<FormValues>(json).unwrap(), values);
        let error = FieldError {
            field: "x".into(),
            problem: FieldProblem::TooLong { max: 5 },
        };
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"field": "x", "problem": "too-long", "max": 5})
        );
    }
}
