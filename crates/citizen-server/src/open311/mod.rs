//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>) under `/open311/v2`: the report
//! categories as services, public reports as service requests, and filing a report with an API
//! key. The format is the path's extension, `.json` or `.xml`; errors are the specification's
//! list of `code` and `description`, with its statuses (403 for the key, 404 for what does not
//! exist, 400 for anything else).
//!
//! Open data by nature: only reports whose residents agreed to publication appear, and nothing
//! ever says who sent a report.

mod xml;

use std::collections::{HashMap, HashSet};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use citizen_protocol::forms::{FieldError, FieldProblem};
use citizen_protocol::open311::{
    CreatedRequest, Open311Error, RequestStatus, Service, ServiceDefinition, ServiceRequest,
    ServiceType, XmlErrors, XmlServiceDefinition, XmlServiceRequests, XmlServices,
    OPEN311_BASE_PATH,
};
use citizen_protocol::reports::{GeoPoint, ReportStatus, SubmitReport};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime, PrimitiveDateTime, UtcOffset};

use crate::config::ServerConfig;
use crate::dossiers::sha256_of_request;
use crate::error::ServerError;
use crate::http::AppState;
use crate::identity::secrets;
use crate::reports::categories::{self, CategoryDef};
use crate::reports::routing::Routing;
use crate::reports::store::{self, NewReport, OpenRequest, OpenRequestFilter, Source};
use crate::reports::{self, Checked};

/// Accepted with `--demo`, so that anyone trying the API has a key.
pub const DEMO_API_KEY: &str = "demo-open311-key";

/// Every category is a kind of field report; the specification's `group` says so.
const GROUP: &str = "phản ánh hiện trường";
/// The specification's cap on one answer of `GET /requests`.
const MAX_REQUESTS: u32 = 1000;
/// The specification's default (and widest) window of `GET /requests`.
const WINDOW: Duration = Duration::days(90);
/// What the reporter's contact fields may hold; they are stored for officers, not checked.
const MAX_CONTACT_CHARS: usize = 300;
const MAX_URL_CHARS: usize = 2000;

/// The API keys that may file reports, kept as hashes so that a lookup's timing says nothing
/// about any key.
pub struct ApiKeys {
    hashes: HashSet<String>,
}

impl ApiKeys {
    pub fn from_config(config: &ServerConfig) -> ApiKeys {
        let demo = config.demo.then_some(DEMO_API_KEY);
        ApiKeys::new(
            config
                .open311_api_keys
                .iter()
                .map(String::as_str)
                .chain(demo),
        )
    }

    /// These keys (blank ones ignored).
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a str>) -> ApiKeys {
        ApiKeys {
            hashes: keys
                .into_iter()
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(secrets::hash)
                .collect(),
        }
    }

    fn accepts(&self, key: &str) -> bool {
        self.hashes.contains(&secrets::hash(key))
    }
}

/// The routes, for `http::router` to merge.
pub fn router() -> Router<AppState> {
    let at = |path: &str| format!("{OPEN311_BASE_PATH}{path}");
    Router::new()
        .route(&at("/services.json"), get(|| services(Format::Json)))
        .route(&at("/services.xml"), get(|| services(Format::Xml)))
        .route(&at("/services/{file}"), get(service_definition))
        .route(
            &at("/requests.json"),
            get(|s: State<AppState>, q: RawQuery| list(s, q, Format::Json)).post(
                |s: State<AppState>, h: HeaderMap, b: Result<Bytes, BytesRejection>| {
                    create(s, h, b, Format::Json)
                },
            ),
        )
        .route(
            &at("/requests.xml"),
            get(|s: State<AppState>, q: RawQuery| list(s, q, Format::Xml)).post(
                |s: State<AppState>, h: HeaderMap, b: Result<Bytes, BytesRejection>| {
                    create(s, h, b, Format::Xml)
                },
            ),
        )
        .route(&at("/requests/{file}"), get(one))
        .route(&at("/{*rest}"), any(unknown))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

impl Format {
    /// `giao-thong.json` → (`giao-thong`, JSON); no known extension, no format.
    fn split(file: &str) -> Option<(&str, Format)> {
        let (stem, extension) = file.rsplit_once('.')?;
        let format = match extension {
            "json" => Format::Json,
            "xml" => Format::Xml,
            _ => return None,
        };
        (!stem.is_empty()).then_some((stem, format))
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "text/xml; charset=utf-8",
        }
    }
}

/// The same answer in the asked format: `json` as it is, `xml` under `root`.
fn answer(
    format: Format,
    status: StatusCode,
    json: &impl Serialize,
    root: &str,
    xml: &impl Serialize,
) -> Response {
    let body = match format {
        Format::Json => serde_json::to_string(json).map_err(|e| e.to_string()),
        Format::Xml => xml::document(root, xml).map_err(|e| e.to_string()),
    };
    match body {
        Ok(body) => (
            status,
            [(header::CONTENT_TYPE, format.content_type())],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "open311 answer could not be written");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Why a request was not answered as asked.
#[derive(Debug)]
enum Refused {
    /// The status and one description per problem, for the client to read.
    Said(StatusCode, Vec<String>),
    /// Our failure; its detail stays in the log.
    Failed(ServerError),
}

impl From<ServerError> for Refused {
    fn from(e: ServerError) -> Refused {
        Refused::Failed(e)
    }
}

fn refused(status: StatusCode, description: impl Into<String>) -> Refused {
    Refused::Said(status, vec![description.into()])
}

impl Refused {
    /// The specification's error list; and one line in the log, with no personal data (the
    /// descriptions name parameters and codes, never the values a reporter typed).
    fn respond(self, format: Format, method: &'static str) -> Response {
        let (status, descriptions) = match self {
            Refused::Said(status, descriptions) => {
                tracing::info!(
                    status = status.as_u16(),
                    method,
                    reasons = ?descriptions,
                    "open311 request refused"
                );
                (status, descriptions)
            }
            Refused::Failed(e) => {
                tracing::error!(error = %e, method, "open311 request failed");
                // The specification's "general service error" is a 400.
                (
                    StatusCode::BAD_REQUEST,
                    vec!["general service error; please try again later".to_owned()],
                )
            }
        };
        let errors: Vec<Open311Error> = descriptions
            .into_iter()
            .map(|description| Open311Error {
                code: status.as_u16(),
                description,
            })
            .collect();
        let xml = XmlErrors {
            error: errors.clone(),
        };
        answer(format, status, &errors, "errors", &xml)
    }
}

/// `GET /services.{format}`.
async fn services(format: Format) -> Response {
    let list: Vec<Service> = categories::all().iter().map(service).collect();
    let xml = XmlServices {
        service: list.clone(),
    };
    answer(format, StatusCode::OK, &list, "services", &xml)
}

fn service(category: &CategoryDef) -> Service {
    Service {
        service_code: category.code.to_owned(),
        service_name: category.name.0.to_owned(),
        description: category.description.0.to_owned(),
        // No category asks for more than the report itself.
        metadata: false,
        kind: ServiceType::Realtime,
        keywords: keywords(category.name.1),
        group: GROUP.to_owned(),
    }
}

/// "Roads and traffic" → "roads, traffic": words a client can search for in English.
fn keywords(english: &str) -> String {
    english
        .to_lowercase()
        .split([','])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `GET /services/{service_code}.{format}`: no category has attributes, so the definition is its
/// code and an empty list, which the specification allows (the call is optional for a service
/// whose `metadata` is false).
async fn service_definition(Path(file): Path<String>) -> Response {
    let Some((code, format)) = Format::split(&file) else {
        return not_a_format(&file, "service definition");
    };
    let Some(category) = categories::find(code) else {
        return refused(
            StatusCode::NOT_FOUND,
            format!("service_code {code:?} not found"),
        )
        .respond(format, "service definition");
    };
    let definition = ServiceDefinition {
        service_code: category.code.to_owned(),
        attributes: Vec::new(),
    };
    let xml = XmlServiceDefinition::from(&definition);
    answer(
        format,
        StatusCode::OK,
        &definition,
        "service_definition",
        &xml,
    )
}

/// A path without `.json` or `.xml`: XML, the specification's one required format, says so.
fn not_a_format(file: &str, method: &'static str) -> Response {
    let format = if file.ends_with(".json") {
        Format::Json
    } else {
        Format::Xml
    };
    refused(
        StatusCode::NOT_FOUND,
        "no such resource; resources end in .json or .xml",
    )
    .respond(format, method)
}

/// Anything else under the base path.
async fn unknown(OriginalUri(uri): OriginalUri) -> Response {
    not_a_format(uri.path(), "unknown resource")
}

/// `GET /requests/{service_request_id}.{format}`: a list of one, or 404 for a report that does not
/// exist or is not public (the two are not told apart).
async fn one(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((code, format)) = Format::split(&file) else {
        return not_a_format(&file, "get request");
    };
    let found = async {
        let request = store::open_request(&state.db, code).await?.ok_or_else(|| {
            refused(
                StatusCode::NOT_FOUND,
                format!("service_request_id {code:?} not found"),
            )
        })?;
        Ok::<_, Refused>(vec![to_wire(request)?])
    };
    match found.await {
        Ok(list) => requests_answer(format, StatusCode::OK, list),
        Err(refusal) => refusal.respond(format, "get request"),
    }
}

fn requests_answer<T: Serialize + Clone>(
    format: Format,
    status: StatusCode,
    list: Vec<T>,
) -> Response {
    let xml = XmlServiceRequests {
        request: list.clone(),
    };
    answer(format, status, &list, "service_requests", &xml)
}

/// `GET /requests.{format}`: public reports, newest first, at most 1000, by default of the last
/// 90 days.
async fn list(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    format: Format,
) -> Response {
    let found = async {
        let filter = filter(&Params::parse(query.as_deref().unwrap_or("").as_bytes()))?;
        store::open_requests(&state.db, &filter)
            .await?
            .into_iter()
            .map(to_wire)
            .collect::<Result<Vec<_>, Refused>>()
    };
    match found.await {
        Ok(list) => requests_answer(format, StatusCode::OK, list),
        Err(refusal) => refusal.respond(format, "get requests"),
    }
}

/// A query's or a form's parameters. A parameter given empty counts as not given, as the
/// specification's "optional" says; one given twice is kept twice.
struct Params(HashMap<String, Vec<String>>);

impl Params {
    fn parse(encoded: &[u8]) -> Params {
        let mut params: HashMap<String, Vec<String>> = HashMap::new();
        for (key, value) in url::form_urlencoded::parse(encoded) {
            let value = value.trim();
            if !value.is_empty() {
                params
                    .entry(key.into_owned())
                    .or_default()
                    .push(value.to_owned());
            }
        }
        Params(params)
    }

    /// Every value of a comma-separated list, however often the parameter was given.
    fn list(&self, name: &str) -> Option<Vec<String>> {
        let items: Vec<String> = self
            .0
            .get(name)?
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        (!items.is_empty()).then_some(items)
    }

    /// A parameter that takes one value.
    fn one(&self, name: &str) -> Result<Option<&str>, Refused> {
        match self.0.get(name).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([value]) => Ok(Some(value)),
            Some(_) => Err(refused(
                StatusCode::BAD_REQUEST,
                format!("{name} given more than once"),
            )),
        }
    }
}

fn filter(params: &Params) -> Result<OpenRequestFilter, Refused> {
    // The specification: a list of ids overrides every other argument.
    if let Some(codes) = params.list("service_request_id") {
        return Ok(OpenRequestFilter {
            codes: Some(codes.into_iter().take(MAX_REQUESTS as usize).collect()),
            limit: MAX_REQUESTS,
            ..OpenRequestFilter::default()
        });
    }
    let statuses = match params.list("status") {
        None => None,
        Some(names) => {
            let mut statuses = Vec::new();
            for name in names {
                let Some(status) = RequestStatus::parse(&name) else {
                    return Err(refused(
                        StatusCode::BAD_REQUEST,
                        "status must be open or closed (comma-separated)",
                    ));
                };
                statuses.extend(
                    ReportStatus::ALL
                        .into_iter()
                        .filter(|s| (status == RequestStatus::Open) == s.is_open()),
                );
            }
            Some(statuses)
        }
    };
    let start = params
        .one("start_date")?
        .map(|d| date(d, "start_date"))
        .transpose()?;
    let end = params
        .one("end_date")?
        .map(|d| date(d, "end_date"))
        .transpose()?;
    let (from, until) = match (start, end) {
        (None, None) => {
            let now = OffsetDateTime::now_utc();
            (now - WINDOW, now)
        }
        // Near the ends of the calendar the window stops where the calendar does.
        (Some(start), None) => (
            start,
            start
                .checked_add(WINDOW)
                .unwrap_or(PrimitiveDateTime::MAX.assume_utc()),
        ),
        (None, Some(end)) => (
            end.checked_sub(WINDOW)
                .unwrap_or(PrimitiveDateTime::MIN.assume_utc()),
            end,
        ),
        (Some(start), Some(end)) if end < start => {
            return Err(refused(
                StatusCode::BAD_REQUEST,
                "end_date is before start_date",
            ))
        }
        (Some(start), Some(end)) if end - start > WINDOW => {
            return Err(refused(
                StatusCode::BAD_REQUEST,
                "start_date to end_date may not span more than 90 days",
            ))
        }
        (Some(start), Some(end)) => (start, end),
    };
    Ok(OpenRequestFilter {
        codes: None,
        categories: params.list("service_code"),
        statuses,
        from: Some(from),
        until: Some(until),
        limit: MAX_REQUESTS,
    })
}

/// A W3C date and time with its offset, e.g. `2010-01-01T00:00:00Z`.
fn date(value: &str, name: &str) -> Result<OffsetDateTime, Refused> {
    // A "+07:00" offset sent unencoded arrives as " 07:00": form decoding made the plus a space.
    OffsetDateTime::parse(value, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(&value.replace(' ', "+"), &Rfc3339))
        .ok()
        // Compared in UTC, where late on 31 December 9999 west of Greenwich is not a date.
        .and_then(|at| at.checked_to_offset(UtcOffset::UTC))
        .ok_or_else(|| {
            refused(
                StatusCode::BAD_REQUEST,
                format!(
                    "{name} must be a W3C date and time with its offset, e.g. 2010-01-01T00:00:00Z"
                ),
            )
        })
}

/// A stored RFC 3339 time as the specification writes it: to the second, in Vietnam's time.
fn w3c(at: &str) -> Result<String, ServerError> {
    let vietnam = UtcOffset::from_hms(7, 0, 0).map_err(|e| ServerError::Corrupt(e.to_string()))?;
    OffsetDateTime::parse(at, &Rfc3339)
        .map_err(|e| ServerError::Corrupt(format!("time {at}: {e}")))?
        .to_offset(vietnam)
        .format(time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
        ))
        .map_err(|e| ServerError::Corrupt(format!("time {at}: {e}")))
}

/// The stored report as the specification's request. Our photos are private, so no `media_url`.
fn to_wire(r: OpenRequest) -> Result<ServiceRequest, Refused> {
    // The app's reports have a title the description may not repeat; Open311 has no title.
    let description = if r.description.starts_with(r.title.as_str()) {
        r.description
    } else {
        format!("{}\n\n{}", r.title, r.description)
    };
    Ok(ServiceRequest {
        status: if r.status.is_open() {
            RequestStatus::Open
        } else {
            RequestStatus::Closed
        },
        status_notes: r.status_notes,
        service_name: r.category_vi,
        service_code: r.category,
        description,
        agency_responsible: Some(r.agency_vi),
        service_notice: None,
        requested_datetime: w3c(&r.submitted_at)?,
        updated_datetime: w3c(&r.updated_at)?,
        expected_datetime: Some(w3c(&r.due_at)?),
        address: r.address,
        address_id: None,
        zipcode: None,
        lat: r.location.map(|p| p.lat),
        long: r.location.map(|p| p.lon),
        media_url: None,
        service_request_id: r.code,
    })
}

/// `POST /requests.{format}`: 201 with the new report's code as `service_request_id`.
///
/// The report is stored as public (`public = 1`): Open311 data is public by nature, and what a
/// client files here anyone may read back through `GET /requests`. Who sent it (the specification's
/// email, names, phone, device and account) is kept for officers only and never answered.
async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
    format: Format,
) -> Response {
    match receive(&state, &headers, body).await {
        Ok(created) => requests_answer(format, StatusCode::CREATED, vec![created]),
        Err(refusal) => refusal.respond(format, "post request"),
    }
}

/// The reporter's fields an Open311 client may send, kept as JSON for officers only.
const CONTACT_FIELDS: [&str; 6] = [
    "email",
    "first_name",
    "last_name",
    "phone",
    "device_id",
    "account_id",
];

async fn receive(
    state: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<CreatedRequest, Refused> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let body =
        body.map_err(|e| refused(StatusCode::BAD_REQUEST, format!("unreadable body: {e}")))?;
    let Post {
        request,
        checked,
        contact,
        account_id,
    } = read_post(&state.open311_keys, &state.routing, content_type, &body)?;
    // The specification has no idempotency key: each post is a new report.
    let key = format!("open311-{}", secrets::random_token());
    let (report, _) = store::create(
        &state.db,
        NewReport {
            citizen_id: None,
            request: &request,
            category: checked.category,
            area_code: checked.area_code.as_deref(),
            route: &checked.route,
            source: Source::Open311,
            contact: contact.as_deref(),
            idempotency_key: &key,
            request_sha256: &sha256_of_request(&request)?,
        },
    )
    .await?;
    tracing::info!(
        code = %report.code,
        category = %report.category,
        area = checked.area_code.as_deref().unwrap_or("-"),
        agency = %report.agency.vi,
        "open311 report received"
    );
    Ok(CreatedRequest {
        service_notice: Some(format!(
            "Đã chuyển đến {}; hạn xử lý {}.",
            report.agency.vi,
            w3c(&report.due_at)?
        )),
        service_request_id: report.code,
        account_id,
    })
}

/// A `POST /requests` read and checked, ready to store.
pub struct Post {
    pub request: SubmitReport,
    pub checked: Checked,
    /// The reporter's contact fields, as JSON for officers.
    pub contact: Option<String>,
    pub account_id: Option<String>,
}

/// Reads a `POST /requests` body: the key, the service, the place, the text and the reporter's
/// contact, and the same checks as the app's reports. Touches nothing; a fuzzing entry too
/// (`fuzz/fuzz_targets/open311_input.rs`, through `fuzzing::open311_post`).
fn read_post(
    keys: &ApiKeys,
    routing: &Routing,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Post, Refused> {
    let form_encoded = content_type.is_some_and(|v| {
        v.split(';').next().is_some_and(|t| {
            t.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    });
    if !form_encoded {
        return Err(refused(
            StatusCode::BAD_REQUEST,
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    let form = Params::parse(body);
    // The key first: without a valid one, nothing else of the request is looked at.
    match form.one("api_key")? {
        None => return Err(refused(StatusCode::FORBIDDEN, "api_key missing")),
        Some(key) if !keys.accepts(key) => {
            return Err(refused(StatusCode::FORBIDDEN, "api_key invalid"))
        }
        Some(_) => {}
    }
    let code = form
        .one("service_code")?
        .ok_or_else(|| refused(StatusCode::BAD_REQUEST, "service_code missing"))?;
    let category = categories::find(code).ok_or_else(|| {
        refused(
            StatusCode::NOT_FOUND,
            format!("service_code {code:?} not found"),
        )
    })?;
    let location = location(&form)?;
    let address = form.one("address_string")?;
    if location.is_none() && address.is_none() {
        return Err(if form.one("address_id")?.is_some() {
            refused(
                StatusCode::BAD_REQUEST,
                "address_id cannot be looked up here (no address register); send lat and long, or address_string",
            )
        } else {
            refused(
                StatusCode::BAD_REQUEST,
                "a location is required: lat and long, or address_string",
            )
        });
    }
    let description = form.one("description")?.unwrap_or("");
    let mut contact = serde_json::Map::new();
    for field in CONTACT_FIELDS.into_iter().chain(["media_url"]) {
        let Some(value) = form.one(field)? else {
            continue;
        };
        let max = if field == "media_url" {
            MAX_URL_CHARS
        } else {
            MAX_CONTACT_CHARS
        };
        if value.chars().count() > max {
            return Err(refused(
                StatusCode::BAD_REQUEST,
                format!("{field} is longer than {max} characters"),
            ));
        }
        contact.insert(field.to_owned(), value.into());
    }
    let request = SubmitReport {
        category: category.code.to_owned(),
        title: title(description, category.name.0),
        description: description.to_owned(),
        // An Open311 client sends a `media_url`, which we do not fetch (a server that fetches
        // what anyone names is a proxy for them); so this report has no photos, and the app's
        // rule of one to five photos is waived for this source alone.
        photos: Vec::new(),
        location,
        address: address.map(str::to_owned),
        // Public by nature; see `create`.
        public: true,
    };
    let checked = match reports::check(routing, &request) {
        Ok(checked) => checked,
        Err(problems) => {
            let problems: Vec<FieldError> = problems
                .into_iter()
                .filter(|p| !(p.field == "photos" && p.problem == FieldProblem::Required))
                .collect();
            if !problems.is_empty() {
                return Err(Refused::Said(
                    StatusCode::BAD_REQUEST,
                    problems.iter().map(problem_text).collect(),
                ));
            }
            // The missing photos were the only problem: what `check` would have answered.
            Checked {
                category,
                area_code: location
                    .and_then(|p| routing.area_at(p))
                    .map(|a| a.code.clone()),
                route: routing.route(category, location),
            }
        }
    };
    Ok(Post {
        contact: (!contact.is_empty()).then(|| serde_json::Value::Object(contact).to_string()),
        account_id: form.one("account_id")?.map(str::to_owned),
        request,
        checked,
    })
}

/// What a refusal says: the status and one description per problem.
fn said(refusal: Refused) -> (u16, Vec<String>) {
    match refusal {
        Refused::Said(status, descriptions) => (status.as_u16(), descriptions),
        Refused::Failed(e) => (500, vec![e.to_string()]),
    }
}

/// `read_post` for the fuzz target: the checked report, or the refusal's status and texts.
#[doc(hidden)]
pub fn fuzz_post(
    keys: &ApiKeys,
    routing: &Routing,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Post, (u16, Vec<String>)> {
    read_post(keys, routing, content_type, body).map_err(said)
}

/// The filter a `GET /requests` query string asks for, for the fuzz target.
#[doc(hidden)]
pub fn fuzz_query(query: &[u8]) -> Result<OpenRequestFilter, (u16, Vec<String>)> {
    filter(&Params::parse(query)).map_err(said)
}

/// `lat` and `long`, both or neither, as numbers.
fn location(form: &Params) -> Result<Option<GeoPoint>, Refused> {
    let number = |name: &str| -> Result<Option<f64>, Refused> {
        form.one(name)?
            .map(|v| {
                v.parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| {
                        refused(StatusCode::BAD_REQUEST, format!("{name} is not a number"))
                    })
            })
            .transpose()
    };
    match (number("lat")?, number("long")?) {
        (Some(lat), Some(lon)) => Ok(Some(GeoPoint { lat, lon })),
        (None, None) => Ok(None),
        _ => Err(refused(
            StatusCode::BAD_REQUEST,
            "lat and long must be sent together",
        )),
    }
}

/// The report's title: the description's first line, cut at 80 characters, or the service name.
fn title(description: &str, service_name: &str) -> String {
    match description.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(line) => line.chars().take(80).collect(),
        None => service_name.to_owned(),
    }
}

/// A problem of the app's checks, named by the Open311 parameter it comes from.
fn problem_text(p: &FieldError) -> String {
    let parameter = match p.field.as_str() {
        "category" => "service_code",
        "title" | "description" => "description",
        "address" => "address_string",
        "location" => "lat/long",
        other => other,
    };
    let problem = match &p.problem {
        FieldProblem::Required => "required".to_owned(),
        FieldProblem::TooLong { max } => format!("longer than {max} characters"),
        FieldProblem::OutsideProvince => "outside the city of Huế".to_owned(),
        FieldProblem::UnknownChoice => "unknown".to_owned(),
        other => format!("{other:?}"),
    };
    format!("{parameter}: {problem}")
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::config::Cli;

    fn keys(args: &[&str]) -> ApiKeys {
        let cli = Cli::try_parse_from([&["citizen-server"], args].concat()).expect("parses");
        ApiKeys::from_config(&cli.config)
    }

    #[test]
    fn keys_come_from_the_option_and_the_demo_key_only_with_demo() {
        let production = keys(&["--open311-api-keys", "k-one, k-two,,"]);
        assert!(production.accepts("k-one") && production.accepts("k-two"));
        assert!(!production.accepts(DEMO_API_KEY));
        assert!(!production.accepts("") && !production.accepts("k-one, k-two"));
        let demo = keys(&["--demo"]);
        assert!(demo.accepts(DEMO_API_KEY) && !demo.accepts("k-one"));
    }

    /// Found by `fuzz/fuzz_targets/open311_input.rs`: a date near the end of the calendar made
    /// the 90-day window overflow, which panicked the request's task.
    #[test]
    fn dates_at_the_end_of_the_calendar_are_answered_not_a_panic() {
        let window = |query: &str| fuzz_query(query.as_bytes()).map(|f| (f.from, f.until));
        let (from, until) = window("start_date=9999-12-31T00:00:00Z").unwrap();
        assert!(from <= until);
        let (from, until) = window("end_date=0000-01-01T00:00:00Z").unwrap();
        assert!(from <= until);
        // A time the UTC calendar cannot hold (year 10000 there) is not a date at all.
        let (status, _) = window("start_date=9999-12-31T23:00:00-05:00").unwrap_err();
        assert_eq!(status, 400);
    }

    #[test]
    fn formats_titles_and_keywords() {
        assert_eq!(
            Format::split("PA-261123-0001.xml"),
            Some(("PA-261123-0001", Format::Xml))
        );
        assert_eq!(
            Format::split("giao-thong.json"),
            Some(("giao-thong", Format::Json))
        );
        assert_eq!(Format::split("giao-thong.JSON"), None);
        assert_eq!(Format::split(".json"), None);
        assert_eq!(Format::split("giao-thong"), None);
        assert_eq!(
            title("\n  Đèn tắt  \nđã ba ngày", "Điện chiếu sáng"),
            "Đèn tắt"
        );
        assert_eq!(title(" \n ", "Điện chiếu sáng"), "Điện chiếu sáng");
        assert_eq!(title(&"ổ".repeat(100), "x").chars().count(), 80);
        assert_eq!(
            keywords("Natural disasters and flooding"),
            "natural disasters, flooding"
        );
        assert_eq!(
            w3c("2026-11-23T04:05:06.123456Z").unwrap(),
            "2026-11-23T11:05:06+07:00"
        );
    }
}
