//! Line-end hyphenation: join `затраги-` + `вает`, keep `информационно-` + `коммуникационных`.
//!
//! The decision comes from the document's own vocabulary (words seen whole, inside lines)
//! and the letters at the break, never from a fixed word list.

use rustc_hash::{FxHashSet, FxHasher};
use std::hash::Hasher;

/// Hashes of the lower-cased words that occur inside lines of the document (not at a
/// line-end break). Hashes, not strings: building the vocabulary is the hot path of ingest.
#[derive(Default)]
pub(crate) struct Vocabulary {
    words: FxHashSet<u64>,
}

/// Hash of a word, lower-cased on the fly.
fn word_hash(word: &str) -> u64 {
    let mut hasher = FxHasher::default();
    for c in word.chars() {
        hasher.write_u32(crate::text::lower_char(c) as u32);
    }
    hasher.finish()
}

impl Vocabulary {
    /// Adds the words of one line; `skip_first` / `skip_last` exclude fragments of a broken word.
    pub fn add_line(&mut self, line: &str, skip_first: bool, skip_last: bool) {
        let mut tokens = line.split(|c: char| !(crate::text::is_word_char(c) || c == '-')).filter(|t| !t.is_empty()).peekable();
        let mut first = true;
        while let Some(token) = tokens.next() {
            let is_last = tokens.peek().is_none();
            if (skip_first && first) || (skip_last && is_last) {
                first = false;
                continue;
            }
            first = false;
            let token = token.trim_matches('-');
            if token.len() < 2 || token.chars().nth(1).is_none() {
                continue;
            }
            if token.contains('-') {
                for part in token.split('-').filter(|p| p.chars().nth(1).is_some()) {
                    self.words.insert(word_hash(part));
                }
            }
            self.words.insert(word_hash(token));
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(&word_hash(word))
    }
}

/// How to join a line ending in `-` with the next line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Join {
    /// Drop the hyphen: a word broken by the typesetter.
    Word,
    /// Keep the hyphen, no space: a compound that broke at its own hyphen.
    Hyphen,
}

/// Decides for `head` (the line, ending with `-`) and `tail` (the next line, trimmed).
pub(crate) fn decide(vocabulary: &Vocabulary, head: &str, tail: &str) -> Join {
    let before: &str = head.trim_end().trim_end_matches('-');
    let left = before.rsplit(|c: char| !(c.is_alphanumeric() || c == '-')).next().unwrap_or("");
    let right = tail.split(|c: char| !(c.is_alphanumeric() || c == '-')).next().unwrap_or("");
    let Some(next_char) = right.chars().next() else { return Join::Hyphen };
    // URLs and paths break at their own hyphens.
    if before.rsplit(' ').next().is_some_and(|w| w.contains("://") || w.contains('/')) {
        return Join::Hyphen;
    }
    if !next_char.is_lowercase() || left.chars().last().is_none_or(|c| !c.is_alphabetic() || c.is_uppercase()) {
        return Join::Hyphen;
    }
    let left_lower = left.to_lowercase();
    let right_lower = right.to_lowercase();
    let last_left = left_lower.rsplit('-').next().unwrap_or("");
    let joined = format!("{last_left}{right_lower}");
    let hyphenated = format!("{left_lower}-{right_lower}");
    let first_right = right_lower.split('-').next().unwrap_or("");
    if vocabulary.contains(&hyphenated) && !vocabulary.contains(&joined) {
        return Join::Hyphen;
    }
    if vocabulary.contains(&joined) {
        return Join::Word;
    }
    // Both halves are words of this document on their own: a compound (`государств-членов`).
    if last_left.chars().count() >= 2
        && vocabulary.contains(last_left)
        && vocabulary.contains(first_right)
        && first_right.chars().count() >= 3
    {
        return Join::Hyphen;
    }
    Join::Word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(text: &str) -> Vocabulary {
        let mut v = Vocabulary::default();
        for line in text.lines() {
            v.add_line(line, false, false);
        }
        v
    }

    #[test]
    fn joins_a_word_the_document_knows_whole() {
        let v = vocab("Развитие ИКТ затрагивает все направления.");
        assert_eq!(decide(&v, "технологий (ИКТ) затраги-", "вает все три"), Join::Word);
    }

    #[test]
    fn keeps_a_compound_the_document_writes_with_a_hyphen() {
        let v = vocab("Развитие информационно-коммуникационных технологий.");
        assert_eq!(decide(&v, "Развитие информационно-", "коммуникационных технологий"), Join::Hyphen);
    }

    #[test]
    fn keeps_hyphen_before_capitals_digits_and_in_urls() {
        let v = vocab("");
        assert_eq!(decide(&v, "в рамках ИКТ-", "среды"), Join::Hyphen);
        assert_eq!(decide(&v, "период 2019-", "2021 годов"), Join::Hyphen);
        assert_eq!(decide(&v, "URL: https://www.un.org/open-ended-working-", "group/."), Join::Hyphen);
        assert_eq!(decide(&v, "Объединенных Наций-", "Женева"), Join::Hyphen);
    }

    #[test]
    fn unknown_breaks_default_to_joining() {
        let v = vocab("");
        assert_eq!(decide(&v, "поддержания ува-", "жения к праву"), Join::Word);
    }

    #[test]
    fn two_known_halves_make_a_compound() {
        let v = vocab("Все государства и их членов спросили.");
        assert_eq!(decide(&v, "Все государства-", "членов"), Join::Hyphen);
    }
}
