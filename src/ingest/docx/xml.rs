//! A streaming reader for the XML parts of a package, with the safety rules of untrusted input:
//! nesting depth is limited, a DTD is refused (so no entity can ever be declared, let alone an
//! external one fetched), and only the five predefined entities and character references are
//! resolved.

use super::DocxError;
use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;

/// Deepest element nesting accepted. Word's own documents stay far below (tables in tables
/// reach a few dozen); a deeper file is hostile or broken.
pub(super) const MAX_DEPTH: usize = 256;

/// One step of a part's XML, simplified for the readers: empty elements arrive as an
/// `Open` followed by a `Close`, entity references as `Text`.
pub(super) enum Node<'a> {
    /// A start tag.
    Open(BytesStart<'a>),
    /// An end tag, by local name.
    Close,
    /// Character data (unescaped).
    Text(Cow<'a, str>),
    /// The end of the part.
    End,
}

/// A pull reader over one part's text.
pub(super) struct PartReader<'a> {
    reader: Reader<&'a [u8]>,
    part: &'a str,
    depth: usize,
}

impl<'a> PartReader<'a> {
    /// A reader over `xml`, named `part` in errors.
    pub(super) fn new(part: &'a str, xml: &'a str) -> Self {
        let mut reader = Reader::from_str(xml);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        Self { reader, part, depth: 0 }
    }

    /// Current element depth (1 inside the root element).
    pub(super) fn depth(&self) -> usize {
        self.depth
    }

    /// The next start tag inside the element whose children are deeper than `base`, or `None`
    /// once that element closes (or the part ends); end tags and text are passed over.
    pub(super) fn child(&mut self, base: usize) -> Result<Option<BytesStart<'a>>, DocxError> {
        while self.depth > base {
            match self.next()? {
                Node::Open(start) => return Ok(Some(start)),
                Node::End => return Ok(None),
                Node::Close | Node::Text(_) => {}
            }
        }
        Ok(None)
    }

    /// The next node; comments, processing instructions and the declaration are skipped.
    pub(super) fn next(&mut self) -> Result<Node<'a>, DocxError> {
        loop {
            let event = self.reader.read_event().map_err(|error| self.error(error.to_string()))?;
            return Ok(match event {
                Event::Start(start) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(DocxError::TooDeep { part: self.part.to_string(), limit: MAX_DEPTH });
                    }
                    Node::Open(start)
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Node::Close
                }
                Event::Text(text) => Node::Text(text.xml10_content()),
                Event::CData(data) => Node::Text(data.xml10_content()),
                Event::GeneralRef(reference) => {
                    if let Ok(Some(c)) = reference.resolve_char_ref() {
                        Node::Text(Cow::Owned(c.to_string()))
                    } else if let Some(text) = resolve_predefined_entity(&reference) {
                        Node::Text(Cow::Borrowed(text))
                    } else {
                        // An undeclared entity (no DTD can declare one): dropped, never resolved.
                        continue;
                    }
                }
                Event::DocType(_) => return Err(self.error("a DTD is not allowed in a Word document".to_string())),
                Event::Eof => Node::End,
                Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            });
        }
    }

    /// Skips the rest of the element whose start tag was just read.
    pub(super) fn skip_element(&mut self) -> Result<(), DocxError> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            if let Node::End = self.next()? {
                break;
            }
        }
        Ok(())
    }

    fn error(&self, message: String) -> DocxError {
        DocxError::Xml { part: self.part.to_string(), position: self.reader.error_position(), message }
    }
}

/// The local name of an element (`p` for `w:p`).
pub(super) fn local<'b>(start: &'b BytesStart<'_>) -> &'b str {
    let name = start.name().into_inner();
    name.rsplit(':').next().unwrap_or(name)
}

/// The value of the attribute with this local name (`val` for `w:val`), unescaped.
pub(super) fn attr(start: &BytesStart<'_>, name: &str) -> Option<String> {
    let mut attributes = start.attributes();
    attributes.with_checks(false);
    attributes
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_or_else(|_| a.value.to_string(), Cow::into_owned))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): on unless its value says off.
pub(super) fn is_on(start: &BytesStart<'_>) -> bool {
    !matches!(attr(start, "val").as_deref(), Some("0" | "false" | "off"))
}

/// A numeric attribute.
pub(super) fn attr_number<T: std::str::FromStr>(start: &BytesStart<'_>, name: &str) -> Option<T> {
    attr(start, name).and_then(|v| v.trim().parse().ok())
}

/// A part's bytes as text: UTF-8 (BOM dropped) or, rarely, UTF-16 with a BOM.
pub(super) fn part_text(part: &str, bytes: Vec<u8>) -> Result<String, DocxError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DocxError::Xml { part: part.to_string(), position: 0, message: format!("invalid {} text", encoding.name()) });
        }
        return Ok(text.into_owned());
    }
    String::from_utf8(bytes).map_err(|e| DocxError::Xml {
        part: part.to_string(),
        position: e.utf8_error().valid_up_to() as u64,
        message: "invalid UTF-8 text".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_dtd() {
        let mut reader = PartReader::new("p", "<a>x&amp;&#1078;&unknown;y</a>");
        let mut text = String::new();
        loop {
            match reader.next().unwrap() {
                Node::Text(t) => text.push_str(&t),
                Node::End => break,
                _ => {}
            }
        }
        assert_eq!(text, "x&жy");
        let mut reader = PartReader::new("p", "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>");
        assert!(matches!(reader.next(), Err(DocxError::Xml { .. })));
    }

    #[test]
    fn depth_is_limited() {
        let deep = format!("{}{}", "<a>".repeat(MAX_DEPTH + 1), "</a>".repeat(MAX_DEPTH + 1));
        let mut reader = PartReader::new("p", &deep);
        let result = loop {
            match reader.next() {
                Ok(Node::End) => break Ok(()),
                Ok(_) => {}
                Err(e) => break Err(e),
            }
        };
        assert!(matches!(result, Err(DocxError::TooDeep { .. })));
    }
}
