//! Word (DOCX) files written by Gloss: a comparison as tracked changes ([`redline`]), a
//! document with its annotations as Word comments ([`annotated`]), and the package writer the
//! compilation of proposals also uses.
//!
//! The WordprocessingML is written by hand with quick-xml, in the element order the schema
//! requires; the package holds only the parts used (document, styles, settings, footnotes,
//! comments, core properties) and is the same bytes for the same content.

mod annotated;
pub(crate) mod model;
mod notes;
mod package;
mod parts;
mod redline;
pub(crate) mod render;
pub(crate) mod segments;
mod story;
mod styles;
mod xml;

pub use annotated::annotated;

use crate::compare::Alignment;
use crate::store::Document;

/// Why a Word file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxWriteError {
    /// Writing the XML or the archive failed.
    #[error("cannot write the Word file: {0}")]
    Io(#[from] std::io::Error),
    /// The zip writer refused.
    #[error("cannot write the Word file's archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// The alignment was made for other documents.
    #[error("the comparison does not belong to these two documents (it refers to paragraphs they do not have)")]
    Mismatch,
}

/// Who the tracked changes of a redline are attributed to, and when they were made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedlineOptions {
    /// The author Word shows for every change.
    pub author: String,
    /// The date of every change (the time of the comparison).
    pub date: jiff::Timestamp,
}

/// The author of a redline's changes unless the user names one.
pub const DEFAULT_AUTHOR: &str = "Gloss comparison";

impl Default for RedlineOptions {
    fn default() -> Self {
        Self { author: DEFAULT_AUTHOR.to_string(), date: jiff::Timestamp::now() }
    }
}

/// A Word file of the new version with every change from the old one as a tracked change.
pub fn redline(old: &Document, new: &Document, alignment: &Alignment, options: &RedlineOptions) -> Result<Vec<u8>, DocxWriteError> {
    let package = redline::package(old, new, alignment, options)?;
    package::write(&package)
}

/// Writes a package built elsewhere in the crate (the compilation of proposals).
pub(crate) fn write_package(package: &model::Package) -> Result<Vec<u8>, DocxWriteError> {
    package::write(package)
}
