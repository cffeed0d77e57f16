//! The approximate search for a quote that changed: windows of words scored by their words in
//! common with the quote (Dice) and by how well the text around them agrees with the stored
//! context.
//!
//! Windows run from half to twice the quote's word count and must begin with a word of the
//! quote. For each start the window grows one word at a time while the count of words in
//! common is kept up to date, and the context on each side is scored once per word boundary.
//! A block's words and the words around each boundary are found once per [`Index`] and shared
//! by every quote searched in it. A search costs about `words × quote` steps, not
//! `words × quote² × log quote`: whole-paragraph quotes stay cheap.

use super::anchor::CONTEXT_CHARS;
use super::{Anchor, AnchorStatus};
use crate::store::{CharRange, Document};
use crate::text::char_slice;
use crate::text::tokens::{dice_sorted as dice, token_hash, tokenize};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

/// Where the search found the passage (`None`: orphaned).
pub(crate) type Found = Option<(AnchorStatus, usize, CharRange)>;

/// Hashes of the word tokens of a text, sorted (a multiset for Dice).
pub(crate) fn bag(text: &str) -> Vec<u64> {
    let mut hashes: Vec<u64> = words(text).map(|(hash, _, _)| hash).collect();
    hashes.sort_unstable();
    hashes
}

/// Word tokens (those with a letter or digit): hash, first character, end character.
fn words(text: &str) -> impl Iterator<Item = (u64, usize, usize)> + '_ {
    tokenize(text)
        .into_iter()
        .filter(|t| t.text.chars().any(crate::text::is_word_char))
        .map(|t| (token_hash(t.text), t.char_start, t.char_end))
}

/// How well the text around `range` agrees with the anchor's stored prefix and suffix.
pub(crate) fn context_score(anchor: &Anchor, text: &str, range: CharRange) -> f32 {
    let prefix = dice(&bag(&anchor.prefix), &bag(&super::anchor::context_before(text, range.start)));
    let suffix = dice(&bag(&anchor.suffix), &bag(&super::anchor::context_after(text, range.end)));
    (prefix + suffix) / 2.0
}

/// A document's blocks prepared for searching, each on first use.
pub(crate) struct Index<'a> {
    document: &'a Document,
    blocks: RefCell<FxHashMap<usize, Rc<BlockIndex<'a>>>>,
}

impl<'a> Index<'a> {
    /// An index of `document` (nothing is prepared yet).
    pub(crate) fn new(document: &'a Document) -> Self {
        Self { document, blocks: RefCell::default() }
    }

    fn block(&self, block: usize) -> Option<Rc<BlockIndex<'a>>> {
        let text = self.document.blocks.get(block)?.text.as_str();
        Some(Rc::clone(self.blocks.borrow_mut().entry(block).or_insert_with(|| Rc::new(BlockIndex::new(text)))))
    }
}

/// One block's words, and the bags of words in the context before and after each of them.
struct BlockIndex<'a> {
    text: &'a str,
    words: Vec<(u64, usize, usize)>,
    /// Byte offset of every character, then the text's length.
    bytes: Vec<usize>,
    before: RefCell<Vec<Option<Vec<u64>>>>,
    after: RefCell<Vec<Option<Vec<u64>>>>,
}

impl<'a> BlockIndex<'a> {
    fn new(text: &'a str) -> Self {
        let words: Vec<(u64, usize, usize)> = words(text).collect();
        let bytes = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        let n = words.len();
        Self { text, words, bytes, before: RefCell::new(vec![None; n]), after: RefCell::new(vec![None; n]) }
    }

    /// The text between two character offsets (clamped, as [`char_slice`] does).
    fn slice(&self, start: usize, end: usize) -> &'a str {
        let byte = |c: usize| self.bytes.get(c).copied().unwrap_or(self.text.len());
        &self.text[byte(start)..byte(end.max(start))]
    }

    /// Dice of `prefix` and the words just before word `word` (as [`context_score`] cuts them).
    fn before_score(&self, word: usize, prefix: &[u64]) -> f32 {
        let start = self.words[word].1;
        let mut cache = self.before.borrow_mut();
        dice(prefix, cache[word].get_or_insert_with(|| bag(self.slice(start.saturating_sub(CONTEXT_CHARS), start))))
    }

    /// Dice of `suffix` and the words just after word `word`.
    fn after_score(&self, word: usize, suffix: &[u64]) -> f32 {
        let end = self.words[word].2;
        let mut cache = self.after.borrow_mut();
        dice(suffix, cache[word].get_or_insert_with(|| bag(self.slice(end, end.saturating_add(CONTEXT_CHARS)))))
    }
}

/// The quote's words: a dense number per distinct word and how often each occurs.
struct QuoteWords {
    ids: FxHashMap<u64, usize>,
    counts: Vec<u32>,
    len: usize,
}

impl QuoteWords {
    fn of(quote: &str) -> Self {
        let mut ids = FxHashMap::default();
        let mut counts: Vec<u32> = Vec::new();
        let mut len = 0;
        for (hash, _, _) in words(quote) {
            let next = counts.len();
            let id = *ids.entry(hash).or_insert(next);
            if id == next {
                counts.push(0);
            }
            counts[id] = counts[id].saturating_add(1);
            len += 1;
        }
        Self { ids, counts, len }
    }
}

/// The best window so far: score, distance from the expected place, block, range.
type Best = Option<(f32, usize, usize, CharRange)>;

/// Best approximate match of the quote in `blocks`; short quotes (and, when `strict`, every
/// match) must agree with their context. Ties go to the match nearest `expected` and the
/// anchor's offset.
pub(crate) fn search(anchor: &Anchor, index: &Index, blocks: &[usize], expected: usize, strict: bool) -> Found {
    let quote = QuoteWords::of(&anchor.quote);
    if quote.len == 0 {
        return None;
    }
    let (prefix, suffix) = (bag(&anchor.prefix), bag(&anchor.suffix));
    let mut best: Best = None;
    let mut remaining = vec![0u32; quote.counts.len()];
    for &block in blocks {
        let Some(prepared) = index.block(block) else { continue };
        // Each word's number in the quote, if it is a word of the quote.
        let ids: Vec<Option<usize>> = prepared.words.iter().map(|w| quote.ids.get(&w.0).copied()).collect();
        if ids.iter().all(Option::is_none) {
            continue;
        }
        let mut search = BlockSearch {
            anchor,
            block,
            expected,
            strict,
            n: quote.len,
            prepared: &prepared,
            prefix: &prefix,
            suffix: &suffix,
            before: vec![None; ids.len()],
            after: vec![None; ids.len()],
        };
        for first in 0..ids.len() {
            search.windows_from(first, &ids, &quote.counts, &mut remaining, &mut best);
        }
    }
    best.map(|(_, _, block, range)| {
        let status =
            if char_slice(&index.document.blocks[block].text, range) == anchor.quote { AnchorStatus::Moved } else { AnchorStatus::Changed };
        (status, block, range)
    })
}

/// One quote searched in one block.
struct BlockSearch<'a, 'b> {
    anchor: &'a Anchor,
    block: usize,
    expected: usize,
    strict: bool,
    /// Words in the quote.
    n: usize,
    prepared: &'a BlockIndex<'b>,
    prefix: &'a [u64],
    suffix: &'a [u64],
    /// Context scores of this quote, by word.
    before: Vec<Option<f32>>,
    after: Vec<Option<f32>>,
}

impl BlockSearch<'_, '_> {
    /// The context score of the window from word `first` to word `last`.
    fn context(&mut self, first: usize, last: usize) -> f32 {
        let prefix = *self.before[first].get_or_insert_with(|| self.prepared.before_score(first, self.prefix));
        let suffix = *self.after[last].get_or_insert_with(|| self.prepared.after_score(last, self.suffix));
        (prefix + suffix) / 2.0
    }

    /// Scores every window starting at word `first`, growing it one word at a time.
    fn windows_from(&mut self, first: usize, ids: &[Option<usize>], counts: &[u32], remaining: &mut [u32], best: &mut Best) {
        // A window must begin with a word of the quote, or it only adds noise at its edge.
        if ids[first].is_none() {
            return;
        }
        let n = self.n;
        // Edits lengthen or shorten a passage: windows from half to twice the quote's word count.
        let (shortest, longest) = ((n / 2).max(1), n.saturating_add(n.max(2)));
        let short = n <= 2;
        remaining.copy_from_slice(counts);
        let mut common = 0usize;
        for (offset, id) in ids[first..].iter().take(longest).enumerate() {
            if let Some(id) = *id
                && remaining[id] > 0
            {
                remaining[id] -= 1;
                common += 1;
            }
            let len = offset + 1;
            if len < shortest {
                continue;
            }
            // Dice of the quote's words and the window's, as `dice_sorted` computes it.
            let quote_similarity = 2.0 * common as f32 / (n + len) as f32;
            if quote_similarity < 0.6 {
                continue;
            }
            let last = first + offset;
            let context = self.context(first, last);
            if (short || self.strict) && context < 0.5 {
                continue;
            }
            let score = 0.75 * quote_similarity + 0.25 * context;
            if score < 0.6 {
                continue;
            }
            let range = CharRange::new(self.prepared.words[first].1, self.prepared.words[last].2);
            let distance = self
                .block
                .abs_diff(self.expected)
                .saturating_mul(100_000)
                .saturating_add(range.start.abs_diff(self.anchor.char_range.start));
            let better = match *best {
                None => true,
                Some((s, d, _, _)) => score > s + 1e-4 || ((score - s).abs() <= 1e-4 && distance < d),
            };
            if better {
                *best = Some((score, distance, self.block, range));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Anchor;

    fn document(text: &str) -> Document {
        crate::ingest::document_from_bytes("t.txt", text.as_bytes(), Default::default()).expect("reads")
    }

    /// The search as it was before it was made incremental: every window sorted and compared.
    fn reference(anchor: &Anchor, document: &Document, blocks: &[usize], expected: usize, strict: bool) -> Found {
        let quote_bag = bag(&anchor.quote);
        let n = quote_bag.len();
        if n == 0 {
            return None;
        }
        let (shortest, longest) = ((n / 2).max(1), n + n.max(2));
        let mut best: Best = None;
        for &block in blocks {
            let text = &document.blocks[block].text;
            let words: Vec<(u64, usize, usize)> = tokenize(text)
                .iter()
                .filter(|t| t.text.chars().any(char::is_alphanumeric))
                .map(|t| (token_hash(t.text), t.char_start, t.char_end))
                .collect();
            for start in 0..words.len() {
                if quote_bag.binary_search(&words[start].0).is_err() {
                    continue;
                }
                for len in shortest..=longest {
                    if start + len > words.len() {
                        break;
                    }
                    let mut window: Vec<u64> = words[start..start + len].iter().map(|w| w.0).collect();
                    window.sort_unstable();
                    let qs = dice(&quote_bag, &window);
                    if qs < 0.6 {
                        continue;
                    }
                    let range = CharRange::new(words[start].1, words[start + len - 1].2);
                    let context = context_score(anchor, text, range);
                    if (n <= 2 || strict) && context < 0.5 {
                        continue;
                    }
                    let score = 0.75 * qs + 0.25 * context;
                    if score < 0.6 {
                        continue;
                    }
                    let distance = block.abs_diff(expected) * 100_000 + range.start.abs_diff(anchor.char_range.start);
                    if best.is_none_or(|(s, d, _, _)| score > s + 1e-4 || ((score - s).abs() <= 1e-4 && distance < d)) {
                        best = Some((score, distance, block, range));
                    }
                }
            }
        }
        best.map(|(_, _, block, range)| {
            let exact = char_slice(&document.blocks[block].text, range) == anchor.quote;
            (if exact { AnchorStatus::Moved } else { AnchorStatus::Changed }, block, range)
        })
    }

    #[test]
    fn finds_a_reworded_passage_as_the_full_search_did() {
        let old = document(
            "1. The Working Group considered the possibility of establishing a register of independent experts, \
             taking into account the views of Member States and of civil society.\n",
        );
        let new = document(
            "1. The Working Group, in appropriate cases, considered the possibility of establishing a roster of \
             independent experts, taking into account the views of Member States.\n\
             2. Civil society was consulted on the possibility of a register.\n",
        );
        let text = &old.blocks[0].text;
        for (start, end) in [(0, text.chars().count()), (4, 60), (30, 110), (0, 20)] {
            let anchor = Anchor::in_block(&old, 0, CharRange::new(start, end)).expect("anchor");
            for strict in [false, true] {
                let fast = search(&anchor, &Index::new(&new), &[0, 1], 0, strict);
                assert_eq!(fast, reference(&anchor, &new, &[0, 1], 0, strict), "{start}..{end}, strict {strict}");
            }
        }
        let whole = Anchor::in_block(&old, 0, CharRange::new(0, text.chars().count())).expect("anchor");
        let (status, block, _) = search(&whole, &Index::new(&new), &[0, 1], 0, false).expect("found");
        assert_eq!((status, block), (AnchorStatus::Changed, 0));
    }

    #[test]
    fn a_quote_without_words_or_blocks_out_of_range_find_nothing() {
        let doc = document("1. Text of the paragraph.\n");
        let mut anchor = Anchor::in_block(&doc, 0, CharRange::new(0, 4)).expect("anchor");
        assert_eq!(search(&anchor, &Index::new(&doc), &[5], 0, false), None);
        anchor.quote = " , ".into();
        assert_eq!(search(&anchor, &Index::new(&doc), &[0], 0, false), None);
        anchor.quote = "Text of the".into();
        anchor.char_range = CharRange::new(usize::MAX - 1, usize::MAX);
        assert!(search(&anchor, &Index::new(&doc), &[0], usize::MAX, false).is_some(), "huge stored offsets only move the tie-break");
    }
}
