//! The ingest pipeline on the project's own samples and fixtures, real files in temp dirs.

mod common;

use gloss::ingest::{IngestError, IngestOptions, document_from_bytes, read_path, read_path_with};
use gloss::store::{BlockKind, Document, SourceForm};
use proptest::prelude::*;

fn sample(name: &str) -> Document {
    read_path(&common::project_file(name)).expect("sample reads")
}

/// (contract kind, label, text, footnote numbers) of the body and footnotes, headings left out.
fn content(doc: &Document) -> Vec<(String, String, Vec<u32>)> {
    doc.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Heading && !(b.kind == BlockKind::Unnumbered && b.text.chars().count() < 60))
        .map(|b| (b.label.clone(), b.text.clone(), b.footnote_refs.iter().map(|r| r.number).collect()))
        .collect()
}

#[test]
fn pdf_rendering_of_the_draft_gives_the_draft_paragraphs() {
    let markdown = sample("assets/samples/draft.md");
    let pdf = sample("tests/fixtures/draft-pdf.txt");
    assert_eq!(markdown.form, SourceForm::Markdown);
    assert_eq!(pdf.form, SourceForm::PdfText);
    let (m, p) = (content(&markdown), content(&pdf));
    for (a, b) in m.iter().zip(&p) {
        assert_eq!(a, b);
    }
    assert_eq!(m.len(), p.len());
    let numbered = pdf.blocks.iter().filter(|b| b.kind == BlockKind::Numbered).count();
    assert_eq!(numbered, 25);
    // Markers sit at the same place in both forms.
    let refs = |d: &Document| {
        d.blocks.iter().flat_map(|b| b.footnote_refs.iter().map(move |r| (b.label.clone(), r.number, r.char_offset))).collect::<Vec<_>>()
    };
    assert_eq!(refs(&markdown), refs(&pdf));
    assert_eq!(refs(&pdf).len(), 2);
}

#[test]
fn pdf_fixture_page_breaks_hyphens_and_furniture() {
    let pdf = sample("tests/fixtures/draft-pdf.txt");
    let text = |label: &str| pdf.blocks[pdf.block_by_label(label).expect("paragraph exists")].text.clone();
    assert!(text("4").ends_with("Бюро с участием координаторов региональных групп."));
    assert!(text("4").contains("Объединенных Наций в Женеве"), "word rejoined across the page break");
    assert!(text("11").ends_with("заменой очным переговорам по вопросам существа."));
    assert!(text("18").ends_with("трехстороннего сотрудничества в области цифровых технологий."));
    for block in &pdf.blocks {
        for furniture in ["26-01234", "A/AC.999/2026/L.1", "1/4", "https://"] {
            assert!(!block.text.contains(furniture), "{furniture} left in {}", block.id);
        }
    }
    let all: String = pdf.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" ");
    for kept in ["государствам-", "социально-", "государств-"] {
        assert!(all.contains(kept), "compound hyphen {kept} kept");
    }
}

#[test]
fn the_same_text_in_three_encodings_gives_identical_blocks() {
    let utf8 = std::fs::read(common::project_file("assets/samples/draft.md")).expect("sample");
    let text = String::from_utf8(utf8.clone()).expect("utf-8");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let (cp1251, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&text);
    assert!(!unmappable, "the sample is representable in CP1251");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut docs = Vec::new();
    for (name, bytes) in [("utf8.md", utf8.as_slice()), ("utf16.md", utf16.as_slice()), ("cp1251.md", &cp1251[..])] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        docs.push(read_path(&path).expect("reads"));
    }
    assert_eq!(docs[0].encoding, "UTF-8");
    assert_eq!(docs[1].encoding, "UTF-16LE");
    assert_eq!(docs[2].encoding, "windows-1251");
    assert_eq!(docs[0].blocks, docs[1].blocks);
    assert_eq!(docs[0].blocks, docs[2].blocks);
    assert_eq!(docs[0].content_hash, docs[2].content_hash);
}

#[test]
fn bad_inputs_give_typed_errors_that_name_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, "\n \n\t\n").expect("write");
    let binary = dir.path().join("picture.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06").expect("write");
    let broken_pdf = dir.path().join("scan.pdf");
    std::fs::write(&broken_pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02\x03\nendstream")
        .expect("write");
    let missing = dir.path().join("missing.txt");

    let err = read_path(&empty).unwrap_err();
    assert!(matches!(err, IngestError::Empty { .. }));
    assert!(err.to_string().contains("empty.txt"));
    assert!(matches!(read_path(&blank), Err(IngestError::Empty { .. })));
    let err = read_path(&binary).unwrap_err();
    assert!(matches!(err, IngestError::Binary { .. }), "{err}");
    assert!(err.to_string().contains("picture.png"));
    // A PDF never reaches the text decoder: it is refused as a PDF, not as binary text.
    let err = read_path(&broken_pdf).unwrap_err();
    assert!(!matches!(err, IngestError::Binary { .. }), "{err}");
    assert!(err.to_string().contains("scan.pdf") && err.to_string().contains("PDF"), "{err}");
    assert!(matches!(read_path(&missing), Err(IngestError::Unreadable { .. })));
    assert!(matches!(read_path(dir.path()), Err(IngestError::Unreadable { .. })), "a folder is not a document");
    let big = common::project_file("assets/samples/draft.md");
    let err = read_path_with(&big, IngestOptions { max_bytes: 100, form: None }).unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { limit: 100, .. }), "{err}");
}

#[test]
fn segment_command_prints_the_json_contract() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["segment", "--json"])
        .arg(common::project_file("tests/fixtures/draft-pdf.txt"))
        .output()
        .expect("gloss runs");
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let blocks = json["blocks"].as_array().expect("blocks array");
    for block in blocks {
        let kind = block["kind"].as_str().expect("kind");
        assert!(["heading", "paragraph", "footnote"].contains(&kind));
        assert!(block["label"].is_string() && block["text"].is_string());
    }
    let p12 = blocks.iter().find(|b| b["label"] == "12.").expect("paragraph 12");
    assert_eq!(p12["kind"], "paragraph");
    assert!(!p12["text"].as_str().expect("text").starts_with("12."), "label kept apart from text");
    let notes: Vec<&str> = blocks.iter().filter(|b| b["kind"] == "footnote").map(|b| b["label"].as_str().expect("label")).collect();
    assert_eq!(notes, vec!["1", "2"]);
    let sub = blocks.iter().find(|b| b["label"] == "a)").expect("sub-paragraph");
    assert_eq!(sub["kind"], "paragraph");
}

#[test]
fn segment_command_reports_bad_input_on_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gloss")).arg("segment").arg(&empty).output().expect("gloss runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("empty.txt") && stderr.contains("empty"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn plain_one_paragraph_per_line_text() {
    let text = "ПРОЕКТ РЕШЕНИЯ\nКонференция Сторон,\nссылаясь на свое решение 3/1 о программе работы, принятое на третьей сессии Конференции,\n1. приветствует доклад Секретариата о ходе осуществления программы работы на двухгодичный период;\n2. просит Секретариат:\na) подготовить доклад о ходе работы к следующей сессии;\nb) провести консультации с государствами-членами.\n";
    let doc = document_from_bytes("decision.txt", text.as_bytes(), IngestOptions::default()).expect("reads");
    assert_eq!(doc.form, SourceForm::Plain);
    let kinds: Vec<(BlockKind, &str)> = doc.blocks.iter().map(|b| (b.kind, b.label.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (BlockKind::Heading, ""),
            (BlockKind::Unnumbered, ""),
            (BlockKind::Unnumbered, ""),
            (BlockKind::Numbered, "1."),
            (BlockKind::Numbered, "2."),
            (BlockKind::SubParagraph, "a)"),
            (BlockKind::SubParagraph, "b)"),
        ]
    );
    assert_eq!(doc.blocks[6].id.0, "2.b");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = document_from_bytes("fuzz", &bytes, IngestOptions::default());
    }

    #[test]
    fn arbitrary_pdf_and_word_bytes_give_a_document_or_an_error(tail in proptest::collection::vec(any::<u8>(), 0..2000), word in any::<bool>()) {
        // A PDF or zip signature sends the bytes to the PDF or Word reader, never to the text decoder.
        let head: &[u8] = if word { b"PK\x03\x04word/document.xml" } else { b"%PDF-1.7\n" };
        let bytes = [head, tail.as_slice()].concat();
        if let Err(error) = document_from_bytes("smoke", &bytes, IngestOptions::default()) {
            prop_assert!(!matches!(error, IngestError::Binary { .. }), "{error}");
        }
    }

    #[test]
    fn arbitrary_text_in_every_form_never_panics(text in "[ \\n#*_\\[\\]()a-zа-я0-9.,:;«»\\-_|<>`\\\\^]{0,400}") {
        for form in [SourceForm::Markdown, SourceForm::PdfText, SourceForm::Plain] {
            let blocks = gloss::ingest::segment_text(&text, form);
            for block in blocks {
                for r in &block.footnote_refs {
                    prop_assert!(r.char_offset <= block.char_len());
                }
            }
        }
    }
}
