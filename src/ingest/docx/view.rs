//! One version of a document (every change accepted, or every change rejected) as raw blocks.
//!
//! Paragraphs whose mark is removed in the version are joined with the next one; list numbers
//! are counted over the paragraphs of that version only, so a deleted paragraph takes no number
//! in the current text and an inserted one none in the old text. Footnotes and endnotes become
//! footnote blocks after the body, numbered in order of reference.
//!
//! A note block's `source` is the span of the body paragraph that refers to it. Endnotes are
//! labelled with lower-case roman numerals, Word's default, so that their labels never clash
//! with the footnotes' numbers.
//!
//! Tables: every paragraph of a cell is a block of its own, in reading order (row by row, cell
//! by cell), like any body paragraph; a cell is usually one paragraph, so one block per cell.

use super::body::{Item, Paragraph, Piece, Revision, View};
use super::notes::Notes;
use super::numbering::{ListCounter, ListLabel, Numbering};
use super::styles::Styles;
use crate::ingest::label::{LabelKind, parse_label};
use crate::ingest::{RawBlock, RawHint};
use crate::store::{FootnoteRef, SourceSpan};
use rustc_hash::FxHashMap;

/// Longest typed label accepted before a tab (`(viii)`, `12.`, `IV.`).
const MAX_TYPED_LABEL_CHARS: usize = 8;

/// What a document's parts say beyond its body.
pub(super) struct Sources<'a> {
    /// Paragraph styles.
    pub styles: &'a Styles,
    /// List definitions.
    pub numbering: &'a Numbering,
    /// Footnotes by id.
    pub footnotes: &'a Notes,
    /// Endnotes by id.
    pub endnotes: &'a Notes,
}

/// A position in the rendered blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Anchor {
    /// Index into the blocks.
    pub block: usize,
    /// Char offset into that block's text.
    pub char_offset: usize,
}

/// A version of a document.
#[derive(Debug, Default)]
pub(super) struct Rendered {
    /// Body blocks, then footnote and endnote blocks.
    pub blocks: Vec<RawBlock>,
    /// Where each comment's range starts, by comment id.
    pub comment_starts: FxHashMap<String, Anchor>,
    /// Where each comment's range ends.
    pub comment_ends: FxHashMap<String, Anchor>,
    /// Where each comment's reference mark stands (the anchor of comments without a range).
    pub comment_points: FxHashMap<String, Anchor>,
}

/// A note referenced from the body, waiting to be rendered after it.
struct PendingNote {
    id: i64,
    endnote: bool,
    number: u32,
    /// The label when it is not the number: a custom mark (`*`) or an endnote's numeral.
    mark: String,
    custom: bool,
    source: SourceSpan,
}

/// Renders the body (and the notes it refers to) in one view.
pub(super) fn render(body: &[Paragraph], sources: &Sources<'_>, view: View) -> Rendered {
    let mut renderer = Renderer {
        view,
        sources,
        counter: ListCounter::new(sources.numbering),
        out: Rendered::default(),
        notes: Vec::new(),
        footnotes_seen: 0,
        endnotes_seen: 0,
        notes_seen: 0,
    };
    for group in joined(body, view) {
        renderer.paragraph(group);
    }
    let notes = std::mem::take(&mut renderer.notes);
    for note in &notes {
        renderer.note(note);
    }
    renderer.out
}

/// Paragraphs as they stand in a view: a paragraph whose mark is removed runs on into the next.
fn joined(paragraphs: &[Paragraph], view: View) -> Vec<&[Paragraph]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if paragraph.mark.shows_in(view) || i + 1 == paragraphs.len() {
            groups.push(&paragraphs[start..=i]);
            start = i + 1;
        }
    }
    groups
}

/// The pieces of a group shown in a view (comment anchors are kept in every view).
fn visible(group: &[Paragraph], view: View) -> Vec<&Item> {
    group
        .iter()
        .flat_map(|p| p.items.iter())
        .filter(|item| {
            matches!(item.piece, Piece::CommentStart(_) | Piece::CommentEnd(_) | Piece::CommentPoint(_)) || item.revision.shows_in(view)
        })
        .collect()
}

fn has_text(paragraph: &Paragraph, view: View) -> bool {
    paragraph.items.iter().any(|i| i.revision.shows_in(view) && matches!(&i.piece, Piece::Text(t) if !t.trim().is_empty()))
}

struct Renderer<'a> {
    view: View,
    sources: &'a Sources<'a>,
    counter: ListCounter<'a>,
    out: Rendered,
    notes: Vec<PendingNote>,
    footnotes_seen: u32,
    endnotes_seen: u32,
    notes_seen: u32,
}

impl Renderer<'_> {
    fn paragraph(&mut self, group: &[Paragraph]) {
        // The joined paragraph keeps the properties of its first paragraph that shows text
        // (a wholly deleted paragraph lends none), else those of its last (the surviving mark).
        let Some(props) = group.iter().find(|p| has_text(p, self.view)).or_else(|| group.last()) else { return };
        let items = visible(group, self.view);
        let list_label = self.list_label(props);
        let heading = match props.outline_level {
            Some(level) if level < 9 => Some(level + 1),
            Some(_) => None,
            None => self.sources.styles.heading_level(props.style.as_deref()),
        };
        let list_bullet = list_label == Some(ListLabel::Bullet);
        let (label, skip) = match list_label {
            Some(ListLabel::Text(text)) => (Some(text), 0),
            Some(ListLabel::Bullet) => (None, 0),
            None => typed_label(&items).map_or((None, 0), |(label, skip)| (Some(label), skip)),
        };
        let bullet = list_bullet || label.as_deref().is_some_and(is_bullet);
        let hint = match (bullet, heading) {
            (true, _) => RawHint::Bullet,
            (false, Some(level)) => RawHint::Heading(level),
            (false, None) => RawHint::None,
        };
        let first = group.first().map_or(0, |p| p.index);
        let last = group.last().map_or(first, |p| p.index);
        let source = SourceSpan::Docx { start: first, end: last + 1 };
        let block = self.out.blocks.len();
        // Anchors in a typed label stand at the start of the text.
        for item in &items[..skip] {
            self.anchor(&item.piece, block, 0, 0);
        }
        let (text, footnote_refs) = self.text(&items[skip..], block, &source, true);
        if !text.is_empty() {
            let label = if bullet { None } else { label };
            self.out.blocks.push(RawBlock { text, hint, source, label, footnote_refs });
        }
    }

    /// Counts the paragraph in its list, if it is in one (directly or through its style).
    fn list_label(&mut self, paragraph: &Paragraph) -> Option<ListLabel> {
        let from_style = self.sources.styles.num_pr(paragraph.style.as_deref());
        let num_id = paragraph.num_pr.and_then(|n| n.num_id).or(from_style.and_then(|n| n.num_id))?;
        let ilvl = paragraph
            .num_pr
            .and_then(|n| n.ilvl)
            .or(from_style.and_then(|n| n.ilvl))
            .or_else(|| self.sources.numbering.level_of_style(num_id, paragraph.style.as_deref()?))
            .unwrap_or(0);
        if num_id == 0 {
            return None;
        }
        self.counter.next_label(num_id, ilvl)
    }

    /// The text of pieces (white space collapsed, ends trimmed) and the note markers in it.
    /// Note references are followed only from the body (`with_notes`).
    fn text(&mut self, items: &[&Item], block: usize, source: &SourceSpan, with_notes: bool) -> (String, Vec<FootnoteRef>) {
        let mut builder = TextBuilder::default();
        let mut refs = Vec::new();
        for item in items {
            match &item.piece {
                Piece::Text(text) => builder.push_str(text),
                Piece::Tab | Piece::Break => builder.space(),
                Piece::NoteRef { id, endnote, custom_mark } if with_notes => {
                    if let Some(marker) = self.note_ref(*id, *endnote, custom_mark.as_deref(), builder.char_offset(), source) {
                        refs.push(marker);
                    }
                }
                piece => self.anchor(piece, block, builder.start_char_offset(), builder.char_offset()),
            }
        }
        let text = builder.finish();
        let length = text.chars().count();
        for marker in &mut refs {
            marker.char_offset = marker.char_offset.min(length);
        }
        (text, refs)
    }

    fn anchor(&mut self, piece: &Piece, block: usize, start_char_offset: usize, end_char_offset: usize) {
        match piece {
            Piece::CommentStart(id) => {
                self.out.comment_starts.entry(id.clone()).or_insert(Anchor { block, char_offset: start_char_offset });
            }
            Piece::CommentEnd(id) => {
                self.out.comment_ends.insert(id.clone(), Anchor { block, char_offset: end_char_offset });
            }
            Piece::CommentPoint(id) => {
                self.out.comment_points.insert(id.clone(), Anchor { block, char_offset: end_char_offset });
            }
            _ => {}
        }
    }

    /// Registers a referenced note and returns the marker for the body text.
    fn note_ref(
        &mut self,
        id: i64,
        endnote: bool,
        custom_mark: Option<&str>,
        char_offset: usize,
        source: &SourceSpan,
    ) -> Option<FootnoteRef> {
        let notes = if endnote { self.sources.endnotes } else { self.sources.footnotes };
        notes.by_id.get(&id)?;
        self.notes_seen += 1;
        // Word numbers notes with a custom mark outside the sequence: the next numbered note
        // takes the number the marked one did not. The marker's number is then its order.
        let (number, mark, custom) = match custom_mark.map(str::trim).filter(|m| !m.is_empty()) {
            Some(mark) => (self.notes_seen, mark.to_string(), true),
            None if endnote => {
                self.endnotes_seen += 1;
                (self.endnotes_seen, super::numbering::lower_roman(self.endnotes_seen), false)
            }
            None => {
                self.footnotes_seen += 1;
                (self.footnotes_seen, String::new(), false)
            }
        };
        self.notes.push(PendingNote { id, endnote, number, mark: mark.clone(), custom, source: source.clone() });
        Some(FootnoteRef { number, char_offset, mark })
    }

    /// A note's paragraphs as one footnote block.
    fn note(&mut self, note: &PendingNote) {
        let notes = if note.endnote { self.sources.endnotes } else { self.sources.footnotes };
        let Some(paragraphs) = notes.by_id.get(&note.id) else { return };
        let block = self.out.blocks.len();
        // One block for the whole note: its paragraphs joined by a space.
        let separator = Item { piece: Piece::Break, revision: Revision::default() };
        let without_mark;
        let mut items: Vec<&Item> = Vec::new();
        for group in joined(paragraphs, self.view) {
            if !items.is_empty() {
                items.push(&separator);
            }
            items.extend(visible(group, self.view));
        }
        // The custom mark is repeated as plain text at the start of the note.
        let first_text = items.iter().position(|i| matches!(&i.piece, Piece::Text(t) if !t.trim().is_empty()));
        if let (true, Some(first)) = (note.custom, first_text)
            && let Piece::Text(text) = &items[first].piece
            && let Some(rest) = text.trim_start().strip_prefix(note.mark.as_str())
        {
            without_mark = Item { piece: Piece::Text(rest.to_string()), revision: items[first].revision };
            items[first] = &without_mark;
        }
        let (text, _) = self.text(&items, block, &note.source, false);
        if text.is_empty() {
            return;
        }
        let label = (!note.mark.is_empty()).then(|| note.mark.clone());
        self.out.blocks.push(RawBlock {
            text,
            hint: RawHint::Footnote(note.number),
            source: note.source.clone(),
            label,
            footnote_refs: Vec::new(),
        });
    }
}

fn is_bullet(label: &str) -> bool {
    parse_label(&format!("{label} x")).is_some_and(|l| l.kind == LabelKind::Bullet)
}

/// A label typed as text and ended by a tab at the start of a paragraph (`12.` + tab):
/// the label and how many pieces it takes (the tab included).
fn typed_label(items: &[&Item]) -> Option<(String, usize)> {
    let tab = items.iter().position(|item| item.piece == Piece::Tab)?;
    let mut prefix = String::new();
    for item in &items[..tab] {
        match &item.piece {
            Piece::Text(text) => prefix.push_str(text),
            Piece::CommentStart(_) | Piece::CommentEnd(_) | Piece::CommentPoint(_) => {}
            _ => return None,
        }
    }
    let candidate = prefix.trim();
    if candidate.is_empty() || candidate.chars().count() > MAX_TYPED_LABEL_CHARS {
        return None;
    }
    let label = parse_label(&format!("{candidate} x"))?;
    let whole = label.text == candidate || (label.kind == LabelKind::Bullet && candidate.chars().count() == 1);
    let text_follows = items[tab + 1..].iter().any(|item| matches!(&item.piece, Piece::Text(t) if !t.trim().is_empty()));
    (whole && text_follows).then(|| (candidate.to_string(), tab + 1))
}

/// Builds a block's text with white space collapsed to single spaces and the ends trimmed,
/// counting chars as it goes so that markers get offsets into the finished text.
#[derive(Default)]
struct TextBuilder {
    text: String,
    chars: usize,
    pending_space: bool,
}

impl TextBuilder {
    fn push_str(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && self.chars > 0 {
                self.text.push(' ');
                self.chars += 1;
            }
            self.pending_space = false;
            self.text.push(c);
            self.chars += 1;
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    /// Where a marker or the end of a range stands: right after the last char (a pending
    /// space comes after it).
    fn char_offset(&self) -> usize {
        self.chars
    }

    /// Where a range that starts now begins: after a pending space, which will be written.
    fn start_char_offset(&self) -> usize {
        self.chars + usize::from(self.pending_space && self.chars > 0)
    }

    fn finish(self) -> String {
        self.text
    }
}
