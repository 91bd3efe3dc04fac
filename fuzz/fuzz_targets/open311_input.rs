//! Open311 input: the server's reading of `POST /open311/v2/requests.{json,xml}` (a form-encoded
//! body: API key, service code, lat/long or address, description, the reporter's contact fields,
//! attributes) through `open311::fuzz_post`, and of the `GET /requests` query string through
//! `open311::fuzz_query`, whose filter then runs against a real, migrated server database.
//!
//! Properties: an accepted report has a valid key, a known category, a place (a position inside
//! one of the city's areas, or an address), a one-line title of at most 80 characters, and passes
//! the app's own checks but for photos; a refusal is a 400, 403 or 404 with a reason; a query's
//! window never exceeds 90 days nor runs backwards, and the store answers every filter it gives.

#![no_main]

use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use citizen_protocol::forms::FieldProblem;
use citizen_protocol::reports::PROVINCE_BOUNDS;
use citizen_server::open311::{fuzz_post, fuzz_query, ApiKeys};
use citizen_server::reports::categories;
use citizen_server::reports::routing::Routing;
use libfuzzer_sys::fuzz_target;

const KEY: &str = "demo-open311-key";

const NAMES: [&str; 16] = [
    "api_key",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "description",
    "email",
    "first_name",
    "last_name",
    "phone",
    "device_id",
    "account_id",
    "media_url",
    "attribute[WHISPER]",
    "jurisdiction_id",
];

const QUERY_NAMES: [&str; 5] = [
    "service_request_id",
    "service_code",
    "status",
    "start_date",
    "end_date",
];

#[derive(Arbitrary, Debug)]
enum Value<'a> {
    Text(&'a str),
    Number(f64),
    /// A position inside the province's box, so that routing is reached often.
    InProvince(u16, u16),
    Category(u8),
    Key,
    Date(i16, u8, u8, u8, i8),
}

/// The input's first byte: 0, 1 — a POST or a query built from `arbitrary` parameters; 2 — the
/// rest is a raw form-encoded POST body; 3 — a raw query string (the seeds in
/// `fuzz/corpus/open311_input` are these, as Open311 clients send them).
#[derive(Arbitrary, Debug)]
enum Input<'a> {
    Post {
        content_type: u8,
        params: Vec<(u8, &'a str, Value<'a>)>,
        tail: &'a [u8],
    },
    Query {
        params: Vec<(u8, &'a str, Value<'a>)>,
        tail: &'a [u8],
    },
}

struct Harness {
    keys: ApiKeys,
    routing: Routing,
    runtime: tokio::runtime::Runtime,
    db: citizen_server::db::Db,
    _dir: tempfile::TempDir,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("server.db").display());
        let db = runtime.block_on(citizen_server::db::connect(&url)).unwrap();
        Harness {
            keys: ApiKeys::new([KEY]),
            routing: Routing::load(),
            runtime,
            db,
            _dir: dir,
        }
    })
}

fn value(v: &Value) -> String {
    match v {
        Value::Text(t) => (*t).to_owned(),
        Value::Number(n) => n.to_string(),
        Value::InProvince(a, b) => {
            let lat = PROVINCE_BOUNDS.south
                + (PROVINCE_BOUNDS.north - PROVINCE_BOUNDS.south) * f64::from(*a) / 65535.0;
            let lon = PROVINCE_BOUNDS.west
                + (PROVINCE_BOUNDS.east - PROVINCE_BOUNDS.west) * f64::from(*b) / 65535.0;
            // Alternates between the two parameters: the name decides which it is read as.
            format!("{}", if a % 2 == 0 { lat } else { lon })
        }
        Value::Category(i) => {
            let all = categories::all();
            all[usize::from(*i) % all.len()].code.to_owned()
        }
        Value::Key => KEY.to_owned(),
        Value::Date(year, month, day, hour, offset) => format!(
            "{:04}-{:02}-{:02}T{:02}:00:00{}",
            year.unsigned_abs() % 10_000,
            month % 13,
            day % 32,
            hour % 25,
            match offset {
                0 => "Z".to_owned(),
                o => format!(
                    "{}{:02}:00",
                    if *o < 0 { '-' } else { '+' },
                    o.unsigned_abs() % 25
                ),
            }
        ),
    }
}

fn encode(names: &[&str], params: &[(u8, &str, Value)], tail: &[u8]) -> Vec<u8> {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (which, other, v) in params {
        let name = names.get(usize::from(*which)).copied().unwrap_or(other);
        out.append_pair(name, &value(v));
    }
    let mut body = out.finish().into_bytes();
    if !tail.is_empty() {
        if !body.is_empty() {
            body.push(b'&');
        }
        body.extend_from_slice(tail);
    }
    body
}

fuzz_target!(|data: &[u8]| {
    let input = match data.split_first() {
        Some((2, body)) => Input::Post {
            content_type: 0,
            params: Vec::new(),
            tail: body,
        },
        Some((3, query)) => Input::Query {
            params: Vec::new(),
            tail: query,
        },
        Some((_, rest)) => match Input::arbitrary_take_rest(Unstructured::new(rest)) {
            Ok(input) => input,
            Err(_) => return,
        },
        None => return,
    };
    let h = harness();
    match input {
        Input::Post {
            content_type,
            params,
            tail,
        } => {
            let content_type = [
                Some("application/x-www-form-urlencoded"),
                Some("application/x-www-form-urlencoded; charset=utf-8"),
                Some("Application/X-WWW-Form-Urlencoded"),
                Some("application/json"),
                None,
            ][usize::from(content_type) % 5];
            let body = encode(&NAMES, &params, tail);
            match fuzz_post(&h.keys, &h.routing, content_type, &body) {
                Ok(post) => accepted(h, &body, post),
                Err((status, reasons)) => {
                    assert!(matches!(status, 400 | 403 | 404), "{status} {reasons:?}");
                    assert!(!reasons.is_empty() && reasons.iter().all(|r| !r.is_empty()));
                }
            }
        }
        Input::Query { params, tail } => {
            let query = encode(&QUERY_NAMES, &params, tail);
            match fuzz_query(&query) {
                Ok(filter) => {
                    assert!(filter.limit <= 1000);
                    assert!(filter.codes.as_ref().is_none_or(|c| c.len() <= 1000));
                    if let (Some(from), Some(until)) = (filter.from, filter.until) {
                        assert!(from <= until, "{from} > {until}");
                        assert!(until - from <= time::Duration::days(90));
                    }
                    h.runtime
                        .block_on(citizen_server::reports::store::open_requests(
                            &h.db, &filter,
                        ))
                        .expect("the store answers any filter the query gives");
                }
                Err((status, reasons)) => {
                    assert_eq!(status, 400, "{reasons:?}");
                }
            }
        }
    }
});

fn accepted(h: &Harness, body: &[u8], post: citizen_server::open311::Post) {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.trim().to_owned()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    assert!(pairs.iter().any(|(k, v)| k == "api_key" && v == KEY));
    let request = &post.request;
    let category = categories::find(&request.category).expect("a known category");
    assert_eq!(category.code, post.checked.category.code);
    let title_chars = request.title.chars().count();
    assert!((1..=80).contains(&title_chars), "{:?}", request.title);
    assert!(!request.title.contains('\n'));
    assert!(request.public && request.photos.is_empty());
    match request.location {
        Some(p) => {
            assert!(p.lat.is_finite() && p.lon.is_finite());
            assert!(PROVINCE_BOUNDS.contains(p));
            let area = h
                .routing
                .area_at(p)
                .expect("inside one of the city's areas");
            assert_eq!(post.checked.area_code.as_deref(), Some(area.code.as_str()));
        }
        None => {
            assert!(request
                .address
                .as_deref()
                .is_some_and(|a| !a.trim().is_empty()));
            assert_eq!(post.checked.area_code, None);
        }
    }
    // The app's own checks pass, but for the photos an Open311 client cannot send.
    for problem in request.problems() {
        assert_eq!(
            (problem.field.as_str(), &problem.problem),
            ("photos", &FieldProblem::Required)
        );
    }
    if let Some(contact) = &post.contact {
        let contact: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(contact).expect("contact is a JSON object");
        for (field, v) in contact {
            assert!(NAMES.contains(&field.as_str()));
            let chars = v.as_str().unwrap().chars().count();
            assert!(chars <= if field == "media_url" { 2000 } else { 300 });
        }
    }
}
