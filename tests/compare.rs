//! The comparison engine on real files: the samples, edit scripts applied to them, the seeds.

mod common;

use gloss::compare::{Alignment, RowKind, compare};
use gloss::ingest::{IngestOptions, document_from_bytes, read_path};
use gloss::store::Document;

fn read(name: &str) -> Document {
    read_path(&common::project_file(name)).expect("sample reads")
}

fn from_text(name: &str, text: &str) -> Document {
    document_from_bytes(name, text.as_bytes(), IngestOptions::default()).expect("text reads")
}

/// Every block of both versions appears in exactly one row.
fn assert_complete(old: &Document, new: &Document, alignment: &Alignment) {
    let mut seen_old = vec![0; old.blocks.len()];
    let mut seen_new = vec![0; new.blocks.len()];
    for row in &alignment.rows {
        row.old.iter().for_each(|&i| seen_old[i] += 1);
        row.new.iter().for_each(|&j| seen_new[j] += 1);
        assert!((0.0..=1.0).contains(&row.similarity));
    }
    assert!(seen_old.iter().all(|&n| n == 1), "every old block once");
    assert!(seen_new.iter().all(|&n| n == 1), "every new block once");
}

/// Non-equal rows as (kind, old labels, new labels).
fn changes(old: &Document, new: &Document, alignment: &Alignment) -> Vec<(RowKind, Vec<String>, Vec<String>)> {
    let labels = |doc: &Document, idx: &[usize]| idx.iter().map(|&i| doc.blocks[i].label.clone()).collect::<Vec<_>>();
    alignment.rows.iter().filter(|r| r.is_change()).map(|r| (r.kind, labels(old, &r.old), labels(new, &r.new))).collect()
}

fn s(labels: &[&str]) -> Vec<String> {
    labels.iter().map(std::string::ToString::to_string).collect()
}

#[test]
fn sample_draft_against_rev1_shows_exactly_the_written_revisions() {
    let old = read("assets/samples/draft.md");
    let new = read("assets/samples/draft-rev1.md");
    let alignment = compare(&old, &new);
    assert_complete(&old, &new, &alignment);
    assert_eq!(
        changes(&old, &new, &alignment),
        vec![
            (RowKind::Changed, s(&[""]), s(&[""])),            // title: Пересмотренный
            (RowKind::Merged, s(&["7.", "8."]), s(&["7."])),   // R6
            (RowKind::Split, s(&["12."]), s(&["11.", "12."])), // R5
            (RowKind::Changed, s(&["13."]), s(&["13."])),      // R1
            (RowKind::Deleted, s(&["15."]), s(&[])),           // R2
            (RowKind::Changed, s(&["17."]), s(&["15."])),      // R1
            (RowKind::Inserted, s(&[]), s(&["18."])),          // R3
            (RowKind::Moved, s(&["14."]), s(&["20."])),        // R4
            (RowKind::Inserted, s(&[]), s(&["b)"])),           // R7
            (RowKind::Changed, s(&["24."]), s(&["24."])),      // R1
        ]
    );
    let summary = &alignment.summary;
    assert_eq!((summary.changed, summary.moved, summary.inserted, summary.deleted, summary.split, summary.merged), (4, 1, 2, 1, 1, 1));
    // Renumbered rows: old 9–11 → 8–10, 16 → 14, 17 → 15, 18–20 → 16–19 … and the shifted letters.
    assert!(alignment.rows.iter().any(|r| r.kind == RowKind::Equal && r.renumbered));
    assert!(summary.renumbered >= 10, "{summary:?}");
    insta::assert_snapshot!("sample_draft_rev1_listing", gloss::export::listing::compare_listing(&old, &new, &alignment));
}

/// Blank-line-separated chunks of a Markdown sample.
fn chunks(text: &str) -> Vec<String> {
    text.split("\n\n").map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect()
}

/// Renumbers `N. ` paragraphs consecutively from `first`.
fn renumber(chunks: &[String], first: u32) -> String {
    let mut n = first;
    let mut out = Vec::new();
    for chunk in chunks {
        match gloss::ingest::parse_label(chunk).and_then(|l| l.number().map(|_| l)) {
            Some(label) if !chunk.starts_with('#') => {
                out.push(format!("{n}. {}", &chunk[label.byte_len..]));
                n += 1;
            }
            _ => out.push(chunk.clone()),
        }
    }
    out.join("\n\n") + "\n"
}

fn paragraph_index(chunks: &[String], number: u32) -> usize {
    chunks.iter().position(|c| c.starts_with(&format!("{number}. "))).expect("paragraph present")
}

#[test]
fn edit_script_gives_the_exact_alignment() {
    let base = chunks(&std::fs::read_to_string(common::project_file("assets/samples/draft.md")).expect("sample"));
    let mut edited = base.clone();
    // Reword 3, delete 5, split 13 at its first sentence, merge 18 + 19, move 20 after 24, insert a new one after 21.
    let p3 = paragraph_index(&edited, 3);
    edited[p3] = edited[p3].replacen("Рабочая группа", "Специальная рабочая группа", 1);
    let p20 = paragraph_index(&edited, 20);
    let moved = edited.remove(p20);
    let p24 = paragraph_index(&edited, 24);
    edited.insert(p24 + 1, moved);
    let p21 = paragraph_index(&edited, 21);
    edited.insert(
        p21 + 1,
        "99. Новый пункт о проведении внеочередной сессии по вопросам искусственного интеллекта в 2027 году по просьбе ряда делегаций."
            .to_string(),
    );
    let p18 = paragraph_index(&edited, 18);
    let p19 = paragraph_index(&edited, 19);
    let second = edited.remove(p19);
    let second_text = second.split_once(". ").expect("label").1.to_string();
    edited[p18] = format!("{} {}", edited[p18], second_text);
    let p13 = paragraph_index(&edited, 13);
    let text = edited[p13].clone();
    let body_start = text.find(". ").expect("label") + 2;
    let cut = body_start + text[body_start..].find(". ").map(|i| i + 1).expect("a sentence end");
    let (head, tail) = text.split_at(cut);
    edited[p13] = head.to_string();
    edited.insert(p13 + 1, format!("99. {}", tail.trim()));
    let p5 = paragraph_index(&edited, 5);
    edited.remove(p5);

    let old = from_text("old.md", &renumber(&base, 1));
    let new = from_text("new.md", &renumber(&edited, 1));
    let alignment = compare(&old, &new);
    assert_complete(&old, &new, &alignment);
    let got: Vec<(RowKind, Vec<String>)> = changes(&old, &new, &alignment).into_iter().map(|(k, o, _)| (k, o)).collect();
    assert_eq!(
        got,
        vec![
            (RowKind::Changed, s(&["3."])),
            (RowKind::Deleted, s(&["5."])),
            (RowKind::Split, s(&["13."])),
            (RowKind::Merged, s(&["18.", "19."])),
            (RowKind::Inserted, s(&[])),
            (RowKind::Moved, s(&["20."])),
        ]
    );
    let reworded = alignment.rows.iter().find(|r| r.kind == RowKind::Changed).expect("changed row");
    let diff = reworded.diff.as_ref().expect("inline diff");
    let inserted: Vec<&str> = diff
        .new_spans(0)
        .iter()
        .filter(|s| s.tag == gloss::compare::SpanTag::Insert)
        .map(|s| new.blocks[reworded.new[0]].slice(s.char_range))
        .collect();
    assert_eq!(inserted, vec!["Специальная рабочая"]);
    assert_eq!(alignment.summary.words_inserted, 2 + 17, "two reworded words plus the inserted paragraph");
}

#[test]
fn renumbering_alone_is_not_a_text_change() {
    let base = chunks(&std::fs::read_to_string(common::project_file("assets/samples/draft.md")).expect("sample"));
    let old = from_text("old.md", &renumber(&base, 1));
    let new = from_text("new.md", &renumber(&base, 5));
    let alignment = compare(&old, &new);
    assert_eq!(alignment.summary.changes(), 0);
    assert_eq!(alignment.summary.renumbered, 25);
    assert_eq!((alignment.summary.words_inserted, alignment.summary.words_deleted), (0, 0));
    let listing = gloss::export::listing::compare_listing(&old, &new, &alignment);
    assert!(listing.contains("[equal] 1. → 5."), "{listing}");
}

#[test]
fn pdf_rendering_of_the_draft_compares_equal_to_the_markdown() {
    let markdown = read("assets/samples/draft.md");
    let pdf = read("tests/fixtures/draft-pdf.txt");
    let alignment = compare(&markdown, &pdf);
    assert_complete(&markdown, &pdf, &alignment);
    // The title block differs by form (Markdown joins "Третья сессия" and the date into one
    // paragraph, PDF text keeps two lines); from the first heading on, everything is equal.
    let section_one = |d: &Document| d.blocks.iter().position(|b| b.label == "I.").expect("section I");
    let (old_body, new_body) = (section_one(&markdown), section_one(&pdf));
    let body_changes: Vec<_> = alignment
        .rows
        .iter()
        .filter(|r| r.is_change() && (r.old.iter().any(|&i| i >= old_body) || r.new.iter().any(|&j| j >= new_body)))
        .collect();
    assert!(body_changes.is_empty(), "{}", gloss::export::listing::compare_listing(&markdown, &pdf, &alignment));
    assert!(alignment.summary.changes() <= 3);
}

#[test]
fn seeds_compare_equal_to_themselves_and_to_a_rewrapped_rendering() {
    let Some(dir) = common::seeds_dir() else { return };
    for prefix in ["000", "001", "002", "003", "004"] {
        let doc = read_path(&common::seed(&dir, prefix)).expect("seed reads");
        let itself = compare(&doc, &doc);
        assert_eq!(itself.summary.changes(), 0);
        assert_eq!(itself.summary.equal, doc.blocks.len());
        for width in [62, 97] {
            // Re-wrapped in the seed's own form: PDF text re-hyphenated and re-paginated, Markdown re-wrapped.
            let rendered = match doc.form {
                gloss::store::SourceForm::Markdown => common::render_markdown(&doc, width),
                _ => common::render_pdf_like(&doc, width),
            };
            let rewrapped =
                document_from_bytes("rewrapped.txt", rendered.as_bytes(), IngestOptions { form: Some(doc.form), ..Default::default() })
                    .expect("rendering reads");
            let alignment = compare(&doc, &rewrapped);
            assert_complete(&doc, &rewrapped, &alignment);
            assert_eq!(
                alignment.summary.changes(),
                0,
                "seed {prefix} at width {width}:\n{}",
                gloss::export::listing::compare_listing(&doc, &rewrapped, &alignment)
            );
        }
    }
}

#[test]
fn real_revision_pairs_align_every_block_once() {
    let Some(dir) = std::env::var_os("GLOSS_REAL_PAIRS_DIR").map(std::path::PathBuf::from).filter(|d| d.is_dir()) else {
        assert!(std::env::var_os("CI").is_none(), "CI provides GLOSS_REAL_PAIRS_DIR");
        return;
    };
    let mut pairs = 0;
    for entry in std::fs::read_dir(dir).expect("readable").filter_map(Result::ok).filter(|e| e.path().is_dir()) {
        let old = read_path(&entry.path().join("old.md")).expect("old reads");
        let new = read_path(&entry.path().join("new.md")).expect("new reads");
        let alignment = compare(&old, &new);
        assert_complete(&old, &new, &alignment);
        assert!(alignment.summary.equal > 0 && alignment.summary.changes() > 0, "{:?}", entry.path());
        pairs += 1;
    }
    assert_eq!(pairs, 6);
}

#[test]
fn html_report_escapes_document_text() {
    let old = from_text(
        "old.txt",
        "1. Первый пункт без изменений, достаточно длинный для сравнения.\n2. Текст <script>alert('x')</script> & «кавычки».\n",
    );
    let new = from_text(
        "new.txt",
        "1. Первый пункт без изменений, достаточно длинный для сравнения.\n2. Текст <script>alert('y')</script> & «кавычки».\n",
    );
    let html = gloss::export::html::redline(&old, &new, &compare(&old, &new));
    assert!(!html.contains("<script>"), "no live script tag");
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("<del>") && html.contains("<ins>"));
    assert!(html.contains("&amp;"));
}

#[test]
fn compare_command_prints_the_json_contract_and_writes_html() {
    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("redline.html");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("compare")
        .arg(common::project_file("assets/samples/draft.md"))
        .arg(common::project_file("assets/samples/draft-rev1.md"))
        .arg("--json")
        .arg("--html")
        .arg(&html)
        .output()
        .expect("gloss runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let old = json["old"].as_array().expect("old blocks");
    let new = json["new"].as_array().expect("new blocks");
    let pairs = json["pairs"].as_array().expect("pairs");
    let split: Vec<&serde_json::Value> = pairs.iter().filter(|p| p["kind"] == "split").collect();
    assert_eq!(split.len(), 2, "one pair per new block of a split");
    assert_eq!(split[0]["old"], split[1]["old"]);
    let merged: Vec<&serde_json::Value> = pairs.iter().filter(|p| p["kind"] == "merged").collect();
    assert_eq!(merged.len(), 2, "one pair per old block of a merge");
    assert_eq!(merged[0]["new"], merged[1]["new"]);
    for pair in pairs {
        assert!(pair["old"].is_null() || pair["old"].as_u64().expect("index") < old.len() as u64);
        assert!(pair["new"].is_null() || pair["new"].as_u64().expect("index") < new.len() as u64);
        let similarity = pair["similarity"].as_f64().expect("similarity");
        assert!((0.0..=1.0).contains(&similarity));
        assert!(pair["ops"].is_array());
    }
    let summary = &json["summary"];
    for key in [
        "equal",
        "changed",
        "moved",
        "inserted",
        "deleted",
        "split",
        "merged",
        "renumbered",
        "words_inserted",
        "words_deleted",
        "footnote_words_inserted",
        "footnote_words_deleted",
    ] {
        assert!(summary[key].is_u64(), "summary.{key}");
    }
    let reworded = pairs
        .iter()
        .find(|p| p["ops"].as_array().is_some_and(|ops| ops.iter().any(|o| o["text"] == "в надлежащих случаях")))
        .expect("R1 insertion present");
    assert_eq!(reworded["kind"], "changed");
    let report = std::fs::read_to_string(&html).expect("HTML written");
    assert!(report.contains("<ins>в надлежащих случаях</ins>"));
}

/// The lineage key follows a paragraph through renumbering and rewording.
#[test]
fn lineage_is_handed_on_through_renumbering() {
    let old = gloss::ingest::document_from_bytes(
        "old.md",
        "1. Первый пункт о мире и безопасности.\n\n2. Второй пункт о праве на развитие.\n".as_bytes(),
        Default::default(),
    )
    .expect("old");
    let mut new = gloss::ingest::document_from_bytes(
        "new.md",
        "1. Новый пункт о молодёжи.\n\n2. Первый пункт о мире и международной безопасности.\n\n3. Второй пункт о праве на развитие.\n"
            .as_bytes(),
        Default::default(),
    )
    .expect("new");
    assert_ne!(old.blocks[0].lineage, new.blocks[1].lineage);
    let alignment = gloss::compare::compare(&old, &new);
    alignment.hand_on_lineage(&old, &mut new);
    assert_eq!(new.blocks[1].lineage, old.blocks[0].lineage);
    assert_eq!(new.blocks[2].lineage, old.blocks[1].lineage);
    assert!(old.blocks.iter().all(|b| b.lineage != new.blocks[0].lineage));
}

/// The HTML redline prints in black and white, keeps footnote markers, names no local folder and
/// takes its language from the document.
#[test]
fn the_html_redline_prints_and_keeps_footnote_markers() {
    let old = read("assets/samples/draft.md");
    let new = read("assets/samples/draft-rev1.md");
    let html = gloss::export::html::redline(&old, &new, &compare(&old, &new));
    assert!(html.contains("<html lang=\"ru\">"));
    assert!(html.contains("ins{") && html.contains("text-decoration:underline"), "insertions underlined");
    assert!(html.contains("text-decoration:line-through"), "deletions struck through");
    assert!(html.contains("@page{size:A4") && html.contains("break-inside:avoid"));
    let markers: usize = new.blocks.iter().map(|b| b.footnote_refs.len()).sum();
    assert!(markers > 0, "the sample has footnotes");
    assert!(html.matches("<sup class=\"fn\">").count() >= markers, "every marker of the new side is kept");
    let folder = common::project_file("assets").display().to_string();
    assert!(!html.contains(&folder), "no absolute local path");
    assert!(html.contains(&format!("<title>{} → {}</title>", old.title, new.title)));
}

/// A comparison large enough to be split over two threads attaches each row's word diff to that
/// row: every piece lies inside its own row's texts, equal pieces read the same on both sides,
/// and the changed words are the ones edited.
#[test]
fn word_diffs_stay_with_their_rows_on_large_comparisons() {
    let words = ["государства", "развитие", "доклад", "совещание", "эксперты", "программа", "торговля", "цифровой"];
    let paragraph = |k: usize, edited: bool| {
        let body: Vec<&str> = (0..18).map(|w| words[(k * 7 + w * 3) % words.len()]).collect();
        let marker = if edited { format!("изменено{k}") } else { format!("пункт{k}") };
        format!("{}. {} {} {}.\n\n", k + 1, body[..9].join(" "), marker, body[9..].join(" "))
    };
    let (mut old_text, mut new_text) = (String::new(), String::new());
    for k in 0..400 {
        old_text.push_str(&paragraph(k, false));
        // Two paragraphs in three edited: enough changed rows for their diffs to be split too.
        new_text.push_str(&paragraph(k, k % 3 != 0));
    }
    let (old, new) = (from_text("old.md", &old_text), from_text("new.md", &new_text));
    assert_eq!((old.blocks.len(), new.blocks.len()), (400, 400));
    let alignment = compare(&old, &new);
    assert_complete(&old, &new, &alignment);
    assert_eq!(alignment.summary.changed, 266, "{:?}", alignment.summary);
    for row in alignment.rows.iter().filter(|r| r.kind == RowKind::Changed) {
        let (o, n) = (&old.blocks[row.old[0]].text, &new.blocks[row.new[0]].text);
        let diff = row.diff.as_ref().expect("changed rows carry a diff");
        let slice = |text: &str, r: gloss::text::CharRange| text.chars().skip(r.start).take(r.end - r.start).collect::<String>();
        for piece in &diff.pieces {
            if let Some(r) = piece.old {
                assert!(r.end <= o.chars().count());
            }
            if let Some(r) = piece.new {
                assert!(r.end <= n.chars().count());
            }
            if let (gloss::compare::SpanTag::Equal, Some(a), Some(b)) = (piece.tag, piece.old, piece.new) {
                assert_eq!(slice(o, a), slice(n, b));
            }
        }
        let deleted: Vec<String> =
            diff.pieces.iter().filter(|p| p.tag == gloss::compare::SpanTag::Delete).filter_map(|p| p.old.map(|r| slice(o, r))).collect();
        let k = row.old[0];
        assert_eq!(deleted, [format!("пункт{k}")], "row of paragraph {}", k + 1);
    }
}
