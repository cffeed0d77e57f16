//! The bottom layer: character ranges and offsets, folding, labels, sentence ends, and the
//! tokenizer that both the comparison and the re-anchoring of annotations use.

mod language;
mod spaces;
pub mod tokens;

pub use language::language_tag;
pub use spaces::{WhitespaceWords, whitespace_words};

use serde::{Deserialize, Serialize};

/// A half-open range `start..end` of character (Unicode scalar value) offsets into a block's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CharRange {
    /// First character of the range.
    pub start: usize,
    /// One past the last character of the range.
    pub end: usize,
}

impl CharRange {
    /// A range from `start` to `end` (characters).
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the range covers no character.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// The part of `text` covered by a character range (clamped to the text).
pub fn char_slice(text: &str, range: CharRange) -> &str {
    let start = byte_offset(text, range.start);
    let end = byte_offset(text, range.end.max(range.start));
    &text[start..end]
}

/// Byte offset of the `char_offset`-th character (the text length when past the end).
pub fn byte_offset(text: &str, char_offset: usize) -> usize {
    text.char_indices().nth(char_offset).map_or(text.len(), |(i, _)| i)
}

/// Character offset of a byte offset that lies on a character boundary.
pub fn char_offset(text: &str, byte_offset: usize) -> usize {
    text[..byte_offset.min(text.len())].chars().count()
}

/// Folds one character for case-insensitive matching: lowercase, and `ё` as `е`.
/// Returns the first char of the lowercase mapping so offsets stay one-to-one.
pub fn fold_char(c: char) -> char {
    match lower_char(c) {
        'ё' => 'е',
        other => other,
    }
}

/// Lowercase of one character (the first char of its mapping), with fast paths for ASCII
/// and Cyrillic, which dominate the texts Gloss reads.
#[inline]
pub fn lower_char(c: char) -> char {
    match c {
        'A'..='Z' => (c as u8 + 32) as char,
        c if c.is_ascii() => c,
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        'а'..='я' | 'ѐ'..='џ' => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Letters and digits, with fast paths for ASCII and Cyrillic.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        c if c.is_ascii() => false,
        'Ѐ'..='ҁ' | 'Ҋ'..='ӿ' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The word around a character offset: `start` moved back and `end` moved forward over word
/// characters, so a selection never ends inside a word.
pub fn word_range_at(text: &str, char_range: CharRange) -> CharRange {
    let chars: Vec<char> = text.chars().collect();
    let mut start = char_range.start.min(chars.len());
    let mut end = char_range.end.clamp(start, chars.len());
    while start > 0 && is_word_char(chars[start - 1]) && chars.get(start).is_some_and(|c| is_word_char(*c)) {
        start -= 1;
    }
    while end < chars.len() && end > 0 && is_word_char(chars[end]) && is_word_char(chars[end - 1]) {
        end += 1;
    }
    CharRange::new(start, end)
}

/// The whole word under a character offset (empty when the offset is not on a word).
pub fn word_at(text: &str, char_offset: usize) -> CharRange {
    let chars: Vec<char> = text.chars().collect();
    if !chars.get(char_offset).is_some_and(|c| is_word_char(*c)) {
        return CharRange::new(char_offset, char_offset);
    }
    let mut start = char_offset;
    while start > 0 && is_word_char(chars[start - 1]) {
        start -= 1;
    }
    let mut end = char_offset;
    while end < chars.len() && is_word_char(chars[end]) {
        end += 1;
    }
    CharRange::new(start, end)
}

/// Lowercases a string into `out` (cleared first), using [`lower_char`].
pub fn lower_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(text.chars().map(lower_char));
}

/// Folds a whole string with [`fold_char`]: one output char per input char.
pub fn fold(text: &str) -> Vec<char> {
    text.chars().map(fold_char).collect()
}

/// A label reduced to its letters and digits (`12.` → `12`, `(a)` → `a`) for look-ups.
pub fn label_key(label: &str) -> String {
    label.chars().filter(|c| c.is_alphanumeric()).map(fold_char).collect()
}

/// Counts whitespace-separated tokens.
pub fn word_count(text: &str) -> usize {
    whitespace_words(text).count()
}

/// Collapses runs of whitespace into single spaces and trims the ends.
pub fn squash_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in whitespace_words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Marks that end a sentence, in every script Gloss reads: Latin, CJK full stops (`。`, `．`),
/// full-width `！` `？`, the Arabic question mark, the Urdu full stop and the Devanagari danda.
/// This is the one list for the crate.
pub const SENTENCE_ENDS: &[char] = &['.', '!', '?', '…', '。', '．', '！', '？', '｡', '؟', '۔', '।', '։'];

/// Marks that end a clause (after which a list item or a new paragraph may follow).
const CLAUSE_ENDS: &[char] = &[';', ':', '；', '：', '؛'];

/// Closing quotes and brackets, which may follow the final mark of a sentence.
const CLOSERS: &[char] = &['»', '"', '”', '’', ')', ']', '）', '」', '』', '】', '〕', '›'];

/// True for a mark that ends a sentence (see [`SENTENCE_ENDS`]).
pub fn is_sentence_end(c: char) -> bool {
    SENTENCE_ENDS.contains(&c)
}

/// True when the text's last mark ends a sentence or a clause (`.`, `;`, `:`, `。`), or is a
/// closing quote or bracket: a paragraph whose last line ends so is finished.
pub fn ends_clause(text: &str) -> bool {
    text.trim_end().chars().last().is_some_and(|c| is_sentence_end(c) || CLAUSE_ENDS.contains(&c) || CLOSERS.contains(&c))
}

/// True when the text ends with a sentence-final mark, possibly inside closing quotes.
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end().trim_end_matches(CLOSERS).chars().last().is_some_and(is_sentence_end)
}

/// True for sentence-final or clause-final punctuation that ends a paragraph's last line.
pub fn ends_with_punctuation(text: &str) -> bool {
    text.trim_end().chars().last().is_some_and(|c| {
        is_sentence_end(c) || CLAUSE_ENDS.contains(&c) || matches!(c, ',' | '，' | '、' | '،' | '»' | '"' | '”' | ')' | '）' | '」' | '』')
    })
}

/// Characters of scripts written without spaces between words (Han, Kana, Thai, Lao, Khmer,
/// Myanmar, Tibetan) and the CJK punctuation and full-width forms that go with them. Hangul is
/// not among them: Korean puts spaces between words.
pub fn is_spaceless_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x0F00..=0x0FFF    // Tibetan
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x2E80..=0x2FDF    // CJK radicals, Kangxi
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3100..=0x312F    // Bopomofo
        | 0x31F0..=0x31FF    // Katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF00..=0xFF60    // full-width forms
        | 0xFF61..=0xFF9F    // half-width Katakana and punctuation
        | 0x20000..=0x3FFFF  // CJK extensions B and later
    )
}

/// True for a Han ideograph or a Kana character: such characters are words of their own for
/// the comparison.
pub fn is_ideographic(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFF)
}

/// Whether joining two pieces of text at a line wrap needs a space between `before` (the last
/// character of the first) and `after` (the first of the second): not between two characters of
/// a script written without spaces.
pub fn space_between(before: char, after: char) -> bool {
    !(is_spaceless_script(before) && is_spaceless_script(after))
}

/// Appends `next` to `out` as the next line of the same paragraph: with one space, unless both
/// sides of the join are in a script written without spaces (`协议` + `条款` → `协议条款`).
pub fn push_line(out: &mut String, next: &str) {
    let next = next.trim_start();
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    match (out.chars().next_back(), next.chars().next()) {
        (Some(before), Some(after)) if space_between(before, after) => out.push(' '),
        _ => {}
    }
    out.push_str(next);
}

/// Collapses runs of white space like [`squash_spaces`], but drops a line break (and the spaces
/// around it) between two characters of a script written without spaces.
pub fn squash_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = squash_spaces(line);
        if !line.is_empty() {
            push_line(&mut out, &line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_slice_counts_characters_not_bytes() {
        let text = "Привет, мир";
        assert_eq!(char_slice(text, CharRange::new(8, 11)), "мир");
        assert_eq!(char_slice(text, CharRange::new(8, 99)), "мир");
        assert_eq!(byte_offset(text, 1), 2);
        assert_eq!(char_offset(text, 2), 1);
    }

    #[test]
    fn folding_is_case_insensitive_and_treats_yo_as_ye() {
        assert_eq!(fold("ЁЛКА Tree").into_iter().collect::<String>(), "елка tree");
    }

    #[test]
    fn fast_paths_agree_with_the_standard_library() {
        for c in ('\u{0}'..='\u{3000}').chain(['Ё', 'Ѐ', 'Ӂ', 'Ω', 'İ', 'ẞ']) {
            assert_eq!(lower_char(c), c.to_lowercase().next().unwrap_or(c), "{c:?}");
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn sentence_ends_in_every_script() {
        for text in ["Текст.", "协议条款。", "本当ですか？", "注意！", "Ｅｎｄ．", "«Текст.»", "هل هذا؟"]
        {
            assert!(ends_sentence(text), "{text}");
            assert!(ends_with_punctuation(text), "{text}");
            assert!(ends_clause(text), "{text}");
        }
        assert!(!ends_sentence("条款"));
        assert!(ends_clause("以下の通り："));
    }

    #[test]
    fn lines_join_without_a_space_between_cjk_characters() {
        let mut out = String::from("协议");
        push_line(&mut out, "条款");
        assert_eq!(out, "协议条款");
        push_line(&mut out, "and text");
        assert_eq!(out, "协议条款 and text");
        assert_eq!(squash_lines("本協定の\n  条項 は\n 한국어 문장"), "本協定の条項 は 한국어 문장");
    }

    #[test]
    fn selections_snap_to_whole_words() {
        let text = "Рабочая группа рассмотрела";
        assert_eq!(word_range_at(text, CharRange::new(3, 10)), CharRange::new(0, 14));
        assert_eq!(word_range_at(text, CharRange::new(0, 7)), CharRange::new(0, 7), "already whole");
        assert_eq!(word_range_at(text, CharRange::new(8, 26)), CharRange::new(8, 26));
        assert_eq!(word_range_at(text, CharRange::new(7, 8)), CharRange::new(7, 8), "a space stays a space");
        assert_eq!(word_at(text, 10), CharRange::new(8, 14));
        assert_eq!(word_at(text, 7), CharRange::new(7, 7));
    }

    #[test]
    fn label_key_strips_punctuation() {
        assert_eq!(label_key("12."), "12");
        assert_eq!(label_key("(iv)"), "iv");
        assert_eq!(label_key("A."), "a");
    }
}
