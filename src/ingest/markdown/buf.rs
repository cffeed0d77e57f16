//! The text of one block as it is read: white space collapsed as it arrives, footnote markers
//! recorded at character offsets, wrapped lines joined without a space between CJK characters.

use crate::store::FootnoteRef;
use crate::text::space_between;

/// White space waiting to be written until the next visible character shows what it becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    None,
    /// A space typed in the source: always written.
    Space,
    /// A line break (soft break, new line in raw HTML): a space except between CJK characters.
    LineBreak,
}

/// Text and footnote markers of a block being read.
#[derive(Clone, Debug)]
pub(super) struct TextBuf {
    /// The text so far, white space collapsed, never starting or ending with a space.
    pub text: String,
    /// Footnote markers, at character offsets into `text`.
    pub refs: Vec<FootnoteRef>,
    chars: usize,
    pending: Pending,
}

impl Default for TextBuf {
    fn default() -> Self {
        Self { text: String::new(), refs: Vec::new(), chars: 0, pending: Pending::None }
    }
}

impl TextBuf {
    /// Appends text; runs of white space become one space (one line break if they hold a new line).
    pub fn push_str(&mut self, s: &str) {
        let mut in_space: Option<Pending> = None;
        for c in s.chars() {
            if c.is_whitespace() {
                let kind = if c == '\n' || in_space == Some(Pending::LineBreak) { Pending::LineBreak } else { Pending::Space };
                in_space = Some(kind);
                continue;
            }
            if let Some(kind) = in_space.take() {
                self.note_space(kind);
            }
            self.push_char(c);
        }
        if let Some(kind) = in_space {
            self.note_space(kind);
        }
    }

    /// A space (from `<br>`, a hard break or a table cell edge).
    pub fn space(&mut self) {
        self.note_space(Pending::Space);
    }

    /// A line break inside the paragraph (a Markdown soft break).
    pub fn line_break(&mut self) {
        self.note_space(Pending::LineBreak);
    }

    fn note_space(&mut self, kind: Pending) {
        // A typed space wins over a line break: `协议 条款` keeps its space.
        if self.pending != Pending::Space {
            self.pending = kind;
        }
    }

    fn push_char(&mut self, c: char) {
        let pending = std::mem::replace(&mut self.pending, Pending::None);
        if let Some(before) = self.text.chars().next_back() {
            let write = match pending {
                Pending::None => false,
                Pending::Space => true,
                Pending::LineBreak => space_between(before, c),
            };
            if write {
                self.text.push(' ');
                self.chars += 1;
            }
        }
        self.text.push(c);
        self.chars += 1;
    }

    /// Records a footnote marker at the current end of the text.
    pub fn mark(&mut self, number: u32, mark: &str) {
        self.refs.push(FootnoteRef { number, char_offset: self.chars, mark: mark.to_string() });
    }

    /// Number of characters written.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// True when nothing visible has been written.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Splits off the text from byte `byte_at` (a char boundary) into a new buffer. Spaces at the
    /// cut are dropped; a marker at the cut stays with the head.
    pub fn split_off(&mut self, byte_at: usize) -> TextBuf {
        let head_len = self.text[..byte_at].trim_end().len();
        let tail_start = byte_at + (self.text.len() - byte_at - self.text[byte_at..].trim_start().len());
        let head_chars = self.text[..head_len].chars().count();
        let tail_skip = self.text[..tail_start].chars().count();
        let tail = TextBuf {
            text: self.text[tail_start..].to_string(),
            refs: self
                .refs
                .iter()
                .filter(|r| r.char_offset > head_chars)
                .map(|r| FootnoteRef { char_offset: r.char_offset.saturating_sub(tail_skip), ..r.clone() })
                .collect(),
            chars: self.chars - tail_skip,
            pending: Pending::None,
        };
        self.text.truncate(head_len);
        self.chars = head_chars;
        self.refs.retain(|r| r.char_offset <= head_chars);
        self.pending = Pending::None;
        tail
    }

    /// Removes backslashes left before ASCII punctuation (`meeting\_id`): text converted twice
    /// from another format carries doubled escapes, of which the parser undid one level.
    pub fn remove_escapes(&mut self) {
        if !self.text.contains('\\') {
            return;
        }
        let mut out = String::with_capacity(self.text.len());
        let mut removed: Vec<usize> = Vec::new();
        let mut chars = self.text.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\\' && chars.peek().is_some_and(|(_, n)| n.is_ascii_punctuation()) {
                removed.push(i);
                if let Some((_, n)) = chars.next() {
                    out.push(n);
                }
                continue;
            }
            out.push(c);
        }
        for r in &mut self.refs {
            r.char_offset -= removed.iter().filter(|&&i| i < r.char_offset).count();
        }
        self.chars -= removed.len();
        self.text = out;
    }

    /// Puts `prefix` and a space before the text, moving the markers along.
    pub fn prepend(&mut self, prefix: &str) {
        let shift = prefix.chars().count() + 1;
        self.text = format!("{prefix} {}", self.text);
        self.chars += shift;
        for r in &mut self.refs {
            r.char_offset += shift;
        }
    }

    /// Appends another block's text as the continuation of this one (a paragraph cut by a page break).
    pub fn append(&mut self, other: TextBuf) {
        let before = self.chars;
        self.line_break();
        let mut other_text = other.text.chars();
        if let Some(first) = other_text.next() {
            self.push_char(first);
        }
        self.text.push_str(other_text.as_str());
        let added_space = self.chars - before - 1;
        self.chars = self.text.chars().count();
        self.refs.extend(other.refs.into_iter().map(|r| FootnoteRef { char_offset: r.char_offset + before + added_space, ..r }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_collapse_and_cjk_lines_join_without_space() {
        let mut buf = TextBuf::default();
        buf.push_str("  协议 ");
        buf.line_break();
        buf.push_str("条款\n and  more ");
        assert_eq!(buf.text, "协议 条款 and more");
        let mut buf = TextBuf::default();
        buf.push_str("协议");
        buf.line_break();
        buf.push_str("条款");
        assert_eq!(buf.text, "协议条款");
    }

    #[test]
    fn markers_follow_their_text() {
        let mut buf = TextBuf::default();
        buf.push_str("One.");
        buf.mark(1, "");
        buf.push_str(" Two");
        buf.mark(2, "");
        buf.push_str(".");
        let tail = buf.split_off(4);
        assert_eq!((buf.text.as_str(), buf.refs.len()), ("One.", 1));
        assert_eq!(tail.text, "Two.");
        assert_eq!(tail.refs, vec![FootnoteRef::numbered(2, 3)]);
        let mut head = TextBuf::default();
        head.push_str("Head");
        head.append(tail);
        assert_eq!(head.text, "Head Two.");
        assert_eq!(head.refs, vec![FootnoteRef::numbered(2, 8)]);
    }
}
