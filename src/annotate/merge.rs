//! Merging a colleague's annotations into ours.

use super::AnnotationSet;

/// What a merge did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations taken from theirs that we did not have.
    pub added: usize,
    /// Ids present on both sides with different content; the later `modified` was kept.
    pub conflicts: usize,
    /// Ids of the conflicting annotations.
    pub conflict_ids: Vec<String>,
    /// Ids present on both sides with the same content.
    pub identical: usize,
}

impl std::fmt::Display for MergeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} added, {} identical, {} conflicts", self.added, self.identical, self.conflicts)?;
        if self.conflicts > 0 {
            f.write_str(" (the later edit was kept)")?;
        }
        Ok(())
    }
}

/// Merges `theirs` into `ours`: union by id; for an id edited on both sides the later
/// `modified` wins and the case is counted as a conflict; tags are merged by name. The
/// document header of `ours` is kept. Annotations are re-sorted by (block id, offset, id)
/// only if `document` order is not available: callers with the document call `sort` after.
pub fn merge(ours: &mut AnnotationSet, theirs: &AnnotationSet) -> MergeReport {
    let mut report = MergeReport::default();
    ours.tags.merge_from(&theirs.tags);
    for theirs_annotation in &theirs.annotations {
        match ours.annotations.iter_mut().find(|a| a.id == theirs_annotation.id) {
            None => {
                for tag in &theirs_annotation.tags {
                    ours.tags.ensure(tag);
                }
                ours.annotations.push(theirs_annotation.clone());
                report.added += 1;
            }
            Some(mine) if mine == theirs_annotation => report.identical += 1,
            Some(mine) => {
                report.conflicts += 1;
                report.conflict_ids.push(mine.id.clone());
                if theirs_annotation.modified > mine.modified {
                    *mine = theirs_annotation.clone();
                }
            }
        }
    }
    // Without the document, a stable order: by block id, then offset, then id.
    ours.annotations.sort_by(|a, b| {
        (&a.anchor.block_id, a.anchor.char_range.start, &a.id).cmp(&(&b.anchor.block_id, b.anchor.char_range.start, &b.id))
    });
    report
}
