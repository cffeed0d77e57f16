//! The comparison: a summary bar, then its lines virtualised in one scroll area, drawn as two
//! aligned columns ([`columns`]) or as one track-changes column ([`track`]).

mod columns;
mod notes;
mod track;

use super::command::Command;
use super::layout::ReadingStyle;
use super::state::{CompareSession, OpenDocument};
use crate::compare::{Alignment, RowKind};
use crate::store::{Document, DocumentId, Store};
use columns::{Highlights, Lines};
use egui::{Key, Modifiers, ScrollArea, Ui, pos2};
use rustc_hash::FxHashMap;

/// Draws the summary bar and the comparison's lines.
pub fn compare_ui(
    ui: &mut Ui,
    session: &mut CompareSession,
    store: &Store,
    docs: &FxHashMap<DocumentId, OpenDocument>,
    style: &ReadingStyle,
    commands: &mut Vec<Command>,
) {
    let (Some(old), Some(new)) = (store.get(&session.old).cloned(), store.get(&session.new).cloned()) else { return };
    let name = |id: &DocumentId| docs.get(id).map(OpenDocument::name).unwrap_or_default();
    let Some(alignment) = session.alignment.clone() else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Comparing {} with {}…", name(&session.old), name(&session.new)));
        });
        return;
    };
    keyboard(ui, session, commands);
    find_bar_ui(ui, session, commands);
    summary_bar_ui(ui, session, &alignment, &format!("{} → {}", name(&session.old), name(&session.new)), commands);
    orphans_ui(ui, session, &old, commands);
    ui.separator();
    let old_doc = docs.get(&session.old);
    let lines = Lines {
        compare: session.id,
        alignment: &alignment,
        old: &old,
        new: &new,
        old_id: &session.old,
        new_id: &session.new,
        style,
        old_marks: old_doc.map(|d| Highlights { set: d.set(), index: d.annotations.index(), placements: d.annotations.placements() }),
        new_marks: Some(Highlights { set: &session.carried, index: &session.carried_index, placements: &session.carried_placements }),
        new_annotations: docs.get(&session.new).map(|d| &d.annotations),
        current: session.current,
        moves: &session.moves,
        gutter: (style.body * 6.0).max(92.0),
        column: 0.0,
    };
    let view = Viewport {
        id: session.id,
        entries: &session.entries,
        positions: &session.positions,
        heights: &mut session.heights,
        scroll_to: &mut session.scroll_to,
        scroll: &mut session.scroll,
        track: session.track_changes,
    };
    lines_ui(ui, view, lines, commands);
}

/// The parts of a session the scroll area reads and updates.
struct Viewport<'a> {
    id: super::jobs::CompareId,
    entries: &'a [crate::compare::Entry],
    positions: &'a [usize],
    heights: &'a mut super::rows::RowHeights,
    scroll_to: &'a mut Option<usize>,
    scroll: &'a mut super::rows::ScrollPosition,
    track: bool,
}

/// The virtualised lines: only those in view are laid out; heights are measured as they show.
fn lines_ui(ui: &mut Ui, view: Viewport<'_>, mut lines: Lines<'_>, commands: &mut Vec<Command>) {
    let avail = ui.available_width();
    let Viewport { id, entries, positions, heights, scroll_to, scroll: position, track } = view;
    lines.column = if track {
        (avail - lines.gutter - 24.0).clamp(160.0, lines.style.body * 56.0)
    } else {
        ((avail - lines.gutter - 40.0) / 2.0).max(160.0)
    };
    heights.prepare(entries.len(), lines.column, |i| match track {
        true => track::estimate(&lines, entries[i]),
        false => columns::estimate(&lines, entries[i]),
    });
    let mut scroll = ScrollArea::vertical().id_salt(("compare", id)).auto_shrink(false);
    if let Some(row) = scroll_to.take()
        && let Some(&pos) = positions.get(row)
    {
        scroll = scroll.vertical_scroll_offset((heights.top(pos) - 40.0).max(0.0));
    } else if let Some(offset) = position.request.take() {
        scroll = scroll.vertical_scroll_offset(offset);
    }
    let mut remeasured = false;
    let shown = scroll.show_viewport(ui, |ui, viewport| {
        ui.set_height(heights.total());
        let origin = ui.max_rect().min;
        let first = heights.row_at(viewport.min.y);
        for (visible, &entry) in entries.iter().enumerate().skip(first) {
            let top = heights.top(visible);
            if top > viewport.max.y {
                break;
            }
            let at = pos2(origin.x, origin.y + top);
            let height = match track {
                true => track::entry_ui(ui, &lines, entry, at, commands),
                false => columns::entry_ui(ui, &lines, entry, at, commands),
            };
            remeasured |= heights.set(visible, height);
        }
    });
    position.offset = shown.state.clamped_offset().y;
    position.viewport = shown.inner_rect.height();
    if remeasured {
        ui.ctx().request_repaint();
    }
}

fn keyboard(ui: &Ui, session: &mut CompareSession, commands: &mut Vec<Command>) {
    let compare = session.id;
    let (find, goto, escape) = ui
        .input_mut(|i| (i.consume_key(Modifiers::COMMAND, Key::F), i.consume_key(Modifiers::COMMAND, Key::G), i.key_pressed(Key::Escape)));
    if find {
        session.find.open = true;
        session.find.focus = true;
    }
    if goto {
        // A fresh box each time: typing a number must not append to the last one.
        session.find.goto_open = true;
        session.find.goto_focus = true;
        session.find.goto_text.clear();
        session.find.goto_last = None;
    }
    if escape {
        session.find.open = false;
        session.find.goto_open = false;
    }
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    ui.input_mut(|i| {
        if i.consume_key(Modifiers::SHIFT, Key::F7) {
            commands.push(Command::StepChange { compare, forward: false });
        }
        if i.consume_key(Modifiers::NONE, Key::N) || i.consume_key(Modifiers::NONE, Key::F7) {
            commands.push(Command::StepChange { compare, forward: true });
        }
        if i.consume_key(Modifiers::NONE, Key::P) {
            commands.push(Command::StepChange { compare, forward: false });
        }
    });
}

/// Find (both sides) and go-to bars of a comparison, when open.
fn find_bar_ui(ui: &mut Ui, session: &mut CompareSession, commands: &mut Vec<Command>) {
    let compare = session.id;
    let find = &mut session.find;
    if find.open {
        ui.horizontal(|ui| {
            let label = ui.label("Find in both versions:");
            let edit = ui.add(egui::TextEdit::singleline(&mut find.query).desired_width(260.0)).labelled_by(label.id);
            if std::mem::take(&mut find.focus) {
                edit.request_focus();
            }
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if enter && find.query != find.searched && !find.query.trim().is_empty() {
                commands.push(Command::FindInCompare(compare));
                find.focus = true;
            } else if enter {
                commands.push(Command::FindStepInCompare { compare, forward: !ui.input(|i| i.modifiers.shift) });
                find.focus = true;
            }
            if !find.searched.is_empty() {
                ui.label(format!("{} rows", find.rows.len()));
            }
            if ui.button("Close").clicked() {
                find.open = false;
            }
        });
    }
    if find.goto_open {
        ui.horizontal(|ui| {
            let label = ui.label("Go to paragraph:");
            let edit = ui.add(egui::TextEdit::singleline(&mut find.goto_text).desired_width(80.0)).labelled_by(label.id);
            if std::mem::take(&mut find.goto_focus) {
                edit.request_focus();
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                commands.push(Command::GoToLabelInCompare { compare, label: find.goto_text.trim().to_string() });
                find.goto_focus = true;
            }
        });
    }
}

fn summary_bar_ui(ui: &mut Ui, session: &CompareSession, alignment: &Alignment, title: &str, commands: &mut Vec<Command>) {
    let s = &alignment.summary;
    let compare = session.id;
    ui.horizontal_wrapped(|ui| {
        ui.strong(title);
        ui.separator();
        for kind in RowKind::ALL {
            let (fg, _) = columns::kind_colours(kind);
            ui.label(egui::RichText::new(format!("{} {}", kind.name(), s.count(kind))).color(fg));
        }
        ui.label(format!("renumbered {}", s.renumbered));
        ui.label(format!("words +{} −{}", s.words_inserted, s.words_deleted));
    });
    ui.horizontal_wrapped(|ui| {
        navigation_ui(ui, session, alignment, commands);
        ui.separator();
        let carried = &session.carried.annotations;
        if !carried.is_empty() {
            ui.label(format!("Annotations carried: {}", crate::annotate::CarryReport::of(&session.carried)));
            if ui.button("Carry into the new version").clicked() {
                commands.push(Command::CarryForward(compare));
            }
        }
        if ui.button("Export HTML redline…").clicked() {
            commands.push(Command::Pick(super::jobs::Purpose::ExportRedline(compare)));
        }
        if ui.button("Export Word redline…").clicked() {
            commands.push(Command::Pick(super::jobs::Purpose::ExportWordRedline(compare)));
        }
    });
}

/// Previous and next change with "change k of n", the layout switch and the row filters.
fn navigation_ui(ui: &mut Ui, session: &CompareSession, alignment: &Alignment, commands: &mut Vec<Command>) {
    let compare = session.id;
    if ui.button("◀ Previous change").on_hover_text("p or Shift+F7").clicked() {
        commands.push(Command::StepChange { compare, forward: false });
    }
    if ui.button("Next change ▶").on_hover_text("n or F7").clicked() {
        commands.push(Command::StepChange { compare, forward: true });
    }
    let changes = alignment.summary.changes();
    match session.current_change() {
        Some(k) => ui.label(format!("change {} of {changes}", k + 1)),
        None => ui.label(format!("{changes} changes")),
    };
    ui.separator();
    let track = session.track_changes;
    if ui.selectable_label(!track, "Side by side").on_hover_text("Old and new in two aligned columns").clicked() && track {
        commands.push(Command::TrackChanges { compare, track: false });
    }
    if ui.selectable_label(track, "Track changes").on_hover_text("One text: deletions struck through, insertions underlined").clicked()
        && !track
    {
        commands.push(Command::TrackChanges { compare, track: true });
    }
    ui.separator();
    let mut only = session.only_changes;
    if ui.checkbox(&mut only, "Only changes").changed() {
        commands.push(Command::OnlyChanges { compare, only });
    }
    let mut context = session.context;
    let toggle = ui.add_enabled(session.only_changes, egui::Checkbox::new(&mut context, "Context rows"));
    if toggle.on_hover_text("Keep one unchanged row above and below each change").changed() {
        commands.push(Command::CompareContext { compare, context });
    }
}

/// The carried annotations whose passage is gone; each scrolls to where its paragraph stood.
fn orphans_ui(ui: &mut Ui, session: &mut CompareSession, old: &Document, commands: &mut Vec<Command>) {
    let compare = session.id;
    if session.orphans(old).is_empty() {
        return;
    }
    let (orphans, carried) = (session.orphans.as_deref().unwrap_or_default(), &session.carried);
    let title = format!("⚠ {} orphaned annotations (their passage is gone)", orphans.len());
    egui::CollapsingHeader::new(title).id_salt(("orphans", compare)).show(ui, |ui| {
        for &(i, row) in orphans {
            let Some(a) = carried.annotations.get(i) else { continue };
            let text = format!("{} «{}» — {} [{}]", a.anchor.label, a.anchor.quote, a.author, a.tags.join(", "));
            let response = ui.add_enabled(row.is_some(), egui::Button::selectable(false, text).truncate());
            if let Some(row) = row
                && response.on_hover_text("Show where its paragraph stood").clicked()
            {
                commands.push(Command::ShowCompareRow { compare, row, scroll: true });
            }
        }
    });
}
