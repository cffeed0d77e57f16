//! A small Word package built in the tests from our own text (a draft decision on ocean data):
//! numbering, a footnote, a comment and tracked changes.
#![allow(dead_code)]

use std::io::Write;

/// The WordprocessingML namespace declaration.
pub const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A zipped Word package with these parts besides the document.
pub fn package(document_body: &str, parts: &[(&str, &str, String)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, text: &str| {
        writer.start_file(name, options).expect("zip entry starts");
        writer.write_all(text.as_bytes()).expect("zip entry is written");
    };
    add(
        "[Content_Types].xml",
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
    );
    add(
        "_rels/.rels",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
    );
    let rels: String = parts
        .iter()
        .enumerate()
        .map(|(i, (kind, file, _))| {
            format!(r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{file}"/>"#)
        })
        .collect();
    add(
        "word/_rels/document.xml.rels",
        &format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#),
    );
    add("word/document.xml", &format!("<w:document {W}><w:body>{document_body}</w:body></w:document>"));
    for (_, file, xml) in parts {
        add(&format!("word/{file}"), xml);
    }
    writer.finish().expect("zip is finished").into_inner()
}

pub fn p(properties: &str, runs: &str) -> String {
    format!("<w:p><w:pPr>{properties}</w:pPr>{runs}</w:p>")
}

pub fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

pub const NUM: &str = r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#;
pub const SUB: &str = r#"<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>"#;
pub const BY: &str = r#"w:author="Bureau" w:date="2026-05-04T10:00:00Z""#;

/// A short draft decision on ocean data, with a heading, numbered and lettered paragraphs, a
/// footnote, a comment and tracked changes.
pub fn fixture() -> Vec<u8> {
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="H1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:tab/><w:t>See the survey of national ocean data centres, 2025.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let comments = format!(
        r#"<w:comments {W}><w:comment w:id="0" w:author="Delegate"><w:p><w:r><w:t>Which standards?</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let body = [
        p(r#"<w:pStyle w:val="H1"/>"#, &format!("{}<w:r><w:tab/></w:r>{}", r("A."), r("Sharing ocean observations"))),
        p(NUM, &format!("{}<w:r><w:footnoteReference w:id=\"1\"/></w:r>{}", r("The Working Party notes the growth of ocean observing networks"), r("."))),
        p(
            NUM,
            &format!(
                r#"{}<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>{}"#,
                r("It invites members to publish data under "),
                r("open standards"),
                r(" and to:")
            ),
        ),
        p(SUB, &r("share metadata;")),
        p(SUB, &format!(r#"{}<w:del w:id="1" {BY}><w:r><w:delText>within a year</w:delText></w:r></w:del><w:ins w:id="2" {BY}><w:r><w:t>without delay</w:t></w:r></w:ins>{}"#, r("report gaps "), r("."))),
        p(&format!(r#"{NUM}<w:rPr><w:del w:id="3" {BY}/></w:rPr>"#), &format!(r#"<w:del w:id="4" {BY}><w:r><w:delText>The Party will review funding.</w:delText></w:r></w:del>"#)),
        p(NUM, &r("The Working Party will meet again in 2027.")),
    ]
    .concat();
    package(
        &body,
        &[
            ("styles", "styles.xml", styles),
            ("numbering", "numbering.xml", numbering),
            ("footnotes", "footnotes.xml", footnotes),
            ("comments", "comments.xml", comments),
        ],
    )
}
