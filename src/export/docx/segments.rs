//! One aligned row as a single stream of pieces, each in both versions, only the old or only
//! the new: read with the old-only pieces left out it is exactly the new text (labels, paragraph
//! breaks and footnote markers included), and with the new-only pieces left out exactly the old.
//!
//! The inline diff says which words changed; everything between its pieces (spaces, words the
//! comparison was told to ignore) is taken from the texts themselves, so the stream is exact
//! whatever options the comparison ran with, and a piece out of order only makes the stream
//! less tidy, never wrong.

use crate::compare::{InlineDiff, SpanTag};

/// Which versions a piece belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// Both versions.
    Both,
    /// Only the old one (deleted).
    Old,
    /// Only the new one (inserted).
    New,
}

/// A footnote marker of a block: where it stands and which footnote it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Char offset in the block text.
    pub offset: usize,
    /// The footnote block it points to, in its document, if that document has it.
    pub block: Option<usize>,
    /// The custom mark (`*`), if any.
    pub mark: Option<String>,
}

/// What a piece holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Atom {
    /// Text; a tab separates a label from the text.
    Text(String),
    /// The end of a paragraph, where another of the same row begins.
    Break,
    /// A footnote marker: the old version's, the new version's, or both.
    Ref {
        /// The marker in the old version.
        old: Option<Marker>,
        /// The marker in the new version.
        new: Option<Marker>,
    },
}

/// One piece of the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Seg {
    /// Which versions it belongs to.
    pub side: Side,
    /// Its content.
    pub atom: Atom,
}

/// One block of a row: its label, text and footnote markers (sorted by offset).
#[derive(Clone, Debug)]
pub(crate) struct Part<'a> {
    /// The label as written (empty when none).
    pub label: &'a str,
    /// The text.
    pub text: &'a str,
    /// Footnote markers, by offset.
    pub markers: Vec<Marker>,
}

/// Decides whether an old and a new marker at the same place show the same footnote.
pub(crate) type SameNote<'f> = &'f dyn Fn(&Marker, &Marker) -> bool;

/// Reads one side's blocks in order, handing out text, breaks and markers.
struct Cursor<'p, 'a> {
    parts: &'p [Part<'a>],
    part: usize,
    /// Char and byte position in the current part's text.
    char: usize,
    byte: usize,
    /// Next marker of the current part not handed out yet.
    marker: usize,
}

impl<'p, 'a> Cursor<'p, 'a> {
    fn new(parts: &'p [Part<'a>]) -> Self {
        Self { parts, part: 0, char: 0, byte: 0, marker: 0 }
    }

    fn current(&self) -> Option<&'p Part<'a>> {
        self.parts.get(self.part)
    }

    /// Offset of the next marker in the current part (its text length if none is left).
    fn next_marker_offset(&self) -> Option<usize> {
        self.current()?.markers.get(self.marker).map(|m| m.offset)
    }

    /// Markers standing exactly at the cursor, handed out.
    fn markers_here(&mut self) -> Vec<Marker> {
        let mut out = Vec::new();
        while let Some(offset) = self.next_marker_offset() {
            if offset > self.char {
                break;
            }
            out.extend(self.current().and_then(|p| p.markers.get(self.marker)).cloned());
            self.marker += 1;
        }
        out
    }

    /// Text up to char `end` of the current part (no further than the next marker).
    fn text_to(&mut self, end: usize) -> &'a str {
        let Some(part) = self.parts.get(self.part) else { return "" };
        let text: &'a str = part.text;
        let stop = self.next_marker_offset().map_or(end, |m| m.min(end));
        let start = self.byte;
        while self.char < stop {
            match text[self.byte..].chars().next() {
                Some(c) => {
                    self.byte += c.len_utf8();
                    self.char += 1;
                }
                None => break,
            }
        }
        &text[start..self.byte]
    }

    /// Everything from the cursor to (`part`, `char`): text, markers (those at the target are
    /// left), and at each part boundary a break and the next part's label.
    fn take_to(&mut self, part: usize, char: usize, out: &mut Vec<Atom>) {
        while self.part < part.min(self.parts.len()) {
            self.take_to_char(usize::MAX, out);
            for marker in self.markers_here_all() {
                out.push(Atom::Ref { old: Some(marker), new: None });
            }
            self.part += 1;
            (self.char, self.byte, self.marker) = (0, 0, 0);
            if let Some(next) = self.current() {
                out.push(Atom::Break);
                if !next.label.is_empty() {
                    out.push(Atom::Text(format!("{}\t", next.label)));
                }
            }
        }
        if self.part == part {
            self.take_to_char(char, out);
        }
    }

    /// Text and markers of the current part up to `char` (markers at `char` are left).
    fn take_to_char(&mut self, char: usize, out: &mut Vec<Atom>) {
        let Some(len) = self.current().map(|p| p.text.chars().count()) else { return };
        let end = char.min(len);
        while self.char < end {
            for marker in self.markers_here() {
                out.push(Atom::Ref { old: Some(marker), new: None });
            }
            // Past the markers here, the next one is ahead: the text moves on unless it ended.
            let text = self.text_to(end);
            if text.is_empty() {
                break;
            }
            push_text(out, text);
        }
    }

    /// The markers left in the current part, wherever they stand.
    fn markers_here_all(&mut self) -> Vec<Marker> {
        let Some(part) = self.current() else { return Vec::new() };
        let rest = part.markers.get(self.marker..).unwrap_or_default().to_vec();
        self.marker = part.markers.len();
        rest
    }

    /// The end of the last part (its text length).
    fn end(&self) -> (usize, usize) {
        let last = self.parts.len().saturating_sub(1);
        (last, self.parts.get(last).map_or(0, |p| p.text.chars().count()))
    }
}

fn push_text(out: &mut Vec<Atom>, text: &str) {
    if let Some(Atom::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Atom::Text(text.to_string()));
    }
}

/// Builds the stream of one row.
struct Merger<'p, 'a, 'f> {
    old: Cursor<'p, 'a>,
    new: Cursor<'p, 'a>,
    same: SameNote<'f>,
    out: Vec<Seg>,
}

impl Merger<'_, '_, '_> {
    fn push(&mut self, side: Side, atom: Atom) {
        if let (Atom::Text(text), Some(Seg { side: last_side, atom: Atom::Text(last) })) = (&atom, self.out.last_mut())
            && *last_side == side
        {
            last.push_str(text);
            return;
        }
        if !matches!(&atom, Atom::Text(t) if t.is_empty()) {
            self.out.push(Seg { side, atom });
        }
    }

    /// Old atoms as old-only pieces (markers are the old side's).
    fn push_old(&mut self, atoms: Vec<Atom>) {
        for atom in atoms {
            self.push(Side::Old, atom);
        }
    }

    /// New atoms as new-only pieces (the cursor reports markers as `old`; they are the new side's).
    fn push_new(&mut self, atoms: Vec<Atom>) {
        for atom in atoms {
            let atom = match atom {
                Atom::Ref { old, .. } => Atom::Ref { old: None, new: old },
                other => other,
            };
            self.push(Side::New, atom);
        }
    }

    /// Markers at both cursors: pairs that show the same footnote are one piece; the order of
    /// each side's markers is kept.
    fn pair_markers(&mut self) {
        let mut olds = std::collections::VecDeque::from(self.old.markers_here());
        let mut news = std::collections::VecDeque::from(self.new.markers_here());
        loop {
            let (side, old, new) = match (olds.front(), news.front()) {
                (Some(o), Some(n)) if (self.same)(o, n) => (Side::Both, olds.pop_front(), news.pop_front()),
                (Some(o), Some(_)) if news.iter().any(|n| (self.same)(o, n)) => (Side::New, None, news.pop_front()),
                (Some(_), _) => (Side::Old, olds.pop_front(), None),
                (None, Some(_)) => (Side::New, None, news.pop_front()),
                (None, None) => break,
            };
            self.push(side, Atom::Ref { old, new });
        }
    }

    /// Brings both cursors to their targets; text the same on both sides is shared.
    fn gaps(&mut self, old_to: (usize, usize), new_to: (usize, usize)) {
        self.pair_markers();
        let (mut old, mut new) = (Vec::new(), Vec::new());
        self.old.take_to(old_to.0, old_to.1, &mut old);
        self.new.take_to(new_to.0, new_to.1, &mut new);
        match (&old[..], &new[..]) {
            ([Atom::Text(a)], [Atom::Text(b)]) if a == b => self.push(Side::Both, Atom::Text(a.clone())),
            _ => {
                self.push_old(old);
                self.push_new(new);
            }
        }
        self.pair_markers();
    }

    /// Text equal on both sides: shared, with the markers inside it paired where they meet.
    fn equal(&mut self, old_to: (usize, usize), new_to: (usize, usize)) {
        let old_text = self.old.current().map(|p| p.text).unwrap_or_default();
        let new_text = self.new.current().map(|p| p.text).unwrap_or_default();
        let same_part = self.old.part == old_to.0 && self.new.part == new_to.0;
        let old_len = old_to.1.saturating_sub(self.old.char);
        let new_len = new_to.1.saturating_sub(self.new.char);
        let equal = same_part
            && old_len == new_len
            && old_text[self.old.byte..].chars().take(old_len).eq(new_text[self.new.byte..].chars().take(new_len));
        if !equal {
            let (mut old, mut new) = (Vec::new(), Vec::new());
            self.old.take_to(old_to.0, old_to.1, &mut old);
            self.new.take_to(new_to.0, new_to.1, &mut new);
            self.push_old(old);
            self.push_new(new);
            return;
        }
        while self.old.char < old_to.1 {
            self.pair_markers();
            let step = [
                self.old.next_marker_offset().map(|m| m.saturating_sub(self.old.char)),
                self.new.next_marker_offset().map(|m| m.saturating_sub(self.new.char)),
            ]
            .into_iter()
            .flatten()
            .filter(|&d| d > 0)
            .min()
            .unwrap_or(usize::MAX)
            .min(old_to.1 - self.old.char);
            let text = self.old.text_to(self.old.char + step).to_string();
            let shared = self.new.text_to(self.new.char + step);
            debug_assert_eq!(text, shared);
            if text.is_empty() {
                break;
            }
            self.push(Side::Both, Atom::Text(text));
        }
    }
}

/// The stream of a row: `old` and `new` blocks (either may be empty), `diff` over them.
pub(crate) fn merge_row(old: &[Part<'_>], new: &[Part<'_>], diff: Option<&InlineDiff>, same: SameNote<'_>) -> Vec<Seg> {
    let mut merger = Merger { old: Cursor::new(old), new: Cursor::new(new), same, out: Vec::new() };
    let (old_label, new_label) = (old.first().map_or("", |p| p.label), new.first().map_or("", |p| p.label));
    if !old_label.is_empty() && old_label == new_label {
        merger.push(Side::Both, Atom::Text(format!("{old_label}\t")));
    } else {
        if !old_label.is_empty() {
            merger.push(Side::Old, Atom::Text(format!("{old_label}\t")));
        }
        if !new_label.is_empty() {
            merger.push(Side::New, Atom::Text(format!("{new_label}\t")));
        }
    }
    for piece in diff.map(|d| d.pieces.as_slice()).unwrap_or_default() {
        match (piece.tag, piece.old, piece.new) {
            (SpanTag::Equal, Some(o), Some(n)) => {
                merger.gaps((piece.old_part, o.start), (piece.new_part, n.start));
                merger.equal((piece.old_part, o.end), (piece.new_part, n.end));
            }
            (SpanTag::Delete, Some(o), _) if !old.is_empty() => {
                merger.pair_markers();
                let mut atoms = Vec::new();
                merger.old.take_to(piece.old_part, o.end, &mut atoms);
                merger.push_old(atoms);
            }
            (SpanTag::Insert, _, Some(n)) if !new.is_empty() => {
                merger.pair_markers();
                let mut atoms = Vec::new();
                merger.new.take_to(piece.new_part, n.end, &mut atoms);
                merger.push_new(atoms);
            }
            _ => {}
        }
    }
    let (old_end, new_end) = (merger.old.end(), merger.new.end());
    merger.gaps(old_end, new_end);
    let (mut old_rest, mut new_rest) = (Vec::new(), Vec::new());
    for marker in merger.old.markers_here_all() {
        old_rest.push(Atom::Ref { old: Some(marker), new: None });
    }
    for marker in merger.new.markers_here_all() {
        new_rest.push(Atom::Ref { old: Some(marker), new: None });
    }
    merger.push_old(old_rest);
    merger.push_new(new_rest);
    tidy(merger.out)
}

/// A deletion next to an insertion that both start with the same white space (` publish` /
/// ` share`) share it: the change reads `to [publish][share]`, not `to[ publish][ share]`.
fn tidy(segs: Vec<Seg>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    let mut segs = segs.into_iter().peekable();
    while let Some(mut seg) = segs.next() {
        if let Some(next) = segs.peek_mut() {
            share_leading_space(&mut out, &mut seg, next);
        }
        out.push(seg);
    }
    out
}

fn share_leading_space(out: &mut Vec<Seg>, seg: &mut Seg, next: &mut Seg) {
    let opposite = matches!((seg.side, next.side), (Side::Old, Side::New) | (Side::New, Side::Old));
    let (Atom::Text(first), Atom::Text(second)) = (&mut seg.atom, &mut next.atom) else { return };
    let common: usize = first.chars().zip(second.chars()).take_while(|(a, b)| a == b && a.is_whitespace()).map(|(a, _)| a.len_utf8()).sum();
    if !opposite || common == 0 || common >= first.len() || common >= second.len() {
        return;
    }
    let shared: String = first.drain(..common).collect();
    second.replace_range(..common, "");
    match out.last_mut() {
        Some(Seg { side: Side::Both, atom: Atom::Text(last) }) => last.push_str(&shared),
        _ => out.push(Seg { side: Side::Both, atom: Atom::Text(shared) }),
    }
}

/// The old text of a stream (what rejecting every change gives), for checks.
#[cfg(test)]
pub(crate) fn side_text(segs: &[Seg], side: Side) -> String {
    let mut out = String::new();
    for seg in segs.iter().filter(|s| s.side == Side::Both || s.side == side) {
        match &seg.atom {
            Atom::Text(text) => out.push_str(text),
            Atom::Break => out.push('\n'),
            Atom::Ref { old, new } => {
                let marker = if side == Side::Old { old } else { new };
                out.push_str(&format!("[{}]", marker.as_ref().map_or(0, |m| m.offset)));
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "segments_tests.rs"]
mod tests;
