//! `.gloss.ron` annotation files: readable RON, byte-stable saves in one canonical order,
//! atomic writes with ordinary permissions, careful loads.
//!
//! Version 2 added `tombstones`, `conflicts` and each annotation's `supersedes` (all optional,
//! so version 1 files still load). Values from a file are checked before anything computes
//! with them: a value no Gloss writes is an [`AnnotationFileError::Invalid`] naming the
//! annotation; a value that merely does not fit the document at hand makes an orphan when the
//! annotation is placed.

use super::{Annotation, AnnotationSet, Conflict, TagSet, Tombstone, order};
use crate::fsutil::{WriteError, WriteOptions};
use crate::store::Document;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub use crate::fsutil::backup_path;

/// The `format` field every annotation file carries.
pub const FORMAT_NAME: &str = "gloss-annotations";
/// The format version written; files with a newer version are refused, older ones load.
/// Version 2 added tombstones, conflicts, `supersedes` and proposed texts.
pub const FORMAT_VERSION: u64 = 2;

/// Which document an annotation file belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Document title.
    pub title: String,
    /// Content hash of the version annotated.
    pub content_hash: String,
    /// File name of the document (no folder).
    pub source_file: String,
}

impl DocumentInfo {
    /// Describes a document.
    pub fn of(document: &Document) -> Self {
        let source_file =
            Path::new(&document.source).file_name().map_or_else(|| document.source.clone(), |n| n.to_string_lossy().into_owned());
        Self { title: document.title.clone(), content_hash: document.content_hash.clone(), source_file }
    }
}

/// Why an annotation file could not be read or written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum AnnotationFileError {
    /// The file system refused.
    #[error("{path}: {action}: {error}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The operating system's reason.
        error: std::io::Error,
    },
    /// Larger than the limit.
    #[error("{path}: the file is {size} bytes, over the limit of {limit} bytes for annotation files")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Nothing in the file.
    #[error("{path}: the annotation file is empty")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// Not UTF-8 text.
    #[error("{path}: not a text file (annotation files are UTF-8 RON)")]
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// RON syntax error.
    #[error("{path}:{line}:{column}: malformed annotation file: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// Valid RON, but not a Gloss annotation file.
    #[error("{path}: not a Gloss annotation file (no `format: \"{FORMAT_NAME}\"` header)")]
    NotAnnotationFile {
        /// The file.
        path: PathBuf,
    },
    /// Written by a newer Gloss.
    #[error("{path}: annotation file version {found} is newer than this Gloss supports ({FORMAT_VERSION}); update Gloss to open it")]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u64,
    },
    /// Over a safety limit.
    #[error("{path}: refused: {what}")]
    Limit {
        /// The file.
        path: PathBuf,
        /// Which limit.
        what: String,
    },
    /// A value no Gloss writes: a passage over no blocks, a reversed range, more blocks than
    /// the quote has parts.
    #[error("{path}: annotation {id}: {what}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The annotation's id (shortened).
        id: String,
        /// What is wrong.
        what: String,
    },
    /// Serialisation failed (a bug, reported rather than hidden).
    #[error("{path}: cannot write annotations: {message}")]
    Serialize {
        /// The file.
        path: PathBuf,
        /// The serialiser's message.
        message: String,
    },
}

/// Safety limits for loading files from others.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest file, in bytes.
    pub max_bytes: u64,
    /// Most annotations (counting deletions and versions kept for review).
    pub max_annotations: usize,
    /// Longest string (note, quote, …), in characters.
    pub max_string_chars: usize,
    /// Most tags (and most stamps in an annotation's `supersedes`).
    pub max_tags: usize,
    /// Deepest nesting the parser follows.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_bytes: 64 * 1024 * 1024, max_annotations: 200_000, max_string_chars: 200_000, max_tags: 1_000, max_depth: 32 }
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u64,
    document: &'a DocumentInfo,
    tags: &'a TagSet,
    annotations: Vec<&'a Annotation>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tombstones: &'a [Tombstone],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<&'a Conflict>,
}

#[derive(Deserialize)]
struct FileIn {
    #[allow(dead_code, reason = "checked by the probe; kept so the field is accepted")]
    format: String,
    #[allow(dead_code, reason = "checked by the probe; kept so the field is accepted")]
    version: u64,
    document: DocumentInfo,
    #[serde(default = "TagSet::empty")]
    tags: TagSet,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    tombstones: Vec<Tombstone>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u64,
}

/// The file text for a set: pretty RON in the canonical order of [`order`], so the same
/// annotations give the same bytes whatever their order in memory.
pub fn to_ron(set: &AnnotationSet) -> Result<String, ron::Error> {
    let mut tombstones = set.tombstones.clone();
    tombstones.sort_by(|a, b| (&a.id, a.deleted, &a.author).cmp(&(&b.id, b.deleted, &b.author)));
    let out = FileOut {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        document: &set.document,
        tags: &set.tags,
        annotations: order::sorted(&set.annotations),
        tombstones: &tombstones,
        conflicts: order::sorted_conflicts(&set.conflicts),
    };
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut text = ron::ser::to_string_pretty(&out, config)?;
    text.push('\n');
    Ok(text)
}

/// Saves atomically (see [`crate::fsutil::write_atomically`]): a failure at any step leaves
/// the old file as it was; the previous version is kept as `<name>.bak`; a new file is
/// readable by others as an ordinary new file is (`0o644` under the usual umask), a replaced
/// one keeps its permissions.
pub fn save(path: &Path, set: &AnnotationSet) -> Result<(), AnnotationFileError> {
    save_with_writer(path, set, std::io::Write::write_all)
}

/// [`save`] with the write step supplied (tests inject failures through it).
#[doc(hidden)]
pub fn save_with_writer(
    path: &Path,
    set: &AnnotationSet,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), AnnotationFileError> {
    let text = to_ron(set).map_err(|e| AnnotationFileError::Serialize { path: path.to_path_buf(), message: e.to_string() })?;
    crate::fsutil::write_atomically_with(path, text.as_bytes(), WriteOptions { backup: true }, write)
        .map_err(|WriteError { action, error }| AnnotationFileError::Io { path: path.to_path_buf(), action, error })
}

/// Loads a file with the default limits. Loading never writes.
pub fn load(path: &Path) -> Result<AnnotationSet, AnnotationFileError> {
    load_with(path, Limits::default())
}

/// Loads a file with the given limits.
pub fn load_with(path: &Path, limits: Limits) -> Result<AnnotationSet, AnnotationFileError> {
    let io = |action: &'static str| move |error| AnnotationFileError::Io { path: path.to_path_buf(), action, error };
    let size = std::fs::metadata(path).map_err(io("cannot read"))?.len();
    if size > limits.max_bytes {
        return Err(AnnotationFileError::TooLarge { path: path.to_path_buf(), size, limit: limits.max_bytes });
    }
    let bytes = std::fs::read(path).map_err(io("cannot read"))?;
    parse(path, &bytes, limits)
}

/// Parses file bytes (`path` is used in messages only).
pub fn parse(path: &Path, bytes: &[u8], limits: Limits) -> Result<AnnotationSet, AnnotationFileError> {
    let path_buf = || path.to_path_buf();
    if bytes.len() as u64 > limits.max_bytes {
        return Err(AnnotationFileError::TooLarge { path: path_buf(), size: bytes.len() as u64, limit: limits.max_bytes });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| AnnotationFileError::NotText { path: path_buf() })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(AnnotationFileError::Empty { path: path_buf() });
    }
    if text.contains('\0') {
        return Err(AnnotationFileError::NotText { path: path_buf() });
    }
    let options = ron::Options::default().with_recursion_limit(limits.max_depth);
    let probe: Probe = options.from_str(text).map_err(|e| probe_error(path, e))?;
    if probe.format != FORMAT_NAME || probe.version == 0 {
        return Err(AnnotationFileError::NotAnnotationFile { path: path_buf() });
    }
    if probe.version > FORMAT_VERSION {
        return Err(AnnotationFileError::NewerVersion { path: path_buf(), found: probe.version });
    }
    let file: FileIn = options.from_str(text).map_err(|e| syntax(path, e))?;
    check_limits(path, &file, limits)?;
    let versions = file.conflicts.iter().filter_map(|c| match c {
        Conflict::Edited(other) => Some(other.as_ref()),
        Conflict::Deleted(_) => None,
    });
    for annotation in file.annotations.iter().chain(versions) {
        check_values(path, annotation)?;
    }
    Ok(AnnotationSet {
        document: file.document,
        tags: file.tags,
        annotations: file.annotations,
        tombstones: file.tombstones,
        conflicts: file.conflicts,
    })
}

fn syntax(path: &Path, error: ron::error::SpannedError) -> AnnotationFileError {
    AnnotationFileError::Syntax {
        path: path.to_path_buf(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    }
}

/// A probe that fails on the shape (not a struct) means another kind of RON file.
fn probe_error(path: &Path, error: ron::error::SpannedError) -> AnnotationFileError {
    use ron::Error as E;
    match error.code {
        E::ExpectedStructLike
        | E::ExpectedNamedStructLike(_)
        | E::InvalidValueForType { .. }
        | E::ExpectedString
        | E::ExpectedInteger
        | E::ExpectedMap
        | E::ExpectedDifferentStructName { .. } => AnnotationFileError::NotAnnotationFile { path: path.to_path_buf() },
        E::ExceededRecursionLimit => AnnotationFileError::Limit { path: path.to_path_buf(), what: "nested too deeply".to_string() },
        _ => syntax(path, error),
    }
}

fn check_limits(path: &Path, file: &FileIn, limits: Limits) -> Result<(), AnnotationFileError> {
    let limit = |what: String| Err(AnnotationFileError::Limit { path: path.to_path_buf(), what });
    let count = file.annotations.len().saturating_add(file.tombstones.len()).saturating_add(file.conflicts.len());
    if count > limits.max_annotations {
        return limit(format!("{count} annotations (with deletions and conflicts), more than the limit of {}", limits.max_annotations));
    }
    if file.tags.len() > limits.max_tags {
        return limit(format!("{} tags, more than the limit of {}", file.tags.len(), limits.max_tags));
    }
    let too_long = |s: &str| s.len() > limits.max_string_chars && s.chars().count() > limits.max_string_chars;
    let versions = file.conflicts.iter().filter_map(|c| match c {
        Conflict::Edited(other) => Some(other.as_ref()),
        Conflict::Deleted(_) => None,
    });
    for annotation in file.annotations.iter().chain(versions) {
        let anchor = &annotation.anchor;
        let strings = [&annotation.id, &annotation.author, &annotation.note, &anchor.quote, &anchor.prefix, &anchor.suffix, &anchor.label];
        let more = [&anchor.content_hash, &anchor.block_id.0];
        if strings.iter().chain(&more).any(|s| too_long(s))
            || annotation.previous_quote.as_deref().is_some_and(too_long)
            || annotation.proposal.as_ref().is_some_and(|p| too_long(&p.text))
            || annotation.tags.iter().any(|t| too_long(t))
        {
            return limit(format!("annotation {} has a text longer than {} characters", short(&annotation.id), limits.max_string_chars));
        }
        if annotation.tags.len() > limits.max_tags || annotation.supersedes.len() > limits.max_tags {
            return limit(format!("annotation {} has more than {} tags or earlier versions", short(&annotation.id), limits.max_tags));
        }
    }
    let tombstone_strings = file.tombstones.iter().chain(file.conflicts.iter().filter_map(|c| match c {
        Conflict::Deleted(t) => Some(t),
        Conflict::Edited(_) => None,
    }));
    for tombstone in tombstone_strings {
        if too_long(&tombstone.id) || too_long(&tombstone.author) {
            return limit(format!("a deletion record has a text longer than {} characters", limits.max_string_chars));
        }
    }
    Ok(())
}

/// Refuses values no Gloss writes, before anything computes with them.
fn check_values(path: &Path, annotation: &Annotation) -> Result<(), AnnotationFileError> {
    let invalid = |what: String| Err(AnnotationFileError::Invalid { path: path.to_path_buf(), id: short(&annotation.id), what });
    let anchor = &annotation.anchor;
    if anchor.block_count == 0 {
        return invalid("its passage covers 0 blocks (block_count must be at least 1)".to_string());
    }
    // A passage over several blocks joins its parts with line breaks: it has at least as many parts as blocks.
    let parts = anchor.quote.matches('\n').count().saturating_add(1);
    if anchor.block_count > parts {
        return invalid(format!("its passage covers {} blocks but its quote has {parts} part(s)", anchor.block_count));
    }
    if anchor.block_count == 1 && anchor.char_range.start > anchor.char_range.end {
        return invalid(format!("its range {}..{} ends before it starts", anchor.char_range.start, anchor.char_range.end));
    }
    Ok(())
}

/// At most 40 characters of an id, for messages.
fn short(id: &str) -> String {
    id.chars().take(40).collect()
}
