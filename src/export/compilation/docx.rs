//! The compilation as a Word table. Each proposal is written as the paragraph amended with
//! real tracked changes by its delegation (author and date), so Word shows who proposed what
//! and accepting the changes in a cell gives the amended paragraph; the table itself is plain.

use super::{Compilation, CompilationRow, ProposalEntry};
use crate::compare::SpanTag;
use crate::export::docx::DocxWriteError;
use crate::export::docx::model::{BodyItem, Change, Format, Inline, Package, Paragraph, Revision, Style, Table, word_date};

/// Column widths (twentieths of a point) of the A4 portrait table: label, text, proposals.
const WIDTHS: [u32; 3] = [1300, 3900, 4438];

/// The compilation as DOCX bytes.
pub fn compilation_docx(compilation: &Compilation) -> Result<Vec<u8>, DocxWriteError> {
    crate::export::docx::write_package(&package(compilation))
}

fn text_paragraph(style: Style, text: &str, format: Format) -> Paragraph {
    let mut paragraph = Paragraph::new(style);
    if !text.is_empty() {
        paragraph.content.push(Inline::Text { text: text.to_string(), change: Change::None, format });
    }
    paragraph
}

fn package(compilation: &Compilation) -> Package {
    let mut revisions = Vec::new();
    let mut body = vec![BodyItem::Paragraph(text_paragraph(
        Style::Title,
        &format!("Compilation of proposals: {}", compilation.title),
        Format::default(),
    ))];
    let count: usize = compilation.rows.iter().map(|r| r.proposals.len()).sum::<usize>() + compilation.unplaced.len();
    let summary = format!(
        "{count} proposals from {} ({}). Insertions and deletions are tracked changes by each delegation.",
        if compilation.authors.len() == 1 { "1 delegation".to_string() } else { format!("{} delegations", compilation.authors.len()) },
        compilation.authors.join(", ")
    );
    body.push(BodyItem::Paragraph(text_paragraph(Style::Normal, &summary, Format { italic: true, ..Format::default() })));
    let bold = Format { bold: true, ..Format::default() };
    let header = ["Paragraph", "Text under negotiation", "Proposals"].map(|h| vec![text_paragraph(Style::TableText, h, bold)]).to_vec();
    let mut table = Table { widths: WIDTHS.to_vec(), header: true, rows: vec![header] };
    for row in &compilation.rows {
        table.rows.push(table_row(row, &mut revisions));
    }
    body.push(BodyItem::Table(table));
    if !compilation.unplaced.is_empty() {
        body.push(BodyItem::Paragraph(text_paragraph(Style::Heading(1), "Proposals whose passage was not found", Format::default())));
        let header = ["Passage", "Proposal"].map(|h| vec![text_paragraph(Style::TableText, h, bold)]).to_vec();
        let mut table = Table { widths: vec![WIDTHS[0] + WIDTHS[1], WIDTHS[2]], header: true, rows: vec![header] };
        for entry in &compilation.unplaced {
            let passage = vec![text_paragraph(Style::TableText, &format!("«{}»", entry.quote), Format::default())];
            table.rows.push(vec![passage, proposal_cell(std::slice::from_ref(entry), &mut revisions)]);
        }
        body.push(BodyItem::Table(table));
    }
    Package {
        title: format!("Compilation of proposals: {}", compilation.title),
        creator: "Gloss".to_string(),
        created: word_date(jiff::Timestamp::now()),
        lang: if compilation.lang == "und" { String::new() } else { compilation.lang.to_string() },
        track_revisions: false,
        revisions,
        body,
        notes: Vec::new(),
        comments: Vec::new(),
    }
}

fn table_row(row: &CompilationRow, revisions: &mut Vec<Revision>) -> Vec<Vec<Paragraph>> {
    let label = vec![text_paragraph(Style::TableText, &row.label, Format { bold: true, ..Format::default() })];
    let current = row.current.split('\n').map(|line| text_paragraph(Style::TableText, line, Format::default())).collect();
    vec![label, current, proposal_cell(&row.proposals, revisions)]
}

/// Each proposal: `Delegation — replace` in bold, the amended paragraph with its changes
/// tracked, then the note in italics.
fn proposal_cell(entries: &[ProposalEntry], revisions: &mut Vec<Revision>) -> Vec<Paragraph> {
    let mut cell = Vec::new();
    for entry in entries {
        let revision = revisions.len();
        revisions.push(Revision { author: entry.author.clone(), date: word_date(entry.date) });
        let heading = format!("{} — {}", entry.author, entry.proposal.kind.name());
        cell.push(text_paragraph(Style::TableText, &heading, Format { bold: true, ..Format::default() }));
        if entry.redline.is_empty() {
            let text = if entry.proposal.text.is_empty() { entry.proposal.kind.name().to_string() } else { entry.proposal.text.clone() };
            cell.push(text_paragraph(Style::TableText, &text, Format::default()));
        } else {
            cell.extend(redline_paragraphs(entry, revision));
        }
        if !entry.note.is_empty() {
            cell.push(text_paragraph(Style::TableText, &entry.note, Format { italic: true, ..Format::default() }));
        }
    }
    cell
}

/// The redline as paragraphs: a `\n` in kept text starts a paragraph; in deleted text it is a
/// deleted paragraph mark, so accepting the deletion joins the paragraphs.
fn redline_paragraphs(entry: &ProposalEntry, revision: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current = Paragraph::new(Style::TableText);
    for piece in &entry.redline {
        let change = match piece.tag {
            SpanTag::Equal => Change::None,
            SpanTag::Delete => Change::Delete(revision),
            SpanTag::Insert => Change::Insert(revision),
        };
        for (index, text) in piece.text.split('\n').enumerate() {
            if index > 0 {
                current.mark = change;
                out.push(std::mem::replace(&mut current, Paragraph::new(Style::TableText)));
            }
            if !text.is_empty() {
                current.content.push(Inline::changed(text, change));
            }
        }
    }
    out.push(current);
    out
}
