//! Footnotes of a document as Word footnotes: which block each marker points to, which
//! footnote blocks no marker points to (those are written as paragraphs at the end), and the
//! content of each note (in a redline, the note's own changes as tracked changes).

use super::model::{Change, Inline, Paragraph, Style};
use super::render::{Frame, NoteSource, View, paragraphs};
use super::segments::{Marker, Part, merge_row};
use crate::compare::inline::diff_parts;
use crate::store::{Block, BlockKind, Document};
use rustc_hash::FxHashMap;

/// The footnotes of one document.
pub(crate) struct Footnotes<'d> {
    document: &'d Document,
    /// Footnote block by label.
    by_label: FxHashMap<&'d str, usize>,
    /// Whether each block is a footnote some marker points to.
    pub referenced: Vec<bool>,
}

impl<'d> Footnotes<'d> {
    /// Indexes a document's footnotes and the markers that point to them.
    pub(crate) fn of(document: &'d Document) -> Self {
        let mut by_label = FxHashMap::default();
        for (index, block) in document.blocks.iter().enumerate().filter(|(_, b)| b.kind == BlockKind::Footnote) {
            by_label.entry(block.label.as_str()).or_insert(index);
        }
        let mut notes = Self { document, by_label, referenced: vec![false; document.blocks.len()] };
        for block in document.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
            for marker in notes.markers(block) {
                if let Some(index) = marker.block {
                    notes.referenced[index] = true;
                }
            }
        }
        notes
    }

    /// The markers of a block that point to a footnote of the document, by offset.
    pub(crate) fn markers(&self, block: &Block) -> Vec<Marker> {
        if block.kind == BlockKind::Footnote {
            return Vec::new();
        }
        let mut markers: Vec<Marker> = block
            .footnote_refs
            .iter()
            .filter_map(|r| {
                let index = *self.by_label.get(r.label().as_str())?;
                Some(Marker { offset: r.char_offset, block: Some(index), mark: (!r.mark.is_empty()).then(|| r.mark.clone()) })
            })
            .collect();
        markers.sort_by_key(|m| m.offset);
        markers
    }

    /// A block as a part of a row (a footnote written in the body keeps no markers).
    pub(crate) fn part(&self, index: usize) -> Part<'d> {
        let block = &self.document.blocks[index];
        Part { label: &block.label, text: &block.text, markers: self.markers(block) }
    }

    /// Whether a block is written in the body: not a footnote some marker points to.
    pub(crate) fn in_body(&self, index: usize) -> bool {
        !self.referenced.get(index).copied().unwrap_or(false)
    }

    /// A footnote's text.
    fn text(&self, marker: &Marker) -> &'d str {
        marker.block.and_then(|b| self.document.blocks.get(b)).map_or("", |b| b.text.as_str())
    }
}

/// The notes of a redline: old, new, or the changes between them.
pub(crate) struct RedlineNotes<'d> {
    /// The old document's footnotes.
    pub old: Footnotes<'d>,
    /// The new document's footnotes.
    pub new: Footnotes<'d>,
    /// The revision of every change.
    pub revision: usize,
}

impl NoteSource for RedlineNotes<'_> {
    fn note_paragraphs(&mut self, old: Option<&Marker>, new: Option<&Marker>, _change: Change) -> Vec<Paragraph> {
        let (old_text, new_text) = (old.map(|m| self.old.text(m)), new.map(|m| self.new.text(m)));
        match (old_text, new_text) {
            (Some(old_text), Some(new_text)) if old_text != new_text => {
                let part = |text| Part { label: "", text, markers: Vec::new() };
                let diff = diff_parts(&[old_text], &[new_text], None);
                let segs = merge_row(&[part(old_text)], &[part(new_text)], Some(&diff), &|_, _| false);
                let styles = [Style::FootnoteText];
                let frame = Frame { old_styles: &styles, new_styles: &styles, view: View::InPlace, revision: self.revision };
                // A note holds no notes.
                paragraphs(&segs, &frame, &mut NoNotes, &mut Vec::new())
            }
            (_, Some(text)) | (Some(text), None) => plain(text),
            (None, None) => plain(""),
        }
    }
}

/// A footnote's text as one plain paragraph.
pub(crate) fn plain(text: &str) -> Vec<Paragraph> {
    let mut paragraph = Paragraph::new(Style::FootnoteText);
    if !text.is_empty() {
        paragraph.content.push(Inline::text(text));
    }
    vec![paragraph]
}

/// For stories that hold no notes.
pub(crate) struct NoNotes;

impl NoteSource for NoNotes {
    fn note_paragraphs(&mut self, _: Option<&Marker>, _: Option<&Marker>, _: Change) -> Vec<Paragraph> {
        Vec::new()
    }
}
