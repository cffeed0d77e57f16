//! Merging a colleague's annotations into ours: a three-way merge without a shared base file.
//!
//! Each annotation carries its own history instead: its `modified` stamp, the stamps of the
//! versions it replaces ([`Annotation::supersedes`]) and, once deleted, a [`Tombstone`](super::Tombstone). For
//! every id, the versions on both sides (and those already waiting for review) are reduced so:
//!
//! 1. Versions with the same stamp and the same edit are one version; if they were placed
//!    differently (carried onto another version of the document), the placement made on our
//!    document is kept, else a fixed choice.
//! 2. A version is dropped when another replaces it: the other lists its stamp (a later edit
//!    of it), or carries the same edit with a later stamp (the same change made twice).
//! 3. A deletion (the latest tombstone of the id; tombstones merge by union) removes every
//!    version stamped before it. A version changed *after* the deletion stays, and the deletion
//!    is kept beside it as a [`Conflict::Deleted`] for review, unless that version already lists
//!    the deletion (someone reviewed it and kept the annotation).
//! 4. If more than one version remains, both sides changed the annotation: the latest stays in
//!    place, the others are kept as [`Conflict::Edited`] until resolved
//!    ([`AnnotationSet::resolve_conflict`]). Nothing is silently dropped.
//!
//! Annotations keep their own authors. Tags are merged by name ([`TagSet::union`](super::TagSet::union)). The
//! document header of `ours` is kept. The result does not depend on which side is `ours` when
//! both files belong to the same document (`merge(A, B)` and `merge(B, A)` save to the same
//! bytes), and merging a file with itself changes nothing.

use super::{Annotation, AnnotationSet, Conflict};
use std::collections::BTreeMap;

/// What a merge did, counted by annotation id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations taken from theirs that we did not have.
    pub added: usize,
    /// Annotations they changed after our version: their version replaced ours.
    pub updated: usize,
    /// Annotations on both sides that stay as ours (the same, or changed only by us).
    pub identical: usize,
    /// Annotations removed because they deleted them after our last change.
    pub deleted: usize,
    /// Annotations of theirs that we had deleted and that stay deleted.
    pub kept_deleted: usize,
    /// Annotations with a new conflict (both changed them, or one side changed what the other
    /// deleted): every version is kept, see [`AnnotationSet::conflicts`].
    pub conflicts: usize,
    /// Ids of the annotations with a new conflict.
    pub conflict_ids: Vec<String>,
}

impl std::fmt::Display for MergeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} added, {} updated, {} identical", self.added, self.updated, self.identical)?;
        if self.deleted > 0 {
            write!(f, ", {} deleted", self.deleted)?;
        }
        if self.kept_deleted > 0 {
            write!(f, ", {} stay deleted", self.kept_deleted)?;
        }
        write!(f, ", {} conflicts", self.conflicts)?;
        if self.conflicts > 0 {
            f.write_str(" (both versions kept for review)")?;
        }
        Ok(())
    }
}

/// Merges `theirs` into `ours` by the rules of the module docs, leaving `ours` in canonical
/// order (callers that show it sort it by document after).
pub fn merge(ours: &mut AnnotationSet, theirs: &AnnotationSet) -> MergeReport {
    let before = ours.clone();
    let prefer_hash = ours.document.content_hash.clone();
    for tombstone in &theirs.tombstones {
        ours.record_deletion(tombstone.clone());
    }
    let mut versions: BTreeMap<String, Vec<Annotation>> = BTreeMap::new();
    for set in [&before, theirs] {
        let others = set.conflicts.iter().filter_map(|c| match c {
            Conflict::Edited(other) => Some(other.as_ref()),
            Conflict::Deleted(_) => None,
        });
        for version in set.annotations.iter().chain(others) {
            versions.entry(version.id.clone()).or_default().push(version.clone());
        }
    }
    ours.annotations.clear();
    ours.conflicts.clear();
    for (id, versions) in versions {
        let mut heads = heads(versions, &prefer_hash);
        if let Some(tombstone) = ours.deletion(&id).cloned() {
            heads.retain(|v| v.modified > tombstone.deleted);
            if heads.iter().any(|v| !v.replaces(tombstone.deleted)) {
                ours.conflicts.push(Conflict::Deleted(tombstone));
            }
        }
        let mut heads = heads.into_iter();
        if let Some(in_place) = heads.next() {
            ours.annotations.push(in_place);
        }
        ours.conflicts.extend(heads.map(|other| Conflict::Edited(Box::new(other))));
    }
    ours.tags = before.tags.union(&theirs.tags);
    ours.sort_canonical();
    for annotation in &ours.annotations {
        for tag in &annotation.tags {
            ours.tags.ensure(tag);
        }
    }
    report(&before, theirs, ours)
}

/// The versions of one annotation that no other replaces (rules 1 and 2), latest first.
fn heads(versions: Vec<Annotation>, prefer_hash: &str) -> Vec<Annotation> {
    // Rule 1: one version per stamp and edit.
    let mut distinct: Vec<Annotation> = Vec::with_capacity(versions.len());
    for version in versions {
        match distinct.iter_mut().find(|d| d.modified == version.modified && d.same_edit(&version)) {
            Some(same) => *same = unite(same, &version, prefer_hash),
            None => distinct.push(version),
        }
    }
    // A version that replaces another also replaces what that one replaced.
    for _ in 0..distinct.len() {
        let mut changed = false;
        for i in 0..distinct.len() {
            for j in 0..distinct.len() {
                if i != j && replaced_by(&distinct[j], &distinct[i]) {
                    let (lineage, before) = (distinct[j].lineage(), distinct[i].supersedes.clone());
                    distinct[i].absorb(&lineage);
                    changed |= distinct[i].supersedes != before;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Rule 2. Two versions that each list the other (resolved differently on two computers): the later stays.
    let mut heads: Vec<Annotation> = distinct
        .iter()
        .filter(|v| !distinct.iter().any(|w| replaced_by(v, w) && !(replaced_by(w, v) && w.modified < v.modified)))
        .cloned()
        .collect();
    heads.sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| ron::to_string(b).ok().cmp(&ron::to_string(a).ok())));
    heads
}

/// True when `w` is a later edit of `v`, or the same edit made later.
fn replaced_by(v: &Annotation, w: &Annotation) -> bool {
    w.replaces(v.modified) || (w.modified > v.modified && w.same_edit(v))
}

/// One version from two with the same stamp and edit: their histories together, and the
/// placement made on our document if one of them was, else the first in a fixed order.
fn unite(a: &Annotation, b: &Annotation, prefer_hash: &str) -> Annotation {
    if a == b {
        return a.clone();
    }
    let placement = |v: &Annotation| (v.anchor.content_hash == prefer_hash, ron::to_string(&(&v.anchor, v.status, &v.previous_quote)).ok());
    let mut kept = if placement(b) > placement(a) { b.clone() } else { a.clone() };
    kept.absorb(&a.supersedes);
    kept.absorb(&b.supersedes);
    kept
}

/// Counts what happened to each id, from our side.
fn report(before: &AnnotationSet, theirs: &AnnotationSet, after: &AnnotationSet) -> MergeReport {
    fn index(set: &AnnotationSet) -> BTreeMap<&str, &Annotation> {
        set.annotations.iter().map(|a| (a.id.as_str(), a)).collect()
    }
    let (ours, theirs_by_id, merged) = (index(before), index(theirs), index(after));
    let mut report = MergeReport::default();
    let mut ids: Vec<&str> = ours.keys().chain(theirs_by_id.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let new_conflict = after.conflicts_of(id).any(|c| !before.conflicts.contains(c));
        let theirs_has = theirs_by_id.contains_key(id);
        match (ours.get(id), merged.get(id)) {
            _ if new_conflict => {
                report.conflicts += 1;
                report.conflict_ids.push(id.to_string());
            }
            (None, Some(_)) => report.added += 1,
            (Some(_), None) => report.deleted += 1,
            (None, None) => report.kept_deleted += 1,
            (Some(_), Some(_)) if !theirs_has => {}
            (Some(mine), Some(kept)) if mine == kept => report.identical += 1,
            (Some(_), Some(_)) => report.updated += 1,
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample_set;
    use super::super::{Colour, Keep, to_ron};
    use super::*;
    use jiff::SignedDuration;

    /// A later version of `a` with another note, stamped `seconds` after its current stamp.
    fn edited(a: &Annotation, note: &str, seconds: i64) -> Annotation {
        let mut b = a.clone();
        b.note = note.to_string();
        let previous = b.modified;
        b.modified = previous.checked_add(SignedDuration::from_secs(seconds)).expect("in range");
        b.absorb(&[previous]);
        b
    }

    fn replace(set: &mut AnnotationSet, version: Annotation) {
        let slot = set.annotations.iter_mut().find(|a| a.id == version.id).expect("present");
        *slot = version;
    }

    fn merged(ours: &AnnotationSet, theirs: &AnnotationSet) -> (AnnotationSet, MergeReport) {
        let mut out = ours.clone();
        let report = merge(&mut out, theirs);
        (out, report)
    }

    fn bytes(set: &AnnotationSet) -> String {
        to_ron(set).expect("serialises")
    }

    fn note<'a>(set: &'a AnnotationSet, id: &str) -> Option<&'a str> {
        set.get(id).map(|a| a.note.as_str())
    }

    #[test]
    fn a_deletion_survives_a_merge_with_an_older_copy() {
        let older = sample_set();
        let id = older.annotations[0].id.clone();
        let mut ours = older.clone();
        ours.delete(&id, "Delegation A").expect("deleted");
        let (out, report) = merged(&ours, &older);
        assert!(out.get(&id).is_none(), "not brought back");
        assert_eq!((report.kept_deleted, report.added, report.conflicts), (1, 0, 0));
        let (out, report) = merged(&older, &ours);
        assert!(out.get(&id).is_none(), "their deletion applies to our unchanged copy");
        assert_eq!((report.deleted, report.conflicts), (1, 0));
        assert_eq!(out.deletion(&id).map(|t| t.author.as_str()), Some("Delegation A"), "who deleted it travels along");
    }

    #[test]
    fn an_edit_after_the_deletion_is_kept_and_reported_and_resolving_sticks() {
        let older = sample_set();
        let id = older.annotations[0].id.clone();
        let mut deleter = older.clone();
        deleter.delete(&id, "Delegation A");
        let deleted = deleter.deletion(&id).expect("tombstone").deleted;
        let mut editor = older.clone();
        let mut late = edited(&older.annotations[0], "still needed", 1);
        late.modified = deleted.checked_add(SignedDuration::from_secs(60)).expect("in range");
        replace(&mut editor, late);

        let (out, report) = merged(&deleter, &editor);
        assert_eq!(note(&out, &id), Some("still needed"), "the later edit is not lost");
        assert!(matches!(out.conflicts_of(&id).next(), Some(Conflict::Deleted(t)) if t.deleted == deleted));
        assert_eq!((report.conflicts, report.conflict_ids.clone()), (1, vec![id.clone()]));
        assert_eq!(bytes(&out), bytes(&merged(&editor, &deleter).0), "the same either way");

        let mut kept = out.clone();
        kept.resolve_conflict(&id, Keep::Current, "Delegation B").expect("resolved");
        assert!(kept.conflicts.is_empty());
        let (again, report) = merged(&kept, &deleter);
        assert_eq!((report.conflicts, again.get(&id).is_some()), (0, true), "a reviewed revival sticks");

        let mut dropped = out;
        dropped.resolve_conflict(&id, Keep::Other, "Delegation B").expect("resolved");
        assert!(dropped.get(&id).is_none() && dropped.conflicts.is_empty());
        assert_eq!(dropped.deletion(&id).map(|t| t.author.as_str()), Some("Delegation B"));
        let (again, report) = merged(&dropped, &editor);
        assert_eq!((report.conflicts, again.get(&id).is_none()), (0, true), "an accepted deletion sticks");
    }

    #[test]
    fn conflicting_edits_keep_both_versions_for_review() {
        let base = sample_set();
        let original = base.annotations[0].clone();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        replace(&mut ours, edited(&original, "ours", 1));
        let mut their_version = edited(&original, "theirs, later", 2);
        their_version.author = "Delegation B".into();
        replace(&mut theirs, their_version.clone());

        let (out, report) = merged(&ours, &theirs);
        assert_eq!((report.conflicts, report.updated, report.identical), (1, 0, 1));
        assert_eq!(out.get(&original.id), Some(&their_version), "the later version in place, its author kept");
        let others: Vec<&Conflict> = out.conflicts_of(&original.id).collect();
        assert!(matches!(others[..], [Conflict::Edited(other)] if other.note == "ours"), "{others:?}");
        assert_eq!(bytes(&out), bytes(&merged(&theirs, &ours).0));

        let mut both = out.clone();
        let added = both.resolve_conflict(&original.id, Keep::Both, "Delegation A").expect("resolved");
        assert_eq!(added.len(), 1);
        assert_eq!(note(&both, &added[0]), Some("ours"));
        let mut elsewhere = out.clone();
        let again = elsewhere.resolve_conflict(&original.id, Keep::Both, "Delegation B").expect("resolved");
        assert_eq!(again, added, "the same new id on every computer");
        for side in [&ours, &theirs] {
            let (again, report) = merged(&both, side);
            assert_eq!((report.conflicts, again.annotations.len()), (0, 3), "resolved stays resolved");
        }

        let mut other = out.clone();
        other.resolve_conflict(&original.id, Keep::Other, "Delegation A").expect("resolved");
        assert_eq!(note(&other, &original.id), Some("ours"));
        let (again, report) = merged(&other, &theirs);
        assert_eq!((report.conflicts, note(&again, &original.id)), (0, Some("ours")));
    }

    #[test]
    fn an_edit_on_one_side_only_is_an_update() {
        let base = sample_set();
        let id = base.annotations[1].id.clone();
        let mut theirs = base.clone();
        replace(&mut theirs, edited(&base.annotations[1], "refined", 5));
        let (out, report) = merged(&base, &theirs);
        assert_eq!((report.updated, report.identical, report.conflicts), (1, 1, 0));
        assert_eq!(note(&out, &id), Some("refined"));
        let (out, report) = merged(&theirs, &base);
        assert_eq!((report.updated, report.identical, report.conflicts), (0, 2, 0), "our newer version stays");
        assert_eq!(note(&out, &id), Some("refined"));
    }

    #[test]
    fn several_edits_in_a_row_are_still_an_update() {
        let base = sample_set();
        let mut theirs = base.clone();
        let mut version = base.annotations[0].clone();
        for step in 1..=5 {
            version = edited(&version, &format!("step {step}"), 1);
        }
        replace(&mut theirs, version);
        let (out, report) = merged(&base, &theirs);
        assert_eq!((report.updated, report.conflicts), (1, 0));
        assert_eq!(note(&out, &base.annotations[0].id), Some("step 5"));
    }

    #[test]
    fn the_same_edit_made_twice_is_not_a_conflict() {
        let base = sample_set();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        replace(&mut ours, edited(&base.annotations[0], "agreed", 1));
        replace(&mut theirs, edited(&base.annotations[0], "agreed", 3));
        let (out, report) = merged(&ours, &theirs);
        assert_eq!(report.conflicts, 0);
        assert_eq!(bytes(&out), bytes(&merged(&theirs, &ours).0));
    }

    #[test]
    fn one_version_placed_on_two_versions_of_the_document_keeps_our_placement() {
        let base = sample_set();
        let mut theirs = base.clone();
        theirs.annotations[0].anchor.content_hash = "another version".into();
        theirs.annotations[0].anchor.char_range.start += 1;
        let (out, report) = merged(&base, &theirs);
        assert_eq!((report.identical, report.conflicts), (2, 0));
        let mut expected = base.clone();
        expected.sort_canonical();
        assert_eq!(out.annotations, expected.annotations);
    }

    #[test]
    fn merging_is_commutative_and_merging_a_file_with_itself_changes_nothing() {
        let base = sample_set();
        let (mut a, mut b) = (base.clone(), base.clone());
        let (first, second) = (base.annotations[0].clone(), base.annotations[1].clone());
        replace(&mut a, edited(&first, "a's view", 1));
        replace(&mut b, edited(&first, "b's view", 1));
        b.delete(&second.id, "Delegation B");
        let mut extra = second.clone();
        extra.id = "01J00000000000000000000EXTRA".into();
        extra.author = "Delegation B".into();
        extra.tags = vec!["bracketed".into()];
        b.annotations.push(extra);
        b.tags.add("bracketed", Colour([1, 2, 3]));
        a.tags.add("mine", Colour([3, 2, 1]));
        a.annotations.reverse();

        let (ab, _) = merged(&a, &b);
        let (ba, _) = merged(&b, &a);
        assert_eq!(bytes(&ab), bytes(&ba), "A+B and B+A give the same bytes");
        assert_eq!(ab.conflicts.len(), 1, "edits with the same stamp still conflict");
        for set in [&a, &b, &ab] {
            let (same, report) = merged(set, set);
            assert_eq!(bytes(&same), bytes(set));
            assert_eq!((report.added, report.updated, report.deleted, report.conflicts), (0, 0, 0, 0));
        }
        let (again, report) = merged(&ab, &b);
        assert_eq!((bytes(&again), report.conflicts), (bytes(&ab), 0), "merging a file already merged changes nothing");
    }

    #[test]
    fn the_report_reads_as_a_sentence() {
        let report =
            MergeReport { added: 2, updated: 1, identical: 3, deleted: 1, kept_deleted: 0, conflicts: 1, conflict_ids: vec!["x".into()] };
        assert_eq!(report.to_string(), "2 added, 1 updated, 3 identical, 1 deleted, 1 conflicts (both versions kept for review)");
    }
}
