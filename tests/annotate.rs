//! Annotations through real files: save, load, merge, carry onto a revision, hostile input.

mod common;

use gloss::annotate::{self, Anchor, AnchorStatus, Annotation, AnnotationFileError, AnnotationSet, Limits};
use gloss::ingest::read_path;
use gloss::store::{CharRange, Document};
use proptest::prelude::*;
use std::path::Path;

fn draft() -> Document {
    read_path(&common::project_file("assets/samples/draft.md")).expect("sample")
}

fn rev1() -> Document {
    read_path(&common::project_file("assets/samples/draft-rev1.md")).expect("sample")
}

/// An annotation on the first occurrence of `quote` in paragraph `label`.
fn annotate(doc: &Document, set: &mut AnnotationSet, label: &str, quote: &str, tag: &str) -> String {
    let block = doc.block_by_label(label).unwrap_or_else(|| panic!("paragraph {label}"));
    let text = &doc.blocks[block].text;
    let byte = text.find(quote).unwrap_or_else(|| panic!("{quote:?} in {label}"));
    let start = text[..byte].chars().count();
    let anchor = Anchor::in_block(doc, block, CharRange::new(start, start + quote.chars().count())).expect("anchor");
    set.add(Annotation::new("Delegation A", anchor, vec![tag.to_string()], format!("note on {label}")), doc)
}

/// The draft with one annotation on paragraph 3.
fn one_annotation() -> (Document, AnnotationSet) {
    let doc = draft();
    let mut set = AnnotationSet::for_document(&doc);
    annotate(&doc, &mut set, "3", "второй сессии", "support");
    (doc, set)
}

#[test]
fn save_load_round_trip_is_byte_stable() {
    let doc = draft();
    let mut set = AnnotationSet::for_document(&doc);
    annotate(&doc, &mut set, "13", "национальными группами реагирования", "support");
    annotate(&doc, &mut set, "2", "Рабочей группы", "question");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("draft.gloss.ron");
    annotate::save(&path, &set).expect("saved");
    let first = std::fs::read(&path).expect("read");
    let loaded = annotate::load(&path).expect("loads");
    assert_eq!(loaded, set);
    annotate::save(&path, &loaded).expect("saved again");
    assert_eq!(std::fs::read(&path).expect("read"), first, "saving the same set twice gives the same bytes");
    let text = String::from_utf8(first).expect("utf-8");
    assert!(text.starts_with("(\n    format: \"gloss-annotations\",\n    version: 1,"), "{text}");
    assert!(text.find("Рабочей группы").expect("quote") < text.find("национальными группами").expect("quote"), "document order");
    assert!(annotate::file::backup_path(&path).exists(), "previous version kept as .bak");
}

#[test]
fn merge_reports_conflicts_and_keeps_the_later_edit() {
    let doc = draft();
    let mut ours = AnnotationSet::for_document(&doc);
    let shared = annotate(&doc, &mut ours, "4", "Третья сессия", "support");
    let mut theirs = ours.clone();
    annotate(&doc, &mut theirs, "6", "представитель", "concern");
    let mine = ours.get_mut(&shared).expect("shared");
    mine.note = "ours".into();
    mine.touch();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let theirs_edit = theirs.get_mut(&shared).expect("shared");
    theirs_edit.note = "theirs, later".into();
    theirs_edit.author = "Delegation B".into();
    theirs_edit.touch();
    theirs.tags.add("bracketed text", annotate::Colour([1, 2, 3]));

    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, out) = (dir.path().join("a.gloss.ron"), dir.path().join("b.gloss.ron"), dir.path().join("merged.gloss.ron"));
    annotate::save(&a, &ours).expect("save a");
    annotate::save(&b, &theirs).expect("save b");
    let mut merged = annotate::load(&a).expect("a");
    let report = annotate::merge(&mut merged, &annotate::load(&b).expect("b"));
    assert_eq!((report.added, report.conflicts), (1, 1));
    assert_eq!(merged.annotations.len(), 2);
    let kept = merged.get(&shared).expect("kept");
    assert_eq!((kept.note.as_str(), kept.author.as_str()), ("theirs, later", "Delegation B"));
    assert!(merged.tags.get("bracketed text").is_some(), "tags merged by name");
    annotate::save(&out, &merged).expect("merged saves");

    // The same through the command line.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["annotations", "merge"])
        .arg(&a)
        .arg(&b)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1 conflicts (the later edit was kept)"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn carrying_onto_rev1_reports_each_case_and_loses_nothing() {
    let (old, new) = (draft(), rev1());
    let mut set = AnnotationSet::for_document(&old);
    let unchanged = annotate(&old, &mut set, "1", "сокращению цифрового разрыва", "support");
    let renumbered = annotate(&old, &mut set, "9", "гражданского общества", "support");
    let shifted = annotate(&old, &mut set, "17", "доклад секретариата", "agreed language");
    let reworded = annotate(&old, &mut set, "13", "Рабочая группа рассмотрела возможность", "propose amendment");
    let deleted = annotate(&old, &mut set, "15", "искусственного интеллекта выходят за рамки мандата", "red line");
    let common_word = annotate(&old, &mut set, "15", "Рабочей группы", "concern");
    let split = annotate(&old, &mut set, "12", "целенаправленных инвестиций", "question");
    let merged = annotate(&old, &mut set, "8", "региональные комиссии", "support");
    let moved = annotate(&old, &mut set, "14", "реестр независимых экспертов", "concern");

    let alignment = gloss::compare::compare(&old, &new);
    let (carried, report) = annotate::carry_set(&set, &old, &new, &alignment);
    assert_eq!(carried.annotations.len(), set.annotations.len(), "no annotation lost");
    let status = |id: &str| carried.get(id).expect("kept").status;
    let label = |id: &str| {
        let a = carried.get(id).expect("kept");
        new.blocks[new.block_index(&a.anchor.block_id).expect("placed")].label.clone()
    };
    assert_eq!(status(&unchanged), AnchorStatus::Exact);
    assert_eq!(status(&renumbered), AnchorStatus::Exact);
    assert_eq!(label(&renumbered), "8.");
    assert_eq!(status(&shifted), AnchorStatus::Moved);
    assert_eq!(label(&shifted), "15.");
    assert_eq!(status(&reworded), AnchorStatus::Changed);
    let changed = carried.get(&reworded).expect("kept");
    assert_eq!(changed.anchor.quote, "Рабочая группа в надлежащих случаях рассмотрела возможность");
    assert_eq!(changed.previous_quote.as_deref(), Some("Рабочая группа рассмотрела возможность"));
    assert_eq!(status(&deleted), AnchorStatus::Orphaned);
    assert_eq!(status(&common_word), AnchorStatus::Orphaned, "a common phrase whose paragraph is gone is not re-attached elsewhere");
    assert_eq!(carried.get(&common_word).expect("kept").anchor.quote, "Рабочей группы", "orphans keep their anchor");
    assert_eq!((status(&split), label(&split)), (AnchorStatus::Moved, "12.".to_string()));
    assert_eq!((status(&merged), label(&merged)), (AnchorStatus::Moved, "7.".to_string()));
    assert_eq!((status(&moved), label(&moved)), (AnchorStatus::Exact, "20.".to_string()));
    assert_eq!((report.exact, report.moved, report.changed, report.orphaned), (3, 3, 1, 2));
    for a in carried.annotations.iter().filter(|a| a.status != AnchorStatus::Orphaned) {
        let block = new.block_index(&a.anchor.block_id).expect("placed block exists");
        assert_eq!(new.blocks[block].slice(a.anchor.char_range), a.anchor.quote, "the anchor points at its quote");
    }
    // Round trip through a file keeps statuses and the old quote.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rev1.gloss.ron");
    annotate::save(&path, &carried).expect("saves");
    assert_eq!(annotate::load(&path).expect("loads"), carried);
}

#[test]
fn loading_places_annotations_and_keeps_orphans() {
    let (old, new) = (draft(), rev1());
    let mut set = AnnotationSet::for_document(&old);
    annotate(&old, &mut set, "1", "сокращению цифрового разрыва", "support");
    annotate(&old, &mut set, "15", "искусственного интеллекта выходят за рамки мандата", "red line");
    let on_old: Vec<AnchorStatus> = annotate::place_all(&set, &old).iter().map(|p| p.status).collect();
    assert_eq!(on_old, vec![AnchorStatus::Exact, AnchorStatus::Exact]);
    let on_new: Vec<AnchorStatus> = annotate::place_all(&set, &new).iter().map(|p| p.status).collect();
    assert_eq!(on_new, vec![AnchorStatus::Exact, AnchorStatus::Orphaned]);
}

#[test]
fn a_failing_save_leaves_the_old_file_intact() {
    let (doc, mut set) = one_annotation();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("draft.gloss.ron");
    annotate::save(&path, &set).expect("first save");
    let before = std::fs::read(&path).expect("read");
    annotate(&doc, &mut set, "4", "Третья сессия", "concern");

    // An injected write error (a full disk).
    let err = annotate::file::save_with_writer(&path, &set, |_, _| Err(std::io::Error::other("disk full"))).unwrap_err();
    assert!(matches!(err, AnnotationFileError::Io { .. }) && err.to_string().contains("disk full"), "{err}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
    // The backup step failing (the .bak name is taken by a folder).
    std::fs::remove_file(annotate::file::backup_path(&path)).ok();
    std::fs::create_dir(annotate::file::backup_path(&path)).expect("folder");
    assert!(annotate::save(&path, &set).is_err());
    assert_eq!(std::fs::read(&path).expect("read"), before);
    // A folder that does not exist.
    assert!(annotate::save(&dir.path().join("missing/x.gloss.ron"), &set).is_err());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files cleaned up");
}

fn parse(text: &[u8]) -> Result<AnnotationSet, AnnotationFileError> {
    annotate::parse(Path::new("x.gloss.ron"), text, Limits::default())
}

#[test]
fn malformed_and_hostile_files_give_their_documented_errors() {
    let (_, set) = one_annotation();
    let good = annotate::to_ron(&set).expect("serialises");

    let broken = good.replacen("tags: [", "tags: [[", 1);
    match parse(broken.as_bytes()) {
        Err(AnnotationFileError::Syntax { line, column, .. }) => assert!(line > 1 && column > 0),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let truncated = &good[..good.len() / 2];
    assert!(matches!(parse(truncated.as_bytes()), Err(AnnotationFileError::Syntax { .. })));
    let newer = good.replacen("version: 1", "version: 2", 1);
    let err = parse(newer.as_bytes()).unwrap_err();
    assert!(matches!(err, AnnotationFileError::NewerVersion { found: 2, .. }) && err.to_string().contains("newer"), "{err}");
    for foreign in ["(name: \"settings\", width: 3)", "[1, 2, 3]", "(format: \"other-tool\", version: 1)", "42"] {
        assert!(matches!(parse(foreign.as_bytes()), Err(AnnotationFileError::NotAnnotationFile { .. })), "{foreign}");
    }
    assert!(matches!(parse(b"\xff\xfe(\x00"), Err(AnnotationFileError::NotText { .. })));
    assert!(matches!(parse(b""), Err(AnnotationFileError::Empty { .. })));
    assert!(matches!(parse(b"  \n"), Err(AnnotationFileError::Empty { .. })));
    let deep = format!("(format: \"gloss-annotations\", version: 1, x: {}{})", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(parse(deep.as_bytes()), Err(AnnotationFileError::Limit { .. } | AnnotationFileError::Syntax { .. })));
    let limits = Limits { max_annotations: 0, ..Limits::default() };
    assert!(matches!(annotate::parse(Path::new("x"), good.as_bytes(), limits), Err(AnnotationFileError::Limit { .. })));
    let limits = Limits { max_string_chars: 5, ..Limits::default() };
    assert!(matches!(annotate::parse(Path::new("x"), good.as_bytes(), limits), Err(AnnotationFileError::Limit { .. })));
    let limits = Limits { max_bytes: 10, ..Limits::default() };
    assert!(matches!(annotate::parse(Path::new("x"), good.as_bytes(), limits), Err(AnnotationFileError::TooLarge { .. })));
    assert!(parse(good.as_bytes()).is_ok());
}

#[test]
fn loading_never_writes() {
    let (_, set) = one_annotation();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("a.gloss.ron");
    std::fs::write(&path, annotate::to_ron(&set).expect("ron")).expect("write");
    let listing = || std::fs::read_dir(dir.path()).expect("list").filter_map(Result::ok).map(|e| e.file_name()).collect::<Vec<_>>();
    let before = (listing(), std::fs::metadata(&path).expect("meta").modified().expect("mtime"));
    annotate::load(&path).expect("loads");
    assert_eq!(before, (listing(), std::fs::metadata(&path).expect("meta").modified().expect("mtime")));
}

fn path_str(path: &Path) -> String {
    path.to_str().expect("test paths are UTF-8").to_string()
}

#[test]
fn command_line_add_list_carry_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("draft.gloss.ron");
    let draft_path = common::project_file("assets/samples/draft.md");
    let rev1_path = common::project_file("assets/samples/draft-rev1.md");
    let gloss = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_gloss")).args(args).output().expect("gloss runs");
    let (file_arg, draft_arg, rev1_arg) = (path_str(&file), path_str(&draft_path), path_str(&rev1_path));
    let doc = draft();
    let block = doc.block_by_label("13").expect("13").to_string();
    let add = gloss(&[
        "annotations",
        "add",
        &draft_arg,
        "--block",
        &block,
        "--quote",
        "Рабочая группа рассмотрела возможность",
        "--tag",
        "propose amendment",
        "--note",
        "add \"in appropriate cases\"",
        "--author",
        "RU",
        "-o",
        &file_arg,
    ]);
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let wrong =
        gloss(&["annotations", "add", &draft_arg, "--block", &block, "--quote", "нет такого текста", "--tag", "x", "-o", &file_arg]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("does not contain the quote"));

    let list = gloss(&["annotations", "list", &file_arg, "--doc", &draft_arg, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    let first = &json["annotations"][0];
    assert_eq!(first["block"].as_u64(), Some(block.parse().expect("index")));
    assert_eq!((first["label"].as_str(), first["status"].as_str(), first["author"].as_str()), (Some("13."), Some("exact"), Some("RU")));
    assert_eq!(first["tags"][0], "propose amendment");
    assert!(first["id"].is_string() && first["quote"].is_string() && first["note"].is_string());

    let carried = dir.path().join("rev1.gloss.ron");
    let carried_arg = path_str(&carried);
    let carry = gloss(&["annotations", "carry", &draft_arg, &rev1_arg, &file_arg, "-o", &carried_arg, "--json"]);
    assert!(carry.status.success(), "{}", String::from_utf8_lossy(&carry.stderr));
    let json: serde_json::Value = serde_json::from_slice(&carry.stdout).expect("JSON");
    let first = &json["annotations"][0];
    assert_eq!(first["status"], "changed");
    let new = rev1();
    assert_eq!(new.blocks[first["block"].as_u64().expect("block") as usize].label, "13.");
    assert!(carried.exists());

    let csv = gloss(&["annotations", "export", &carried_arg, "--doc", &rev1_arg, "--csv"]);
    let csv = String::from_utf8(csv.stdout).expect("utf-8");
    assert!(csv.starts_with("\u{feff}paragraph,quote,tags,note,author,status\r\n"));
    assert!(csv.contains("\"add \"\"in appropriate cases\"\"\""), "quotes doubled: {csv}");
    let md = gloss(&["annotations", "export", &carried_arg, "--doc", &rev1_arg, "--md"]);
    let md = String::from_utf8(md.stdout).expect("utf-8");
    assert!(md.contains("| 13. | Рабочая группа в надлежащих случаях рассмотрела возможность |"), "{md}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn parsing_mutated_files_never_panics(cut in 0usize..2000, insert in "[()\\[\\],:\"a-z0-9 ]{0,12}") {
        let (_, set) = one_annotation();
        let mut text = annotate::to_ron(&set).expect("ron");
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &insert);
        let _ = parse(text.as_bytes());
    }
}
