//! User actions, collected while drawing and applied after layout. This file only dispatches:
//! the rules live in the library (`annotate`, `compare`, `store`) and the file work in jobs.

use super::AppState;
use super::jobs::{CompareId, LoadPurpose, Purpose};
use super::state::{Active, Dialog};
use crate::annotate::{Colour, Edit, Selection};
use crate::store::DocumentId;
use std::path::PathBuf;

/// Everything a user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Read these files (documents, or `.gloss.ron` files for the active document).
    OpenPaths(Vec<PathBuf>),
    /// Show a file dialog for a purpose.
    Pick(Purpose),
    /// Load an annotation file into a document (asks first over unsaved annotations).
    LoadAnnotations {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
    },
    /// Load an annotation file, discarding unsaved annotations.
    ReplaceAnnotations {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
    },
    /// Save a document's annotations (to its file, or ask where).
    Save {
        /// The document.
        doc: DocumentId,
    },
    /// Save to this file.
    SaveTo {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
    },
    /// Merge a colleague's file.
    MergeFrom {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
    },
    /// Write the position table.
    ExportTableTo {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
    },
    /// Write the HTML redline of a comparison.
    ExportRedlineTo {
        /// The comparison.
        compare: CompareId,
        /// The file.
        path: PathBuf,
    },
    /// Write the Word redline (tracked changes) of a comparison.
    ExportWordRedlineTo {
        /// The comparison.
        compare: CompareId,
        /// The file.
        path: PathBuf,
    },
    /// Write the document with its annotations as Word comments.
    ExportAnnotatedTo {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
    },
    /// Write the compilation of the document's proposals (`.html`, else Word).
    ExportCompilationTo {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
    },
    /// Show a document or a comparison.
    Show(Active),
    /// Close a document (asks first when its annotations are not saved).
    CloseDocument(DocumentId),
    /// Close a document, dropping unsaved annotations (they stay in the autosave).
    CloseDocumentDiscarding(DocumentId),
    /// Close a comparison tab.
    CloseCompare(CompareId),
    /// Set or clear the selected passage.
    Select {
        /// The document.
        doc: DocumentId,
        /// The passage, or none to clear it.
        selection: Option<Selection>,
    },
    /// Annotate the selected passage with these tags.
    Annotate {
        /// The document.
        doc: DocumentId,
        /// Tags to give it.
        tags: Vec<String>,
    },
    /// Change an annotation's content (tags, note, colour).
    Edit {
        /// The document.
        doc: DocumentId,
        /// The annotation.
        id: String,
        /// The change.
        edit: Edit,
    },
    /// Settle a merge conflict on an annotation.
    ResolveConflict {
        /// The document.
        doc: DocumentId,
        /// The annotation.
        id: String,
        /// Which version to keep.
        keep: crate::annotate::Keep,
    },
    /// Undo the last change to a document's annotations.
    Undo {
        /// The document.
        doc: DocumentId,
    },
    /// Redo the last undone change.
    Redo {
        /// The document.
        doc: DocumentId,
    },
    /// Delete an annotation.
    Delete {
        /// The document.
        doc: DocumentId,
        /// The annotation.
        id: String,
    },
    /// Open an annotation (and scroll to it when chosen from the list).
    OpenAnnotation {
        /// The document.
        doc: DocumentId,
        /// The annotation.
        id: Option<String>,
        /// Scroll the reader to it.
        scroll: bool,
    },
    /// Scroll a view by a keyboard step.
    Scroll {
        /// The reader or comparison scrolled.
        view: Active,
        /// How far.
        step: super::rows::ScrollStep,
    },
    /// Scroll the reader to a block.
    GoTo {
        /// The document.
        doc: DocumentId,
        /// Block index.
        block: usize,
    },
    /// Go to the paragraph with this label.
    GoToLabel {
        /// The document.
        doc: DocumentId,
        /// The paragraph label typed.
        label: String,
    },
    /// Run the find query (on a thread).
    Find {
        /// The document.
        doc: DocumentId,
    },
    /// Next or previous match.
    FindStep {
        /// The document.
        doc: DocumentId,
        /// Forwards, or backwards.
        forward: bool,
    },
    /// Compare two documents (on a thread), in a new tab or the one already comparing them.
    Compare {
        /// The old version (or old name).
        old: DocumentId,
        /// The new version (or new name).
        new: DocumentId,
    },
    /// Compare a Word document's text before its tracked changes with the text after them.
    CompareTracked(DocumentId),
    /// Add a Word document's comments to its annotations.
    ImportWordComments(DocumentId),
    /// Next or previous change in a comparison.
    StepChange {
        /// The comparison.
        compare: CompareId,
        /// Forwards, or backwards.
        forward: bool,
    },
    /// Show only changed rows, or all.
    OnlyChanges {
        /// The comparison.
        compare: CompareId,
        /// Only changed rows.
        only: bool,
    },
    /// Add the carried annotations to the new version's annotations.
    CarryForward(CompareId),
    /// Add a tag definition.
    AddTag {
        /// The document.
        doc: DocumentId,
        /// The tag.
        name: String,
    },
    /// Rename a tag (annotations follow).
    RenameTag {
        /// The document.
        doc: DocumentId,
        /// The current name.
        old: String,
        /// The new name.
        new: String,
    },
    /// Recolour a tag.
    RecolourTag {
        /// The document.
        doc: DocumentId,
        /// The tag.
        name: String,
        /// Its new colour.
        colour: Colour,
    },
    /// Move a tag in the order.
    ReorderTag {
        /// The document.
        doc: DocumentId,
        /// The tag.
        name: String,
        /// Places to move (negative: up).
        delta: isize,
    },
    /// Delete a tag (and remove it from annotations).
    DeleteTag {
        /// The document.
        doc: DocumentId,
        /// The tag.
        name: String,
    },
    /// Remember the author name.
    SetAuthor(String),
    /// Close the author dialog without a name (annotate under the fallback name for now).
    AuthorLater,
    /// Light or dark theme.
    SetDark(bool),
    /// Use Gloss's own file dialog (or the system's).
    SetInAppFileDialog(bool),
    /// Show or hide the side panels.
    ShowPanels {
        /// Show the outline.
        outline: bool,
        /// Show the annotations panel.
        annotations: bool,
    },
    /// Open or close a dialog.
    Dialog(Option<Dialog>),
    /// Remove a message.
    Dismiss(usize),
    /// Restore annotations from the autosave.
    RestoreAutosave {
        /// The document.
        doc: DocumentId,
        /// The file.
        path: PathBuf,
    },
    /// Find the query typed in a comparison (both sides, on a thread).
    FindInCompare(CompareId),
    /// Next or previous matching row of a comparison.
    FindStepInCompare {
        /// The comparison.
        compare: CompareId,
        /// Forwards, or backwards.
        forward: bool,
    },
    /// Go to the row of the paragraph with this number (new version first).
    GoToLabelInCompare {
        /// The comparison.
        compare: CompareId,
        /// The paragraph label typed.
        label: String,
    },
    /// Carry the annotation file made on another document onto the one it was opened on.
    CarryForeignFile,
    /// Close the window even with unsaved annotations.
    CloseDiscarding,
    /// Keep one unchanged row of context around each change when a comparison shows only changes.
    CompareContext {
        /// The comparison.
        compare: CompareId,
        /// Keep the context rows.
        context: bool,
    },
    /// Show a comparison as tracked changes in one column, or as two columns.
    TrackChanges {
        /// The comparison.
        compare: CompareId,
        /// One track-changes column.
        track: bool,
    },
    /// Make a comparison row the current one, scrolling to it when asked.
    ShowCompareRow {
        /// The comparison.
        compare: CompareId,
        /// Index into the alignment's rows.
        row: usize,
        /// Scroll it into view.
        scroll: bool,
    },
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

    /// Applies one command: a dispatch to the operation that carries it out.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::OpenPaths(paths) => self.open_paths(paths),
            Command::Pick(purpose) => self.pick(purpose),
            Command::LoadAnnotations { doc, path } => self.load_or_ask(doc, path),
            Command::ReplaceAnnotations { doc, path } => {
                self.dialog = None;
                self.load_annotations(doc, path, LoadPurpose::Replace);
            }
            Command::Save { doc } => self.save_or_pick(doc),
            Command::SaveTo { doc, path } => self.save(doc, path),
            Command::MergeFrom { doc, path } => self.load_annotations(doc, path, LoadPurpose::Merge),
            Command::ExportTableTo { doc, path } => self.export_table(&doc, path),
            Command::ExportRedlineTo { compare, path } => self.export_redline(compare, path),
            Command::ExportWordRedlineTo { compare, path } => self.export_word_redline(compare, path),
            Command::ExportAnnotatedTo { doc, path } => self.export_annotated(&doc, path),
            Command::ExportCompilationTo { doc, path } => self.export_compilation(&doc, path),
            Command::Show(active) => self.active = Some(active),
            Command::CloseCompare(compare) => self.close_compare(compare),
            Command::CloseDocument(doc) => self.close_or_ask(doc),
            Command::CloseDocumentDiscarding(doc) => {
                self.dialog = None;
                self.close_document(&doc);
            }
            Command::Select { doc, selection } => self.on_view(&doc, |view| view.selection = selection),
            Command::Annotate { doc, tags } => self.annotate(&doc, tags),
            Command::Edit { doc, id, edit } => self.edit_annotation(&doc, &id, edit),
            Command::Delete { doc, id } => self.delete_annotation(&doc, &id),
            Command::ResolveConflict { doc, id, keep } => self.resolve_conflict(&doc, &id, keep),
            Command::Undo { doc } => self.undo_or_redo(&doc, true),
            Command::Redo { doc } => self.undo_or_redo(&doc, false),
            Command::OpenAnnotation { doc, id, scroll } => self.open_annotation(doc, id, scroll),
            Command::GoTo { doc, block } => self.on_view(&doc, |view| view.scroll_to = Some(block)),
            Command::Scroll { view, step } => self.scroll(view, step),
            Command::GoToLabel { doc, label } => self.go_to_label(&doc, &label),
            Command::Find { doc } => self.find(doc),
            Command::FindStep { doc, forward } => self.on_view(&doc, |view| view.scroll_to = view.find.step(forward)),
            Command::Compare { old, new } => self.start_compare(old, new),
            Command::CompareTracked(doc) => self.compare_tracked(&doc),
            Command::ImportWordComments(doc) => self.import_word_comments(&doc),
            Command::StepChange { compare, forward } => self.on_session(compare, |c| c.step_change(forward)),
            Command::OnlyChanges { compare, only } => self.on_session(compare, |c| c.set_only_changes(only)),
            Command::CompareContext { compare, context } => self.on_session(compare, |c| c.set_context(context)),
            Command::TrackChanges { compare, track } => self.on_session(compare, |c| c.set_track_changes(track)),
            Command::ShowCompareRow { compare, row, scroll } => self.on_session(compare, |c| c.show_row(row, scroll)),
            Command::CarryForward(compare) => self.carry_forward(compare),
            Command::FindInCompare(compare) => self.find_in_compare(compare),
            Command::FindStepInCompare { compare, forward } => self.on_session(compare, |c| {
                if let Some(row) = c.find.step(forward) {
                    c.show_row(row, true);
                }
            }),
            Command::GoToLabelInCompare { compare, label } => self.go_to_label_in_compare(compare, &label),
            Command::AddTag { doc, name } => self.change_tags(&doc, |set| {
                if !name.trim().is_empty() {
                    set.tags.ensure(name.trim());
                }
                Ok(())
            }),
            Command::RenameTag { doc, old, new } => self.change_tags(&doc, |set| {
                set.rename_tag(&old, new.trim())
                    .then_some(())
                    .ok_or(format!("Cannot rename «{old}» to «{new}»: the name is empty or taken"))
            }),
            Command::RecolourTag { doc, name, colour } => self.change_tags(&doc, |set| {
                set.tags.recolour(&name, colour);
                Ok(())
            }),
            Command::ReorderTag { doc, name, delta } => self.change_tags(&doc, |set| {
                set.tags.reorder(&name, delta);
                Ok(())
            }),
            Command::DeleteTag { doc, name } => self.change_tags(&doc, |set| {
                set.delete_tag(&name);
                Ok(())
            }),
            // An empty name leaves the question open.
            Command::SetAuthor(name) if name.trim().is_empty() => {}
            Command::SetAuthor(name) => self.author_answered(Some(name)),
            Command::AuthorLater => self.author_answered(None),
            Command::SetDark(dark) => self.settings.dark = dark,
            Command::SetInAppFileDialog(own) => self.settings.in_app_file_dialog = own,
            Command::ShowPanels { outline, annotations } => {
                self.settings.show_outline = outline;
                self.settings.show_annotations = annotations;
            }
            Command::Dialog(dialog) => self.set_dialog(dialog),
            Command::Dismiss(i) => self.dismiss(i),
            Command::RestoreAutosave { doc, path } => {
                self.dialog = None;
                self.load_annotations(doc, path, LoadPurpose::Restore);
            }
            Command::CarryForeignFile => self.carry_foreign_file(),
            Command::CloseDiscarding => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}
