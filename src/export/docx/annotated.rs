//! A document as a Word file with its annotations as Word comments: each comment spans the
//! annotated passage (over several paragraphs when the passage does), carries the author,
//! date and initials, and reads `[tag, tag]`, the note, and the proposed text if any. An
//! annotation whose passage was not found is kept as a comment at the start of the document
//! that says so.
//!
//! A passage inside a footnote is commented at the footnote's marker in the body, with a line
//! quoting the passage: LibreOffice (7.4) refuses to open a file with a comment inside a
//! footnote, which Word allows.

use super::DocxWriteError;
use super::model::{BodyItem, Comment, Inline, Note, Package, Paragraph, Style, initials, word_date};
use super::notes::{Footnotes, plain};
use crate::annotate::{Annotation, AnnotationSet, Placement};
use crate::store::{BlockKind, Document};
use crate::text::char_slice;
use rustc_hash::{FxHashMap, FxHashSet};

/// The order of markers at the same offset: a passage ending there closes before a footnote
/// marker, and one starting there opens after it; a comment on the footnote surrounds it.
const END: u8 = 0;
const ON_NOTE_START: u8 = 1;
const NOTE: u8 = 2;
const ON_NOTE_END: u8 = 3;
const START: u8 = 4;

/// A Word file of `document` with one comment per annotation (`placements` in the order of
/// `set.annotations`, as [`crate::annotate::place_all`] gives them).
pub fn annotated(document: &Document, set: &AnnotationSet, placements: &[Placement]) -> Result<Vec<u8>, DocxWriteError> {
    super::write_package(&package(document, set, placements))
}

/// Markers to put into blocks: by block, (offset, order, inline).
type Markers = FxHashMap<usize, Vec<(usize, u8, Inline)>>;

pub(crate) fn package(document: &Document, set: &AnnotationSet, placements: &[Placement]) -> Package {
    let footnotes = Footnotes::of(document);
    let mut markers: Markers = FxHashMap::default();
    let mut on_notes: FxHashMap<usize, Vec<u32>> = FxHashMap::default();
    let mut orphans = Vec::new();
    let mut comments = Vec::new();
    for (index, annotation) in set.annotations.iter().enumerate() {
        let id = index as u32;
        let placement = placements.get(index).copied();
        let placed = placement.and_then(|p| place(document, &footnotes, p));
        let Some((start, end)) = placed else {
            orphans.push(Inline::CommentPoint(id));
            comments.push(comment(id, annotation, Where::NotFound));
            continue;
        };
        if !footnotes.in_body(start.0) {
            on_notes.entry(start.0).or_default().push(id);
            comments.push(comment(id, annotation, Where::Footnote(&document.blocks[start.0].label)));
            continue;
        }
        markers.entry(start.0).or_default().push((start.1, START, Inline::CommentStart(id)));
        markers.entry(end.0).or_default().push((end.1, END, Inline::CommentEnd(id)));
        comments.push(comment(id, annotation, Where::Passage));
    }
    let mut body = Vec::new();
    let mut notes = Vec::new();
    let mut noted = FxHashSet::default();
    for (index, block) in document.blocks.iter().enumerate() {
        if !footnotes.in_body(index) {
            continue;
        }
        let mut own = markers.remove(&index).unwrap_or_default();
        for marker in footnotes.markers(block) {
            let Some(note_block) = marker.block else { continue };
            let id = notes.len() as u32 + 1;
            notes.push(Note { id, mark: marker.mark.clone(), paragraphs: note_paragraphs(document, note_block) });
            // Comments on a footnote surround its first marker (a comment is written once).
            if noted.insert(note_block) {
                for comment in on_notes.remove(&note_block).unwrap_or_default() {
                    own.push((marker.offset, ON_NOTE_START, Inline::CommentStart(comment)));
                    own.push((marker.offset, ON_NOTE_END, Inline::CommentEnd(comment)));
                }
            }
            own.push((marker.offset, NOTE, Inline::NoteRef { note: id, mark: marker.mark, change: Default::default() }));
        }
        let mut paragraph = Paragraph::new(Style::of(block.kind, block.level));
        if !block.label.is_empty() {
            paragraph.content.push(Inline::text(format!("{}\t", block.label)));
        }
        paragraph.content.extend(with_markers(&block.text, own));
        body.push(paragraph);
    }
    if !orphans.is_empty() {
        if body.is_empty() {
            body.push(Paragraph::new(Style::Normal));
        }
        let first = &mut body[0].content;
        first.splice(0..0, orphans);
    }
    let now = word_date(jiff::Timestamp::now());
    Package {
        title: document.title.clone(),
        creator: "Gloss".to_string(),
        created: now,
        lang: super::model::word_lang(document),
        track_revisions: false,
        revisions: Vec::new(),
        body: body.into_iter().map(BodyItem::Paragraph).collect(),
        notes,
        comments,
    }
}

/// Where a placed passage starts and ends, as (block, char offset); a passage that would cross
/// from the body into a footnote (or between footnotes) ends with its first block.
fn place(document: &Document, footnotes: &Footnotes<'_>, placement: Placement) -> Option<((usize, usize), (usize, usize))> {
    let first = placement.block?;
    let block = document.blocks.get(first)?;
    let last = (first + placement.block_count.max(1) - 1).min(document.blocks.len() - 1);
    let story = |b: usize| if footnotes.in_body(b) { None } else { Some(b) };
    let start = (first, placement.char_range.start.min(block.char_len()));
    let crosses = (first..=last).any(|b| story(b) != story(first));
    let end = if crosses || last == first {
        let end = if last == first { placement.char_range.end } else { usize::MAX };
        (first, end.min(block.char_len()).max(start.1))
    } else {
        (last, placement.char_range.end.min(document.blocks[last].char_len()))
    };
    Some((start, end))
}

/// Where a comment stands.
enum Where<'a> {
    /// Around its passage.
    Passage,
    /// At the marker of the footnote (label) its passage is in.
    Footnote(&'a str),
    /// At the start of the document: the passage was not found.
    NotFound,
}

/// The comment for an annotation: `[tags]`, the note, where the passage is when the comment
/// is not around it, and the proposal.
fn comment(id: u32, annotation: &Annotation, place: Where<'_>) -> Comment {
    let mut lines = Vec::new();
    if !annotation.tags.is_empty() {
        lines.push(format!("[{}]", annotation.tags.join(", ")));
    }
    lines.extend(annotation.note.lines().map(str::to_string));
    let quote = annotation.anchor.quote.replace('\n', " ");
    match place {
        Where::Passage => {}
        Where::Footnote(label) => lines.push(format!("On footnote {label}: «{quote}»")),
        Where::NotFound => lines.push(format!("Passage not found in this version: «{quote}»")),
    }
    if let Some(proposal) = &annotation.proposal {
        lines.extend(proposal.comment_line().lines().map(str::to_string));
    }
    Comment {
        id,
        author: annotation.author.clone(),
        initials: initials(&annotation.author),
        date: word_date(annotation.modified),
        paragraphs: lines,
    }
}

/// A footnote block's paragraph.
fn note_paragraphs(document: &Document, block: usize) -> Vec<Paragraph> {
    plain(document.blocks.get(block).filter(|b| b.kind == BlockKind::Footnote).map_or("", |b| b.text.as_str()))
}

/// Text cut at the markers' offsets, the markers in between.
fn with_markers(text: &str, mut markers: Vec<(usize, u8, Inline)>) -> Vec<Inline> {
    markers.sort_by_key(|(offset, order, _)| (*offset, *order));
    let mut out = Vec::new();
    let mut at = 0;
    let len = text.chars().count();
    for (offset, _, inline) in markers {
        let offset = offset.min(len);
        if offset > at {
            out.push(Inline::text(char_slice(text, crate::store::CharRange::new(at, offset))));
            at = offset;
        }
        out.push(inline);
    }
    if at < len {
        out.push(Inline::text(char_slice(text, crate::store::CharRange::new(at, len))));
    }
    out
}
