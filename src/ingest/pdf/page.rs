//! The page layer of PDF text: line kinds, page furniture and footnote regions.

use super::super::dehyphen::Vocabulary;
use super::super::{RawBlock, RawHint};
use super::{append_line, is_label_line};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineKind {
    Blank,
    Separator,
    Furniture,
    Url,
    Content,
}

pub(super) fn classify(line: &str) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        return LineKind::Blank;
    }
    if t.len() >= 5 && t.bytes().all(|b| b == b'_') {
        return LineKind::Separator;
    }
    if (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(' ') {
        return LineKind::Url;
    }
    if is_furniture(t) {
        return LineKind::Furniture;
    }
    LineKind::Content
}

/// Page numbers (`3/22`, `12`), job numbers (`21-02069`, `GE.25-01234`), running symbols (`A/75/816`).
pub(super) fn is_furniture(t: &str) -> bool {
    // Furniture is short; most lines are rejected here without further work.
    if t.len() > 48 || t.contains("  ") {
        return false;
    }
    let b = t.as_bytes();
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if let Some((a, c)) = t.split_once('/')
        && digits_only(a.trim())
        && digits_only(c.trim())
        && a.trim().len() <= 4
        && c.trim().len() <= 4
    {
        return true;
    }
    if digits_only(t) && t.len() <= 3 {
        return true;
    }
    let job = t.trim_start_matches("GE.").split(' ').next().unwrap_or("");
    if job.len() == 8 && job.as_bytes()[2] == b'-' && digits_only(&job[..2]) && digits_only(&job[3..]) {
        let rest = t[t.find(job).map_or(0, |i| i + job.len())..].trim();
        if rest.is_empty() || (rest.starts_with('(') && rest.len() <= 4) {
            return true;
        }
    }
    // A document symbol alone on its line: capitals, then at least two slash-separated parts.
    let parts: Vec<&str> = t.split('/').collect();
    if parts.len() >= 3
        && !t.contains(' ')
        && b[0].is_ascii_uppercase()
        && parts[0].bytes().all(|c| c.is_ascii_uppercase())
        && parts[1..].iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'*')))
    {
        return true;
    }
    false
}

/// A content line with its number and whether a footnote region came just before it.
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    pub(super) number: u32,
    pub(super) after_footnotes: bool,
}

/// Whether a note's text so far ends a sentence (so a URL line after it is not part of it).
fn note_finished(note: &Footnote) -> bool {
    note.parts.last().is_some_and(|p| p.trim_end().chars().last().is_some_and(|c| crate::text::is_sentence_end(c) || c == ';'))
}

pub(super) struct Footnote<'a> {
    pub(super) number: u32,
    /// A printer's mark instead of a number (`*`, `†`).
    pub(super) mark: Option<&'a str>,
    pub(super) lines: std::ops::Range<u32>,
    pub(super) parts: Vec<&'a str>,
}

pub(super) fn finish_footnote(f: Footnote, vocabulary: &Vocabulary) -> RawBlock {
    let mut text = String::new();
    for part in &f.parts {
        let part = part.trim();
        if text.is_empty() {
            text.push_str(part);
        } else {
            append_line(&mut text, part, vocabulary);
        }
    }
    let mut block = RawBlock::from_lines(crate::text::squash_spaces(&text), RawHint::Footnote(f.number), f.lines);
    block.label = f.mark.map(str::to_string);
    block
}

/// ` * Текст сноски` → (`*`, "Текст сноски"): a footnote with a printer's mark. Only when that
/// mark is glued to a word somewhere in the document (`Участники*`).
fn mark_footnote_start<'a>(line: &'a str, glued_marks: &[&str]) -> Option<(&'a str, &'a str)> {
    if !line.starts_with(' ') {
        return None;
    }
    let t = line.trim_start();
    let mark_len = t.chars().take_while(|c| matches!(c, '*' | '†' | '‡')).map(char::len_utf8).sum::<usize>();
    let (mark, rest) = t.split_at(mark_len);
    let text = rest.strip_prefix(' ')?.trim();
    (!mark.is_empty() && glued_marks.contains(&mark) && text.chars().next().is_some_and(char::is_uppercase)).then_some((mark, text))
}

/// Printer's marks glued to the end of a word in the text (`Участники*` gives `*`): a whole run
/// of mark characters after a letter, before a space, punctuation or the line end.
fn glued_marks(all: &[&str]) -> Vec<&'static str> {
    const MARKS: [&str; 6] = ["***", "**", "*", "††", "†", "‡"];
    let mut found = [false; MARKS.len()];
    for line in all {
        // `*`, or the lead byte of `†` and `‡` (U+2020, U+2021): one vectorised scan per line.
        let mut from = 0;
        while let Some(at) = memchr::memchr2(b'*', 0xE2, &line.as_bytes()[from..]).map(|i| from + i) {
            let run_len = line[at..].find(|c| !matches!(c, '*' | '†' | '‡')).unwrap_or(line.len() - at);
            from = at + run_len.max(1);
            if run_len == 0 {
                continue;
            }
            let run = &line[at..at + run_len];
            let before = line[..at].chars().next_back();
            let after = line[at + run_len..].chars().next();
            if before.is_some_and(char::is_alphabetic)
                && after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'))
                && let Some(k) = MARKS.iter().position(|m| *m == run)
            {
                found[k] = true;
            }
        }
    }
    MARKS.into_iter().zip(found).filter_map(|(m, f)| f.then_some(m)).collect()
}

/// Takes footnote regions (after a `____` separator) out of the flow.
pub(super) fn split_footnotes<'a>(all: &[&'a str], kinds: &[LineKind]) -> (Vec<Line<'a>>, Vec<Footnote<'a>>) {
    let mut content = Vec::new();
    let mut footnotes: Vec<Footnote> = Vec::new();
    let mut in_region = false;
    let mut seen_url = false;
    let mut has_note = false;
    let mut after_region = false;
    let marks = glued_marks(all);
    let double_spaced = is_double_spaced(kinds);
    for (i, (&text, &kind)) in all.iter().zip(kinds).enumerate() {
        let number = i as u32 + 1;
        match kind {
            LineKind::Blank => continue,
            LineKind::Furniture => continue,
            LineKind::Separator => {
                in_region = true;
                seen_url = false;
                has_note = false;
                continue;
            }
            LineKind::Url if in_region => {
                // A URL wrapped onto its own line inside an unfinished note (`…, URL:`) is part of
                // that note; after a finished note it starts the link list of extraction debris.
                if let Some(last) = footnotes.last_mut().filter(|f| has_note && !seen_url && !note_finished(f)) {
                    last.parts.push(text);
                    last.lines.end = number + 1;
                } else {
                    seen_url = true;
                }
                continue;
            }
            LineKind::Url => {
                // Runs of URL lines are link debris from extraction; a lone URL is a wrapped link.
                let url_at = |j: Option<usize>| j.and_then(|j| kinds.get(j)).is_some_and(|k| *k == LineKind::Url);
                // After a finished sentence it is a link list's only entry, also debris.
                let previous = all[..i].iter().rev().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("");
                let after_sentence = previous.chars().last().is_some_and(|c| crate::text::is_sentence_end(c) || c == ';');
                if url_at(i.checked_sub(1)) || url_at(Some(i + 1)) || after_sentence {
                    continue;
                }
            }
            LineKind::Content => {}
        }
        // A marked footnote needs no separator line before it.
        if kind == LineKind::Content
            && !marks.is_empty()
            && let Some((mark, rest)) = mark_footnote_start(text, &marks)
        {
            let note = footnotes.len() as u32 + 1;
            footnotes.push(Footnote { number: note, mark: Some(mark), lines: number..number + 1, parts: vec![rest] });
            in_region = true;
            seen_url = false;
            has_note = true;
            continue;
        }
        // Where lines are separated by blank lines, an indented line straight after another is
        // the next page's first: the footnote region is over.
        let page_start = double_spaced && text.starts_with(' ') && i > 0 && matches!(kinds[i - 1], LineKind::Content | LineKind::Url);
        if in_region && !page_start {
            if let Some((note, rest)) = footnote_start(text).filter(|_| !seen_url) {
                footnotes.push(Footnote { number: note, mark: None, lines: number..number + 1, parts: vec![rest] });
                has_note = true;
                continue;
            }
            let continues_paragraph = text.starts_with(' ') && text.trim_start().chars().next().is_some_and(char::is_lowercase);
            if !seen_url && has_note && !continues_paragraph && !is_label_line(text.trim()) {
                if let Some(last) = footnotes.last_mut() {
                    last.parts.push(text);
                    last.lines.end = number + 1;
                }
                continue;
            }
        }
        if in_region {
            in_region = false;
            after_region = true;
        }
        content.push(Line { text, number, after_footnotes: after_region });
        after_region = false;
    }
    (content, footnotes)
}

/// Whether the extraction put a blank line after most text lines (then a missing one marks a
/// page boundary).
fn is_double_spaced(kinds: &[LineKind]) -> bool {
    let text_lines = kinds.iter().filter(|k| **k == LineKind::Content).count();
    let followed_by_blank = kinds.windows(2).filter(|w| w[0] == LineKind::Content && w[1] == LineKind::Blank).count();
    text_lines >= 10 && followed_by_blank * 10 >= text_lines * 7
}

/// ` 12 Текст сноски` → (12, "Текст сноски").
fn footnote_start(line: &str) -> Option<(u32, &str)> {
    if !line.starts_with(' ') {
        return None;
    }
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    if !rest.starts_with(' ') {
        return None;
    }
    let number = t[..digits].parse().ok()?;
    Some((number, rest.trim()))
}

#[cfg(test)]
mod tests {
    use super::glued_marks;

    #[test]
    fn glued_marks_are_whole_runs_after_a_letter() {
        let lines = ["Участники* и эксперты**.", "Сноска†, цитата — пример", "5 * 3 = 15", "слово*† и слово***x", "конец‡"];
        assert_eq!(glued_marks(&lines), vec!["**", "*", "†", "‡"]);
        assert!(glued_marks(&["a — b", "2 ** 3", "x*y"]).is_empty());
        assert_eq!(glued_marks(&["Title***"]), vec!["***"]);
    }
}
