//! The small operations behind commands: each asks the library (`annotate`, `compare`) to do
//! the work and records what the user should be told.

use super::AppState;
use super::jobs::{CompareId, LoadPurpose, Purpose};
use super::rows::ScrollStep;
use super::state::{Active, CompareSession, Dialog, OpenDocument, ReaderView};
use crate::annotate::{Edit, FALLBACK_AUTHOR, Keep};
use crate::store::DocumentId;
use std::path::PathBuf;

impl AppState {
    /// The name annotations and deletions are recorded under.
    fn author(&self) -> String {
        if self.settings.author.is_empty() { FALLBACK_AUTHOR.to_string() } else { self.settings.author.clone() }
    }

    /// Changes a document's view state.
    pub(super) fn on_view(&mut self, doc: &DocumentId, change: impl FnOnce(&mut ReaderView)) {
        if let Some(d) = self.docs.get_mut(doc) {
            change(&mut d.view);
        }
    }

    /// Changes a comparison session.
    pub(super) fn on_session(&mut self, id: CompareId, change: impl FnOnce(&mut CompareSession)) {
        if let Some(session) = self.session_mut(id) {
            change(session);
        }
    }

    /// Opens an annotation file, asking first when it would replace unsaved annotations.
    pub(super) fn load_or_ask(&mut self, doc: DocumentId, path: PathBuf) {
        if self.docs.get(&doc).is_some_and(|d| d.dirty() && !d.set().annotations.is_empty()) {
            self.dialog = Some(Dialog::ReplaceUnsaved { doc, path });
        } else {
            self.load_annotations(doc, path, LoadPurpose::Replace);
        }
    }

    /// Saves to the document's annotation file, or asks where when it has none yet.
    pub(super) fn save_or_pick(&mut self, doc: DocumentId) {
        match self.docs.get(&doc).and_then(|d| d.annotation_path.clone()) {
            Some(path) => self.save(doc, path),
            None => self.pick(Purpose::SaveAnnotations(doc)),
        }
    }

    /// Closes a document, asking first when its annotations are not saved.
    pub(super) fn close_or_ask(&mut self, doc: DocumentId) {
        if self.docs.get(&doc).is_some_and(OpenDocument::dirty) {
            self.dialog = Some(Dialog::ConfirmCloseDocument(doc));
        } else {
            self.close_document(&doc);
        }
    }

    /// Changes an annotation's tags, note or colour.
    pub(super) fn edit_annotation(&mut self, doc: &DocumentId, id: &str, edit: Edit) {
        if let Some(d) = self.docs.get_mut(doc) {
            d.annotations.edit(id, edit);
        }
    }

    /// Deletes an annotation (a tombstone records who); undo brings it back.
    pub(super) fn delete_annotation(&mut self, doc: &DocumentId, id: &str) {
        let author = self.author();
        if let Some(d) = self.docs.get_mut(doc)
            && d.annotations.delete(&d.document, id, &author).is_some()
        {
            d.view.selected_annotation = None;
            self.notice("Deleted the annotation (Ctrl+Z brings it back)".to_string());
        }
    }

    /// Settles a merge conflict.
    pub(super) fn resolve_conflict(&mut self, doc: &DocumentId, id: &str, keep: Keep) {
        let author = self.author();
        if let Some(d) = self.docs.get_mut(doc)
            && let Err(e) = d.annotations.resolve_conflict(&d.document, id, keep, &author)
        {
            self.error(e.to_string());
        }
    }

    /// Undoes (or redoes) the last change to a document's annotations.
    pub(super) fn undo_or_redo(&mut self, doc: &DocumentId, undo: bool) {
        let Some(d) = self.docs.get_mut(doc) else { return };
        let done = if undo { d.annotations.undo(&d.document) } else { d.annotations.redo(&d.document) };
        self.notice(match (done, undo) {
            (Some(what), true) => format!("Undid {what}"),
            (Some(what), false) => format!("Redid {what}"),
            (None, true) => "Nothing to undo".to_string(),
            (None, false) => "Nothing to redo".to_string(),
        });
    }

    /// Scrolls the reader or a comparison by a keyboard step.
    pub(super) fn scroll(&mut self, view: Active, step: ScrollStep) {
        match view {
            Active::Reader(doc) => self.on_view(&doc, |view| {
                let total = view.heights.total();
                view.scroll.step(step, total);
            }),
            Active::Compare(id) => self.on_session(id, |c| {
                let total = c.heights.total();
                c.scroll.step(step, total);
            }),
        }
    }

    /// Opens or closes a dialog; closing forgets a file waiting for an answer.
    pub(super) fn set_dialog(&mut self, dialog: Option<Dialog>) {
        if dialog.is_none() {
            self.foreign_file = None;
        }
        self.dialog = dialog;
    }

    /// Removes a message.
    pub(super) fn dismiss(&mut self, index: usize) {
        if index < self.messages.len() {
            self.messages.remove(index);
        }
    }
}
