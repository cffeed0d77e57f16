//! Words as the comparison sees them: Unicode word segmentation, punctuation as its own
//! token, white space dropped; plus token sets and shingles for similarity.

use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use unicode_segmentation::UnicodeSegmentation;

/// A token of block text with its place in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Character offset of its first character.
    pub char_start: usize,
    /// Character offset one past its last character.
    pub char_end: usize,
}

/// Splits text into word and punctuation tokens; white space is not a token.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars_before = 0usize;
    let mut last_byte = 0usize;
    for (byte, piece) in text.split_word_bound_indices() {
        chars_before += text[last_byte..byte].chars().count();
        last_byte = byte;
        let len = piece.chars().count();
        if !piece.chars().all(char::is_whitespace) {
            tokens.push(Token { text: piece, char_start: chars_before, char_end: chars_before + len });
        }
    }
    tokens
}

/// Hash of a token, case-folded: the unit of similarity.
pub fn token_hash(token: &str) -> u64 {
    let mut hasher = FxHasher::default();
    for c in token.chars() {
        crate::text::fold_char(c).hash(&mut hasher);
    }
    hasher.finish()
}

/// A block's tokens as a sorted multiset of hashes, for Dice similarity.
#[derive(Clone, Debug, Default)]
pub struct TokenBag {
    sorted: Vec<u64>,
}

impl TokenBag {
    /// The bag of a text's word tokens (punctuation left out: it carries little content).
    pub fn of(text: &str) -> Self {
        let mut sorted: Vec<u64> = text.unicode_words().map(token_hash).collect();
        sorted.sort_unstable();
        Self { sorted }
    }

    /// Bag of several texts together.
    pub fn union(bags: &[&TokenBag]) -> Self {
        let mut sorted: Vec<u64> = bags.iter().flat_map(|b| b.sorted.iter().copied()).collect();
        sorted.sort_unstable();
        Self { sorted }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// Size of the multiset intersection.
    pub fn common(&self, other: &TokenBag) -> usize {
        common_sorted(&self.sorted, &other.sorted)
    }

    /// Dice coefficient `2|A∩B| / (|A|+|B|)` in `0..=1`.
    pub fn dice(&self, other: &TokenBag) -> f32 {
        dice_sorted(&self.sorted, &other.sorted)
    }

    /// Share of `self`'s tokens found in `other` (containment).
    pub fn contained_in(&self, other: &TokenBag) -> f32 {
        if self.is_empty() {
            return 0.0;
        }
        self.common(other) as f32 / self.len() as f32
    }
}

/// Size of the intersection of two sorted multisets.
pub fn common_sorted(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient of two sorted multisets (1 when both are empty).
pub fn dice_sorted(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * common_sorted(a, b) as f32 / (a.len() + b.len()) as f32
}

/// Hashes of word 3-grams (or of single words for very short texts), deduplicated.
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text.unicode_words().map(token_hash).collect();
    let mut out: Vec<u64> = if words.len() < 3 {
        words
    } else {
        words
            .windows(3)
            .map(|w| {
                let mut hasher = FxHasher::default();
                w.hash(&mut hasher);
                hasher.finish()
            })
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_is_its_own_token_and_spaces_vanish() {
        let tokens: Vec<&str> = tokenize("Группа, «приветствует» решение.").iter().map(|t| t.text).collect();
        assert_eq!(tokens, vec!["Группа", ",", "«", "приветствует", "»", "решение", "."]);
    }

    #[test]
    fn token_offsets_are_characters() {
        let tokens = tokenize("Да  нет");
        assert_eq!((tokens[1].char_start, tokens[1].char_end), (4, 7));
    }

    #[test]
    fn dice_and_containment() {
        let a = TokenBag::of("раз два три четыре");
        let b = TokenBag::of("раз два три пять");
        assert!((a.dice(&b) - 0.75).abs() < 1e-6);
        assert_eq!(TokenBag::of("раз два").contained_in(&a), 1.0);
    }
}
