//! A small element tree read with `quick-xml`, for the XML formats (KML, GPX): names without
//! their namespace prefix, attributes, text with entities resolved, children in order.
//! Nesting is bounded so a hostile file cannot exhaust the stack.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Attribute values are normalised as XML 1.0 says (every KML and GPX file is 1.0).
const XML_1_0: quick_xml::XmlVersion = quick_xml::XmlVersion::Implicit1_0;

/// Deepest element nesting accepted.
const MAX_DEPTH: usize = 256;

/// One XML element.
#[derive(Debug, Default)]
pub(crate) struct Element {
    /// Local name (`Placemark`, `wpt`); the namespace prefix is dropped.
    pub name: String,
    pub attributes: Vec<(String, String)>,
    /// The element's own text (CDATA included), entities resolved.
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    /// The first child named `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The children named `name`.
    pub(crate) fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child named `name`, if it has any.
    pub(crate) fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }

    /// The value of attribute `name`.
    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn local(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

fn element(start: &BytesStart<'_>) -> Element {
    let attributes = start
        .attributes()
        .flatten()
        .map(|a| {
            let value = a.normalized_value(XML_1_0).map_or_else(
                |_| String::from_utf8_lossy(&a.value).into_owned(),
                |v| v.into_owned(),
            );
            (local(a.key.local_name().as_ref()), value)
        })
        .collect();
    Element {
        name: local(start.local_name().as_ref()),
        attributes,
        ..Element::default()
    }
}

/// Parses `text` into its root element.
///
/// # Errors
/// The parser's message with the byte position, when the text is not well-formed XML.
pub(crate) fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    // A document root that holds the real root, so a file with stray text still parses.
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "not well-formed XML near byte {}: {e}",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH}"));
                }
                stack.push(element(&start));
            }
            Event::Empty(start) => {
                let e = element(&start);
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(e);
                }
            }
            Event::End(_) => {
                if stack.len() > 1
                    && let Some(done) = stack.pop()
                    && let Some(parent) = stack.last_mut()
                {
                    parent.children.push(done);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(
                        &t.decode()
                            .unwrap_or_else(|_| String::from_utf8_lossy(&t).into_owned().into()),
                    );
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => r.decode().ok().and_then(|name| {
                        quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
                    }),
                };
                if let (Some(top), Some(s)) = (stack.last_mut(), resolved) {
                    top.text.push_str(&s);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    // Unclosed elements at the end: close them (a truncated file keeps what it has).
    while stack.len() > 1 {
        if let Some(done) = stack.pop()
            && let Some(parent) = stack.last_mut()
        {
            parent.children.push(done);
        }
    }
    let mut document = stack.pop().unwrap_or_default();
    match document.children.len() {
        0 => Err("no XML element in the file".into()),
        _ => Ok(document.children.swap_remove(0)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn entities_cdata_and_prefixes_are_resolved() {
        let root = parse(
            r#"<?xml version="1.0"?><kml xmlns:gx="x"><gx:Track a="1&amp;2"/><name>A &amp; B &#x15F;</name><d><![CDATA[<b>x</b>]]></d></kml>"#,
        )
        .unwrap();
        assert_eq!(root.name, "kml");
        assert_eq!(root.child("Track").unwrap().attribute("a"), Some("1&2"));
        assert_eq!(root.child_text("name"), Some("A & B ş"));
        assert_eq!(root.child_text("d"), Some("<b>x</b>"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "<a>".repeat(10_000);
        assert!(parse(&text).unwrap_err().contains("nested"));
    }
}
