//! Work off the UI thread: reading files, comparing, carrying, finding, file dialogs, and
//! every file write.
//!
//! A job that replaces a result (a comparison, a search, an annotation file loaded into a
//! document) has a [`JobKey`]; starting a newer job with the same key makes the older one's
//! result stale, and [`Jobs::poll`] drops it, so a slow result never overwrites a newer one.
//! File writes go through one writer thread, in the order they were asked for, so an older
//! save can never land after a newer one.

use crate::annotate::{AnnotationSet, Autosave};
use crate::compare::Alignment;
use crate::store::{Document, DocumentId, SearchHit};
use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// A comparison session's id.
pub type CompareId = u64;

/// What a file dialog was opened for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Open documents or annotation files.
    Open,
    /// Open an annotation file for a document.
    OpenAnnotations(DocumentId),
    /// Save a document's annotations.
    SaveAnnotations(DocumentId),
    /// Merge a colleague's file into a document's annotations.
    Merge(DocumentId),
    /// Export the position table.
    ExportTable(DocumentId),
    /// Export the HTML redline of a comparison.
    ExportRedline(CompareId),
    /// Export the Word redline (tracked changes) of a comparison.
    ExportWordRedline(CompareId),
    /// Export a document with its annotations as Word comments.
    ExportAnnotated(DocumentId),
    /// Export the compilation of a document's proposals (Word or HTML).
    ExportCompilation(DocumentId),
}

/// What an annotation file is being read for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadPurpose {
    /// Replace the document's annotations with the file's.
    Replace,
    /// Merge the file into the document's annotations.
    Merge,
    /// Restore unsaved annotations from the autosave.
    Restore,
    /// Carry a file made on another document onto this one (the user agreed).
    Carry,
}

/// Which result a job produces: a newer job with the same key makes an older one stale.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum JobKey {
    /// The alignment of a comparison session.
    Compare(CompareId),
    /// The annotation file loaded into a document.
    Annotations(DocumentId),
    /// Find in a document.
    Find(DocumentId),
    /// Find in a comparison.
    FindInCompare(CompareId),
}

/// A finished job.
pub enum Outcome {
    /// A document was read (or failed, with the message), with the annotation files found for it.
    Read {
        /// The file.
        path: PathBuf,
        /// The document and what came with it, or the error in plain words.
        result: Result<Box<Opened>, String>,
    },
    /// A comparison finished.
    Compared {
        /// The session.
        compare: CompareId,
        /// The alignment and the old version's annotations carried onto the new one.
        result: Box<(Alignment, AnnotationSet)>,
    },
    /// An annotation file was read for a document.
    LoadedAnnotations {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
        /// What to do with it.
        purpose: LoadPurpose,
        /// The set, or the error in plain words.
        result: Result<AnnotationSet, String>,
    },
    /// A document's annotations were saved.
    Saved {
        /// The document.
        doc: DocumentId,
        /// The annotations' revision that was written.
        revision: u64,
        /// The file.
        path: PathBuf,
        /// The error in plain words, if it failed.
        result: Result<(), String>,
    },
    /// A file was written (an export, an autosave).
    Wrote {
        /// What to tell the user when it worked (nothing for autosaves).
        notice: Option<String>,
        /// The error in plain words, if it failed.
        result: Result<(), String>,
    },
    /// A search finished.
    Found {
        /// The document.
        doc: DocumentId,
        /// The query searched.
        query: String,
        /// Matches in reading order.
        hits: Vec<SearchHit>,
    },
    /// A search in a comparison finished.
    FoundRows {
        /// The comparison.
        compare: CompareId,
        /// The query searched.
        query: String,
        /// Rows with a match on either side.
        rows: Vec<usize>,
    },
    /// A file dialog closed.
    Picked {
        /// What it was opened for.
        request: super::file_dialog::PickRequest,
        /// The chosen paths (empty when cancelled).
        paths: Vec<PathBuf>,
        /// It came back empty faster than a person can cancel: no dialog could be shown.
        unavailable: bool,
    },
}

/// A document read from a file, with what came with it.
pub struct Opened {
    /// The document.
    pub document: Document,
    /// What a Word file brought besides its text.
    pub word: Option<WordParts>,
    /// The `NAME.gloss.ron` beside the file, read (or the error), if there is one.
    pub sidecar: Option<(PathBuf, Result<AnnotationSet, String>)>,
    /// An autosave holding other annotations than the file's, to offer for restoring.
    pub autosave: Option<PathBuf>,
}

/// A Word file's tracked changes and comments.
pub struct WordParts {
    /// The text with every tracked change rejected.
    pub before: Option<Document>,
    /// Who made the tracked changes.
    pub revision_authors: Vec<String>,
    /// Word comments.
    pub comments: Vec<crate::ingest::WordComment>,
}

/// Reads a document file, the annotation file beside it and its autosave (on a job thread).
pub fn open_file(path: &std::path::Path, autosave: Option<&Autosave>, on_page: &mut dyn FnMut(usize, usize)) -> Result<Opened, String> {
    let (document, word) = if is_word_file(path) {
        let file = crate::ingest::read_word_file(path).map_err(|e| e.to_string())?;
        let word = WordParts { before: file.before, revision_authors: file.revision_authors, comments: file.comments };
        (file.document, Some(word))
    } else {
        (crate::ingest::read_path_reporting(path, on_page).map_err(|e| e.to_string())?, None)
    };
    let sidecar_path = crate::annotate::sidecar_path(path);
    let sidecar = sidecar_path.exists().then(|| {
        let set = crate::annotate::load(&sidecar_path).map_err(|e| e.to_string());
        (sidecar_path, set)
    });
    let saved = match &sidecar {
        Some((_, Ok(set))) => set.clone(),
        _ => AnnotationSet::for_document(&document),
    };
    let autosave = autosave.and_then(|a| a.restorable(&document, &saved));
    Ok(Opened { document, word, sidecar, autosave })
}

/// A `.docx` file: read with its tracked changes and comments.
pub fn is_word_file(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

type Write = Box<dyn FnOnce() -> Outcome + Send>;

/// A finished job as it comes back from its thread: id, key and generation, outcome.
type Done = (u64, Option<(JobKey, u64)>, Outcome);

/// Background jobs and their results.
pub struct Jobs {
    sender: Sender<Done>,
    receiver: Receiver<Done>,
    writer: Option<Sender<(u64, Write)>>,
    next_id: u64,
    latest: FxHashMap<JobKey, u64>,
    /// The jobs running (id, description), for the progress indicator.
    pub running: Vec<(u64, String)>,
    /// Progress of the jobs that report it: (job id, pages done << 32 | page count).
    pub progress: Vec<(u64, Arc<AtomicU64>)>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self { sender, receiver, writer: None, next_id: 0, latest: FxHashMap::default(), running: Vec::new(), progress: Vec::new() }
    }
}

impl std::fmt::Debug for Jobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jobs").field("running", &self.running).finish()
    }
}

impl Jobs {
    /// Runs `work` on a thread; its outcome arrives through [`Jobs::poll`].
    pub fn spawn(&mut self, label: String, work: impl FnOnce() -> Outcome + Send + 'static) {
        self.spawn_keyed(label, None, work);
    }

    /// Runs `work` on a thread; a later job with the same key makes this one's result stale.
    pub fn spawn_keyed(&mut self, label: String, key: Option<JobKey>, work: impl FnOnce() -> Outcome + Send + 'static) {
        let id = self.start(label);
        let generation = key.map(|key| {
            let generation = id;
            self.latest.insert(key.clone(), generation);
            (key, generation)
        });
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            // The receiver lives as long as the app; a send error only means it is closing.
            let _ = sender.send((id, generation, work()));
        });
    }

    /// Queues a file write; writes run one after another, in the order asked.
    pub fn write(&mut self, label: String, work: impl FnOnce() -> Outcome + Send + 'static) {
        let id = self.start(label);
        let queued = self.writer().send((id, Box::new(work)));
        if let Err(std::sync::mpsc::SendError((id, work))) = queued {
            // The writer thread is gone (it never panics on purpose): write here instead.
            self.writer = None;
            let _ = self.sender.send((id, None, work()));
        }
    }

    fn writer(&mut self) -> &Sender<(u64, Write)> {
        self.writer.get_or_insert_with(|| {
            let (queue, jobs) = channel::<(u64, Write)>();
            let sender = self.sender.clone();
            std::thread::spawn(move || {
                for (id, work) in jobs {
                    let _ = sender.send((id, None, work()));
                }
            });
            queue
        })
    }

    fn start(&mut self, label: String) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.running.push((id, label));
        id
    }

    /// Reads a document (its sidecar annotation file and its autosave) on a thread, reporting pages.
    pub fn read(&mut self, path: PathBuf, autosave: Option<Autosave>) {
        let label = format!("Reading {}", path.display());
        let pages = Arc::new(AtomicU64::new(0));
        self.progress.push((self.next_id, Arc::clone(&pages)));
        self.spawn(label, move || {
            let result = open_file(&path, autosave.as_ref(), &mut |done, total| {
                let packed = (u64::try_from(done).unwrap_or(0) << 32) | u64::try_from(total).unwrap_or(0).min(u64::from(u32::MAX));
                pages.store(packed, Ordering::Relaxed);
            });
            Outcome::Read { path, result: result.map(Box::new) }
        });
    }

    /// What a running job has done so far, as (pages done, page count), if it reports progress.
    pub fn progress_of(&self, id: u64) -> Option<(u32, u32)> {
        let packed = self.progress.iter().find(|(job, _)| *job == id)?.1.load(Ordering::Relaxed);
        let total = u32::try_from(packed & u64::from(u32::MAX)).unwrap_or(0);
        (total > 0).then(|| (u32::try_from(packed >> 32).unwrap_or(0), total))
    }

    /// Opens a native file dialog on a thread (its calls block).
    pub fn pick(&mut self, request: super::file_dialog::PickRequest) {
        self.spawn("Waiting for the file dialog".to_string(), move || {
            let started = std::time::Instant::now();
            let mut dialog = rfd::FileDialog::new();
            if let Some(folder) = &request.folder {
                dialog = dialog.set_directory(folder);
            }
            let (name, extensions) = request.file_types();
            let dialog = dialog.add_filter(name, extensions);
            let paths = if request.save {
                dialog.set_file_name(request.file_name.clone()).save_file().into_iter().collect()
            } else if request.purpose == Purpose::Open {
                dialog.pick_files().unwrap_or_default()
            } else {
                dialog.pick_file().into_iter().collect()
            };
            let unavailable = paths.is_empty() && started.elapsed() < std::time::Duration::from_millis(150);
            Outcome::Picked { request, paths, unavailable }
        });
    }

    /// Finished jobs since the last call, without the stale ones.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let done: Vec<_> = self.receiver.try_iter().collect();
        self.collect(done)
    }

    /// Waits until every running job has finished (at most `timeout`) and returns the outcomes;
    /// for tests and for the last save before closing.
    pub fn wait_all(&mut self, timeout: std::time::Duration) -> Vec<Outcome> {
        let deadline = std::time::Instant::now() + timeout;
        let mut outcomes = Vec::new();
        while !self.running.is_empty() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.receiver.recv_timeout(left) {
                Ok(done) => outcomes.extend(self.collect(vec![done])),
                Err(_) => break,
            }
        }
        outcomes
    }

    fn collect(&mut self, done: Vec<Done>) -> Vec<Outcome> {
        self.running.retain(|(id, _)| done.iter().all(|(finished, _, _)| finished != id));
        self.progress.retain(|(id, _)| self.running.iter().any(|(running, _)| running == id));
        done.into_iter()
            .filter(|(_, generation, _)| generation.as_ref().is_none_or(|(key, g)| self.latest.get(key) == Some(g)))
            .map(|(_, _, outcome)| outcome)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picked(purpose: Purpose) -> Outcome {
        let request = super::super::file_dialog::PickRequest { purpose, save: false, folder: None, file_name: String::new() };
        Outcome::Picked { request, paths: Vec::new(), unavailable: false }
    }

    #[test]
    fn a_finished_job_leaves_the_others_listed() {
        let mut jobs = Jobs::default();
        let (release, wait) = channel::<()>();
        jobs.spawn("slow".into(), move || {
            let _ = wait.recv();
            picked(Purpose::Open)
        });
        jobs.spawn("fast".into(), || picked(Purpose::ExportRedline(7)));
        let mut finished = Vec::new();
        while finished.is_empty() {
            finished = jobs.poll();
        }
        assert!(matches!(&finished[0], Outcome::Picked { request, .. } if request.purpose == Purpose::ExportRedline(7)));
        assert_eq!(jobs.running.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>(), vec!["slow"]);
        release.send(()).expect("the slow job waits");
        while jobs.running.len() == 1 {
            jobs.poll();
        }
        assert!(jobs.running.is_empty());
    }

    #[test]
    fn a_late_result_never_overwrites_a_newer_one() {
        let mut jobs = Jobs::default();
        let (release, wait) = channel::<()>();
        let key = Some(JobKey::Compare(1));
        jobs.spawn_keyed("old comparison".into(), key.clone(), move || {
            let _ = wait.recv();
            picked(Purpose::Open)
        });
        jobs.spawn_keyed("new comparison".into(), key, || picked(Purpose::ExportRedline(1)));
        let first = jobs.wait_all(std::time::Duration::from_millis(0));
        release.send(()).expect("the old job waits");
        let outcomes: Vec<Outcome> = first.into_iter().chain(jobs.wait_all(std::time::Duration::from_secs(10))).collect();
        assert!(jobs.running.is_empty());
        assert_eq!(outcomes.len(), 1, "the older comparison's result is dropped");
        assert!(matches!(&outcomes[0], Outcome::Picked { request, .. } if request.purpose == Purpose::ExportRedline(1)));
    }

    #[test]
    fn writes_land_in_the_order_asked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        let mut jobs = Jobs::default();
        for i in 0..20 {
            let path = path.clone();
            jobs.write(format!("write {i}"), move || {
                let result = std::fs::write(&path, i.to_string()).map_err(|e| e.to_string());
                Outcome::Wrote { notice: None, result }
            });
        }
        let outcomes = jobs.wait_all(std::time::Duration::from_secs(10));
        assert_eq!(outcomes.len(), 20);
        assert_eq!(std::fs::read_to_string(&path).expect("written"), "19");
    }
}
