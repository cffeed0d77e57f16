//! Files: opening documents, reading and writing annotation files, exports and autosave.
//! Every read and write runs as a job; this file asks for them and takes their results.

use super::AppState;
use super::command::Command;
use super::file_dialog::{InAppDialog, PickRequest, command_for};
use super::jobs::{CompareId, JobKey, LoadPurpose, Opened, Outcome, Purpose};
use super::state::{Active, Dialog, OpenDocument, WordExtras};
use crate::annotate::{self, AnnotationSet};
use crate::store::{Document, DocumentId};
use std::path::PathBuf;
use std::sync::Arc;

impl AppState {
    /// Opens documents (as jobs) and annotation files (into the active document).
    pub(super) fn open_paths(&mut self, paths: Vec<PathBuf>) {
        for path in paths {
            if annotate::is_annotation_file(&path) {
                match self.active_doc() {
                    Some(doc) => self.pending.push(Command::LoadAnnotations { doc, path }),
                    None => self.error(format!("{}: open a document first, then its annotations", path.display())),
                }
            } else {
                self.jobs.read(path, self.autosave.clone());
            }
        }
    }

    /// Shows a file dialog, starting in the document's folder with a sensible file name.
    pub(super) fn pick(&mut self, purpose: Purpose) {
        let doc_of = |purpose: &Purpose| match purpose {
            Purpose::SaveAnnotations(d)
            | Purpose::ExportTable(d)
            | Purpose::OpenAnnotations(d)
            | Purpose::Merge(d)
            | Purpose::ExportAnnotated(d)
            | Purpose::ExportCompilation(d) => Some(d.clone()),
            Purpose::ExportRedline(c) | Purpose::ExportWordRedline(c) => self.session(*c).map(|s| s.new.clone()),
            Purpose::Open => None,
        };
        let doc = doc_of(&purpose);
        let folder = doc.as_ref().and_then(|d| self.docs.get(d)).and_then(|d| d.path.as_ref()).and_then(|p| p.parent().map(PathBuf::from));
        let stem = doc.as_ref().map_or_else(|| "annotations".to_string(), |d| self.stem(d));
        let (save, file_name) = match &purpose {
            Purpose::SaveAnnotations(_) => (true, format!("{stem}.gloss.ron")),
            Purpose::ExportTable(_) => (true, format!("{stem}-positions.csv")),
            Purpose::ExportRedline(_) => (true, format!("{stem}-redline.html")),
            Purpose::ExportWordRedline(_) => (true, format!("{stem}-redline.docx")),
            Purpose::ExportAnnotated(_) => (true, format!("{stem}-annotated.docx")),
            Purpose::ExportCompilation(_) => (true, format!("{stem}-compilation.docx")),
            _ => (false, String::new()),
        };
        let request = PickRequest { purpose, save, folder, file_name };
        if self.settings.in_app_file_dialog || self.native_dialog_failed {
            self.file_dialog = Some(InAppDialog::open(request));
        } else {
            self.jobs.pick(request);
        }
    }

    /// Reads an annotation file for a document on a thread.
    pub(super) fn load_annotations(&mut self, doc: DocumentId, path: PathBuf, purpose: LoadPurpose) {
        let label = format!("Reading {}", path.display());
        let key = (purpose != LoadPurpose::Merge).then(|| JobKey::Annotations(doc.clone()));
        self.jobs.spawn_keyed(label, key, move || {
            let result = annotate::load(&path).map_err(|e| e.to_string());
            Outcome::LoadedAnnotations { doc, path, purpose, result }
        });
    }

    /// Writes a document's annotations to `path` (on the writer thread).
    pub(super) fn save(&mut self, doc: DocumentId, path: PathBuf) {
        let Some(d) = self.docs.get(&doc) else { return };
        let (set, revision) = (d.annotations.to_file_set(), d.annotations.revision());
        self.jobs.write(format!("Saving {}", path.display()), move || {
            let result = annotate::save(&path, &set).map_err(|e| e.to_string());
            Outcome::Saved { doc, revision, path, result }
        });
    }

    pub(super) fn export_table(&mut self, doc: &DocumentId, path: PathBuf) {
        let Some(d) = self.docs.get(doc) else { return };
        let rows = crate::export::table::position_rows(d.set(), &d.document, d.annotations.placements());
        let markdown = path.extension().is_some_and(|e| e == "md");
        self.jobs.write(format!("Writing {}", path.display()), move || {
            let text = if markdown { crate::export::table::markdown(&rows) } else { crate::export::table::csv(&rows) };
            let result = write_file(&path, text.as_bytes());
            Outcome::Wrote { notice: Some(format!("Exported {} rows to {}", rows.len(), path.display())), result }
        });
    }

    pub(super) fn export_redline(&mut self, compare: CompareId, path: PathBuf) {
        let Some((old, new, alignment)) = self.compared(compare) else { return };
        self.jobs.write(format!("Writing {}", path.display()), move || {
            let html = crate::export::html::redline(&old, &new, &alignment);
            let result = write_file(&path, html.as_bytes());
            Outcome::Wrote { notice: Some(format!("Wrote the redline to {}", path.display())), result }
        });
    }

    /// Writes the Word redline of a comparison (tracked changes by "Gloss comparison").
    pub(super) fn export_word_redline(&mut self, compare: CompareId, path: PathBuf) {
        let Some((old, new, alignment)) = self.compared(compare) else { return };
        self.jobs.write(format!("Writing {}", path.display()), move || {
            let options = crate::export::docx::RedlineOptions::default();
            let result = crate::export::docx::redline(&old, &new, &alignment, &options)
                .map_err(|e| e.to_string())
                .and_then(|bytes| write_file(&path, &bytes));
            Outcome::Wrote { notice: Some(format!("Wrote the Word redline to {}", path.display())), result }
        });
    }

    /// Writes the document with its annotations as Word comments.
    pub(super) fn export_annotated(&mut self, doc: &DocumentId, path: PathBuf) {
        let Some(d) = self.docs.get(doc) else { return };
        let (document, set, placements) = (Arc::clone(&d.document), d.set().clone(), d.annotations.placements().to_vec());
        self.jobs.write(format!("Writing {}", path.display()), move || {
            let result = crate::export::docx::annotated(&document, &set, &placements)
                .map_err(|e| e.to_string())
                .and_then(|bytes| write_file(&path, &bytes));
            let notice = format!("Wrote {} annotations as Word comments to {}", set.annotations.len(), path.display());
            Outcome::Wrote { notice: Some(notice), result }
        });
    }

    /// Writes the compilation of the document's proposals: HTML for `.html`, else Word.
    pub(super) fn export_compilation(&mut self, doc: &DocumentId, path: PathBuf) {
        let Some(d) = self.docs.get(doc) else { return };
        let (document, set) = (Arc::clone(&d.document), d.set().clone());
        let html = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        self.jobs.write(format!("Writing {}", path.display()), move || {
            use crate::export::compilation::{self, CompilationOptions};
            let compilation = compilation::compile(&document, std::slice::from_ref(&set), CompilationOptions::default());
            let bytes = if html {
                Ok(compilation::html::compilation_html(&compilation).into_bytes())
            } else {
                compilation::docx::compilation_docx(&compilation).map_err(|e| e.to_string())
            };
            let result = bytes.and_then(|bytes| write_file(&path, &bytes));
            let count: usize = compilation.rows.iter().map(|r| r.proposals.len()).sum::<usize>() + compilation.unplaced.len();
            Outcome::Wrote { notice: Some(format!("Compiled {count} proposals into {}", path.display())), result }
        });
    }

    /// Writes unsaved annotation sets to the autosave folder, at most every few seconds.
    pub(super) fn autosave_if_due(&mut self) {
        let Some(autosave) = self.autosave.as_mut() else { return };
        if !autosave.due(std::time::Instant::now()) {
            return;
        }
        let autosave = autosave.clone();
        let dirty: Vec<(AnnotationSet, Arc<Document>)> = self
            .docs
            .values()
            .filter(|d| d.dirty() && !d.set().annotations.is_empty())
            .map(|d| (d.annotations.to_file_set(), Arc::clone(&d.document)))
            .collect();
        if dirty.is_empty() {
            return;
        }
        self.jobs.write("Autosaving".to_string(), move || {
            let result = dirty.iter().try_for_each(|(set, document)| autosave.write(set, document).map(|_| ()));
            Outcome::Wrote { notice: None, result: result.map_err(|e| format!("Autosave failed: {e}")) }
        });
    }

    /// Takes the result of a job.
    pub(super) fn finish(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Read { path, result } => match result {
                Ok(opened) => {
                    let doc = self.add_opened(*opened, path.clone());
                    self.remember(path);
                    self.active = Some(Active::Reader(doc));
                    self.after_open();
                }
                Err(message) => self.error(message),
            },
            Outcome::Compared { compare, result } => self.install_compare(compare, *result),
            Outcome::LoadedAnnotations { doc, path, purpose, result } => match result {
                Ok(set) => self.take_annotations(&doc, path, purpose, set),
                Err(message) => self.error(message),
            },
            Outcome::Saved { doc, revision, path, result } => match result {
                Ok(()) => self.saved(&doc, revision, path),
                Err(message) => self.error(format!("{message} — your annotations are still open; try another folder")),
            },
            Outcome::Wrote { notice, result } => match result {
                Ok(()) => {
                    if let Some(notice) = notice {
                        self.notice(notice);
                    }
                }
                Err(message) => self.error(message),
            },
            Outcome::Found { doc, query, hits } => {
                if let Some(d) = self.docs.get_mut(&doc) {
                    d.view.scroll_to = hits.first().map(|h| h.block);
                    d.view.find.hits = hits;
                    d.view.find.searched = query;
                    d.view.find.current = 0;
                }
            }
            Outcome::FoundRows { compare, query, rows } => self.on_session(compare, |c| {
                c.find.rows = rows;
                c.find.searched = query;
                c.find.current = 0;
                if let Some(&row) = c.find.rows.first() {
                    c.show_row(row, true);
                }
            }),
            Outcome::Picked { request, paths, unavailable } => self.picked(request, paths, unavailable),
        }
    }

    fn picked(&mut self, request: PickRequest, paths: Vec<PathBuf>, unavailable: bool) {
        if unavailable {
            // No portal: use Gloss's own dialog from now on, starting with this request.
            self.native_dialog_failed = true;
            self.notice("No system file dialog is available here; Gloss shows its own.".to_string());
            self.file_dialog = Some(InAppDialog::open(request));
            return;
        }
        if let Some(command) = command_for(request.purpose, paths) {
            self.pending.push(command);
        }
    }

    /// An annotation file arrived for a document: replace, merge or restore.
    fn take_annotations(&mut self, doc: &DocumentId, path: PathBuf, purpose: LoadPurpose, set: AnnotationSet) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        let text = match purpose {
            LoadPurpose::Merge => {
                let report = d.annotations.merge_from(&set, &d.document);
                format!("Merged {}: {report}", path.display())
            }
            LoadPurpose::Replace
                if set.document.content_hash != d.document.content_hash
                    && d.path.as_deref().map(annotate::sidecar_path).as_deref() != Some(path.as_path()) =>
            {
                // A file made on another document: say which, and change nothing until asked.
                let info = set.document.clone();
                self.foreign_file = Some((doc.clone(), path.clone(), set));
                self.dialog = Some(Dialog::OtherDocument { doc: doc.clone(), path, title: info.title, source_file: info.source_file });
                return;
            }
            LoadPurpose::Carry => {
                let report = d.annotations.attach(set, &d.document);
                // The colleague's file keeps its document: saving asks where to write this one.
                d.annotation_path = None;
                d.saved_revision = None;
                format!(
                    "Carried {} annotations from {} onto this document ({} orphaned, kept and listed); save to write them for it",
                    report.annotations,
                    path.display(),
                    report.orphaned
                )
            }
            LoadPurpose::Replace | LoadPurpose::Restore => {
                let report = d.annotations.attach(set, &d.document);
                let mut text = format!("Loaded {} annotations from {}", report.annotations, path.display());
                if report.other_version {
                    text.push_str(" (made on another version of this document)");
                }
                if report.orphaned > 0 {
                    text.push_str(&format!("; {} no longer fit the text and are listed as orphaned", report.orphaned));
                }
                if purpose == LoadPurpose::Replace {
                    d.annotation_path = Some(path);
                    d.mark_saved();
                } else {
                    // Restored work is unsaved until the user saves it to a file.
                    d.annotation_path = None;
                    d.saved_revision = None;
                }
                text
            }
        };
        self.notice(text);
    }

    /// Carries the annotation file the user was asked about onto the document it was opened on.
    pub(super) fn carry_foreign_file(&mut self) {
        self.dialog = None;
        if let Some((doc, path, set)) = self.foreign_file.take() {
            self.take_annotations(&doc, path, LoadPurpose::Carry, set);
        }
    }

    fn saved(&mut self, doc: &DocumentId, revision: u64, path: PathBuf) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        d.annotation_path = Some(path.clone());
        if d.annotations.revision() == revision {
            d.mark_saved();
            if let Some(autosave) = &self.autosave {
                autosave.discard(&d.document);
            }
        }
        self.notice(format!("Saved {}", path.display()));
    }

    /// Adds a document read from a file, with its Word extras and the annotation file beside it.
    fn add_opened(&mut self, opened: Opened, path: PathBuf) -> DocumentId {
        let Opened { document, word, sidecar, autosave } = opened;
        let doc = self.add_document(document, Some(path));
        if let Some(word) = word {
            self.add_word_parts(&doc, word);
        }
        match sidecar {
            Some((path, Ok(set))) => self.take_annotations(&doc, path, LoadPurpose::Replace, set),
            Some((_, Err(message))) => self.error(message),
            None => {}
        }
        if let Some(path) = autosave
            && self.dialog.is_none()
        {
            self.dialog = Some(Dialog::RestoreAutosave { doc: doc.clone(), path });
        }
        doc
    }

    /// Adds a document to the store and opens it (an already open document is shown instead).
    pub fn add_document(&mut self, document: Document, path: Option<PathBuf>) -> DocumentId {
        if let Some(open) = self.docs.get(&document.id) {
            let name = open.name();
            self.notice(format!("{name} has the same text and is already open"));
            return document.id.clone();
        }
        let id = self.store.insert(document);
        if let Some(shared) = self.store.get(&id) {
            self.docs.insert(id.clone(), OpenDocument::new(Arc::clone(shared), path));
        }
        id
    }

    /// Opens a document now, on this thread (files given on the command line; tests).
    pub fn open_now(&mut self, path: PathBuf) -> Option<DocumentId> {
        match super::jobs::open_file(&path, self.autosave.as_ref(), &mut |_, _| {}) {
            Ok(opened) => {
                let doc = self.add_opened(opened, path);
                self.active = Some(Active::Reader(doc.clone()));
                Some(doc)
            }
            Err(message) => {
                self.error(message);
                None
            }
        }
    }

    fn add_word_parts(&mut self, doc: &DocumentId, word: super::jobs::WordParts) {
        let Some(name) = self.docs.get(doc).map(OpenDocument::name) else { return };
        if word.before.is_some() {
            let authors = if word.revision_authors.is_empty() { "unknown authors".to_string() } else { word.revision_authors.join(", ") };
            self.notice(format!(
                "{name} has tracked changes by {authors}: it is shown with every change accepted. \"Compare tracked changes\" shows the text before them against the text after them."
            ));
        }
        if !word.comments.is_empty() {
            self.notice(format!(
                "{name} has {} Word comments: \"Import Word comments\" adds them to its annotations.",
                word.comments.len()
            ));
        }
        if let Some(d) = self.docs.get_mut(doc) {
            d.word = Some(WordExtras {
                before: word.before.map(Arc::new),
                revision_authors: word.revision_authors,
                comments: word.comments,
                comments_imported: false,
            });
        }
    }

    /// Imports a Word document's comments as annotations (once).
    pub(super) fn import_word_comments(&mut self, doc: &DocumentId) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        let Some(word) = d.word.as_mut().filter(|w| !w.comments_imported) else { return };
        let mut set = d.annotations.to_file_set();
        let (added, skipped) = annotate::word::import_comments(&mut set, &d.document, &word.comments);
        word.comments_imported = true;
        if added > 0 {
            d.annotations.merge_from(&set, &d.document);
        }
        let note = if skipped > 0 { format!(" ({skipped} had no passage in the text)") } else { String::new() };
        self.notice(format!("Imported {added} Word comments as annotations{note}"));
    }

    fn remember(&mut self, path: PathBuf) {
        self.settings.recent.retain(|p| p != &path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(10);
    }

    fn stem(&self, doc: &DocumentId) -> String {
        self.docs
            .get(doc)
            .and_then(|d| d.path.as_ref())
            .and_then(|p| p.file_stem())
            .map_or_else(|| "annotations".to_string(), |s| s.to_string_lossy().into_owned())
    }
}

/// Writes an export atomically with ordinary permissions; the error in plain words.
fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    crate::fsutil::write_atomically(path, bytes, crate::fsutil::WriteOptions { backup: false }).map_err(|e| e.to_string())
}
