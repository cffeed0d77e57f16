//! Word-level diff inside aligned blocks, cleaned so it reads as a person would mark it.

use super::normalize::Normalization;
use crate::store::CharRange;
use crate::text::tokens::{Token, tokenize};
use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use std::borrow::Cow;
use std::time::Instant;

/// What a span of text did between the versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanTag {
    /// Present on both sides.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// One piece of an inline diff. `old_part` / `new_part` index the blocks of the row
/// (a split row has several new parts); ranges are [`CharRange`]s into those blocks' text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Equal, delete or insert.
    pub tag: SpanTag,
    /// Which old block of the row the piece touches (or stands next to, for inserts).
    pub old_part: usize,
    /// Which new block of the row the piece touches (or stands next to, for deletes).
    pub new_part: usize,
    /// Range in the old block's text (none for inserts).
    pub old: Option<CharRange>,
    /// Range in the new block's text (none for deletes).
    pub new: Option<CharRange>,
}

/// A span on one side of the diff, for rendering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Equal, delete or insert.
    pub tag: SpanTag,
    /// Where in the block's text.
    pub char_range: CharRange,
}

/// The inline diff of one aligned row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct InlineDiff {
    /// Pieces in reading order.
    pub pieces: Vec<Piece>,
}

impl InlineDiff {
    /// Spans on the old side for old part `part` (equal and delete).
    pub fn old_spans(&self, part: usize) -> Vec<Span> {
        self.pieces.iter().filter(|p| p.old_part == part).filter_map(|p| p.old.map(|char_range| Span { tag: p.tag, char_range })).collect()
    }

    /// Spans on the new side for new part `part` (equal and insert).
    pub fn new_spans(&self, part: usize) -> Vec<Span> {
        self.pieces.iter().filter(|p| p.new_part == part).filter_map(|p| p.new.map(|char_range| Span { tag: p.tag, char_range })).collect()
    }

    /// True when nothing was inserted or deleted.
    pub fn is_unchanged(&self) -> bool {
        self.pieces.iter().all(|p| p.tag == SpanTag::Equal)
    }
}

/// Diffs the concatenated old parts against the concatenated new parts, word by word.
pub fn diff_parts(old_texts: &[&str], new_texts: &[&str], deadline: Option<Instant>) -> InlineDiff {
    diff_parts_with(old_texts, new_texts, &Normalization::default(), deadline)
}

/// [`diff_parts`], ignoring the differences `normalization` names (ignored tokens are shown as equal).
pub fn diff_parts_with(old_texts: &[&str], new_texts: &[&str], normalization: &Normalization, deadline: Option<Instant>) -> InlineDiff {
    let old = PartTokens::new(old_texts, normalization);
    let new = PartTokens::new(new_texts, normalization);
    let old_keys: Vec<&str> = old.keys.iter().map(std::convert::AsRef::as_ref).collect();
    let new_keys: Vec<&str> = new.keys.iter().map(std::convert::AsRef::as_ref).collect();
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &old_keys, &new_keys, deadline);
    let mut runs: Vec<Run> = Vec::new();
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => runs.push(Run { changed: false, old: old_range, new: new_range }),
            _ => push_change(&mut runs, old_range, new_range),
        }
    }
    absorb_small_equals(&mut runs, &old_keys);
    let mut pieces = Vec::new();
    for run in &runs {
        if run.changed {
            emit_side(&mut pieces, &old, &new, run.old.clone(), run.new.start, SpanTag::Delete);
            emit_side(&mut pieces, &new, &old, run.new.clone(), run.old.end, SpanTag::Insert);
        } else {
            emit_equal(&mut pieces, &old, &new, run.old.clone(), run.new.clone());
        }
    }
    InlineDiff { pieces }
}

/// A stretch of tokens: equal on both sides, or one change (deleted and/or inserted tokens).
#[derive(Clone, Debug)]
struct Run {
    changed: bool,
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
}

fn push_change(runs: &mut Vec<Run>, old: std::ops::Range<usize>, new: std::ops::Range<usize>) {
    match runs.last_mut() {
        Some(last) if last.changed => {
            last.old.end = old.end;
            last.new.end = new.end;
        }
        _ => runs.push(Run { changed: true, old, new }),
    }
}

/// A lone punctuation mark or a one- or two-letter word between two changes is folded into
/// them, so `[-a b-]{+c d+}` is shown instead of `[-a-]{+c+} , [-b-]{+d+}`.
fn absorb_small_equals(runs: &mut Vec<Run>, old_keys: &[&str]) {
    let mut i = 1;
    while i + 1 < runs.len() {
        let small = !runs[i].changed
            && runs[i].old.len() == 1
            && runs[i - 1].changed
            && runs[i + 1].changed
            && old_keys[runs[i].old.start].chars().count() <= 2;
        if small {
            let next = runs.remove(i + 1);
            runs.remove(i);
            let previous = &mut runs[i - 1];
            previous.old.end = next.old.end;
            previous.new.end = next.new.end;
        } else {
            i += 1;
        }
    }
}

/// Tokens of several parts in one sequence, each tagged with its part.
struct PartTokens<'a> {
    tokens: Vec<(usize, Token<'a>)>,
    /// Each token as the comparison sees it (after normalisation).
    keys: Vec<Cow<'a, str>>,
    parts: usize,
}

impl<'a> PartTokens<'a> {
    fn new(texts: &[&'a str], normalization: &Normalization) -> Self {
        let mut tokens = Vec::new();
        let mut keys = Vec::new();
        for (part, text) in texts.iter().enumerate() {
            for (index, token) in tokenize(text).into_iter().enumerate() {
                let key = if index == 0 && normalization.is_list_marker_token(token.text) { None } else { normalization.token(token.text) };
                if let Some(key) = key {
                    keys.push(key);
                    tokens.push((part, token));
                }
            }
        }
        Self { tokens, keys, parts: texts.len() }
    }

    /// The part a position falls in (the last part at the end).
    fn part_at(&self, index: usize) -> usize {
        self.tokens.get(index).map_or(self.parts.saturating_sub(1), |(part, _)| *part)
    }
}

/// Emits delete (or insert) pieces for `range` of `side`, cut at part boundaries.
fn emit_side(pieces: &mut Vec<Piece>, side: &PartTokens, other: &PartTokens, range: std::ops::Range<usize>, other_at: usize, tag: SpanTag) {
    if range.is_empty() {
        return;
    }
    let other_part = other.part_at(other_at.min(other.tokens.len().saturating_sub(1)));
    let mut start = range.start;
    while start < range.end {
        let part = side.tokens[start].0;
        let mut end = start + 1;
        while end < range.end && side.tokens[end].0 == part {
            end += 1;
        }
        let char_range = CharRange::new(side.tokens[start].1.char_start, side.tokens[end - 1].1.char_end);
        let piece = match tag {
            SpanTag::Delete => Piece { tag, old_part: part, new_part: other_part, old: Some(char_range), new: None },
            _ => Piece { tag, old_part: other_part, new_part: part, old: None, new: Some(char_range) },
        };
        pieces.push(piece);
        start = end;
    }
}

/// Emits equal pieces, cut wherever either side crosses a part boundary.
fn emit_equal(
    pieces: &mut Vec<Piece>,
    old: &PartTokens,
    new: &PartTokens,
    old_range: std::ops::Range<usize>,
    new_range: std::ops::Range<usize>,
) {
    let len = old_range.len();
    let mut offset = 0;
    while offset < len {
        let (old_part, new_part) = (old.tokens[old_range.start + offset].0, new.tokens[new_range.start + offset].0);
        let mut end = offset + 1;
        while end < len && old.tokens[old_range.start + end].0 == old_part && new.tokens[new_range.start + end].0 == new_part {
            end += 1;
        }
        let o = (&old.tokens[old_range.start + offset].1, &old.tokens[old_range.start + end - 1].1);
        let n = (&new.tokens[new_range.start + offset].1, &new.tokens[new_range.start + end - 1].1);
        pieces.push(Piece {
            tag: SpanTag::Equal,
            old_part,
            new_part,
            old: Some(CharRange::new(o.0.char_start, o.1.char_end)),
            new: Some(CharRange::new(n.0.char_start, n.1.char_end)),
        });
        offset = end;
    }
}

/// `[-deleted-]{+inserted+}` markup of a one-to-one diff, for terminals and golden files.
pub fn markup(old_text: &str, new_text: &str, diff: &InlineDiff) -> String {
    markup_parts(&[old_text], &[new_text], diff)
}

/// Markup of a diff over several parts (split and merged rows); parts are joined by spaces.
pub fn markup_parts(old_texts: &[&str], new_texts: &[&str], diff: &InlineDiff) -> String {
    let mut out = String::new();
    let mut previous = SpanTag::Equal;
    for piece in &diff.pieces {
        let (old_text, new_text) = (old_texts[piece.old_part], new_texts[piece.new_part]);
        let (text, side, start) = match (piece.tag, piece.old, piece.new) {
            (SpanTag::Insert, _, Some(range)) => (format!("{{+{}+}}", crate::text::char_slice(new_text, range)), new_text, range.start),
            (SpanTag::Delete, Some(range), _) => (format!("[-{}-]", crate::text::char_slice(old_text, range)), old_text, range.start),
            (_, Some(range), _) => (crate::text::char_slice(old_text, range).to_string(), old_text, range.start),
            _ => continue,
        };
        // Keep the white space the text had before the piece (a part boundary counts as one).
        let spaced = start == 0 || side.chars().nth(start - 1).is_some_and(char::is_whitespace);
        let replaces = previous == SpanTag::Delete && piece.tag == SpanTag::Insert;
        if !out.is_empty() && spaced && !replaces {
            out.push(' ');
        }
        out.push_str(&text);
        previous = piece.tag;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(old: &str, new: &str) -> String {
        markup(old, new, &diff_parts(&[old], &[new], None))
    }

    #[test]
    fn a_run_of_changed_words_is_one_change() {
        assert_eq!(
            mark("Группа приветствовала доклад секретариата.", "Группа с удовлетворением отметила доклад секретариата."),
            "Группа [-приветствовала-]{+с удовлетворением отметила+} доклад секретариата."
        );
    }

    #[test]
    fn white_space_is_not_a_change() {
        assert!(diff_parts(&["один  два\nтри"], &["один два три"], None).is_unchanged());
    }

    #[test]
    fn no_fragments_inside_words() {
        assert_eq!(mark("государств-членов", "государств-участников"), "государств-[-членов-]{+участников+}");
    }

    #[test]
    fn small_equal_between_changes_is_absorbed() {
        assert_eq!(mark("альфа и бета гамма", "дельта и эпсилон гамма"), "[-альфа и бета-]{+дельта и эпсилон+} гамма");
    }

    #[test]
    fn split_pieces_name_their_parts() {
        let diff = diff_parts(&["Первое предложение. Второе предложение."], &["Первое предложение.", "Второе предложение."], None);
        assert!(diff.is_unchanged());
        assert_eq!(diff.new_spans(1), vec![Span { tag: SpanTag::Equal, char_range: CharRange::new(0, 19) }]);
        assert_eq!(diff.old_spans(0).len(), 2);
    }
}
