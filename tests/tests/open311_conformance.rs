//! Open311 GeoReport v2 conformance, written from the specification
//! (http://wiki.open311.org/GeoReport_v2), not from the server's code: answers are read raw, JSON
//! as `serde_json::Value` and XML with roxmltree, and every element name, type, value set and
//! HTTP status is the one the specification gives. Against a real server in demo mode, whose
//! demo API key is `demo-open311-key`.

use std::collections::BTreeSet;

use citizen_protocol::auth::{CitizenProfile, ME_PATH};
use citizen_protocol::dossiers::IDEMPOTENCY_KEY_HEADER;
use citizen_protocol::forms::{AttachmentRef, FileType};
use citizen_protocol::reports::{MoveReport, Report, ReportStatus, REPORTS_PATH};
use citizen_tests::dossiers::{photo, sha256, Resident};
use citizen_tests::TestServer;
use reqwest::StatusCode;
use serde_json::{json, Value};

const BASE: &str = "/open311/v2";
const KEY: &str = "demo-open311-key";
/// Lê Lợi street by the Perfume River, central Huế.
const LE_LOI: (f64, f64) = (16.4637, 107.5909);
/// Who handles street lighting in Huế.
const LIGHTING_AGENCY: &str = "Công ty Cổ phần Môi trường và Công trình đô thị Huế";

/// GET Service List: `services` ⇊ `service` ↴ with these fields.
const SERVICE_FIELDS: [&str; 7] = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
];
/// GET Service Request(s): `service_requests` ⇊ `request` ↴ with these fields.
const REQUEST_FIELDS: [&str; 17] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];
/// Fields the specification marks "May not be returned".
const REQUEST_OPTIONAL: [&str; 4] = [
    "status_notes",
    "agency_responsible",
    "service_notice",
    "expected_datetime",
];

/// Query parameters, in order.
type Query<'a> = Vec<(&'a str, &'a str)>;
/// A POST form's fields, in order.
type Form<'a> = Vec<(&'a str, String)>;

/// One raw answer.
struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
}

impl Answer {
    async fn from(response: reqwest::Response) -> Answer {
        Answer {
            status: response.status(),
            content_type: response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default(),
            body: response.text().await.unwrap(),
        }
    }

    /// "JSON: Content-Type: application/json; charset=utf-8".
    fn json(&self) -> Value {
        let media = self.content_type.to_ascii_lowercase();
        assert!(
            media.starts_with("application/json") && media.contains("charset=utf-8"),
            "{media}"
        );
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// "XML: Content-Type: text/xml; charset=utf-8", and "the root element must be preceded with
    /// the XML declaration including the encoding="UTF-8" attribute".
    fn xml(&self) -> roxmltree::Document<'_> {
        let media = self.content_type.to_ascii_lowercase();
        assert!(
            media.starts_with("text/xml") && media.contains("charset=utf-8"),
            "{media}"
        );
        let declaration = self.body.split("?>").next().unwrap().to_ascii_lowercase();
        assert!(
            declaration.starts_with("<?xml") && declaration.contains("encoding=\"utf-8\""),
            "{}",
            self.body
        );
        let doc =
            roxmltree::Document::parse(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body));
        // "schemaless and without a namespace declaration".
        assert!(doc.root_element().tag_name().namespace().is_none());
        doc
    }
}

struct Client {
    url: String,
    http: reqwest::Client,
}

impl Client {
    fn of(server: &TestServer) -> Client {
        Client {
            url: format!("{}{BASE}", server.url()),
            http: reqwest::Client::new(),
        }
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Answer {
        Answer::from(
            self.http
                .get(format!("{}{path}", self.url))
                .query(query)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// "POST Service Request: Content-Type: application/x-www-form-urlencoded".
    async fn post(&self, path: &str, form: &[(&str, &str)]) -> Answer {
        Answer::from(
            self.http
                .post(format!("{}{path}", self.url))
                .form(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    }
}

/// Element children of `node`, by name.
fn children<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|c| c.is_element() && c.tag_name().name() == name)
        .collect()
}

fn element_names(node: roxmltree::Node) -> BTreeSet<String> {
    node.children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name().to_owned())
        .collect()
}

/// The text of the one child `name` of `node` ("" for an empty element); it must be there.
fn text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    let found = children(node, name);
    assert_eq!(
        found.len(),
        1,
        "one <{name}> in <{}>",
        node.tag_name().name()
    );
    found[0].text().unwrap_or("")
}

fn names<const N: usize>(fields: [&str; N]) -> BTreeSet<String> {
    fields.iter().map(|f| f.to_string()).collect()
}

/// "All date/time fields must be formatted in a common subset of ISO 8601 as per the w3 note.
/// Timezone information (either Z meaning UTC, or an HH:MM offset from UTC) must be included."
fn assert_w3c(value: &str) -> chrono::DateTime<chrono::FixedOffset> {
    let zone = value.ends_with('Z') || {
        let tail = value.as_bytes();
        tail.len() > 6
            && matches!(tail[tail.len() - 6], b'+' | b'-')
            && tail[tail.len() - 3] == b':'
    };
    assert!(zone, "{value}: no timezone");
    chrono::DateTime::parse_from_rfc3339(value).unwrap_or_else(|e| panic!("{value}: {e}"))
}

/// The specification's error answer, both formats: a list of `code` and `description`, where the
/// code matches the HTTP status.
fn assert_errors(answer: &Answer, status: StatusCode, xml: bool) -> Vec<String> {
    assert_eq!(answer.status, status, "{}", answer.body);
    if xml {
        let doc = answer.xml();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "errors");
        let errors = children(root, "error");
        assert!(!errors.is_empty());
        assert_eq!(element_names(root), names(["error"]));
        errors
            .iter()
            .map(|e| {
                assert_eq!(element_names(*e), names(["code", "description"]));
                assert_eq!(text(*e, "code"), status.as_u16().to_string());
                let description = text(*e, "description");
                assert!(!description.trim().is_empty());
                description.to_owned()
            })
            .collect()
    } else {
        let list = answer.json();
        let list = list.as_array().expect("errors are a list");
        assert!(!list.is_empty());
        list.iter()
            .map(|e| {
                let e = e.as_object().unwrap();
                assert_eq!(
                    e.keys().cloned().collect::<BTreeSet<_>>(),
                    names(["code", "description"])
                );
                assert_eq!(e["code"].as_u64(), Some(u64::from(status.as_u16())));
                let description = e["description"].as_str().unwrap();
                assert!(!description.trim().is_empty());
                description.to_owned()
            })
            .collect()
    }
}

/// One JSON service request, checked against the specification; its id.
fn assert_request_json(request: &Value) -> String {
    let object = request.as_object().expect("a request is an object");
    for field in REQUEST_FIELDS {
        assert!(
            object.contains_key(field) || REQUEST_OPTIONAL.contains(&field),
            "{field} missing in {request}"
        );
    }
    for key in object.keys() {
        assert!(
            REQUEST_FIELDS.contains(&key.as_str()),
            "foreign field {key}"
        );
    }
    assert!(["open", "closed"].contains(&request["status"].as_str().unwrap()));
    for field in ["service_name", "service_code", "description"] {
        assert!(request[field].is_string(), "{field}: {request}");
    }
    assert_w3c(request["requested_datetime"].as_str().unwrap());
    assert_w3c(request["updated_datetime"].as_str().unwrap());
    if let Some(expected) = request.get("expected_datetime").and_then(Value::as_str) {
        assert_w3c(expected);
    }
    for field in ["lat", "long"] {
        assert!(
            request[field].is_number() || request[field].is_null(),
            "{field}"
        );
    }
    match &request["service_request_id"] {
        Value::String(id) => id.clone(),
        Value::Number(id) => id.to_string(),
        other => panic!("service_request_id {other}"),
    }
}

/// One XML `request`, checked against the specification; its fields as text.
fn assert_request_xml(request: roxmltree::Node) -> std::collections::BTreeMap<String, String> {
    assert_eq!(request.tag_name().name(), "request");
    let present = element_names(request);
    for field in REQUEST_FIELDS {
        assert!(
            present.contains(field) || REQUEST_OPTIONAL.contains(&field),
            "<{field}> missing"
        );
    }
    for name in &present {
        assert!(REQUEST_FIELDS.contains(&name.as_str()), "foreign <{name}>");
    }
    let fields: std::collections::BTreeMap<String, String> = present
        .iter()
        .map(|name| (name.clone(), text(request, name).to_owned()))
        .collect();
    assert!(["open", "closed"].contains(&fields["status"].as_str()));
    assert_w3c(&fields["requested_datetime"]);
    assert_w3c(&fields["updated_datetime"]);
    fields
}

/// The ids of a JSON `GET /requests` answer, each request checked.
fn ids_json(answer: &Answer) -> BTreeSet<String> {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer
        .json()
        .as_array()
        .expect("service requests are a list")
        .iter()
        .map(assert_request_json)
        .collect()
}

fn ids_xml(answer: &Answer) -> BTreeSet<String> {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let doc = answer.xml();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "service_requests");
    assert!(element_names(root).iter().all(|n| n == "request"));
    children(root, "request")
        .into_iter()
        .map(|r| assert_request_xml(r)["service_request_id"].clone())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|i| i.to_string()).collect()
}

/// A complete POST form without `without` and with `with` replacing or adding fields.
fn form<'a>(without: &str, with: &[(&'a str, &str)]) -> Form<'a> {
    let mut form: Form<'a> = vec![
        ("api_key", KEY.into()),
        ("service_code", "chieu-sang".into()),
        ("lat", LE_LOI.0.to_string()),
        ("long", LE_LOI.1.to_string()),
        ("description", "Đèn tắt".into()),
    ];
    form.retain(|(k, _)| *k != without);
    for (k, v) in with {
        form.retain(|(key, _)| key != k);
        form.push((k, v.to_string()));
    }
    form
}

async fn count(server: &TestServer, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(server.server.db())
        .await
        .unwrap()
}

#[tokio::test]
async fn services_and_service_definitions_are_as_the_specification_writes_them() {
    let server = TestServer::start(true).await;
    let client = Client::of(&server);

    let json = client.get("/services.json", &[]).await;
    assert_eq!(json.status, StatusCode::OK);
    let services = json.json();
    let services = services.as_array().expect("a list of services");
    assert!(services.len() >= 8);
    let mut codes = Vec::new();
    for service in services {
        let object = service.as_object().unwrap();
        assert_eq!(
            object.keys().cloned().collect::<BTreeSet<_>>(),
            names(SERVICE_FIELDS)
        );
        assert!(service["metadata"].is_boolean());
        assert!(["realtime", "batch", "blackbox"].contains(&service["type"].as_str().unwrap()));
        for field in [
            "service_code",
            "service_name",
            "description",
            "keywords",
            "group",
        ] {
            assert!(service[field].is_string(), "{field}");
        }
        codes.push(service["service_code"].as_str().unwrap().to_owned());
    }
    let lights = services
        .iter()
        .find(|s| s["service_code"] == "chieu-sang")
        .expect("street lighting");
    assert_eq!(lights["service_name"], "Điện chiếu sáng");

    let xml = client.get("/services.xml", &[]).await;
    assert_eq!(xml.status, StatusCode::OK);
    let doc = xml.xml();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "services");
    assert_eq!(element_names(root), names(["service"]));
    let mut xml_codes = Vec::new();
    for service in children(root, "service") {
        assert_eq!(element_names(service), names(SERVICE_FIELDS));
        assert!(["true", "false"].contains(&text(service, "metadata")));
        assert!(["realtime", "batch", "blackbox"].contains(&text(service, "type")));
        xml_codes.push(text(service, "service_code").to_owned());
    }
    assert_eq!(xml_codes, codes, "the same services in both formats");

    // GET Service Definition: `service_definition` ↴ `service_code`, `attributes` ⇊.
    let definition = client.get("/services/chieu-sang.json", &[]).await;
    assert_eq!(definition.status, StatusCode::OK);
    let definition = definition.json();
    assert_eq!(definition["service_code"], "chieu-sang");
    assert!(definition["attributes"].is_array());
    let definition = client.get("/services/chieu-sang.xml", &[]).await;
    let doc = definition.xml();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "service_definition");
    assert_eq!(text(root, "service_code"), "chieu-sang");
    assert_eq!(children(root, "attributes").len(), 1);
    for attribute in children(children(root, "attributes")[0], "attribute") {
        for field in [
            "variable",
            "code",
            "datatype",
            "required",
            "order",
            "description",
        ] {
            text(attribute, field);
        }
    }

    // "404 - service_code ... provided were not found".
    assert_errors(
        &client.get("/services/ufo.json", &[]).await,
        StatusCode::NOT_FOUND,
        false,
    );
    assert_errors(
        &client.get("/services/ufo.xml", &[]).await,
        StatusCode::NOT_FOUND,
        true,
    );
    // The format is the path's extension; no other exists. "404 for resources that don't exist".
    for path in [
        "/services.html",
        "/services",
        "/services/chieu-sang.csv",
        "/nothing.xml",
    ] {
        assert_eq!(
            client.get(path, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_request_is_posted_read_back_and_filtered_and_refusals_store_nothing() {
    let server = TestServer::start(true).await;
    let client = Client::of(&server);
    let (lat, long) = (LE_LOI.0.to_string(), LE_LOI.1.to_string());

    // POST Service Request, as the specification's example: with who sent it.
    let posted = client
        .post(
            "/requests.json",
            &[
                ("api_key", KEY),
                ("service_code", "chieu-sang"),
                ("lat", &lat),
                ("long", &long),
                ("email", "tran.thi.mai@example.vn"),
                ("device_id", "tt222111"),
                ("account_id", "acc-7781"),
                ("first_name", "Mai"),
                ("last_name", "Trần Thị"),
                ("phone", "0905111222"),
                (
                    "description",
                    "Ba cột đèn trước số 12 Lê Lợi tắt từ tối thứ Hai.\nRất tối.",
                ),
                ("media_url", "http://example.vn/den.jpg"),
                ("attribute[WHISPAWN]", "123456"),
            ],
        )
        .await;
    assert!(posted.status.is_success(), "{}", posted.body);
    let created = posted.json();
    let created = created.as_array().expect("a list of one");
    assert_eq!(created.len(), 1);
    let lights = created[0]["service_request_id"]
        .as_str()
        .expect("a service_request_id")
        .to_owned();
    // "token: This should not be returned if service_request_id is returned".
    assert!(created[0].get("token").is_none());
    for key in created[0].as_object().unwrap().keys() {
        assert!(
            ["service_request_id", "service_notice", "account_id"].contains(&key.as_str()),
            "{key}"
        );
    }

    // The same in XML, with an address instead of a position.
    let posted = client
        .post(
            "/requests.xml",
            &[
                ("api_key", KEY),
                ("service_code", "giao-thong"),
                (
                    "address_string",
                    "Ngã tư Hùng Vương – Bà Triệu, phường Phú Nhuận, Huế",
                ),
                ("description", "Ổ gà lớn giữa ngã tư"),
            ],
        )
        .await;
    assert!(posted.status.is_success(), "{}", posted.body);
    let doc = posted.xml();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "service_requests");
    let request = children(root, "request");
    assert_eq!(request.len(), 1);
    assert!(children(request[0], "token").is_empty());
    let pothole = text(request[0], "service_request_id").to_owned();
    assert!(!pothole.is_empty() && pothole != lights);

    // GET Service Request, both formats: a list of one, open, as posted.
    let one = client.get(&format!("/requests/{lights}.json"), &[]).await;
    assert_eq!(one.status, StatusCode::OK);
    let list = one.json();
    let list = list.as_array().expect("a list of one");
    assert_eq!(list.len(), 1);
    let request = &list[0];
    assert_eq!(assert_request_json(request), lights);
    assert_eq!(request["status"], "open");
    assert_eq!(request["service_code"], "chieu-sang");
    assert_eq!(request["service_name"], "Điện chiếu sáng");
    assert_eq!(request["lat"].as_f64(), Some(LE_LOI.0));
    assert_eq!(request["long"].as_f64(), Some(LE_LOI.1));
    assert_eq!(request["agency_responsible"], LIGHTING_AGENCY);
    assert_eq!(
        request["description"],
        "Ba cột đèn trước số 12 Lê Lợi tắt từ tối thứ Hai.\nRất tối."
    );
    let requested = assert_w3c(request["requested_datetime"].as_str().unwrap());
    let now = chrono::Utc::now();
    assert!(
        (now - requested.to_utc()).num_seconds().abs() < 60,
        "{requested}"
    );
    let expected = assert_w3c(request["expected_datetime"].as_str().unwrap());
    assert!(expected > requested);

    let one = client.get(&format!("/requests/{lights}.xml"), &[]).await;
    let doc = one.xml();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "service_requests");
    let requests = children(root, "request");
    assert_eq!(requests.len(), 1);
    let fields = assert_request_xml(requests[0]);
    assert_eq!(fields["service_request_id"], lights);
    assert_eq!(fields["status"], "open");
    assert_eq!(fields["service_code"], "chieu-sang");
    assert_eq!(fields["lat"].parse::<f64>().unwrap(), LE_LOI.0);
    assert_eq!(fields["long"].parse::<f64>().unwrap(), LE_LOI.1);
    assert_eq!(fields["agency_responsible"], LIGHTING_AGENCY);

    let address_only = client
        .get(&format!("/requests/{pothole}.json"), &[])
        .await
        .json();
    assert!(address_only[0]["lat"].is_null() && address_only[0]["long"].is_null());
    assert_eq!(
        address_only[0]["address"],
        "Ngã tư Hùng Vương – Bà Triệu, phường Phú Nhuận, Huế"
    );
    assert_errors(
        &client.get("/requests/PA-000101-9999.json", &[]).await,
        StatusCode::NOT_FOUND,
        false,
    );
    assert_errors(
        &client.get("/requests/PA-000101-9999.xml", &[]).await,
        StatusCode::NOT_FOUND,
        true,
    );

    // Nothing said about who sent it, in any answer.
    let everything = [
        client.get("/requests.json", &[]).await.body,
        client.get("/requests.xml", &[]).await.body,
        client
            .get(&format!("/requests/{lights}.json"), &[])
            .await
            .body,
        client
            .get(&format!("/requests/{lights}.xml"), &[])
            .await
            .body,
    ]
    .concat();
    for personal in [
        "tran.thi.mai",
        "Mai\"",
        ">Mai<",
        "Trần Thị",
        "0905111222",
        "tt222111",
        "acc-7781",
        "example.vn",
    ] {
        assert!(!everything.contains(personal), "{personal} in an answer");
    }

    // GET Service Requests, with each filter, in both formats.
    let both = set(&[&lights, &pothole]);
    let lights_and_pothole = format!("{lights},{pothole}");
    let filters: Vec<(Query, BTreeSet<String>)> = vec![
        (vec![], both.clone()),
        (vec![("service_code", "chieu-sang")], set(&[&lights])),
        (
            vec![("service_code", "chieu-sang,giao-thong")],
            both.clone(),
        ),
        (vec![("service_code", "cay-xanh")], set(&[])),
        (vec![("status", "open")], both.clone()),
        (vec![("status", "closed")], set(&[])),
        (vec![("status", "open,closed")], both.clone()),
        (
            vec![("status", "closed"), ("service_code", "chieu-sang")],
            set(&[]),
        ),
        (
            vec![("service_request_id", lights.as_str())],
            set(&[&lights]),
        ),
        (
            vec![("service_request_id", lights_and_pothole.as_str())],
            both.clone(),
        ),
        // "This overrides all other arguments."
        (
            vec![
                ("service_request_id", pothole.as_str()),
                ("service_code", "chieu-sang"),
                ("status", "closed"),
            ],
            set(&[&pothole]),
        ),
        // An empty optional argument is the same as none.
        (vec![("service_code", ""), ("status", "")], both.clone()),
    ];
    let day = chrono::Duration::days(1);
    let w3c = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let in_vietnam = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap())
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    let (yesterday, tomorrow) = (w3c(now - day), w3c(now + day));
    let (yesterday_vn, tomorrow_vn) = (in_vietnam(now - day), in_vietnam(now + day));
    let (long_ago, later_ago) = (w3c(now - day * 200), w3c(now - day * 150));
    let dated: Vec<(Query, BTreeSet<String>)> = vec![
        (
            vec![
                ("start_date", yesterday.as_str()),
                ("end_date", tomorrow.as_str()),
            ],
            both.clone(),
        ),
        (
            vec![
                ("start_date", yesterday_vn.as_str()),
                ("end_date", tomorrow_vn.as_str()),
            ],
            both.clone(),
        ),
        (vec![("start_date", yesterday.as_str())], both.clone()),
        (vec![("end_date", tomorrow.as_str())], both.clone()),
        (vec![("start_date", tomorrow.as_str())], set(&[])),
        (vec![("end_date", yesterday.as_str())], set(&[])),
        (
            vec![
                ("start_date", long_ago.as_str()),
                ("end_date", later_ago.as_str()),
            ],
            set(&[]),
        ),
        (
            vec![
                ("start_date", yesterday.as_str()),
                ("end_date", tomorrow.as_str()),
                ("service_code", "giao-thong"),
            ],
            set(&[&pothole]),
        ),
    ];
    for (query, expected) in filters.iter().chain(dated.iter()) {
        assert_eq!(
            &ids_json(&client.get("/requests.json", query).await),
            expected,
            "{query:?}"
        );
        assert_eq!(
            &ids_xml(&client.get("/requests.xml", query).await),
            expected,
            "{query:?}"
        );
    }
    // "may not span more than 90 days"; dates "must use w3 format"; status is open or closed.
    let (far_start, far_end) = (w3c(now - day * 100), w3c(now));
    for query in [
        vec![
            ("start_date", far_start.as_str()),
            ("end_date", far_end.as_str()),
        ],
        vec![("start_date", "yesterday")],
        vec![("end_date", "2026-13-45T99:00:00Z")],
        vec![("status", "pending")],
    ] {
        assert_errors(
            &client.get("/requests.json", &query).await,
            StatusCode::BAD_REQUEST,
            false,
        );
        assert_errors(
            &client.get("/requests.xml", &query).await,
            StatusCode::BAD_REQUEST,
            true,
        );
    }

    // Refusals: each with the specification's status and error list, and nothing stored.
    let before = (
        count(&server, "reports").await,
        count(&server, "report_events").await,
    );
    let long_description = "x".repeat(5000);
    let refusals: Vec<(&str, Form, StatusCode)> = vec![
        // "403 - Missing or Invalid API Key".
        ("no api_key", form("api_key", &[]), StatusCode::FORBIDDEN),
        (
            "empty api_key",
            form("", &[("api_key", "")]),
            StatusCode::FORBIDDEN,
        ),
        (
            "wrong api_key",
            form("", &[("api_key", "not-the-key")]),
            StatusCode::FORBIDDEN,
        ),
        // "404 - service_code ... was not found"; "400 - service_code ... was not provided".
        (
            "unknown service_code",
            form("", &[("service_code", "ufo")]),
            StatusCode::NOT_FOUND,
        ),
        (
            "no service_code",
            form("service_code", &[]),
            StatusCode::BAD_REQUEST,
        ),
        // "A full location parameter must be submitted": lat & long, address_string or address_id.
        (
            "no location",
            form("lat", &[("long", "")]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "lat without long",
            form("long", &[]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "lat not a number",
            form("", &[("lat", "north")]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "in Hà Nội",
            form("", &[("lat", "21.0285"), ("long", "105.8542")]),
            StatusCode::BAD_REQUEST,
        ),
        (
            "a description too long",
            form("", &[("description", &long_description)]),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (what, form, status) in &refusals {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let json = client.post("/requests.json", &form).await;
        let descriptions = assert_errors(&json, *status, false);
        if *status == StatusCode::FORBIDDEN {
            assert!(
                descriptions.iter().any(|d| d.contains("api_key")),
                "{what}: {descriptions:?}"
            );
        }
        let xml = client.post("/requests.xml", &form).await;
        assert_errors(&xml, *status, true);
    }
    // Not form-encoded, as the specification requires.
    let as_json = client
        .http
        .post(format!("{}/requests.json", client.url))
        .json(&json!({"api_key": KEY, "service_code": "chieu-sang", "lat": LE_LOI.0, "long": LE_LOI.1}))
        .send()
        .await
        .unwrap();
    assert_errors(&Answer::from(as_json).await, StatusCode::BAD_REQUEST, false);
    assert_eq!(
        client
            .post("/requests.html", &[("api_key", KEY)])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        (
            count(&server, "reports").await,
            count(&server, "report_events").await
        ),
        before,
        "nothing stored by a refused request"
    );

    // Stored as public, with no resident behind it; who sent it is kept for officers only.
    let (public, citizen, contact): (i64, Option<String>, Option<String>) =
        sqlx::query_as("SELECT public, citizen_id, contact FROM reports WHERE code = $1")
            .bind(&lights)
            .fetch_one(server.server.db())
            .await
            .unwrap();
    assert!(public == 1 && citizen.is_none());
    let contact: Value = serde_json::from_str(&contact.unwrap()).unwrap();
    assert_eq!(contact["email"], "tran.thi.mai@example.vn");
}

#[tokio::test]
async fn a_private_report_never_appears_and_a_resolved_one_is_closed_with_its_notes() {
    let server = TestServer::start(true).await;
    let client = Client::of(&server);
    let resident = Resident::signed_in(&server, 1).await;
    let profile: CitizenProfile = resident
        .http
        .get(format!("{}{ME_PATH}", resident.url))
        .bearer_auth(&resident.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bytes = photo(4);
    assert!(resident
        .upload(&bytes, &sha256(&bytes))
        .await
        .status()
        .is_success());
    let photo = AttachmentRef {
        sha256: sha256(&bytes),
        file_name: "den.jpg".into(),
        file_type: FileType::Jpeg,
        size: bytes.len() as u64,
    };
    let submit = |key: &'static str, public: bool, title: &'static str| {
        let body = json!({
            "category": "chieu-sang",
            "title": title,
            "description": "Đèn trước nhà tắt ba đêm nay.",
            "photos": [photo.clone()],
            "location": {"lat": LE_LOI.0, "lon": LE_LOI.1},
            "public": public,
        });
        let resident = &resident;
        async move {
            let response = resident
                .http
                .post(format!("{}{REPORTS_PATH}", resident.url))
                .bearer_auth(&resident.token)
                .header(IDEMPOTENCY_KEY_HEADER, key)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::CREATED);
            response.json::<Report>().await.unwrap()
        }
    };
    let shown = submit("k-public", true, "Đèn đường tắt").await;
    let hidden = submit("k-private", false, "Đèn hẻm 5 tắt").await;

    let listed = ids_json(&client.get("/requests.json", &[]).await);
    assert_eq!(listed, set(&[&shown.code]), "the private one stays private");
    assert_eq!(
        ids_xml(&client.get("/requests.xml", &[]).await),
        set(&[&shown.code])
    );
    assert_eq!(
        ids_json(
            &client
                .get("/requests.json", &[("service_request_id", &hidden.code)])
                .await
        ),
        set(&[])
    );
    assert_errors(
        &client
            .get(&format!("/requests/{}.json", hidden.code), &[])
            .await,
        StatusCode::NOT_FOUND,
        false,
    );
    let one = client
        .get(&format!("/requests/{}.json", shown.code), &[])
        .await
        .json();
    // The app's title and description, together.
    assert!(one[0]["description"]
        .as_str()
        .unwrap()
        .contains("Đèn đường tắt"));
    assert!(one[0]["description"]
        .as_str()
        .unwrap()
        .contains("ba đêm nay"));

    // An officer of the agency resolves it.
    let db = server.server.db();
    let (officer, _) =
        citizen_server::dossiers::store::add_officer(db, "Lê Văn Tâm", &shown.agency.vi)
            .await
            .unwrap();
    let answer = "Đã thay bóng đèn LED mới.";
    for (to, message) in [
        (ReportStatus::InProgress, None),
        (ReportStatus::Resolved, Some(answer)),
    ] {
        let moved = citizen_server::reports::store::move_on(
            db,
            &officer,
            &shown.code,
            &MoveReport {
                to,
                message: message.map(str::to_owned),
                photo_sha256: None,
            },
        )
        .await
        .unwrap();
        assert!(moved.is_ok(), "{moved:?}");
    }
    let closed = client
        .get(&format!("/requests/{}.json", shown.code), &[])
        .await;
    let closed = &closed.json()[0];
    assert_request_json(closed);
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["status_notes"], answer);
    // "For requests with status=closed, this will be the date the request was closed."
    assert!(
        assert_w3c(closed["updated_datetime"].as_str().unwrap())
            >= assert_w3c(closed["requested_datetime"].as_str().unwrap())
    );
    let closed_xml = client
        .get(&format!("/requests/{}.xml", shown.code), &[])
        .await;
    let doc = closed_xml.xml();
    let fields = assert_request_xml(children(doc.root_element(), "request")[0]);
    assert_eq!(fields["status"], "closed");
    assert_eq!(fields["status_notes"], answer);
    assert_eq!(
        ids_json(&client.get("/requests.json", &[("status", "closed")]).await),
        set(&[&shown.code])
    );
    assert_eq!(
        ids_json(&client.get("/requests.json", &[("status", "open")]).await),
        set(&[])
    );

    // No answer names the resident.
    let citizen_id: String = sqlx::query_scalar("SELECT citizen_id FROM reports WHERE code = $1")
        .bind(&shown.code)
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(citizen_id, profile.id);
    let both_codes = format!("{},{}", shown.code, hidden.code);
    let everything = [
        client.get("/requests.json", &[]).await.body,
        client.get("/requests.xml", &[]).await.body,
        client
            .get(&format!("/requests/{}.json", shown.code), &[])
            .await
            .body,
        client
            .get(&format!("/requests/{}.xml", shown.code), &[])
            .await
            .body,
        client
            .get(
                "/requests.json",
                &[("service_request_id", both_codes.as_str())],
            )
            .await
            .body,
    ]
    .concat();
    for identity in [
        profile.id.as_str(),
        profile.full_name.as_str(),
        profile.personal_id_number.as_str(),
        shown.id.as_str(),
        hidden.code.as_str(),
        "Đèn hẻm 5",
    ] {
        assert!(!everything.contains(identity), "{identity} in an answer");
    }
}
