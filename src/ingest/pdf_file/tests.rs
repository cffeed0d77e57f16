//! Layout analysis on hand-built lines: paragraphs, labels, headings, hyphens, footnotes.

use super::lines::{Line, Marker, Span};
use super::paragraphs::raw_blocks;
use super::zones::Zoned;
use crate::ingest::{RawBlock, RawHint};
use crate::store::{FootnoteRef, SourceSpan};

const RIGHT: f32 = 497.0;

fn span(x0: f32, x1: f32, text: &str) -> Span {
    Span { x0, x1, text: text.to_string(), markers: Vec::new() }
}

/// A line from `x0`; `full` lines reach the right edge, others end after their text.
fn line(page: u32, baseline: f32, x0: f32, text: &str, full: bool) -> Line {
    let x1 = if full { RIGHT } else { x0 + text.chars().count() as f32 * 5.0 };
    Line { page, baseline, size: 10.0, bold: Some(false), spans: vec![span(x0, x1, text)] }
}

/// A line with a label in the gutter at `x0` and text from `text_x`.
fn labelled(page: u32, baseline: f32, x0: f32, label: &str, text_x: f32, text: &str, full: bool) -> Line {
    let mut line = line(page, baseline, text_x, text, full);
    line.spans.insert(0, span(x0, x0 + 8.0, label));
    line
}

fn blocks(pages: Vec<(Vec<Line>, Vec<Line>)>) -> Vec<RawBlock> {
    let zoned: Vec<Zoned> = pages.into_iter().map(|(body, notes)| Zoned { body, notes }).collect();
    raw_blocks(&zoned, 10.0)
}

fn texts(blocks: &[RawBlock]) -> Vec<(Option<&str>, &str)> {
    blocks.iter().map(|b| (b.label.as_deref(), b.text.as_str())).collect()
}

#[test]
fn gutter_labels_hanging_indents_and_gaps_make_paragraphs() {
    let body = vec![
        labelled(1, 100.0, 98.5, "1.", 126.8, "The group met in the hall of the old quarter over", true),
        line(1, 112.0, 98.5, "three evenings.", false),
        labelled(1, 130.0, 126.8, "a)", 155.2, "first item of a list that runs on to a", true),
        line(1, 142.0, 155.2, "second line;", false),
        labelled(1, 160.0, 126.8, "b)", 155.2, "second item.", false),
        line(1, 178.0, 98.5, "A paragraph without a label that is long enough to", true),
        line(1, 190.0, 98.5, "wrap once.", false),
    ];
    let got = blocks(vec![(body, vec![])]);
    assert_eq!(
        texts(&got),
        vec![
            (Some("1."), "The group met in the hall of the old quarter over three evenings."),
            (Some("a)"), "first item of a list that runs on to a second line;"),
            (Some("b)"), "second item."),
            (None, "A paragraph without a label that is long enough to wrap once."),
        ]
    );
    assert_eq!(got[0].source, SourceSpan::Pdf { page: 1, last_page: 1, rect: [98.5, 92.0, RIGHT, 114.5] });
}

#[test]
fn first_line_indents_split_paragraphs_set_without_spacing() {
    let body = vec![
        line(1, 100.0, 126.8, "recalling its resolution of the last session on the", true),
        line(1, 112.0, 98.5, "same matter,", false),
        line(1, 124.0, 126.8, "noting with appreciation the work of the group and", true),
        line(1, 136.0, 98.5, "its members,", false),
    ];
    let got = blocks(vec![(body, vec![])]);
    assert_eq!(got.len(), 2, "{:?}", texts(&got));
    assert_eq!(got[1].text, "noting with appreciation the work of the group and its members,");
}

#[test]
fn a_word_hyphenated_across_a_page_break_is_joined_and_the_paragraph_rejoined() {
    let page1 = vec![
        labelled(1, 100.0, 98.5, "1.", 126.8, "Democracy matters. The principles of democ-", true),
        line(1, 112.0, 98.5, "racy and the rule of law are shared by all and demo-", true),
    ];
    let page2 = vec![line(2, 80.0, 98.5, "cracy is the people's choice.", false), labelled(2, 98.0, 98.5, "2.", 126.8, "Next.", false)];
    let got = blocks(vec![(page1, vec![]), (page2, vec![])]);
    assert_eq!(
        texts(&got),
        vec![
            (
                Some("1."),
                "Democracy matters. The principles of democracy and the rule of law are shared by all and democracy is the people's choice."
            ),
            (Some("2."), "Next.")
        ]
    );
    assert!(matches!(got[0].source, SourceSpan::Pdf { page: 1, last_page: 2, .. }));
}

#[test]
fn compounds_the_document_writes_with_a_hyphen_keep_it() {
    let body = vec![
        line(1, 100.0, 98.5, "Member States and the follow-up to the session, the follow-", true),
        line(1, 112.0, 98.5, "up was agreed.", false),
    ];
    assert_eq!(blocks(vec![(body, vec![])])[0].text, "Member States and the follow-up to the session, the follow-up was agreed.");
}

fn with_marker(mut line: Line, char_offset: usize, mark: &str) -> Line {
    if let Some(span) = line.spans.last_mut() {
        span.markers.push(Marker { char_offset, text: mark.to_string() });
    }
    line
}

#[test]
fn markers_link_to_footnotes_and_unknown_ones_go_back_into_the_text() {
    let body = vec![
        with_marker(with_marker(line(1, 100.0, 98.5, "The charter, adopted in 2020, applies to 10 plots.", false), 11, "1"), 43, "6"),
        with_marker(Line { bold: Some(true), ..line(1, 118.0, 98.5, "The heading of the annex", false) }, 24, "*"),
    ];
    let mut note = line(1, 777.0, 126.8, "The charter was adopted in spring.", false);
    note.spans[0].markers.push(Marker { char_offset: 0, text: "1".into() });
    note.size = 8.5;
    let mut star = line(1, 788.0, 126.8, "Participants are listed in the annex.", false);
    star.spans[0].markers.push(Marker { char_offset: 0, text: "*".into() });
    star.size = 8.5;
    let got = blocks(vec![(body, vec![note, star])]);
    assert_eq!(got[0].text, "The charter, adopted in 2020, applies to 106 plots.");
    assert_eq!(got[0].footnote_refs, vec![FootnoteRef::numbered(1, 11)]);
    assert_eq!(got[1].footnote_refs, vec![FootnoteRef { number: 1, char_offset: 24, mark: "*".into() }]);
    assert_eq!(got[2].hint, RawHint::Footnote(1));
    assert_eq!(got[2].text, "The charter was adopted in spring.");
    assert_eq!((got[3].label.as_deref(), got[3].text.as_str()), (Some("*"), "Participants are listed in the annex."));
}

#[test]
fn a_footnote_continued_on_the_next_page_stays_one_footnote() {
    let mut note = line(1, 777.0, 126.8, "A footnote that runs over", true);
    note.spans[0].markers.push(Marker { char_offset: 0, text: "3".into() });
    let rest = line(2, 770.0, 126.8, "onto the next page.", false);
    let got =
        blocks(vec![(vec![line(1, 100.0, 98.5, "Body.", false)], vec![note]), (vec![line(2, 80.0, 98.5, "More.", false)], vec![rest])]);
    let notes: Vec<&RawBlock> = got.iter().filter(|b| matches!(b.hint, RawHint::Footnote(_))).collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "A footnote that runs over onto the next page.");
}

#[test]
fn larger_or_bold_short_blocks_are_headings() {
    let mut title = line(1, 80.0, 62.5, "Working Group on Shared Gardens", false);
    title.size = 17.0;
    title.bold = Some(true);
    let mut heading = labelled(1, 110.0, 62.5, "II.", 98.5, "Decisions", false);
    heading.size = 12.0;
    heading.bold = Some(true);
    let got = blocks(vec![(vec![title, heading, line(1, 130.0, 98.5, "Body text.", false)], vec![])]);
    assert_eq!(got[0].hint, RawHint::Heading(1));
    assert_eq!((got[1].hint, got[1].label.as_deref()), (RawHint::Heading(2), Some("II.")));
    assert_eq!(got[2].hint, RawHint::None);
}

#[test]
fn cjk_lines_join_without_a_space() {
    let body = vec![line(1, 100.0, 98.5, "工作组决定", true), line(1, 112.0, 98.5, "设立委员会。", false)];
    assert_eq!(blocks(vec![(body, vec![])])[0].text, "工作组决定设立委员会。");
}

#[test]
fn right_aligned_signature_lines_stay_together() {
    let body = vec![
        line(1, 100.0, 98.5, "The last paragraph of the resolution ends here.", false),
        line(1, 130.0, 380.0, "89th plenary meeting", true),
        line(1, 142.0, 410.0, "26 August 2025", true),
    ];
    let got = blocks(vec![(body, vec![])]);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].text, "89th plenary meeting 26 August 2025");
}

#[test]
fn short_lines_of_justified_text_end_their_paragraphs() {
    let mut body: Vec<Line> =
        (0..8).map(|i| line(1, 100.0 + 12.0 * i as f32, 98.5, "a full justified line of body text runs on", true)).collect();
    body.push(line(1, 196.0, 98.5, "and ends.", false));
    let items = ["Organisation of the United Nations for education, science and culture", "Organisation for industry", "Chad"];
    for (i, item) in items.iter().enumerate() {
        body.push(line(1, 208.0 + 12.0 * i as f32, 98.5, item, false));
    }
    let got = blocks(vec![(body, vec![])]);
    let texts: Vec<&str> = got.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(&texts[1..], &items);
}

#[test]
fn a_renumbered_label_shown_with_its_old_number_is_the_new_label() {
    let body = vec![
        line(1, 100.0, 98.5, "d)[c)] invite donors to contribute.", false),
        line(1, 118.0, 98.5, "8.[10.] The group adopted its agenda.", false),
    ];
    assert_eq!(
        texts(&blocks(vec![(body, vec![])])),
        vec![(Some("d)"), "invite donors to contribute."), (Some("8."), "The group adopted its agenda.")]
    );
}
