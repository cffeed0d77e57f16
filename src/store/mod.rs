//! Documents as ordered blocks (headings, paragraphs, footnotes) with stable ids.
//!
//! Offsets: every range into a block's text is a [`CharRange`], counted in Unicode
//! scalar values (`char`s) of [`Block::text`], never in bytes. Annotations, search
//! hits and inline diffs all use this unit, so they survive re-encoding and can be
//! shown directly by the UI, which also addresses text by character.

mod documents;
mod search;

pub use documents::Store;
pub use search::{SearchHit, search_document};

pub use crate::text::CharRange;

use serde::{Deserialize, Serialize};

/// What a block is, structurally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading; `Block::level` holds its level (1 = top).
    Heading,
    /// A numbered paragraph (`12.`).
    Numbered,
    /// A sub-paragraph (`a)`, `(i)`), or an item of a list nested in a paragraph.
    SubParagraph,
    /// A bullet list item.
    Bullet,
    /// A paragraph without a label (preambular paragraph, prose, title lines).
    Unnumbered,
    /// A footnote; its label is its number.
    Footnote,
}

impl BlockKind {
    /// The coarse kind used by the command-line JSON contract: `heading`, `paragraph` or `footnote`.
    pub fn contract_name(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Footnote => "footnote",
            _ => "paragraph",
        }
    }

    /// The fine kind, as an extra JSON field and for display.
    pub fn role_name(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Numbered => "numbered",
            BlockKind::SubParagraph => "subparagraph",
            BlockKind::Bullet => "bullet",
            BlockKind::Unnumbered => "unnumbered",
            BlockKind::Footnote => "footnote",
        }
    }
}

/// A footnote marker found inside a block's text (the marker itself is removed from the text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FootnoteRef {
    /// The footnote's number (its order of appearance for custom marks such as `*`).
    pub number: u32,
    /// Character offset in the block text where the marker stood.
    pub char_offset: usize,
    /// The mark as printed when it is not the number (`*`); empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mark: String,
}

impl FootnoteRef {
    /// A numbered marker at a character offset.
    pub fn numbered(number: u32, char_offset: usize) -> Self {
        Self { number, char_offset, mark: String::new() }
    }

    /// The footnote block's label this marker points to (`3`, `*`).
    pub fn label(&self) -> String {
        if self.mark.is_empty() { self.number.to_string() } else { self.mark.clone() }
    }
}

/// Where a block came from in its source file, whatever the file's form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceSpan {
    /// Lines of decoded text: 1-based, half-open.
    Lines {
        /// First line.
        start: u32,
        /// One past the last line.
        end: u32,
    },
    /// A region of a PDF: 1-based first and last page, and the box on the first page
    /// in PDF points (`x0, y0, x1, y1`, origin at the top left of the page).
    Pdf {
        /// First page (1-based).
        page: u32,
        /// Last page the block runs onto (1-based).
        last_page: u32,
        /// The block's box on its first page.
        rect: [f32; 4],
    },
    /// Paragraphs of a Word file's body (0-based, half-open, counting `w:p` in document order).
    Docx {
        /// First paragraph.
        start: u32,
        /// One past the last paragraph.
        end: u32,
    },
}

impl SourceSpan {
    /// A span of text lines (1-based, half-open).
    pub fn lines(lines: std::ops::Range<u32>) -> Self {
        SourceSpan::Lines { start: lines.start, end: lines.end }
    }

    /// The page the block starts on, for sources that have pages.
    pub fn page(&self) -> Option<u32> {
        match self {
            SourceSpan::Pdf { page, .. } => Some(*page),
            _ => None,
        }
    }
}

impl Default for SourceSpan {
    fn default() -> Self {
        SourceSpan::Lines { start: 0, end: 0 }
    }
}

/// A stable block id derived from the label path (`II.A.12`, `12.a`) or, for
/// unlabelled blocks, from position and a content fingerprint.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BlockId(pub String);

impl std::fmt::Display for BlockId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A key that follows a paragraph from version to version whatever its number: made from the
/// block's content when a document is read, then handed on from each old block to the new block
/// aligned with it ([`crate::compare::Alignment::hand_on_lineage`]), so a chain of revisions can be
/// followed through renumbering and rewording. Annotation files keep using [`BlockId`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Lineage(pub u64);

impl Lineage {
    /// A fresh key from a block's kind, text and occurrence (1 for the first block with this text).
    pub fn of_content(kind: BlockKind, text: &str, occurrence: u32) -> Self {
        let mut hasher = blake3::Hasher::new();
        hasher.update(kind.role_name().as_bytes());
        hasher.update(&[0x1f]);
        hasher.update(text.as_bytes());
        hasher.update(&occurrence.to_le_bytes());
        let bytes = hasher.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&bytes.as_bytes()[..8]);
        Self(u64::from_le_bytes(first))
    }
}

/// One unit of reading: a heading, a paragraph or a footnote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Stable id (see [`BlockId`]).
    pub id: BlockId,
    /// Structural kind.
    pub kind: BlockKind,
    /// Heading level (1 = top) or nesting depth of a sub-paragraph (1 = `a)`, 2 = `(i)`); 0 otherwise.
    pub level: u8,
    /// The label as written (`12.`, `a)`, `II.`), empty when unlabelled.
    pub label: String,
    /// Clean text without the label. All ranges into it are [`CharRange`]s.
    pub text: String,
    /// Footnote markers that stood in the text.
    pub footnote_refs: Vec<FootnoteRef>,
    /// Where the block came from in its source file.
    pub source: SourceSpan,
    /// The key that follows this paragraph through versions (see [`Lineage`]).
    #[serde(default)]
    pub lineage: Lineage,
}

impl Block {
    /// Number of characters in the text.
    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }

    /// The text within a character range (clamped to the text).
    pub fn slice(&self, range: CharRange) -> &str {
        crate::text::char_slice(&self.text, range)
    }

    /// The label for listings and tables: the label, `fn 3` for a footnote, or `¶` and the
    /// first words of an unlabelled paragraph.
    pub fn display_label(&self) -> String {
        if self.label.is_empty() {
            let words: Vec<&str> = self.text.split_whitespace().take(3).collect();
            format!("¶ «{}…»", words.join(" "))
        } else if self.kind == BlockKind::Footnote {
            format!("fn {}", self.label)
        } else {
            self.label.clone()
        }
    }

    /// The label and text as a reader sees them (`12. Text…`).
    pub fn display_text(&self) -> String {
        if self.label.is_empty() { self.text.clone() } else { format!("{} {}", self.label, self.text) }
    }
}

/// The form a text arrived in; decides how lines become blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceForm {
    /// Markdown-ish (`#` headings, `**bold**`, links).
    Markdown,
    /// Text extracted from PDF: hard wraps, hyphenation, footnote blocks, page furniture.
    PdfText,
    /// A PDF file read from its geometry (glyph positions, sizes, weights).
    Pdf,
    /// One paragraph per line, as word processors save plain text.
    Plain,
    /// A Word file (DOCX): paragraphs, list numbers and notes read from its structure.
    Docx,
}

/// A stable document id: the first 16 hex digits of the content hash.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocumentId(pub String);

impl std::fmt::Display for DocumentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A document read into clean blocks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id derived from the content hash.
    pub id: DocumentId,
    /// Title: the first heading or title line, else the file name.
    pub title: String,
    /// Where it came from (file path or a name given by the caller).
    pub source: String,
    /// The encoding the bytes were read in (`UTF-8`, `UTF-16LE`, `windows-1251`, …).
    pub encoding: String,
    /// The form detected.
    pub form: SourceForm,
    /// Blocks in reading order; footnotes come last, in order of appearance.
    pub blocks: Vec<Block>,
    /// blake3 hash (hex) of the blocks' labels and texts: equal for equal content, whatever the form.
    pub content_hash: String,
    /// Block ids to positions, built on first use.
    #[serde(skip)]
    index: BlockIdIndex,
}

/// A lazily built map of block ids to positions; never part of a document's identity.
#[derive(Clone, Debug, Default)]
struct BlockIdIndex(std::sync::OnceLock<rustc_hash::FxHashMap<BlockId, usize>>);

impl std::ops::Deref for BlockIdIndex {
    type Target = std::sync::OnceLock<rustc_hash::FxHashMap<BlockId, usize>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl PartialEq for BlockIdIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Document {
    /// Builds a document from blocks, computing its content hash and id.
    pub fn new(title: String, source: String, encoding: String, form: SourceForm, blocks: Vec<Block>) -> Self {
        let content_hash = content_hash(&blocks);
        let id = DocumentId(content_hash[..16].to_string());
        Self { id, title, source, encoding, form, blocks, content_hash, index: BlockIdIndex::default() }
    }

    /// Index of the block with this id (a hash look-up after the first call).
    pub fn block_index(&self, id: &BlockId) -> Option<usize> {
        let index = self.index.get_or_init(|| self.blocks.iter().enumerate().map(|(i, b)| (b.id.clone(), i)).collect());
        match index.get(id) {
            Some(&i) if self.blocks.get(i).is_some_and(|b| &b.id == id) => Some(i),
            // The blocks were changed after the index was built: answer without it.
            _ => self.blocks.iter().position(|b| &b.id == id),
        }
    }

    /// Index of the first block whose label matches (`12`, `12.`, `a)`); punctuation is ignored.
    pub fn block_by_label(&self, label: &str) -> Option<usize> {
        let wanted = crate::text::label_key(label);
        if wanted.is_empty() {
            return None;
        }
        self.blocks.iter().position(|b| crate::text::label_key(&b.label) == wanted)
    }

    /// The display labels of several blocks joined with ` + ` (a split's parts, a merge's sources).
    pub fn labels_of(&self, blocks: &[usize]) -> String {
        blocks.iter().filter_map(|&i| self.blocks.get(i)).map(Block::display_label).collect::<Vec<_>>().join(" + ")
    }

    /// The next block after `after` (wrapping round; from the start when none) whose label
    /// matches: an annex that numbers its paragraphs again is reached by asking twice.
    pub fn next_block_by_label(&self, label: &str, after: Option<usize>) -> Option<usize> {
        let wanted = crate::text::label_key(label);
        if wanted.is_empty() {
            return None;
        }
        let start = after.map_or(0, |a| a + 1);
        let n = self.blocks.len();
        (start..n).chain(0..start.min(n)).find(|&i| crate::text::label_key(&self.blocks[i].label) == wanted)
    }

    /// The footnote block with this number.
    pub fn footnote(&self, number: u32) -> Option<&Block> {
        self.footnote_by_label(&number.to_string())
    }

    /// The footnote block a marker points to (by its printed mark, `3` or `*`).
    pub fn footnote_for(&self, marker: &FootnoteRef) -> Option<&Block> {
        self.footnote_by_label(&marker.label())
    }

    fn footnote_by_label(&self, label: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Footnote && b.label == label)
    }

    /// The document's language as a BCP 47 tag guessed from its text (`ru`, `en`, `und`…).
    pub fn language(&self) -> &'static str {
        crate::text::language_tag(self.blocks.iter().map(|b| b.text.as_str()))
    }

    /// Total characters of block text (a size measure for progress and limits).
    pub fn text_chars(&self) -> usize {
        self.blocks.iter().map(|b| b.text.len()).sum()
    }
}

fn content_hash(blocks: &[Block]) -> String {
    let mut hasher = blake3::Hasher::new();
    for block in blocks {
        hasher.update(block.label.as_bytes());
        hasher.update(&[0x1f]);
        hasher.update(block.text.as_bytes());
        hasher.update(&[0x1e]);
    }
    hasher.finalize().to_hex().to_string()
}
