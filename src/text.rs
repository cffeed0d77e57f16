//! Small text utilities shared by every module: character offsets, folding, labels.

use crate::store::CharRange;

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
    text.split_whitespace().count()
}

/// Collapses runs of whitespace into single spaces and trims the ends.
pub fn squash_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True for sentence-final or clause-final punctuation that ends a paragraph's last line.
pub fn ends_with_punctuation(text: &str) -> bool {
    matches!(text.trim_end().chars().last(), Some('.' | ';' | ':' | '!' | '?' | ',' | '…' | '»' | '"' | '”' | ')'))
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
    fn label_key_strips_punctuation() {
        assert_eq!(label_key("12."), "12");
        assert_eq!(label_key("(iv)"), "iv");
        assert_eq!(label_key("A."), "a");
    }
}
