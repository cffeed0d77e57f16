//! The compilation of proposals negotiators work from: one row per paragraph that has
//! proposals, in document order, with the paragraph's label, its current text, and each
//! delegation's proposal shown as a redline against that text, with its author and note.
//! Several delegations' annotation files are merged into one compilation.
//!
//! Written as a Word table ([`docx`], with real tracked changes by each delegation) or as HTML
//! ([`html`], insertions underlined and deletions struck through).

pub mod docx;
pub mod html;

use crate::annotate::{self, AnchorStatus, Annotation, AnnotationSet, Proposal, ProposalKind};
use crate::compare::SpanTag;
use crate::compare::inline::diff_parts;
use crate::export::docx::segments::{Atom, Part, Side, merge_row};
use crate::store::{BlockKind, CharRange, Document};
use crate::text::char_slice;

/// What a compilation includes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompilationOptions {
    /// Also list paragraphs without proposals.
    pub all_paragraphs: bool,
}

/// A piece of a proposal's redline; `\n` in the text is a paragraph break.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedlinePiece {
    /// Kept, deleted or inserted.
    pub tag: SpanTag,
    /// The text.
    pub text: String,
}

/// One delegation's proposal.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposalEntry {
    /// The annotation's id.
    pub id: String,
    /// The delegation (the annotation's author).
    pub author: String,
    /// When the proposal was last edited.
    pub date: jiff::Timestamp,
    /// The annotation's tags.
    pub tags: Vec<String>,
    /// The note.
    pub note: String,
    /// The proposal itself.
    pub proposal: Proposal,
    /// The passage it amends, as annotated.
    pub quote: String,
    /// The paragraph as amended against its current text (empty when the passage was not found).
    pub redline: Vec<RedlinePiece>,
}

/// One paragraph of the compilation.
#[derive(Clone, Debug, PartialEq)]
pub struct CompilationRow {
    /// Index of the block in the document.
    pub block: usize,
    /// The label as printed (`12.`), or the first words of an unlabelled paragraph.
    pub label: String,
    /// The paragraph's current text (the paragraphs of a passage over several, one per line).
    pub current: String,
    /// The proposals, by position in the paragraph, then author.
    pub proposals: Vec<ProposalEntry>,
}

/// A compilation of proposals on one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Compilation {
    /// The document's title.
    pub title: String,
    /// The document's file.
    pub source: String,
    /// The document's language (`ru`, `en`, …).
    pub lang: &'static str,
    /// Rows in document order.
    pub rows: Vec<CompilationRow>,
    /// Proposals whose passage was not found in the document (never dropped).
    pub unplaced: Vec<ProposalEntry>,
    /// The delegations that made proposals, in order of first appearance.
    pub authors: Vec<String>,
}

/// Compiles the proposals of one or more delegations' annotation sets on `document`. Sets are
/// merged by annotation id (the later edit of an annotation wins).
pub fn compile(document: &Document, sets: &[AnnotationSet], options: CompilationOptions) -> Compilation {
    let mut merged = AnnotationSet::for_document(document);
    for set in sets {
        annotate::merge(&mut merged, set);
    }
    let placements = annotate::place_all(&merged, document);
    let mut rows: Vec<CompilationRow> = Vec::new();
    let mut by_block: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
    if options.all_paragraphs {
        for (index, _) in document.blocks.iter().enumerate().filter(|(_, b)| b.kind != BlockKind::Footnote) {
            by_block.insert(index, rows.len());
            rows.push(row(document, index, 1));
        }
    }
    let mut unplaced = Vec::new();
    let mut authors: Vec<String> = Vec::new();
    let mut entries: Vec<(usize, usize, ProposalEntry)> = Vec::new();
    for (annotation, placement) in merged.annotations.iter().zip(&placements) {
        let Some(proposal) = &annotation.proposal else { continue };
        if !authors.contains(&annotation.author) {
            authors.push(annotation.author.clone());
        }
        match placement.block.filter(|_| placement.status != AnchorStatus::Orphaned) {
            Some(block) => {
                let count = placement.block_count.max(1).min(document.blocks.len() - block);
                let redline = amend(document, block, count, placement.char_range, proposal);
                entries.push((block, placement.char_range.start, entry(annotation, proposal, redline)));
                if let std::collections::hash_map::Entry::Vacant(slot) = by_block.entry(block) {
                    slot.insert(rows.len());
                    rows.push(row(document, block, count));
                }
            }
            None => unplaced.push(entry(annotation, proposal, Vec::new())),
        }
    }
    entries.sort_by(|a, b| (a.0, a.1, &a.2.author, &a.2.id).cmp(&(b.0, b.1, &b.2.author, &b.2.id)));
    for (block, _, entry) in entries {
        if let Some(&index) = by_block.get(&block) {
            rows[index].proposals.push(entry);
        }
    }
    rows.sort_by_key(|r| r.block);
    Compilation { title: document.title.clone(), source: document.source.clone(), lang: document.language(), rows, unplaced, authors }
}

fn entry(annotation: &Annotation, proposal: &Proposal, redline: Vec<RedlinePiece>) -> ProposalEntry {
    ProposalEntry {
        id: annotation.id.clone(),
        author: annotation.author.clone(),
        date: annotation.modified,
        tags: annotation.tags.clone(),
        note: annotation.note.clone(),
        proposal: proposal.clone(),
        quote: annotation.anchor.quote.clone(),
        redline,
    }
}

fn row(document: &Document, block: usize, count: usize) -> CompilationRow {
    let blocks = &document.blocks[block..block + count];
    CompilationRow {
        block,
        label: document.blocks[block].display_label(),
        current: blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n"),
        proposals: Vec::new(),
    }
}

/// The passage's blocks amended by the proposal, as a redline against their current text.
fn amend(document: &Document, block: usize, count: usize, range: CharRange, proposal: &Proposal) -> Vec<RedlinePiece> {
    let texts: Vec<&str> = document.blocks[block..block + count].iter().map(|b| b.text.as_str()).collect();
    let (first, last) = (texts[0], texts[texts.len() - 1]);
    let start = range.start.min(first.chars().count());
    let end = if count == 1 { range.end.max(start) } else { range.end }.min(last.chars().count());
    let before = char_slice(first, CharRange::new(0, start));
    let after = char_slice(last, CharRange::new(end, usize::MAX));
    let amended: Vec<String> = match proposal.kind {
        ProposalKind::Replace | ProposalKind::Delete => {
            let text = if proposal.kind == ProposalKind::Delete { "" } else { proposal.text.trim() };
            vec![join_words(&join_words(before, text), after)]
        }
        ProposalKind::InsertAfter => {
            let kept = char_slice(last, CharRange::new(0, end));
            let mut amended: Vec<String> = texts[..texts.len() - 1].iter().map(std::string::ToString::to_string).collect();
            amended.push(join_words(&join_words(kept, proposal.text.trim()), after));
            amended
        }
    };
    let new_texts: Vec<&str> = amended.iter().map(String::as_str).collect();
    let diff = diff_parts(&texts, &new_texts, None);
    let part = |text| Part { label: "", text, markers: Vec::new() };
    let olds: Vec<Part<'_>> = texts.iter().map(|t| part(t)).collect();
    let news: Vec<Part<'_>> = new_texts.iter().map(|t| part(t)).collect();
    let mut pieces: Vec<RedlinePiece> = Vec::new();
    for seg in merge_row(&olds, &news, Some(&diff), &|_, _| false) {
        let tag = match seg.side {
            Side::Both => SpanTag::Equal,
            Side::Old => SpanTag::Delete,
            Side::New => SpanTag::Insert,
        };
        let text = match seg.atom {
            Atom::Text(text) => text,
            Atom::Break => "\n".to_string(),
            Atom::Ref { .. } => continue,
        };
        match pieces.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(&text),
            _ => pieces.push(RedlinePiece { tag, text }),
        }
    }
    pieces
}

/// Two stretches of text joined with one space between words (none before punctuation, none
/// when either side is empty or already has one).
fn join_words(left: &str, right: &str) -> String {
    let (left_trimmed, right_trimmed) = (left.trim_end(), right.trim_start());
    if left_trimmed.is_empty() || right_trimmed.is_empty() {
        return format!("{left_trimmed}{right_trimmed}");
    }
    let tight = right_trimmed.starts_with([',', '.', ';', ':', ')', ']', '»', '”', '!', '?']);
    if tight { format!("{left_trimmed}{right_trimmed}") } else { format!("{left_trimmed} {right_trimmed}") }
}

impl ProposalEntry {
    /// The amended text (what accepting the proposal gives).
    pub fn amended(&self) -> String {
        self.redline.iter().filter(|p| p.tag != SpanTag::Delete).map(|p| p.text.as_str()).collect()
    }
}

#[cfg(test)]
mod tests;
