//! The desktop app driven headless with egui_kittest: clicks, drags and typing.

mod common;

use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use gloss::compare::RowKind;
use gloss::ui::state::{CompareSession, Dialog, OpenDocument};
use gloss::ui::{Active, AppState, Command, app_ui};

fn harness(state: AppState) -> Harness<'static, AppState> {
    harness_checked(state, true)
}

/// A harness; `accessibility` off only where a third-party widget (the in-app file dialog's
/// unlabelled path fields) would fail kittest's check.
fn harness_checked(mut state: AppState, accessibility: bool) -> Harness<'static, AppState> {
    state.settings.author = "Test delegation".into();
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_max_steps(32)
        .with_accessibility_check(accessibility)
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state);
    harness.run();
    harness
}

/// The document in tab `position`.
fn doc(state: &AppState, position: usize) -> &OpenDocument {
    state.doc_at(position).expect("the document is open")
}

/// The id of the document in tab `position`.
fn doc_id(state: &AppState, position: usize) -> gloss::store::DocumentId {
    state.doc_id_at(position).expect("the document is open")
}

/// The first comparison, with its alignment.
fn session(state: &AppState) -> &CompareSession {
    let session = state.first_compare().expect("compared");
    assert!(session.alignment.is_some(), "the comparison finished");
    session
}

/// Runs frames until the jobs have finished and their results are shown.
fn settle(harness: &mut Harness<'static, AppState>) {
    // Frames that take the input and start the jobs (a running job keeps repainting, so not `run`).
    for _ in 0..3 {
        harness.step();
        harness.state_mut().finish_jobs();
    }
    harness.run();
}

/// Drags the mouse from `from` to `to` in small steps, as a hand would.
fn drag(harness: &mut Harness<'static, AppState>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for step in 1..=4 {
        harness.hover_at(from + (to - from) * (step as f32 / 4.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

/// Opens the reader on the draft and selects the first words of paragraph 1 by dragging.
fn select_in_paragraph_one(harness: &mut Harness<'static, AppState>) {
    select_in_paragraph_one_of(harness, "draft.md");
}

/// Opens the reader on a tab and selects the first words of its paragraph 1 by dragging.
fn select_in_paragraph_one_of(harness: &mut Harness<'static, AppState>, tab: &str) {
    harness.get_by_label(tab).click();
    harness.run();
    let rect = harness.get_by_label_contains("1. Специальная рабочая группа по цифровому сотрудничеству была учреждена").rect();
    drag(harness, rect.left_top() + vec2(2.0, 10.0), rect.left_top() + vec2(260.0, 10.0));
}

#[test]
fn the_samples_open_on_the_comparison_with_the_library_counts() {
    let h = harness(AppState::with_samples());
    let state = h.state();
    assert_eq!(state.docs.len(), 2);
    let session = session(state);
    let draft = gloss::ingest::read_path(&common::project_file("assets/samples/draft.md")).expect("draft");
    let rev1 = gloss::ingest::read_path(&common::project_file("assets/samples/draft-rev1.md")).expect("rev1");
    let library = gloss::compare::compare(&draft, &rev1);
    assert_eq!(session.alignment.as_ref().expect("aligned").summary, library.summary);
    for kind in RowKind::ALL {
        h.get_by_label(&format!("{} {}", kind.name(), library.summary.count(kind)));
    }
    h.get_by_label(&format!("renumbered {}", library.summary.renumbered));
}

#[test]
fn next_change_moves_to_the_next_changed_row() {
    let mut h = harness(AppState::with_samples());
    let changes: Vec<usize> = session(h.state())
        .alignment
        .as_ref()
        .expect("aligned")
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_change())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(session(h.state()).current, Some(changes[0]));
    h.key_press(Key::N);
    h.run();
    assert_eq!(session(h.state()).current, Some(changes[1]));
    h.get_by_label("Next change ▶").click();
    h.run();
    assert_eq!(session(h.state()).current, Some(changes[2]));
    h.key_press_modifiers(Modifiers::SHIFT, Key::F7);
    h.run();
    assert_eq!(session(h.state()).current, Some(changes[1]));
    h.get_by_label("Only changes").click();
    h.run();
    assert!(session(h.state()).only_changes);
    // Every step lands on the next change and scrolls it into view.
    let mut seen_moved = false;
    for _ in 0..changes.len() {
        h.key_press(Key::N);
        h.run();
        let session = session(h.state());
        let row = &session.alignment.as_ref().expect("aligned").rows[session.current.expect("a current row")];
        assert!(row.is_change());
        if row.kind == RowKind::Moved {
            h.get_by_label_contains("moved 14. → 20.");
            seen_moved = true;
        }
        if row.kind == RowKind::Split {
            h.get_by_label_contains("split 12. → 11. + 12.");
        }
    }
    assert!(seen_moved);
}

#[test]
fn selecting_a_passage_and_tagging_it_adds_an_annotation() {
    let mut h = harness(AppState::with_samples());
    select_in_paragraph_one(&mut h);
    let selection = doc(h.state(), 0).view.selection.expect("a passage is selected");
    assert_eq!(selection.start_char, 0);
    assert!(selection.end_char > 10);
    let text: Vec<char> = doc(h.state(), 0).document.blocks[selection.end_block].text.chars().collect();
    assert!(
        !gloss::text::is_word_char(text[selection.end_char - 1]) || !gloss::text::is_word_char(text[selection.end_char]),
        "the selection ends at a word boundary, not at {}",
        selection.end_char
    );
    h.get_by_label("1 support").click();
    h.run();
    let doc = doc(h.state(), 0);
    assert_eq!(doc.set().annotations.len(), 1);
    let annotation = &doc.set().annotations[0];
    assert_eq!(annotation.tags, vec!["support".to_string()]);
    assert_eq!(annotation.author, "Test delegation");
    assert!(annotation.anchor.quote.starts_with("Специальная"), "{}", annotation.anchor.quote);
    assert!(doc.dirty());
    h.get_by_label_contains("[support] Test delegation");
    assert!(!doc.annotations.highlights_in(doc.document.block_by_label("1").expect("1")).is_empty(), "the passage is highlighted");

    // Type a note and toggle a second tag in the editor.
    h.get_by_label("Note:").click();
    h.run();
    h.get_by_label("Note:").type_text("Can accept if «practical» stays.");
    h.run();
    h.get_by_label("concern").click();
    h.run();
    let annotation = &h.state().doc_at(0).expect("open").set().annotations[0];
    assert_eq!(annotation.note, "Can accept if «practical» stays.");
    assert_eq!(annotation.tags, vec!["support".to_string(), "concern".to_string()]);
}

#[test]
fn saving_writes_the_file_and_reopening_restores_the_highlight() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("draft.gloss.ron");
    let mut h = harness(AppState::with_samples());
    select_in_paragraph_one(&mut h);
    h.key_press(Key::Num3);
    h.run();
    assert_eq!(doc(h.state(), 0).set().annotations[0].tags, vec!["red line".to_string()]);
    let id = doc_id(h.state(), 0);
    h.state_mut().docs.get_mut(&id).expect("open").annotation_path = Some(path.clone());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let text = std::fs::read_to_string(&path).expect("the annotation file was written");
    assert!(text.contains("format: \"gloss-annotations\"") && text.contains("red line"));
    let quote = doc(h.state(), 0).set().annotations[0].anchor.quote.clone();
    assert!(text.contains(&quote));
    assert!(!doc(h.state(), 0).dirty());
    h.get_by_label_contains("Saved ");

    // A fresh window: open the file again.
    let mut h = harness(AppState::with_samples());
    let id = doc_id(h.state(), 0);
    h.state_mut().pending.push(Command::LoadAnnotations { doc: id, path: path.clone() });
    settle(&mut h);
    h.get_by_label("draft.md").click();
    h.run();
    let doc = doc(h.state(), 0);
    assert_eq!(doc.set().annotations.len(), 1);
    assert_eq!(doc.annotations.placements()[0].status, gloss::annotate::AnchorStatus::Exact);
    assert!(!doc.annotations.highlights_in(doc.document.block_by_label("1").expect("1")).is_empty(), "highlight restored");
    h.get_by_label_contains("Loaded 1 annotations");
}

#[test]
fn opening_annotations_over_unsaved_ones_asks_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.gloss.ron");
    let mut h = harness(AppState::with_samples());
    select_in_paragraph_one(&mut h);
    h.get_by_label("1 support").click();
    h.run();
    let saved = doc(h.state(), 0).set().clone();
    gloss::annotate::save(&path, &gloss::annotate::AnnotationSet::for_document(&doc(h.state(), 0).document)).expect("saved");
    let id = doc_id(h.state(), 0);
    h.state_mut().pending.push(Command::LoadAnnotations { doc: id, path });
    settle(&mut h);
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(doc(h.state(), 0).set(), &saved, "nothing replaced");
    assert!(h.state().dialog.is_none());
}

#[test]
fn the_tag_filter_filters_the_list() {
    let mut state = AppState::with_samples();
    let id = doc_id(&state, 0);
    let doc = state.docs.get_mut(&id).expect("open");
    let document = doc.document.clone();
    for (label, quote, tag) in [("3", "второй сессии", "support"), ("5", "Председатель", "concern")] {
        let block = document.block_by_label(label).expect("paragraph");
        let text = &document.blocks[block].text;
        let start = text[..text.find(quote).expect("quote")].chars().count();
        let anchor =
            gloss::annotate::Anchor::in_block(&document, block, gloss::store::CharRange::new(start, start + quote.chars().count()))
                .expect("anchor");
        doc.annotations.add(&document, gloss::annotate::Annotation::new("RU", anchor, vec![tag.into()], String::new()));
    }
    state.active = Some(Active::Reader(id));
    let mut h = harness(state);
    h.get_by_label("2 of 2 shown");
    h.get_by_label("Tag").click();
    h.run();
    h.get_by_label("concern").click();
    h.run();
    h.get_by_label("1 of 2 shown");
    assert_eq!(h.state().filter.tag.as_deref(), Some("concern"));
    assert!(h.query_by_label_contains("«Председатель").is_some());
    assert!(h.query_by_label_contains("«второй сессии").is_none());
    // The same filter can hide the other annotations' highlights in the text.
    h.get_by_label("Filter the highlights too").click();
    h.run();
    let d = h.state().doc_at(0).expect("open");
    assert!(d.view.filter_highlights);
    let hidden: Vec<&str> =
        d.set().annotations.iter().zip(&d.list.filtered_out).filter(|(_, out)| **out).map(|(a, _)| a.tags[0].as_str()).collect();
    assert_eq!(hidden, vec!["support"], "the support annotation is not highlighted");
}

#[test]
fn a_broken_annotation_file_shows_an_error_and_the_app_keeps_running() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.gloss.ron");
    std::fs::write(&path, "(format: \"gloss-annotations\", version: 1, document: (title: \"x\", content_hash: ").expect("write");
    let mut h = harness(AppState::with_samples());
    h.state_mut().pending.push(Command::OpenPaths(vec![path.clone()]));
    settle(&mut h);
    h.get_by_label_contains("malformed annotation file");
    // Still responsive: the next change still works and the message can be dismissed.
    h.key_press(Key::N);
    h.run();
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.query_by_label_contains("malformed annotation file").is_none());
}

#[test]
fn find_and_go_to_paragraph() {
    let mut state = AppState::with_samples();
    state.active = Some(Active::Reader(doc_id(&state, 1)));
    let mut h = harness(state);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find:").type_text("ЦИФРОВОГО");
    settle(&mut h);
    let find = &doc(h.state(), 1).view.find;
    assert!(find.hits.len() >= 3, "case-insensitive matches: {}", find.hits.len());
    h.key_press_modifiers(Modifiers::COMMAND, Key::G);
    h.run();
    h.get_by_label("Go to paragraph:").type_text("20");
    h.key_press(Key::Enter);
    h.run();
    h.run();
    h.get_by_label_contains("20. Одна делегация предложила создать при секретариате реестр независимых экспертов");
}

#[test]
fn a_word_file_offers_its_tracked_changes_as_a_comparison_and_its_comments_as_annotations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ocean-data.docx");
    std::fs::write(&path, common::word::fixture()).expect("fixture written");
    let mut state = AppState::default();
    state.settings.author = "Test delegation".into();
    state.open_now(path).expect("the Word file opens");
    let mut h = harness(state);
    h.get_by_label_contains("has tracked changes by Bureau");

    h.get_by_label("Import Word comments (1)").click();
    h.run();
    let doc = doc(h.state(), 0);
    assert_eq!(doc.set().annotations.len(), 1);
    assert_eq!(doc.set().annotations[0].anchor.quote, "open standards");
    assert_eq!(doc.set().annotations[0].author, "Delegate");
    assert!(doc.dirty() && !doc.annotations.highlights_in(2).is_empty(), "the comment is highlighted in its paragraph");

    h.get_by_label("Compare tracked changes").click();
    settle(&mut h);
    let state = h.state();
    let session = session(state);
    assert_eq!(state.docs.len(), 2, "the text before the changes is opened beside it");
    assert_eq!((&session.old, &session.new), (&doc_id(state, 1), &doc_id(state, 0)));
    let summary = &session.alignment.as_ref().expect("aligned").summary;
    assert_eq!(summary.deleted, 1, "the deleted paragraph is a deletion");
    assert!(summary.changed >= 1, "the reworded sub-paragraph is a change");
}

#[test]
fn several_comparisons_open_as_tabs_and_each_can_be_closed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rev2.md");
    let rev1 = std::fs::read_to_string(common::project_file("assets/samples/draft-rev1.md")).expect("rev1");
    std::fs::write(&path, rev1.replace("Специальная рабочая группа", "Рабочая группа открытого состава")).expect("rev2 written");
    let mut state = AppState::with_samples();
    state.settings.author = "Test delegation".into();
    state.open_now(path).expect("rev2 opens");
    let mut h = harness(state);
    h.get_by_label("Compare…").click();
    h.run();
    // The dialog offers the last pair compared; choose Rev.1 → Rev.2 instead.
    h.get_by_label("⇄ Swap").click();
    h.run();
    let offered = h.state().dialog.clone();
    assert_eq!(offered, Some(Dialog::ChooseCompare { old: Some(doc_id(h.state(), 1)), new: Some(doc_id(h.state(), 0)) }));
    h.get_by_label("New version").click();
    h.run();
    h.get_all_by_label("rev2.md").last().expect("rev2 in the list").click();
    h.run();
    h.get_by_label("Compare these").click();
    settle(&mut h);
    let state = h.state();
    assert_eq!(state.compares.len(), 2, "a second comparison opens beside the first");
    let second = &state.compares[1];
    assert_eq!((&second.old, &second.new), (&doc_id(state, 1), &doc_id(state, 2)));
    let summary = &second.alignment.as_ref().expect("aligned").summary;
    assert!(summary.changed >= 1 && summary.inserted == 0 && summary.deleted == 0, "{summary:?}");
    h.get_by_label("draft.md → draft-rev1.md"); // the first tab, named by its two versions
    // Comparing the same pair again reuses its tab; the dialog remembers the pair.
    h.get_by_label("Compare…").click();
    h.run();
    h.get_by_label("Compare these").click();
    settle(&mut h);
    assert_eq!(h.state().compares.len(), 2);
    // Close the second comparison with Ctrl+W (it is the one shown).
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    assert_eq!(h.state().compares.len(), 1);
    h.get_by_label("Compare…").click();
    h.run();
    h.get_by_label("Compare these").click();
    settle(&mut h);
    assert_eq!(h.state().compares.len(), 2);
    // Close the first comparison with its × button: the other stays.
    // Tabs: three documents, then the comparisons, each with its × button.
    h.get_all_by_label("×").nth(3).expect("a close button per tab").click();
    h.run();
    let state = h.state();
    assert_eq!(state.compares.len(), 1);
    assert_eq!(state.compares[0].new, doc_id(state, 2));
    assert_eq!(state.docs.len(), 3, "closing a comparison keeps its documents open");
}

#[test]
fn unsaved_annotations_in_the_autosave_are_offered_back_when_the_document_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("draft.md");
    std::fs::copy(common::project_file("assets/samples/draft.md"), &path).expect("copied");
    let document = gloss::ingest::read_path(&path).expect("reads");
    let autosave = gloss::annotate::Autosave::new(dir.path().join("autosave"));
    let mut set = gloss::annotate::AnnotationSet::for_document(&document);
    let block = document.block_by_label("3").expect("paragraph 3");
    let anchor = gloss::annotate::Anchor::for_quote(&document, block, "второй сессии").expect("quote");
    set.add(gloss::annotate::Annotation::new("RU", anchor, vec!["concern".into()], "unsaved".into()), &document);
    autosave.write(&set, &document).expect("autosaved");

    let mut state = AppState::default();
    state.settings.author = "Test delegation".into();
    state.autosave = Some(autosave);
    state.open_now(path).expect("opens");
    let mut h = harness(state);
    h.get_by_label_contains("that were not saved to a file");
    h.get_by_label("Restore").click();
    settle(&mut h);
    let doc = doc(h.state(), 0);
    assert_eq!(doc.set().annotations.len(), 1);
    assert_eq!(doc.set().annotations[0].note, "unsaved");
    assert!(doc.dirty(), "restored work is unsaved until saved to a file");
    assert!(doc.annotation_path.is_none());
}

#[test]
fn a_deleted_annotation_comes_back_with_ctrl_z_and_goes_again_with_ctrl_shift_z() {
    let mut h = harness(AppState::with_samples());
    select_in_paragraph_one(&mut h);
    h.get_by_label("1 support").click();
    h.run();
    let quote = doc(h.state(), 0).set().annotations[0].anchor.quote.clone();
    h.get_by_label("Delete annotation").click();
    h.run();
    assert!(doc(h.state(), 0).set().annotations.is_empty());
    h.get_by_label_contains("Ctrl+Z brings it back");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let restored = &doc(h.state(), 0).set().annotations;
    assert_eq!(restored.len(), 1);
    assert_eq!(restored[0].anchor.quote, quote);
    assert_eq!(restored[0].tags, vec!["support".to_string()]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(doc(h.state(), 0).set().annotations.is_empty(), "redo deletes it again");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(doc(h.state(), 0).set().annotations.is_empty(), "undoing the annotation itself removes it");
}

#[test]
fn the_reader_wraps_to_the_space_left_by_the_side_panels() {
    for (width, zoom) in [(1000.0, 1.0), (1000.0, 1.25), (1600.0, 1.0), (760.0, 1.0)] {
        let mut state = AppState::with_samples();
        state.settings.author = "Test delegation".into();
        state.active = Some(Active::Reader(doc_id(&state, 0)));
        let mut h = Harness::builder().with_size([width, 800.0]).with_pixels_per_point(1.0).build_ui_state(
            move |ui, state: &mut AppState| {
                ui.ctx().set_zoom_factor(zoom);
                app_ui(ui, state);
            },
            state,
        );
        h.run_steps(4);
        let text = h.get_by_label_contains("1. Специальная рабочая группа по цифровому сотрудничеству была учреждена").rect();
        if let Some(panel) = h.query_by_label("Annotations") {
            assert!(
                text.right() <= panel.rect().left() + 1.0,
                "at {width} px, zoom {zoom}: text ends at {} but the annotations panel starts at {}",
                text.right(),
                panel.rect().left()
            );
        }
        assert!(text.right() <= width / zoom + 1.0, "at {width} px, zoom {zoom}: text runs off the window");
        assert!(text.left() >= 0.0);
    }
}

#[test]
fn page_down_end_and_home_scroll_the_reader_and_the_comparison() {
    let mut state = AppState::with_samples();
    state.active = Some(Active::Reader(doc_id(&state, 0)));
    let mut h = harness(state);
    let first = "1. Специальная рабочая группа по цифровому сотрудничеству была учреждена";
    let top = h.get_by_label_contains(first).rect().top();
    h.key_press(Key::PageDown);
    h.run();
    let scrolled = doc(h.state(), 0).view.scroll.offset;
    assert!(scrolled > 300.0, "a page down moves most of a screen: {scrolled}");
    h.key_press(Key::End);
    h.run();
    h.run();
    assert!(h.query_by_label_contains(first).is_none_or(|n| n.rect().top() < top), "End leaves the top");
    let bottom = doc(h.state(), 0).view.scroll.offset;
    assert!(bottom > scrolled);
    h.key_press(Key::Home);
    h.run();
    assert_eq!(doc(h.state(), 0).view.scroll.offset, 0.0);
    h.key_press(Key::ArrowDown);
    h.run();
    assert!(doc(h.state(), 0).view.scroll.offset > 0.0);

    // The comparison scrolls the same way.
    let compare = session(h.state()).id;
    h.state_mut().active = Some(Active::Compare(compare));
    h.run();
    h.key_press(Key::PageDown);
    h.run();
    assert!(session(h.state()).scroll.offset > 300.0);
}

#[test]
fn go_to_starts_empty_and_enter_again_reaches_a_repeated_number() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("annexed.md");
    std::fs::write(&path, "1. Основной текст, пункт первый.\n\n2. Основной текст, пункт второй.\n\n# Приложение\n\n1. Пункт первый приложения.\n\n2. Пункт второй приложения.\n")
        .expect("written");
    let mut state = AppState::default();
    state.settings.author = "Test delegation".into();
    let id = state.open_now(path).expect("opens");
    let mut h = harness(state);
    for round in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::G);
        h.run();
        assert_eq!(doc(h.state(), 0).view.goto_text, "", "round {round}: the box starts empty");
        h.get_by_label("Go to paragraph:").type_text("2");
        h.key_press(Key::Enter);
        h.run();
        assert_eq!(h.state().docs[&id].view.goto_last.as_ref().map(|(_, b)| *b), Some(1));
        h.key_press(Key::Enter);
        h.run();
        let annex = h.state().docs[&id].view.goto_last.as_ref().map(|(_, b)| *b).expect("a second 2.");
        assert_eq!(h.state().docs[&id].document.blocks[annex].text, "Пункт второй приложения.");
    }
}

#[test]
fn a_merge_conflict_shows_both_versions_and_the_user_picks_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = AppState::with_samples();
    let id = doc_id(&state, 0);
    let document = state.docs[&id].document.clone();
    let block = document.block_by_label("3").expect("paragraph 3");
    let anchor = gloss::annotate::Anchor::for_quote(&document, block, "второй сессии").expect("quote");
    let base = gloss::annotate::Annotation::new("RU", anchor, vec!["concern".into()], "base".into());
    let version = |author: &str, note: &str| {
        let mut a = base.clone();
        a.author = author.into();
        a.note = note.into();
        a.touch();
        a
    };
    let mut theirs = gloss::annotate::AnnotationSet::for_document(&document);
    theirs.add(version("FR", "their wording"), &document);
    let theirs_path = dir.path().join("theirs.gloss.ron");
    gloss::annotate::save(&theirs_path, &theirs).expect("saved");
    let open = state.docs.get_mut(&id).expect("open");
    open.annotations.add(&document, version("RU", "our wording"));
    state.active = Some(Active::Reader(id.clone()));
    let mut h = harness(state);
    h.state_mut().pending.push(Command::MergeFrom { doc: id.clone(), path: theirs_path });
    settle(&mut h);
    h.get_by_label_contains("1 merge conflicts to review");
    h.get_by_label_contains("This version: [concern] «our wording»");
    h.get_by_label_contains("Other version: [concern] «their wording»");
    h.get_by_label("Keep the other").click();
    h.run();
    let set = doc(h.state(), 0).set();
    assert!(set.conflicts.is_empty());
    assert_eq!(set.annotations.len(), 1);
    assert_eq!(set.annotations[0].note, "their wording");
    assert_eq!(set.annotations[0].author, "FR", "a colleague's note stays theirs");
    assert!(h.query_by_label_contains("merge conflicts to review").is_none());
}

#[test]
fn without_a_system_dialog_the_first_save_goes_beside_the_document_through_glosss_own_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("draft.md");
    std::fs::copy(common::project_file("assets/samples/draft.md"), &path).expect("copied");
    let mut state = AppState::default();
    state.settings.author = "Test delegation".into();
    state.settings.in_app_file_dialog = true;
    let id = state.open_now(path).expect("opens");
    let mut h = harness_checked(state, false);
    select_in_paragraph_one_of(&mut h, "draft.md");
    h.get_by_label("1 support").click();
    h.run();
    // First save: no file yet, so the dialog opens in the document's folder with the sidecar name.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save").click();
    settle(&mut h);
    let sidecar = dir.path().join("draft.gloss.ron");
    assert!(sidecar.exists(), "saved as {} beside the document", sidecar.display());
    assert_eq!(h.state().docs[&id].annotation_path.as_deref(), Some(sidecar.as_path()));
    assert!(!h.state().docs[&id].dirty());
}

#[test]
fn closing_a_document_with_unsaved_annotations_asks_first() {
    let mut h = harness(AppState::with_samples());
    select_in_paragraph_one(&mut h);
    h.get_by_label("1 support").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    h.get_by_label_contains("The annotations on draft.md are not saved");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().docs.len(), 2, "cancel keeps it open");
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    h.get_by_label("Close without saving").click();
    h.run();
    let state = h.state();
    assert_eq!(state.docs.len(), 1);
    assert!(state.compares.is_empty(), "its comparison closes with it");
    assert_eq!(state.doc_at(0).map(OpenDocument::name).as_deref(), Some("draft-rev1.md"));
}

/// Presses and releases the primary button at a point, with modifiers.
fn click_at(h: &mut Harness<'static, AppState>, pos: Pos2, modifiers: Modifiers) {
    h.event_modifiers(egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed: true, modifiers }, modifiers);
    h.step();
    h.event_modifiers(egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed: false, modifiers }, modifiers);
    h.step();
}

#[test]
fn double_click_selects_a_word_triple_click_the_paragraph_and_shift_click_extends() {
    let mut state = AppState::with_samples();
    state.settings.author = "Test delegation".into();
    // Frames 20 ms apart, so clicks a few frames apart count as double and triple clicks.
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_step_dt(0.02)
        .build_ui_state(|ui, state: &mut AppState| app_ui(ui, state), state);
    h.run();
    h.get_by_label("draft.md").click();
    h.run();
    let label = "1. Специальная рабочая группа по цифровому сотрудничеству была учреждена";
    let rect = h.get_by_label_contains(label).rect();
    let block = doc(h.state(), 0).document.block_by_label("1").expect("1");
    let text = doc(h.state(), 0).document.blocks[block].text.clone();
    let at = rect.left_top() + vec2(40.0, 10.0);
    h.hover_at(at);
    // Let more than a double-click delay pass since the (simulated) start.
    h.run_steps(30);
    click_at(&mut h, at, Modifiers::NONE);
    click_at(&mut h, at, Modifiers::NONE);
    h.run();
    let word = doc(h.state(), 0).view.selection.expect("a word is selected");
    let chosen: String = text.chars().skip(word.start_char).take(word.end_char - word.start_char).collect();
    assert!(!chosen.is_empty() && chosen.chars().all(gloss::text::is_word_char), "a whole word: {chosen:?}");
    // Shift+click further on extends the selection to the end of that word.
    let far = rect.left_top() + vec2(300.0, 10.0);
    h.hover_at(far);
    h.run_steps(30);
    click_at(&mut h, far, Modifiers::SHIFT);
    h.run();
    let extended = doc(h.state(), 0).view.selection.expect("still selected");
    assert_eq!(extended.start_char, word.start_char);
    assert!(extended.end_char > word.end_char + 5, "{extended:?} extends {word:?}");
    let end: Vec<char> = text.chars().collect();
    assert!(!gloss::text::is_word_char(end[extended.end_char]), "shift+click ends on a word boundary");
    // A third click right after a double click selects the whole paragraph.
    h.hover_at(at);
    h.run_steps(30);
    click_at(&mut h, at, Modifiers::NONE);
    click_at(&mut h, at, Modifiers::NONE);
    click_at(&mut h, at, Modifiers::NONE);
    h.run();
    let paragraph = doc(h.state(), 0).view.selection.expect("the paragraph is selected");
    assert_eq!((paragraph.start_char, paragraph.end_char), (0, text.chars().count()));
}

#[test]
fn a_proposal_is_entered_in_the_annotation_editor_and_compiled() {
    use gloss::annotate::{Proposal, ProposalKind};
    let mut h = harness(AppState::with_samples());
    select_in_paragraph_one(&mut h);
    h.get_by_label("1 support").click();
    h.run();
    let proposal = |h: &Harness<'static, AppState>| h.state().doc_at(0).expect("open").set().annotations[0].proposal.clone();
    assert_eq!(proposal(&h), None);

    h.get_by_label("Replace").click();
    h.run();
    assert_eq!(proposal(&h), Some(Proposal::new(ProposalKind::Replace, "")));
    h.get_by_label("Proposed text:").click();
    h.run();
    h.get_by_label("Proposed text:").type_text("Рабочая группа открытого состава");
    h.run();
    // Leaving the field saves the text.
    h.get_by_label("concern").click();
    h.run();
    assert_eq!(proposal(&h), Some(Proposal::new(ProposalKind::Replace, "Рабочая группа открытого состава")));

    // The compilation from the File menu's command, written off the UI thread.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("compilation.html");
    let id = doc_id(h.state(), 0);
    h.state_mut().pending.push(Command::ExportCompilationTo { doc: id.clone(), path: path.clone() });
    settle(&mut h);
    let html = std::fs::read_to_string(&path).expect("the compilation was written");
    // The passage (from «Специальная» to wherever the drag ended) gives way to the proposed text.
    assert!(html.contains("<del>Специальная рабочая</del><ins>Рабочая</ins> группа") && html.contains("<ins>открытого состава"), "{html}");
    let docx = dir.path().join("annotated.docx");
    h.state_mut().pending.push(Command::ExportAnnotatedTo { doc: id, path: docx.clone() });
    settle(&mut h);
    let word = gloss::ingest::word_file_from_bytes("annotated.docx", &std::fs::read(&docx).expect("written")).expect("reads");
    assert!(word.comments[0].text.ends_with("Proposed: replace with: Рабочая группа открытого состава"), "{}", word.comments[0].text);

    // Choosing "No proposal" clears it.
    h.get_by_label("No proposal").click();
    h.run();
    assert_eq!(proposal(&h), None);
}

#[test]
fn the_comparison_exports_a_word_redline() {
    let mut h = harness(AppState::with_samples());
    h.get_by_label("Export Word redline…"); // offered in the compare view
    let compare = session(h.state()).id;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("redline.docx");
    h.state_mut().pending.push(Command::ExportWordRedlineTo { compare, path: path.clone() });
    settle(&mut h);
    let word = gloss::ingest::word_file_from_bytes("redline.docx", &std::fs::read(&path).expect("written")).expect("reads");
    assert_eq!(word.revision_authors, ["Gloss comparison"]);
    let rev1 = gloss::ingest::read_path(&common::project_file("assets/samples/draft-rev1.md")).expect("rev1");
    assert_eq!(word.document.blocks.len(), rev1.blocks.len(), "accepted, the redline is Rev.1");
    h.get_by_label_contains("Wrote the Word redline to");
}

#[test]
fn a_file_made_on_another_document_is_named_and_only_carried_when_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rev1.gloss.ron");
    let state = AppState::with_samples();
    let rev1 = doc(&state, 1).document.clone();
    let mut set = gloss::annotate::AnnotationSet::for_document(&rev1);
    let block = rev1.block_by_label("1").expect("1");
    let anchor = gloss::annotate::Anchor::for_quote(&rev1, block, "цифрового разрыва").expect("quote");
    set.add(gloss::annotate::Annotation::new("FR", anchor, vec!["support".into()], String::new()), &rev1);
    gloss::annotate::save(&path, &set).expect("saved");
    let before = std::fs::read(&path).expect("read");
    let mut h = harness(state);
    let draft = doc_id(h.state(), 0);
    for carry in [false, true] {
        h.state_mut().pending.push(Command::LoadAnnotations { doc: draft.clone(), path: path.clone() });
        settle(&mut h);
        h.get_by_label_contains("belongs to «");
        h.get_by_label_contains("(draft-rev1.md), not to draft.md");
        h.get_by_label(if carry { "Carry onto this document" } else { "Cancel" }).click();
        h.run();
        if !carry {
            assert!(doc(h.state(), 0).set().annotations.is_empty(), "cancel changes nothing");
        }
    }
    let d = doc(h.state(), 0);
    assert_eq!(d.set().annotations.len(), 1, "carried once, after the user agreed");
    assert_eq!(d.annotations.placements()[0].status, gloss::annotate::AnchorStatus::Exact);
    assert!(d.annotation_path.is_none(), "the colleague's file is not this document's file");
    assert!(d.dirty());
    assert_eq!(std::fs::read(&path).expect("read"), before, "the file is left as it was");
}

#[test]
fn the_author_is_asked_before_the_first_annotation_which_then_carries_the_name() {
    let mut h = harness(AppState::with_samples());
    h.state_mut().settings.author.clear();
    select_in_paragraph_one(&mut h);
    h.get_by_label("1 support").click();
    h.run();
    assert!(doc(h.state(), 0).set().annotations.is_empty(), "nothing is written before the name is known");
    h.get_by_label("Name or delegation:").type_text("Delegation of Ruritania");
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let annotations = &doc(h.state(), 0).set().annotations;
    assert_eq!(annotations.len(), 1, "the waiting annotation is made");
    assert_eq!(annotations[0].author, "Delegation of Ruritania");
    assert_eq!(annotations[0].tags, vec!["support".to_string()]);
    assert_eq!(h.state().settings.author, "Delegation of Ruritania");
}

#[test]
fn ctrl_plus_minus_and_zero_zoom_and_the_reader_reflows() {
    let mut state = AppState::with_samples();
    state.active = Some(Active::Reader(doc_id(&state, 0)));
    let mut h = harness(state);
    let label = "1. Специальная рабочая группа по цифровому сотрудничеству была учреждена";
    let before = h.get_by_label_contains(label).rect();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    h.run();
    assert!(h.ctx.zoom_factor() > 1.0, "Ctrl+= zooms in");
    let zoomed = h.get_by_label_contains(label).rect();
    assert!(zoomed.height() > before.height(), "the paragraph takes more lines: {zoomed:?} vs {before:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!(h.ctx.zoom_factor() < 1.0, "Ctrl+- zooms out");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.ctx.zoom_factor(), 1.0, "Ctrl+0 resets");
}

#[test]
fn the_outline_follows_the_reading_position() {
    let mut state = AppState::with_samples();
    state.active = Some(Active::Reader(doc_id(&state, 0)));
    let mut h = harness(state);
    h.run();
    let at_top = doc(h.state(), 0).view.outline_current;
    h.key_press(Key::End);
    h.run();
    h.run();
    let d = doc(h.state(), 0);
    let at_end = d.view.outline_current.expect("an entry is current");
    assert!(at_top.is_none_or(|top| at_end > top), "{at_top:?} → {at_end}");
    assert!(at_end > d.outline.len() / 2, "in the last part of the outline: {at_end} of {}", d.outline.len());
}

#[test]
fn help_lists_the_keyboard_shortcuts() {
    let mut h = harness(AppState::with_samples());
    h.get_by_label("Help").click();
    h.run();
    for (keys, action) in gloss::ui::SHORTCUTS {
        h.get_by_label(keys);
        h.get_by_label(action);
    }
}

/// The comparison view: labels and moves beside the text, context rows, track changes, annotations.
mod compare_view;
