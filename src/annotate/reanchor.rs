//! Finding annotated passages again: in the same version (on load) or in a new version
//! (carrying forward through the comparison's alignment).
//!
//! Order of attempts: exact place → the quote elsewhere in the block or its aligned block
//! (`moved`) → an approximate match scored with its context, first in the aligned block, then
//! near it (`changed`) → `orphaned`. An honest orphan beats a wrong place: outside the aligned
//! block a match must also agree with the stored context.

//!
//! Values read from a file are not trusted: offsets and block counts are combined with checked
//! or saturating arithmetic, and a placement that does not fit the document is an orphan.

use super::fuzzy::{self, context_score};
use super::{Anchor, AnchorStatus, AnnotationSet, Conflict, DocumentInfo};
use crate::compare::Alignment;
use crate::store::{CharRange, Document};
use crate::text::{byte_offset, char_offset};
use std::borrow::Cow;

/// Where an anchor landed in a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    /// How well it was found.
    pub status: AnchorStatus,
    /// The first block (none for orphans).
    pub block: Option<usize>,
    /// Character range (start in the first block, end in the last).
    pub char_range: CharRange,
    /// Consecutive blocks covered.
    pub block_count: usize,
}

impl Placement {
    fn orphan() -> Self {
        Self { status: AnchorStatus::Orphaned, block: None, char_range: CharRange::default(), block_count: 1 }
    }

    fn at(status: AnchorStatus, block: usize, char_range: CharRange) -> Self {
        Self { status, block: Some(block), char_range, block_count: 1 }
    }

    fn found(found: fuzzy::Found) -> Self {
        found.map_or_else(Self::orphan, |(status, block, range)| Self::at(status, block, range))
    }

    /// True when the placement lies inside the document: its blocks exist, its range is in
    /// order and inside their texts. An orphan fits anywhere.
    pub fn fits(&self, document: &Document) -> bool {
        let Some(first) = self.block else { return true };
        let Some(last) = self.block_count.checked_sub(1).and_then(|more| first.checked_add(more)) else { return false };
        let (Some(first_block), Some(last_block)) = (document.blocks.get(first), document.blocks.get(last)) else { return false };
        let range = self.char_range;
        if first == last {
            range.start <= range.end && range.end <= first_block.char_len()
        } else {
            range.start <= first_block.char_len() && range.end <= last_block.char_len()
        }
    }

    /// The placement if it fits the document, else an orphan.
    fn checked(self, document: &Document) -> Self {
        if self.fits(document) { self } else { Self::orphan() }
    }
}

/// Counts of a carry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CarryReport {
    /// Found in place.
    pub exact: usize,
    /// Same text elsewhere.
    pub moved: usize,
    /// Similar text.
    pub changed: usize,
    /// Not found (kept).
    pub orphaned: usize,
}

impl std::fmt::Display for CarryReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} exact, {} moved, {} changed, {} orphaned", self.exact, self.moved, self.changed, self.orphaned)
    }
}

impl CarryReport {
    /// Counts the statuses of a set's annotations.
    pub fn of(set: &AnnotationSet) -> Self {
        let mut report = Self::default();
        for a in &set.annotations {
            report.count(a.status);
        }
        report
    }

    fn count(&mut self, status: AnchorStatus) {
        match status {
            AnchorStatus::Exact => self.exact += 1,
            AnchorStatus::Moved => self.moved += 1,
            AnchorStatus::Changed => self.changed += 1,
            AnchorStatus::Orphaned => self.orphaned += 1,
        }
    }
}

/// Places an anchor in a document that is (or may be) the version it was made in.
pub fn place(anchor: &Anchor, document: &Document) -> Placement {
    place_unchecked(anchor, document).checked(document)
}

fn place_unchecked(anchor: &Anchor, document: &Document) -> Placement {
    let by_id = document.block_index(&anchor.block_id);
    if let Some(block) = by_id {
        if anchor.block_count > 1 {
            if spans_exactly(anchor, document, block) {
                return Placement {
                    status: AnchorStatus::Exact,
                    block: Some(block),
                    char_range: anchor.char_range,
                    block_count: anchor.block_count,
                };
            }
        } else if matches_at(document, block, anchor.char_range, &anchor.quote) {
            return Placement::at(AnchorStatus::Exact, block, anchor.char_range);
        }
    }
    let single = first_part(anchor);
    let own = by_id.or_else(|| document.block_by_label(&anchor.label).filter(|_| !anchor.label.is_empty()));
    let Some(own) = own else { return Placement::orphan() };
    if let Some(range) = find_quote(&document.blocks[own].text, &single.quote, single.char_range.start) {
        return Placement::at(AnchorStatus::Moved, own, range);
    }
    Placement::found(fuzzy::search(&single, &fuzzy::Index::new(document), &[own], own, false))
}

/// Places an anchor made in `old` into `new`, using their alignment.
pub fn carry(anchor: &Anchor, old: &Document, new: &Document, alignment: &Alignment) -> Placement {
    Carrier::new(old, new, alignment).carry(anchor).checked(new)
}

/// Look-ups built once per carry: block ids, rows by old block, new blocks by old block.
struct Carrier<'a> {
    old: &'a Document,
    new: &'a Document,
    alignment: &'a Alignment,
    old_by_id: rustc_hash::FxHashMap<&'a str, usize>,
    row_of_old: Vec<Option<usize>>,
    new_for_old: Vec<Option<usize>>,
    /// The new version's blocks prepared for the approximate search, shared by all anchors.
    index: fuzzy::Index<'a>,
}

impl<'a> Carrier<'a> {
    fn new(old: &'a Document, new: &'a Document, alignment: &'a Alignment) -> Self {
        let mut row_of_old = vec![None; old.blocks.len()];
        for (index, row) in alignment.rows.iter().enumerate() {
            for &o in &row.old {
                if let Some(slot) = row_of_old.get_mut(o) {
                    *slot = Some(index);
                }
            }
        }
        Self {
            old,
            new,
            alignment,
            old_by_id: old.blocks.iter().enumerate().map(|(i, b)| (b.id.0.as_str(), i)).collect(),
            row_of_old,
            new_for_old: alignment.new_for_old(old.blocks.len()),
            index: fuzzy::Index::new(new),
        }
    }

    fn carry(&self, anchor: &Anchor) -> Placement {
        let (old, new) = (self.old, self.new);
        let Some(&old_block) = self.old_by_id.get(anchor.block_id.0.as_str()) else { return place_unchecked(anchor, new) };
        let row = self.row_of_old[old_block].map(|r| &self.alignment.rows[r]);
        let aligned: &[usize] = row.map_or(&[], |r| r.new.as_slice());
        if anchor.block_count > 1
            && let Some(placement) = carry_span(anchor, old_block, self)
        {
            return placement;
        }
        let single = first_part(anchor);
        // What the user sees: `exact` is the same passage in the paragraph aligned to its old
        // one, that paragraph in its place (a renumbering alone is still exact); `moved` is the
        // same passage when its paragraph moved, or in another paragraph (split, merge, nearby).
        let paragraph_moved = row.is_some_and(|r| r.kind == crate::compare::RowKind::Moved);
        let one_to_one = aligned.len() == 1 && row.is_some_and(|r| r.old.len() == 1);
        let intact = if paragraph_moved { AnchorStatus::Moved } else { AnchorStatus::Exact };
        if let [only] = aligned[..]
            && one_to_one
            && matches_at(new, only, single.char_range, &single.quote)
        {
            return Placement::at(if anchor.block_count > 1 { AnchorStatus::Changed } else { intact }, only, single.char_range);
        }
        // The quote elsewhere in the aligned block(s): for splits and merges, offsets shift.
        let hint = aligned_offset(old, old_block, row.map(|r| r.old.as_slice()).unwrap_or(&[]), single.char_range.start);
        let mut best: Option<(usize, CharRange, usize)> = None;
        for &block in aligned {
            if let Some(range) = find_quote(&new.blocks[block].text, &single.quote, hint) {
                let distance = range.start.abs_diff(hint);
                if best.is_none_or(|(_, _, d)| distance < d) {
                    best = Some((block, range, distance));
                }
            }
        }
        if let Some((block, range, _)) = best {
            // Words changed elsewhere in the same paragraph shift the passage but do not move it.
            let status = if one_to_one && anchor.block_count == 1 { intact } else { AnchorStatus::Moved };
            return Placement::at(status, block, range);
        }
        let near = self.near_blocks(old_block);
        let expected = aligned.first().copied().or(near.first().copied()).unwrap_or(0);
        if let Some((status, block, range)) = fuzzy::search(&single, &self.index, aligned, expected, false) {
            return Placement::at(status, block, range);
        }
        // Near the place: exact or approximate, but only where the context agrees too.
        let candidates: Vec<usize> = near.iter().copied().filter(|b| !aligned.contains(b)).collect();
        for &block in &candidates {
            if let Some(range) = find_quote(&new.blocks[block].text, &single.quote, 0)
                && context_score(&single, &new.blocks[block].text, range) >= 0.5
            {
                return Placement::at(AnchorStatus::Moved, block, range);
            }
        }
        Placement::found(fuzzy::search(&single, &self.index, &candidates, expected, true))
    }

    /// Blocks of the new version near where the old block stood (up to two each side).
    fn near_blocks(&self, old_block: usize) -> Vec<usize> {
        let new_len = self.new.blocks.len();
        if new_len == 0 {
            return Vec::new();
        }
        let before = (0..old_block).rev().find_map(|o| self.new_for_old[o]);
        let after = (old_block + 1..self.new_for_old.len()).find_map(|o| self.new_for_old[o]);
        let centre = before.map(|b| b + 1).or(after).unwrap_or(0).min(new_len - 1);
        (centre.saturating_sub(2)..=(centre + 2).min(new_len - 1)).collect()
    }
}

/// Carries a whole set from `old` to `new`: placed annotations get new anchors (and keep the
/// old quote when changed); orphans keep their old anchor. Nothing is dropped: versions kept
/// for review are carried too, deletion records go along.
pub fn carry_set(set: &AnnotationSet, old: &Document, new: &Document, alignment: &Alignment) -> (AnnotationSet, CarryReport) {
    let mut report = CarryReport::default();
    let carrier = Carrier::new(old, new, alignment);
    let mut carried = AnnotationSet {
        document: DocumentInfo::of(new),
        tags: set.tags.clone(),
        annotations: Vec::with_capacity(set.annotations.len()),
        tombstones: set.tombstones.clone(),
        conflicts: Vec::with_capacity(set.conflicts.len()),
    };
    for annotation in &set.annotations {
        let (annotation, status) = carrier.carry_annotation(annotation);
        report.count(status);
        carried.annotations.push(annotation);
    }
    for conflict in &set.conflicts {
        carried.conflicts.push(match conflict {
            Conflict::Edited(other) => Conflict::Edited(Box::new(carrier.carry_annotation(other).0)),
            Conflict::Deleted(tombstone) => Conflict::Deleted(tombstone.clone()),
        });
    }
    carried.sort(new);
    (carried, report)
}

impl Carrier<'_> {
    /// One annotation carried, with the status it was found with.
    fn carry_annotation(&self, annotation: &super::Annotation) -> (super::Annotation, AnchorStatus) {
        let (old, new) = (self.old, self.new);
        let placement = self.carry(&annotation.anchor).checked(new);
        // Most annotations sit in paragraphs that did not change: only their block is new.
        let same_text = |block: usize| {
            self.old_by_id.get(annotation.anchor.block_id.0.as_str()).is_some_and(|&o| old.blocks[o].text == new.blocks[block].text)
        };
        let carried = match placement.block {
            Some(block) if placement.status == AnchorStatus::Exact && placement.block_count == 1 && same_text(block) => {
                let mut kept = annotation.clone();
                kept.status = AnchorStatus::Exact;
                kept.anchor.block_id = new.blocks[block].id.clone();
                kept.anchor.label = new.blocks[block].label.clone();
                kept.anchor.content_hash = new.content_hash.clone();
                kept
            }
            _ => apply_placement(annotation.clone(), new, placement),
        };
        (carried, placement.status)
    }
}

/// Where carried annotations sit in the version they were carried onto: their status was found
/// while carrying and their anchors already point into that version, so nothing is searched again.
/// An anchor that does not fit the document (a damaged file) is an orphan.
pub fn carried_placements(set: &AnnotationSet, document: &Document) -> Vec<Placement> {
    let index: rustc_hash::FxHashMap<&str, usize> = document.blocks.iter().enumerate().map(|(i, b)| (b.id.0.as_str(), i)).collect();
    set.annotations
        .iter()
        .map(|a| {
            let block = (a.status != AnchorStatus::Orphaned).then(|| index.get(a.anchor.block_id.0.as_str()).copied()).flatten();
            match block {
                Some(_) => Placement { status: a.status, block, char_range: a.anchor.char_range, block_count: a.anchor.block_count }
                    .checked(document),
                None => Placement::orphan(),
            }
        })
        .collect()
}

/// Places every annotation of a set in a document (on load, or for listing).
pub fn place_all(set: &AnnotationSet, document: &Document) -> Vec<Placement> {
    set.annotations.iter().map(|a| place(&a.anchor, document)).collect()
}

fn apply_placement(mut annotation: super::Annotation, new: &Document, placement: Placement) -> super::Annotation {
    annotation.status = placement.status;
    if let Some(block) = placement.block {
        let end_block = block.saturating_add(placement.block_count.saturating_sub(1));
        if let Some(anchor) = Anchor::spanning(new, block, placement.char_range.start, end_block, placement.char_range.end) {
            if placement.status == AnchorStatus::Changed && annotation.previous_quote.is_none() {
                annotation.previous_quote = Some(annotation.anchor.quote.clone());
            }
            annotation.anchor = anchor;
        }
    }
    annotation
}

/// True when the block's text at `range` is `quote` (which is not empty).
fn matches_at(document: &Document, block: usize, range: CharRange, quote: &str) -> bool {
    // As many characters as the range, and the text from the range's start begins with them.
    !quote.is_empty()
        && range.start <= range.end
        && quote.chars().count() == range.len()
        && document.blocks.get(block).is_some_and(|b| b.text[byte_offset(&b.text, range.start)..].starts_with(quote))
}

/// True when the passage over several blocks starting at `first` is exactly the anchor's.
fn spans_exactly(anchor: &Anchor, document: &Document, first: usize) -> bool {
    let Some(last) = anchor.block_count.checked_sub(1).and_then(|more| first.checked_add(more)) else { return false };
    Anchor::spanning(document, first, anchor.char_range.start, last, anchor.char_range.end)
        .is_some_and(|a| a.quote == anchor.quote && a.char_range == anchor.char_range)
}

/// A passage over several blocks carries exactly when every block is in an equal row and the
/// new blocks are consecutive.
fn carry_span(anchor: &Anchor, old_block: usize, carrier: &Carrier) -> Option<Placement> {
    // The stored passage must be the old version's text, or its offsets mean nothing.
    if !spans_exactly(anchor, carrier.old, old_block) {
        return None;
    }
    let mut new_blocks = Vec::new();
    for old in old_block..old_block.checked_add(anchor.block_count)? {
        let row = &carrier.alignment.rows[(*carrier.row_of_old.get(old)?)?];
        if row.kind != crate::compare::RowKind::Equal || row.old.len() != 1 {
            return None;
        }
        new_blocks.push(*row.new.first()?);
    }
    let consecutive = new_blocks.windows(2).all(|w| w[1] == w[0] + 1);
    consecutive.then(|| Placement {
        status: AnchorStatus::Exact,
        block: Some(new_blocks[0]),
        char_range: anchor.char_range,
        block_count: anchor.block_count,
    })
}

/// The first block's part of a passage, as a one-block anchor.
fn first_part(anchor: &Anchor) -> Cow<'_, Anchor> {
    if anchor.block_count <= 1 {
        return Cow::Borrowed(anchor);
    }
    let quote = anchor.quote.split('\n').next().unwrap_or("").to_string();
    let end = anchor.char_range.start.saturating_add(quote.chars().count());
    Cow::Owned(Anchor {
        quote,
        block_count: 1,
        char_range: CharRange::new(anchor.char_range.start, end),
        suffix: String::new(),
        content_hash: anchor.content_hash.clone(),
        block_id: anchor.block_id.clone(),
        label: anchor.label.clone(),
        prefix: anchor.prefix.clone(),
    })
}

/// Offset of `offset` (in old block `block`) within the concatenation of the row's old blocks,
/// which is where a merged paragraph keeps it.
fn aligned_offset(old: &Document, block: usize, row_old: &[usize], offset: usize) -> usize {
    let mut before = 0;
    for &o in row_old {
        if o == block {
            break;
        }
        before += old.blocks[o].char_len() + 1;
    }
    before.saturating_add(offset)
}

/// The occurrence of `quote` in `text` closest to `hint` (a character offset).
fn find_quote(text: &str, quote: &str, hint: usize) -> Option<CharRange> {
    if quote.is_empty() {
        return None;
    }
    let quote_chars = quote.chars().count();
    let mut best: Option<CharRange> = None;
    let mut from = 0;
    while let Some(pos) = text[from..].find(quote) {
        let byte = from + pos;
        let start = char_offset(text, byte);
        let range = CharRange::new(start, start + quote_chars);
        if best.is_none_or(|b| range.start.abs_diff(hint) < b.start.abs_diff(hint)) {
            best = Some(range);
        }
        from = byte + quote.chars().next().map_or(1, char::len_utf8);
    }
    best
}
