//! The one order annotation files are written in, whatever the order in memory: placed
//! annotations by block, then by character offset, then by id; then orphans, in the same order.
//!
//! A file does not know its document, so blocks are ordered by their ids, read the way
//! `ingest` builds them: numbers compare as numbers (`2` before `10`, `II.A.4` before
//! `II.A.10`), an unlabelled block under a paragraph (`12/u1-…`) comes before the paragraph's
//! sub-paragraphs (`12.a`), unlabelled blocks before the first label (`u1-…`) come first and
//! footnotes (`fn3`) last. This follows the document for numbered paragraphs; headings whose
//! numbering is not in reading order as text (Roman numerals past `VIII`) may not.

use super::{Annotation, AnnotationSet, Conflict};
use std::cmp::Ordering;

/// A block id cut into parts that compare as the document reads.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct BlockKey {
    /// 0: unlabelled before any label, 1: labelled and below, 2: footnotes.
    rank: u8,
    parts: Vec<Part>,
}

/// A run of digits (compared by value) or of other characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    /// Digits without leading zeros: shorter is smaller, then digit by digit (no overflow).
    Number(usize, String),
    /// Other characters, with `/` sorting before `.` (see the module docs).
    Text(String),
}

impl BlockKey {
    /// The key of a block id.
    pub fn of(id: &str) -> Self {
        let starts_with_number_after =
            |prefix: &str| id.strip_prefix(prefix).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
        let rank = if starts_with_number_after("u") {
            0
        } else if starts_with_number_after("fn") || id == "fn" {
            2
        } else {
            1
        };
        let mut parts = Vec::new();
        let mut rest = id;
        while let Some(first) = rest.chars().next() {
            let digit = first.is_ascii_digit();
            let end = rest.find(|c: char| c.is_ascii_digit() != digit).unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            parts.push(if digit {
                let value = run.trim_start_matches('0');
                Part::Number(value.len(), value.to_string())
            } else {
                Part::Text(run.chars().map(|c| if c == '/' { '\u{1}' } else { c }).collect())
            });
            rest = tail;
        }
        Self { rank, parts }
    }
}

/// The canonical key of an annotation: orphans last, block, offset of the passage, id.
fn key(annotation: &Annotation) -> Key<'_> {
    let orphaned = annotation.status == super::AnchorStatus::Orphaned;
    (orphaned, BlockKey::of(&annotation.anchor.block_id.0), annotation.anchor.char_range.start, annotation.id.as_str())
}

type Key<'a> = (bool, BlockKey, usize, &'a str);

/// Orders two annotations with equal keys (the same id twice, in a damaged or hand-made file)
/// by their full text, so that even then the order does not depend on the order in memory.
fn full_cmp(a: &Annotation, b: &Annotation) -> Ordering {
    ron::to_string(a).ok().cmp(&ron::to_string(b).ok())
}

/// Annotations in canonical order.
pub fn sorted(annotations: &[Annotation]) -> Vec<&Annotation> {
    let mut keyed: Vec<(Key, &Annotation)> = annotations.iter().map(|a| (key(a), a)).collect();
    keyed.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| full_cmp(a, b)));
    keyed.into_iter().map(|(_, a)| a).collect()
}

/// Conflicts in canonical order: by id, deletions first, then by version.
pub fn sorted_conflicts(conflicts: &[Conflict]) -> Vec<&Conflict> {
    let mut out: Vec<&Conflict> = conflicts.iter().collect();
    out.sort_by(|a, b| {
        let rank = |c: &Conflict| match c {
            Conflict::Deleted(t) => (0, Some(t.deleted)),
            Conflict::Edited(v) => (1, Some(v.modified)),
        };
        (a.id(), rank(a)).cmp(&(b.id(), rank(b))).then_with(|| ron::to_string(a).ok().cmp(&ron::to_string(b).ok()))
    });
    out
}

impl AnnotationSet {
    /// Puts annotations, conflicts and tombstones in the canonical order files are written in.
    pub fn sort_canonical(&mut self) {
        let annotations: Vec<Annotation> = sorted(&self.annotations).into_iter().cloned().collect();
        self.annotations = annotations;
        let conflicts: Vec<Conflict> = sorted_conflicts(&self.conflicts).into_iter().cloned().collect();
        self.conflicts = conflicts;
        self.tombstones.sort_by(|a, b| (&a.id, a.deleted, &a.author).cmp(&(&b.id, b.deleted, &b.author)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ordered(ids: &[&str]) -> Vec<String> {
        let mut ids: Vec<&str> = ids.to_vec();
        ids.sort_by_key(|id| BlockKey::of(id));
        ids.into_iter().map(str::to_string).collect()
    }

    #[test]
    fn numbers_compare_as_numbers() {
        assert_eq!(ordered(&["10", "2", "1", "10.a", "2.b", "2.a"]), ["1", "2", "2.a", "2.b", "10", "10.a"]);
        assert_eq!(ordered(&["II.A.10", "II.A.4", "II.B.9", "I.1"]), ["I.1", "II.A.4", "II.A.10", "II.B.9"]);
        assert_eq!(ordered(&["007", "7", "8"])[2], "8", "leading zeros do not make a number larger");
        assert_eq!(ordered(&["99999999999999999999999999", "3"]), ["3", "99999999999999999999999999"], "no overflow");
    }

    #[test]
    fn unlabelled_blocks_and_footnotes_sit_where_the_document_has_them() {
        assert_eq!(
            ordered(&["fn2", "12.a", "12/u1-abcdef", "u2-ffffff", "12", "fn10", "u1-000000", "3"]),
            ["u1-000000", "u2-ffffff", "3", "12", "12/u1-abcdef", "12.a", "fn2", "fn10"]
        );
    }

    #[test]
    fn the_order_does_not_depend_on_the_order_in_memory() {
        let base = crate::annotate::tests::annotation_at("01J0000000000000000000000A", "2026-01-01T10:00:00Z");
        let mut twin = base.clone();
        twin.note = "a second copy under the same id".into();
        let mut later = base.clone();
        later.id = "01J0000000000000000000000B".into();
        let mut earlier = base.clone();
        earlier.anchor.block_id = crate::store::BlockId("2".into());
        earlier.anchor.char_range.start = 900;
        let forward = vec![base.clone(), twin.clone(), later.clone(), earlier.clone()];
        let backward: Vec<Annotation> = forward.iter().rev().cloned().collect();
        assert_eq!(sorted(&forward), sorted(&backward));
        assert_eq!(sorted(&forward)[0], &earlier, "block 2 before block 10");
    }
}
