//! Markdown through a CommonMark parser (pulldown-cmark, with tables, footnotes and front
//! matter): headings with their level, each list item its own block with its marker as label,
//! emphasis and links reduced to their text, inline and block HTML read (`html`), footnote
//! markers recorded as [`FootnoteRef`](crate::store::FootnoteRef)s, paragraphs cut by a page
//! break joined again.

mod buf;
mod html;
#[cfg(test)]
mod tests;

use super::{RawBlock, RawHint, parse_label};
use crate::ingest::LabelKind;
use crate::store::SourceSpan;
use buf::TextBuf;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;

/// A line of a paragraph this long (in characters) is a whole paragraph, not a hard-wrapped
/// line: files written one paragraph per line put no blank line between paragraphs.
const WHOLE_PARAGRAPH_LINE: usize = 160;
/// A line shorter than this ended by a forced break is a unit of its own; longer ones are a
/// paragraph wrapped by hand.
const FORCED_LINE: usize = 60;

/// Splits Markdown text into raw blocks.
pub(crate) fn raw_blocks(text: &str) -> Vec<RawBlock> {
    let source = blank_attribute_lines(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS;
    let mut reader = Reader::new(&source);
    for (event, range) in Parser::new_ext(&source, options).into_offset_iter() {
        reader.event(event, range);
    }
    reader.finish()
}

/// Kramdown attribute lists on lines of their own (`{: #id .class}`) are styling, not text:
/// blanked out (byte offsets kept) before parsing.
fn blank_attribute_lines(text: &str) -> Cow<'_, str> {
    if !text.contains("{:") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        if trimmed.starts_with("{:") && trimmed.ends_with('}') {
            out.extend(std::iter::repeat_n(' ', body.len()));
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// A list item's marker, waiting for the item's first block.
#[derive(Clone, Debug)]
enum Marker {
    /// `12.` or `12)`.
    Ordered(String),
    /// `-`, `*`, `+`.
    Bullet,
}

/// A block being read.
struct Leaf {
    buf: TextBuf,
    hint: RawHint,
    start: usize,
    marker: Option<Marker>,
    /// A Markdown paragraph (or a tight list item's text): may be continued across a page break.
    paragraph: bool,
    strong_depth: u32,
    /// Visible text outside `**…**` was seen: the block is not a bold title line.
    plain: bool,
    strong: bool,
    /// Line breaks: byte offset in the text, byte offset of the next line in the source, and
    /// whether the author forced it with `<br>`.
    breaks: Vec<(usize, usize, bool)>,
    /// A `<br>` was seen since the last line break.
    br_pending: bool,
    /// A table cell began: a ` | ` goes before its first text.
    cell_pending: bool,
    /// Label of a footnote with a name instead of a number (`[^note]`).
    footnote_mark: Option<String>,
}

/// A finished block with what the page-break join needs to know.
struct Piece {
    buf: TextBuf,
    hint: RawHint,
    label: Option<String>,
    lines: Range<usize>,
    paragraph: bool,
    item: bool,
}

struct Reader<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
    pieces: Vec<Piece>,
    leaf: Option<Leaf>,
    marker: Option<Marker>,
    in_footnote: bool,
    footnote_ids: FxHashMap<String, (u32, String)>,
    metadata: bool,
    html: Option<(String, usize)>,
    links: Vec<(usize, String)>,
    sup: Option<String>,
}

impl<'s> Reader<'s> {
    fn new(source: &'s str) -> Self {
        let line_starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Self {
            source,
            line_starts,
            pieces: Vec::new(),
            leaf: None,
            marker: None,
            in_footnote: false,
            footnote_ids: FxHashMap::default(),
            metadata: false,
            html: None,
            links: Vec::new(),
            sup: None,
        }
    }

    /// 1-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) if self.metadata => drop(text),
            Event::Text(text) => self.text(&text, range.start),
            Event::Code(code) => self.push_text(&code, range.start),
            Event::Html(html) | Event::InlineHtml(html) => match self.html.as_mut() {
                Some((raw, _)) => raw.push_str(&html),
                None => self.inline_html(&html, range.start),
            },
            Event::FootnoteReference(name) => {
                let (number, mark) = self.footnote_id(&name);
                self.leaf_at(range.start).buf.mark(number, &mark);
            }
            Event::SoftBreak | Event::HardBreak => {
                let leaf = self.leaf_at(range.start);
                // Only an explicit `<br>` counts: trailing spaces are often there by accident.
                let forced = std::mem::take(&mut leaf.br_pending);
                leaf.breaks.push((leaf.buf.text.len(), range.end, forced));
                leaf.buf.line_break();
            }
            Event::Rule => self.close_leaf(range.start),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.push_text(&math, range.start),
            Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Paragraph if self.in_footnote => {
                if let Some(leaf) = self.leaf.as_mut() {
                    leaf.buf.line_break();
                }
            }
            Tag::Paragraph => self.open(RawHint::None, true, range.start),
            Tag::Heading { level, .. } => self.open(RawHint::Heading(level as u8), false, range.start),
            Tag::CodeBlock(_) => self.open(RawHint::None, false, range.start),
            Tag::HtmlBlock => {
                self.close_leaf(range.start);
                self.html = Some((String::new(), range.start));
            }
            Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) => self.close_leaf(range.start),
            Tag::Item => {
                self.close_leaf(range.start);
                self.marker = read_marker(&self.source[range.start..]);
            }
            Tag::FootnoteDefinition(name) => {
                let (number, mark) = self.footnote_id(&name);
                self.open(RawHint::Footnote(number), false, range.start);
                if let Some(leaf) = self.leaf.as_mut() {
                    leaf.footnote_mark = (!mark.is_empty()).then_some(mark);
                }
                self.in_footnote = true;
            }
            Tag::TableHead | Tag::TableRow => self.open(RawHint::None, false, range.start),
            Tag::TableCell => self.leaf_at(range.start).cell_pending = true,
            Tag::Strong => {
                let leaf = self.leaf_at(range.start);
                leaf.strong_depth += 1;
                leaf.strong = true;
            }
            Tag::Link { dest_url, .. } => {
                let at = self.leaf_at(range.start).buf.char_len();
                self.links.push((at, dest_url.into_string()));
            }
            Tag::MetadataBlock(_) => self.metadata = true,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph if self.in_footnote => {}
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::TableHead | TagEnd::TableRow => self.close_leaf(range.end),
            TagEnd::FootnoteDefinition => {
                self.in_footnote = false;
                self.close_leaf(range.end);
            }
            TagEnd::HtmlBlock => {
                if let Some((raw, start)) = self.html.take() {
                    self.html_block(&raw, start);
                }
            }
            TagEnd::Item => {
                self.close_leaf(range.end);
                self.marker = None;
            }
            TagEnd::Strong => {
                if let Some(leaf) = self.leaf.as_mut() {
                    leaf.strong_depth = leaf.strong_depth.saturating_sub(1);
                }
            }
            TagEnd::Link => {
                if let Some((at, url)) = self.links.pop()
                    && self.leaf.as_ref().is_some_and(|l| l.buf.char_len() == at)
                {
                    // `[](https://…)`: the address is all there is to read.
                    self.push_text(&url, range.start);
                }
            }
            TagEnd::MetadataBlock(_) => self.metadata = false,
            _ => {}
        }
    }

    /// Opens a block; a list item's marker goes to the item's first block.
    fn open(&mut self, hint: RawHint, paragraph: bool, start: usize) {
        self.close_leaf(start);
        self.leaf = Some(Leaf {
            buf: TextBuf::default(),
            hint,
            start,
            marker: self.marker.take(),
            paragraph,
            strong_depth: 0,
            plain: false,
            strong: false,
            breaks: Vec::new(),
            br_pending: false,
            cell_pending: false,
            footnote_mark: None,
        });
    }

    /// The open block, opening a paragraph for text outside any (a tight list item's text).
    fn leaf_at(&mut self, start: usize) -> &mut Leaf {
        if self.leaf.is_none() {
            self.open(RawHint::None, true, start);
        }
        self.leaf.as_mut().unwrap_or_else(|| unreachable!("opened just above"))
    }

    fn text(&mut self, text: &str, start: usize) {
        if let Some(sup) = self.sup.as_mut() {
            sup.push_str(text);
            return;
        }
        self.push_text(text, start);
    }

    fn push_text(&mut self, text: &str, start: usize) {
        let leaf = self.leaf_at(start);
        if leaf.cell_pending && !text.trim().is_empty() {
            leaf.cell_pending = false;
            if !leaf.buf.is_empty() {
                leaf.buf.push_str(" | ");
            }
        }
        if leaf.strong_depth == 0 && !text.trim().is_empty() {
            leaf.plain = true;
        }
        leaf.buf.push_str(text);
    }

    /// HTML inside a paragraph: `<br>` is a space, `<sup>1</sup>` a footnote marker; other tags
    /// are dropped with their text kept.
    fn inline_html(&mut self, raw: &str, start: usize) {
        let Some(tag) = html::parse_tag(raw.trim_start()) else {
            if !raw.trim_start().starts_with("<!--") {
                self.push_text(&html::decode_entities(raw), start);
            }
            return;
        };
        match (tag.name.as_str(), tag.closing) {
            ("br", _) => {
                let leaf = self.leaf_at(start);
                leaf.buf.space();
                leaf.br_pending = true;
            }
            ("sup", false) => self.sup = Some(String::new()),
            ("sup", true) => {
                let Some(sup) = self.sup.take() else { return };
                match html::footnote_mark(&sup) {
                    Some((number, mark)) => self.leaf_at(start).buf.mark(number.unwrap_or(0), mark),
                    None => self.push_text(&sup, start),
                }
            }
            _ => {}
        }
    }

    fn html_block(&mut self, raw: &str, start: usize) {
        for piece in html::html_blocks(raw) {
            let at = start + piece.offset;
            let line = self.line_of(at);
            let item = self.marker.is_some();
            let mut buf = piece.buf;
            let mut hint = piece.hint;
            apply_marker(&mut buf, &mut hint, self.marker.take());
            self.pieces.push(Piece { buf, hint, label: None, lines: line..line + 1, paragraph: false, item });
        }
    }

    fn footnote_id(&mut self, name: &str) -> (u32, String) {
        if let Ok(number) = name.trim().parse::<u32>() {
            return (number, String::new());
        }
        let next = self.footnote_ids.len() as u32 + 1;
        self.footnote_ids.entry(name.to_string()).or_insert_with(|| (next, name.to_string())).clone()
    }

    /// Finishes the open block, if any.
    fn close_leaf(&mut self, end: usize) {
        let Some(leaf) = self.leaf.take() else { return };
        self.sup = None;
        let first_line = self.line_of(leaf.start);
        let last_line = self.line_of(end.saturating_sub(1).max(leaf.start)) + 1;
        let item = leaf.marker.is_some();
        let bold_title = leaf.strong && !leaf.plain && leaf.hint == RawHint::None && !leaf.buf.is_empty();
        let mut parts: Vec<(TextBuf, RawHint, Range<usize>)> = if bold_title {
            // A bold line is a heading; `**Title****I. Introduction**` is two glued together.
            split_glued_bold(leaf.buf)
                .into_iter()
                .map(|b| {
                    let hint = bold_heading(&b);
                    (b, hint, first_line..last_line)
                })
                .collect()
        } else if leaf.hint == RawHint::None && leaf.footnote_mark.is_none() && !leaf.breaks.is_empty() {
            self.split_lines(leaf.buf, &leaf.breaks, first_line..last_line)
        } else {
            vec![(leaf.buf, leaf.hint, first_line..last_line)]
        };
        for (buf, _, _) in &mut parts {
            buf.remove_escapes();
            strip_attribute_list(buf);
        }
        if let Some((buf, hint, _)) = parts.first_mut() {
            apply_marker(buf, hint, leaf.marker);
        }
        let label = leaf.footnote_mark;
        for (buf, hint, lines) in parts {
            if !buf.is_empty() {
                let paragraph = leaf.paragraph && hint == RawHint::None;
                self.pieces.push(Piece { buf, hint, label: label.clone(), lines, paragraph, item });
            }
        }
    }

    /// Splits a paragraph at line breaks before a line that starts with a label (`2.`, `b)`,
    /// `•`), after a line that is a whole paragraph (long, ending a sentence), or after a short
    /// line the author ended with a forced break (the lines of an address, a signature block).
    fn split_lines(&self, mut buf: TextBuf, breaks: &[(usize, usize, bool)], lines: Range<usize>) -> Vec<(TextBuf, RawHint, Range<usize>)> {
        let mut cuts = Vec::new();
        let mut segment_start = 0;
        // Offsets were taken while the text grew, so they are char boundaries in order.
        let breaks: Vec<(usize, usize, bool)> = breaks.iter().copied().filter(|&(at, _, _)| buf.text.is_char_boundary(at)).collect();
        for (i, &(at, source_at, forced)) in breaks.iter().enumerate() {
            let segment_end = breaks.get(i + 1).map_or(buf.text.len(), |b| b.0);
            let previous = buf.text[segment_start..at].trim();
            let next = buf.text[at..segment_end].trim();
            let labelled = parse_label(next).is_some();
            let whole_line = previous.chars().count() >= WHOLE_PARAGRAPH_LINE
                && crate::text::ends_sentence(previous)
                && !next.chars().next().is_some_and(char::is_lowercase);
            let forced_short = forced && previous.chars().count() < FORCED_LINE;
            if labelled || whole_line || forced_short {
                cuts.push((at, self.line_of(source_at)));
            }
            segment_start = at;
        }
        let mut parts = Vec::new();
        let mut end_line = lines.end;
        for &(at, line) in cuts.iter().rev() {
            let tail = buf.split_off(at);
            parts.push((tail, RawHint::None, line..end_line));
            end_line = line;
        }
        parts.push((buf, RawHint::None, lines.start..end_line));
        parts.reverse();
        parts
    }

    fn finish(mut self) -> Vec<RawBlock> {
        self.close_leaf(self.source.len());
        let mut out: Vec<Piece> = Vec::with_capacity(self.pieces.len());
        for piece in self.pieces {
            if let Some(previous) = out.last_mut()
                && piece.paragraph
                && !piece.item
                && previous.paragraph
                && continues(&previous.buf.text, &piece.buf.text)
            {
                // A page break cut the previous paragraph: join the two again.
                previous.buf.append(piece.buf);
                previous.lines.end = piece.lines.end;
                continue;
            }
            out.push(piece);
        }
        out.into_iter()
            .map(|p| RawBlock {
                text: p.buf.text,
                hint: p.hint,
                source: SourceSpan::lines(p.lines.start as u32..p.lines.end as u32),
                label: p.label,
                footnote_refs: p.buf.refs,
            })
            .collect()
    }
}

/// The marker of the list item starting at the beginning of `s` (after indentation and `>`).
fn read_marker(s: &str) -> Option<Marker> {
    let s = s.trim_start_matches([' ', '\t', '>']);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 9 && matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
        return Some(Marker::Ordered(s[..=digits].to_string()));
    }
    matches!(s.as_bytes().first(), Some(b'-' | b'*' | b'+')).then_some(Marker::Bullet)
}

/// A list item's marker on its first block: a number becomes the label; a bullet before a label
/// of its own (`- a) text`) gives way to it, otherwise the block is a bullet item.
fn apply_marker(buf: &mut TextBuf, hint: &mut RawHint, marker: Option<Marker>) {
    match marker {
        Some(Marker::Ordered(number)) if !buf.is_empty() => buf.prepend(&number),
        Some(Marker::Bullet) if *hint == RawHint::None && !parse_label(&buf.text).is_some_and(|l| l.kind != LabelKind::Bullet) => {
            *hint = RawHint::Bullet;
        }
        _ => {}
    }
}

/// Drops a trailing kramdown attribute list (`Title {: #id}`).
fn strip_attribute_list(buf: &mut TextBuf) {
    if buf.text.ends_with('}')
        && let Some(at) = buf.text.rfind("{:")
    {
        let tail = buf.split_off(at);
        drop(tail);
    }
}

/// `**A****B**` reads as one bold run holding `****`: two bold lines glued together.
fn split_glued_bold(mut buf: TextBuf) -> Vec<TextBuf> {
    let mut parts = Vec::new();
    while let Some(at) = buf.text.rfind("****") {
        let mut tail = buf.split_off(at);
        let rest = tail.split_off(4);
        parts.push(rest);
    }
    parts.push(buf);
    parts.reverse();
    parts.retain(|p| !p.text.trim_matches('*').trim().is_empty());
    parts
}

/// The level of a bold title line: a part (`II.`) 2, a section (`A.`) 3, a title 1.
fn bold_heading(buf: &TextBuf) -> RawHint {
    RawHint::Heading(match parse_label(&buf.text).map(|l| l.kind) {
        Some(LabelKind::Roman) => 2,
        Some(LabelKind::Section) => 3,
        _ => 1,
    })
}

/// Whether a paragraph continues the one before it across a page break: the previous one is
/// left unfinished and this one starts in lower case (or with a number and a lower-case word),
/// or the previous one announces a link (`…at the following address:`) and this is the link.
fn continues(previous: &str, text: &str) -> bool {
    if parse_label(text).is_some() {
        return false;
    }
    let is_url = text.starts_with("http://") || text.starts_with("https://");
    if previous.trim_end().ends_with(':') && is_url {
        return true;
    }
    if crate::text::ends_clause(previous) {
        return false;
    }
    match text.chars().next() {
        Some(c) if c.is_lowercase() => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(' ') && rest.trim_start().chars().next().is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// Removes inline Markdown from a line of text (emphasis, links, escapes, HTML, entities).
#[cfg(test)]
pub(crate) fn clean_inline(text: &str) -> String {
    raw_blocks(text).into_iter().map(|b| b.text).collect::<Vec<_>>().join(" ")
}
