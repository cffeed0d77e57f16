//! What the comparison may ignore: case, punctuation, quote styles, list markers, diacritics.
//!
//! The options change which texts count as equal and which tokens count as changed; the texts
//! shown are always the documents' own.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Differences the comparison ignores. The default ignores only list markers glued to the text
/// (`-la loi` = `la loi`): a marker is structure, like a label, never content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Normalization {
    /// `Loi` = `loi`.
    pub ignore_case: bool,
    /// `loi,` = `loi`.
    pub ignore_punctuation: bool,
    /// `«loi»` = `"loi"` = `“loi”`.
    pub ignore_quotes: bool,
    /// A leading `-`, `–`, `•` or `*` is not part of the text.
    pub ignore_list_markers: bool,
    /// `كُتب` = `كتب`, `é` = `e`.
    pub ignore_diacritics: bool,
}

impl Default for Normalization {
    fn default() -> Self {
        Self { ignore_case: false, ignore_punctuation: false, ignore_quotes: false, ignore_list_markers: true, ignore_diacritics: false }
    }
}

/// Quote marks of the UN languages, all compared as `"` when quotes are ignored.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '«' | '»' | '“' | '”' | '„' | '‟' | '‘' | '’' | '‚' | '‛' | '‹' | '›' | '「' | '」' | '『' | '』')
}

/// Characters that mark a list item when they open a text.
fn is_list_marker(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•' | '▪' | '◦' | '·' | '*' | '‣')
}

impl Normalization {
    /// True when nothing but list markers is ignored (texts are compared as they are).
    fn is_literal(&self) -> bool {
        !(self.ignore_case || self.ignore_punctuation || self.ignore_quotes || self.ignore_diacritics)
    }

    /// True for a text's first token when it is a list marker to ignore.
    pub fn is_list_marker_token(&self, token: &str) -> bool {
        let mut chars = token.chars();
        self.ignore_list_markers && chars.next().is_some_and(is_list_marker) && chars.next().is_none()
    }

    /// A block's text as the comparison sees it.
    pub fn text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let trimmed = if self.ignore_list_markers { strip_list_marker(text) } else { text };
        if self.is_literal() {
            return Cow::Borrowed(trimmed);
        }
        Cow::Owned(self.chars(trimmed))
    }

    /// A token as the comparison sees it; `None` when the token is ignored altogether
    /// (punctuation with `ignore_punctuation`).
    pub fn token<'a>(&self, token: &'a str) -> Option<Cow<'a, str>> {
        if self.ignore_punctuation && token.chars().all(|c| !c.is_alphanumeric()) {
            return None;
        }
        if self.is_literal() {
            return Some(Cow::Borrowed(token));
        }
        Some(Cow::Owned(self.chars(token)))
    }

    fn chars(&self, text: &str) -> String {
        let decomposed: Box<dyn Iterator<Item = char>> =
            if self.ignore_diacritics { Box::new(text.nfd().filter(|&c| !is_combining_mark(c))) } else { Box::new(text.chars()) };
        let mut out = String::with_capacity(text.len());
        for c in decomposed {
            if self.ignore_quotes && is_quote(c) {
                if !self.ignore_punctuation {
                    out.push('"');
                }
            } else if self.ignore_punctuation && !c.is_alphanumeric() && !c.is_whitespace() {
                out.push(' ');
            } else if self.ignore_case {
                out.push(crate::text::fold_char(c));
            } else {
                out.push(c);
            }
        }
        if self.ignore_diacritics { out.nfc().collect() } else { out }
    }
}

/// The text without a list marker glued to or standing at its start (`-la`, `– la`, `•la`).
fn strip_list_marker(text: &str) -> &str {
    let mut chars = text.chars();
    match chars.next() {
        // A marker followed by a digit is a sign or a range (`-5 %`), not a list marker.
        Some(c) if is_list_marker(c) && chars.next().is_some_and(|next| next.is_alphabetic() || next == ' ') => {
            text[c.len_utf8()..].trim_start()
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_strips_only_list_markers() {
        let n = Normalization::default();
        assert_eq!(n.text("-la nationalité ;"), "la nationalité ;");
        assert_eq!(n.text("– la loi"), "la loi");
        assert_eq!(n.text("-5 % au moins"), "-5 % au moins");
        assert_eq!(n.text("«Loi»"), "«Loi»");
        assert_eq!(n.token("Loi").as_deref(), Some("Loi"));
    }

    #[test]
    fn options_fold_what_they_name() {
        let n = Normalization { ignore_case: true, ignore_quotes: true, ..Normalization::default() };
        assert_eq!(n.text("«Loi»"), n.text("\"loi\""));
        let n = Normalization { ignore_punctuation: true, ..Normalization::default() };
        assert_eq!(n.token(","), None);
        assert_eq!(n.token("loi").as_deref(), Some("loi"));
        let n = Normalization { ignore_diacritics: true, ..Normalization::default() };
        assert_eq!(n.text("كُتب"), n.text("كتب"));
        assert_eq!(n.text("élève"), "eleve");
        assert_ne!(Normalization::default().text("كُتب"), Normalization::default().text("كتب"));
    }
}
