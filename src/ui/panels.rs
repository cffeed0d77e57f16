//! Side panels: the outline and the annotations list with its filters and editor.

use super::command::Command;
use super::layout::colour;
use super::state::{Drafts, OpenDocument};
use crate::annotate::{AnchorStatus, Annotation, Edit, Filter, Proposal, ProposalKind};
use crate::store::{BlockKind, DocumentId};
use egui::{ComboBox, RichText, ScrollArea, TextEdit, Ui};

/// Headings and paragraph numbers; a click jumps there.
pub fn outline_ui(ui: &mut Ui, index: &DocumentId, doc: &mut OpenDocument, commands: &mut Vec<Command>) {
    ui.heading("Outline");
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    // The entry for the paragraph at the top of the reader: the outline follows the reading.
    let top_block = doc.view.heights.row_at(doc.view.scroll.offset + 1.0);
    let current = doc.outline.partition_point(|&b| b <= top_block).checked_sub(1);
    let mut area = ScrollArea::vertical().id_salt(("outline", index.0.as_str())).auto_shrink(false);
    if current != doc.view.outline_current {
        doc.view.outline_current = current;
        if let Some(entry) = current {
            area = area.vertical_scroll_offset((entry as f32 - 3.0).max(0.0) * row_height);
        }
    }
    area.show_rows(ui, row_height, doc.outline.len(), |ui, range| {
        // One line per entry: show_rows needs fixed row heights.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        for (entry, &block) in doc.outline[range.clone()].iter().enumerate() {
            let b = &doc.document.blocks[block];
            let here = current == Some(range.start + entry);
            let text = match b.kind {
                BlockKind::Heading => {
                    let indent = "  ".repeat(b.level.saturating_sub(1).min(3) as usize);
                    RichText::new(format!("{indent}{}", truncate(&b.display_text(), 48))).strong()
                }
                _ => RichText::new(format!("      {} {}", b.label, truncate(&b.text, 36))),
            };
            if ui.selectable_label(here, text).clicked() {
                commands.push(Command::GoTo { doc: index.clone(), block });
            }
        }
    });
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars { text.to_string() } else { format!("{}…", text.chars().take(chars).collect::<String>()) }
}

/// The annotations of a document: filters, the list, and the editor of the open one.
pub fn annotations_ui(
    ui: &mut Ui,
    index: &DocumentId,
    doc: &OpenDocument,
    filter: &mut Filter,
    in_text: &mut bool,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("Annotations");
        if ui.button("Tags…").on_hover_text("Add, rename, recolour, reorder, delete tags").clicked() {
            commands.push(Command::Dialog(Some(super::state::Dialog::Tags)));
        }
    });
    filters_ui(ui, doc, filter, in_text);
    conflicts_ui(ui, index, doc, commands);
    if let Some(id) = &doc.view.selected_annotation
        && let Some((a, _)) = doc.annotations.get(id)
    {
        editor_ui(ui, index, doc, a, commands);
        ui.separator();
    }
    // The filtered list is cached on the document (rebuilt when the set or the filter changes).
    let shown = &doc.list.shown;
    let annotations = &doc.set().annotations;
    ui.label(format!("{} of {} shown", shown.len(), annotations.len()));
    // One line per annotation so the list is virtualised like the reader: thousands stay fast.
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    ScrollArea::vertical().id_salt(("annotations", index.0.as_str())).auto_shrink(false).show_rows(
        ui,
        row_height,
        shown.len(),
        |ui, range| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for &i in &shown[range] {
                let Some(a) = annotations.get(i) else { continue };
                let status = doc.annotations.status_of(i);
                let label = doc
                    .annotations
                    .placements()
                    .get(i)
                    .and_then(|p| p.block)
                    .map_or_else(|| a.anchor.label.clone(), |b| doc.document.blocks[b].label.clone());
                let swatch = colour(doc.set().colour_of(a));
                ui.horizontal(|ui| {
                    ui.label(RichText::new("■").color(swatch));
                    let warn = if status == AnchorStatus::Orphaned { "⚠ orphaned · " } else { "" };
                    let text = format!(
                        "{warn}{label} «{}» [{}] {} · {}",
                        truncate(&a.anchor.quote, 60),
                        a.tags.join(", "),
                        a.author,
                        status.name()
                    );
                    let selected = doc.view.selected_annotation.as_deref() == Some(a.id.as_str());
                    let mut response = ui.selectable_label(selected, text);
                    if !a.note.is_empty() {
                        response = response.on_hover_text(&a.note);
                    }
                    if response.clicked() {
                        commands.push(Command::OpenAnnotation { doc: index.clone(), id: Some(a.id.clone()), scroll: true });
                    }
                });
            }
        },
    );
}

/// Versions a merge could not reconcile: both shown, with who and when, and a choice.
fn conflicts_ui(ui: &mut Ui, index: &DocumentId, doc: &OpenDocument, commands: &mut Vec<Command>) {
    let conflicts = &doc.set().conflicts;
    if conflicts.is_empty() {
        return;
    }
    let title = format!("⚠ {} merge conflicts to review", conflicts.len());
    egui::CollapsingHeader::new(RichText::new(title).color(egui::Color32::from_rgb(200, 110, 0)))
        .id_salt("conflicts")
        .default_open(true)
        .show(ui, |ui| {
            for conflict in conflicts {
                let id = conflict.id();
                let current = doc.annotations.get(id).map(|(a, _)| a);
                ui.group(|ui| {
                    match current {
                        Some(a) => ui.label(format!("This version: {} · {}", version_text(a), a.author)),
                        None => ui.label("This version: (not in the text)"),
                    };
                    match conflict {
                        crate::annotate::Conflict::Edited(other) => {
                            ui.label(format!("Other version: {} · {}", version_text(other), other.author));
                        }
                        crate::annotate::Conflict::Deleted(tombstone) => {
                            ui.label(format!("Deleted by {} on {}", tombstone.author, tombstone.deleted.strftime("%Y-%m-%d %H:%M")));
                        }
                    }
                    ui.horizontal(|ui| {
                        let keep = |keep| Command::ResolveConflict { doc: index.clone(), id: id.to_string(), keep };
                        if ui.small_button("Keep this").clicked() {
                            commands.push(keep(crate::annotate::Keep::Current));
                        }
                        let other = if matches!(conflict, crate::annotate::Conflict::Deleted(_)) { "Delete it" } else { "Keep the other" };
                        if ui.small_button(other).clicked() {
                            commands.push(keep(crate::annotate::Keep::Other));
                        }
                        if matches!(conflict, crate::annotate::Conflict::Edited(_)) && ui.small_button("Keep both").clicked() {
                            commands.push(keep(crate::annotate::Keep::Both));
                        }
                    });
                });
            }
        });
}

/// An annotation version in one line: tags, note and when.
fn version_text(a: &Annotation) -> String {
    let note = if a.note.is_empty() { String::new() } else { format!(" «{}»", truncate(&a.note, 60)) };
    format!("[{}]{note} {}", a.tags.join(", "), a.modified.strftime("%Y-%m-%d %H:%M"))
}

fn filters_ui(ui: &mut Ui, doc: &OpenDocument, filter: &mut Filter, in_text: &mut bool) {
    ui.horizontal_wrapped(|ui| {
        ComboBox::new("filter-tag", "Tag").selected_text(filter.tag.clone().unwrap_or_else(|| "all tags".into())).show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.tag, None, "all tags");
            for tag in doc.set().tags.iter() {
                ui.selectable_value(&mut filter.tag, Some(tag.name.clone()), &tag.name);
            }
        });
        let authors = &doc.list.authors;
        ComboBox::new("filter-author", "Author").selected_text(filter.author.clone().unwrap_or_else(|| "all authors".into())).show_ui(
            ui,
            |ui| {
                ui.selectable_value(&mut filter.author, None, "all authors");
                for author in authors {
                    ui.selectable_value(&mut filter.author, Some(author.clone()), author.as_str());
                }
            },
        );
        ComboBox::new("filter-status", "Status").selected_text(filter.status.map_or("any status", |s| s.name())).show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.status, None, "any status");
            for status in AnchorStatus::ALL {
                ui.selectable_value(&mut filter.status, Some(status), status.name());
            }
        });
        let label = ui.label("Text:");
        ui.add(TextEdit::singleline(&mut filter.text).desired_width(120.0)).labelled_by(label.id);
        ui.checkbox(in_text, "Filter the highlights too").on_hover_text("Show in the text only the annotations listed");
    });
}

/// Tags (toggles), note and delete for the open annotation.
fn editor_ui(ui: &mut Ui, index: &DocumentId, doc: &OpenDocument, a: &Annotation, commands: &mut Vec<Command>) {
    ui.group(|ui| {
        ui.label(RichText::new(format!("«{}»", truncate(&a.anchor.quote, 200))).italics());
        if let Some(previous) = &a.previous_quote {
            ui.label(RichText::new(format!("was: «{}»", truncate(previous, 200))).weak());
        }
        ui.horizontal_wrapped(|ui| {
            for tag in doc.set().tags.iter() {
                let on = a.tags.contains(&tag.name);
                let text = RichText::new(&tag.name).background_color(if on {
                    colour(tag.colour).gamma_multiply(0.6)
                } else {
                    egui::Color32::TRANSPARENT
                });
                if ui.selectable_label(on, text).clicked() {
                    commands.push(Command::Edit { doc: index.clone(), id: a.id.clone(), edit: Edit::ToggleTag(tag.name.clone()) });
                }
            }
        });
        if let Some(note) = draft_field_ui(ui, ("note", &a.id), "Note:", &a.note, 3) {
            commands.push(Command::Edit { doc: index.clone(), id: a.id.clone(), edit: Edit::SetNote(note) });
        }
        proposal_ui(ui, index, a, commands);
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{} · {}", a.author, a.modified.strftime("%Y-%m-%d %H:%M"))).weak());
            if ui.button("Delete annotation").clicked() {
                commands.push(Command::Delete { doc: index.clone(), id: a.id.clone() });
            }
            if ui.button("Close").clicked() {
                commands.push(Command::OpenAnnotation { doc: index.clone(), id: None, scroll: false });
            }
        });
    });
}

/// The tag manager: add, rename, recolour, reorder, delete.
pub fn tags_ui(ui: &mut Ui, index: &DocumentId, doc: &OpenDocument, drafts: &mut Drafts, commands: &mut Vec<Command>) {
    for tag in doc.set().tags.iter() {
        ui.horizontal(|ui| {
            let mut rgb = tag.colour.0;
            if ui.color_edit_button_srgb(&mut rgb).changed() {
                commands.push(Command::RecolourTag { doc: index.clone(), name: tag.name.clone(), colour: crate::annotate::Colour(rgb) });
            }
            match &mut drafts.rename {
                Some((old, new)) if *old == tag.name => {
                    let label = ui.label("New name:");
                    let edit = ui.add(TextEdit::singleline(new).desired_width(140.0)).labelled_by(label.id);
                    if ui.button("Rename").clicked() || (edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                        commands.push(Command::RenameTag { doc: index.clone(), old: old.clone(), new: new.clone() });
                        drafts.rename = None;
                        return;
                    }
                }
                _ => {
                    ui.label(&tag.name);
                    if ui.small_button("Rename").clicked() {
                        drafts.rename = Some((tag.name.clone(), tag.name.clone()));
                    }
                }
            }
            if ui.small_button("▲").on_hover_text("Move up").clicked() {
                commands.push(Command::ReorderTag { doc: index.clone(), name: tag.name.clone(), delta: -1 });
            }
            if ui.small_button("▼").on_hover_text("Move down").clicked() {
                commands.push(Command::ReorderTag { doc: index.clone(), name: tag.name.clone(), delta: 1 });
            }
            if ui.small_button("Delete").clicked() {
                commands.push(Command::DeleteTag { doc: index.clone(), name: tag.name.clone() });
            }
        });
    }
    ui.horizontal(|ui| {
        let label = ui.label("New tag:");
        ui.add(TextEdit::singleline(&mut drafts.new_tag).desired_width(160.0)).labelled_by(label.id);
        if ui.button("Add").clicked() && !drafts.new_tag.trim().is_empty() {
            commands.push(Command::AddTag { doc: index.clone(), name: std::mem::take(&mut drafts.new_tag) });
        }
    });
}

/// The proposed text: its kind (none, replace, insert after, delete) and, for the first two, the
/// text, edited in a draft and saved when the field loses focus.
fn proposal_ui(ui: &mut Ui, index: &DocumentId, a: &Annotation, commands: &mut Vec<Command>) {
    let edit = |proposal: Option<Proposal>| Command::Edit { doc: index.clone(), id: a.id.clone(), edit: Edit::SetProposal(proposal) };
    let kind = a.proposal.as_ref().map(|p| p.kind);
    ui.horizontal_wrapped(|ui| {
        ui.label("Proposal:");
        if ui.radio(kind.is_none(), "No proposal").clicked() && kind.is_some() {
            commands.push(edit(None));
        }
        for choice in ProposalKind::ALL {
            let name = match choice {
                ProposalKind::Replace => "Replace",
                ProposalKind::InsertAfter => "Insert after",
                ProposalKind::Delete => "Delete passage",
            };
            if ui.radio(kind == Some(choice), name).clicked() && kind != Some(choice) {
                let text = a.proposal.as_ref().map(|p| p.text.clone()).unwrap_or_default();
                let text = if choice.takes_text() { text } else { String::new() };
                commands.push(edit(Some(Proposal::new(choice, text))));
            }
        }
    });
    let Some(proposal) = a.proposal.as_ref().filter(|p| p.kind.takes_text()) else { return };
    if let Some(text) = draft_field_ui(ui, ("proposal", &a.id), "Proposed text:", &proposal.text, 2) {
        commands.push(edit(Some(Proposal::new(proposal.kind, text))));
    }
}

/// A multi-line field edited as a draft (kept in egui's memory) and committed when it loses
/// focus with a changed text; returns the committed text.
fn draft_field_ui(ui: &mut Ui, salt: impl std::hash::Hash + std::fmt::Debug, label: &str, current: &str, rows: usize) -> Option<String> {
    let id = ui.scope_id().with(salt);
    let mut text = ui.data_mut(|d| d.get_temp::<String>(id)).unwrap_or_else(|| current.to_string());
    let label = ui.label(label);
    let response = ui.add(TextEdit::multiline(&mut text).desired_rows(rows).desired_width(f32::INFINITY)).labelled_by(label.id);
    if response.changed() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    }
    if response.lost_focus() && text != current {
        ui.data_mut(|d| d.remove::<String>(id));
        return Some(text);
    }
    None
}
