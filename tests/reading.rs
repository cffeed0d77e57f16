//! Reading the text right: labels of every kind, Markdown through a real parser, scripts
//! without spaces, right-to-left text and diacritics. Every text here is written for the test.

use gloss::compare::compare;
use gloss::ingest::{IngestOptions, LabelKind, document_from_bytes, parse_label, segment_text};
use gloss::store::{BlockKind, Document, FootnoteRef, SourceForm};

fn md(text: &str) -> Vec<gloss::store::Block> {
    segment_text(text, SourceForm::Markdown)
}

fn pdf(text: &str) -> Vec<gloss::store::Block> {
    segment_text(text, SourceForm::PdfText)
}

fn doc(text: &str, form: SourceForm) -> Document {
    document_from_bytes("test.txt", text.as_bytes(), IngestOptions { form: Some(form), ..Default::default() }).expect("reads")
}

#[test]
fn every_label_kind_is_a_label_not_text() {
    let cases = [
        ("(1) The first point.", LabelKind::Number, "(1)", "The first point."),
        ("(a) A lettered point.", LabelKind::Letter, "(a)", "A lettered point."),
        ("1.1. Definitions apply.", LabelKind::Number, "1.1.", "Definitions apply."),
        ("2.2.1. Deep clause applies.", LabelKind::Number, "2.2.1.", "Deep clause applies."),
        ("§ 5 The owner shall pay.", LabelKind::Article, "§ 5", "The owner shall pay."),
        ("Article 12 The Parties shall cooperate.", LabelKind::Article, "Article 12", "The Parties shall cooperate."),
        ("Art. 3 Each Party shall report.", LabelKind::Article, "Art. 3", "Each Party shall report."),
        ("A. Opening of the session.", LabelKind::Section, "A.", "Opening of the session."),
        ("G. Other matters were raised.", LabelKind::Section, "G.", "Other matters were raised."),
        ("- a) the first obligation;", LabelKind::Letter, "a)", "the first obligation;"),
    ];
    for (text, kind, label, rest) in cases {
        let parsed = parse_label(text).unwrap_or_else(|| panic!("no label in {text}"));
        assert_eq!((parsed.kind, parsed.text.as_str(), &text[parsed.byte_len..]), (kind, label, rest), "{text}");
        let blocks = pdf(text);
        assert_eq!((blocks[0].label.as_str(), blocks[0].text.as_str()), (label, rest), "{text}");
    }
}

#[test]
fn markdown_heading_with_a_multi_level_number_and_list_dash_labels() {
    let blocks = md("## 2.1. Scope of work\n\n- a) first duty;\n- b) second duty.\n");
    assert_eq!((blocks[0].kind, blocks[0].label.as_str(), blocks[0].text.as_str()), (BlockKind::Heading, "2.1.", "Scope of work"));
    assert_eq!((blocks[1].label.as_str(), blocks[1].text.as_str()), ("a)", "first duty;"));
    assert_eq!((blocks[2].label.as_str(), blocks[2].text.as_str()), ("b)", "second duty."));
    assert!(blocks[1].id.0.ends_with(".a"), "{:?}", blocks[1].id);
}

#[test]
fn ids_follow_article_labels() {
    let blocks = pdf("Article 4 Scope\n\n1. This Agreement applies to goods.\n");
    assert_eq!(blocks[0].id.0, "4");
    assert_eq!(blocks[1].id.0, "4.1");
}

#[test]
fn renumbering_alone_stays_equal() {
    let old = doc("1. The Parties agree.\n\n2. Each Party shall report.\n\nArticle 7 The Secretariat shall assist.\n", SourceForm::Plain);
    let new = doc("3. The Parties agree.\n\n4. Each Party shall report.\n\nArticle 9 The Secretariat shall assist.\n", SourceForm::Plain);
    let alignment = compare(&old, &new);
    assert_eq!(alignment.summary.changes(), 0, "{:?}", alignment.summary);
}

#[test]
fn markdown_entities_sup_and_li_footnotes() {
    let text = "Text &laquo;quoted&#187; here.<sup id=\"fnr1\"><a href=\"#fn1\">1</a></sup> More&nbsp;text.\n\n<ul>\n<li id=\"fn1\"><sup>1</sup>The source, p.&nbsp;4.<a href=\"#fnr1\">&#8617;</a></li>\n</ul>\n";
    let blocks = md(text);
    assert_eq!(blocks[0].text, "Text «quoted» here. More text.");
    assert_eq!(blocks[0].footnote_refs, vec![FootnoteRef::numbered(1, 19)]);
    let note = blocks.iter().find(|b| b.kind == BlockKind::Footnote).expect("footnote block");
    assert_eq!((note.label.as_str(), note.text.as_str()), ("1", "The source, p. 4."));
    assert!(!blocks.iter().any(|b| b.text.contains('&') || b.text.contains('<')));
}

#[test]
fn markdown_footnote_definitions_br_and_emphasis() {
    let blocks = md("A **bold** and *italic* [link](https://example.org) line<br>continues.[^2]\n\n[^2]: The note.\n");
    assert_eq!(blocks[0].text, "A bold and italic link line continues.");
    assert_eq!(blocks[0].footnote_refs, vec![FootnoteRef::numbered(2, 38)]);
    assert_eq!((blocks[1].kind, blocks[1].label.as_str()), (BlockKind::Footnote, "2"));
}

#[test]
fn markdown_tables_front_matter_and_kramdown_attributes() {
    let text = "---\ntitle: Terms\nversion: 2\n---\n\n# Terms {: #terms}\n\nUpdated today.\n{: .date}\n\n| Term | Meaning |\n|---|---|\n| A | First |\n\n<table><tr><td>B</td><td>Second</td></tr></table>\n";
    let texts: Vec<String> = md(text).into_iter().map(|b| b.text).collect();
    assert_eq!(texts, vec!["Terms", "Updated today.", "Term | Meaning", "A | First", "B | Second"]);
}

#[test]
fn markdown_list_items_are_blocks_of_their_own() {
    let blocks = md("Intro:\n\n1. First item.\n2. Second item.\n\n* bullet one\n* bullet two\n");
    let got: Vec<(BlockKind, &str, &str)> = blocks.iter().map(|b| (b.kind, b.label.as_str(), b.text.as_str())).collect();
    assert_eq!(got[1], (BlockKind::Numbered, "1.", "First item."));
    assert_eq!(got[2], (BlockKind::Numbered, "2.", "Second item."));
    assert_eq!(got[3], (BlockKind::Bullet, "", "bullet one"));
    assert_eq!(got[4], (BlockKind::Bullet, "", "bullet two"));
}

#[test]
fn cjk_lines_join_without_spaces() {
    assert_eq!(md("本协议的\n条款如下。\n")[0].text, "本协议的条款如下。");
    let blocks = pdf("1. 本协议的条款适用于所有缔约方，各方应当遵守本协议规定的\n义务。\n\n2. 第二段。\n");
    assert_eq!(blocks[0].text, "本协议的条款适用于所有缔约方，各方应当遵守本协议规定的义务。");
    assert!(gloss::text::ends_sentence("条款如下。"));
    assert!(gloss::text::ends_sentence("本当ですか？"));
}

#[test]
fn a_one_character_cjk_edit_is_a_one_character_change() {
    let old = doc("1. 用户应当妥善保管帐号和密码。\n", SourceForm::Plain);
    let new = doc("1. 用户应当妥善保管账号和密码。\n", SourceForm::Plain);
    let alignment = compare(&old, &new);
    assert_eq!(alignment.summary.changes(), 1);
    assert_eq!((alignment.summary.words_inserted, alignment.summary.words_deleted), (1, 1), "{:?}", alignment.summary);
}

#[test]
fn arabic_stays_in_logical_order_and_a_diacritic_edit_is_visible() {
    let old = doc("1. كتب الطرف الأول التقرير.\n", SourceForm::Plain);
    let new = doc("1. كُتب الطرف الأول التقرير.\n", SourceForm::Plain);
    assert_eq!(old.blocks[0].text, "كتب الطرف الأول التقرير.");
    assert!(new.blocks[0].text.starts_with("كُتب"));
    let alignment = compare(&old, &new);
    assert_eq!(alignment.summary.changes(), 1, "{:?}", alignment.summary);
}

#[test]
fn marked_footnote_without_a_separator() {
    let text = "  Participants* \n\n1. The session was attended by many representatives of the member States. \n\n * This list shows the registered participants only. \n";
    let blocks = pdf(text);
    assert_eq!(blocks[0].text, "Participants");
    assert_eq!(blocks[0].footnote_refs[0].mark, "*");
    let note = blocks.iter().find(|b| b.kind == BlockKind::Footnote).expect("footnote");
    assert_eq!((note.label.as_str(), note.text.as_str()), ("*", "This list shows the registered participants only."));
}
