//! Form validation: `citizen_protocol::forms::validate`, which the app runs before it queues a
//! dossier and the server runs on receipt, after `apply_prefill`.
//!
//! Two kinds of input: an arbitrary form with arbitrary answers, and a JSON body parsed as the
//! server parses `POST /api/v1/dossiers` against one of the demo catalogue's real forms. Either
//! way the answers are checked against what each field kind allows, written from the forms' rules
//! (docs/fuzzing.md), so that validation never accepts an answer its form forbids.

#![no_main]

use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use citizen_protocol::auth::CitizenProfile;
use citizen_protocol::catalog::Localized;
use citizen_protocol::dossiers::SubmitDossier;
use citizen_protocol::forms::{
    apply_prefill, validate, AttachmentRef, ChoiceOption, FieldKind, FieldProblem, FieldValue,
    FileType, Form, FormField, FormValues, Prefill,
};
use libfuzzer_sys::fuzz_target;

/// The input's first byte: even, an arbitrary form and answers (`arbitrary`) follow; odd, the
/// next byte picks a real form and the rest is the JSON body of `POST /api/v1/dossiers` (the seeds
/// in `fuzz/corpus/form_validation` are such bodies), answered for the demo's resident.
enum Input<'a> {
    Arbitrary(
        FuzzForm,
        Vec<(u8, Answer)>,
        Vec<(String, Answer)>,
        FuzzProfile,
    ),
    Json(u8, &'a [u8], FuzzProfile),
}

impl<'a> Input<'a> {
    fn parse(data: &'a [u8]) -> Option<Input<'a>> {
        let (&mode, rest) = data.split_first()?;
        if mode % 2 == 0 {
            let (form, answers, extra, profile) =
                Arbitrary::arbitrary_take_rest(Unstructured::new(rest)).ok()?;
            return Some(Input::Arbitrary(form, answers, extra, profile));
        }
        let (&which, body) = rest.split_first()?;
        let demo = FuzzProfile {
            full_name: "Nguyễn Văn An".into(),
            personal_id_number: "046085000001".into(),
            birth_date: Some("1985-04-12".into()),
            address: Some("12 Lê Lợi, phường Thuận Hóa, Huế".into()),
        };
        Some(Input::Json(which, body, demo))
    }
}

#[derive(Arbitrary, Debug)]
struct FuzzForm(Vec<FuzzField>);

#[derive(Arbitrary, Debug)]
struct FuzzField {
    name: String,
    kind: FuzzKind,
    required: bool,
    prefill: Option<u8>,
}

#[derive(Arbitrary, Debug)]
enum FuzzKind {
    Text(u16),
    Number(i64, i64),
    Date(bool),
    Choice(Vec<String>),
    PersonalNumber,
    Phone,
    Address,
    File(Vec<u8>, u64, u8),
}

/// Answers shaped like what each kind expects, so that the fuzzer reaches acceptance often.
#[derive(Arbitrary, Debug)]
enum Answer {
    Text(String),
    Padded(String, u8),
    Number(i64),
    Date(i32, u8, u8),
    Digits(u64, u8),
    Files(Vec<(u8, u64, bool, String)>),
}

#[derive(Arbitrary, Debug)]
struct FuzzProfile {
    full_name: String,
    personal_id_number: String,
    birth_date: Option<String>,
    address: Option<String>,
}

fn file_type(b: u8) -> FileType {
    FileType::ALL[usize::from(b) % FileType::ALL.len()]
}

impl FuzzKind {
    fn real(&self) -> FieldKind {
        match self {
            FuzzKind::Text(max) => FieldKind::Text {
                max_chars: u32::from(*max),
            },
            FuzzKind::Number(min, max) => FieldKind::Number {
                min: *min,
                max: *max,
            },
            FuzzKind::Date(past_only) => FieldKind::Date {
                past_only: *past_only,
            },
            FuzzKind::Choice(values) => FieldKind::Choice {
                options: values
                    .iter()
                    .map(|v| ChoiceOption {
                        value: v.clone(),
                        label: Localized::new(v.as_str(), v.as_str()),
                    })
                    .collect(),
            },
            FuzzKind::PersonalNumber => FieldKind::PersonalNumber,
            FuzzKind::Phone => FieldKind::Phone,
            FuzzKind::Address => FieldKind::Address,
            FuzzKind::File(accept, max_bytes, max_files) => FieldKind::File {
                accept: accept.iter().map(|b| file_type(*b)).collect(),
                max_bytes: *max_bytes,
                max_files: u32::from(*max_files),
            },
        }
    }
}

impl Answer {
    /// An answer, borrowing a choice's value when the field has choices.
    fn real(&self, kind: &FieldKind) -> FieldValue {
        match self {
            Answer::Text(text) => FieldValue::Text(text.clone()),
            Answer::Padded(pad, index) => {
                let inner = match kind {
                    FieldKind::Choice { options } if !options.is_empty() => {
                        options[usize::from(*index) % options.len()].value.clone()
                    }
                    _ => pad.clone(),
                };
                FieldValue::Text(format!(
                    "{}{inner}{}",
                    " ".repeat(usize::from(index % 3)),
                    " ".repeat(usize::from(index / 85))
                ))
            }
            Answer::Number(n) => FieldValue::Text(n.to_string()),
            Answer::Date(year, month, day) => {
                FieldValue::Text(format!("{year:04}-{month:02}-{day:02}"))
            }
            Answer::Digits(n, prefix) => FieldValue::Text(match prefix % 4 {
                0 => format!("{n:012}"),
                1 => format!("0{}", n % 10_000_000_000),
                2 => format!("+84 {}", n % 1_000_000_000),
                _ => format!("{n}"),
            }),
            Answer::Files(files) => FieldValue::Files(
                files
                    .iter()
                    .map(|(t, size, good_hash, name)| AttachmentRef {
                        sha256: if *good_hash {
                            format!("{:064x}", size)
                        } else {
                            name.clone()
                        },
                        file_name: name.clone(),
                        file_type: file_type(*t),
                        size: *size,
                    })
                    .collect(),
            ),
        }
    }
}

fn profile(p: FuzzProfile) -> CitizenProfile {
    CitizenProfile {
        id: "c1".into(),
        full_name: p.full_name,
        personal_id_number: p.personal_id_number,
        birth_date: p.birth_date,
        address: p.address,
    }
}

/// The demo catalogue's forms, the ones residents really fill in.
fn real_forms() -> &'static [Form] {
    static FORMS: OnceLock<Vec<Form>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms: Vec<Form> = citizen_server::catalog::taxonomy::demo_catalog()
            .into_iter()
            .filter_map(|p| p.form)
            .collect();
        forms.dedup();
        forms
    })
}

fn today() -> time::Date {
    time::macros::date!(2026 - 11 - 23)
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::parse(data) else {
        return;
    };
    let (form, mut values, profile) = match input {
        Input::Arbitrary(form, answers, extra, p) => {
            let form = Form {
                fields: form
                    .0
                    .iter()
                    .map(|f| FormField {
                        name: f.name.clone(),
                        label: Localized::new("nhãn", "label"),
                        help: None,
                        kind: f.kind.real(),
                        required: f.required,
                        prefill: f.prefill.and_then(|b| {
                            [
                                Prefill::FullName,
                                Prefill::BirthDate,
                                Prefill::PersonalNumber,
                                Prefill::Address,
                            ]
                            .get(usize::from(b % 5))
                            .copied()
                        }),
                    })
                    .collect(),
            };
            let mut values = FormValues::new();
            for (index, answer) in answers {
                if form.fields.is_empty() {
                    break;
                }
                let field = &form.fields[usize::from(index) % form.fields.len()];
                values.insert(field.name.clone(), answer.real(&field.kind));
            }
            for (name, answer) in extra {
                values.insert(name, answer.real(&FieldKind::Address));
            }
            (form, values, profile(p))
        }
        Input::Json(which, body, p) => {
            // As the server reads the body of `POST /api/v1/dossiers`.
            let Ok(request) = serde_json::from_slice::<SubmitDossier>(body) else {
                return;
            };
            let forms = real_forms();
            let form = forms[usize::from(which) % forms.len()].clone();
            (form, request.values, profile(p))
        }
    };

    // The form and the answers travel as JSON (catalogue feed, outbox): what is checked on the
    // device is what the server checks.
    let form_again: Form =
        serde_json::from_str(&serde_json::to_string(&form).unwrap()).expect("a form round-trips");
    assert_eq!(form_again, form);
    let values_again: FormValues =
        serde_json::from_str(&serde_json::to_string(&values).unwrap()).expect("answers round-trip");
    assert_eq!(values_again, values);

    let filled = apply_prefill(&form, &mut values, &profile);
    for name in &filled {
        assert!(form
            .fields
            .iter()
            .any(|f| &f.name == name && f.prefill.is_some()));
    }

    let verdict = validate(&form, &values, today());
    assert_eq!(verdict, validate(&form_again, &values, today()));
    match verdict {
        Ok(()) => {
            for field in &form.fields {
                allowed(field, values.get(&field.name));
            }
            for name in values.keys() {
                assert!(
                    form.fields.iter().any(|f| &f.name == name),
                    "an answer to a question the form does not ask was accepted: {name:?}"
                );
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for error in &errors {
                if error.problem == FieldProblem::UnknownField {
                    assert!(error.field.chars().count() <= 64);
                    assert!(!form.fields.iter().any(|f| f.name == error.field));
                } else {
                    assert!(
                        form.fields.iter().any(|f| f.name == error.field),
                        "a problem with a field the form does not have: {error:?}"
                    );
                }
                assert!(!error.problem.message_key().is_empty());
            }
        }
    }
});

/// What the form's rules allow for one field, restated from their definitions rather than from
/// `validate`: an accepted answer must pass every one.
fn allowed(field: &FormField, value: Option<&FieldValue>) {
    let blank = match value {
        None => true,
        Some(FieldValue::Text(t)) => t.trim().is_empty(),
        Some(FieldValue::Files(f)) => f.is_empty(),
    };
    if blank {
        assert!(
            !field.required,
            "required field {:?} accepted blank",
            field.name
        );
        return;
    }
    let value = value.unwrap();
    match (&field.kind, value) {
        (
            FieldKind::File {
                accept,
                max_bytes,
                max_files,
            },
            FieldValue::Files(files),
        ) => {
            assert!(files.len() <= *max_files as usize);
            for f in files {
                assert!(accept.contains(&f.file_type));
                assert!(f.size <= *max_bytes);
                assert_eq!(f.sha256.len(), 64);
                assert!(f
                    .sha256
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
            }
        }
        (FieldKind::File { .. }, FieldValue::Text(t)) => {
            panic!("text {t:?} accepted where files were expected")
        }
        (_, FieldValue::Files(_)) => panic!("files accepted where text was expected"),
        (kind, FieldValue::Text(text)) => {
            let text = text.trim();
            match kind {
                FieldKind::Text { max_chars } => {
                    assert!(text.chars().count() <= *max_chars as usize)
                }
                FieldKind::Address => assert!(text.chars().count() <= 300),
                FieldKind::Number { min, max } => {
                    let n: i64 = text.parse().expect("an accepted number parses");
                    assert!(*min <= n && n <= *max);
                }
                FieldKind::Date { past_only } => {
                    let parts: Vec<&str> = text.split('-').collect();
                    assert_eq!(parts.len(), 3, "{text:?}");
                    assert!(parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())));
                    assert_eq!((parts[0].len(), parts[1].len(), parts[2].len()), (4, 2, 2));
                    let date = time::Date::from_calendar_date(
                        parts[0].parse().unwrap(),
                        time::Month::try_from(parts[1].parse::<u8>().unwrap()).unwrap(),
                        parts[2].parse().unwrap(),
                    )
                    .expect("an accepted date exists");
                    if *past_only {
                        assert!(date <= today());
                    }
                }
                FieldKind::Choice { options } => {
                    assert!(options.iter().any(|o| o.value == text), "{text:?}")
                }
                FieldKind::PersonalNumber => {
                    assert_eq!(text.len(), 12);
                    assert!(text.bytes().all(|b| b.is_ascii_digit()));
                }
                FieldKind::Phone => {
                    let digits: String = text
                        .chars()
                        .filter(|c| !matches!(c, ' ' | '.' | '-'))
                        .collect();
                    let national = digits
                        .strip_prefix("+84")
                        .map(|rest| format!("0{rest}"))
                        .unwrap_or(digits);
                    assert!(national.starts_with('0'));
                    assert!(national.bytes().all(|b| b.is_ascii_digit()));
                    assert!(matches!(national.len(), 10 | 11), "{text:?}");
                }
                FieldKind::File { .. } => unreachable!(),
            }
        }
    }
}
