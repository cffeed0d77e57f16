//! PDF files through the real pipeline: the fixtures made by `tests/fixtures/make_pdf_fixtures.py`,
//! broken and hostile input, and the shared corpus of UN-style PDFs (`GLOSS_DOCUMENTS_DIR`).

mod common;

use gloss::ingest::{IngestError, IngestOptions, PdfError, document_from_bytes, read_path};
use gloss::store::{Block, BlockKind, Document, FootnoteRef, SourceForm, SourceSpan};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    common::project_file(&format!("tests/fixtures/pdf/{name}"))
}

fn draft() -> Document {
    read_path(&fixture("draft.pdf")).expect("the draft fixture reads")
}

fn by_label<'a>(doc: &'a Document, label: &str) -> &'a Block {
    doc.blocks.iter().find(|b| b.label == label && b.kind != BlockKind::Footnote).unwrap_or_else(|| panic!("no block {label}"))
}

#[test]
fn draft_reads_into_headings_and_numbered_paragraphs() {
    let doc = draft();
    assert_eq!(doc.form, SourceForm::Pdf);
    assert_eq!(doc.encoding, "PDF");
    assert_eq!(doc.title, "Working Group on Shared Gardens");
    let numbered: Vec<&str> = doc.blocks.iter().filter(|b| b.kind == BlockKind::Numbered).map(|b| b.label.as_str()).collect();
    let expected: Vec<String> = (1..=12).map(|n| format!("{n}.")).collect();
    assert_eq!(numbered, expected);
    let headings: Vec<String> = doc.blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(Block::display_text).collect();
    assert_eq!(headings, vec!["Working Group on Shared Gardens", "I. Organisation of the meeting", "II. Decisions"]);
    assert_eq!(
        by_label(&doc, "2.").text,
        "The group considered the maintenance of shared irrigation equipment, the rotation of responsibilities between households and \
         the arrangements for visitors from other neighbourhoods."
    );
}

#[test]
fn running_header_and_page_numbers_stay_out_of_the_body() {
    let doc = draft();
    for block in &doc.blocks {
        assert!(!block.text.contains("GARDEN/WG"), "header in {:?}", block.text);
        assert!(!block.text.contains("1/2") && !block.text.contains("2/2"), "page number in {:?}", block.text);
    }
}

#[test]
fn footnote_is_a_block_linked_from_its_superscript_marker() {
    let doc = draft();
    let paragraph = by_label(&doc, "3.");
    assert!(paragraph.text.starts_with("Participants welcomed the charter adopted earlier in the year and agreed"), "{}", paragraph.text);
    let offset = "Participants welcomed the charter adopted earlier in the year".chars().count();
    assert_eq!(paragraph.footnote_refs, vec![FootnoteRef::numbered(1, offset)]);
    let note = doc.footnote_for(&paragraph.footnote_refs[0]).expect("the marker names a footnote");
    assert_eq!(note.text, "The garden charter was adopted by the residents in the spring.");
    assert_eq!(doc.blocks.last().map(|b| b.kind), Some(BlockKind::Footnote));
}

#[test]
fn line_end_hyphens_are_removed_and_page_breaks_rejoin_paragraphs() {
    let doc = draft();
    let first = &by_label(&doc, "1.").text;
    assert!(first.contains("neighbouring associations took part") && first.ends_with("elected coordinator."), "{first}");
    let all: String = doc.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    for broken in ["as- sociations", "as-sociations", "peri-ods", "ac-knowledged", "re-main"] {
        assert!(!all.contains(broken), "{broken} left in the text");
    }
    let tenth = by_label(&doc, "10.");
    assert!(tenth.text.contains("to the garden once a month, so that children"), "{}", tenth.text);
    assert!(tenth.text.ends_with("matter for the harvest."), "{}", tenth.text);
    match tenth.source {
        SourceSpan::Pdf { page, last_page, rect } => {
            assert_eq!((page, last_page), (1, 2));
            assert!(rect[0] < rect[2] && rect[1] < rect[3], "{rect:?}");
        }
        ref other => panic!("not a PDF span: {other:?}"),
    }
}

fn pdf_error(result: Result<Document, IngestError>) -> (PdfError, String) {
    match result {
        Err(error @ IngestError::Pdf { .. }) => {
            let message = error.to_string();
            let IngestError::Pdf { error, .. } = error else { unreachable!("matched above") };
            (error, message)
        }
        other => panic!("expected a PDF error, got {other:?}"),
    }
}

#[test]
fn a_page_without_text_is_reported_as_having_no_text_layer() {
    let (error, message) = pdf_error(read_path(&fixture("blank.pdf")));
    assert!(matches!(error, PdfError::NoTextLayer), "{error:?}");
    assert!(message.contains("blank.pdf") && message.contains("this PDF has no text layer (a scan?); Gloss needs text"), "{message}");
}

#[test]
fn a_password_protected_pdf_says_so_and_an_owner_password_alone_opens() {
    let (error, message) = pdf_error(read_path(&fixture("encrypted.pdf")));
    assert!(matches!(error, PdfError::Encrypted), "{error:?}");
    assert!(message.contains("password"), "{message}");
    let opened = read_path(&fixture("owner-only.pdf")).expect("an empty user password opens");
    assert_eq!(opened.content_hash, draft().content_hash);
}

#[test]
fn garbage_and_truncated_files_give_errors_not_panics() {
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let (error, _) = pdf_error(document_from_bytes("garbage.pdf", &garbage, IngestOptions::default()));
    assert!(matches!(error, PdfError::Broken(_)), "{error:?}");
    let whole = std::fs::read(fixture("draft.pdf")).expect("fixture");
    for cut in [20, whole.len() / 3, whole.len() - 10] {
        // A cut file may still be recovered in part; it must never panic or hang.
        match document_from_bytes("cut.pdf", &whole[..cut], IngestOptions::default()) {
            Ok(doc) => assert!(!doc.blocks.is_empty()),
            Err(IngestError::Pdf { error: PdfError::Broken(_) | PdfError::NoTextLayer, .. }) => {}
            Err(other) => panic!("unexpected error for a cut at {cut}: {other}"),
        }
    }
}

/// Letters only, case-folded, `ё` as `е`, URL- and path-like tokens removed (as `score_docs.py`).
fn key(text: &str) -> String {
    text.split_whitespace()
        .filter(|t| !(t.contains("://") || t.contains("www.") || t.contains('/')))
        .flat_map(|t| t.chars())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Length of the longest in-order matching of equal keys.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if !x.is_empty() && x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

fn check_against_truth(pdf: &Path, truth: &serde_json::Value) -> Result<(), String> {
    let doc = read_path(pdf).map_err(|e| e.to_string())?;
    let truth_blocks = truth["blocks"].as_array().cloned().unwrap_or_default();
    let text_of = |b: &serde_json::Value| b["text"].as_str().unwrap_or_default().to_string();
    let truth_body: Vec<String> =
        truth_blocks.iter().filter(|b| b["kind"] != "footnote").map(|b| key(&text_of(b))).filter(|k| !k.is_empty()).collect();
    let body: Vec<&Block> = doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote && !key(&b.text).is_empty()).collect();
    let predicted: Vec<String> = body.iter().map(|b| key(&b.text)).collect();
    let recall = lcs(&truth_body, &predicted) as f64 / truth_body.len().max(1) as f64;
    let body_text: String = body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    let truth_text: String = truth_blocks.iter().map(text_of).collect::<Vec<_>>().join("\n");
    let leaks: Vec<&str> = truth["not_body"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str())
        .filter(|s| s.chars().count() >= 5 && body_text.contains(s) && !truth_text.contains(s))
        .collect();
    if recall < 0.98 || !leaks.is_empty() {
        return Err(format!("recall {recall:.3}, leaks {leaks:?}"));
    }
    Ok(())
}

#[test]
fn shared_documents_meet_the_truth() {
    let Some(dir) = std::env::var_os("GLOSS_DOCUMENTS_DIR").map(PathBuf::from).filter(|d| d.is_dir()) else {
        eprintln!("note: GLOSS_DOCUMENTS_DIR not set or missing; PDF corpus test skipped");
        return;
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("documents folder reads").filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for pdf in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
        let truth_path = pdf.with_extension("truth.json");
        let Ok(truth_text) = std::fs::read_to_string(&truth_path) else { continue };
        let truth: serde_json::Value = serde_json::from_str(&truth_text).expect("truth is JSON");
        checked += 1;
        if let Err(why) = check_against_truth(pdf, &truth) {
            failures.push(format!("{}: {why}", pdf.display()));
        }
    }
    assert!(checked > 0, "no PDF with a truth file in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reading_reports_progress_page_by_page() {
    let mut reports = Vec::new();
    let doc = gloss::ingest::read_path_reporting(&fixture("draft.pdf"), &mut |done, total| reports.push((done, total)))
        .expect("the draft fixture reads");
    assert_eq!(doc, draft());
    let pages = doc.blocks.iter().filter_map(|b| b.source.page()).max().expect("blocks know their page") as usize;
    assert!(pages >= 2, "the fixture has several pages");
    assert_eq!(reports.last(), Some(&(pages, pages)), "{reports:?}");
    assert!(reports.windows(2).all(|w| w[0].0 <= w[1].0), "pages done only grow: {reports:?}");
}

#[test]
fn pdf_and_word_renderings_of_the_samples_compare_alike() {
    let Some(dir) = std::env::var_os("GLOSS_DOCUMENTS_DIR").map(PathBuf::from) else {
        eprintln!("GLOSS_DOCUMENTS_DIR not set: the shared corpus comparison is skipped");
        return;
    };
    let summary = |ext: &str| {
        let old = read_path(&dir.join(format!("sample-draft.{ext}"))).expect("draft reads");
        let new = read_path(&dir.join(format!("sample-rev1.{ext}"))).expect("rev1 reads");
        gloss::compare::compare(&old, &new).summary
    };
    let pdf = summary("pdf");
    assert_eq!(pdf, summary("docx"), "the PDF pair and the DOCX pair give the same rows");
    assert!(pdf.changes() > 0);
    let markdown = {
        let old = read_path(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/draft.md"))).expect("draft");
        let new = read_path(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/draft-rev1.md"))).expect("rev1");
        gloss::compare::compare(&old, &new).summary
    };
    assert_eq!(
        (pdf.equal, pdf.changed, pdf.moved, pdf.inserted, pdf.deleted, pdf.split, pdf.merged),
        (markdown.equal, markdown.changed, markdown.moved, markdown.inserted, markdown.deleted, markdown.split, markdown.merged)
    );
}
