//! The zip package: content types, relationships and parts, written in a fixed order with a
//! fixed timestamp so that the same content gives the same bytes.

use super::model::Package;
use super::story::{Ids, StoryWriter};
use super::{DocxWriteError, parts, styles};
use std::io::Write;

const CT_MAIN: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const CT_PREFIX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
const REL_PREFIX: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// Writes a package to DOCX bytes.
pub(crate) fn write(package: &Package) -> Result<Vec<u8>, DocxWriteError> {
    let mut writer = StoryWriter { package, ids: Ids::default() };
    let document = parts::document(&mut writer, package)?;
    let footnotes = if package.notes.is_empty() { None } else { Some(parts::footnotes(&mut writer, package)?) };
    let comments = if package.comments.is_empty() { None } else { Some(parts::comments(package)?) };

    // (part, content type, relationship type from the document)
    let mut word_parts: Vec<(&str, &str, &str)> =
        vec![("styles.xml", "styles+xml", "styles"), ("settings.xml", "settings+xml", "settings")];
    if footnotes.is_some() {
        word_parts.push(("footnotes.xml", "footnotes+xml", "footnotes"));
    }
    if comments.is_some() {
        word_parts.push(("comments.xml", "comments+xml", "comments"));
    }

    let mut zip = Zip::new();
    zip.add("[Content_Types].xml", &content_types(&word_parts))?;
    zip.add("_rels/.rels", RELS.as_bytes())?;
    zip.add("docProps/core.xml", &parts::core(package)?)?;
    zip.add("word/document.xml", &document)?;
    zip.add("word/_rels/document.xml.rels", &document_rels(&word_parts))?;
    zip.add("word/styles.xml", &styles::styles(&package.lang)?)?;
    zip.add("word/settings.xml", &parts::settings(package)?)?;
    if let Some(footnotes) = footnotes {
        zip.add("word/footnotes.xml", &footnotes)?;
    }
    if let Some(comments) = comments {
        zip.add("word/comments.xml", &comments)?;
    }
    zip.finish()
}

const RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "</Relationships>"
);

fn content_types(word_parts: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    ));
    out.push_str(&format!("<Override PartName=\"/word/document.xml\" ContentType=\"{CT_MAIN}\"/>"));
    for (part, content_type, _) in word_parts {
        out.push_str(&format!("<Override PartName=\"/word/{part}\" ContentType=\"{CT_PREFIX}{content_type}\"/>"));
    }
    out.push_str("</Types>");
    out.into_bytes()
}

fn document_rels(word_parts: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    ));
    for (index, (part, _, relationship)) in word_parts.iter().enumerate() {
        out.push_str(&format!("<Relationship Id=\"rId{}\" Type=\"{REL_PREFIX}{relationship}\" Target=\"{part}\"/>", index + 1));
    }
    out.push_str("</Relationships>");
    out.into_bytes()
}

/// A zip archive being written in memory.
struct Zip {
    writer: zip::ZipWriter<std::io::Cursor<Vec<u8>>>,
}

impl Zip {
    fn new() -> Self {
        Self { writer: zip::ZipWriter::new(std::io::Cursor::new(Vec::new())) }
    }

    fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), DocxWriteError> {
        // A fixed time: the same content gives the same file.
        let options = zip::write::SimpleFileOptions::DEFAULT.compression_method(zip::CompressionMethod::Deflated);
        self.writer.start_file(name, options)?;
        self.writer.write_all(bytes)?;
        Ok(())
    }

    fn finish(self) -> Result<Vec<u8>, DocxWriteError> {
        Ok(self.writer.finish()?.into_inner())
    }
}
