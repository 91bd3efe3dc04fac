//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>), the open standard through which
//! any city app, researcher or newsroom lists the report categories, files a report and follows
//! the public ones. Field and element names are the specification's, letter for letter.
//!
//! JSON answers are the list itself; XML wraps the list in a plural root element with one child
//! element per item (the specification's "Spark convention"). The `Xml*` wrappers below are that
//! second shape. An absent value is `null` in JSON and an empty element in XML.
//!
//! No TypeScript export: the app speaks its own API, not this one.

use serde::{Deserialize, Serialize};

/// The API's base URL, relative to the server root. Each resource takes its format as the path's
/// extension: `/services.json`, `/requests/PA-261123-0001.xml`.
pub const OPEN311_BASE_PATH: &str = "/open311/v2";

/// `GET /services.{format}`: one service request type. Its `service_code` is a report category's
/// code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    /// Whether the service has attributes to fetch from its service definition.
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: ServiceType,
    /// Comma-separated.
    pub keywords: String,
    pub group: String,
}

/// What a client gets back when it posts a request of this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum ServiceType {
    /// The `service_request_id` at once.
    Realtime,
    /// A token to exchange later for the id.
    Batch,
    /// Nothing.
    Blackbox,
}

impl From<ServiceType> for &'static str {
    fn from(kind: ServiceType) -> &'static str {
        match kind {
            ServiceType::Realtime => "realtime",
            ServiceType::Batch => "batch",
            ServiceType::Blackbox => "blackbox",
        }
    }
}

impl TryFrom<String> for ServiceType {
    type Error = String;

    fn try_from(s: String) -> Result<ServiceType, String> {
        [
            ServiceType::Realtime,
            ServiceType::Batch,
            ServiceType::Blackbox,
        ]
        .into_iter()
        .find(|k| <&str>::from(*k) == s)
        .ok_or_else(|| format!("unknown service type {s:?}"))
    }
}

/// `GET /services/{service_code}.{format}`: the extra fields a service asks for. A JSON object
/// (not a list); in XML the root is `service_definition`, see [`XmlServiceDefinition`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceDefinition {
    pub service_code: String,
    pub attributes: Vec<ServiceAttribute>,
}

/// One extra field of a service, sent back as `attribute[code]=value` when posting a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceAttribute {
    /// `false`: shown to the user as information only.
    pub variable: bool,
    pub code: String,
    /// `string`, `number`, `datetime`, `text`, `singlevaluelist` or `multivaluelist`.
    pub datatype: String,
    pub required: bool,
    pub datatype_description: Option<String>,
    /// 1 is shown first.
    pub order: u32,
    pub description: String,
    pub values: Vec<AttributeValue>,
}

/// A choice of a `singlevaluelist` or `multivaluelist` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeValue {
    pub key: String,
    pub name: String,
}

/// `open` while it is being dealt with, `closed` once resolved (or refused).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&'static str", try_from = "String")]
pub enum RequestStatus {
    Open,
    Closed,
}

impl RequestStatus {
    pub fn parse(s: &str) -> Option<RequestStatus> {
        match s {
            "open" => Some(RequestStatus::Open),
            "closed" => Some(RequestStatus::Closed),
            _ => None,
        }
    }
}

impl From<RequestStatus> for &'static str {
    fn from(status: RequestStatus) -> &'static str {
        match status {
            RequestStatus::Open => "open",
            RequestStatus::Closed => "closed",
        }
    }
}

impl TryFrom<String> for RequestStatus {
    type Error = String;

    fn try_from(s: String) -> Result<RequestStatus, String> {
        RequestStatus::parse(&s).ok_or_else(|| format!("unknown status {s:?}"))
    }
}

/// `GET /requests.{format}` and `GET /requests/{id}.{format}`: one service request, in the
/// specification's order. Nothing here says who sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequest {
    pub service_request_id: String,
    pub status: RequestStatus,
    /// Why it is in its status: the agency's answer or reason.
    pub status_notes: Option<String>,
    pub service_name: String,
    pub service_code: String,
    pub description: String,
    pub agency_responsible: Option<String>,
    pub service_notice: Option<String>,
    /// W3C date and time with its offset, as every datetime here.
    pub requested_datetime: String,
    /// For a closed request, when it was closed.
    pub updated_datetime: String,
    pub expected_datetime: Option<String>,
    pub address: Option<String>,
    pub address_id: Option<String>,
    pub zipcode: Option<String>,
    /// WGS 84.
    pub lat: Option<f64>,
    /// WGS 84.
    pub long: Option<f64>,
    pub media_url: Option<String>,
}

/// `POST /requests.{format}`'s answer, a list of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedRequest {
    pub service_request_id: String,
    /// What will happen next.
    pub service_notice: Option<String>,
    pub account_id: Option<String>,
}

/// One error of an answer that is a list of them. `code` is the HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Open311Error {
    pub code: u16,
    pub description: String,
}

/// XML root `services`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmlServices {
    #[serde(default)]
    pub service: Vec<Service>,
}

/// XML root `service_requests`: of [`ServiceRequest`]s, or of one [`CreatedRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmlServiceRequests<T> {
    #[serde(default = "Vec::new")]
    pub request: Vec<T>,
}

/// XML root `errors`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmlErrors {
    #[serde(default)]
    pub error: Vec<Open311Error>,
}

/// XML root `service_definition`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmlServiceDefinition {
    pub service_code: String,
    pub attributes: XmlAttributes,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmlAttributes {
    #[serde(default)]
    pub attribute: Vec<XmlServiceAttribute>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XmlServiceAttribute {
    pub variable: bool,
    pub code: String,
    pub datatype: String,
    pub required: bool,
    pub datatype_description: Option<String>,
    pub order: u32,
    pub description: String,
    pub values: XmlValues,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct XmlValues {
    #[serde(default)]
    pub value: Vec<AttributeValue>,
}

impl From<&ServiceDefinition> for XmlServiceDefinition {
    fn from(definition: &ServiceDefinition) -> XmlServiceDefinition {
        XmlServiceDefinition {
            service_code: definition.service_code.clone(),
            attributes: XmlAttributes {
                attribute: definition
                    .attributes
                    .iter()
                    .map(|a| XmlServiceAttribute {
                        variable: a.variable,
                        code: a.code.clone(),
                        datatype: a.datatype.clone(),
                        required: a.required,
                        datatype_description: a.datatype_description.clone(),
                        order: a.order,
                        description: a.description.clone(),
                        values: XmlValues {
                            value: a.values.clone(),
                        },
                    })
                    .collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_and_values_are_the_specifications() {
        let service = Service {
            service_code: "chieu-sang".into(),
            service_name: "Điện chiếu sáng".into(),
            description: "Đèn đường không sáng".into(),
            metadata: false,
            kind: ServiceType::Realtime,
            keywords: "street lighting".into(),
            group: "phản ánh hiện trường".into(),
        };
        let json = serde_json::to_value(&service).unwrap();
        assert_eq!(json["type"], "realtime");
        assert_eq!(json["metadata"], false);
        assert_eq!(serde_json::from_value::<Service>(json).unwrap(), service);
        let request = ServiceRequest {
            service_request_id: "PA-261123-0001".into(),
            status: RequestStatus::Closed,
            status_notes: None,
            service_name: "Điện chiếu sáng".into(),
            service_code: "chieu-sang".into(),
            description: "x".into(),
            agency_responsible: None,
            service_notice: None,
            requested_datetime: "2026-11-23T09:00:00+07:00".into(),
            updated_datetime: "2026-11-23T09:00:00+07:00".into(),
            expected_datetime: None,
            address: None,
            address_id: None,
            zipcode: None,
            lat: Some(16.4637),
            long: Some(107.5909),
            media_url: None,
        };
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json["status"], "closed");
        assert_eq!(json["long"], 107.5909);
        assert!(json["media_url"].is_null(), "absent is null, not missing");
        assert_eq!(json.as_object().unwrap().len(), 17);
        assert!(serde_json::from_value::<ServiceType>("weekly".into()).is_err());
    }
}
