//! Reading whole Word files built in memory.

use super::testkit::{DocxBuilder, numbered, para, zip_of};
use super::*;
use crate::ingest::RawHint;
use crate::store::{FootnoteRef, SourceSpan};

const DECIMAL_LIST: &str = r#"<w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>"#;

fn read(builder: &DocxBuilder) -> DocxContent {
    read_docx(&builder.build()).unwrap()
}

fn shown(blocks: &[RawBlock]) -> Vec<String> {
    blocks.iter().map(|b| format!("{}|{}", b.label.as_deref().unwrap_or(""), b.text)).collect()
}

#[test]
fn abstract_counter_with_a_restart_used_once() {
    // The first item on the restarting instance 2, the rest on instance 1: Word shows 1. 2. 3.
    let body = [
        numbered(2, 0, "One."),
        numbered(1, 0, "Two."),
        numbered(1, 1, "Two point one."),
        numbered(1, 2, "Sub."),
        numbered(2, 0, "Three."),
    ]
    .concat();
    let content = read(&DocxBuilder::new(&body).numbering(DECIMAL_LIST));
    assert_eq!(shown(&content.blocks), ["1.|One.", "2.|Two.", "2.1.|Two point one.", "(a)|Sub.", "3.|Three."]);
    assert!(content.before.is_none());
}

#[test]
fn numbering_from_styles_bullets_and_headings() {
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="HCh"><w:name w:val="HCh"/><w:basedOn w:val="Heading1"/></w:style>"#;
    let body = [
        para(r#"<w:pStyle w:val="HCh"/>"#, "Introduction"),
        para(r#"<w:pStyle w:val="Numbered"/>"#, "Styled one."),
        para(r#"<w:pStyle w:val="Numbered"/><w:numPr><w:numId w:val="0"/></w:numPr>"#, "Not numbered."),
        para(r#"<w:pStyle w:val="Numbered"/>"#, "Styled two."),
        numbered(3, 0, "A bullet."),
    ]
    .concat();
    let content = read(&DocxBuilder::new(&body).styles(styles).numbering(DECIMAL_LIST));
    assert_eq!(shown(&content.blocks), ["|Introduction", "1.|Styled one.", "|Not numbered.", "2.|Styled two.", "|A bullet."]);
    assert_eq!(content.blocks[0].hint, RawHint::Heading(1));
    assert_eq!(content.blocks[4].hint, RawHint::Bullet);
    assert_eq!(content.blocks[3].source, SourceSpan::Docx { start: 3, end: 4 });
}

#[test]
fn heading_numbering_linked_to_styles() {
    // Word's outline numbering: the style names the list, the list's levels name the styles.
    let styles = r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>"#;
    let numbering = r#"<w:abstractNum w:abstractNumId="7">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%2."/></w:lvl>
    </w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>"#;
    let body = [
        para(r#"<w:pStyle w:val="Heading1"/>"#, "Organization"),
        para(r#"<w:pStyle w:val="Heading2"/>"#, "Opening"),
        para(r#"<w:pStyle w:val="Heading2"/>"#, "Attendance"),
        para(r#"<w:pStyle w:val="Heading1"/>"#, "Results"),
    ]
    .concat();
    let content = read(&DocxBuilder::new(&body).styles(styles).numbering(numbering));
    assert_eq!(shown(&content.blocks), ["I.|Organization", "A.|Opening", "B.|Attendance", "II.|Results"]);
    assert_eq!(content.blocks[1].hint, RawHint::Heading(2));
}

#[test]
fn typed_labels_split_at_the_tab() {
    let body = [
        r#"<w:p><w:r><w:t>12.</w:t><w:tab/></w:r><w:r><w:t>Typed paragraph.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>a)</w:t><w:tab/><w:t>typed sub-paragraph;</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Distr.:</w:t><w:tab/><w:t>General</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>line two</w:t><w:noBreakHyphen/><w:t>x</w:t><w:softHyphen/><w:t>y</w:t></w:r></w:p>"#,
    ]
    .concat();
    let content = read(&DocxBuilder::new(&body));
    assert_eq!(shown(&content.blocks), ["12.|Typed paragraph.", "a)|typed sub-paragraph;", "|Distr.: General", "|Line one line two-xy"]);
}

#[test]
fn footnotes_with_numbers_and_a_custom_mark() {
    let body = [
        r#"<w:p><w:r><w:t>Heading</w:t></w:r><w:r><w:footnoteReference w:customMarkFollows="1" w:id="5"/><w:t>*</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">Body text</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>, continued.</w:t></w:r></w:p>"#,
    ]
    .concat();
    let notes = r#"<w:footnote w:id="5"><w:p><w:r><w:t>*</w:t></w:r><w:r><w:tab/><w:t>Marked note.</w:t></w:r></w:p></w:footnote>
        <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:tab/><w:t>Numbered note.</w:t></w:r></w:p><w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p></w:footnote>"#;
    let content = read(&DocxBuilder::new(&body).footnotes(notes));
    assert_eq!(shown(&content.blocks), ["|Heading", "|Body text, continued.", "*|Marked note.", "|Numbered note. Second paragraph."]);
    assert_eq!(content.blocks[0].footnote_refs, vec![FootnoteRef { number: 1, char_offset: 7, mark: "*".to_string() }]);
    assert_eq!(content.blocks[1].footnote_refs, vec![FootnoteRef::numbered(1, 9)]);
    assert_eq!(content.blocks[2].hint, RawHint::Footnote(1));
    assert_eq!(content.blocks[3].hint, RawHint::Footnote(1));
}

#[test]
fn endnotes_hidden_text_symbols_and_typed_bullets() {
    let body = [
        r#"<w:p><w:r><w:t>Text</w:t></w:r><w:r><w:endnoteReference w:id="3"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> shown</w:t><w:sym w:font="Symbol" w:char="F0B3"/></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>•</w:t><w:tab/><w:t>A typed bullet.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>A symbol bullet.</w:t></w:r></w:p>"#,
    ]
    .concat();
    let endnotes = r#"<w:endnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>
        <w:endnote w:id="3"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> An endnote.</w:t></w:r></w:p></w:endnote>"#;
    let content = read(&DocxBuilder::new(&body).endnotes(endnotes));
    assert_eq!(shown(&content.blocks), ["|Text shown≥", "|A typed bullet.", "|A symbol bullet.", "i|An endnote."]);
    assert_eq!(content.blocks[0].footnote_refs, vec![FootnoteRef { number: 1, char_offset: 4, mark: "i".to_string() }]);
    assert_eq!(content.blocks[1].hint, RawHint::Bullet);
    assert_eq!(content.blocks[2].hint, RawHint::Bullet);
    assert_eq!(content.blocks[3].hint, RawHint::Footnote(1));
}

const AUTHOR: &str = r#"w:author="Secretariat" w:date="2026-03-20T09:00:00Z""#;

#[test]
fn tracked_changes_accepted_and_rejected() {
    let body = [
        // Changed words.
        format!(
            r#"<w:p><w:r><w:t xml:space="preserve">The group </w:t></w:r><w:del w:id="1" {AUTHOR}><w:r><w:delText>welcomed</w:delText></w:r></w:del><w:ins w:id="2" {AUTHOR}><w:r><w:t>noted</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> the report.</w:t></w:r></w:p>"#
        ),
        // A deleted paragraph (its mark deleted too).
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="3" {AUTHOR}/></w:rPr></w:pPr><w:del w:id="4" {AUTHOR}><w:r><w:delText>Deleted paragraph.</w:delText></w:r></w:del></w:p>"#
        ),
        numbered(1, 0, "Kept paragraph."),
        // An inserted paragraph.
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:ins w:id="5" w:author="Editor"/></w:rPr></w:pPr><w:ins w:id="6" w:author="Editor"><w:r><w:t>Inserted paragraph.</w:t></w:r></w:ins></w:p>"#
            .to_string(),
        // A moved paragraph: from here …
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:moveFrom w:id="7" {AUTHOR}/></w:rPr></w:pPr><w:moveFromRangeStart w:id="8" w:name="move1"/><w:moveFrom w:id="9" {AUTHOR}><w:r><w:t>Moved paragraph.</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="8"/></w:p>"#
        ),
        numbered(1, 0, "Last paragraph."),
        // … to here.
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:moveTo w:id="10" {AUTHOR}/></w:rPr></w:pPr><w:moveTo w:id="11" {AUTHOR}><w:r><w:t>Moved paragraph.</w:t></w:r></w:moveTo></w:p>"#
        ),
        // Two paragraphs joined by deleting the first one's mark.
        format!(r#"<w:p><w:pPr><w:rPr><w:del w:id="12" {AUTHOR}/></w:rPr></w:pPr><w:r><w:t>First half</w:t></w:r></w:p>"#),
        r#"<w:p><w:r><w:t xml:space="preserve"> and second half.</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let content = read(&DocxBuilder::new(&body).numbering(DECIMAL_LIST));
    assert_eq!(
        shown(&content.blocks),
        [
            "|The group noted the report.",
            "1.|Kept paragraph.",
            "2.|Inserted paragraph.",
            "3.|Last paragraph.",
            "4.|Moved paragraph.",
            "|First half and second half."
        ]
    );
    let before = content.before.as_deref().unwrap();
    assert_eq!(
        shown(before),
        [
            "|The group welcomed the report.",
            "1.|Deleted paragraph.",
            "2.|Kept paragraph.",
            "3.|Moved paragraph.",
            "4.|Last paragraph.",
            "|First half",
            "|and second half."
        ]
    );
    assert_eq!(content.revision_authors, ["Secretariat", "Editor"]);
}

#[test]
fn comments_are_anchored_to_their_passage() {
    let body = [
        r#"<w:p><w:r><w:t xml:space="preserve">Alpha </w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>beta gamma</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:t xml:space="preserve"> delta.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">Second </w:t></w:r><w:commentRangeStart w:id="1"/><w:r><w:t>block</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Third</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:t xml:space="preserve"> block.</w:t></w:r></w:p>"#,
    ]
    .concat();
    let comments = r#"<w:comment w:id="0" w:author="Reviewer" w:date="2026-01-02T03:04:05Z"><w:p><w:r><w:t>Why beta?</w:t></w:r></w:p></w:comment>
        <w:comment w:id="1" w:author="Chair"><w:p><w:r><w:t>Spans two.</w:t></w:r></w:p><w:p><w:r><w:t>Second line.</w:t></w:r></w:p></w:comment>"#;
    let content = read(&DocxBuilder::new(&body).comments(comments));
    assert_eq!(shown(&content.blocks), ["|Alpha beta gamma delta.", "|Second block", "|Third block."]);
    let first = &content.comments[0];
    assert_eq!(
        (first.author.as_str(), first.date.as_deref(), first.text.as_str()),
        ("Reviewer", Some("2026-01-02T03:04:05Z"), "Why beta?")
    );
    assert_eq!((first.block, first.char_range, first.last_block), (0, CharRange::new(6, 16), 0));
    assert_eq!(first.quote, "beta gamma");
    let second = &content.comments[1];
    assert_eq!(
        (second.block, second.char_range, second.last_block, second.last_char_range),
        (1, CharRange::new(7, 12), 2, CharRange::new(0, 5))
    );
    assert_eq!(second.quote, "block\nThird");
    assert_eq!(second.text, "Spans two.\nSecond line.");
}

#[test]
fn table_cells_are_blocks_and_furniture_is_not_text() {
    let body = [
        r#"<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>NUMPAGES</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        r#"<w:p><w:bookmarkStart w:id="0" w:name="x"/><w:hyperlink r:id="rId9"><w:r><w:t>Linked text</w:t></w:r></w:hyperlink><w:bookmarkEnd w:id="0"/><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> shown</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId8"/></w:sectPr>"#,
    ]
    .concat();
    let content = read(&DocxBuilder::new(&body));
    assert_eq!(shown(&content.blocks), ["|Cell one", "|Cell two", "|Page", "|Linked text shown"]);
}

#[test]
fn archive_errors() {
    assert!(matches!(read_docx(b"plain text, not a zip"), Err(DocxError::NotZip(_))));
    let no_document = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("word/other.xml", b"<x/>")]);
    assert!(matches!(read_docx(&no_document), Err(DocxError::NoDocument)));
    let names: Vec<String> = (0..package::MAX_ENTRIES + 1).map(|i| format!("f{i}")).collect();
    let many: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    assert!(matches!(read_docx(&zip_of(&many)), Err(DocxError::TooManyEntries { .. })));
    // Two megabytes of one byte compress about a thousand to one.
    let bomb = vec![b' '; 2 * 1024 * 1024];
    let archive = zip_of(&[("word/document.xml", &bomb)]);
    assert!(matches!(read_docx(&archive), Err(DocxError::ZipBomb { .. })), "{:?}", read_docx(&archive).err());
    let broken = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    assert!(matches!(read_docx(&broken), Err(DocxError::Xml { .. })));
}
