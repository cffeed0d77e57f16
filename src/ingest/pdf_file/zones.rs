//! Lines of each page → body, footnote zone and page furniture (running headers and footers,
//! page numbers, job numbers, document symbols, the first page's masthead).

use super::glyphs::Rule;
use super::lines::Line;
use rustc_hash::FxHashMap;

/// The top and bottom share of a page where running headers and footers live.
const MARGIN_BAND: f32 = 0.09;
/// A rule at least this share of the page wide, in the top quarter, closes a header or masthead.
const HEADER_RULE_MIN_WIDTH: f32 = 0.5;

/// One page's lines with what the layout analysis needs to know of the page.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageLines {
    /// 1-based page number.
    pub number: u32,
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Lines top to bottom.
    pub lines: Vec<Line>,
    /// Horizontal rules that are not underlines or strike-throughs of text.
    pub rules: Vec<Rule>,
}

/// A page's lines sorted into zones.
#[derive(Clone, Debug, Default)]
pub(crate) struct Zoned {
    /// Body lines top to bottom.
    pub body: Vec<Line>,
    /// Footnote zone lines top to bottom.
    pub notes: Vec<Line>,
}

/// The body text size: the size of most characters in the document.
pub(crate) fn body_size(pages: &[PageLines]) -> f32 {
    let mut weights: FxHashMap<i32, usize> = FxHashMap::default();
    for line in pages.iter().flat_map(|p| &p.lines) {
        let chars: usize = line.spans.iter().map(|s| s.text.chars().count()).sum();
        *weights.entry((line.size * 10.0).round() as i32).or_default() += chars;
    }
    weights.into_iter().max_by_key(|&(size, n)| (n, -size)).map_or(10.0, |(size, _)| size as f32 / 10.0)
}

/// Sorts every page's lines into body and footnote zone, dropping the furniture.
pub(crate) fn split_zones(pages: &[PageLines], body_size: f32) -> Vec<Zoned> {
    let furniture = find_furniture(pages);
    pages
        .iter()
        .zip(furniture)
        .map(|(page, furniture)| {
            let kept: Vec<&Line> = page.lines.iter().zip(furniture).filter(|(_, f)| !f).map(|(l, _)| l).collect();
            let notes_from = footnote_zone_start(page, &kept, body_size);
            let (body, notes) = kept.into_iter().cloned().partition(|l| notes_from.is_none_or(|y| l.baseline < y));
            Zoned { body, notes }
        })
        .collect()
}

/// Normalised text of a line for spotting repeats: digits are one class, spaces are dropped.
fn repeat_key(line: &Line) -> String {
    line.text().chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Marks, per page and line, what is furniture.
fn find_furniture(pages: &[PageLines]) -> Vec<Vec<bool>> {
    let in_band =
        |page: &PageLines, line: &Line| line.baseline <= page.height * MARGIN_BAND || line.baseline >= page.height * (1.0 - MARGIN_BAND);
    // Where each margin line's text occurs: (page, baseline).
    let mut seen: FxHashMap<String, Vec<(u32, f32)>> = FxHashMap::default();
    for page in pages {
        for line in page.lines.iter().filter(|l| in_band(page, l)) {
            seen.entry(repeat_key(line)).or_default().push((page.number, line.baseline));
        }
    }
    let repeated = |page: u32, line: &Line| {
        seen.get(&repeat_key(line)).is_some_and(|places| places.iter().any(|&(p, y)| p != page && (y - line.baseline).abs() <= 3.0))
    };
    pages
        .iter()
        .map(|page| {
            let header_cut = page
                .rules
                .iter()
                .filter(|r| r.x1 - r.x0 >= HEADER_RULE_MIN_WIDTH * page.width && r.y <= page.height * 0.25)
                .map(|r| r.y)
                .fold(None, |acc: Option<f32>, y| Some(acc.map_or(y, |a| a.max(y))));
            page.lines
                .iter()
                .map(|line| {
                    header_cut.is_some_and(|cut| line.baseline < cut)
                        || (in_band(page, line) && (repeated(page.number, line) || is_furniture_text(&line.text())))
                })
                .collect()
        })
        .collect()
}

/// Page numbers (`3/22`, `12`, `- 3 -`), job numbers (`21-02069`, `GE.25-01234 (R)`), bar codes
/// (`*2102069*`), document symbols alone (`A/75/816`).
pub(crate) fn is_furniture_text(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return true;
    }
    if t.chars().count() > 48 {
        return false;
    }
    // A line of several furniture items side by side (`21-02069 3/20`).
    let parts: Vec<&str> = t.split_whitespace().collect();
    if parts.len() > 1 && parts.iter().all(|p| is_furniture_word(p) || is_job_suffix(p)) {
        return true;
    }
    is_furniture_word(t)
}

fn is_job_suffix(word: &str) -> bool {
    word.starts_with('(') && word.ends_with(')') && word.chars().count() <= 4
}

fn is_furniture_word(t: &str) -> bool {
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if digits_only(t) && t.len() <= 4 {
        return true;
    }
    if let Some((a, b)) = t.split_once('/')
        && digits_only(a)
        && digits_only(b)
        && a.len() <= 4
        && b.len() <= 4
    {
        return true;
    }
    if let Some(inner) = t.strip_prefix('*').and_then(|r| r.strip_suffix('*'))
        && digits_only(inner)
    {
        return true;
    }
    let job = t.trim_start_matches("GE.").trim_start_matches("GE ");
    let job_bytes = job.as_bytes();
    if job.len() == 8 && job_bytes[2] == b'-' && digits_only(&job[..2]) && digits_only(&job[3..]) {
        return true;
    }
    // A document symbol: capitals, then at least two slash-separated parts.
    let parts: Vec<&str> = t.split('/').collect();
    parts.len() >= 3
        && !t.contains(' ')
        && parts[0].len() <= 6
        && parts[0].bytes().all(|c| c.is_ascii_uppercase())
        && !parts[0].is_empty()
        && parts[1..].iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'*')))
}

/// Where the footnote zone begins on a page (a baseline; lines at or below it are notes).
///
/// A short rule in the lower part of the page separates footnotes; without one, a run of
/// smaller lines at the bottom whose first line starts with a marker is the zone.
fn footnote_zone_start(page: &PageLines, kept: &[&Line], body_size: f32) -> Option<f32> {
    let separator = page
        .rules
        .iter()
        .filter(|r| {
            let width = r.x1 - r.x0;
            width >= 0.08 * page.width && width <= 0.5 * page.width && r.y >= 0.35 * page.height
        })
        .map(|r| r.y)
        .filter(|&y| kept.iter().any(|l| l.baseline > y))
        .fold(None, |acc: Option<f32>, y| Some(acc.map_or(y, |a| a.min(y))));
    if separator.is_some() {
        return separator;
    }
    let small_run = kept.iter().rev().take_while(|l| l.size <= 0.9 * body_size).count();
    let first = kept.len().checked_sub(small_run)?;
    let start = kept[first..].iter().position(|l| starts_with_marker(l))?;
    (start == 0).then(|| kept[first].baseline)
}

/// A footnote's first line: a raised marker, or a short number or `*` span, at its start.
pub(crate) fn starts_with_marker(line: &Line) -> bool {
    note_mark(line).is_some()
}

/// The mark a footnote line starts with, and how many leading spans it takes up.
pub(crate) fn note_mark(line: &Line) -> Option<(String, usize)> {
    let first = line.spans.first()?;
    if let Some(marker) = first.markers.first().filter(|m| m.char_offset == 0) {
        return Some((marker.text.clone(), 0));
    }
    let t = first.text.trim();
    let is_mark = (t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())) || matches!(t, "*" | "**" | "***" | "†" | "‡");
    (is_mark && line.spans.len() > 1).then(|| (t.to_string(), 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::pdf_file::lines::{Span, page_lines, tests::word};

    fn line(text: &str, baseline: f32, size: f32) -> Line {
        Line {
            page: 1,
            baseline,
            size,
            bold: None,
            spans: vec![Span { x0: 100.0, x1: 400.0, text: text.to_string(), markers: Vec::new() }],
        }
    }

    fn page(number: u32, lines: Vec<Line>, rules: Vec<Rule>) -> PageLines {
        PageLines { number, width: 595.0, height: 842.0, lines, rules }
    }

    #[test]
    fn running_headers_footers_and_masthead_are_dropped() {
        let first = page(
            1,
            vec![
                line("Организация Объединенных Наций", 43.0, 10.0),
                line("Distr.: General", 72.0, 10.0),
                line("Заголовок документа", 170.0, 17.0),
                line("Текст первой страницы.", 200.0, 10.0),
                line("25-13870 (R) *2513870*", 808.0, 10.0),
            ],
            vec![Rule { x0: 62.0, x1: 533.0, y: 54.0 }, Rule { x0: 62.0, x1: 533.0, y: 129.0 }],
        );
        let second = page(
            2,
            vec![line("A/RES/79/325", 38.0, 8.5), line("Текст второй страницы.", 82.0, 10.0), line("2/3", 808.0, 8.0)],
            vec![Rule { x0: 62.0, x1: 533.0, y: 44.6 }],
        );
        let third = page(3, vec![line("A/RES/79/325", 38.0, 8.5), line("Конец.", 82.0, 10.0), line("3/3", 808.0, 8.0)], vec![]);
        let zoned = split_zones(&[first, second, third], 10.0);
        let body: Vec<Vec<String>> = zoned.iter().map(|z| z.body.iter().map(Line::text).collect()).collect();
        assert_eq!(body, vec![vec!["Заголовок документа", "Текст первой страницы."], vec!["Текст второй страницы."], vec!["Конец."]]);
    }

    #[test]
    fn lines_below_a_short_rule_are_the_footnote_zone() {
        let mut glyphs = word("Текст страницы.", 98.0, 700.0, 10.0);
        glyphs.extend(word("1", 98.5, 773.5, 5.8));
        glyphs.extend(word("Резолюция 79/1.", 126.8, 777.4, 8.5));
        let lines = page_lines(&glyphs, 1);
        let zoned = split_zones(&[page(1, lines, vec![Rule { x0: 62.0, x1: 180.0, y: 765.0 }])], 10.0);
        assert_eq!(zoned[0].body.len(), 1);
        assert_eq!(zoned[0].notes.len(), 1);
        assert_eq!(note_mark(&zoned[0].notes[0]), Some(("1".to_string(), 0)));
    }

    #[test]
    fn small_marked_lines_at_the_bottom_are_notes_without_a_rule() {
        let mut glyphs = word("Текст страницы.", 98.0, 700.0, 10.0);
        glyphs.extend(word("2", 98.5, 763.5, 5.8));
        glyphs.extend(word("См. резолюцию 70/1.", 126.8, 767.4, 8.5));
        glyphs.extend(word("и далее.", 126.8, 777.4, 8.5));
        let zoned = split_zones(&[page(1, page_lines(&glyphs, 1), vec![])], 10.0);
        assert_eq!(zoned[0].notes.len(), 2);
    }

    #[test]
    fn furniture_patterns() {
        for text in ["3/22", "12", "21-02069", "GE.25-01234 (R)", "25-13870 (R) *2513870*", "A/75/816", "2/20 21-02069", "- 4 -"] {
            assert!(is_furniture_text(text), "{text}");
        }
        for text in ["2025 года.", "A/RES/79/1 и", "См. A/68/98", "Конец."] {
            assert!(!is_furniture_text(text), "{text}");
        }
    }
}
