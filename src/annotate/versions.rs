//! Versions of an annotation: edits that replace earlier versions, deletions that leave a
//! [`Tombstone`], and [`Conflict`]s a merge keeps for review until someone resolves them.
//!
//! Every version is known by its `modified` stamp. An edit ([`Annotation::touch`]) records the
//! stamp it replaces in [`Annotation::supersedes`], so a version that lists another's stamp is
//! a later edit of it. A deletion is stamped later than every version it removes.

use super::{Annotation, AnnotationSet};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// Most stamps kept in [`Annotation::supersedes`] (the oldest are dropped first). A version
/// older than that many edits is no longer recognised as replaced: merging it is reported as
/// a conflict, so nothing is lost.
pub const MAX_SUPERSEDED: usize = 32;

/// A record that an annotation was deleted, kept in the file so that merging a copy that
/// still has the annotation does not bring it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// Id of the deleted annotation.
    pub id: String,
    /// Who deleted it.
    pub author: String,
    /// When (later than every version of the annotation the deleting side knew).
    pub deleted: Timestamp,
}

/// Two versions a merge could not reconcile. The version in place is in
/// [`AnnotationSet::annotations`] under the same id; this is the other one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Conflict {
    /// Both sides changed the annotation: this is the version not in place (same id, written
    /// earlier or, at the same time, second in a fixed order).
    Edited(Box<Annotation>),
    /// One side deleted the annotation, the other changed it after the deletion: the changed
    /// version stays in place, this is the deletion.
    Deleted(Tombstone),
}

impl Conflict {
    /// Id of the annotation in conflict.
    pub fn id(&self) -> &str {
        match self {
            Conflict::Edited(other) => &other.id,
            Conflict::Deleted(tombstone) => &tombstone.id,
        }
    }
}

/// How to resolve a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// The version in place; the other versions (or the deletion) are dropped.
    Current,
    /// The other version (the latest, if several); for a deletion: delete the annotation.
    Other,
    /// Every version: the other versions become annotations of their own, with new ids derived
    /// from the old id and the version (the same on every computer); for a deletion, as `Current`.
    Both,
}

/// Why a conflict could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing waits for review under that id.
    #[error("annotation {id} has no conflict to resolve")]
    NoConflict {
        /// The id asked for.
        id: String,
    },
}

impl Annotation {
    /// Marks the annotation as edited now: the version it was is recorded as replaced, and the
    /// new stamp is later than the old one even when the clock is behind.
    pub fn touch(&mut self) {
        let previous = self.modified;
        self.modified = Timestamp::now().max(just_after(previous));
        self.absorb(&[previous]);
    }

    /// Records `stamps` as replaced by this version (kept sorted, without repeats, capped).
    pub(crate) fn absorb(&mut self, stamps: &[Timestamp]) {
        let modified = self.modified;
        self.supersedes.extend(stamps.iter().copied().filter(|s| *s != modified));
        self.supersedes.sort_unstable();
        self.supersedes.dedup();
        let excess = self.supersedes.len().saturating_sub(MAX_SUPERSEDED);
        self.supersedes.drain(..excess);
    }

    /// True when this version is a later edit of a version stamped `stamp`.
    pub(crate) fn replaces(&self, stamp: Timestamp) -> bool {
        self.supersedes.binary_search(&stamp).is_ok()
    }

    /// Every stamp of this version and of the versions it replaces.
    pub(crate) fn lineage(&self) -> Vec<Timestamp> {
        let mut stamps = self.supersedes.clone();
        stamps.push(self.modified);
        stamps
    }

    /// True when two versions carry the same edit: they differ at most in where the passage
    /// was placed (anchor, status, previous quote) and in their edit records.
    pub(crate) fn same_edit(&self, other: &Annotation) -> bool {
        let mut this = self.clone();
        this.anchor.clone_from(&other.anchor);
        this.status = other.status;
        this.previous_quote.clone_from(&other.previous_quote);
        this.supersedes.clone_from(&other.supersedes);
        this.modified = other.modified;
        this == *other
    }
}

/// The smallest stamp after `stamp`.
fn just_after(stamp: Timestamp) -> Timestamp {
    stamp.checked_add(SignedDuration::from_nanos(1)).unwrap_or(stamp)
}

impl AnnotationSet {
    /// Deletes an annotation and records who deleted it and when, so that merging a copy that
    /// still has it does not bring it back. Versions waiting for review under the same id go
    /// too. Returns the annotation that was in place.
    pub fn delete(&mut self, id: &str, author: &str) -> Option<Annotation> {
        let removed = self.remove(id);
        let mut latest = removed.as_ref().map(|a| a.modified);
        for conflict in self.conflicts.iter().filter(|c| c.id() == id) {
            let stamp = match conflict {
                Conflict::Edited(other) => other.modified,
                Conflict::Deleted(tombstone) => tombstone.deleted,
            };
            latest = latest.max(Some(stamp));
        }
        self.conflicts.retain(|c| c.id() != id);
        let Some(latest) = latest else { return removed };
        let deleted = Timestamp::now().max(just_after(latest));
        self.record_deletion(Tombstone { id: id.to_string(), author: author.to_string(), deleted });
        removed
    }

    /// The record of this annotation's deletion, if it was deleted.
    pub fn deletion(&self, id: &str) -> Option<&Tombstone> {
        self.tombstones.binary_search_by(|t| t.id.as_str().cmp(id)).ok().map(|i| &self.tombstones[i])
    }

    /// Conflicts waiting for review on this annotation.
    pub fn conflicts_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Conflict> + 'a {
        self.conflicts.iter().filter(move |c| c.id() == id)
    }

    /// Resolves every conflict on annotation `id` (see [`Keep`]); `author` is who resolves, and
    /// is recorded if the resolution deletes the annotation. Returns the ids of annotations
    /// added by [`Keep::Both`]. The resolution sticks: merging the files the conflict came from
    /// again does not bring it back.
    pub fn resolve_conflict(&mut self, id: &str, keep: Keep, author: &str) -> Result<Vec<String>, ResolveError> {
        let conflicts: Vec<Conflict> = self.conflicts.iter().filter(|c| c.id() == id).cloned().collect();
        if conflicts.is_empty() {
            return Err(ResolveError::NoConflict { id: id.to_string() });
        }
        self.conflicts.retain(|c| c.id() != id);
        let mut others: Vec<Annotation> = Vec::new();
        let mut deletion = None;
        for conflict in conflicts {
            match conflict {
                Conflict::Edited(other) => others.push(*other),
                Conflict::Deleted(tombstone) => deletion = Some(tombstone),
            }
        }
        others.sort_by_key(|a| std::cmp::Reverse(a.modified));
        // Nothing in place (a hand-made file): the latest other version takes its place first.
        let keep = if self.get(id).is_none() && !others.is_empty() {
            self.annotations.push(others.remove(0));
            if others.is_empty() { Keep::Current } else { keep }
        } else {
            keep
        };
        let mut seen: Vec<Timestamp> = others.iter().flat_map(Annotation::lineage).collect();
        seen.extend(deletion.map(|t| t.deleted));
        let mut added = Vec::new();
        match keep {
            Keep::Other if others.is_empty() => {
                self.delete(id, author);
                return Ok(added);
            }
            Keep::Other => {
                let mut chosen = others.remove(0);
                if let Some(current) = self.remove(id) {
                    seen.extend(current.lineage());
                }
                chosen.absorb(&seen);
                self.annotations.push(chosen);
            }
            Keep::Current => {}
            Keep::Both => {
                for mut other in others {
                    other.id = derived_id(&other);
                    other.supersedes.clear();
                    added.push(other.id.clone());
                    self.annotations.push(other);
                }
            }
        }
        if let Some(current) = self.get_mut(id) {
            current.absorb(&seen);
        }
        self.sort_canonical();
        Ok(added)
    }

    /// Adds a tombstone, keeping one per id (the latest deletion) in id order.
    pub(crate) fn record_deletion(&mut self, tombstone: Tombstone) {
        match self.tombstones.binary_search_by(|t| t.id.cmp(&tombstone.id)) {
            Ok(i) => {
                let kept = &mut self.tombstones[i];
                if (tombstone.deleted, &tombstone.author) > (kept.deleted, &kept.author) {
                    *kept = tombstone;
                }
            }
            Err(i) => self.tombstones.insert(i, tombstone),
        }
    }
}

/// A new id for a version kept beside the one in place: a ULID with the version's creation
/// time, its random part derived from the old id and the version, so every computer that keeps
/// both gets the same id.
fn derived_id(version: &Annotation) -> String {
    let seed = blake3::hash(format!("{}\u{1f}{}\u{1f}{}", version.id, version.modified, version.author).as_bytes());
    let mut random = [0u8; 16];
    random.copy_from_slice(&seed.as_bytes()[..16]);
    let millis = u64::try_from(version.created.as_millisecond()).unwrap_or(0);
    ulid::Ulid::from_parts(millis, u128::from_be_bytes(random)).to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{annotation_at, sample_set};
    use super::*;

    #[test]
    fn touch_records_the_version_it_replaces_and_always_moves_forward() {
        let mut a = annotation_at("x", "2026-01-01T10:00:00Z");
        a.modified = "2999-01-01T00:00:00Z".parse().expect("stamp"); // a clock far ahead
        let before = a.modified;
        a.touch();
        assert!(a.modified > before);
        assert!(a.replaces(before));
        for _ in 0..(MAX_SUPERSEDED + 5) {
            a.touch();
        }
        assert_eq!(a.supersedes.len(), MAX_SUPERSEDED, "capped");
        assert!(a.supersedes.windows(2).all(|w| w[0] < w[1]), "sorted");
    }

    #[test]
    fn delete_leaves_a_tombstone_later_than_every_version() {
        let mut set = sample_set();
        let id = set.annotations[0].id.clone();
        set.annotations[0].modified = "2999-01-01T00:00:00Z".parse().expect("stamp");
        let removed = set.delete(&id, "Delegation A").expect("was there");
        assert_eq!(removed.id, id);
        assert!(set.get(&id).is_none());
        let tombstone = set.deletion(&id).expect("recorded");
        assert_eq!(tombstone.author, "Delegation A");
        assert!(tombstone.deleted > removed.modified);
        assert!(set.delete("no such id", "A").is_none());
        assert_eq!(set.tombstones.len(), 1, "nothing recorded for an unknown id");
    }

    #[test]
    fn same_edit_ignores_placement_but_not_content() {
        let a = annotation_at("x", "2026-01-01T10:00:00Z");
        let mut moved = a.clone();
        moved.anchor.block_id = crate::store::BlockId("II.3".into());
        moved.status = super::super::AnchorStatus::Moved;
        assert!(a.same_edit(&moved));
        let mut edited = a.clone();
        edited.note = "changed".into();
        assert!(!a.same_edit(&edited));
    }

    #[test]
    fn resolving_without_a_conflict_is_an_error() {
        let mut set = sample_set();
        let err = set.resolve_conflict("nope", Keep::Current, "A").expect_err("no conflict");
        assert_eq!(err, ResolveError::NoConflict { id: "nope".into() });
    }

    #[test]
    fn a_version_waiting_without_one_in_place_is_never_dropped() {
        let mut set = sample_set();
        let other = set.annotations.remove(0);
        let id = other.id.clone();
        set.conflicts.push(Conflict::Edited(Box::new(other)));
        for keep in [Keep::Current, Keep::Other, Keep::Both] {
            let mut resolved = set.clone();
            resolved.resolve_conflict(&id, keep, "A").expect("resolved");
            assert!(resolved.get(&id).is_some() && resolved.conflicts.is_empty(), "{keep:?}");
        }
    }

    #[test]
    fn derived_ids_are_stable_and_new() {
        let a = annotation_at("01J000000000000000000000AA", "2026-01-01T10:00:00Z");
        assert_eq!(derived_id(&a), derived_id(&a.clone()));
        assert_ne!(derived_id(&a), a.id);
        let mut b = a.clone();
        b.modified = "2026-01-02T10:00:00Z".parse().expect("stamp");
        assert_ne!(derived_id(&a), derived_id(&b));
    }
}
