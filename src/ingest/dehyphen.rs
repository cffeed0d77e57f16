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
    chars_hash(word.chars())
}

/// Hash of a word given as characters (so that `left` + `right` needs no string of its own).
fn chars_hash(chars: impl Iterator<Item = char>) -> u64 {
    let mut hasher = FxHasher::default();
    for c in chars {
        hasher.write_u32(crate::text::lower_char(c) as u32);
    }
    hasher.finish()
}

/// A token being read: hashes of the whole (hyphens inside kept) and of the current part.
#[derive(Default)]
struct TokenHashes {
    whole: FxHasher,
    whole_chars: usize,
    part: FxHasher,
    part_chars: usize,
    parts: Vec<u64>,
    /// A hyphen stands between letters: the token is a compound.
    compound: bool,
    /// Hyphens seen after the last letter; kept only if another letter follows (so ends are trimmed).
    pending_hyphens: usize,
}

impl TokenHashes {
    fn push_letter(&mut self, c: char) {
        if self.pending_hyphens > 0 {
            if self.whole_chars > 0 {
                for _ in 0..self.pending_hyphens {
                    self.whole.write_u32('-' as u32);
                    self.whole_chars += 1;
                }
                self.compound = true;
                self.end_part();
            }
            self.pending_hyphens = 0;
        }
        let lower = crate::text::lower_char(c) as u32;
        self.whole.write_u32(lower);
        self.part.write_u32(lower);
        self.whole_chars += 1;
        self.part_chars += 1;
    }

    fn end_part(&mut self) {
        if self.part_chars >= 2 {
            self.parts.push(std::mem::take(&mut self.part).finish());
        }
        self.part = FxHasher::default();
        self.part_chars = 0;
    }

    /// The hashes this token adds: the whole word, and its parts if it is a compound.
    fn finish(mut self, out: &mut Vec<u64>) {
        if self.whole_chars < 2 {
            return;
        }
        if self.compound {
            self.end_part();
            out.append(&mut self.parts);
        }
        out.push(self.whole.finish());
    }
}

impl Vocabulary {
    /// Adds the words of one line; `skip_first` / `skip_last` exclude fragments of a broken word.
    /// One pass over the characters, hashing as it goes: this is the hot path of PDF ingest.
    pub fn add_line(&mut self, line: &str, skip_first: bool, skip_last: bool) {
        // The previous token's hashes wait until a later token shows it was not the last.
        let mut previous: Vec<u64> = Vec::new();
        let mut has_previous = false;
        let mut scratch: Vec<u64> = Vec::new();
        let mut is_first = true;
        let mut current: Option<TokenHashes> = None;
        let mut chars = line.chars().peekable();
        loop {
            let c = chars.next();
            match c {
                Some(c) if crate::text::is_word_char(c) => current.get_or_insert_with(TokenHashes::default).push_letter(c),
                Some('-') => current.get_or_insert_with(TokenHashes::default).pending_hyphens += 1,
                _ => {
                    if let Some(token) = current.take() {
                        scratch.clear();
                        token.finish(&mut scratch);
                        if has_previous {
                            self.words.extend(previous.drain(..));
                        }
                        // The first token is dropped when it is the tail of a broken word.
                        has_previous = !(skip_first && is_first);
                        if has_previous {
                            std::mem::swap(&mut previous, &mut scratch);
                        }
                        is_first = false;
                    }
                    if c.is_none() {
                        break;
                    }
                }
            }
        }
        // The last token is dropped when it is the head of a broken word.
        if has_previous && !skip_last {
            self.words.extend(previous);
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.contains_hash(word_hash(word))
    }

    fn contains_hash(&self, hash: u64) -> bool {
        self.words.contains(&hash)
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
    // Hashes lower-case as they go: the joined and hyphenated forms need no strings of their own.
    let last_left = left.rsplit('-').next().unwrap_or("");
    let first_right = right.split('-').next().unwrap_or("");
    let joined = vocabulary.contains_hash(chars_hash(last_left.chars().chain(right.chars())));
    let hyphenated = vocabulary.contains_hash(chars_hash(left.chars().chain(std::iter::once('-')).chain(right.chars())));
    if hyphenated && !joined {
        return Join::Hyphen;
    }
    if joined {
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

    /// The straightforward definition the one-pass reader must agree with.
    fn reference(line: &str, skip_first: bool, skip_last: bool) -> FxHashSet<u64> {
        let tokens: Vec<&str> = line.split(|c: char| !(c.is_alphanumeric() || c == '-')).filter(|t| !t.is_empty()).collect();
        let mut out = FxHashSet::default();
        for (i, token) in tokens.iter().enumerate() {
            if (skip_first && i == 0) || (skip_last && i + 1 == tokens.len()) {
                continue;
            }
            let token = token.trim_matches('-');
            if token.chars().count() < 2 {
                continue;
            }
            if token.contains('-') {
                out.extend(token.split('-').filter(|p| p.chars().count() >= 2).map(word_hash));
            }
            out.insert(word_hash(token));
        }
        out
    }

    #[test]
    fn one_pass_reader_agrees_with_the_definition() {
        for line in [
            "Развитие информационно-коммуникационных технологий (ИКТ) затраги-",
            "-среды и ИКТ -среды, а--б, x-y-zz, государств-членов",
            "вает все три",
            "",
            "a",
            "- - -",
            "ЁЛКИ-палки 2019-2021",
        ] {
            for (first, last) in [(false, false), (true, false), (false, true), (true, true)] {
                let mut v = Vocabulary::default();
                v.add_line(line, first, last);
                assert_eq!(v.words, reference(line, first, last), "{line:?} {first} {last}");
            }
        }
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
