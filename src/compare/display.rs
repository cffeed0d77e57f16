//! What a comparison shows, line by line: its rows in order, a marker where each moved
//! paragraph used to stand, and (when only changes are shown) the unchanged stretches left out.

use super::{Alignment, Row, RowKind};

/// One line of a comparison as shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    /// An aligned row (an index into [`Alignment::rows`]).
    Row(usize),
    /// The place where the old blocks of a moved row used to stand.
    MovedAway {
        /// The moved row (an index into [`Alignment::rows`]).
        row: usize,
        /// The paragraph now stands further down (the row comes after this marker).
        down: bool,
    },
    /// Unchanged rows left out while only changes are shown: `count` rows from row `first`.
    Gap {
        /// The first row left out.
        first: usize,
        /// How many consecutive rows are left out.
        count: usize,
    },
}

impl Entry {
    /// True for lines that show a change (changed rows and moved-away markers).
    fn is_change(self, rows: &[Row]) -> bool {
        match self {
            Entry::Row(i) => rows.get(i).is_some_and(Row::is_change),
            Entry::MovedAway { .. } => true,
            Entry::Gap { .. } => false,
        }
    }
}

impl Alignment {
    /// The lines to show: every row, with a [`Entry::MovedAway`] marker where each moved
    /// paragraph stood in the old version. With `only_changes`, unchanged rows more than
    /// `context` lines away from a change are folded into [`Entry::Gap`]s.
    pub fn entries(&self, only_changes: bool, context: usize) -> Vec<Entry> {
        let all = with_moved_away(&self.rows);
        if !only_changes {
            return all;
        }
        let near = near_changes(&all, &self.rows, context);
        let mut shown: Vec<Entry> = Vec::new();
        for (entry, keep) in all.into_iter().zip(near) {
            match (keep, entry, shown.last_mut()) {
                (true, _, _) => shown.push(entry),
                (false, Entry::Row(_), Some(Entry::Gap { count, .. })) => *count += 1,
                (false, Entry::Row(first), _) => shown.push(Entry::Gap { first, count: 1 }),
                (false, _, _) => shown.push(entry),
            }
        }
        shown
    }
}

/// Every row in order, with a moved-away marker before the first row (not itself moved) whose
/// old blocks come after the moved paragraph's old place.
fn with_moved_away(rows: &[Row]) -> Vec<Entry> {
    let mut moved: Vec<(usize, usize)> =
        rows.iter().enumerate().filter(|(_, r)| r.kind == RowKind::Moved).filter_map(|(i, r)| r.old.first().map(|&old| (old, i))).collect();
    moved.sort_unstable();
    let mut entries = Vec::with_capacity(rows.len() + moved.len());
    let mut next = 0;
    for (i, row) in rows.iter().enumerate() {
        if row.kind != RowKind::Moved
            && let Some(&first_old) = row.old.first()
        {
            while let Some(&(_, moved_row)) = moved.get(next).filter(|(old, _)| *old < first_old) {
                entries.push(Entry::MovedAway { row: moved_row, down: moved_row > i });
                next += 1;
            }
        }
        entries.push(Entry::Row(i));
    }
    entries.extend(moved.iter().skip(next).map(|&(_, row)| Entry::MovedAway { row, down: false }));
    entries
}

/// For each entry, whether it is a change or at most `context` entries away from one.
fn near_changes(entries: &[Entry], rows: &[Row], context: usize) -> Vec<bool> {
    let mut keep = vec![false; entries.len()];
    // Distance since the last change, forwards then backwards.
    let mut since: Option<usize> = None;
    for (k, entry) in entries.iter().enumerate() {
        since = if entry.is_change(rows) { Some(0) } else { since.map(|d| d + 1) };
        keep[k] = since.is_some_and(|d| d <= context);
    }
    since = None;
    for (k, entry) in entries.iter().enumerate().rev() {
        since = if entry.is_change(rows) { Some(0) } else { since.map(|d| d + 1) };
        keep[k] |= since.is_some_and(|d| d <= context);
    }
    keep
}

/// For each of `rows` rows, the position of the entry that shows it, or of the gap that
/// hides it (a row hidden in no gap, which cannot happen, maps to the last entry).
pub fn row_positions(entries: &[Entry], rows: usize) -> Vec<usize> {
    let mut positions = vec![entries.len().saturating_sub(1); rows];
    for (position, entry) in entries.iter().enumerate() {
        match *entry {
            Entry::Row(row) => {
                if let Some(slot) = positions.get_mut(row) {
                    *slot = position;
                }
            }
            Entry::Gap { first, count } => {
                for slot in positions.iter_mut().skip(first).take(count) {
                    *slot = position;
                }
            }
            Entry::MovedAway { .. } => {}
        }
    }
    positions
}

/// The moves among `entries`: each moved row with whether its paragraph went down, by row.
pub fn moves(entries: &[Entry]) -> Vec<(usize, bool)> {
    let mut moves: Vec<(usize, bool)> =
        entries.iter().filter_map(|e| if let Entry::MovedAway { row, down } = *e { Some((row, down)) } else { None }).collect();
    moves.sort_unstable();
    moves
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::Summary;

    fn row(kind: RowKind, old: &[usize], new: &[usize]) -> Row {
        Row { kind, old: old.to_vec(), new: new.to_vec(), similarity: 1.0, renumbered: false, diff: None }
    }

    /// Old 0..=6; old 2 moved to the end; old 4 deleted; a new block inserted after old 5.
    fn alignment() -> Alignment {
        use RowKind::{Deleted, Equal, Inserted, Moved};
        let rows = vec![
            row(Equal, &[0], &[0]),
            row(Equal, &[1], &[1]),
            row(Equal, &[3], &[2]),
            row(Deleted, &[4], &[]),
            row(Equal, &[5], &[3]),
            row(Inserted, &[], &[4]),
            row(Equal, &[6], &[5]),
            row(Moved, &[2], &[6]),
        ];
        Alignment { rows, summary: Summary::default() }
    }

    #[test]
    fn a_moved_paragraph_is_marked_where_it_stood() {
        use Entry::Row;
        let entries = alignment().entries(false, 1);
        let away = Entry::MovedAway { row: 7, down: true };
        assert_eq!(entries, vec![Row(0), Row(1), away, Row(2), Row(3), Row(4), Row(5), Row(6), Row(7)]);
        assert_eq!(moves(&entries), vec![(7, true)]);
    }

    #[test]
    fn only_changes_keeps_context_rows_and_folds_the_rest_into_gaps() {
        use Entry::{Gap, Row};
        let alignment = alignment();
        let away = Entry::MovedAway { row: 7, down: true };
        assert_eq!(
            alignment.entries(true, 0),
            vec![
                Gap { first: 0, count: 2 },
                away,
                Gap { first: 2, count: 1 },
                Row(3),
                Gap { first: 4, count: 1 },
                Row(5),
                Gap { first: 6, count: 1 },
                Row(7)
            ]
        );
        assert_eq!(
            alignment.entries(true, 1),
            vec![Gap { first: 0, count: 1 }, Row(1), away, Row(2), Row(3), Row(4), Row(5), Row(6), Row(7)]
        );
    }

    #[test]
    fn positions_find_shown_rows_and_the_gaps_that_hide_rows() {
        let entries = alignment().entries(true, 0);
        assert_eq!(row_positions(&entries, 8), vec![0, 0, 2, 3, 4, 5, 6, 7]);
        let all = alignment().entries(false, 0);
        assert_eq!(row_positions(&all, 8), vec![0, 1, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn nothing_changed_is_one_gap() {
        let alignment =
            Alignment { rows: vec![row(RowKind::Equal, &[0], &[0]), row(RowKind::Equal, &[1], &[1])], summary: Summary::default() };
        assert_eq!(alignment.entries(true, 1), vec![Entry::Gap { first: 0, count: 2 }]);
        assert!(Alignment { rows: Vec::new(), summary: Summary::default() }.entries(true, 1).is_empty());
    }
}
