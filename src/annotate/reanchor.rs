//! Finding annotated passages again: in the same version (on load) or in a new version
//! (carrying forward through the comparison's alignment).
//!
//! Order of attempts: exact place → the quote elsewhere in the block or its aligned block
//! (`moved`) → an approximate match scored with its context, first in the aligned block, then
//! near it (`changed`) → `orphaned`. An honest orphan beats a wrong place: outside the aligned
//! block a match must also agree with the stored context.

use super::anchor::{context_after, context_before};
use super::{Anchor, AnchorStatus, AnnotationSet, DocumentInfo};
use crate::compare::Alignment;
use crate::store::{CharRange, Document};
use crate::text::tokens::{dice_sorted as dice, token_hash, tokenize};
use crate::text::{char_offset, char_slice};

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
    search_fuzzy(&single, document, &[own], own)
}

/// Places an anchor made in `old` into `new`, using their alignment.
pub fn carry(anchor: &Anchor, old: &Document, new: &Document, alignment: &Alignment) -> Placement {
    Carrier::new(old, new, alignment).carry(anchor)
}

/// Look-ups built once per carry: block ids, rows by old block, new blocks by old block.
struct Carrier<'a> {
    old: &'a Document,
    new: &'a Document,
    alignment: &'a Alignment,
    old_by_id: rustc_hash::FxHashMap<&'a str, usize>,
    row_of_old: Vec<Option<usize>>,
    new_for_old: Vec<Option<usize>>,
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
        }
    }

    fn carry(&self, anchor: &Anchor) -> Placement {
        let (old, new) = (self.old, self.new);
        let Some(&old_block) = self.old_by_id.get(anchor.block_id.0.as_str()) else { return place(anchor, new) };
        let row = self.row_of_old[old_block].map(|r| &self.alignment.rows[r]);
        let aligned: &[usize] = row.map_or(&[], |r| r.new.as_slice());
        if anchor.block_count > 1
            && let Some(placement) = carry_span(anchor, old_block, self)
        {
            return placement;
        }
        let single = first_part(anchor);
        // A one-to-one row: the same range with the same text is exact.
        if let [only] = aligned[..]
            && row.is_some_and(|r| r.old.len() == 1)
            && matches_at(new, only, single.char_range, &single.quote)
        {
            return Placement::at(
                if anchor.block_count > 1 { AnchorStatus::Changed } else { AnchorStatus::Exact },
                only,
                single.char_range,
            );
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
            return Placement::at(AnchorStatus::Moved, block, range);
        }
        let near = self.near_blocks(old_block);
        let expected = aligned.first().copied().or(near.first().copied()).unwrap_or(0);
        let fuzzy = search_fuzzy(&single, new, aligned, expected);
        if fuzzy.status != AnchorStatus::Orphaned {
            return fuzzy;
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
        search_fuzzy_strict(&single, new, &candidates, expected)
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
/// old quote when changed); orphans keep their old anchor. Nothing is dropped.
pub fn carry_set(set: &AnnotationSet, old: &Document, new: &Document, alignment: &Alignment) -> (AnnotationSet, CarryReport) {
    let mut report = CarryReport::default();
    let mut carried =
        AnnotationSet { document: DocumentInfo::of(new), tags: set.tags.clone(), annotations: Vec::with_capacity(set.annotations.len()) };
    let carrier = Carrier::new(old, new, alignment);
    for annotation in &set.annotations {
        let placement = carrier.carry(&annotation.anchor);
        report.count(placement.status);
        // Most annotations sit in paragraphs that did not change: only their block is new.
        let same_text = |block: usize| {
            carrier.old_by_id.get(annotation.anchor.block_id.0.as_str()).is_some_and(|&o| old.blocks[o].text == new.blocks[block].text)
        };
        match placement.block {
            Some(block) if placement.status == AnchorStatus::Exact && placement.block_count == 1 && same_text(block) => {
                let mut kept = annotation.clone();
                kept.status = AnchorStatus::Exact;
                kept.anchor.block_id = new.blocks[block].id.clone();
                kept.anchor.label = new.blocks[block].label.clone();
                kept.anchor.content_hash = new.content_hash.clone();
                carried.annotations.push(kept);
            }
            _ => carried.annotations.push(apply_placement(annotation.clone(), new, placement)),
        }
    }
    carried.sort(new);
    (carried, report)
}

/// Where carried annotations sit in the version they were carried onto: their status was found
/// while carrying and their anchors already point into that version, so nothing is searched again.
pub fn carried_placements(set: &AnnotationSet, document: &Document) -> Vec<Placement> {
    let index: rustc_hash::FxHashMap<&str, usize> = document.blocks.iter().enumerate().map(|(i, b)| (b.id.0.as_str(), i)).collect();
    set.annotations
        .iter()
        .map(|a| {
            let block = (a.status != AnchorStatus::Orphaned).then(|| index.get(a.anchor.block_id.0.as_str()).copied()).flatten();
            Placement { status: a.status, block, char_range: a.anchor.char_range, block_count: a.anchor.block_count }
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
        let end_block = block + placement.block_count - 1;
        if let Some(anchor) = Anchor::spanning(new, block, placement.char_range.start, end_block, placement.char_range.end) {
            if placement.status == AnchorStatus::Changed && annotation.previous_quote.is_none() {
                annotation.previous_quote = Some(annotation.anchor.quote.clone());
            }
            annotation.anchor = anchor;
        }
    }
    annotation
}

fn matches_at(document: &Document, block: usize, range: CharRange, quote: &str) -> bool {
    document.blocks.get(block).is_some_and(|b| range.end <= b.char_len() && b.slice(range) == quote)
}

fn spans_exactly(anchor: &Anchor, document: &Document, first: usize) -> bool {
    let last = first + anchor.block_count - 1;
    Anchor::spanning(document, first, anchor.char_range.start, last, anchor.char_range.end).is_some_and(|a| a.quote == anchor.quote)
}

/// A passage over several blocks carries exactly when every block is in an equal row and the
/// new blocks are consecutive.
fn carry_span(anchor: &Anchor, old_block: usize, carrier: &Carrier) -> Option<Placement> {
    let mut new_blocks = Vec::new();
    for old in old_block..old_block + anchor.block_count {
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
fn first_part(anchor: &Anchor) -> Anchor {
    if anchor.block_count <= 1 {
        return anchor.clone();
    }
    let quote = anchor.quote.split('\n').next().unwrap_or("").to_string();
    let end = anchor.char_range.start + quote.chars().count();
    Anchor { quote, block_count: 1, char_range: CharRange::new(anchor.char_range.start, end), suffix: String::new(), ..anchor.clone() }
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
    before + offset
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

fn bag(text: &str) -> Vec<u64> {
    let mut hashes: Vec<u64> =
        tokenize(text).iter().filter(|t| t.text.chars().any(char::is_alphanumeric)).map(|t| token_hash(t.text)).collect();
    hashes.sort_unstable();
    hashes
}

/// How well the text around `range` agrees with the anchor's stored prefix and suffix.
fn context_score(anchor: &Anchor, text: &str, range: CharRange) -> f32 {
    let prefix = dice(&bag(&anchor.prefix), &bag(&context_before(text, range.start)));
    let suffix = dice(&bag(&anchor.suffix), &bag(&context_after(text, range.end)));
    (prefix + suffix) / 2.0
}

/// Best approximate match of the quote in `blocks`; short quotes must agree with their context.
fn search_fuzzy(anchor: &Anchor, document: &Document, blocks: &[usize], expected: usize) -> Placement {
    fuzzy(anchor, document, blocks, expected, false)
}

/// As [`search_fuzzy`], but every match must agree with its context (used outside the aligned block).
fn search_fuzzy_strict(anchor: &Anchor, document: &Document, blocks: &[usize], expected: usize) -> Placement {
    fuzzy(anchor, document, blocks, expected, true)
}

fn fuzzy(anchor: &Anchor, document: &Document, blocks: &[usize], expected: usize, strict: bool) -> Placement {
    let quote_bag = bag(&anchor.quote);
    let n = quote_bag.len();
    if n == 0 {
        return Placement::orphan();
    }
    let short = n <= 2;
    // Edits lengthen or shorten a passage: windows from half to twice the quote's word count.
    let (shortest, longest) = ((n / 2).max(1), n + n.max(2));
    let mut best: Option<(f32, usize, usize, CharRange)> = None; // score, distance, block, range
    let mut window: Vec<u64> = Vec::with_capacity(longest);
    for &block in blocks {
        let text = &document.blocks[block].text;
        // Word tokens only, hashed once per block.
        let words: Vec<(u64, usize, usize)> = tokenize(text)
            .iter()
            .filter(|t| t.text.chars().any(char::is_alphanumeric))
            .map(|t| (token_hash(t.text), t.char_start, t.char_end))
            .collect();
        if !words.iter().any(|w| quote_bag.binary_search(&w.0).is_ok()) {
            continue;
        }
        for start in 0..words.len() {
            // A window must begin with a word of the quote, or it only adds noise at its edge.
            if quote_bag.binary_search(&words[start].0).is_err() {
                continue;
            }
            for len in shortest..=longest {
                if start + len > words.len() {
                    break;
                }
                window.clear();
                window.extend(words[start..start + len].iter().map(|w| w.0));
                window.sort_unstable();
                let quote_similarity = dice(&quote_bag, &window);
                if quote_similarity < 0.6 {
                    continue;
                }
                let range = CharRange::new(words[start].1, words[start + len - 1].2);
                let context = context_score(anchor, text, range);
                if (short || strict) && context < 0.5 {
                    continue;
                }
                let score = 0.75 * quote_similarity + 0.25 * context;
                if score < 0.6 {
                    continue;
                }
                let distance = block.abs_diff(expected) * 100_000 + range.start.abs_diff(anchor.char_range.start);
                let better = match best {
                    None => true,
                    Some((s, d, _, _)) => score > s + 1e-4 || ((score - s).abs() <= 1e-4 && distance < d),
                };
                if better {
                    best = Some((score, distance, block, range));
                }
            }
        }
    }
    match best {
        Some((_, _, block, range)) => {
            let status =
                if char_slice(&document.blocks[block].text, range) == anchor.quote { AnchorStatus::Moved } else { AnchorStatus::Changed };
            Placement::at(status, block, range)
        }
        None => Placement::orphan(),
    }
}
