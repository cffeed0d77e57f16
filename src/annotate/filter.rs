//! Which annotations a list shows: by tag, author, status and text.

use super::{AnchorStatus, Annotated, Annotation};
use serde::{Deserialize, Serialize};

/// Filters of an annotation list; an unset field lets everything through.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filter {
    /// Only annotations with this tag.
    pub tag: Option<String>,
    /// Only annotations by this author.
    pub author: Option<String>,
    /// Only annotations with this status.
    pub status: Option<AnchorStatus>,
    /// Only annotations whose quote or note contains this (case- and `ё`-insensitive).
    pub text: String,
}

impl Filter {
    /// Whether an annotation, with the status it has now, passes.
    pub fn matches(&self, annotation: &Annotation, status: AnchorStatus) -> bool {
        self.tag.as_ref().is_none_or(|t| annotation.tags.contains(t))
            && self.author.as_ref().is_none_or(|au| &annotation.author == au)
            && self.status.is_none_or(|s| s == status)
            && self.matches_text(annotation)
    }

    fn matches_text(&self, annotation: &Annotation) -> bool {
        let needle = self.text.trim();
        if needle.is_empty() {
            return true;
        }
        let needle: String = crate::text::fold(needle).into_iter().collect();
        [annotation.anchor.quote.as_str(), annotation.note.as_str()].iter().any(|field| {
            let hay: String = crate::text::fold(field).into_iter().collect();
            hay.contains(&needle)
        })
    }

    /// Positions (in `set().annotations`) of the annotations that pass, in document order.
    pub fn apply(&self, annotated: &Annotated) -> Vec<usize> {
        let annotations = &annotated.set().annotations;
        (0..annotations.len()).filter(|&i| self.matches(&annotations[i], annotated.status_of(i))).collect()
    }

    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.tag.is_none() && self.author.is_none() && self.status.is_none() && self.text.trim().is_empty()
    }
}

/// The distinct authors of a set's annotations, sorted.
pub fn authors(annotated: &Annotated) -> Vec<String> {
    let mut authors: Vec<String> = annotated.set().annotations.iter().map(|a| a.author.clone()).collect();
    authors.sort();
    authors.dedup();
    authors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{Anchor, Selection};
    use crate::ingest::{IngestOptions, document_from_bytes};

    #[test]
    fn filters_by_tag_author_status_and_folded_text() {
        let d = document_from_bytes("t.md", "1. Ёлка и мир.\n\n2. Право на труд.\n".as_bytes(), IngestOptions::default()).expect("reads");
        let mut a = Annotated::new(&d);
        let sel = |block: usize, end: usize| Selection { start_block: block, start_char: 0, end_block: block, end_char: end };
        a.annotate(&d, &sel(0, 4), "RU", vec!["support".into()], "хорошо".into());
        a.annotate(&d, &sel(1, 5), "FR", vec!["concern".into()], String::new());
        assert_eq!(Filter::default().apply(&a), vec![0, 1]);
        assert_eq!(Filter { tag: Some("concern".into()), ..Filter::default() }.apply(&a), vec![1]);
        assert_eq!(Filter { author: Some("RU".into()), ..Filter::default() }.apply(&a), vec![0]);
        assert_eq!(Filter { text: "ЕЛКА".into(), ..Filter::default() }.apply(&a), vec![0]);
        assert_eq!(Filter { text: "ХОРОШО".into(), ..Filter::default() }.apply(&a), vec![0]);
        assert_eq!(Filter { status: Some(AnchorStatus::Orphaned), ..Filter::default() }.apply(&a), Vec::<usize>::new());
        assert_eq!(authors(&a), vec!["FR".to_string(), "RU".to_string()]);
        assert!(Anchor::for_quote(&d, 0, "мир").is_some());
    }
}
