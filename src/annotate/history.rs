//! Undo and redo of annotation changes, as invertible steps (after helix's transactions):
//! each step records the state before and after, so it can be applied either way.

use super::{Annotation, AnnotationSet};

/// Most steps kept; the oldest are forgotten first.
const MAX_STEPS: usize = 200;

/// One undoable change.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// One annotation added (`before` is none), deleted (`after` is none) or edited.
    Annotation {
        /// The annotation before the change.
        before: Option<Box<Annotation>>,
        /// The annotation after the change.
        after: Option<Box<Annotation>>,
    },
    /// The whole set replaced (tag changes, merges, an annotation file opened).
    Set {
        /// The set before.
        before: Box<AnnotationSet>,
        /// The set after.
        after: Box<AnnotationSet>,
    },
}

impl Step {
    /// The same step the other way round.
    pub fn inverse(self) -> Self {
        match self {
            Step::Annotation { before, after } => Step::Annotation { before: after, after: before },
            Step::Set { before, after } => Step::Set { before: after, after: before },
        }
    }

    /// Applies the step (its `after` side) to a set; annotations are re-sorted by the caller.
    pub fn apply(&self, set: &mut AnnotationSet) {
        match self {
            Step::Annotation { before, after } => {
                let id = before.as_ref().or(after.as_ref()).map(|a| a.id.clone());
                if let Some(id) = id {
                    set.annotations.retain(|a| a.id != id);
                }
                if let Some(after) = after {
                    for tag in &after.tags {
                        set.tags.ensure(tag);
                    }
                    set.annotations.push((**after).clone());
                }
            }
            Step::Set { after, .. } => *set = (**after).clone(),
        }
    }

    /// Words for the menu: "Undo delete", "Redo tag change".
    pub fn describe(&self) -> &'static str {
        match self {
            Step::Annotation { before: None, .. } => "annotate",
            Step::Annotation { after: None, .. } => "delete",
            Step::Annotation { .. } => "edit",
            Step::Set { before, after } if after.annotations.len() + 1 == before.annotations.len() => "delete",
            Step::Set { .. } => "change to all annotations",
        }
    }
}

/// Steps that can be undone and redone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a step just done; anything undone before it can no longer be redone.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        self.undo.push(step);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// The step that undoes the last one (already inverted), moved to the redo list.
    pub fn undo(&mut self) -> Option<Step> {
        let step = self.undo.pop()?;
        self.redo.push(step.clone());
        Some(step.inverse())
    }

    /// The step to redo, moved back to the undo list.
    pub fn redo(&mut self) -> Option<Step> {
        let step = self.redo.pop()?;
        self.undo.push(step.clone());
        Some(step)
    }

    /// What undo would undo.
    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.last()
    }

    /// What redo would redo.
    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }
}
