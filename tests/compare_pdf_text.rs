//! Two renderings of the same draft as PDF text (different line widths, page breaks, footnote
//! regions, wrapped links, out-of-order footnote markers, a heading wrapped over lines) compare
//! as equal everywhere except the one real edit: no noise from the page layout.

use gloss::compare::{RowKind, compare};
use gloss::ingest::{IngestOptions, document_from_bytes};
use gloss::store::{BlockKind, Document, SourceForm};

fn pdf_text(name: &str, text: &str) -> Document {
    let options = IngestOptions { form: Some(SourceForm::PdfText), ..IngestOptions::default() };
    document_from_bytes(name, text.as_bytes(), options).expect("document")
}

/// Lines separated by blank lines, as the extractor writes them; `\u{1}` marks where a new page
/// starts straight after the previous line.
fn render(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        if let Some(page_start) = line.strip_prefix('\u{1}') {
            out.push_str(page_start);
            out.push_str(" \n");
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
            out.push_str(" \n");
        }
    }
    out
}

const OLD: &[&str] = &[
    "  I. Меры укрепления доверия",
    "1. Меры укрепления доверия могут способствовать предотвращению конфликтов, из-",
    "бежанию неверного восприятия и недопонимания, а также снижению напряженности. Они",
    "представляют собой одно из конкретных проявлений международного сотрудничества.",
    "2. Меры укрепления доверия могут способствовать устранению недоверия между государ-",
    "ствами путем налаживания связей, наведения2",
    "мостов и развития сотрудничества для достижения общей цели, представляющей1",
    "взаимный интерес. Тем самым меры укрепления доверия могут способствовать фор-",
    "__________________",
    " 1 См. справочный документ Председателя, декабрь 2019 года, URL:",
    "https://example.org/wp-content/uploads/2020/01/background",
    "-paper-on-existing-processes.pdf.",
    " 2 См. резолюцию 53/70 Генеральной Ассамблеи.",
    "https://undocs.org/ru/A/RES/53/70",
    "\u{1}https://undocs.org/ru/A/RES/53/70",
    "\u{1} мированию основы для заключения более структурированных договоренностей.",
    "  3. Предварительная повестка дня девятой сессии",
    "Межправительственной группы экспертов по электронной торговле и",
    "цифровой экономике",
    "4. Государства подчеркнули, что меры укрепления доверия носят добровольный характер и",
    "осуществляются постепенно, с учетом национальных приоритетов.",
];

const NEW: &[&str] = &[
    "  I. Меры укрепления доверия",
    "1. Меры укрепления доверия могут способствовать предотвращению конфликтов, избежанию",
    "неверного восприятия и недопонимания, а также снижению напряженности. Они представ-",
    "ляют собой одно из конкретных проявлений международного сотрудничества.",
    "2. Меры укрепления доверия могут способствовать устранению недоверия между государствами",
    "путем налаживания связей, наведения мостов и развития сотрудничества для достижения",
    "общей цели, представляющей взаимный интерес. Тем самым меры укрепления доверия могут",
    "способствовать формированию основы для заключения более структурированных договоренностей.",
    "  3. Предварительная повестка дня девятой сессии Межправительственной группы",
    "экспертов по электронной торговле и цифровой экономике",
    "4. Государства подчеркнули, что меры укрепления доверия носят добровольный характер и",
    "осуществляются постепенно, с учетом национальных приоритетов и потребностей.",
];

#[test]
fn page_layout_is_no_change_and_the_real_edit_is_the_only_one() {
    let old = pdf_text("old.txt", &render(OLD));
    let new = pdf_text("new.txt", &render(NEW));
    let body = |d: &Document| d.blocks.iter().filter(|b| b.kind != BlockKind::Footnote).map(|b| b.text.clone()).collect::<Vec<_>>();
    assert_eq!(body(&old).len(), 5, "{:#?}", body(&old));
    assert_eq!(body(&old)[..4], body(&new)[..4], "the same text once the layout is undone");
    assert_eq!(
        body(&old)[3],
        "Предварительная повестка дня девятой сессии Межправительственной группы экспертов по электронной торговле и цифровой экономике"
    );
    let notes: Vec<&str> = old.blocks.iter().filter(|b| b.kind == BlockKind::Footnote).map(|b| b.text.as_str()).collect();
    assert_eq!(
        notes,
        [
            "См. справочный документ Председателя, декабрь 2019 года, URL: https://example.org/wp-content/uploads/2020/01/background-paper-on-existing-processes.pdf.",
            "См. резолюцию 53/70 Генеральной Ассамблеи."
        ]
    );
    let marked: Vec<u32> = old.blocks[2].footnote_refs.iter().map(|r| r.number).collect();
    assert_eq!(marked, [2, 1], "both markers of ¶2 are lifted out of the text");

    let alignment = compare(&old, &new);
    let kinds: Vec<(RowKind, Vec<usize>, Vec<usize>)> = alignment
        .rows
        .iter()
        .filter(|r| !r.old.iter().any(|&i| old.blocks[i].kind == BlockKind::Footnote))
        .map(|r| (r.kind, r.old.clone(), r.new.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (RowKind::Equal, vec![0], vec![0]),
            (RowKind::Equal, vec![1], vec![1]),
            (RowKind::Equal, vec![2], vec![2]),
            (RowKind::Equal, vec![3], vec![3]),
            (RowKind::Changed, vec![4], vec![4]),
        ]
    );
    assert_eq!(alignment.summary.words_inserted, 2, "«и потребностей» is the whole edit");
    // The two notes are gone from the new rendering: counted, and said to be footnotes.
    let note_words: usize = notes.iter().map(|n| n.split_whitespace().count()).sum();
    assert_eq!(alignment.summary.footnote_words_deleted, note_words);
    assert_eq!(alignment.summary.words_deleted, note_words, "nothing deleted from the text");
}
