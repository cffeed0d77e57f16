//! A row's stream of pieces as Word paragraphs: which content is inserted, deleted or moved,
//! which paragraph marks are, and which footnotes the markers need.

use super::model::{Change, Inline, Note, Paragraph, Style};
use super::segments::{Atom, Marker, Seg, Side};

/// How a stream is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum View {
    /// In place: shared content plain, old-only deleted, new-only inserted.
    InPlace,
    /// Where a moved passage was: shared content moved away, old-only deleted, new-only left out.
    MovedFrom,
    /// Where a moved passage went: shared content moved here, new-only inserted, old-only left out.
    MovedTo,
}

impl View {
    /// The change a piece gets in this view, or `None` when the view leaves it out.
    fn change(self, side: Side, revision: usize) -> Option<Change> {
        match (self, side) {
            (View::InPlace, Side::Both) => Some(Change::None),
            (View::InPlace | View::MovedFrom, Side::Old) => Some(Change::Delete(revision)),
            (View::InPlace | View::MovedTo, Side::New) => Some(Change::Insert(revision)),
            (View::MovedFrom, Side::Both) => Some(Change::MoveFrom(revision)),
            (View::MovedTo, Side::Both) => Some(Change::MoveTo(revision)),
            _ => None,
        }
    }
}

/// The footnotes a rendering refers to: given a marker's side and markers, the note's content.
pub(crate) trait NoteSource {
    /// The paragraphs of the note a marker (or a pair of markers, old and new) shows.
    fn note_paragraphs(&mut self, old: Option<&Marker>, new: Option<&Marker>, change: Change) -> Vec<Paragraph>;
}

/// What a rendering needs besides the stream.
pub(crate) struct Frame<'s> {
    /// Styles of the old blocks of the row, in order.
    pub old_styles: &'s [Style],
    /// Styles of the new blocks.
    pub new_styles: &'s [Style],
    /// The view.
    pub view: View,
    /// The revision (author and date) every change gets.
    pub revision: usize,
}

/// Renders a stream into paragraphs, adding the footnotes it refers to to `notes`.
pub(crate) fn paragraphs(segs: &[Seg], frame: &Frame<'_>, source: &mut dyn NoteSource, notes: &mut Vec<Note>) -> Vec<Paragraph> {
    let (mut old_part, mut new_part) = (0usize, 0usize);
    let mut out = Vec::new();
    let mut current = Paragraph::default();
    for seg in segs {
        let Some(change) = frame.view.change(seg.side, frame.revision) else { continue };
        match &seg.atom {
            Atom::Text(text) => current.content.push(Inline::changed(text.clone(), change)),
            Atom::Break => {
                // A break belongs to one side: the paragraph it ends is that side's block.
                let style = if seg.side == Side::Old {
                    old_part += 1;
                    frame.old_styles.get(old_part - 1)
                } else {
                    new_part += 1;
                    frame.new_styles.get(new_part - 1)
                };
                current.style = style.copied().unwrap_or_default();
                current.mark = match frame.view {
                    View::InPlace => change,
                    _ => frame.view.change(Side::Both, frame.revision).unwrap_or(change),
                };
                out.push(std::mem::take(&mut current));
            }
            Atom::Ref { old, new } => {
                let (old, new) = match frame.view {
                    View::MovedFrom => (old.as_ref(), None),
                    View::MovedTo => (None, new.as_ref()),
                    View::InPlace => (old.as_ref(), new.as_ref()),
                };
                let Some(shown) = new.or(old) else { continue };
                let id = notes.len() as u32 + 1;
                let paragraphs = source.note_paragraphs(old, new, change);
                notes.push(Note { id, mark: shown.mark.clone(), paragraphs });
                current.content.push(Inline::NoteRef { note: id, mark: shown.mark.clone(), change });
            }
        }
    }
    // The last paragraph: the new block's properties when there is one.
    current.style = match frame.view {
        View::MovedFrom => frame.old_styles.get(old_part),
        _ => frame.new_styles.get(new_part).or(frame.old_styles.get(old_part)),
    }
    .copied()
    .unwrap_or_default();
    current.mark = match (frame.view, frame.old_styles.is_empty(), frame.new_styles.is_empty()) {
        (View::InPlace, true, false) => Change::Insert(frame.revision),
        (View::InPlace, false, true) => Change::Delete(frame.revision),
        (View::InPlace, _, _) => Change::None,
        (view, _, _) => view.change(Side::Both, frame.revision).unwrap_or_default(),
    };
    out.push(current);
    out
}
