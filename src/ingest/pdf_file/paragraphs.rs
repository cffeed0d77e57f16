//! Body lines → paragraphs and headings; footnote-zone lines → footnotes; markers linked.
//!
//! A new block starts at a gutter label, a change of size or weight, a vertical gap wider than
//! the leading, an indent or outdent against the block's own lines, or after a ragged line that
//! ends a sentence. Lines are joined with the document's own vocabulary deciding line-end hyphens.

use super::lines::{Line, is_unspaced_script};
use super::zones::Zoned;
use crate::ingest::dehyphen::{Join, Vocabulary, decide};
use crate::ingest::{LabelKind, RawBlock, RawHint, parse_label};
use crate::store::{FootnoteRef, SourceSpan};
use rustc_hash::FxHashMap;

/// How far (in ems) a line may start from the block's own left edge and still continue it.
const INDENT_TOLERANCE_EM: f32 = 0.8;
/// A baseline step this many times the usual leading means a paragraph gap.
const GAP_FACTOR: f32 = 1.3;
/// A line ending this many ems short of the right edge is ragged (the last line of a paragraph).
const RAGGED_EM: f32 = 2.0;

/// A line as the paragraph builder sees it: label split off, x relative to the page's body edges.
#[derive(Clone, Debug)]
struct LineView {
    page: u32,
    baseline: f32,
    size: f32,
    bold: Option<bool>,
    /// Left edge of the line (label included), from the page's body left edge.
    x0: f32,
    /// Left edge of the text after the label.
    text_x: f32,
    /// Space left before the page's right edge.
    right_gap: f32,
    /// Estimated width of the first word (for telling a wrapped line from one ended on purpose).
    first_word_width: f32,
    /// Absolute box, for the block's rectangle.
    rect: [f32; 4],
    label: Option<String>,
    bullet: bool,
    text: String,
    /// Markers as (char offset into `text`, mark).
    markers: Vec<(usize, String)>,
}

/// Builds the raw blocks of a document from its zoned pages; footnotes come after the body.
pub(crate) fn raw_blocks(pages: &[Zoned], body_size: f32) -> Vec<RawBlock> {
    let page_edges = edges_by_page(pages);
    let views: Vec<LineView> = pages.iter().zip(&page_edges).flat_map(|(p, &e)| page_views(&p.body, e)).collect();
    let notes: Vec<LineView> = pages.iter().zip(&page_edges).flat_map(|(p, &e)| page_views(&p.notes, e)).collect();
    let vocabulary = vocabulary(&views, &notes);
    let leading = typical_leading(&views);
    let justified = is_justified(&views, body_size);
    let mut body = Vec::new();
    let mut current: Option<Building> = None;
    let mut previous: Option<&LineView> = None;
    for view in &views {
        let continues = match (&current, previous) {
            (Some(block), Some(prev)) => !starts_block(prev, block, view, &Flow { leading: &leading, justified, body_size }),
            _ => false,
        };
        if continues && let Some(block) = current.as_mut() {
            block.push(view, &vocabulary);
        } else {
            body.extend(current.take().map(|b| b.finish(body_size)));
            current = Some(Building::start(view));
        }
        previous = Some(view);
    }
    body.extend(current.take().map(|b| b.finish(body_size)));
    let footnotes = footnotes(&notes, &vocabulary);
    link_markers(&mut body, &footnotes);
    body.extend(footnotes.into_iter().map(|n| n.block));
    body
}

/// The label a line starts with when it stands apart in the gutter (`12.`, `a)`, `II.`, `•`).
fn gutter_label(line: &Line) -> Option<(String, bool)> {
    if line.spans.len() < 2 {
        return None;
    }
    let first = line.spans[0].text.trim();
    if first.chars().count() > 8 || !line.spans[0].markers.is_empty() {
        return None;
    }
    let label = parse_label(&format!("{first} x"))?;
    match label.kind {
        LabelKind::Bullet => Some((String::new(), true)),
        _ if label.text == first => Some((first.to_string(), false)),
        _ => None,
    }
}

/// A label shown with the one it replaced, as a document with tracked changes prints a
/// renumbered paragraph (`d)[c)] text`, `8.[10.] text`): the current label and the text after it.
fn changed_label(text: &str) -> Option<(String, String)> {
    let (token, rest) = text.split_once(' ')?;
    let (current, old) = token.strip_suffix(']')?.split_once('[')?;
    let is_label = |l: &str| parse_label(&format!("{l} x")).is_some_and(|p| p.text == l);
    (is_label(current) && is_label(old)).then(|| (current.to_string(), rest.to_string()))
}

/// Body left and right edges of some lines: where most lines start and where full lines end.
fn edges(lines: &[Line]) -> (f32, f32) {
    let mut starts: FxHashMap<i32, usize> = FxHashMap::default();
    for line in lines {
        *starts.entry(line.x0().round() as i32).or_default() += 1;
    }
    let left = starts.into_iter().max_by_key(|&(x, n)| (n, -x)).map_or(0.0, |(x, _)| x as f32);
    let mut ends: Vec<f32> = lines.iter().map(Line::x1).collect();
    ends.sort_by(f32::total_cmp);
    let right = ends.get(ends.len() * 4 / 5).copied().unwrap_or(0.0);
    (left, right)
}

/// The body edges of each page: the document's, or those of odd and even pages when the margins
/// are mirrored (both edges shift together between odd and even pages). Edges come from many
/// pages because one page may hold only short lines (a list of names) or only indented ones.
fn edges_by_page(pages: &[Zoned]) -> Vec<(f32, f32)> {
    let lines_of = |odd: Option<bool>| -> Vec<Line> {
        pages.iter().flat_map(|p| &p.body).filter(|l| odd.is_none_or(|o| (l.page % 2 == 1) == o)).cloned().collect()
    };
    let document = edges(&lines_of(None));
    let (odd, even) = (lines_of(Some(true)), lines_of(Some(false)));
    let (odd_edges, even_edges) = (edges(&odd), edges(&even));
    let shift = odd_edges.0 - even_edges.0;
    let mirrored = odd.len() >= 20 && even.len() >= 20 && shift.abs() > 3.0 && (shift - (odd_edges.1 - even_edges.1)).abs() < 2.0;
    pages
        .iter()
        .map(|p| {
            let page = p.body.first().or(p.notes.first()).map_or(1, |l| l.page);
            match (mirrored, page % 2 == 1) {
                (false, _) => document,
                (true, true) => odd_edges,
                (true, false) => even_edges,
            }
        })
        .collect()
}

/// Lines as the builder sees them, x measured from the body's left edge.
fn page_views(lines: &[Line], (left, right): (f32, f32)) -> Vec<LineView> {
    lines
        .iter()
        .map(|line| {
            let (mut label, bullet, skip) = match gutter_label(line) {
                Some((label, bullet)) => ((!bullet).then_some(label), bullet, 1),
                None => (None, false, 0),
            };
            let mut text = String::new();
            let mut chars = 0usize;
            let mut markers = Vec::new();
            for span in &line.spans[skip..] {
                if !text.is_empty() && !span.text.is_empty() {
                    text.push(' ');
                    chars += 1;
                }
                markers.extend(span.markers.iter().map(|m| (chars + m.char_offset, m.text.clone())));
                text.push_str(&span.text);
                chars += span.text.chars().count();
            }
            if label.is_none()
                && !bullet
                && let Some((written, rest)) = changed_label(&text)
            {
                let taken = text.chars().count() - rest.chars().count();
                markers = markers.into_iter().filter(|(o, _)| *o >= taken).map(|(o, m)| (o - taken, m)).collect();
                label = Some(written);
                text = rest;
            }
            let text_x = line.spans.get(skip).map_or(line.x0(), |s| s.x0);
            let char_width = (line.x1() - text_x) / text.chars().count().max(1) as f32;
            let first_word_width = text.split(' ').next().map_or(0, |w| w.chars().count()) as f32 * char_width;
            LineView {
                page: line.page,
                baseline: line.baseline,
                size: line.size,
                bold: line.bold,
                x0: line.x0() - left,
                text_x: text_x - left,
                right_gap: right - line.x1(),
                first_word_width,
                rect: [line.x0(), line.top(), line.x1(), line.baseline + line.size * 0.25],
                label,
                bullet,
                text,
                markers,
            }
        })
        .collect()
}

/// The usual baseline step per font size (tenths of a point), from consecutive lines of one size.
fn typical_leading(views: &[LineView]) -> FxHashMap<i32, f32> {
    let mut steps: FxHashMap<i32, FxHashMap<i32, usize>> = FxHashMap::default();
    for pair in views.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let step = b.baseline - a.baseline;
        if a.page == b.page && (a.size - b.size).abs() < 0.3 && step > 0.0 && step < 3.0 * a.size {
            *steps.entry(size_key(a.size)).or_default().entry((step * 10.0).round() as i32).or_default() += 1;
        }
    }
    steps
        .into_iter()
        .filter_map(|(size, counts)| counts.into_iter().max_by_key(|&(step, n)| (n, -step)).map(|(step, _)| (size, step as f32 / 10.0)))
        .collect()
}

fn size_key(size: f32) -> i32 {
    (size * 10.0).round() as i32
}

fn ends_sentence(text: &str) -> bool {
    matches!(text.trim_end().chars().last(), Some('.' | ';' | ':' | '!' | '?' | '。' | '；' | '：' | '！' | '？'))
}

/// Whether `prev` ended before the right edge although `line`'s first word would have fitted:
/// the line was ended on purpose (a paragraph's last line, a line break), not wrapped.
fn ended_early(prev: &LineView, line: &LineView) -> bool {
    let em = line.size.max(prev.size);
    prev.right_gap > RAGGED_EM * em && prev.right_gap > 1.3 * line.first_word_width + em
}

/// What is known of the document's flow of body text.
struct Flow<'a> {
    /// Usual baseline step per size.
    leading: &'a FxHashMap<i32, f32>,
    /// Body paragraphs are justified: a body line short of the right edge ends its paragraph.
    justified: bool,
    body_size: f32,
}

/// Whether most body-size lines reach the right edge (justified text).
fn is_justified(views: &[LineView], body_size: f32) -> bool {
    let body: Vec<&LineView> = views.iter().filter(|v| (v.size - body_size).abs() < 0.3).collect();
    let full = body.iter().filter(|v| v.right_gap.abs() < 1.0).count();
    body.len() >= 10 && full * 2 >= body.len()
}

/// Whether `line` starts a new block after `prev`, the last line of `block`.
fn starts_block(prev: &LineView, block: &Building, line: &LineView, flow: &Flow<'_>) -> bool {
    let leading = flow.leading;
    if line.label.is_some() || line.bullet {
        return true;
    }
    let em = line.size.max(prev.size);
    if (line.size - prev.size).abs() > 0.4 || matches!((line.bold, prev.bold), (Some(a), Some(b)) if a != b) {
        return true;
    }
    if line.page == prev.page {
        let usual = leading.get(&size_key(line.size)).copied().unwrap_or(line.size * 1.2);
        if line.baseline - prev.baseline > usual * GAP_FACTOR {
            return true;
        }
        // A line above the previous one: another column or a jump in the flow.
        if line.baseline < prev.baseline - 0.5 * em {
            return true;
        }
    }
    let tolerance = INDENT_TOLERANCE_EM * em;
    let known_edge = match block.continuation_x {
        Some(x) => (line.x0 - x).abs() <= tolerance,
        // The second line: back under the label, under the text, out from a first-line indent, or
        // in from a full first line hanging in the gutter (a heading's hanging indent).
        None => {
            (line.x0 - block.first_x).abs() <= tolerance
                || (line.x0 - block.text_x).abs() <= tolerance
                || line.x0 < block.first_x
                || !ended_early(prev, line) && !ends_sentence(&prev.text)
        }
    };
    // Lines set flush right away from the left edge (a signature, a date under it) go together.
    let flush_right = |l: &LineView| l.right_gap.abs() < 0.2 * em && l.x0 > 8.0 * em;
    if flush_right(prev) && flush_right(line) {
        return false;
    }
    if !known_edge {
        return true;
    }
    // Justified body text reaches the right edge on every line but a paragraph's last (headings
    // and other larger or bold lines are set ragged).
    let short_body_line =
        flow.justified && (prev.size - flow.body_size).abs() < 0.3 && prev.bold != Some(true) && prev.right_gap > RAGGED_EM * em;
    if (ended_early(prev, line) || short_body_line) && !prev.text.ends_with('-') {
        return true;
    }
    // A label written into the text (`a) text` without a tab) after a finished clause.
    let inline_label = parse_label(&line.text).is_some_and(|l| l.kind != LabelKind::Bullet);
    inline_label && (ends_sentence(&prev.text) || prev.text.trim_end().ends_with(','))
}

/// A block being built from lines.
struct Building {
    label: Option<String>,
    bullet: bool,
    text: String,
    chars: usize,
    markers: Vec<(usize, String)>,
    first_x: f32,
    text_x: f32,
    continuation_x: Option<f32>,
    size: f32,
    bold: Option<bool>,
    page: u32,
    last_page: u32,
    rect: [f32; 4],
}

impl Building {
    fn start(line: &LineView) -> Self {
        Self {
            label: line.label.clone(),
            bullet: line.bullet,
            text: line.text.clone(),
            chars: line.text.chars().count(),
            markers: line.markers.clone(),
            first_x: line.x0,
            text_x: line.text_x,
            continuation_x: None,
            size: line.size,
            bold: line.bold,
            page: line.page,
            last_page: line.page,
            rect: line.rect,
        }
    }

    fn push(&mut self, line: &LineView, vocabulary: &Vocabulary) {
        if self.continuation_x.is_none() {
            self.continuation_x = Some(line.x0);
        }
        let offset = join_line(&mut self.text, &line.text, vocabulary);
        self.chars = offset;
        self.markers.extend(line.markers.iter().map(|(o, m)| (offset + o, m.clone())));
        self.chars += line.text.chars().count();
        if line.page == self.page {
            self.rect = [self.rect[0].min(line.rect[0]), self.rect[1], self.rect[2].max(line.rect[2]), line.rect[3]];
        }
        self.last_page = line.page;
        if self.bold != line.bold {
            self.bold = None;
        }
    }

    fn finish(self, body_size: f32) -> RawBlock {
        let short = self.chars <= 300;
        let hint = if self.bullet {
            RawHint::Bullet
        } else if short && self.size >= body_size * 1.3 {
            RawHint::Heading(1)
        } else if short && self.size >= body_size * 1.1 {
            RawHint::Heading(2)
        } else if short && self.bold == Some(true) {
            RawHint::Heading(3)
        } else {
            RawHint::None
        };
        RawBlock {
            text: self.text,
            hint,
            source: SourceSpan::Pdf { page: self.page, last_page: self.last_page, rect: self.rect },
            label: self.label,
            // Markers wait here with number 0 and their mark until `link_markers` resolves them.
            footnote_refs: self.markers.into_iter().map(|(char_offset, mark)| FootnoteRef { number: 0, char_offset, mark }).collect(),
        }
    }
}

/// Appends a line to a block's text and returns the char offset where the line's text starts.
fn join_line(text: &mut String, next: &str, vocabulary: &Vocabulary) -> usize {
    let last = text.chars().last();
    let before_last = text.chars().rev().nth(1);
    if last == Some('\u{AD}') {
        text.pop();
    } else if last == Some('-') && before_last.is_some_and(char::is_alphabetic) {
        if decide(vocabulary, text, next) == Join::Word {
            text.pop();
        }
    } else if last == Some('/') && next.chars().next().is_some_and(char::is_alphanumeric) {
        // A symbol or path broken after a slash (`A/AC.292/2023/` + `L.1`).
    } else {
        // Two characters of a script written without spaces join directly (CJK, Thai).
        let unspaced = last.is_some_and(is_unspaced_script) && next.chars().next().is_some_and(is_unspaced_script);
        if !text.is_empty() && !unspaced {
            text.push(' ');
        }
    }
    let offset = text.chars().count();
    text.push_str(next);
    offset
}

/// The document's vocabulary: words seen whole inside lines of the body and the notes.
fn vocabulary(body: &[LineView], notes: &[LineView]) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for lines in [body, notes] {
        let mut previous_broken = false;
        for line in lines {
            let broken = line.text.trim_end().ends_with('-');
            vocabulary.add_line(&line.text, previous_broken, broken);
            previous_broken = broken;
        }
    }
    vocabulary
}

/// A footnote read from the zone, with its printed mark.
struct Note {
    mark: String,
    block: RawBlock,
}

/// Groups footnote-zone lines into footnotes: a line starting with a mark opens one, other lines
/// continue the open one (also across a page break).
fn footnotes(lines: &[LineView], vocabulary: &Vocabulary) -> Vec<Note> {
    let mut notes: Vec<(String, Building)> = Vec::new();
    let mut custom_marks = 0u32;
    for line in lines {
        match line_note_mark(line) {
            Some((mark, rest)) => {
                let mut start = line.clone();
                start.text = rest;
                start.markers.clear();
                notes.push((mark, Building::start(&start)));
            }
            None => {
                if let Some((_, note)) = notes.last_mut() {
                    let mut line = line.clone();
                    line.markers.clear();
                    note.push(&line, vocabulary);
                }
            }
        }
    }
    notes
        .into_iter()
        .map(|(mark, building)| {
            let mut block = building.finish(f32::MAX);
            block.footnote_refs.clear();
            let number = match mark.parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    custom_marks += 1;
                    block.label = Some(mark.clone());
                    custom_marks
                }
            };
            block.hint = RawHint::Footnote(number);
            Note { mark, block }
        })
        .collect()
}

/// A footnote line's mark and its text without it.
fn line_note_mark(line: &LineView) -> Option<(String, String)> {
    if let Some((0, mark)) = line.markers.first() {
        return Some((mark.clone(), line.text.clone()));
    }
    // A mark at normal size stands first, apart from the text.
    let (first, rest) = line.text.split_once(' ')?;
    let is_mark = (first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit())) || matches!(first, "*" | "**" | "†" | "‡");
    (is_mark && line.text_x > line.x0 + 0.5 * line.size).then(|| (first.to_string(), rest.to_string()))
}

/// Turns body markers that name a footnote into references; puts the others back into the text.
fn link_markers(body: &mut [RawBlock], notes: &[Note]) {
    let numbers: FxHashMap<&str, u32> = notes.iter().map(|n| (n.mark.as_str(), hint_number(&n.block))).collect();
    for block in body {
        let pending = std::mem::take(&mut block.footnote_refs);
        let mut kept: Vec<FootnoteRef> = Vec::new();
        for marker in pending.into_iter().rev() {
            match numbers.get(marker.mark.as_str()) {
                Some(&number) => {
                    let mark = if marker.mark.parse::<u32>().is_ok() { String::new() } else { marker.mark };
                    kept.push(FootnoteRef { number, char_offset: marker.char_offset, mark });
                }
                None => {
                    // Not a footnote (an exponent, an ordinal): it is text after all.
                    let byte = crate::text::byte_offset(&block.text, marker.char_offset);
                    block.text.insert_str(byte, &marker.mark);
                    let added = marker.mark.chars().count();
                    for later in &mut kept {
                        later.char_offset += added;
                    }
                }
            }
        }
        kept.reverse();
        block.footnote_refs = kept;
    }
}

fn hint_number(block: &RawBlock) -> u32 {
    match block.hint {
        RawHint::Footnote(n) => n,
        _ => 0,
    }
}
