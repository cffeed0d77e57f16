//! Comparing two versions: paragraph alignment by content, then word-level diffs.
//!
//! [`compare`] aligns blocks in four passes: exact matches on normalised text (patience diff
//! over fingerprints), splits and merges inside each gap between matches, similarity pairing
//! inside each gap, then moves among blocks still unmatched anywhere (through a shingle index).

mod align;
mod display;
pub mod find;
pub mod inline;
pub mod interleave;
mod normalize;
mod threads;

pub use display::{Entry, moves, row_positions};
pub use inline::{InlineDiff, Piece, Span, SpanTag};
pub use interleave::{Segment, Side, TrackedParagraph, track_changes};
pub use normalize::Normalization;

use crate::store::Document;
use serde::Serialize;
use std::time::Duration;

/// How an aligned row relates the old and new blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Same normalised text (the label may differ).
    Equal,
    /// The same paragraph, edited.
    Changed,
    /// Out of the surrounding matched order (and perhaps edited).
    Moved,
    /// Only in the new version.
    Inserted,
    /// Only in the old version.
    Deleted,
    /// One old block became several consecutive new ones.
    Split,
    /// Several consecutive old blocks became one new one.
    Merged,
}

impl RowKind {
    /// The name used in JSON and listings.
    pub fn name(self) -> &'static str {
        match self {
            RowKind::Equal => "equal",
            RowKind::Changed => "changed",
            RowKind::Moved => "moved",
            RowKind::Inserted => "inserted",
            RowKind::Deleted => "deleted",
            RowKind::Split => "split",
            RowKind::Merged => "merged",
        }
    }

    /// Every kind, in display order.
    pub const ALL: [RowKind; 7] =
        [RowKind::Equal, RowKind::Changed, RowKind::Moved, RowKind::Inserted, RowKind::Deleted, RowKind::Split, RowKind::Merged];
}

/// One row of the alignment: old blocks beside new blocks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// The relation.
    pub kind: RowKind,
    /// Indices into the old document's blocks (empty for inserted rows).
    pub old: Vec<usize>,
    /// Indices into the new document's blocks (empty for deleted rows).
    pub new: Vec<usize>,
    /// Content similarity in `0..=1` (1 for equal rows).
    pub similarity: f32,
    /// The label changed (`12.` → `13.`).
    pub renumbered: bool,
    /// Word-level diff for changed, moved, split and merged rows.
    pub diff: Option<InlineDiff>,
}

impl Row {
    /// True unless the row is equal (a renumbering alone is not a text change).
    pub fn is_change(&self) -> bool {
        self.kind != RowKind::Equal
    }
}

/// Counts over an alignment. Kinds count rows: a paragraph split in three is one split.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Equal rows.
    pub equal: usize,
    /// Changed rows.
    pub changed: usize,
    /// Moved rows.
    pub moved: usize,
    /// Inserted blocks.
    pub inserted: usize,
    /// Deleted blocks.
    pub deleted: usize,
    /// Split rows.
    pub split: usize,
    /// Merged rows.
    pub merged: usize,
    /// Rows whose label changed.
    pub renumbered: usize,
    /// Whitespace-separated tokens inserted (whole inserted blocks and inserted spans).
    pub words_inserted: usize,
    /// Whitespace-separated tokens deleted (whole deleted blocks and deleted spans).
    pub words_deleted: usize,
    /// Of `words_inserted`, those in footnotes (the body's share is the difference).
    pub footnote_words_inserted: usize,
    /// Of `words_deleted`, those in footnotes.
    pub footnote_words_deleted: usize,
}

impl Summary {
    fn add_inserted(&mut self, words: usize, in_notes: bool) {
        self.words_inserted += words;
        if in_notes {
            self.footnote_words_inserted += words;
        }
    }

    fn add_deleted(&mut self, words: usize, in_notes: bool) {
        self.words_deleted += words;
        if in_notes {
            self.footnote_words_deleted += words;
        }
    }

    /// The count for one kind.
    pub fn count(&self, kind: RowKind) -> usize {
        match kind {
            RowKind::Equal => self.equal,
            RowKind::Changed => self.changed,
            RowKind::Moved => self.moved,
            RowKind::Inserted => self.inserted,
            RowKind::Deleted => self.deleted,
            RowKind::Split => self.split,
            RowKind::Merged => self.merged,
        }
    }

    /// Rows that are not equal.
    pub fn changes(&self) -> usize {
        self.changed + self.moved + self.inserted + self.deleted + self.split + self.merged
    }
}

/// The aligned rows of two versions and their summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alignment {
    /// Rows in reading order of the new version, deleted rows where they stood in the old.
    pub rows: Vec<Row>,
    /// Counts.
    pub summary: Summary,
}

impl Alignment {
    /// The next (or previous) changed row after `current`, wrapping around; the first (or
    /// last) change when nothing is current; `None` when nothing changed.
    pub fn next_change(&self, current: Option<usize>, forward: bool) -> Option<usize> {
        let is_change = |i: &usize| self.rows[*i].is_change();
        let n = self.rows.len();
        match (current.filter(|&c| c < n), forward) {
            (None, true) => (0..n).find(is_change),
            (None, false) => (0..n).rev().find(is_change),
            (Some(c), true) => (c + 1..n).chain(0..=c).find(is_change),
            (Some(c), false) => (0..c).rev().chain((c..n).rev()).find(is_change),
        }
    }

    /// Position of `row` among the changed rows and their count ("change 3 of 12").
    pub fn change_position(&self, row: usize) -> (Option<usize>, usize) {
        let mut position = None;
        let mut count = 0;
        for (i, r) in self.rows.iter().enumerate() {
            if r.is_change() {
                if i == row {
                    position = Some(count);
                }
                count += 1;
            }
        }
        (position, count)
    }

    /// Hands each old block's [`crate::store::Lineage`] on to the new block aligned with it
    /// (the first part of a split, the merged block of a merge), so the key follows a paragraph
    /// through renumbering and rewording. Inserted blocks keep their own.
    pub fn hand_on_lineage(&self, old: &Document, new: &mut Document) {
        for row in &self.rows {
            let (Some(&o), Some(&n)) = (row.old.first(), row.new.first()) else { continue };
            if let (Some(from), Some(to)) = (old.blocks.get(o), new.blocks.get_mut(n)) {
                to.lineage = from.lineage;
            }
        }
    }

    /// For each new block, the old block it is aligned with (the first one for merges).
    pub fn old_for_new(&self, new_len: usize) -> Vec<Option<usize>> {
        self.side_map(new_len, |row| (&row.new, &row.old))
    }

    /// For each old block, the new block it is aligned with (the first one for splits).
    pub fn new_for_old(&self, old_len: usize) -> Vec<Option<usize>> {
        self.side_map(old_len, |row| (&row.old, &row.new))
    }

    fn side_map(&self, len: usize, sides: impl Fn(&Row) -> (&Vec<usize>, &Vec<usize>)) -> Vec<Option<usize>> {
        let mut map = vec![None; len];
        for row in &self.rows {
            let (from, to) = sides(row);
            for &i in from {
                if let (Some(slot), Some(&j)) = (map.get_mut(i), to.first()) {
                    *slot = Some(j);
                }
            }
        }
        map
    }
}

/// Tuning of the alignment.
#[derive(Clone, Copy, Debug)]
pub struct CompareOptions {
    /// Minimum Dice similarity for two blocks to count as the same paragraph.
    pub threshold: f32,
    /// Bound on the time spent in diff algorithms (the result stays correct, only less minimal).
    pub timeout: Duration,
    /// Differences to ignore (case, punctuation, quotes, list markers, diacritics).
    pub normalization: Normalization,
}

impl Default for CompareOptions {
    fn default() -> Self {
        Self { threshold: 0.5, timeout: Duration::from_secs(5), normalization: Normalization::default() }
    }
}

/// Aligns two versions with default options.
pub fn compare(old: &Document, new: &Document) -> Alignment {
    compare_with(old, new, CompareOptions::default())
}

/// Aligns two versions.
pub fn compare_with(old: &Document, new: &Document, options: CompareOptions) -> Alignment {
    align::align(old, new, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: RowKind) -> Row {
        Row { kind, old: vec![0], new: vec![0], similarity: 1.0, renumbered: false, diff: None }
    }

    #[test]
    fn next_change_steps_and_wraps_both_ways() {
        let kinds = [RowKind::Equal, RowKind::Changed, RowKind::Equal, RowKind::Inserted, RowKind::Equal];
        let alignment = Alignment { rows: kinds.into_iter().map(row).collect(), summary: Summary::default() };
        assert_eq!(alignment.next_change(None, true), Some(1));
        assert_eq!(alignment.next_change(None, false), Some(3));
        assert_eq!(alignment.next_change(Some(1), true), Some(3));
        assert_eq!(alignment.next_change(Some(3), true), Some(1));
        assert_eq!(alignment.next_change(Some(1), false), Some(3));
        assert_eq!(alignment.next_change(Some(2), false), Some(1));
        assert_eq!(alignment.change_position(3), (Some(1), 2));
        assert_eq!(alignment.change_position(2), (None, 2));
        let unchanged = Alignment { rows: vec![row(RowKind::Equal)], summary: Summary::default() };
        assert_eq!(unchanged.next_change(None, true), None);
        assert_eq!(unchanged.next_change(Some(0), false), None);
    }
}
