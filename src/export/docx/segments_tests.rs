use super::*;
use crate::compare::Normalization;
use crate::compare::inline::{diff_parts, diff_parts_with};
use proptest::prelude::*;

fn part<'a>(label: &'a str, text: &'a str, markers: &[usize]) -> Part<'a> {
    Part { label, text, markers: markers.iter().map(|&offset| Marker { offset, block: Some(offset), mark: None }).collect() }
}

fn part_with<'a>(label: &'a str, text: &'a str, markers: &[(usize, usize)]) -> Part<'a> {
    Part { label, text, markers: markers.iter().map(|&(offset, block)| Marker { offset, block: Some(block), mark: None }).collect() }
}

/// The text of blocks as the stream should give it: labels, `\n` between blocks, markers.
fn expected(parts: &[Part<'_>]) -> String {
    let mut out = Vec::new();
    for part in parts {
        let mut text = String::new();
        if !part.label.is_empty() {
            text.push_str(&format!("{}\t", part.label));
        }
        let chars: Vec<char> = part.text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            for m in part.markers.iter().filter(|m| m.offset == i) {
                text.push_str(&format!("[{}]", m.offset));
            }
            text.push(*c);
        }
        for m in part.markers.iter().filter(|m| m.offset >= chars.len()) {
            text.push_str(&format!("[{}]", m.offset));
        }
        out.push(text);
    }
    out.join("\n")
}

fn same(a: &Marker, b: &Marker) -> bool {
    a.block == b.block
}

fn check(old: &[Part<'_>], new: &[Part<'_>]) -> Vec<Seg> {
    let old_texts: Vec<&str> = old.iter().map(|p| p.text).collect();
    let new_texts: Vec<&str> = new.iter().map(|p| p.text).collect();
    let diff = (!old.is_empty() && !new.is_empty()).then(|| diff_parts(&old_texts, &new_texts, None));
    let segs = merge_row(old, new, diff.as_ref(), &same);
    assert_eq!(side_text(&segs, Side::Old), expected(old), "old side of {segs:?}");
    assert_eq!(side_text(&segs, Side::New), expected(new), "new side of {segs:?}");
    segs
}

#[test]
fn a_replaced_word_is_one_deletion_and_one_insertion() {
    let segs = check(&[part("12.", "The Group welcomed the report.", &[])], &[part("12.", "The Group noted the report.", &[])]);
    let changed: Vec<(Side, &Atom)> = segs.iter().filter(|s| s.side != Side::Both).map(|s| (s.side, &s.atom)).collect();
    assert_eq!(changed, vec![(Side::Old, &Atom::Text("welcomed".into())), (Side::New, &Atom::Text("noted".into()))]);
}

#[test]
fn a_footnote_marker_at_the_end_stays_one_marker() {
    let segs = check(&[part_with("", "Text of the paragraph.", &[(22, 1)])], &[part_with("", "Text of a paragraph.", &[(20, 1)])]);
    let refs: Vec<&Seg> = segs.iter().filter(|s| matches!(s.atom, Atom::Ref { .. })).collect();
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].side, Side::Both);
}

#[test]
fn a_renumbered_label_is_a_changed_label() {
    let segs = check(&[part("11.", "Same text.", &[])], &[part("12.", "Same text.", &[])]);
    assert_eq!(segs[0], Seg { side: Side::Old, atom: Atom::Text("11.\t".into()) });
    assert_eq!(segs[1], Seg { side: Side::New, atom: Atom::Text("12.\t".into()) });
}

#[test]
fn a_split_inserts_a_break_and_a_merge_deletes_one() {
    let whole = [part("3.", "First sentence. Second sentence.", &[])];
    let halves = [part("3.", "First sentence.", &[]), part("4.", "Second sentence.", &[])];
    let split = check(&whole, &halves);
    assert!(split.contains(&Seg { side: Side::New, atom: Atom::Break }));
    let merged = check(&halves, &whole);
    assert!(merged.contains(&Seg { side: Side::Old, atom: Atom::Break }));
}

#[test]
fn whole_blocks_inserted_and_deleted() {
    let block = [part("a)", "share metadata;", &[6]), part("b)", "report gaps.", &[])];
    assert!(check(&[], &block).iter().all(|s| s.side == Side::New));
    assert!(check(&block, &[]).iter().all(|s| s.side == Side::Old));
    assert!(check(&[], &[]).is_empty());
}

#[test]
fn ignored_differences_are_still_marked() {
    let (old, new) = ("Государства-члены приняли решение", "государства-члены приняли решение");
    let ignore_case = Normalization { ignore_case: true, ..Normalization::default() };
    let diff = diff_parts_with(&[old], &[new], &ignore_case, None);
    assert!(diff.is_unchanged());
    let segs = merge_row(&[part("", old, &[])], &[part("", new, &[])], Some(&diff), &same);
    assert_eq!(side_text(&segs, Side::Old), old);
    assert_eq!(side_text(&segs, Side::New), new);
    assert!(segs.iter().any(|s| s.side == Side::Old));
}

#[test]
fn a_wrong_diff_gives_a_wrong_looking_but_exact_stream() {
    let old = [part("", "alpha beta", &[])];
    let new = [part("", "gamma delta", &[])];
    // A diff for other texts altogether.
    let diff = diff_parts(&["one two three four five six"], &["one two three"], None);
    let segs = merge_row(&old, &new, Some(&diff), &same);
    assert_eq!(side_text(&segs, Side::Old), expected(&old));
    assert_eq!(side_text(&segs, Side::New), expected(&new));
}

fn words() -> impl Strategy<Value = String> {
    let word = proptest::sample::select(vec!["alpha", "beta", "gamma", "δέλτα", "é", ",", "12.", "x"]);
    proptest::collection::vec(word, 0..8).prop_map(|w| w.join(" "))
}

fn block() -> impl Strategy<Value = (String, String, Vec<(usize, usize)>)> {
    (proptest::sample::select(vec!["", "1.", "a)"]), words(), proptest::collection::vec((0usize..40, 0usize..3), 0..3)).prop_map(
        |(label, text, mut markers)| {
            let len = text.chars().count();
            for m in &mut markers {
                m.0 = m.0.min(len);
            }
            markers.sort_unstable();
            (label.to_string(), text, markers)
        },
    )
}

proptest! {
    #[test]
    fn both_sides_come_back_exactly(old in proptest::collection::vec(block(), 0..4), new in proptest::collection::vec(block(), 0..4)) {
        let old: Vec<Part<'_>> = old.iter().map(|(l, t, m)| part_with(l, t, m)).collect();
        let new: Vec<Part<'_>> = new.iter().map(|(l, t, m)| part_with(l, t, m)).collect();
        check(&old, &new);
    }
}
