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
use crate::compare::tokens::{token_hash, tokenize};
use crate::store::{CharRange, Document};
use crate::text::{byte_offset, char_offset, char_slice};

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

impl CarryReport {
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
    let Some(old_block) = old.block_index(&anchor.block_id) else { return place(anchor, new) };
    let row = alignment.rows.iter().find(|r| r.old.contains(&old_block));
    let aligned: Vec<usize> = row.map(|r| r.new.clone()).unwrap_or_default();
    if anchor.block_count > 1
        && let Some(placement) = carry_span(anchor, old_block, alignment)
    {
        return placement;
    }
    let single = first_part(anchor);
    // A one-to-one row: the same range with the same text is exact.
    if let [only] = aligned[..]
        && row.is_some_and(|r| r.old.len() == 1)
        && matches_at(new, only, single.char_range, &single.quote)
    {
        return Placement::at(if anchor.block_count > 1 { AnchorStatus::Changed } else { AnchorStatus::Exact }, only, single.char_range);
    }
    // The quote elsewhere in the aligned block(s): for splits and merges, offsets shift.
    let hint = aligned_offset(old, old_block, row.map(|r| r.old.as_slice()).unwrap_or(&[]), single.char_range.start);
    let mut best: Option<(usize, CharRange, usize)> = None;
    for &block in &aligned {
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
    let near = near_blocks(alignment, old_block, new.blocks.len());
    let expected = aligned.first().copied().or(near.first().copied()).unwrap_or(0);
    let fuzzy = search_fuzzy(&single, new, &aligned, expected);
    if fuzzy.status != AnchorStatus::Orphaned {
        return fuzzy;
    }
    // Near the place: exact or approximate, but only where the context agrees too.
    for &block in &near {
        if aligned.contains(&block) {
            continue;
        }
        if let Some(range) = find_quote(&new.blocks[block].text, &single.quote, 0)
            && context_score(&single, &new.blocks[block].text, range) >= 0.5
        {
            return Placement::at(AnchorStatus::Moved, block, range);
        }
    }
    let candidates: Vec<usize> = near.iter().copied().filter(|b| !aligned.contains(b)).collect();
    let fuzzy = search_fuzzy_strict(&single, new, &candidates, expected);
    if fuzzy.status != AnchorStatus::Orphaned {
        return fuzzy;
    }
    Placement::orphan()
}

/// Carries a whole set from `old` to `new`: placed annotations get new anchors (and keep the
/// old quote when changed); orphans keep their old anchor. Nothing is dropped.
pub fn carry_set(set: &AnnotationSet, old: &Document, new: &Document, alignment: &Alignment) -> (AnnotationSet, CarryReport) {
    let mut report = CarryReport::default();
    let mut carried =
        AnnotationSet { document: DocumentInfo::of(new), tags: set.tags.clone(), annotations: Vec::with_capacity(set.annotations.len()) };
    for annotation in &set.annotations {
        let placement = carry(&annotation.anchor, old, new, alignment);
        report.count(placement.status);
        carried.annotations.push(apply_placement(annotation.clone(), new, placement));
    }
    carried.sort(new);
    (carried, report)
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
fn carry_span(anchor: &Anchor, old_block: usize, alignment: &Alignment) -> Option<Placement> {
    let mut new_blocks = Vec::new();
    for old in old_block..old_block + anchor.block_count {
        let row = alignment.rows.iter().find(|r| r.old == [old] && r.kind == crate::compare::RowKind::Equal)?;
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

/// Blocks of the new version near where the old block stood (up to two each side).
fn near_blocks(alignment: &Alignment, old_block: usize, new_len: usize) -> Vec<usize> {
    let mut before = None;
    let mut after = None;
    for row in &alignment.rows {
        if let (Some(&o), Some(&n)) = (row.old.first(), row.new.first()) {
            if o < old_block {
                before = Some(before.map_or(n, |b: usize| b.max(n)));
            } else if o > old_block && after.is_none_or(|a: usize| n < a) {
                after = Some(n);
            }
        }
    }
    let centre = before.map(|b| b + 1).or(after).unwrap_or(0);
    let low = centre.saturating_sub(2);
    let high = (centre + 2).min(new_len.saturating_sub(1));
    if new_len == 0 { Vec::new() } else { (low..=high).collect() }
}

fn bag(text: &str) -> Vec<u64> {
    let mut hashes: Vec<u64> =
        tokenize(text).iter().filter(|t| t.text.chars().any(char::is_alphanumeric)).map(|t| token_hash(t.text)).collect();
    hashes.sort_unstable();
    hashes
}

fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
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
    let quote_tokens: Vec<u64> = tokenize(&anchor.quote).iter().map(|t| token_hash(t.text)).collect();
    let quote_bag = bag(&anchor.quote);
    let n = quote_tokens.len();
    if n == 0 || quote_bag.is_empty() {
        return Placement::orphan();
    }
    let short = quote_bag.len() <= 2;
    // Edits lengthen or shorten a passage: windows from half to twice the quote's length.
    let (shortest, longest) = ((n / 2).max(1), n + n.max(2));
    let mut best: Option<(f32, usize, usize, CharRange)> = None; // score, distance, block, range
    for &block in blocks {
        let text = &document.blocks[block].text;
        let tokens = tokenize(text);
        let hashes: Vec<u64> = tokens.iter().map(|t| token_hash(t.text)).collect();
        if !hashes.iter().any(|h| quote_bag.binary_search(h).is_ok()) {
            continue;
        }
        for start in 0..tokens.len() {
            for len in shortest..=longest {
                if start + len > tokens.len() {
                    break;
                }
                let window_text = &text[byte_offset(text, tokens[start].char_start)..byte_offset(text, tokens[start + len - 1].char_end)];
                let quote_similarity = dice(&quote_bag, &bag(window_text));
                if quote_similarity < 0.6 {
                    continue;
                }
                let range = CharRange::new(tokens[start].char_start, tokens[start + len - 1].char_end);
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
