//! Word files written by Gloss: redlines with tracked changes, annotated documents with
//! comments, compilations of proposals; read back by Gloss's own Word reader and (when
//! LibreOffice is installed) by LibreOffice, accepting and rejecting every change.

mod common;

use gloss::compare::Alignment;
use gloss::export::docx::{RedlineOptions, redline};
use gloss::ingest::word_file_from_bytes;
use gloss::store::{BlockKind, Document, SourceForm};
use std::path::PathBuf;

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
    let referenced: Vec<String> = doc.blocks.iter().flat_map(|b| b.footnote_refs.iter().map(gloss::store::FootnoteRef::label)).collect();
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
6. Member States are invited to share metadata. They are further invited to report gaps in observations, in particular:\n\n\
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
}

#[test]
fn sample_redline_reads_back_as_both_versions() {
    let (old, new) = (read("assets/samples/draft.md"), read("assets/samples/draft-rev1.md"));
    let (_, bytes) = redline_of(&old, &new);
    assert_reads_back(&old, &new, &bytes);
    let word = word_file_from_bytes("redline.docx", &bytes).expect("reads");
    assert_eq!(word.revision_authors, ["Gloss comparison"]);
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
}

/// A document with no blocks at all.
fn empty(name: &str) -> Document {
    Document::new(String::new(), name.to_string(), "UTF-8".to_string(), SourceForm::Plain, Vec::new())
}

/// The draft as a PDF, and Rev.1 as a Word file (written by Gloss, read back by Gloss).
fn pdf_against_docx() -> (Document, Document) {
    let pdf = read("tests/fixtures/pdf/draft.pdf");
    let rev1 = read("assets/samples/draft-rev1.md");
    let set = gloss::annotate::AnnotationSet::for_document(&rev1);
    let bytes = gloss::export::docx::annotated(&rev1, &set, &[]).expect("written");
    let docx = word_file_from_bytes("draft-rev1.docx", &bytes).expect("reads").document;
    (pdf, docx)
}

#[test]
fn a_pdf_against_a_word_file_reads_back_as_both_versions() {
    let (old, new) = pdf_against_docx();
    assert_eq!(old.form, SourceForm::Pdf);
    assert_eq!(new.form, SourceForm::Docx);
    let (alignment, bytes) = redline_of(&old, &new);
    assert!(alignment.summary.changes() > 0);
    assert_reads_back(&old, &new, &bytes);
}

#[test]
fn no_changes_and_empty_documents_give_valid_files() {
    let draft = read("assets/samples/draft.md");
    let (alignment, bytes) = redline_of(&draft, &draft);
    assert_eq!(alignment.summary.changes(), 0);
    common::ooxml::check_package(&bytes);
    let word = word_file_from_bytes("same.docx", &bytes).expect("reads");
    assert!(word.before.is_none(), "no tracked changes when nothing changed");
    assert_eq!(word.document.blocks.len(), draft.blocks.len());

    for (old, new) in [(empty("a"), empty("b")), (empty("a"), draft.clone()), (draft.clone(), empty("b"))] {
        let (_, bytes) = redline_of(&old, &new);
        common::ooxml::check_package(&bytes);
        let parts = common::ooxml::parts(&bytes);
        assert!(parts["word/document.xml"].contains("<w:p>"), "a body has a paragraph");
        assert!(parts["word/settings.xml"].contains("<w:trackRevisions/>"));
    }
    let (_, bytes) = redline_of(&empty("a"), &empty("b"));
    assert!(
        word_file_from_bytes("empty.docx", &bytes).is_err_and(|e| e.to_string().contains("no paragraphs")),
        "an empty file reads as empty"
    );
}

#[test]
fn a_comparison_of_other_documents_is_refused() {
    let draft = read("assets/samples/draft.md");
    let alignment = gloss::compare::compare(&draft, &draft);
    let small = from_text("small.md", "1. One paragraph.\n");
    let error = redline(&small, &small, &alignment, &options()).expect_err("the rows point past the blocks");
    assert!(error.to_string().contains("does not belong"), "{error}");
}

#[test]
fn every_part_is_well_formed_and_in_schema_order() {
    let (old, new) = edited_pair();
    let (_, bytes) = redline_of(&old, &new);
    let parts = common::ooxml::check_package(&bytes);
    let document = &parts["word/document.xml"];
    for element in
        ["<w:moveFromRangeStart", "<w:moveToRangeStart", "<w:moveFrom ", "<w:moveTo ", "<w:delText", "<w:ins ", "<w:footnoteReference"]
    {
        assert!(document.contains(element), "{element} in the redline");
    }
    assert!(document.contains("<w:rPr><w:ins "), "an inserted paragraph mark");
    assert!(document.contains("<w:rPr><w:del "), "a deleted paragraph mark");
    assert!(parts["word/footnotes.xml"].contains("<w:del "), "a footnote's own change is tracked inside it");
    assert!(parts["[Content_Types].xml"].contains("/word/footnotes.xml"));
    assert!(parts["word/_rels/document.xml.rels"].contains("Target=\"footnotes.xml\""));
    assert!(parts["docProps/core.xml"].contains("<dc:title>Draft resolution on ocean data</dc:title>"));

    let (annotated, _) = annotated_sample();
    let parts = common::ooxml::check_package(&annotated);
    assert!(parts["word/comments.xml"].contains("<w:annotationRef/>"));
    assert!(parts["word/document.xml"].contains("<w:commentRangeStart"));
}

/// Draft with annotations of every shape: in one paragraph, over three, with a proposal and a
/// note of two lines, without tags, in a footnote, and one whose passage is gone.
fn annotated_sample() -> (Vec<u8>, gloss::annotate::AnnotationSet) {
    use gloss::annotate::{Anchor, Annotation, AnnotationSet, Proposal, ProposalKind};
    let doc = read("assets/samples/draft.md");
    let at = |label: &str, quote: &str| -> (usize, usize, usize) {
        let block = doc.block_by_label(label).expect("label");
        let byte = doc.blocks[block].text.find(quote).expect("quote");
        let start = doc.blocks[block].text[..byte].chars().count();
        (block, start, start + quote.chars().count())
    };
    let mut set = AnnotationSet::for_document(&doc);
    let one = |label, quote| {
        let (block, start, end) = at(label, quote);
        Anchor::in_block(&doc, block, gloss::store::CharRange::new(start, end)).expect("anchor")
    };
    let mut add = |anchor: Anchor, author: &str, tags: &[&str], note: &str, proposal: Option<Proposal>| {
        let mut annotation = Annotation::new(author, anchor, tags.iter().map(std::string::ToString::to_string).collect(), note.to_string());
        annotation.proposal = proposal;
        set.annotations.push(annotation);
    };
    add(one("13", "национальными группами реагирования"), "Norway", &["support"], "Keep.", None);
    let (first, start, _) = at("10", "Повестка дня включала");
    // Paragraph 10, its a) and its b).
    let last = first + 2;
    assert_eq!(doc.blocks[last].label, "b)");
    let end = "утверждение повестки дня".chars().count();
    add(
        Anchor::spanning(&doc, first, start, last, end).expect("span"),
        "Delegation of Chile",
        &["question", "red line"],
        "Over three paragraphs.",
        None,
    );
    let proposal = Proposal::new(ProposalKind::Replace, "рассмотрела при необходимости возможность подготовки");
    add(one("13", "рассмотрела возможность подготовки"), "Kenya", &["amendment"], "First line.\nSecond line.", Some(proposal));
    add(one("24", "в первом квартале 2027 года"), "Chile", &[], "No tags here.", Some(Proposal::new(ProposalKind::Delete, "")));
    let footnote = doc.blocks.iter().position(|b| b.kind == BlockKind::Footnote).expect("a footnote");
    add(Anchor::in_block(&doc, footnote, gloss::store::CharRange::new(10, 16)).expect("anchor"), "Norway", &["source"], "Check.", None);
    let mut lost = one("5", "Председатель Рабочей группы");
    lost.block_id = gloss::store::BlockId("gone".into());
    lost.label = String::new();
    lost.quote = "a sentence that is no longer there".into();
    add(lost, "Kenya", &["support"], "Lost passage.", None);
    set.sort(&doc);
    let placements = gloss::annotate::place_all(&set, &doc);
    let bytes = gloss::export::docx::annotated(&doc, &set, &placements).expect("written");
    (bytes, set)
}

#[test]
fn annotations_travel_into_word_comments_and_back() {
    let doc = read("assets/samples/draft.md");
    let (bytes, set) = annotated_sample();
    let word = word_file_from_bytes("annotated.docx", &bytes).expect("reads");
    let lines = |d: &Document| d.blocks.iter().map(|b| squash(&b.display_text())).collect::<Vec<_>>();
    assert_eq!(lines(&word.document), lines(&doc), "the annotated document reads as the document");
    let mut back = gloss::annotate::AnnotationSet::for_document(&word.document);
    let (added, skipped) = gloss::annotate::word::import_comments(&mut back, &word.document, &word.comments);
    assert_eq!((added, skipped), (set.annotations.len(), 0));
    for original in &set.annotations {
        // A passage gone from the document, and one in a footnote, are commented elsewhere
        // with the passage quoted in the note.
        let lost = original.anchor.block_id.0 == "gone";
        let in_note = doc.block_index(&original.anchor.block_id).is_some_and(|b| doc.blocks[b].kind == BlockKind::Footnote);
        let elsewhere = |a: &&gloss::annotate::Annotation| a.note.contains(&format!("«{}»", original.anchor.quote));
        let found = back
            .annotations
            .iter()
            .filter(|a| a.author == original.author)
            .find(|a| if lost || in_note { elsewhere(a) } else { a.anchor.quote == original.anchor.quote })
            .unwrap_or_else(|| panic!("{} «{}» came back", original.author, original.anchor.quote));
        assert_eq!(found.tags, original.tags, "tags of «{}»", original.anchor.quote);
        assert_eq!(found.proposal, original.proposal, "proposal of «{}»", original.anchor.quote);
        if lost {
            assert!(found.note.starts_with("Lost passage.\nPassage not found in this version: «"), "{}", found.note);
        } else if in_note {
            assert!(found.note.starts_with("Check.\nOn footnote 1: «"), "{}", found.note);
        } else {
            assert_eq!(found.note, original.note);
            assert_eq!(found.anchor.block_count, original.anchor.block_count);
        }
    }
}

/// Two delegations' proposals on the draft, compiled.
fn compilation_sample() -> (Document, Vec<gloss::annotate::AnnotationSet>, gloss::export::compilation::Compilation) {
    use gloss::annotate::{Anchor, Annotation, AnnotationSet, Proposal, ProposalKind};
    let doc = read("assets/samples/draft.md");
    let anchor = |label: &str, quote: &str| {
        let block = doc.block_by_label(label).expect("label");
        let byte = doc.blocks[block].text.find(quote).expect("quote");
        let start = doc.blocks[block].text[..byte].chars().count();
        Anchor::in_block(&doc, block, gloss::store::CharRange::new(start, start + quote.chars().count())).expect("anchor")
    };
    let proposal = |author: &str, a: Anchor, kind, text: &str, note: &str| {
        let mut annotation = Annotation::new(author, a, vec!["amendment".into()], note.to_string());
        annotation.proposal = Some(Proposal::new(kind, text));
        annotation
    };
    let mut norway = AnnotationSet::for_document(&doc);
    let mut chile = AnnotationSet::for_document(&doc);
    norway.add(
        proposal("Norway", anchor("13", "рассмотрела"), ProposalKind::Replace, "в надлежащих случаях рассмотрела", "As in Rev.1."),
        &doc,
    );
    norway.add(proposal("Norway", anchor("24", "2027 года"), ProposalKind::InsertAfter, "или позднее", ""), &doc);
    chile.add(proposal("Chile", anchor("24", ", при условии наличия ресурсов,"), ProposalKind::Delete, "", "Not needed."), &doc);
    chile.add(proposal("Chile", anchor("2", "особое внимание"), ProposalKind::Replace, "первоочередное внимание", ""), &doc);
    let sets = vec![norway, chile];
    let compilation = gloss::export::compilation::compile(&doc, &sets, Default::default());
    (doc, sets, compilation)
}

#[test]
fn a_compilation_table_holds_each_proposal_as_tracked_changes_by_its_delegation() {
    let (_, _, compilation) = compilation_sample();
    let labels: Vec<&str> = compilation.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["2.", "13.", "24."]);
    assert_eq!(compilation.rows[2].proposals.len(), 2);
    let bytes = gloss::export::compilation::docx::compilation_docx(&compilation).expect("written");
    let parts = common::ooxml::check_package(&bytes);
    assert!(parts["word/document.xml"].contains("<w:tblHeader/>"));
    assert!(!parts["word/settings.xml"].contains("trackRevisions"), "a compilation does not track new edits");
    let word = word_file_from_bytes("compilation.docx", &bytes).expect("reads");
    let mut authors = word.revision_authors.clone();
    authors.sort();
    assert_eq!(authors, ["Chile", "Norway"]);
    // Accepting the changes gives each amended paragraph; rejecting them, the current text.
    let accepted: Vec<String> = word.document.blocks.iter().map(|b| squash(&b.display_text())).collect();
    let before = word.before.as_ref().expect("tracked changes");
    let rejected: Vec<String> = before.blocks.iter().map(|b| squash(&b.display_text())).collect();
    for row in &compilation.rows {
        for entry in &row.proposals {
            assert!(accepted.iter().any(|l| l.ends_with(&squash(&entry.amended()))), "amended text of {} in {accepted:#?}", entry.author);
        }
        assert!(rejected.iter().filter(|l| l.ends_with(&squash(&row.current))).count() > row.proposals.len());
    }
}

#[test]
fn libreoffice_accepts_and_rejects_every_change() {
    let Some(python) = common::lo::available() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        path
    };
    let (draft, rev1) = (read("assets/samples/draft.md"), read("assets/samples/draft-rev1.md"));
    let (edited_old, edited_new) = edited_pair();
    let (pdf, docx) = pdf_against_docx();
    let pairs = [
        ("samples.docx", draft.clone(), rev1),
        ("edited.docx", edited_old, edited_new),
        ("pdf-docx.docx", pdf, docx),
        ("unchanged.docx", draft.clone(), draft.clone()),
        ("empty.docx", empty("a"), empty("b")),
    ];
    let redlines: Vec<(PathBuf, &Document, &Document)> =
        pairs.iter().map(|(name, old, new)| (write(name, &redline_of(old, new).1), old, new)).collect();
    let (annotated, set) = annotated_sample();
    let annotated = write("annotated.docx", &annotated);
    let (_, _, compilation) = compilation_sample();
    let compiled = write("compilation.docx", &gloss::export::compilation::docx::compilation_docx(&compilation).expect("written"));

    let mut files: Vec<PathBuf> = redlines.iter().map(|(path, _, _)| path.clone()).collect();
    files.extend([annotated.clone(), compiled.clone()]);
    let report = common::lo::redlines(&python, &files, dir.path());
    for (path, old, new) in &redlines {
        let name = path.file_name().expect("name").to_string_lossy();
        let changed = body_lines(old) != body_lines(new) || footnote_lines(old) != footnote_lines(new);
        assert_eq!(common::lo::changes(&report, path, None) > 0, changed, "{name}: tracked changes when the versions differ");
        for (view, doc) in [("accepted", new), ("rejected", old)] {
            let (body, footnotes) = common::lo::view(&report, path, view);
            assert_eq!(body, body_lines(doc), "{name}: LibreOffice's {view} text");
            assert_eq!(footnotes, footnote_lines(doc), "{name}: LibreOffice's {view} footnotes");
            assert_eq!(common::lo::changes(&report, path, Some(view)), 0, "{name}: no change left once {view}");
        }
    }
    let comments = common::lo::comments(&report, &annotated);
    assert_eq!(comments.len(), set.annotations.len(), "every annotation is a comment LibreOffice sees: {comments:?}");
    assert!(comments.iter().any(|(author, text)| author == "Kenya" && text.contains("Proposed: replace with:")));
    let (accepted, _) = common::lo::view(&report, &compiled, "accepted");
    let (rejected, _) = common::lo::view(&report, &compiled, "rejected");
    for row in &compilation.rows {
        for entry in &row.proposals {
            assert!(accepted.contains(&squash(&entry.amended())), "{}'s amendment accepted in {accepted:#?}", entry.author);
        }
        assert!(rejected.iter().filter(|l| **l == squash(&row.current)).count() > row.proposals.len(), "current text rejected");
    }

    // Every file opens without repair and prints: PDF conversion succeeds with pages.
    let pages = common::lo::pdf_pages(&files, dir.path());
    assert!(pages.iter().all(|&p| p >= 1), "pages: {pages:?}");
    assert!(pages[0] >= 3, "the sample redline runs over pages: {pages:?}");
}

fn gloss(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gloss")).args(args).output().expect("gloss runs")
}

#[test]
fn compare_command_writes_a_word_redline_with_the_author_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("redline.docx");
    let (old, new) = (project_file("assets/samples/draft.md"), project_file("assets/samples/draft-rev1.md"));
    let output = gloss(&[
        "compare".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--docx".as_ref(),
        out.as_os_str(),
        "--author".as_ref(),
        "Delegation of Chile".as_ref(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let word = word_file_from_bytes("redline.docx", &std::fs::read(&out).expect("written")).expect("reads");
    assert_eq!(word.revision_authors, ["Delegation of Chile"]);
    assert_reads_back(&read("assets/samples/draft.md"), &read("assets/samples/draft-rev1.md"), &std::fs::read(&out).expect("written"));

    let default = dir.path().join("default.docx");
    let output = gloss(&["compare".as_ref(), old.as_os_str(), new.as_os_str(), "--docx".as_ref(), default.as_os_str()]);
    assert!(output.status.success());
    let word = word_file_from_bytes("default.docx", &std::fs::read(&default).expect("written")).expect("reads");
    assert_eq!(word.revision_authors, ["Gloss comparison"]);
    let output = gloss(&["compare".as_ref(), old.as_os_str(), new.as_os_str(), "--author".as_ref(), "X".as_ref()]);
    assert!(!output.status.success(), "--author needs --docx");
}

#[test]
fn annotation_commands_write_comments_and_compilations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (doc, sets, _) = compilation_sample();
    let doc_path = project_file("assets/samples/draft.md");
    let files: Vec<PathBuf> = sets
        .iter()
        .enumerate()
        .map(|(i, set)| {
            let path = dir.path().join(format!("delegation-{i}.gloss.ron"));
            gloss::annotate::save(&path, set).expect("saved");
            path
        })
        .collect();
    let docx = dir.path().join("annotated.docx");
    let output = gloss(&[
        "annotations".as_ref(),
        "export".as_ref(),
        files[0].as_os_str(),
        "--doc".as_ref(),
        doc_path.as_os_str(),
        "--docx".as_ref(),
        docx.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let word = word_file_from_bytes("annotated.docx", &std::fs::read(&docx).expect("written")).expect("reads");
    assert_eq!(word.comments.len(), sets[0].annotations.len());
    assert!(word.comments.iter().all(|c| c.author == "Norway" && c.text.contains("Proposed: ")));
    assert_eq!(word.document.blocks.len(), doc.blocks.len());

    let (table, page) = (dir.path().join("compilation.docx"), dir.path().join("compilation.html"));
    let mut args: Vec<&std::ffi::OsStr> = vec!["annotations".as_ref(), "compile".as_ref(), doc_path.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    args.extend(["--docx".as_ref(), table.as_os_str(), "--html".as_ref(), page.as_os_str(), "--all-paragraphs".as_ref()]);
    let output = gloss(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("compiled 4 proposals in 3 paragraphs from 2 delegations"));
    common::ooxml::check_package(&std::fs::read(&table).expect("written"));
    let html = std::fs::read_to_string(&page).expect("written");
    assert!(html.contains("<html lang=\"ru\">"));
    assert_eq!(html.matches("<tr id=\"block-").count(), doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote).count());
    assert!(
        html.contains("<del>, при условии наличия ресурсов,</del>") || html.contains("<del>, при условии наличия ресурсов</del>"),
        "Chile's deletion"
    );

    let output = gloss(&["annotations".as_ref(), "compile".as_ref(), doc_path.as_os_str(), files[0].as_os_str()]);
    assert!(!output.status.success(), "compile needs --docx or --html");
}
