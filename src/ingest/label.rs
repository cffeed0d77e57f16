//! Paragraph labels: `12.`, `2.2.1.`, `(1)`, `II.`, `A.`, `a)`, `(a)`, `(i)`, `i)`, `Article 12`,
//! `§ 5`, `第十二条`, bullets.

/// The kind of label at the start of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    /// Roman numeral part heading: `II.`
    Roman,
    /// Capital-letter section: `A.` (Latin or Cyrillic).
    Section,
    /// Arabic number: `12.`, `(1)`, `1)`, or multi-level `2.2.1.` (key `2.2.1`).
    Number,
    /// An article or section sign with its number: `Article 12`, `Art. 3`, `§ 5`, `Статья 7`,
    /// `第十二条`, `제3조` (key `12`, `3`, `5`, `十二`).
    Article,
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
    /// The number of a single-level `Number` label (`None` for `2.1.`).
    pub fn number(&self) -> Option<u32> {
        if self.kind == LabelKind::Number { self.key.parse().ok() } else { None }
    }
}

/// Parses the label at the start of `text`, if any. The label must be followed by white space
/// and some text (an article label written without a space, `第一条本法…`, counts too).
pub fn parse_label(text: &str) -> Option<Label> {
    let first = text.chars().next()?;
    // Bullets; a bullet before a real label (`- a) text`) gives way to that label.
    if matches!(first, '•' | '▪' | '‣' | '◦' | '·' | '*' | '-' | '–' | '—' | '+') {
        let rest = &text[first.len_utf8()..];
        let trimmed = rest.trim_start();
        if rest.len() != trimmed.len() && !trimmed.is_empty() {
            let bullet_len = text.len() - trimmed.len();
            if let Some(inner) = parse_label(trimmed).filter(|l| l.kind != LabelKind::Bullet) {
                return Some(Label { byte_len: bullet_len + inner.byte_len, ..inner });
            }
            return Some(Label { kind: LabelKind::Bullet, text: String::new(), key: String::new(), byte_len: bullet_len });
        }
        return None;
    }
    if let Some(label) = parse_article(text) {
        return Some(label);
    }
    if let Some(label) = parse_multilevel(text) {
        return Some(label);
    }
    parse_simple(text, first)
}

/// `12.`, `II.`, `A.`, `a)`, `(a)`, `(i)`, `(1)`, `1)`.
fn parse_simple(text: &str, first: char) -> Option<Label> {
    let bytes = text.as_bytes();
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
    let all_digits = core.bytes().all(|c| c.is_ascii_digit());
    let kind = if all_digits && core.len() <= 4 && (closer == Some(b'.') && !open_paren || closer == Some(b')')) {
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

/// `2.1.`, `2.2.1.`, and `2.1 Title` (no final dot, but a capital after it: `3.5 процента` is a
/// quantity, not a label).
fn parse_multilevel(text: &str) -> Option<Label> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut levels = 0;
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        i += digits;
        levels += 1;
        if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if !(2..=6).contains(&levels) {
        return None;
    }
    let key = &text[..i];
    let dotted = bytes.get(i) == Some(&b'.');
    let close = if dotted { i + 1 } else { i };
    let rest = &text[close..];
    let trimmed = rest.trim_start();
    if rest.len() == trimmed.len() || trimmed.is_empty() {
        return None;
    }
    if !dotted && !trimmed.chars().next().is_some_and(|c| c.is_uppercase() || is_unicameral_letter(c)) {
        return None;
    }
    Some(Label { kind: LabelKind::Number, text: text[..close].to_string(), key: key.to_string(), byte_len: text.len() - trimmed.len() })
}

/// Words that name an article or section, in the languages Gloss reads; compared case-insensitively.
const ARTICLE_WORDS: &[&str] = &[
    "article",
    "art.",
    "artikel",
    "artículo",
    "articulo",
    "articolo",
    "artigo",
    "artykuł",
    "статья",
    "ст.",
    "стаття",
    "článek",
    "čl.",
    "článok",
    "paragraf",
    "άρθρο",
    "αρθρο",
    "المادة",
    "مادة",
    "סעיף",
    "section",
    "sec.",
    "rule",
    "regulation",
    "§",
    "§§",
];

/// `Article 12`, `Art. 3`, `§ 5`, `Статья 7.`, `Άρθρο 2`, `المادة 4`, `第十二条`, `제3조`.
fn parse_article(text: &str) -> Option<Label> {
    if let Some(label) = parse_counter_article(text) {
        return Some(label);
    }
    // Most lines are not articles: their first letter already says so, without an allocation.
    let first = text.chars().next()?.to_lowercase().next()?;
    if !ARTICLE_WORDS.iter().any(|w| w.starts_with(first)) {
        return None;
    }
    let lower_head: String = text.chars().take(16).flat_map(char::to_lowercase).collect();
    let word = ARTICLE_WORDS.iter().filter(|w| lower_head.starts_with(*w)).max_by_key(|w| w.len())?;
    // The same number of chars in the original text (lowercasing keeps these words' char counts).
    let word_bytes: usize = text.chars().take(word.chars().count()).map(char::len_utf8).sum();
    let after_word = &text[word_bytes..];
    // A word must end there (`Articles`, `Sectional` are not labels); `§5` needs no space.
    if word.chars().all(char::is_alphabetic) && after_word.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let number_start = word_bytes + (after_word.len() - after_word.trim_start().len());
    let tail = &text[number_start..];
    let number_len = article_number_len(tail)?;
    let key = &tail[..number_len];
    let mut close = number_start + number_len;
    // A closing `.`, `:` or dash belongs to the label.
    let after = &text[close..];
    if let Some(c) = after.chars().next().filter(|c| matches!(c, '.' | ':' | '—' | '–')) {
        close += c.len_utf8();
    } else if after.starts_with(" :") || after.starts_with("\u{a0}:") {
        // French spacing before a colon: `Titre XIII : Dispositions`.
        close += after.find(':').map_or(0, |i| i + 1);
    }
    let rest = &text[close..];
    let trimmed = rest.trim_start_matches([' ', '-', '—', '–']).trim_start();
    if rest.len() == trimmed.len() || trimmed.is_empty() {
        return None;
    }
    // `Article 5 of the Charter provides…` is a sentence about an article, not its label.
    if trimmed.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    Some(Label {
        kind: LabelKind::Article,
        text: text[..close].trim_end().to_string(),
        key: key.to_string(),
        byte_len: text.len() - trimmed.len(),
    })
}

/// The number of an article: digits with an optional letter or `-1`/`bis` suffix (`12`, `5a`,
/// `61-1`, `88-4`), or a roman numeral (`IV`), or `1er`/`premier`.
fn article_number_len(tail: &str) -> Option<usize> {
    let bytes = tail.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0 && digits <= 4 {
        let mut end = digits;
        // `61-1`, `88-4`: a sub-article number.
        if bytes.get(end) == Some(&b'-') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 1 + bytes[end + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        }
        // `5a`, `12bis`, `1er`: a short letter suffix glued to the number.
        let letters = tail[end..].chars().take_while(char::is_ascii_lowercase).count();
        if letters > 0 && letters <= 6 && !tail[end + letters..].chars().next().is_some_and(char::is_alphanumeric) {
            end += letters;
        }
        return Some(end);
    }
    let roman = tail.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')).count();
    if roman > 0 && roman <= 6 && !tail[roman..].chars().next().is_some_and(char::is_alphanumeric) {
        return Some(roman);
    }
    if tail.starts_with("premier") {
        return Some("premier".len());
    }
    None
}

/// `第十二条`, `第１条`, `第3章` (Chinese, Japanese) and `제3조` (Korean): a counter word around a number.
fn parse_counter_article(text: &str) -> Option<Label> {
    let (prefix, counters): (char, &[char]) = match text.chars().next()? {
        '第' => ('第', &['条', '條', '章', '節', '节', '款', '項', '项', '编', '編', '部']),
        '제' => ('제', &['조', '장', '절', '항', '편']),
        _ => return None,
    };
    let after_prefix = &text[prefix.len_utf8()..];
    let number: String = after_prefix.chars().take_while(|&c| c.is_ascii_digit() || is_wide_digit(c) || is_han_numeral(c)).collect();
    if number.is_empty() || number.chars().count() > 8 {
        return None;
    }
    let after_number = &after_prefix[number.len()..];
    let counter = after_number.chars().next().filter(|c| counters.contains(c))?;
    let close = prefix.len_utf8() + number.len() + counter.len_utf8();
    let rest = &text[close..];
    let trimmed = rest.trim_start();
    if trimmed.is_empty() {
        return None;
    }
    let key: String =
        number.chars().map(|c| if is_wide_digit(c) { char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c) } else { c }).collect();
    Some(Label { kind: LabelKind::Article, text: text[..close].to_string(), key, byte_len: text.len() - trimmed.len() })
}

fn is_wide_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn is_han_numeral(c: char) -> bool {
    matches!(c, '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '两' | '兩')
}

/// Letters of scripts without case (Han, Kana, Hangul, Arabic, Hebrew…): they can start a title.
fn is_unicameral_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
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
        assert_eq!(kind("(1) Odstavec"), Some((LabelKind::Number, "(1)".into())));
        assert_eq!(kind("3) third"), Some((LabelKind::Number, "3)".into())));
        assert_eq!(kind("G. Other matters"), Some((LabelKind::Section, "G.".into())));
    }

    #[test]
    fn multi_level_numbers_keep_every_level_in_the_key() {
        let label = parse_label("2.2.1. Scope of work").unwrap();
        assert_eq!((label.kind, label.text.as_str(), label.key.as_str()), (LabelKind::Number, "2.2.1.", "2.2.1"));
        assert_eq!(label.number(), None);
        assert_eq!(kind("1.1. Определения"), Some((LabelKind::Number, "1.1.".into())));
        assert_eq!(kind("4.2 The Supplier shall"), Some((LabelKind::Number, "4.2".into())));
        assert_eq!(kind("4.2 процента"), None);
        assert_eq!(&"2.2.1. Scope"[parse_label("2.2.1. Scope").unwrap().byte_len..], "Scope");
    }

    #[test]
    fn articles_and_section_signs() {
        let cases = [
            ("Article 12 The Parties shall", "Article 12", "12"),
            ("Art. 3 — Definitions", "Art. 3", "3"),
            ("§ 5 Rozsah", "§ 5", "5"),
            ("§5a Přechodná ustanovení", "§5a", "5a"),
            ("Статья 7. Сфера применения", "Статья 7.", "7"),
            ("Článek 2 Působnost", "Článek 2", "2"),
            ("Άρθρο 4 Πεδίο εφαρμογής", "Άρθρο 4", "4"),
            ("المادة 9 نطاق التطبيق", "المادة 9", "9"),
            ("Article 61-1 Lorsque", "Article 61-1", "61-1"),
            ("Article 3 : Le peuple", "Article 3 :", "3"),
            ("第十二条 本协议", "第十二条", "十二"),
            ("第１条　目的", "第１条", "1"),
            ("제3조(정의) 이 법에서", "제3조", "3"),
        ];
        for (text, written, key) in cases {
            let label = parse_label(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((label.kind, label.text.as_str(), label.key.as_str()), (LabelKind::Article, written, key), "{text}");
        }
        assert_eq!(kind("Articles 3 and 4 apply"), None);
        assert_eq!(kind("Article 12"), None);
        assert_eq!(kind("Article 5 of the Charter provides"), None);
        assert_eq!(kind("Section of the report"), None);
    }

    #[test]
    fn a_label_after_a_list_dash_is_the_label() {
        let label = parse_label("- a) first item").unwrap();
        assert_eq!((label.kind, label.text.as_str()), (LabelKind::Letter, "a)"));
        assert_eq!(&"- a) first item"[label.byte_len..], "first item");
        assert_eq!(kind("- plain item"), Some((LabelKind::Bullet, String::new())));
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
