//! A small element writer over quick-xml: open, empty and close by name, escaped text and
//! attributes, and nothing that XML 1.0 forbids (control characters are dropped).

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;
use std::io;

/// The WordprocessingML main namespace.
pub(super) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace used inside parts (`r:id`).
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An XML part being written.
pub(super) struct Xml {
    writer: Writer<Vec<u8>>,
    open: Vec<&'static str>,
}

impl Xml {
    /// A part that starts with the XML declaration.
    pub(super) fn new() -> io::Result<Self> {
        let mut writer = Writer::new(Vec::with_capacity(4096));
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))?;
        writer.get_mut().extend_from_slice(b"\r\n");
        Ok(Self { writer, open: Vec::new() })
    }

    fn start(name: &'static str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            start.push_attribute((*key, xml_safe(value).as_ref()));
        }
        start
    }

    /// Opens an element; [`Xml::close`] closes it.
    pub(super) fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.writer.write_event(Event::Start(Self::start(name, attrs)))?;
        self.open.push(name);
        Ok(())
    }

    /// Writes an element without content.
    pub(super) fn empty(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.writer.write_event(Event::Empty(Self::start(name, attrs)))
    }

    /// Closes the element opened last.
    pub(super) fn close(&mut self) -> io::Result<()> {
        match self.open.pop() {
            Some(name) => self.writer.write_event(Event::End(BytesEnd::new(name))),
            None => Err(io::Error::other("an XML element was closed twice")),
        }
    }

    /// Writes escaped character data.
    pub(super) fn text(&mut self, text: &str) -> io::Result<()> {
        self.writer.write_event(Event::Text(BytesText::new(&xml_safe(text))))
    }

    /// An element holding only text: `<name attrs>text</name>`.
    pub(super) fn text_element(&mut self, name: &'static str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.open(name, attrs)?;
        self.text(text)?;
        self.close()
    }

    /// The finished part; every element still open is closed.
    pub(super) fn finish(mut self) -> io::Result<Vec<u8>> {
        while !self.open.is_empty() {
            self.close()?;
        }
        Ok(self.writer.into_inner())
    }
}

/// Text without the characters XML 1.0 cannot hold (C0 controls other than tab, line feed and
/// carriage return; U+FFFE and U+FFFF).
pub(super) fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}');
    if text.chars().all(allowed) { Cow::Borrowed(text) } else { Cow::Owned(text.chars().filter(|&c| allowed(c)).collect()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_made_safe() {
        let mut xml = Xml::new().expect("writes");
        xml.open("w:p", &[("w:author", "A & \"B\"\u{1}")]).expect("writes");
        xml.text("<x> & \u{0}y").expect("writes");
        let bytes = xml.finish().expect("closes");
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(text.ends_with("<w:p w:author=\"A &amp; &quot;B&quot;\">&lt;x&gt; &amp; y</w:p>"), "{text}");
    }

    #[test]
    fn closing_too_often_is_an_error() {
        let mut xml = Xml::new().expect("writes");
        assert!(xml.close().is_err());
    }
}
