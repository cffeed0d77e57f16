//! Builds small Word files in memory for the tests: the parts a reader needs, zipped with the
//! zip crate's writer.

use std::io::Write;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A Word file under construction.
pub(super) struct DocxBuilder {
    body: String,
    styles: Option<String>,
    numbering: Option<String>,
    footnotes: Option<String>,
    endnotes: Option<String>,
    comments: Option<String>,
}

impl DocxBuilder {
    /// A document whose `w:body` holds `body`.
    pub(super) fn new(body: &str) -> Self {
        Self { body: body.to_string(), styles: None, numbering: None, footnotes: None, endnotes: None, comments: None }
    }

    /// `w:style` elements for `styles.xml`.
    pub(super) fn styles(mut self, styles: &str) -> Self {
        self.styles = Some(format!("<w:styles {W}>{styles}</w:styles>"));
        self
    }

    /// `w:abstractNum` and `w:num` elements for `numbering.xml`.
    pub(super) fn numbering(mut self, numbering: &str) -> Self {
        self.numbering = Some(format!("<w:numbering {W}>{numbering}</w:numbering>"));
        self
    }

    /// `w:footnote` elements for `footnotes.xml` (the two separators are added).
    pub(super) fn footnotes(mut self, footnotes: &str) -> Self {
        self.footnotes = Some(format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{footnotes}</w:footnotes>"#
        ));
        self
    }

    /// `w:endnote` elements for `endnotes.xml`.
    pub(super) fn endnotes(mut self, endnotes: &str) -> Self {
        self.endnotes = Some(format!("<w:endnotes {W}>{endnotes}</w:endnotes>"));
        self
    }

    /// `w:comment` elements for `comments.xml`.
    pub(super) fn comments(mut self, comments: &str) -> Self {
        self.comments = Some(format!("<w:comments {W}>{comments}</w:comments>"));
        self
    }

    /// The zipped package.
    pub(super) fn build(&self) -> Vec<u8> {
        let mut relationships = String::new();
        let mut overrides = String::new();
        let mut entries: Vec<(String, String)> = Vec::new();
        let optional = [
            ("styles", "styles.xml", &self.styles),
            ("numbering", "numbering.xml", &self.numbering),
            ("footnotes", "footnotes.xml", &self.footnotes),
            ("endnotes", "endnotes.xml", &self.endnotes),
            ("comments", "comments.xml", &self.comments),
        ];
        for (i, (kind, file, xml)) in optional.into_iter().enumerate() {
            if let Some(xml) = xml {
                relationships.push_str(&format!(
                    r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{file}"/>"#
                ));
                overrides.push_str(&format!(
                    r#"<Override PartName="/word/{file}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>"#
                ));
                entries.push((format!("word/{file}"), xml.clone()));
            }
        }
        entries.push((
            "[Content_Types].xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>{overrides}</Types>"#
            ),
        ));
        entries.push((
            "_rels/.rels".to_string(),
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string(),
        ));
        entries.push((
            "word/_rels/document.xml.rels".to_string(),
            format!(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relationships}</Relationships>"#
            ),
        ));
        entries.push((
            "word/document.xml".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{}</w:body></w:document>"#,
                self.body
            ),
        ));
        let borrowed: Vec<(&str, &[u8])> = entries.iter().map(|(name, xml)| (name.as_str(), xml.as_bytes())).collect();
        zip_of(&borrowed)
    }
}

/// A zip archive of these entries (deflated).
pub(super) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A paragraph: `w:p` with optional properties and one run of text.
pub(super) fn para(properties: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr>{properties}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// A numbered paragraph of list `num_id` at level `ilvl`.
pub(super) fn numbered(num_id: u32, ilvl: u8, text: &str) -> String {
    para(&format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>"#), text)
}
