//! Payment notifications: the gateway's IPN (a query string, read by axum's `Query` as the route
//! does, then `payments::gateway::read_ipn`) and the bank's transfer notification (a form body,
//! read by axum's `Form`, then `payments::bank::read_notification`), both HMAC-SHA512 over the
//! sorted parameters. The harness plays the gateway and the bank: it signs with
//! `payments::signing::sign`, then may add empty parameters (which the signature leaves out, as
//! VNPay's does), tamper with a value, or append raw bytes.
//!
//! Properties: a correctly signed notification verifies; a tampered one never does; what a
//! verified notification says comes from what was signed — empty parameters, which anyone may add
//! without breaking the signature, never change the outcome; amounts are positive and whole đồng.

#![no_main]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use axum::extract::{Form, FromRequest, Query};
use citizen_server::payments::bank::{self, read_notification};
use citizen_server::payments::gateway::{self, read_ipn, GatewayConfig};
use citizen_server::payments::signing;
use libfuzzer_sys::fuzz_target;

const SECRET: &str = "fuzz-secret";
const TMN: &str = "CDSHUE01";

const GATEWAY_NAMES: [&str; 12] = [
    "vnp_Amount",
    "vnp_TxnRef",
    "vnp_TransactionNo",
    "vnp_ResponseCode",
    "vnp_TransactionStatus",
    "vnp_TmnCode",
    "vnp_CurrCode",
    "vnp_PayDate",
    "vnp_BankCode",
    "vnp_OrderInfo",
    "vnp_SecureHashType",
    "vnp_SecureHash",
];

const BANK_NAMES: [&str; 7] = [
    "transaction_no",
    "amount",
    "currency",
    "content",
    "paid_at",
    "account",
    "signature",
];

#[derive(Arbitrary, Debug)]
enum Value<'a> {
    Text(&'a str),
    Amount(u64),
    Reference(u32, u8),
    Ok00,
    Tmn,
    Time(u64),
}

/// After the first byte (0, 1: this, from `arbitrary`; 2: the rest is a raw IPN query string;
/// 3: a raw bank form body — the seeds in `fuzz/corpus/payment_notification`, signed with
/// `fuzz-secret`).
#[derive(Arbitrary, Debug)]
struct Input<'a> {
    bank: bool,
    params: Vec<(u8, &'a str, Value<'a>)>,
    /// 0: signed right; 1: with another secret; 2: unsigned; else the signature is a value.
    signing: u8,
    /// Parameters added after signing with empty values.
    empties: Vec<(u8, &'a str)>,
    tamper: Option<(u8, &'a str)>,
    tail: &'a [u8],
}

fn value(v: &Value) -> String {
    match v {
        Value::Text(t) => (*t).to_owned(),
        Value::Amount(a) => a.to_string(),
        Value::Reference(n, issue) => format!("H57HT{n:010}L{issue}"),
        Value::Ok00 => "00".to_owned(),
        Value::Tmn => TMN.to_owned(),
        Value::Time(t) => format!("{}", 20_260_000_000_000u64 + t % 10_000_000_000),
    }
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
    })
}

/// The parameters as the route reads them from the wire.
fn received(bank: bool, wire: &str) -> Option<BTreeMap<String, String>> {
    if bank {
        let request = axum::http::Request::post(bank::NOTIFICATIONS_PATH)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(wire.to_owned()))
            .unwrap();
        runtime()
            .block_on(Form::<BTreeMap<String, String>>::from_request(request, &()))
            .ok()
            .map(|Form(p)| p)
    } else {
        let uri: axum::http::Uri = format!("{}?{wire}", gateway::IPN_PATH).parse().ok()?;
        let Query(mut p) = Query::<BTreeMap<String, String>>::try_from_uri(&uri).ok()?;
        // As the route does: the algorithm's name is not signed.
        p.remove("vnp_SecureHashType");
        Some(p)
    }
}

/// What the server makes of the parameters: the notification, or the refusal's verdict.
fn outcome(bank: bool, params: &BTreeMap<String, String>) -> Result<String, &'static str> {
    let config = GatewayConfig {
        pay_url: "https://pay.example/".into(),
        tmn_code: TMN.into(),
        secret: SECRET.into(),
    };
    let read = if bank {
        read_notification(SECRET, params).map_err(|r| r.verdict)
    } else {
        read_ipn(&config, params).map_err(|r| r.verdict)
    };
    let n = read?;
    // Whatever else, a notification is for an amount and names its invoice and transaction.
    assert!(n.amount_vnd > 0 && n.amount_vnd <= i64::MAX as u64);
    assert!(!n.reference.is_empty(), "{n:?}");
    assert!(
        !n.currency.is_empty(),
        "currency left unsigned and empty: {n:?}"
    );
    if !bank {
        let hundredths: u64 = params["vnp_Amount"].parse().unwrap();
        assert_eq!(hundredths, n.amount_vnd * 100);
        assert_eq!(params["vnp_TxnRef"], n.reference);
        assert_eq!(
            n.succeeded,
            params["vnp_ResponseCode"] == "00" && params["vnp_TransactionStatus"] == "00"
        );
    }
    Ok(format!("{n:?}"))
}

fuzz_target!(|data: &[u8]| {
    let input = match data.split_first() {
        Some((mode @ (2 | 3), raw)) => Input {
            bank: *mode == 3,
            params: Vec::new(),
            signing: 3,
            empties: Vec::new(),
            tamper: None,
            tail: raw,
        },
        Some((_, rest)) => match Input::arbitrary_take_rest(Unstructured::new(rest)) {
            Ok(input) => input,
            Err(_) => return,
        },
        None => return,
    };
    let (names, signature): (&[&str], &str) = if input.bank {
        (&BANK_NAMES, bank::SIGNATURE)
    } else {
        (&GATEWAY_NAMES, gateway::SIGNATURE)
    };
    let name = |which: u8, other: &str| -> String {
        names
            .get(usize::from(which))
            .map_or_else(|| other.to_owned(), |n| (*n).to_owned())
    };
    let mut params = BTreeMap::new();
    for (which, other, v) in &input.params {
        params.insert(name(*which, other), value(v));
    }
    // As the gateway signs: all but the signature and the hash type's name.
    let mut signed = params.clone();
    if !input.bank {
        signed.remove("vnp_SecureHashType");
    }
    match input.signing {
        0 => {
            let s = signing::sign(SECRET, &signed, signature);
            params.insert(signature.to_owned(), s);
        }
        1 => {
            let s = signing::sign("another secret", &signed, signature);
            params.insert(signature.to_owned(), s);
        }
        2 => {
            params.remove(signature);
        }
        _ => {}
    }
    let signed_right = input.signing == 0;
    let mut tampered = false;
    if let Some((which, new)) = input.tamper {
        let key = name(which, "");
        if key != signature && (input.bank || key != "vnp_SecureHashType") && !new.is_empty() {
            let old = params.insert(key, new.to_owned());
            tampered = old.as_deref() != Some(new);
        }
    }
    let mut wire = url::form_urlencoded::Serializer::new(String::new());
    wire.extend_pairs(&params);
    for (which, other) in &input.empties {
        wire.append_pair(&name(*which, other), "");
    }
    let mut wire = wire.finish();
    let plain = input.tail.is_empty();
    if !plain {
        if !wire.is_empty() {
            wire.push('&');
        }
        wire.push_str(&String::from_utf8_lossy(input.tail));
    }

    let Some(got) = received(input.bank, &wire) else {
        return;
    };
    let result = outcome(input.bank, &got);

    // Empty parameters are outside the signature: with or without them, the same outcome.
    let without_empties: BTreeMap<String, String> = got
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    assert_eq!(
        result,
        outcome(input.bank, &without_empties),
        "an unsigned empty parameter changed the outcome"
    );

    if plain && input.empties.is_empty() {
        if signed_right && !tampered {
            assert_ne!(
                result,
                Err("bad-signature"),
                "a correctly signed notification"
            );
        }
        if tampered {
            assert_eq!(result, Err("bad-signature"), "a tampered notification");
        }
    }
    if input.signing == 1 || input.signing == 2 {
        assert_eq!(result, Err("bad-signature"));
    }
});
