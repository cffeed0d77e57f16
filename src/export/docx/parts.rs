//! The XML parts of the package: the document, footnotes, comments, settings and core
//! properties. Styles are in [`super::styles`].

use super::model::{Inline, Package, Paragraph, Style};
use super::story::StoryWriter;
use super::xml::{NS_R, NS_W, Xml};
use std::io;

/// A4 portrait with 2 cm margins, in twentieths of a point.
const PAGE: [(&str, &str); 2] = [("w:w", "11906"), ("w:h", "16838")];
const MARGINS: [(&str, &str); 7] = [
    ("w:top", "1134"),
    ("w:right", "1134"),
    ("w:bottom", "1134"),
    ("w:left", "1134"),
    ("w:header", "709"),
    ("w:footer", "709"),
    ("w:gutter", "0"),
];

/// `word/document.xml`.
pub(super) fn document(writer: &mut StoryWriter<'_>, package: &Package) -> io::Result<Vec<u8>> {
    let mut xml = Xml::new()?;
    xml.open("w:document", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    xml.open("w:body", &[])?;
    writer.items(&mut xml, &package.body)?;
    // A body ends with a paragraph (Word adds one after a final table, and wants one at all).
    if !matches!(package.body.last(), Some(super::model::BodyItem::Paragraph(_))) {
        writer.paragraph(&mut xml, &Paragraph::default(), &[])?;
    }
    xml.open("w:sectPr", &[])?;
    xml.empty("w:pgSz", &PAGE)?;
    xml.empty("w:pgMar", &MARGINS)?;
    xml.close()?;
    xml.finish()
}

/// `word/footnotes.xml`: the two separators, then every note.
pub(super) fn footnotes(writer: &mut StoryWriter<'_>, package: &Package) -> io::Result<Vec<u8>> {
    let mut xml = Xml::new()?;
    xml.open("w:footnotes", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    for (id, kind, mark) in [("-1", "separator", "w:separator"), ("0", "continuationSeparator", "w:continuationSeparator")] {
        xml.open("w:footnote", &[("w:type", kind), ("w:id", id)])?;
        xml.open("w:p", &[])?;
        xml.open("w:pPr", &[])?;
        xml.open("w:spacing", &[("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")])?;
        xml.close()?;
        xml.close()?;
        xml.open("w:r", &[])?;
        xml.empty(mark, &[])?;
        xml.close()?;
        xml.close()?;
        xml.close()?;
    }
    for note in &package.notes {
        xml.open("w:footnote", &[("w:id", &note.id.to_string())])?;
        let empty = [Paragraph::new(Style::FootnoteText)];
        let paragraphs = if note.paragraphs.is_empty() { &empty[..] } else { &note.paragraphs[..] };
        for (index, paragraph) in paragraphs.iter().enumerate() {
            // The note's own mark, then a space, start its first paragraph.
            let prefix = [Inline::NoteMark(note.mark.clone()), Inline::text(" ")];
            writer.paragraph(&mut xml, paragraph, if index == 0 { &prefix } else { &[] })?;
        }
        xml.close()?;
    }
    xml.finish()
}

/// `word/comments.xml`.
pub(super) fn comments(package: &Package) -> io::Result<Vec<u8>> {
    let mut xml = Xml::new()?;
    xml.open("w:comments", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    for comment in &package.comments {
        let id = comment.id.to_string();
        xml.open(
            "w:comment",
            &[("w:id", &id), ("w:author", &comment.author), ("w:date", &comment.date), ("w:initials", &comment.initials)],
        )?;
        let empty = [String::new()];
        let lines = if comment.paragraphs.is_empty() { &empty[..] } else { &comment.paragraphs[..] };
        for (index, line) in lines.iter().enumerate() {
            xml.open("w:p", &[])?;
            xml.open("w:pPr", &[])?;
            xml.empty("w:pStyle", &[("w:val", Style::CommentText.id())])?;
            xml.close()?;
            if index == 0 {
                xml.open("w:r", &[])?;
                xml.open("w:rPr", &[])?;
                xml.empty("w:rStyle", &[("w:val", "CommentReference")])?;
                xml.close()?;
                xml.empty("w:annotationRef", &[])?;
                xml.close()?;
            }
            if !line.is_empty() {
                xml.open("w:r", &[])?;
                xml.text_element("w:t", &[("xml:space", "preserve")], line)?;
                xml.close()?;
            }
            xml.close()?;
        }
        xml.close()?;
    }
    xml.finish()
}

/// `word/settings.xml`: Track Changes on for redlines, footnote separators, Word 2013+ layout.
pub(super) fn settings(package: &Package) -> io::Result<Vec<u8>> {
    let mut xml = Xml::new()?;
    xml.open("w:settings", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    xml.empty("w:zoom", &[("w:percent", "100")])?;
    if package.track_revisions {
        xml.empty("w:trackRevisions", &[])?;
    }
    xml.empty("w:defaultTabStop", &[("w:val", "567")])?;
    xml.empty("w:characterSpacingControl", &[("w:val", "doNotCompress")])?;
    if !package.notes.is_empty() {
        xml.open("w:footnotePr", &[])?;
        xml.empty("w:footnote", &[("w:id", "-1")])?;
        xml.empty("w:footnote", &[("w:id", "0")])?;
        xml.close()?;
    }
    xml.open("w:compat", &[])?;
    xml.empty(
        "w:compatSetting",
        &[("w:name", "compatibilityMode"), ("w:uri", "http://schemas.microsoft.com/office/word"), ("w:val", "15")],
    )?;
    xml.close()?;
    xml.finish()
}

/// `docProps/core.xml`.
pub(super) fn core(package: &Package) -> io::Result<Vec<u8>> {
    let mut xml = Xml::new()?;
    xml.open(
        "cp:coreProperties",
        &[
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    )?;
    xml.text_element("dc:title", &[], &package.title)?;
    xml.text_element("dc:creator", &[], &package.creator)?;
    if !package.lang.is_empty() {
        xml.text_element("dc:language", &[], &package.lang)?;
    }
    xml.text_element("dcterms:created", &[("xsi:type", "dcterms:W3CDTF")], &package.created)?;
    xml.text_element("dcterms:modified", &[("xsi:type", "dcterms:W3CDTF")], &package.created)?;
    xml.finish()
}
