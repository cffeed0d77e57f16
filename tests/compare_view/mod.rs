//! The comparison view driven headless: labels, kinds and moves in their own place, only
//! changes with context rows, the track-changes column, annotations hovered and opened, orphans.

use super::{doc, doc_id, harness, session, settle};
use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gloss::compare::RowKind;
use gloss::ui::{Active, AppState, Command, app_ui};

/// The rectangle of the only node with this label.
fn rect_of(harness: &Harness<'static, AppState>, label: &str) -> egui::Rect {
    harness.get_by_label(label).rect()
}

/// The rectangle of the node with this label inside `area` (the same label may stand in other rows).
fn rect_within(harness: &Harness<'static, AppState>, label: &str, area: egui::Rect) -> egui::Rect {
    let mut inside = harness.query_all_by_label(label).map(|n| n.rect()).filter(|r| area.contains_rect(*r));
    let rect = inside.next().unwrap_or_else(|| panic!("no «{label}» in {area:?}"));
    assert!(inside.next().is_none(), "two «{label}» in {area:?}");
    rect
}

/// Steps through the changes until the current row is of `kind`.
fn step_to(harness: &mut Harness<'static, AppState>, kind: RowKind) -> usize {
    for _ in 0..40 {
        let session = session(harness.state());
        if let Some(current) = session.current
            && session.alignment.as_ref().expect("aligned").rows[current].kind == kind
        {
            return current;
        }
        harness.get_by_label("Next change ▶").click();
        harness.run();
    }
    panic!("no {kind:?} row");
}

/// Adds an annotation on `quote` in the paragraph labelled `label` of the document in tab `position`.
fn annotate_quote(state: &mut AppState, position: usize, label: &str, quote: &str, tag: &str, note: &str) -> String {
    let id = doc_id(state, position);
    let open = state.docs.get_mut(&id).expect("open");
    let document = open.document.clone();
    let block = document.block_by_label(label).expect("paragraph");
    let anchor = gloss::annotate::Anchor::for_quote(&document, block, quote).expect("quote");
    open.annotations.add(&document, gloss::annotate::Annotation::new("RU", anchor, vec![tag.into()], note.into()))
}

#[test]
fn compare_labels_kinds_and_moves_have_their_own_place_beside_the_text() {
    // Unlabelled paragraphs (no numbers): the move is named by the paragraph's first words.
    let dir = tempfile::tempdir().expect("temp dir");
    let paragraphs = [
        "La loi favorise l'accès de tous aux réseaux numériques et protège les données personnelles des usagers.",
        "Les États coopèrent pour réduire la fracture numérique entre les régions urbaines et rurales du pays.",
        "Le secrétariat présente chaque année un rapport sur la mise en œuvre des présentes dispositions.",
        "Les parties se réunissent en session ordinaire une fois par an au siège de l'Organisation.",
        "Toute modification du présent texte est adoptée par consensus des États participants.",
    ];
    let old = paragraphs.join("\n\n");
    let new = [paragraphs[1], paragraphs[2], paragraphs[3], paragraphs[4], paragraphs[0]].join("\n\n");
    let (old_path, new_path) = (dir.path().join("loi.md"), dir.path().join("loi-rev1.md"));
    std::fs::write(&old_path, old).expect("written");
    std::fs::write(&new_path, new).expect("written");
    let mut state = AppState::default();
    state.settings.author = "Test delegation".into();
    let old_id = state.open_now(old_path).expect("opens");
    let new_id = state.open_now(new_path).expect("opens");
    state.compare_now(old_id, new_id);
    let mut h = Harness::builder().with_size([1000.0, 800.0]).build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state);
    h.run();
    step_to(&mut h, RowKind::Moved);
    h.run();
    let texts: Vec<egui::Rect> = h.query_all_by_label(paragraphs[0]).map(|n| n.rect()).collect();
    assert_eq!(texts.len(), 2, "the moved paragraph on both sides of its row");
    let (old_text, new_text) = if texts[0].left() < texts[1].left() { (texts[0], texts[1]) } else { (texts[1], texts[0]) };
    let from = rect_of(&h, "moved here from further up");
    let row = h.get_by_label_contains("moved ¶ «La loi favorise…» →").rect();
    for badge in [rect_within(&h, "Labels ¶", row), rect_within(&h, "Kind moved", row), from] {
        for text in &texts {
            assert!(!badge.intersects(*text), "badge {badge:?} runs into the text {text:?}");
        }
    }
    assert!(from.bottom() <= new_text.top() && from.left() >= old_text.right(), "the move note stands above the new text");
    assert!(from.right() <= 1000.0 && new_text.right() <= 1000.0);
    // Its old place, at the top, on the old side, says where it went; a click comes back.
    h.key_press(Key::Home);
    h.run();
    let marker = rect_of(&h, "¶ «La loi favorise…» moved further down");
    let next = h.get_all_by_label(paragraphs[1]).next().expect("the next paragraph").rect();
    assert!(marker.bottom() <= next.top(), "the marker stands where the paragraph stood, before the next one");
    h.get_by_label("¶ «La loi favorise…» moved further down").click();
    h.run();
    let compared = session(h.state());
    assert_eq!(compared.alignment.as_ref().expect("aligned").rows[compared.current.expect("current")].kind, RowKind::Moved);

    // The samples: a numbered paragraph moved from 14 to 20.
    let mut h = harness(AppState::with_samples());
    let moved = step_to(&mut h, RowKind::Moved);
    let from = rect_of(&h, "moved from 14.");
    let texts =
        [h.get_by_label_contains("14. Одна делегация предложила").rect(), h.get_by_label_contains("20. Одна делегация предложила").rect()];
    let row = h.get_by_label_contains("moved 14. → 20.").rect();
    for badge in [rect_of(&h, "Labels 14. → 20."), rect_within(&h, "Kind moved", row), from] {
        for text in texts {
            assert!(!badge.intersects(text), "badge {badge:?} runs into the text {text:?}");
        }
    }
    assert!(from.left() >= texts[1].left() - 1.0 && from.bottom() <= texts[1].top(), "«from 14» on the new side, above its text");
    // The old place (before the deleted 15.) is marked on the old side: «14. moved to 20.».
    step_to(&mut h, RowKind::Deleted);
    let marker = rect_of(&h, "14. moved to 20.");
    let deleted = h.get_by_label_contains("15. Некоторые выступавшие").rect();
    assert!(marker.bottom() <= deleted.top() + 1.0, "the marker stands just above the deleted 15.");
    h.get_by_label("14. moved to 20.").click();
    h.run();
    assert_eq!(session(h.state()).current, Some(moved));
    h.get_by_label("moved from 14.");
}

#[test]
fn only_changes_keeps_a_context_row_around_each_change_and_counts_the_changes() {
    let mut h = harness(AppState::with_samples());
    let changes = session(h.state()).alignment.as_ref().expect("aligned").summary.changes();
    h.get_by_label(&format!("change 1 of {changes}"));
    h.get_by_label("Next change ▶").click();
    h.run();
    h.get_by_label(&format!("change 2 of {changes}"));
    // An unchanged row is not a change: the count stays in view.
    h.get_by_label_contains("equal 9. → 8.").click();
    h.run();
    h.get_by_label(&format!("{changes} changes"));

    // Only changes, with the unchanged row before the first change kept as context.
    h.get_by_label("Only changes").click();
    h.run();
    h.key_press(Key::Home);
    h.run();
    let second_line = "Третья сессия";
    assert!(h.query_all_by_label_contains(second_line).next().is_some(), "the row before the first change is kept");
    h.get_by_label("… 1 unchanged paragraph");
    assert!(h.query_all_by_label_contains("I. Введение").next().is_some(), "the row after it too");
    assert!(h.query_all_by_label_contains("1. Специальная рабочая группа").next().is_none(), "two rows away is left out");
    // Without context rows only the changes stay.
    h.get_by_label("Context rows").click();
    h.run();
    assert!(!session(h.state()).context);
    assert!(h.query_all_by_label_contains(second_line).next().is_none());
    h.get_by_label("… 2 unchanged paragraphs");
    // A gap opens every row again where it was.
    h.get_by_label("… 2 unchanged paragraphs").click();
    h.run();
    assert!(!session(h.state()).only_changes);
    assert!(h.query_all_by_label_contains(second_line).next().is_some());
}

#[test]
fn track_changes_shows_one_text_with_deletions_struck_and_insertions_underlined() {
    let mut h = harness(AppState::with_samples());
    h.get_by_label("Track changes").click();
    h.run();
    assert!(session(h.state()).track_changes);
    h.get_by_label_contains("[-Проект-]");
    // Only the lines in view are laid out, as in the two columns.
    let equal = session(h.state()).alignment.as_ref().expect("aligned").summary.equal;
    let shown = h.query_all_by(|n| n.label().or(n.value()).is_some_and(|l| l.starts_with("equal "))).count();
    assert!(shown > 0 && shown < equal / 2, "{shown} unchanged rows laid out of {equal}");
    step_to(&mut h, RowKind::Deleted);
    h.get_by_label_contains("[-15.-] [-Некоторые выступавшие");
    h.get_by_label("14. moved to 20.");
    step_to(&mut h, RowKind::Changed);
    h.get_by_label_contains("[-17.-]{+15.+} Рабочая группа [-приветствовала-] {+с удовлетворением отметила+} доклад секретариата");
    step_to(&mut h, RowKind::Moved);
    h.get_by_label("moved from 14.");
    h.get_by_label_contains("[-14.-]{+20.+} Одна делегация");
    step_to(&mut h, RowKind::Split);
    h.get_by_label_contains("[-12.-]{+11.+} В ходе общих прений");
    h.get_by_label_contains("{+12.+} Несколько делегаций");
    h.get_by_label("Side by side").click();
    h.run();
    assert!(!session(h.state()).track_changes);
    assert!(h.query_all_by_label_contains("[-").next().is_none());
}

/// A click of the primary button at a point.
fn click_at(harness: &mut Harness<'static, AppState>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    harness.drag_at(pos);
    harness.drop_at(pos);
    harness.run();
}

/// Steps through the changes until the current row holds the old paragraph labelled `label`.
fn step_to_old(harness: &mut Harness<'static, AppState>, label: &str) -> usize {
    for _ in 0..40 {
        let state = harness.state();
        let (session, old) = (session(state), &doc(state, 0).document);
        if let Some(current) = session.current
            && session.alignment.as_ref().expect("aligned").rows[current].old.first().is_some_and(|&b| old.blocks[b].label == label)
        {
            return current;
        }
        harness.get_by_label("Next change ▶").click();
        harness.run();
    }
    panic!("no change at old {label}");
}

/// The samples compared again with annotations on the old version (draft.md).
fn compared_with_annotations(annotations: &[(&str, &str, &str, &str)]) -> (Harness<'static, AppState>, Vec<String>) {
    let mut state = AppState::with_samples();
    let ids = annotations.iter().map(|(label, quote, tag, note)| annotate_quote(&mut state, 0, label, quote, tag, note)).collect();
    let (old, new) = (doc_id(&state, 0), doc_id(&state, 1));
    state.pending.push(Command::Compare { old, new });
    let mut h = harness(state);
    settle(&mut h);
    (h, ids)
}

#[test]
fn annotations_in_the_comparison_show_when_hovered_and_open_when_clicked() {
    let (mut h, ids) = compared_with_annotations(&[
        ("15.", "искусственного интеллекта", "red line", "Cannot accept any text on AI."),
        ("17.", "доклад секретариата", "support", "Welcome the report."),
    ]);
    let (old, new) = (doc_id(h.state(), 0), doc_id(h.state(), 1));
    let compare = session(h.state()).id;
    // The red line on the deleted paragraph is in its row, on the old side.
    step_to(&mut h, RowKind::Deleted);
    let red_line = "Annotation [red line] RU: «искусственного интеллекта»";
    h.get_all_by_label(red_line).next().expect("the red line is in the deleted row").hover();
    h.run();
    h.get_by_label_contains("Note: Cannot accept any text on AI.");
    h.get_by_label_contains("Status: exact");
    h.get_all_by_label(red_line).next().expect("still there").click();
    h.run();
    assert_eq!(h.state().active, Some(Active::Reader(old.clone())), "the annotation opens in the old version");
    assert_eq!(doc(h.state(), 0).view.selected_annotation.as_deref(), Some(ids[0].as_str()));

    // A carried annotation on the new side: hover tells what it is; it opens once carried.
    h.state_mut().active = Some(Active::Compare(compare));
    h.run();
    step_to_old(&mut h, "17.");
    let support = "Annotation [support] RU: «доклад секретариата»";
    // The one further right is on the new side.
    let new_side =
        |h: &Harness<'static, AppState>| h.get_all_by_label(support).map(|n| n.rect().center()).max_by(|a, b| a.x.total_cmp(&b.x));
    assert_eq!(h.get_all_by_label(support).count(), 2, "the old annotation and the carried one");
    h.hover_at(new_side(&h).expect("carried"));
    h.run();
    h.get_by_label_contains("Note: Welcome the report.");
    h.get_by_label_contains("adds it there");
    let pos = new_side(&h).expect("carried");
    click_at(&mut h, pos);
    assert_eq!(h.state().active, Some(Active::Compare(compare)), "not in the new version yet: the tooltip only");
    h.get_by_label("Carry into the new version").click();
    h.run();
    let pos = new_side(&h).expect("carried");
    click_at(&mut h, pos);
    assert_eq!(h.state().active, Some(Active::Reader(new)), "carried: it opens in the new version");
    assert_eq!(doc(h.state(), 1).view.selected_annotation.as_deref(), Some(ids[1].as_str()));
}

#[test]
fn an_orphan_in_the_list_scrolls_to_where_its_paragraph_stood() {
    let (mut h, _) = compared_with_annotations(&[("15.", "искусственного интеллекта", "red line", "Cannot accept any text on AI.")]);
    let deleted = {
        let state = h.state();
        let rows = &session(state).alignment.as_ref().expect("aligned").rows;
        rows.iter().position(|r| r.kind == RowKind::Deleted).expect("a deleted row")
    };
    assert_ne!(session(h.state()).current, Some(deleted));
    assert!(h.query_all_by_label_contains("15. Некоторые выступавшие").next().is_none(), "not in view yet");
    h.get_by_label_contains("1 orphaned annotations").click();
    h.run();
    h.get_by_label_contains("«искусственного интеллекта» — RU [red line]").click();
    h.run();
    h.run();
    assert_eq!(session(h.state()).current, Some(deleted));
    h.get_by_label_contains("15. Некоторые выступавшие");
}

#[test]
fn ctrl_f_searches_both_versions_and_ctrl_g_finds_a_paragraph_in_the_comparison() {
    let mut h = harness(AppState::with_samples());
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    h.run();
    // A phrase of the old version only: deleted paragraph 15 (искусственного интеллекта).
    h.get_by_label("Find in both versions:").type_text("искусственного интеллекта");
    h.key_press(Key::Enter);
    settle(&mut h);
    let state = h.state();
    let s = session(state);
    let rows = s.find.rows.clone();
    assert!(!rows.is_empty(), "found on the old side");
    let alignment = s.alignment.as_ref().expect("aligned");
    assert!(rows.iter().any(|&r| alignment.rows[r].new.is_empty()), "a deleted row is among the matches");
    assert_eq!(s.current, Some(rows[0]));
    // Go to paragraph 20 (a new number).
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::G);
    h.run();
    h.get_by_label("Go to paragraph:").type_text("20");
    h.key_press(Key::Enter);
    h.run();
    let s = session(h.state());
    let new = doc(h.state(), 1).document.clone();
    let current = s.current.expect("a row is current");
    let row = &s.alignment.as_ref().expect("aligned").rows[current];
    assert!(row.new.iter().any(|&b| new.blocks[b].label == "20."), "the row of new paragraph 20");
}
