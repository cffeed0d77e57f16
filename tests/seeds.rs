//! The five real seed documents through the real pipeline (`GLOSS_SEEDS_DIR`, set by `.ci/run`).

mod common;

use gloss::store::{BlockKind, Document};
use std::collections::HashSet;

fn read(prefix: &str) -> Option<Document> {
    let dir = common::seeds_dir()?;
    Some(gloss::ingest::read_path(&common::seed(&dir, prefix)).expect("seed reads"))
}

/// Top-level numbered paragraphs, split into runs where numbering restarts at 1.
fn numbered_runs(doc: &Document) -> Vec<Vec<u32>> {
    let mut runs: Vec<Vec<u32>> = Vec::new();
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Numbered) {
        let n: u32 = block.label.trim_end_matches('.').parse().expect("numbered label is a number");
        if n == 1 || runs.is_empty() {
            runs.push(Vec::new());
        }
        runs.last_mut().expect("a run was just pushed").push(n);
    }
    runs
}

fn assert_runs(doc: &Document, expected: &[u32]) {
    let runs = numbered_runs(doc);
    let lengths: Vec<u32> = runs.iter().map(|r| r.len() as u32).collect();
    assert_eq!(lengths, expected, "numbered runs of {}", doc.source);
    for run in runs {
        assert_eq!(run, (1..=run.len() as u32).collect::<Vec<_>>(), "a run is complete and in order in {}", doc.source);
    }
}

/// Every run of lettered sub-paragraphs goes a), b), c)… without gaps.
fn assert_letter_runs(doc: &Document) -> usize {
    let mut runs = 0;
    let mut expected = 'a';
    for block in &doc.blocks {
        let letter = (block.kind == BlockKind::SubParagraph && block.level == 1)
            .then(|| block.label.trim_matches(|c| c == '(' || c == ')').to_string())
            .filter(|k| k.chars().count() == 1 && k.chars().all(char::is_alphabetic));
        match letter {
            Some(k) => {
                let c = k.chars().next().expect("one char");
                if c == 'a' {
                    runs += 1;
                } else {
                    assert_eq!(c, expected, "sub-paragraph letters in order in {} (block {})", doc.source, block.id);
                }
                expected = char::from_u32(c as u32 + 1).expect("next letter");
            }
            None if block.kind == BlockKind::SubParagraph => {}
            None => expected = 'a',
        }
    }
    runs
}

fn paragraph<'a>(doc: &'a Document, label: &str) -> &'a str {
    let index = doc.block_by_label(label).unwrap_or_else(|| panic!("paragraph {label} exists"));
    &doc.blocks[index].text
}

fn assert_clean(doc: &Document) {
    let words: HashSet<String> =
        doc.blocks.iter().flat_map(|b| b.text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect::<Vec<_>>()).collect();
    for block in &doc.blocks {
        assert!(!block.text.contains("___"), "separator in {}", block.id);
        if block.kind != BlockKind::Footnote {
            assert!(!block.text.starts_with("http"), "URL line as text in {}", block.id);
            assert!(
                !block.text.contains("https://undocs.org") && !block.text.contains("https://docs.un.org"),
                "footnote URL list in {}",
                block.id
            );
        }
        // No line-end hyphenation left where the joined word is also in the document.
        for word in block.text.split_whitespace() {
            let parts: Vec<&str> = word.trim_matches(|c: char| !c.is_alphanumeric()).split('-').collect();
            if parts.len() == 2 && parts.iter().all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic)) {
                let joined = format!("{}{}", parts[0], parts[1]).to_lowercase();
                assert!(!words.contains(&joined), "hyphenation left in {word:?} ({}), though {joined:?} occurs", block.id);
            }
        }
    }
}

#[test]
fn seed_000_markdown_report() {
    let Some(doc) = read("000") else { return };
    assert_runs(&doc, &[18]);
    assert!(paragraph(&doc, "4").contains("42 государств-членов и 3 межправительственных организаций"));
    assert!(paragraph(&doc, "17").contains("организовывать это мероприятие ежегодно"), "page break in 17 rejoined");
    assert!(paragraph(&doc, "18").starts_with("КСВ предлагается"), "italic markers removed");
    assert!(paragraph(&doc, "3").contains("meeting_id=86271"), "escaped link text cleaned");
    assert!(doc.blocks.iter().all(|b| !b.text.contains("**") && !b.text.contains("](")));
    assert_clean(&doc);
}

#[test]
fn seed_001_pdf_report_with_footnotes() {
    let Some(doc) = read("001") else { return };
    assert_runs(&doc, &[117]);
    assert_eq!(doc.form, gloss::store::SourceForm::PdfText);
    // Paragraph 4 is cut by a footnote separator; it ends where the sentence ends, with no footnote text.
    let p4 = paragraph(&doc, "4");
    assert!(p4.ends_with("ориентированного на интересы людей."), "{p4}");
    assert!(p4.contains("В нынешних условиях неопределенности государства"), "rejoined across the separator: {p4}");
    assert!(!p4.contains("См.") && !p4.contains("Резолюц"), "no footnote text in 4");
    assert!(paragraph(&doc, "2").contains("затрагивает"), "line-end hyphen joined");
    assert!(paragraph(&doc, "2").contains("информационно-коммуникационных"), "real compound kept");
    assert!(paragraph(&doc, "13").contains("созданию открытой, безопасной"), "continuation after URL list rejoined");
    let notes: Vec<&str> = doc.blocks.iter().filter(|b| b.kind == BlockKind::Footnote).map(|b| b.label.as_str()).collect();
    assert_eq!(notes, (1..=11).map(|n| n.to_string()).collect::<Vec<_>>().iter().map(String::as_str).collect::<Vec<_>>());
    assert!(doc.footnote(4).expect("footnote 4").text.contains("open-ended-working-group/"), "URL hyphen kept inside footnote");
    let linked: HashSet<u32> = doc.blocks.iter().flat_map(|b| b.footnote_refs.iter().map(|r| r.number)).collect();
    assert_eq!(linked.len(), 11, "every footnote marker linked: {linked:?}");
    assert!(!paragraph(&doc, "5").contains("отметила1"), "marker removed from text");
    let headings = doc.blocks.iter().filter(|b| b.kind == BlockKind::Heading && b.label.len() == 2).count();
    assert!(headings >= 8, "section headings A.–H. found ({headings})");
    assert_clean(&doc);
}

#[test]
fn seed_002_resolution_preamble_and_operative_paragraphs() {
    let Some(doc) = read("002") else { return };
    assert_runs(&doc, &[12]);
    assert!(assert_letter_runs(&doc) >= 2);
    let preamble: Vec<&str> =
        doc.blocks.iter().filter(|b| b.kind == BlockKind::Unnumbered && b.text.starts_with("ссылаясь")).map(|b| b.text.as_str()).collect();
    assert_eq!(preamble.len(), 2, "two preambular paragraphs beginning «ссылаясь»");
    let first = preamble[0];
    assert!(first.contains("«Глобальный цифровой договор», принимая во внимание"), "marker removed: {first}");
    let marker = doc.blocks.iter().find(|b| b.text.starts_with("ссылаясь на свою")).expect("first preamble").footnote_refs.clone();
    assert_eq!(marker.iter().map(|r| r.number).collect::<Vec<_>>(), vec![1]);
    assert_eq!(doc.blocks.iter().filter(|b| b.kind == BlockKind::Footnote).count(), 2);
    let a = doc.blocks.iter().find(|b| b.label == "a)").expect("sub-paragraph a)");
    assert!(a.text.contains("касающиеся возможностей и рисков"), "a) continues after the footnote block: {}", a.text);
    assert_clean(&doc);
}

#[test]
fn seed_003_markdown_draft_with_glued_title() {
    let Some(doc) = read("003") else { return };
    assert_runs(&doc, &[15]);
    let headings: Vec<String> = doc.blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(gloss::store::Block::display_text).collect();
    let title = headings.iter().position(|h| h.ends_with("о проделанной работе")).expect("title heading");
    assert_eq!(headings[title + 1], "I. Введение", "glued heading split off");
    assert!(paragraph(&doc, "1").contains("В своей резолюции 75/240 Генеральная Ассамблея"), "link text kept");
    assert!(paragraph(&doc, "13").starts_with("9 марта"), "a date after the label is text");
    assert_clean(&doc);
}

#[test]
fn seed_004_pdf_report_with_several_sequences() {
    let Some(doc) = read("004") else { return };
    // Decision 1–10, Chair's summary 1–39, annex 1–4; the agenda inside 38 is nested.
    assert_runs(&doc, &[10, 39, 4]);
    assert!(assert_letter_runs(&doc) >= 2);
    let agenda: Vec<&str> =
        doc.blocks.iter().filter(|b| b.id.0.ends_with(".38.1") || b.id.0.contains(".38.")).map(|b| b.label.as_str()).collect();
    assert_eq!(agenda, vec!["1.", "2.", "3.", "4.", "5.", "6."]);
    let preamble = doc.blocks.iter().filter(|b| b.kind == BlockKind::Unnumbered && b.text.starts_with("ссылаясь")).count();
    assert_eq!(preamble, 3, "preambular paragraphs split");
    assert_clean(&doc);
}

#[test]
fn ids_are_stable_and_unique_in_every_seed() {
    let Some(dir) = common::seeds_dir() else { return };
    for prefix in ["000", "001", "002", "003", "004"] {
        let path = common::seed(&dir, prefix);
        let a = gloss::ingest::read_path(&path).expect("reads");
        let b = gloss::ingest::read_path(&path).expect("reads again");
        assert_eq!(a, b, "re-reading gives the same document");
        let ids: HashSet<&str> = a.blocks.iter().map(|b| b.id.0.as_str()).collect();
        assert_eq!(ids.len(), a.blocks.len(), "ids unique in {prefix}");
    }
}
