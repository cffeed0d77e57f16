//! Paragraph labels: `12.`, `II.`, `A.`, `a)`, `(a)`, `(i)`, `i)`, bullets.

/// The kind of label at the start of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    /// Roman numeral part heading: `II.`
    Roman,
    /// Capital-letter section: `A.` (Latin or Cyrillic).
    Section,
    /// Arabic number: `12.`
    Number,
    /// Lower-case letter sub-paragraph: `a)`, `(a)`.
    Letter,
    /// Lower-case roman sub-sub-paragraph: `(i)`, `ii)`.
    SmallRoman,
    /// A bullet: `•`, `-`, `*`, `–`.
    Bullet,
}

/// A parsed label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// What it is.
    pub kind: LabelKind,
    /// As written (`12.`, `(a)`); empty for bullets.
    pub text: String,
    /// The value without punctuation (`12`, `a`, `iv`).
    pub key: String,
    /// Byte length of the label and the spaces after it.
    pub byte_len: usize,
}

impl Label {
    /// The number of a `Number` label.
    pub fn number(&self) -> Option<u32> {
        if self.kind == LabelKind::Number { self.key.parse().ok() } else { None }
    }
}

/// Parses the label at the start of `text`, if any. The label must be followed by white space
/// and some text.
pub fn parse_label(text: &str) -> Option<Label> {
    let bytes = text.as_bytes();
    let first = text.chars().next()?;
    // Bullets.
    if matches!(first, '•' | '▪' | '‣' | '◦' | '·' | '*' | '-' | '–' | '—' | '+') {
        let rest = &text[first.len_utf8()..];
        let trimmed = rest.trim_start();
        if rest.len() != trimmed.len() && !trimmed.is_empty() {
            return Some(Label { kind: LabelKind::Bullet, text: String::new(), key: String::new(), byte_len: text.len() - trimmed.len() });
        }
        return None;
    }
    // Labels are short: look for the closing mark near the start only.
    let mut head_end = text.len().min(16);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    let (core, close, open_paren) = if first == '(' {
        let end = head.find(')')?;
        (&text[1..end], end + 1, true)
    } else {
        let end = head.find(['.', ')'])?;
        (&text[..end], end + 1, false)
    };
    if core.is_empty() || core.chars().count() > 6 {
        return None;
    }
    let closer = bytes.get(close - 1).copied();
    let rest = &text[close..];
    let trimmed = rest.trim_start();
    if rest.len() == trimmed.len() || trimmed.is_empty() {
        return None;
    }
    let kind = if core.chars().all(|c| c.is_ascii_digit()) && core.len() <= 4 && !open_paren && closer == Some(b'.') {
        LabelKind::Number
    } else if is_upper_roman(core) && closer == Some(b'.') && !open_paren {
        LabelKind::Roman
    } else if core.chars().count() == 1 && first.is_uppercase() && first.is_alphabetic() && closer == Some(b'.') {
        LabelKind::Section
    } else if closer == Some(b')') && is_small_roman(core) && (open_paren || core.len() > 1) {
        LabelKind::SmallRoman
    } else if closer == Some(b')') && core.chars().count() == 1 && first_char(core).is_lowercase() {
        // `i)`, `v)`, `x)` are taken as letters here; `assemble` re-reads them as roman inside a roman list.
        LabelKind::Letter
    } else {
        return None;
    };
    Some(Label { kind, text: text[..close].to_string(), key: core.to_string(), byte_len: text.len() - trimmed.len() })
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn is_upper_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

fn is_small_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<(LabelKind, String)> {
        parse_label(text).map(|l| (l.kind, l.text))
    }

    #[test]
    fn recognises_every_label_form() {
        assert_eq!(kind("12. Текст"), Some((LabelKind::Number, "12.".into())));
        assert_eq!(kind("II. Организационные вопросы"), Some((LabelKind::Roman, "II.".into())));
        assert_eq!(kind("A. Открытие"), Some((LabelKind::Section, "A.".into())));
        assert_eq!(kind("В. Участники"), Some((LabelKind::Section, "В.".into())));
        assert_eq!(kind("a) публиковать"), Some((LabelKind::Letter, "a)".into())));
        assert_eq!(kind("(b) избирать"), Some((LabelKind::Letter, "(b)".into())));
        assert_eq!(kind("(ii) второй"), Some((LabelKind::SmallRoman, "(ii)".into())));
        assert_eq!(kind("(i) первый"), Some((LabelKind::SmallRoman, "(i)".into())));
        assert_eq!(kind("• пункт"), Some((LabelKind::Bullet, String::new())));
    }

    #[test]
    fn rejects_things_that_only_look_like_labels() {
        assert_eq!(kind("2025 года."), None);
        assert_eq!(kind("1234. Текст"), Some((LabelKind::Number, "1234.".into())));
        assert_eq!(kind("14 мая 2025 года"), None);
        assert_eq!(kind("3.5 процента"), None);
        assert_eq!(kind("12."), None);
        assert_eq!(kind("79/325. Круг ведения"), None);
        assert_eq!(kind("Текст. Ещё"), None);
        assert_eq!(kind("-среды"), None);
    }
}
