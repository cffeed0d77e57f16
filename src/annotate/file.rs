//! `.gloss.ron` annotation files: readable RON, byte-stable saves, atomic writes, careful loads.

use super::{Annotation, AnnotationSet, TagSet};
use crate::store::Document;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The `format` field every annotation file carries.
pub const FORMAT_NAME: &str = "gloss-annotations";
/// The format version written; files with a newer major version are refused.
pub const FORMAT_VERSION: u64 = 1;

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
    /// Most annotations.
    pub max_annotations: usize,
    /// Longest string (note, quote, …), in characters.
    pub max_string_chars: usize,
    /// Most tags.
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
    annotations: &'a [Annotation],
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
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u64,
}

/// The file text for a set: pretty RON, the same bytes for the same set.
pub fn to_ron(set: &AnnotationSet) -> Result<String, ron::Error> {
    let out =
        FileOut { format: FORMAT_NAME, version: FORMAT_VERSION, document: &set.document, tags: &set.tags, annotations: &set.annotations };
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

/// Saves atomically: a temporary file in the same folder is written, flushed and synced, the old
/// file is kept as `<name>.bak`, then the temporary file is renamed over the old one. A failure at
/// any step leaves the old file as it was.
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
    let io = |action: &'static str| move |error| AnnotationFileError::Io { path: path.to_path_buf(), action, error };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".gloss-save-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(io("cannot create a temporary file"))?;
    write(temp.as_file_mut(), text.as_bytes()).map_err(io("cannot write"))?;
    temp.as_file_mut().flush().map_err(io("cannot flush"))?;
    temp.as_file().sync_all().map_err(io("cannot sync to disk"))?;
    if path.exists() {
        std::fs::copy(path, backup_path(path)).map_err(io("cannot keep the previous version as .bak"))?;
    }
    temp.persist(path).map_err(|e| AnnotationFileError::Io {
        path: path.to_path_buf(),
        action: "cannot replace the file",
        error: e.error,
    })?;
    // Make the rename itself durable; not every platform can open a folder, so this is best effort.
    if let Ok(dir) = std::fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// `<path>.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
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
    Ok(AnnotationSet { document: file.document, tags: file.tags, annotations: file.annotations })
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
    if file.annotations.len() > limits.max_annotations {
        return limit(format!("{} annotations, more than the limit of {}", file.annotations.len(), limits.max_annotations));
    }
    if file.tags.len() > limits.max_tags {
        return limit(format!("{} tags, more than the limit of {}", file.tags.len(), limits.max_tags));
    }
    let too_long = |s: &str| s.len() > limits.max_string_chars && s.chars().count() > limits.max_string_chars;
    for annotation in &file.annotations {
        let strings = [
            &annotation.id,
            &annotation.author,
            &annotation.note,
            &annotation.anchor.quote,
            &annotation.anchor.prefix,
            &annotation.anchor.suffix,
            &annotation.anchor.label,
        ];
        if strings.iter().any(|s| too_long(s)) || annotation.tags.iter().any(|t| too_long(t)) {
            return limit(format!(
                "annotation {} has a text longer than {} characters",
                annotation.id.chars().take(40).collect::<String>(),
                limits.max_string_chars
            ));
        }
        if annotation.tags.len() > limits.max_tags {
            return limit(format!(
                "annotation {} has more than {} tags",
                annotation.id.chars().take(40).collect::<String>(),
                limits.max_tags
            ));
        }
    }
    Ok(())
}
