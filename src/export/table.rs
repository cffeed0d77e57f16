//! The position table a delegation circulates: paragraph, quote, tags, note, author, status.

use crate::annotate::{AnnotationSet, Placement};
use crate::store::Document;

/// One row of the position table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionRow {
    /// Paragraph label (or the stored label for orphans).
    pub paragraph: String,
    /// Quoted passage.
    pub quote: String,
    /// Tags, comma-separated.
    pub tags: String,
    /// Note.
    pub note: String,
    /// Author.
    pub author: String,
    /// Anchor status.
    pub status: String,
}

/// Rows for a set placed in a document (placements in the same order as the annotations).
pub fn position_rows(set: &AnnotationSet, document: &Document, placements: &[Placement]) -> Vec<PositionRow> {
    set.annotations
        .iter()
        .zip(placements)
        .map(|(a, p)| PositionRow {
            paragraph: p.block.map_or_else(|| a.anchor.label.clone(), |first| spanned_labels(document, first, p.block_count)),
            quote: a.anchor.quote.clone(),
            tags: a.tags.join(", "),
            note: a.note.clone(),
            author: a.author.clone(),
            status: p.status.name().to_string(),
        })
        .collect()
}

/// The labels of the paragraphs a passage covers: `3`, or `3 + 4` for a passage over two.
fn spanned_labels(document: &Document, first: usize, block_count: usize) -> String {
    let last = first.saturating_add(block_count.max(1)).min(document.blocks.len());
    let blocks: Vec<usize> = (first..last).collect();
    document.labels_of(&blocks)
}

const HEADERS: [&str; 6] = ["paragraph", "quote", "tags", "note", "author", "status"];

fn fields(row: &PositionRow) -> [&str; 6] {
    [&row.paragraph, &row.quote, &row.tags, &row.note, &row.author, &row.status]
}

/// CSV (RFC 4180: quoted fields, doubled quotes, CRLF line ends) for spreadsheets: a UTF-8
/// byte order mark first (Excel on Windows then reads Cyrillic correctly), and a cell that a
/// spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`.
pub fn csv(rows: &[PositionRow]) -> String {
    let quote = |s: &str| {
        let inert = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { "'" } else { "" };
        format!("\"{inert}{}\"", s.replace('"', "\"\""))
    };
    let mut out = format!("\u{feff}{}\r\n", HEADERS.join(","));
    for row in rows {
        out.push_str(&fields(row).iter().map(|f| quote(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// A Markdown table (pipes and line breaks in cells escaped).
pub fn markdown(rows: &[PositionRow]) -> String {
    let cell = |s: &str| s.replace('\\', "\\\\").replace('|', "\\|").replace('\n', "<br>");
    let mut out = format!("| {} |\n|{}|\n", HEADERS.join(" | "), vec!["---"; HEADERS.len()].join("|"));
    for row in rows {
        out.push_str(&format!("| {} |\n", fields(row).iter().map(|f| cell(f)).collect::<Vec<_>>().join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(quote: &str, note: &str) -> PositionRow {
        PositionRow {
            paragraph: "3".into(),
            quote: quote.into(),
            tags: "concern".into(),
            note: note.into(),
            author: "RU".into(),
            status: "exact".into(),
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_neutralises_formulas() {
        let out = csv(&[row("=HYPERLINK(\"http://x\")", "-1 point"), row("обычный текст", "@home +7")]);
        assert!(out.starts_with("\u{feff}paragraph,quote,tags,note,author,status\r\n"));
        assert!(out.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{out}");
        assert!(out.contains("\"'-1 point\""));
        assert!(out.contains("\"'@home +7\""));
        assert!(out.contains("\"обычный текст\""));
    }

    #[test]
    fn a_passage_over_two_paragraphs_lists_both_labels() {
        let document =
            crate::ingest::document_from_bytes("t.md", "1. Один два.\n\n2. Три четыре.\n".as_bytes(), Default::default()).expect("reads");
        let mut set = AnnotationSet::for_document(&document);
        let selection = crate::annotate::Selection { start_block: 0, start_char: 5, end_block: 1, end_char: 3 };
        let anchor = crate::annotate::Anchor::from_selection(&document, &selection).expect("anchor");
        set.add(crate::annotate::Annotation::new("RU", anchor, vec![], String::new()), &document);
        let placements = crate::annotate::place_all(&set, &document);
        assert_eq!(position_rows(&set, &document, &placements)[0].paragraph, "1. + 2.");
    }
}
