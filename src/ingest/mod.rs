//! Bytes → clean text → blocks.
//!
//! [`decode`] detects the encoding and normalises Unicode; [`detect_form`] tells
//! Markdown-ish, PDF-extracted and one-paragraph-per-line text apart; a reader per
//! form turns lines into raw blocks; `assemble` parses labels, classifies blocks,
//! links footnote markers and gives every block its stable id.
//!
//! Word files are read from their structure instead (`docx`): [`read_word_file`] gives the
//! current text, the text before its tracked changes and its comments; [`read_docx_versions`]
//! the two versions for comparing; [`read_path`] the current text like any other file.

mod assemble;
mod decode;
mod dehyphen;
mod docx;
mod form;
mod label;
mod markdown;
mod pdf;
mod pdf_file;
mod plain;

pub use decode::{DecodedText, decode, normalize};
pub use docx::{DocxError, WordComment};
pub use form::detect_form;
pub use label::{Label, LabelKind, parse_label};
pub use pdf_file::PdfError;

#[cfg(test)]
mod format_tests {
    use super::FileFormat;

    #[test]
    fn formats_from_first_bytes() {
        assert_eq!(FileFormat::detect(b"%PDF-1.7\n..."), FileFormat::Pdf);
        assert_eq!(FileFormat::detect(b"PK\x03\x04....[Content_Types].xml....word/document.xml"), FileFormat::Docx);
        assert_eq!(FileFormat::detect(b"PK\x03\x04....other.txt"), FileFormat::Zip);
        assert_eq!(FileFormat::detect(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), FileFormat::LegacyOffice);
        assert_eq!(FileFormat::detect("1. Текст".as_bytes()), FileFormat::Text);
    }
}

use crate::store::{Document, FootnoteRef, SourceForm, SourceSpan};
use std::path::Path;

/// Default upper limit on a document's size: 256 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Why a file could not be read as a document. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path could not be read.
    #[error("{file}: cannot read the file: {error}")]
    Unreadable {
        /// The file.
        file: String,
        /// The operating system's reason.
        error: std::io::Error,
    },
    /// Nothing but white space.
    #[error("{file}: the file is empty")]
    Empty {
        /// The file.
        file: String,
    },
    /// Binary data (NUL bytes, control characters, an undecodable UTF-16 body).
    #[error("{file}: this is not a text file (binary content); open a .txt or .md export of the document")]
    Binary {
        /// The file.
        file: String,
    },
    /// Over the size limit.
    #[error("{file}: the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The file.
        file: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A file format Gloss recognises but cannot read (yet).
    #[error("{file}: {format} files cannot be opened")]
    Unsupported {
        /// The file.
        file: String,
        /// The format's name.
        format: &'static str,
    },
    /// A Word file that cannot be read.
    #[error("{file}: {error}")]
    Docx {
        /// The file.
        file: String,
        /// What is wrong with it.
        error: DocxError,
    },
    /// A PDF that could not be read.
    #[error("{file}: {error}")]
    Pdf {
        /// The file.
        file: String,
        /// Why.
        error: PdfError,
    },
    /// Text, but no paragraph could be found in it.
    #[error("{file}: no paragraphs found in the text")]
    NoParagraphs {
        /// The file.
        file: String,
    },
}

/// Options for reading documents.
#[derive(Clone, Copy, Debug)]
pub struct IngestOptions {
    /// Files larger than this are refused.
    pub max_bytes: u64,
    /// Force a form instead of detecting it.
    pub form: Option<SourceForm>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self { max_bytes: DEFAULT_MAX_BYTES, form: None }
    }
}

/// Reads a file into a document with default options.
pub fn read_path(path: &Path) -> Result<Document, IngestError> {
    read_path_with(path, IngestOptions::default())
}

/// Reads two versions at once, each on its own thread (a comparison needs both).
pub fn read_pair(old: &Path, new: &Path) -> (Result<Document, IngestError>, Result<Document, IngestError>) {
    std::thread::scope(|scope| {
        let new_doc = scope.spawn(|| read_path(new));
        let old_doc = read_path(old);
        // A panic while reading is a bug; surface it on this thread rather than lose it.
        let new_doc = new_doc.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (old_doc, new_doc)
    })
}

/// Reads a file into a document.
pub fn read_path_with(path: &Path, options: IngestOptions) -> Result<Document, IngestError> {
    let source = path.display().to_string();
    let unreadable = |error| IngestError::Unreadable { file: source.clone(), error };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > options.max_bytes {
        return Err(IngestError::TooLarge { file: source, size, limit: options.max_bytes });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    document_from_bytes(&source, &bytes, options)
}

/// Reads bytes (named `source` in messages) into a document.
pub fn document_from_bytes(source: &str, bytes: &[u8], options: IngestOptions) -> Result<Document, IngestError> {
    document_from_bytes_reporting(source, bytes, options, &mut |_, _| {})
}

/// Reads a file into a document with default options, telling `progress` (pages done, page
/// count) as a PDF is read, for a progress display.
pub fn read_path_reporting(path: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<Document, IngestError> {
    let source = path.display().to_string();
    let unreadable = |error| IngestError::Unreadable { file: source.clone(), error };
    let bytes = std::fs::read(path).map_err(unreadable)?;
    document_from_bytes_reporting(&source, &bytes, IngestOptions::default(), progress)
}

/// [`document_from_bytes`], telling `progress` (pages done, page count) as a PDF is read.
pub fn document_from_bytes_reporting(
    source: &str,
    bytes: &[u8],
    options: IngestOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Document, IngestError> {
    if bytes.len() as u64 > options.max_bytes {
        return Err(IngestError::TooLarge { file: source.to_string(), size: bytes.len() as u64, limit: options.max_bytes });
    }
    match FileFormat::detect(bytes) {
        FileFormat::Text => {}
        FileFormat::Pdf => return pdf_document(source, bytes, progress),
        FileFormat::Docx => return word_file_from_bytes(source, bytes).map(|word| word.document),
        FileFormat::Zip => return Err(IngestError::Unsupported { file: source.to_string(), format: "zip (not a Word document)" }),
        FileFormat::LegacyOffice => {
            return Err(IngestError::Unsupported { file: source.to_string(), format: "old Word (.doc); save it as .docx and" });
        }
    }
    // Clean UTF-8 is segmented where it lies: no copy of a large file at the peak.
    let (text, encoding) = decode::decode_text(source, bytes)?;
    let form = options.form.unwrap_or_else(|| detect_form(&text));
    let blocks = segment_text(&text, form);
    if blocks.is_empty() {
        return Err(IngestError::NoParagraphs { file: source.to_string() });
    }
    let title = assemble::title(&blocks).unwrap_or_else(|| file_stem(source));
    Ok(Document::new(title, source.to_string(), encoding.name().to_string(), form, blocks))
}

/// Reads a PDF file's text layer into a document.
fn pdf_document(source: &str, bytes: &[u8], progress: &mut dyn FnMut(usize, usize)) -> Result<Document, IngestError> {
    let raw = pdf_file::raw_blocks(bytes, progress).map_err(|error| IngestError::Pdf { file: source.to_string(), error })?;
    let blocks = assemble::assemble(raw, SourceForm::Pdf);
    if blocks.is_empty() {
        return Err(IngestError::NoParagraphs { file: source.to_string() });
    }
    let title = assemble::title(&blocks).unwrap_or_else(|| file_stem(source));
    Ok(Document::new(title, source.to_string(), "PDF".to_string(), SourceForm::Pdf, blocks))
}

/// Splits normalised text of a known form into finished blocks.
pub fn segment_text(text: &str, form: SourceForm) -> Vec<crate::store::Block> {
    // Text has no geometry: text said to be a PDF is read as text extracted from one.
    let form = if form == SourceForm::Pdf { SourceForm::PdfText } else { form };
    let raw = match form {
        SourceForm::Markdown => markdown::raw_blocks(text),
        SourceForm::PdfText | SourceForm::Pdf => pdf::raw_blocks(text),
        // Text in a Word file's form has no structure left: one paragraph per line.
        SourceForm::Plain | SourceForm::Docx => plain::raw_blocks(text),
    };
    assemble::assemble(raw, form)
}

/// A Word file read in full: the current text, the text before its tracked changes, and its
/// comments.
#[derive(Clone, Debug, PartialEq)]
pub struct WordFile {
    /// The current text: every tracked change accepted.
    pub document: Document,
    /// The text with every tracked change rejected, when the file has tracked changes.
    pub before: Option<Document>,
    /// Authors of the tracked changes, in order of first appearance.
    pub revision_authors: Vec<String>,
    /// Word comments, in document order, anchored in `document`: `block`/`last_block` index
    /// `document.blocks`, the char ranges are offsets into those blocks' `text`.
    pub comments: Vec<WordComment>,
}

/// Reads a Word file (size limit as in [`IngestOptions::default`]).
pub fn read_word_file(path: &Path) -> Result<WordFile, IngestError> {
    let source = path.display().to_string();
    let unreadable = |error| IngestError::Unreadable { file: source.clone(), error };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > DEFAULT_MAX_BYTES {
        return Err(IngestError::TooLarge { file: source, size, limit: DEFAULT_MAX_BYTES });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    word_file_from_bytes(&source, &bytes)
}

/// The two versions of a Word file with tracked changes, for `gloss compare --tracked`:
/// `(before, after, authors)`, the text with every change rejected and with every change
/// accepted. A file without tracked changes gives the same document twice.
pub fn read_docx_versions(path: &Path) -> Result<(Document, Document, Vec<String>), IngestError> {
    let word = read_word_file(path)?;
    let before = word.before.unwrap_or_else(|| word.document.clone());
    Ok((before, word.document, word.revision_authors))
}

/// Reads a Word file's bytes (named `source` in messages).
pub fn word_file_from_bytes(source: &str, bytes: &[u8]) -> Result<WordFile, IngestError> {
    let content = docx::read_docx(bytes).map_err(|error| IngestError::Docx { file: source.to_string(), error })?;
    let accepted = assemble::assemble(content.blocks.clone(), SourceForm::Docx);
    let comments = content.comments.iter().map(|c| comment_in_blocks(c, &content.blocks, &accepted)).collect();
    let document = word_document(source, accepted)?;
    let before = match content.before {
        Some(raw) => Some(word_document(source, assemble::assemble(raw, SourceForm::Docx))?),
        None => None,
    };
    Ok(WordFile { document, before, revision_authors: content.revision_authors, comments })
}

fn word_document(source: &str, blocks: Vec<crate::store::Block>) -> Result<Document, IngestError> {
    if blocks.is_empty() {
        return Err(IngestError::NoParagraphs { file: source.to_string() });
    }
    let title = assemble::title(&blocks).unwrap_or_else(|| file_stem(source));
    Ok(Document::new(title, source.to_string(), "DOCX".to_string(), SourceForm::Docx, blocks))
}

/// A comment anchored in raw blocks, re-anchored in the finished blocks: `assemble` keeps body
/// blocks in order and moves notes after them, and may take a label off the front of a text.
fn comment_in_blocks(comment: &WordComment, raw: &[RawBlock], finished: &[crate::store::Block]) -> WordComment {
    let body_count = raw.iter().filter(|b| !matches!(b.hint, RawHint::Footnote(_))).count();
    let position = |index: usize| -> (usize, usize) {
        let Some(block) = raw.get(index) else { return (index, 0) };
        let is_note = matches!(block.hint, RawHint::Footnote(_));
        let rank = raw[..index].iter().filter(|b| matches!(b.hint, RawHint::Footnote(_)) == is_note).count();
        let finished_index = if is_note { body_count + rank } else { rank };
        let shift = finished
            .get(finished_index)
            .map_or(0, |f| if block.text.ends_with(&f.text) { block.text.chars().count() - f.text.chars().count() } else { 0 });
        (finished_index, shift)
    };
    let (block, shift) = position(comment.block);
    let (last_block, last_shift) = position(comment.last_block);
    let moved = |range: crate::store::CharRange, shift: usize| {
        crate::store::CharRange::new(range.start.saturating_sub(shift), range.end.saturating_sub(shift))
    };
    WordComment {
        block,
        char_range: moved(comment.char_range, shift),
        last_block,
        last_char_range: moved(comment.last_char_range, last_shift),
        ..comment.clone()
    }
}

/// A file's format, told from its first bytes before any decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// Anything else: handed to the text decoder (which refuses binary data).
    Text,
    /// `%PDF-` within the first kilobyte.
    Pdf,
    /// A zip archive holding `word/document.xml`.
    Docx,
    /// Another zip archive.
    Zip,
    /// An OLE compound file (`.doc`, `.xls`).
    LegacyOffice,
}

impl FileFormat {
    /// Detects the format from the file's bytes.
    pub fn detect(bytes: &[u8]) -> Self {
        let head = &bytes[..bytes.len().min(1024)];
        if head.windows(5).any(|w| w == b"%PDF-") {
            FileFormat::Pdf
        } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            // The central directory names every entry; `word/document.xml` marks a Word file.
            if bytes.windows(17).any(|w| w == b"word/document.xml") { FileFormat::Docx } else { FileFormat::Zip }
        } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            FileFormat::LegacyOffice
        } else {
            FileFormat::Text
        }
    }
}

fn file_stem(source: &str) -> String {
    Path::new(source).file_stem().map_or_else(|| source.to_string(), |s| s.to_string_lossy().into_owned())
}

/// What a form reader knows about a block before labels are parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawHint {
    /// Nothing known: parse the label and classify by shape.
    None,
    /// A heading marked as such by the source (`##`, a bold title line), with its level.
    Heading(u8),
    /// A bullet item.
    Bullet,
    /// A footnote with its number.
    Footnote(u32),
}

/// A block as a reader found it: text (markup removed) and where it came from.
///
/// Text readers leave `label` and `footnote_refs` empty and let `assemble` find them in the
/// text; structured readers (PDF geometry, Word numbering) fill them in from what they know.
#[derive(Clone, Debug)]
pub(crate) struct RawBlock {
    /// The text; without the label when `label` is set.
    pub text: String,
    /// What the reader knows of the block's kind.
    pub hint: RawHint,
    /// Where it came from.
    pub source: SourceSpan,
    /// A label known from the source's structure (`12.`, `a)`, `(i)`, `II.`, `*`); the text is
    /// then not searched for one.
    pub label: Option<String>,
    /// Footnote markers known from the source's structure, as char offsets into `text`.
    pub footnote_refs: Vec<FootnoteRef>,
}

impl RawBlock {
    /// A block of text lines with nothing known but its text and hint.
    pub(crate) fn from_lines(text: String, hint: RawHint, lines: std::ops::Range<u32>) -> Self {
        Self { text, hint, source: SourceSpan::lines(lines), label: None, footnote_refs: Vec::new() }
    }
}
