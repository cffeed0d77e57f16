//! HTML inside Markdown: block elements become blocks, `<sup>N</sup>` becomes a footnote marker,
//! `<li>` items of a footnote list become footnotes, `<br>` a space, table rows one block each.

use super::buf::TextBuf;
use crate::ingest::RawHint;

/// A block found in an HTML block, before line numbers are attached.
#[derive(Debug)]
pub(super) struct HtmlPiece {
    /// Text and markers.
    pub buf: TextBuf,
    /// Heading level from `<h1>`…`<h6>`, footnote number from a footnote list item.
    pub hint: RawHint,
    /// Byte offset of the piece's start in the HTML text.
    pub offset: usize,
}

/// A tag: its lower-case name, whether it closes, and its whole text (`<a href="…">`).
pub(super) struct Tag<'a> {
    /// Lower-case name (`sup`, `br`, `h3`).
    pub name: String,
    /// `</…>`.
    pub closing: bool,
    /// The tag as written.
    pub raw: &'a str,
}

/// Reads the tag at the start of `s` (which starts with `<`), if it is one.
pub(super) fn parse_tag(s: &str) -> Option<Tag<'_>> {
    let rest = s.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let end = s.find('>')?;
    Some(Tag { name: rest[..name_len].to_ascii_lowercase(), closing, raw: &s[..=end] })
}

/// The value of attribute `name` in a tag (`id="fn3"` → `fn3`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let value = tag[value_start..].trim_start();
        let quote = value.chars().next()?;
        return if quote == '"' || quote == '\'' {
            value[1..].split(quote).next()
        } else {
            value.split(|c: char| c.is_whitespace() || c == '>').next()
        };
    }
    None
}

/// Text of a superscript that is a footnote marker: a number or a printer's mark (`*`, `†`).
pub(super) fn footnote_mark(sup: &str) -> Option<(Option<u32>, &str)> {
    let t = sup.trim().trim_start_matches('[').trim_end_matches(']');
    if !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok().map(|n| (Some(n), ""));
    }
    if !t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| matches!(c, '*' | '†' | '‡' | '§')) {
        return Some((None, t));
    }
    None
}

/// Decodes HTML entities (`&laquo;`, `&#171;`, `&nbsp;`).
pub(super) fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('&') { html_escape::decode_html_entities(text) } else { std::borrow::Cow::Borrowed(text) }
}

/// Elements that start and end a block of their own.
fn is_block_element(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "pre"
            | "hr"
            | "details"
            | "summary"
            | "center"
            | "address"
            | "form"
            | "fieldset"
            | "body"
            | "html"
            | "head"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// A footnote list item's number from its id (`fn3`, `fn:3`, `footnote-3`).
fn footnote_id_number(id: &str) -> Option<u32> {
    let lower = id.to_ascii_lowercase();
    if !(lower.starts_with("fn") || lower.starts_with("footnote") || lower.starts_with("note")) || lower.starts_with("fnr") {
        return None;
    }
    let digits: String = lower.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok()
}

#[derive(Default)]
struct Reader {
    pieces: Vec<HtmlPiece>,
    buf: TextBuf,
    hint: Option<RawHint>,
    offset: usize,
    /// Inside `<li>`: its footnote number from the id, if any.
    in_item: bool,
    item_number: Option<u32>,
    /// Text of an open `<sup>`.
    sup: Option<String>,
    /// Inside `<tr>`: cells written so far.
    cells: usize,
}

impl Reader {
    fn flush(&mut self, next_offset: usize) {
        let mut buf = std::mem::take(&mut self.buf);
        let hint = self.hint.take().unwrap_or(RawHint::None);
        if matches!(hint, RawHint::Footnote(_)) {
            // The back link of a footnote (`↩`) is navigation, not text.
            let kept = buf.text.trim_end_matches(['↩', '\u{FE0E}', '\u{FE0F}', ' ']).len();
            buf.text.truncate(kept);
        }
        if !buf.is_empty() {
            self.pieces.push(HtmlPiece { buf, hint, offset: self.offset });
        }
        self.offset = next_offset;
    }

    fn text(&mut self, text: &str) {
        let decoded = decode_entities(text);
        match self.sup.as_mut() {
            Some(sup) => sup.push_str(&decoded),
            None => self.buf.push_str(&decoded),
        }
    }

    fn close_sup(&mut self) {
        let Some(sup) = self.sup.take() else { return };
        match footnote_mark(&sup) {
            // A number opening a list item of a footnote list is that footnote's own number.
            Some((Some(n), _)) if self.in_item && self.buf.is_empty() && matches!(self.hint, None | Some(RawHint::Footnote(_))) => {
                self.hint = Some(RawHint::Footnote(n));
            }
            Some((Some(n), _)) => self.buf.mark(n, ""),
            Some((None, mark)) => self.buf.mark(0, mark),
            None => self.buf.push_str(&sup),
        }
    }

    fn tag(&mut self, tag: &Tag, at: usize) {
        let name = tag.name.as_str();
        if name == "br" {
            self.buf.space();
        } else if name == "sup" {
            if tag.closing {
                self.close_sup();
            } else {
                self.sup = Some(String::new());
            }
        } else if name == "td" || name == "th" {
            if !tag.closing && self.cells > 0 && !self.buf.is_empty() {
                self.buf.push_str(" | ");
            }
            if tag.closing {
                self.cells += 1;
            }
        } else if is_block_element(name) {
            self.close_sup();
            self.flush(at);
            self.cells = 0;
            if tag.closing {
                self.in_item &= name != "li";
                return;
            }
            if let Some(level) = name.strip_prefix('h').and_then(|l| l.parse::<u8>().ok()) {
                self.hint = Some(RawHint::Heading(level));
            }
            if name == "li" {
                self.in_item = true;
                self.item_number = attribute(tag.raw, "id").and_then(footnote_id_number);
                self.hint = self.item_number.map(RawHint::Footnote);
            }
        }
    }
}

/// Splits an HTML block into the blocks it shows, in reading order.
pub(super) fn html_blocks(html: &str) -> Vec<HtmlPiece> {
    let mut reader = Reader::default();
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with('<')
            && let Some(tag) = parse_tag(rest)
        {
            let len = tag.raw.len();
            if !tag.closing && matches!(tag.name.as_str(), "script" | "style") {
                // Their content is code, never text.
                let close = format!("</{}", tag.name);
                i += rest.to_ascii_lowercase().find(&close).map_or(rest.len(), |e| e + rest[e..].find('>').map_or(0, |g| g + 1));
                continue;
            }
            reader.tag(&tag, i);
            i += len;
            continue;
        }
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let end = rest[first..].find('<').map_or(rest.len(), |e| e + first);
        reader.text(&rest[..end]);
        i += end;
    }
    reader.close_sup();
    reader.flush(html.len());
    reader.pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(String, RawHint)> {
        html_blocks(html).into_iter().map(|p| (p.buf.text, p.hint)).collect()
    }

    #[test]
    fn block_elements_make_blocks() {
        assert_eq!(
            texts("<h3> FROM: <br/>Jane Roe<br/>Officer</h3>\n<p>First &laquo;one&#187;.</p><p>Second</p>"),
            vec![
                ("FROM: Jane Roe Officer".into(), RawHint::Heading(3)),
                ("First «one».".into(), RawHint::None),
                ("Second".into(), RawHint::None)
            ]
        );
    }

    #[test]
    fn footnote_list_items_are_footnotes() {
        let got = html_blocks("<ul>\n<li id=\"fn2\"><sup>2</sup><em>Report</em>, p. 2.<a href=\"#fnr2\">&#8617;</a></li>\n</ul>");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].buf.text, "Report, p. 2.");
        assert_eq!(got[0].hint, RawHint::Footnote(2));
        assert!(got[0].buf.refs.is_empty());
    }

    #[test]
    fn sup_numbers_are_markers_and_rows_are_blocks() {
        let got = html_blocks("<p>Text.<sup id=\"fnr1\"><a href=\"#fn1\">1</a></sup> More<sup>th</sup></p>");
        assert_eq!(got[0].buf.text, "Text. Moreth");
        assert_eq!(got[0].buf.refs, vec![crate::store::FootnoteRef::numbered(1, 5)]);
        assert_eq!(
            texts("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>"),
            vec![("A | B".into(), RawHint::None), ("1 | 2".into(), RawHint::None)]
        );
        assert_eq!(texts("<!-- note --><script>x<y</script><div>kept</div>"), vec![("kept".into(), RawHint::None)]);
    }
}
