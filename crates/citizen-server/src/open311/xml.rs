//! The XML form of an Open311 answer: the declaration the specification requires, then the value
//! under its root element, written by quick-xml's serde serializer (escaping included).

use serde::Serialize;

const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

pub(super) fn document<T: Serialize>(root: &str, value: &T) -> Result<String, quick_xml::SeError> {
    let mut out = String::from(DECLARATION);
    let serializer = quick_xml::se::Serializer::with_root(&mut out, Some(root))?;
    value.serialize(serializer)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use citizen_protocol::open311::{Open311Error, XmlErrors};

    use super::*;

    #[test]
    fn a_document_has_the_declaration_its_root_one_element_per_item_and_escaped_text() {
        let errors = XmlErrors {
            error: vec![
                Open311Error {
                    code: 403,
                    description: "api_key <missing> & more".into(),
                },
                Open311Error {
                    code: 400,
                    description: "lat".into(),
                },
            ],
        };
        assert_eq!(
            document("errors", &errors).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors>\
             <error><code>403</code><description>api_key &lt;missing&gt; &amp; more</description></error>\
             <error><code>400</code><description>lat</description></error></errors>"
        );
        assert_eq!(
            document("errors", &XmlErrors { error: vec![] }).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<errors/>"
        );
    }
}
