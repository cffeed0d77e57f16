use super::*;
use crate::annotate::{Anchor, Annotation};
use crate::store::SourceForm;

fn doc() -> Document {
    let text = "# Draft decision\n\n\
1. The Working Party notes the growth of ocean observing networks.\n\n\
2. It invites members to publish data under open standards.\n\n\
3. It decides to review funding in 2027.\n\n\
4. It will meet again in 2028.\n";
    let blocks = crate::ingest::segment_text(text, SourceForm::Markdown);
    Document::new("Draft decision".into(), "draft.md".into(), "UTF-8".into(), SourceForm::Markdown, blocks)
}

fn proposal_on(document: &Document, label: &str, quote: &str, author: &str, kind: ProposalKind, text: &str) -> Annotation {
    let block = document.block_by_label(label).expect("label");
    let byte = document.blocks[block].text.find(quote).expect("quote");
    let start = document.blocks[block].text[..byte].chars().count();
    let anchor = Anchor::in_block(document, block, CharRange::new(start, start + quote.chars().count())).expect("anchor");
    let mut annotation = Annotation::new(author, anchor, vec!["amendment".into()], format!("{author} note"));
    annotation.proposal = Some(Proposal::new(kind, text));
    annotation
}

fn marked(entry: &ProposalEntry) -> String {
    entry
        .redline
        .iter()
        .map(|p| match p.tag {
            SpanTag::Equal => p.text.clone(),
            SpanTag::Delete => format!("[-{}-]", p.text),
            SpanTag::Insert => format!("{{+{}+}}", p.text),
        })
        .collect()
}

#[test]
fn each_kind_of_proposal_is_a_redline_of_the_paragraph() {
    let document = doc();
    let mut set = AnnotationSet::for_document(&document);
    set.add(proposal_on(&document, "2", "publish data", "Norway", ProposalKind::Replace, "share data"), &document);
    set.add(proposal_on(&document, "3", "2027", "Chile", ProposalKind::InsertAfter, ", subject to available resources"), &document);
    set.add(proposal_on(&document, "4", " again", "Kenya", ProposalKind::Delete, ""), &document);
    let compilation = compile(&document, &[set], CompilationOptions::default());
    let rows: Vec<(&str, String)> = compilation.rows.iter().map(|r| (r.label.as_str(), marked(&r.proposals[0]))).collect();
    assert_eq!(
        rows,
        vec![
            ("2.", "It invites members to [-publish-]{+share+} data under open standards.".to_string()),
            ("3.", "It decides to review funding in 2027{+, subject to available resources+}.".to_string()),
            ("4.", "It will meet[- again-] in 2028.".to_string()),
        ]
    );
    assert_eq!(compilation.rows[1].proposals[0].amended(), "It decides to review funding in 2027, subject to available resources.");
    assert_eq!(compilation.authors, ["Norway", "Chile", "Kenya"]);
}

#[test]
fn several_delegations_merge_into_one_row_per_paragraph() {
    let document = doc();
    let mut norway = AnnotationSet::for_document(&document);
    let mut chile = AnnotationSet::for_document(&document);
    norway
        .add(proposal_on(&document, "2", "open standards", "Norway", ProposalKind::Replace, "open and interoperable standards"), &document);
    chile.add(proposal_on(&document, "2", "invites", "Chile", ProposalKind::Replace, "encourages"), &document);
    chile.add(proposal_on(&document, "1", "notes", "Chile", ProposalKind::Replace, "welcomes"), &document);
    // A note without a proposal is not part of the compilation.
    let anchor = Anchor::in_block(&document, 4, CharRange::new(0, 7)).expect("anchor");
    chile.add(Annotation::new("Chile", anchor, vec![], "just a remark".into()), &document);
    // The same file twice counts once.
    let compilation = compile(&document, &[norway.clone(), chile, norway], CompilationOptions::default());
    let rows: Vec<(&str, Vec<&str>)> =
        compilation.rows.iter().map(|r| (r.label.as_str(), r.proposals.iter().map(|p| p.author.as_str()).collect())).collect();
    assert_eq!(rows, vec![("1.", vec!["Chile"]), ("2.", vec!["Chile", "Norway"])], "document order, then position in the paragraph");
    let all = compile(&document, &[AnnotationSet::for_document(&document)], CompilationOptions { all_paragraphs: true });
    assert_eq!(all.rows.len(), 5, "every paragraph, title included");
}

#[test]
fn a_proposal_whose_passage_is_gone_is_listed_apart() {
    let document = doc();
    let mut set = AnnotationSet::for_document(&document);
    let mut lost = proposal_on(&document, "3", "funding", "Kenya", ProposalKind::Replace, "financing");
    lost.anchor.block_id = crate::store::BlockId("nowhere".into());
    lost.anchor.label = String::new();
    lost.anchor.quote = "a passage that was rewritten".into();
    set.annotations.push(lost);
    let compilation = compile(&document, &[set], CompilationOptions::default());
    assert!(compilation.rows.is_empty());
    assert_eq!(compilation.unplaced.len(), 1);
    assert_eq!(compilation.unplaced[0].quote, "a passage that was rewritten");
}

#[test]
fn html_marks_changes_without_colour_alone_and_escapes_text() {
    let document = doc();
    let mut set = AnnotationSet::for_document(&document);
    set.add(proposal_on(&document, "2", "publish data", "<Norway & co>", ProposalKind::Replace, "share data & <more>"), &document);
    let html = html::compilation_html(&compile(&document, &[set], CompilationOptions::default()));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("to <del>publish</del><ins>share</ins> data<ins> &amp; &lt;more&gt;</ins> under"), "{html}");
    assert!(html.contains("&lt;Norway &amp; co&gt;") && !html.contains("<more>"));
    assert!(html.contains("text-decoration:underline") && html.contains("text-decoration:line-through") && html.contains("size:A4"));
}

#[test]
fn joining_words_keeps_one_space_and_none_before_punctuation() {
    assert_eq!(join_words("in 2027", ", as needed"), "in 2027, as needed");
    assert_eq!(join_words("in ", " 2027"), "in 2027");
    assert_eq!(join_words("", "Text"), "Text");
    assert_eq!(join_words("text", ""), "text");
}
