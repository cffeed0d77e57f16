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
            paragraph: p.block.map(|b| document.blocks[b].display_label()).unwrap_or_else(|| a.anchor.label.clone()),
            quote: a.anchor.quote.clone(),
            tags: a.tags.join(", "),
            note: a.note.clone(),
            author: a.author.clone(),
            status: p.status.name().to_string(),
        })
        .collect()
}

const HEADERS: [&str; 6] = ["paragraph", "quote", "tags", "note", "author", "status"];

fn fields(row: &PositionRow) -> [&str; 6] {
    [&row.paragraph, &row.quote, &row.tags, &row.note, &row.author, &row.status]
}

/// CSV (RFC 4180: quoted fields, doubled quotes, CRLF line ends).
pub fn csv(rows: &[PositionRow]) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = HEADERS.join(",") + "\r\n";
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
