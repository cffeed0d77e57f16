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

/// Splits text into word and punctuation tokens; white space is not a token. Han and Kana
/// characters are tokens of their own: those scripts put no space between words, so a
/// one-character edit (`帐号` → `账号`) stays a one-character change.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars_before = 0usize;
    let mut last_byte = 0usize;
    for (byte, piece) in text.split_word_bound_indices() {
        chars_before += text[last_byte..byte].chars().count();
        last_byte = byte;
        let len = piece.chars().count();
        if piece.chars().all(char::is_whitespace) {
            continue;
        }
        if len > 1 && piece.chars().any(crate::text::is_ideographic) {
            for (offset, part) in split_ideographic(piece) {
                let start = chars_before + piece[..offset].chars().count();
                tokens.push(Token { text: part, char_start: start, char_end: start + part.chars().count() });
            }
        } else {
            tokens.push(Token { text: piece, char_start: chars_before, char_end: chars_before + len });
        }
    }
    tokens
}

/// Splits a word at every Han or Kana character (each its own piece); other runs stay whole.
/// A combining mark stays with the character before it.
fn split_ideographic(word: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut run_is_ideographic = false;
    for (i, c) in word.char_indices() {
        if i == 0 {
            run_is_ideographic = crate::text::is_ideographic(c);
            continue;
        }
        let ideographic = crate::text::is_ideographic(c);
        let combining = unicode_normalization::char::is_combining_mark(c);
        if !combining && (ideographic || run_is_ideographic) {
            parts.push((start, &word[start..i]));
            start = i;
        }
        if !combining {
            run_is_ideographic = ideographic;
        }
    }
    parts.push((start, &word[start..]));
    parts
}

/// Word tokens (no punctuation) for similarity, Han and Kana characters one by one.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_words().flat_map(|w| {
        let parts: Vec<&str> =
            if w.chars().any(crate::text::is_ideographic) { split_ideographic(w).into_iter().map(|(_, p)| p).collect() } else { vec![w] };
        parts
    })
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
        let mut sorted: Vec<u64> = words(text).map(token_hash).collect();
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
    let words: Vec<u64> = words(text).map(token_hash).collect();
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
    fn han_and_kana_characters_are_tokens_of_their_own() {
        let tokens: Vec<&str> = tokenize("用户帐号（アカウント）abc").iter().map(|t| t.text).collect();
        assert_eq!(tokens, vec!["用", "户", "帐", "号", "（", "ア", "カ", "ウ", "ン", "ト", "）", "abc"]);
        let t = tokenize("协议 条款");
        assert_eq!((t[2].char_start, t[2].char_end), (3, 4));
        assert_eq!(TokenBag::of("帐号").common(&TokenBag::of("账号")), 1);
    }

    #[test]
    fn arabic_marks_stay_with_their_word() {
        let tokens: Vec<&str> = tokenize("كُتب الكتاب").iter().map(|t| t.text).collect();
        assert_eq!(tokens, vec!["كُتب", "الكتاب"]);
        assert_ne!(token_hash("كتب"), token_hash("كُتب"));
    }

    #[test]
    fn dice_and_containment() {
        let a = TokenBag::of("раз два три четыре");
        let b = TokenBag::of("раз два три пять");
        assert!((a.dice(&b) - 0.75).abs() < 1e-6);
        assert_eq!(TokenBag::of("раз два").contained_in(&a), 1.0);
    }
}
