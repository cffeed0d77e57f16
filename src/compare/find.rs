//! Finding in a comparison: the rows whose old or new text holds a phrase, and the row of a
//! paragraph by its number.

use super::Alignment;
use crate::store::{Document, search_document};

/// For each block of each side, the row that shows it.
fn rows_by_block(alignment: &Alignment, old: &Document, new: &Document) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let (mut old_rows, mut new_rows) = (vec![None; old.blocks.len()], vec![None; new.blocks.len()]);
    for (r, row) in alignment.rows.iter().enumerate() {
        for &o in &row.old {
            if let Some(slot) = old_rows.get_mut(o) {
                *slot = Some(r);
            }
        }
        for &n in &row.new {
            if let Some(slot) = new_rows.get_mut(n) {
                *slot = Some(r);
            }
        }
    }
    (old_rows, new_rows)
}

/// Rows whose old or new text contains `query` (case-insensitive, `ё` = `е`), in order.
pub fn rows_matching(alignment: &Alignment, old: &Document, new: &Document, query: &str) -> Vec<usize> {
    let (old_rows, new_rows) = rows_by_block(alignment, old, new);
    let mut rows: Vec<usize> = search_document(old, query)
        .iter()
        .filter_map(|hit| old_rows.get(hit.block).copied().flatten())
        .chain(search_document(new, query).iter().filter_map(|hit| new_rows.get(hit.block).copied().flatten()))
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// The row after `after` (wrapping) showing a paragraph with this label, in the new version
/// first, else in the old one (a deleted paragraph).
pub fn row_of_label(alignment: &Alignment, old: &Document, new: &Document, label: &str, after: Option<usize>) -> Option<usize> {
    let (old_rows, new_rows) = rows_by_block(alignment, old, new);
    let wanted = crate::text::label_key(label);
    if wanted.is_empty() {
        return None;
    }
    let mut rows: Vec<usize> = Vec::new();
    for (doc, by_block) in [(new, &new_rows), (old, &old_rows)] {
        rows.extend(
            doc.blocks.iter().enumerate().filter(|(_, b)| crate::text::label_key(&b.label) == wanted).filter_map(|(i, _)| by_block[i]),
        );
        if !rows.is_empty() {
            break;
        }
    }
    rows.sort_unstable();
    rows.dedup();
    rows.iter().copied().find(|&r| after.is_none_or(|a| r > a)).or_else(|| rows.first().copied())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{IngestOptions, document_from_bytes};

    #[test]
    fn finds_rows_on_both_sides_and_paragraphs_by_number() {
        let read = |t: &str| document_from_bytes("t.md", t.as_bytes(), IngestOptions::default()).expect("reads");
        let old = read("1. Первый пункт о мире.\n\n2. Удалённый пункт о ЁЛКАХ.\n\n3. Третий пункт.\n");
        let new = read("1. Первый пункт о мире и праве.\n\n2. Третий пункт.\n\n3. Новый пункт о праве.\n");
        let alignment = crate::compare::compare(&old, &new);
        let deleted = alignment.rows.iter().position(|r| r.new.is_empty()).expect("a deleted row");
        assert_eq!(rows_matching(&alignment, &old, &new, "елках"), vec![deleted], "found on the old side only");
        let with_law = rows_matching(&alignment, &old, &new, "праве");
        assert_eq!(with_law.len(), 2);
        let three = row_of_label(&alignment, &old, &new, "3", None).expect("3.");
        assert_eq!(alignment.rows[three].new, vec![2]);
        assert_eq!(row_of_label(&alignment, &old, &new, "3", Some(three)), Some(three), "wraps to the only one");
        assert_eq!(row_of_label(&alignment, &old, &new, "9", None), None);
    }
}
