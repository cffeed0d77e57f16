//! Positioned glyphs → lines: glyphs grouped by baseline, raised small glyphs (footnote
//! markers) attached to the line they sit on, word spaces from gaps, spans split at wide gaps.

use super::glyphs::{Glyph, Rule};

/// Glyphs whose baselines differ by less than this share a line (in ems of the larger glyph).
const SAME_BASELINE_EM: f32 = 0.2;
/// A gap wider than this (in ems) between two glyphs is a word space even without a space glyph.
const WORD_GAP_EM: f32 = 0.18;
/// A gap wider than this (in ems) splits a line into spans (a tab after a label, a column gutter).
const SPAN_GAP_EM: f32 = 1.5;
/// A glyph run at most this share of the line's size and raised above its baseline is a superscript.
const RAISED_MAX_SIZE_RATIO: f32 = 0.85;

/// Raised small text taken out of a span (a footnote marker), with where it stood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Char offset in the span's text where the marker stood.
    pub char_offset: usize,
    /// The marker as printed (`12`, `*`).
    pub text: String,
}

/// A stretch of a line between wide gaps.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Text with single spaces between words and markers taken out.
    pub text: String,
    /// Markers taken out of `text`.
    pub markers: Vec<Marker>,
}

/// One line of text on a page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Line {
    /// 1-based page number.
    pub page: u32,
    /// Baseline (top-down).
    pub baseline: f32,
    /// The font size most of the line's (not raised) characters have.
    pub size: f32,
    /// Whether every letter is bold; `None` when the fonts do not say.
    pub bold: Option<bool>,
    /// Spans from left to right.
    pub spans: Vec<Span>,
}

impl Line {
    /// Left edge.
    pub fn x0(&self) -> f32 {
        self.spans.first().map_or(0.0, |s| s.x0)
    }

    /// Right edge.
    pub fn x1(&self) -> f32 {
        self.spans.last().map_or(0.0, |s| s.x1)
    }

    /// The spans' texts joined by single spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for span in &self.spans {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&span.text);
        }
        out
    }

    /// The top of the line's box.
    pub fn top(&self) -> f32 {
        self.baseline - self.size * 0.8
    }
}

/// True for characters of scripts written without spaces between words (CJK, kana, Hangul syllables
/// are spaced but never joined across lines with one, Thai).
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x20000..=0x2FA1F | 0x0E00..=0x0E7F)
}

fn is_hyphen(text: &str) -> bool {
    matches!(text, "-" | "\u{2010}" | "\u{2011}" | "\u{00AD}")
}

/// The rules that belong to no text: underlines and strike-throughs (tracked changes, links) run
/// through or just under glyphs; rules above or between lines separate things.
pub(crate) fn free_rules(rules: &[Rule], glyphs: &[Glyph]) -> Vec<Rule> {
    rules
        .iter()
        .filter(|r| {
            !glyphs.iter().any(|g| r.y >= g.baseline - 0.8 * g.size && r.y <= g.baseline + 0.25 * g.size && r.x0 < g.right() && r.x1 > g.x)
        })
        .copied()
        .collect()
}

/// Drops glyphs struck through by a rule (deleted text of a document shown with its tracked changes).
pub(crate) fn without_struck(glyphs: Vec<Glyph>, rules: &[Rule]) -> Vec<Glyph> {
    if rules.is_empty() {
        return glyphs;
    }
    glyphs
        .into_iter()
        .filter(|g| {
            let middle = g.x + g.width / 2.0;
            !rules
                .iter()
                .any(|r| r.x0 <= middle && r.x1 >= middle && r.y >= g.baseline - 0.55 * g.size && r.y <= g.baseline - 0.15 * g.size)
        })
        .collect()
}

/// Groups a page's glyphs into lines, top to bottom; within a line, left to right.
pub(crate) fn page_lines(glyphs: &[Glyph], page: u32) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).filter(|&i| glyphs[i].baseline.is_finite() && glyphs[i].x.is_finite()).collect();
    order.sort_by(|&a, &b| glyphs[a].baseline.total_cmp(&glyphs[b].baseline).then(glyphs[a].x.total_cmp(&glyphs[b].x)));
    // Clusters of glyphs on one baseline: (baseline of the first glyph, largest size, members).
    let mut clusters: Vec<Cluster> = Vec::new();
    for index in order {
        let glyph = &glyphs[index];
        match clusters.last_mut() {
            Some(c) if (glyph.baseline - c.baseline).abs() <= SAME_BASELINE_EM * glyph.size.max(c.size) => {
                c.size = c.size.max(glyph.size);
                c.members.push((index, false));
            }
            _ => clusters.push(Cluster { baseline: glyph.baseline, size: glyph.size, members: vec![(index, false)] }),
        }
    }
    attach_raised(&mut clusters, glyphs);
    clusters.into_iter().filter(|c| !c.members.is_empty()).filter_map(|c| build_line(&c, glyphs, page)).collect()
}

struct Cluster {
    baseline: f32,
    size: f32,
    /// Glyph indices, with whether the glyph is raised above this line's baseline.
    members: Vec<(usize, bool)>,
}

impl Cluster {
    fn x_range(&self, glyphs: &[Glyph]) -> (f32, f32) {
        self.members.iter().fold((f32::MAX, f32::MIN), |(lo, hi), &(i, _)| (lo.min(glyphs[i].x), hi.max(glyphs[i].right())))
    }
}

/// Moves short clusters of small glyphs sitting a little above a line of larger glyphs into that line.
fn attach_raised(clusters: &mut [Cluster], glyphs: &[Glyph]) {
    for i in 0..clusters.len() {
        let small = &clusters[i];
        let printable = small.members.iter().filter(|&&(g, _)| !glyphs[g].text.trim().is_empty()).count();
        if printable == 0 || printable > 12 {
            continue;
        }
        let (lo, hi) = small.x_range(glyphs);
        // The nearest line below whose glyphs are clearly larger and close enough to carry it.
        let target = clusters.iter().enumerate().skip(i + 1).take(3).find(|(_, line)| {
            let rise = line.baseline - small.baseline;
            let (line_lo, line_hi) = line.x_range(glyphs);
            small.size <= RAISED_MAX_SIZE_RATIO * line.size
                && rise > 0.0
                && rise <= 0.75 * line.size
                && lo >= line_lo - 5.0 * line.size
                && hi <= line_hi + 2.0 * line.size
        });
        if let Some((j, _)) = target {
            let moved: Vec<(usize, bool)> = clusters[i].members.drain(..).map(|(g, _)| (g, true)).collect();
            clusters[j].members.extend(moved);
        }
    }
}

/// The most common size among glyphs (weighted by count), rounded to a tenth of a point.
fn dominant_size(sizes: impl Iterator<Item = f32>) -> Option<f32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for size in sizes {
        let key = (size * 10.0).round() as i32;
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(k, n)| (n, k)).map(|(k, _)| k as f32 / 10.0)
}

fn build_line(cluster: &Cluster, glyphs: &[Glyph], page: u32) -> Option<Line> {
    let mut members = cluster.members.clone();
    members.sort_by(|a, b| glyphs[a.0].x.total_cmp(&glyphs[b.0].x));
    let size = dominant_size(members.iter().filter(|m| !m.1).map(|m| glyphs[m.0].size))?;
    let baseline = members.iter().find(|m| !m.1).map_or(cluster.baseline, |m| glyphs[m.0].baseline);
    let last_printable = members.iter().rposition(|m| !glyphs[m.0].text.trim().is_empty())?;
    let mut spans: Vec<Span> = Vec::new();
    let mut builder = SpanBuilder::default();
    let mut previous_right: Option<f32> = None;
    let mut previous_char: Option<char> = None;
    for (position, &(index, raised)) in members.iter().enumerate() {
        let glyph = &glyphs[index];
        if glyph.text.trim().is_empty() {
            builder.pending_space = !builder.text.is_empty();
            continue;
        }
        let gap = previous_right.map_or(0.0, |right| glyph.x - right);
        if gap > SPAN_GAP_EM * size && !builder.text.is_empty() {
            spans.push(builder.finish());
            builder = SpanBuilder { x0: glyph.x, ..SpanBuilder::default() };
        } else if builder.text.is_empty() && builder.markers.is_empty() {
            builder.x0 = glyph.x;
        }
        let first_char = glyph.text.chars().next();
        let unspaced = previous_char.is_some_and(is_unspaced_script) && first_char.is_some_and(is_unspaced_script);
        // The line-end hyphen is drawn a little after its word: it belongs to the word.
        let line_end_hyphen = position == last_printable && is_hyphen(&glyph.text) && gap < 0.6 * size;
        if gap > WORD_GAP_EM * size && !unspaced && !line_end_hyphen && !raised {
            builder.pending_space = !builder.text.is_empty();
        }
        let is_marker = raised && glyph.text.chars().all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '§'));
        if is_marker {
            builder.push_marker(&glyph.text, gap > WORD_GAP_EM * size);
        } else {
            builder.push_text(&glyph.text);
            previous_char = glyph.text.chars().last();
        }
        builder.x1 = builder.x1.max(glyph.right());
        previous_right = Some(glyph.right());
    }
    if !builder.text.is_empty() || !builder.markers.is_empty() {
        spans.push(builder.finish());
    }
    let letters: Vec<Option<bool>> =
        members.iter().filter(|m| !m.1 && glyphs[m.0].text.chars().any(char::is_alphabetic)).map(|m| glyphs[m.0].bold).collect();
    let bold =
        if letters.is_empty() || letters.iter().any(Option::is_none) { None } else { Some(letters.iter().all(|b| *b == Some(true))) };
    (!spans.is_empty()).then_some(Line { page, baseline, size, bold, spans })
}

#[derive(Default)]
struct SpanBuilder {
    x0: f32,
    x1: f32,
    text: String,
    chars: usize,
    markers: Vec<Marker>,
    pending_space: bool,
    /// The last marker stood apart from the word before it (`развития ²`): a space follows anyway.
    marker_open: bool,
}

impl SpanBuilder {
    fn push_text(&mut self, text: &str) {
        if self.pending_space && !self.text.is_empty() {
            self.text.push(' ');
            self.chars += 1;
        }
        self.pending_space = false;
        self.marker_open = false;
        self.text.push_str(text);
        self.chars += text.chars().count();
    }

    /// A raised marker belongs where the word before it ended; digits of one marker come one by one.
    fn push_marker(&mut self, text: &str, after_gap: bool) {
        match self.markers.last_mut() {
            Some(last) if self.marker_open && last.char_offset == self.chars && !after_gap => last.text.push_str(text),
            _ => self.markers.push(Marker { char_offset: self.chars, text: text.to_string() }),
        }
        self.marker_open = true;
    }

    fn finish(self) -> Span {
        Span { x0: self.x0, x1: self.x1, text: self.text, markers: self.markers }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Glyphs for `text` starting at `x`, each char half an em wide, spaces included.
    pub(crate) fn word(text: &str, x: f32, baseline: f32, size: f32) -> Vec<Glyph> {
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            out.push(Glyph { text: c.to_string(), x, baseline, width: size * 0.5, size, bold: Some(false) });
            x += size * 0.5;
        }
        out
    }

    #[test]
    fn glyphs_on_one_baseline_make_one_line_in_x_order() {
        let mut glyphs = word("world", 40.0, 100.0, 10.0);
        glyphs.extend(word("Hello ", 10.0, 100.2, 10.0));
        glyphs.extend(word("Next line", 10.0, 112.0, 10.0));
        let lines = page_lines(&glyphs, 1);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "Hello world");
        assert_eq!(lines[1].text(), "Next line");
    }

    #[test]
    fn gaps_without_space_glyphs_are_word_spaces_and_wide_gaps_split_spans() {
        let mut glyphs = word("12.", 10.0, 100.0, 10.0);
        glyphs.extend(word("The", 45.0, 100.0, 10.0));
        glyphs.extend(word("text", 62.0, 100.0, 10.0));
        let lines = page_lines(&glyphs, 1);
        let spans: Vec<&str> = lines[0].spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(spans, vec!["12.", "The text"]);
    }

    #[test]
    fn raised_small_digits_become_markers_not_text() {
        let mut glyphs = word("отметила", 10.0, 100.0, 10.0);
        glyphs.extend(word("12", 50.0, 96.0, 5.8));
        glyphs.extend(word(", что", 55.8, 100.0, 10.0));
        let lines = page_lines(&glyphs, 1);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].spans[0].text, "отметила, что");
        assert_eq!(lines[0].spans[0].markers, vec![Marker { char_offset: 8, text: "12".into() }]);
    }

    #[test]
    fn line_end_hyphen_drawn_apart_stays_with_its_word() {
        let mut glyphs = word("слово демокра", 10.0, 100.0, 10.0);
        glyphs.extend(word("-", 76.0, 100.0, 10.0));
        assert_eq!(page_lines(&glyphs, 1)[0].text(), "слово демокра-");
    }

    #[test]
    fn cjk_glyphs_are_not_spaced_by_gaps() {
        let mut glyphs = Vec::new();
        for (i, c) in "会议决定".chars().enumerate() {
            glyphs.push(Glyph { text: c.to_string(), x: 10.0 + i as f32 * 12.0, baseline: 100.0, width: 10.0, size: 10.0, bold: None });
        }
        assert_eq!(page_lines(&glyphs, 1)[0].text(), "会议决定");
    }

    #[test]
    fn footnote_number_in_the_gutter_is_a_marker_of_its_line() {
        let mut glyphs = word("1", 98.5, 773.5, 5.8);
        glyphs.extend(word("Резолюция 79/1.", 126.8, 777.4, 8.5));
        let lines = page_lines(&glyphs, 1);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].spans[0].markers, vec![Marker { char_offset: 0, text: "1".into() }]);
        assert_eq!(lines[0].text(), "Резолюция 79/1.");
        assert!((lines[0].size - 8.5).abs() < 0.01);
    }

    #[test]
    fn struck_through_glyphs_are_deleted_text() {
        let mut glyphs = word("kept ", 10.0, 100.0, 10.0);
        glyphs.extend(word("gone", 35.0, 100.0, 10.0));
        glyphs.extend(word(" also", 55.0, 100.0, 10.0));
        let strike = Rule { x0: 35.0, x1: 55.0, y: 97.0 };
        let underline = Rule { x0: 10.0, x1: 30.0, y: 101.5 };
        let separator = Rule { x0: 10.0, x1: 100.0, y: 120.0 };
        assert_eq!(free_rules(&[strike, underline, separator], &glyphs), vec![separator]);
        let lines = page_lines(&without_struck(glyphs, &[strike, underline]), 1);
        assert_eq!(lines[0].text(), "kept also");
    }

    #[test]
    fn bold_is_known_only_when_every_font_says() {
        let mut glyphs = word("Heading", 10.0, 100.0, 12.0);
        for g in &mut glyphs {
            g.bold = Some(true);
        }
        assert_eq!(page_lines(&glyphs, 1)[0].bold, Some(true));
        for g in &mut glyphs {
            g.bold = None;
        }
        assert_eq!(page_lines(&glyphs, 1)[0].bold, None);
    }
}
