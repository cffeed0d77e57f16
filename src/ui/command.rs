//! User actions, collected while drawing and applied after layout.

use super::AppState;
use super::jobs::{Outcome, Purpose};
use super::state::{Active, CompareSession, Dialog, OpenDocument};
use crate::annotate::{self, Anchor, AnchorStatus, Annotation, Colour, Selection};
use crate::store::Document;
use std::path::PathBuf;
use std::sync::Arc;

/// Everything a user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Read these files (documents, or `.gloss.ron` files for the active document).
    OpenPaths(Vec<PathBuf>),
    /// Show a file dialog for a purpose.
    Pick(Purpose),
    /// Load an annotation file into a document (asks first over unsaved annotations).
    LoadAnnotations { doc: usize, path: PathBuf },
    /// Load an annotation file, discarding unsaved annotations.
    ReplaceAnnotations { doc: usize, path: PathBuf },
    /// Save a document's annotations (to its file, or ask where).
    Save { doc: usize },
    /// Save to this file.
    SaveTo { doc: usize, path: PathBuf },
    /// Merge a colleague's file.
    MergeFrom { doc: usize, path: PathBuf },
    /// Write the position table.
    ExportTableTo { doc: usize, path: PathBuf },
    /// Write the HTML redline of the comparison.
    ExportRedlineTo(PathBuf),
    /// Show a document or the comparison.
    Show(Active),
    /// Set or clear the selected passage.
    Select { doc: usize, selection: Option<Selection> },
    /// Annotate the selected passage with these tags.
    Annotate { doc: usize, tags: Vec<String> },
    /// Add or remove a tag on an annotation.
    ToggleTag { doc: usize, id: String, tag: String },
    /// Change an annotation's note.
    SetNote { doc: usize, id: String, note: String },
    /// Delete an annotation.
    Delete { doc: usize, id: String },
    /// Open an annotation (and scroll to it when chosen from the list).
    OpenAnnotation { doc: usize, id: Option<String>, scroll: bool },
    /// Scroll the reader to a block.
    GoTo { doc: usize, block: usize },
    /// Go to the paragraph with this label.
    GoToLabel { doc: usize, label: String },
    /// Run the find query.
    Find { doc: usize },
    /// Next or previous match.
    FindStep { doc: usize, forward: bool },
    /// Compare two documents (on a thread).
    Compare { old: usize, new: usize },
    /// Compare a Word document's text before its tracked changes with the text after them.
    CompareTracked(usize),
    /// Add a Word document's comments to its annotations.
    ImportWordComments(usize),
    /// Next or previous change in the comparison.
    StepChange { forward: bool },
    /// Show only changed rows, or all.
    OnlyChanges(bool),
    /// Add the carried annotations to the new version's annotations.
    CarryForward,
    /// Tag manager operations.
    AddTag { doc: usize, name: String },
    /// Rename a tag (annotations follow).
    RenameTag { doc: usize, old: String, new: String },
    /// Recolour a tag.
    RecolourTag { doc: usize, name: String, colour: Colour },
    /// Move a tag in the order.
    ReorderTag { doc: usize, name: String, delta: isize },
    /// Delete a tag (and remove it from annotations).
    DeleteTag { doc: usize, name: String },
    /// Remember the author name.
    SetAuthor(String),
    /// Light or dark theme.
    SetDark(bool),
    /// Show or hide the side panels.
    ShowPanels { outline: bool, annotations: bool },
    /// Open or close a dialog.
    Dialog(Option<Dialog>),
    /// Remove a message.
    Dismiss(usize),
    /// Restore annotations from the autosave.
    RestoreAutosave { doc: usize, path: PathBuf },
    /// Close the window even with unsaved annotations.
    CloseDiscarding,
}

impl AppState {
    /// Applies queued commands and finished jobs.
    pub fn apply_pending(&mut self, ctx: &egui::Context) {
        for outcome in self.jobs.poll() {
            self.finish(outcome);
        }
        let commands = std::mem::take(&mut self.pending);
        for command in commands {
            self.apply(command, ctx);
        }
        self.autosave_if_due();
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::OpenPaths(paths) => {
                for path in paths {
                    if is_annotation_file(&path) {
                        match self.active_doc() {
                            Some(doc) => self.apply(Command::LoadAnnotations { doc, path }, ctx),
                            None => self.error(format!("{}: open a document first, then its annotations", path.display())),
                        }
                    } else {
                        self.jobs.read(path);
                    }
                }
            }
            Command::Pick(purpose) => {
                let (save, name) = match &purpose {
                    Purpose::SaveAnnotations(doc) => (true, self.default_annotation_name(*doc)),
                    Purpose::ExportTable(doc) => (true, format!("{}-positions.csv", self.stem(*doc))),
                    Purpose::ExportRedline => (true, "redline.html".to_string()),
                    _ => (false, String::new()),
                };
                self.jobs.pick(purpose, save, name);
            }
            Command::LoadAnnotations { doc, path } => {
                if self.docs.get(doc).is_some_and(|d| d.dirty && !d.annotations.annotations.is_empty()) {
                    self.dialog = Some(Dialog::ReplaceUnsaved { doc, path });
                } else {
                    self.load_annotations(doc, path);
                }
            }
            Command::ReplaceAnnotations { doc, path } => {
                self.dialog = None;
                self.load_annotations(doc, path);
            }
            Command::Save { doc } => match self.docs.get(doc).and_then(|d| d.annotation_path.clone()) {
                Some(path) => self.apply(Command::SaveTo { doc, path }, ctx),
                None => self.apply(Command::Pick(Purpose::SaveAnnotations(doc)), ctx),
            },
            Command::SaveTo { doc, path } => self.save(doc, path),
            Command::MergeFrom { doc, path } => self.merge(doc, path),
            Command::ExportTableTo { doc, path } => self.export_table(doc, path),
            Command::ExportRedlineTo(path) => self.export_redline(path),
            Command::Show(active) => self.active = Some(active),
            Command::Select { doc, selection } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    d.view.selection = selection;
                }
            }
            Command::Annotate { doc, tags } => self.annotate(doc, tags),
            Command::ToggleTag { doc, id, tag } => self.edit(doc, &id, |a| {
                if let Some(i) = a.tags.iter().position(|t| *t == tag) {
                    a.tags.remove(i);
                } else {
                    a.tags.push(tag.clone());
                }
            }),
            Command::SetNote { doc, id, note } => self.edit(doc, &id, |a| a.note = note.clone()),
            Command::Delete { doc, id } => {
                let author = if self.settings.author.is_empty() { "delegate" } else { self.settings.author.as_str() };
                if let Some(d) = self.docs.get_mut(doc) {
                    d.annotations.delete(&id, author);
                    d.view.selected_annotation = None;
                    d.dirty = true;
                    d.replace_annotations();
                }
            }
            Command::OpenAnnotation { doc, id, scroll } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    if scroll
                        && let Some(block) = id
                            .as_ref()
                            .and_then(|id| d.annotations.annotations.iter().position(|a| &a.id == id))
                            .and_then(|i| d.placements.get(i)?.block)
                    {
                        d.view.scroll_to = Some(block);
                    }
                    d.view.selected_annotation = id;
                    self.active = Some(Active::Reader(doc));
                }
            }
            Command::GoTo { doc, block } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    d.view.scroll_to = Some(block);
                }
            }
            Command::GoToLabel { doc, label } => {
                let found = self.docs.get(doc).and_then(|d| d.document.block_by_label(&label));
                match found {
                    Some(block) => {
                        self.docs[doc].view.scroll_to = Some(block);
                        self.docs[doc].view.goto_open = false;
                    }
                    None => self.notice(format!("No paragraph {label} in this document")),
                }
            }
            Command::Find { doc } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    let find = &mut d.view.find;
                    find.hits = crate::store::search_document(&d.document, &find.query);
                    find.searched = find.query.clone();
                    find.current = 0;
                    d.view.scroll_to = find.hits.first().map(|h| h.block);
                }
            }
            Command::FindStep { doc, forward } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    let find = &mut d.view.find;
                    if !find.hits.is_empty() {
                        let n = find.hits.len();
                        find.current = if forward { (find.current + 1) % n } else { (find.current + n - 1) % n };
                        d.view.scroll_to = Some(find.hits[find.current].block);
                    }
                }
            }
            Command::Compare { old, new } => self.start_compare(old, new),
            Command::CompareTracked(doc) => self.compare_tracked(doc),
            Command::ImportWordComments(doc) => self.import_word_comments(doc),
            Command::StepChange { forward } => self.step_change(forward),
            Command::OnlyChanges(only) => {
                if let Some(c) = self.compare.as_mut() {
                    c.only_changes = only;
                    c.heights = Default::default();
                }
            }
            Command::CarryForward => self.carry_forward(),
            Command::AddTag { doc, name } => {
                if let Some(d) = self.docs.get_mut(doc).filter(|_| !name.trim().is_empty()) {
                    d.annotations.tags.ensure(name.trim());
                    d.dirty = true;
                }
            }
            Command::RenameTag { doc, old, new } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    if d.annotations.rename_tag(&old, new.trim()) {
                        d.dirty = true;
                    } else {
                        self.messages.push(super::state::Message {
                            text: format!("Cannot rename «{old}» to «{new}»: the name is empty or taken"),
                            is_error: true,
                        });
                    }
                }
            }
            Command::RecolourTag { doc, name, colour } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    d.annotations.tags.recolour(&name, colour);
                    d.dirty = true;
                }
            }
            Command::ReorderTag { doc, name, delta } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    d.annotations.tags.reorder(&name, delta);
                    d.dirty = true;
                }
            }
            Command::DeleteTag { doc, name } => {
                if let Some(d) = self.docs.get_mut(doc) {
                    d.annotations.delete_tag(&name);
                    d.dirty = true;
                }
            }
            Command::SetAuthor(name) => {
                if !name.trim().is_empty() {
                    self.settings.author = name.trim().to_string();
                    self.dialog = None;
                }
            }
            Command::SetDark(dark) => self.settings.dark = dark,
            Command::ShowPanels { outline, annotations } => {
                self.settings.show_outline = outline;
                self.settings.show_annotations = annotations;
            }
            Command::Dialog(dialog) => self.dialog = dialog,
            Command::Dismiss(i) => {
                if i < self.messages.len() {
                    self.messages.remove(i);
                }
            }
            Command::RestoreAutosave { doc, path } => {
                self.load_annotations(doc, path);
                if let Some(d) = self.docs.get_mut(doc) {
                    d.dirty = true;
                    d.annotation_path = None;
                }
                self.dialog = None;
            }
            Command::CloseDiscarding => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Results of background work.
    fn finish(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Read { path, result } => match result {
                Ok(document) => {
                    let doc = self.add_document(document, Some(path.clone()));
                    self.remember(path);
                    self.active = Some(Active::Reader(doc));
                }
                Err(message) => self.error(message),
            },
            Outcome::ReadWord { path, result } => match result {
                Ok(word) => {
                    let doc = self.add_word_file(*word, path.clone());
                    self.remember(path);
                    self.active = Some(Active::Reader(doc));
                }
                Err(message) => self.error(message),
            },
            Outcome::Compared { old, new, alignment } => self.install_compare(old, new, alignment),
            Outcome::Picked { purpose, paths, unavailable } => {
                let Some(first) = paths.first().cloned() else {
                    if unavailable {
                        self.error(
                            "No file dialog could be shown (is xdg-desktop-portal installed?). Drop files on the window, or give them on the command line: gloss FILE…"
                                .to_string(),
                        );
                    }
                    return;
                };
                let command = match purpose {
                    Purpose::Open => Command::OpenPaths(paths),
                    Purpose::OpenAnnotations(doc) => Command::LoadAnnotations { doc, path: first },
                    Purpose::SaveAnnotations(doc) => Command::SaveTo { doc, path: first },
                    Purpose::Merge(doc) => Command::MergeFrom { doc, path: first },
                    Purpose::ExportTable(doc) => Command::ExportTableTo { doc, path: first },
                    Purpose::ExportRedline => Command::ExportRedlineTo(first),
                };
                self.pending.push(command);
            }
        }
    }

    /// Adds a document; loads the `.gloss.ron` beside it if there is one; offers an autosave.
    pub fn add_document(&mut self, document: Document, path: Option<PathBuf>) -> usize {
        let mut open = OpenDocument::new(document, path.clone());
        if self.settings.author.is_empty() && self.dialog.is_none() && path.is_some() {
            self.dialog = Some(Dialog::Author);
        }
        let index = self.docs.len();
        let sibling = path.as_ref().map(|p| annotation_path_for(p)).filter(|p| p.exists());
        open.replace_annotations();
        self.docs.push(open);
        if let Some(sibling) = sibling {
            self.load_annotations(index, sibling);
        }
        if let Some(autosave) = self.autosave_path(index).filter(|p| p.exists()) {
            let differs = annotate::load(&autosave).map(|set| set != self.docs[index].annotations).unwrap_or(false);
            if differs && self.dialog.is_none() {
                self.dialog = Some(Dialog::RestoreAutosave { doc: index, path: autosave });
            }
        }
        index
    }

    fn load_annotations(&mut self, doc: usize, path: PathBuf) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        match annotate::load(&path) {
            Ok(set) => {
                let other_version = set.document.content_hash != d.document.content_hash;
                d.annotations = set;
                d.annotations.document = annotate::DocumentInfo::of(&d.document);
                d.replace_annotations();
                // Keep what each annotation's status is in this version.
                for (a, p) in d.annotations.annotations.iter_mut().zip(&d.placements) {
                    a.status = p.status;
                }
                d.annotation_path = Some(path.clone());
                d.dirty = false;
                let orphans = d.placements.iter().filter(|p| p.status == AnchorStatus::Orphaned).count();
                let mut text = format!("Loaded {} annotations from {}", d.annotations.annotations.len(), path.display());
                if other_version {
                    text.push_str(" (made on another version of this document)");
                }
                if orphans > 0 {
                    text.push_str(&format!("; {orphans} no longer fit the text and are listed as orphaned"));
                }
                self.notice(text);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn save(&mut self, doc: usize, path: PathBuf) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        d.annotations.sort(&d.document);
        match annotate::save(&path, &d.annotations) {
            Ok(()) => {
                d.annotation_path = Some(path.clone());
                d.dirty = false;
                if let Some(autosave) = self.autosave_path(doc) {
                    let _ = std::fs::remove_file(autosave);
                }
                self.notice(format!("Saved {}", path.display()));
            }
            Err(e) => self.error(format!("{e} — your annotations are still open; try another folder")),
        }
    }

    fn merge(&mut self, doc: usize, path: PathBuf) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        match annotate::load(&path) {
            Ok(theirs) => {
                let report = annotate::merge(&mut d.annotations, &theirs);
                d.annotations.sort(&d.document);
                d.replace_annotations();
                d.dirty = true;
                let text = format!("Merged {}: {report}", path.display());
                self.notice(text);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn export_table(&mut self, doc: usize, path: PathBuf) {
        let Some(d) = self.docs.get(doc) else { return };
        let rows = crate::export::table::position_rows(&d.annotations, &d.document, &d.placements);
        let markdown = path.extension().is_some_and(|e| e == "md");
        let text = if markdown { crate::export::table::markdown(&rows) } else { crate::export::table::csv(&rows) };
        match std::fs::write(&path, text) {
            Ok(()) => self.notice(format!("Exported {} rows to {}", rows.len(), path.display())),
            Err(e) => self.error(format!("{}: cannot write: {e}", path.display())),
        }
    }

    fn export_redline(&mut self, path: PathBuf) {
        let Some(c) = self.compare.as_ref() else { return };
        let html = crate::export::html::redline(&self.docs[c.old].document, &self.docs[c.new].document, &c.alignment);
        match std::fs::write(&path, html) {
            Ok(()) => self.notice(format!("Wrote the redline to {}", path.display())),
            Err(e) => self.error(format!("{}: cannot write: {e}", path.display())),
        }
    }

    fn annotate(&mut self, doc: usize, tags: Vec<String>) {
        if self.settings.author.is_empty() {
            self.dialog = Some(Dialog::Author);
        }
        let author = if self.settings.author.is_empty() { "delegate".to_string() } else { self.settings.author.clone() };
        let note = std::mem::take(&mut self.drafts.note);
        let Some(d) = self.docs.get_mut(doc) else { return };
        let Some(sel) = d.view.selection else { return };
        let Some(anchor) = Anchor::spanning(&d.document, sel.start_block, sel.start_char, sel.end_block, sel.end_char) else { return };
        let id = d.annotations.add(Annotation::new(&author, anchor, tags, note), &d.document);
        d.replace_annotations();
        d.view.selection = None;
        d.view.selected_annotation = Some(id);
        d.dirty = true;
    }

    fn edit(&mut self, doc: usize, id: &str, change: impl FnOnce(&mut Annotation)) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        if let Some(a) = d.annotations.get_mut(id) {
            change(a);
            a.touch();
            for tag in a.tags.clone() {
                d.annotations.tags.ensure(&tag);
            }
            d.dirty = true;
        }
    }

    /// Adds a Word file's document and says what else it holds (tracked changes, comments).
    pub fn add_word_file(&mut self, word: crate::ingest::WordFile, path: PathBuf) -> usize {
        let doc = self.add_document(word.document, Some(path));
        let name = self.docs[doc].name();
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
        self.docs[doc].word = Some(super::state::WordExtras {
            before: word.before.map(Arc::new),
            revision_authors: word.revision_authors,
            comments: word.comments,
            comments_imported: false,
        });
        doc
    }

    /// Opens the text before the tracked changes beside the document and compares the two.
    fn compare_tracked(&mut self, doc: usize) {
        let Some(before) = self.docs.get(doc).and_then(|d| d.word.as_ref()).and_then(|w| w.before.clone()) else { return };
        let mut document = (*before).clone();
        document.title = format!("{} (before the tracked changes)", document.title);
        let old = self.add_document(document, None);
        self.start_compare(old, doc);
    }

    /// Imports a Word document's comments as annotations (once).
    fn import_word_comments(&mut self, doc: usize) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        let Some(word) = d.word.as_mut().filter(|w| !w.comments_imported) else { return };
        let (added, skipped) = annotate::word::import_comments(&mut d.annotations, &d.document, &word.comments);
        word.comments_imported = true;
        if added > 0 {
            d.dirty = true;
        }
        d.replace_annotations();
        let note = if skipped > 0 { format!(" ({skipped} had no passage in the text)") } else { String::new() };
        self.notice(format!("Imported {added} Word comments as annotations{note}"));
    }

    fn start_compare(&mut self, old: usize, new: usize) {
        let (Some(o), Some(n)) = (self.docs.get(old), self.docs.get(new)) else { return };
        let (od, nd) = (Arc::clone(&o.document), Arc::clone(&n.document));
        self.jobs.spawn(format!("Comparing {} with {}", o.name(), n.name()), move || Outcome::Compared {
            old,
            new,
            alignment: crate::compare::compare(&od, &nd),
        });
    }

    /// Installs a finished comparison and carries the old version's annotations onto the new.
    pub fn install_compare(&mut self, old: usize, new: usize, alignment: crate::compare::Alignment) {
        let (old_doc, new_doc) = (&self.docs[old].document, &self.docs[new].document);
        let (carried, _) = annotate::carry_set(&self.docs[old].annotations, old_doc, new_doc, &alignment);
        let carried_placements = annotate::carried_placements(&carried, new_doc);
        let current = alignment.rows.iter().position(|r| r.is_change());
        self.compare = Some(CompareSession {
            old,
            new,
            alignment: Arc::new(alignment),
            carried,
            carried_placements,
            current,
            only_changes: false,
            heights: Default::default(),
            scroll_to: None,
        });
        self.active = Some(Active::Compare);
    }

    fn step_change(&mut self, forward: bool) {
        let Some(c) = self.compare.as_mut() else { return };
        let changes: Vec<usize> = c.alignment.rows.iter().enumerate().filter(|(_, r)| r.is_change()).map(|(i, _)| i).collect();
        if changes.is_empty() {
            return;
        }
        let next = match (c.current, forward) {
            (None, true) => changes[0],
            (None, false) => changes[changes.len() - 1],
            (Some(cur), true) => changes.iter().copied().find(|&i| i > cur).unwrap_or(changes[0]),
            (Some(cur), false) => changes.iter().rev().copied().find(|&i| i < cur).unwrap_or(changes[changes.len() - 1]),
        };
        c.current = Some(next);
        c.scroll_to = Some(next);
    }

    fn carry_forward(&mut self) {
        let Some(c) = self.compare.as_ref() else { return };
        let (new, carried) = (c.new, c.carried.clone());
        let d = &mut self.docs[new];
        let report = annotate::merge(&mut d.annotations, &carried);
        d.annotations.sort(&d.document);
        d.replace_annotations();
        d.dirty = true;
        let orphans = carried.annotations.iter().filter(|a| a.status == AnchorStatus::Orphaned).count();
        self.notice(format!(
            "Carried {} annotations into {} ({orphans} orphaned, kept and listed)",
            report.added + report.conflicts,
            self.docs[new].name()
        ));
    }

    fn remember(&mut self, path: PathBuf) {
        self.settings.recent.retain(|p| p != &path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(10);
    }

    fn default_annotation_name(&self, doc: usize) -> String {
        format!("{}.gloss.ron", self.stem(doc))
    }

    fn stem(&self, doc: usize) -> String {
        self.docs
            .get(doc)
            .and_then(|d| d.path.as_ref())
            .and_then(|p| p.file_stem())
            .map_or_else(|| "annotations".to_string(), |s| s.to_string_lossy().into_owned())
    }

    /// Where a document's annotations are autosaved (by content hash, in the app's data folder).
    pub fn autosave_path(&self, doc: usize) -> Option<PathBuf> {
        let dir = self.autosave_dir.as_ref()?;
        let d = self.docs.get(doc)?;
        Some(dir.join(format!("{}.gloss.ron", &d.document.content_hash[..16])))
    }

    /// Writes dirty annotation sets to the autosave folder at most every few seconds.
    fn autosave_if_due(&mut self) {
        let now = std::time::Instant::now();
        if self.last_autosave.is_some_and(|t| now.duration_since(t).as_secs() < 3) {
            return;
        }
        self.last_autosave = Some(now);
        let Some(dir) = self.autosave_dir.clone() else { return };
        for doc in 0..self.docs.len() {
            if !self.docs[doc].dirty || self.docs[doc].annotations.annotations.is_empty() {
                continue;
            }
            if std::fs::create_dir_all(&dir).is_err() {
                return;
            }
            if let Some(path) = self.autosave_path(doc)
                && let Err(e) = annotate::save(&path, &self.docs[doc].annotations)
            {
                self.error(format!("Autosave failed: {e}"));
                self.autosave_dir = None;
            }
        }
    }

    /// The document shown (or the new version in the comparison).
    pub fn active_doc(&self) -> Option<usize> {
        match self.active {
            Some(Active::Reader(doc)) => Some(doc),
            Some(Active::Compare) => self.compare.as_ref().map(|c| c.new),
            None => None,
        }
    }

    /// Shows an error in the window.
    pub fn error(&mut self, text: String) {
        self.messages.push(super::state::Message { text, is_error: true });
    }

    /// Shows a notice in the window.
    pub fn notice(&mut self, text: String) {
        self.messages.push(super::state::Message { text, is_error: false });
        if self.messages.len() > 6 {
            self.messages.remove(0);
        }
    }
}

fn is_annotation_file(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
}

/// `draft.md` → `draft.gloss.ron` in the same folder.
pub fn annotation_path_for(document: &std::path::Path) -> PathBuf {
    let stem = document.file_stem().map_or_else(|| "annotations".into(), |s| s.to_string_lossy().into_owned());
    document.with_file_name(format!("{stem}.gloss.ron"))
}
