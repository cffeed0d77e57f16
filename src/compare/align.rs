//! The alignment passes. Ordinary revisions cost near-linear time: exact matches come from a
//! patience diff over fingerprints, and only the small gaps between them are examined closely.

use super::inline::{SpanTag, diff_parts_with};
use super::normalize::Normalization;
use super::{Alignment, CompareOptions, Row, RowKind, Summary, threads};
use crate::store::{BlockKind, Document};
use crate::text::tokens::{TokenBag, shingles};
use crate::text::{label_key, word_count};
use rustc_hash::{FxHashMap, FxHasher};
use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::time::Instant;

/// Largest gap (old × new blocks) examined with the full similarity matrix.
const MATRIX_LIMIT: usize = 64 * 64;
/// Most consecutive blocks one block may split into or merge from.
const MAX_PARTS: usize = 8;
/// Shingles shared by more blocks than this say nothing about moves.
const COMMON_SHINGLE: usize = 64;

struct Side<'a> {
    doc: &'a Document,
    bags: Vec<TokenBag>,
    /// Fingerprint of each block's normalised words (equal fingerprints: equal texts).
    keys: Vec<u64>,
    class: Vec<u8>,
    /// Group index per block, once matched.
    group: Vec<Option<usize>>,
}

impl<'a> Side<'a> {
    /// Fingerprints only: token bags wait for [`Side::fill_bags`], once exact matches are known.
    fn new(doc: &'a Document, normalization: &Normalization) -> Self {
        let n = doc.blocks.len();
        Self {
            doc,
            bags: Vec::new(),
            keys: doc.blocks.iter().map(|b| text_key(&normalization.text(&b.text))).collect(),
            class: doc.blocks.iter().map(|b| class(b.kind)).collect(),
            group: vec![None; n],
        }
    }

    /// Token bags of the blocks still unmatched, the only ones later passes look at; matched
    /// blocks keep an empty bag. Word segmentation is the dearest step of the alignment, and
    /// most blocks of a revision match exactly.
    fn fill_bags(&mut self, normalization: &Normalization) {
        let (blocks, group) = (&self.doc.blocks, &self.group);
        self.bags = blocks
            .iter()
            .zip(group)
            .map(|(b, g)| if g.is_none() { TokenBag::of(&normalization.text(&b.text)) } else { TokenBag::default() })
            .collect();
    }

    fn free(&self, i: usize) -> bool {
        self.group[i].is_none()
    }
}

/// Headings pair with headings, footnotes with footnotes, paragraphs with paragraphs.
fn class(kind: BlockKind) -> u8 {
    match kind {
        BlockKind::Heading => 0,
        BlockKind::Footnote => 2,
        _ => 1,
    }
}

fn text_key(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    for word in crate::text::whitespace_words(text) {
        word.hash(&mut hasher);
    }
    hasher.finish()
}

struct Group {
    kind: RowKind,
    old: Vec<usize>,
    new: Vec<usize>,
    similarity: f32,
}

struct Aligner<'a> {
    old: Side<'a>,
    new: Side<'a>,
    groups: Vec<Group>,
    threshold: f32,
}

impl Aligner<'_> {
    fn add(&mut self, kind: RowKind, old: Vec<usize>, new: Vec<usize>, similarity: f32) {
        let index = self.groups.len();
        for &o in &old {
            self.old.group[o] = Some(index);
        }
        for &n in &new {
            self.new.group[n] = Some(index);
        }
        self.groups.push(Group { kind, old, new, similarity });
    }

    fn similarity(&self, o: usize, n: usize) -> f32 {
        if !self.comparable(o, n) {
            return 0.0;
        }
        self.old.bags[o].dice(&self.new.bags[n])
    }

    /// Whether old block `o` and new block `n` may be the same block: the same class, or a
    /// heading and a short paragraph (whether a short line is a heading is a guess in PDF text,
    /// and a question heading `¿Cómo se comparten sus datos?` reads as a sentence).
    fn comparable(&self, o: usize, n: usize) -> bool {
        let (a, b) = (self.old.class[o], self.new.class[n]);
        a == b || (a.max(b) == 1 && a.min(b) == 0 && self.old.bags[o].len().max(self.new.bags[n].len()) <= SHORT_WORDS)
    }

    /// Whether old block `o` and new block `n` stand between the same matched neighbours.
    fn same_slot(&self, o: usize, n: usize) -> bool {
        let before = |side: &Side, k: usize| (0..k).rev().find_map(|x| side.group[x]);
        let after = |side: &Side, k: usize| (k + 1..side.group.len()).find_map(|x| side.group[x]);
        before(&self.old, o) == before(&self.new, n) && after(&self.old, o) == after(&self.new, n)
    }

    /// The evidence that old block `o` and new block `n` are the same paragraph: their
    /// similarity when it is enough, given that they hold the same place between anchored
    /// neighbours (`in_slot`), share a label, or one text contains most of the other.
    fn link(&self, o: usize, n: usize, in_slot: bool) -> Option<f32> {
        if !self.comparable(o, n) {
            return None;
        }
        let (a, b) = (&self.old.bags[o], &self.new.bags[n]);
        let s = a.dice(b);
        if s >= self.threshold {
            return Some(s);
        }
        let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
        // Containment: a paragraph cut down or extended keeps most of the shorter text.
        if small >= 4 && a.common(b) as f32 >= 0.85 * small as f32 && small * 3 >= large {
            return Some(s.max(0.01));
        }
        let old_label = label_key(&self.old.doc.blocks[o].label);
        let same_label = !old_label.is_empty() && old_label == label_key(&self.new.doc.blocks[n].label);
        let heading = self.old.class[o] == 0 && self.new.class[n] == 0;
        // A heading keeps its place and label when reworded (`1. Вводная часть` → `1. Введение`).
        if heading && (same_label || in_slot) {
            return Some(s.max(0.01));
        }
        ((same_label || in_slot) && s >= REWORDED).then_some(s)
    }
}

/// Most words of a paragraph that may pair with a heading.
const SHORT_WORDS: usize = 12;

/// Added to every link in a gap so that many weak links do not lose to one strong one.
const LINK_BONUS: f32 = 0.5;

/// Lowest similarity of a paragraph reworded in place (same slot or same label).
const REWORDED: f32 = 0.25;

pub(super) fn align(old: &Document, new: &Document, options: CompareOptions) -> Alignment {
    let deadline = Instant::now().checked_add(options.timeout);
    let normalization = options.normalization;
    let parallel = threads::worth_two(old.blocks.len() + new.blocks.len());
    let (old_side, new_side) = threads::join(parallel, || Side::new(old, &normalization), || Side::new(new, &normalization));
    let mut aligner = Aligner { old: old_side, new: new_side, groups: Vec::new(), threshold: options.threshold };

    // Pass 1: exact matches on normalised text.
    let ops = capture_diff_slices_deadline(Algorithm::Patience, &aligner.old.keys, &aligner.new.keys, deadline);
    let mut gaps: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut open: Option<(Range<usize>, Range<usize>)> = None;
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            gaps.extend(open.take());
            for (i, j) in o.zip(n) {
                aligner.add(RowKind::Equal, vec![i], vec![j], 1.0);
            }
        } else {
            let gap = open.get_or_insert((o.start..o.start, n.start..n.start));
            gap.0.end = gap.0.end.max(o.end);
            gap.1.end = gap.1.end.max(n.end);
        }
    }
    gaps.extend(open.take());
    let (old_side, new_side) = (&mut aligner.old, &mut aligner.new);
    threads::join(parallel, || old_side.fill_bags(&normalization), || new_side.fill_bags(&normalization));

    // Passes 2 and 3, inside each gap: splits and merges, then pairing by similarity.
    for (o, n) in &gaps {
        if o.is_empty() || n.is_empty() {
            continue;
        }
        find_splits(&mut aligner, o.clone(), n.clone(), false);
        find_splits(&mut aligner, n.clone(), o.clone(), true);
        pair_in_gap(&mut aligner, o.clone(), n.clone());
    }

    // Pass 4: matches among blocks still unmatched anywhere; then which matches are moves.
    find_moves(&mut aligner);
    mark_moves(&mut aligner);

    build(aligner, &normalization, deadline)
}

/// One old block whose text is spread over 2..=4 consecutive new blocks (or, `flipped`,
/// several old blocks gathered into one new block).
fn find_splits(aligner: &mut Aligner, whole: Range<usize>, parts: Range<usize>, flipped: bool) {
    let limit = whole.len().saturating_mul(parts.len());
    if limit > MATRIX_LIMIT * 4 {
        return;
    }
    for w in whole {
        let (whole_side, part_side) = if flipped { (&aligner.new, &aligner.old) } else { (&aligner.old, &aligner.new) };
        if !whole_side.free(w) {
            continue;
        }
        let whole_bag = &whole_side.bags[w];
        let mut best: Option<(f32, usize, usize)> = None;
        for start in parts.clone() {
            // The first part may be a heading run into the paragraph as its lead-in (`#### More
            // details` + its paragraph → `*More details:* …`), or split out of it.
            let run_in =
                part_side.class[start] == 0 && whole_side.class[w] == 1 && leads_in(&part_side.bags[start], &whole_side.doc.blocks[w].text);
            if !part_side.free(start)
                || (part_side.class[start] != whole_side.class[w] && !run_in)
                || part_side.bags[start].contained_in(whole_bag) < 0.6
            {
                continue;
            }
            let single = part_side.bags[start].dice(whole_bag);
            for count in 2..=MAX_PARTS {
                let end = start + count;
                if end > parts.end || !part_side.free(end - 1) || part_side.class[end - 1] != whole_side.class[w] {
                    break;
                }
                if part_side.bags[end - 1].contained_in(whole_bag) < 0.6 {
                    break;
                }
                let bags: Vec<&TokenBag> = (start..end).map(|p| &part_side.bags[p]).collect();
                let union = TokenBag::union(&bags);
                let score = union.dice(whole_bag);
                if score >= 0.75 && score >= single + 0.1 && best.is_none_or(|(s, _, _)| score > s) {
                    best = Some((score, start, end));
                }
            }
        }
        if let Some((score, start, end)) = best {
            let parts: Vec<usize> = (start..end).collect();
            if flipped {
                aligner.add(RowKind::Merged, parts, vec![w], score);
            } else {
                aligner.add(RowKind::Split, vec![w], parts, score);
            }
        }
    }
}

/// Whether a heading's words open `text` (a run-in heading: `*Learn more:* Data …`).
fn leads_in(heading: &TokenBag, text: &str) -> bool {
    let opening: String = text.split_whitespace().take(heading.len() + 3).collect::<Vec<_>>().join(" ");
    heading.contained_in(&TokenBag::of(&opening)) >= 0.6
}

/// Pairs free blocks of a gap, keeping their order: first by their own evidence (similarity,
/// containment, a shared label), then, between those pairs, by the slot they hold.
fn pair_in_gap(aligner: &mut Aligner, o: Range<usize>, n: Range<usize>) {
    let olds: Vec<usize> = o.filter(|&i| aligner.old.free(i)).collect();
    let news: Vec<usize> = n.filter(|&j| aligner.new.free(j)).collect();
    if olds.is_empty() || news.is_empty() {
        return;
    }
    if olds.len() * news.len() > MATRIX_LIMIT {
        // Too large for the matrix: pair greedily along the diagonal; the move pass catches the rest.
        pair_greedily(aligner, &olds, &news);
        return;
    }
    let pairs = monotone_pairs(aligner, &olds, &news, false);
    for &(i, j, s) in &pairs {
        aligner.add(RowKind::Changed, vec![i], vec![j], s);
    }
    // The pairs found are anchors: what is left between them may pair by slot.
    let (mut a, mut b) = (0, 0);
    let mut slot_pairs = Vec::new();
    for &(i, j, _) in pairs.iter().chain([(usize::MAX, usize::MAX, 0.0)].iter()) {
        let a_end = olds.iter().position(|&x| x == i).unwrap_or(olds.len());
        let b_end = news.iter().position(|&x| x == j).unwrap_or(news.len());
        if a < a_end && b < b_end {
            slot_pairs.extend(monotone_pairs(aligner, &olds[a..a_end], &news[b..b_end], true));
        }
        (a, b) = (a_end + 1, b_end + 1);
    }
    for (i, j, s) in slot_pairs {
        aligner.add(RowKind::Changed, vec![i], vec![j], s);
    }
}

/// The heaviest order-keeping pairing of `olds` with `news` (sequence alignment with free gaps);
/// with `by_slot`, blocks left over in equal numbers also pair by the slot they hold.
fn monotone_pairs(aligner: &Aligner, olds: &[usize], news: &[usize], by_slot: bool) -> Vec<(usize, usize, f32)> {
    let (rows, cols) = (olds.len(), news.len());
    let slots = by_slot && rows == cols;
    // Link weights; a link is worth at least a little so that evidence without similarity counts.
    let mut sim = vec![None; rows * cols];
    for (a, &i) in olds.iter().enumerate() {
        for (b, &j) in news.iter().enumerate() {
            let in_slot = slots && a == b && aligner.same_slot(i, j);
            sim[a * cols + b] = aligner.link(i, j, in_slot).map(|s| (s, s + LINK_BONUS));
        }
    }
    let mut score = vec![0f32; (rows + 1) * (cols + 1)];
    let at = |a: usize, b: usize| a * (cols + 1) + b;
    for a in 1..=rows {
        for b in 1..=cols {
            let diag = sim[(a - 1) * cols + (b - 1)].map_or(f32::MIN, |(_, w)| score[at(a - 1, b - 1)] + w);
            score[at(a, b)] = diag.max(score[at(a - 1, b)]).max(score[at(a, b - 1)]);
        }
    }
    let (mut a, mut b) = (rows, cols);
    let mut pairs = Vec::new();
    while a > 0 && b > 0 {
        let link = sim[(a - 1) * cols + (b - 1)];
        if let Some((s, _)) = link.filter(|&(_, w)| (score[at(a, b)] - (score[at(a - 1, b - 1)] + w)).abs() < 1e-5) {
            pairs.push((olds[a - 1], news[b - 1], s));
            a -= 1;
            b -= 1;
        } else if score[at(a, b)] == score[at(a - 1, b)] {
            a -= 1;
        } else {
            b -= 1;
        }
    }
    pairs.reverse();
    pairs
}

fn pair_greedily(aligner: &mut Aligner, olds: &[usize], news: &[usize]) {
    let mut next = 0;
    for &i in olds {
        // Look a few blocks ahead of the last pairing only: keeps this linear.
        let window = &news[next.min(news.len())..(next + 8).min(news.len())];
        let best = window
            .iter()
            .enumerate()
            .map(|(k, &j)| (k, j, aligner.similarity(i, j)))
            .filter(|&(_, _, s)| s >= aligner.threshold)
            .max_by(|x, y| x.2.total_cmp(&y.2));
        if let Some((k, j, s)) = best {
            aligner.add(RowKind::Changed, vec![i], vec![j], s);
            next += k + 1;
        }
    }
}

/// Pairs unmatched blocks anywhere through a shingle index; out-of-order pairs are moves.
fn find_moves(aligner: &mut Aligner) {
    let free_new: Vec<usize> = (0..aligner.new.doc.blocks.len()).filter(|&j| aligner.new.free(j)).collect();
    let free_old: Vec<usize> = (0..aligner.old.doc.blocks.len()).filter(|&i| aligner.old.free(i)).collect();
    if free_new.is_empty() || free_old.is_empty() {
        return;
    }
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for &j in &free_new {
        for shingle in shingles(&aligner.new.doc.blocks[j].text) {
            index.entry(shingle).or_default().push(j);
        }
    }
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
    for &i in &free_old {
        counts.clear();
        for shingle in shingles(&aligner.old.doc.blocks[i].text) {
            if let Some(posting) = index.get(&shingle).filter(|p| p.len() <= COMMON_SHINGLE) {
                for &j in posting {
                    *counts.entry(j).or_insert(0) += 1;
                }
            }
        }
        let mut top: Vec<(usize, usize)> = counts.iter().map(|(&j, &c)| (c, j)).collect();
        top.sort_unstable_by(|a, b| b.cmp(a));
        let mut scored: Vec<(f32, usize)> = top.iter().take(4).map(|&(_, j)| (aligner.similarity(i, j), j)).collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let Some(&(best, j)) = scored.first() else { continue };
        let words = aligner.old.bags[i].len().min(aligner.new.bags[j].len());
        // A match far away needs more evidence than one in place: short texts must be (nearly)
        // the same, and the match must stand out from the next best.
        let needed = match words {
            0..=3 => 0.99,
            4..=9 => aligner.threshold.max(0.6),
            _ => aligner.threshold,
        };
        let runner_up = scored.get(1).map_or(0.0, |&(s, _)| s);
        if best >= needed && (best >= 0.9 || best - runner_up >= 0.05) {
            candidates.push((best, i, j));
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (s, i, j) in candidates {
        if aligner.old.free(i) && aligner.new.free(j) {
            // Whether this is a move or an edit in place is settled by `mark_moves`.
            aligner.add(RowKind::Changed, vec![i], vec![j], s);
        }
    }
}

/// Groups outside the longest in-order chain of matches are moves (edited or not); a group
/// in the chain is equal or changed by its text.
fn mark_moves(aligner: &mut Aligner) {
    let mut order: Vec<usize> = (0..aligner.groups.len()).collect();
    order.sort_by_key(|&g| aligner.groups[g].new.iter().min().copied().unwrap_or(usize::MAX));
    let first_old = |g: &Group| g.old.iter().min().copied().unwrap_or(0);
    // Heaviest chain increasing in both orders (Fenwick tree of prefix maxima over old positions).
    let size = aligner.old.doc.blocks.len() + 1;
    let mut tree: Vec<(u64, usize)> = vec![(0, usize::MAX); size + 1];
    let mut previous = vec![usize::MAX; aligner.groups.len()];
    let mut best = (0u64, usize::MAX);
    for &g in &order {
        let group = &aligner.groups[g];
        let position = first_old(group) + 1;
        let mut query = (0u64, usize::MAX);
        let mut k = position - 1;
        while k > 0 {
            if tree[k].0 > query.0 {
                query = tree[k];
            }
            k &= k - 1;
        }
        // Count first, then length: the chain keeps as many paragraphs in place as it can.
        let chars: usize = group.old.iter().map(|&i| aligner.old.doc.blocks[i].text.len()).sum();
        let weight = query.0 + 1_000_000 + chars.min(999_999) as u64;
        previous[g] = query.1;
        if weight > best.0 {
            best = (weight, g);
        }
        let mut k = position;
        while k <= size {
            if tree[k].0 < weight {
                tree[k] = (weight, g);
            }
            k += k & k.wrapping_neg();
        }
    }
    let mut in_chain = vec![false; aligner.groups.len()];
    let mut g = best.1;
    while g != usize::MAX {
        in_chain[g] = true;
        g = previous[g];
    }
    for (g, group) in aligner.groups.iter_mut().enumerate() {
        match (in_chain[g], group.kind) {
            (false, RowKind::Equal | RowKind::Changed) => group.kind = RowKind::Moved,
            (true, RowKind::Changed)
                if group.old.len() == 1 && group.new.len() == 1 && aligner.old.keys[group.old[0]] == aligner.new.keys[group.new[0]] =>
            {
                group.kind = RowKind::Equal;
                group.similarity = 1.0;
            }
            _ => {}
        }
    }
}

/// Orders the groups into rows and computes inline diffs and the summary.
fn build(aligner: Aligner, normalization: &Normalization, deadline: Option<Instant>) -> Alignment {
    let old_doc = aligner.old.doc;
    let new_doc = aligner.new.doc;
    let mut rows: Vec<Row> = Vec::with_capacity(aligner.groups.len() + 16);
    let mut next_old = 0usize;
    let flush_deleted = |rows: &mut Vec<Row>, next_old: &mut usize, until: usize| {
        while *next_old < until {
            if aligner.old.free(*next_old) {
                rows.push(Row {
                    kind: RowKind::Deleted,
                    old: vec![*next_old],
                    new: vec![],
                    similarity: 0.0,
                    renumbered: false,
                    diff: None,
                });
            }
            *next_old += 1;
        }
    };
    for j in 0..new_doc.blocks.len() {
        match aligner.new.group[j] {
            Some(g) => {
                let group = &aligner.groups[g];
                if group.new.first() != Some(&j) {
                    continue;
                }
                if group.kind != RowKind::Moved {
                    let first_old = group.old.iter().copied().min().unwrap_or(next_old);
                    flush_deleted(&mut rows, &mut next_old, first_old);
                }
                rows.push(Row {
                    kind: group.kind,
                    old: group.old.clone(),
                    new: group.new.clone(),
                    similarity: group.similarity,
                    renumbered: false,
                    diff: None,
                });
            }
            None => rows.push(Row { kind: RowKind::Inserted, old: vec![], new: vec![j], similarity: 0.0, renumbered: false, diff: None }),
        }
    }
    flush_deleted(&mut rows, &mut next_old, old_doc.blocks.len());

    // Word-level diffs of the rows that need one, over two threads for large comparisons.
    let needs_diff: Vec<usize> =
        (0..rows.len()).filter(|&r| !matches!(rows[r].kind, RowKind::Equal | RowKind::Inserted | RowKind::Deleted)).collect();
    let texts = |row: &Row| -> (Vec<&str>, Vec<&str>) {
        (
            row.old.iter().map(|&i| old_doc.blocks[i].text.as_str()).collect(),
            row.new.iter().map(|&j| new_doc.blocks[j].text.as_str()).collect(),
        )
    };
    let diffs = threads::map(&needs_diff, |&r| {
        let (old_texts, new_texts) = texts(&rows[r]);
        diff_parts_with(&old_texts, &new_texts, normalization, deadline)
    });
    let mut diffs = diffs.into_iter();

    let mut summary = Summary::default();
    for row in &mut rows {
        let old_label = row.old.first().map(|&i| label_key(&old_doc.blocks[i].label)).unwrap_or_default();
        let new_label = row.new.first().map(|&j| label_key(&new_doc.blocks[j].label)).unwrap_or_default();
        row.renumbered = !old_label.is_empty() && !new_label.is_empty() && old_label != new_label;
        if row.renumbered {
            summary.renumbered += 1;
        }
        let in_notes = row
            .old
            .iter()
            .map(|&i| &old_doc.blocks[i])
            .chain(row.new.iter().map(|&j| &new_doc.blocks[j]))
            .all(|b| b.kind == BlockKind::Footnote);
        match row.kind {
            RowKind::Equal => summary.equal += 1,
            RowKind::Inserted => {
                summary.inserted += 1;
                let words = row.new.iter().map(|&j| word_count(&new_doc.blocks[j].text)).sum::<usize>();
                summary.add_inserted(words, in_notes);
            }
            RowKind::Deleted => {
                summary.deleted += 1;
                let words = row.old.iter().map(|&i| word_count(&old_doc.blocks[i].text)).sum::<usize>();
                summary.add_deleted(words, in_notes);
            }
            kind => {
                match kind {
                    RowKind::Changed => summary.changed += 1,
                    RowKind::Moved => summary.moved += 1,
                    RowKind::Split => summary.split += 1,
                    _ => summary.merged += 1,
                }
                let (old_texts, new_texts) = texts(row);
                // One diff per such row, in row order.
                let Some(diff) = diffs.next() else { continue };
                for piece in &diff.pieces {
                    match (piece.tag, piece.old, piece.new) {
                        (SpanTag::Delete, Some(range), _) => {
                            summary.add_deleted(word_count(crate::text::char_slice(old_texts[piece.old_part], range)), in_notes);
                        }
                        (SpanTag::Insert, _, Some(range)) => {
                            summary.add_inserted(word_count(crate::text::char_slice(new_texts[piece.new_part], range)), in_notes);
                        }
                        _ => {}
                    }
                }
                row.diff = Some(diff);
            }
        }
    }
    Alignment { rows, summary }
}
