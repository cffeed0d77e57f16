//! What a written Word file holds, before it becomes XML: paragraphs of runs with their
//! tracked changes, tables, footnotes and comments.

use crate::store::BlockKind;

/// A tracked change on content or on a paragraph mark; the number indexes
/// [`Package::revisions`] (who made it, and when).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Change {
    /// Not changed.
    #[default]
    None,
    /// Inserted (`w:ins`).
    Insert(usize),
    /// Deleted (`w:del`).
    Delete(usize),
    /// Moved away from here (`w:moveFrom`).
    MoveFrom(usize),
    /// Moved to here (`w:moveTo`).
    MoveTo(usize),
}

impl Change {
    /// The element name for this change, if any.
    pub(crate) fn element(self) -> Option<(&'static str, usize)> {
        match self {
            Change::None => None,
            Change::Insert(r) => Some(("w:ins", r)),
            Change::Delete(r) => Some(("w:del", r)),
            Change::MoveFrom(r) => Some(("w:moveFrom", r)),
            Change::MoveTo(r) => Some(("w:moveTo", r)),
        }
    }

    /// Content that is gone once the change is accepted (its text is `w:delText`).
    pub(crate) fn is_deletion(self) -> bool {
        matches!(self, Change::Delete(_))
    }
}

/// Who made a set of changes, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Revision {
    /// `w:author`.
    pub author: String,
    /// `w:date`, ISO 8601 (`2026-03-06T10:00:00Z`).
    pub date: String,
}

/// Run formatting beyond the paragraph style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Format {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// Paragraph styles defined in `styles.xml`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Style {
    /// Body text.
    #[default]
    Normal,
    /// Heading 1–6.
    Heading(u8),
    /// A numbered paragraph (hanging indent for `12.` + tab).
    Numbered,
    /// A sub-paragraph at depth 1–3.
    Sub(u8),
    /// A bullet item.
    Bullet,
    /// The document title.
    Title,
    /// Footnote text.
    FootnoteText,
    /// Comment text.
    CommentText,
    /// Text in a table cell.
    TableText,
}

impl Style {
    /// The style for a block of this kind and level.
    pub(crate) fn of(kind: BlockKind, level: u8) -> Self {
        match kind {
            BlockKind::Heading => Style::Heading(level.clamp(1, 6)),
            BlockKind::Numbered => Style::Numbered,
            BlockKind::SubParagraph => Style::Sub(level.clamp(1, 3)),
            BlockKind::Bullet => Style::Bullet,
            BlockKind::Unnumbered => Style::Normal,
            BlockKind::Footnote => Style::FootnoteText,
        }
    }

    /// The `w:styleId`.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Style::Normal => "Normal",
            Style::Heading(1) => "Heading1",
            Style::Heading(2) => "Heading2",
            Style::Heading(3) => "Heading3",
            Style::Heading(4) => "Heading4",
            Style::Heading(5) => "Heading5",
            Style::Heading(_) => "Heading6",
            Style::Numbered => "GlossNumbered",
            Style::Sub(1) => "GlossSub1",
            Style::Sub(2) => "GlossSub2",
            Style::Sub(_) => "GlossSub3",
            Style::Bullet => "GlossBullet",
            Style::Title => "Title",
            Style::FootnoteText => "FootnoteText",
            Style::CommentText => "CommentText",
            Style::TableText => "GlossTableText",
        }
    }
}

/// Paragraph content, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Inline {
    /// Text (a tab is written as `w:tab`, a line feed as `w:br`).
    Text {
        /// The text.
        text: String,
        /// Its tracked change.
        change: Change,
        /// Its formatting.
        format: Format,
    },
    /// A footnote reference.
    NoteRef {
        /// The footnote's `w:id` in `footnotes.xml`.
        note: u32,
        /// The custom mark (`*`) printed instead of the number, if any.
        mark: Option<String>,
        /// Its tracked change.
        change: Change,
    },
    /// A footnote's own mark at the start of its text (`w:footnoteRef`, or the custom mark).
    NoteMark(Option<String>),
    /// `w:commentRangeStart`.
    CommentStart(u32),
    /// `w:commentRangeEnd` followed by the comment's reference run.
    CommentEnd(u32),
    /// A comment on a point: only its reference run.
    CommentPoint(u32),
    /// `w:moveFromRangeStart` / `w:moveToRangeStart`.
    MoveStart {
        /// The range's `w:id`.
        id: u32,
        /// `w:name`, the same on both ends of a move.
        name: String,
        /// A `moveTo` range rather than a `moveFrom` one.
        to: bool,
        /// Who moved it ([`Package::revisions`]).
        revision: usize,
    },
    /// `w:moveFromRangeEnd` / `w:moveToRangeEnd`.
    MoveEnd {
        /// The range's `w:id`.
        id: u32,
        /// A `moveTo` range.
        to: bool,
    },
}

impl Inline {
    /// Plain text without a change.
    pub(crate) fn text(text: impl Into<String>) -> Self {
        Inline::Text { text: text.into(), change: Change::None, format: Format::default() }
    }

    /// Text with a change.
    pub(crate) fn changed(text: impl Into<String>, change: Change) -> Self {
        Inline::Text { text: text.into(), change, format: Format::default() }
    }
}

/// A paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Paragraph {
    /// Its style.
    pub style: Style,
    /// The tracked change of its paragraph mark.
    pub mark: Change,
    /// Its content.
    pub content: Vec<Inline>,
}

impl Paragraph {
    /// An empty paragraph in a style.
    pub(crate) fn new(style: Style) -> Self {
        Self { style, mark: Change::None, content: Vec::new() }
    }
}

/// A table: column widths (twentieths of a point) and rows of cells of paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Table {
    /// Width of each column.
    pub widths: Vec<u32>,
    /// The first row is a header repeated on every page.
    pub header: bool,
    /// Rows of cells; a cell holds at least one paragraph once written.
    pub rows: Vec<Vec<Vec<Paragraph>>>,
}

/// A block-level item of a story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BodyItem {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A footnote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Note {
    /// `w:id` (1 and up; -1 and 0 are the separators).
    pub id: u32,
    /// The custom mark, if the reference uses one.
    pub mark: Option<String>,
    /// The note's paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

/// A comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    /// `w:id`, as used by the range and the reference in the body.
    pub id: u32,
    /// `w:author`.
    pub author: String,
    /// `w:initials`.
    pub initials: String,
    /// `w:date`, ISO 8601.
    pub date: String,
    /// The comment's paragraphs (plain text).
    pub paragraphs: Vec<String>,
}

/// A whole Word file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Package {
    /// Document title (core properties).
    pub title: String,
    /// Creator (core properties).
    pub creator: String,
    /// Creation time, ISO 8601.
    pub created: String,
    /// Language tag for the text (`ru`, `en`, `fr`).
    pub lang: String,
    /// Turn on Track Changes when the file is opened.
    pub track_revisions: bool,
    /// Who made the tracked changes, indexed by [`Change`].
    pub revisions: Vec<Revision>,
    /// The body.
    pub body: Vec<BodyItem>,
    /// Footnotes.
    pub notes: Vec<Note>,
    /// Comments.
    pub comments: Vec<Comment>,
}

/// Up to three initials of a name (`Delegation of Norway` → `DON`).
pub(crate) fn initials(name: &str) -> String {
    let letters: String = name.split_whitespace().filter_map(|w| w.chars().find(|c| c.is_alphanumeric())).take(3).collect();
    if letters.is_empty() { "G".to_string() } else { letters.to_uppercase() }
}

/// A time as Word writes it: `2026-03-06T10:00:00Z`.
pub(crate) fn word_date(time: jiff::Timestamp) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The language Word is told the text is in (none when it cannot be told).
pub(crate) fn word_lang(document: &crate::store::Document) -> String {
    match document.language() {
        "und" => String::new(),
        tag => tag.to_string(),
    }
}
