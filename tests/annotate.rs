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
    assert!(text.starts_with("(\n    format: \"gloss-annotations\",\n    version: 2,"), "{text}");
    assert!(text.find("Рабочей группы").expect("quote") < text.find("национальными группами").expect("quote"), "document order");
    assert!(annotate::file::backup_path(&path).exists(), "previous version kept as .bak");
}

/// Runs the `gloss` binary.
fn gloss(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gloss")).args(args).output().expect("gloss runs")
}

#[test]
fn merge_keeps_both_conflicting_edits_and_reports_them() {
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
    theirs_edit.touch();
    theirs.tags.add("bracketed text", annotate::Colour([1, 2, 3]));

    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, out) = (dir.path().join("a.gloss.ron"), dir.path().join("b.gloss.ron"), dir.path().join("merged.gloss.ron"));
    annotate::save(&a, &ours).expect("save a");
    annotate::save(&b, &theirs).expect("save b");
    let mut merged = annotate::load(&a).expect("a");
    let report = annotate::merge(&mut merged, &annotate::load(&b).expect("b"));
    assert_eq!((report.added, report.conflicts, report.conflict_ids.clone()), (1, 1, vec![shared.clone()]));
    assert_eq!(merged.annotations.len(), 2);
    assert_eq!(merged.get(&shared).expect("kept").note, "theirs, later", "the later version in place");
    let others: Vec<&annotate::Conflict> = merged.conflicts_of(&shared).collect();
    assert!(matches!(others[..], [annotate::Conflict::Edited(other)] if other.note == "ours"), "ours kept for review: {others:?}");
    assert!(merged.tags.get("bracketed text").is_some(), "tags merged by name");
    annotate::save(&out, &merged).expect("merged saves");
    assert_eq!(annotate::load(&out).expect("loads"), merged, "conflicts survive saving until resolved");

    // The same through the command line.
    let output = gloss(&["annotations".as_ref(), "merge".as_ref(), a.as_os_str(), b.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("1 conflicts (both versions kept for review)") && stdout.contains(&format!("conflict {shared}")), "{stdout}");
}

#[test]
fn a_deletion_is_not_undone_by_merging_an_older_copy_and_merge_order_does_not_matter() {
    let doc = draft();
    let mut older = AnnotationSet::for_document(&doc);
    let doomed = annotate(&doc, &mut older, "4", "Третья сессия", "support");
    annotate(&doc, &mut older, "6", "представитель", "question");
    let mut ours = older.clone();
    ours.delete(&doomed, "Delegation A").expect("deleted");
    annotate(&doc, &mut ours, "2", "Рабочей группы", "question");
    let mut theirs = older.clone();
    annotate(&doc, &mut theirs, "13", "национальными группами реагирования", "concern");

    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b, older_path) = (dir.path().join("a.gloss.ron"), dir.path().join("b.gloss.ron"), dir.path().join("old.gloss.ron"));
    annotate::save(&a, &ours).expect("save");
    annotate::save(&b, &theirs).expect("save");
    annotate::save(&older_path, &older).expect("save");
    let (ab, ba) = (dir.path().join("ab.gloss.ron"), dir.path().join("ba.gloss.ron"));
    for (x, y, out) in [(&a, &b, &ab), (&b, &a, &ba)] {
        let output = gloss(&["annotations".as_ref(), "merge".as_ref(), x.as_os_str(), y.as_os_str(), "-o".as_ref(), out.as_os_str()]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(std::fs::read(&ab).expect("read"), std::fs::read(&ba).expect("read"), "A+B and B+A give the same bytes");
    let merged = annotate::load(&ab).expect("loads");
    assert!(merged.get(&doomed).is_none(), "the deleted annotation stays deleted");
    assert_eq!(merged.annotations.len(), 3, "one kept, one added on each side");
    assert_eq!(merged.deletion(&doomed).map(|t| t.author.as_str()), Some("Delegation A"));

    let mut again = merged.clone();
    let report = annotate::merge(&mut again, &annotate::load(&older_path).expect("loads"));
    assert_eq!((report.kept_deleted, report.added, report.conflicts), (1, 0, 0));
    assert_eq!(annotate::to_ron(&again).expect("ron"), annotate::to_ron(&merged).expect("ron"), "nothing comes back");
}

#[test]
fn version_1_files_still_load() {
    let (_, set) = one_annotation();
    let v1 = annotate::to_ron(&set).expect("ron").replacen("version: 2", "version: 1", 1);
    let loaded = parse(v1.as_bytes()).expect("a version 1 file loads");
    assert_eq!(loaded.annotations, set.annotations);
    assert!(loaded.tombstones.is_empty() && loaded.conflicts.is_empty());
}

#[test]
fn saving_writes_one_order_whatever_the_order_in_memory() {
    let doc = draft();
    let mut set = AnnotationSet::for_document(&doc);
    annotate(&doc, &mut set, "10", "Рабочая группа", "support");
    annotate(&doc, &mut set, "2", "Рабочей группы", "question");
    annotate(&doc, &mut set, "22", "Рабочая группа", "concern");
    annotate(&doc, &mut set, "13", "национальными группами реагирования", "support");
    let in_document_order = annotate::to_ron(&set).expect("ron");
    set.annotations.reverse();
    assert_eq!(annotate::to_ron(&set).expect("ron"), in_document_order);
    set.sort_canonical();
    assert_eq!(annotate::to_ron(&set).expect("ron"), in_document_order);
    let blocks: Vec<String> =
        parse(in_document_order.as_bytes()).expect("parses").annotations.iter().map(|a| a.anchor.block_id.0.clone()).collect();
    let mut expected = blocks.clone();
    expected.sort_by_key(|id| annotate::order::BlockKey::of(id));
    assert_eq!(blocks, expected, "blocks in canonical order");
    assert!(annotate::order::BlockKey::of("II.A.2") < annotate::order::BlockKey::of("II.A.10"));
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
    // Statuses say what the user sees: words changed earlier in paragraph 17 (now 15) shift the
    // passage but it is still in its paragraph, in place: exact.
    assert_eq!(status(&shifted), AnchorStatus::Exact);
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
    // Paragraph 14 moved to 20: its passage is intact but it moved.
    assert_eq!((status(&moved), label(&moved)), (AnchorStatus::Moved, "20.".to_string()));
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
    let newer = good.replacen("version: 2", "version: 3", 1);
    let err = parse(newer.as_bytes()).unwrap_err();
    assert!(matches!(err, AnnotationFileError::NewerVersion { found: 3, .. }) && err.to_string().contains("newer"), "{err}");
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

#[test]
fn values_no_gloss_writes_are_refused_with_the_annotation_named() {
    let (_, set) = one_annotation();
    let good = annotate::to_ron(&set).expect("ron");
    let id = &set.annotations[0].id;
    for (from, to, expected) in [
        ("block_count: 1", "block_count: 0", "0 blocks"),
        ("block_count: 1", "block_count: 3", "3 blocks but its quote has 1 part"),
        ("block_count: 1", "block_count: 18446744073709551615", "blocks but its quote"),
    ] {
        let bad = good.replacen(from, to, 1);
        match parse(bad.as_bytes()) {
            Err(err @ AnnotationFileError::Invalid { .. }) => {
                let message = err.to_string();
                assert!(message.contains(id.as_str()) && message.contains(expected), "{message}");
            }
            other => panic!("{to}: expected an invalid-value error, got {other:?}"),
        }
    }
    let range = &set.annotations[0].anchor.char_range;
    let reversed = good.replacen(&format!("start: {}", range.start), &format!("start: {}", range.end + 5), 1);
    assert!(matches!(parse(reversed.as_bytes()), Err(AnnotationFileError::Invalid { .. })));
    let negative = good.replacen(&format!("start: {}", range.start), "start: -1", 1);
    assert!(matches!(parse(negative.as_bytes()), Err(AnnotationFileError::Syntax { .. })));
}

/// The umask of this process, from `/proc` (Linux); `None` elsewhere.
#[cfg(unix)]
fn umask() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Umask:"))?;
    u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
}

#[cfg(unix)]
#[test]
fn saved_files_and_their_backups_are_readable_by_colleagues() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    let (_, set) = one_annotation();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.gloss.ron");
    annotate::save(&path, &set).expect("saved");
    annotate::save(&path, &set).expect("saved again");
    let expected = 0o666 & !umask().unwrap_or(0o022);
    assert_eq!((mode(&path), mode(&annotate::file::backup_path(&path))), (expected, expected));
    if umask() == Some(0o022) {
        assert_eq!(mode(&path), 0o644);
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    annotate::save(&path, &set).expect("saved over a private file");
    assert_eq!(mode(&path), 0o600, "a file made private stays private");
}

/// The draft, its revision and their alignment, computed once for the property tests.
fn pair() -> &'static (Document, Document, gloss::compare::Alignment) {
    static PAIR: std::sync::OnceLock<(Document, Document, gloss::compare::Alignment)> = std::sync::OnceLock::new();
    PAIR.get_or_init(|| {
        let (old, new) = (draft(), rev1());
        let alignment = gloss::compare::compare(&old, &new);
        (old, new, alignment)
    })
}

/// Numbers a hostile or damaged file may hold, as RON text.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("0".to_string()),
        6 => Just("1".to_string()),
        1 => Just("-1".to_string()),
        3 => Just("18446744073709551615".to_string()),
        1 => Just("18446744073709551616".to_string()),
        3 => Just("9223372036854775807".to_string()),
        1 => Just("-9223372036854775808".to_string()),
        2 => Just("4294967295".to_string()),
        12 => (0u64..400).prop_map(|n| n.to_string()),
    ]
}

/// Quotes and contexts: empty, real text of the draft, text with line breaks, odd characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Третья сессия".to_string()),
        Just("Рабочей группы".to_string()),
        Just("\n".to_string()),
        Just("Рабочая группа\nнациональными\n".to_string()),
        "[a-zа-я ,.\n]{0,40}",
        Just("ё́\u{200d}👍🏽".to_string()),
    ]
}

/// Ranges: in order (possibly past the end), huge, or any two numbers (possibly reversed).
fn range() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        4 => (0u64..400, 0u64..400).prop_map(|(a, b)| (a.min(b).to_string(), a.max(b).to_string())),
        2 => (number(), number()),
        1 => Just(("18446744073709551615".to_string(), "18446744073709551615".to_string())),
        1 => Just(("9223372036854775807".to_string(), "18446744073709551615".to_string())),
        1 => (0u64..400).prop_map(|a| (a.to_string(), "18446744073709551615".to_string())),
    ]
}

/// Block counts: mostly 1 (the only count most quotes allow), and the extremes.
fn block_count() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => Just("1".to_string()),
        2 => Just("2".to_string()),
        1 => Just("3".to_string()),
        1 => Just("0".to_string()),
        1 => Just("18446744073709551615".to_string()),
        1 => Just("-1".to_string()),
    ]
}

fn block_id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("I.2".to_string()),
        Just("II.A.4".to_string()),
        Just("IV.22.b.ii".to_string()),
        Just("fn1".to_string()),
        "[A-Z0-9.]{0,6}"
    ]
}

prop_compose! {
    fn hostile_annotation()(
        (start, end) in range(), blocks in block_count(), quote in text(), prefix in text(), suffix in text(),
        block in block_id(), label in prop_oneof![Just("4."), Just(""), Just("22.")],
        status in prop_oneof![Just("exact"), Just("moved"), Just("changed"), Just("orphaned")], n in 0u32..1000,
    ) -> String {
        format!(
            "(id: \"01J{n:023}\", author: \"X\", created: \"2026-01-01T00:00:00Z\", modified: \"2026-01-01T00:00:00Z\", \
             tags: [\"support\"], anchor: (content_hash: \"h\", block_id: {block:?}, label: {label:?}, \
             char_range: (start: {start}, end: {end}), block_count: {blocks}, quote: {quote:?}, prefix: {prefix:?}, \
             suffix: {suffix:?}), status: {status})"
        )
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Huge and negative-looking numbers, empty quotes, ranges past the end or reversed, block
    /// counts of 0 and `usize::MAX`: a clear error or annotations that place (or orphan) without
    /// a panic, here in debug mode where overflow panics.
    #[test]
    fn hostile_values_give_an_error_or_an_orphan_never_a_panic(annotations in proptest::collection::vec(hostile_annotation(), 1..4)) {
        let text = format!(
            "(format: \"gloss-annotations\", version: 2, document: (title: \"t\", content_hash: \"h\", source_file: \"d.md\"), \
             annotations: [{}])",
            annotations.join(", ")
        );
        let Ok(set) = parse(text.as_bytes()) else { return Ok(()) };
        let (old, new, alignment) = pair();
        for document in [old, new] {
            for placement in annotate::place_all(&set, document).into_iter().chain(annotate::carried_placements(&set, document)) {
                prop_assert!(placement.fits(document), "{placement:?}");
                if let Some(first) = placement.block {
                    // What the reader does with a placement: the blocks it covers.
                    let last = first + placement.block_count - 1;
                    prop_assert!(last < document.blocks.len());
                }
            }
        }
        let (carried, _) = annotate::carry_set(&set, old, new, alignment);
        for placement in annotate::carried_placements(&carried, new) {
            prop_assert!(placement.fits(new), "{placement:?}");
        }
        let rows = gloss::export::table::position_rows(&set, old, &annotate::place_all(&set, old));
        prop_assert_eq!(rows.len(), set.annotations.len());
        let mut merged = set.clone();
        annotate::merge(&mut merged, &set);
        prop_assert!(annotate::to_ron(&merged).is_ok());
    }
}
