//! The real `citizen-server vietqr` payloads as an independent EMVCo parser reads them:
//! `vietqr-emvco` (PyPI, Python), installed by the test itself (`citizen_tests::emvco_parser`).
//! Every field the server put in must come out the same, the CRC must check, and a payload with
//! one character changed must fail the CRC, so that this check can fail.

use citizen_tests::emvco_parser::parse_with_vietqr_emvco;
use citizen_tests::workspace_binary;
use serde_json::Value;

struct Case {
    what: &'static str,
    bin: &'static str,
    account: &'static str,
    amount: Option<u64>,
    reference: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        what: "dynamic, with amount and reference",
        bin: "970415",
        account: "113366668888",
        amount: Some(135_000),
        reference: Some("H57HT2611230007L1"),
    },
    Case {
        what: "static, a counter's code",
        bin: "970436",
        account: "0071000123456",
        amount: None,
        reference: None,
    },
    Case {
        what: "static with a reference",
        bin: "970418",
        account: "21510001234567",
        amount: None,
        reference: Some("HS H57 0001"),
    },
    Case {
        what: "the longest account, 19 characters",
        bin: "970422",
        account: "1234567890123456789",
        amount: Some(50_000),
        reference: None,
    },
    Case {
        what: "an account of letters and digits",
        bin: "970407",
        account: "VQR0A1B2C3D4E5F6G7H",
        amount: Some(1),
        reference: Some("A"),
    },
    Case {
        what: "the largest amount and the longest reference",
        bin: "970405",
        account: "1500201234567",
        amount: Some(9_999_999_999_999),
        reference: Some("LE PHI HS H57HT2611230007"),
    },
    Case {
        what: "a reference with spaces",
        bin: "970415",
        account: "0011001932418",
        amount: Some(120_000),
        reference: Some("Le phi khai sinh H57 0001"),
    },
];

fn vietqr(case: &Case) -> String {
    let mut args = vec!["vietqr", "--bin", case.bin, "--account", case.account];
    let amount = case.amount.map(|a| a.to_string());
    if let Some(amount) = &amount {
        args.extend(["--amount", amount]);
    }
    if let Some(reference) = case.reference {
        args.extend(["--reference", reference]);
    }
    let output = std::process::Command::new(workspace_binary("citizen-server"))
        .args(&args)
        .env("CITIZEN_LOG", "warn")
        .output()
        .expect("citizen-server runs (built by `cargo build -p citizen-server`)");
    assert!(
        output.status.success(),
        "{}: {args:?} failed: {}",
        case.what,
        String::from_utf8_lossy(&output.stderr)
    );
    // Only the line end goes: anything else around the payload would be in it for a scanner.
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    stdout.strip_suffix('\n').unwrap_or(&stdout).to_string()
}

fn text<'a>(parsed: &'a Value, key: &str) -> &'a str {
    parsed[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {parsed}"))
}

#[test]
fn vietqr_emvco_reads_back_every_field_the_server_wrote() {
    let payloads: Vec<String> = CASES.iter().map(vietqr).collect();
    let parsed = parse_with_vietqr_emvco(&payloads);

    for ((case, payload), parsed) in CASES.iter().zip(&payloads).zip(&parsed) {
        let context = format!("{}: {payload}\nvietqr-emvco: {parsed:#}", case.what);
        assert_eq!(text(parsed, "payload_format_indicator"), "01", "{context}");
        // 12 for one payment of a set amount, 11 for a code used again and again.
        let initiation = if case.amount.is_some() { "12" } else { "11" };
        assert_eq!(
            text(parsed, "point_of_initiation_method"),
            initiation,
            "{context}"
        );
        assert_eq!(text(parsed, "napas_guid"), "A000000727", "{context}");
        assert_eq!(text(parsed, "bank_bin"), case.bin, "{context}");
        assert_eq!(text(parsed, "account_number"), case.account, "{context}");
        assert_eq!(text(parsed, "service_code"), "QRIBFTTA", "{context}");
        assert_eq!(text(parsed, "currency"), "704", "{context}");
        // vietqr-emvco returns the amount as a float (`float(tag 54)`): compare it with the
        // integer (every amount here is exact in an f64), and the tag's digits with its decimal
        // form, which no float rounding can hide.
        assert_eq!(
            parsed["amount"].as_f64(),
            case.amount.map(|a| a as f64),
            "{context}"
        );
        assert_eq!(
            parsed["raw_tags"]["54"].as_str(),
            case.amount.map(|a| a.to_string()).as_deref(),
            "{context}"
        );
        assert_eq!(text(parsed, "country_code"), "VN", "{context}");
        // The library gives "" when there is no tag 62.
        assert_eq!(
            text(parsed, "memo"),
            case.reference.unwrap_or(""),
            "{context}"
        );
        assert_eq!(text(parsed, "checksum"), &payload[payload.len() - 4..]);
        assert_eq!(parsed["crc_ok"], Value::Bool(true), "{context}");

        // The library reads by the stated lengths and stops quietly at what it cannot read: the
        // tags it found, written out again in order, must be the whole payload, nothing more.
        let raw = parsed["raw_tags"].as_object().expect("raw_tags");
        let mut tags: Vec<(&String, &str)> = raw
            .iter()
            .map(|(id, value)| (id, value.as_str().expect("a tag's value is text")))
            .collect();
        tags.sort();
        let ids: Vec<&str> = tags.iter().map(|(id, _)| id.as_str()).collect();
        let mut expected = vec!["00", "01", "38", "53"];
        if case.amount.is_some() {
            expected.push("54");
        }
        expected.push("58");
        if case.reference.is_some() {
            expected.push("62");
        }
        expected.push("63");
        assert_eq!(ids, expected, "{context}");
        let rewritten: String = tags
            .iter()
            .map(|(id, value)| format!("{id}{:02}{value}", value.len()))
            .collect();
        assert_eq!(&rewritten, payload, "{context}");
    }
}

#[test]
fn vietqr_emvco_flags_a_payload_with_one_character_changed() {
    let payload = vietqr(&CASES[0]);
    // The account's last digit, 8 → 9: still a well-formed payload, only the CRC tells.
    let at = payload
        .find("113366668888")
        .expect("the account in the payload")
        + 11;
    let mut corrupted = payload.clone();
    corrupted.replace_range(at..at + 1, "9");
    assert_ne!(corrupted, payload);

    let parsed = parse_with_vietqr_emvco(&[payload, corrupted.clone()]);
    assert_eq!(parsed[0]["crc_ok"], Value::Bool(true), "{:#}", parsed[0]);
    // It did read the changed payload, field by field; the CRC is what gives it away.
    assert_eq!(
        text(&parsed[1], "account_number"),
        "113366668889",
        "{corrupted}: {:#}",
        parsed[1]
    );
    assert_eq!(
        parsed[1]["crc_ok"],
        Value::Bool(false),
        "{corrupted}: {:#}",
        parsed[1]
    );
}
