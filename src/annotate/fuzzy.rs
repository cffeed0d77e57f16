//! The approximate search for a quote that changed: windows of words scored by their words in
//! common with the quote (Dice) and by how well the text around them agrees with the stored
//! context.
//!
//! Windows run from half to twice the quote's word count and must begin with a word of the
//! quote. For each start the window grows one word at a time while the count of words in
//! common is kept up to date, and the context on each side is scored once per word boundary,
//! so a search costs about `words × quote` steps, not `words × quote² × log quote`: whole-paragraph
//! quotes stay cheap.

use super::anchor::CONTEXT_CHARS;
use super::{Anchor, AnchorStatus};
use crate::compare::tokens::{dice_sorted as dice, token_hash, tokenize};
use crate::store::{CharRange, Document};
use crate::text::char_slice;
use rustc_hash::FxHashMap;

/// Where the search found the passage (`None`: orphaned).
pub(crate) type Found = Option<(AnchorStatus, usize, CharRange)>;

/// Hashes of the word tokens of a text, sorted (a multiset for Dice).
pub(crate) fn bag(text: &str) -> Vec<u64> {
    let mut hashes: Vec<u64> = word_hashes(text).collect();
    hashes.sort_unstable();
    hashes
}

fn word_hashes(text: &str) -> impl Iterator<Item = u64> + '_ {
    tokenize(text).into_iter().filter(|t| t.text.chars().any(char::is_alphanumeric)).map(|t| token_hash(t.text))
}

/// How well the text around `range` agrees with the anchor's stored prefix and suffix.
pub(crate) fn context_score(anchor: &Anchor, text: &str, range: CharRange) -> f32 {
    let prefix = dice(&bag(&anchor.prefix), &bag(&super::anchor::context_before(text, range.start)));
    let suffix = dice(&bag(&anchor.suffix), &bag(&super::anchor::context_after(text, range.end)));
    (prefix + suffix) / 2.0
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
        for hash in word_hashes(quote) {
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

/// Context scores of one block, each side computed once per word boundary.
struct Context<'a> {
    text: &'a str,
    /// Byte offset of every character, then the text's length.
    bytes: Vec<usize>,
    prefix: &'a [u64],
    suffix: &'a [u64],
    before: Vec<Option<f32>>,
    after: Vec<Option<f32>>,
}

impl<'a> Context<'a> {
    fn new(text: &'a str, prefix: &'a [u64], suffix: &'a [u64], words: usize) -> Self {
        let bytes = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        Self { text, bytes, prefix, suffix, before: vec![None; words], after: vec![None; words] }
    }

    /// The text between two character offsets (clamped, as [`char_slice`] does).
    fn slice(&self, start: usize, end: usize) -> &'a str {
        let byte = |c: usize| self.bytes.get(c).copied().unwrap_or(self.text.len());
        &self.text[byte(start)..byte(end.max(start))]
    }

    /// The score of a window from word `first` (starting at `start`) to word `last` (ending at `end`).
    fn score(&mut self, first: usize, start: usize, last: usize, end: usize) -> f32 {
        let prefix = match self.before[first] {
            Some(score) => score,
            None => {
                let score = dice(self.prefix, &bag(self.slice(start.saturating_sub(CONTEXT_CHARS), start)));
                self.before[first] = Some(score);
                score
            }
        };
        let suffix = match self.after[last] {
            Some(score) => score,
            None => {
                let score = dice(self.suffix, &bag(self.slice(end, end.saturating_add(CONTEXT_CHARS))));
                self.after[last] = Some(score);
                score
            }
        };
        (prefix + suffix) / 2.0
    }
}

/// The best window so far: score, distance from the expected place, block, range.
type Best = Option<(f32, usize, usize, CharRange)>;

/// Best approximate match of the quote in `blocks`; short quotes (and, when `strict`, every
/// match) must agree with their context. Ties go to the match nearest `expected` and the
/// anchor's offset.
pub(crate) fn search(anchor: &Anchor, document: &Document, blocks: &[usize], expected: usize, strict: bool) -> Found {
    let quote = QuoteWords::of(&anchor.quote);
    let n = quote.len;
    if n == 0 {
        return None;
    }
    let (prefix, suffix) = (bag(&anchor.prefix), bag(&anchor.suffix));
    let mut best: Best = None;
    let mut remaining = vec![0u32; quote.counts.len()];
    for &block in blocks {
        let Some(text) = document.blocks.get(block).map(|b| b.text.as_str()) else { continue };
        // Word tokens only, each with its number in the quote (if it is a word of the quote).
        let words: Vec<(Option<usize>, usize, usize)> = tokenize(text)
            .iter()
            .filter(|t| t.text.chars().any(char::is_alphanumeric))
            .map(|t| (quote.ids.get(&token_hash(t.text)).copied(), t.char_start, t.char_end))
            .collect();
        if !words.iter().any(|w| w.0.is_some()) {
            continue;
        }
        let mut context = Context::new(text, &prefix, &suffix, words.len());
        let search = BlockSearch { anchor, block, expected, strict, n };
        for first in 0..words.len() {
            search.windows_from(first, &words, &quote.counts, &mut remaining, &mut context, &mut best);
        }
    }
    best.map(|(_, _, block, range)| {
        let status =
            if char_slice(&document.blocks[block].text, range) == anchor.quote { AnchorStatus::Moved } else { AnchorStatus::Changed };
        (status, block, range)
    })
}

/// What a search in one block needs besides its words.
struct BlockSearch<'a> {
    anchor: &'a Anchor,
    block: usize,
    expected: usize,
    strict: bool,
    /// Words in the quote.
    n: usize,
}

impl BlockSearch<'_> {
    /// Scores every window starting at word `first`, growing it one word at a time.
    fn windows_from(
        &self,
        first: usize,
        words: &[(Option<usize>, usize, usize)],
        counts: &[u32],
        remaining: &mut [u32],
        context: &mut Context,
        best: &mut Best,
    ) {
        // A window must begin with a word of the quote, or it only adds noise at its edge.
        if words[first].0.is_none() {
            return;
        }
        let n = self.n;
        // Edits lengthen or shorten a passage: windows from half to twice the quote's word count.
        let (shortest, longest) = ((n / 2).max(1), n.saturating_add(n.max(2)));
        let short = n <= 2;
        remaining.copy_from_slice(counts);
        let mut common = 0usize;
        for (offset, word) in words[first..].iter().take(longest).enumerate() {
            if let Some(id) = word.0
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
            let range = CharRange::new(words[first].1, word.2);
            let context = context.score(first, range.start, first + offset, range.end);
            if (short || self.strict) && context < 0.5 {
                continue;
            }
            let score = 0.75 * quote_similarity + 0.25 * context;
            if score < 0.6 {
                continue;
            }
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
                let fast = search(&anchor, &new, &[0, 1], 0, strict);
                assert_eq!(fast, reference(&anchor, &new, &[0, 1], 0, strict), "{start}..{end}, strict {strict}");
            }
        }
        let whole = Anchor::in_block(&old, 0, CharRange::new(0, text.chars().count())).expect("anchor");
        let (status, block, _) = search(&whole, &new, &[0, 1], 0, false).expect("found");
        assert_eq!((status, block), (AnchorStatus::Changed, 0));
    }

    #[test]
    fn a_quote_without_words_or_blocks_out_of_range_find_nothing() {
        let doc = document("1. Text of the paragraph.\n");
        let mut anchor = Anchor::in_block(&doc, 0, CharRange::new(0, 4)).expect("anchor");
        assert_eq!(search(&anchor, &doc, &[5], 0, false), None);
        anchor.quote = " , ".into();
        assert_eq!(search(&anchor, &doc, &[0], 0, false), None);
        anchor.quote = "Text of the".into();
        anchor.char_range = CharRange::new(usize::MAX - 1, usize::MAX);
        assert!(search(&anchor, &doc, &[0], usize::MAX, false).is_some(), "huge stored offsets only move the tie-break");
    }
}
