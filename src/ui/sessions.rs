//! Comparisons (several at once, each naming its old and new document) and the reader's
//! annotation and navigation operations, each a call into the library.

use super::AppState;
use super::jobs::{CompareId, JobKey, Outcome};
use super::state::{Active, CompareSession, Dialog, Message};
use crate::annotate::{self, AnnotationSet};
use crate::store::DocumentId;
use std::sync::Arc;

impl AppState {
    /// The comparison session with this id.
    pub fn session(&self, id: CompareId) -> Option<&CompareSession> {
        self.compares.iter().find(|c| c.id == id)
    }

    /// A finished comparison's two documents and alignment (shared, for a job).
    pub(super) fn compared(
        &self,
        id: CompareId,
    ) -> Option<(Arc<crate::store::Document>, Arc<crate::store::Document>, Arc<crate::compare::Alignment>)> {
        let c = self.session(id)?;
        Some((Arc::clone(self.store.get(&c.old)?), Arc::clone(self.store.get(&c.new)?), Arc::clone(c.alignment.as_ref()?)))
    }

    /// The comparison session with this id, to change.
    pub fn session_mut(&mut self, id: CompareId) -> Option<&mut CompareSession> {
        self.compares.iter_mut().find(|c| c.id == id)
    }

    /// Compares two documents on a thread, in the tab already comparing them or a new one.
    pub(super) fn start_compare(&mut self, old: DocumentId, new: DocumentId) {
        let (Some(o), Some(n)) = (self.docs.get(&old), self.docs.get(&new)) else { return };
        let label = format!("Comparing {} with {}", o.name(), n.name());
        let (old_doc, new_doc, annotations) = (Arc::clone(&o.document), Arc::clone(&n.document), o.annotations.to_file_set());
        self.last_compared = Some((old.clone(), new.clone()));
        let id = match self.compares.iter().find(|c| c.old == old && c.new == new) {
            Some(session) => session.id,
            None => {
                self.next_compare += 1;
                self.compares.push(CompareSession::new(self.next_compare, old, new));
                self.next_compare
            }
        };
        self.active = Some(Active::Compare(id));
        self.jobs.spawn_keyed(label, Some(JobKey::Compare(id)), move || {
            let alignment = crate::compare::compare(&old_doc, &new_doc);
            let (carried, _) = annotate::carry_set(&annotations, &old_doc, &new_doc, &alignment);
            Outcome::Compared { compare: id, result: Box::new((alignment, carried)) }
        });
    }

    /// Compares now, on this thread (the built-in samples at start; tests).
    pub fn compare_now(&mut self, old: DocumentId, new: DocumentId) -> Option<CompareId> {
        self.start_compare(old, new);
        let Some(Active::Compare(id)) = self.active else { return None };
        for outcome in self.jobs.wait_all(std::time::Duration::from_secs(600)) {
            self.finish(outcome);
        }
        Some(id)
    }

    /// Installs a finished comparison with the old version's annotations carried onto the new.
    pub(super) fn install_compare(&mut self, id: CompareId, (alignment, carried): (crate::compare::Alignment, AnnotationSet)) {
        let Some(new) = self.session(id).and_then(|c| self.store.get(&c.new)).cloned() else { return };
        if let Some(session) = self.session_mut(id) {
            session.install(alignment, carried, &new);
        }
    }

    /// What the command line asked for once its files are read: a comparison, or annotation
    /// files for the last document.
    pub(super) fn after_open(&mut self) {
        let find = |state: &Self, path: &std::path::Path| {
            state.docs.iter().find(|(_, d)| d.path.as_deref() == Some(path)).map(|(id, _)| id.clone())
        };
        if let Some((old_path, new_path)) = self.compare_paths.clone()
            && let (Some(old), Some(new)) = (find(self, &old_path), find(self, &new_path))
        {
            self.compare_paths = None;
            // The files are read in parallel; show the tabs old first whatever finished first.
            self.store.move_to_end(&new);
            self.start_compare(old, new);
        }
        if let Some((document, files)) = self.annotations_after_open.clone()
            && let Some(doc) = find(self, &document)
        {
            self.annotations_after_open = None;
            for path in files {
                self.pending.push(super::Command::LoadAnnotations { doc: doc.clone(), path });
            }
        }
    }

    /// Closes a document and the comparisons it is part of.
    pub(super) fn close_document(&mut self, doc: &DocumentId) {
        // Unsaved work goes to the autosave first, so closing never loses it.
        if let (Some(d), Some(autosave)) = (self.docs.get(doc), self.autosave.clone())
            && d.dirty()
        {
            let (set, document) = (d.annotations.to_file_set(), Arc::clone(&d.document));
            self.jobs.write("Autosaving".to_string(), move || {
                let result = autosave.write(&set, &document).map(|_| ()).map_err(|e| format!("Autosave failed: {e}"));
                Outcome::Wrote { notice: None, result }
            });
        }
        self.docs.remove(doc);
        self.store.remove(doc);
        self.compares.retain(|c| &c.old != doc && &c.new != doc);
        if self.active.as_ref().is_some_and(|a| matches!(a, Active::Reader(d) if d == doc)) {
            self.active = None;
        }
    }

    /// Closes a comparison tab (its documents stay open).
    pub(super) fn close_compare(&mut self, id: CompareId) {
        self.compares.retain(|c| c.id != id);
        if self.active == Some(Active::Compare(id)) {
            self.active = None;
        }
    }

    /// Opens the text before the tracked changes beside the document and compares the two.
    pub(super) fn compare_tracked(&mut self, doc: &DocumentId) {
        let Some(before) = self.docs.get(doc).and_then(|d| d.word.as_ref()).and_then(|w| w.before.clone()) else { return };
        let mut document = (*before).clone();
        document.title = format!("{} (before the tracked changes)", document.title);
        let old = self.add_document(document, None);
        self.start_compare(old, doc.clone());
    }

    /// Adds a comparison's carried annotations to the new version's annotations.
    pub(super) fn carry_forward(&mut self, compare: CompareId) {
        let Some(c) = self.session(compare) else { return };
        let (new, carried) = (c.new.clone(), c.carried.clone());
        let Some(d) = self.docs.get_mut(&new) else { return };
        let report = d.annotations.merge_from(&carried, &d.document);
        let orphans = carried.annotations.iter().filter(|a| a.status == annotate::AnchorStatus::Orphaned).count();
        let name = d.name();
        self.notice(format!(
            "Carried {} annotations into {name} ({orphans} orphaned, kept and listed; {report})",
            carried.annotations.len()
        ));
    }

    /// Annotates the selected passage of a document. Without an author name yet, the name is
    /// asked first and the annotation made once it is given (or the user says "Later").
    pub(super) fn annotate(&mut self, doc: &DocumentId, tags: Vec<String>) {
        if self.settings.author.is_empty() && !self.author_deferred {
            self.awaiting_author = Some((doc.clone(), tags));
            self.dialog = Some(Dialog::Author);
            return;
        }
        let author = if self.settings.author.is_empty() { annotate::FALLBACK_AUTHOR.to_string() } else { self.settings.author.clone() };
        let note = std::mem::take(&mut self.drafts.note);
        let Some(d) = self.docs.get_mut(doc) else { return };
        let Some(selection) = d.view.selection else { return };
        if let Some(id) = d.annotations.annotate(&d.document, &selection, &author, tags, note) {
            d.view.selection = None;
            d.view.selected_annotation = Some(id);
        }
    }

    /// The author dialog closed: make the annotation that was waiting for it.
    pub(super) fn author_answered(&mut self, name: Option<String>) {
        match name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()) {
            Some(name) => self.settings.author = name,
            None => self.author_deferred = true,
        }
        self.dialog = None;
        if let Some((doc, tags)) = self.awaiting_author.take() {
            self.annotate(&doc, tags);
        }
    }

    /// Opens an annotation in the editor, scrolling to it when asked.
    pub(super) fn open_annotation(&mut self, doc: DocumentId, id: Option<String>, scroll: bool) {
        let Some(d) = self.docs.get_mut(&doc) else { return };
        if scroll && let Some(block) = id.as_deref().and_then(|id| d.annotations.get(id)).and_then(|(_, p)| p.block) {
            d.view.scroll_to = Some(block);
        }
        d.view.selected_annotation = id;
        self.active = Some(Active::Reader(doc));
    }

    /// Changes a document's tag definitions; a refusal becomes an error message.
    pub(super) fn change_tags(&mut self, doc: &DocumentId, change: impl FnOnce(&mut AnnotationSet) -> Result<(), String>) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        if let Err(message) = d.annotations.change_tags(change) {
            self.error(message);
        }
    }

    /// Scrolls to the paragraph with this label.
    pub(super) fn go_to_label(&mut self, doc: &DocumentId, label: &str) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        let after = d.view.goto_last.as_ref().filter(|(last, _)| last == label).map(|(_, block)| *block);
        match d.document.next_block_by_label(label, after) {
            Some(block) => {
                d.view.scroll_to = Some(block);
                d.view.goto_last = Some((label.to_string(), block));
            }
            None => self.notice(format!("No paragraph {label} in this document")),
        }
    }

    /// Searches both sides of a comparison on a thread; a newer search makes an older one stale.
    pub(super) fn find_in_compare(&mut self, compare: CompareId) {
        let Some((old, new, alignment)) = self.compared(compare) else { return };
        let Some(query) = self.session(compare).map(|c| c.find.query.clone()) else { return };
        self.jobs.spawn_keyed(format!("Finding «{query}»"), Some(JobKey::FindInCompare(compare)), move || {
            let rows = crate::compare::find::rows_matching(&alignment, &old, &new, &query);
            Outcome::FoundRows { compare, query, rows }
        });
    }

    /// Shows the row of the paragraph with this number; asking again goes to the next one.
    pub(super) fn go_to_label_in_compare(&mut self, compare: CompareId, label: &str) {
        let Some((old, new, alignment)) = self.compared(compare) else { return };
        let after = self.session(compare).and_then(|c| c.find.goto_last.as_ref().filter(|(last, _)| last == label).map(|(_, row)| *row));
        match crate::compare::find::row_of_label(&alignment, &old, &new, label, after) {
            Some(row) => self.on_session(compare, |c| {
                c.find.goto_last = Some((label.to_string(), row));
                c.show_row(row, true);
            }),
            None => self.notice(format!("No paragraph {label} in either version")),
        }
    }

    /// Searches a document on a thread; a newer search makes an older one's result stale.
    pub(super) fn find(&mut self, doc: DocumentId) {
        let Some(d) = self.docs.get(&doc) else { return };
        let (document, query) = (Arc::clone(&d.document), d.view.find.query.clone());
        self.jobs.spawn_keyed(format!("Finding «{query}»"), Some(JobKey::Find(doc.clone())), move || {
            let hits = crate::store::search_document(&document, &query);
            Outcome::Found { doc, query, hits }
        });
    }

    /// The document shown (or the new version of the comparison shown).
    pub fn active_doc(&self) -> Option<DocumentId> {
        match self.current() {
            Some(Active::Reader(doc)) => Some(doc),
            Some(Active::Compare(id)) => self.session(id).map(|c| c.new.clone()),
            None => None,
        }
    }

    /// Shows an error in the window.
    pub fn error(&mut self, text: String) {
        self.messages.push(Message { text, is_error: true });
    }

    /// Shows a notice in the window.
    pub fn notice(&mut self, text: String) {
        self.messages.push(Message { text, is_error: false });
        if self.messages.len() > 6 {
            self.messages.remove(0);
        }
    }
}
