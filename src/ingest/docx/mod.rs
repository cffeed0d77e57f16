//! Word (DOCX) files → raw blocks: the current text, the text before its tracked changes, and
//! its comments.
//!
//! The package is opened within limits ([`package`]); styles, list definitions, notes and
//! comments are read first, then the body is walked once with a streaming XML reader ([`body`])
//! and rendered twice ([`view`]): with every tracked change accepted and, when there are any,
//! with every change rejected. List numbers are computed as Word shows them ([`numbering`]).

mod body;
mod comments;
mod notes;
mod numbering;
mod package;
mod styles;
mod symbols;
mod view;
mod xml;

#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

use super::RawBlock;
use crate::store::CharRange;
use body::{Paragraph, View, read_story};
use comments::{CommentText, parse_comments};
use notes::Notes;
use numbering::Numbering;
use package::Package;
use rustc_hash::FxHashMap;
use styles::Styles;
use view::{Anchor, Rendered, Sources, render};
use xml::PartReader;

/// Why a Word file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Not a zip archive, or a damaged one.
    #[error("not a Word file (the zip archive cannot be read: {0})")]
    NotZip(String),
    /// A zip archive without a main document part.
    #[error("not a Word file (no word/document.xml in the archive)")]
    NoDocument,
    /// More entries than any Word file has.
    #[error("the archive lists {count} entries, over the limit of {limit}")]
    TooManyEntries {
        /// Entries listed.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A part decompresses to more than the limit.
    #[error("{part} decompresses to more than {limit} bytes")]
    TooLarge {
        /// The part.
        part: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// A part compressed far more than text can be: a zip bomb.
    #[error("{part} expands from {compressed} to {size} bytes, too much for a text part (a zip bomb?)")]
    ZipBomb {
        /// The part.
        part: String,
        /// Its compressed size.
        compressed: u64,
        /// Its size once decompressed.
        size: u64,
    },
    /// A part that cannot be decompressed.
    #[error("{part} cannot be read: {message}")]
    BadPart {
        /// The part.
        part: String,
        /// The zip reader's reason.
        message: String,
    },
    /// Malformed or refused XML.
    #[error("{part}: XML error at byte {position}: {message}")]
    Xml {
        /// The part.
        part: String,
        /// Byte offset in the part.
        position: u64,
        /// The parser's reason.
        message: String,
    },
    /// Elements nested deeper than the limit.
    #[error("{part}: elements nested deeper than {limit} levels")]
    TooDeep {
        /// The part.
        part: String,
        /// The limit.
        limit: usize,
    },
}

/// A Word comment anchored to the passage it comments on.
///
/// Offsets are char offsets into the text of the blocks the comment was returned with (raw
/// blocks from `read_docx`; finished document blocks from `ingest::read_word_file`). A
/// passage within one block has `block == last_block` and equal ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordComment {
    /// `w:id` in the file.
    pub id: String,
    /// Who wrote it.
    pub author: String,
    /// When, as written in the file (ISO 8601), if given.
    pub date: Option<String>,
    /// The comment's text (paragraphs separated by `\n`).
    pub text: String,
    /// The block where the commented passage starts.
    pub block: usize,
    /// The passage's part of `block`: from its start to its end or to the end of the block.
    pub char_range: CharRange,
    /// The block where the passage ends.
    pub last_block: usize,
    /// The passage's part of `last_block`: from the block's start (or the passage's) to its end.
    pub last_char_range: CharRange,
    /// The commented passage's text (blocks separated by `\n`); empty for a comment on a point.
    pub quote: String,
}

/// What a Word file holds.
#[derive(Debug)]
pub(crate) struct DocxContent {
    /// The current text (every tracked change accepted): body blocks, then notes.
    pub blocks: Vec<RawBlock>,
    /// The text with every tracked change rejected, when the file has tracked changes.
    pub before: Option<Vec<RawBlock>>,
    /// Authors of tracked changes, in order of first appearance.
    pub revision_authors: Vec<String>,
    /// Comments anchored in `blocks`, in document order.
    pub comments: Vec<WordComment>,
}

/// Reads a Word file.
pub(crate) fn read_docx(bytes: &[u8]) -> Result<DocxContent, DocxError> {
    let mut package = Package::open(bytes)?;
    let names = package.part_names()?;
    let document = package.read_text(&names.document)?.ok_or(DocxError::NoDocument)?;
    let styles = match read_optional(&mut package, names.styles.as_deref())? {
        Some((part, xml)) => Styles::parse(&part, &xml)?,
        None => Styles::default(),
    };
    let mut numbering = match read_optional(&mut package, names.numbering.as_deref())? {
        Some((part, xml)) => Numbering::parse(&part, &xml)?,
        None => Numbering::default(),
    };
    numbering.link_styles(&styles);
    let footnotes = match read_optional(&mut package, names.footnotes.as_deref())? {
        Some((part, xml)) => Notes::parse(&part, &xml)?,
        None => Notes::default(),
    };
    let endnotes = match read_optional(&mut package, names.endnotes.as_deref())? {
        Some((part, xml)) => Notes::parse(&part, &xml)?,
        None => Notes::default(),
    };
    let comment_texts = match read_optional(&mut package, names.comments.as_deref())? {
        Some((part, xml)) => parse_comments(&part, &xml)?,
        None => FxHashMap::default(),
    };
    let mut reader = PartReader::new(&names.document, &document);
    let story = read_story(&mut reader, 0)?;

    let sources = Sources { styles: &styles, numbering: &numbering, footnotes: &footnotes, endnotes: &endnotes };
    let accepted = render(&story.paragraphs, &sources, View::Accepted);
    let tracked = has_changes(&story.paragraphs) || [&footnotes, &endnotes].iter().any(|n| n.by_id.values().any(|p| has_changes(p)));
    let before = tracked.then(|| render(&story.paragraphs, &sources, View::Rejected).blocks);
    let mut revision_authors = story.authors;
    for author in footnotes.authors.into_iter().chain(endnotes.authors) {
        if !revision_authors.contains(&author) {
            revision_authors.push(author);
        }
    }
    let comments = anchor_comments(&accepted, &comment_texts);
    Ok(DocxContent { blocks: accepted.blocks, before, revision_authors, comments })
}

fn read_optional(package: &mut Package<'_>, part: Option<&str>) -> Result<Option<(String, String)>, DocxError> {
    let Some(part) = part else { return Ok(None) };
    Ok(package.read_text(part)?.map(|xml| (part.to_string(), xml)))
}

fn has_changes(paragraphs: &[Paragraph]) -> bool {
    let changed = |r: body::Revision| r.inserted || r.deleted;
    paragraphs.iter().any(|p| changed(p.mark) || p.items.iter().any(|i| changed(i.revision)))
}

/// Comments with the passages they are anchored to, in document order. A comment whose anchor
/// is not in the text (its range removed by a deletion) is anchored at its reference mark, else
/// left out.
fn anchor_comments(rendered: &Rendered, texts: &FxHashMap<String, CommentText>) -> Vec<WordComment> {
    let blocks = &rendered.blocks;
    if blocks.is_empty() {
        return Vec::new();
    }
    let clamp = |anchor: Anchor| -> Anchor {
        if anchor.block >= blocks.len() {
            let block = blocks.len() - 1;
            return Anchor { block, char_offset: blocks[block].text.chars().count() };
        }
        Anchor { block: anchor.block, char_offset: anchor.char_offset.min(blocks[anchor.block].text.chars().count()) }
    };
    let mut out: Vec<WordComment> = texts
        .iter()
        .filter_map(|(id, comment)| {
            let point = rendered.comment_points.get(id).copied();
            let start = rendered.comment_starts.get(id).copied().or(point)?;
            let end = rendered.comment_ends.get(id).copied().or(point).unwrap_or(start);
            let (start, end) = (clamp(start), clamp(end));
            let end = if (end.block, end.char_offset) < (start.block, start.char_offset) { start } else { end };
            Some(passage(id, comment, start, end, blocks))
        })
        .collect();
    out.sort_by(|a, b| (a.block, a.char_range.start, &a.id).cmp(&(b.block, b.char_range.start, &b.id)));
    out
}

/// A comment over the passage from `start` to `end`.
fn passage(id: &str, comment: &CommentText, start: Anchor, end: Anchor, blocks: &[RawBlock]) -> WordComment {
    let chars = |block: usize| blocks[block].text.chars().count();
    let (char_range, last_char_range) = if start.block == end.block {
        let range = CharRange::new(start.char_offset, end.char_offset);
        (range, range)
    } else {
        (CharRange::new(start.char_offset, chars(start.block)), CharRange::new(0, end.char_offset))
    };
    let mut quote_parts = vec![crate::text::char_slice(&blocks[start.block].text, char_range).to_string()];
    if end.block != start.block {
        quote_parts.extend(blocks[start.block + 1..end.block].iter().map(|b| b.text.clone()));
        quote_parts.push(crate::text::char_slice(&blocks[end.block].text, last_char_range).to_string());
    }
    WordComment {
        id: id.to_string(),
        author: comment.author.clone(),
        date: comment.date.clone(),
        text: comment.text.clone(),
        block: start.block,
        char_range,
        last_block: end.block,
        last_char_range,
        quote: quote_parts.join("\n"),
    }
}
