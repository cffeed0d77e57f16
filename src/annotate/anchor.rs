//! Where an annotated passage is, remembered robustly enough to find it again.

use crate::store::{BlockId, CharRange, Document};
use crate::text::{byte_offset, char_slice};
use serde::{Deserialize, Serialize};

/// Characters of context kept before and after a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A passage in a document. For a passage over several consecutive blocks, `char_range.start`
/// is in the first block, `char_range.end` in the last, and the quote joins the parts with `\n`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Content hash of the document version the anchor was made (or last placed) in.
    pub content_hash: String,
    /// Id of the first block.
    pub block_id: BlockId,
    /// Label of the first block (for people, and as a fallback).
    pub label: String,
    /// Character range (see the type's docs for passages over several blocks).
    pub char_range: CharRange,
    /// Number of consecutive blocks covered (1 for most passages).
    #[serde(default = "one")]
    pub block_count: usize,
    /// The exact text of the passage.
    pub quote: String,
    /// Up to 32 characters before the passage in its block.
    pub prefix: String,
    /// Up to 32 characters after the passage in its block.
    pub suffix: String,
}

fn one() -> usize {
    1
}

impl Anchor {
    /// An anchor for a passage inside one block. The range is clamped to the text.
    pub fn in_block(document: &Document, block: usize, char_range: CharRange) -> Option<Self> {
        Self::spanning(document, block, char_range.start, block, char_range.end)
    }

    /// An anchor for a passage from (`start_block`, `start_char`) to (`end_block`, `end_char`).
    /// Returns `None` for an empty passage or blocks out of range.
    pub fn spanning(document: &Document, start_block: usize, start_char: usize, end_block: usize, end_char: usize) -> Option<Self> {
        if end_block < start_block || end_block >= document.blocks.len() {
            return None;
        }
        let first = &document.blocks[start_block];
        let last = &document.blocks[end_block];
        let start = start_char.min(first.char_len());
        let end = end_char.min(last.char_len());
        let quote = if start_block == end_block {
            if end <= start {
                return None;
            }
            char_slice(&first.text, CharRange::new(start, end)).to_string()
        } else {
            let mut parts = vec![char_slice(&first.text, CharRange::new(start, usize::MAX)).to_string()];
            parts.extend(document.blocks[start_block + 1..end_block].iter().map(|b| b.text.clone()));
            parts.push(char_slice(&last.text, CharRange::new(0, end)).to_string());
            parts.join("\n")
        };
        if quote.trim().is_empty() {
            return None;
        }
        Some(Self {
            content_hash: document.content_hash.clone(),
            block_id: first.id.clone(),
            label: first.label.clone(),
            char_range: CharRange::new(start, end),
            block_count: end_block - start_block + 1,
            prefix: context_before(&first.text, start),
            suffix: context_after(&last.text, end),
            quote,
        })
    }
}

/// Up to [`CONTEXT_CHARS`] characters before `char_offset`.
pub(crate) fn context_before(text: &str, char_offset: usize) -> String {
    let start = char_offset.saturating_sub(CONTEXT_CHARS);
    text[byte_offset(text, start)..byte_offset(text, char_offset)].to_string()
}

/// Up to [`CONTEXT_CHARS`] characters after `char_offset`.
pub(crate) fn context_after(text: &str, char_offset: usize) -> String {
    char_slice(text, CharRange::new(char_offset, char_offset.saturating_add(CONTEXT_CHARS))).to_string()
}

impl Anchor {
    /// An anchor for a passage the user selected.
    pub fn from_selection(document: &Document, selection: &super::Selection) -> Option<Self> {
        Self::spanning(document, selection.start_block, selection.start_char, selection.end_block, selection.end_char)
    }

    /// An anchor for the first occurrence of `quote` in block `block`; `None` when the block
    /// does not exist or does not contain the (non-empty) quote.
    pub fn for_quote(document: &Document, block: usize, quote: &str) -> Option<Self> {
        let text = &document.blocks.get(block)?.text;
        let byte = text.find(quote).filter(|_| !quote.is_empty())?;
        let start = text[..byte].chars().count();
        Self::in_block(document, block, CharRange::new(start, start + quote.chars().count()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, document_from_bytes};

    #[test]
    fn for_quote_finds_the_first_occurrence_by_characters() {
        let d = document_from_bytes("t.md", "1. Мир и право, мир и труд.\n".as_bytes(), IngestOptions::default()).expect("reads");
        let anchor = Anchor::for_quote(&d, 0, "мир").expect("found");
        assert_eq!(anchor.char_range, CharRange::new(13, 16));
        assert_eq!(anchor.quote, "мир");
        assert!(Anchor::for_quote(&d, 0, "война").is_none());
        assert!(Anchor::for_quote(&d, 0, "").is_none());
        assert!(Anchor::for_quote(&d, 7, "мир").is_none());
    }

    #[test]
    fn from_selection_spans_blocks() {
        let d = document_from_bytes("t.md", "1. Один два.\n\n2. Три четыре.\n".as_bytes(), IngestOptions::default()).expect("reads");
        let selection = super::super::Selection { start_block: 0, start_char: 5, end_block: 1, end_char: 3 };
        let anchor = Anchor::from_selection(&d, &selection).expect("anchor");
        assert_eq!(anchor.block_count, 2);
        assert_eq!(anchor.quote, "два.\nТри");
    }
}
