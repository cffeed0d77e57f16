//! Where annotation files live: the sidecar beside a document, and the autosave folder.

use super::{AnnotationFileError, AnnotationSet};
use crate::store::Document;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The author name used when none was given.
pub const FALLBACK_AUTHOR: &str = "delegate";

/// `draft.pdf` → `draft.gloss.ron` in the same folder: where a document's annotations are
/// looked for when it is opened, and saved by default.
pub fn sidecar_path(document: &Path) -> PathBuf {
    let stem = document.file_stem().map_or_else(|| "annotations".into(), |s| s.to_string_lossy().into_owned());
    document.with_file_name(format!("{stem}.gloss.ron"))
}

/// True for a file name that looks like an annotation file (`.ron`).
pub fn is_annotation_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Unsaved annotations kept in a folder of the user's data, one file per document content,
/// written at most once per interval.
#[derive(Clone, Debug)]
pub struct Autosave {
    dir: PathBuf,
    interval: Duration,
    last: Option<Instant>,
}

impl Autosave {
    /// Autosaves in `dir`, at most every three seconds.
    pub fn new(dir: PathBuf) -> Self {
        Self { dir, interval: Duration::from_secs(3), last: None }
    }

    /// The same with another interval.
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// The autosave file of a document (by content hash, so any copy of the file finds it).
    pub fn path_for(&self, document: &Document) -> PathBuf {
        let key: String = document.content_hash.chars().take(16).collect();
        self.dir.join(format!("{key}.gloss.ron"))
    }

    /// True when the interval has passed since the last write (and starts a new interval).
    pub fn due(&mut self, now: Instant) -> bool {
        if self.last.is_some_and(|t| now.duration_since(t) < self.interval) {
            return false;
        }
        self.last = Some(now);
        true
    }

    /// Writes a document's annotations to its autosave file.
    pub fn write(&self, set: &AnnotationSet, document: &Document) -> Result<PathBuf, AnnotationFileError> {
        std::fs::create_dir_all(&self.dir).map_err(|error| AnnotationFileError::Io {
            path: self.dir.clone(),
            action: "cannot create the autosave folder",
            error,
        })?;
        let path = self.path_for(document);
        super::save(&path, set)?;
        Ok(path)
    }

    /// Forgets a document's autosave (after it was saved to a file).
    pub fn discard(&self, document: &Document) {
        // A missing file is the usual case; nothing else can be done about a failure here.
        let _ = std::fs::remove_file(self.path_for(document));
    }

    /// The autosave of a document when it holds annotations other than `current`: the user is
    /// offered to restore it.
    pub fn restorable(&self, document: &Document, current: &AnnotationSet) -> Option<PathBuf> {
        let path = self.path_for(document);
        let saved = super::load(&path).ok()?;
        (saved.annotations != current.annotations).then_some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{Anchor, Annotation};
    use crate::ingest::{IngestOptions, document_from_bytes};

    #[test]
    fn sidecar_sits_beside_the_document() {
        assert_eq!(sidecar_path(Path::new("/a/b/draft.rev1.pdf")), PathBuf::from("/a/b/draft.rev1.gloss.ron"));
        assert!(is_annotation_file(Path::new("x.gloss.RON")));
        assert!(!is_annotation_file(Path::new("x.pdf")));
    }

    #[test]
    fn autosave_is_timed_written_offered_and_discarded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = document_from_bytes("t.md", "1. Текст о мире.\n".as_bytes(), IngestOptions::default()).expect("reads");
        let mut autosave = Autosave::new(dir.path().join("autosave")).with_interval(Duration::from_secs(60));
        let now = Instant::now();
        assert!(autosave.due(now));
        assert!(!autosave.due(now + Duration::from_secs(1)));
        assert!(autosave.due(now + Duration::from_secs(61)));
        let empty = AnnotationSet::for_document(&d);
        let mut set = empty.clone();
        set.add(Annotation::new("RU", Anchor::for_quote(&d, 0, "мире").expect("quote"), vec![], String::new()), &d);
        let path = autosave.write(&set, &d).expect("written");
        assert!(path.starts_with(dir.path()));
        assert_eq!(autosave.restorable(&d, &empty), Some(path.clone()));
        assert_eq!(autosave.restorable(&d, &set), None);
        autosave.discard(&d);
        assert!(!path.exists());
        assert_eq!(autosave.restorable(&d, &empty), None);
    }
}
