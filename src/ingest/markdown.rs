//! Markdown-ish text: headings, emphasis, links, escapes, footnotes, lists, page-break joins.

use super::{RawBlock, RawHint};
use regex::Regex;
use std::sync::LazyLock;

/// Private-use characters that carry a footnote marker (`[^3]`) until `assemble` records it.
pub(crate) const MARK_OPEN: char = '\u{E000}';
/// Closes a footnote marker.
pub(crate) const MARK_CLOSE: char = '\u{E001}';

static FOOTNOTE_DEF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\[\^(\d{1,4})\]:\s*(.*)$").expect("valid regex literal"));
static LIST_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}\.|[a-z]\)|\([a-z]{1,4}\))\s+(#{1,6})\s+(.*)$").expect("valid regex literal"));
static LIST_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([*+\-•]\s|\d{1,3}\.\s|[a-zа-я]\)\s|\([a-z]{1,4}\)\s|\|)").expect("valid regex literal"));
static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!\[([^\]]*)\]\([^)]*\)").expect("valid regex literal"));
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]\^][^\]]*|)\]\(([^)\s]*)[^)]*\)").expect("valid regex literal"));
static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<((?:https?|mailto):[^>\s]+)>").expect("valid regex literal"));
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>").expect("valid regex literal"));
static SUP_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<sup[^>]*>\s*(?:<a[^>]*>)?\s*(\d{1,4})\s*(?:</a>)?\s*</sup>").expect("valid regex literal"));
static FOOTNOTE_REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^(\d{1,4})\]").expect("valid regex literal"));
static STRONG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\*\*\*|\*\*|__").expect("valid regex literal"));
static ESCAPE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\\([\\`*_{}\[\]()#+\-.!|~<>])").expect("valid regex literal"));

/// Splits Markdown-ish text into raw blocks.
pub(crate) fn raw_blocks(text: &str) -> Vec<RawBlock> {
    let mut reader = Reader::default();
    let mut in_comment = false;
    let front_matter_end = front_matter_end(text);
    for (i, line) in text.lines().enumerate().skip(front_matter_end) {
        let line_no = i as u32 + 1;
        let trimmed = line.trim();
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.is_empty() {
            reader.flush();
            reader.saw_blank = true;
            continue;
        }
        if is_rule(trimmed) || is_attribute_list(trimmed) || is_table_rule(trimmed) {
            reader.flush();
            continue;
        }
        if let Some(caps) = FOOTNOTE_DEF.captures(trimmed) {
            reader.flush();
            let number = caps[1].parse().unwrap_or(0);
            reader.push(clean_inline(&caps[2]), RawHint::Footnote(number), line_no);
            continue;
        }
        if let Some((level, content)) = atx_heading(trimmed) {
            reader.flush();
            for part in split_glued_bold(content) {
                reader.push(clean_inline(&part), RawHint::Heading(level), line_no);
            }
            continue;
        }
        if let Some(caps) = LIST_HEADING.captures(trimmed) {
            reader.flush();
            let level = caps[2].len() as u8;
            reader.push(format!("{} {}", &caps[1], clean_inline(&caps[3])), RawHint::Heading(level), line_no);
            continue;
        }
        if trimmed.contains("****") || is_bold_line(trimmed) {
            reader.flush();
            for part in split_glued_bold(trimmed) {
                let hint = if is_bold_line(&part) { RawHint::Heading(bold_heading_level(&part)) } else { RawHint::None };
                reader.push(clean_inline(&part), hint, line_no);
            }
            continue;
        }
        if LIST_START.is_match(trimmed) {
            reader.flush();
        }
        reader.add_line(trimmed, line_no);
    }
    reader.flush();
    reader.blocks
}

/// Lines taken by a YAML front-matter block (`---` … `---` at the very top), which is metadata.
fn front_matter_end(text: &str) -> usize {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return 0;
    }
    for (i, line) in lines.enumerate().take(60) {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return i + 2;
        }
        if !line.contains(':') && !line.starts_with(' ') && !line.starts_with('-') && !line.trim().is_empty() {
            return 0;
        }
    }
    0
}

#[derive(Default)]
struct Reader {
    blocks: Vec<RawBlock>,
    lines: Vec<String>,
    start: u32,
    end: u32,
    saw_blank: bool,
}

impl Reader {
    fn add_line(&mut self, line: &str, line_no: u32) {
        if self.lines.is_empty() {
            if self.saw_blank && self.continues_previous(line) {
                // A page break cut the previous paragraph; reopen it.
                let previous = self.blocks.pop().expect("continues_previous checked that a block exists");
                self.start = previous.first_line();
                self.lines.push(previous.text);
            } else {
                self.start = line_no;
            }
        }
        self.saw_blank = false;
        self.lines.push(line.to_string());
        self.end = line_no + 1;
    }

    /// A line that starts lowercase (or with a number and a lowercase word) after a paragraph
    /// left without final punctuation continues that paragraph.
    fn continues_previous(&self, line: &str) -> bool {
        let Some(previous) = self.blocks.last() else { return false };
        if previous.hint != RawHint::None {
            return false;
        }
        let cleaned = clean_inline(line);
        let cleaned = cleaned.trim_start();
        if super::parse_label(cleaned).is_some() {
            return false;
        }
        // A link on its own line after "…по следующему адресу:" belongs to that sentence.
        let is_url = cleaned.starts_with("http://") || cleaned.starts_with("https://");
        if previous.text.trim_end().ends_with(':') && is_url {
            return true;
        }
        if ends_sentence(&previous.text) {
            return false;
        }
        let mut chars = cleaned.chars();
        match chars.next() {
            Some(c) if c.is_lowercase() => true,
            Some(c) if c.is_ascii_digit() => {
                let rest = cleaned.trim_start_matches(|c: char| c.is_ascii_digit());
                rest.starts_with(' ') && rest.trim_start().chars().next().is_some_and(char::is_lowercase)
            }
            _ => false,
        }
    }

    fn push(&mut self, text: String, hint: RawHint, line_no: u32) {
        let text = crate::text::squash_spaces(&text);
        if !text.is_empty() {
            self.blocks.push(RawBlock::from_lines(text, hint, line_no..line_no + 1));
        }
        self.saw_blank = false;
    }

    fn flush(&mut self) {
        if self.lines.is_empty() {
            return;
        }
        let joined = self.lines.join(" ");
        self.lines.clear();
        let (hint, body) = match joined.strip_prefix("* ").or_else(|| joined.strip_prefix("- ")).or_else(|| joined.strip_prefix("+ ")) {
            Some(rest) => (RawHint::Bullet, rest.to_string()),
            None => (RawHint::None, joined),
        };
        let body = if body.starts_with('|') { table_row(&body) } else { body };
        let text = crate::text::squash_spaces(&clean_inline(&body));
        if !text.is_empty() {
            self.blocks.push(RawBlock::from_lines(text, hint, self.start..self.end));
        }
    }
}

fn ends_sentence(text: &str) -> bool {
    matches!(text.trim_end().chars().last(), Some('.' | '!' | '?' | ';' | ':' | '…' | '»' | '"' | ')' | ']'))
}

fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some((hashes as u8, rest.trim().trim_end_matches('#').trim()))
}

fn is_rule(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3 && (compact.chars().all(|c| c == '-') || compact.chars().all(|c| c == '*') || compact.chars().all(|c| c == '_'))
}

fn is_attribute_list(line: &str) -> bool {
    line.starts_with("{:") && line.ends_with('}')
}

fn is_table_rule(line: &str) -> bool {
    line.starts_with('|') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn table_row(line: &str) -> String {
    let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
    cells.join(" | ")
}

/// `**bold line**` with nothing outside the markers.
fn is_bold_line(line: &str) -> bool {
    line.len() > 4 && line.starts_with("**") && line.ends_with("**") && !line[2..line.len() - 2].contains("**")
}

fn bold_heading_level(line: &str) -> u8 {
    let inner = line.trim_matches('*').trim();
    match super::parse_label(inner).map(|l| l.kind) {
        Some(super::LabelKind::Roman) => 2,
        Some(super::LabelKind::Section) => 3,
        _ => 1,
    }
}

/// `**A****B**` (a title glued to a heading) → `**A**`, `**B**`.
fn split_glued_bold(line: &str) -> Vec<String> {
    if !line.contains("****") {
        return vec![line.to_string()];
    }
    let parts: Vec<&str> = line.split("****").collect();
    let last = parts.len() - 1;
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let mut s = String::new();
            if i > 0 {
                s.push_str("**");
            }
            s.push_str(part);
            if i < last {
                s.push_str("**");
            }
            s
        })
        .filter(|s| !s.trim_matches('*').trim().is_empty())
        .collect()
}

/// Removes inline Markdown: emphasis, links, images, HTML tags and entities, escapes.
pub(crate) fn clean_inline(text: &str) -> String {
    if !text.contains(['*', '_', '[', '<', '\\', '&', '!']) {
        return text.to_string();
    }
    // Escaped characters are parked in private-use code points so no later rule touches them.
    let parked = ESCAPE.replace_all(text, |caps: &regex::Captures| park(caps[1].chars().next().unwrap_or(' ')).to_string());
    let s = FOOTNOTE_REF.replace_all(&parked, |caps: &regex::Captures| format!("{MARK_OPEN}{}{MARK_CLOSE}", &caps[1]));
    // HTML footnote references (`<sup><a href="#fn1">1</a></sup>`) are markers too.
    let s = SUP_NUMBER.replace_all(&s, |caps: &regex::Captures| format!("{MARK_OPEN}{}{MARK_CLOSE}", &caps[1]));
    let s = IMAGE.replace_all(&s, "$1");
    let s =
        LINK.replace_all(&s, |caps: &regex::Captures| if caps[1].trim().is_empty() { caps[2].to_string() } else { caps[1].to_string() });
    let s = AUTOLINK.replace_all(&s, "$1");
    let s = s.replace("<br>", " ").replace("<br/>", " ").replace("<br />", " ");
    let s = HTML_TAG.replace_all(&s, "");
    let s = STRONG.replace_all(&s, "");
    let s = strip_single_emphasis(&s);
    let s = decode_entities(&s);
    let restored: String = s.chars().map(unpark).collect();
    // Text converted twice from another format carries doubled escapes (`\\_`); undo them too.
    if ESCAPE.is_match(&restored) { ESCAPE.replace_all(&restored, "$1").into_owned() } else { restored }
}

const PARK_BASE: u32 = 0xE100;

fn park(c: char) -> char {
    if c.is_ascii() { char::from_u32(PARK_BASE + c as u32).unwrap_or(c) } else { c }
}

fn unpark(c: char) -> char {
    let code = c as u32;
    if (PARK_BASE..PARK_BASE + 128).contains(&code) { char::from_u32(code - PARK_BASE).unwrap_or(c) } else { c }
}

/// Drops `*x*` and `_x_` markers at word edges; keeps `snake_case` and lone asterisks (`A/68/98*`).
fn strip_single_emphasis(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '*' || c == '_' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let opens = before.is_none_or(|b| b.is_whitespace() || is_open_punct(b)) && after.is_some_and(|a| !a.is_whitespace());
            let closes = before.is_some_and(|b| !b.is_whitespace()) && after.is_none_or(|a| a.is_whitespace() || is_close_punct(a));
            // A lone `*` after a symbol (`A/68/98*`) is a real asterisk: only strip when a partner exists.
            let has_partner = if opens { chars[i + 1..].contains(&c) } else { chars[..i].contains(&c) };
            if (opens || closes) && has_partner {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '«' | '"' | '“' | '\'' | '—' | '–' | '-')
}

fn is_close_punct(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '»' | '"' | '”' | '\'' | '—' | '–' | '-')
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<(String, RawHint)> {
        raw_blocks(md).into_iter().map(|b| (b.text, b.hint)).collect()
    }

    #[test]
    fn headings_keep_their_level_and_lose_markup() {
        assert_eq!(texts("## **II. Организационные вопросы**\n"), vec![("II. Организационные вопросы".into(), RawHint::Heading(2))]);
    }

    #[test]
    fn emphasis_links_and_escapes_are_removed() {
        assert_eq!(clean_inline("**жирный** и *курсив* и __подчёркнутый__"), "жирный и курсив и подчёркнутый");
        assert_eq!(clean_inline("документ [A/77/275](#) и <https://un.org/x>"), "документ A/77/275 и https://un.org/x");
        assert_eq!(clean_inline(r"meeting\_id и \*звезда\*"), "meeting_id и *звезда*");
        assert_eq!(clean_inline(r"[https://w.int/d?meeting\\_id=1](https://w.int/d?meeting_id=1)"), "https://w.int/d?meeting_id=1");
        assert_eq!(clean_inline("A/68/98* и snake_case_name"), "A/68/98* и snake_case_name");
        assert_eq!(clean_inline("<u>Условия</u> &amp; <br>сервисы"), "Условия &  сервисы");
    }

    #[test]
    fn glued_title_and_heading_become_two_headings() {
        let blocks = texts("**Проект доклада о проделанной работе****I. Введение**\n\n1. Текст.\n");
        assert_eq!(blocks[0], ("Проект доклада о проделанной работе".into(), RawHint::Heading(1)));
        assert_eq!(blocks[1], ("I. Введение".into(), RawHint::Heading(2)));
        assert_eq!(blocks[2].0, "1. Текст.");
    }

    #[test]
    fn rules_and_attribute_lists_are_dropped() {
        assert_eq!(texts("---\n\nТекст.\n{: datetime=\"2019\" }\n\n***\n"), vec![("Текст.".into(), RawHint::None)]);
    }

    #[test]
    fn page_break_inside_a_paragraph_is_rejoined() {
        let blocks =
            texts("4. В ответах 42 государств-членов и\n\n3 межправительственных организаций были выделены приоритеты.\n\n5. Далее.\n");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].0, "4. В ответах 42 государств-членов и 3 межправительственных организаций были выделены приоритеты.");
    }

    #[test]
    fn link_line_after_a_colon_joins_its_sentence() {
        let blocks = texts("3. Список участников размещен по адресу:\n\n[https://w.int/x](https://w.int/x).\n\n4. Далее.\n");
        assert_eq!(blocks[0].0, "3. Список участников размещен по адресу: https://w.int/x.");
        assert_eq!(texts("4. Группа рекомендует:\n\na) первое;\n").len(), 2);
    }

    #[test]
    fn finished_paragraph_is_not_joined_to_the_next() {
        assert_eq!(texts("Первый абзац.\n\nвторой абзац со строчной.\n").len(), 2);
    }

    #[test]
    fn list_items_and_footnotes() {
        let blocks = texts("* один\n* два\n\nТекст[^1] дальше.\n\n[^1]: Резолюция 75/1.\n");
        assert_eq!(blocks[0], ("один".into(), RawHint::Bullet));
        assert_eq!(blocks[1], ("два".into(), RawHint::Bullet));
        assert_eq!(blocks[2].0, format!("Текст{MARK_OPEN}1{MARK_CLOSE} дальше."));
        assert_eq!(blocks[3], ("Резолюция 75/1.".into(), RawHint::Footnote(1)));
    }

    #[test]
    fn front_matter_is_metadata_and_html_sup_is_a_marker() {
        let blocks =
            texts("---\nlayout: page\ntitle: Policy\n---\n\n## Introduction\n\nText.<sup id=\"r1\"><a href=\"#fn1\">1</a></sup> More.\n");
        assert_eq!(blocks[0], ("Introduction".into(), RawHint::Heading(2)));
        assert_eq!(blocks[1].0, format!("Text.{MARK_OPEN}1{MARK_CLOSE} More."));
        assert_eq!(texts("---\n\nНе метаданные.\n").len(), 1);
    }

    #[test]
    fn list_item_with_heading() {
        assert_eq!(texts("1. #### Вводная часть\n"), vec![("1. Вводная часть".into(), RawHint::Heading(4))]);
    }
}
