//! The comparison on edits people make: rewording in place, moves (and the false moves of short
//! headings), list items re-ordered, split and merged, and the differences a user may ignore.

use gloss::compare::{Alignment, CompareOptions, Normalization, RowKind, compare, compare_with};
use gloss::ingest::{IngestOptions, document_from_bytes};
use gloss::store::{Document, SourceForm};

fn doc(name: &str, text: &str) -> Document {
    let options = IngestOptions { form: Some(SourceForm::Plain), ..IngestOptions::default() };
    document_from_bytes(name, text.as_bytes(), options).expect("document")
}

/// Rows as (kind, old texts' first words, new texts' first words), for readable assertions.
fn rows(old: &Document, new: &Document, alignment: &Alignment) -> Vec<(RowKind, Vec<String>, Vec<String>)> {
    let first = |d: &Document, i: &usize| d.blocks[*i].text.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    alignment
        .rows
        .iter()
        .map(|r| (r.kind, r.old.iter().map(|i| first(old, i)).collect(), r.new.iter().map(|j| first(new, j)).collect()))
        .collect()
}

fn kinds(alignment: &Alignment) -> Vec<RowKind> {
    alignment.rows.iter().map(|r| r.kind).collect()
}

const PROSE: [&str; 6] = [
    "Alpha members agreed that the secretariat should prepare a detailed report on capacity building before the next session.",
    "Bravo delegations stressed the importance of transparency in the funding of technical assistance programmes.",
    "Charlie participants welcomed the proposal to hold regional consultations with civil society and academia.",
    "Delta the working group recommended that states share best practices on the protection of critical infrastructure.",
    "Echo several delegations called for a standing mechanism to review the implementation of agreed norms.",
    "Foxtrot the chair noted that consensus had been reached on most of the elements of the outcome document.",
];

#[test]
fn a_paragraph_reworded_in_its_slot_is_changed_not_deleted_and_inserted() {
    let old = doc("old", &PROSE.join("\n"));
    let mut edited = PROSE.to_vec();
    // Little word overlap left, but it stands between the same anchored neighbours.
    edited[2] = "Charlie participants looked forward to consultations in every region, open to civil society and universities.";
    let new = doc("new", &edited.join("\n"));
    let alignment = compare(&old, &new);
    assert_eq!(
        kinds(&alignment),
        vec![RowKind::Equal, RowKind::Equal, RowKind::Changed, RowKind::Equal, RowKind::Equal, RowKind::Equal],
        "{:?}",
        rows(&old, &new, &alignment)
    );
}

#[test]
fn a_heading_whose_label_stayed_and_words_changed_is_one_changed_row() {
    let old = doc("old", &format!("I. Introductory part\n{}\nII. Scope\n{}", PROSE[0], PROSE[1]));
    let new = doc("new", &format!("I. Introduction\n{}\nII. Scope\n{}", PROSE[0], PROSE[1]));
    let alignment = compare(&old, &new);
    assert_eq!(
        kinds(&alignment),
        vec![RowKind::Changed, RowKind::Equal, RowKind::Equal, RowKind::Equal],
        "{:?}",
        rows(&old, &new, &alignment)
    );
}

#[test]
fn renumbered_paragraphs_stay_equal_and_a_glued_list_marker_is_not_text() {
    let old = doc("old", &format!("1. {}\n2. {}\n- {}", PROSE[0], PROSE[1], PROSE[2]));
    let new = doc("new", &format!("3. {}\n4. {}\n-{}", PROSE[0], PROSE[1], PROSE[2]));
    let alignment = compare(&old, &new);
    assert_eq!(kinds(&alignment), vec![RowKind::Equal; 3], "{:?}", rows(&old, &new, &alignment));
    assert_eq!(alignment.summary.renumbered, 2);
}

#[test]
fn a_paragraph_moved_and_edited_is_a_move_and_the_rest_stays_in_place() {
    let old = doc("old", &PROSE.join("\n"));
    let moved = PROSE[1].replace("stressed", "underlined");
    let new = doc("new", &[PROSE[0], PROSE[2], PROSE[3], PROSE[4], &moved, PROSE[5]].join("\n"));
    let alignment = compare(&old, &new);
    let moves: Vec<_> = alignment.rows.iter().filter(|r| r.kind == RowKind::Moved).collect();
    assert_eq!(moves.len(), 1, "{:?}", rows(&old, &new, &alignment));
    assert_eq!((moves[0].old.as_slice(), moves[0].new.as_slice()), (&[1][..], &[4][..]));
    assert!(moves[0].diff.as_ref().is_some_and(|d| !d.is_unchanged()), "the edit inside the move is shown");
    assert_eq!(alignment.summary.equal, 5);
}

#[test]
fn short_headings_are_not_paired_across_the_document() {
    let old = doc("old", &format!("Firefox Lockwise\n{}\n{}\n{}", PROSE[0], PROSE[1], PROSE[2]));
    let new = doc("new", &format!("{}\n{}\n{}\nFirefox Relay", PROSE[0], PROSE[1], PROSE[2]));
    let alignment = compare(&old, &new);
    assert_eq!(alignment.summary.moved, 0, "{:?}", rows(&old, &new, &alignment));
    assert_eq!((alignment.summary.deleted, alignment.summary.inserted), (1, 1));
}

#[test]
fn items_reordered_inside_a_list_are_reported_as_moves_of_those_items() {
    let items = [
        "a) the protection of critical infrastructure against attacks by criminal groups;",
        "b) the exchange of information on threats between national response teams;",
        "c) the training of officials in the application of international law;",
        "d) the development of common terminology for the purposes of cooperation;",
        "e) the involvement of the private sector in the assessment of risks;",
    ];
    let old = doc("old", &items.join("\n"));
    let new = doc("new", &[items[0], items[3], items[1], items[2], items[4]].join("\n"));
    let alignment = compare(&old, &new);
    let moved: Vec<&Vec<usize>> = alignment.rows.iter().filter(|r| r.kind == RowKind::Moved).map(|r| &r.old).collect();
    assert_eq!(moved, vec![&vec![3]], "{:?}", rows(&old, &new, &alignment));
}

#[test]
fn a_five_way_split_and_a_three_to_one_merge_of_list_items_are_found() {
    let parts = [
        "States should designate national points of contact for incidents.",
        "They should share information on vulnerabilities in a timely manner.",
        "They should protect the integrity of the supply chain of products.",
        "They should refrain from attacks on emergency response teams.",
        "They should cooperate in the investigation of cross-border crime.",
    ];
    let old = doc("old", &format!("{}\n{}\n{}", PROSE[0], parts.join(" "), PROSE[5]));
    let new = doc("new", &format!("{}\n{}\n{}", PROSE[0], parts.join("\n"), PROSE[5]));
    let alignment = compare(&old, &new);
    let split: Vec<_> = alignment.rows.iter().filter(|r| r.kind == RowKind::Split).collect();
    assert_eq!(split.len(), 1, "{:?}", rows(&old, &new, &alignment));
    assert_eq!(split[0].new, vec![1, 2, 3, 4, 5]);

    let merged = doc("merged", &format!("{}\n{}\n{}", PROSE[0], parts[..3].join(" "), PROSE[5]));
    let listed = doc("listed", &format!("{}\n{}\n{}", PROSE[0], parts[..3].join("\n"), PROSE[5]));
    let alignment = compare(&listed, &merged);
    let merge: Vec<_> = alignment.rows.iter().filter(|r| r.kind == RowKind::Merged).collect();
    assert_eq!(merge.len(), 1, "{:?}", rows(&listed, &merged, &alignment));
    assert_eq!(merge[0].old, vec![1, 2, 3]);
}

#[test]
fn a_heading_run_into_its_paragraph_as_a_lead_in_is_a_merge() {
    let md = |name: &str, text: &str| {
        let options = IngestOptions { form: Some(SourceForm::Markdown), ..IngestOptions::default() };
        document_from_bytes(name, text.as_bytes(), options).expect("document")
    };
    let old = md(
        "old.md",
        &format!(
            "{}\n\n#### Learn more, including how to adjust your data settings\n\nData processed on your device stays under your control. You can manage browsing data and local storage.\n\n{}\n",
            PROSE[0], PROSE[5]
        ),
    );
    let new = md(
        "new.md",
        &format!(
            "{}\n\n*Learn more, including how to change your data settings:* Data processed on your device stays under your control. You can manage browsing data and local storage.\n\n{}\n",
            PROSE[0], PROSE[5]
        ),
    );
    let alignment = compare(&old, &new);
    assert_eq!(kinds(&alignment), [RowKind::Equal, RowKind::Merged, RowKind::Equal], "{:?}", rows(&old, &new, &alignment));
    assert_eq!(old.blocks[1].kind, gloss::store::BlockKind::Heading);
}

#[test]
fn a_strong_match_beside_its_slot_beats_weak_links_along_the_slots() {
    // Old: X1, X2 between anchors; new: Y, X1' (X1 reworded a little). Pairing along the slots
    // (X1-Y, X2-X1') would link two weakly similar pairs; X1-X1' is the edit.
    let x1 = "Members agreed that the secretariat should prepare a detailed report on regional consultations before the next session.";
    let x1_new = "Members agreed that the secretariat should prepare a short report on regional consultations before the next session.";
    let x2 = "The chair noted that the members had agreed on most elements of the outcome document by consensus.";
    let y = "Several delegations noted that the funding of technical assistance had been uneven in the last session of the members.";
    let old = doc("old", &[PROSE[0], x1, x2, PROSE[5]].join("\n"));
    let new = doc("new", &[PROSE[0], y, x1_new, PROSE[5]].join("\n"));
    let alignment = compare(&old, &new);
    let changed: Vec<(Vec<usize>, Vec<usize>)> =
        alignment.rows.iter().filter(|r| r.kind == RowKind::Changed).map(|r| (r.old.clone(), r.new.clone())).collect();
    assert_eq!(changed, [(vec![1], vec![2])], "{:?}", rows(&old, &new, &alignment));
}

#[test]
fn a_reworded_heading_pairs_with_a_short_paragraph_that_was_its_question() {
    let md = |name: &str, text: &str| {
        let options = IngestOptions { form: Some(SourceForm::Markdown), ..IngestOptions::default() };
        document_from_bytes(name, text.as_bytes(), options).expect("document")
    };
    let old = md("old.md", &format!("{}\n\n¿Cómo se comparten sus datos?\n\n{}\n", PROSE[0], PROSE[5]));
    let new = md("new.md", &format!("{}\n\n### Cómo compartimos sus datos personales\n\n{}\n", PROSE[0], PROSE[5]));
    assert_ne!(old.blocks[1].kind, new.blocks[1].kind);
    let alignment = compare(&old, &new);
    assert_eq!(kinds(&alignment), [RowKind::Equal, RowKind::Changed, RowKind::Equal], "{:?}", rows(&old, &new, &alignment));
    // A long paragraph never pairs with a heading.
    let long = md("long.md", &format!("{}\n\n{}\n\n{}\n", PROSE[0], PROSE[2], PROSE[5]));
    let heading = md("heading.md", &format!("{}\n\n### Charlie participants welcomed the proposal\n\n{}\n", PROSE[0], PROSE[5]));
    let kinds_long = kinds(&compare(&long, &heading));
    assert!(!kinds_long.contains(&RowKind::Changed) && !kinds_long.contains(&RowKind::Moved), "{kinds_long:?}");
}

#[test]
fn options_ignore_case_punctuation_quotes_and_diacritics_only_when_asked() {
    let old = doc("old", "Le «Pacte» est adopté, sans vote.\nكتب الطالب الدرس");
    let new = doc("new", "le \"pacte\" est adopte sans vote\nكُتب الطالب الدرس");
    let default = compare(&old, &new);
    assert_eq!(kinds(&default), vec![RowKind::Changed, RowKind::Changed], "diacritic-only edits are shown by default");
    let ignore_all = Normalization {
        ignore_case: true,
        ignore_punctuation: true,
        ignore_quotes: true,
        ignore_diacritics: true,
        ..Normalization::default()
    };
    let relaxed = compare_with(&old, &new, CompareOptions { normalization: ignore_all, ..CompareOptions::default() });
    assert_eq!(kinds(&relaxed), vec![RowKind::Equal, RowKind::Equal]);
    let only_case = Normalization { ignore_case: true, ..Normalization::default() };
    let partly = compare_with(&old, &new, CompareOptions { normalization: only_case, ..CompareOptions::default() });
    let first = partly.rows[0].diff.as_ref().expect("diff");
    let changed_words: Vec<&str> = first
        .pieces
        .iter()
        .filter(|p| p.tag != gloss::compare::SpanTag::Equal)
        .filter_map(|p| p.new.map(|r| gloss::text::char_slice(&new.blocks[0].text, r)))
        .collect();
    assert!(!changed_words.iter().any(|w| w.contains("pacte") && !w.contains('"')), "case alone is no change: {changed_words:?}");
}
