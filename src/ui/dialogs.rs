//! Modal questions: unsaved work, autosave restore, tags, the author's name.

use super::command::Command;
use super::state::Dialog;
use super::{AppState, panels};
use crate::store::DocumentId;
use egui::Ui;
use std::path::PathBuf;

/// Draws the open dialog, if any.
pub fn dialogs_ui(ctx: &egui::Context, state: &mut AppState, commands: &mut Vec<Command>) {
    if state.dialog != Some(Dialog::Author) {
        state.drafts.author_focused = false;
    }
    let Some(dialog) = state.dialog.clone() else { return };
    match dialog {
        Dialog::ConfirmClose => confirm_close_ui(ctx, state, commands),
        Dialog::RestoreAutosave { doc, path } => restore_autosave_ui(ctx, state, doc, path, commands),
        Dialog::ReplaceUnsaved { doc, path } => replace_unsaved_ui(ctx, doc, path, commands),
        Dialog::Tags => tags_dialog_ui(ctx, state, commands),
        Dialog::Author => author_ui(ctx, state, commands),
        Dialog::ChooseCompare { old, new } => choose_compare_ui(ctx, state, old, new, commands),
        Dialog::ConfirmCloseDocument(doc) => confirm_close_document_ui(ctx, state, doc, commands),
        Dialog::OtherDocument { doc, path, title, source_file } => {
            other_document_ui(ctx, state, &doc, &path, &title, &source_file, commands);
        }
    }
}

/// A modal window: the document behind cannot be changed while a question is open.
struct Modal<'t>(&'t str);

impl Modal<'_> {
    fn show(self, ctx: &egui::Context, add_contents: impl FnOnce(&mut Ui)) {
        egui::Modal::new(egui::Id::unique(("dialog", self.0))).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading(self.0);
            add_contents(ui);
        });
    }
}

fn modal(title: &str) -> Modal<'_> {
    Modal(title)
}

fn confirm_close_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    modal("Unsaved annotations").show(ctx, |ui| {
        ui.label("Some annotations are not saved. They are also in the autosave, but save them to a file to share them.");
        ui.horizontal(|ui| {
            if ui.button("Save all").clicked() {
                for (doc, _) in state.docs.iter().filter(|(_, d)| d.dirty()) {
                    commands.push(Command::Save { doc: doc.clone() });
                }
                commands.push(Command::Dialog(None));
            }
            if ui.button("Close without saving").clicked() {
                commands.push(Command::CloseDiscarding);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::Dialog(None));
            }
        });
    });
}

fn restore_autosave_ui(ctx: &egui::Context, state: &AppState, doc: DocumentId, path: PathBuf, commands: &mut Vec<Command>) {
    modal("Restore annotations?").show(ctx, |ui| {
        let name = state.docs.get(&doc).map(super::state::OpenDocument::name).unwrap_or_default();
        ui.label(format!("Gloss found annotations for {name} that were not saved to a file (autosave: {}).", path.display()));
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                commands.push(Command::RestoreAutosave { doc: doc.clone(), path: path.clone() });
            }
            if ui.button("Keep the saved version").clicked() {
                commands.push(Command::Dialog(None));
            }
        });
    });
}

fn replace_unsaved_ui(ctx: &egui::Context, doc: DocumentId, path: PathBuf, commands: &mut Vec<Command>) {
    modal("Unsaved annotations").show(ctx, |ui| {
        ui.label(format!("Your annotations on this document are not saved. Opening {} would replace them.", path.display()));
        ui.horizontal(|ui| {
            if ui.button("Merge it into mine").clicked() {
                commands.push(Command::MergeFrom { doc: doc.clone(), path: path.clone() });
                commands.push(Command::Dialog(None));
            }
            if ui.button("Replace mine").clicked() {
                commands.push(Command::ReplaceAnnotations { doc: doc.clone(), path: path.clone() });
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::Dialog(None));
            }
        });
    });
}

fn tags_dialog_ui(ctx: &egui::Context, state: &mut AppState, commands: &mut Vec<Command>) {
    let active = state.active_doc();
    if let Some((id, doc)) = active.as_ref().and_then(|id| Some((id, state.docs.get(id)?))) {
        let drafts = &mut state.drafts;
        modal("Tags").show(ctx, |ui| {
            panels::tags_ui(ui, id, doc, drafts, commands);
            if ui.button("Done").clicked() {
                commands.push(Command::Dialog(None));
            }
        });
    }
}

fn author_ui(ctx: &egui::Context, state: &mut AppState, commands: &mut Vec<Command>) {
    let drafts = &mut state.drafts;
    modal("Your name").show(ctx, |ui| {
        ui.label("Annotations carry their author's name so colleagues can tell them apart.");
        let label = ui.label("Name or delegation:");
        let edit = ui.text_edit_singleline(&mut drafts.author).labelled_by(label.id);
        if !std::mem::replace(&mut drafts.author_focused, true) {
            edit.request_focus();
        }
        if ui.button("OK").clicked() || (edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
            commands.push(Command::SetAuthor(drafts.author.clone()));
        }
        if ui.button("Later").clicked() {
            commands.push(Command::AuthorLater);
        }
    });
}

/// Which document is the old version and which the new one: any two open documents.
fn choose_compare_ui(
    ctx: &egui::Context,
    state: &mut AppState,
    mut old: Option<DocumentId>,
    mut new: Option<DocumentId>,
    commands: &mut Vec<Command>,
) {
    let names: Vec<(DocumentId, String)> =
        state.store.ids().iter().filter_map(|id| Some((id.clone(), state.docs.get(id)?.name()))).collect();
    let name_of = |id: &Option<DocumentId>| {
        id.as_ref().and_then(|id| names.iter().find(|(d, _)| d == id)).map_or("(choose)", |(_, n)| n.as_str()).to_string()
    };
    modal("Compare two versions").show(ctx, |ui| {
        for (label, side) in [("Old version", &mut old), ("New version", &mut new)] {
            egui::ComboBox::new(("choose-compare", label), label).selected_text(name_of(side)).width(320.0).show_ui(ui, |ui| {
                for (id, name) in &names {
                    ui.selectable_value(side, Some(id.clone()), name);
                }
            });
        }
        ui.horizontal(|ui| {
            if ui.button("⇄ Swap").clicked() {
                std::mem::swap(&mut old, &mut new);
            }
            let ready = old.is_some() && new.is_some() && old != new;
            if ui.add_enabled(ready, egui::Button::new("Compare these")).clicked()
                && let (Some(old), Some(new)) = (old.clone(), new.clone())
            {
                commands.push(Command::Compare { old, new });
                commands.push(Command::Dialog(None));
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::Dialog(None));
            }
        });
    });
    // The choice is the dialog's own state until it closes.
    if let Some(Dialog::ChooseCompare { old: o, new: n }) = &mut state.dialog {
        *o = old;
        *n = new;
    }
}

/// Closing a document with unsaved annotations: save, discard or stay.
fn confirm_close_document_ui(ctx: &egui::Context, state: &AppState, doc: DocumentId, commands: &mut Vec<Command>) {
    let name = state.docs.get(&doc).map(super::state::OpenDocument::name).unwrap_or_default();
    modal("Unsaved annotations").show(ctx, |ui| {
        ui.label(format!("The annotations on {name} are not saved. They are kept in the autosave, but save them to a file to share them."));
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                commands.push(Command::Save { doc: doc.clone() });
                commands.push(Command::Dialog(None));
            }
            if ui.button("Close without saving").clicked() {
                commands.push(Command::CloseDocumentDiscarding(doc.clone()));
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::Dialog(None));
            }
        });
    });
}

/// An annotation file made on another document: say plainly which, offer to carry it or cancel.
fn other_document_ui(
    ctx: &egui::Context,
    state: &AppState,
    doc: &DocumentId,
    path: &std::path::Path,
    title: &str,
    source_file: &str,
    commands: &mut Vec<Command>,
) {
    let name = state.docs.get(doc).map(super::state::OpenDocument::name).unwrap_or_default();
    modal("Annotations made on another document").show(ctx, |ui| {
        let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        ui.label(format!("{file} belongs to «{title}» ({source_file}), not to {name}."));
        ui.label("Gloss can carry its annotations onto this document: each is looked for in this text and marked exact, moved, changed or orphaned. The file itself is left as it is; you choose where to save the carried annotations.");
        ui.horizontal(|ui| {
            if ui.button("Carry onto this document").clicked() {
                commands.push(Command::CarryForeignFile);
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::Dialog(None));
            }
        });
    });
}
