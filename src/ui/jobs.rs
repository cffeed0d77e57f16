//! Work off the UI thread: reading files, comparing, file dialogs.

use crate::compare::Alignment;
use crate::store::Document;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a file dialog was opened for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Open documents or annotation files.
    Open,
    /// Open an annotation file for a document.
    OpenAnnotations(usize),
    /// Save a document's annotations.
    SaveAnnotations(usize),
    /// Merge a colleague's file into a document's annotations.
    Merge(usize),
    /// Export the position table.
    ExportTable(usize),
    /// Export the HTML redline.
    ExportRedline,
}

/// A finished job.
pub enum Outcome {
    /// A document was read (or failed, with the message).
    Read {
        /// The file.
        path: PathBuf,
        /// The document or the error in plain words.
        result: Result<Document, String>,
    },
    /// A Word file was read (or failed, with the message).
    ReadWord {
        /// The file.
        path: PathBuf,
        /// The Word file or the error in plain words.
        result: Result<Box<crate::ingest::WordFile>, String>,
    },
    /// A comparison finished.
    Compared {
        /// Old document index.
        old: usize,
        /// New document index.
        new: usize,
        /// The alignment.
        alignment: Alignment,
    },
    /// A file dialog closed.
    Picked {
        /// Why it was opened.
        purpose: Purpose,
        /// The chosen paths (empty when cancelled).
        paths: Vec<PathBuf>,
        /// It came back empty faster than a person can cancel: no dialog could be shown.
        unavailable: bool,
    },
}

/// A `.docx` file: read with its tracked changes and comments.
pub fn is_word_file(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Background jobs and their results.
pub struct Jobs {
    sender: Sender<(u64, Outcome)>,
    receiver: Receiver<(u64, Outcome)>,
    next_id: u64,
    /// The jobs running (id, description), for the progress indicator.
    pub running: Vec<(u64, String)>,
    /// Progress of the jobs that report it: (job id, pages done << 32 | page count).
    pub progress: Vec<(u64, Arc<AtomicU64>)>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self { sender, receiver, next_id: 0, running: Vec::new(), progress: Vec::new() }
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
        let sender = self.sender.clone();
        let id = self.next_id;
        self.next_id += 1;
        self.running.push((id, label));
        std::thread::spawn(move || {
            // The receiver lives as long as the app; a send error only means it is closing.
            let _ = sender.send((id, work()));
        });
    }

    /// Reads a document on a thread.
    pub fn read(&mut self, path: PathBuf) {
        let label = format!("Reading {}", path.display());
        let pages = Arc::new(AtomicU64::new(0));
        self.progress.push((self.next_id, Arc::clone(&pages)));
        self.spawn(label, move || {
            if is_word_file(&path) {
                let result = crate::ingest::read_word_file(&path).map(Box::new).map_err(|e| e.to_string());
                return Outcome::ReadWord { path, result };
            }
            let result = crate::ingest::read_path_reporting(&path, &mut |done, total| {
                let packed = (u64::try_from(done).unwrap_or(0) << 32) | u64::try_from(total).unwrap_or(0).min(u64::from(u32::MAX));
                pages.store(packed, Ordering::Relaxed);
            });
            Outcome::Read { path, result: result.map_err(|e| e.to_string()) }
        });
    }

    /// What a running job has done so far, as (pages done, page count), if it reports progress.
    pub fn progress_of(&self, id: u64) -> Option<(u32, u32)> {
        let packed = self.progress.iter().find(|(job, _)| *job == id)?.1.load(Ordering::Relaxed);
        let total = u32::try_from(packed & u64::from(u32::MAX)).unwrap_or(0);
        (total > 0).then(|| (u32::try_from(packed >> 32).unwrap_or(0), total))
    }

    /// Opens a native file dialog on a thread (its calls block).
    pub fn pick(&mut self, purpose: Purpose, save: bool, file_name: String) {
        self.spawn("Waiting for the file dialog".to_string(), move || {
            let started = std::time::Instant::now();
            let dialog = rfd::FileDialog::new();
            let dialog = match &purpose {
                Purpose::OpenAnnotations(_) | Purpose::Merge(_) => dialog.add_filter("Gloss annotations", &["ron"]),
                Purpose::Open => dialog.add_filter("Documents and annotations", &["pdf", "docx", "txt", "md", "ron", "text"]),
                Purpose::ExportTable(_) => dialog.add_filter("CSV or Markdown", &["csv", "md"]),
                Purpose::ExportRedline => dialog.add_filter("HTML", &["html"]),
                Purpose::SaveAnnotations(_) => dialog.add_filter("Gloss annotations", &["ron"]),
            };
            let paths = if save {
                dialog.set_file_name(file_name).save_file().into_iter().collect()
            } else if purpose == Purpose::Open {
                dialog.pick_files().unwrap_or_default()
            } else {
                dialog.pick_file().into_iter().collect()
            };
            let unavailable = paths.is_empty() && started.elapsed() < std::time::Duration::from_millis(150);
            Outcome::Picked { purpose, paths, unavailable }
        });
    }

    /// Finished jobs since the last call.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let done: Vec<(u64, Outcome)> = self.receiver.try_iter().collect();
        self.running.retain(|(id, _)| done.iter().all(|(finished, _)| finished != id));
        self.progress.retain(|(id, _)| self.running.iter().any(|(running, _)| running == id));
        done.into_iter().map(|(_, outcome)| outcome).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_job_leaves_the_others_listed() {
        let mut jobs = Jobs::default();
        let (release, wait) = channel::<()>();
        jobs.spawn("slow".into(), move || {
            let _ = wait.recv();
            Outcome::Picked { purpose: Purpose::Open, paths: Vec::new(), unavailable: false }
        });
        jobs.spawn("fast".into(), || Outcome::Picked { purpose: Purpose::ExportRedline, paths: Vec::new(), unavailable: false });
        let mut finished = Vec::new();
        while finished.is_empty() {
            finished = jobs.poll();
        }
        assert!(matches!(finished[0], Outcome::Picked { purpose: Purpose::ExportRedline, .. }));
        assert_eq!(jobs.running.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>(), vec!["slow"]);
        release.send(()).expect("the slow job waits");
        while jobs.running.len() == 1 {
            jobs.poll();
        }
        assert!(jobs.running.is_empty());
    }
}
